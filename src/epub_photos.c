/* The EPUB's photos converted ahead, on --jobs worker threads, while the writer writes the
 * pages: the distinct photos in reading order (the cover, then each article's), each decoded,
 * reduced and encoded by image_for_epub_mem, taken back by the writer in that order. The
 * writer still names and stores every photo where it is first used, so the book's bytes are
 * the same for every --jobs. */

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "epub_int.h"
#include "image.h"
#include "options.h"
#include "util.h"
#include "workers.h"

struct ahead {
	char *src;
	int rc;
	const char *why;
	struct image_data d;
	int taken;              /* 1: handed to the writer (d is its) */
};

struct epub_ahead {
	const struct archive *ar;
	int max, keep;
	struct workers *w;
	struct ahead *items;    /* in reading order */
	size_t n, put, took;
	struct strset index;    /* src -> index into items */
};

static void
convert(void *arg, int thread, void *item)
{
	struct epub_ahead *p = arg;
	struct ahead *it = item;
	char *bytes;
	size_t len;

	(void)thread;
	it->why = NULL;
	it->rc = archive_photo_read(p->ar, it->src, &bytes, &len, &it->why);
	if (it->rc != 0)
		return;
	it->rc = image_for_epub_mem((const unsigned char *)bytes, len, p->max, p->keep, &it->d,
	    &it->why);
	free(bytes);
}

/* Adds src unless it, or a photo with the same bytes, is in already. */
static void
plan(struct epub_ahead *p, struct strset *digests, const char *src)
{
	unsigned char h[32];
	char hex[65];
	uint64_t len;
	const char *why;

	if (!src || strset_get(&p->index, src, NULL))
		return;
	if (archive_photo_digest(p->ar, src, h, &len, &why) != 0)
		return;
	hex32(h, hex);
	if (strset_get(digests, hex, NULL))
		return;
	strset_add(digests, hex, 0);
	p->items = xrealloc(p->items, (p->n + 1) * sizeof(*p->items));
	memset(&p->items[p->n], 0, sizeof(*p->items));
	p->items[p->n].src = xstrdup(src);
	strset_add(&p->index, src, p->n++);
}

static void
top_up(struct epub_ahead *p)
{
	while (p->put < p->n && workers_room(p->w))
		workers_put(p->w, &p->items[p->put++]);
}

void
epub_photos_start(struct epub *e, int threads, int max, int keep)
{
	struct epub_ahead *p;
	struct strset digests = {0};

	if (threads < 2)
		return;
	p = xcalloc(1, sizeof(*p));
	p->ar = e->ar;
	p->max = max;
	p->keep = keep;
	/* archive.yaml's cover is the first photo the book shows, unless there are no covers. */
	if (!e->opt->no_cover)
		plan(p, &digests, e->ar->cover);
	for (size_t i = 0; i < e->toc->n; i++) {
		const struct article *a = &e->ar->articles[e->toc->order[i]];
		for (size_t j = 0; j < a->nphotos; j++)
			plan(p, &digests, a->photos[j]);
	}
	strset_free(&digests);
	/* Two photos a thread in flight: each holds its encoded bytes until it is stored. */
	if (p->n == 0 || (p->w = workers_new(threads, (size_t)threads * 2, convert, p)) == NULL) {
		e->ahead = p;
		epub_photos_free(e);
		return;
	}
	top_up(p);
	e->ahead = p;
}

int
epub_photos_take(struct epub *e, const char *src, int max, int keep, struct image_data *d,
                 const char **why)
{
	struct epub_ahead *p = e->ahead;
	size_t i;

	if (!p || max != p->max || keep != p->keep || !strset_get(&p->index, src, &i) ||
	    p->items[i].taken)
		return 0;
	/* Taken in the order put; a photo asked out of that order waits for those before it. */
	while (p->took <= i) {
		workers_take(p->w);
		p->took++;
		top_up(p);
	}
	p->items[i].taken = 1;
	*d = p->items[i].d;
	memset(&p->items[i].d, 0, sizeof(p->items[i].d));
	*why = p->items[i].why;
	return p->items[i].rc == 0 ? 1 : -1;
}

void
epub_photos_free(struct epub *e)
{
	struct epub_ahead *p = e->ahead;

	if (!p)
		return;
	if (p->w) {
		while (p->took < p->put) {
			workers_take(p->w);
			p->took++;
		}
		workers_free(p->w);
	}
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].src);
		image_data_free(&p->items[i].d);
	}
	free(p->items);
	strset_free(&p->index);
	free(p);
	e->ahead = NULL;
}
