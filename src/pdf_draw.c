/* The PDF device: a flow of laid-out boxes drawn onto Cairo's PDF surface, with tags and links. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "archive.h"
#include "image.h"
#include "msg.h"
#include "pdf_draw.h"
#include "pdf_glyphs.h"
#include "pdf_ops.h"
#include "util.h"

/* Pixels per inch photos are decoded at, at their drawn size. */
#define PHOTO_DPI 300.0

/* A device draws onto the PDF surface (pdf_dev_new) or only records (pdf_dev_recorder, on a
 * worker thread). Either way every item is first recorded, then replayed: the same calls reach
 * Cairo whichever thread set the text. */
struct pdf_dev {
	cairo_surface_t *surface; /* NULL for a recorder */
	cairo_t *cr;
	const struct pdf_look *look;
	int page;               /* the current page, 0 for the first */
	struct pdf_replay rp;   /* what is open and set on the surface */
	struct pdf_ops *rec;    /* the recording being made */
	struct pdf_ops scratch; /* what a drawing device records before it replays it */
	int photos_known;       /* drawing at once (pdf_dev_draw): d->photos tells what cairo has */
	struct strset failed;   /* photos that could not be drawn */
	struct strset photos;   /* photos stored already -> their EXIF orientation */
	struct pdf_glyphs *glyphs; /* scratch for drawing runs */
};

static const cairo_user_data_key_t pixels_key;

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

struct pdf_dev *
pdf_dev_new(cairo_write_func_t write, void *closure, const struct pdf_look *look)
{
	struct pdf_dev *d = xcalloc(1, sizeof(*d));

	d->look = look;
	d->glyphs = pdf_glyphs_new();
	d->surface = cairo_pdf_surface_create_for_stream(write, closure, look->page_w, look->page_h);
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
	d->rp.cr = d->cr;
	d->rp.colors[PDF_COLOR_TEXT] = look->text;
	d->rp.colors[PDF_COLOR_ACCENT] = look->accent;
	d->rp.colors[PDF_COLOR_RULE] = look->rule;
	d->rp.colors[PDF_COLOR_SHADE] = look->shade;
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
	pdf_replay_free(&d->rp);
	pdf_ops_free(&d->scratch);
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
color(struct pdf_dev *d, enum pdf_color c)
{
	pdf_op_color(d->rec, c);
}

/* Brings the open structure elements to snode s of flow f (-1: none of the flow's). */
static void
structure(struct pdf_dev *d, const struct pdf_flow *f, int s)
{
	pdf_op_struct(d->rec, s);
}

void
pdf_dev_end_flow(struct pdf_dev *d)
{
	pdf_replay_end(&d->rp);
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
                PangoGlyphItem *gi, double x, double y, enum pdf_color base)
{
	const char *link = link_at(f, owner, gi->item->offset);
	int rgb = 0;
	double fg[3];

	for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
		PangoAttribute *attr = a->data;
		if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor *c = &((PangoAttrColor *)attr)->color;
			fg[0] = c->red / 65535.0;
			fg[1] = c->green / 65535.0;
			fg[2] = c->blue / 65535.0;
			rgb = 1;
		}
	}
	if (rgb)
		pdf_op_rgb(d->rec, fg[0], fg[1], fg[2]);
	else
		color(d, base);
	if (link)
		pdf_op_tag_begin(d->rec, CAIRO_TAG_LINK, link);
	pdf_glyphs_draw(d->glyphs, d->rec, text, gi, x, y);
	if (link)
		pdf_op_tag_end(d->rec, CAIRO_TAG_LINK);
	return (double)pango_glyph_string_get_width(gi->glyphs) / PANGO_SCALE;
}

/* Draws one line of a layout with its left end at x and its baseline at y. */
static void
draw_line(struct pdf_dev *d, const struct pdf_flow *f, PangoLayout *layout,
          PangoLayoutLine *line, double x, double y, enum pdf_color base)
{
	const char *text = pango_layout_get_text(layout);

	for (GSList *r = line->runs; r; r = r->next)
		x += draw_glyph_item(d, f, layout, text, r->data, x, y, base);
}

/* Draws one line of a set paragraph with its left end at x and its baseline at y. */
static void
draw_set_line(struct pdf_dev *d, const struct pdf_flow *f, const struct set_par *par,
              const struct set_line *line, double x, double y, enum pdf_color base)
{
	for (int r = 0; r < line->nruns; r++)
		x += draw_glyph_item(d, f, par, par->text, line->runs[r], x, y, base);
}

/* Draws every line of a layout with its top-left corner at (x, y). */
static void
draw_layout(struct pdf_dev *d, const struct pdf_flow *f, PangoLayout *layout, double x,
            double y, enum pdf_color base)
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
	pdf_ops_reset(&d->scratch);
	d->rec = &d->scratch;
	draw_layout(d, NULL, layout, x, y, accent ? PDF_COLOR_ACCENT : PDF_COLOR_TEXT);
	pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, NULL, d->rp.owner, 0, 0);
}

void
pdf_dev_clip(struct pdf_dev *d, double x, double y, double w, double h)
{
	pdf_ops_reset(&d->scratch);
	if (w > 0 && h > 0) {
		pdf_op_save(&d->scratch);
		pdf_op_rect(&d->scratch, x, y, w, h);
		pdf_op_clip(&d->scratch);
	} else
		pdf_op_restore(&d->scratch);
	pdf_op_forget_color(&d->scratch);
	pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, NULL, d->rp.owner, 0, 0);
}

/* Records a horizontal hairline. */
static void
hline(struct pdf_dev *d, double x0, double x1, double y)
{
	color(d, PDF_COLOR_RULE);
	pdf_op_line_width(d->rec, 0.5);
	pdf_op_move(d->rec, x0, y);
	pdf_op_line(d->rec, x1, y);
	pdf_op_stroke(d->rec);
}

void
pdf_dev_hline(struct pdf_dev *d, double x0, double x1, double y)
{
	pdf_ops_reset(&d->scratch);
	d->rec = &d->scratch;
	hline(d, x0, x1, y);
	pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, NULL, d->rp.owner, 0, 0);
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
 * the resolution of its first place). The id is the photo's SHA-256, so that copies of one
 * photo under other names (a web archive's captures, a cover's lead photo) are stored once, as
 * the EPUB stores them. Returns 0, or -1 with *why set. */
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
	size_t seen, len;
	char *uid = NULL, *bytes = NULL, hex[65];
	unsigned char sha[32];
	uint64_t dlen;

	/* Photos already stored: the same id, and the orientation noted then. Only what is drawn
	 * at once knows: a recording (maybe made on a worker thread, drawn later and in page
	 * order) always holds the photo itself. */
	/* A photo that cannot be hashed cannot be read either: refused with the same reason. */
	if (archive_photo_digest(d->look->ar, path, sha, &dlen, why) != 0)
		goto out;
	hex32(sha, hex);
	if (d->photos_known && strset_get(&d->photos, hex, &seen)) {
		uid = xstrdup(hex);
		orient = (int)seen;
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
		goto draw;
	}
	if (archive_photo_read(d->look->ar, path, &bytes, &len, why) != 0)
		goto out;
	r = image_jpeg_for_pdf_mem((const unsigned char *)bytes, len, d->look->keep_meta, &jpeg,
	    &orient, why);
	if (r < 0)
		goto out;
	if (r == 1 && dpi > 0) {
		/* The long side in pixels the print resolution needs where the photo is placed. */
		max = (int)ceil(longest / 72.0 * dpi);
		if ((jpeg.width > jpeg.height ? jpeg.width : jpeg.height) > PRINT_DPI_SLACK * max) {
			image_data_free(&jpeg);
			if (image_for_print_mem((const unsigned char *)bytes, len, max,
			    d->look->keep_meta, &jpeg, why) != 0)
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
		if (image_decode_mem((const unsigned char *)bytes, len, max, &px, why) != 0)
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
	uid = xstrdup(hex);
	if (d->photos_known)
		strset_add(&d->photos, hex, (size_t)orient);
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
	pdf_op_save(d->rec);
	pdf_op_translate(d->rec, x, y);
	pdf_op_scale(d->rec, w, h);
	pdf_op_transform(d->rec, &m);
	{
		/* The image's pixels fill the unit square. */
		cairo_matrix_t pm;
		cairo_matrix_init_scale(&pm, cairo_image_surface_get_width(s),
		    cairo_image_surface_get_height(s));
		pdf_op_source(d->rec, s, &pm);
	}
	pdf_op_rect(d->rec, 0, 0, 1, 1);
	pdf_op_fill(d->rec);
	pdf_op_restore(d->rec);
	pdf_op_forget_color(d->rec);
	rc = 0;
out:
	free(uid);
	free(bytes);
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
	color(d, PDF_COLOR_RULE);
	pdf_op_line_width(d->rec, 0.75);
	pdf_op_rect(d->rec, x, y, it->img_w, it->img_h);
	pdf_op_stroke(d->rec);
	if (it->alt) {
		int lw, lh;
		pango_layout_get_size(it->alt, &lw, &lh);
		draw_layout(d, NULL, it->alt, x,
		    y + (it->img_h - (double)lh / PANGO_SCALE) / 2, PDF_COLOR_TEXT);
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
			if (it->path && strset_add(&d->failed, it->path, 0)) {
				/* Given once a document, in reading order, whatever thread
				 * drew the photo first. */
				char *key = xasprintf("draw:%s", it->path);
				msg_warn_once(key, it->label, it->line_no, "image unusable (%s): %s",
				    why ? why : "cannot be decoded", it->url ? it->url : it->path);
				free(key);
			}
			placeholder(d, it, ix, y);
		}
	}
	if (it->layout) {
		structure(d, f, it->cap_snode >= 0 ? it->cap_snode : it->snode);
		draw_layout(d, f, it->layout, x + it->x, y + it->cap_y, PDF_COLOR_TEXT);
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
			color(d, PDF_COLOR_SHADE);
			pdf_op_rect(d->rec, cx, y, cell->w, h);
			pdf_op_fill(d->rec);
		}
		if (cell->layout)
			draw_layout(d, f, cell->layout, cx + d->look->cell_pad, y + d->look->cell_pad, PDF_COLOR_TEXT);
		color(d, PDF_COLOR_RULE);
		pdf_op_line_width(d->rec, 0.5);
		pdf_op_rect(d->rec, cx, y, cell->w, h);
		pdf_op_stroke(d->rec);
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
		pdf_op_tag_begin(d->rec, CAIRO_TAG_LINK, it->link);
	draw_layout(d, f, it->layout, x + it->x, y, PDF_COLOR_TEXT);
	iter = pango_layout_get_iter(it->layout);
	while (pango_layout_iter_next_line(iter))
		;
	pango_layout_iter_get_line_extents(iter, NULL, &last);
	base = y + (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
	pango_layout_iter_free(iter);
	pango_layout_get_extents(it->number, NULL, &num);
	nx = x + it->x + it->w - (double)num.width / PANGO_SCALE;
	draw_line(d, f, it->number, pango_layout_get_line_readonly(it->number, 0), nx,
	    base, PDF_COLOR_TEXT);
	if (it->link)
		pdf_op_tag_end(d->rec, CAIRO_TAG_LINK);
	/* Leader dots between the title's end and the number. */
	{
		double x0 = x + it->x + (double)(last.x + last.width) / PANGO_SCALE + 6;
		double x1 = nx - 6;
		if (x1 > x0) {
			color(d, PDF_COLOR_RULE);
			pdf_op_save(d->rec);
			pdf_op_line_width(d->rec, 0.9);
			pdf_op_line_cap_round(d->rec);
			pdf_op_dash(d->rec, 0, 4);
			/* Dots on a grid so that leaders line up from entry to entry. */
			x0 = ceil(x0 / 4) * 4;
			pdf_op_move(d->rec, x0, base);
			pdf_op_line(d->rec, x1, base);
			pdf_op_stroke(d->rec);
			pdf_op_restore(d->rec);
			pdf_op_forget_color(d->rec);
		}
	}
}

/* Records item i of flow f with its box's top-left corner at (x, y). */
static void
record(struct pdf_dev *d, const struct pdf_flow *f, size_t i, double x, double y)
{
	const struct pdf_item *it = &f->items[i];
	double h = f->boxes[i].height;

	switch (it->kind) {
	case PDF_ITEM_LINE:
		if (it->shade) {
			color(d, PDF_COLOR_SHADE);
			pdf_op_rect(d->rec, x + it->x - d->look->code_inset, y,
			    it->w + 2 * d->look->code_inset, h);
			pdf_op_fill(d->rec);
		}
		if (it->bar_x >= 0) {
			color(d, PDF_COLOR_ACCENT);
			pdf_op_line_width(d->rec, 1.5);
			pdf_op_move(d->rec, x + it->bar_x, y);
			pdf_op_line(d->rec, x + it->bar_x, y + h);
			pdf_op_stroke(d->rec);
		}
		if (it->marker) {
			structure(d, f, it->marker_snode);
			draw_line(d, f, it->marker, pango_layout_get_line_readonly(it->marker, 0),
			    x + it->marker_x, y + it->baseline, PDF_COLOR_TEXT);
		}
		structure(d, f, it->snode);
		if (it->dest) {
			char *q = pdf_quote(it->dest);
			char *attrs = xasprintf("name='%s'", q);
			pdf_op_tag_begin(d->rec, CAIRO_TAG_DEST, attrs);
			free(attrs);
			free(q);
		}
		if (it->sline)
			draw_set_line(d, f, it->par, it->sline, x + it->x + it->sline->x,
			    y + it->baseline, PDF_COLOR_TEXT);
		if (it->dest)
			pdf_op_tag_end(d->rec, CAIRO_TAG_DEST);
		break;
	case PDF_ITEM_FIGURE:
		draw_figure(d, f, it, x, y);
		break;
	case PDF_ITEM_RULE:
		structure(d, f, it->snode);
		hline(d, x + it->x, x + it->x + it->w, y + h / 2);
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

void
pdf_dev_draw(struct pdf_dev *d, const struct pdf_flow *f, size_t i, double x, double y)
{
	pdf_ops_reset(&d->scratch);
	d->rec = &d->scratch;
	d->photos_known = 1;
	record(d, f, i, x, y);
	d->photos_known = 0;
	pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, f->snodes, f, 0, 0);
}

void
pdf_dev_draw_at(struct pdf_dev *d, const struct pdf_flow *f, size_t i, const void *owner,
                double x, double y)
{
	pdf_ops_reset(&d->scratch);
	d->rec = &d->scratch;
	record(d, f, i, 0, 0);
	pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, f->snodes, owner, x, y);
}

void
pdf_dev_record(struct pdf_dev *d, const struct pdf_flow *f, size_t i, struct pdf_ops *out)
{
	d->rec = out;
	record(d, f, i, 0, 0);
	d->rec = NULL;
}

void
pdf_dev_replay(struct pdf_dev *d, const struct pdf_ops *o, size_t from, size_t to,
               const struct pdf_snode *snodes, const void *owner, double x, double y)
{
	pdf_replay(&d->rp, o, from, to, snodes, owner, x, y);
}

cairo_t *
pdf_dev_cairo(struct pdf_dev *d)
{
	pdf_replay_end(&d->rp);
	d->rp.color = NULL;
	return d->cr;
}

int
pdf_dev_photo(struct pdf_dev *d, const char *path, double x, double y, double w, double h,
              const char **why)
{
	int rc;

	pdf_ops_reset(&d->scratch);
	d->rec = &d->scratch;
	d->photos_known = 1;
	rc = draw_photo(d, path, x, y, w, h, why);
	d->photos_known = 0;
	if (rc == 0)
		pdf_replay(&d->rp, &d->scratch, 0, d->scratch.b.len, NULL, d->rp.owner, 0, 0);
	d->rp.color = NULL;
	return rc;
}

struct pdf_dev *
pdf_dev_recorder(const struct pdf_look *look)
{
	struct pdf_dev *d = xcalloc(1, sizeof(*d));

	d->look = look;
	d->glyphs = pdf_glyphs_new();
	return d;
}

int
pdf_dev_finish(struct pdf_dev *d)
{
	cairo_status_t st;
	int rc = -1;

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
