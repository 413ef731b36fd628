/* The HTML reader: finds the article in a saved web page and turns it into the model. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "date.h"
#include "msg.h"
#include "read.h"

/*
 * Besides read_html (read.h), this file exports one function for archive.c, which should call
 * it for .html and .htm files instead of read_html, with the file's bytes as they were read:
 *
 * Reads an HTML page from its raw bytes (len bytes, any encoding), honouring a byte order mark
 * or a charset declared by a <meta> element in the first 4 KB (Latin-1 and ASCII read as
 * windows-1252, as browsers do). A page that declares a legacy charset but is valid UTF-8 with
 * non-ASCII characters was saved again as UTF-8 and is read so; a page that declares nothing
 * is read as UTF-8, or as windows-1252 when it is not valid UTF-8. Bytes that are invalid in a
 * page read as UTF-8 are replaced with a warning. Otherwise the same contract as read_html.
 * int read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len);
 *
 * The reader works in three steps on libxml2's tree: metadata from the head and JSON-LD, then
 * removing what is never content and choosing the element that holds the article, then
 * converting that element into model nodes. Every walk over the tree is iterative (libxml2's
 * nodes have parent pointers), so hostile nesting costs no stack; only the JSON-LD parser
 * recurses, at most 64 levels deep.
 */
int read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len);

/* How the converter treats an element. */
enum kind {
	K_INLINE = 0,           /* transparent inline: span, font, abbr and unknown elements */
	K_DROP,                 /* never content: scripts, styles, forms, embedded objects, menus */
	K_BLOCK,                /* transparent block: div, section... (breaks paragraphs) */
	K_P,
	K_H,
	K_LIST,
	K_LI,
	K_QUOTE,
	K_PRE,
	K_FIGURE,
	K_TABLE,
	K_TSECT,                /* thead, tbody, tfoot */
	K_TR,
	K_CELL,
	K_CAPTION,              /* a table's caption */
	K_HR,
	K_BR,
	K_IMG,
	K_EM,
	K_STRONG,
	K_CODE,
	K_A
};

/* Element names and their kinds, sorted by name for bsearch. */
static const struct tag {
	const char *name;
	enum kind kind;
} tags[] = {
	{"a", K_A}, {"address", K_BLOCK}, {"applet", K_DROP}, {"area", K_DROP},
	{"article", K_BLOCK}, {"aside", K_DROP}, {"audio", K_DROP}, {"b", K_STRONG},
	{"base", K_DROP}, {"blockquote", K_QUOTE}, {"body", K_BLOCK}, {"br", K_BR},
	{"button", K_DROP}, {"canvas", K_DROP}, {"caption", K_CAPTION}, {"center", K_BLOCK},
	{"cite", K_EM}, {"code", K_CODE}, {"col", K_DROP}, {"colgroup", K_DROP},
	{"datalist", K_DROP}, {"dd", K_BLOCK}, {"details", K_BLOCK}, {"dfn", K_EM},
	{"dialog", K_DROP}, {"dir", K_LIST}, {"div", K_BLOCK}, {"dl", K_BLOCK}, {"dt", K_BLOCK},
	{"em", K_EM}, {"embed", K_DROP}, {"fieldset", K_BLOCK}, {"figcaption", K_BLOCK},
	{"figure", K_FIGURE}, {"footer", K_DROP}, {"form", K_DROP}, {"frame", K_DROP},
	{"frameset", K_DROP}, {"h1", K_H}, {"h2", K_H}, {"h3", K_H}, {"h4", K_H}, {"h5", K_H},
	{"h6", K_H}, {"head", K_DROP}, {"header", K_BLOCK}, {"hgroup", K_BLOCK}, {"hr", K_HR},
	{"html", K_BLOCK}, {"i", K_EM}, {"iframe", K_DROP}, {"img", K_IMG}, {"input", K_DROP},
	{"kbd", K_CODE}, {"legend", K_BLOCK}, {"li", K_LI}, {"link", K_DROP}, {"listing", K_PRE},
	{"main", K_BLOCK}, {"map", K_DROP}, {"menu", K_DROP}, {"meta", K_DROP}, {"meter", K_DROP},
	{"nav", K_DROP}, {"noembed", K_DROP}, {"noframes", K_DROP}, {"noscript", K_DROP},
	{"object", K_DROP}, {"ol", K_LIST}, {"optgroup", K_DROP}, {"option", K_DROP}, {"p", K_P},
	{"param", K_DROP}, {"plaintext", K_PRE}, {"pre", K_PRE}, {"progress", K_DROP},
	{"samp", K_CODE}, {"script", K_DROP}, {"section", K_BLOCK}, {"select", K_DROP},
	{"source", K_DROP}, {"strong", K_STRONG}, {"style", K_DROP}, {"summary", K_BLOCK},
	{"svg", K_DROP}, {"table", K_TABLE}, {"tbody", K_TSECT}, {"td", K_CELL},
	{"template", K_DROP}, {"textarea", K_DROP}, {"tfoot", K_TSECT}, {"th", K_CELL},
	{"thead", K_TSECT}, {"title", K_DROP}, {"tr", K_TR}, {"track", K_DROP}, {"tt", K_CODE},
	{"ul", K_LIST}, {"var", K_EM}, {"video", K_DROP}, {"xmp", K_PRE},
};

/* What the scorer knows about one element (hung on its _private pointer). */
struct info {
	size_t text;            /* bytes of collapsed text below it */
	size_t links;           /* of which inside links */
	size_t commas;          /* commas in that text */
	unsigned ps, imgs, lis, heads, figs; /* <p>, <img>, <li>, headings, <figure> below it */
	double score;           /* content score */
	int scored;             /* 1 once it took part in scoring */
};

/* The state of the converter: where blocks and inline content go next. */
struct state {
	struct node *flow;      /* the container blocks are appended to */
	struct node *para;      /* the open paragraph-like block, or NULL */
	struct node *inl;       /* where inline content goes inside para */
	int implicit;           /* para was opened for stray text and ends at the next block */
	int depth;              /* model depth of flow */
	int idepth;             /* model depth of inl */
	int table;              /* flow is a table or row of a data table */
	unsigned pgen;          /* the paragraph generation when para was opened */
};

/* A saved state, restored when the element that changed it ends. */
struct frame {
	const xmlNode *el;
	struct state st;
};

/* One conversion from libxml2's tree into model nodes. */
struct conv {
	const struct read_ctx *ctx;
	struct article *a;
	const char *label;
	struct state st;
	struct frame *stack;
	size_t nstack, cap;
	unsigned pgen;          /* counts closed implicit paragraphs */
	int space;              /* a collapsed space waits before the next content */
	int brs;                /* line breaks in a row, for <br><br> paragraph breaks */
};

/* A metadata value from a <meta> element. */
struct pair {
	char *key;              /* lower case, "dc.x" spelled "dc:x" */
	char *val;
};

/* Everything the head says, gathered before anything is removed. */
struct meta {
	struct pair *v;
	size_t n, cap;
	char *title;            /* <title> */
	char *canonical;        /* <link rel=canonical> */
	char *h1;               /* the first <h1>'s text */
	char *time;             /* datetime of the first <time> marked as the publication date */
	char *anytime;          /* datetime of the first <time> at all */
	char *ld_title, *ld_name, *ld_date, *ld_desc; /* JSON-LD headline, name... */
	char **ld_authors;
	size_t nld_authors;
};

static enum kind
kind_of(const xmlNode *n)
{
	size_t lo = 0, hi = sizeof(tags) / sizeof(tags[0]);
	const char *name = (const char *)n->name;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tags[mid].name);
		if (c == 0)
			return tags[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return K_INLINE;
}

/* Returns 1 for HTML white space. */
static int
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Returns n's tag name when it is an element (else ""). */
static const char *
tag(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Returns the attribute's value without copying (libxml2 keeps it as one text child), or NULL. */
static const char *
attrv(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *p = n->properties; p; p = p->next)
		if (strcasecmp((const char *)p->name, name) == 0) {
			const xmlNode *t = p->children;
			if (t && t->type == XML_TEXT_NODE && t->next == NULL && t->content)
				return (const char *)t->content;
			return "";
		}
	return NULL;
}

/* Returns 1 when the space-separated list s holds word, ignoring case. */
static int
hasword(const char *s, const char *word)
{
	size_t n = strlen(word);

	while (s && *s) {
		while (isws(*s))
			s++;
		const char *e = s;
		while (*e && !isws(*e))
			e++;
		if ((size_t)(e - s) == n && strncasecmp(s, word, n) == 0)
			return 1;
		s = e;
	}
	return 0;
}

static unsigned
lineof(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}

/*
 * Walks below root in document order. Call with *up = 0 on root; each step returns the next
 * node: *up = 0 means it is entered (its children follow), *up = 1 means all its children are
 * done. Leaves and skipped elements come once, with *up = 0; to skip an element's children, set
 * *up = 1 before the next step.
 */
static xmlNode *
walk(const xmlNode *root, xmlNode *n, int *up)
{
	if (!*up && n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	if (n == root)
		return NULL;
	if (n->next != NULL) {
		*up = 0;
		return n->next;
	}
	*up = 1;
	return n->parent;
}

/* Appends the collapsed text below n to b (one space for each run of white space). */
static void
text_of(struct buf *b, const xmlNode *n)
{
	int up = 0;

	for (xmlNode *p = (xmlNode *)n; p; p = walk(n, p, &up)) {
		if (up)
			continue;
		if (p->type == XML_ELEMENT_NODE && kind_of(p) == K_DROP && p != n) {
			up = 1;
			continue;
		}
		if (p->type == XML_ELEMENT_NODE && (kind_of(p) == K_BR || kind_of(p) == K_BLOCK ||
		    kind_of(p) == K_P || kind_of(p) == K_LI) && b->len && b->data[b->len - 1] != ' ')
			buf_putc(b, ' ');
		if (p->type != XML_TEXT_NODE && p->type != XML_CDATA_SECTION_NODE)
			continue;
		for (const char *s = (const char *)p->content; s && *s; s++) {
			if (isws(*s)) {
				if (b->len && b->data[b->len - 1] != ' ')
					buf_putc(b, ' ');
			} else
				buf_putc(b, *s);
		}
	}
}

/* Returns the squashed text below n, or NULL when there is none. Caller frees. */
static char *
textdup(const xmlNode *n)
{
	struct buf b = {0};
	char *s;

	text_of(&b, n);
	s = strsquash(buf_str(&b));
	buf_free(&b);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Returns a squashed copy of s, or NULL when it is NULL or blank. Caller frees. */
static char *
squash(const char *s)
{
	char *r;

	if (s == NULL)
		return NULL;
	r = strsquash(s);
	if (*r == '\0') {
		free(r);
		return NULL;
	}
	return r;
}

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
	while (p->s < p->end && isws(*p->s))
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
		while (p->s < p->end && !isws(*p->s) && *p->s != ',' && *p->s != '}' && *p->s != ']')
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
	char *s = squash(name);

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
			m->ld_title = squash(jgets(o, "headline"));
			m->ld_name = squash(jgets(o, "name"));
			m->ld_date = squash(jgets(o, "datePublished"));
			if (m->ld_date == NULL)
				m->ld_date = squash(jgets(o, "dateCreated"));
			m->ld_desc = squash(jgets(o, "description"));
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
	while (*s && (isws(*s) || *s == ';'))
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
	for (char *p = k; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
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
			while (isws(*s))
				s++;
			if (*s)
				return v;
		}
	}
	return NULL;
}

static void
meta_free(struct meta *m)
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
	for (size_t i = 0; i < m->nld_authors; i++)
		free(m->ld_authors[i]);
	free(m->ld_authors);
}

/* Gathers <meta>, <title>, <link rel=canonical> and JSON-LD from the whole document. */
static void
gather(struct meta *m, xmlNode *root)
{
	int up = 0;

	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "meta")) {
			const char *content = attrv(n, "content");
			const char *keys[] = {attrv(n, "property"), attrv(n, "name"), attrv(n, "itemprop"),
			    attrv(n, "http-equiv")};
			if (content == NULL)
				continue;
			for (int i = 0; i < 4; i++) {
				/* property may list several names: "og:title twitter:title". */
				const char *s = keys[i];
				while (s && *s) {
					while (isws(*s))
						s++;
					const char *e = s;
					while (*e && !isws(*e))
						e++;
					if (e > s) {
						char *k = xstrndup(s, (size_t)(e - s));
						meta_put(m, k, content);
						free(k);
					}
					s = e;
				}
			}
		} else if (is(n, "time") && attrv(n, "datetime")) {
			const char *ip = attrv(n, "itemprop");
			if (m->time == NULL && (attrv(n, "pubdate") ||
			    (ip && strcasecmp(ip, "datePublished") == 0)))
				m->time = squash(attrv(n, "datetime"));
			if (m->anytime == NULL)
				m->anytime = squash(attrv(n, "datetime"));
		} else if (is(n, "h1") && m->h1 == NULL) {
			m->h1 = textdup(n);
		} else if (is(n, "title") && m->title == NULL) {
			m->title = textdup(n);
		} else if (is(n, "link") && m->canonical == NULL && hasword(attrv(n, "rel"), "canonical")) {
			m->canonical = squash(attrv(n, "href"));
		} else if (is(n, "script")) {
			const char *type = attrv(n, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0)
				ldjson(m, n);
			up = 1;
		} else if (is(n, "style") || is(n, "svg"))
			up = 1;
	}
}

/* Counts words (runs of non-space) in s. */
static size_t
words(const char *s)
{
	size_t n = 0;

	while (*s) {
		while (isws(*s))
			s++;
		if (*s)
			n++;
		while (*s && !isws(*s))
			s++;
	}
	return n;
}

/* Cuts a site name off a document title: the part after the last " | ", " - ", " – ", " — ",
 * " :: " or " » ", when what stays has three words or more. Returns a new string. */
static char *
cuttitle(const char *t)
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

static void
add_author(struct article *a, const char *s)
{
	char *v = squash(s);

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

/* Rewrites common date spellings into the ISO 8601 form date_parse reads and parses it.
 * Returns 0 on success. */
static int
parse_date(const char *s, struct date *d)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
	    "aug", "sep", "oct", "nov", "dec"};
	char tmp[64];
	int y, mo, dd, n = 0;
	char word[16];

	if (s == NULL)
		return -1;
	while (isws(*s))
		s++;
	if (date_parse(s, d) == 0)
		return 0;
	/* "2016-12-22T14:03:00+0000" with a colonless zone or fractions is read by date_parse;
	 * try the date part alone, then slashes, then "YYYYMMDD". */
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &dd, &n) == 3 && n == 10) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, mo, dd);
		return date_parse(tmp, d);
	}
	if (sscanf(s, "%4d/%2d/%2d", &y, &mo, &dd) == 3 ||
	    (strlen(s) >= 8 && sscanf(s, "%4d%2d%2d", &y, &mo, &dd) == 3 && y > 1800)) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, mo, dd);
		return date_parse(tmp, d);
	}
	/* "March 1, 2024", "1 March 2024", "Thu, 01 Mar 2024 10:00:00 GMT". */
	for (const char *p = s; *p; p++) {
		int i;
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
			continue;
		for (i = 0; i < 12; i++)
			if (strncasecmp(p, months[i], 3) == 0)
				break;
		if (i == 12) {
			while (p[1] && ((p[1] >= 'A' && p[1] <= 'Z') || (p[1] >= 'a' && p[1] <= 'z')))
				p++;
			continue;
		}
		if (sscanf(p, "%15[A-Za-z] %d, %d", word, &dd, &y) == 3 ||
		    sscanf(p, "%15[A-Za-z]. %d, %d", word, &dd, &y) == 3) {
			mo = i + 1;
		} else {
			const char *q = p;
			while (q > s && (q[-1] == ' ' || q[-1] == '.'))
				q--;
			while (q > s && q[-1] >= '0' && q[-1] <= '9')
				q--;
			if (sscanf(q, "%d %15[A-Za-z] %d", &dd, word, &y) != 3 &&
			    sscanf(q, "%d. %15[A-Za-z] %d", &dd, word, &y) != 3)
				return -1;
			mo = i + 1;
		}
		if (y < 100 || !date_valid(y, mo, dd))
			return -1;
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, mo, dd);
		return date_parse(tmp, d);
	}
	memset(d, 0, sizeof(*d));
	return -1;
}

/* Maps a BCP 47-ish language value ("en_US", " fr ") to a tag, or NULL. Caller frees. */
static char *
langtag(const char *s)
{
	char *t = squash(s);

	if (t == NULL)
		return NULL;
	for (char *p = t; *p; p++) {
		if (*p == '_')
			*p = '-';
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')) {
			free(t);
			return NULL;
		}
	}
	return t;
}

static enum dir
dirof(const char *s)
{
	if (s && strcasecmp(s, "rtl") == 0)
		return DIR_RTL;
	if (s && strcasecmp(s, "ltr") == 0)
		return DIR_LTR;
	return DIR_AUTO;
}

/* Fills a's metadata from what the head and the page say. */
static void
metadata(struct article *a, const struct meta *m, xmlNode *html)
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
		a->title = squash(v);
	else if (m->title)
		a->title = cuttitle(m->title);
	else if (m->h1)
		a->title = xstrdup(m->h1);

	for (size_t i = 0; i < m->nld_authors; i++)
		add_author(a, m->ld_authors[i]);
	if (a->nauthors == 0 && (v = meta_any(m, authors)) != NULL)
		add_author(a, v);

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
		a->source = squash(v);

	a->lang = langtag(attrv(html, "lang"));
	if (a->lang == NULL)
		a->lang = langtag(attrv(html, "xml:lang"));
	if (a->lang == NULL)
		a->lang = langtag(meta_get(m, "content-language"));
	a->dir = dirof(attrv(html, "dir"));

	a->summary = squash(meta_any(m, summaries));
	if (a->summary == NULL && m->ld_desc)
		a->summary = xstrdup(m->ld_desc);
}

/* ---- Finding the article ---------------------------------------------------------------- */

/* Marks on libxml2 nodes' _private pointers before scoring. */
static const char protect_mark; /* only its address is used */
#define PROTECTED ((void *)(uintptr_t)&protect_mark)

/* Returns 1 when word (lower case) is one of the tokens of s: class names and ids split at
 * anything but letters and digits, compared without case; a plural 's' may follow. */
static int
token(const char *s, const char *word)
{
	size_t n = strlen(word);

	while (s && *s) {
		while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9')))
			s++;
		const char *e = s;
		while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9'))
			e++;
		size_t m = (size_t)(e - s);
		if ((m == n || (m == n + 1 && (s[n] == 's' || s[n] == 'S'))) &&
		    strncasecmp(s, word, n) == 0)
			return 1;
		s = e;
	}
	return 0;
}

/* Returns 1 when the lower-cased string s contains one of words as a substring. */
static int
contains(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

/* Returns 1 when s has one of words as a token. */
static int
tokens(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (token(s, *words))
			return 1;
	return 0;
}

/* Returns the lower-cased class and id of n, space-separated. Caller frees. */
static char *
classid(const xmlNode *n)
{
	const char *c = attrv(n, "class"), *i = attrv(n, "id");
	char *s = xasprintf("%s %s", c ? c : "", i ? i : "");

	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* Class and id words: what is surely not the article, what may not be, what likely is. */
static const char *const junk_sub[] = {"comment", "disqus", "cookie", "consent", "gdpr",
    "sharing", "share-", "-share", "sharebar", "social", "newsletter", "subscri", "outbrain",
    "taboola", "sponsor", "advert", "promo", "related", "recommend", "breadcrumb", "popup",
    "sidebar", "skip-link", "skiplink", "paywall", "signup", "sign-up", "most-popular",
    "mostpopular", "most-read", "trending", "read-more", "readmore", "jump-link", "banner",
    "masthead", "toolbar", "pagination", NULL};
static const char *const junk_tok[] = {"ad", "ads", "adv", "advert", "share", "nav", "navbar",
    "navigation", "menu", "footer", "header", "widget", "pager", "tags", "tag", "meta",
    "rss", "print", "login", "popular", "hidden", "hide", "modal", "overlay", "dialog",
    "extra", "sponsored", "shoutbox", "combx", "contact", "links", "byline", "author",
    "dateline", "timestamp", "caption-credit", "credits", "subnav", "tools", NULL};
static const char *const keep_sub[] = {"article", "body", "content", "main", "column",
    "story", "entry", "post", "text", "blog", NULL};
static const char *const good_sub[] = {"article", "body", "content", "entry", "hentry",
    "h-entry", "main", "page", "pagination", "post", "text", "blog", "story", NULL};
static const char *const bad_sub[] = {"comment", "com-", "contact", "foot", "footer",
    "footnote", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "hidden", "byline", "author", "banner", NULL};

/* Returns 1 when n is hidden: the hidden attribute, aria-hidden, or an inline style. */
static int
hidden(const xmlNode *n)
{
	const char *v, *s;
	char buf[64];
	size_t k;

	if (attrv(n, "hidden") != NULL)
		return 1;
	if ((v = attrv(n, "aria-hidden")) != NULL && strcasecmp(v, "true") == 0)
		return 1;
	if ((v = attrv(n, "style")) == NULL)
		return 0;
	/* Look for display:none and visibility:hidden with the blanks taken out. */
	for (s = v; *s; s++) {
		k = 0;
		for (const char *p = s; *p && k + 1 < sizeof(buf) && *p != ';'; p++)
			if (!isws(*p))
				buf[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		buf[k] = '\0';
		if (startswith(buf, "display:none") || startswith(buf, "visibility:hidden"))
			return 1;
		while (*s && *s != ';')
			s++;
		if (*s == '\0')
			break;
	}
	return 0;
}

/* Returns 1 when n is never part of the article: by its role, or its class and id words. */
static int
unlikely(const xmlNode *n)
{
	static const char *const roles[] = {"navigation", "contentinfo", "complementary",
	    "dialog", "alertdialog", "menu", "menubar", "search", "banner", NULL};
	const char *role = attrv(n, "role");
	char *ci;
	int r;

	for (const char *const *p = roles; role && *p; p++)
		if (hasword(role, *p))
			return 1;
	if (is(n, "body") || is(n, "html") || is(n, "a") || is(n, "article") || is(n, "main"))
		return 0;
	ci = classid(n);
	r = (contains(ci, junk_sub) || tokens(ci, junk_tok)) && !contains(ci, keep_sub);
	if (!r && (strstr(ci, "comment") || strstr(ci, "disqus") || strstr(ci, "cookie") ||
	    strstr(ci, "share") || strstr(ci, "social") || strstr(ci, "related")))
		r = !strstr(ci, "article") && !strstr(ci, "story");
	free(ci);
	return r;
}

/* Counts the <p> elements below n, stopping at limit. */
static int
paras(xmlNode *n, int limit)
{
	int up = 0, c = 0;

	for (xmlNode *p = n; p && c < limit; p = walk(n, p, &up))
		if (!up && is(p, "p"))
			c++;
	return c;
}

/* Returns 1 when n is the explicit article container: itemprop=articleBody, <article>, <main>. */
static int
semantic(const xmlNode *n)
{
	return is(n, "article") || is(n, "main") || hasword(attrv(n, "itemprop"), "articleBody") ||
	    hasword(attrv(n, "property"), "articleBody") || hasword(attrv(n, "role"), "main");
}

/* Returns 1 for a page's <header>: one that does not head an article. */
static int
pageheader(const xmlNode *n)
{
	int depth = 0;

	if (!is(n, "header"))
		return 0;
	for (const xmlNode *p = n->parent; p && depth < 64; p = p->parent, depth++)
		if (is(p, "article") || is(p, "main"))
			return 0;
	return 1;
}

/* Returns 1 when n is marked as the byline: rel=author, itemprop=author, or a byline class. */
static int
isbyline(const xmlNode *n)
{
	const char *ip = attrv(n, "itemprop");
	char *ci;
	int r;

	if (hasword(attrv(n, "rel"), "author") || (ip && strstr(ip, "author")))
		return 1;
	ci = classid(n);
	r = strstr(ci, "byline") || strstr(ci, "author") || strstr(ci, "writtenby") ||
	    hasword(ci, "by");
	free(ci);
	return r;
}

/* Returns the byline text of n (a name marked with itemprop=name inside it, else all of it),
 * or NULL when it is empty or too long for a name. Caller frees. */
static char *
bytext(xmlNode *n)
{
	int up = 0;
	char *s = NULL;

	for (xmlNode *p = n; p; p = walk(n, p, &up))
		if (!up && p != n && hasword(attrv(p, "itemprop"), "name")) {
			s = textdup(p);
			break;
		}
	if (s == NULL)
		s = textdup(n);
	if (s && strlen(s) >= 100) {
		free(s);
		s = NULL;
	}
	return s;
}

/* Removes what is never content below root: dropped elements, hidden ones, and unlikely boxes
 * that do not hold an <article>, <main> or articleBody. The first byline on the way goes too;
 * its text is put in *by unless by is NULL. */
static void
clean(xmlNode *root, char **by)
{
	int found = 0;
	xmlNode **hdr = NULL;
	size_t nhdr = 0, caphdr = 0;

	int up = 0;
	xmlNode *n;

	/* First mark the ancestors of semantic containers, so no box around them goes. */
	for (n = root; n; n = walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE || !semantic(n))
			continue;
		for (xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && p->_private == NULL; p = p->parent)
			p->_private = PROTECTED;
	}
	up = 0;
	n = root;
	while (n) {
		if (up || n->type != XML_ELEMENT_NODE || n == root) {
			/* Comments and processing instructions go too; text stays. */
			if (!up && n != root && n->type != XML_TEXT_NODE &&
			    n->type != XML_CDATA_SECTION_NODE && n->type != XML_ELEMENT_NODE) {
				xmlNode *dead = n;
				up = 1;
				n = walk(root, n, &up);
				xmlUnlinkNode(dead);
				xmlFreeNode(dead);
				continue;
			}
			n = walk(root, n, &up);
			continue;
		}
		int drop = 0, later = 0;
		if (n->_private != PROTECTED) {
			enum kind k = kind_of(n);
			if (k == K_DROP && (is(n, "aside") || is(n, "footer")) && !hidden(n))
				later = 1;
			else if (k == K_DROP)
				drop = !is(n, "form") || paras(n, 3) < 3;
			else if (hidden(n))
				drop = 1;
			else if (!found && isbyline(n)) {
				char *s = bytext(n);
				if (s) {
					found = drop = 1;
					if (by)
						*by = s;
					else
						free(s);
				}
			}
			if (later || (!drop && pageheader(n))) {
				/* Page headers, asides and footers go at the end, so that a byline in
			 * them is seen first. */
				if (nhdr == caphdr) {
					caphdr = caphdr ? 2 * caphdr : 8;
					hdr = xrealloc(hdr, caphdr * sizeof(*hdr));
				}
				hdr[nhdr++] = n;
			} else if (!drop && k != K_DROP)
				drop = unlikely(n);
		}
		if (!drop) {
			n = walk(root, n, &up);
			continue;
		}
		xmlNode *dead = n;
		up = 1;
		n = walk(root, n, &up);
		xmlUnlinkNode(dead);
		xmlFreeNode(dead);
	}
	/* Inner headers come after outer ones: free them first. */
	while (nhdr > 0) {
		xmlNode *dead = hdr[--nhdr];
		xmlUnlinkNode(dead);
		xmlFreeNode(dead);
	}
	free(hdr);
}

static struct info *
inf(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE ? n->_private : NULL;
}

/* Counts commas (ASCII and CJK) in s. */
static size_t
commas(const char *s)
{
	size_t c = 0;

	for (; *s; s++) {
		if (*s == ',')
			c++;
		else if (startswith(s, "\xef\xbc\x8c") || startswith(s, "\xe3\x80\x81"))
			c++;
	}
	return c;
}

/* Collapsed length of a text node's content: non-blank bytes plus one per run of blanks. */
static size_t
textlen(const char *s)
{
	size_t n = 0;
	int ws = 0;

	for (; s && *s; s++) {
		if (isws(*s)) {
			ws = 1;
			continue;
		}
		n += 1 + ws;
		ws = 0;
	}
	return n;
}

/* Hangs a struct info on every element below root and sums text, link text and commas. */
static struct info *
measure(xmlNode *root)
{
	size_t count = 0, i = 0;
	int up = 0;
	struct info *all;

	for (xmlNode *n = root; n; n = walk(root, n, &up))
		if (!up && n->type == XML_ELEMENT_NODE)
			count++;
	all = xcalloc(count ? count : 1, sizeof(*all));
	up = 0;
	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (!up && n->type == XML_ELEMENT_NODE)
			n->_private = &all[i++];
		struct info *me = inf(n);
		if (!up && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->parent) {
			struct info *p = inf(n->parent);
			if (p) {
				p->text += textlen((const char *)n->content);
				p->commas += commas(n->content ? (const char *)n->content : "");
			}
			continue;
		}
		/* An element is done when left, or at once when it has no children. */
		if (me == NULL || (!up && n->children != NULL))
			continue;
		switch (kind_of(n)) {
		case K_A: me->links = me->text; break;
		case K_P: me->ps++; break;
		case K_IMG: me->imgs++; break;
		case K_LI: me->lis++; break;
		case K_H: me->heads++; break;
		case K_FIGURE: me->figs++; break;
		case K_INLINE: case K_DROP: case K_BLOCK: case K_LIST: case K_QUOTE: case K_PRE:
		case K_TABLE: case K_TSECT: case K_TR: case K_CELL: case K_CAPTION: case K_HR:
		case K_BR: case K_EM: case K_STRONG: case K_CODE:
			break;
		}
		if (n != root && n->parent && inf(n->parent)) {
			struct info *p = inf(n->parent);
			p->text += me->text;
			p->links += me->links;
			p->commas += me->commas;
			p->ps += me->ps;
			p->imgs += me->imgs;
			p->lis += me->lis;
			p->heads += me->heads;
			p->figs += me->figs;
		}
	}
	return all;
}

static double
density(const xmlNode *n)
{
	const struct info *i = inf(n);

	return i && i->text ? (double)i->links / (double)i->text : 0;
}

/* The weight class and id words give an element: +25 for article words, -25 for junk. */
static int
weight(const xmlNode *n)
{
	char *ci = classid(n);
	int w = 0;

	if (contains(ci, good_sub))
		w += 25;
	if (contains(ci, bad_sub))
		w -= 25;
	free(ci);
	return w;
}

/* Gives an element its first score from its kind and class. */
static void
initscore(xmlNode *n)
{
	struct info *i = inf(n);
	const char *t = tag(n);

	if (i->scored)
		return;
	i->scored = 1;
	switch (kind_of(n)) {
	case K_BLOCK:
		i->score = strcmp(t, "article") == 0 || strcmp(t, "main") == 0 ? 10 :
		    strcmp(t, "div") == 0 || strcmp(t, "section") == 0 ? 5 :
		    strcmp(t, "address") == 0 || strcmp(t, "dl") == 0 || strcmp(t, "dd") == 0 ||
		    strcmp(t, "dt") == 0 ? -3 : 0;
		break;
	case K_PRE: case K_CELL: case K_QUOTE:
		i->score = strcmp(t, "th") == 0 ? -5 : 3;
		break;
	case K_LIST: case K_LI:
		i->score = -3;
		break;
	case K_H:
		i->score = -5;
		break;
	case K_INLINE: case K_DROP: case K_P: case K_FIGURE: case K_TABLE: case K_TSECT:
	case K_TR: case K_CAPTION: case K_HR: case K_BR: case K_IMG: case K_EM: case K_STRONG:
	case K_CODE: case K_A:
		break;
	}
	i->score += weight(n);
}

/* Returns the text in n's own inline content (not in child blocks), and its commas. */
static size_t
owntext(const xmlNode *n, size_t *ncommas)
{
	size_t t = 0;

	*ncommas = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			t += textlen((const char *)c->content);
			*ncommas += commas(c->content ? (const char *)c->content : "");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		switch (kind_of(c)) {
		case K_INLINE: case K_EM: case K_STRONG: case K_CODE: case K_A: case K_BR:
		case K_IMG:
			t += inf(c)->text;
			*ncommas += inf(c)->commas;
			break;
		case K_DROP: case K_BLOCK: case K_P: case K_H: case K_LIST: case K_LI: case K_QUOTE:
		case K_PRE: case K_FIGURE: case K_TABLE: case K_TSECT: case K_TR: case K_CELL:
		case K_CAPTION: case K_HR:
			break;
		}
	}
	return t;
}

/* Scores every element below root by the paragraphs it holds and returns the best one. */
static xmlNode *
score(xmlNode *root)
{
	xmlNode *best = NULL;
	double top = 0;
	int up = 0;

	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		enum kind k = kind_of(n);
		size_t c, t;
		if (k == K_P || k == K_PRE) {
			t = inf(n)->text;
			c = inf(n)->commas;
		} else if (k == K_BLOCK || k == K_CELL || k == K_LI || k == K_QUOTE)
			t = owntext(n, &c);
		else
			continue;
		if (t < 25)
			continue;
		double s = 1 + (double)c + fmin((double)t / 100, 3);
		int level = 0;
		if (k != K_P && k != K_PRE) {
			/* A block with text of its own counts as a paragraph of itself. */
			initscore(n);
			inf(n)->score += s;
		}
		for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE && level < 5;
		    p = p->parent, level++) {
			initscore(p);
			inf(p)->score += s / (1 + level);
		}
	}
	up = 0;
	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE || !inf(n)->scored)
			continue;
		inf(n)->score *= 1 - density(n);
		if (best == NULL || inf(n)->score > top) {
			best = n;
			top = inf(n)->score;
		}
	}
	return best;
}

/* Returns 1 when anc is n or one of its ancestors. */
static int
within(const xmlNode *n, const xmlNode *anc)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/* Returns the text of n that is not in links. */
static size_t
plain(const xmlNode *n)
{
	const struct info *i = inf(n);

	return i ? i->text - i->links : 0;
}

/* Picks the semantic container with the most plain text: articleBody, else <article>, else
 * <main>. Returns NULL when there is none. */
static xmlNode *
container(xmlNode *root)
{
	xmlNode *best[3] = {NULL, NULL, NULL};
	int up = 0;

	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		int slot = hasword(attrv(n, "itemprop"), "articleBody") ||
		    hasword(attrv(n, "property"), "articleBody") ? 0 : is(n, "article") ? 1 :
		    is(n, "main") || hasword(attrv(n, "role"), "main") ? 2 : -1;
		if (slot >= 0 && (best[slot] == NULL || plain(n) > plain(best[slot])))
			best[slot] = n;
	}
	for (int i = 0; i < 3; i++)
		if (best[i] && plain(best[i]) >= 200)
			return best[i];
	return NULL;
}

static int layout(xmlNode *t);

/* Returns 1 when a box inside the article looks like no part of it: junk class words, mostly
 * links, images without text, or nothing to read. */
static int
boxy(xmlNode *n)
{
	const struct info *i = inf(n);
	enum kind k = kind_of(n);
	double d = density(n);
	int w = weight(n);

	if (k != K_BLOCK && k != K_LIST && k != K_TABLE)
		return 0;
	if (k == K_TABLE && !layout(n))
		return 0;
	if (w < 0)
		return 1;
	if (i->commas >= 10)
		return 0;
	if (k == K_LIST)
		return d > 0.8;
	if (d > 0.5)
		return 1;
	if (i->imgs > 1 && i->figs == 0 && 2 * i->ps < i->imgs && i->text < 200)
		return 1;
	return i->text == 0 && i->imgs == 0;
}

/* Removes boxes that look like no part of the article below root. */
static void
prune(xmlNode *root)
{
	int up = 0;
	xmlNode *n = root;

	while (n) {
		if (!up && n != root && n->type == XML_ELEMENT_NODE && inf(n) && boxy(n)) {
			xmlNode *dead = n;
			up = 1;
			n = walk(root, n, &up);
			xmlUnlinkNode(dead);
			xmlFreeNode(dead);
			continue;
		}
		if (!up && (is(n, "pre") || is(n, "figure")))
			up = 1;
		n = walk(root, n, &up);
	}
}

/* Returns 1 when a paragraph sibling of the best candidate reads like part of the article. */
static int
belongs(const xmlNode *s, const xmlNode *best)
{
	const struct info *i = inf(s);
	double d = density(s), limit = fmax(10, inf(best)->score * 0.2);
	double bonus = 0;
	const char *c1 = attrv(s, "class"), *c2 = attrv(best, "class");

	if (c1 && c2 && *c1 && strcmp(c1, c2) == 0)
		bonus = inf(best)->score * 0.2;
	if (i->scored && i->score + bonus >= limit)
		return 1;
	if (kind_of(s) != K_P)
		return 0;
	if (i->text > 80 && d < 0.25)
		return 1;
	if (i->text > 0 && d == 0) {
		/* A short paragraph that ends a sentence. */
		struct buf b = {0};
		text_of(&b, s);
		const char *t = buf_str(&b);
		size_t n = b.len;
		while (n > 0 && isws(t[n - 1]))
			n--;
		int ok = n > 0 && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
		buf_free(&b);
		return ok;
	}
	return 0;
}

/* ---- Converting to the model ------------------------------------------------------------ */

static void convert(struct conv *c, xmlNode *root);

static void
push(struct conv *c, const xmlNode *el)
{
	if (c->nstack == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->stack = xrealloc(c->stack, c->cap * sizeof(*c->stack));
	}
	c->stack[c->nstack].el = el;
	c->stack[c->nstack].st = c->st;
	c->nstack++;
}

/* Restores the state saved when the element that ends now began. */
static void
pop(struct conv *c)
{
	struct state st = c->stack[--c->nstack].st;

	/* An implicit paragraph that was open then may have been closed by a block inside. */
	if (st.para && st.implicit && st.pgen != c->pgen)
		st.para = st.inl = NULL;
	if (st.para != c->st.para) {
		c->space = 0;
		c->brs = 0;
	}
	c->st = st;
}

/* Ends an implicit paragraph. */
static void
endpara(struct conv *c)
{
	if (c->st.para && c->st.implicit) {
		c->st.para = c->st.inl = NULL;
		c->st.implicit = 0;
		c->pgen++;
		c->space = 0;
		c->brs = 0;
	}
}

/* A block boundary: ends an implicit paragraph, or inside a paragraph-like block (heading,
 * cell, caption) becomes a space. */
static void
brk(struct conv *c)
{
	if (c->st.para == NULL)
		return;
	if (c->st.implicit)
		endpara(c);
	else if (c->st.para->first)
		c->space = 1;
}

/* Returns 1 when the flow may hold blocks other than rows and cells. */
static int
blocky(const struct conv *c)
{
	return c->st.flow->type != NODE_TABLE && c->st.flow->type != NODE_TABLE_ROW;
}

/* Appends a new block to the flow (wrapped in an item inside a list). Returns NULL when the flow
 * is a table or row, where only rows and cells go. */
static struct node *
addblock(struct conv *c, enum node_type type, const xmlNode *el)
{
	struct node *parent = c->st.flow, *n;

	if (!blocky(c))
		return NULL;
	if (parent->type == NODE_LIST)
		parent = node_append(parent, node_new(NODE_ITEM));
	n = node_append(parent, node_new(type));
	n->line = el ? lineof(el) : 0;
	return n;
}

/* Makes sure inline content has a paragraph to go to. Returns 0 when it must be dropped. */
static int
needpara(struct conv *c, const xmlNode *el)
{
	struct node *p;

	if (c->st.para)
		return 1;
	if ((p = addblock(c, NODE_PARA, el)) == NULL)
		return 0;
	c->st.para = c->st.inl = p;
	c->st.implicit = 1;
	c->st.pgen = c->pgen;
	c->st.idepth = c->st.depth + (p->parent == c->st.flow ? 1 : 2);
	c->space = 0;
	c->brs = 0;
	return 1;
}

/* Emits a pending space before new inline content. */
static void
flush(struct conv *c)
{
	if (c->space && c->st.para->first)
		read_add_text(c->st.inl, " ", 1);
	c->space = 0;
	c->brs = 0;
}

/* Adds text, collapsing HTML white space. */
static void
text(struct conv *c, const char *s, const xmlNode *el)
{
	while (*s) {
		if (isws(*s)) {
			c->space = 1;
			while (isws(*s))
				s++;
			continue;
		}
		const char *e = s;
		while (*e && !isws(*e))
			e++;
		if (!needpara(c, el))
			return;
		flush(c);
		read_add_text(c->st.inl, s, (size_t)(e - s));
		s = e;
	}
}

/* Opens an inline container (emphasis, strong, link) as the place for inline content. */
static struct node *
openinline(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	if (c->st.idepth + 1 >= READ_MAX_DEPTH || !needpara(c, el))
		return NULL;
	flush(c);
	push(c, el);
	n = node_append(c->st.inl, node_new(type));
	n->line = lineof(el);
	c->st.inl = n;
	c->st.idepth++;
	return n;
}

/* Opens a paragraph-like block (paragraph, heading) for el. Returns NULL when it cannot. */
static struct node *
openpara(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	brk(c);
	if (!blocky(c))
		return NULL;
	push(c, el);
	n = addblock(c, type, el);
	c->st.para = c->st.inl = n;
	c->st.implicit = 0;
	c->st.idepth = c->st.depth + (n->parent == c->st.flow ? 1 : 2);
	c->space = 0;
	c->brs = 0;
	return n;
}

/* Opens a block container (list, item, quote, table, row) as the new flow. */
static struct node *
openflow(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	if (c->st.depth + 4 >= READ_MAX_DEPTH)
		return NULL;
	brk(c);
	if (type == NODE_ITEM && c->st.flow->type == NODE_LIST) {
		push(c, el);
		n = node_append(c->st.flow, node_new(NODE_ITEM));
		n->line = lineof(el);
	} else if (type == NODE_TABLE_ROW && c->st.flow->type == NODE_TABLE) {
		push(c, el);
		n = node_append(c->st.flow, node_new(NODE_TABLE_ROW));
		n->line = lineof(el);
	} else {
		if (type == NODE_ITEM || type == NODE_TABLE_ROW || !blocky(c))
			return NULL;
		push(c, el);
		n = addblock(c, type, el);
	}
	c->st.depth += n->parent == c->st.flow ? 1 : 2;
	c->st.flow = n;
	c->st.para = c->st.inl = NULL;
	c->st.implicit = 0;
	return n;
}

/* Returns the source of an image: src, or a lazy-loading attribute when src is a placeholder. */
static const char *
imgsrc(const xmlNode *el)
{
	static const char *const lazy[] = {"data-src", "data-original", "data-lazy-src",
	    "data-url", "data-hi-res-src", NULL};
	const char *src = attrv(el, "src");

	if (src && *src && !startswith(src, "data:"))
		return src;
	for (const char *const *l = lazy; *l; l++) {
		const char *v = attrv(el, *l);
		if (v && *v)
			return v;
	}
	return src;
}

/* Makes a NODE_IMAGE for an <img>, or NULL when there is neither a file nor alt text. */
static struct node *
image(struct conv *c, const xmlNode *el)
{
	struct node *img = node_new(NODE_IMAGE);
	const char *src = imgsrc(el);

	img->line = lineof(el);
	img->text = squash(attrv(el, "alt"));
	img->title = squash(attrv(el, "title"));
	if (src)
		read_image_src(c->ctx, c->a, img, src, img->line);
	if (img->url == NULL && img->text == NULL) {
		node_free(img);
		return NULL;
	}
	return img;
}

/* An <img>: inline inside a paragraph, else a figure of its own. */
static void
inlineimg(struct conv *c, const xmlNode *el)
{
	struct node *img;

	if (c->st.para == NULL && blocky(c)) {
		if ((img = image(c, el)) != NULL) {
			struct node *f = addblock(c, NODE_FIGURE, el);
			node_append(f, img);
		}
		return;
	}
	if (!needpara(c, el) || (img = image(c, el)) == NULL)
		return;
	flush(c);
	node_append(c->st.inl, img);
}

/* Converts a <figure> with images into figures, the caption going with the last one.
 * Returns 0 when it has no image (then it is read as a plain block). */
static int
figure(struct conv *c, xmlNode *fig)
{
	xmlNode *cap = NULL, **imgs = NULL;
	size_t nimgs = 0;
	struct node *last = NULL;
	int up = 0;

	for (xmlNode *n = fig; n; n = walk(fig, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		if (n != fig && (kind_of(n) == K_DROP || kind_of(n) == K_FIGURE)) {
			up = 1;
			continue;
		}
		if (is(n, "img")) {
			imgs = xrealloc(imgs, (nimgs + 1) * sizeof(*imgs));
			imgs[nimgs++] = n;
		} else if (is(n, "figcaption") && cap == NULL) {
			cap = n;
			up = 1;
		}
	}
	if (nimgs == 0)
		return 0;
	brk(c);
	for (size_t i = 0; i < nimgs; i++) {
		struct node *img = image(c, imgs[i]);
		if (img == NULL)
			continue;
		last = addblock(c, NODE_FIGURE, imgs[i]);
		if (last == NULL) {
			node_free(img);
			break;
		}
		node_append(last, img);
	}
	free(imgs);
	if (cap && blocky(c)) {
		/* The caption's inline content, read with the caption as the paragraph. */
		struct state saved = c->st;
		struct node *n = node_new(NODE_CAPTION);
		n->line = lineof(cap);
		c->st.para = c->st.inl = n;
		c->st.implicit = 0;
		c->st.idepth = c->st.depth + 2;
		c->space = 0;
		convert(c, cap);
		c->st = saved;
		c->space = 0;
		if (n->first == NULL)
			node_free(n);
		else if (last)
			node_append(last, n);
		else {
			/* No image survived: the caption is still text of the article. */
			n->type = NODE_PARA;
			struct node *p = addblock(c, NODE_PARA, cap);
			node_insert_before(p, n);
			node_free(node_unlink(p));
		}
	}
	return 1;
}

/* Returns the text of a <pre> with its white space, line breaks as newlines. Caller frees. */
static char *
pretext(xmlNode *pre)
{
	struct buf b = {0};
	int up = 0;
	char *s;
	size_t n;

	for (xmlNode *p = pre; p; p = walk(pre, p, &up)) {
		if (up)
			continue;
		if (p->type == XML_ELEMENT_NODE && p != pre && kind_of(p) == K_DROP) {
			up = 1;
			continue;
		}
		if (is(p, "br"))
			buf_putc(&b, '\n');
		else if ((p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE) && p->content)
			buf_puts(&b, (const char *)p->content);
	}
	s = buf_detach(&b);
	n = strlen(s);
	while (n > 0 && isws(s[n - 1]))
		n--;
	s[n] = '\0';
	if (n == 0) {
		free(s);
		return NULL;
	}
	/* Drop blank lines at the start; keep the first line's indentation. */
	size_t skip = 0;
	for (size_t i = 0; i < n && isws(s[i]); i++)
		if (s[i] == '\n')
			skip = i + 1;
	memmove(s, s + skip, n - skip + 1);
	n -= skip;
	s = xrealloc(s, n + 2);
	s[n] = '\n';
	s[n + 1] = '\0';
	return s;
}

/* Returns the language named by a "language-x" or "lang-x" class of el or its first child. */
static char *
codelang(const xmlNode *el)
{
	for (int i = 0; i < 2 && el; i++) {
		const char *cls = attrv(el, "class");
		while (cls && *cls) {
			while (isws(*cls))
				cls++;
			const char *e = cls;
			while (*e && !isws(*e))
				e++;
			size_t pre = startswith(cls, "language-") ? 9 : startswith(cls, "lang-") ? 5 : 0;
			if (pre && (size_t)(e - cls) > pre)
				return xstrndup(cls + pre, (size_t)(e - cls) - pre);
			cls = e;
		}
		el = el->children;
		while (el && el->type != XML_ELEMENT_NODE)
			el = el->next;
	}
	return NULL;
}

/* A <pre>: a code block, or inline code inside a paragraph. */
static void
pre(struct conv *c, xmlNode *el)
{
	char *s = pretext(el);
	struct node *n;

	if (s == NULL)
		return;
	if (c->st.para == NULL && blocky(c)) {
		n = addblock(c, NODE_CODE_BLOCK, el);
		n->text = s;
		n->title = codelang(el);
		return;
	}
	if (!needpara(c, el)) {
		free(s);
		return;
	}
	flush(c);
	n = node_append(c->st.inl, node_new(NODE_CODE));
	n->text = strsquash(s);
	n->line = lineof(el);
	free(s);
}

/* Inline <code>: its collapsed text as one code span. */
static void
code(struct conv *c, xmlNode *el)
{
	struct buf b = {0};
	struct node *n;

	text_of(&b, el);
	if (b.len && b.data[0] == ' ')
		c->space = 1;
	char *s = strsquash(buf_str(&b));
	if (*s && needpara(c, el)) {
		flush(c);
		n = node_append(c->st.inl, node_new(NODE_CODE));
		n->text = s;
		n->line = lineof(el);
		s = NULL;
		if (b.len > 1 && b.data[b.len - 1] == ' ')
			c->space = 1;
	}
	free(s);
	buf_free(&b);
}

/* Returns 1 when a table lays out a page rather than holding data: it nests tables or holds
 * headings, quotes, code or figures, or is a single cell. */
static int
layout(xmlNode *t)
{
	const char *role = attrv(t, "role");
	int up = 0, cells = 0, ps = 0;

	if (role && (strcasecmp(role, "presentation") == 0 || strcasecmp(role, "none") == 0))
		return 1;
	for (xmlNode *n = t; n; n = walk(t, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE || n == t)
			continue;
		switch (kind_of(n)) {
		case K_TABLE: case K_H: case K_QUOTE: case K_PRE: case K_FIGURE:
			return 1;
		case K_CELL:
			cells++;
			break;
		case K_P:
			ps++;
			break;
		case K_DROP:
			up = 1;
			break;
		case K_INLINE: case K_BLOCK: case K_LIST: case K_LI: case K_TSECT: case K_TR:
		case K_CAPTION: case K_HR: case K_BR: case K_IMG: case K_EM: case K_STRONG:
		case K_CODE: case K_A:
			break;
		}
	}
	return cells <= 1 || ps > 2 * cells;
}

/* Handles the start of an element or a text node. Returns 1 to skip its children. */
static int
enter(struct conv *c, xmlNode *n)
{
	struct node *m;
	const char *v;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			text(c, (const char *)n->content, n->parent);
		return 1;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 1;
	switch (kind_of(n)) {
	case K_DROP:
		return 1;
	case K_INLINE:
		return 0;
	case K_BLOCK:
		brk(c);
		return 0;
	case K_P:
	case K_H:
		if (c->st.para != NULL && !c->st.implicit) {
			brk(c);
			return 0;
		}
		if ((m = openpara(c, n, kind_of(n) == K_P ? NODE_PARA : NODE_HEADING)) == NULL)
			return 0;
		if (m->type == NODE_HEADING) {
			m->level = n->name[1] - '0';
			m->id = squash(attrv(n, "id"));
		}
		return 0;
	case K_LIST:
		if ((c->st.para == NULL || c->st.implicit) &&
		    (m = openflow(c, n, NODE_LIST)) != NULL) {
			m->ordered = is(n, "ol");
			m->tight = 1;
			if (m->ordered && (v = attrv(n, "start")) != NULL)
				m->start = atoi(v);
			return 0;
		}
		brk(c);
		return 0;
	case K_LI:
		if ((c->st.para == NULL || c->st.implicit) && c->st.flow->type == NODE_LIST &&
		    openflow(c, n, NODE_ITEM) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_QUOTE:
		if ((c->st.para == NULL || c->st.implicit) && openflow(c, n, NODE_QUOTE) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_PRE:
		if (c->st.para && c->st.implicit)
			endpara(c);
		pre(c, n);
		return 1;
	case K_FIGURE:
		if ((c->st.para == NULL || c->st.implicit) && figure(c, n))
			return 1;
		brk(c);
		return 0;
	case K_TABLE:
		if ((c->st.para == NULL || c->st.implicit) && !layout(n) &&
		    openflow(c, n, NODE_TABLE) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_TSECT:
		return 0;
	case K_TR:
		if (c->st.flow->type == NODE_TABLE && openflow(c, n, NODE_TABLE_ROW) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_CELL:
		if (c->st.flow->type == NODE_TABLE && c->st.para == NULL) {
			/* A cell outside a row gets a row of its own. */
			push(c, n);
			c->st.flow = node_append(c->st.flow, node_new(NODE_TABLE_ROW));
			c->st.depth++;
		}
		if (c->st.flow->type == NODE_TABLE_ROW && c->st.para == NULL) {
			push(c, n);
			m = node_append(c->st.flow, node_new(NODE_TABLE_CELL));
			m->line = lineof(n);
			m->header = is(n, "th");
			c->st.para = c->st.inl = m;
			c->st.implicit = 0;
			c->st.idepth = c->st.depth + 1;
			c->space = 0;
			return 0;
		}
		brk(c);
		return 0;
	case K_CAPTION:
		if (c->st.flow->type == NODE_TABLE && c->st.para == NULL) {
			/* A table's caption becomes a paragraph before it. */
			push(c, n);
			m = node_new(NODE_PARA);
			m->line = lineof(n);
			node_insert_before(c->st.flow, m);
			c->st.para = c->st.inl = m;
			c->st.implicit = 0;
			c->st.idepth = c->st.depth;
			c->space = 0;
			return 0;
		}
		brk(c);
		return 0;
	case K_HR:
		if (c->st.para == NULL || c->st.implicit) {
			endpara(c);
			if (c->st.flow->type != NODE_LIST)
				addblock(c, NODE_HR, n);
		} else
			brk(c);
		return 1;
	case K_BR:
		if (c->st.para == NULL)
			return 1;
		if (c->st.implicit && c->brs > 0) {
			/* Two line breaks in a row end a paragraph in old pages. */
			endpara(c);
			return 1;
		}
		if (c->st.para->first && c->brs == 0)
			node_append(c->st.inl, node_new(NODE_LINEBREAK));
		c->brs++;
		c->space = 0;
		return 1;
	case K_IMG:
		inlineimg(c, n);
		return 1;
	case K_EM:
		openinline(c, n, NODE_EMPH);
		return 0;
	case K_STRONG:
		openinline(c, n, NODE_STRONG);
		return 0;
	case K_CODE:
		code(c, n);
		return 1;
	case K_A:
		if ((v = attrv(n, "href")) == NULL || *v == '\0')
			return 0;
		for (m = c->st.inl; m && m != c->st.para; m = m->parent)
			if (m->type == NODE_LINK)
				return 0;   /* a link inside a link stays text */
		{
			struct node tmp = {.type = NODE_LINK};
			if (read_link_href(c->ctx, c->a, &tmp, v, lineof(n)) != 0)
				return 0;
			if ((m = openinline(c, n, NODE_LINK)) == NULL) {
				free(tmp.url);
				free(tmp.id);
				return 0;
			}
			m->url = tmp.url;
			m->id = tmp.id;
			m->link = tmp.link;
			m->title = squash(attrv(n, "title"));
		}
		return 0;
	}
	return 0;
}

/* Handles the end of an element whose children were read. */
static void
leave(struct conv *c, xmlNode *n)
{
	if (c->nstack > 0 && c->stack[c->nstack - 1].el == n) {
		while (c->nstack > 0 && c->stack[c->nstack - 1].el == n)
			pop(c);
		return;
	}
	switch (kind_of(n)) {
	case K_BLOCK: case K_P: case K_H: case K_LIST: case K_LI: case K_QUOTE: case K_FIGURE:
	case K_TABLE: case K_TR: case K_CELL: case K_CAPTION:
		brk(c);
		break;
	case K_INLINE: case K_DROP: case K_PRE: case K_TSECT: case K_HR: case K_BR: case K_IMG:
	case K_EM: case K_STRONG: case K_CODE: case K_A:
		break;
	}
}

/* Converts root and everything below it at the current state. */
static void
convert(struct conv *c, xmlNode *root)
{
	int up = 0;

	for (xmlNode *n = root; n; n = walk(root, n, &up)) {
		if (!up) {
			if (enter(c, n) || n->type != XML_ELEMENT_NODE || n->children == NULL) {
				if (n->type == XML_ELEMENT_NODE)
					leave(c, n);
				up = 1;
			}
		} else
			leave(c, n);
	}
}

/* ---- Tidying the model ------------------------------------------------------------------ */

static struct node *
leftmost(struct node *n)
{
	while (n->first)
		n = n->first;
	return n;
}

static int
container_inline(enum node_type t)
{
	return t == NODE_EMPH || t == NODE_STRONG || t == NODE_LINK;
}

/* Merges adjacent text nodes among n's children, keeping one space at the joint. */
static void
merge(struct node *n)
{
	for (struct node *k = n->first; k && k->next;) {
		struct node *b = k->next;
		if (k->type != NODE_TEXT || b->type != NODE_TEXT) {
			k = b;
			continue;
		}
		size_t la = strlen(k->text);
		const char *t = b->text;
		if (la && k->text[la - 1] == ' ' && *t == ' ')
			t++;
		char *s = xasprintf("%s%s", k->text, t);
		free(k->text);
		k->text = s;
		node_free(node_unlink(b));
	}
}

/* Takes leading (end = 0) or trailing (end = 1) blanks and line breaks off a paragraph-like
 * block's inline content, removing what becomes empty. */
static void
trim(struct node *blk, int end)
{
	for (;;) {
		struct node *k = end ? blk->last : blk->first;
		while (k && container_inline(k->type) && (end ? k->last : k->first))
			k = end ? k->last : k->first;
		if (k == NULL)
			return;
		if (k->type == NODE_LINEBREAK || k->type == NODE_SOFTBREAK ||
		    (container_inline(k->type) && k->first == NULL)) {
			node_free(node_unlink(k));
			continue;
		}
		if (k->type != NODE_TEXT)
			return;
		char *s = k->text;
		size_t n = strlen(s);
		if (end) {
			while (n > 0 && s[n - 1] == ' ')
				s[--n] = '\0';
		} else {
			size_t i = 0;
			while (s[i] == ' ')
				i++;
			memmove(s, s + i, n - i + 1);
			n -= i;
		}
		if (n > 0)
			return;
		node_free(node_unlink(k));
	}
}

/* Repairs one node after its children: drops empty containers, trims paragraphs. */
static void
fixnode(struct node *n)
{
	switch (n->type) {
	case NODE_EMPH: case NODE_STRONG: case NODE_LINK:
		merge(n);
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_PARA: case NODE_HEADING: case NODE_CAPTION: case NODE_TABLE_CELL:
		merge(n);
		trim(n, 0);
		trim(n, 1);
		if (n->first == NULL && n->type != NODE_TABLE_CELL)
			node_free(node_unlink(n));
		break;
	case NODE_LIST:
		n->tight = 1;
		for (struct node *i = n->first; i; i = i->next)
			if (i->first && i->first != i->last)
				n->tight = 0;
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_ITEM: case NODE_QUOTE: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_FIGURE:
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_TEXT:
		if (n->text == NULL || *n->text == '\0')
			node_free(node_unlink(n));
		break;
	case NODE_BODY: case NODE_CODE_BLOCK: case NODE_HR: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK:
		break;
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Repairs the whole body bottom-up, then numbers heading levels from 1 without gaps. */
static void
tidy(struct node *body)
{
	struct node *n = body->first ? leftmost(body->first) : NULL;
	int used[7] = {0}, rank[7] = {0}, r = 0;

	while (n && n != body) {
		struct node *next = n->next ? leftmost(n->next) : n->parent;
		fixnode(n);
		n = next;
	}
	for (n = body; n; n = node_next(body, n))
		if (n->type == NODE_HEADING && n->level >= 1 && n->level <= 6)
			used[n->level] = 1;
	for (int i = 1; i <= 6; i++)
		if (used[i])
			rank[i] = ++r;
	for (n = body; n; n = node_next(body, n))
		if (n->type == NODE_HEADING)
			n->level = n->level >= 1 && n->level <= 6 ? rank[n->level] : 1;
}

/* Drops a heading at the start of the body that repeats the title. */
static void
droptitle(struct article *a)
{
	struct node *h = a->body->first;
	char *t, *cut;

	if (h == NULL || h->type != NODE_HEADING || a->title == NULL)
		return;
	t = node_text(h);
	cut = cuttitle(a->title);
	if (read_same_words(t, a->title) || read_same_words(t, cut))
		node_free(node_unlink(h));
	free(t);
	free(cut);
}

/* ---- The reader ------------------------------------------------------------------------- */

/* Returns the nearest dir attribute at n or above. */
static enum dir
nearestdir(const xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		enum dir d = dirof(attrv(n, "dir"));
		if (d != DIR_AUTO)
			return d;
	}
	return DIR_AUTO;
}

/* Reads a parsed page into a: metadata, then the article's content. */
static void
extract(const struct read_ctx *ctx, struct article *a, xmlNode *html)
{
	struct conv c = {0};
	struct meta m = {0};
	struct info *all;
	xmlNode *best, *sem, *root;
	char *label = read_label(ctx, a), *by = NULL;

	a->body = node_new(NODE_BODY);
	gather(&m, html);
	metadata(a, &m, html);
	clean(html, a->nauthors ? NULL : &by);
	if (by) {
		add_author(a, by);
		free(by);
	}
	all = measure(html);
	best = score(html);
	sem = container(html);
	c.ctx = ctx;
	c.a = a;
	c.label = label;
	c.st.flow = a->body;
	if (sem && (best == NULL || within(best, sem) || plain(sem) * 10 >= plain(best) * 6))
		best = NULL, root = sem;
	else
		root = best;
	if (root == NULL) {
		for (root = html->children; root && !is(root, "body"); root = root->next)
			;
		if (root == NULL)
			root = html;
	}
	a->dir = nearestdir(root);
	if (best && best->parent && best->parent->type == XML_ELEMENT_NODE) {
		/* The best element and the siblings that read like part of the article. */
		for (xmlNode *s = best->parent->children, *next; s; s = next) {
			next = s->next;
			if (s == best || (s->type == XML_ELEMENT_NODE && belongs(s, best))) {
				prune(s);
				convert(&c, s);
			}
		}
	} else {
		prune(root);
		convert(&c, root);
	}
	tidy(a->body);
	droptitle(a);
	if (a->body->first == NULL)
		msg_warn(label, 0, "no article content found");
	free(c.stack);
	free(all);
	meta_free(&m);
	free(label);
}

/* Parses bytes in the given encoding and reads the page. Returns 0, or -1 when libxml2 read
 * nothing at all. */
static int
parse(const struct read_ctx *ctx, struct article *a, const char *bytes, size_t len,
      const char *enc)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | XML_PARSE_HUGE;
	htmlDocPtr doc;
	xmlNode *html;

	if (len > (size_t)INT32_MAX)
		return -1;
	doc = htmlReadMemory(bytes, (int)len, NULL, enc, opts);
	if (doc == NULL)
		return -1;
	html = xmlDocGetRootElement(doc);
	if (html == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	extract(ctx, a, html);
	xmlFreeDoc(doc);
	return 0;
}

/* See read.h: text is UTF-8, whatever charset the page declares. */
int
read_html(const struct read_ctx *ctx, struct article *a, const char *text, size_t len)
{
	/* The text is UTF-8 whatever the page declares: archive.c has checked it. */
	return parse(ctx, a, text, len, "UTF-8");
}

/* Returns the charset a page declares in a <meta> element in its first 4 KB, or NULL.
 * Caller frees. */
static char *
sniff(const char *raw, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	for (size_t i = 0; i + 5 < n; i++) {
		if (raw[i] != '<' || strncasecmp(raw + i + 1, "meta", 4) != 0)
			continue;
		size_t end = i;
		while (end < n && raw[end] != '>')
			end++;
		for (size_t j = i; j + 7 < end; j++) {
			if (strncasecmp(raw + j, "charset", 7) != 0)
				continue;
			size_t k = j + 7;
			while (k < end && isws(raw[k]))
				k++;
			if (k >= end || raw[k] != '=')
				continue;
			k++;
			while (k < end && (isws(raw[k]) || raw[k] == '"' || raw[k] == '\''))
				k++;
			size_t s = k;
			while (k < end && ((raw[k] >= 'a' && raw[k] <= 'z') ||
			    (raw[k] >= 'A' && raw[k] <= 'Z') || (raw[k] >= '0' && raw[k] <= '9') ||
			    raw[k] == '-' || raw[k] == '_' || raw[k] == '.' || raw[k] == ':'))
				k++;
			if (k > s)
				return xstrndup(raw + s, k - s);
		}
		i = end;
	}
	return NULL;
}

/* Returns 1 when s (n bytes) is valid UTF-8; *wide is set when it has non-ASCII characters. */
static int
validutf8(const char *s, size_t n, int *wide)
{
	*wide = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		*wide = 1;
		i += (size_t)k;
	}
	return 1;
}

/* Maps a declared charset to the name libxml2 should decode with (as browsers do: Latin-1 and
 * ASCII mean windows-1252). Returns NULL for UTF-8. */
static const char *
encoding(const char *cs)
{
	static const char *const cp1252[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
	    "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252", "windows-1252", "x-cp1252", NULL};

	if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	    strcasecmp(cs, "unicode-1-1-utf-8") == 0)
		return NULL;
	for (const char *const *p = cp1252; *p; p++)
		if (strcasecmp(cs, *p) == 0)
			return "windows-1252";
	if (strcasecmp(cs, "gb2312") == 0 || strcasecmp(cs, "x-gbk") == 0)
		return "GBK";
	if (strcasecmp(cs, "x-sjis") == 0 || strcasecmp(cs, "sjis") == 0)
		return "Shift_JIS";
	return cs;
}

/* See the comment at the top of this file: raw is the file's bytes, in any encoding. */
int
read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len)
{
	const unsigned char *u = (const unsigned char *)raw;
	char *cs = NULL, *fixed, *label;
	const char *enc = NULL;
	size_t n;
	unsigned bad;
	int wide, valid, rc;

	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
		return parse(ctx, a, raw, len, u[0] == 0xff ? "UTF-16LE" : "UTF-16BE");
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		raw += 3;
		len -= 3;
	} else
		cs = sniff(raw, len);
	valid = validutf8(raw, len, &wide);
	if (cs)
		enc = encoding(cs);
	else if (!valid)
		enc = "windows-1252";
	/* A page saved again as UTF-8 often keeps its old declaration: trust the bytes then. */
	if (enc && valid && wide)
		enc = NULL;
	if (enc) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
		if (h != NULL) {
			xmlCharEncCloseFunc(h);
			rc = parse(ctx, a, raw, len, enc);
			free(cs);
			return rc;
		}
		label = read_label(ctx, a);
		msg_warn(label, 0, "unknown charset '%s', read as UTF-8", cs ? cs : enc);
		free(label);
	}
	free(cs);
	fixed = utf8_repair(raw, len, &n, &bad);
	if (bad) {
		label = read_label(ctx, a);
		msg_warn(label, bad, "invalid UTF-8 replaced with U+FFFD");
		free(label);
	}
	rc = read_html(ctx, a, fixed, n);
	free(fixed);
	return rc;
}
