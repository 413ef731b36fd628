/* Pagination in two columns: the rules of pdf_layout.c for each column, boxes across both, and
 * the columns of an article's last page balanced. No Pango or Cairo. */
#include <stdlib.h>

#include "pdf_layout.h"
#include "util.h"

/* Rounding slack, in points, as in pdf_layout.c. */
#define SLACK 0.01

/* The most boxes after a spanning head that must fit below it on its page (its first lines). */
#define HEAD_FOLLOW 6

/* A balanced split's extra cost, in points (about a line), when the first column would end with
 * the first half of a hyphenated word. */
#define HYPHEN_COST 14.0

/* The paginator's working state for one call. */
struct cpager {
	const struct layout_box *b;
	size_t n;
	struct layout_place *out;
	struct layout_state *st;
	double block_h;
	size_t *queue;          /* floats waiting, in flow order */
	size_t qhead, qtail;
	long first;             /* first flow box placed in the current column; -1: boxes placed
	                           before this call are in it */
	int has_first;          /* 0 while the column holds only floats, or nothing */
	int blocked;            /* the floats waiting were kept from the column's top: it starts
	                           inside a list or quote */
	size_t in_region;       /* boxes of this call placed in the columns below st->top */
	double top_gap;         /* the gap below what spans the columns: the first box of each
	                           column has at least this much above it */
	size_t *seq;            /* scratch for balancing: n entries */
};

/* Has the current page anything on it? */
static int
page_used(const struct layout_state *st)
{
	return st->used || st->col > 0 || st->top > 0;
}

/* The gap above box x at the current position of its column. */
static double
gap_above(const struct cpager *p, const struct layout_box *x)
{
	double g = x->space_before;
	const struct layout_state *st = p->st;

	if (!st->used)
		return 0;
	if (st->after > g)
		g = st->after;
	/* The first box of a column under what spans both. */
	if (st->y <= st->top + SLACK && st->top > 0 && p->top_gap > g)
		g = p->top_gap;
	return g;
}

static int
fits(const struct cpager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];

	return p->st->y + gap_above(p, x) + x->height <= p->block_h + SLACK;
}

/* Puts box i at the current position of the current column. */
static void
place(struct cpager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];
	struct layout_state *st = p->st;
	double gap = gap_above(p, x);

	/* The first box under a head gives the gap the other column's first box gets. */
	if (st->col == 0 && st->y <= st->top + SLACK && st->top > 0 && gap > p->top_gap)
		p->top_gap = gap;
	p->out[i].page = st->page;
	p->out[i].y = st->y + gap;
	p->out[i].col = st->col;
	p->out[i].band = st->top;
	p->out[i].overfull = x->height > p->block_h - st->top + SLACK;
	st->y += gap + x->height;
	st->used = 1;
	st->after = x->floating ? x->space_before : 0;
	p->in_region++;
}

/* Puts box i across both columns at the top of the columns, which hold nothing yet, and moves
 * their top below it. */
static void
place_span(struct cpager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];
	struct layout_state *st = p->st;
	double gap = 0;

	if (page_used(st))
		gap = st->after > x->space_before ? st->after : x->space_before;
	p->out[i].page = st->page;
	p->out[i].y = st->top + gap;
	p->out[i].col = 0;
	p->out[i].band = st->top + gap;
	p->out[i].overfull = x->height > p->block_h + SLACK;
	st->top += gap + x->height;
	st->y = st->top;
	st->col = 0;
	st->used = 1;
	st->after = x->floating ? x->space_before : 0;
	p->top_gap = st->after;
	p->has_first = 0;
}

/* Does spanning box i fit at the top of the columns? */
static int
fits_span(const struct cpager *p, size_t i)
{
	const struct layout_box *x = &p->b[i];
	double gap = page_used(p->st) ? (p->st->after > x->space_before ? p->st->after :
	    x->space_before) : 0;

	return p->st->top + gap + x->height <= p->block_h + SLACK;
}

/* Are the columns below the top still empty? */
static int
columns_empty(const struct cpager *p)
{
	return p->st->col == 0 && p->in_region == 0 && !p->st->region;
}

static int
waiting(const struct cpager *p, size_t i)
{
	for (size_t k = p->qhead; k < p->qtail; k++)
		if (p->queue[k] == i)
			return 1;
	return 0;
}

/* Puts the floats at the queue's head that fit the current column there; a wide one only while
 * the columns are empty (above them). One at least when the column is empty. */
static void
put_floats(struct cpager *p)
{
	while (p->qhead < p->qtail) {
		size_t f = p->queue[p->qhead];
		if (p->b[f].span) {
			if (!columns_empty(p) || (page_used(p->st) && !fits_span(p, f)))
				break;
			place_span(p, f);
		} else {
			if (p->st->used && !fits(p, f))
				break;
			place(p, f);
		}
		p->qhead++;
	}
	p->blocked = 0;
}

/* Starts a page: waiting floats go at its top (wide ones across it), unless the flow goes on
 * there, with box next, inside a list or quote. */
static void
new_page(struct cpager *p, size_t next)
{
	struct layout_state *st = p->st;

	st->page++;
	st->col = 0;
	st->top = 0;
	st->y = 0;
	st->used = 0;
	st->after = 0;
	st->region = 0;
	p->in_region = 0;
	p->top_gap = 0;
	p->has_first = 0;
	p->blocked = p->qhead < p->qtail && next < p->n && p->b[next].inside &&
	    !p->b[p->queue[p->qhead]].span;
	if (!p->blocked)
		put_floats(p);
}

/* Moves to the next column: the second of the page, or the first of the next page. */
static void
new_column(struct cpager *p, size_t next)
{
	struct layout_state *st = p->st;

	if (st->col == 1) {
		new_page(p, next);
		return;
	}
	st->col = 1;
	st->y = st->top;
	st->used = st->top > 0;
	st->after = 0;
	p->has_first = 0;
	/* Only narrow floats go at the top of a second column. */
	p->blocked = p->qhead < p->qtail && next < p->n && p->b[next].inside;
	if (!p->blocked && p->qhead < p->qtail && !p->b[p->queue[p->qhead]].span)
		put_floats(p);
}

/* The height the boxes seq[from, to) take stacked in a column under the top (top_used: something
 * spans the columns above them). */
static double
stack(const struct cpager *p, size_t from, size_t to, int top_used)
{
	double h = 0, after = 0;

	for (size_t k = from; k < to; k++) {
		const struct layout_box *x = &p->b[p->seq[k]];
		double g = x->space_before > after ? x->space_before : after;
		if (k == from)
			g = top_used ? (g > p->top_gap ? g : p->top_gap) : 0;
		h += g + x->height;
		after = x->floating ? x->space_before : 0;
	}
	return h;
}

/* Stacks seq[from, to) in column col from the top. */
static void
restack(struct cpager *p, size_t from, size_t to, int col, int top_used)
{
	double y = p->st->top, after = 0;

	for (size_t k = from; k < to; k++) {
		size_t i = p->seq[k];
		const struct layout_box *x = &p->b[i];
		double g = x->space_before > after ? x->space_before : after;
		if (k == from)
			g = top_used ? (g > p->top_gap ? g : p->top_gap) : 0;
		p->out[i].y = y + g;
		p->out[i].col = col;
		y += g + x->height;
		after = x->floating ? x->space_before : 0;
	}
}

/* Is place a above place b: in an earlier column, or higher in the same? */
static int
before(const struct layout_place *a, const struct layout_place *b)
{
	return a->col != b->col ? a->col < b->col : a->y < b->y;
}

/* Orders the m boxes of seq by column, then by height on the page (an insertion sort: a page
 * holds few boxes, mostly in order already). */
static void
sort_seq(struct cpager *p, size_t m)
{
	for (size_t k = 1; k < m; k++) {
		size_t v = p->seq[k], j = k;
		while (j > 0 && before(&p->out[v], &p->out[p->seq[j - 1]])) {
			p->seq[j] = p->seq[j - 1];
			j--;
		}
		p->seq[j] = v;
	}
}

/* Balances the columns of the current page below the top, holding the boxes of this call
 * placed there (up to box end), and returns where the longer ends. When commit, the boxes move
 * and the columns are closed: what comes next starts below them, in the first column. Boxes of
 * an earlier call there stay where they are; the columns are only closed. */
static double
balance(struct cpager *p, size_t end, int commit)
{
	struct layout_state *st = p->st;
	size_t m = 0, best = 0;
	int top_used = st->top > 0, found = 0;
	double avail = p->block_h - st->top, best_cost = 0, bottom, after = 0;

	if (p->in_region == 0 && !st->region)
		return st->col == 0 ? st->y : st->top;
	if (st->region) {
		/* The first column's foot is not known here: go on below what there is. */
		bottom = st->col == 0 ? st->y : p->block_h;
		goto close;
	}
	for (size_t i = 0; i < end; i++)
		if (p->out[i].page == st->page && !p->b[i].span && !waiting(p, i) &&
		    p->out[i].y + SLACK >= st->top)
			p->seq[m++] = i;
	sort_seq(p, m);
	/* The first column takes seq[0, k), the second the rest: the k whose longer column is
	 * shortest, not breaking a keep, the first column rather the longer. */
	for (size_t k = 1; k <= m; k++) {
		const struct layout_box *last = &p->b[p->seq[k - 1]];
		if (k < m && last->keep_next)
			continue;
		double h0 = stack(p, 0, k, top_used), h1 = stack(p, k, m, top_used);
		if (h0 > avail + SLACK || h1 > avail + SLACK)
			continue;
		double cost = (h0 > h1 ? h0 : h1) + (k < m && last->hyphen ? HYPHEN_COST : 0) +
		    (h1 > h0 + SLACK ? 0.01 : 0);
		if (!found || cost < best_cost - 1e-9) {
			found = 1;
			best = k;
			best_cost = cost;
		}
	}
	if (!found) {
		/* As the columns were filled. */
		bottom = st->top;
		for (size_t k = 0; k < m; k++) {
			const struct layout_place *o = &p->out[p->seq[k]];
			if (o->y + p->b[p->seq[k]].height > bottom)
				bottom = o->y + p->b[p->seq[k]].height;
		}
	} else {
		double h0 = stack(p, 0, best, top_used), h1 = stack(p, best, m, top_used);
		bottom = st->top + (h0 > h1 ? h0 : h1);
		if (commit) {
			restack(p, 0, best, 0, top_used);
			restack(p, best, m, 1, top_used);
		}
	}
	/* A float ending a column keeps its space below. */
	for (size_t k = 0; k < m; k++)
		if ((k + 1 == m || (found && k + 1 == best)) && p->b[p->seq[k]].floating &&
		    p->b[p->seq[k]].space_before > after)
			after = p->b[p->seq[k]].space_before;
close:
	if (!commit)
		return bottom;
	st->top = bottom;
	st->y = bottom;
	st->col = 0;
	st->used = 1;
	st->after = after;
	st->region = 0;
	p->in_region = 0;
	p->top_gap = 0;
	p->has_first = 0;
	return bottom;
}

/* Puts wide float f across the page below the columns so far, balanced, when it fits there
 * (then the columns go on below it). Returns 1 when it did. */
static int
wide_here(struct cpager *p, size_t f, size_t end)
{
	const struct layout_box *x = &p->b[f];
	double bottom = balance(p, end, 0);

	if (bottom + x->space_before + x->height > p->block_h + SLACK)
		return 0;
	balance(p, end, 1);
	place_span(p, f);
	return 1;
}

/* The height head box i (spanning, not floating) needs on its page: it, the spanning boxes kept
 * with it, and the first boxes they keep with below. */
static double
head_need(const struct cpager *p, size_t i)
{
	double h = p->b[i].height;
	size_t k = i, follow = 0;

	while (k + 1 < p->n && p->b[k].keep_next && follow < HEAD_FOLLOW) {
		k++;
		if (p->b[k].floating)
			break;
		h += p->b[k].space_before + p->b[k].height;
		if (!p->b[k].span)
			follow++;
	}
	return h;
}

void
layout_paginate_cols(const struct layout_box *b, size_t n, double block_h, int last,
                     struct layout_state *st, struct layout_place *out)
{
	struct cpager p = {.b = b, .n = n, .out = out, .st = st, .block_h = block_h};
	size_t i = 0;

	p.queue = xmalloc((n ? n : 1) * sizeof(*p.queue));
	p.seq = xmalloc((n ? n : 1) * sizeof(*p.seq));
	/* Boxes of an earlier call (a long article's last piece) may be in the columns. */
	p.first = -1;
	p.has_first = st->used && st->y > st->top + SLACK;
	st->region = page_used(st) && (st->col == 1 || st->y > st->top + SLACK);
	while (i < n) {
		const struct layout_box *x = &b[i];
		if (x->new_page && page_used(st))
			new_page(&p, i);
		if (x->span && !x->floating) {
			/* A head: below the columns so far, balanced, or on the next page. */
			if (!columns_empty(&p))
				balance(&p, i, 1);
			if (page_used(st) && st->top + head_need(&p, i) > block_h + SLACK)
				new_page(&p, i);
			place_span(&p, i++);
			continue;
		}
		/* Floats keep their order: once one waits, the later ones wait too. */
		if (x->floating && p.qhead < p.qtail && page_used(st)) {
			p.queue[p.qtail++] = i++;
			continue;
		}
		if (x->span) {
			/* A wide float: above the columns while they are empty; else below them,
			 * balanced, with the columns going on under it; else at the top of the next
			 * page. */
			if (columns_empty(&p) && (fits_span(&p, i) || !page_used(st))) {
				place_span(&p, i++);
				continue;
			}
			if (!columns_empty(&p) && !p.blocked && wide_here(&p, i, i)) {
				i++;
				continue;
			}
			p.queue[p.qtail++] = i++;
			continue;
		}
		/* Floats kept from the column's top go in where the list or quote has ended. */
		if (p.blocked && !x->inside && !x->floating && st->used) {
			size_t before = p.qhead;
			while (p.qhead < p.qtail && !b[p.queue[p.qhead]].span &&
			    fits(&p, p.queue[p.qhead]))
				place(&p, p.queue[p.qhead++]);
			if (p.qhead > before || p.qhead == p.qtail)
				p.blocked = 0;
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
		/* Break before i, or before the boxes that keep with it, as in pdf_layout.c; a
		 * spanning box is never moved back from here. */
		size_t j = i;
		while (p.has_first && j > 0 && (long)j > p.first) {
			if (waiting(&p, j - 1)) {
				j--;
				continue;
			}
			if (!b[j - 1].keep_next || b[j - 1].span)
				break;
			j--;
		}
		while (j < i && waiting(&p, j))
			j++;
		if (p.has_first)
			j = layout_hyphen_break(b, j, p.first);
		if (p.has_first && (long)j > p.first && j < i) {
			while (p.qtail > p.qhead && p.queue[p.qtail - 1] >= j)
				p.qtail--;
			i = j;
		}
		new_column(&p, i);
	}
	/* At an article's end, a wide float still waiting may go below its last columns. */
	while (last && p.qhead < p.qtail && b[p.queue[p.qhead]].span && !columns_empty(&p) &&
	    wide_here(&p, p.queue[p.qhead], n))
		p.qhead++;
	while (p.qhead < p.qtail)
		new_column(&p, n);
	if (last)
		balance(&p, n, 1);
	free(p.queue);
	free(p.seq);
}
