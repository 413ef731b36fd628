/* The colophon at the end of every book: what it holds, how it was made, and each source's digest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "colophon.h"
#include "date.h"
#include "read.h"
#include "l10n.h"
#include "style.h"
#include "util.h"
#include "version.h"

static struct node *
add(struct node *parent, enum node_type type)
{
	return node_append(parent, node_new(type));
}

static void
text(struct node *parent, const char *s)
{
	struct node *t = add(parent, NODE_TEXT);
	t->text = xstrdup(s);
}

static void
code(struct node *parent, const char *s)
{
	struct node *t = add(parent, NODE_CODE);
	t->text = xstrdup(s);
}

static void
para(struct node *parent, const char *s)
{
	text(add(parent, NODE_PARA), s);
}

static void
heading(struct node *parent, const char *s, const char *id)
{
	struct node *h = add(parent, NODE_HEADING);
	h->level = 1;
	h->id = xstrdup(id);
	text(h, s);
}

/* The options that shaped the book, in a fixed order: never the file names, which do not change
 * what is in it. */
static char *
how(const struct options *opt)
{
	static const char *const groups[] = {"month", "section", "none"};
	const struct style *st = opt->style;
	struct buf b = {0};
	char iso[11];

	buf_printf(&b, "Made with quire %s: style %s, %.0f \xc3\x97 %.0f mm pages, contents "
	    "by %s", QUIRE_VERSION, st ? st->name : "default", st ? st->page_w / 72 * 25.4 : 0,
	    st ? st->page_h / 72 * 25.4 : 0, groups[opt->group]);
	if (opt->since.year) {
		date_iso(&opt->since, iso);
		buf_printf(&b, ", since %s", iso);
	}
	if (opt->until.year) {
		date_iso(&opt->until, iso);
		buf_printf(&b, ", until %s", iso);
	}
	for (size_t i = 0; i < opt->nsections; i++)
		buf_printf(&b, "%s%s", i ? ", " : ", sections: ", opt->sections[i]);
	for (size_t i = 0; i < opt->ntags; i++)
		buf_printf(&b, "%s%s", i ? ", " : ", tags: ", opt->tags[i]);
	if (opt->run_on)
		buf_puts(&b, ", articles run on");
	if (opt->image_max_px)
		buf_printf(&b, ", EPUB photos at most %d px", opt->image_max_px);
	buf_puts(&b, opt->keep_meta ? ", photos' metadata kept" :
	    ", photos' metadata (EXIF, XMP, IPTC, GPS) removed");
	if (opt->volumes != VOLUMES_NONE)
		buf_printf(&b, ", a volume per %s", opt->volumes == VOLUMES_YEAR ? "year" : "month");
	if (opt->max_size)
		buf_printf(&b, ", volumes of at most %llu bytes", (unsigned long long)opt->max_size);
	buf_putc(&b, '.');
	return buf_detach(&b);
}

/* Digests of the photos read so far: path -> index into hex. */
struct digests {
	struct strset index;
	char **hex;
	size_t n;
};

static const char *
digest(struct digests *d, const struct archive *ar, const char *path)
{
	size_t i;
	char hex[65];
	const char *why;
	uint64_t len;
	unsigned char h[32];

	if (strset_get(&d->index, path, &i))
		return d->hex[i];
	if (archive_photo_digest(ar, path, h, &len, &why) == 0)
		hex32(h, hex);
	else
		snprintf(hex, sizeof(hex), "(unreadable)");
	d->hex = xrealloc(d->hex, (d->n + 1) * sizeof(char *));
	d->hex[d->n] = xstrdup(hex);
	strset_add(&d->index, path, d->n);
	return d->hex[d->n++];
}

/* A paragraph naming a file, then on a line of its own its digest. */
static void
file(struct node *item, const char *what, const char *path, const char *hex)
{
	struct node *p = add(item, NODE_PARA);

	text(p, what);
	code(p, path);
	add(p, NODE_LINEBREAK);
	text(p, "SHA-256 ");
	code(p, hex);
}

/* One article's entry: its title, date and source, then its file and photos with digests. */
static void
entry(struct node *list, const struct article *a, struct digests *d, const struct archive *ar)
{
	struct node *item = add(list, NODE_ITEM), *p = add(item, NODE_PARA), *l;
	char hex[65], longd[32];

	text(add(p, NODE_STRONG), a->title);
	if (a->date.year) {
		date_long(&a->date, longd);
		text(p, ", ");
		text(p, longd);
	}
	if (a->source) {
		text(p, ". Source: ");
		if (startswith(a->source, "http://") || startswith(a->source, "https://")) {
			l = add(p, NODE_LINK);
			l->link = LINK_EXTERNAL;
			l->url = xstrdup(a->source);
			text(l, a->source);
		} else
			text(p, a->source);
	}
	text(p, ".");
	hex32(a->sha256, hex);
	if (a->captured.year) {
		/* A page of a web archive: its file and record, and both digests. */
		char *file = xstrndup(a->path, read_file_part(a->path)), utc[21], at[64];
		struct node *q = add(item, NODE_PARA);
		date_iso_utc(&a->captured, utc);
		snprintf(at, sizeof(at), ", record at byte %llu, captured %s",
		    (unsigned long long)a->record, utc);
		text(q, "Web archive ");
		code(q, file);
		text(q, at);
		if (a->digest) {
			add(q, NODE_LINEBREAK);
			text(q, "WARC-Payload-Digest ");
			code(q, a->digest);
		}
		add(q, NODE_LINEBREAK);
		text(q, "SHA-256 ");
		code(q, hex);
		free(file);
	} else
		file(item, "File ", a->path, hex);
	for (size_t i = 0; i < a->nphotos; i++)
		file(item, "Photo ", a->photos[i], digest(d, ar, a->photos[i]));
}

struct node *
colophon_body(const struct options *opt, const struct archive *book, char *const *changes,
              size_t nchanges, size_t volume, size_t nvolumes)
{
	struct node *body = node_new(NODE_BODY), *list;
	/* The headings are in the book's language; the sentences, for now, in English. */
	const struct l10n *l = opt->style ? opt->style->l10n : NULL;
	struct digests d = {0};
	struct date from, to;
	char longd[32], range[80], *s;
	struct buf b = {0};

	date_long(&book->date, longd);
	buf_printf(&b, "This book is a snapshot of %s taken on %s", book->title, longd);
	if (archive_range(book, &from, &to)) {
		date_range(&from, &to, range);
		buf_printf(&b, ", of the articles of %s", range);
	}
	if (nvolumes)
		buf_printf(&b, ", volume %zu of %zu", volume, nvolumes);
	buf_printf(&b, ". It holds %zu article%s.", book->narticles, book->narticles == 1 ? "" : "s");
	para(body, buf_str(&b));
	buf_free(&b);
	s = how(opt);
	para(body, s);
	free(s);
	para(body, "Each source file is named below with the SHA-256 digest of its bytes, as "
	    "sha256sum prints it, so that anyone holding the files can check that they are the "
	    "ones this book was made from.");
	for (size_t i = 0; i < book->narticles; i++)
		if (book->articles[i].captured.year) {
			para(body, "A page captured in a web archive is named by its WARC file and "
			    "record, with the WARC-Payload-Digest the capture tool wrote and the "
			    "SHA-256 of the page as it was read (its HTTP transfer and content codings "
			    "undone).");
			break;
		}
	if (nchanges) {
		heading(body, l10n_label(l, book->lang, L10N_CHANGES), "changes");
		list = add(body, NODE_LIST);
		list->tight = 1;
		for (size_t i = 0; i < nchanges; i++)
			para(add(list, NODE_ITEM), changes[i]);
	}
	heading(body, l10n_label(l, book->lang, L10N_SOURCES), "sources");
	list = add(body, NODE_LIST);
	for (size_t i = 0; i < book->narticles; i++)
		entry(list, &book->articles[i], &d, book);
	for (size_t i = 0; i < d.n; i++)
		free(d.hex[i]);
	free(d.hex);
	strset_free(&d.index);
	return body;
}
