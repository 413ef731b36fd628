/* The PDF writer: the archive laid out with Pango into pages drawn with Cairo. */
#ifndef QUIRE_PDF_H
#define QUIRE_PDF_H

#include "doc.h"
#include "options.h"
#include "style.h"
#include "toc.h"

/* Writes the archive as a print PDF at dest: a title page, a contents page with page numbers and
 * links, then the articles in toc order, each read with archive_body one at a time. Fonts come
 * from the project's fonts/ folder only. The file is built under a temporary name beside dest and
 * renamed over it only when complete. Returns 0, or -1 after an error message (dest untouched). */
int pdf_write(const struct archive *ar, const struct toc *toc, const struct style *st,
              const struct options *opt, const char *dest);

#endif
