/* The booklet writer: the print PDF, then its pages imposed on printer sheets for folding. */
#ifndef QUIRE_BOOKLET_H
#define QUIRE_BOOKLET_H

#include "writer.h"

/* The calls of writer.h for a booklet: the PDF writer (pdf.h) makes the reading-order PDF into
 * a temporary file beside dest, then booklet_finish imposes it (opt->booklet: sheet, duplex,
 * signatures, creep, marks, bleed) into dest, two pages a sheet side in booklet order, each
 * page placed as a form XObject: vectors, text and fonts as they were. The temporary is removed
 * either way. booklet_pages gives the reading-order pages. */
void *booklet_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
                  const char *dest);
int booklet_article(void *ctx, const struct article *a, const struct node *body);
int booklet_finish(void *ctx);
int booklet_pages(const void *ctx);
void booklet_free(void *ctx);

/* Imposes the PDF file at in (every page the size of the first) into dest (through a temporary
 * renamed when complete) with the options b; the blank pages that make the count a multiple of
 * 4 go before 0-based page blank_at. The imposed file keeps the document information and fonts
 * but no outline, links or structure tree, which point at pages that are no longer there.
 * Returns 0, or -1 after an error message (dest untouched). */
int booklet_impose(const char *in, const char *dest, const struct booklet_opts *b,
                   int blank_at);

#endif
