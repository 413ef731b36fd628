/* Model-to-model passes run on every article body after reading: repairs and annotations. */
#ifndef QUIRE_PASS_H
#define QUIRE_PASS_H

#include "doc.h"

/* Normalises heading levels (the shallowest becomes 1, no level skipped by more than one),
 * gives every heading a unique id, removes empty paragraphs, captions and figures, and merges
 * adjacent text nodes. */
void pass_body(struct node *body);

/* The most characters a title keeps: a title is shown on the title page, in the contents,
 * the running heads, the outline and the navigation, and costs out of proportion beyond it. */
#define PASS_MAX_TITLE_CHARS 300

/* Enforces the limits on article a's metadata, warning as label (the file named in messages)
 * for each cut: a longer title is cut at a word boundary and ends with an ellipsis. (Tables
 * are cut while they are read: READ_MAX_TABLE_CELLS.) */
void pass_limits(struct article *a, const char *label);

#endif
