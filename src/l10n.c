/* Words in each language: quire's labels from lang/labels.yaml; dates, numbers, plurals and
 * lists of names from ICU. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/ulistformatter.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "date.h"
#include "l10n.h"
#include "msg.h"
#include "style.h"
#include "util.h"
#include "yamlmap.h"

/* The labels' names in labels.yaml and their English, which is also what a language lacking
 * one falls back to. */
static const struct {
	const char *name;
	const char *en;
} keys[L10N__COUNT] = {
	[L10N_BY] = {"by", "By %s"},
	[L10N_BY_MANY] = {"by-many", "By %s"},
	[L10N_SOURCE] = {"source", "Source: %s"},
	[L10N_CONTENTS] = {"contents", "Contents"},
	[L10N_COLOPHON] = {"colophon", "Colophon"},
	[L10N_SOURCES] = {"sources", "Sources"},
	[L10N_CHANGES] = {"changes", "Changes since the earlier snapshot"},
	[L10N_UNDATED] = {"undated", "Undated"},
	[L10N_OTHER] = {"other", "Other"},
	[L10N_UNTITLED] = {"untitled", "Untitled"},
	[L10N_SNAPSHOT] = {"snapshot", "Snapshot of %s"},
	[L10N_SNAPSHOT_OF] = {"snapshot-of", "snapshot of %s"},
	[L10N_ARTICLES_OF] = {"articles-of", "Articles of %s."},
	[L10N_PUBLISHED_BY] = {"published-by", "Published by %s."},
	[L10N_IDENTIFIER] = {"identifier", "Identifier: %s"},
	[L10N_COVER] = {"cover", "Cover"},
	[L10N_START] = {"start", "Start of content"},
	[L10N_FROM] = {"from", "From %s."},
	[L10N_BACK_COVER] = {"back-cover", "Back cover"},
};

static const struct {
	const char *name;
	const char *one, *other;
} counts[L10N__NCOUNTS] = {
	[L10N_ARTICLES] = {"articles", "%s article", "%s articles"},
	[L10N_SITES] = {"sites", "%s site", "%s sites"},
};

/* CLDR's plural categories, as uplrules_select names them. */
static const char *const categories[] = {"zero", "one", "two", "few", "many", "other"};

struct l10n {
	struct ymap labels;     /* "de.by" -> "Von %s"; checked */
	char *calendar;         /* an ICU calendar keyword, or NULL: each language's own */
	struct strset icu;      /* the languages ICU has data for ("de", "fa") */
};

int
l10n_calendar_ok(const char *c)
{
	static const char *const known[] = {
		"gregorian", "native", "persian", "islamic", "islamic-civil", "islamic-umalqura",
		"islamic-tbla", "hebrew", "japanese", "buddhist", "chinese", "coptic", "ethiopic",
		"indian", "roc", "dangi"
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(c, known[i]) == 0)
			return 1;
	return 0;
}

/* Whether the label s holds "%s" exactly want times (want -1: at most once) and no other '%'. */
static int
well_formed(const char *s, int want)
{
	int n = 0;

	for (const char *p = strchr(s, '%'); p; p = strchr(p + 2, '%')) {
		if (p[1] != 's')
			return 0;
		n++;
	}
	return want < 0 ? n <= 1 : n == want;
}

/* Whether key (after "lang.") names a label or a plural form, and how many %s it wants: a plural
 * form may leave the number out ("مقالة واحدة": one article). */
static int
known_key(const char *key, int *want)
{
	for (int k = 0; k < L10N__COUNT; k++)
		if (strcmp(key, keys[k].name) == 0) {
			*want = strstr(keys[k].en, "%s") != NULL;
			return 1;
		}
	for (int c = 0; c < L10N__NCOUNTS; c++) {
		size_t n = strlen(counts[c].name);
		if (strncmp(key, counts[c].name, n) == 0 && key[n] == '.')
			for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
				if (strcmp(key + n + 1, categories[i]) == 0) {
					*want = -1;
					return 1;
				}
	}
	return 0;
}

struct l10n *
l10n_load(const char *path, const char *calendar)
{
	struct l10n *l = xcalloc(1, sizeof(*l));
	char *own = path ? NULL : path_join(style_datadir(), "lang/labels.yaml");
	const char *file = path ? path : own, *err = NULL;
	char *text = NULL;
	size_t len;
	unsigned errline = 0;

	/* ICU falls back on its default locale, which it takes from the environment (LANG),
	 * for what a locale lacks: a fixed one keeps the output the same everywhere. Languages
	 * ICU has no data for never reach it. */
	{
		UErrorCode st = U_ZERO_ERROR;
		uloc_setDefault("en_US_POSIX", &st);
	}
	if (calendar && strcmp(calendar, "native") != 0)
		l->calendar = xstrdup(calendar);
	else if (calendar == NULL)
		l->calendar = xstrdup("gregorian");
	for (int32_t i = 0, n = uloc_countAvailable(); i < n; i++) {
		char lang[ULOC_LANG_CAPACITY];
		UErrorCode st = U_ZERO_ERROR;
		uloc_getLanguage(uloc_getAvailable(i), lang, sizeof(lang), &st);
		if (U_SUCCESS(st) && lang[0])
			strset_add(&l->icu, lang, 0);
	}
	if (file_read(file, &text, &len) != 0) {
		msg_warn(file, 0, "cannot read the labels; English is used");
		goto done;
	}
	struct ymap m = {0};
	if (ymap_parse(text, len, 0, &m, &err, &errline) != 0)
		msg_warn(file, errline, "%s; labels after it are not used", err);
	/* Only well-formed labels are kept: the writers put them in as they are. */
	for (size_t i = 0; i < m.n; i++) {
		struct yval *v = &m.v[i];
		const char *dot = strchr(v->key, '.');
		int want = 0;
		if (dot == NULL || !known_key(dot + 1, &want)) {
			msg_warn(file, v->line, "unknown label '%s' ignored", v->key);
			continue;
		}
		if (v->scalar == NULL || !well_formed(v->scalar, want)) {
			msg_warn(file, v->line, "label '%s' wants %s; ignored", v->key,
			    want > 0 ? "one %s and no other '%'" : want < 0 ? "at most one %s" :
			    "no '%'");
			continue;
		}
		l->labels.v = xrealloc(l->labels.v, (l->labels.n + 1) * sizeof(*l->labels.v));
		l->labels.v[l->labels.n++] = *v;
		memset(v, 0, sizeof(*v));
	}
	ymap_free(&m);
done:
	free(text);
	free(own);
	return l;
}

void
l10n_free(struct l10n *l)
{
	if (l == NULL)
		return;
	ymap_free(&l->labels);
	free(l->calendar);
	strset_free(&l->icu);
	free(l);
}

/* Writes lang's primary subtag, lower case, to out (16 bytes). */
static void
primary(const char *lang, char out[16])
{
	size_t n = 0;

	while (lang && lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < 16) {
		out[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	out[n] = '\0';
}

/* Whether lang is written as quire writes English: English in the Gregorian calendar, or a
 * language ICU does not know. */
static int
english(const struct l10n *l, const char *lang)
{
	char p[16];

	primary(lang, p);
	if (l == NULL || p[0] == '\0')
		return 1;
	if (strcmp(p, "en") == 0)
		return l->calendar == NULL || strcmp(l->calendar, "gregorian") == 0;
	return !strset_get(&l->icu, p, NULL);
}

/* Sets out to lang's ICU locale with the calendar (gregorian forced when greg). Returns 0, or
 * -1 when the tag cannot be read. */
static int
locale_id(const struct l10n *l, const char *lang, int greg, char out[ULOC_FULLNAME_CAPACITY])
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed;

	/* English without a region writes the day first, as quire's English dates do. */
	if (lang == NULL || *lang == '\0' || strcasecmp(lang, "en") == 0)
		lang = "en-001";
	uloc_forLanguageTag(lang, out, ULOC_FULLNAME_CAPACITY, &parsed, &st);
	if (U_FAILURE(st) || out[0] == '\0')
		return -1;
	const char *cal = greg ? "gregorian" : l->calendar;
	if (cal) {
		uloc_setKeywordValue("calendar", cal, out, ULOC_FULLNAME_CAPACITY, &st);
		if (U_FAILURE(st))
			return -1;
	}
	return 0;
}

/* Converts n UTF-16 units to UTF-8 in out (size bytes). Returns 0, or -1. */
static int
to_utf8(const UChar *s, int32_t n, char *out, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t got;

	u_strToUTF8(out, (int32_t)size, &got, s, n, &st);
	return U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING ? 0 : -1;
}

/* Noon UTC of d's calendar day, in ICU's milliseconds. */
static UDate
noon(const struct date *d)
{
	struct date day = {.year = d->year, .month = d->month, .day = d->day};

	return ((double)date_epoch(&day) + 12 * 3600) * 1000.0;
}

static const UChar utc[] = {'U', 'T', 'C', 0};

/* Formats d with ICU's long date style, or the skeleton (a month and year) when month. */
static int
icu_date(const struct l10n *l, const char *lang, const struct date *d, int month, char *out,
         size_t n)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[160], pat[80];
	UDateFormat *f = NULL;
	int rc = -1;

	if (locale_id(l, lang, month, loc) != 0)
		return -1;
	if (month) {
		static const UChar skel[] = {'y', 'M', 'M', 'M', 'M', 0};
		UDateTimePatternGenerator *g = udatpg_open(loc, &st);
		int32_t pn = udatpg_getBestPattern(g, skel, -1, pat, 80, &st);
		udatpg_close(g);
		if (U_FAILURE(st))
			return -1;
		f = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, utc, -1, pat, pn, &st);
	} else
		f = udat_open(UDAT_NONE, UDAT_LONG, loc, utc, -1, NULL, 0, &st);
	if (U_SUCCESS(st)) {
		int32_t len = udat_format(f, noon(d), buf, 160, NULL, &st);
		if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING)
			rc = to_utf8(buf, len, out, n);
	}
	udat_close(f);
	return rc;
}

void
l10n_date(const struct l10n *l, const char *lang, const struct date *d, char *out, size_t n)
{
	char en[32];

	if (english(l, lang) || icu_date(l, lang, d, 0, out, n) != 0) {
		date_long(d, en);
		snprintf(out, n, "%s", en);
	}
}

void
l10n_month(const struct l10n *l, const char *lang, const struct date *d, char *out, size_t n)
{
	char p[16];

	primary(lang, p);
	if ((english(l, lang) || strcmp(p, "en") == 0) || icu_date(l, lang, d, 1, out, n) != 0)
		snprintf(out, n, "%s %d", date_month_name(d->month), d->year);
}

void
l10n_range(const struct l10n *l, const char *lang, const struct date *from,
           const struct date *to, char *out, size_t n)
{
	static const UChar skel[] = {'y', 'M', 'M', 'M', 'M', 'd', 0};
	char loc[ULOC_FULLNAME_CAPACITY], en[80];
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[200];

	if (to->year == 0 || (from->year == to->year && from->month == to->month &&
	    from->day == to->day)) {
		l10n_date(l, lang, from, out, n);
		return;
	}
	if (!english(l, lang) && locale_id(l, lang, 0, loc) == 0) {
		UDateIntervalFormat *f = udtitvfmt_open(loc, skel, -1, utc, -1, &st);
		if (U_SUCCESS(st)) {
			int32_t len = udtitvfmt_format(f, noon(from), noon(to), buf, 200, NULL,
			    &st);
			if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING &&
			    to_utf8(buf, len, out, n) == 0) {
				udtitvfmt_close(f);
				return;
			}
		}
		udtitvfmt_close(f);
	}
	date_range(from, to, en);
	snprintf(out, n, "%s", en);
}

/* The label name of lang: the tag's own ("pt-br.by"), else its language's ("pt.by"). */
static const char *
find(const struct l10n *l, const char *lang, const char *name)
{
	char tag[40], p[16], key[80];
	size_t i;

	if (l == NULL || lang == NULL || *lang == '\0')
		return NULL;
	for (i = 0; lang[i] && i + 1 < sizeof(tag); i++)
		tag[i] = lang[i] == '_' ? '-' : (char)tolower((unsigned char)lang[i]);
	tag[i] = '\0';
	primary(lang, p);
	snprintf(key, sizeof(key), "%s.%s", tag, name);
	const struct yval *v = ymap_get(&l->labels, key);
	if (v == NULL && strcmp(tag, p) != 0) {
		snprintf(key, sizeof(key), "%s.%s", p, name);
		v = ymap_get(&l->labels, key);
	}
	return v ? v->scalar : NULL;
}

const char *
l10n_label(const struct l10n *l, const char *lang, enum l10n_key key)
{
	const char *s = find(l, lang, keys[key].name);

	/* A language without a byline for many names uses its byline for one. */
	if (s == NULL && key == L10N_BY_MANY)
		s = find(l, lang, keys[L10N_BY].name);
	return s ? s : keys[key].en;
}

/* Returns pattern (one "%s" at most) with arg in place of its %s. Caller frees. */
static char *
fill(const char *pattern, const char *arg)
{
	const char *at = strstr(pattern, "%s");
	struct buf b = {0};

	if (at == NULL)
		return xstrdup(pattern);
	buf_put(&b, pattern, (size_t)(at - pattern));
	buf_puts(&b, arg);
	buf_puts(&b, at + 2);
	return buf_detach(&b);
}

char *
l10n_fmt(const struct l10n *l, const char *lang, enum l10n_key key, const char *arg)
{
	return fill(l10n_label(l, lang, key), arg);
}

/* Joins the names with lang's list rules ("A, B und C"). Returns NULL when ICU cannot. */
static char *
icu_list(const struct l10n *l, const char *lang, char *const *names, size_t n)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	UChar **u = xcalloc(n, sizeof(*u));
	int32_t *lens = xcalloc(n, sizeof(*lens)), len;
	UChar *res = NULL;
	char *out = NULL;
	UListFormatter *f = NULL;

	if (locale_id(l, lang, 1, loc) != 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		int32_t got = 0;
		u_strFromUTF8(NULL, 0, &got, names[i], -1, &st);
		st = U_ZERO_ERROR;
		u[i] = xcalloc((size_t)got + 1, sizeof(UChar));
		u_strFromUTF8(u[i], got + 1, &lens[i], names[i], -1, &st);
		if (U_FAILURE(st))
			goto done;
	}
	f = ulistfmt_open(loc, &st);
	if (U_FAILURE(st))
		goto done;
	len = ulistfmt_format(f, (const UChar *const *)u, lens, (int32_t)n, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR)
		goto done;
	st = U_ZERO_ERROR;
	res = xcalloc((size_t)len + 1, sizeof(UChar));
	ulistfmt_format(f, (const UChar *const *)u, lens, (int32_t)n, res, len + 1, &st);
	if (U_FAILURE(st))
		goto done;
	out = xcalloc((size_t)len * 3 + 1, 1);
	if (to_utf8(res, len, out, (size_t)len * 3 + 1) != 0) {
		free(out);
		out = NULL;
	}
done:
	if (f)
		ulistfmt_close(f);
	for (size_t i = 0; i < n; i++)
		free(u[i]);
	free(u);
	free(lens);
	free(res);
	return out;
}

char *
l10n_names(const struct l10n *l, const char *lang, char *const *names, size_t n)
{
	char *list = NULL;

	if (!english(l, lang) && n > 1)
		list = icu_list(l, lang, names, n);
	return list ? list : names_join(names, n);
}

char *
l10n_byline(const struct l10n *l, const char *lang, char *const *names, size_t n)
{
	/* A language without a byline of its own has an English one, names joined in English. */
	int own = find(l, lang, keys[L10N_BY].name) != NULL;
	char *list = own ? l10n_names(l, lang, names, n) : names_join(names, n), *s;

	s = l10n_fmt(l, lang, n > 1 ? L10N_BY_MANY : L10N_BY, list);
	free(list);
	return s;
}

char *
l10n_count(const struct l10n *l, const char *lang, enum l10n_count c, size_t n)
{
	char loc[ULOC_FULLNAME_CAPACITY], num[64], cat[16], name[48];
	const char *form = NULL;
	UErrorCode st = U_ZERO_ERROR;

	snprintf(num, sizeof(num), "%zu", n);
	snprintf(cat, sizeof(cat), "%s", n == 1 ? "one" : "other");
	if (!english(l, lang) && locale_id(l, lang, 1, loc) == 0) {
		UChar buf[64], kw[16];
		UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, &st);
		if (U_SUCCESS(st)) {
			int32_t len = unum_formatInt64(nf, (int64_t)n, buf, 64, NULL, &st);
			if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING &&
			    to_utf8(buf, len, num, sizeof(num)) != 0)
				snprintf(num, sizeof(num), "%zu", n);
		}
		unum_close(nf);
		st = U_ZERO_ERROR;
		UPluralRules *pr = uplrules_open(loc, &st);
		if (U_SUCCESS(st)) {
			int32_t len = uplrules_select(pr, (double)n, kw, 16, &st);
			if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING &&
			    to_utf8(kw, len, cat, sizeof(cat)) != 0)
				snprintf(cat, sizeof(cat), "other");
		}
		uplrules_close(pr);
	}
	snprintf(name, sizeof(name), "%s.%s", counts[c].name, cat);
	form = find(l, lang, name);
	if (form == NULL) {
		snprintf(name, sizeof(name), "%s.other", counts[c].name);
		form = find(l, lang, name);
	}
	if (form == NULL)
		form = n == 1 ? counts[c].one : counts[c].other;
	return fill(form, num);
}

int
l10n_ltr(const char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t cp;

	while (utf8_next(s, n, &i, &cp)) {
		if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
		    (cp >= 0xFE70 && cp <= 0xFEFF))
			return 0;
		if ((cp < 0x80 && isalpha((int)cp)) || (cp >= 0xC0 && cp < 0x0590))
			return 1;
	}
	return 1;
}
