/* Unit tests for date parsing, ordering and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static void
parse_plain(void **state)
{
	struct date d;

	assert_int_equal(date_parse("2024-03-04", &d), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 4);
	assert_int_equal(d.has_time, 0);
	assert_int_equal(date_parse("  2024-02-29 ", &d), 0);
	assert_int_equal(date_parse("2023-02-29", &d), -1);
	assert_int_equal(date_parse("2024-13-01", &d), -1);
	assert_int_equal(date_parse("2024-3-4", &d), -1);
	assert_int_equal(date_parse("yesterday", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
	assert_int_equal(d.year, 0);
}

static void
parse_time(void **state)
{
	struct date d;
	char utc[21];

	assert_int_equal(date_parse("2024-05-02T18:30:00+02:00", &d), 0);
	assert_int_equal(d.has_time, 1);
	assert_int_equal(d.tz_min, 120);
	date_iso_utc(&d, utc);
	assert_string_equal(utc, "2024-05-02T16:30:00Z");
	assert_int_equal(date_parse("2024-01-01 00:15:00 -0130", &d), 0);
	date_iso_utc(&d, utc);
	assert_string_equal(utc, "2024-01-01T01:45:00Z");
	assert_int_equal(date_parse("2024-12-31T23:59:59.123Z", &d), 0);
	date_iso_utc(&d, utc);
	assert_string_equal(utc, "2024-12-31T23:59:59Z");
	assert_int_equal(date_parse("2024-05-02T25:00", &d), -1);
	assert_int_equal(date_parse("2024-05-02T10:00junk", &d), -1);
}

static void
epoch_roundtrip(void **state)
{
	struct date d, e;
	char pdf[18];

	date_from_epoch(0, &d);
	assert_int_equal(d.year, 1970);
	date_from_epoch(1719705600, &d); /* 2024-06-30T00:00:00Z */
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 6);
	assert_int_equal(d.day, 30);
	date_pdf(&d, pdf);
	assert_string_equal(pdf, "D:20240630000000Z");
	for (int64_t t = -86400 * 400; t < 86400LL * 365 * 60; t += 86400 * 7 + 3601) {
		date_from_epoch(t, &e);
		assert_true(date_epoch(&e) == t);
	}
}

static void
ordering(void **state)
{
	struct date a, b, none = {0};

	date_parse("2024-05-02T18:30:00+02:00", &a);
	date_parse("2024-05-02T17:00:00Z", &b);
	assert_true(date_cmp(&a, &b) < 0);
	assert_true(date_cmp(&b, &a) > 0);
	assert_true(date_cmp(&a, &none) < 0);
	assert_true(date_cmp(&none, &a) > 0);
	assert_int_equal(date_cmp(&none, &none), 0);
}

static void
from_name(void **state)
{
	struct date d;
	char s[32];

	assert_int_equal(date_from_name("2024-04-18-ferry.md", &d), 0);
	date_long(&d, s);
	assert_string_equal(s, "18 April 2024");
	assert_int_equal(date_from_name("ferry-2024-04-18.md", &d), -1);
	assert_int_equal(date_from_name("2024-04-180.md", &d), -1);
}

static void
prose_forms(void **state)
{
	struct date d;
	const char *e;
	char iso[11];
	static const struct {
		const char *in, *iso, *rest;
	} ok[] = {
		{"Sept. 5, 2023", "2023-09-05", ""},
		{"September 5 2023 --", "2023-09-05", " --"},
		{"Sep 5th, 2023 10:00 BST", "2023-09-05", " 10:00 BST"},
		{"March 3, 2024", "2024-03-03", ""},
		{"mar. 3, 2024", "2024-03-03", ""},
		{"5 September 2023", "2023-09-05", ""},
		{"5th Sep, 2023:", "2023-09-05", ":"},
		{"5. September 2023", "2023-09-05", ""},
		{"01 Mar 2024 10:00:00 GMT", "2024-03-01", " 10:00:00 GMT"},
		{"Tuesday, September 5, 2023", "2023-09-05", ""},
		{"Tue 5 Sep 2023", "2023-09-05", ""},
		{"Thurs. 7 Sep 2023", "2023-09-07", ""},
		{"2023-09-05 by", "2023-09-05", " by"},
		{"2023/09/05", "2023-09-05", ""},
		{"2024/3/1 by", "2024-03-01", " by"},
		{"2024/12/1", "2024-12-01", ""},
		{"2016-12-22T14:03:00+0000 x", "2016-12-22", " x"},
		{"February 29, 2024", "2024-02-29", ""},
		{"March 1, 1850", "1850-03-01", ""},
	};
	static const char *const bad[] = {
		"", "March 2024", "March, 3 2024", "March3, 2024", "Mayor 5, 2023", "Marc 5, 2023",
		"5 Mayor 2023", "February 29, 2023", "32 March 2024", "March 3, 20245",
		"March 3, 2024x", "March 3, 24", "5 September", "123 March 2024",
		"2023-9-5", "2023-09-051", "2023.09.05", "2023-09/05", "20230905", "Tuesday",
		"yesterday",
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		e = NULL;
		assert_int_equal(date_prose(ok[i].in, &d, &e), 0);
		date_iso(&d, iso);
		assert_string_equal(iso, ok[i].iso);
		assert_non_null(e);
		assert_string_equal(e, ok[i].rest);
	}
	assert_int_equal(date_prose("2023-09-05T10:00Z", &d, &e), 0);
	assert_int_equal(d.has_time, 1);
	assert_int_equal(d.hour, 10);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e = NULL;
		assert_int_equal(date_prose(bad[i], &d, &e), -1);
		assert_int_equal(d.year, 0);
		assert_null(e);
	}
}

static void
prose_words(void **state)
{
	const char *e;

	assert_int_equal(date_month_at("January 1", &e), 1);
	assert_string_equal(e, " 1");
	assert_int_equal(date_month_at("Sept. 5", &e), 9);
	assert_string_equal(e, " 5");
	assert_int_equal(date_month_at("DEC", &e), 12);
	assert_string_equal(e, "");
	assert_int_equal(date_month_at("May.", &e), 5);
	assert_string_equal(e, ".");
	assert_int_equal(date_month_at("Ma", &e), 0);
	assert_int_equal(date_month_at("Mayor", &e), 0);
	assert_int_equal(date_month_at("Septem", &e), 0);
	assert_int_equal(date_weekday_at("Tuesday, 5"), 7);
	assert_int_equal(date_weekday_at("tue 5"), 3);
	assert_int_equal(date_weekday_at("Thurs."), 5);
	assert_int_equal(date_weekday_at("Tu"), 0);
	assert_int_equal(date_weekday_at("Tuesdays"), 0);
}

static void
ranges(void **state)
{
	struct date a = {.year = 2019, .month = 11, .day = 1}, b = {.year = 2019, .month = 11, .day = 30};
	struct date c = {.year = 2019, .month = 10, .day = 5}, d = {.year = 2020, .month = 1, .day = 2};
	struct date none = {0};
	char out[80];

	date_range(&a, &b, out);
	assert_string_equal(out, "1\xe2\x80\x93" "30 November 2019");
	date_range(&c, &b, out);
	assert_string_equal(out, "5 October \xe2\x80\x93 30 November 2019");
	date_range(&c, &d, out);
	assert_string_equal(out, "5 October 2019 \xe2\x80\x93 2 January 2020");
	date_range(&a, &a, out);
	assert_string_equal(out, "1 November 2019");
	date_range(&a, &none, out);
	assert_string_equal(out, "1 November 2019");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_plain),
		cmocka_unit_test(parse_time),
		cmocka_unit_test(epoch_roundtrip),
		cmocka_unit_test(ordering),
		cmocka_unit_test(from_name),
		cmocka_unit_test(prose_forms),
		cmocka_unit_test(prose_words),
		cmocka_unit_test(ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
