/* Model-to-model passes run on every article body after reading: repairs and annotations. */
#ifndef QUIRE_PASS_H
#define QUIRE_PASS_H

#include "doc.h"

/* Normalises heading levels (the shallowest becomes 1, no level skipped by more than one),
 * gives every heading a unique id, removes empty paragraphs, captions and figures, and merges
 * adjacent text nodes. */
void pass_body(struct node *body);

#endif
