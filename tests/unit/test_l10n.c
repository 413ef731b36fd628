/* Unit tests for dates, counts and labels in each language (ICU and lang/labels.yaml). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "date.h"
#include "l10n.h"

static struct l10n *greg, *persian, *native;

static int
setup(void **state)
{
	greg = l10n_load(QUIRE_DATADIR "/lang/labels.yaml", "gregorian");
	persian = l10n_load(QUIRE_DATADIR "/lang/labels.yaml", "persian");
	native = l10n_load(QUIRE_DATADIR "/lang/labels.yaml", "native");
	return 0;
}

static int
teardown(void **state)
{
	l10n_free(greg);
	l10n_free(persian);
	l10n_free(native);
	return 0;
}

static const struct date nov20 = {.year = 2019, .month = 11, .day = 20};

/* d's day in lang with l. */
static const char *
day(const struct l10n *l, const char *lang, const struct date *d)
{
	static char out[80];

	l10n_date(l, lang, d, out, sizeof(out));
	return out;
}

static void
english(void **state)
{
	/* quire's own English form, whatever the region; and without a table, too. */
	assert_string_equal(day(greg, "en", &nov20), "20 November 2019");
	assert_string_equal(day(greg, "en-US", &nov20), "20 November 2019");
	assert_string_equal(day(NULL, "en", &nov20), "20 November 2019");
	/* A time of day late in a time zone east of UTC stays on its calendar day. */
	struct date late = {.year = 2019, .month = 11, .day = 20, .hour = 23, .min = 30,
	    .has_time = 1, .has_tz = 1, .tz_min = -600};
	assert_string_equal(day(greg, "de", &late), "20. November 2019");
}

static void
german(void **state)
{
	char out[80];

	assert_string_equal(day(greg, "de", &nov20), "20. November 2019");
	assert_string_equal(day(greg, "de-AT", &nov20), "20. November 2019");
	assert_string_equal(day(greg, "fr", &nov20), "20 novembre 2019");
	assert_string_equal(day(greg, "es", &nov20), "20 de noviembre de 2019");
	assert_string_equal(day(greg, "ru", &nov20), "20 ноября 2019\u202fг.");
	l10n_month(greg, "de", &nov20, out, sizeof(out));
	assert_string_equal(out, "November 2019");
	struct date d1 = {.year = 2019, .month = 11, .day = 1}, d30 = {.year = 2019, .month = 11,
	    .day = 30};
	l10n_range(greg, "de", &d1, &d30, out, sizeof(out));
	assert_string_equal(out, "1.–30. November 2019");
	l10n_range(greg, "en", &d1, &d30, out, sizeof(out));
	assert_string_equal(out, "1–30 November 2019");
}

static void
persian_gregorian(void **state)
{
	char out[80];

	/* The Gregorian calendar in Persian words and Persian digits. */
	assert_string_equal(day(greg, "fa", &nov20), "۲۰ نوامبر ۲۰۱۹");
	assert_string_equal(day(greg, "fa-IR", &nov20), "۲۰ نوامبر ۲۰۱۹");
	l10n_month(greg, "fa", &nov20, out, sizeof(out));
	assert_string_equal(out, "نوامبر ۲۰۱۹");
}

static void
persian_solar_hijri(void **state)
{
	char out[80];
	struct date nowruz = {.year = 2024, .month = 3, .day = 20};

	/* 20 November 2019 is 29 Aban 1398; 20 March 2024, Nowruz, is 1 Farvardin 1403. */
	assert_string_equal(day(persian, "fa", &nov20), "۲۹ آبان ۱۳۹۸");
	assert_string_equal(day(native, "fa", &nov20), "۲۹ آبان ۱۳۹۸");
	assert_string_equal(day(persian, "fa", &nowruz), "۱ فروردین ۱۴۰۳");
	/* "native" leaves the other languages in their own (Gregorian) calendar. */
	assert_string_equal(day(native, "de", &nov20), "20. November 2019");
	assert_string_equal(day(native, "en", &nov20), "20 November 2019");
	/* Contents groups are Gregorian months whatever the calendar. */
	l10n_month(persian, "fa", &nov20, out, sizeof(out));
	assert_string_equal(out, "نوامبر ۲۰۱۹");
	/* English in the Solar Hijri calendar: ICU's words, day first. */
	assert_string_equal(day(persian, "en", &nov20), "29 Aban 1398 AP");
}

static void
arabic(void **state)
{
	/* Arabic's default numbering system in ICU 72 is Arabic-Indic digits. */
	assert_string_equal(day(greg, "ar", &nov20), "٢٠ نوفمبر ٢٠١٩");
	char *s = l10n_count(greg, "ar", L10N_ARTICLES, 1);
	assert_string_equal(s, "مقالة واحدة");
	free(s);
	s = l10n_count(greg, "ar", L10N_ARTICLES, 2);
	assert_string_equal(s, "مقالتان");
	free(s);
	s = l10n_count(greg, "ar", L10N_ARTICLES, 5);
	assert_string_equal(s, "٥ مقالات");
	free(s);
	s = l10n_count(greg, "ar", L10N_ARTICLES, 11);
	assert_string_equal(s, "١١ مقالة");
	free(s);
}

static void
counts(void **state)
{
	static const struct {
		const char *lang;
		size_t n;
		const char *want;
	} cases[] = {
		{"en", 1, "1 article"}, {"en", 1200, "1200 articles"}, {"de", 3, "3 Artikel"},
		{"fr", 0, "0 article"}, {"fr", 2, "2 articles"}, {"ru", 1, "1 статья"},
		{"ru", 3, "3 статьи"}, {"ru", 5, "5 статей"}, {"ru", 21, "21 статья"},
		{"fa", 3, "۳ مقاله"}, {"nl", 2, "2 artikelen"}, {"xx", 2, "2 articles"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = l10n_count(greg, cases[i].lang, L10N_ARTICLES, cases[i].n);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void
labels(void **state)
{
	char *names[] = {"Anna Berg", "Bo Chen", "Cy Dorn"};
	char *s;

	assert_string_equal(l10n_label(greg, "de", L10N_CONTENTS), "Inhalt");
	assert_string_equal(l10n_label(greg, "pt-BR", L10N_CONTENTS), "Índice");
	assert_string_equal(l10n_label(greg, "fa", L10N_CONTENTS), "فهرست مطالب");
	/* A language the table lacks, and no table: English. */
	assert_string_equal(l10n_label(greg, "sw", L10N_CONTENTS), "Contents");
	assert_string_equal(l10n_label(NULL, "de", L10N_CONTENTS), "Contents");
	s = l10n_byline(greg, "en", names, 3);
	assert_string_equal(s, "By Anna Berg, Bo Chen and Cy Dorn");
	free(s);
	s = l10n_byline(greg, "de", names, 2);
	assert_string_equal(s, "Von Anna Berg und Bo Chen");
	free(s);
	s = l10n_byline(greg, "ru", names, 1);
	assert_string_equal(s, "Автор: Anna Berg");
	free(s);
	s = l10n_byline(greg, "ru", names, 2);
	assert_string_equal(s, "Авторы: Anna Berg и Bo Chen");
	free(s);
	/* No byline of its own: English words and English joining. */
	s = l10n_byline(greg, "ja", names, 2);
	assert_string_equal(s, "By Anna Berg and Bo Chen");
	free(s);
	s = l10n_fmt(greg, "fr", L10N_SOURCE, "x");
	assert_string_equal(s, "Source\u00a0: x");
	free(s);
	assert_int_equal(l10n_ltr("20 November 2019"), 1);
	assert_int_equal(l10n_ltr("۲۰ نوامبر ۲۰۱۹"), 0);
	assert_int_equal(l10n_calendar_ok("persian"), 1);
	assert_int_equal(l10n_calendar_ok("lunar"), 0);
}

/* A labels file with mistakes: the bad labels are left out with a warning, the rest kept. */
static void
bad_labels(void **state)
{
	char path[] = "/tmp/quire-labels-XXXXXX";
	int fd = mkstemp(path);
	const char *text = "de:\n  by: \"Von\"\n  contents: \"Inhalt %d\"\n  colophon: \"Impressum\"\n"
	    "  nonsense: \"x\"\n";

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct l10n *l = l10n_load(path, NULL);
	unlink(path);
	assert_string_equal(l10n_label(l, "de", L10N_BY), "By %s");
	assert_string_equal(l10n_label(l, "de", L10N_CONTENTS), "Contents");
	assert_string_equal(l10n_label(l, "de", L10N_COLOPHON), "Impressum");
	l10n_free(l);
	/* A missing file: English. */
	l = l10n_load("/nonexistent/labels.yaml", NULL);
	assert_string_equal(l10n_label(l, "de", L10N_COLOPHON), "Colophon");
	l10n_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english),
		cmocka_unit_test(german),
		cmocka_unit_test(persian_gregorian),
		cmocka_unit_test(persian_solar_hijri),
		cmocka_unit_test(arabic),
		cmocka_unit_test(counts),
		cmocka_unit_test(labels),
		cmocka_unit_test(bad_labels),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
