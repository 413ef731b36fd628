/* Unit tests for paper sizes, screen profiles and the margin check of styles. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "msg.h"
#include "style.h"

#define MM (72.0 / 25.4)

static int
near(double a, double b)
{
	return fabs(a - b) < 0.01;
}

static void
sizes(void **state)
{
	double w, h;

	assert_int_equal(style_paper_size("6x9in", &w, &h), 0);
	assert_true(near(w, 432) && near(h, 648));
	assert_int_equal(style_paper_size("5.5x8.5in", &w, &h), 0);
	assert_true(near(w, 396) && near(h, 612));
	assert_int_equal(style_paper_size("15x21cm", &w, &h), 0);
	assert_true(near(w, 150 * MM) && near(h, 210 * MM));
	assert_int_equal(style_paper_size("210x297mm", &w, &h), 0);
	assert_true(near(w, 210 * MM) && near(h, 297 * MM));
	assert_int_equal(style_paper_size("100x150", &w, &h), 0);
	assert_true(near(w, 100 * MM));
	assert_int_equal(style_paper_size("400x600pt", &w, &h), 0);
	assert_true(near(w, 400) && near(h, 600));
	assert_int_equal(style_paper_size("half-letter", &w, &h), 0);
	assert_true(near(w, 396) && near(h, 612));
	assert_int_equal(style_paper_size("b4", &w, &h), 0);
	assert_true(near(w, 250 * MM) && near(h, 353 * MM));
	assert_int_equal(style_paper_size("B6", &w, &h), 0);
	assert_true(near(w, 125 * MM) && near(h, 176 * MM));
	assert_int_equal(style_paper_size("eink7.8", &w, &h), 0);
	assert_true(near(w, 118.9 * MM) && near(h, 158.5 * MM));
	/* 50 mm is a size (the margins decide); 2 cm is not; nor are odd units and forms. */
	assert_int_equal(style_paper_size("50x50mm", &w, &h), 0);
	assert_int_equal(style_paper_size("2x2cm", &w, &h), -1);
	assert_int_equal(style_paper_size("6x9ft", &w, &h), -1);
	assert_int_equal(style_paper_size("6x", &w, &h), -1);
	assert_int_equal(style_paper_size("x9in", &w, &h), -1);
	assert_int_equal(style_paper_size("-6x9in", &w, &h), -1);
	assert_int_equal(style_paper_size("6 x 9in", &w, &h), -1);
	assert_int_equal(style_paper_size("3000x9000mm", &w, &h), -1);
	assert_int_equal(style_paper_size("A9", &w, &h), -1);
}

static void
screens(void **state)
{
	struct style st;

	assert_int_equal(style_load(&st, NULL), 0);
	double h1 = st.h1_size / st.size, para = st.sp.para / st.size;
	assert_int_equal(style_set_paper(&st, "eink6"), 0);
	assert_true(near(st.page_w, 90.8 * MM) && near(st.page_h, 122.6 * MM));
	assert_true(near(st.margin_inner, 5 * MM) && near(st.margin_outer, 5 * MM));
	assert_true(near(st.margin_top, 9 * MM));
	assert_true(near(st.size, 9.5));
	/* The whole type scale follows the body size. */
	assert_true(near(st.h1_size / st.size, h1) && near(st.sp.para / st.size, para));
	assert_int_equal(style_check_room(&st, NULL), 0);
	/* A paper size keeps the style's margins and type. */
	assert_int_equal(style_set_paper(&st, "A5"), 0);
	assert_true(near(st.margin_inner, 5 * MM) && near(st.size, 9.5));
	style_free(&st);
}

static void
room(void **state)
{
	struct style st;

	msg_mute(1);
	assert_int_equal(style_load(&st, NULL), 0);
	assert_int_equal(style_check_room(&st, "A4"), 0);
	assert_int_equal(style_set_paper(&st, "50x50mm"), 0);
	assert_int_equal(style_check_room(&st, "--paper 50x50mm"), -1);
	/* Wide enough; 10 lines of 10.5 x 1.38 pt (51.1 mm) under 20 + 22 mm of margins need
	 * pages 93.1 mm high. */
	assert_int_equal(style_set_paper(&st, "200x94mm"), 0);
	assert_int_equal(style_check_room(&st, NULL), 0);
	assert_int_equal(style_set_paper(&st, "200x92mm"), 0);
	assert_int_equal(style_check_room(&st, NULL), -1);
	msg_mute(0);
	style_free(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
		cmocka_unit_test(screens),
		cmocka_unit_test(room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
