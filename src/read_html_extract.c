/* The HTML reader's extraction: scoring the cleaned page and choosing the article's element. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_html_int.h"

/* What the scorer knows about one element (hung on its _private pointer). */
struct info {
	size_t text;            /* bytes of collapsed text below it */
	size_t links;           /* of which inside links */
	size_t commas;          /* commas in that text */
	unsigned ps, imgs, lis, heads, figs; /* <p>, <img>, <li>, headings, <figure> below it */
	unsigned lheads;        /* of the headings, those that are all link (a teaser's) */
	double score;           /* content score */
	int scored;             /* 1 once it took part in scoring */
};

/* Class and id words that weigh on a candidate's score. */
static const char *const good_sub[] = {"article", "body", "content", "entry", "hentry",
    "h-entry", "main", "page", "pagination", "post", "text", "blog", "story", NULL};
static const char *const bad_sub[] = {"comment", "com-", "contact", "foot", "footer",
    "footnote", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "hidden", "byline", "author", "banner", NULL};

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
		if (html_isws(*s)) {
			ws = 1;
			continue;
		}
		n += 1 + ws;
		ws = 0;
	}
	return n;
}

/* Hangs a struct info on every element below root and sums text, link text and commas. */
struct info *
html_measure(xmlNode *root)
{
	size_t count = 0, i = 0;
	int up = 0;
	struct info *all;

	for (xmlNode *n = root; n; n = html_walk(root, n, &up))
		if (!up && n->type == XML_ELEMENT_NODE)
			count++;
	all = xcalloc(count ? count : 1, sizeof(*all));
	up = 0;
	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
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
		switch (html_kind(n)) {
		case K_A: me->links = me->text; break;
		case K_P: me->ps++; break;
		case K_IMG: me->imgs++; break;
		case K_LI: me->lis++; break;
		case K_H:
			me->heads++;
			if (me->text > 0 && me->links * 10 >= me->text * 9)
				me->lheads++;
			break;
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
			p->lheads += me->lheads;
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
	char *ci = html_classid(n);
	int w = 0;

	if (html_contains(ci, good_sub))
		w += 25;
	if (html_contains(ci, bad_sub))
		w -= 25;
	free(ci);
	return w;
}

/* Gives an element its first score from its kind and class. */
static void
initscore(xmlNode *n)
{
	struct info *i = inf(n);
	const char *t = html_tag(n);

	if (i->scored)
		return;
	i->scored = 1;
	switch (html_kind(n)) {
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
		switch (html_kind(c)) {
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

/* The shortest JSON-LD articleBody, in bytes, that is trusted as a check of the choice. */
#define SHORT_LD 500

/* How many of the best candidates are weighed together. */
#define TOP_CANDIDATES 5

/* Scores every element below root by the paragraphs it holds and returns the best one. */
xmlNode *
html_score(xmlNode *root)
{
	xmlNode *best = NULL;
	double top = 0;
	int up = 0;

	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		enum kind k = html_kind(n);
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
	xmlNode *cand[TOP_CANDIDATES] = {NULL};
	up = 0;
	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE || !inf(n)->scored)
			continue;
		inf(n)->score *= 1 - density(n);
		/* Keep the best few, best first. */
		for (int k = 0; k < TOP_CANDIDATES; k++) {
			if (cand[k] == NULL || inf(n)->score > inf(cand[k])->score) {
				memmove(cand + k + 1, cand + k, (TOP_CANDIDATES - 1 - k) * sizeof(*cand));
				cand[k] = n;
				break;
			}
		}
	}
	best = cand[0];
	if (best == NULL)
		return NULL;
	top = inf(best)->score;
	/* An article split over several containers (text, figure, text...) gives several good
	 * candidates that are not inside one another: their nearest common ancestor, when it holds
	 * three of them, is the article (as readability does). */
	for (xmlNode *a = best->parent; a && a->type == XML_ELEMENT_NODE && top > 0; a = a->parent) {
		int within = 0;
		for (int k = 1; k < TOP_CANDIDATES && cand[k]; k++)
			if (inf(cand[k])->score >= 0.75 * top && cand[k] != a &&
			    !html_within(best, cand[k]) && html_within(cand[k], a))
				within++;
		if (within + 1 >= 3) {
			best = a;
			break;
		}
		if (html_is(a, "body"))
			break;
	}
	return best;
}

/* Returns 1 when anc is n or one of its ancestors. */
int
html_within(const xmlNode *n, const xmlNode *anc)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/* Returns the collapsed text below a measured element. */
size_t
html_text_len(const xmlNode *n)
{
	const struct info *i = inf(n);

	return i ? i->text : 0;
}

/* Returns the text of n that is not in links. */
size_t
html_plain(const xmlNode *n)
{
	const struct info *i = inf(n);

	return i ? i->text - i->links : 0;
}

/* Picks the semantic container with the most plain text: articleBody, else <article>, else
 * <main>. Returns NULL when there is none. */
xmlNode *
html_container(xmlNode *root)
{
	xmlNode *best[3] = {NULL, NULL, NULL};
	int up = 0;

	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		int slot = html_hasword(html_attr(n, "itemprop"), "articleBody") ||
		    html_hasword(html_attr(n, "property"), "articleBody") ? 0 : html_is(n, "article") ? 1 :
		    html_is(n, "main") || html_hasword(html_attr(n, "role"), "main") ? 2 : -1;
		if (slot >= 0 && (best[slot] == NULL || html_plain(n) > html_plain(best[slot])))
			best[slot] = n;
	}
	for (int i = 0; i < 3; i++)
		if (best[i] && html_plain(best[i]) >= 200)
			return best[i];
	return NULL;
}

/* Whole texts of blocks that are page furniture wherever they stand (compared without case,
 * blanks and final punctuation). */
static const char *const furniture[] = {"advertisement", "advert", "ad", "ads", "sponsored",
    "sponsored content", "story continues below", "story continues below advertisement",
    "article continues below", "continue reading", "continue reading below", "read more",
    "read more below", "scroll to continue", "scroll to continue with content",
    "share this article", "share this story", "share", "related", "related articles",
    "related stories", "recommended", "more on this", "caption", "close", "hide caption",
    "toggle caption", "enlarge this image", "expand", "less", "more", NULL};

/* Returns 1 when the text below n is one of furniture. */
static int
isfurniture(const xmlNode *n)
{
	const struct info *i = inf(n);
	char low[64];
	size_t k = 0;
	struct buf b = {0};

	if (i->text == 0 || i->text > 40 || !html_small((xmlNode *)n, 64))
		return 0;
	html_text_of(&b, n);
	for (const char *p = buf_str(&b); *p && k + 1 < sizeof low; p++)
		if (!(k == 0 && *p == ' '))
			low[k++] = (char)ascii_tolower(*p);
	buf_free(&b);
	while (k > 0 && (low[k - 1] == ' ' || low[k - 1] == '.' || low[k - 1] == ':'))
		k--;
	low[k] = '\0';
	for (const char *const *f = furniture; *f; f++)
		if (strcmp(low, *f) == 0)
			return 1;
	return 0;
}

/* Returns 1 when the text below n opens with a label that sends the reader to another story
 * ("Related: ...", "Read more: ...", "See also: ..."). */
static int
promoted(const xmlNode *n)
{
	static const char *const labels[] = {"related:", "related story:", "related article:",
	    "related stories:", "related coverage:", "read more:", "read also:", "also read:",
	    "see also:", "read next:", "more:", "watch:", "listen:", "recommended:",
	    "you may also like:", "more on this:", "read:", NULL};
	struct buf b = {0};
	int r = 0;

	html_text_of(&b, n);
	const char *t = buf_str(&b);
	while (*t == ' ')
		t++;
	for (const char *const *l = labels; *l && !r; l++)
		r = strncasecmp(t, *l, strlen(*l)) == 0;
	buf_free(&b);
	return r;
}

/* Returns 1 when a box inside the article looks like no part of it: junk class words, mostly
 * links, images without text, or nothing to read. A paragraph goes when it is furniture or a
 * short line of links (a related story, an invitation to another page). */
static int
boxy(xmlNode *n)
{
	const struct info *i = inf(n);
	enum kind k = html_kind(n);
	double d = density(n);
	int w = weight(n);

	if (k == K_P || k == K_BLOCK || k == K_H)
		if (isfurniture(n))
			return 1;
	if (k == K_P)
		return i->text >= 20 && i->text < 300 && i->imgs == 0 && (d > 0.9 ||
		    (d > 0.5 && promoted(n)));
	if (k != K_BLOCK && k != K_LIST && k != K_TABLE)
		return 0;
	if (k == K_TABLE && !html_layout(n))
		return 0;
	if (w < 0)
		return 1;
	/* A rail of teasers: headlines that are links, each over a paragraph of summary at most
	 * (a box that also holds the article has more paragraphs than that). */
	if (i->lheads >= 3 && i->lheads * 4 >= i->heads * 3 && i->ps <= i->lheads + 1)
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

/* Returns 1 when n is a photo gallery: its class or id words say so, and it holds pictures with
 * at most a few captions' worth of text each (1000 bytes a picture). */
static int
gallery(const xmlNode *n)
{
	static const char *const words[] = {"gallery", "slideshow", "carousel", NULL};
	const struct info *i = inf(n);
	char *ci;
	int r;

	if (i == NULL || i->imgs == 0 || i->text > 1000 * (size_t)i->imgs)
		return 0;
	ci = html_classid(n);
	r = html_contains(ci, words);

	free(ci);
	return r;
}

/* Removes the text below n and keeps its images: a gallery's captions come twice or three
 * times (full, cut short, in a control bar) between buttons. */
static void
strip(xmlNode *n)
{
	int up = 0;

	for (xmlNode *p = n; p;) {
		if (!up && (p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE)) {
			xmlNode *dead = p;
			up = 1;
			p = html_walk(n, p, &up);
			xmlUnlinkNode(dead);
			xmlFreeNode(dead);
			continue;
		}
		p = html_walk(n, p, &up);
	}
}

/* Removes boxes that look like no part of the article below root. */
void
html_prune(xmlNode *root)
{
	int up = 0;
	xmlNode *n = root;

	while (n) {
		if (!up && n != root && n->type == XML_ELEMENT_NODE && inf(n) && boxy(n)) {
			xmlNode *dead = n;
			up = 1;
			n = html_walk(root, n, &up);
			xmlUnlinkNode(dead);
			xmlFreeNode(dead);
			continue;
		}
		if (!up && n != root && n->type == XML_ELEMENT_NODE && gallery(n)) {
			strip(n);
			up = 1;
		}
		if (!up && (html_is(n, "pre") || html_is(n, "figure")))
			up = 1;
		n = html_walk(root, n, &up);
	}
}

/* Returns the parts of an article split over several containers of one kind: best and the
 * elements elsewhere on the page with its tag and class attribute that score as prose (a tenth
 * of its score or more, few links), in document order, none inside another. Sets *n to their
 * number (1 when best stands alone). Caller frees the array. */
xmlNode **
html_parts(xmlNode *root, xmlNode *best, size_t *n)
{
	const char *cls = html_attr(best, "class");
	xmlNode **v = xmalloc(sizeof(*v));
	size_t cap = 1;
	int up = 0;

	*n = 0;
	if (cls == NULL || *cls == '\0' || inf(best) == NULL) {
		v[(*n)++] = best;
		return v;
	}
	for (xmlNode *e = root; e; e = html_walk(root, e, &up)) {
		if (up || e->type != XML_ELEMENT_NODE)
			continue;
		int take = e == best;
		if (!take && inf(e) && inf(e)->scored && strcmp(html_tag(e), html_tag(best)) == 0 &&
		    html_attr(e, "class") && strcmp(html_attr(e, "class"), cls) == 0 &&
		    !html_within(best, e) && inf(e)->score >= fmax(5, 0.1 * inf(best)->score) &&
		    density(e) < 0.3)
			take = 1;
		if (!take)
			continue;
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = e;
		up = 1;         /* nothing inside a part is another part */
	}
	if (*n == 0)
		v[(*n)++] = best;
	return v;
}

/* Returns 1 when the squashed a starts with the squashed b, 20 bytes or more of it ending at a
 * word's end, ignoring ASCII case: a title cut short ("... to contract") of a longer headline. */
static int
prefixwords(const char *a, const char *b)
{
	char *x = strsquash(a), *y = strsquash(b);
	size_t n = strlen(y);
	int r = n >= 20 && strlen(x) > n && strncasecmp(x, y, n) == 0 && x[n] == ' ';

	free(x);
	free(y);
	return r;
}

/* Returns 1 when the element's text says the same words as the title or the title without
 * the site's name, or one is the other cut short. */
static int
istitle(const xmlNode *n, const char *title)
{
	char *t = html_textdup(n), *cut = html_cut_title(title);
	int r = t && (read_same_words(t, title) || read_same_words(t, cut) ||
	    prefixwords(t, title) || prefixwords(title, t));

	free(t);
	free(cut);
	return r;
}

void
html_cut_head(xmlNode *root, const char *title)
{
	xmlNode *h = NULL, *head = NULL;
	int up = 0;

	if (title == NULL)
		return;
	for (xmlNode *n = root; n && h == NULL; n = html_walk(root, n, &up))
		if (!up && n != root && (html_is(n, "h1") || html_is(n, "h2")) && istitle(n, title))
			h = n;
	if (h == NULL)
		return;
	/* The article's own header (kicker, headline, standfirst, byline, date) goes whole. */
	for (xmlNode *p = h; p && p != root; p = p->parent)
		if (html_is(p, "header"))
			head = p;
	if (head)
		h = head;
	/* So does what comes before the headline, but pictures. */
	for (xmlNode *p = h; p && p != root; p = p->parent) {
		for (xmlNode *s = p->prev, *prev; s; s = prev) {
			prev = s->prev;
			if (s->type == XML_ELEMENT_NODE && inf(s) && inf(s)->imgs > 0)
				continue;
			xmlUnlinkNode(s);
			xmlFreeNode(s);
		}
	}
	xmlUnlinkNode(h);
	xmlFreeNode(h);
}

/* ---- The JSON-LD articleBody as a check ------------------------------------------------ */

#define PROBES 8                /* places of the JSON-LD text looked for in the page */
#define PROBE_WORDS 6           /* words in each */

/* The page's text, squashed, with the text node each byte came from. */
struct pagetext {
	struct buf b;
	xmlNode **from;         /* b.len entries */
	size_t cap;
};

static void
pt_putc(struct pagetext *pt, int c, xmlNode *n)
{
	if (pt->b.len + 1 > pt->cap) {
		pt->cap = pt->cap ? 2 * pt->cap : 4096;
		pt->from = xrealloc(pt->from, pt->cap * sizeof(*pt->from));
	}
	pt->from[pt->b.len] = n;
	buf_putc(&pt->b, c);
}

/* Gathers the squashed text below root, a space at every element that is not inline. */
static void
pagetext(struct pagetext *pt, xmlNode *root)
{
	int up = 0;

	for (xmlNode *p = root; p; p = html_walk(root, p, &up)) {
		if (up)
			continue;
		if (p->type == XML_ELEMENT_NODE) {
			enum kind k = html_kind(p);
			if (k == K_DROP && p != root) {
				up = 1;
				continue;
			}
			if (k != K_INLINE && k != K_EM && k != K_STRONG && k != K_CODE && k != K_A &&
			    pt->b.len && pt->b.data[pt->b.len - 1] != ' ')
				pt_putc(pt, ' ', p);
			continue;
		}
		if (p->type != XML_TEXT_NODE && p->type != XML_CDATA_SECTION_NODE)
			continue;
		for (const char *s = (const char *)p->content; s && *s; s++) {
			if (!html_isws(*s))
				pt_putc(pt, *s, p);
			else if (pt->b.len && pt->b.data[pt->b.len - 1] != ' ')
				pt_putc(pt, ' ', p);
		}
	}
}

/* Returns 1 when n is inside what was chosen: root, or best and its siblings, or a part. */
static int
inchosen(const xmlNode *n, const xmlNode *root, const xmlNode *best, xmlNode **parts,
         size_t nparts)
{
	if (nparts > 1) {
		for (size_t i = 0; i < nparts; i++)
			if (html_within(n, parts[i]))
				return 1;
		return 0;
	}
	if (best && best->parent && best->parent->type == XML_ELEMENT_NODE) {
		for (const xmlNode *s = best->parent->children; s; s = s->next)
			if ((s == best || (s->type == XML_ELEMENT_NODE && html_belongs(s, best))) &&
			    html_within(n, s))
				return 1;
		return 0;
	}
	return html_within(n, root);
}

int
html_rescue(xmlNode *html, const char *body, xmlNode **root, xmlNode **best,
            xmlNode **parts, size_t nparts, size_t chosen)
{
	struct pagetext pt = {0};
	xmlNode *found[PROBES], *anc;
	size_t nw = 0, nfound = 0, inside = 0, len;
	const char *w[4096];
	int rc = 0;

	if (body == NULL || (len = strlen(body)) < SHORT_LD)
		return 0;
	/* The words' starts (the text is squashed: one space between words). */
	for (const char *s = body; *s && nw < sizeof(w) / sizeof(w[0]); s++)
		if (s == body || s[-1] == ' ')
			w[nw++] = s;
	if (nw < PROBES * PROBE_WORDS)
		return 0;
	pagetext(&pt, html);
	buf_putc(&pt.b, '\0');
	pt.b.len--;
	for (int k = 0; k < PROBES; k++) {
		size_t at = (size_t)k * (nw - PROBE_WORDS) / (PROBES - 1);
		const char *from = w[at];
		const char *to = at + PROBE_WORDS < nw ? w[at + PROBE_WORDS] - 1 : body + len;
		char *probe = xstrndup(from, (size_t)(to - from));
		const char *hit = strstr(buf_str(&pt.b), probe);
		free(probe);
		if (hit == NULL)
			continue;
		found[nfound] = pt.from[hit - pt.b.data];
		inside += inchosen(found[nfound], *root, *best, parts, nparts);
		nfound++;
	}
	/* Only when the page shows the text: the element that holds it all replaces a choice that
	 * holds under half of it, or one that holds it and more than as much again (comments). */
	anc = nfound >= PROBES / 2 ? found[0]->parent : NULL;
	for (size_t i = 1; i < nfound && anc; i++)
		while (anc && !html_within(found[i], anc))
			anc = anc->parent;
	if (anc && anc->type == XML_ELEMENT_NODE) {
		size_t t = html_text_len(anc);
		if (inside * 2 < nfound || (inside == nfound && chosen > 2 * len &&
		    t * 10 >= len * 8 && t * 4 < chosen * 3)) {
			*root = anc;
			*best = NULL;
			rc = 1;
		}
	}
	buf_free(&pt.b);
	free(pt.from);
	return rc;
}

/* Returns 1 when a paragraph sibling of the best candidate reads like part of the article. */
int
html_belongs(const xmlNode *s, const xmlNode *best)
{
	const struct info *i = inf(s);
	double d = density(s), limit = fmax(10, inf(best)->score * 0.2);
	double bonus = 0;
	const char *c1 = html_attr(s, "class"), *c2 = html_attr(best, "class");

	if (c1 && c2 && *c1 && strcmp(c1, c2) == 0)
		bonus = inf(best)->score * 0.2;
	if (i->scored && i->score + bonus >= limit)
		return 1;
	if (html_kind(s) != K_P)
		return 0;
	if (i->text > 80 && d < 0.25)
		return 1;
	if (i->text > 0 && d == 0) {
		/* A short paragraph that ends a sentence. */
		struct buf b = {0};
		html_text_of(&b, s);
		const char *t = buf_str(&b);
		size_t n = b.len;
		while (n > 0 && html_isws(t[n - 1]))
			n--;
		int ok = n > 0 && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
		buf_free(&b);
		return ok;
	}
	return 0;
}

