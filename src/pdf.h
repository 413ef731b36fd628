/* The PDF writer: the archive laid out with Pango into pages drawn with Cairo. */
#ifndef QUIRE_PDF_H
#define QUIRE_PDF_H

#include "writer.h"

/* The calls of writer.h for a print PDF: the articles in toc order, each set and drawn as it
 * comes, then a title page and a contents page with page numbers and links, put in front by
 * qpdf. Fonts come from the project's fonts/ folder, with system fonts only for characters none
 * of them has. The file is built under a temporary name beside dest and renamed over it only
 * when complete. */
void *pdf_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
              const char *dest);
int pdf_article(void *ctx, const struct article *a, const struct node *body);
int pdf_finish(void *ctx);
int pdf_pages(const void *ctx);
void pdf_free(void *ctx);

/* After a pdf_finish that succeeded: the 0-based index of the page the last article (the
 * colophon, when there is one) starts on, where blank pages cut no article; the page count when
 * no such page is known (run-on articles). */
int pdf_last_start(const void *ctx);

#endif
