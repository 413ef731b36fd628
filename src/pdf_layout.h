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
};

/* Where a box went. */
struct layout_place {
	int page;               /* page number, as counted by struct layout_state */
	double y;               /* the box's top below the top of the text block */
	int overfull;           /* 1: taller than the text block; alone on its page, to be clipped */
};

/* Where the flow stands: carried from one article to the next (articles may run on). */
struct layout_state {
	int page;               /* the current page */
	double y;               /* height used on it */
	int used;               /* 1 once anything is on the current page */
};

/* Places the n boxes of b into pages of text block height block_h, starting where st stands and
 * leaving st after the last box; out (n entries, caller's) gets each box's place. A box that does
 * not fit goes to the next page, together with the boxes before it that keep with it (unless that
 * would empty the page: then the keep is broken). A floating box that does not fit waits for the
 * top of the next page while later boxes fill the current one; floats still waiting at the end
 * get pages of their own. A box taller than block_h is put alone on a page and marked overfull. */
void layout_paginate(const struct layout_box *b, size_t n, double block_h,
                     struct layout_state *st, struct layout_place *out);

/* Sets the keep flags of the n line boxes of one paragraph so that neither its first line
 * (orphan) nor its last (widow) stands alone on a page. Other flags are left as they are. */
void layout_keep_lines(struct layout_box *b, size_t n);

#endif
