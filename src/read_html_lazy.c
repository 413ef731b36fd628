/* The HTML reader's lazy-loaded images: the real source of each picture, before cleaning. */
#include <stdlib.h>
#include <string.h>

#include "read_html_int.h"

/* The attributes lazy loaders keep an image's address in until it scrolls into view. */
static const char *const lazysrc[] = {"data-src", "data-original", "data-lazy-src", "data-url",
    "data-hi-res-src", "data-full-src", "data-lazyload", NULL};
static const char *const lazyset[] = {"data-srcset", "data-lazy-srcset", "srcset", NULL};

/* Returns 1 when an image source is a stand-in for the real one: none, an inline data: image,
 * or a file whose name says it is blank. */
static int
placeholder(const char *src)
{
	static const char *const names[] = {"blank", "spacer", "placeholder", "lazy",
	    "transparent", "1x1", "loading", "grey.gif", "gray.gif", "empty.gif", NULL};
	const char *base;
	char low[128];
	size_t k = 0;

	if (src == NULL || *src == '\0' || startswith(src, "data:"))
		return 1;
	base = strrchr(src, '/');
	base = base ? base + 1 : src;
	for (; base[k] && k + 1 < sizeof low; k++)
		low[k] = (char)ascii_tolower(base[k]);
	low[k] = '\0';
	return html_contains(low, names);
}

/* Returns the biggest candidate of a srcset ("a.jpg 480w, b.jpg 1024w" or "a.jpg 1x, b.jpg
 * 2x"), or NULL. Caller frees. */
static char *
bestset(const char *set)
{
	char *best = NULL;
	double top = -1;

	while (set && *set) {
		while (html_isws(*set) || *set == ',')
			set++;
		const char *u = set;
		while (*set && !html_isws(*set) && *set != ',')
			set++;
		size_t ulen = (size_t)(set - u);
		/* A URL may itself hold commas; it ends at blanks before its descriptor. */
		while (*set && *set != ',' && html_isws(*set))
			set++;
		double v = 1;
		if (*set && *set != ',') {
			v = strtod(set, NULL);
			while (*set && *set != ',')
				set++;
		}
		if (ulen > 0 && v > top && !startswith(u, "data:")) {
			free(best);
			best = xstrndup(u, ulen);
			top = v;
		}
	}
	return best;
}

/* Gives an <img> whose src is a placeholder the real address its lazy loader keeps: a lazy
 * attribute, else the biggest candidate of a srcset. */
static void
unlazy(xmlNode *img)
{
	const char *src = html_attr(img, "src");
	char *real = NULL;

	if (!placeholder(src))
		return;
	for (const char *const *l = lazysrc; *l && real == NULL; l++) {
		const char *v = html_attr(img, *l);
		if (v && *v && !startswith(v, "data:"))
			real = xstrdup(v);
	}
	for (const char *const *l = lazyset; *l && real == NULL; l++)
		real = bestset(html_attr(img, *l));
	if (real)
		xmlSetProp(img, (const xmlChar *)"src", (const xmlChar *)real);
	free(real);
}

/* The most nodes a picture's wrapper or noscript copy is looked through. */
#define SMALL 64

/* Returns the element before n among its siblings, skipping blank text, or NULL. */
static xmlNode *
prevelem(xmlNode *n)
{
	for (n = n->prev; n; n = n->prev) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if (n->type == XML_TEXT_NODE && n->content) {
			for (const char *s = (const char *)n->content; *s; s++)
				if (!html_isws(*s))
					return NULL;
		}
	}
	return NULL;
}

/* Returns the first <img> below n, or NULL. */
static xmlNode *
firstimg(xmlNode *n)
{
	int up = 0;

	for (xmlNode *p = n; p; p = html_walk(n, p, &up))
		if (!up && html_is(p, "img"))
			return p;
	return NULL;
}

/* Returns 1 when n holds no text but blanks. */
static int
blank(xmlNode *n)
{
	int up = 0;

	for (xmlNode *p = n; p; p = html_walk(n, p, &up))
		if (!up && p->type == XML_TEXT_NODE && p->content)
			for (const char *s = (const char *)p->content; *s; s++)
				if (!html_isws(*s))
					return 0;
	return 1;
}

/* Returns 1 when every <img> below parent is inside the <noscript> ns. */
static int
onlyimgs(xmlNode *parent, const xmlNode *ns)
{
	int up = 0;

	for (xmlNode *p = parent; p; p = html_walk(parent, p, &up)) {
		if (up)
			continue;
		if (p == ns)
			up = 1;
		else if (html_is(p, "img"))
			return 0;
	}
	return 1;
}

/* See read_html_int.h. A <noscript> copy (images and no text) also stands for the picture a
 * script would have inserted when its parent holds no other. */
void
html_lazy(xmlNode *root)
{
	int up = 0;
	xmlNode *n = root;

	while (n) {
		if (up || n->type != XML_ELEMENT_NODE) {
			n = html_walk(root, n, &up);
			continue;
		}
		if (html_is(n, "img")) {
			unlazy(n);
		} else if (html_is(n, "noscript") && html_small(n, SMALL) && firstimg(n) && blank(n)) {
			xmlNode *before = prevelem(n), *ph = NULL;
			if (before && html_is(before, "img"))
				ph = before;
			else if (before && !html_is(before, "noscript") && html_small(before, SMALL))
				ph = firstimg(before);
			int alone = ph == NULL && n->parent && html_small(n->parent, SMALL) &&
			    onlyimgs(n->parent, n);
			if ((ph && placeholder(html_attr(ph, "src"))) || alone) {
				/* The copy goes where the placeholder was. */
				if (ph) {
					xmlUnlinkNode(ph);
					xmlFreeNode(ph);
				}
				xmlNode *next = NULL;
				for (xmlNode *k = n->children; k; k = next) {
					next = k->next;
					xmlUnlinkNode(k);
					xmlAddPrevSibling(n, k);
				}
				xmlNode *dead = n;
				up = 1;
				n = html_walk(root, n, &up);
				xmlUnlinkNode(dead);
				xmlFreeNode(dead);
				continue;
			}
		}
		n = html_walk(root, n, &up);
	}
}
