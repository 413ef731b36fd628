/* Unit tests for paragraph setting with the bundled fonts: lines within the measure, justified
 * to it, covering the text in order; indents, hard breaks, hyphens, right-to-left text, words
 * wider than the measure, empty text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pango/pangocairo.h>

#include "fonts.h"
#include "hyph.h"
#include "pdf_set.h"
#include "style.h"
#include "util.h"

#define SHY "\xc2\xad"
/* Widths are Pango units turned to points: allow for their rounding. */
#define EPS 0.01

static const char *const text =
    "The council approved its budget for 2024-25 shortly before midnight on Monday, after "
    "five hours of debate and a vote that split the governing coalition over a new charge on "
    "cruise ships using the harbour. The money goes to the flood wall along the lower River "
    "Wren, to empty flats above the shops on Quay Street, and to the libraries.";

struct env {
	struct fonts *fonts;
	PangoContext *ctx;
	PangoFontDescription *fd;
	struct setter *set;
	struct hyph *hyph;
};

static int
setup(void **state)
{
	struct env *e = xcalloc(1, sizeof(*e));
	char *dir = path_join(style_datadir(), "fonts");
	cairo_font_options_t *fo = cairo_font_options_create();

	e->fonts = fonts_new(dir);
	free(dir);
	if (e->fonts == NULL)
		return -1;
	e->ctx = pango_font_map_create_context(fonts_map(e->fonts));
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(e->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(e->ctx, FALSE);
	pango_context_set_language(e->ctx, pango_language_from_string("en"));
	e->fd = pango_font_description_from_string("Noto Serif, Noto Naskh Arabic");
	pango_font_description_set_absolute_size(e->fd, 10.5 * PANGO_SCALE);
	e->set = set_new(e->ctx);
	e->hyph = hyph_new(NULL);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	set_free(e->set);
	hyph_free(e->hyph);
	pango_font_description_free(e->fd);
	g_object_unref(e->ctx);
	fonts_free(e->fonts);
	free(e);
	return 0;
}

static const struct set_par *
set(struct env *e, const char *s, double width, double indent, int justify, PangoDirection dir)
{
	struct set_opts o = {.font = e->fd, .width = width, .indent = indent, .justify = justify,
	    .dir = dir};

	return set_paragraph(e->set, s, -1, NULL, &o);
}

/* The width of a line's runs, from their glyphs. */
static double
runs_width(const struct set_line *ln)
{
	int w = 0;

	for (int r = 0; r < ln->nruns; r++)
		w += pango_glyph_string_get_width(ln->runs[r]->glyphs);
	return (double)w / PANGO_SCALE;
}

/* Checks that the lines hold the paragraph's text in order, with nothing left out, that none
 * leaves the measure, and that each is as wide as its glyphs. */
static void
check_lines(const struct set_par *par, double width)
{
	int at = 0;

	assert_true(par->nlines > 0);
	for (int k = 0; k < par->nlines; k++) {
		const struct set_line *ln = &par->lines[k];
		if (ln->start == at + 1 && par->text[at] == '\n')
			at++;
		assert_int_equal(ln->start, at);
		assert_true(ln->end >= ln->start);
		at = ln->end;
		assert_true(ln->x >= -EPS);
		assert_true(ln->x + ln->width <= width + EPS);
		assert_true(fabs(runs_width(ln) - ln->width) < EPS);
		assert_true(ln->ascent > 0 && ln->descent > 0);
	}
	assert_int_equal(at, par->len);
}

static void
justified(void **state)
{
	struct env *e = *state;

	for (double width = 120; width <= 480; width += 60) {
		const struct set_par *par = set(e, text, width, 12, 1, PANGO_DIRECTION_NEUTRAL);
		check_lines(par, width);
		assert_true(par->nlines >= 2);
		assert_false(par->rtl);
		/* Every line but the last fills the measure (the first after its indent). */
		for (int k = 0; k + 1 < par->nlines; k++) {
			const struct set_line *ln = &par->lines[k];
			assert_true(fabs(ln->x - (k == 0 ? 12 : 0)) < EPS);
			assert_true(fabs(ln->x + ln->width - width) < EPS);
		}
		assert_true(par->lines[par->nlines - 1].width <= width + EPS);
	}
	set_reset(e->set);
}

static void
ragged(void **state)
{
	struct env *e = *state;
	const struct set_par *par = set(e, text, 200, 0, 0, PANGO_DIRECTION_NEUTRAL);
	int short_lines = 0;

	check_lines(par, 200);
	for (int k = 0; k < par->nlines; k++)
		short_lines += par->lines[k].width < 200 - 1;
	/* Spaces keep their width: lines end short of the measure. */
	assert_true(short_lines >= par->nlines - 1);
	set_reset(e->set);
}

static void
hard_breaks(void **state)
{
	struct env *e = *state;
	const struct set_par *par = set(e, "Eastbank Community Hall\n14 Orchard Row\nopen until "
	    "further notice, day and night", 400, 15, 1, PANGO_DIRECTION_NEUTRAL);

	check_lines(par, 400);
	assert_int_equal(par->nlines, 3);
	/* Only the paragraph's first line is indented, and lines ending at a break are not
	 * stretched to the measure. */
	assert_true(fabs(par->lines[0].x - 15) < EPS);
	assert_true(par->lines[1].x == 0 && par->lines[2].x == 0);
	for (int k = 0; k < 3; k++)
		assert_true(par->lines[k].x + par->lines[k].width < 300);
	set_reset(e->set);
}

/* Whether a line's last run ends with a hyphen added at the break. */
static int
ends_with_hyphen(const struct set_par *par, const struct set_line *ln)
{
	const char *end = par->text + ln->end;

	return ln->end - ln->start >= 2 && (unsigned char)end[-2] == 0xc2 &&
	    (unsigned char)end[-1] == 0xad &&
	    (ln->runs[ln->nruns - 1]->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
}

static void
hyphens(void **state)
{
	struct env *e = *state;
	struct buf b = {0};
	int hyphenated = 0;

	hyph_text(e->hyph, "en", text, strlen(text), &b);
	/* A narrow measure needs hyphens; each is drawn where its line ends. */
	for (double width = 90; width <= 150; width += 10) {
		const struct set_par *par = set(e, buf_str(&b), width, 0, 1, PANGO_DIRECTION_NEUTRAL);
		check_lines(par, width);
		for (int k = 0; k < par->nlines; k++) {
			const struct set_line *ln = &par->lines[k];
			if (ends_with_hyphen(par, ln)) {
				hyphenated++;
				/* The hyphen's glyph is in the line's last run, and counted in its width. */
				PangoGlyphString *gs = ln->runs[ln->nruns - 1]->glyphs;
				assert_true(gs->num_glyphs > 0);
				assert_true(gs->glyphs[gs->num_glyphs - 1].geometry.width > 0);
			}
		}
	}
	assert_true(hyphenated > 0);
	/* A wide measure needs none. */
	const struct set_par *wide = set(e, buf_str(&b), 2000, 0, 1, PANGO_DIRECTION_NEUTRAL);
	for (int k = 0; k < wide->nlines; k++)
		assert_false(ends_with_hyphen(wide, &wide->lines[k]));
	buf_free(&b);
	set_reset(e->set);
}

static void
right_to_left(void **state)
{
	struct env *e = *state;
	/* Persian with an English word in it: "this is a test report with the word English in
	 * it, written from right to left". */
	const char *fa = "\xd8\xa7\xdb\x8c\xd9\x86 \xdb\x8c\xda\xa9 \xda\xaf\xd8\xb2\xd8\xa7\xd8\xb1"
	    "\xd8\xb4 \xd8\xa2\xd8\xb2\xd9\x85\xd8\xa7\xdb\x8c\xd8\xb4\xdb\x8c \xd8\xa7\xd8\xb3\xd8"
	    "\xaa \xd8\xa8\xd8\xa7 \xd9\x88\xd8\xa7\xda\x98\xd9\x87 English \xd8\xaf\xd8\xb1 \xd8"
	    "\xa2\xd9\x86";
	const struct set_par *par = set(e, fa, 1000, 20, 1, PANGO_DIRECTION_NEUTRAL);
	const struct set_line *ln;
	int english = -1, last_word = -1;

	check_lines(par, 1000);
	assert_true(par->rtl);
	assert_int_equal(par->nlines, 1);
	ln = &par->lines[0];
	/* Flush right, before the indent. */
	assert_true(fabs(ln->x + ln->width - 980) < EPS);
	/* Runs go left to right on the page: the Persian words after "English" in the text come
	 * first, and "English" itself is a left-to-right run among them. */
	for (int r = 0; r < ln->nruns; r++) {
		PangoItem *it = ln->runs[r]->item;
		if (strncmp(par->text + it->offset, "English", 7) == 0) {
			english = r;
			assert_int_equal(it->analysis.level % 2, 0);
		}
		if (it->offset + it->length == par->len && last_word < 0)
			last_word = r;
	}
	assert_true(english >= 0 && last_word >= 0);
	assert_true(last_word < english);
	set_reset(e->set);
}

static void
too_long_words(void **state)
{
	struct env *e = *state;
	struct buf b = {0};

	buf_puts(&b, "See https://harbour-ledger.example/");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "archive/");
	buf_puts(&b, " and also ");
	for (int i = 0; i < 600; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, " after.");
	for (int justify = 0; justify < 2; justify++) {
		const struct set_par *par = set(e, buf_str(&b), 150, 10, justify,
		    PANGO_DIRECTION_NEUTRAL);
		check_lines(par, 150);
		assert_true(par->nlines > 10);
	}
	buf_free(&b);
	set_reset(e->set);
}

static void
empty(void **state)
{
	struct env *e = *state;
	const struct set_par *par = set(e, "", 100, 10, 1, PANGO_DIRECTION_NEUTRAL);

	assert_int_equal(par->nlines, 1);
	assert_int_equal(par->lines[0].nruns, 0);
	assert_true(par->lines[0].ascent > 5);
	par = set(e, "a\n\nb", 100, 0, 1, PANGO_DIRECTION_NEUTRAL);
	check_lines(par, 100);
	assert_int_equal(par->nlines, 3);
	set_reset(e->set);
}

/* Random mixes of what hostile or broken text holds: scripts of both directions, bidi
 * controls, joiners, combining marks, soft hyphens, hard breaks, controls, long words, in
 * random measures, with attributes over random ranges. Every line must keep to the text. */
static void
hostile(void **state)
{
	static const char *const pieces[] = {"a", "word ", "  ", "\n", SHY, "-", "\xe2\x80\x94",
	    " ", "\t", "\xd8\xa7\xdb\x8c\xd9\x86", "\xd9\x85\xd8\xb9", "\xe2\x80\x8c",
	    "\xe2\x80\x8d", "\xe2\x80\x8b", "\xe2\x80\xae", "\xe2\x80\xac", "\xe2\x81\xa6",
	    "\xe2\x81\xa9", "\xcc\x81", "e\xcc\x81", "\xf0\x9f\x98\x80", "\xe4\xb8\xad", "\xc2\xa0",
	    "office", "ffi", "\r", "\xe2\x80\xa8", "\xe2\x80\xa9", "http://x.example/a/b/c",
	    "\xef\xbf\xbd", "\x01", "xxxxxxxxxxxxxxxxxxxxxxxx", "\xd7\xa9\xd7\x9c"};
	static const PangoDirection dirs[] = {PANGO_DIRECTION_LTR, PANGO_DIRECTION_RTL,
	    PANGO_DIRECTION_NEUTRAL};
	struct env *e = *state;
	unsigned seed = 7;

	for (int i = 0; i < 1500; i++) {
		struct buf b = {0};
		PangoAttrList *attrs = pango_attr_list_new();
		int np = rand_r(&seed) % 50;
		for (int k = 0; k < np; k++)
			buf_puts(&b, pieces[rand_r(&seed) % (sizeof(pieces) / sizeof(pieces[0]))]);
		for (int k = 0; k < 2 && b.len > 0; k++) {
			PangoAttribute *a = k ? pango_attr_foreground_new(30000, 0, 0) :
			    pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)(rand_r(&seed) % b.len);
			a->end_index = a->start_index + (guint)(rand_r(&seed) % (b.len - a->start_index + 1));
			pango_attr_list_insert(attrs, a);
		}
		struct set_opts o = {.font = e->fd, .width = 1 + rand_r(&seed) % 300,
		    .indent = rand_r(&seed) % 3 ? 0 : rand_r(&seed) % 40, .justify = rand_r(&seed) % 2,
		    .dir = dirs[rand_r(&seed) % 3]};
		const struct set_par *par = set_paragraph(e->set, buf_str(&b), (int)b.len, attrs, &o);
		int at = 0;
		for (int k = 0; k < par->nlines; k++) {
			assert_true(par->lines[k].start >= at);
			assert_true(par->lines[k].end >= par->lines[k].start);
			at = par->lines[k].end;
			assert_true(fabs(runs_width(&par->lines[k]) - par->lines[k].width) < EPS);
		}
		assert_int_equal(at, par->len);
		pango_attr_list_unref(attrs);
		buf_free(&b);
		if (i % 100 == 0)
			set_reset(e->set);
	}
	set_reset(e->set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(justified),
		cmocka_unit_test(ragged),
		cmocka_unit_test(hard_breaks),
		cmocka_unit_test(hyphens),
		cmocka_unit_test(right_to_left),
		cmocka_unit_test(too_long_words),
		cmocka_unit_test(empty),
		cmocka_unit_test(hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
