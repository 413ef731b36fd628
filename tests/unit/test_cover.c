/* Unit tests for the covers' choices (cover.c): how a photo fills its frame, which photo the
 * cover shows, and the back cover's line naming the articles' source sites. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cover.h"
#include "l10n.h"
#include "style.h"

/* A wide photo in a tall frame is scaled to the frame's height and centred across it; a tall
 * one in a wide frame to its width; the aspect ratio is kept either way. */
static void
fill(void **state)
{
	double x, y, w, h;

	cover_fill(400, 300, 100, 150, &x, &y, &w, &h);
	assert_float_equal(h, 150, 1e-9);
	assert_float_equal(w, 200, 1e-9);
	assert_float_equal(x, -50, 1e-9);
	assert_float_equal(y, 0, 1e-9);
	cover_fill(300, 900, 300, 200, &x, &y, &w, &h);
	assert_float_equal(w, 300, 1e-9);
	assert_float_equal(h, 900, 1e-9);
	assert_float_equal(x, 0, 1e-9);
	assert_float_equal(y, -350, 1e-9);
	cover_fill(160, 240, 1600, 2400, &x, &y, &w, &h);
	assert_float_equal(w / h, 160.0 / 240.0, 1e-9);
	assert_true(w >= 1600 && h >= 2400);
}

/* n articles with the given sources (NULL: none), in this order. */
static void
book(struct archive *ar, struct toc *t, struct article *a, size_t *order, const char **src,
     size_t n)
{
	memset(ar, 0, sizeof(*ar));
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < n; i++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].source = (char *)src[i];
		order[i] = i;
	}
	ar->title = "T";
	ar->lang = "en";
	ar->articles = a;
	ar->narticles = n;
	ar->date = (struct date){.year = 2024, .month = 6, .day = 30};
	t->order = order;
	t->n = n;
}

static void
sources(void **state)
{
	struct style st = {.font_heading = "Noto Sans", .font_body = "Noto Serif",
	    .accent_color = "#112233", .text_color = "#000000"};
	struct archive ar;
	struct toc t;
	struct article a[12];
	size_t order[12];
	struct cover *c;
	const char *few[] = {"https://b.example/1", "http://WWW.A.example:8080/x?y", "https://a.example/2",
	    NULL, "mailto:x", "https://user@c.example#f"};

	book(&ar, &t, a, order, few, 6);
	c = cover_new(&ar, &t, &st);
	/* The most frequent first, then in reading order; hosts in lower case, without www. and
	 * the port. */
	assert_string_equal(c->sources, "From a.example, b.example and c.example.");
	assert_string_equal(c->snapshot, "Snapshot of 30 June 2024");
	assert_string_equal(c->date, c->snapshot);
	assert_null(c->photo);
	assert_null(c->publisher);
	assert_float_equal(c->accent[0], 0x11 / 255.0, 1e-9);
	cover_free(c);

	const char *many[] = {"https://s1.example/", "https://s2.example/", "https://s3.example/",
	    "https://s4.example/", "https://s5.example/", "https://s6.example/", "https://s7.example/",
	    "https://s8.example/", "https://s9.example/"};
	book(&ar, &t, a, order, many, 9);
	c = cover_new(&ar, &t, &st);
	assert_string_equal(c->sources, "From 9 sites.");
	cover_free(c);

	const char *none[] = {NULL, "not a url"};
	book(&ar, &t, a, order, none, 2);
	ar.subtitle = "S";
	c = cover_new(&ar, &t, &st);
	assert_null(c->sources);
	assert_string_equal(c->alt, "T: S");
	cover_free(c);
}

/* The labels in another language come from lang/labels.yaml. */
static void
german(void **state)
{
	struct l10n *l = l10n_load(QUIRE_DATADIR "/lang/labels.yaml", NULL);
	struct style st = {.font_heading = "Noto Sans", .font_body = "Noto Serif", .l10n = l};
	struct archive ar;
	struct toc t;
	struct article a[2];
	size_t order[2];
	const char *src[] = {"https://x.example/", "https://y.example/"};
	struct cover *c;

	book(&ar, &t, a, order, src, 2);
	ar.lang = "de";
	c = cover_new(&ar, &t, &st);
	assert_string_equal(c->sources, "Aus x.example und y.example.");
	assert_string_equal(c->snapshot, "Momentaufnahme vom 30. Juni 2024");
	cover_free(c);
	l10n_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fill),
		cmocka_unit_test(sources),
		cmocka_unit_test(german),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
