/* Unit tests for the pagination rules: widows, orphans, headings, floats, lists, tall boxes,
 * hyphens at a page's foot, and two columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pdf_layout.h"

/* Line boxes of 10 pt on pages of 100 pt: ten lines a page. */
#define LINE 10.0
#define PAGE 100.0

static void
lines(struct layout_box *b, size_t n)
{
	memset(b, 0, n * sizeof(*b));
	for (size_t i = 0; i < n; i++)
		b[i].height = LINE;
	layout_keep_lines(b, n);
}

static void
all_fit(void **state)
{
	struct layout_box b[5];
	struct layout_place out[5];
	struct layout_state st = {0};

	lines(b, 5);
	layout_paginate(b, 5, PAGE, &st, out);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(out[i].page, 0);
		assert_true(out[i].y == i * LINE);
	}
	assert_int_equal(st.page, 0);
	assert_true(st.y == 5 * LINE);
}

static void
widow(void **state)
{
	/* Eight lines used; a paragraph of three: only its first would fit with one left over,
	 * two fit, leaving its last line alone on the next page. */
	struct layout_box b[3];
	struct layout_place out[3];
	struct layout_state st = {.y = 80, .used = 1};

	lines(b, 3);
	layout_paginate(b, 3, PAGE, &st, out);
	/* Three lines keep together (orphan and widow rules both apply): all move. */
	assert_int_equal(out[0].page, 1);
	assert_int_equal(out[2].page, 1);

	/* Five lines with two slots left: two stay, three go (no widow, no orphan). */
	struct layout_box c[5];
	struct layout_place o2[5];
	struct layout_state s2 = {.y = 80, .used = 1};
	lines(c, 5);
	layout_paginate(c, 5, PAGE, &s2, o2);
	assert_int_equal(o2[0].page, 0);
	assert_int_equal(o2[1].page, 0);
	assert_int_equal(o2[2].page, 1);
	assert_int_equal(o2[4].page, 1);

	/* Five lines with four slots left: a single last line would be a widow, so two go. */
	struct layout_state s3 = {.y = 60, .used = 1};
	lines(c, 5);
	layout_paginate(c, 5, PAGE, &s3, o2);
	assert_int_equal(o2[2].page, 0);
	assert_int_equal(o2[3].page, 1);
	assert_int_equal(o2[4].page, 1);
	assert_true(o2[3].y == 0);
}

static void
orphan(void **state)
{
	/* One slot left: the first line alone would be an orphan; the paragraph moves. */
	struct layout_box b[6];
	struct layout_place out[6];
	struct layout_state st = {.y = 90, .used = 1};

	lines(b, 6);
	layout_paginate(b, 6, PAGE, &st, out);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(out[i].page, 1);
	assert_true(out[0].y == 0);
}

static void
heading_keep(void **state)
{
	/* A heading fits at the foot of the page but its paragraph does not start there. */
	struct layout_box b[4];
	struct layout_place out[4];
	struct layout_state st = {.y = 80, .used = 1};

	lines(b + 1, 3);
	b[0] = (struct layout_box){.height = 15, .keep_next = 1};
	layout_paginate(b, 4, PAGE, &st, out);
	assert_int_equal(out[0].page, 1);
	assert_true(out[0].y == 0);
	assert_int_equal(out[1].page, 1);

	/* A heading whose space above fits but whose body needs the next page. */
	struct layout_box c[3];
	struct layout_place o2[3];
	struct layout_state s2 = {.y = 70, .used = 1};
	c[0] = (struct layout_box){.height = 15, .space_before = 5, .keep_next = 1};
	lines(c + 1, 2);
	layout_paginate(c, 3, PAGE, &s2, o2);
	assert_int_equal(o2[0].page, 1);
	assert_true(o2[0].y == 0);      /* the space is dropped at the top of a page */
}

static void
figure_floats(void **state)
{
	/* Text, a figure of 50 pt that does not fit in the 30 pt left, then text: the text
	 * after the figure fills the page, the figure opens the next one. */
	struct layout_box b[8];
	struct layout_place out[8];
	struct layout_state st = {.y = 70, .used = 1};

	memset(b, 0, sizeof(b));
	b[0] = (struct layout_box){.height = 50, .floating = 1};
	for (size_t i = 1; i < 8; i++)
		b[i].height = LINE;
	layout_paginate(b, 8, PAGE, &st, out);
	assert_int_equal(out[0].page, 1);
	assert_true(out[0].y == 0);
	assert_int_equal(out[1].page, 0);
	assert_int_equal(out[3].page, 0);
	assert_true(out[3].y == 90);
	assert_int_equal(out[4].page, 1);
	assert_true(out[4].y == 50);    /* below the figure */
	/* No line leaves the text block. */
	for (size_t i = 0; i < 8; i++)
		assert_true(out[i].y + b[i].height <= PAGE);
}

static void
figure_at_end(void **state)
{
	/* A float waiting when the article ends gets a page of its own. */
	struct layout_box b[2];
	struct layout_place out[2];
	struct layout_state st = {.y = 95, .used = 1};

	b[0] = (struct layout_box){.height = 40, .floating = 1};
	b[1] = (struct layout_box){.height = 4};
	layout_paginate(b, 2, PAGE, &st, out);
	assert_int_equal(out[1].page, 0);
	assert_int_equal(out[0].page, 1);
	assert_int_equal(st.page, 1);
}

static void
list_break(void **state)
{
	/* A list of four items of three lines each, starting on a page with 35 pt left: the
	 * break falls between items or inside one, never leaving one line alone. */
	struct layout_box b[12];
	struct layout_place out[12];
	struct layout_state st = {.y = 65, .used = 1};

	for (size_t i = 0; i < 4; i++) {
		lines(b + 3 * i, 3);
		b[3 * i].space_before = i ? 2 : 0;
	}
	layout_paginate(b, 12, PAGE, &st, out);
	/* Item 1 (lines 0-2) fits in 30 pt; item 2 (with its space) does not: it moves whole. */
	assert_int_equal(out[2].page, 0);
	assert_int_equal(out[3].page, 1);
	assert_true(out[3].y == 0);
	for (size_t i = 3; i < 12; i++)
		assert_int_equal(out[i].page, 1);
	/* Widow and orphan checks over every page boundary. */
	for (size_t i = 1; i < 12; i++)
		if (out[i].page != out[i - 1].page)
			assert_false(b[i - 1].keep_next);
}

static void
over_tall(void **state)
{
	/* A figure taller than the page goes alone on a fresh page, marked overfull, and
	 * pagination goes on after it. */
	struct layout_box b[3];
	struct layout_place out[3];
	struct layout_state st = {.y = 20, .used = 1};

	memset(b, 0, sizeof(b));
	b[0] = (struct layout_box){.height = 250, .floating = 1};
	b[1].height = LINE;
	b[2].height = LINE;
	layout_paginate(b, 3, PAGE, &st, out);
	assert_int_equal(out[1].page, 0);
	assert_int_equal(out[0].page, 1);
	assert_int_equal(out[0].overfull, 1);
	assert_true(out[0].y == 0);
	assert_int_equal(out[1].overfull, 0);

	/* The same box not floating, on an empty page. */
	struct layout_state s2 = {0};
	b[0].floating = 0;
	layout_paginate(b, 3, PAGE, &s2, out);
	assert_int_equal(out[0].page, 0);
	assert_int_equal(out[0].overfull, 1);
	assert_int_equal(out[1].page, 1);
}

static void
keep_chain_too_long(void **state)
{
	/* Fifteen boxes all keeping together cannot fit one page: the keep is broken rather
	 * than looping. */
	struct layout_box b[15];
	struct layout_place out[15];
	struct layout_state st = {0};

	memset(b, 0, sizeof(b));
	for (size_t i = 0; i < 15; i++)
		b[i] = (struct layout_box){.height = LINE, .keep_next = 1};
	layout_paginate(b, 15, PAGE, &st, out);
	assert_int_equal(out[9].page, 0);
	assert_int_equal(out[10].page, 1);
}

static void
new_page_flag(void **state)
{
	struct layout_box b[2] = {{.height = LINE, .new_page = 1}, {.height = LINE}};
	struct layout_place out[2];
	struct layout_state st = {.y = 10, .used = 1, .page = 3};

	layout_paginate(b, 2, PAGE, &st, out);
	assert_int_equal(out[0].page, 4);
	assert_true(out[0].y == 0);
	/* On an empty page no page is skipped. */
	struct layout_state s2 = {0};
	layout_paginate(b, 2, PAGE, &s2, out);
	assert_int_equal(out[0].page, 0);
}

static void
float_space_at_top(void **state)
{
	/* A figure moved to the top of a page keeps its space below it: the line under it, which
	 * goes on a paragraph (no space of its own), is 8 pt below it, not touching. */
	struct layout_box b[4];
	struct layout_place out[4];
	struct layout_state st = {.y = 75, .used = 1};

	lines(b, 4);
	for (size_t i = 0; i < 4; i++)
		b[i].keep_next = 0;
	memset(&b[1], 0, sizeof(b[1]));
	b[1].height = 50;
	b[1].space_before = 8;
	b[1].floating = 1;
	layout_paginate(b, 4, PAGE, &st, out);
	assert_int_equal(out[1].page, 1);
	assert_true(out[1].y == 0);
	assert_int_equal(out[3].page, 1);
	assert_true(out[3].y == 58);
}

static void
float_waits_past_list(void **state)
{
	/* A figure waiting for the next page is not put above the rest of a list there, but where
	 * the list ends. */
	struct layout_box b[8];
	struct layout_place out[8];
	struct layout_state st = {.y = 70, .used = 1};

	lines(b, 8);
	for (size_t i = 0; i < 8; i++)
		b[i].keep_next = 0;
	memset(&b[1], 0, sizeof(b[1]));
	b[1].height = 40;
	b[1].floating = 1;
	for (size_t i = 2; i < 6; i++)
		b[i].inside = i > 2;
	layout_paginate(b, 8, PAGE, &st, out);
	/* Lines 0, 2 and 3 on the first page; 4 and 5 (inside the list) at the next one's top,
	 * then the figure, then 6. */
	assert_int_equal(out[3].page, 0);
	assert_int_equal(out[4].page, 1);
	assert_true(out[4].y == 0);
	assert_int_equal(out[1].page, 1);
	assert_true(out[1].y == 2 * LINE);
	assert_true(out[6].y == 2 * LINE + 40);
}

static void
hyphen_at_foot(void **state)
{
	/* Twelve lines of one paragraph; the tenth ends in a hyphen: the page ends after the
	 * ninth, so that the word is not cut across the page. */
	struct layout_box b[12];
	struct layout_place out[12];
	struct layout_state st = {0};

	lines(b, 12);
	b[9].hyphen = 1;
	layout_paginate(b, 12, PAGE, &st, out);
	assert_int_equal(out[8].page, 0);
	assert_int_equal(out[9].page, 1);
	/* Three hyphens in a row before the foot: up to three lines go over. */
	lines(b, 12);
	b[7].hyphen = b[8].hyphen = b[9].hyphen = 1;
	st = (struct layout_state){0};
	layout_paginate(b, 12, PAGE, &st, out);
	assert_int_equal(out[6].page, 0);
	assert_int_equal(out[7].page, 1);
	/* Never an orphan instead: the paragraph's second line ends in a hyphen at the foot. */
	lines(b, 12);
	lines(b + 8, 4);
	b[9].hyphen = 1;
	st = (struct layout_state){0};
	layout_paginate(b, 12, PAGE, &st, out);
	assert_int_equal(out[7].page, 0);
	assert_int_equal(out[8].page, 1);
}

/* The column a box went to, checked with its page. */
#define AT(o, p, c) do { assert_int_equal((o).page, (p)); assert_int_equal((o).col, (c)); } while (0)

static void
columns_fill_and_balance(void **state)
{
	/* 26 lines: ten in each column of the first page, six balanced on the second, three and
	 * three. */
	struct layout_box b[26];
	struct layout_place out[26];
	struct layout_state st = {0};

	lines(b, 26);
	layout_paginate_cols(b, 26, PAGE, 1, &st, out);
	AT(out[0], 0, 0);
	AT(out[9], 0, 0);
	AT(out[10], 0, 1);
	assert_true(out[10].y == 0);
	AT(out[19], 0, 1);
	AT(out[20], 1, 0);
	AT(out[22], 1, 0);
	AT(out[23], 1, 1);
	assert_true(out[23].y == 0);
	AT(out[25], 1, 1);
	/* What follows starts below the balanced columns. */
	assert_int_equal(st.page, 1);
	assert_true(st.top == 3 * LINE && st.col == 0);
	/* Without balancing the last page's lines stay in its first column. */
	st = (struct layout_state){0};
	layout_paginate_cols(b, 26, PAGE, 0, &st, out);
	AT(out[25], 1, 0);
}

static void
columns_head_spans(void **state)
{
	/* A head of 20 pt across both columns, then 10 lines balanced below it, five and five
	 * (the widow and orphan rules of the one paragraph allow it). */
	struct layout_box b[11];
	struct layout_place out[11];
	struct layout_state st = {0};

	lines(b, 11);
	b[0].height = 20;
	b[0].span = 1;
	b[0].keep_next = 1;
	layout_paginate_cols(b, 11, PAGE, 1, &st, out);
	AT(out[0], 0, 0);
	AT(out[1], 0, 0);
	assert_true(out[1].y == 20);
	AT(out[5], 0, 0);
	AT(out[6], 0, 1);
	assert_true(out[6].y == 20);
	assert_true(st.top == 70);
	/* A run-on article's head goes below them on the same page, if it and two lines fit. */
	struct layout_state s2 = st;
	layout_paginate_cols(b, 3, PAGE, 1, &s2, out);
	assert_int_equal(out[0].page, 0);
	assert_true(out[0].y == 70);
	s2 = st;
	s2.top = s2.y = 85;
	layout_paginate_cols(b, 3, PAGE, 1, &s2, out);
	assert_int_equal(out[0].page, 1);
	assert_true(out[0].y == 0);
}

static void
columns_keep_per_column(void **state)
{
	/* Orphans and widows in each column: a paragraph of 4 lines after 9 lines in the first
	 * column does not leave its first line alone at the column's foot. */
	struct layout_box b[13];
	struct layout_place out[13];
	struct layout_state st = {0};

	lines(b, 9);
	lines(b + 9, 4);
	layout_paginate_cols(b, 13, PAGE, 0, &st, out);
	AT(out[8], 0, 0);
	AT(out[9], 0, 1);
	assert_true(out[9].y == 0);
}

static void
columns_wide_float(void **state)
{
	/* A wide figure met after some text: the text above it is balanced, the figure goes
	 * across the page below it, and the columns go on under it. */
	struct layout_box b[10];
	struct layout_place out[10];
	struct layout_state st = {0};

	lines(b, 4);
	memset(&b[4], 0, sizeof(b[4]));
	b[4].height = 30;
	b[4].floating = 1;
	b[4].span = 1;
	lines(b + 5, 5);
	layout_paginate_cols(b, 10, PAGE, 1, &st, out);
	AT(out[1], 0, 0);
	AT(out[2], 0, 1);
	assert_true(out[2].y == 0);
	AT(out[4], 0, 0);
	assert_true(out[4].y == 2 * LINE);
	assert_true(out[5].y == 50);
	/* A narrow figure waits for the next column's top. */
	lines(b, 10);
	memset(&b[2], 0, sizeof(b[2]));
	b[2].height = 30;
	b[2].floating = 1;
	st = (struct layout_state){.y = 0};
	layout_paginate_cols(b, 10, 40.0, 0, &st, out);
	AT(out[4], 0, 0);
	AT(out[2], 0, 1);
	assert_true(out[2].y == 0);
	AT(out[5], 0, 1);
	assert_true(out[5].y == 30);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_fit),
		cmocka_unit_test(widow),
		cmocka_unit_test(orphan),
		cmocka_unit_test(heading_keep),
		cmocka_unit_test(figure_floats),
		cmocka_unit_test(figure_at_end),
		cmocka_unit_test(list_break),
		cmocka_unit_test(over_tall),
		cmocka_unit_test(keep_chain_too_long),
		cmocka_unit_test(new_page_flag),
		cmocka_unit_test(float_space_at_top),
		cmocka_unit_test(float_waits_past_list),
		cmocka_unit_test(hyphen_at_foot),
		cmocka_unit_test(columns_fill_and_balance),
		cmocka_unit_test(columns_head_spans),
		cmocka_unit_test(columns_keep_per_column),
		cmocka_unit_test(columns_wide_float),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
