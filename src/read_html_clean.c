/* The HTML reader's cleaning: removing what is never content before the article is looked for. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_html_int.h"

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
		while (*s && !ascii_isalnum(*s))
			s++;
		const char *e = s;
		while (ascii_isalnum(*e))
			e++;
		size_t m = (size_t)(e - s);
		if ((m == n || (m == n + 1 && (s[n] == 's' || s[n] == 'S'))) &&
		    strncasecmp(s, word, n) == 0)
			return 1;
		s = e;
	}
	return 0;
}

/* See read_html_int.h. */
int
html_contains(const char *s, const char *const *words)
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

/* See read_html_int.h. */
int
html_small(xmlNode *n, int limit)
{
	int up = 0, count = 0;

	for (xmlNode *p = n; p; p = html_walk(n, p, &up))
		if (!up && ++count > limit)
			return 0;
	return 1;
}

/* See read_html_int.h. */
char *
html_classid(const xmlNode *n)
{
	const char *c = html_attr(n, "class"), *i = html_attr(n, "id");
	char *s = xasprintf("%s %s", c ? c : "", i ? i : "");

	for (char *p = s; *p; p++)
		*p = (char)ascii_tolower(*p);
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

/* Returns 1 when n is hidden: the hidden attribute, aria-hidden, or an inline style. */
static int
hidden(const xmlNode *n)
{
	const char *v, *s;
	char buf[64];
	size_t k;

	if (html_attr(n, "hidden") != NULL)
		return 1;
	if ((v = html_attr(n, "aria-hidden")) != NULL && strcasecmp(v, "true") == 0)
		return 1;
	if ((v = html_attr(n, "style")) == NULL)
		return 0;
	/* Look for display:none and visibility:hidden with the blanks taken out. */
	for (s = v; *s; s++) {
		k = 0;
		for (const char *p = s; *p && k + 1 < sizeof(buf) && *p != ';'; p++)
			if (!html_isws(*p))
				buf[k++] = (char)ascii_tolower(*p);
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

/* Returns 1 when n is never part of the article: by its role, or (strict) its class and id
 * words. */
static int
unlikely(const xmlNode *n, int strict)
{
	static const char *const roles[] = {"navigation", "contentinfo", "complementary",
	    "dialog", "alertdialog", "menu", "menubar", "search", "banner", NULL};
	const char *role = html_attr(n, "role");
	char *ci;
	int r;

	for (const char *const *p = roles; role && *p; p++)
		if (html_hasword(role, *p))
			return 1;
	if (!strict || html_is(n, "body") || html_is(n, "html") || html_is(n, "a") ||
	    html_is(n, "article") || html_is(n, "main"))
		return 0;
	ci = html_classid(n);
	r = (html_contains(ci, junk_sub) || tokens(ci, junk_tok)) && !html_contains(ci, keep_sub);
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

	for (xmlNode *p = n; p && c < limit; p = html_walk(n, p, &up))
		if (!up && html_is(p, "p"))
			c++;
	return c;
}

/* Returns 1 when n is the explicit article container: itemprop=articleBody, <article>, <main>. */
static int
semantic(const xmlNode *n)
{
	return html_is(n, "article") || html_is(n, "main") || html_hasword(html_attr(n, "itemprop"), "articleBody") ||
	    html_hasword(html_attr(n, "property"), "articleBody") || html_hasword(html_attr(n, "role"), "main");
}

/* Returns 1 for a page's <header>: one that does not head an article. */
static int
pageheader(const xmlNode *n)
{
	int depth = 0;

	if (!html_is(n, "header"))
		return 0;
	for (const xmlNode *p = n->parent; p && depth < 64; p = p->parent, depth++)
		if (html_is(p, "article") || html_is(p, "main"))
			return 0;
	return 1;
}

/* Returns 1 when n is marked as the byline: rel=author, itemprop=author, or a byline class. */
static int
isbyline(const xmlNode *n)
{
	const char *ip = html_attr(n, "itemprop");
	char *ci;
	int r;

	if (html_hasword(html_attr(n, "rel"), "author") || (ip && strstr(ip, "author")))
		return 1;
	ci = html_classid(n);
	r = strstr(ci, "byline") || strstr(ci, "author") || strstr(ci, "writtenby") ||
	    html_hasword(ci, "by");
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

	for (xmlNode *p = n; p; p = html_walk(n, p, &up))
		if (!up && p != n && html_hasword(html_attr(p, "itemprop"), "name")) {
			s = html_textdup(p);
			break;
		}
	if (s == NULL)
		s = html_textdup(n);
	if (s && strlen(s) >= 100) {
		free(s);
		s = NULL;
	}
	return s;
}

/* Headings that open a page's comments or its links to other stories, lower case. */
static const char *const heads_other[] = {"comments", "comment", "responses", "replies",
    "reader comments", "readers' comments", "discussion", "join the discussion",
    "join the conversation", "leave a reply", "leave a comment", "add a comment",
    "post a comment", "what do you think", "conversation", "more stories", "more news",
    "related", "related stories", "related articles", "related posts", "related content",
    "related coverage", "read next", "read more", "up next", "you may also like",
    "you might also like", "you may be interested in", "more from", "more on this",
    "more on this story", "more like this", "recommended", "recommended for you",
    "recommended stories", "most read", "most popular", "most viewed", "popular", "trending",
    "trending now", "around the web", "from around the web", "latest news", "latest stories",
    "top stories", "editor's picks", "editors' picks", "don't miss", NULL};
/* What follows a count in such a heading: "12 comments", "3 thoughts on ...". */
static const char *const heads_counted[] = {"comment", "response", "repl", "thought",
    "reaction", "reader comment", NULL};

/* Returns 1 when the heading's text opens the comments or a list of other stories. */
static int
otherhead(const xmlNode *h)
{
	char *t = html_textdup(h);
	int r = 0;

	if (t == NULL || strlen(t) > 200) {
		free(t);
		return 0;
	}
	for (char *p = t; *p; p++)
		*p = (char)ascii_tolower(*p);
	size_t n = strlen(t);
	while (n > 0 && (t[n - 1] == ':' || t[n - 1] == '.' || t[n - 1] == ' '))
		t[--n] = '\0';
	for (const char *const *w = heads_other; *w && !r; w++)
		r = strcmp(t, *w) == 0;
	const char *p = t;
	while (ascii_isdigit(*p))
		p++;
	if (!r && p > t && *p == ' ')
		for (const char *const *w = heads_counted; *w && !r; w++)
			r = startswith(p + 1, *w);
	free(t);
	return r;
}

/* Returns 1 when the first thing in n is a heading that opens comments or other stories. */
static int
othersection(const xmlNode *n)
{
	const xmlNode *c = n->children;
	int depth = 0;

	/* The heading may sit in a wrapper of its own ("<header><h2>Comments</h2></header>"). */
	while (c && depth < 3) {
		while (c && (c->type != XML_ELEMENT_NODE || html_kind(c) == K_DROP)) {
			if (c->type == XML_TEXT_NODE && c->content)
				for (const char *s = (const char *)c->content; *s; s++)
					if (!html_isws(*s))
						return 0;
			c = c->next;
		}
		if (c == NULL)
			return 0;
		if (html_kind(c) == K_H)
			return otherhead(c);
		if (html_kind(c) != K_BLOCK)
			return 0;
		c = c->children;
		depth++;
	}
	return 0;
}

/* Removes what is never content below root: dropped elements, hidden ones, and unlikely boxes
 * (by their role, and when strict by their class and id words) that do not hold an <article>,
 * <main> or articleBody. The first byline on the way goes too; its text is put in *by unless
 * by is NULL. */
void
html_clean(xmlNode *root, char **by, int strict)
{
	int found = 0;
	xmlNode **hdr = NULL;
	size_t nhdr = 0, caphdr = 0;

	int up = 0;
	xmlNode *n;

	html_lazy(root);
	/* First mark the ancestors of semantic containers, so no box around them goes. */
	for (n = root; n; n = html_walk(root, n, &up)) {
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
				n = html_walk(root, n, &up);
				xmlUnlinkNode(dead);
				xmlFreeNode(dead);
				continue;
			}
			n = html_walk(root, n, &up);
			continue;
		}
		int drop = 0, later = 0;
		/* What is hidden goes even when it holds an article: a hidden copy of the article
		 * (schema.org metadata, an AMP or print version) is not the one readers see. */
		if (hidden(n))
			drop = 1;
		else if (n->_private != PROTECTED) {
			enum kind k = html_kind(n);
			if (k == K_DROP && (html_is(n, "aside") || html_is(n, "footer")) && !hidden(n))
				later = 1;
			else if (k == K_DROP)
				drop = !html_is(n, "form") || paras(n, 3) < 3;
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
				drop = unlikely(n, strict) || (k == K_BLOCK && othersection(n));
		}
		if (!drop) {
			n = html_walk(root, n, &up);
			continue;
		}
		xmlNode *dead = n;
		up = 1;
		n = html_walk(root, n, &up);
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
