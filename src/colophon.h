/* The colophon at the end of every book: what it holds, how it was made, and each source's digest. */
#ifndef QUIRE_COLOPHON_H
#define QUIRE_COLOPHON_H

#include <stddef.h>

#include "doc.h"
#include "options.h"

/*
 * Builds the colophon of book (the archive, or one volume of it, volume of nvolumes; 0 and 0
 * for a whole archive) as an article body for the writers: the snapshot's date and selection,
 * quire's version and the options that shaped the book, the changes since an earlier snapshot
 * (the nchanges lines of --compare, e.g. "changed: city/x.md"), and for each article its title,
 * date, source URL and the SHA-256 of its source file and of each photo it shows. Photos are
 * read to be digested. Returns a NODE_BODY tree the caller frees with node_free.
 */
struct node *colophon_body(const struct options *opt, const struct archive *book,
                           char *const *changes, size_t nchanges, size_t volume,
                           size_t nvolumes);

#endif
