/* The HTML reader: finds the article in a saved web page and turns it into the model. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "msg.h"
#include "read.h"
#include "read_html_int.h"

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
 * recurses, at most 64 levels deep. read_html_int.h says which file does which step.
 */
int read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len);

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

/* See read_html_int.h: a binary search of the table above. */
enum kind
html_kind(const xmlNode *n)
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




/* Returns the attribute's value without copying (libxml2 keeps it as one text child), or NULL. */
const char *
html_attr(const xmlNode *n, const char *name)
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
int
html_hasword(const char *s, const char *word)
{
	size_t n = strlen(word), len;
	const char *t;

	while ((t = html_token(&s, &len)) != NULL)
		if (len == n && strncasecmp(t, word, n) == 0)
			return 1;
	return 0;
}

/* See read_html_int.h. */
const char *
html_token(const char **s, size_t *len)
{
	const char *p = *s, *e;

	if (p == NULL)
		return NULL;
	while (html_isws(*p))
		p++;
	if (*p == '\0')
		return NULL;
	for (e = p; *e && !html_isws(*e); e++)
		;
	*len = (size_t)(e - p);
	*s = e;
	return p;
}

/* See read_html_int.h. */
unsigned
html_line(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}


/* Appends the collapsed text below n to b (one space for each run of white space). */
void
html_text_of(struct buf *b, const xmlNode *n)
{
	int up = 0;

	for (xmlNode *p = (xmlNode *)n; p; p = html_walk(n, p, &up)) {
		if (up)
			continue;
		if (p->type == XML_ELEMENT_NODE && html_kind(p) == K_DROP && p != n) {
			up = 1;
			continue;
		}
		if (p->type == XML_ELEMENT_NODE && (html_kind(p) == K_BR || html_kind(p) == K_BLOCK ||
		    html_kind(p) == K_P || html_kind(p) == K_LI) && b->len && b->data[b->len - 1] != ' ')
			buf_putc(b, ' ');
		if (p->type != XML_TEXT_NODE && p->type != XML_CDATA_SECTION_NODE)
			continue;
		for (const char *s = (const char *)p->content; s && *s; s++) {
			if (html_isws(*s)) {
				if (b->len && b->data[b->len - 1] != ' ')
					buf_putc(b, ' ');
			} else
				buf_putc(b, *s);
		}
	}
}

/* Returns the squashed text below n, or NULL when there is none. Caller frees. */
char *
html_textdup(const xmlNode *n)
{
	struct buf b = {0};
	char *s;

	html_text_of(&b, n);
	s = strsquash(buf_str(&b));
	buf_free(&b);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Returns a squashed copy of s, or NULL when it is NULL or blank. Caller frees. */
char *
html_squash(const char *s)
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


/* ---- The reader ------------------------------------------------------------------------- */

/* Returns the nearest dir attribute at n or above. */
static enum dir
nearestdir(const xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		enum dir d = html_dir(html_attr(n, "dir"));
		if (d != DIR_AUTO)
			return d;
	}
	return DIR_AUTO;
}

/* Returns the bytes of text the article would have when read from root, from its parts, or
 * from best and the siblings that belong with it. */
static size_t
chosen(xmlNode *root, xmlNode *best, xmlNode **parts, size_t nparts)
{
	size_t t = 0;

	if (nparts > 1) {
		for (size_t i = 0; i < nparts; i++)
			t += html_text_len(parts[i]);
		return t;
	}
	if (best == NULL || best->parent == NULL || best->parent->type != XML_ELEMENT_NODE)
		return html_text_len(root);
	for (xmlNode *s = best->parent->children; s; s = s->next)
		if (s == best || (s->type == XML_ELEMENT_NODE && html_belongs(s, best)))
			t += html_text_len(s);
	return t;
}

/* The shortest article text a first reading keeps before a second one, which does not trust
 * class and id words, is tried (readability's retry with fewer rules). */
#define SHORT_ARTICLE 500

/* Reads the article's content from a parsed page into a; ldbody is the JSON-LD articleBody, or
 * NULL. A strict reading (strict = 1) removes boxes by their class and id words; when what it
 * finds is shorter than SHORT_ARTICLE it converts nothing and returns 1, so that the caller can
 * read the page again without them. Returns 0 otherwise. */
static int
content(const struct read_ctx *ctx, struct article *a, xmlNode *html, const char *ldbody,
        int strict)
{
	struct conv *c;
	struct info *all;
	xmlNode *best, *sem, *root;
	char *label, *by = NULL;

	html_clean(html, a->nauthors ? NULL : &by, strict);
	all = html_measure(html);
	best = html_score(html);
	sem = html_container(html);
	if (sem && (best == NULL || html_within(best, sem) ||
	    html_plain(sem) * 10 >= html_plain(best) * 6))
		best = NULL, root = sem;
	else
		root = best;
	if (root == NULL) {
		for (root = html->children; root && !html_is(root, "body"); root = root->next)
			;
		if (root == NULL)
			root = html;
	}
	xmlNode **parts = NULL;
	size_t nparts = 0;
	if (best)
		parts = html_parts(html, best, &nparts);
	if (nparts > 1) {
		/* When the parts are most of their nearest common ancestor's text, the ancestor is
		 * the article, with the pictures between them. */
		xmlNode *anc = parts[0];
		size_t t = 0;
		for (size_t i = 1; i < nparts; i++)
			while (anc && !html_within(parts[i], anc))
				anc = anc->parent;
		for (size_t i = 0; i < nparts; i++)
			t += html_text_len(parts[i]);
		if (anc && anc->type == XML_ELEMENT_NODE && t * 10 >= html_text_len(anc) * 8) {
			root = anc;
			best = NULL;
			nparts = 0;
		}
	}
	if (html_rescue(html, ldbody, &root, &best, parts, nparts,
	    chosen(root, best, parts, nparts)))
		nparts = 0;
	if (strict && chosen(root, best, parts, nparts) < SHORT_ARTICLE) {
		free(parts);
		free(by);
		free(all);
		return 1;
	}
	if (by) {
		html_add_author(a, by);
		free(by);
	}
	label = read_label(ctx, a);
	c = html_conv_new(ctx, a, label);
	a->dir = nearestdir(root);
	if (nparts > 1) {
		/* An article split over several containers of one kind. */
		html_cut_head(parts[0], a->title);
		for (size_t i = 0; i < nparts; i++) {
			html_prune(parts[i]);
			html_convert(c, parts[i]);
		}
	} else if (best && best->parent && best->parent->type == XML_ELEMENT_NODE) {
		/* The best element and the siblings that read like part of the article. */
		html_cut_head(best, a->title);
		for (xmlNode *s = best->parent->children, *next; s; s = next) {
			next = s->next;
			if (s == best || (s->type == XML_ELEMENT_NODE && html_belongs(s, best))) {
				html_prune(s);
				html_convert(c, s);
			}
		}
	} else {
		html_cut_head(root, a->title);
		html_prune(root);
		html_convert(c, root);
	}
	html_dedup(a->body);
	html_tidy(a->body);
	html_droptitle(a);
	if (a->body->first == NULL)
		msg_warn(label, 0, "no article content found");
	html_conv_free(c);
	free(parts);
	free(all);
	free(label);
	return 0;
}

/* Parses bytes in the given encoding. Returns the document, or NULL when libxml2 read nothing
 * at all. */
static htmlDocPtr
load(const char *bytes, size_t len, const char *enc)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | XML_PARSE_HUGE;
	htmlDocPtr doc;

	if (len > (size_t)INT32_MAX)
		return NULL;
	doc = htmlReadMemory(bytes, (int)len, NULL, enc, opts);
	if (doc && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* Parses bytes in the given encoding and reads the page: metadata, then the article's content
 * (a second time from a fresh tree when the strict reading finds too little). Returns 0, or -1
 * when libxml2 read nothing at all. */
static int
parse(const struct read_ctx *ctx, struct article *a, const char *bytes, size_t len,
      const char *enc)
{
	htmlDocPtr doc = load(bytes, len, enc);
	struct meta m = {0};

	if (doc == NULL)
		return -1;
	a->body = node_new(NODE_BODY);
	html_meta_gather(&m, xmlDocGetRootElement(doc));
	html_meta_apply(a, &m, xmlDocGetRootElement(doc));
	if (content(ctx, a, xmlDocGetRootElement(doc), m.ld_body, 1) != 0) {
		xmlFreeDoc(doc);
		doc = load(bytes, len, enc);
		if (doc == NULL) {
			html_meta_free(&m);
			return -1;
		}
		content(ctx, a, xmlDocGetRootElement(doc), m.ld_body, 0);
	}
	html_meta_free(&m);
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
			while (k < end && html_isws(raw[k]))
				k++;
			if (k >= end || raw[k] != '=')
				continue;
			k++;
			while (k < end && (html_isws(raw[k]) || raw[k] == '"' || raw[k] == '\''))
				k++;
			size_t s = k;
			while (k < end && (ascii_isalnum(raw[k]) || raw[k] == '-' || raw[k] == '_' ||
			    raw[k] == '.' || raw[k] == ':'))
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
		msg_warn(label, bad, memchr(raw, '\0', len) ? "NUL bytes or invalid UTF-8 replaced "
		    "with U+FFFD" : "invalid UTF-8 replaced with U+FFFD");
		free(label);
	}
	rc = read_html(ctx, a, fixed, n);
	free(fixed);
	return rc;
}

