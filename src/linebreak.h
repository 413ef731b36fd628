/* Line breaking: Knuth and Plass's total-fit algorithm over boxes, glue and penalties, with no
 * Pango or Cairo, so that its rules can be tested on their own. */
#ifndef QUIRE_LINEBREAK_H
#define QUIRE_LINEBREAK_H

#include <stddef.h>

/*
 * pdf_set.c turns a paragraph into items: a box per stretch of text that cannot be broken,
 * glue per space, a penalty per place where a line may end inside a word (a hyphenation point,
 * after a hyphen, or anywhere as a last resort). linebreak() chooses the breaks that make the
 * whole paragraph best: the sum over its lines of their demerits, which grow with how far each
 * line's spaces are stretched or shrunk, with the penalties of the breaks used, with hyphens on
 * consecutive lines and with a loose line next to a tight one. The end of the paragraph is a
 * forced break after glue that fills the last line.
 */

/* A penalty this high forbids a break; this low forces one. Also the badness of a line that
 * cannot be filled at all. */
#define LB_INF 10000

enum lb_kind {
	LB_BOX = 0,             /* text: width only */
	LB_GLUE,                /* a space: width, stretch and shrink; a break discards it */
	LB_PENALTY              /* a possible break inside text */
};

struct lb_item {
	enum lb_kind kind;
	double width;           /* natural width; PENALTY: the width added when broken (a hyphen) */
	double stretch, shrink; /* GLUE: how much wider or narrower it may become */
	int penalty;            /* PENALTY: the cost of breaking here, -LB_INF..LB_INF */
	unsigned flagged : 1;   /* PENALTY: the line ends with a hyphen */
	unsigned nobreak : 1;   /* GLUE: no break here (a no-break space) */
};

/* How a paragraph is broken. */
struct lb_params {
	double width;           /* the measure */
	double first_width;     /* the first line's measure (the measure less the indent) */
	double tolerance;       /* the worst badness accepted, 0..LB_INF: LB_INF accepts any line
	                         * that is not overfull */
	double ragged;          /* stretch at the end of every line: 0 for justified text, some
	                         * ems for ragged text (whose spaces have no stretch) */
	int line_penalty;       /* added to every line's badness, so that fewer lines are better */
	int flagged_demerits;   /* two hyphenated lines in a row */
	int fitness_demerits;   /* a very loose line next to a tight one and the like */
	int final_hyphen_demerits; /* the last line but one ends with a hyphen */
	int force;              /* never fail: a box wider than the measure gets an overfull line
	                         * of its own */
};

/* Sets p to TeX's defaults for measure width (first line first_width) and the tolerance. */
void linebreak_defaults(struct lb_params *p, double width, double first_width, double tolerance);

/* Scratch memory kept from paragraph to paragraph. Zero it before first use. */
struct lb_scratch {
	struct lb_node *nodes;
	size_t nnodes, capnodes;
};

/* Chooses the breaks of the n items. Writes to out (the caller's, room for n + 1) the index of
 * the item each line ends at, in order; the last line ends at index n, the paragraph's end. A
 * line that ends at glue excludes it; one that ends at a penalty includes its width. Returns
 * the number of lines, or 0 when no choice of breaks keeps every line within the tolerance and
 * not overfull (never with force). */
size_t linebreak(const struct lb_item *items, size_t n, const struct lb_params *p,
                 struct lb_scratch *s, size_t *out);

/* Chooses breaks one line at a time, each line ending at the last break that fits (shrinking
 * its glue if need be), or at the first break after a box wider than the measure. Time and
 * memory stay linear however long the paragraph, for paragraphs too long for linebreak() (a
 * hostile file's megabyte without a newline). Writes and returns as linebreak() does, and
 * never fails. */
size_t linebreak_first_fit(const struct lb_item *items, size_t n, const struct lb_params *p,
                           size_t *out);

/* Frees the scratch memory. */
void linebreak_free(struct lb_scratch *s);

#endif
