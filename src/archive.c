/* Finding an archive's articles, reading their metadata up front and their bodies one at a time. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "date.h"
#include "msg.h"
#include "pass.h"
#include "read.h"
#include "util.h"
#include "yamlmap.h"

/* Articles larger than this are refused: no real article is this long. */
#define MAX_ARTICLE_BYTES (64u << 20)
/* Folders deeper than this are not searched. */
#define MAX_FOLDER_DEPTH 32

static int
kind_of(const char *name, enum article_kind *kind)
{
	if (endswith_ci(name, ".md") || endswith_ci(name, ".markdown"))
		*kind = KIND_MD;
	else if (endswith_ci(name, ".html") || endswith_ci(name, ".htm") ||
	    endswith_ci(name, ".xhtml"))
		*kind = KIND_HTML;
	else if (endswith_ci(name, ".txt"))
		*kind = KIND_TEXT;
	else
		return 0;
	return 1;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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
		qsort(names, nnames, sizeof(char *), cmpstr);
		/* Folders are pushed in reverse so they are read in order. */
		for (size_t i = nnames; i-- > 0;) {
			char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
			char *full = path_join(root, sub);
			struct stat st;
			enum article_kind k;

			if (lstat(full, &st) != 0) {
				free(sub);
			} else if (S_ISLNK(st.st_mode)) {
				if (kind_of(names[i], &k))
					msg_warn(full, 0, "symbolic link skipped");
				free(sub);
			} else if (S_ISDIR(st.st_mode)) {
				if (depth + 1 >= MAX_FOLDER_DEPTH) {
					msg_warn(full, 0, "folder nested too deep, skipped");
					free(sub);
				} else {
					if (ntodo == captodo) {
						captodo *= 2;
						todo = xrealloc(todo, captodo * sizeof(char *));
					}
					todo[ntodo++] = sub;
				}
			} else if (S_ISREG(st.st_mode) && kind_of(names[i], &k)) {
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
	qsort(files, nfiles, sizeof(char *), cmpstr);
	*out = files;
	*nout = nfiles;
	return rc;
}

/* Gives a the title and date its file name implies when the input gave none. */
static void
defaults(struct article *a, const char *label)
{
	const char *base = strrchr(a->path, '/');

	/* An article in a folder without a section of its own belongs to the folder's. */
	if (a->section == NULL && base) {
		const char *slash = strchr(a->path, '/');
		a->section = xstrndup(a->path, (size_t)(slash - a->path));
		if (a->section[0] >= 'a' && a->section[0] <= 'z')
			a->section[0] = (char)(a->section[0] - 'a' + 'A');
	}
	base = base ? base + 1 : a->path;
	if (a->date.year == 0 && date_from_name(base, &a->date) != 0)
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
}

/* Reads the file of article a (path and kind set) into a's metadata and body. */
static int
load(const struct read_ctx *ctx, struct article *a)
{
	char *label = read_label(ctx, a), *raw = NULL, *text = NULL;
	size_t len, tlen;
	unsigned bad;
	int rc = -1;

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
	if (a->kind != KIND_HTML) {
		text = utf8_repair(raw, len, &tlen, &bad);
		if (bad)
			msg_warn(label, bad, "invalid UTF-8 replaced with U+FFFD");
	}
	switch (a->kind) {
	case KIND_MD:
		rc = read_md(ctx, a, text, tlen);
		break;
	case KIND_HTML:
		/* The page's declared charset needs its bytes as they are. */
		rc = read_html_raw(ctx, a, raw, len);
		break;
	case KIND_TEXT:
		rc = read_text(ctx, a, text, tlen);
		break;
	default:
		abort();
	}
	if (rc != 0) {
		msg_error(label, 0, "cannot be read as an article");
		goto out;
	}
	if (a->body == NULL)
		a->body = node_new(NODE_BODY);
	pass_body(a->body);
	defaults(a, label);
out:
	free(raw);
	free(text);
	free(label);
	return rc;
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
	if ((v = ymap_get(&m, "lang")) != NULL && v->scalar && *v->scalar && ar->lang == NULL)
		ar->lang = strsquash(v->scalar);
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
		struct read_ctx ctx = {.root = ar->root, .articles = ar->paths};
		struct article yaml = {.path = "archive.yaml"};
		struct node img = {.type = NODE_IMAGE};
		read_image_src(&ctx, &yaml, &img, v->scalar, v->line);
		ar->cover = img.url;
	}
out:
	ymap_free(&m);
	free(text);
	free(fixed);
	free(path);
}

/* Derives an identifier from the archive's content: the same content gives the same one. */
static char *
derive_identifier(const struct archive *ar)
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

static void
snapshot_date(struct archive *ar)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (ar->date.year)
		return;
	if (sde && *sde) {
		errno = 0;
		long long t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 315532800LL && t < 253402300800LL) {
			date_from_epoch(t, &ar->date);
			return;
		}
		msg_warn(NULL, 0, "SOURCE_DATE_EPOCH is not a usable time: %s", sde);
	}
	for (size_t i = 0; i < ar->narticles; i++)
		if (ar->articles[i].date.year && date_cmp(&ar->articles[i].date, &ar->date) > 0)
			ar->date = ar->articles[i].date;
	if (ar->date.year == 0) {
		ar->date.year = 1980;
		ar->date.month = ar->date.day = 1;
	}
}

int
archive_open(struct archive *ar, const char *root)
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
	ar->paths = xcalloc(1, sizeof(*ar->paths));
	for (size_t i = 0; i < nfiles; i++)
		strset_add(ar->paths, files[i], i);
	read_yaml(ar);
	if (ar->lang == NULL)
		ar->lang = xstrdup("en");
	if (ar->title == NULL) {
		const char *base = strrchr(root, '/');
		char *t = xstrdup(base && base[1] ? base + 1 : root);
		size_t n = strlen(t);
		while (n > 1 && t[n - 1] == '/')
			t[--n] = '\0';
		ar->title = t;
	}

	struct read_ctx ctx = {.root = root, .articles = ar->paths};
	ar->articles = xcalloc(nfiles ? nfiles : 1, sizeof(struct article));
	for (size_t i = 0; i < nfiles; i++) {
		struct article *a = &ar->articles[ar->narticles];
		a->path = files[i];
		files[i] = NULL;
		kind_of(a->path, &a->kind);
		if (load(&ctx, a) != 0 || a->draft) {
			article_clear(a);
			continue;
		}
		node_free(a->body);
		a->body = NULL;
		ar->narticles++;
	}
	free(files);
	qsort(ar->articles, ar->narticles, sizeof(struct article), order);
	/* From now on links resolve to exported articles only, by their place in the order. */
	strset_free(ar->paths);
	for (size_t i = 0; i < ar->narticles; i++) {
		ar->articles[i].id = xasprintf("a%04zu", i + 1);
		strset_add(ar->paths, ar->articles[i].path, i);
	}
	snapshot_date(ar);
	if (ar->identifier == NULL)
		ar->identifier = derive_identifier(ar);
	return 0;
}

struct node *
archive_body(const struct archive *ar, const struct article *a)
{
	struct read_ctx ctx = {.root = ar->root, .articles = ar->paths};
	struct article tmp = {0};
	struct node *body;

	tmp.path = xstrdup(a->path);
	tmp.kind = a->kind;
	int was = msg_quiet(1);
	int rc = load(&ctx, &tmp);
	msg_quiet(was);
	body = rc == 0 ? tmp.body : NULL;
	tmp.body = NULL;
	article_clear(&tmp);
	return body;
}

int
archive_read_file(const char *path, struct article *a)
{
	char *dir = path_dir(path);
	const char *base = strrchr(path, '/');
	struct strset paths = {0};
	struct read_ctx ctx;
	int rc;

	memset(a, 0, sizeof(*a));
	a->path = xstrdup(base ? base + 1 : path);
	if (!kind_of(a->path, &a->kind))
		a->kind = KIND_TEXT;
	ctx.root = *dir ? dir : ".";
	/* Links to the file's neighbours count as links to articles. */
	{
		char **files = NULL;
		size_t nfiles = 0;
		walk(ctx.root, &files, &nfiles);
		for (size_t i = 0; i < nfiles; i++) {
			strset_add(&paths, files[i], i);
			free(files[i]);
		}
		free(files);
	}
	strset_add(&paths, a->path, 0);
	ctx.articles = &paths;
	rc = load(&ctx, a);
	strset_free(&paths);
	free(dir);
	return rc;
}

int
archive_find(const struct archive *ar, const char *path, size_t *idx)
{
	return ar->paths != NULL && strset_get(ar->paths, path, idx);
}

const char *
archive_lang(const struct archive *ar, const struct article *a)
{
	if (a && a->lang)
		return a->lang;
	return ar->lang ? ar->lang : "en";
}
