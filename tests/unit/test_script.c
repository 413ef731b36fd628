/* Unit tests for writing systems: the direction of language tags, and an article's language and
 * direction found from its letters (script.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "script.h"
#include "util.h"

static void
lang_dirs(void **state)
{
	static const char *const rtl[] = {"fa", "fa-IR", "ar", "ar-EG", "he", "iw", "ur", "ps",
	    "yi", "ckb", "az-Arab", "pa-Arab-PK", "FA"};
	static const char *const ltr[] = {"en", "en-GB", "de", "fr", "ru", "zh-Hant-TW", "sd-Deva",
	    "az-Latn", "far", "hee", "x-private"};

	for (size_t i = 0; i < sizeof(rtl) / sizeof(rtl[0]); i++)
		assert_int_equal(script_lang_dir(rtl[i]), DIR_RTL);
	for (size_t i = 0; i < sizeof(ltr) / sizeof(ltr[0]); i++)
		assert_int_equal(script_lang_dir(ltr[i]), DIR_LTR);
	assert_int_equal(script_lang_dir(NULL), DIR_AUTO);
}

/* Detects an article titled title with one paragraph of body text, lang and dir as given, in an
 * archive of direction base; returns the language found (or NULL) and sets *dir. */
static char *
detect(const char *title, const char *body, const char *lang, enum dir dir, enum dir base,
       enum dir *out)
{
	struct article a = {0};
	struct node *p, *t;
	char *found;

	a.title = xstrdup(title);
	a.lang = lang ? xstrdup(lang) : NULL;
	a.dir = dir;
	a.body = node_new(NODE_BODY);
	p = node_append(a.body, node_new(NODE_PARA));
	t = node_append(p, node_new(NODE_TEXT));
	t->text = xstrdup(body);
	script_detect(&a, base);
	*out = a.dir;
	found = a.lang ? xstrdup(a.lang) : NULL;
	article_clear(&a);
	return found;
}

static void
detection(void **state)
{
	enum dir d;
	char *l;

	/* Persian: Arabic script with keheh, farsi yeh, gaf. */
	l = detect("بارش باران", "گزارش\u200cها نشان می\u200cدهد که بارش کم بود.", NULL, DIR_AUTO,
	    DIR_LTR, &d);
	assert_string_equal(l, "fa");
	assert_int_equal(d, DIR_RTL);
	free(l);
	/* Arabic: no Persian letters. */
	l = detect("مكتبة", "قال المسؤولون إن المدينة ستفتتح مكتبة جديدة.", NULL, DIR_AUTO, DIR_LTR,
	    &d);
	assert_string_equal(l, "ar");
	assert_int_equal(d, DIR_RTL);
	free(l);
	/* Urdu: its own letters (ے ٹ). */
	l = detect("خبر", "یہ ایک اچھی کتاب ہے اور ٹرین چلی گئی۔", NULL, DIR_AUTO, DIR_LTR, &d);
	assert_string_equal(l, "ur");
	free(l);
	/* Hebrew. */
	l = detect("ספרייה", "העירייה פתחה ספרייה חדשה.", NULL, DIR_AUTO, DIR_LTR, &d);
	assert_string_equal(l, "he");
	assert_int_equal(d, DIR_RTL);
	free(l);
	/* English with Persian names: left to right, the archive's language. */
	l = detect("Tehran", "We met Maryam Ahmadi (مریم احمدی) in Tehran (تهران) on Sunday.", NULL,
	    DIR_AUTO, DIR_LTR, &d);
	assert_null(l);
	assert_int_equal(d, DIR_AUTO);
	/* The same in a right-to-left archive: marked left to right. */
	l = detect("Tehran", "We met Maryam Ahmadi (مریم احمدی) in Tehran.", NULL, DIR_AUTO, DIR_RTL,
	    &d);
	assert_null(l);
	assert_int_equal(d, DIR_LTR);
	/* Persian in a Persian archive: nothing to add to the archive's direction. */
	l = detect("باران", "کارشناسان می\u200cگویند.", "fa", DIR_AUTO, DIR_RTL, &d);
	assert_string_equal(l, "fa");
	assert_int_equal(d, DIR_AUTO);
	free(l);
	/* What the front matter says wins. */
	l = detect("A report", "گزارش\u200cها نشان می\u200cدهد.", "en", DIR_LTR, DIR_LTR, &d);
	assert_string_equal(l, "en");
	assert_int_equal(d, DIR_LTR);
	free(l);
	/* No letters: the language decides. */
	l = detect("1398", "۱۳۹۸ – ۲۰۱۹", "fa", DIR_AUTO, DIR_LTR, &d);
	assert_int_equal(d, DIR_RTL);
	free(l);
	l = detect("2019", "2019 – 2020", NULL, DIR_AUTO, DIR_LTR, &d);
	assert_null(l);
	assert_int_equal(d, DIR_AUTO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lang_dirs),
		cmocka_unit_test(detection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
