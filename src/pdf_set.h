/* Paragraph setting for the PDF: text shaped once with Pango, broken into lines by linebreak.c,
 * justified and put in visual order. It stands in for PangoLayout in the running text. */
#ifndef QUIRE_PDF_SET_H
#define QUIRE_PDF_SET_H

#include <stddef.h>

#include <pango/pango.h>

/*
 * PangoLayout 1.50 shapes the start of a line again at every candidate break near its end,
 * which costs more than twice the shaping, and breaks lines one at a time. Here a paragraph is
 * itemized (fonts, scripts, bidi levels) and shaped once; its breaks are chosen for the whole
 * paragraph (total fit, with hyphenation points as penalties); each line takes its glyphs from
 * that one shaping, and only a word split at a line's end is shaped again (with its hyphen).
 * A paragraph's text may hold '\n': each part is broken on its own, the first line of the
 * first part indented, the last line of each part not justified.
 */

/* One line: runs of glyphs of one font and direction, in visual order from the left. */
struct set_line {
	PangoGlyphItem **runs;  /* owned by the paragraph */
	int nruns;
	double x;               /* the line's left edge from the measure's (alignment, indent) */
	double width;           /* its drawn width */
	double ascent, descent; /* its logical extent above and below the baseline */
	int start, end;         /* the bytes of the paragraph's text it holds */
};

/* A paragraph set into lines. */
struct set_par {
	char *text;             /* the text, owned: the runs' items index it */
	int len;
	struct set_line *lines;
	int nlines;
	int rtl;                /* its base direction is right to left */
};

/* How to set one paragraph. */
struct set_opts {
	const PangoFontDescription *font; /* the base font; attributes vary it */
	double width;           /* the measure, in points */
	double indent;          /* the first line's indent from the start edge */
	int justify;            /* 1: justified; 0: ragged (flush with the start edge) */
	PangoDirection dir;     /* PANGO_DIRECTION_LTR or _RTL; NEUTRAL: from each part's first
	                         * strong character, else left to right */
	int hyphenate;          /* break at the soft hyphens in the text */
};

struct setter;

/* Creates a setter with a Pango context of its own like ctx: the same font map (the caller's,
 * to outlive the setter), font options and glyph rounding. One per thread, like the font map.
 * Its own context keeps the caller's layouts valid: a context's changes make them lay out
 * again. */
struct setter *set_new(PangoContext *ctx);

/* Sets the language the following paragraphs are shaped, broken and hyphenated in (BCP 47). */
void set_language(struct setter *s, const char *lang);

/* Sets len bytes of UTF-8 at text (len -1: up to the NUL) with the attributes attrs (may be
 * NULL; byte ranges of text). Returns the paragraph, owned by the setter until set_reset. */
const struct set_par *set_paragraph(struct setter *s, const char *text, int len,
                                    PangoAttrList *attrs, const struct set_opts *o);

/* Frees every paragraph set since the last reset, keeping scratch memory. */
void set_reset(struct setter *s);

/* Frees the setter and its paragraphs. Accepts NULL. */
void set_free(struct setter *s);

#endif
