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

/* Keeps len bytes under name (a photo kept inside a web archive or given as a data: URL),
 * unless bytes of that name are kept already. Returns 0, or -1 after an error message. */
int bodystore_put_named(struct bodystore *s, const char *name, const void *data, size_t len);

/* Returns 1 when bytes named name are kept (s may be NULL) and sets *len (may be NULL) to how
 * many, else 0. */
int bodystore_has(const struct bodystore *s, const char *name, uint64_t *len);

/* Reads back the bytes named name into *out (caller frees; *len bytes and a NUL). Safe to call
 * from several threads at once. Returns 0, or -1 (after an error message when the temporary
 * file cannot be read) when there are none. */
int bodystore_get_named(const struct bodystore *s, const char *name, char **out, size_t *len);

/* Closes the store. Accepts NULL. */
void bodystore_free(struct bodystore *s);

#endif
