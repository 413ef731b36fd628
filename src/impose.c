/* Booklet imposition: the page map of saddle-stitched sheets and the pages' place on a sheet. */
#include <stdlib.h>

#include "impose.h"
#include "util.h"

int
impose_map(int npages, int blank_at, int signature, int duplex_long, struct impose_map *m)
{
	int npadded, nsheets, *seq, k = 0;

	if (npages < 1 || signature < 0 || npages > (1 << 24))
		return -1;
	npadded = (npages + 3) / 4 * 4;
	nsheets = npadded / 4;
	if (blank_at < 1)
		blank_at = 1;
	if (blank_at > npages)
		blank_at = npages;
	/* The padded sequence: reading-order pages with the blanks (-1) before blank_at. */
	seq = xcalloc((size_t)npadded, sizeof(*seq));
	for (int i = 0; i < npages; i++) {
		if (i == blank_at)
			for (int j = npages; j < npadded; j++)
				seq[k++] = -1;
		seq[k++] = i;
	}
	while (k < npadded)
		seq[k++] = -1;
	m->sides = xcalloc((size_t)nsheets * 2, sizeof(*m->sides));
	m->nsides = nsheets * 2;
	m->npadded = npadded;
	m->nblank = npadded - npages;
	m->blank_at = blank_at;
	/* Signatures of `signature` sheets each, the last one taking what is left. */
	for (int first = 0, sig = 0; first < nsheets; sig++) {
		int count = signature && nsheets - first > signature ? signature : nsheets - first;
		int b = first * 4;
		for (int j = 0; j < count; j++) {
			struct impose_side *f = &m->sides[(first + j) * 2], *bk = f + 1;
			f->page[0] = seq[b + 4 * count - 1 - 2 * j];
			f->page[1] = seq[b + 2 * j];
			bk->page[0] = seq[b + 2 * j + 1];
			bk->page[1] = seq[b + 4 * count - 2 - 2 * j];
			for (int s = 0; s < 2; s++) {
				f[s].sheet = first + j;
				f[s].back = s;
				f[s].rotate = s && duplex_long;
				f[s].signature = sig;
				f[s].wraps = j;
				f[s].depth = count > 1 ? (double)j / (count - 1) : 0;
			}
		}
		first += count;
	}
	free(seq);
	return 0;
}

void
impose_map_free(struct impose_map *m)
{
	free(m->sides);
	m->sides = NULL;
	m->nsides = 0;
}

int
impose_geometry(double page_w, double page_h, double sheet_w, double sheet_h, double bleed,
                int marks, struct impose_geom *g)
{
	double room = marks ? IMPOSE_MARK_GAP + IMPOSE_MARK_LEN : 0, need_w, need_h, s = 1;

	if (page_w <= 0 || page_h <= 0 || sheet_w < 0 || sheet_h < 0 || bleed < 0)
		return -1;
	need_w = 2 * page_w + 2 * (bleed + room);
	need_h = page_h + 2 * (bleed + room);
	if (sheet_w == 0 || sheet_h == 0) {
		sheet_w = need_w;
		sheet_h = need_h;
	} else if ((sheet_w < sheet_h) != (need_w < need_h)) {
		/* The sheet the way round the pair of pages is. */
		double t = sheet_w;
		sheet_w = sheet_h;
		sheet_h = t;
	}
	if (need_w > sheet_w || need_h > sheet_h)
		s = sheet_w / need_w < sheet_h / need_h ? sheet_w / need_w : sheet_h / need_h;
	g->sheet_w = sheet_w;
	g->sheet_h = sheet_h;
	g->scale = s;
	g->page_w = page_w * s;
	g->page_h = page_h * s;
	g->bleed = bleed * s;
	g->marks = room * s;
	g->x0 = (sheet_w - 2 * g->page_w) / 2;
	g->y0 = (sheet_h - g->page_h) / 2;
	return 0;
}

double
impose_shift(const struct impose_side *s, double total, double thickness)
{
	if (total > 0)
		return total * s->depth;
	return thickness > 0 ? thickness * s->wraps : 0;
}
