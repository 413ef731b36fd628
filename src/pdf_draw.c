/* The PDF device: a flow of laid-out boxes drawn onto Cairo's PDF surface, with tags and links. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "image.h"
#include "msg.h"
#include "pdf_draw.h"
#include "pdf_glyphs.h"
#include "util.h"

/* Pixels per inch photos are decoded at, at their drawn size. */
#define PHOTO_DPI 300.0

struct pdf_dev {
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct pdf_look *look;
	int page;               /* the current page, 0 for the first */
	int *open;              /* structure elements open, outermost first */
	size_t nopen, capopen;
	const struct pdf_flow *flow; /* the flow they belong to */
	int *path;              /* scratch: a structure element's ancestry */
	size_t cappath;
	const double *color;    /* the colour set last, or NULL */
	struct strset failed;   /* photos that could not be drawn */
	struct strset photos;   /* photos stored already -> their EXIF orientation */
	struct pdf_glyphs *glyphs; /* scratch for drawing runs */
};

static const cairo_user_data_key_t pixels_key;

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

void
pdf_flow_by_page(const struct pdf_flow *f, struct pdf_by_page *ix)
{
	size_t npages;

	ix->first = INT32_MAX;
	ix->last = -1;
	for (size_t i = 0; i < f->n; i++) {
		if (f->places[i].page < ix->first)
			ix->first = f->places[i].page;
		if (f->places[i].page > ix->last)
			ix->last = f->places[i].page;
	}
	npages = ix->last >= ix->first ? (size_t)(ix->last - ix->first) + 1 : 0;
	ix->start = xcalloc(npages + 2, sizeof(*ix->start));
	ix->order = xcalloc(f->n + 1, sizeof(*ix->order));
	/* A counting sort: stable, so each page's items stay in flow order. */
	for (size_t i = 0; i < f->n; i++)
		ix->start[f->places[i].page - ix->first + 1]++;
	for (size_t k = 0; k < npages; k++)
		ix->start[k + 1] += ix->start[k];
	{
		size_t *next = xcalloc(npages + 1, sizeof(*next));
		memcpy(next, ix->start, (npages + 1) * sizeof(*next));
		for (size_t i = 0; i < f->n; i++)
			ix->order[next[f->places[i].page - ix->first]++] = i;
		free(next);
	}
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

char *
pdf_quote(const char *s)
{
	struct buf b = {0};

	for (; s && *s; s++) {
		if (*s == '\\' || *s == '\'')
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

/* Cairo's output callback: appends to the caller's buffer. */
static cairo_status_t
put(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

struct pdf_dev *
pdf_dev_new(struct buf *out, const struct pdf_look *look)
{
	struct pdf_dev *d = xcalloc(1, sizeof(*d));

	d->look = look;
	d->glyphs = pdf_glyphs_new();
	d->surface = cairo_pdf_surface_create_for_stream(put, out, look->page_w, look->page_h);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		msg_error(NULL, 0, "cairo: %s",
		    cairo_status_to_string(cairo_surface_status(d->surface)));
		goto fail;
	}
	cairo_pdf_surface_restrict_to_version(d->surface, CAIRO_PDF_VERSION_1_5);
	d->cr = cairo_create(d->surface);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		msg_error(NULL, 0, "cairo: %s", cairo_status_to_string(cairo_status(d->cr)));
		goto fail;
	}
	cairo_tag_begin(d->cr, "Document", "");
	return d;
fail:
	pdf_dev_free(d);
	return NULL;
}

void
pdf_dev_free(struct pdf_dev *d)
{
	if (d == NULL)
		return;
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface)
		cairo_surface_destroy(d->surface);
	free(d->open);
	free(d->path);
	strset_free(&d->failed);
	strset_free(&d->photos);
	pdf_glyphs_free(d->glyphs);
	free(d);
}

int
pdf_dev_page(const struct pdf_dev *d)
{
	return d->page;
}

void
pdf_dev_next_page(struct pdf_dev *d)
{
	cairo_show_page(d->cr);
	d->page++;
}

int
pdf_dev_outline(struct pdf_dev *d, int parent, const char *title, const char *dest, int open)
{
	char *q = pdf_quote(dest);
	char *link = xasprintf("dest='%s'", q);
	int id = cairo_pdf_surface_add_outline(d->surface, parent, title, link,
	    open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);

	free(link);
	free(q);
	return id;
}

void
pdf_dev_metadata(struct pdf_dev *d, int field, const char *value)
{
	cairo_pdf_surface_set_metadata(d->surface, (cairo_pdf_metadata_t)field, value);
}

/* Sets the source colour unless it is set already. */
static void
color(struct pdf_dev *d, const double *rgb)
{
	if (d->color == rgb)
		return;
	cairo_set_source_rgb(d->cr, rgb[0], rgb[1], rgb[2]);
	d->color = rgb;
}

/* Brings the open structure elements to those of snode s of flow f (-1: none of the flow's). */
static void
structure(struct pdf_dev *d, const struct pdf_flow *f, int s)
{
	size_t n = 0, common = 0;

	if (d->flow != f) {
		pdf_dev_end_flow(d);
		d->flow = f;
	}
	for (int k = s; k >= 0; k = f->snodes[k].parent) {
		if (n == d->cappath) {
			d->cappath = d->cappath ? 2 * d->cappath : 32;
			d->path = xrealloc(d->path, d->cappath * sizeof(*d->path));
		}
		d->path[n++] = k;
	}
	/* path holds s first and its outermost ancestor last. */
	while (common < d->nopen && common < n && d->open[common] == d->path[n - 1 - common])
		common++;
	while (d->nopen > common)
		cairo_tag_end(d->cr, f->snodes[d->open[--d->nopen]].tag);
	for (size_t k = common; k < n; k++) {
		int e = d->path[n - 1 - k];
		if (d->nopen == d->capopen) {
			d->capopen = d->capopen ? 2 * d->capopen : 32;
			d->open = xrealloc(d->open, d->capopen * sizeof(*d->open));
		}
		cairo_tag_begin(d->cr, f->snodes[e].tag, "");
		d->open[d->nopen++] = e;
	}
}

void
pdf_dev_end_flow(struct pdf_dev *d)
{
	while (d->nopen > 0)
		cairo_tag_end(d->cr, d->flow->snodes[d->open[--d->nopen]].tag);
	d->flow = NULL;
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

/* Returns the link attributes for the byte at offset of the text of owner (a paragraph or a
 * layout), or NULL: the owner's last link starting at or before offset, if it reaches past
 * it. Links do not nest (the readers make none inside another), so that is the only one. */
static const char *
link_at(const struct pdf_flow *f, const void *owner, int offset)
{
	size_t lo = 0, hi;
	uintptr_t o = (uintptr_t)owner;

	if (f == NULL || f->nbylink == 0)
		return NULL;
	assert(f->nbylink == f->nlinks);
	/* The first entry after every (owner, start <= offset) entry. */
	hi = f->nbylink;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pdf_link_key *k = &f->bylink[mid];
		if (k->owner < o || (k->owner == o && k->start <= offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct pdf_link *l = &f->links[f->bylink[lo - 1].i];
	if (l->owner == owner && offset >= l->start && offset < l->end)
		return l->attrs;
	return NULL;
}

/* Draws one run of the text of owner with its left end at x and its baseline at y, in its
 * foreground colour or else base, inside a link tag when it is part of a link (so that the link
 * covers exactly its glyphs). Returns its width. */
static double
draw_glyph_item(struct pdf_dev *d, const struct pdf_flow *f, const void *owner, const char *text,
                PangoGlyphItem *gi, double x, double y, const double *base)
{
	const char *link = link_at(f, owner, gi->item->offset);
	const double *rgb = base;
	double fg[3];

	for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
		PangoAttribute *attr = a->data;
		if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor *c = &((PangoAttrColor *)attr)->color;
			fg[0] = c->red / 65535.0;
			fg[1] = c->green / 65535.0;
			fg[2] = c->blue / 65535.0;
			rgb = fg;
		}
	}
	if (rgb == fg) {
		cairo_set_source_rgb(d->cr, fg[0], fg[1], fg[2]);
		d->color = NULL;
	} else
		color(d, rgb);
	if (link)
		cairo_tag_begin(d->cr, CAIRO_TAG_LINK, link);
	pdf_glyphs_draw(d->glyphs, d->cr, text, gi, x, y);
	if (link)
		cairo_tag_end(d->cr, CAIRO_TAG_LINK);
	return (double)pango_glyph_string_get_width(gi->glyphs) / PANGO_SCALE;
}

/* Draws one line of a layout with its left end at x and its baseline at y. */
static void
draw_line(struct pdf_dev *d, const struct pdf_flow *f, PangoLayout *layout,
          PangoLayoutLine *line, double x, double y, const double *base)
{
	const char *text = pango_layout_get_text(layout);

	for (GSList *r = line->runs; r; r = r->next)
		x += draw_glyph_item(d, f, layout, text, r->data, x, y, base);
}

/* Draws one line of a set paragraph with its left end at x and its baseline at y. */
static void
draw_set_line(struct pdf_dev *d, const struct pdf_flow *f, const struct set_par *par,
              const struct set_line *line, double x, double y, const double *base)
{
	for (int r = 0; r < line->nruns; r++)
		x += draw_glyph_item(d, f, par, par->text, line->runs[r], x, y, base);
}

/* Draws every line of a layout with its top-left corner at (x, y). */
static void
draw_layout(struct pdf_dev *d, const struct pdf_flow *f, PangoLayout *layout, double x,
            double y, const double *base)
{
	PangoLayoutIter *iter = pango_layout_get_iter(layout);

	do {
		PangoRectangle logical;
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		draw_line(d, f, layout, line, x + (double)logical.x / PANGO_SCALE,
		    y + (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE, base);
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

void
pdf_dev_text(struct pdf_dev *d, PangoLayout *layout, double x, double y, int accent)
{
	draw_layout(d, NULL, layout, x, y, accent ? d->look->accent : d->look->text);
}

void
pdf_dev_clip(struct pdf_dev *d, double x, double y, double w, double h)
{
	if (w > 0 && h > 0) {
		cairo_save(d->cr);
		cairo_rectangle(d->cr, x, y, w, h);
		cairo_clip(d->cr);
	} else
		cairo_restore(d->cr);
	d->color = NULL;
}

void
pdf_dev_hline(struct pdf_dev *d, double x0, double x1, double y)
{
	color(d, d->look->rule);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, x0, y);
	cairo_line_to(d->cr, x1, y);
	cairo_stroke(d->cr);
}

/* Maps the stored image (w x h) onto its upright display for an EXIF orientation. */
static void
orientation(cairo_matrix_t *m, int o, double w, double h)
{
	switch (o) {
	case 2: cairo_matrix_init(m, -1, 0, 0, 1, w, 0); break;
	case 3: cairo_matrix_init(m, -1, 0, 0, -1, w, h); break;
	case 4: cairo_matrix_init(m, 1, 0, 0, -1, 0, h); break;
	case 5: cairo_matrix_init(m, 0, 1, 1, 0, 0, 0); break;
	case 6: cairo_matrix_init(m, 0, 1, -1, 0, h, 0); break;
	case 7: cairo_matrix_init(m, 0, -1, -1, 0, h, w); break;
	case 8: cairo_matrix_init(m, 0, -1, 1, 0, 0, w); break;
	default: cairo_matrix_init_identity(m); break;
	}
}

/* How far above the print resolution a JPEG may be and still be embedded as it is: re-encoding
 * costs a little quality, worth it only for the bytes of a photo far too large. */
#define PRINT_DPI_SLACK 1.5

/* Draws the photo at path into the w x h rectangle at (x, y): a JPEG as its own bytes, unless
 * its pixels are more than PRINT_DPI_SLACK times what the print resolution needs at that size,
 * when it is downsampled to that resolution and re-encoded; anything else decoded to lossless
 * pixels at the print resolution (300 dpi when it is 0). Every image is drawn as a unit square
 * scaled to its place, so that a JPEG needs no pixels, only a 1 x 1 surface carrying its
 * bytes; a photo drawn before is named by its unique id alone and cairo reuses its image (at
 * the resolution of its first place). Returns 0, or -1 with *why set. */
static int
draw_photo(struct pdf_dev *d, const char *path, double x, double y, double w, double h,
           const char **why)
{
	struct image_data jpeg = {0};
	struct image_pixels px = {0};
	cairo_surface_t *s = NULL;
	cairo_matrix_t m;
	int orient = 1, r, rc = -1, max = 0, dpi = d->look->print_dpi;
	double longest = w > h ? w : h;
	size_t seen;
	char *uid = NULL;

	/* Photos already stored: the same id, and the orientation noted then. */
	if (strset_get(&d->photos, path, &seen)) {
		uid = xstrdup(path);
		orient = (int)seen;
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
		goto draw;
	}
	r = image_jpeg_for_pdf(path, d->look->keep_meta, &jpeg, &orient, why);
	if (r < 0)
		goto out;
	if (r == 1 && dpi > 0) {
		/* The long side in pixels the print resolution needs where the photo is placed. */
		max = (int)ceil(longest / 72.0 * dpi);
		if ((jpeg.width > jpeg.height ? jpeg.width : jpeg.height) > PRINT_DPI_SLACK * max) {
			image_data_free(&jpeg);
			if (image_for_print(path, max, d->look->keep_meta, &jpeg, why) != 0)
				goto out;
			orient = 1;
		}
	}
	if (r == 1) {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			*why = cairo_status_to_string(cairo_surface_status(s));
			goto out;
		}
		/* Cairo embeds these bytes as they are and frees them with the surface. */
		if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, jpeg.data, jpeg.len, free,
		        jpeg.data) != CAIRO_STATUS_SUCCESS) {
			*why = "cairo refused the JPEG";
			goto out;
		}
		jpeg.data = NULL;
	} else {
		max = (int)ceil(longest / 72.0 * (dpi > 0 ? dpi : PHOTO_DPI));
		if (image_decode(path, max, &px, why) != 0)
			goto out;
		orient = 1;
		s = cairo_image_surface_create_for_data((unsigned char *)px.px,
		    px.has_alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, px.width, px.height,
		    px.width * 4);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			*why = cairo_status_to_string(cairo_surface_status(s));
			goto out;
		}
		if (cairo_surface_set_user_data(s, &pixels_key, px.px, free) != CAIRO_STATUS_SUCCESS) {
			*why = "out of memory";
			goto out;
		}
		px.px = NULL;
	}
	uid = xstrdup(path);
	strset_add(&d->photos, path, (size_t)orient);
draw:
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		*why = cairo_status_to_string(cairo_surface_status(s));
		goto out;
	}
	/* The same photo drawn twice is stored once. */
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)uid,
	        strlen(uid), free, uid) != CAIRO_STATUS_SUCCESS) {
		*why = "out of memory";
		goto out;
	}
	uid = NULL;
	orientation(&m, orient, 1, 1);
	cairo_save(d->cr);
	cairo_translate(d->cr, x, y);
	cairo_scale(d->cr, w, h);
	cairo_transform(d->cr, &m);
	{
		/* The image's pixels fill the unit square. */
		cairo_pattern_t *pat = cairo_pattern_create_for_surface(s);
		cairo_matrix_t pm;
		cairo_matrix_init_scale(&pm, cairo_image_surface_get_width(s),
		    cairo_image_surface_get_height(s));
		cairo_pattern_set_matrix(pat, &pm);
		cairo_set_source(d->cr, pat);
		cairo_pattern_destroy(pat);
	}
	cairo_rectangle(d->cr, 0, 0, 1, 1);
	cairo_fill(d->cr);
	cairo_restore(d->cr);
	d->color = NULL;
	rc = 0;
out:
	free(uid);
	if (s)
		cairo_surface_destroy(s);
	image_data_free(&jpeg);
	image_pixels_free(&px);
	return rc;
}

/* Draws a framed box with the alt text in it, for a photo that cannot be shown. */
static void
placeholder(struct pdf_dev *d, const struct pdf_item *it, double x, double y)
{
	color(d, d->look->rule);
	cairo_set_line_width(d->cr, 0.75);
	cairo_rectangle(d->cr, x, y, it->img_w, it->img_h);
	cairo_stroke(d->cr);
	if (it->alt) {
		int lw, lh;
		pango_layout_get_size(it->alt, &lw, &lh);
		draw_layout(d, NULL, it->alt, x,
		    y + (it->img_h - (double)lh / PANGO_SCALE) / 2, d->look->text);
	}
}

static void
draw_figure(struct pdf_dev *d, const struct pdf_flow *f, const struct pdf_item *it, double x,
            double y)
{
	double ix = x + it->x + (it->w - it->img_w) / 2;
	const char *why = NULL;

	structure(d, f, it->snode);
	if (it->img_w > 0) {
		if (it->path && !strset_get(&d->failed, it->path, NULL) &&
		    draw_photo(d, it->path, ix, y, it->img_w, it->img_h, &why) == 0)
			;
		else {
			if (it->path && strset_add(&d->failed, it->path, 0))
				msg_warn(it->label, it->line_no, "image unusable (%s): %s",
				    why ? why : "cannot be decoded", it->url ? it->url : it->path);
			placeholder(d, it, ix, y);
		}
	}
	if (it->layout) {
		structure(d, f, it->cap_snode >= 0 ? it->cap_snode : it->snode);
		draw_layout(d, f, it->layout, x + it->x, y + it->cap_y, d->look->text);
	}
}

static void
draw_row(struct pdf_dev *d, const struct pdf_flow *f, const struct pdf_item *it, double x,
         double y, double h)
{
	for (size_t c = 0; c < it->ncells; c++) {
		const struct pdf_cell *cell = &it->cells[c];
		double cx = x + it->x + cell->x;
		structure(d, f, cell->snode);
		if (cell->header) {
			color(d, d->look->shade);
			cairo_rectangle(d->cr, cx, y, cell->w, h);
			cairo_fill(d->cr);
		}
		if (cell->layout)
			draw_layout(d, f, cell->layout, cx + d->look->cell_pad, y + d->look->cell_pad, d->look->text);
		color(d, d->look->rule);
		cairo_set_line_width(d->cr, 0.5);
		cairo_rectangle(d->cr, cx, y, cell->w, h);
		cairo_stroke(d->cr);
	}
}

static void
draw_toc(struct pdf_dev *d, const struct pdf_flow *f, const struct pdf_item *it, double x,
         double y)
{
	PangoLayoutIter *iter;
	PangoRectangle last, num;
	double base, nx;

	structure(d, f, it->snode);
	if (it->link)
		cairo_tag_begin(d->cr, CAIRO_TAG_LINK, it->link);
	draw_layout(d, f, it->layout, x + it->x, y, d->look->text);
	iter = pango_layout_get_iter(it->layout);
	while (pango_layout_iter_next_line(iter))
		;
	pango_layout_iter_get_line_extents(iter, NULL, &last);
	base = y + (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
	pango_layout_iter_free(iter);
	pango_layout_get_extents(it->number, NULL, &num);
	nx = x + it->x + it->w - (double)num.width / PANGO_SCALE;
	draw_line(d, f, it->number, pango_layout_get_line_readonly(it->number, 0), nx,
	    base, d->look->text);
	if (it->link)
		cairo_tag_end(d->cr, CAIRO_TAG_LINK);
	/* Leader dots between the title's end and the number. */
	{
		double x0 = x + it->x + (double)(last.x + last.width) / PANGO_SCALE + 6;
		double x1 = nx - 6;
		double dots[] = {0, 4};
		if (x1 > x0) {
			color(d, d->look->rule);
			cairo_save(d->cr);
			cairo_set_line_width(d->cr, 0.9);
			cairo_set_line_cap(d->cr, CAIRO_LINE_CAP_ROUND);
			cairo_set_dash(d->cr, dots, 2, 0);
			/* Dots on a grid so that leaders line up from entry to entry. */
			x0 = ceil(x0 / 4) * 4;
			cairo_move_to(d->cr, x0, base);
			cairo_line_to(d->cr, x1, base);
			cairo_stroke(d->cr);
			cairo_restore(d->cr);
			d->color = NULL;
		}
	}
}

void
pdf_dev_draw(struct pdf_dev *d, const struct pdf_flow *f, size_t i, double x, double y)
{
	const struct pdf_item *it = &f->items[i];
	double h = f->boxes[i].height;

	switch (it->kind) {
	case PDF_ITEM_LINE:
		if (it->shade) {
			color(d, d->look->shade);
			cairo_rectangle(d->cr, x + it->x - d->look->code_inset, y,
			    it->w + 2 * d->look->code_inset, h);
			cairo_fill(d->cr);
		}
		if (it->bar_x >= 0) {
			color(d, d->look->accent);
			cairo_set_line_width(d->cr, 1.5);
			cairo_move_to(d->cr, x + it->bar_x, y);
			cairo_line_to(d->cr, x + it->bar_x, y + h);
			cairo_stroke(d->cr);
		}
		if (it->marker) {
			structure(d, f, it->marker_snode);
			draw_line(d, f, it->marker, pango_layout_get_line_readonly(it->marker, 0),
			    x + it->marker_x, y + it->baseline, d->look->text);
		}
		structure(d, f, it->snode);
		if (it->dest) {
			char *q = pdf_quote(it->dest);
			char *attrs = xasprintf("name='%s'", q);
			cairo_tag_begin(d->cr, CAIRO_TAG_DEST, attrs);
			free(attrs);
			free(q);
		}
		if (it->sline)
			draw_set_line(d, f, it->par, it->sline, x + it->x + it->sline->x,
			    y + it->baseline, d->look->text);
		if (it->dest)
			cairo_tag_end(d->cr, CAIRO_TAG_DEST);
		break;
	case PDF_ITEM_FIGURE:
		draw_figure(d, f, it, x, y);
		break;
	case PDF_ITEM_RULE:
		structure(d, f, it->snode);
		pdf_dev_hline(d, x + it->x, x + it->x + it->w, y + h / 2);
		break;
	case PDF_ITEM_ROW:
		draw_row(d, f, it, x, y, h);
		break;
	case PDF_ITEM_TOC:
		draw_toc(d, f, it, x, y);
		break;
	default:
		abort();
	}
}

int
pdf_dev_finish(struct pdf_dev *d)
{
	cairo_status_t st;
	int rc = -1;

	if (d->flow)
		pdf_dev_end_flow(d);
	cairo_tag_end(d->cr, "Document");
	st = cairo_status(d->cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		msg_error(NULL, 0, "cairo: %s", cairo_status_to_string(st));
		goto out;
	}
	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->surface);
	st = cairo_surface_status(d->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		msg_error(NULL, 0, "cairo: %s", cairo_status_to_string(st));
		goto out;
	}
	rc = 0;
out:
	pdf_dev_free(d);
	return rc;
}
