/* The EPUB 3 writer (with an NCX for EPUB 2 readers), built with libzip. */
#ifndef QUIRE_EPUB_H
#define QUIRE_EPUB_H

#include "writer.h"

/* The calls of writer.h for an EPUB: one XHTML file per article in toc order, a title page, a
 * cover when the archive names one, a nav document and an NCX with the grouped contents, and the
 * photos. Generated files wait in a temporary file, removed from its folder as soon as it is open,
 * until the container is closed, so memory does not grow with the book. The container is built
 * beside dest under a temporary name and renamed over it only when complete. */
void *epub_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
               const char *dest);
/* The same for Kobo's kepub (dest ending in .kepub.epub): the EPUB with every sentence in a
 * koboSpan and each page's body in Kobo's book-columns and book-inner wrappers. */
void *kepub_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
                const char *dest);
int epub_article(void *ctx, const struct article *a, const struct node *body);
int epub_finish(void *ctx);
void epub_free(void *ctx);

#endif
