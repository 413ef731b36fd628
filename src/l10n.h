/* Words in each language: quire's labels from lang/labels.yaml; dates, numbers, plurals and
 * lists of names from ICU. */
#ifndef QUIRE_L10N_H
#define QUIRE_L10N_H

#include <stddef.h>

#include "doc.h"

/*
 * A language is a BCP 47 tag ("fa", "pt-BR"). English, and any language ICU has no data for,
 * is written as quire always has ("20 November 2019", "By A and B"); the others take ICU's
 * long date form, digits of the language's default numbering system ("۲۰ نوامبر ۲۰۱۹"), list
 * and plural rules, and the labels lang/labels.yaml has for the tag or its language ("pt-BR",
 * then "pt"), English for the ones it lacks. Nothing depends on the process's locale or time
 * zone: languages are named, dates are calendar days formatted in UTC.
 */

/* quire's labels. Those marked %s hold it once, where their argument goes. */
enum l10n_key {
	L10N_BY = 0,            /* "By %s": an article's byline */
	L10N_BY_MANY,           /* "By %s" with two or more names */
	L10N_SOURCE,            /* "Source: %s": where an article was published */
	L10N_CONTENTS,          /* "Contents" */
	L10N_COLOPHON,          /* "Colophon": the last article's title */
	L10N_SOURCES,           /* "Sources": the colophon's list of files */
	L10N_CHANGES,           /* "Changes since the earlier snapshot" */
	L10N_UNDATED,           /* "Undated": contents group of articles without a date */
	L10N_OTHER,             /* "Other": contents group of articles without a section */
	L10N_UNTITLED,          /* "Untitled" */
	L10N_SNAPSHOT,          /* "Snapshot of %s": the title page's date line */
	L10N_SNAPSHOT_OF,       /* "snapshot of %s": after a range of days */
	L10N_ARTICLES_OF,       /* "Articles of %s." */
	L10N_PUBLISHED_BY,      /* "Published by %s." */
	L10N_IDENTIFIER,        /* "Identifier: %s" */
	L10N_COVER,             /* "Cover": the EPUB's cover page */
	L10N_START,             /* "Start of content": the EPUB's landmark */
	L10N_FROM,              /* "From %s.": the back cover's source sites */
	L10N_BACK_COVER,        /* "Back cover": its outline entry and EPUB page */
	L10N__COUNT
};

/* A count of things, a plural form per CLDR category ("one", "few", "other"...). */
enum l10n_count {
	L10N_ARTICLES = 0,      /* "%s article", "%s articles" */
	L10N_SITES,             /* "%s site", "%s sites" */
	L10N__NCOUNTS
};

struct l10n;

/* Reads the labels at path (NULL: lang/labels.yaml of the data folder) and sets the calendar
 * dates are written in: "gregorian" (NULL: the same), "native" (each language's own: Solar
 * Hijri for Persian...) or an ICU calendar ("persian", "islamic-civil", "hebrew", "japanese").
 * A label that lacks its %s, or has another '%', gets a warning and is left out. Returns the
 * table, empty (English) when the file cannot be read, after a warning. Read-only once made:
 * threads may share it. Free with l10n_free. */
struct l10n *l10n_load(const char *path, const char *calendar);

/* Frees it. Accepts NULL. */
void l10n_free(struct l10n *l);

/* Returns 1 if the calendar is one that l10n_load takes, else 0. */
int l10n_calendar_ok(const char *calendar);

/* Returns the label key in lang (NULL: English); never NULL. l may be NULL (English). */
const char *l10n_label(const struct l10n *l, const char *lang, enum l10n_key key);

/* Returns the label key in lang with its %s replaced by arg. Caller frees. */
char *l10n_fmt(const struct l10n *l, const char *lang, enum l10n_key key, const char *arg);

/* Returns the names joined by lang's list rules: "A, B and C", "A, B und C". Caller frees. */
char *l10n_names(const struct l10n *l, const char *lang, char *const *names, size_t n);

/* Returns "By A, B and C" in lang, the names joined by its list rules. Caller frees. */
char *l10n_byline(const struct l10n *l, const char *lang, char *const *names, size_t n);

/* Returns n things of kind c in lang: "3 articles", "3 Artikel", "۳ مقاله". Caller frees. */
char *l10n_count(const struct l10n *l, const char *lang, enum l10n_count c, size_t n);

/* Writes d's day in lang in the chosen calendar into out (n bytes): "20 November 2019",
 * "20. November 2019", "۲۹ آبان ۱۳۹۸". */
void l10n_date(const struct l10n *l, const char *lang, const struct date *d, char *out,
               size_t n);

/* Writes the days from..to as date_range does, in lang: "1–30 November 2019". */
void l10n_range(const struct l10n *l, const char *lang, const struct date *from,
                const struct date *to, char *out, size_t n);

/* Writes d's month and year in lang, in the Gregorian calendar (contents groups are Gregorian
 * months whatever the calendar): "November 2019", "نوامبر ۲۰۱۹". */
void l10n_month(const struct l10n *l, const char *lang, const struct date *d, char *out,
                size_t n);

/* Returns 0 when the first letter of s is of a right-to-left script (Hebrew, Arabic), else 1:
 * whether a date or label reads left to right inside right-to-left text. */
int l10n_ltr(const char *s);

#endif
