/* The order articles appear in and the groups the contents shows, shared by every writer. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "l10n.h"
#include "toc.h"
#include "util.h"

/* qsort has no context argument: sections are compared through the articles they belong to. */
struct key {
	const struct article *a;
	size_t index;
};

static int
by_section(const void *pa, const void *pb)
{
	const struct key *x = pa, *y = pb;
	const char *s = x->a->section, *t = y->a->section;

	/* Articles without a section come last; otherwise the archive's order is kept. */
	if ((s == NULL) != (t == NULL))
		return s == NULL ? 1 : -1;
	if (s && t) {
		int c = strcmp(s, t);
		if (c)
			return c;
	}
	return (x->index > y->index) - (x->index < y->index);
}

/* The label of a's group, in the book's language lang. */
static char *
label_of(const struct article *a, enum group group, const struct l10n *l, const char *lang)
{
	char month[80];

	switch (group) {
	case GROUP_MONTH:
		if (a->date.year == 0)
			return xstrdup(l10n_label(l, lang, L10N_UNDATED));
		l10n_month(l, lang, &a->date, month, sizeof(month));
		return xstrdup(month);
	case GROUP_SECTION:
		return xstrdup(a->section ? a->section : l10n_label(l, lang, L10N_OTHER));
	case GROUP_NONE:
		return NULL;
	default:
		abort();
	}
}

void
toc_build(struct toc *t, const struct archive *ar, enum group group, const struct l10n *l)
{
	struct key *keys = xcalloc(ar->narticles ? ar->narticles : 1, sizeof(*keys));
	char *prev = NULL;

	memset(t, 0, sizeof(*t));
	t->n = ar->narticles;
	t->order = xcalloc(t->n ? t->n : 1, sizeof(size_t));
	for (size_t i = 0; i < t->n; i++) {
		keys[i].a = &ar->articles[i];
		keys[i].index = i;
	}
	if (group == GROUP_SECTION)
		qsort(keys, t->n, sizeof(*keys), by_section);
	for (size_t i = 0; i < t->n; i++) {
		char *label = label_of(keys[i].a, group, l, ar->lang);
		t->order[i] = keys[i].index;
		if (i == 0 || (label == NULL) != (prev == NULL) ||
		    (label && strcmp(label, prev) != 0)) {
			t->groups = xrealloc(t->groups, (t->ngroups + 1) * sizeof(*t->groups));
			t->groups[t->ngroups].label = label ? xstrdup(label) : NULL;
			t->groups[t->ngroups].first = i;
			t->groups[t->ngroups].count = 0;
			t->ngroups++;
		}
		t->groups[t->ngroups - 1].count++;
		free(prev);
		prev = label;
	}
	free(prev);
	free(keys);
}

void
toc_add_last(struct toc *t, size_t idx, const char *label)
{
	t->order = xrealloc(t->order, (t->n + 1) * sizeof(size_t));
	t->order[t->n] = idx;
	t->groups = xrealloc(t->groups, (t->ngroups + 1) * sizeof(*t->groups));
	t->groups[t->ngroups].label = label ? xstrdup(label) : NULL;
	t->groups[t->ngroups].first = t->n;
	t->groups[t->ngroups].count = 1;
	t->ngroups++;
	t->n++;
}

void
toc_free(struct toc *t)
{
	for (size_t i = 0; i < t->ngroups; i++)
		free(t->groups[i].label);
	free(t->groups);
	free(t->order);
	memset(t, 0, sizeof(*t));
}

char *
toc_snapshot_line(const struct archive *ar, const char *sep, const struct l10n *l)
{
	struct date from, to;
	char longd[80], range[160];
	char *count = l10n_count(l, ar->lang, L10N_ARTICLES, archive_count(ar)), *snap, *line;

	l10n_date(l, ar->lang, &ar->date, longd, sizeof(longd));
	if (archive_range(ar, &from, &to)) {
		l10n_range(l, ar->lang, &from, &to, range, sizeof(range));
		snap = l10n_fmt(l, ar->lang, L10N_SNAPSHOT_OF, longd);
		line = xasprintf("%s%s%s%s%s", range, sep, snap, sep, count);
	} else {
		snap = l10n_fmt(l, ar->lang, L10N_SNAPSHOT, longd);
		line = xasprintf("%s%s%s", snap, sep, count);
	}
	free(snap);
	free(count);
	return line;
}
