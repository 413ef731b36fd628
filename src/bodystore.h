/* Article bodies kept between the archive's one reading and the writers: a temporary file. */
#ifndef QUIRE_BODYSTORE_H
#define QUIRE_BODYSTORE_H

#include <stdint.h>

#include "doc.h"

/*
 * Each article is read and parsed once, when the archive is opened, in file order; the writers
 * want the bodies in reading order, one at a time. In between, each body is kept here in a
 * compact binary form, in a temporary file of its own that is unlinked as soon as it is open:
 * no other process can open it, and nothing is left behind however quire ends. Memory does not
 * grow with the number of articles.
 */
struct bodystore;

/* Opens an empty store in $TMPDIR (default /tmp). Returns NULL after an error message. */
struct bodystore *bodystore_new(void);

/* Appends body and sets *off and *len to where it is. Returns 0, or -1 after an error message
 * (the disk is full). */
int bodystore_put(struct bodystore *s, const struct node *body, uint64_t *off, uint64_t *len);

/* Rebuilds the body stored at off (len bytes). Safe to call from several threads at once.
 * Returns a NODE_BODY tree the caller frees with node_free, or NULL after an error message. */
struct node *bodystore_get(const struct bodystore *s, uint64_t off, uint64_t len);

/* Closes the store. Accepts NULL. */
void bodystore_free(struct bodystore *s);

#endif
