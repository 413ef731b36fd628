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

/* Returns the EPUB stylesheet the style st implies. Caller frees. */
char *epub_css(const struct style *st);

#endif
