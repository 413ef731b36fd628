/* Line breaking: Knuth and Plass's total-fit algorithm ("Breaking paragraphs into lines", 1981),
 * written for quire: one pass over the items with a list of active breaks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "util.h"

/* A feasible break: where it is, how the paragraph got there at best, and the running totals
 * of the items after it (past the glue a break discards). */
struct lb_node {
	size_t pos;             /* the item broken at; (size_t)-1 for the paragraph's start */
	size_t line;            /* lines before this break */
	int fitness;            /* 0 very loose, 1 loose, 2 decent, 3 tight: of the line ending here */
	int flagged;            /* the line ending here ends with a hyphen */
	double demerits;        /* of the best way to here */
	double w, y, z;         /* width, stretch and shrink totals where the next line starts */
	size_t prev;            /* the break before, or (size_t)-1 */
	size_t next;            /* the next active node, or (size_t)-1 */
};

#define NONE ((size_t)-1)

void
linebreak_defaults(struct lb_params *p, double width, double first_width, double tolerance)
{
	memset(p, 0, sizeof(*p));
	p->width = width;
	p->first_width = first_width;
	p->tolerance = tolerance;
	p->line_penalty = 10;
	p->flagged_demerits = 10000;
	p->fitness_demerits = 10000;
	p->final_hyphen_demerits = 5000;
}

void
linebreak_free(struct lb_scratch *s)
{
	free(s->nodes);
	memset(s, 0, sizeof(*s));
}

static size_t
node_new(struct lb_scratch *s)
{
	if (s->nnodes == s->capnodes) {
		s->capnodes = s->capnodes ? 2 * s->capnodes : 256;
		s->nodes = xrealloc(s->nodes, s->capnodes * sizeof(*s->nodes));
	}
	memset(&s->nodes[s->nnodes], 0, sizeof(s->nodes[0]));
	return s->nnodes++;
}

/* TeX's badness of a line stretched or shrunk by ratio r: 100 r^3, at most LB_INF. */
static double
badness(double r)
{
	double b;

	if (r < 0)
		r = -r;
	if (r > 10)
		return LB_INF;
	b = 100 * r * r * r;
	return b > LB_INF ? LB_INF : b;
}

static int
fitness(double r)
{
	return r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0;
}

/* The adjustment ratio of a line of natural width nat with the given stretch and shrink in a
 * measure of width; fill: the last line, whose end stretches without limit. HUGE_VAL when it
 * cannot stretch to the measure, -HUGE_VAL when it cannot shrink to it. */
static double
ratio(double nat, double stretch, double shrink, double width, int fill)
{
	if (nat < width) {
		if (fill)
			return 0;
		return stretch > 0 ? (width - nat) / stretch : HUGE_VAL;
	}
	if (nat > width)
		return shrink > 0 ? (width - nat) / shrink : -HUGE_VAL;
	return 0;
}

/* Considers a break at item i (i == n: the paragraph's end) against every active node, with
 * running totals (w, y, z) of the items before i. Returns 0, or -1 when no node is left
 * active. */
static int
try_break(const struct lb_item *items, size_t n, size_t i, double w, double y, double z,
          const struct lb_params *p, struct lb_scratch *s, size_t *active)
{
	const struct lb_item *it = i < n ? &items[i] : NULL;
	int forced = it == NULL || (it->kind == LB_PENALTY && it->penalty <= -LB_INF);
	double pw = it && it->kind == LB_PENALTY ? it->width : 0;
	int pen = it && it->kind == LB_PENALTY ? it->penalty : 0;
	int flagged = it && it->kind == LB_PENALTY && it->flagged;
	struct {
		double d;
		size_t from;
		double r;
	} best[4];
	size_t prev = NONE, a = *active, last_gone = NONE;
	double last_gone_excess = HUGE_VAL, min_d = HUGE_VAL;

	for (int c = 0; c < 4; c++)
		best[c].d = HUGE_VAL;
	while (a != NONE) {
		struct lb_node *na = &s->nodes[a];
		size_t next = na->next;
		double measure = na->line == 0 ? p->first_width : p->width;
		double r = ratio(w - na->w + pw, y - na->y + p->ragged, z - na->z, measure, it == NULL);
		int gone = r < -1 || forced;

		if (r >= -1) {
			double b = badness(r);
			if (b <= p->tolerance) {
				double d = p->line_penalty + b;
				int c = fitness(r);
				d *= d;
				if (pen > 0)
					d += (double)pen * pen;
				else if (pen < 0 && pen > -LB_INF)
					d -= (double)pen * pen;
				if (flagged && na->flagged)
					d += p->flagged_demerits;
				if (abs(c - na->fitness) > 1)
					d += p->fitness_demerits;
				if (it == NULL && na->flagged)
					d += p->final_hyphen_demerits;
				d += na->demerits;
				if (d < best[c].d) {
					best[c].d = d;
					best[c].from = a;
					best[c].r = r;
				}
				if (d < min_d)
					min_d = d;
			}
		}
		if (gone) {
			/* For force: how far the line overflows the measure at its tightest. */
			double excess = w - na->w + pw - (z - na->z) - measure;
			if (last_gone == NONE || excess < last_gone_excess ||
			    (excess == last_gone_excess && na->pos > s->nodes[last_gone].pos)) {
				last_gone_excess = excess;
				last_gone = a;
			}
			if (prev == NONE)
				*active = next;
			else
				s->nodes[prev].next = next;
		} else
			prev = a;
		a = next;
	}
	/* With force, a break that leaves no way on takes the least overfull line there is (as
	 * TeX does in its last pass). */
	if (min_d == HUGE_VAL && *active == NONE && p->force && last_gone != NONE) {
		best[3].d = s->nodes[last_gone].demerits + (double)(p->line_penalty + LB_INF) *
		    (p->line_penalty + LB_INF);
		best[3].from = last_gone;
		best[3].r = -1;
		min_d = best[3].d;
	}
	if (min_d == HUGE_VAL)
		return *active == NONE ? -1 : 0;
	/* Totals where a line after this break starts: past the glue and penalties it discards. */
	double tw = w, ty = y, tz = z;
	for (size_t j = i; j < n; j++) {
		if (items[j].kind == LB_BOX)
			break;
		if (items[j].kind == LB_GLUE) {
			tw += items[j].width;
			ty += items[j].stretch;
			tz += items[j].shrink;
		} else if (j > i && items[j].penalty <= -LB_INF)
			break;
	}
	for (int c = 0; c < 4; c++) {
		if (best[c].d == HUGE_VAL || best[c].d > min_d + p->fitness_demerits)
			continue;
		size_t k = node_new(s);
		struct lb_node *nk = &s->nodes[k];
		nk->pos = i;
		nk->line = s->nodes[best[c].from].line + 1;
		nk->fitness = c;
		nk->flagged = flagged;
		nk->demerits = best[c].d;
		nk->w = tw;
		nk->y = ty;
		nk->z = tz;
		nk->prev = best[c].from;
		nk->next = *active;
		*active = k;
	}
	return 0;
}

size_t
linebreak_first_fit(const struct lb_item *items, size_t n, const struct lb_params *p, size_t *out)
{
	size_t lines = 0, i = 0;

	while (i < n) {
		double measure = lines == 0 ? p->first_width : p->width, w = 0, z = 0;
		size_t last = (size_t)-1;
		/* A line starts at its first box: what a break left behind is discarded. */
		while (i < n && items[i].kind != LB_BOX && items[i].penalty > -LB_INF)
			i++;
		for (; i < n; i++) {
			const struct lb_item *it = &items[i];
			int legal = it->kind == LB_GLUE ? !it->nobreak && i > 0 &&
			    items[i - 1].kind == LB_BOX : it->kind == LB_PENALTY && it->penalty < LB_INF;
			double pw = it->kind == LB_PENALTY ? it->width : 0;
			if (legal && (w + pw - z <= measure || last == (size_t)-1))
				last = i;
			if (it->kind == LB_PENALTY && it->penalty <= -LB_INF)
				break;
			if (it->kind != LB_PENALTY) {
				w += it->width;
				z += it->shrink;
			}
			if (w - z > measure && last != (size_t)-1)
				break;
		}
		if (i >= n)
			break;
		if (items[i].kind == LB_PENALTY && items[i].penalty <= -LB_INF)
			last = i;
		out[lines++] = last;
		i = last + 1;
	}
	out[lines++] = n;
	return lines;
}

size_t
linebreak(const struct lb_item *items, size_t n, const struct lb_params *p, struct lb_scratch *s,
          size_t *out)
{
	double w = 0, y = 0, z = 0;
	size_t active, best = NONE, lines = 0;

	s->nnodes = 0;
	active = node_new(s);
	s->nodes[active].pos = NONE;
	s->nodes[active].fitness = 2;
	s->nodes[active].prev = NONE;
	s->nodes[active].next = NONE;
	for (size_t i = 0; i <= n; i++) {
		const struct lb_item *it = i < n ? &items[i] : NULL;
		int legal;

		if (it && it->kind == LB_BOX) {
			w += it->width;
			continue;
		}
		if (it == NULL)
			legal = 1;
		else if (it->kind == LB_GLUE)
			legal = !it->nobreak && i > 0 && items[i - 1].kind == LB_BOX;
		else
			legal = it->penalty < LB_INF;
		if (legal && try_break(items, n, i, w, y, z, p, s, &active) != 0)
			return 0;
		if (it && it->kind == LB_GLUE) {
			w += it->width;
			y += it->stretch;
			z += it->shrink;
		}
	}
	/* The active nodes are now the breaks at the end: take the best. */
	for (size_t a = active; a != NONE; a = s->nodes[a].next)
		if (s->nodes[a].pos == n && (best == NONE || s->nodes[a].demerits < s->nodes[best].demerits))
			best = a;
	if (best == NONE)
		return 0;
	lines = s->nodes[best].line;
	for (size_t a = best, k = lines; a != NONE && s->nodes[a].pos != NONE; a = s->nodes[a].prev)
		out[--k] = s->nodes[a].pos;
	return lines;
}
