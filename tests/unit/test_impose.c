/* Unit tests for the booklet imposition: page maps and sheet geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "impose.h"

/* The expected map, found another way than impose_map's formula: by walking through a folded
 * signature as a reader does. Page 1 is the outer sheet's front right; turning it shows that
 * sheet's back left, then the next sheet's front right, and so on to the centre spread (the
 * innermost back, left then right); from there the pages come out again: each sheet's front
 * left after the previous sheet's back right. want[sheet][side][slot] gets padded indices,
 * which seq turns into reading-order pages. */
static void
expect(int npages, int signature, int (*want)[2][2])
{
	int npadded = (npages + 3) / 4 * 4, nsheets = npadded / 4, at = npages - 1, k = 0;
	int *seq = calloc((size_t)npadded, sizeof(int));

	/* Blanks before the last page (the back cover), never before the front one. */
	if (at < 1)
		at = 1;
	for (int i = 0; i < npages; i++) {
		if (i == at)
			for (int j = npages; j < npadded; j++)
				seq[k++] = -1;
		seq[k++] = i;
	}
	while (k < npadded)
		seq[k++] = -1;
	k = 0;
	for (int first = 0; first < nsheets;) {
		int m = signature && nsheets - first > signature ? signature : nsheets - first;
		for (int j = 0; j < m; j++) {
			want[first + j][0][1] = seq[k++];
			want[first + j][1][0] = seq[k++];
		}
		for (int j = m - 1; j >= 0; j--) {
			want[first + j][1][1] = seq[k++];
			want[first + j][0][0] = seq[k++];
		}
		first += m;
	}
	free(seq);
}

static void
compare(int npages, int signature, int duplex_long)
{
	struct impose_map m = {0};
	int nsheets = (npages + 3) / 4, (*want)[2][2] = calloc((size_t)nsheets, sizeof(*want));
	int seen[64] = {0};

	assert_int_equal(impose_map(npages, npages - 1, signature, duplex_long, &m), 0);
	expect(npages, signature, want);
	assert_int_equal(m.nsides, 2 * nsheets);
	assert_int_equal(m.npadded, 4 * nsheets);
	assert_int_equal(m.nblank, 4 * nsheets - npages);
	for (int i = 0; i < m.nsides; i++) {
		const struct impose_side *s = &m.sides[i];
		assert_int_equal(s->sheet, i / 2);
		assert_int_equal(s->back, i % 2);
		assert_int_equal(s->rotate, duplex_long && i % 2);
		for (int slot = 0; slot < 2; slot++) {
			assert_int_equal(s->page[slot], want[i / 2][i % 2][slot]);
			if (s->page[slot] >= 0)
				seen[s->page[slot]]++;
		}
		if (signature)
			assert_int_equal(s->signature, s->sheet / signature);
		else
			assert_int_equal(s->signature, 0);
	}
	/* Every page once. */
	for (int i = 0; i < npages; i++)
		assert_int_equal(seen[i], 1);
	impose_map_free(&m);
	free(want);
}

static void
all_counts(void **state)
{
	static const int counts[] = {1, 2, 3, 4, 5, 8, 13, 16};

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		for (int sig = 0; sig <= 2; sig += 2)
			for (int dl = 0; dl <= 1; dl++)
				compare(counts[i], sig, dl);
}

/* The issue's own example: 8 pages are sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back
 * 4|5 (1-based). */
static void
eight_pages(void **state)
{
	static const int want[4][2] = {{7, 0}, {1, 6}, {5, 2}, {3, 4}};
	struct impose_map m = {0};

	assert_int_equal(impose_map(8, 7, 0, 0, &m), 0);
	assert_int_equal(m.nsides, 4);
	assert_int_equal(m.nblank, 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(m.sides[i].page[0], want[i][0]);
		assert_int_equal(m.sides[i].page[1], want[i][1]);
		assert_int_equal(m.sides[i].rotate, 0);
	}
	assert_true(m.sides[0].depth == 0 && m.sides[2].depth == 1);
	assert_int_equal(m.sides[2].wraps, 1);
	impose_map_free(&m);
}

/* 16 pages in signatures of 2 sheets: two 8-page gatherings, the second numbered on. */
static void
sixteen_in_twos(void **state)
{
	static const int want[8][2] = {{7, 0}, {1, 6}, {5, 2}, {3, 4},
	    {15, 8}, {9, 14}, {13, 10}, {11, 12}};
	struct impose_map m = {0};

	assert_int_equal(impose_map(16, 15, 2, 1, &m), 0);
	assert_int_equal(m.nsides, 8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(m.sides[i].page[0], want[i][0]);
		assert_int_equal(m.sides[i].page[1], want[i][1]);
		assert_int_equal(m.sides[i].rotate, i % 2);
		assert_int_equal(m.sides[i].signature, i / 4);
	}
	impose_map_free(&m);
}

/* 5 pages: three blanks before the last page, which stays the back cover. */
static void
five_pages(void **state)
{
	static const int want[4][2] = {{4, 0}, {1, -1}, {-1, 2}, {3, -1}};
	struct impose_map m = {0};

	assert_int_equal(impose_map(5, 4, 0, 0, &m), 0);
	assert_int_equal(m.nblank, 3);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(m.sides[i].page[0], want[i][0]);
		assert_int_equal(m.sides[i].page[1], want[i][1]);
	}
	impose_map_free(&m);
	/* Blanks before index 2 (an article starting there): 0 1 _ _ _ 2 3 4. */
	assert_int_equal(impose_map(5, 2, 0, 0, &m), 0);
	assert_int_equal(m.sides[0].page[0], 4);
	assert_int_equal(m.sides[0].page[1], 0);
	assert_int_equal(m.sides[1].page[0], 1);
	assert_int_equal(m.sides[1].page[1], 3);
	assert_int_equal(m.sides[2].page[0], 2);
	assert_int_equal(m.sides[2].page[1], -1);
	impose_map_free(&m);
	/* One page stays the front, blanks after it. */
	assert_int_equal(impose_map(1, 0, 0, 0, &m), 0);
	assert_int_equal(m.blank_at, 1);
	assert_int_equal(m.sides[0].page[1], 0);
	assert_int_equal(m.sides[0].page[0], -1);
	impose_map_free(&m);
	assert_int_equal(impose_map(0, 0, 0, 0, &m), -1);
	assert_int_equal(impose_map(4, 0, -1, 0, &m), -1);
}

/* A last signature with fewer sheets than the others, and the creep of each sheet. */
static void
signature_left_over(void **state)
{
	struct impose_map m = {0};

	/* 20 pages in threes: 5 sheets, signatures of 3 and 2. */
	assert_int_equal(impose_map(20, 19, 3, 0, &m), 0);
	assert_int_equal(m.nsides, 10);
	assert_int_equal(m.sides[0].page[0], 11);
	assert_int_equal(m.sides[0].page[1], 0);
	assert_int_equal(m.sides[6].signature, 1);
	assert_int_equal(m.sides[6].page[0], 19);
	assert_int_equal(m.sides[6].page[1], 12);
	assert_true(m.sides[4].depth == 1 && m.sides[2].depth == 0.5);
	assert_true(impose_shift(&m.sides[4], 2.0, 0) == 2.0);
	assert_true(impose_shift(&m.sides[2], 2.0, 0) == 1.0);
	assert_true(impose_shift(&m.sides[4], 0, 0.1) == 0.2);
	assert_true(impose_shift(&m.sides[0], 0, 0.1) == 0);
	impose_map_free(&m);
}

static void
geometry(void **state)
{
	struct impose_geom g;
	const double mm = 72 / 25.4;

	/* A5 pages: an A4 landscape sheet by default, pages from its corner. */
	assert_int_equal(impose_geometry(148 * mm, 210 * mm, 0, 0, 0, 0, &g), 0);
	assert_true(g.sheet_w == 296 * mm && g.sheet_h == 210 * mm);
	assert_true(g.scale == 1 && g.x0 == 0 && g.y0 == 0);
	/* On Letter given portrait: turned, and the pair scaled down to its 279.4 mm. */
	assert_int_equal(impose_geometry(148 * mm, 210 * mm, 215.9 * mm, 279.4 * mm, 0, 0, &g), 0);
	assert_true(g.sheet_w == 279.4 * mm && g.sheet_h == 215.9 * mm);
	assert_true(g.scale > 0.94 && g.scale < 0.95);
	assert_true(g.x0 < 1e-9 && g.x0 > -1e-9);
	/* Bleed and marks make the default sheet larger; on A3 the pair is centred. */
	assert_int_equal(impose_geometry(148 * mm, 210 * mm, 0, 0, 3 * mm, 1, &g), 0);
	assert_true(g.sheet_w > (296 + 6 + 17.9) * mm && g.sheet_w < (296 + 6 + 18.1) * mm);
	assert_true(g.x0 > 11.9 * mm && g.x0 < 12.1 * mm);
	assert_int_equal(impose_geometry(148 * mm, 210 * mm, 297 * mm, 420 * mm, 0, 1, &g), 0);
	assert_true(g.scale == 1 && g.sheet_w == 420 * mm);
	assert_true(g.x0 > 61.9 * mm && g.x0 < 62.1 * mm);
	assert_int_equal(impose_geometry(0, 210, 0, 0, 0, 0, &g), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_counts),
		cmocka_unit_test(eight_pages),
		cmocka_unit_test(sixteen_in_twos),
		cmocka_unit_test(five_pages),
		cmocka_unit_test(signature_left_over),
		cmocka_unit_test(geometry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
