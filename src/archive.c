/* Finding an archive's articles, reading their metadata up front and their bodies one at a time. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "archive_web.h"
#include "bodystore.h"
#include "date.h"
#include "image.h"
#include "msg.h"
#include "pass.h"
#include "progress.h"
#include "read.h"
#include "script.h"
#include "util.h"
#include "yamlmap.h"

/* Articles larger than this are refused: no real article is this long. */
#define MAX_ARTICLE_BYTES (64u << 20)

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns 1 when the folder name in dir holds the files of a page a browser saved beside it
 * ("page.html" and "page_files/", or a translation of "_files"): its images are the page's,
 * and its HTML files (frames, ads) are no articles. */
static int
saved_files(const char *dir, const char *name)
{
	static const char *const suffixes[] = {"_files", "-files", "_Dateien", "-Dateien",
	    "_fichiers", "_archivos", "-archivos", "_arquivos", "_file", "_bestanden", "_pliki",
	    "_soubory", NULL};
	size_t n = strlen(name);
	int found = 0;

	for (const char *const *s = suffixes; *s && !found; s++) {
		size_t k = strlen(*s);
		if (n <= k || strcmp(name + n - k, *s) != 0)
			continue;
		static const char *const exts[] = {".html", ".htm", ".xhtml", ".mhtml", NULL};
		for (const char *const *e = exts; *e && !found; e++) {
			char *page = xasprintf("%s/%.*s%s", dir, (int)(n - k), name, *e);
			struct stat st;
			found = stat(page, &st) == 0 && S_ISREG(st.st_mode);
			free(page);
		}
	}
	return found;
}

/* Lists article files below root, archive-relative and sorted by byte order at each level. */
static int
walk(const char *root, char ***out, size_t *nout)
{
	/* An explicit stack of folders still to read, as archive-relative paths. */
	char **todo = xcalloc(1, sizeof(char *));
	size_t ntodo = 1, captodo = 1;
	char **files = NULL;
	size_t nfiles = 0;
	int rc = 0;

	todo[0] = xstrdup("");
	while (ntodo > 0) {
		char *rel = todo[--ntodo];
		char *dirpath = *rel ? path_join(root, rel) : xstrdup(root);
		DIR *d = opendir(dirpath);
		char **names = NULL;
		size_t nnames = 0;
		struct dirent *e;
		int depth = 0;

		for (const char *p = rel; *p; p++)
			depth += *p == '/';
		if (d == NULL) {
			if (*rel == '\0') {
				msg_error(root, 0, "cannot read archive folder: %s", strerror(errno));
				rc = -1;
			} else
				msg_warn(dirpath, 0, "cannot read folder: %s", strerror(errno));
			free(dirpath);
			free(rel);
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || e->d_name[0] == '_')
				continue;
			names = xrealloc(names, (nnames + 1) * sizeof(char *));
			names[nnames++] = xstrdup(e->d_name);
		}
		closedir(d);
		if (nnames > 1)
			qsort(names, nnames, sizeof(char *), cmpstr);
		/* Folders are pushed in reverse so they are read in order. */
		for (size_t i = nnames; i-- > 0;) {
			char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
			char *full = path_join(root, sub);
			struct stat st;

			if (lstat(full, &st) != 0) {
				free(sub);
			} else if (S_ISLNK(st.st_mode)) {
				struct stat to;
				if (stat(full, &to) == 0 && S_ISDIR(to.st_mode))
					msg_warn(full, 0, "symbolic link to a folder skipped");
				else if (read_find(names[i]))
					msg_warn(full, 0, "symbolic link skipped");
				free(sub);
			} else if (S_ISDIR(st.st_mode)) {
				if (saved_files(dirpath, names[i])) {
					/* A page saved by a browser: its files are its own. */
					free(sub);
				} else if (depth + 1 >= ARCHIVE_MAX_DEPTH) {
					msg_warn(full, 0, "folder nested too deep, skipped");
					free(sub);
				} else {
					if (ntodo == captodo) {
						captodo *= 2;
						todo = xrealloc(todo, captodo * sizeof(char *));
					}
					todo[ntodo++] = sub;
				}
			} else if (S_ISREG(st.st_mode) && read_find(names[i])) {
				files = xrealloc(files, (nfiles + 1) * sizeof(char *));
				files[nfiles++] = sub;
			} else
				free(sub);
			free(full);
			free(names[i]);
		}
		free(names);
		free(dirpath);
		free(rel);
	}
	free(todo);
	/* The walk order above is per folder; one global sort makes it independent of it. */
	if (nfiles > 1)
		qsort(files, nfiles, sizeof(char *), cmpstr);
	*out = files;
	*nout = nfiles;
	return rc;
}

/* Gives a the title and date its file name implies when the input gave none. */
static void
defaults(struct article *a, const char *label)
{
	/* A page of a web archive: the file that holds it counts. */
	char *file = xstrndup(a->path, read_file_part(a->path));
	const char *base = strrchr(file, '/');

	/* An article in a folder without a section of its own belongs to the folder's. */
	if (a->section == NULL && base) {
		const char *slash = strchr(file, '/');
		a->section = xstrndup(file, (size_t)(slash - file));
		if (a->section[0] >= 'a' && a->section[0] <= 'z')
			a->section[0] = (char)(a->section[0] - 'a' + 'A');
	}
	base = base ? base + 1 : file;
	/* A draft is never exported: its missing date is no one's concern. */
	if (a->date.year == 0 && date_from_name(base, &a->date) != 0 && !a->draft)
		msg_warn(label, 0, "no date in the article or its file name; it goes last");
	if (a->title == NULL) {
		const char *s = base;
		struct date d;
		if (date_from_name(base, &d) == 0) {
			s = base + 10;
			while (*s == '-' || *s == '_' || *s == ' ')
				s++;
		}
		struct buf b = {0};
		const char *dot = strrchr(s, '.');
		size_t n = dot && dot > s ? (size_t)(dot - s) : strlen(s);
		for (size_t i = 0; i < n; i++)
			buf_putc(&b, s[i] == '-' || s[i] == '_' ? ' ' : s[i]);
		char *t = strsquash(buf_str(&b));
		buf_free(&b);
		if (*t == '\0') {
			free(t);
			t = xstrdup(base);
		}
		/* A file-name title starts with a capital letter. */
		if (t[0] >= 'a' && t[0] <= 'z')
			t[0] = (char)(t[0] - 'a' + 'A');
		a->title = t;
	}
	free(file);
}

/* Applies the model passes to an article just read, and the defaults its name implies. */
static void
finish(const struct read_ctx *ctx, struct article *a)
{
	char *label = read_label(ctx, a);

	if (a->body == NULL)
		a->body = node_new(NODE_BODY);
	pass_body(a->body);
	defaults(a, label);
	script_detect(a, ctx->dir);
	pass_limits(a, label);
	free(label);
}

/* Reads the file of article a (path set) with the reader for its name (or the text reader)
 * into a's metadata and body, with the model passes applied. Every warning about the file is
 * printed here, once a run. */
static int
load(const struct read_ctx *ctx, struct article *a)
{
	const struct reader *r = read_find(a->path);
	char *label = read_label(ctx, a), *raw = NULL, *text = NULL;
	size_t len, tlen = 0;
	unsigned bad;
	int rc = -1;

	if (r == NULL)
		r = read_find(".txt");
	if (r->web) {
		msg_error(label, 0, "a web archive holds many pages: export its folder, or list "
		    "them with quire --list");
		goto out;
	}
	if (file_read(label, &raw, &len) != 0) {
		msg_error(label, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (len > MAX_ARTICLE_BYTES) {
		msg_error(label, 0, "larger than %u MiB, skipped", MAX_ARTICLE_BYTES >> 20);
		goto out;
	}
	a->size = len;
	sha256(raw, len, a->sha256);
	if (len == 0) {
		/* Whatever its kind, an empty file is an empty article, titled from its name. */
		msg_warn(label, 0, "empty file");
		rc = 0;
	} else {
		const char *wide = NULL;
		size_t dlen, nuls = 0;
		char *dec = utf_bom_decode(raw, len, &dlen, &wide);
		if (dec) {
			/* UTF-16 or UTF-32 with its mark: read as the UTF-8 it says, marked as such
			 * for the readers that look for an encoding themselves. */
			free(raw);
			raw = xmalloc(dlen + 4);
			memcpy(raw, "\xEF\xBB\xBF", 3);
			memcpy(raw + 3, dec, dlen + 1);
			len = dlen + 3;
			free(dec);
		} else
			for (size_t i = 0; i < len; i++)
				nuls += raw[i] == '\0';
		if (r->raw)
			rc = r->read(ctx, a, raw, len);
		else {
			size_t skip = wide ? 3 : 0;
			text = utf8_repair(raw + skip, len - skip, &tlen, &bad);
			if (bad && nuls * 4 >= len)
				msg_warn(label, 0, "NUL bytes: UTF-16 or UTF-32 without a byte-order "
				    "mark? read as UTF-8 with U+FFFD");
			else if (bad && nuls)
				msg_warn(label, bad, "NUL bytes or invalid UTF-8 replaced with U+FFFD");
			else if (bad)
				msg_warn(label, bad, "invalid UTF-8 replaced with U+FFFD");
			rc = r->read(ctx, a, text, tlen);
		}
	}
	if (rc != 0) {
		msg_error(label, 0, "cannot be read as an article");
		goto out;
	}
	finish(ctx, a);
out:
	free(raw);
	free(text);
	free(label);
	return rc;
}

/* The code points seen in the archive's text, one bit each, and the photos its articles use. */
struct repertoire {
	unsigned char *bits;
	struct strset photos;
};

static void
note_photo(struct repertoire *rep, const char *path)
{
	if (path)
		strset_add(&rep->photos, path, 0);
}

static void
note_chars(struct repertoire *rep, const char *s)
{
	if (s == NULL)
		return;
	size_t i = 0, n = strlen(s);
	uint32_t cp;

	while (utf8_next(s, n, &i, &cp))
		if (cp >= 0x80)
			rep->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Adds path to the distinct photos a shows. */
static void
note_shown(struct article *a, struct strset *seen, const char *path)
{
	if (path == NULL || !strset_add(seen, path, 0))
		return;
	a->photos = xrealloc(a->photos, (a->nphotos + 1) * sizeof(char *));
	a->photos[a->nphotos++] = xstrdup(path);
}

/* Notes every character of the text an article shows, metadata and body, and the photos it
 * shows. */
static void
note_article(struct repertoire *rep, struct article *a)
{
	struct node_iter it;
	struct strset seen = {0};

	note_chars(rep, a->title);
	for (size_t i = 0; i < a->nauthors; i++)
		note_chars(rep, a->authors[i]);
	note_chars(rep, a->section);
	for (size_t i = 0; i < a->ntags; i++)
		note_chars(rep, a->tags[i]);
	note_chars(rep, a->summary);
	note_chars(rep, a->image_caption);
	note_photo(rep, a->image);
	note_shown(a, &seen, a->image);
	node_iter_init(&it, a->body);
	while (node_iter_next(&it) != NODE_EV_DONE)
		if (it.ev == NODE_EV_ENTER) {
			note_chars(rep, it.node->text);
			if (it.node->type == NODE_IMAGE) {
				note_photo(rep, it.node->url);
				note_shown(a, &seen, it.node->url);
			}
		}
	strset_free(&seen);
}

/* Turns the bits into the archive's sorted list of code points, and the photos into its sorted
 * list of photos. */
static void
set_chars(struct archive *ar, struct repertoire *rep)
{
	note_photo(rep, ar->cover);
	ar->photos = xcalloc(rep->photos.len ? rep->photos.len : 1, sizeof(char *));
	for (size_t i = 0; i < rep->photos.cap; i++)
		if (rep->photos.keys[i])
			ar->photos[ar->nphotos++] = xstrdup(rep->photos.keys[i]);
	if (ar->nphotos > 1)
		qsort(ar->photos, ar->nphotos, sizeof(char *), cmpstr);
	archive_digests_init(ar);
	strset_free(&rep->photos);
	note_chars(rep, ar->title);
	note_chars(rep, ar->subtitle);
	for (size_t i = 0; i < ar->nauthors; i++)
		note_chars(rep, ar->authors[i]);
	note_chars(rep, ar->publisher);
	note_chars(rep, ar->description);
	for (int pass = 0; pass < 2; pass++) {
		/* The first pass counts, the second fills. */
		size_t n = 0;
		for (uint32_t cp = 0x80; cp < 0x110000; cp++)
			if (rep->bits[cp >> 3] & (1u << (cp & 7))) {
				if (pass)
					ar->chars[n] = cp;
				n++;
			}
		if (pass == 0)
			ar->chars = xcalloc(n ? n : 1, sizeof(*ar->chars));
		ar->nchars = n;
	}
}

static int
order(const void *pa, const void *pb)
{
	const struct article *a = pa, *b = pb;
	int c = date_cmp(&a->date, &b->date);

	if (c == 0)
		c = strcmp(a->title, b->title);
	if (c == 0)
		c = strcmp(a->path, b->path);
	return c;
}

static void
read_yaml(struct archive *ar)
{
	char *path = path_join(ar->root, "archive.yaml"), *text = NULL, *fixed = NULL;
	size_t len, flen;
	unsigned bad;
	struct ymap m = {0};
	const char *err;
	unsigned errline;
	const struct yval *v;

	if (file_read(path, &text, &len) != 0) {
		if (errno != ENOENT)
			msg_warn(path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	fixed = utf8_repair(text, len, &flen, &bad);
	if (bad)
		msg_warn(path, bad, "invalid UTF-8 replaced with U+FFFD");
	if (ymap_parse(fixed, flen, 0, &m, &err, &errline) != 0)
		msg_warn(path, errline, "broken YAML: %s; the rest is ignored", err);
	ymap_warn_drops(&m, path, "YAML value ignored");
#define STR(key, field) \
	if ((v = ymap_get(&m, key)) != NULL && v->scalar && *v->scalar) \
		ar->field = strsquash(v->scalar)
	STR("title", title);
	STR("subtitle", subtitle);
	STR("publisher", publisher);
	STR("language", lang);
	STR("description", description);
	STR("identifier", identifier);
#undef STR
	if ((v = ymap_get(&m, "dir")) != NULL && v->scalar && *v->scalar) {
		if (strcasecmp(v->scalar, "rtl") == 0)
			ar->dir = DIR_RTL;
		else if (strcasecmp(v->scalar, "ltr") == 0)
			ar->dir = DIR_LTR;
		else
			msg_warn(path, v->line, "dir is ltr or rtl, not '%.100s'; using the language's",
			    v->scalar);
	}
	if ((v = ymap_get(&m, "lang")) != NULL && v->scalar && *v->scalar && ar->lang == NULL)
		ar->lang = strsquash(v->scalar);
	if (ar->lang && !lang_valid(ar->lang)) {
		if ((v = ymap_get(&m, "language")) == NULL || v->scalar == NULL || !*v->scalar)
			v = ymap_get(&m, "lang");
		msg_warn(path, v ? v->line : 0, "not a language tag (BCP 47): '%.100s'; using en",
		    ar->lang);
		free(ar->lang);
		ar->lang = NULL;
	}
	if ((v = ymap_get(&m, "author")) != NULL || (v = ymap_get(&m, "authors")) != NULL) {
		size_t n = v->scalar ? 1 : v->nlist;
		ar->authors = xcalloc(n ? n : 1, sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			char *s = strsquash(v->scalar ? v->scalar : v->list[i]);
			if (*s)
				ar->authors[ar->nauthors++] = s;
			else
				free(s);
		}
	}
	if ((v = ymap_get(&m, "date")) != NULL && v->scalar &&
	    date_parse(v->scalar, &ar->date) != 0)
		msg_warn(path, v->line, "not a date: '%s' (want YYYY-MM-DD)", v->scalar);
	if ((v = ymap_get(&m, "cover")) != NULL && v->scalar && *v->scalar) {
		struct read_ctx ctx = {.root = ar->root, .articles = ar->paths, .photos = ar->bodies};
		struct article yaml = {.path = "archive.yaml"};
		struct node img = {.type = NODE_IMAGE};
		read_image_src(&ctx, &yaml, &img, v->scalar, v->line);
		ar->cover = img.url;
	}
	if ((v = ymap_get(&m, "cover-article")) != NULL && v->scalar && *v->scalar) {
		char *full = path_join(ar->root, v->scalar);
		if (access(full, R_OK) != 0)
			msg_warn(path, v->line, "cover-article not found: %s", v->scalar);
		else
			ar->cover_article = xstrdup(v->scalar);
		free(full);
	}
out:
	ymap_free(&m);
	free(text);
	free(fixed);
	free(path);
}

char *
archive_derive_identifier(const struct archive *ar)
{
	struct buf b = {0};
	unsigned char h[32];

	buf_printf(&b, "quire\n%s\n", ar->title);
	for (size_t i = 0; i < ar->narticles; i++) {
		char hex[65];
		hex32(ar->articles[i].sha256, hex);
		buf_printf(&b, "%s\n%s\n", ar->articles[i].path, hex);
	}
	sha256(b.data, b.len, h);
	buf_free(&b);
	/* A name-based UUID layout (version 5 bits, RFC 4122 variant) over the digest. */
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
	return xasprintf("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
	    h[10], h[11], h[12], h[13], h[14], h[15]);
}

/* Settles the snapshot date: archive.yaml's date, else --date, else SOURCE_DATE_EPOCH, else the
 * newest selected article's date; with none of them, 1 January 1980 (the first date a zip file
 * can hold) and a warning. */
static void
snapshot_date(struct archive *ar, const struct options *opt)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (ar->date.year)
		return;
	if (opt && opt->date.year) {
		ar->date = opt->date;
		return;
	}
	if (sde && *sde) {
		errno = 0;
		long long t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 315532800LL && t < 253402300800LL) {
			date_from_epoch(t, &ar->date);
			return;
		}
		msg_warn(NULL, 0, "SOURCE_DATE_EPOCH is not a usable time: %s", sde);
	}
	for (size_t i = 0; i < ar->narticles; i++) {
		const struct date *d = &ar->articles[i].date;
		if (d->year && (ar->date.year == 0 || date_cmp(d, &ar->date) > 0))
			ar->date = *d;
	}
	if (ar->date.year == 0) {
		if (ar->narticles)
			msg_warn(ar->root, 0, "no date in archive.yaml, --date, SOURCE_DATE_EPOCH or any "
			    "article; the snapshot is dated 1980-01-01");
		ar->date.year = 1980;
		ar->date.month = ar->date.day = 1;
	}
}

/* Compares two calendar dates as written (year, month, day), whatever their time zones. */
static int
daycmp(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/* Does s equal one of the n strings at v, ignoring ASCII case? */
static int
among(const char *s, char *const *v, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcasecmp(s, v[i]) == 0)
			return 1;
	return 0;
}

/* Is a among the articles the options select? */
static int
selected(const struct article *a, const struct options *opt)
{
	int tagged = 0;

	if (opt == NULL)
		return 1;
	if (opt->since.year && (a->date.year == 0 || daycmp(&a->date, &opt->since) < 0))
		return 0;
	if (opt->until.year && (a->date.year == 0 || daycmp(&a->date, &opt->until) > 0))
		return 0;
	if (opt->nsections && !among(a->section, opt->sections, opt->nsections))
		return 0;
	for (size_t i = 0; i < a->ntags && !tagged; i++)
		tagged = among(a->tags[i], opt->tags, opt->ntags);
	return opt->ntags == 0 || tagged;
}

/* Keeps the article just read at ar->articles[ar->narticles] (path NULL: it could not be read)
 * when the selection wants it: notes its text and photos, stores its body. Returns 0, or -1
 * when the store fails. */
static int
keep(struct archive *ar, struct repertoire *rep, const struct options *opt, struct article *a)
{
	int rc = 0;

	if (a->path == NULL || a->draft || !selected(a, opt)) {
		article_clear(a);
		return 0;
	}
	note_article(rep, a);
	if (bodystore_put(ar->bodies, a->body, &a->body_off, &a->body_len) != 0)
		rc = -1;
	node_free(a->body);
	a->body = NULL;
	ar->narticles++;
	return rc;
}

int
archive_open(struct archive *ar, const char *root, const struct options *opt)
{
	char **files = NULL;
	size_t nfiles = 0;
	struct stat st;

	memset(ar, 0, sizeof(*ar));
	ar->root = xstrdup(root);
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		msg_error(root, 0, "not an archive folder: %s", stat(root, &st) != 0 ?
		    strerror(errno) : "not a folder");
		return -1;
	}
	if (walk(root, &files, &nfiles) != 0)
		return -1;
	ar->bodies = bodystore_new();
	if (ar->bodies == NULL) {
		for (size_t i = 0; i < nfiles; i++)
			free(files[i]);
		free(files);
		return -1;
	}
	ar->paths = xcalloc(1, sizeof(*ar->paths));
	for (size_t i = 0; i < nfiles; i++)
		strset_add(ar->paths, files[i], i);
	read_yaml(ar);
	if (ar->lang == NULL)
		ar->lang = xstrdup("en");
	if (ar->dir == DIR_AUTO)
		ar->dir = script_lang_dir(ar->lang);
	if (ar->title == NULL) {
		const char *base = strrchr(root, '/');
		char *t = xstrdup(base && base[1] ? base + 1 : root);
		size_t n = strlen(t);
		while (n > 1 && t[n - 1] == '/')
			t[--n] = '\0';
		ar->title = t;
	}

	struct repertoire rep = {xcalloc(0x110000 / 8, 1), {0}};
	struct web **webs = xcalloc(nfiles ? nfiles : 1, sizeof(*webs));
	size_t cap = nfiles;
	int rc = 0;
	/* Web archives are indexed first: their pages are articles that others may link to. */
	for (size_t i = 0; i < nfiles; i++)
		if (read_find(files[i])->web && (webs[i] = web_open(root, files[i])) != NULL) {
			for (size_t k = 0; k < web_count(webs[i]); k++)
				strset_add(ar->paths, web_path(webs[i], k), i);
			cap += web_count(webs[i]);
		}
	struct read_ctx ctx = {.root = root, .articles = ar->paths, .photos = ar->bodies,
	    .dir = ar->dir};
	ar->articles = xcalloc(cap ? cap : 1, sizeof(struct article));
	/* Each article is read and parsed here, once a run: its metadata stays, its body waits in
	 * the store until the writers want it. */
	progress_phase(opt ? opt->progress : NULL, "articles read", nfiles);
	for (size_t i = 0; i < nfiles && rc == 0; i++) {
		progress_step(opt ? opt->progress : NULL, i + 1);
		for (size_t k = 0; webs[i] && k < web_count(webs[i]) && rc == 0; k++) {
			struct article *a = &ar->articles[ar->narticles];
			if (web_read(webs[i], k, &ctx, a) == 0)
				finish(&ctx, a);
			else
				article_clear(a);
			rc = keep(ar, &rep, opt, a);
		}
		if (read_find(files[i])->web) {
			web_free(webs[i]);
			webs[i] = NULL;
			continue;
		}
		struct article *a = &ar->articles[ar->narticles];
		a->path = files[i];
		files[i] = NULL;
		if (load(&ctx, a) != 0)
			article_clear(a);
		rc = keep(ar, &rep, opt, a);
	}
	for (size_t i = 0; i < nfiles; i++) {
		web_free(webs[i]);
		free(files[i]);
	}
	free(webs);
	free(files);
	if (rc != 0) {
		free(rep.bits);
		strset_free(&rep.photos);
		return -1;
	}
	if (ar->narticles > 1)
		qsort(ar->articles, ar->narticles, sizeof(struct article), order);
	/* From now on links resolve to exported articles only, by their place in the order. */
	strset_free(ar->paths);
	for (size_t i = 0; i < ar->narticles; i++) {
		ar->articles[i].id = xasprintf("a%04zu", i + 1);
		strset_add(ar->paths, ar->articles[i].path, i);
	}
	if (opt) {
		ar->since = opt->since;
		ar->until = opt->until;
	}
	snapshot_date(ar, opt);
	if (ar->identifier == NULL)
		ar->identifier = archive_derive_identifier(ar);
	set_chars(ar, &rep);
	free(rep.bits);
	return 0;
}

struct node *
archive_body(const struct archive *ar, const struct article *a)
{
	return bodystore_get(ar->bodies, a->body_off, a->body_len);
}

int
archive_read_file(const char *path, struct article *a)
{
	char *rel;
	char *root = archive_find_root(path, &rel);
	struct strset paths = {0};
	struct read_ctx ctx = {0};
	char **files = NULL;
	size_t nfiles = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	a->path = rel;
	ctx.root = root;
	/* Photos given as data: URLs are kept for as long as the tree is read. */
	ctx.photos = bodystore_new();
	ctx.dir = DIR_LTR;
	/* Links to the archive's other files count as links to articles. */
	walk(ctx.root, &files, &nfiles);
	for (size_t i = 0; i < nfiles; i++) {
		strset_add(&paths, files[i], i);
		free(files[i]);
	}
	free(files);
	strset_add(&paths, a->path, 0);
	ctx.articles = &paths;
	rc = load(&ctx, a);
	bodystore_free(ctx.photos);
	strset_free(&paths);
	free(root);
	return rc;
}
