/* The HTML reader's metadata: JSON-LD and the head's <meta> elements into the article's fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "read_html_int.h"

/* ---- JSON-LD ---------------------------------------------------------------------------- */

/* A parsed JSON value: enough of JSON to read schema.org metadata. */
struct json {
	enum { J_NULL, J_STR, J_NUM, J_BOOL, J_ARR, J_OBJ } type;
	char *key;              /* member name inside an object */
	char *str;              /* J_STR value */
	struct json *first, *next;
};

/* A cursor over JSON text. */
struct jp {
	const char *s, *end;
	int depth;
};

static void
json_free(struct json *j)
{
	/* Siblings iteratively; children recurse at most the parser's depth cap. */
	while (j) {
		struct json *next = j->next;
		json_free(j->first);
		free(j->key);
		free(j->str);
		free(j);
		j = next;
	}
}

static void
jskip(struct jp *p)
{
	while (p->s < p->end && html_isws(*p->s))
		p->s++;
}

/* Reads four hex digits at s into *v. Returns 0 or -1. */
static int
hex4(const char *s, const char *end, unsigned *v)
{
	*v = 0;
	if (end - s < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hex_value(s[i]);
		if (h < 0)
			return -1;
		*v = *v * 16 + (unsigned)h;
	}
	return 0;
}

/* Parses a JSON string at p->s (on the quote). Returns a new string or NULL. Caller frees. */
static char *
jstr(struct jp *p)
{
	struct buf b = {0};

	p->s++;
	while (p->s < p->end && *p->s != '"') {
		unsigned c = (unsigned char)*p->s++, u, lo;
		if (c != '\\') {
			buf_putc(&b, (int)c);
			continue;
		}
		if (p->s >= p->end)
			break;
		c = (unsigned char)*p->s++;
		switch (c) {
		case 'n': buf_putc(&b, '\n'); break;
		case 't': buf_putc(&b, '\t'); break;
		case 'r': buf_putc(&b, '\r'); break;
		case 'b': case 'f': buf_putc(&b, ' '); break;
		case 'u':
			if (hex4(p->s, p->end, &u) != 0)
				goto fail;
			p->s += 4;
			if (u >= 0xd800 && u < 0xdc00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
			    p->s[1] == 'u' && hex4(p->s + 2, p->end, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				p->s += 6;
			} else if (u >= 0xd800 && u < 0xe000)
				u = 0xfffd;
			buf_put_utf8(&b, u ? u : 0xfffd);
			break;
		default:
			buf_putc(&b, (int)c);
			break;
		}
	}
	if (p->s >= p->end)
		goto fail;
	p->s++;
	return buf_detach(&b);
fail:
	buf_free(&b);
	return NULL;
}

/* Parses one JSON value at p->s. Returns it or NULL on a syntax error (or too deep). */
static struct json *
jvalue(struct jp *p)
{
	struct json *j, **tail;

	jskip(p);
	if (p->s >= p->end || p->depth > 64)
		return NULL;
	j = xcalloc(1, sizeof(*j));
	switch (*p->s) {
	case '"':
		j->type = J_STR;
		if ((j->str = jstr(p)) == NULL)
			goto fail;
		return j;
	case '{':
	case '[': {
		int obj = *p->s == '{';
		char close = obj ? '}' : ']';
		j->type = obj ? J_OBJ : J_ARR;
		tail = &j->first;
		p->s++;
		p->depth++;
		jskip(p);
		if (p->s < p->end && *p->s == close) {
			p->s++;
			p->depth--;
			return j;
		}
		for (;;) {
			char *key = NULL;
			struct json *v;
			jskip(p);
			if (obj) {
				if (p->s >= p->end || *p->s != '"' || (key = jstr(p)) == NULL)
					goto fail;
				jskip(p);
				if (p->s >= p->end || *p->s != ':') {
					free(key);
					goto fail;
				}
				p->s++;
			}
			if ((v = jvalue(p)) == NULL) {
				free(key);
				goto fail;
			}
			v->key = key;
			*tail = v;
			tail = &v->next;
			jskip(p);
			if (p->s < p->end && *p->s == ',') {
				p->s++;
				continue;
			}
			if (p->s < p->end && *p->s == close) {
				p->s++;
				p->depth--;
				return j;
			}
			goto fail;
		}
	}
	default:
		/* Numbers, true, false, null: only skipped. */
		j->type = *p->s == 't' || *p->s == 'f' ? J_BOOL : *p->s == 'n' ? J_NULL : J_NUM;
		while (p->s < p->end && !html_isws(*p->s) && *p->s != ',' && *p->s != '}' && *p->s != ']')
			p->s++;
		return j;
	}
fail:
	json_free(j);
	return NULL;
}

static const struct json *
jget(const struct json *o, const char *key)
{
	if (o == NULL || o->type != J_OBJ)
		return NULL;
	for (const struct json *m = o->first; m; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static const char *
jgets(const struct json *o, const char *key)
{
	const struct json *v = jget(o, key);

	return v && v->type == J_STR ? v->str : NULL;
}

/* Returns 1 when a schema.org type names an article. */
static int
articletype(const char *t)
{
	static const char *const types[] = {
		"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
		"TechArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
		"ReviewNewsArticle", "BackgroundNewsArticle", "SocialMediaPosting",
		"LiveBlogPosting", "DiscussionForumPosting", "MedicalScholarlyArticle", "Review",
		"WebPage", "CreativeWork",
	};

	if (t == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i]) == 0)
			return 1;
	return 0;
}

/* Returns 1 when object o has an article @type (a string or a list of strings). */
static int
isarticle(const struct json *o)
{
	const struct json *t = jget(o, "@type");

	if (t == NULL)
		return 0;
	if (t->type == J_STR)
		return articletype(t->str);
	if (t->type == J_ARR)
		for (const struct json *e = t->first; e; e = e->next)
			if (e->type == J_STR && articletype(e->str))
				return 1;
	return 0;
}

/* Adds one author (a string or an object with a name) to the JSON-LD author list. */
static void
ldauthor(struct meta *m, const struct json *v)
{
	const char *name = v->type == J_STR ? v->str : jgets(v, "name");
	char *s = html_squash(name);

	if (s == NULL || startswith(s, "http://") || startswith(s, "https://")) {
		free(s);
		return;
	}
	m->ld_authors = xrealloc(m->ld_authors, (m->nld_authors + 1) * sizeof(char *));
	m->ld_authors[m->nld_authors++] = s;
}

/* Takes title, authors, date and description from the first article object in a JSON-LD tree.
 * Returns 1 when one was found. */
static int
ldscan(struct meta *m, const struct json *root)
{
	const struct json *stack[64];
	int n = 0;

	stack[n++] = root;
	while (n > 0) {
		const struct json *o = stack[--n];
		if (o->type == J_OBJ && isarticle(o)) {
			const struct json *au = jget(o, "author");
			m->ld_title = html_squash(jgets(o, "headline"));
			m->ld_name = html_squash(jgets(o, "name"));
			m->ld_date = html_squash(jgets(o, "datePublished"));
			if (m->ld_date == NULL)
				m->ld_date = html_squash(jgets(o, "dateCreated"));
			m->ld_desc = html_squash(jgets(o, "description"));
			m->ld_body = html_squash(jgets(o, "articleBody"));
			if (au && au->type == J_ARR) {
				for (const struct json *e = au->first; e; e = e->next)
					ldauthor(m, e);
			} else if (au)
				ldauthor(m, au);
			return 1;
		}
		/* Look into arrays and @graph lists, last pushed first out: keep document order. */
		const struct json *kids = o->type == J_ARR ? o->first :
		    o->type == J_OBJ && jget(o, "@graph") ? jget(o, "@graph")->first : NULL;
		const struct json *rev[64];
		int k = 0;
		for (const struct json *e = kids; e && k < 64; e = e->next)
			rev[k++] = e;
		while (k > 0 && n < 64)
			stack[n++] = rev[--k];
	}
	return 0;
}

/* Reads a <script type=application/ld+json> element's text into m, unless one was read. */
static void
ldjson(struct meta *m, const xmlNode *script)
{
	struct buf b = {0};
	struct jp p;
	struct json *j;
	const char *s;

	if (m->ld_title || m->ld_name || m->nld_authors || m->ld_date)
		return;
	for (const xmlNode *t = script->children; t; t = t->next)
		if (t->content)
			buf_puts(&b, (const char *)t->content);
	s = buf_str(&b);
	p.end = s + b.len;
	/* Pages wrap the JSON in CDATA or comment markers for old parsers. */
	while (*s && (html_isws(*s) || *s == ';'))
		s++;
	if (startswith(s, "<![CDATA["))
		s += 9;
	else if (startswith(s, "<!--"))
		s += 4;
	p.s = s;
	p.depth = 0;
	if ((j = jvalue(&p)) != NULL) {
		ldscan(m, j);
		json_free(j);
	}
	buf_free(&b);
}

/* ---- Metadata --------------------------------------------------------------------------- */

static void
meta_put(struct meta *m, const char *key, const char *val)
{
	char *k;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 32;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	k = xstrdup(key);
	for (char *p = k; *p; p++)
		*p = (char)ascii_tolower(*p);
	if (startswith(k, "dc.") || startswith(k, "dcterms.") || startswith(k, "dcterm."))
		*strchr(k, '.') = ':';
	m->v[m->n].key = k;
	m->v[m->n].val = xstrdup(val);
	m->n++;
}

/* Returns the last value given for key, or NULL. */
static const char *
meta_get(const struct meta *m, const char *key)
{
	for (size_t i = m->n; i > 0; i--)
		if (strcmp(m->v[i - 1].key, key) == 0 && *m->v[i - 1].val)
			return m->v[i - 1].val;
	return NULL;
}

/* Returns the first of the keys that has a non-blank value. */
static const char *
meta_any(const struct meta *m, const char *const *keys)
{
	for (; *keys; keys++) {
		const char *v = meta_get(m, *keys);
		if (v) {
			const char *s = v;
			while (html_isws(*s))
				s++;
			if (*s)
				return v;
		}
	}
	return NULL;
}

/* See read_html_int.h. */
void
html_meta_free(struct meta *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		free(m->v[i].val);
	}
	free(m->v);
	free(m->title);
	free(m->canonical);
	free(m->h1);
	free(m->time);
	free(m->anytime);
	free(m->ld_title);
	free(m->ld_name);
	free(m->ld_date);
	free(m->ld_desc);
	free(m->ld_body);
	for (size_t i = 0; i < m->nld_authors; i++)
		free(m->ld_authors[i]);
	free(m->ld_authors);
}

/* Gathers <meta>, <title>, <link rel=canonical> and JSON-LD from the whole document. */
void
html_meta_gather(struct meta *m, xmlNode *root)
{
	int up = 0;

	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(n, "meta")) {
			const char *content = html_attr(n, "content");
			const char *keys[] = {html_attr(n, "property"), html_attr(n, "name"), html_attr(n, "itemprop"),
			    html_attr(n, "http-equiv")};
			if (content == NULL)
				continue;
			for (int i = 0; i < 4; i++) {
				/* property may list several names: "og:title twitter:title". */
				const char *s = keys[i], *t;
				size_t len;
				while ((t = html_token(&s, &len)) != NULL) {
					char *k = xstrndup(t, len);
					meta_put(m, k, content);
					free(k);
				}
			}
		} else if (html_is(n, "time") && html_attr(n, "datetime")) {
			const char *ip = html_attr(n, "itemprop");
			if (m->time == NULL && (html_attr(n, "pubdate") ||
			    (ip && strcasecmp(ip, "datePublished") == 0)))
				m->time = html_squash(html_attr(n, "datetime"));
			if (m->anytime == NULL)
				m->anytime = html_squash(html_attr(n, "datetime"));
		} else if (html_is(n, "h1") && m->h1 == NULL) {
			m->h1 = html_textdup(n);
		} else if (html_is(n, "title") && m->title == NULL) {
			m->title = html_textdup(n);
		} else if (html_is(n, "link") && m->canonical == NULL && html_hasword(html_attr(n, "rel"), "canonical")) {
			m->canonical = html_squash(html_attr(n, "href"));
		} else if (html_is(n, "script")) {
			const char *type = html_attr(n, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0)
				ldjson(m, n);
			up = 1;
		} else if (html_is(n, "style") || html_is(n, "svg"))
			up = 1;
	}
}

/* Counts words (runs of non-space) in s. */
static size_t
words(const char *s)
{
	size_t n = 0;

	while (*s) {
		while (html_isws(*s))
			s++;
		if (*s)
			n++;
		while (*s && !html_isws(*s))
			s++;
	}
	return n;
}

/* Cuts a site name off a document title: the part after the last " | ", " - ", " – ", " — ",
 * " :: " or " » ", when what stays has three words or more. Returns a new string. */
char *
html_cut_title(const char *t)
{
	static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
	    " :: ", " \xc2\xbb ", " / ", NULL};
	const char *best = NULL;
	char *r;

	for (const char *const *s = seps; *s; s++) {
		const char *p = t, *q;
		while ((q = strstr(p, *s)) != NULL) {
			if (best == NULL || q > best)
				best = q;
			p = q + 1;
		}
	}
	if (best == NULL)
		return xstrdup(t);
	r = xstrndup(t, (size_t)(best - t));
	if (words(r) < 3) {
		free(r);
		return xstrdup(t);
	}
	return r;
}

/* Returns 1 when s looks like a URL rather than a name. */
static int
isurl(const char *s)
{
	return startswith(s, "http://") || startswith(s, "https://") || startswith(s, "www.") ||
	    startswith(s, "//");
}

/* See read_html_int.h. */
void
html_add_author(struct article *a, const char *s)
{
	char *v = html_squash(s);

	if (v == NULL)
		return;
	/* "By A. Writer" names A. Writer. */
	static const char *const by[] = {"by ", "by: ", "posted by ", "por ", "par ",
	    NULL};
	for (const char *const *p = by; *p; p++)
		if (strncasecmp(v, *p, strlen(*p)) == 0 && v[strlen(*p)]) {
			memmove(v, v + strlen(*p), strlen(v + strlen(*p)) + 1);
			break;
		}
	if (isurl(v) || strlen(v) > 200) {
		free(v);
		return;
	}
	for (size_t i = 0; i < a->nauthors; i++)
		if (strcasecmp(a->authors[i], v) == 0) {
			free(v);
			return;
		}
	a->authors = xrealloc(a->authors, (a->nauthors + 1) * sizeof(char *));
	a->authors[a->nauthors++] = v;
}

/* Parses a date as metadata gives it: ISO 8601 as date_parse reads it, else the first date
 * written out in s (date_prose at a word start: "March 1, 2024", "Thu, 01 Mar 2024 10:00:00
 * GMT", "2016-12-22T14:03:00+0000"), else the compact "YYYYMMDD". Returns 0 on success, -1 (d
 * zeroed) otherwise. */
static int
parse_date(const char *s, struct date *d)
{
	const char *e;
	char tmp[16];
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL)
		return -1;
	while (html_isws(*s))
		s++;
	if (date_parse(s, d) == 0)
		return 0;
	for (const char *p = s; *p; p++) {
		if (p > s && (ascii_isalnum(p[-1]) || (p[-1] & 0x80)))
			continue;
		if (date_prose(p, d, &e) == 0)
			return 0;
	}
	/* A meta value may be compact: "20240301", a year after 1800. */
	while (ascii_isdigit(s[n]))
		n++;
	if (n >= 8 && strncmp(s, "1801", 4) >= 0) {
		snprintf(tmp, sizeof(tmp), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		return date_parse(tmp, d);
	}
	return -1;
}

/* Maps a BCP 47-ish language value ("en_US", " fr ") to a tag, or NULL when it is not a
 * well-formed one (the next source is tried, then the archive's language). Caller frees. */
static char *
langtag(const char *s)
{
	char *t = html_squash(s);

	if (t == NULL)
		return NULL;
	for (char *p = t; *p; p++) {
		if (*p == '_')
			*p = '-';
		if (!ascii_isalnum(*p) && *p != '-') {
			free(t);
			return NULL;
		}
	}
	if (!lang_valid(t)) {
		free(t);
		return NULL;
	}
	return t;
}

/* See read_html_int.h. */
enum dir
html_dir(const char *s)
{
	if (s && strcasecmp(s, "rtl") == 0)
		return DIR_RTL;
	if (s && strcasecmp(s, "ltr") == 0)
		return DIR_LTR;
	return DIR_AUTO;
}

/* Fills a's metadata from what the head and the page say. */
void
html_meta_apply(struct article *a, const struct meta *m, xmlNode *html)
{
	static const char *const titles[] = {"dc:title", "dcterms:title", "dcterm:title",
	    "og:title", "twitter:title", "title", "parsely-title", "sailthru.title", NULL};
	static const char *const authors[] = {"dc:creator", "dcterms:creator", "dcterm:creator",
	    "author", "parsely-author", "sailthru.author", "article:author", "og:article:author",
	    "byl", NULL};
	static const char *const dates[] = {"article:published_time", "og:published_time",
	    "datepublished", "date", "dc:date", "dcterms:date", "dcterms:created",
	    "dcterms:issued", "parsely-pub-date", "sailthru.date", "publish-date", "pubdate",
	    "article.published", "published_time", NULL};
	static const char *const summaries[] = {"dc:description", "dcterms:description",
	    "og:description", "description", "twitter:description", NULL};
	const char *v;

	/* A JSON-LD headline that is not in the page's title while the title starts with the name
	 * may be a subtitle (Wikipedia's is a definition): the name is the title then. */
	if (m->ld_title && !(m->ld_name && m->title && startswith(m->title, m->ld_name) &&
	    !strstr(m->title, m->ld_title)))
		a->title = xstrdup(m->ld_title);
	else if (m->ld_name && m->ld_title)
		a->title = xstrdup(m->ld_name);
	else if ((v = meta_any(m, titles)) != NULL)
		a->title = html_squash(v);
	else if (m->title)
		a->title = html_cut_title(m->title);
	else if (m->h1)
		a->title = xstrdup(m->h1);

	for (size_t i = 0; i < m->nld_authors; i++)
		html_add_author(a, m->ld_authors[i]);
	if (a->nauthors == 0 && (v = meta_any(m, authors)) != NULL)
		html_add_author(a, v);

	/* The publication date: Open Graph, JSON-LD, a marked <time>, other meta, any <time>. */
	const char *when[] = {meta_get(m, "article:published_time"), m->ld_date, m->time};
	for (size_t i = 0; i < sizeof(when) / sizeof(when[0]) && a->date.year == 0; i++)
		if (when[i] && parse_date(when[i], &a->date) != 0)
			memset(&a->date, 0, sizeof(a->date));
	for (const char *const *k = dates; a->date.year == 0 && *k; k++)
		if ((v = meta_get(m, *k)) != NULL && parse_date(v, &a->date) != 0)
			memset(&a->date, 0, sizeof(a->date));
	if (a->date.year == 0 && m->anytime && parse_date(m->anytime, &a->date) != 0)
		memset(&a->date, 0, sizeof(a->date));

	if (m->canonical && isurl(m->canonical))
		a->source = xstrdup(m->canonical);
	else if ((v = meta_get(m, "og:url")) != NULL && isurl(v))
		a->source = html_squash(v);

	a->lang = langtag(html_attr(html, "lang"));
	if (a->lang == NULL)
		a->lang = langtag(html_attr(html, "xml:lang"));
	if (a->lang == NULL)
		a->lang = langtag(meta_get(m, "content-language"));
	a->dir = html_dir(html_attr(html, "dir"));

	a->summary = html_squash(meta_any(m, summaries));
	if (a->summary == NULL && m->ld_desc)
		a->summary = xstrdup(m->ld_desc);
}

