/* Web archives in the archive folder: a WARC or WACZ file's pages, each read as an article. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>
#include <nettle/sha2.h>
#include <zip.h>

#include "archive_web.h"
#include "date.h"
#include "msg.h"
#include "url.h"
#include "util.h"
#include "warc.h"

/* A page larger than this is refused, as archive.c refuses an article file. */
#define MAX_PAGE_BYTES ((size_t)64 << 20)
/* A pages.jsonl larger than this is not read. */
#define MAX_PAGES_LIST ((size_t)64 << 20)
/* Redirects followed from a link or an image to the capture they lead to. */
#define MAX_HOPS 5

/* One capture: record r of WARC file w. */
struct cap {
	size_t w, r;
};

struct web {
	char *rel;              /* the file's archive-relative path */
	char *label;            /* root/rel, for messages */
	struct warc *w;         /* its WARC files: one, or those of a WACZ */
	size_t nw;
	struct cap *caps;       /* the capture kept for each URL */
	size_t ncaps;
	struct strset urls;     /* URL -> index into caps */
	struct strset digests;  /* a usable capture's WARC-Payload-Digest -> index into caps */
	size_t *pages;          /* the pages, as indexes into caps, in the file's order */
	char **titles;          /* the title pages.jsonl gives each page, or NULL */
	char **paths;           /* each page's archive path, "REL//URL" */
	size_t npages;
	struct strset pageurls; /* a page's URL -> index into pages */
};

static const struct warc_rec *
rec_of(const struct web *web, const struct cap *c)
{
	return &web->w[c->w].recs[c->r];
}

/* Is the record an HTML page? */
static int
html(const struct warc_rec *r)
{
	if (r->mime && *r->mime)
		return strcmp(r->mime, "text/html") == 0 || strcmp(r->mime, "application/xhtml+xml") == 0;
	/* No media type: the URL's extension decides. */
	size_t n = r->uri ? strcspn(r->uri, "?") : 0;
	return n > 5 && (strncasecmp(r->uri + n - 5, ".html", 5) == 0 ||
	    strncasecmp(r->uri + n - 4, ".htm", 4) == 0);
}

/* Is the record a capture a page or an image can be read from? */
static int
usable(const struct warc_rec *r)
{
	return (r->type == WARC_RESPONSE || r->type == WARC_RESOURCE) && r->status == 200;
}

/* Orders two captures of one URL: a usable one before others, then the later one. Returns > 0
 * when b is better than a. */
static int
better(const struct warc_rec *a, const struct warc_rec *b)
{
	if (usable(a) != usable(b))
		return usable(b) - usable(a);
	if (!usable(a))
		return b->type == WARC_REVISIT && a->type != WARC_REVISIT;
	return date_cmp(&b->date, &a->date) > 0;
}

/* Writes a capture's time as "2024-03-01 12:00 UTC" (32 bytes). */
static void
when(const struct date *d, char out[32])
{
	if (d->year == 0)
		snprintf(out, 32, "an unknown date");
	else
		snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d UTC", d->year, d->month, d->day,
		    d->hour, d->min, d->sec);
}

/* Notes, for --check, why a record gives no page. */
static void
note_skip(const struct web *web, const struct warc *w, const struct warc_rec *r)
{
	char t[32];

	if (r->uri == NULL || r->type == WARC_OTHER)
		return;
	if (r->type == WARC_REVISIT) {
		when(&r->date, t);
		msg_note(w->label, 0, "record at byte %llu: revisit of %s on %s (the same content "
		    "as an earlier capture), skipped", (unsigned long long)r->file_off, r->uri, t);
	} else if (r->status == 0)
		msg_note(w->label, 0, "record at byte %llu: %s: HTTP response unreadable, skipped",
		    (unsigned long long)r->file_off, r->uri);
	else if (r->status >= 300 && r->status < 400)
		msg_note(w->label, 0, "record at byte %llu: %s: redirect (%d) to %s, skipped",
		    (unsigned long long)r->file_off, r->uri, r->status, r->location ? r->location : "?");
	else if (r->status != 200)
		msg_note(w->label, 0, "record at byte %llu: %s: status %d%s%s, skipped",
		    (unsigned long long)r->file_off, r->uri, r->status, r->reason ? " " : "",
		    r->reason ? r->reason : "");
}

/* Indexes every capture of every WARC file of web by URL, keeping the best of each. */
static void
index_urls(struct web *web)
{
	for (size_t i = 0; i < web->nw; i++)
		for (size_t j = 0; j < web->w[i].nrecs; j++) {
			const struct warc_rec *r = &web->w[i].recs[j];
			size_t k;
			if (r->uri == NULL || r->type == WARC_OTHER)
				continue;
			if (!strset_get(&web->urls, r->uri, &k)) {
				web->caps = xrealloc(web->caps, (web->ncaps + 1) * sizeof(*web->caps));
				web->caps[web->ncaps] = (struct cap){i, j};
				strset_add(&web->urls, r->uri, web->ncaps++);
			} else if (better(rec_of(web, &web->caps[k]), r) > 0)
				web->caps[k] = (struct cap){i, j};
		}
	/* A revisit that names no earlier URL is found by the digest of its payload. */
	for (size_t k = 0; k < web->ncaps; k++) {
		const struct warc_rec *r = rec_of(web, &web->caps[k]);
		if (usable(r) && r->digest)
			strset_add(&web->digests, r->digest, k);
	}
}

static void
add_page(struct web *web, size_t cap, const char *title)
{
	const char *uri = rec_of(web, &web->caps[cap])->uri;

	if (!strset_add(&web->pageurls, uri, web->npages))
		return;
	web->pages = xrealloc(web->pages, (web->npages + 1) * sizeof(*web->pages));
	web->titles = xrealloc(web->titles, (web->npages + 1) * sizeof(*web->titles));
	web->paths = xrealloc(web->paths, (web->npages + 1) * sizeof(*web->paths));
	web->pages[web->npages] = cap;
	web->titles[web->npages] = title && *title ? strsquash(title) : NULL;
	web->paths[web->npages] = xasprintf("%s//%s", web->rel, uri);
	web->npages++;
}

/* Every HTML response of status 200 is a page, in the file's order; the rest is noted. */
static void
all_pages(struct web *web)
{
	for (size_t i = 0; i < web->nw; i++)
		for (size_t j = 0; j < web->w[i].nrecs; j++) {
			const struct warc_rec *r = &web->w[i].recs[j];
			size_t k;
			if (r->uri == NULL || r->type == WARC_OTHER || !strset_get(&web->urls, r->uri, &k))
				continue;
			const struct cap *c = &web->caps[k];
			if (c->w == i && c->r == j) {
				if (usable(r) && html(r))
					add_page(web, k, NULL);
				else if (html(r) || r->type == WARC_REVISIT || r->status != 200)
					note_skip(web, &web->w[i], r);
			} else if (usable(r) && html(r)) {
				char t1[32], t2[32];
				when(&r->date, t1);
				when(&rec_of(web, c)->date, t2);
				msg_note(web->w[i].label, 0, "record at byte %llu: %s captured again on "
				    "%s; the capture of %s is kept", (unsigned long long)r->file_off, r->uri, t1,
				    t2);
			} else
				note_skip(web, &web->w[i], r);
		}
}

/* Reads a zip entry into memory, at most max bytes. Returns 0, or -1. */
static int
zip_slurp(zip_t *z, zip_uint64_t i, size_t max, char **out, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	struct buf b = {0};
	char chunk[65536];
	zip_int64_t k;

	*out = NULL;
	if (zip_stat_index(z, i, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 || st.size > max ||
	    (f = zip_fopen_index(z, i, 0)) == NULL)
		return -1;
	while ((k = zip_fread(f, chunk, sizeof(chunk))) > 0 && b.len <= max)
		buf_put(&b, chunk, (size_t)k);
	zip_fclose(f);
	if (k < 0 || b.len > max) {
		buf_free(&b);
		return -1;
	}
	buf_put(&b, "", 0);
	*len = b.len;
	*out = b.data ? buf_detach(&b) : xstrdup("");
	return 0;
}

/* Copies a zip entry into a temporary file and sets hex to the SHA-256 of its bytes. Returns
 * the file, or NULL after a warning. */
static FILE *
zip_spool(zip_t *z, zip_uint64_t i, const char *label, char hex[65])
{
	zip_file_t *f = zip_fopen_index(z, i, 0);
	FILE *t;
	char chunk[65536];
	zip_int64_t k;
	struct sha256_ctx sc;
	unsigned char h[32];

	if (f == NULL) {
		msg_warn(label, 0, "cannot read from the WACZ: %s", zip_strerror(z));
		return NULL;
	}
	if ((t = warc_tmpfile()) == NULL) {
		zip_fclose(f);
		return NULL;
	}
	sha256_init(&sc);
	while ((k = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		sha256_update(&sc, (size_t)k, (const uint8_t *)chunk);
		if (fwrite(chunk, 1, (size_t)k, t) != (size_t)k) {
			msg_error(NULL, 0, "cannot write a temporary file: %s", strerror(errno));
			k = -2;
			break;
		}
	}
	sha256_digest(&sc, sizeof(h), h);
	hex32(h, hex);
	if (k == -1)
		msg_warn(label, 0, "damaged in the WACZ: %s", zip_file_strerror(f));
	zip_fclose(f);
	if (k < 0 || fflush(t) != 0 || fseeko(t, 0, SEEK_SET) != 0) {
		fclose(t);
		return NULL;
	}
	return t;
}

/* Reads a pages.jsonl list: each line a JSON object with the page's "url" (and "ts",
 * "title"); the first line, with "format", names the list. */
static void
read_pages(struct web *web, const char *text, size_t len, const char *label)
{
	unsigned line = 0;

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		json_object *o;
		const char *url = NULL, *title = NULL;
		char *s = xstrndup(p, n);

		line++;
		p = nl ? nl + 1 : end;
		if (strspn(s, " \t\r") == n) {
			free(s);
			continue;
		}
		o = json_tokener_parse(s);
		free(s);
		if (o == NULL || !json_object_is_type(o, json_type_object)) {
			msg_warn(label, line, "not a JSON object; line ignored");
			json_object_put(o);
			continue;
		}
		json_object *v;
		if (json_object_object_get_ex(o, "url", &v) && json_object_is_type(v, json_type_string))
			url = json_object_get_string(v);
		if (json_object_object_get_ex(o, "title", &v) &&
		    json_object_is_type(v, json_type_string))
			title = json_object_get_string(v);
		if (url == NULL) {
			if (!json_object_object_get_ex(o, "format", NULL))
				msg_warn(label, line, "page without a \"url\"; line ignored");
			json_object_put(o);
			continue;
		}
		size_t k;
		if (!strset_get(&web->urls, url, &k))
			msg_warn(label, line, "page not captured in the WACZ's WARC files: %.300s", url);
		else {
			const struct cap *c = &web->caps[k];
			const struct warc_rec *r = rec_of(web, c);
			if (usable(r) && html(r))
				add_page(web, k, title);
			else if (usable(r))
				msg_note(label, line, "%s: not an HTML page (%s), skipped", url,
				    r->mime ? r->mime : "no media type");
			else
				note_skip(web, &web->w[c->w], r);
		}
		json_object_put(o);
	}
}

/* Reads datapackage.json's list of the WACZ's files and their digests: path -> index into
 * *hashes ("sha256:HEX" as written). */
static void
read_package(zip_t *z, const char *label, struct strset *paths, char ***hashes, size_t *n)
{
	zip_int64_t i = zip_name_locate(z, "datapackage.json", 0);
	char *text;
	size_t len;
	json_object *o, *res;

	if (i < 0)
		return;
	if (zip_slurp(z, (zip_uint64_t)i, MAX_PAGES_LIST, &text, &len) != 0) {
		msg_warn(label, 0, "datapackage.json cannot be read");
		return;
	}
	o = json_tokener_parse(text);
	free(text);
	if (o == NULL || !json_object_object_get_ex(o, "resources", &res) ||
	    !json_object_is_type(res, json_type_array)) {
		msg_warn(label, 0, "datapackage.json has no list of resources");
		json_object_put(o);
		return;
	}
	for (size_t k = 0; k < json_object_array_length(res); k++) {
		json_object *r = json_object_array_get_idx(res, k), *p, *h;
		if (json_object_object_get_ex(r, "path", &p) && json_object_object_get_ex(r, "hash", &h) &&
		    json_object_is_type(p, json_type_string) && json_object_is_type(h, json_type_string) &&
		    strset_add(paths, json_object_get_string(p), *n)) {
			*hashes = xrealloc(*hashes, (*n + 1) * sizeof(**hashes));
			(*hashes)[(*n)++] = xstrdup(json_object_get_string(h));
		}
	}
	json_object_put(o);
}

/* Warns when datapackage.json gives the file name a SHA-256 other than hex. */
static void
check_hash(const char *label, const char *name, const char *hex, const struct strset *paths,
           char **hashes)
{
	size_t i;

	if (!strset_get(paths, name, &i) || strncasecmp(hashes[i], "sha256:", 7) != 0)
		return;
	if (strcasecmp(hashes[i] + 7, hex) != 0)
		msg_warn(label, 0, "its SHA-256 is not the one datapackage.json gives: the WACZ was "
		    "changed or damaged");
}

/* Opens a WACZ: a zip of archive/ *.warc(.gz), pages/pages.jsonl and datapackage.json. */
static int
open_wacz(struct web *web, const char *path)
{
	int err = 0, lists = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_int64_t n;
	struct strset pkg = {0};
	char **hashes = NULL;
	size_t nhashes = 0;

	if (z == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		msg_error(web->label, 0, "not a readable WACZ (zip) file: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	n = zip_get_num_entries(z, 0);
	read_package(z, web->label, &pkg, &hashes, &nhashes);
	/* The WARC files in the order the zip lists them. */
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (name == NULL || !startswith(name, "archive/") || (!endswith_ci(name, ".warc") &&
		    !endswith_ci(name, ".warc.gz")))
			continue;
		char *label = xasprintf("%s/%s", web->label, name), hex[65];
		FILE *f = zip_spool(z, (zip_uint64_t)i, label, hex);
		if (f) {
			check_hash(label, name, hex, &pkg, hashes);
			web->w = xrealloc(web->w, (web->nw + 1) * sizeof(*web->w));
			if (warc_open(&web->w[web->nw], f, label) == 0)
				web->nw++;
			else
				warc_close(&web->w[web->nw]);
		}
		free(label);
	}
	if (web->nw == 0)
		msg_warn(web->label, 0, "no WARC file in the WACZ's archive/ folder");
	index_urls(web);
	static const char *const lists_names[] = {"pages/pages.jsonl", "pages/extraPages.jsonl"};
	for (size_t k = 0; k < 2; k++) {
		zip_int64_t i = zip_name_locate(z, lists_names[k], 0);
		char *text, *label = xasprintf("%s/%s", web->label, lists_names[k]);
		size_t len;
		if (i >= 0) {
			lists++;
			if (zip_slurp(z, (zip_uint64_t)i, MAX_PAGES_LIST, &text, &len) != 0)
				msg_warn(label, 0, "cannot be read");
			else {
				char hex[65];
				unsigned char h[32];
				sha256(text, len, h);
				hex32(h, hex);
				check_hash(label, lists_names[k], hex, &pkg, hashes);
				read_pages(web, text, len, label);
				free(text);
			}
		}
		free(label);
	}
	if (lists == 0) {
		msg_warn(web->label, 0, "no pages/pages.jsonl: every HTML page captured is read");
		all_pages(web);
	}
	zip_discard(z);
	for (size_t k = 0; k < nhashes; k++)
		free(hashes[k]);
	free(hashes);
	strset_free(&pkg);
	return 0;
}

struct web *
web_open(const char *root, const char *rel)
{
	struct web *web = xcalloc(1, sizeof(*web));
	char *path = path_join(root, rel);

	web->rel = xstrdup(rel);
	web->label = strcmp(root, ".") == 0 ? xstrdup(rel) : xstrdup(path);
	if (endswith_ci(rel, ".wacz")) {
		if (open_wacz(web, path) != 0)
			goto fail;
	} else {
		FILE *f = fopen(path, "rb");
		if (f == NULL) {
			msg_error(web->label, 0, "cannot read: %s", strerror(errno));
			goto fail;
		}
		web->w = xcalloc(1, sizeof(*web->w));
		if (warc_open(&web->w[0], f, web->label) != 0) {
			warc_close(&web->w[0]);
			goto fail;
		}
		web->nw = 1;
		index_urls(web);
		all_pages(web);
	}
	free(path);
	return web;
fail:
	free(path);
	web_free(web);
	return NULL;
}

size_t
web_count(const struct web *web)
{
	return web->npages;
}

const char *
web_path(const struct web *web, size_t i)
{
	return web->paths[i];
}

/* Finds the usable capture of url, following redirects and revisits. Returns it or NULL with
 * *why set. */
static const struct cap *
find(const struct web *web, const char *url, const char **why)
{
	char *u = xstrdup(url);
	const struct cap *c = NULL;

	*why = "not captured";
	for (int hop = 0; hop <= MAX_HOPS; hop++) {
		size_t k;
		if (!strset_get(&web->urls, u, &k))
			break;
		const struct warc_rec *r = rec_of(web, &web->caps[k]);
		char *next = NULL;
		if (usable(r)) {
			c = &web->caps[k];
			break;
		}
		size_t d;
		if (r->type == WARC_REVISIT && r->refers)
			next = xstrdup(r->refers);
		else if (r->type == WARC_REVISIT && r->digest &&
		    strset_get(&web->digests, r->digest, &d)) {
			c = &web->caps[d];
			break;
		}
		else if (r->status >= 300 && r->status < 400 && r->location)
			next = url_resolve(r->uri, r->location);
		if (next == NULL || strcmp(next, u) == 0) {
			*why = r->type == WARC_REVISIT ? "a revisit of a capture not in the file" :
			    "captured with an error status";
			free(next);
			break;
		}
		*why = "a redirect loop";
		free(u);
		u = next;
	}
	free(u);
	return c;
}

static int
fetch(void *arg, const char *url, size_t max, char **data, size_t *len, const char **why)
{
	struct web *web = arg;
	const struct cap *c = find(web, url, why);

	if (c == NULL)
		return -1;
	return warc_payload(&web->w[c->w], c->r, max, data, len, why);
}

static const char *
page(void *arg, const char *url)
{
	struct web *web = arg;
	const struct cap *c;
	const char *why;
	size_t k;

	if (strset_get(&web->pageurls, url, &k))
		return web->paths[k];
	/* A link to a URL that redirected to a page. */
	if ((c = find(web, url, &why)) != NULL &&
	    strset_get(&web->pageurls, rec_of(web, c)->uri, &k))
		return web->paths[k];
	return NULL;
}

/* A title from the URL when the page has none: its last path segment without its extension,
 * else its host. Caller frees. */
static char *
url_title(const char *uri)
{
	const char *s = strstr(uri, "://"), *end, *seg, *host;

	host = s ? s + 3 : uri;
	s = host + strcspn(host, "/?#");
	end = s + strcspn(s, "?#");
	while (end > s && end[-1] == '/')
		end--;
	seg = end;
	while (seg > s && seg[-1] != '/')
		seg--;
	if (seg == end)
		return xstrndup(host, strcspn(host, "/?#"));
	char *t = xstrndup(seg, (size_t)(end - seg)), *dot = strrchr(t, '.');
	if (dot && dot != t)
		*dot = '\0';
	for (char *p = t; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	return t;
}

int
web_read(struct web *web, size_t i, const struct read_ctx *ctx, struct article *a)
{
	const struct cap *c = &web->caps[web->pages[i]];
	struct warc *w = &web->w[c->w];
	const struct warc_rec *r = &w->recs[c->r];
	struct read_web rw = {web->rel, r->uri, r->charset, fetch, page, web};
	struct read_ctx wctx = *ctx;
	char *data, *label;
	const char *why;
	size_t len;
	int rc;

	memset(a, 0, sizeof(*a));
	a->path = xstrdup(web->paths[i]);
	label = read_label(ctx, a);
	if (warc_payload(w, c->r, MAX_PAGE_BYTES, &data, &len, &why) != 0) {
		msg_error(label, 0, "cannot read the capture at byte %llu: %s",
		    (unsigned long long)r->file_off, why);
		free(label);
		return -1;
	}
	if (r->truncated)
		msg_warn(label, 0, "the capture is truncated (WARC-Truncated or a short record)");
	a->size = len;
	sha256(data, len, a->sha256);
	wctx.web = &rw;
	rc = len == 0 ? 0 : read_html_raw(&wctx, a, data, len);
	if (len == 0)
		msg_warn(label, 0, "empty page");
	free(data);
	if (rc != 0) {
		msg_error(label, 0, "cannot be read as an article");
		free(label);
		return -1;
	}
	free(label);
	/* Where and when it was captured: what the archive says, not what the page claims. */
	free(a->source);
	a->source = xstrdup(r->uri);
	a->captured = r->date;
	a->digest = r->digest ? xstrdup(r->digest) : NULL;
	a->record = r->file_off;
	if (a->date.year == 0)
		a->date = r->date;
	if (a->title == NULL && web->titles[i])
		a->title = xstrdup(web->titles[i]);
	if (a->title == NULL) {
		char *t = url_title(r->uri);
		if (*t)
			a->title = t;
		else
			free(t);
	}
	return 0;
}

void
web_free(struct web *web)
{
	if (web == NULL)
		return;
	for (size_t i = 0; i < web->nw; i++)
		warc_close(&web->w[i]);
	free(web->w);
	free(web->caps);
	strset_free(&web->urls);
	strset_free(&web->digests);
	for (size_t i = 0; i < web->npages; i++) {
		free(web->titles[i]);
		free(web->paths[i]);
	}
	free(web->pages);
	free(web->titles);
	free(web->paths);
	strset_free(&web->pageurls);
	free(web->rel);
	free(web->label);
	free(web);
}
