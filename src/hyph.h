/* Hyphenation: soft hyphens (U+00AD) put into words with libhyphen's dictionaries. */
#ifndef QUIRE_HYPH_H
#define QUIRE_HYPH_H

#include <stddef.h>

#include "util.h"

struct hyph;

/* Creates an empty set of dictionaries, loaded from dir (NULL: /usr/share/hyphen) when a
 * language first asks for one. Free with hyph_free. */
struct hyph *hyph_new(const char *dir);

/* Frees the dictionaries and the word cache. Accepts NULL. */
void hyph_free(struct hyph *h);

/* Appends the n bytes of UTF-8 text at s to out with U+00AD inserted at the break points of
 * its words, using lang's dictionary; text is copied unchanged when there is none. Words with
 * digits, capitals past the first letter, or in tokens that look like addresses (with '/', '@',
 * '\\' or '_') are left whole, as are words under 5 letters or over 60 bytes. A break leaves at
 * least 2 letters before it and 3 after it, more when the dictionary says so. */
void hyph_text(struct hyph *h, const char *lang, const char *s, size_t n, struct buf *out);

#endif
