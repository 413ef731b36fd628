/* The EPUB 3 writer (with an NCX for EPUB 2 readers), built with libzip. */
#ifndef QUIRE_EPUB_H
#define QUIRE_EPUB_H

#include "doc.h"
#include "options.h"
#include "style.h"
#include "toc.h"

/* Writes the archive as an EPUB at dest: one XHTML file per article in toc order, a title page,
 * a cover when the archive names one, a nav document and an NCX with the grouped contents, and
 * the photos. Article bodies are read one at a time (archive_body). The file is built beside
 * dest under a temporary name and renamed over it only when complete. Returns 0, or -1 after an
 * error message (dest is then untouched). */
int epub_write(const struct archive *ar, const struct toc *toc, const struct style *st,
               const struct options *opt, const char *dest);

#endif
