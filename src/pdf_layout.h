/* Pagination: the pure rules that cut a column of boxes into pages, with no Pango or Cairo. */
#ifndef QUIRE_PDF_LAYOUT_H
#define QUIRE_PDF_LAYOUT_H

#include <stddef.h>

/*
 * The PDF writer turns an article into a flow of boxes: one per line of text, one per figure,
 * table row or rule. Pagination only sees their heights and keep flags, so the rules (widows,
 * orphans, headings kept with what follows, figures floated down) can be tested without drawing.
 */

/* One unbreakable piece of the flow. */
struct layout_box {
	double height;          /* what the box occupies, in points */
	double space_before;    /* gap above it; dropped when the box starts a page */
	unsigned keep_next : 1; /* no page break between this box and the next one in the flow */
	unsigned floating : 1;  /* may move down past later boxes to the next page (figures) */
	unsigned new_page : 1;  /* must start a page (an article's first box) */
	unsigned span : 1;      /* with two columns: set across both (a title, a wide figure) */
	unsigned hyphen : 1;    /* a line ending in a hyphen: a page or column had better not
	                         * end with it (TeX's \brokenpenalty) */
	unsigned inside : 1;    /* inside a list or quote: no float is put just above it */
};

/* Where a box went. */
struct layout_place {
	int page;               /* page number, as counted by struct layout_state */
	double y;               /* the box's top below the top of the text block */
	int overfull;           /* 1: taller than the text block; alone on its page, to be clipped */
	int col;                /* with two columns: 0 the first, 1 the second (a spanning box: 0) */
	double band;            /* with two columns: the top of the columns it is in, or its own y
	                         * when it spans them; pages are read by band, column, then y */
};

/* Where the flow stands: carried from one article to the next (articles may run on). */
struct layout_state {
	int page;               /* the current page */
	double y;               /* height used on it */
	int used;               /* 1 once anything is on the current page (with two columns: in
	                         * the current column, or above it) */
	double after;           /* space owed below a float at the top of the page */
	int col;                /* with two columns: the current column */
	double top;             /* with two columns: where the columns start on the current page,
	                         * below what spans them */
	int region;             /* with two columns: the columns below top hold boxes of an
	                         * earlier call, which balancing leaves where they are */
};

/* Places the n boxes of b into pages of text block height block_h, starting where st stands and
 * leaving st after the last box; out (n entries, caller's) gets each box's place. A box that does
 * not fit goes to the next page, together with the boxes before it that keep with it (unless that
 * would empty the page: then the keep is broken). A floating box that does not fit waits for the
 * top of the next page while later boxes fill the current one; floats still waiting at the end
 * get pages of their own. A box taller than block_h is put alone on a page and marked overfull. */
void layout_paginate(const struct layout_box *b, size_t n, double block_h,
                     struct layout_state *st, struct layout_place *out);

/* Places the n boxes of b as layout_paginate does, but in two columns of each page's text block
 * of height block_h: down the first column, then the second. A box marked span is set across
 * both: a non-floating one where the columns so far are balanced, a floating one (a wide figure)
 * at the top of a page, above the columns. Keeps, widows and orphans hold in each column; a
 * float waits for the top of the next column. When balance is 1 (an article's last piece), the
 * two columns of the last page are balanced at the end and st stands below them, in the first
 * column, for a run-on article. */
void layout_paginate_cols(const struct layout_box *b, size_t n, double block_h, int balance,
                          struct layout_state *st, struct layout_place *out);

/* Where a page breaking before box j had better break, given that first is the first box of the
 * page (-1: all of b may move): when box j - 1 would end the page with the first half of a
 * hyphenated word, before that line and the lines it keeps with (three lines at most), when the
 * line before them may end the page; else j. */
size_t layout_hyphen_break(const struct layout_box *b, size_t j, long first);

/* Sets the keep flags of the n line boxes of one paragraph so that neither its first line
 * (orphan) nor its last (widow) stands alone on a page. Other flags are left as they are. */
void layout_keep_lines(struct layout_box *b, size_t n);

#endif
