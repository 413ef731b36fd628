/* Model-to-model passes run on every article body after reading: repairs and annotations. */
#ifndef QUIRE_PASS_H
#define QUIRE_PASS_H

#include "doc.h"

/* Normalises heading levels (the shallowest becomes 1, no level skipped by more than one),
 * gives every heading a unique id, removes empty paragraphs, captions and figures, and merges
 * adjacent text nodes. */
void pass_body(struct node *body);

/* The most characters a title keeps, and the most cells a table keeps: beyond them every
 * title shown (title page, contents, running heads, outline, navigation) or every row costs
 * out of proportion to what a reader gains. */
#define PASS_MAX_TITLE_CHARS 300
#define PASS_MAX_TABLE_CELLS 10000

/* Enforces the limits above on article a (its title and body), warning as label (the file
 * named in messages) for each cut: a longer title is cut at a word boundary and ends with an
 * ellipsis; a table's rows after the limit are dropped (a row that crosses it keeps its first
 * cells). */
void pass_limits(struct article *a, const char *label);

#endif
