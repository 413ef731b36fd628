/* Pagination: the pure rules that cut a column of boxes into pages, with no Pango or Cairo. */
#include <stdlib.h>

#include "pdf_layout.h"
#include "util.h"

/* Rounding slack, in points: a box that overshoots by less still fits. */
#define SLACK 0.01

/* The most lines a page gives up so as not to end with a hyphenated word's first half. */
#define HYPHEN_LINES 3

/* The paginator's working state for one call. */
struct pager {
	const struct layout_box *b;
	struct layout_place *out;
	struct layout_state *st;
	double block_h;
	size_t *queue;          /* floats waiting for the next page, in flow order */
	size_t qhead, qtail;
	long first;             /* first flow box placed on the current page; -1: boxes placed
	                           before this call are on it */
	int has_first;          /* 0 while the page holds only floats, or nothing */
	int blocked;            /* the floats waiting were kept from the page's top: the page
	                           starts inside a list or quote */
};

/* The gap above box x placed below what the page holds: its own, and at least the space a
 * float placed just before it is owed below (a figure moved to the top of a page keeps its
 * distance from the text under it). */
static double
gap_above(const struct layout_state *st, const struct layout_box *x)
{
	if (!st->used)
		return 0;
	return st->after > x->space_before ? st->after : x->space_before;
}

/* Puts box i at the current position. */
static void
place(struct pager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];
	double gap = gap_above(p->st, x);

	p->out[i].page = p->st->page;
	p->out[i].y = p->st->y + gap;
	p->out[i].overfull = x->height > p->block_h + SLACK;
	p->out[i].col = 0;
	p->out[i].band = 0;
	p->st->y += gap + x->height;
	p->st->used = 1;
	p->st->after = x->floating ? x->space_before : 0;
}

/* Does box i fit below what the page holds? */
static int
fits(const struct pager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];
	double gap = gap_above(p->st, x);

	return p->st->y + gap + x->height <= p->block_h + SLACK;
}

/* Is box i a float still waiting in the queue? */
static int
waiting(const struct pager *p, size_t i)
{
	for (size_t k = p->qhead; k < p->qtail; k++)
		if (p->queue[k] == i)
			return 1;
	return 0;
}

/* Puts waiting floats at the current position, as many as fit (at least one when the page is
 * empty). */
static void
put_floats(struct pager *p)
{
	while (p->qhead < p->qtail) {
		size_t f = p->queue[p->qhead];
		if (p->st->used && !fits(p, f))
			break;
		place(p, f);
		p->qhead++;
	}
	p->blocked = 0;
}

/* Starts a page and puts waiting floats at its top, unless the flow goes on there with box next
 * inside a list or quote: a figure is not put between the items of a list, but waits for the
 * list's end on that page, or the next page's top. */
static void
new_page(struct pager *p, size_t next, size_t n)
{
	p->st->page++;
	p->st->y = 0;
	p->st->used = 0;
	p->st->after = 0;
	p->has_first = 0;
	p->blocked = p->qhead < p->qtail && next < n && p->b[next].inside;
	if (!p->blocked)
		put_floats(p);
}

size_t
layout_hyphen_break(const struct layout_box *b, size_t j, long first)
{
	size_t lines = 0;

	/* The page would end with box j - 1, the first half of a hyphenated word: end it a few
	 * lines earlier (HYPHEN_LINES at most), after a line that does not end in a hyphen and
	 * may end a page (not a paragraph's first line: no orphan), leaving a box on the page.
	 * Floats are stepped over: they are placed on their own. */
	if (j < 2 || !b[j - 1].hyphen || b[j - 1].floating)
		return j;
	for (size_t k = j - 1; k > 0 && (long)k - 1 > first; k--) {
		if (b[k - 1].floating)
			continue;
		if (++lines > HYPHEN_LINES)
			break;
		if (!b[k - 1].keep_next && !b[k - 1].hyphen) {
			/* Break before k, or before the floats just above it. */
			while (k < j && b[k].floating)
				k++;
			return k;
		}
	}
	return j;
}

void
layout_paginate(const struct layout_box *b, size_t n, double block_h,
                struct layout_state *st, struct layout_place *out)
{
	struct pager p = {.b = b, .out = out, .st = st, .block_h = block_h};
	size_t i = 0;

	p.queue = xmalloc((n ? n : 1) * sizeof(*p.queue));
	/* Boxes of an earlier call (an article run on) are on the page: ours may all move. */
	p.first = -1;
	p.has_first = st->used;
	while (i < n) {
		const struct layout_box *x = &b[i];
		if (x->new_page && st->used)
			new_page(&p, i, n);
		/* Floats kept from the page's top go in where the list or quote has ended. */
		if (p.blocked && !x->inside && !x->floating && st->used) {
			size_t before = p.qhead;
			while (p.qhead < p.qtail && fits(&p, p.queue[p.qhead]))
				place(&p, p.queue[p.qhead++]);
			if (p.qhead > before || p.qhead == p.qtail)
				p.blocked = 0;
		}
		/* Floats keep their order: once one waits, the later ones wait too. */
		if (x->floating && p.qhead < p.qtail && st->used) {
			p.queue[p.qtail++] = i++;
			continue;
		}
		if (fits(&p, i) || !st->used) {
			place(&p, i);
			if (!p.has_first && !x->floating) {
				p.first = (long)i;
				p.has_first = 1;
			}
			i++;
			continue;
		}
		if (x->floating) {
			p.queue[p.qtail++] = i++;
			continue;
		}
		/* Break before i, or before the boxes that keep with it. Waiting floats are not in
		 * the flow here and are stepped over. */
		size_t j = i;
		while (p.has_first && j > 0 && (long)j > p.first) {
			if (waiting(&p, j - 1)) {
				j--;
				continue;
			}
			if (!b[j - 1].keep_next)
				break;
			j--;
		}
		while (j < i && waiting(&p, j))
			j++;
		if (p.has_first)
			j = layout_hyphen_break(b, j, p.first);
		if (p.has_first && (long)j > p.first && j < i) {
			/* Boxes j..i-1 go to the next page; floats among them will be met again. */
			while (p.qtail > p.qhead && p.queue[p.qtail - 1] >= j)
				p.qtail--;
			i = j;
		}
		new_page(&p, i, n);
	}
	while (p.qhead < p.qtail)
		new_page(&p, n, n);
	free(p.queue);
}

void
layout_keep_lines(struct layout_box *b, size_t n)
{
	if (n < 2)
		return;
	/* The first line keeps with the second: no orphan. */
	b[0].keep_next = 1;
	/* The last but one keeps with the last: no widow. */
	b[n - 2].keep_next = 1;
}
