/* An article's language and direction from the script of its letters. */
#include <string.h>
#include <strings.h>

#include "script.h"
#include "util.h"

enum dir
script_lang_dir(const char *lang)
{
	static const char *const rtl[] = {"ar", "fa", "he", "iw", "ur", "ps", "yi", "dv", "ckb",
	    "sd", "ug", "syr", "arc", "nqo", "prs", "pnb", "ks"};
	size_t n;

	if (lang == NULL)
		return DIR_AUTO;
	/* A script subtag decides: "az-Arab" is right to left, "sd-Deva" is not. */
	for (const char *p = strchr(lang, '-'); p; p = strchr(p + 1, '-')) {
		size_t len = strcspn(p + 1, "-");
		int alpha = len == 4;
		for (size_t i = 0; alpha && i < 4; i++)
			alpha = ascii_isalpha((unsigned char)p[1 + i]);
		if (!alpha)
			continue;
		return strncasecmp(p + 1, "Arab", 4) == 0 || strncasecmp(p + 1, "Hebr", 4) == 0 ||
		    strncasecmp(p + 1, "Thaa", 4) == 0 || strncasecmp(p + 1, "Syrc", 4) == 0 ||
		    strncasecmp(p + 1, "Nkoo", 4) == 0 ? DIR_RTL : DIR_LTR;
	}
	n = strcspn(lang, "-_");
	for (size_t i = 0; i < sizeof(rtl) / sizeof(rtl[0]); i++)
		if (strlen(rtl[i]) == n && strncasecmp(lang, rtl[i], n) == 0)
			return DIR_RTL;
	return DIR_LTR;
}

/* The letters counted in a text. */
struct tally {
	size_t ltr;             /* strongly left-to-right letters */
	size_t arabic;          /* Arabic-script letters */
	size_t persian;         /* of those, the letters Persian adds to Arabic's */
	size_t urdu;            /* of those, the letters only Urdu uses */
	size_t hebrew;
	size_t rtl_other;       /* Syriac, Thaana, N'Ko */
};

/* Is cp a letter of the Arabic script (digits, marks and punctuation excluded)? */
static int
arabic_letter(uint32_t cp)
{
	return (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D3) || cp == 0x6D5 ||
	    cp == 0x6EE || cp == 0x6EF || (cp >= 0x6FA && cp <= 0x6FF) ||
	    (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8C9) ||
	    (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

/* Is cp a left-to-right letter: Latin, Greek, Cyrillic, Armenian, the scripts of India and
 * South-East Asia, Georgian, Ethiopic, CJK, Hangul? An approximation by blocks that holds for
 * the letters of running text; punctuation, digits and symbols are left out. */
static int
ltr_letter(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_isalpha((int)cp);
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x370 && cp <= 0x58F) || (cp >= 0x900 && cp <= 0x1FFF) ||
	    (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF21 && cp <= 0xFF5A);
}

static void
count(struct tally *t, const char *s)
{
	size_t i = 0, n = s ? strlen(s) : 0;
	uint32_t cp;

	while (utf8_next(s, n, &i, &cp)) {
		if (arabic_letter(cp)) {
			t->arabic++;
			t->persian += cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF ||
			    cp == 0x6A9 || cp == 0x6CC;
			/* ٹ ڈ ڑ ں ے ہ: Urdu's own letters (Persian shares its ک and ی). */
			t->urdu += cp == 0x679 || cp == 0x688 || cp == 0x691 || cp == 0x6BA ||
			    cp == 0x6D2 || cp == 0x6C1;
		} else if ((cp >= 0x5D0 && cp <= 0x5F2) || (cp >= 0xFB1D && cp <= 0xFB4F))
			t->hebrew++;
		else if ((cp >= 0x710 && cp <= 0x74F) || (cp >= 0x780 && cp <= 0x7A5) ||
		    (cp >= 0x7CA && cp <= 0x7EA))
			t->rtl_other++;
		else if (ltr_letter(cp))
			t->ltr++;
	}
}

void
script_detect(struct article *a, enum dir base)
{
	struct tally t = {0};
	struct node_iter it;
	size_t rtl;
	enum dir text;

	count(&t, a->title);
	if (a->body) {
		node_iter_init(&it, a->body);
		while (node_iter_next(&it) != NODE_EV_DONE)
			if (it.ev == NODE_EV_ENTER && it.node->type != NODE_IMAGE &&
			    it.node->type != NODE_CODE && it.node->type != NODE_CODE_BLOCK)
				count(&t, it.node->text);
	}
	rtl = t.arabic + t.hebrew + t.rtl_other;
	text = rtl > t.ltr ? DIR_RTL : t.ltr ? DIR_LTR : script_lang_dir(a->lang);
	if (a->dir == DIR_AUTO && text != DIR_AUTO && text != (base == DIR_RTL ? DIR_RTL : DIR_LTR))
		a->dir = text;
	if (a->lang || rtl <= t.ltr)
		return;
	/* A few per cent of Persian or Urdu letters: Arabic text has none of them. */
	if (t.hebrew > t.arabic)
		a->lang = xstrdup("he");
	else if (t.arabic >= t.hebrew && t.arabic > t.rtl_other && t.urdu * 50 >= t.arabic)
		a->lang = xstrdup("ur");
	else if (t.arabic > t.rtl_other && t.persian * 50 >= t.arabic)
		a->lang = xstrdup("fa");
	else if (t.arabic > t.rtl_other)
		a->lang = xstrdup("ar");
}
