/* What every reader shares: front matter, image and link checks, text nodes, message labels. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "date.h"
#include "image.h"
#include "msg.h"
#include "read.h"
#include "yamlmap.h"

/* Every input format, by extension. */
static const struct reader readers[] = {
	{".md", 0, read_md},
	{".markdown", 0, read_md},
	{".html", 1, read_html_raw},
	{".htm", 1, read_html_raw},
	{".xhtml", 1, read_html_raw},
	{".txt", 0, read_text},
};

const struct reader *
read_find(const char *name)
{
	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (endswith_ci(name, readers[i].ext))
			return &readers[i];
	return NULL;
}

char *
read_label(const struct read_ctx *ctx, const struct article *a)
{
	if (strcmp(ctx->root, ".") == 0)
		return xstrdup(a->path);
	return path_join(ctx->root, a->path);
}

/* Copies a YAML value into a string list: a scalar becomes one item. Empty items are dropped. */
static void
strlist(const struct yval *v, char ***list, size_t *n)
{
	size_t cnt = v->scalar ? 1 : v->nlist;

	for (size_t i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = xcalloc(cnt ? cnt : 1, sizeof(char *));
	*n = 0;
	for (size_t i = 0; i < cnt; i++) {
		char *s = strsquash(v->scalar ? v->scalar : v->list[i]);
		if (*s)
			(*list)[(*n)++] = s;
		else
			free(s);
	}
}

/* Sets *dst to the squashed scalar of v (NULL when empty or a list). */
static void
scalar(const struct yval *v, char **dst)
{
	free(*dst);
	*dst = NULL;
	if (v->scalar == NULL) {
		if (v->nlist > 0)
			*dst = strsquash(v->list[0]);
	} else
		*dst = strsquash(v->scalar);
	if (*dst && **dst == '\0') {
		free(*dst);
		*dst = NULL;
	}
}

/* Finds the end of a front matter block: the offset of the closing "---" or "..." line. */
static const char *
closing(const char *text, size_t len, const char **after)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t n = (size_t)(le - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0)) {
			*after = nl ? nl + 1 : end;
			return p;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

size_t
read_front_matter(const struct read_ctx *ctx, struct article *a, const char *text, size_t len,
                  unsigned *body_line)
{
	const char *start, *close, *after;
	struct ymap m;
	const char *err;
	unsigned errline, lines = 1;
	char *label;

	*body_line = 1;
	if (len < 4 || memcmp(text, "---", 3) != 0)
		return 0;
	start = text + 3;
	while (*start == ' ' || *start == '\t')
		start++;
	if (*start != '\n')
		return 0;
	start++;
	label = read_label(ctx, a);
	close = closing(start, len - (size_t)(start - text), &after);
	if (close == NULL) {
		msg_warn(label, 1, "front matter has no closing '---' line; read as text");
		free(label);
		return 0;
	}
	for (const char *p = text; p < after; p++)
		lines += *p == '\n';
	*body_line = lines;
	if (ymap_parse(start, (size_t)(close - start), 1, &m, &err, &errline) != 0) {
		msg_warn(label, errline, "broken front matter: %s; metadata ignored", err);
		ymap_free(&m);
		free(label);
		return (size_t)(after - text);
	}
	ymap_warn_drops(&m, label, "front matter value ignored");
	for (size_t i = 0; i < m.n; i++) {
		const struct yval *v = &m.v[i];
		const char *k = v->key;
		if (strcmp(k, "title") == 0)
			scalar(v, &a->title);
		else if (strcmp(k, "date") == 0) {
			char *s = NULL;
			scalar(v, &s);
			if (s && date_parse(s, &a->date) != 0)
				msg_warn(label, v->line, "not a date: '%s' (want YYYY-MM-DD or ISO 8601)", s);
			free(s);
		} else if (strcmp(k, "author") == 0 || strcmp(k, "authors") == 0)
			strlist(v, &a->authors, &a->nauthors);
		else if (strcmp(k, "source") == 0)
			scalar(v, &a->source);
		else if (strcmp(k, "section") == 0)
			scalar(v, &a->section);
		else if (strcmp(k, "tags") == 0)
			strlist(v, &a->tags, &a->ntags);
		else if (strcmp(k, "lang") == 0 || strcmp(k, "language") == 0) {
			scalar(v, &a->lang);
			if (a->lang && !lang_valid(a->lang)) {
				msg_warn(label, v->line, "not a language tag (BCP 47): '%.100s'; using "
				    "the archive's language", a->lang);
				free(a->lang);
				a->lang = NULL;
			}
		}
		else if (strcmp(k, "dir") == 0) {
			char *s = NULL;
			scalar(v, &s);
			a->dir = s && strcasecmp(s, "rtl") == 0 ? DIR_RTL :
			    s && strcasecmp(s, "ltr") == 0 ? DIR_LTR : DIR_AUTO;
			free(s);
		} else if (strcmp(k, "summary") == 0 || strcmp(k, "description") == 0)
			scalar(v, &a->summary);
		else if (strcmp(k, "image") == 0) {
			char *s = NULL;
			scalar(v, &s);
			if (s) {
				struct node img = {.type = NODE_IMAGE};
				read_image_src(ctx, a, &img, s, v->line);
				free(a->image);
				a->image = img.url;
			}
			free(s);
		} else if (strcmp(k, "image_caption") == 0)
			scalar(v, &a->image_caption);
		else if (strcmp(k, "draft") == 0)
			a->draft = v->scalar && (strcasecmp(v->scalar, "true") == 0 ||
			    strcasecmp(v->scalar, "yes") == 0);
	}
	ymap_free(&m);
	free(label);
	return (size_t)(after - text);
}

/* Returns the length of a URL scheme with its colon ("https:" -> 6), or 0. */
static size_t
scheme(const char *s)
{
	size_t i = 0;

	if (!ascii_isalpha(s[0]))
		return 0;
	while (s[i] && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#')
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* Returns 1 when root/rel is a regular file whose real path lies inside the archive. */
static int
inside(const struct read_ctx *ctx, const char *rel, const char **why)
{
	char *full = path_join(ctx->root, rel);
	char real[PATH_MAX], base[PATH_MAX];
	struct stat st;
	int ok = 0;

	*why = "not found";
	if (stat(full, &st) != 0) {
		if (errno == ELOOP)
			*why = "is a symbolic link loop";
		else if (errno != ENOENT)
			*why = "not readable";
		goto out;
	}
	*why = "not a regular file";
	if (!S_ISREG(st.st_mode))
		goto out;
	*why = "not readable";
	if (realpath(full, real) == NULL || realpath(ctx->root, base) == NULL)
		goto out;
	size_t n = strlen(base);
	*why = "outside the archive (symbolic link)";
	if (strncmp(real, base, n) != 0 || (real[n] != '/' && !(n == 1 && base[0] == '/')))
		goto out;
	ok = 1;
out:
	free(full);
	return ok;
}

void
read_image_src(const struct read_ctx *ctx, const struct article *a, struct node *img,
               const char *src, unsigned line)
{
	char *label = read_label(ctx, a), *dir, *rel;
	const char *why;

	free(img->url);
	img->url = NULL;
	while (*src == ' ' || *src == '\t' || *src == '\n')
		src++;
	if (*src == '\0') {
		msg_warn(label, line, "image without a source");
		goto out;
	}
	if (scheme(src) || startswith(src, "//")) {
		msg_warn(label, line, "remote image not fetched: %.200s", src);
		goto out;
	}
	if (src[0] == '/') {
		msg_warn(label, line, "image path is absolute, refused: %.200s", src);
		goto out;
	}
	dir = path_dir(a->path);
	rel = path_resolve(dir, src);
	free(dir);
	if (rel == NULL) {
		msg_warn(label, line, "image path leaves the archive, refused: %.200s", src);
		goto out;
	}
	if (!inside(ctx, rel, &why)) {
		msg_warn(label, line, "image %s: %.200s", why, src);
		free(rel);
		goto out;
	}
	/* The header is checked now, so that every writer can rely on it. */
	{
		char *full = path_join(ctx->root, rel);
		struct image_info info;
		int bad = image_probe(full, &info, &why) != 0;
		free(full);
		if (bad) {
			msg_warn(label, line, "image unusable (%s): %.200s", why, src);
			free(rel);
			goto out;
		}
	}
	img->url = rel;
out:
	free(label);
}

int
read_link_href(const struct read_ctx *ctx, const struct article *a, struct node *link,
               const char *href, unsigned line)
{
	char *label = NULL, *path = NULL, *dir;
	const char *hash;
	size_t sl;
	int rc = -1;

	free(link->url);
	free(link->id);
	link->url = link->id = NULL;
	while (*href == ' ' || *href == '\t' || *href == '\n')
		href++;
	sl = scheme(href);
	if (sl) {
		if ((sl == 5 && strncasecmp(href, "http:", 5) == 0) ||
		    (sl == 6 && strncasecmp(href, "https:", 6) == 0) ||
		    (sl == 7 && strncasecmp(href, "mailto:", 7) == 0)) {
			link->link = LINK_EXTERNAL;
			link->url = xstrdup(href);
			if (strstr(link->url, "\xEF\xBF\xBD")) {
				/* U+FFFD stands for a NUL byte or bad UTF-8: no URL holds it. */
				char *w = link->url;
				for (const char *r = link->url; *r; )
					if (strncmp(r, "\xEF\xBF\xBD", 3) == 0)
						r += 3;
					else
						*w++ = *r++;
				*w = '\0';
				label = read_label(ctx, a);
				msg_warn(label, line, "NUL bytes or invalid UTF-8 removed from a link: "
				    "%.200s", link->url);
				free(label);
			}
			return 0;
		}
		label = read_label(ctx, a);
		msg_warn(label, line, "link with scheme '%.*s' dropped, text kept", (int)(sl - 1), href);
		goto out;
	}
	if (startswith(href, "//")) {
		link->link = LINK_EXTERNAL;
		link->url = xasprintf("https:%s", href);
		return 0;
	}
	if (href[0] == '#') {
		if (href[1] == '\0')
			return -1;
		link->link = LINK_ANCHOR;
		link->url = xstrdup(href);
		link->id = xstrdup(href + 1);
		return 0;
	}
	hash = strchr(href, '#');
	dir = path_dir(a->path);
	{
		char *ref = hash ? xstrndup(href, (size_t)(hash - href)) : xstrdup(href);
		char *q = strchr(ref, '?');
		if (q)
			*q = '\0';
		path = *ref ? path_resolve(dir, ref) : NULL;
		free(ref);
	}
	free(dir);
	if (path && strset_get(ctx->articles, path, NULL)) {
		link->link = LINK_ARTICLE;
		link->url = path;
		link->id = hash && hash[1] ? xstrdup(hash + 1) : NULL;
		path = NULL;
		rc = 0;
		goto out;
	}
	label = read_label(ctx, a);
	msg_warn(label, line, "link to '%.200s' is not an article of the archive; text kept", href);
out:
	free(path);
	free(label);
	return rc;
}

int
read_same_words(const char *x, const char *y)
{
	char *a = strsquash(x), *b = strsquash(y);
	int r = strcasecmp(a, b) == 0;

	free(a);
	free(b);
	return r;
}

void
read_add_text(struct node *parent, const char *s, size_t n)
{
	struct node *last = parent->last;

	if (n == 0)
		return;
	if (last && last->type == NODE_TEXT) {
		size_t m = strlen(last->text);
		last->text = xrealloc(last->text, m + n + 1);
		memcpy(last->text + m, s, n);
		last->text[m + n] = '\0';
		return;
	}
	struct node *t = node_append(parent, node_new(NODE_TEXT));
	t->text = xstrndup(s, n);
}
