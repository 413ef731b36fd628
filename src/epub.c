/* The EPUB 3 writer (with an NCX for EPUB 2 readers), built with libzip. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "archive.h"
#include "date.h"
#include "epub.h"
#include "image.h"
#include "msg.h"
#include "outfile.h"
#include "style.h"
#include "toc.h"
#include "util.h"
#include "xml.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"

/* A photo stored in the book. */
struct photo {
	char *src;              /* archive-relative source path */
	char *name;             /* path inside OEBPS, e.g. "images/i0001.jpg", or NULL: unusable */
	enum image_type type;
	int width, height;
	int dup;                /* 1: same bytes as an earlier photo, whose stored file it shares */
};

/* The writer's state while one book is built. */
struct epub {
	const struct archive *ar;
	const struct toc *toc;
	const struct style *st;
	const struct options *opt;
	struct outfile out;     /* the container's temporary and destination */
	zip_t *zip;
	const struct photo *cover; /* the cover photo, or NULL */
	char *spool;            /* temporary file holding every generated entry, read at zip_close */
	FILE *spoolf;
	uint64_t spooled;       /* bytes written to the spool so far */
	struct strset photo_index; /* src -> index into photos */
	struct photo *photos;
	size_t nphotos;
	int failed;
	unsigned short dosdate, dostime;
	struct strset ids;      /* ids present in the article being written */
};

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* Sets the fixed time, permissions and compression every entry gets. */
static void
settle(struct epub *e, zip_int64_t idx, int store)
{
	if (zip_file_set_dostime(e->zip, (zip_uint64_t)idx, e->dostime, e->dosdate, 0) != 0 ||
	    zip_file_set_external_attributes(e->zip, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
	        (zip_uint32_t)(0100644) << 16) != 0 ||
	    zip_set_file_compression(e->zip, (zip_uint64_t)idx, store ? ZIP_CM_STORE :
	        ZIP_CM_DEFLATE, store ? 0 : 9) != 0) {
		msg_error(NULL, 0, "libzip: %s", zip_strerror(e->zip));
		e->failed = 1;
	}
}

/* Adds a copy of len bytes at data as name. */
static void
add_bytes(struct epub *e, const char *name, const void *data, size_t len, int store)
{
	void *copy = xmalloc(len ? len : 1);
	zip_source_t *src;
	zip_int64_t idx;

	memcpy(copy, data, len);
	src = zip_source_buffer(e->zip, copy, len, 1);
	if (src == NULL) {
		free(copy);
		goto fail;
	}
	if ((idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		goto fail;
	}
	settle(e, idx, store);
	return;
fail:
	msg_error(NULL, 0, "libzip: %s: %s", name, zip_strerror(e->zip));
	e->failed = 1;
}

/* Adds len bytes as name: they are appended to the spool file, which libzip reads when the zip
 * is closed, so that memory does not grow with the book. */
static void
spool(struct epub *e, const char *name, const void *data, size_t len, int store)
{
	zip_source_t *src;
	zip_int64_t idx;

	/* libzip reads a zero length as "to the end of the file": small entries go in memory. */
	if (len < 64) {
		add_bytes(e, name, data, len, store);
		return;
	}
	if (fwrite(data, 1, len, e->spoolf) != len || fflush(e->spoolf) != 0) {
		msg_error(e->spool, 0, "cannot write: %s", strerror(errno));
		e->failed = 1;
		return;
	}
	src = zip_source_file(e->zip, e->spool, e->spooled, (zip_int64_t)len);
	e->spooled += len;
	if (src == NULL || (idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		if (src)
			zip_source_free(src);
		msg_error(NULL, 0, "libzip: %s: %s", name, zip_strerror(e->zip));
		e->failed = 1;
		return;
	}
	settle(e, idx, store);
}

/* Finishes an XML document and spools it as name. */
static void
finish(struct epub *e, struct xml *x, const char *name)
{
	struct buf b = {0};

	if (xml_close(x, &b) != 0) {
		msg_error(NULL, 0, "%s: cannot write XML", name);
		e->failed = 1;
	} else
		spool(e, name, b.data, b.len, 0);
	buf_free(&b);
}

/* Prepares the photo at src for the book once; returns it (name NULL when unusable). */
static const struct photo *
photo(struct epub *e, const char *src, unsigned line, const char *label)
{
	size_t i;
	struct image_data d = {0};
	const char *why = NULL;
	char *full;
	int max = e->opt->image_max_px ? e->opt->image_max_px : e->st->image_max_px;

	if (strset_get(&e->photo_index, src, &i))
		return &e->photos[i];
	e->photos = xrealloc(e->photos, (e->nphotos + 1) * sizeof(*e->photos));
	struct photo *p = &e->photos[e->nphotos];
	memset(p, 0, sizeof(*p));
	p->src = xstrdup(src);
	strset_add(&e->photo_index, src, e->nphotos++);
	full = path_join(e->ar->root, src);
	/* The same photo under several names is stored and converted once. */
	{
		char *bytes, hex[65], *key;
		size_t len, first;
		unsigned char digest[32];
		if (file_read(full, &bytes, &len) == 0) {
			sha256(bytes, len, digest);
			free(bytes);
			hex32(digest, hex);
			key = xasprintf("sha256:%s", hex);
			if (strset_get(&e->photo_index, key, &first)) {
				const struct photo *q = &e->photos[first];
				p->name = q->name ? xstrdup(q->name) : NULL;
				p->type = q->type;
				p->width = q->width;
				p->height = q->height;
				p->dup = 1;
				free(key);
				free(full);
				return p;
			}
			strset_add(&e->photo_index, key, e->nphotos - 1);
			free(key);
		}
	}
	if (image_for_epub(full, max, e->opt->keep_meta, &d, &why) != 0) {
		/* Reported once per photo, where it is first used. */
		msg_warn(label, line, "image unusable (%s): %s", why ? why : "?", src);
		free(full);
		return p;
	}
	free(full);
	p->type = d.type;
	p->width = d.width;
	p->height = d.height;
	p->name = xasprintf("images/i%04zu.%s", e->nphotos, image_extension(d.type));
	{
		char *zname = xasprintf("OEBPS/%s", p->name);
		spool(e, zname, d.data, d.len, 1);
		free(zname);
	}
	image_data_free(&d);
	return p;
}

static void
photos_free(struct epub *e)
{
	for (size_t i = 0; i < e->nphotos; i++) {
		free(e->photos[i].src);
		free(e->photos[i].name);
	}
	free(e->photos);
	strset_free(&e->photo_index);
}

/* Starts an XHTML document with head and opens body. */
static void
xhtml_head(struct xml *x, const char *title, const char *lang, enum dir dir, const char *css)
{
	xml_doctype(x, "html");
	xml_start(x, "html");
	xml_attr(x, "xmlns", XHTML_NS);
	xml_attr(x, "xmlns:epub", OPS_NS);
	xml_attr(x, "lang", lang);
	xml_attr(x, "xml:lang", lang);
	if (dir != DIR_AUTO)
		xml_attr(x, "dir", dir == DIR_RTL ? "rtl" : "ltr");
	xml_raw(x, "\n");
	xml_start(x, "head");
	xml_start(x, "meta");
	xml_attr(x, "charset", "utf-8");
	xml_end(x);
	xml_elem(x, "title", NULL, NULL, title);
	xml_start(x, "link");
	xml_attr(x, "rel", "stylesheet");
	xml_attr(x, "type", "text/css");
	xml_attr(x, "href", css);
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "body");
	xml_raw(x, "\n");
}

/* Writes an image element or, when the photo is unusable, its alt text in a marked span. */
static void
img(struct epub *e, struct xml *x, const struct node *n, const char *label, int block)
{
	const struct photo *p = n->url ? photo(e, n->url, n->line, label) : NULL;

	if (p && p->name) {
		char *src = xasprintf("../%s", p->name);
		char w[16], h[16];
		snprintf(w, sizeof(w), "%d", p->width);
		snprintf(h, sizeof(h), "%d", p->height);
		xml_start(x, "img");
		xml_attr(x, "src", src);
		xml_attr(x, "alt", n->text ? n->text : "");
		xml_attr(x, "width", w);
		xml_attr(x, "height", h);
		xml_end(x);
		free(src);
		return;
	}
	xml_start(x, block ? "p" : "span");
	xml_attr(x, "class", "missing");
	xml_text(x, "[Image");
	if (n->text && *n->text) {
		xml_text(x, ": ");
		xml_text(x, n->text);
	}
	xml_text(x, "]");
	xml_end(x);
}

/* Returns the tag for a model block, or NULL for nodes that are not simple wrappers. */
static const char *
tag_of(const struct node *n, int tight_item_para)
{
	static const char *const h[] = {"h2", "h3", "h4", "h5", "h6", "h6"};

	switch (n->type) {
	case NODE_BODY:
		return NULL;
	case NODE_PARA:
		return tight_item_para ? NULL : "p";
	case NODE_HEADING:
		return h[n->level < 1 ? 0 : n->level > 6 ? 5 : n->level - 1];
	case NODE_QUOTE:
		return "blockquote";
	case NODE_LIST:
		return n->ordered ? "ol" : "ul";
	case NODE_ITEM:
		return "li";
	case NODE_FIGURE:
		return "figure";
	case NODE_CAPTION:
		return "figcaption";
	case NODE_TABLE:
		return "table";
	case NODE_TABLE_ROW:
		return "tr";
	case NODE_TABLE_CELL:
		return n->header ? "th" : "td";
	case NODE_EMPH:
		return "em";
	case NODE_STRONG:
		return "strong";
	case NODE_LINK:
		return "a";
	case NODE_CODE_BLOCK: case NODE_HR: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK:
		return NULL;
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Is n a paragraph directly inside an item of a tight list? */
static int
tight_para(const struct node *n)
{
	return n->type == NODE_PARA && n->parent && n->parent->type == NODE_ITEM &&
	    n->parent->parent && n->parent->parent->tight;
}

/* Does a link get an <a>? Its target must be an exported article, or an anchor in this one. */
static int
link_ok(const struct epub *e, const struct node *n)
{
	if (n->link == LINK_ARTICLE)
		return archive_find(e->ar, n->url, NULL);
	return n->link != LINK_ANCHOR || (n->id && strset_get(&e->ids, n->id, NULL));
}

/* Opens the element for n, with its attributes. Returns 1 when an element was opened. */
static int
open_elem(struct epub *e, struct xml *x, const struct node *n)
{
	const char *tag = tag_of(n, tight_para(n));
	char num[16];

	if (tag == NULL || (n->type == NODE_LINK && !link_ok(e, n)))
		return 0;
	xml_start(x, tag);
	switch (n->type) {
	case NODE_HEADING:
		xml_attr(x, "id", n->id);
		break;
	case NODE_LIST:
		if (n->ordered && n->start != 1) {
			snprintf(num, sizeof(num), "%d", n->start);
			xml_attr(x, "start", num);
		}
		break;
	case NODE_LINK:
		if (n->link == LINK_ARTICLE) {
			size_t idx;
			/* The target's id is its file name; fragments inside it are not checked. */
			archive_find(e->ar, n->url, &idx);
			char *href = xasprintf("%s.xhtml", e->ar->articles[idx].id);
			xml_attr(x, "href", href);
			free(href);
		} else
			xml_attr(x, "href", n->url);
		xml_attr(x, "title", n->title);
		break;
	case NODE_BODY: case NODE_PARA: case NODE_QUOTE: case NODE_ITEM: case NODE_FIGURE:
	case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_TABLE_CELL:
	case NODE_EMPH: case NODE_STRONG:
		break;
	case NODE_CODE_BLOCK: case NODE_HR: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK: case NODE__COUNT:
	default:
		abort();
	}
	return 1;
}

/* Writes a leaf node. */
static void
leaf(struct epub *e, struct xml *x, const struct node *n, const char *label)
{
	switch (n->type) {
	case NODE_TEXT:
		xml_text(x, n->text);
		break;
	case NODE_CODE:
		xml_elem(x, "code", NULL, NULL, n->text);
		break;
	case NODE_CODE_BLOCK:
		xml_start(x, "pre");
		xml_start(x, "code");
		{
			/* The final newline is the block's end, not a line of code. */
			size_t len = n->text ? strlen(n->text) : 0;
			char *t = xstrndup(n->text ? n->text : "", len);
			if (len && t[len - 1] == '\n')
				t[len - 1] = '\0';
			xml_text(x, t);
			free(t);
		}
		xml_end(x);
		xml_end(x);
		break;
	case NODE_HR:
		xml_start(x, "hr");
		xml_end(x);
		break;
	case NODE_IMAGE:
		img(e, x, n, label, n->parent && n->parent->type == NODE_FIGURE);
		break;
	case NODE_SOFTBREAK:
		xml_text(x, "\n");
		break;
	case NODE_LINEBREAK:
		xml_start(x, "br");
		xml_end(x);
		break;
	case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE: case NODE_LIST:
	case NODE_ITEM: case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE:
	case NODE_TABLE_ROW: case NODE_TABLE_CELL: case NODE_EMPH: case NODE_STRONG:
	case NODE_LINK: case NODE__COUNT:
	default:
		abort();
	}
}

/* Writes a body tree iteratively; each opened element is closed when its node is left. */
static void
body(struct epub *e, struct xml *x, const struct node *root, const char *label)
{
	const struct node *n = root;
	/* opened[d]: whether the node at depth d got an element. Depth is capped by the readers. */
	char opened[256] = {0};
	int depth = 0;

	while (n) {
		int is_leaf = 0;
		if (n->type == NODE_CODE_BLOCK || n->type == NODE_HR || n->type == NODE_TEXT ||
		    n->type == NODE_CODE || n->type == NODE_IMAGE || n->type == NODE_SOFTBREAK ||
		    n->type == NODE_LINEBREAK)
			is_leaf = 1;
		if (is_leaf) {
			leaf(e, x, n, label);
			if (node_is_block(n->type))
				xml_raw(x, "\n");
		} else {
			opened[depth < 255 ? depth : 255] = (char)open_elem(e, x, n);
			if (n->first) {
				n = n->first;
				depth++;
				continue;
			}
			if (opened[depth < 255 ? depth : 255])
				xml_end(x);
			if (node_is_block(n->type))
				xml_raw(x, "\n");
		}
		/* Climb until a sibling is found, closing elements on the way. */
		while (n != root && n->next == NULL) {
			n = n->parent;
			depth--;
			if (opened[depth < 255 ? depth : 255])
				xml_end(x);
			if (node_is_block(n->type) && n != root)
				xml_raw(x, "\n");
		}
		n = n == root ? NULL : n->next;
	}
}

/* Collects the ids an article body defines, so that links to missing anchors are dropped. */
static void
collect_ids(struct epub *e, const struct node *root)
{
	strset_free(&e->ids);
	for (const struct node *n = root; n; n = node_next(root, n))
		if (n->type == NODE_HEADING && n->id)
			strset_add(&e->ids, n->id, 0);
}

static int
http_url(const char *s)
{
	return s && (startswith(s, "http://") || startswith(s, "https://"));
}

int
epub_article(void *ctx, const struct article *a, const struct node *root)
{
	struct epub *e = ctx;
	char *label = path_join(e->ar->root, a->path), *zname;
	struct xml *x;

	x = xml_open();
	collect_ids(e, root);
	xhtml_head(x, a->title, archive_lang(e->ar, a), a->dir, "../style.css");
	xml_start(x, "article");
	xml_attr(x, "id", a->id);
	xml_raw(x, "\n");
	xml_start(x, "header");
	xml_attr(x, "class", "article");
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, a->title);
	xml_raw(x, "\n");
	if (a->nauthors) {
		char *by = names_join(a->authors, a->nauthors);
		char *t = xasprintf("By %s", by);
		xml_elem(x, "p", "class", "byline", t);
		xml_raw(x, "\n");
		free(t);
		free(by);
	}
	if (a->date.year) {
		char iso[11], longd[32];
		date_iso(&a->date, iso);
		date_long(&a->date, longd);
		xml_start(x, "p");
		xml_attr(x, "class", "date");
		xml_start(x, "time");
		xml_attr(x, "datetime", iso);
		/* An English date inside right-to-left text is isolated, or "6" moves to its end. */
		if (a->dir == DIR_RTL)
			xml_attr(x, "dir", "ltr");
		xml_text(x, longd);
		xml_end(x);
		xml_end(x);
		xml_raw(x, "\n");
	}
	if (a->source) {
		xml_start(x, "p");
		xml_attr(x, "class", "source");
		xml_text(x, "Source: ");
		if (http_url(a->source))
			xml_elem(x, "a", "href", a->source, a->source);
		else
			xml_text(x, a->source);
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");
	if (a->image) {
		struct node lead = {.type = NODE_IMAGE, .url = a->image,
		    .text = a->image_caption ? a->image_caption : ""};
		struct node fig = {.type = NODE_FIGURE};
		lead.parent = &fig;
		xml_start(x, "figure");
		xml_attr(x, "class", "lead");
		img(e, x, &lead, label, 1);
		if (a->image_caption)
			xml_elem(x, "figcaption", NULL, NULL, a->image_caption);
		xml_end(x);
		xml_raw(x, "\n");
	}
	body(e, x, root, label);
	xml_end(x);
	xml_raw(x, "\n");
	xml_end(x);
	xml_end(x);
	zname = xasprintf("OEBPS/text/%s.xhtml", a->id);
	finish(e, x, zname);
	free(zname);
	free(label);
	return e->failed ? -1 : 0;
}

static void
title_page(struct epub *e)
{
	const struct archive *ar = e->ar;
	char longd[32], *t;
	struct xml *x = xml_open();

	xhtml_head(x, ar->title, ar->lang, DIR_AUTO, "style.css");
	xml_start(x, "section");
	xml_attr(x, "class", "titlepage");
	xml_attr(x, "epub:type", "titlepage");
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, ar->title);
	xml_raw(x, "\n");
	if (ar->subtitle)
		xml_elem(x, "p", "class", "subtitle", ar->subtitle);
	if (ar->nauthors) {
		t = names_join(ar->authors, ar->nauthors);
		xml_elem(x, "p", "class", "author", t);
		free(t);
	}
	if (ar->publisher)
		xml_elem(x, "p", "class", "publisher", ar->publisher);
	date_long(&ar->date, longd);
	t = xasprintf("Snapshot of %s, %zu article%s", longd, ar->narticles,
	    ar->narticles == 1 ? "" : "s");
	xml_elem(x, "p", "class", "snapshot", t);
	free(t);
	if (ar->description)
		xml_elem(x, "p", "class", "description", ar->description);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	finish(e, x, "OEBPS/title.xhtml");
}

static void
cover_page(struct epub *e, const struct photo *p)
{
	char *src = xstrdup(p->name);
	struct xml *x = xml_open();

	xhtml_head(x, "Cover", e->ar->lang, DIR_AUTO, "style.css");
	xml_start(x, "section");
	xml_attr(x, "class", "cover");
	xml_attr(x, "epub:type", "cover");
	xml_start(x, "img");
	xml_attr(x, "src", src);
	xml_attr(x, "alt", e->ar->title);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	finish(e, x, "OEBPS/cover.xhtml");
	free(src);
}

static void
nav(struct epub *e)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	struct xml *x = xml_open();

	xhtml_head(x, "Contents", ar->lang, DIR_AUTO, "style.css");
	xml_start(x, "nav");
	xml_attr(x, "epub:type", "toc");
	xml_attr(x, "id", "toc");
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, "Contents");
	xml_start(x, "ol");
	xml_raw(x, "\n");
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			xml_start(x, "li");
			xml_elem(x, "span", NULL, NULL, grp->label);
			xml_start(x, "ol");
			xml_raw(x, "\n");
		}
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const struct article *a = &ar->articles[toc->order[i]];
			char *href = xasprintf("text/%s.xhtml", a->id);
			xml_start(x, "li");
			xml_elem(x, "a", "href", href, a->title);
			xml_end(x);
			xml_raw(x, "\n");
			free(href);
		}
		if (grp->label) {
			xml_end(x);
			xml_end(x);
			xml_raw(x, "\n");
		}
	}
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	/* Landmarks let reading systems find the start of the text and the contents. */
	xml_start(x, "nav");
	xml_attr(x, "epub:type", "landmarks");
	xml_attr(x, "hidden", "hidden");
	xml_start(x, "ol");
	xml_start(x, "li");
	xml_start(x, "a");
	xml_attr(x, "epub:type", "toc");
	xml_attr(x, "href", "nav.xhtml#toc");
	xml_text(x, "Contents");
	xml_end(x);
	xml_end(x);
	if (ar->narticles) {
		char *href = xasprintf("text/%s.xhtml", ar->articles[toc->order[0]].id);
		xml_start(x, "li");
		xml_start(x, "a");
		xml_attr(x, "epub:type", "bodymatter");
		xml_attr(x, "href", href);
		xml_text(x, "Start of content");
		xml_end(x);
		xml_end(x);
		free(href);
	}
	xml_end(x);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	finish(e, x, "OEBPS/nav.xhtml");
}

static void
ncx_point(struct xml *x, const char *id, unsigned order, const char *label, const char *src)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", order);
	xml_start(x, "navPoint");
	xml_attr(x, "id", id);
	xml_attr(x, "playOrder", num);
	xml_start(x, "navLabel");
	xml_elem(x, "text", NULL, NULL, label);
	xml_end(x);
	xml_start(x, "content");
	xml_attr(x, "src", src);
	xml_end(x);
}

static void
ncx(struct epub *e)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	struct xml *x = xml_open();
	unsigned order = 1;

	xml_start(x, "ncx");
	xml_attr(x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	xml_attr(x, "version", "2005-1");
	xml_attr(x, "xml:lang", ar->lang);
	xml_raw(x, "\n");
	xml_start(x, "head");
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:uid");
	xml_attr(x, "content", ar->identifier);
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:depth");
	xml_attr(x, "content", toc->ngroups && toc->groups[0].label ? "2" : "1");
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:totalPageCount");
	xml_attr(x, "content", "0");
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:maxPageNumber");
	xml_attr(x, "content", "0");
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "docTitle");
	xml_elem(x, "text", NULL, NULL, ar->title);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "navMap");
	xml_raw(x, "\n");
	ncx_point(x, "np-title", order++, ar->title, "title.xhtml");
	xml_end(x);
	xml_raw(x, "\n");
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			char *id = xasprintf("np-g%zu", g + 1);
			char *src = xasprintf("text/%s.xhtml",
			    ar->articles[toc->order[grp->first]].id);
			/* The group and its first article point at the same file: one playOrder. */
			ncx_point(x, id, order, grp->label, src);
			xml_raw(x, "\n");
			free(id);
			free(src);
		}
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const struct article *a = &ar->articles[toc->order[i]];
			char *id = xasprintf("np-%s", a->id);
			char *src = xasprintf("text/%s.xhtml", a->id);
			ncx_point(x, id, order++, a->title, src);
			xml_end(x);
			xml_raw(x, "\n");
			free(id);
			free(src);
		}
		if (grp->label) {
			xml_end(x);
			xml_raw(x, "\n");
		}
	}
	xml_end(x);
	xml_end(x);
	finish(e, x, "OEBPS/toc.ncx");
}

static void
item(struct xml *x, const char *id, const char *href, const char *type, const char *props)
{
	xml_start(x, "item");
	xml_attr(x, "id", id);
	xml_attr(x, "href", href);
	xml_attr(x, "media-type", type);
	xml_attr(x, "properties", props);
	xml_end(x);
	xml_raw(x, "\n");
}

static void
meta(struct xml *x, const char *property, const char *value)
{
	xml_elem(x, "meta", "property", property, value);
	xml_raw(x, "\n");
}

static void
opf(struct epub *e, const struct photo *cover)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	char iso[11], utc[21];
	struct xml *x = xml_open();
	struct date snap = ar->date;

	xml_start(x, "package");
	xml_attr(x, "xmlns", "http://www.idpf.org/2007/opf");
	xml_attr(x, "version", "3.0");
	xml_attr(x, "unique-identifier", "uid");
	xml_attr(x, "xml:lang", ar->lang);
	xml_raw(x, "\n");
	xml_start(x, "metadata");
	xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xml_raw(x, "\n");
	xml_elem(x, "dc:identifier", "id", "uid", ar->identifier);
	xml_raw(x, "\n");
	xml_elem(x, "dc:title", NULL, NULL, ar->title);
	xml_raw(x, "\n");
	xml_elem(x, "dc:language", NULL, NULL, ar->lang);
	xml_raw(x, "\n");
	for (size_t i = 0; i < ar->nauthors; i++) {
		xml_elem(x, "dc:creator", NULL, NULL, ar->authors[i]);
		xml_raw(x, "\n");
	}
	if (ar->publisher) {
		xml_elem(x, "dc:publisher", NULL, NULL, ar->publisher);
		xml_raw(x, "\n");
	}
	if (ar->description) {
		xml_elem(x, "dc:description", NULL, NULL, ar->description);
		xml_raw(x, "\n");
	}
	date_iso(&snap, iso);
	xml_elem(x, "dc:date", NULL, NULL, iso);
	xml_raw(x, "\n");
	date_iso_utc(&snap, utc);
	meta(x, "dcterms:modified", utc);
	meta(x, "schema:accessMode", "textual");
	if (e->nphotos)
		meta(x, "schema:accessMode", "visual");
	meta(x, "schema:accessModeSufficient", "textual");
	meta(x, "schema:accessibilityFeature", "structuralNavigation");
	meta(x, "schema:accessibilityFeature", "tableOfContents");
	meta(x, "schema:accessibilityFeature", "readingOrder");
	if (e->nphotos)
		meta(x, "schema:accessibilityFeature", "alternativeText");
	meta(x, "schema:accessibilityHazard", "none");
	meta(x, "schema:accessibilitySummary",
	    "Articles in reading order with headings, a navigable table of contents and "
	    "text alternatives for photos taken from the sources' alt text and captions.");
	if (cover) {
		xml_start(x, "meta");
		xml_attr(x, "name", "cover");
		xml_attr(x, "content", "cover-image");
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");

	xml_start(x, "manifest");
	xml_raw(x, "\n");
	item(x, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(x, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(x, "css", "style.css", "text/css", NULL);
	item(x, "title", "title.xhtml", "application/xhtml+xml", NULL);
	if (cover)
		item(x, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
	for (size_t i = 0; i < toc->n; i++) {
		const struct article *a = &ar->articles[toc->order[i]];
		char *href = xasprintf("text/%s.xhtml", a->id);
		item(x, a->id, href, "application/xhtml+xml", NULL);
		free(href);
	}
	for (size_t i = 0; i < e->nphotos; i++) {
		const struct photo *p = &e->photos[i];
		if (p->name == NULL || p->dup)
			continue;
		char *id = p == cover ? xstrdup("cover-image") : xasprintf("img%zu", i + 1);
		item(x, id, p->name, image_media_type(p->type), p == cover ? "cover-image" : NULL);
		free(id);
	}
	xml_end(x);
	xml_raw(x, "\n");

	xml_start(x, "spine");
	xml_attr(x, "toc", "ncx");
	xml_raw(x, "\n");
	if (cover) {
		xml_start(x, "itemref");
		xml_attr(x, "idref", "cover");
		xml_attr(x, "linear", "no");
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_elem(x, "itemref", "idref", "title", NULL);
	xml_raw(x, "\n");
	xml_elem(x, "itemref", "idref", "nav", NULL);
	xml_raw(x, "\n");
	for (size_t i = 0; i < toc->n; i++) {
		xml_elem(x, "itemref", "idref", ar->articles[toc->order[i]].id, NULL);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");
	xml_end(x);
	finish(e, x, "OEBPS/content.opf");
}

/* Closes and removes the spool file. */
static void
cleanup(struct epub *e)
{
	if (e->spoolf)
		fclose(e->spoolf);
	if (e->spool)
		unlink(e->spool);
	free(e->spool);
	e->spoolf = NULL;
	e->spool = NULL;
}

void *
epub_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
         const char *dest)
{
	struct epub *e = xcalloc(1, sizeof(*e));
	const char *tmpbase = getenv("TMPDIR");
	char *css;
	int fd, err;
	int year = ar->date.year < 1980 ? 1980 : ar->date.year > 2107 ? 2107 : ar->date.year;

	e->ar = ar;
	e->toc = toc;
	e->st = opt->style;
	e->opt = opt;
	e->dosdate = (unsigned short)(((year - 1980) << 9) | (ar->date.month << 5) | ar->date.day);
	e->dostime = 0;
	e->spool = xasprintf("%s/quire-XXXXXX", tmpbase && *tmpbase ? tmpbase : "/tmp");
	if ((fd = mkstemp(e->spool)) < 0 || (e->spoolf = fdopen(fd, "w")) == NULL) {
		msg_error(e->spool, 0, "cannot create temporary file: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(e->spool);
		}
		free(e->spool);
		e->spool = NULL;
		goto fail;
	}
	if (outfile_open(&e->out, dest) != 0)
		goto fail;
	e->zip = zip_open(e->out.tmp, ZIP_TRUNCATE, &err);
	if (e->zip == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		msg_error(dest, 0, "cannot create: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	add_bytes(e, "mimetype", "application/epub+zip", 20, 1);
	add_bytes(e, "META-INF/container.xml", container_xml, sizeof(container_xml) - 1, 0);
	css = style_css(e->st);
	add_bytes(e, "OEBPS/style.css", css, strlen(css), 0);
	free(css);
	if (ar->cover) {
		e->cover = photo(e, ar->cover, 0, "archive.yaml");
		if (e->cover->name == NULL)
			e->cover = NULL;
		else
			cover_page(e, e->cover);
	}
	title_page(e);
	nav(e);
	ncx(e);
	if (e->failed)
		goto fail;
	return e;
fail:
	epub_free(e);
	return NULL;
}

int
epub_finish(void *ctx)
{
	struct epub *e = ctx;
	const struct photo *cover = e->cover;

	/* The cover pointer may have moved as photos were added: find it again. */
	if (cover) {
		size_t ci;
		strset_get(&e->photo_index, e->ar->cover, &ci);
		cover = &e->photos[ci];
	}
	opf(e, cover);
	if (e->failed)
		return -1;
	if (zip_close(e->zip) != 0) {
		msg_error(e->out.dest, 0, "cannot write: %s", zip_strerror(e->zip));
		e->failed = 1;
		return -1;
	}
	e->zip = NULL;
	if (outfile_commit(&e->out) != 0) {
		e->failed = 1;
		return -1;
	}
	return 0;
}

void
epub_free(void *ctx)
{
	struct epub *e = ctx;

	if (e == NULL)
		return;
	if (e->zip)
		zip_discard(e->zip);
	outfile_abort(&e->out);
	strset_free(&e->ids);
	photos_free(e);
	cleanup(e);
	free(e);
}
