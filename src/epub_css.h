/* The EPUB's stylesheet and the class names it shares with the XHTML pages. */
#ifndef QUIRE_EPUB_CSS_H
#define QUIRE_EPUB_CSS_H

#include "style.h"

/* The class names of the EPUB, each spelled only here: epub_xhtml.c writes them, epub_css.c
 * styles them. String literals, so that the stylesheet can splice them into its text. */
#define EPUB_CLASS_ARTICLE "article"            /* an article's header: title, byline, date */
#define EPUB_CLASS_BYLINE "byline"              /* "By A and B" under an article's title */
#define EPUB_CLASS_DATE "date"                  /* an article's date */
#define EPUB_CLASS_SOURCE "source"              /* "Source: URL" under an article's title */
#define EPUB_CLASS_LEAD "lead"                  /* an article's lead photo */
#define EPUB_CLASS_MISSING "missing"            /* the alt text of an unusable photo */
#define EPUB_CLASS_TITLEPAGE "titlepage"        /* the title page's section */
#define EPUB_CLASS_SUBTITLE "subtitle"          /* on the title page, as the ones below */
#define EPUB_CLASS_AUTHOR "author"
#define EPUB_CLASS_PUBLISHER "publisher"
#define EPUB_CLASS_SNAPSHOT "snapshot"          /* "Snapshot of DATE, N articles" */
#define EPUB_CLASS_DESCRIPTION "description"
#define EPUB_CLASS_COVER "cover"                /* the cover page's section */
#define EPUB_CLASS_BACK "backpage"              /* the back page's section */
#define EPUB_CLASS_SOURCES "sources"            /* on the back page: the source sites */

/* The font families of the stylesheet, and the faces it sets text in: EPUB_FACE(family, bold,
 * italic) is one bit of a mask. */
enum epub_family {
	EPUB_FAMILY_BODY = 0,   /* the style's font_body: paragraphs, bylines, captions */
	EPUB_FAMILY_HEADING,    /* font_heading: titles and headings, always bold */
	EPUB_FAMILY_MONO,       /* font_mono: code */
	EPUB_FAMILY_ARABIC,     /* font_arabic: Arabic-script text, and the others' fallback */
	EPUB_FAMILIES
};
#define EPUB_FACE(family, bold, italic) (1u << ((family) * 4 + (bold) * 2 + (italic)))

/* A font file the book carries. */
struct epub_font {
	char *family;           /* its family name, as the stylesheet names it */
	char *name;             /* its path inside OEBPS, e.g. "fonts/NotoSerif-Regular.ttf" */
	int bold, italic;
};

/* Returns the EPUB stylesheet the style st implies, with an @font-face rule for each of the n
 * fonts (none: the reading system's fonts). arabic: the book has Arabic-script letters, which
 * every family then falls back to the Arabic family for. kobo: for a kepub, whose pages' wrappers
 * get no margins. Caller frees. */
char *epub_css(const struct style *st, const struct epub_font *fonts, size_t n, int arabic,
               int kobo);

#endif
