/* Drawing recorded as a list of Cairo calls and replayed onto the PDF surface (pdf_ops.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_draw.h"
#include "pdf_ops.h"
#include "util.h"

enum op {
	OP_STRUCT = 1, OP_COLOR, OP_RGB, OP_FORGET_COLOR, OP_RECT, OP_FILL, OP_STROKE, OP_CLIP,
	OP_SAVE, OP_RESTORE, OP_LINE_WIDTH, OP_LINE_CAP_ROUND, OP_DASH, OP_MOVE, OP_LINE,
	OP_TRANSLATE, OP_SCALE, OP_TRANSFORM, OP_SOURCE, OP_TAG_BEGIN, OP_TAG_END, OP_GLYPHS
};

void
pdf_ops_reset(struct pdf_ops *o)
{
	for (size_t i = 0; i < o->nfonts; i++)
		cairo_scaled_font_destroy(o->fonts[i]);
	for (size_t i = 0; i < o->nsurfaces; i++)
		cairo_surface_destroy(o->surfaces[i]);
	o->nfonts = 0;
	o->nsurfaces = 0;
	buf_reset(&o->b);
}

void
pdf_ops_free(struct pdf_ops *o)
{
	pdf_ops_reset(o);
	buf_free(&o->b);
	free(o->fonts);
	free(o->surfaces);
	memset(o, 0, sizeof(*o));
}

static void
op(struct pdf_ops *o, enum op c)
{
	buf_putc(&o->b, (int)c);
}

static void
num(struct pdf_ops *o, double v)
{
	buf_put(&o->b, &v, sizeof(v));
}

static void
u32(struct pdf_ops *o, uint32_t v)
{
	buf_put(&o->b, &v, sizeof(v));
}

static void
str(struct pdf_ops *o, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	u32(o, (uint32_t)n);
	buf_put(&o->b, s ? s : "", n);
}

static void
op_nums(struct pdf_ops *o, enum op c, int n, const double *v)
{
	op(o, c);
	for (int i = 0; i < n; i++)
		num(o, v[i]);
}

void pdf_op_struct(struct pdf_ops *o, int snode) { op(o, OP_STRUCT); u32(o, (uint32_t)snode); }
void pdf_op_color(struct pdf_ops *o, enum pdf_color c) { op(o, OP_COLOR); u32(o, (uint32_t)c); }
void pdf_op_forget_color(struct pdf_ops *o) { op(o, OP_FORGET_COLOR); }
void pdf_op_fill(struct pdf_ops *o) { op(o, OP_FILL); }
void pdf_op_stroke(struct pdf_ops *o) { op(o, OP_STROKE); }
void pdf_op_clip(struct pdf_ops *o) { op(o, OP_CLIP); }
void pdf_op_save(struct pdf_ops *o) { op(o, OP_SAVE); }
void pdf_op_restore(struct pdf_ops *o) { op(o, OP_RESTORE); }
void pdf_op_line_cap_round(struct pdf_ops *o) { op(o, OP_LINE_CAP_ROUND); }

void
pdf_op_rgb(struct pdf_ops *o, double r, double g, double b)
{
	double v[] = {r, g, b};
	op_nums(o, OP_RGB, 3, v);
}

void
pdf_op_rect(struct pdf_ops *o, double x, double y, double w, double h)
{
	double v[] = {x, y, w, h};
	op_nums(o, OP_RECT, 4, v);
}

void pdf_op_line_width(struct pdf_ops *o, double w) { op_nums(o, OP_LINE_WIDTH, 1, &w); }

void
pdf_op_dash(struct pdf_ops *o, double on, double off)
{
	double v[] = {on, off};
	op_nums(o, OP_DASH, 2, v);
}

void
pdf_op_move(struct pdf_ops *o, double x, double y)
{
	double v[] = {x, y};
	op_nums(o, OP_MOVE, 2, v);
}

void
pdf_op_line(struct pdf_ops *o, double x, double y)
{
	double v[] = {x, y};
	op_nums(o, OP_LINE, 2, v);
}

void
pdf_op_translate(struct pdf_ops *o, double x, double y)
{
	double v[] = {x, y};
	op_nums(o, OP_TRANSLATE, 2, v);
}

void
pdf_op_scale(struct pdf_ops *o, double x, double y)
{
	double v[] = {x, y};
	op_nums(o, OP_SCALE, 2, v);
}

void
pdf_op_transform(struct pdf_ops *o, const cairo_matrix_t *m)
{
	double v[] = {m->xx, m->yx, m->xy, m->yy, m->x0, m->y0};
	op_nums(o, OP_TRANSFORM, 6, v);
}

void
pdf_op_source(struct pdf_ops *o, cairo_surface_t *s, const cairo_matrix_t *m)
{
	double v[] = {m->xx, m->yx, m->xy, m->yy, m->x0, m->y0};

	if (o->nsurfaces == o->capsurfaces) {
		o->capsurfaces = o->capsurfaces ? 2 * o->capsurfaces : 8;
		o->surfaces = xrealloc(o->surfaces, o->capsurfaces * sizeof(*o->surfaces));
	}
	o->surfaces[o->nsurfaces] = cairo_surface_reference(s);
	op(o, OP_SOURCE);
	u32(o, (uint32_t)o->nsurfaces++);
	for (int i = 0; i < 6; i++)
		num(o, v[i]);
}

void
pdf_op_tag_begin(struct pdf_ops *o, const char *name, const char *attrs)
{
	op(o, OP_TAG_BEGIN);
	str(o, name);
	str(o, attrs);
}

void
pdf_op_tag_end(struct pdf_ops *o, const char *name)
{
	op(o, OP_TAG_END);
	str(o, name);
}

/* Returns the index of sf in o's fonts, adding it. An article uses a handful of fonts, and
 * mostly the one used last. */
static uint32_t
font_index(struct pdf_ops *o, cairo_scaled_font_t *sf)
{
	for (size_t i = o->nfonts; i > 0; i--)
		if (o->fonts[i - 1] == sf)
			return (uint32_t)(i - 1);
	if (o->nfonts == o->capfonts) {
		o->capfonts = o->capfonts ? 2 * o->capfonts : 8;
		o->fonts = xrealloc(o->fonts, o->capfonts * sizeof(*o->fonts));
	}
	o->fonts[o->nfonts] = cairo_scaled_font_reference(sf);
	return (uint32_t)o->nfonts++;
}

void
pdf_op_glyphs(struct pdf_ops *o, cairo_scaled_font_t *sf, const char *utf8, int len,
              const cairo_glyph_t *glyphs, int nglyphs, const cairo_text_cluster_t *clusters,
              int nclusters, int backward)
{
	op(o, OP_GLYPHS);
	u32(o, font_index(o, sf));
	u32(o, (uint32_t)backward);
	u32(o, (uint32_t)len);
	buf_put(&o->b, utf8, (size_t)len);
	u32(o, (uint32_t)nglyphs);
	buf_put(&o->b, glyphs, (size_t)nglyphs * sizeof(*glyphs));
	u32(o, (uint32_t)nclusters);
	buf_put(&o->b, clusters, (size_t)nclusters * sizeof(*clusters));
}

/* A position in a recording being read. */
struct cursor {
	const char *p;
};

static double
get_num(struct cursor *c)
{
	double v;

	memcpy(&v, c->p, sizeof(v));
	c->p += sizeof(v);
	return v;
}

static uint32_t
get_u32(struct cursor *c)
{
	uint32_t v;

	memcpy(&v, c->p, sizeof(v));
	c->p += sizeof(v);
	return v;
}

/* Returns a copy of the next string (caller frees). */
static char *
get_str(struct cursor *c)
{
	uint32_t n = get_u32(c);
	char *s = xstrndup(c->p, n);

	c->p += n;
	return s;
}

static void
get_matrix(struct cursor *c, cairo_matrix_t *m)
{
	m->xx = get_num(c);
	m->yx = get_num(c);
	m->xy = get_num(c);
	m->yy = get_num(c);
	m->x0 = get_num(c);
	m->y0 = get_num(c);
}

/* Brings the open structure elements to snode s of owner (-1: none of its). */
static void
structure(struct pdf_replay *r, const struct pdf_snode *snodes, const void *owner, int s)
{
	size_t n = 0, common = 0;

	if (r->owner != owner) {
		pdf_replay_end(r);
		r->owner = owner;
	}
	for (int k = s; k >= 0; k = snodes[k].parent) {
		if (n == r->cappath) {
			r->cappath = r->cappath ? 2 * r->cappath : 32;
			r->path = xrealloc(r->path, r->cappath * sizeof(*r->path));
		}
		r->path[n++] = k;
	}
	/* path holds s first and its outermost ancestor last. */
	while (common < r->nopen && common < n && r->open[common] == r->path[n - 1 - common])
		common++;
	while (r->nopen > common)
		cairo_tag_end(r->cr, r->open_tags[--r->nopen]);
	for (size_t k = common; k < n; k++) {
		int e = r->path[n - 1 - k];
		if (r->nopen == r->capopen) {
			r->capopen = r->capopen ? 2 * r->capopen : 32;
			r->open = xrealloc(r->open, r->capopen * sizeof(*r->open));
			r->open_tags = xrealloc(r->open_tags, r->capopen * sizeof(*r->open_tags));
		}
		cairo_tag_begin(r->cr, snodes[e].tag, "");
		r->open_tags[r->nopen] = snodes[e].tag;
		r->open[r->nopen++] = e;
	}
}

void
pdf_replay_end(struct pdf_replay *r)
{
	while (r->nopen > 0)
		cairo_tag_end(r->cr, r->open_tags[--r->nopen]);
	r->owner = NULL;
}

void
pdf_replay_free(struct pdf_replay *r)
{
	free(r->open);
	free(r->open_tags);
	free(r->path);
	free(r->glyphs);
	free(r->clusters);
	r->glyphs = NULL;
	r->clusters = NULL;
	r->capglyphs = r->capclusters = 0;
	r->open = NULL;
	r->open_tags = NULL;
	r->path = NULL;
	r->nopen = r->capopen = r->cappath = 0;
}

void
pdf_replay(struct pdf_replay *r, const struct pdf_ops *o, size_t from, size_t to,
           const struct pdf_snode *snodes, const void *owner, double x, double y)
{
	struct cursor c = {o->b.data + from};
	const char *end = o->b.data + to;
	cairo_t *cr = r->cr;
	int moved = x != 0 || y != 0;

	if (from >= to)
		return;
	if (moved)
		cairo_translate(cr, x, y);
	while (c.p < end) {
		enum op k = (enum op)(unsigned char)*c.p++;
		switch (k) {
		case OP_STRUCT:
			structure(r, snodes, owner, (int)get_u32(&c));
			break;
		case OP_COLOR: {
			const double *rgb = r->colors[get_u32(&c) & 3];
			if (r->color != rgb)
				cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			r->color = rgb;
			break;
		}
		case OP_RGB: {
			double red = get_num(&c), green = get_num(&c), blue = get_num(&c);
			cairo_set_source_rgb(cr, red, green, blue);
			r->color = NULL;
			break;
		}
		case OP_FORGET_COLOR:
			r->color = NULL;
			break;
		case OP_RECT: {
			double rx = get_num(&c), ry = get_num(&c), rw = get_num(&c), rh = get_num(&c);
			cairo_rectangle(cr, rx, ry, rw, rh);
			break;
		}
		case OP_FILL:
			cairo_fill(cr);
			break;
		case OP_STROKE:
			cairo_stroke(cr);
			break;
		case OP_CLIP:
			cairo_clip(cr);
			break;
		case OP_SAVE:
			cairo_save(cr);
			break;
		case OP_RESTORE:
			cairo_restore(cr);
			break;
		case OP_LINE_WIDTH:
			cairo_set_line_width(cr, get_num(&c));
			break;
		case OP_LINE_CAP_ROUND:
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			break;
		case OP_DASH: {
			double dash[2];
			dash[0] = get_num(&c);
			dash[1] = get_num(&c);
			cairo_set_dash(cr, dash, 2, 0);
			break;
		}
		case OP_MOVE: {
			double mx = get_num(&c), my = get_num(&c);
			cairo_move_to(cr, mx, my);
			break;
		}
		case OP_LINE: {
			double lx = get_num(&c), ly = get_num(&c);
			cairo_line_to(cr, lx, ly);
			break;
		}
		case OP_TRANSLATE: {
			double tx = get_num(&c), ty = get_num(&c);
			cairo_translate(cr, tx, ty);
			break;
		}
		case OP_SCALE: {
			double sx = get_num(&c), sy = get_num(&c);
			cairo_scale(cr, sx, sy);
			break;
		}
		case OP_TRANSFORM: {
			cairo_matrix_t m;
			get_matrix(&c, &m);
			cairo_transform(cr, &m);
			break;
		}
		case OP_SOURCE: {
			cairo_surface_t *s = o->surfaces[get_u32(&c)];
			cairo_matrix_t m;
			get_matrix(&c, &m);
			cairo_pattern_t *pat = cairo_pattern_create_for_surface(s);
			cairo_pattern_set_matrix(pat, &m);
			cairo_set_source(cr, pat);
			cairo_pattern_destroy(pat);
			break;
		}
		case OP_TAG_BEGIN: {
			char *name = get_str(&c), *attrs = get_str(&c);
			cairo_tag_begin(cr, name, attrs);
			free(name);
			free(attrs);
			break;
		}
		case OP_TAG_END: {
			char *name = get_str(&c);
			cairo_tag_end(cr, name);
			free(name);
			break;
		}
		case OP_GLYPHS: {
			cairo_scaled_font_t *sf = o->fonts[get_u32(&c)];
			int backward = (int)get_u32(&c);
			int len = (int)get_u32(&c);
			const char *utf8 = c.p;
			c.p += len;
			int ng = (int)get_u32(&c);
			/* The recording's bytes are not aligned for Cairo's structures. */
			if ((size_t)ng + 1 > r->capglyphs) {
				r->capglyphs = 2 * ((size_t)ng + 1);
				r->glyphs = xrealloc(r->glyphs, r->capglyphs * sizeof(*r->glyphs));
			}
			memcpy(r->glyphs, c.p, (size_t)ng * sizeof(*r->glyphs));
			c.p += (size_t)ng * sizeof(*r->glyphs);
			int nc = (int)get_u32(&c);
			if ((size_t)nc + 1 > r->capclusters) {
				r->capclusters = 2 * ((size_t)nc + 1);
				r->clusters = xrealloc(r->clusters, r->capclusters * sizeof(*r->clusters));
			}
			memcpy(r->clusters, c.p, (size_t)nc * sizeof(*r->clusters));
			c.p += (size_t)nc * sizeof(*r->clusters);
			cairo_set_scaled_font(cr, sf);
			cairo_show_text_glyphs(cr, utf8, len, r->glyphs, ng, r->clusters, nc,
			    backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
			break;
		}
		default:
			abort();
		}
	}
	if (moved)
		cairo_translate(cr, -x, -y);
}
