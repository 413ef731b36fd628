/* The PDF writer's flow: the boxes an article is set into, with their items, structure
 * elements and links, before they are placed and drawn. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_draw.h"
#include "util.h"

int
pdf_flow_snode(struct pdf_flow *f, const char *tag, int parent)
{
	if (f->nsnodes == f->capsnodes) {
		f->capsnodes = f->capsnodes ? 2 * f->capsnodes : 64;
		f->snodes = xrealloc(f->snodes, f->capsnodes * sizeof(*f->snodes));
	}
	f->snodes[f->nsnodes].tag = tag;
	f->snodes[f->nsnodes].parent = parent;
	return (int)f->nsnodes++;
}

struct pdf_item *
pdf_flow_add(struct pdf_flow *f, double height, double space_before)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 256;
		f->boxes = xrealloc(f->boxes, f->cap * sizeof(*f->boxes));
		f->items = xrealloc(f->items, f->cap * sizeof(*f->items));
		f->places = xrealloc(f->places, f->cap * sizeof(*f->places));
	}
	memset(&f->boxes[f->n], 0, sizeof(*f->boxes));
	memset(&f->places[f->n], 0, sizeof(*f->places));
	f->boxes[f->n].height = height;
	f->boxes[f->n].space_before = space_before;
	struct pdf_item *it = &f->items[f->n++];
	memset(it, 0, sizeof(*it));
	it->snode = -1;
	it->marker_snode = -1;
	it->cap_snode = -1;
	it->bar_x = -1;
	return it;
}

char *
pdf_flow_keep(struct pdf_flow *f, char *s)
{
	if (s == NULL)
		return NULL;
	if (f->nstrings == f->capstrings) {
		f->capstrings = f->capstrings ? 2 * f->capstrings : 64;
		f->strings = xrealloc(f->strings, f->capstrings * sizeof(*f->strings));
	}
	f->strings[f->nstrings++] = s;
	return s;
}

void
pdf_flow_reset(struct pdf_flow *f)
{
	pdf_flow_reset_boxes(f);
	f->nsnodes = 0;
}

void
pdf_flow_reset_boxes(struct pdf_flow *f)
{
	for (size_t i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	for (size_t i = 0; i < f->nlinks; i++)
		free(f->links[i].attrs);
	for (size_t i = 0; i < f->n; i++)
		free(f->items[i].cells);
	f->nstrings = 0;
	f->nlinks = 0;
	f->nbylink = 0;
	f->n = 0;
}

/* Is place a read before place b on their page? */
static int
read_before(const struct layout_place *a, const struct layout_place *b)
{
	if (a->band != b->band)
		return a->band < b->band;
	if (a->col != b->col)
		return a->col < b->col;
	return a->y < b->y;
}

void
pdf_places_by_page(const struct layout_place *places, size_t n, struct pdf_by_page *ix)
{
	size_t npages;

	ix->first = INT32_MAX;
	ix->last = -1;
	for (size_t i = 0; i < n; i++) {
		if (places[i].page < ix->first)
			ix->first = places[i].page;
		if (places[i].page > ix->last)
			ix->last = places[i].page;
	}
	npages = ix->last >= ix->first ? (size_t)(ix->last - ix->first) + 1 : 0;
	ix->start = xcalloc(npages + 2, sizeof(*ix->start));
	ix->order = xcalloc(n + 1, sizeof(*ix->order));
	/* A counting sort: stable, so each page's items stay in flow order. */
	for (size_t i = 0; i < n; i++)
		ix->start[places[i].page - ix->first + 1]++;
	for (size_t k = 0; k < npages; k++)
		ix->start[k + 1] += ix->start[k];
	{
		size_t *next = xcalloc(npages + 1, sizeof(*next));
		memcpy(next, ix->start, (npages + 1) * sizeof(*next));
		for (size_t i = 0; i < n; i++)
			ix->order[next[places[i].page - ix->first]++] = i;
		free(next);
	}
	/* Then each page's items in reading order: by band, column, and height on the page (a
	 * float put below a list, or at a column's top, is read there). Mostly in order already. */
	for (size_t k = 0; k < npages; k++)
		for (size_t j = ix->start[k] + 1; j < ix->start[k + 1]; j++) {
			size_t v = ix->order[j], m = j;
			while (m > ix->start[k] && read_before(&places[v], &places[ix->order[m - 1]])) {
				ix->order[m] = ix->order[m - 1];
				m--;
			}
			ix->order[m] = v;
		}
}

void
pdf_flow_by_page(const struct pdf_flow *f, struct pdf_by_page *ix)
{
	pdf_places_by_page(f->places, f->n, ix);
}

void
pdf_by_page_free(struct pdf_by_page *ix)
{
	free(ix->start);
	free(ix->order);
	memset(ix, 0, sizeof(*ix));
}

void
pdf_flow_free(struct pdf_flow *f)
{
	pdf_flow_reset(f);
	free(f->boxes);
	free(f->items);
	free(f->places);
	free(f->snodes);
	free(f->links);
	free(f->bylink);
	free(f->strings);
	memset(f, 0, sizeof(*f));
}

/* Orders links by owner, then start, then place in the flow. */
static int
cmp_link(const void *x, const void *y)
{
	const struct pdf_link_key *a = x, *b = y;

	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void
pdf_flow_index_links(struct pdf_flow *f)
{
	if (f->nlinks > f->capbylink) {
		f->capbylink = 2 * f->nlinks;
		f->bylink = xrealloc(f->bylink, f->capbylink * sizeof(*f->bylink));
	}
	for (size_t i = 0; i < f->nlinks; i++)
		f->bylink[i] = (struct pdf_link_key){(uintptr_t)f->links[i].owner,
		    f->links[i].start, i};
	if (f->nlinks > 1)
		qsort(f->bylink, f->nlinks, sizeof(*f->bylink), cmp_link);
	f->nbylink = f->nlinks;
}
