/* The order articles appear in and the groups the contents shows, shared by every writer. */
#ifndef QUIRE_TOC_H
#define QUIRE_TOC_H

#include <stddef.h>

#include "doc.h"
#include "options.h"

struct toc_group {
	char *label;            /* "March 2024", a section name, or NULL for an ungrouped list */
	size_t first;           /* index into toc.order */
	size_t count;
};

struct toc {
	size_t *order;          /* article indices in reading order */
	size_t n;
	struct toc_group *groups;
	size_t ngroups;
};

struct l10n;

/* Builds the reading order and groups of ar's articles, the groups' labels in the archive's
 * language (l: l10n.h, may be NULL for English). Free with toc_free. */
void toc_build(struct toc *t, const struct archive *ar, enum group group, const struct l10n *l);
/* Appends the article at index idx (of the articles the writers get) as a last group of its
 * own, with label (may be NULL: an entry of its own in the contents). */
void toc_add_last(struct toc *t, size_t idx, const char *label);

void toc_free(struct toc *t);

/* Returns the title page's line about the snapshot, its parts joined by sep: "Snapshot of 30
 * June 2024 · 10 articles", or with the days a selection or volume covers first, "1–31 May 2024
 * · snapshot of 30 June 2024 · 3 articles", in the archive's language. Caller frees. */
char *toc_snapshot_line(const struct archive *ar, const char *sep, const struct l10n *l);

#endif
