/* A plain-text dump of the model: the readers' test oracle and `quire --tree`. */
#ifndef QUIRE_DUMP_H
#define QUIRE_DUMP_H

#include "doc.h"
#include "util.h"

/* Appends a's metadata and body (if loaded) to out, one node per line, indented two spaces per
 * level, e.g.
 *   article news/x.md
 *   title "A title"
 *   date 2024-03-04
 *   author "A. Writer"
 *   body
 *     heading level=1 id="intro"
 *       text "Intro"
 * Strings are quoted with \" \\ \n escaped. */
void dump_article(struct buf *out, const struct article *a);

/* Appends a's title, a blank line, then the plain text of its body (if loaded), one block a
 * line: headings, paragraphs, list items ("- " or "3. " before their first block), captions,
 * table rows (cells between " | "), and code blocks as they are. */
void dump_text(struct buf *out, const struct article *a);

#endif
