/* Unit tests for hyphenation: soft hyphens from libhyphen's dictionaries, words left whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hyph.h"
#include "util.h"

#define SHY "\xc2\xad"

/* Is Debian's dictionary for locale (e.g. "en_US") installed? */
static int
has_dict(const char *locale)
{
	char path[128];

	snprintf(path, sizeof(path), "/usr/share/hyphen/hyph_%s.dic", locale);
	return access(path, R_OK) == 0;
}

/* Hyphenates s in lang and returns the result (static buffer). */
static const char *
run(struct hyph *h, const char *lang, const char *s)
{
	static char out[512];
	struct buf b = {0};

	hyph_text(h, lang, s, strlen(s), &b);
	snprintf(out, sizeof(out), "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

/* Removes soft hyphens from s (static buffer). */
static const char *
strip(const char *s)
{
	static char out[512];
	size_t n = 0;

	for (; *s && n + 1 < sizeof(out); s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xad) {
			s++;
			continue;
		}
		out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

static void
english(void **state)
{
	struct hyph *h = hyph_new(NULL);
	const char *r;

	if (!has_dict("en_US")) {
		hyph_free(h);
		skip();
	}
	r = run(h, "en", "The hyphenation of international newspapers.");
	assert_non_null(strstr(r, SHY));
	assert_string_equal(strip(r), "The hyphenation of international newspapers.");
	/* Short words, names with inner capitals, addresses and numbers stay whole. */
	assert_string_equal(run(h, "en", "cat McDonald https://example.com/information 2024th"),
	    "cat McDonald https://example.com/information 2024th");
	/* The cache gives the same answer twice. */
	assert_string_equal(run(h, "en-GB", "international"), run(h, "en-GB", "international"));
	hyph_free(h);
}

/* The cache restarts when full (half its 32,768 slots, or 512 KB of entries): 40,000
 * distinct words, many of them long, hyphenated twice across several restarts, give what a
 * fresh hyphenator gives each word, and "hyphenation" keeps its breaks after the restarts. */
static void
cache_restarts(void **state)
{
	struct hyph *h = hyph_new(NULL), *fresh = hyph_new(NULL);
	static const char *const stems[] = {"international", "correspondent", "hyphenation",
	    "cooperative", "newspaperman", "extraordinarily", "responsibilities"};
	char w[160];
	const char *first;
	struct buf a = {0}, b = {0};

	if (!has_dict("en_US")) {
		hyph_free(h);
		hyph_free(fresh);
		skip();
	}
	first = run(h, "en", "hyphenation");
	assert_non_null(strstr(first, SHY));
	char keep[64];
	snprintf(keep, sizeof(keep), "%s", first);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 40000; i++) {
			/* Long words (up to 37 letters): the 512 KB of entries fill before half the
			 * slots do. */
			snprintf(w, sizeof(w), "%s%s%c%c%c", stems[i % 7], i % 3 ? "" :
			    "characteristically", 'a' + i / 676 % 26, 'a' + i / 26 % 26, 'a' + i % 26);
			buf_reset(&a);
			hyph_text(h, "en", w, strlen(w), &a);
			/* fresh sees 41 words: its cache never restarts. */
			if (pass == 1 && i % 997 == 0) {
				buf_reset(&b);
				hyph_text(fresh, "en", w, strlen(w), &b);
				assert_string_equal(buf_str(&a), buf_str(&b));
			}
			assert_string_equal(strip(buf_str(&a)), w);
		}
	assert_string_equal(run(h, "en", "hyphenation"), keep);
	buf_free(&a);
	buf_free(&b);
	hyph_free(h);
	hyph_free(fresh);
}

/* Checks that every soft hyphen in the hyphenated words of r leaves at least left letters
 * before it and right letters after it within its word. */
static void
assert_margins(const char *r, int left, int right)
{
	int before = 0;

	for (const char *s = r; *s; s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xad) {
			int after = 0;
			for (const char *t = s + 2; *t && *t != ' ' && *t != '.'; t++)
				after += ((unsigned char)*t & 0xc0) != 0x80 && (unsigned char)*t != 0xc2;
			assert_true(before >= left);
			assert_true(after >= right);
			s++;
		} else if (*s == ' ')
			before = 0;
		else if (((unsigned char)*s & 0xc0) != 0x80)
			before++;
	}
}

static void
margins(void **state)
{
	struct hyph *h = hyph_new(NULL);
	const char *r;

	if (!has_dict("en_US")) {
		hyph_free(h);
		skip();
	}
	r = run(h, "en", "after going paper hyphenation newspapers cooperative correspondents");
	assert_non_null(strstr(r, SHY));
	assert_margins(r, 2, 3);
	/* Spanish's dictionary allows two letters after a break ("ca-mi-sa"); three are kept all
	 * the same ("ca-misa"). */
	if (has_dict("es_ES")) {
		r = run(h, "es", "camisa pelota ventana cuchara Barcelona comida");
		assert_non_null(strstr(r, SHY));
		assert_margins(r, 2, 3);
	}
	hyph_free(h);
}

static void
german_and_unknown(void **state)
{
	struct hyph *h = hyph_new(NULL);
	const char *r;

	if (has_dict("de_DE")) {
		r = run(h, "de", "Zusammenarbeit Straßenbahnhaltestelle");
		assert_non_null(strstr(r, SHY));
		assert_string_equal(strip(r), "Zusammenarbeit Straßenbahnhaltestelle");
		/* The German dictionary is ISO8859-1: a break right after an umlaut needs the word
		 * in its encoding. */
		r = run(h, "de", "Übungen Bücherregal");
		assert_string_equal(r, "Übun" SHY "gen Bü" SHY "cher" SHY "re" SHY "gal");
	}
	if (has_dict("ru_RU")) {
		/* The Russian dictionary is KOI8-R. */
		r = run(h, "ru", "электростанция");
		assert_string_equal(r, "элек" SHY "тро" SHY "станция");
	}
	/* No dictionary: the text is copied as it is. */
	assert_string_equal(run(h, "xx-YY", "internationalisation"), "internationalisation");
	/* A very long word is left to the line breaker. */
	char big[200];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_string_equal(run(h, "en", big), big);
	hyph_free(h);
}

/* Shows soft hyphens as '-' (static buffer). */
static const char *
dashes(const char *r)
{
	static char out[512];
	size_t n = 0;

	for (const char *s = r; *s && n + 1 < sizeof(out); s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xad) {
			out[n++] = '-';
			s++;
		} else
			out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

/* Each language's own dictionary (the packages .ci/packages installs), by its tag. */
static void
languages(void **state)
{
	struct hyph *h = hyph_new(NULL);

	/* German's points, which tests/check_hyph.py takes as its oracle for the PDF. */
	assert_string_equal(dashes(run(h, "de", "Zusammenarbeit Bürgermeisterin Stadtbibliothek "
	    "Einwohnerzahl Müllabfuhr Wirtschaftsministerium")), "Zu-sam-men-ar-beit "
	    "Bür-ger-meis-te-rin Stadt-bi-blio-thek Ein-wohner-zahl Müll-ab-fuhr "
	    "Wirt-schafts-mi-nis-te-rium");
	/* The same words in English patterns: other points. */
	assert_string_equal(dashes(run(h, "en-US", "Einwohnerzahl Müllabfuhr")),
	    "Ein-wohn-erzahl Mül-lab-fuhr");
	assert_string_equal(dashes(run(h, "de-DE", "Zusammenarbeit")), "Zu-sam-men-ar-beit");
	/* French's dictionary is UTF-8: libhyphen counts its places in characters ("dé" is two). */
	assert_string_equal(dashes(run(h, "fr", "développement téléphone")),
	    "dé-ve-lop-pe-ment té-lé-phone");
	assert_string_equal(dashes(run(h, "es", "información")), "in-for-ma-ción");
	assert_string_equal(dashes(run(h, "it", "informazione")), "in-for-ma-zione");
	assert_string_equal(dashes(run(h, "pt", "desenvolvimento")), "de-sen-vol-vi-mento");
	assert_string_equal(dashes(run(h, "pt-BR", "informação")), "in-for-ma-ção");
	assert_string_equal(dashes(run(h, "nl", "ziekenhuis gemeenteraad")),
	    "zie-ken-huis ge-meen-te-raad");
	/* No hyphens in scripts that have none, in their own languages or inside another's. */
	assert_string_equal(run(h, "fa", "کتابخانه‌ها"), "کتابخانه‌ها");
	assert_string_equal(run(h, "ar", "المكتبات"), "المكتبات");
	assert_string_equal(run(h, "he", "ספרייה"), "ספרייה");
	assert_string_equal(run(h, "zh", "图书馆图书馆"), "图书馆图书馆");
	assert_string_equal(dashes(run(h, "en", "the کتابخانه‌های library")), "the کتابخانه‌های li-brary");
	hyph_free(h);
}

static void
empty(void **state)
{
	struct hyph *h = hyph_new(NULL);

	assert_string_equal(run(h, "en", ""), "");
	assert_string_equal(run(h, NULL, "  "), "  ");
	hyph_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english),
		cmocka_unit_test(cache_restarts),
		cmocka_unit_test(margins),
		cmocka_unit_test(german_and_unknown),
		cmocka_unit_test(languages),
		cmocka_unit_test(empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
