/* Unit tests for the line breaker: total fit checked against every possible set of breaks,
 * hyphens, indents, forced breaks, and what is wider than the measure. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "linebreak.h"

#define MAXI 64

/* A paragraph written as a string: a digit is a box of that many tens of points, a space is
 * glue (10 pt, stretch 5, shrink 3), '-' a hyphenation point (hyphen 5 pt), '!' a forced
 * break. */
static size_t
para(const char *s, struct lb_item *it)
{
	size_t n = 0;

	for (; *s; s++) {
		memset(&it[n], 0, sizeof(it[n]));
		if (*s == ' ') {
			it[n].kind = LB_GLUE;
			it[n].width = 10;
			it[n].stretch = 5;
			it[n].shrink = 3;
		} else if (*s == '-') {
			it[n].kind = LB_PENALTY;
			it[n].width = 5;
			it[n].penalty = 50;
			it[n].flagged = 1;
		} else if (*s == '!') {
			it[n].kind = LB_PENALTY;
			it[n].penalty = -LB_INF;
		} else {
			it[n].kind = LB_BOX;
			it[n].width = 10 * (*s - '0');
		}
		n++;
	}
	return n;
}

/* The adjustment ratio of the line of items [from, to) broken at to (to == n: the paragraph's
 * end) with measure width, counted here from the items as the paper defines it: positive when
 * its glue stretches (in units of its stretch), negative when it shrinks, 0 when it fits or it
 * is the last line and not too wide; +-HUGE_VAL when it cannot stretch or shrink enough. */
static double
line_ratio(const struct lb_item *items, size_t n, size_t from, size_t to, double width,
           double ragged)
{
	double w = 0, y = ragged, z = 0;

	while (from < to && items[from].kind != LB_BOX)
		from++;
	for (size_t i = from; i < to; i++) {
		if (items[i].kind == LB_BOX || items[i].kind == LB_GLUE)
			w += items[i].width;
		if (items[i].kind == LB_GLUE) {
			y += items[i].stretch;
			z += items[i].shrink;
		}
	}
	if (to < n && items[to].kind == LB_PENALTY)
		w += items[to].width;
	if (w < width)
		return to >= n ? 0 : y > 0 ? (width - w) / y : HUGE_VAL;
	if (w > width)
		return z > 0 ? (width - w) / z : -HUGE_VAL;
	return 0;
}

/* One paragraph broken: its items and the breaks chosen. */
struct broken {
	struct lb_item it[MAXI];
	size_t n;
	size_t breaks[MAXI + 1];
	size_t lines;
};

/* Breaks paragraph s (see para) in measure width, the first line first, with tolerance tol,
 * total fit (or first fit when first_fit); force as in struct lb_params. Returns b. */
static struct broken *
brk(struct broken *b, const char *s, double width, double first, double tol, int force,
    int first_fit)
{
	static struct lb_scratch scratch;
	struct lb_params p;

	b->n = para(s, b->it);
	linebreak_defaults(&p, width, first, tol);
	p.force = force;
	b->lines = first_fit ? linebreak_first_fit(b->it, b->n, &p, b->breaks) :
	    linebreak(b->it, b->n, &p, &scratch, b->breaks);
	return b;
}

/* The demerits of breaking items[from..] at `to` after a line ending in a break of fitness
 * prev_fit (flagged prev_flag), by the rules of linebreak.h; HUGE_VAL when not allowed. */
static double
line_demerits(const struct lb_item *it, size_t n, size_t from, size_t to, double width,
              const struct lb_params *p, int prev_fit, int prev_flag, int *fit, int *flag)
{
	double r = line_ratio(it, n, from, to, width, p->ragged);
	double b, d;
	int pen = to < n && it[to].kind == LB_PENALTY ? it[to].penalty : 0;

	if (r < -1)
		return HUGE_VAL;
	b = fabs(r) > 10 ? LB_INF : fmin(100 * fabs(r) * fabs(r) * fabs(r), LB_INF);
	if (b > p->tolerance)
		return HUGE_VAL;
	d = (p->line_penalty + b) * (p->line_penalty + b);
	if (pen > 0)
		d += (double)pen * pen;
	else if (pen < 0 && pen > -LB_INF)
		d -= (double)pen * pen;
	*flag = to < n && it[to].kind == LB_PENALTY && it[to].flagged;
	*fit = r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0;
	if (*flag && prev_flag)
		d += p->flagged_demerits;
	if (abs(*fit - prev_fit) > 1)
		d += p->fitness_demerits;
	if (to >= n && prev_flag)
		d += p->final_hyphen_demerits;
	return d;
}

static int
legal(const struct lb_item *it, size_t i)
{
	if (it[i].kind == LB_GLUE)
		return i > 0 && it[i - 1].kind == LB_BOX && !it[i].nobreak;
	return it[i].kind == LB_PENALTY && it[i].penalty < LB_INF;
}

/* The least total demerits of breaking items[from..] by trying every choice. */
static double
brute(const struct lb_item *it, size_t n, size_t from, size_t line, const struct lb_params *p,
      int prev_fit, int prev_flag)
{
	double best = HUGE_VAL;
	double width = line == 0 ? p->first_width : p->width;

	for (size_t to = from; to <= n; to++) {
		int fit, flag;
		if (to < n && !legal(it, to))
			continue;
		double d = line_demerits(it, n, from, to, width, p, prev_fit, prev_flag, &fit, &flag);
		if (d < HUGE_VAL) {
			if (to == n) {
				if (d < best)
					best = d;
			} else {
				double rest = brute(it, n, to + 1, line + 1, p, fit, flag);
				if (d + rest < best)
					best = d + rest;
			}
		}
		/* A forced break ends every line that reaches it. */
		if (to < n && it[to].kind == LB_PENALTY && it[to].penalty <= -LB_INF)
			break;
	}
	return best;
}

/* The total demerits of the breaks linebreak() chose. */
static double
chosen(const struct lb_item *it, size_t n, const size_t *breaks, size_t lines,
       const struct lb_params *p)
{
	double total = 0;
	int fit = 2, flag = 0;
	size_t from = 0;

	for (size_t k = 0; k < lines; k++) {
		int f2, fl2;
		double d = line_demerits(it, n, from, breaks[k], k == 0 ? p->first_width : p->width,
		    p, fit, flag, &f2, &fl2);
		assert_true(d < HUGE_VAL);
		total += d;
		fit = f2;
		flag = fl2;
		from = breaks[k] + 1;
	}
	return total;
}

static void
total_fit(void **state)
{
	static const char *const paras[] = {
		"5 4 3 6 2 4 5 3 4 2",
		"3 3 3 3 3 3 3 3 3 3 3 3",
		"7 2-3 4 6 1 5-2 3 4",
		"2 2 2 2 9 2 2 2 2 2 5",
		"4-4 4-4 4-4 4-4 4-4 4",
		"1 1 1 1 1 1 1 1 1 1 1 1 1 1 8",
	};
	struct lb_item it[MAXI];
	struct lb_scratch s = {0};
	size_t breaks[MAXI + 1], feasible = 0, multi = 0;

	for (size_t k = 0; k < sizeof(paras) / sizeof(paras[0]); k++)
		for (double width = 120; width <= 260; width += 13)
		for (int tol = 0; tol < 2; tol++) {
			struct lb_params p;
			size_t n = para(paras[k], it), lines;
			linebreak_defaults(&p, width, width - 20, tol ? LB_INF : 400);
			lines = linebreak(it, n, &p, &s, breaks);
			double best = brute(it, n, 0, 0, &p, 2, 0);
			if (best == HUGE_VAL) {
				assert_int_equal(lines, 0);
				continue;
			}
			assert_true(lines > 0);
			assert_int_equal(breaks[lines - 1], n);
			feasible++;
			multi += lines > 2;
			/* Never worse than the best of all possible choices. */
			assert_true(chosen(it, n, breaks, lines, &p) <= best * (1 + 1e-9));
		}
	/* The cases are not all trivial or all impossible. */
	print_message("%zu of 132 feasible, %zu of them in more than two lines\n", feasible, multi);
	assert_true(feasible >= 60);
	assert_true(multi >= 30);
	linebreak_free(&s);
}

static void
every_line_fits(void **state)
{
	struct broken b;

	brk(&b, "2 3 2 1 3 2 2 3 1 2 3 2 1 2 3 2 2 1 3 2 2 3 1 2 2 3 2 1 3 2", 200, 200, 400, 0, 0);
	assert_true(b.lines >= 3);
	for (size_t k = 0, from = 0; k < b.lines; from = b.breaks[k] + 1, k++) {
		double r = line_ratio(b.it, b.n, from, b.breaks[k], 200, 0);
		assert_true(r >= -1);
		assert_true(100 * fabs(r) * fabs(r) * fabs(r) <= 400 + 1e-9);
	}
}

static void
hyphen_only_when_it_helps(void **state)
{
	struct broken b;

	/* Items: 4 _ 4 _ 4 _ 1 - 4. In a measure of 141 "4 4 4" (140) fills the first line
	 * with its spaces stretched a tenth: no hyphen. "4 4 4 1-" is 165, far too wide. */
	brk(&b, "4 4 4 1-4", 141, 141, 1000, 0, 0);
	assert_int_equal(b.lines, 2);
	assert_int_equal(b.breaks[0], 5);
	/* In 160 "4 4 4" would stretch its spaces twice over (badness 800) while "4 4 4 1-"
	 * shrinks them a little: the hyphen is worth its cost. */
	brk(&b, "4 4 4 1-4", 160, 160, 1000, 0, 0);
	assert_int_equal(b.lines, 2);
	assert_int_equal(b.breaks[0], 7);
}

static void
indent_and_forced(void **state)
{
	struct broken b;

	/* Three boxes of 50 fit two to a 110 measure, but only one after a 30 indent. */
	brk(&b, "5 5 5", 110, 80, LB_INF, 0, 0);
	assert_int_equal(b.lines, 2);
	assert_int_equal(b.breaks[0], 1);
	/* A forced break ends a line however short. */
	brk(&b, "2 !3 3", 200, 200, LB_INF, 0, 0);
	assert_int_equal(b.lines, 2);
	assert_int_equal(b.breaks[0], 2);
}

static void
too_wide(void **state)
{
	struct broken b;

	/* A 90 box in a measure of 60: no set of breaks avoids an overfull line, but with force
	 * the box gets a line of its own. */
	assert_int_equal(brk(&b, "2 9 2", 60, 60, LB_INF, 0, 0)->lines, 0);
	brk(&b, "2 9 2", 60, 60, LB_INF, 1, 0);
	assert_int_equal(b.lines, 3);
	assert_int_equal(b.breaks[0], 1);
	assert_int_equal(b.breaks[1], 3);
	assert_int_equal(b.breaks[2], b.n);
	/* Too tight a tolerance fails too, without force. */
	assert_int_equal(brk(&b, "5 5 5 5 5 5", 175, 175, 1, 0, 0)->lines, 0);
}

static void
ragged(void **state)
{
	struct lb_item it[MAXI];
	struct lb_scratch s = {0};
	struct lb_params p;
	size_t breaks[MAXI + 1], n, lines;

	/* Fixed spaces and stretch at the line ends: lines fall short but never overfill. */
	n = para("4 3 5 2 6 3 4 4 2 5 3", it);
	for (size_t i = 0; i < n; i++)
		if (it[i].kind == LB_GLUE)
			it[i].stretch = it[i].shrink = 0;
	linebreak_defaults(&p, 150, 150, 400);
	p.ragged = 60;
	lines = linebreak(it, n, &p, &s, breaks);
	assert_true(lines >= 3);
	for (size_t k = 0, from = 0; k < lines; from = breaks[k] + 1, k++)
		assert_true(line_ratio(it, n, from, breaks[k], 150, 60) >= 0);
	linebreak_free(&s);
}

static void
first_fit(void **state)
{
	struct broken b;

	/* Each line takes what fits, shrinking its spaces: "2 2 2" is 80 (74 shrunk) in 75. */
	brk(&b, "2 2 2 2 2 2 2", 75, 75, LB_INF, 0, 1);
	assert_int_equal(b.lines, 3);
	assert_int_equal(b.breaks[0], 5);
	assert_int_equal(b.breaks[1], 11);
	assert_int_equal(b.breaks[2], b.n);
	for (size_t k = 0, from = 0; k + 1 < b.lines; from = b.breaks[k] + 1, k++)
		assert_true(line_ratio(b.it, b.n, from, b.breaks[k], 75, 0) >= -1);
	/* A box wider than the measure gets a line of its own; a forced break is kept. */
	brk(&b, "2 9 2!2", 60, 60, LB_INF, 0, 1);
	assert_int_equal(b.lines, 4);
	assert_int_equal(b.breaks[0], 1);
	assert_int_equal(b.breaks[1], 3);
	assert_int_equal(b.breaks[2], 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(total_fit),
		cmocka_unit_test(every_line_fits),
		cmocka_unit_test(hyphen_only_when_it_helps),
		cmocka_unit_test(indent_and_forced),
		cmocka_unit_test(too_wide),
		cmocka_unit_test(ragged),
		cmocka_unit_test(first_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
