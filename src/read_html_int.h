/* The HTML reader's private declarations, shared by read_html*.c and by no other file. */
#ifndef QUIRE_READ_HTML_INT_H
#define QUIRE_READ_HTML_INT_H

#include <stddef.h>
#include <string.h>

#include <libxml/tree.h>

#include "read.h"

/*
 * The reader is cut by what each part does to libxml2's tree:
 * read_html.c         the entry points, parsing, charsets, the element table and DOM helpers;
 * read_html_meta.c    JSON-LD and the head's metadata into the article's fields;
 * read_html_lazy.c    lazy-loaded images given their real source;
 * read_html_clean.c   removing what is never content;
 * read_html_extract.c scoring what is left and choosing the article's element;
 * read_html_convert.c that element into model nodes;
 * read_html_tidy.c    repairs of the model once it is built.
 */

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
	char *ld_body;          /* JSON-LD articleBody, squashed */
	char **ld_authors;
	size_t nld_authors;
};

/* What the scorer knows about one element (read_html_extract.c). */
struct info;
/* One conversion from libxml2's tree into model nodes (read_html_convert.c). */
struct conv;

/* ---- read_html.c: the element table and DOM helpers ------------------------------------- */

/* Returns 1 for HTML white space: space, tab, line feed, carriage return and form feed (not
 * the vertical tab, which HTML does not count as space). */
static inline int
html_isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Returns n's tag name when it is an element (else ""). */
static inline const char *
html_tag(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

/* Returns 1 when n is an element named name. */
static inline int
html_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/*
 * Walks below root in document order. Call with *up = 0 on root; each step returns the next
 * node: *up = 0 means it is entered (its children follow), *up = 1 means all its children are
 * done. Leaves and skipped elements come once, with *up = 0; to skip an element's children, set
 * *up = 1 before the next step.
 */
static inline xmlNode *
html_walk(const xmlNode *root, xmlNode *n, int *up)
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

/* Returns how the converter treats element n (K_INLINE for unknown names). */
enum kind html_kind(const xmlNode *n);
/* Returns the attribute's value without copying (libxml2 keeps it as one text child), "" when
 * it is not plain text, or NULL when n has no such attribute or is no element. */
const char *html_attr(const xmlNode *n, const char *name);
/* Returns 1 when the space-separated list s (may be NULL) holds word, ignoring case. */
int html_hasword(const char *s, const char *word);
/* Steps through the white-space separated tokens of an attribute value: returns the next token
 * at or after *s and sets *len to its length and *s past it, or returns NULL at the end. */
const char *html_token(const char **s, size_t *len);
/* Returns n's source line, or 0 when libxml2 does not know it. */
unsigned html_line(const xmlNode *n);
/* Appends the collapsed text below n to b (one space for each run of white space), leaving out
 * dropped elements. */
void html_text_of(struct buf *b, const xmlNode *n);
/* Returns the squashed text below n, or NULL when there is none. Caller frees. */
char *html_textdup(const xmlNode *n);
/* Returns a squashed copy of s, or NULL when it is NULL or blank. Caller frees. */
char *html_squash(const char *s);

/* ---- read_html_meta.c ------------------------------------------------------------------- */

/* Gathers <meta>, <title>, <link rel=canonical>, <time> and JSON-LD from the whole document
 * below root into m (zeroed by the caller, freed with html_meta_free). */
void html_meta_gather(struct meta *m, xmlNode *root);
/* Fills a's title, authors, date, source, lang, dir and summary from m and the <html> element. */
void html_meta_apply(struct article *a, const struct meta *m, xmlNode *html);
/* Frees what m holds (not m itself). */
void html_meta_free(struct meta *m);
/* Adds s as an author of a, without a leading "By ", unless it is blank, a URL, too long or
 * already there. a owns the copy. */
void html_add_author(struct article *a, const char *s);
/* Cuts a site name off a document title: the part after the last " | ", " - ", " – ", " — ",
 * " :: ", " » " or " / ", when what stays has three words or more. Caller frees. */
char *html_cut_title(const char *t);
/* Maps a dir attribute's value (may be NULL) to a direction. */
enum dir html_dir(const char *s);

/* ---- read_html_lazy.c ------------------------------------------------------------------- */

/* Makes lazy-loaded images below root plain ones: each placeholder src gets the real source its
 * loader keeps (data-src and kin, else the biggest candidate of a srcset), and a <noscript>
 * copy of a picture takes the place of the stand-in before it. */
void html_lazy(xmlNode *root);

/* ---- read_html_clean.c ------------------------------------------------------------------ */

/* Returns 1 when the lower-cased string s contains one of words (NULL-terminated) as a
 * substring. */
int html_contains(const char *s, const char *const *words);
/* Returns 1 when n and what is below it are at most limit nodes: a bound on the walks made for
 * one element among many, so that hostile nesting cannot make them quadratic. */
int html_small(xmlNode *n, int limit);
/* Returns the lower-cased class and id of n, space-separated. Caller frees. */
char *html_classid(const xmlNode *n);
/* Removes what is never content below root: dropped elements, hidden ones, and unlikely boxes
 * (by their role, and when strict by their class and id words) that do not hold an <article>,
 * <main> or articleBody. The first byline on the way goes too; its text is put in *by (caller
 * frees) unless by is NULL. */
void html_clean(xmlNode *root, char **by, int strict);

/* ---- read_html_extract.c ---------------------------------------------------------------- */

/* Hangs a struct info on every element below root (on _private) and sums text, link text and
 * commas. Returns the array that holds them all; the caller frees it after the last use. */
struct info *html_measure(xmlNode *root);
/* Scores every element below root (measured) by the paragraphs it holds and returns the best
 * one, or NULL. */
xmlNode *html_score(xmlNode *root);
/* Picks the measured semantic container with the most plain text: articleBody, else
 * <article>, else <main>. Returns NULL when none holds 200 bytes of it. */
xmlNode *html_container(xmlNode *root);
/* Returns 1 when anc is n or one of its ancestors. */
int html_within(const xmlNode *n, const xmlNode *anc);
/* Returns the collapsed text below a measured element, in bytes. */
size_t html_text_len(const xmlNode *n);
/* Returns the text of a measured element that is not in links. */
size_t html_plain(const xmlNode *n);
/* Removes boxes below the measured root that look like no part of the article. */
void html_prune(xmlNode *root);
/* Returns the parts of an article split over several containers: best and the elements below
 * root with its tag and class that score as prose, in document order, none inside another, and
 * sets *n to their number (at least 1). Caller frees the array, not the nodes. */
xmlNode **html_parts(xmlNode *root, xmlNode *best, size_t *n);
/* Removes from the measured root the first h1 or h2 that repeats the title (may be NULL), with
 * the <header> that holds it and everything before it but pictures: the kicker, the headline,
 * the standfirst and the date line are the article's metadata, not its text. */
void html_cut_head(xmlNode *root, const char *title);
/* When the page's JSON-LD gives the article's text (body, squashed; may be NULL) and the page
 * shows it, but under half of it is inside the chosen element (*root, or best and its siblings,
 * or the nparts parts, holding chosen bytes of text), or all of it with as much again beside,
 * sets *root to the nearest element that holds what of that text the page shows, and *best to
 * NULL. Returns 1 then, else 0. */
int html_rescue(xmlNode *html, const char *body, xmlNode **root, xmlNode **best,
                xmlNode **parts, size_t nparts, size_t chosen);
/* Returns 1 when s, a sibling of the best candidate, reads like part of the article. */
int html_belongs(const xmlNode *s, const xmlNode *best);

/* ---- read_html_convert.c ---------------------------------------------------------------- */

/* Returns a converter that appends to a->body (set by the caller). Free with html_conv_free. */
struct conv *html_conv_new(const struct read_ctx *ctx, struct article *a, const char *label);
/* Converts root and everything below it into the model at the converter's current state. */
void html_convert(struct conv *c, xmlNode *root);
/* Frees a converter (not what it built). Accepts NULL. */
void html_conv_free(struct conv *c);
/* Returns 1 when a table lays out a page rather than holding data: it nests tables or holds
 * headings, quotes, code or figures, or is a single cell. */
int html_layout(xmlNode *t);

/* ---- read_html_tidy.c ------------------------------------------------------------------- */

/* Repairs the whole body bottom-up (empty containers go, paragraphs are trimmed, text nodes
 * merged), then numbers heading levels from 1 without gaps. */
void html_tidy(struct node *body);
/* Drops paragraphs and captions that repeat an earlier one word for word, or that are an
 * earlier one cut short with an ellipsis (a slideshow's or a teaser's copies). */
void html_dedup(struct node *body);
/* Drops a heading at the start of a's body that repeats the title. */
void html_droptitle(struct article *a);

#endif
