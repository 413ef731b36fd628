/* The book's covers, front and back, drawn with Cairo and Pango: on the PDF's first and last
 * pages, and rendered to an image for the EPUB's cover. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>
#include <turbojpeg.h>

#include "archive.h"
#include "cover.h"
#include "date.h"
#include "fonts.h"
#include "l10n.h"
#include "style.h"
#include "url.h"
#include "util.h"

/* The most bytes of a title or subtitle set on a cover; what is beyond is cut at a character. */
#define COVER_TEXT_MAX 600

/* Distinct source sites the back cover names one by one; with more it gives their number. */
#define COVER_SITES_MAX 8

/* Returns a copy of s cut to at most COVER_TEXT_MAX bytes at a character boundary. */
static char *
cut(const char *s)
{
	size_t n = strlen(s);

	if (n <= COVER_TEXT_MAX)
		return xstrdup(s);
	n = COVER_TEXT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(s, n);
}

struct site_count {
	char *name;             /* owned */
	size_t n, first;
};

static int
cmp_site(const void *a, const void *b)
{
	const struct site_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The back cover's line saying where the articles came from, or NULL when none has a URL:
 * "From a.org, b.net and c.com.", the most frequent first, or "From 12 sites." */
static char *
sources_line(const struct archive *ar, const struct toc *toc, const struct l10n *l)
{
	struct strset seen = {0};
	struct site_count *sc = xcalloc(toc->n + 1, sizeof(*sc));
	char *list, *line = NULL;
	size_t n = 0, idx;

	for (size_t i = 0; i < toc->n; i++) {
		char *s = url_site(ar->articles[toc->order[i]].source);
		if (s == NULL)
			continue;
		if (strset_get(&seen, s, &idx)) {
			sc[idx].n++;
			free(s);
		} else {
			strset_add(&seen, s, n);
			sc[n++] = (struct site_count){s, 1, i};
		}
	}
	if (n == 0)
		goto out;
	qsort(sc, n, sizeof(*sc), cmp_site);
	if (n <= COVER_SITES_MAX) {
		char **sorted = xcalloc(n, sizeof(*sorted));
		for (size_t i = 0; i < n; i++)
			sorted[i] = sc[i].name;
		list = l10n_names(l, ar->lang, sorted, n);
		free(sorted);
	} else
		list = l10n_count(l, ar->lang, L10N_SITES, n);
	line = l10n_fmt(l, ar->lang, L10N_FROM, list);
	free(list);
out:
	for (size_t i = 0; i < n; i++)
		free(sc[i].name);
	free(sc);
	strset_free(&seen);
	return line;
}

/* The lead photo of article a: its lead image, else the first photo it shows. */
static const char *
lead(const struct article *a)
{
	if (a->image)
		return a->image;
	return a->nphotos ? a->photos[0] : NULL;
}

/* Picks the cover's photo and reads its size; a photo that cannot be read is passed over. */
static void
pick_photo(struct cover *c, const struct archive *ar, const struct toc *toc)
{
	size_t idx;

	const char *want = NULL;
	if (ar->cover_article && archive_find(ar, ar->cover_article, &idx))
		want = lead(&ar->articles[idx]);
	for (size_t i = 0; i <= toc->n; i++) {
		const char *p = i == 0 ? want : lead(&ar->articles[toc->order[i - 1]]);
		struct image_info info;
		const char *why;
		char *bytes = NULL;
		size_t len;
		if (p == NULL)
			continue;
		if (archive_photo_read(ar, p, &bytes, &len, &why) == 0 &&
		    image_probe_mem((const unsigned char *)bytes, len, &info, &why) == 0 &&
		    info.width > 0 && info.height > 0) {
			c->photo = xstrdup(p);
			c->photo_w = info.width;
			c->photo_h = info.height;
			free(bytes);
			return;
		}
		free(bytes);
	}
}

struct cover *
cover_new(const struct archive *ar, const struct toc *toc, const struct style *st)
{
	struct cover *c = xcalloc(1, sizeof(*c));
	const struct l10n *l = st->l10n;
	struct date from, to;
	char d[160];
	const char *arabic = st->font_arabic ? st->font_arabic : "Noto Naskh Arabic";

	c->lang = ar->lang ? ar->lang : "en";
	c->rtl = ar->dir == DIR_RTL;
	c->title = cut(ar->title && *ar->title ? ar->title : l10n_label(l, c->lang, L10N_UNTITLED));
	c->subtitle = ar->subtitle && *ar->subtitle ? cut(ar->subtitle) : NULL;
	l10n_date(l, c->lang, &ar->date, d, sizeof(d));
	c->snapshot = l10n_fmt(l, c->lang, L10N_SNAPSHOT, d);
	if (archive_range(ar, &from, &to)) {
		l10n_range(l, c->lang, &from, &to, d, sizeof(d));
		c->date = xstrdup(d);
	} else
		c->date = xstrdup(c->snapshot);
	c->alt = c->subtitle ? xasprintf("%s: %s", c->title, c->subtitle) : xstrdup(c->title);
	c->publisher = ar->publisher && *ar->publisher ? cut(ar->publisher) : NULL;
	c->sources = sources_line(ar, toc, l);
	style_rgb(st->accent_color, 0x7a1f1f, c->accent);
	style_rgb(st->text_color, 0x1a1a1a, c->text);
	c->head_family = xasprintf("%s,%s", st->font_heading, arabic);
	c->body_family = xasprintf("%s,%s", st->font_body, arabic);
	/* A named cover is drawn as it is: no lead photo is looked for. */
	if (ar->cover == NULL)
		pick_photo(c, ar, toc);
	return c;
}

void
cover_free(struct cover *c)
{
	if (c == NULL)
		return;
	free(c->title);
	free(c->subtitle);
	free(c->date);
	free(c->alt);
	free(c->publisher);
	free(c->snapshot);
	free(c->sources);
	free(c->photo);
	free(c->head_family);
	free(c->body_family);
	free(c);
}

void
cover_fill(double pw, double ph, double fw, double fh, double *x, double *y, double *dw,
           double *dh)
{
	double s = fw / pw > fh / ph ? fw / pw : fh / ph;

	*dw = pw * s;
	*dh = ph * s;
	*x = (fw - *dw) / 2;
	*y = (fh - *dh) / 2;
}

/* A layout of text in family at size (points or pixels), weight, width, at most lines lines
 * (ellipsized past them), aligned to the start of the cover's direction. Caller unrefs. */
static PangoLayout *
text(const struct cover *c, PangoContext *ctx, const char *s, const char *family, double size,
     PangoWeight weight, double width, int lines)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, weight);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_auto_dir(l, FALSE);
	pango_layout_set_alignment(l, c->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(l, -lines);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(l, s, -1);
	return l;
}

static double
height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws layout l at (x, y) in colour col as a tagged paragraph. */
static void
show(cairo_t *cr, PangoLayout *l, double x, double y, const double col[3])
{
	cairo_tag_begin(cr, "P", "");
	cairo_set_source_rgb(cr, col[0], col[1], col[2]);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	cairo_tag_end(cr, "P");
}

/* Sets ctx's language and direction to the cover's. */
static void
context(const struct cover *c, PangoContext *ctx)
{
	pango_context_set_language(ctx, pango_language_from_string(c->lang));
	pango_context_set_base_dir(ctx, c->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
}

/* Whether white text reads better than the text colour on colour col. */
static int
dark(const double col[3])
{
	return 0.2126 * col[0] + 0.7152 * col[1] + 0.0722 * col[2] < 0.55;
}

void
cover_front(const struct cover *c, cairo_t *cr, PangoContext *ctx, double w, double h,
            cover_photo_fn photo, void *closure)
{
	const double u = w / 100, m = 8 * u, tw = w - 2 * m;
	static const double white[3] = {1, 1, 1};
	double y, frame_h = c->photo ? h * 0.60 : 0;
	const double *ink = c->text, *sub = c->accent;
	PangoLayout *title, *subtitle = NULL, *date;

	context(c, ctx);
	cairo_save(cr);
	cairo_tag_begin(cr, "Sect", "");
	/* The ground: white under a photo, else the accent colour. */
	if (c->photo)
		cairo_set_source_rgb(cr, 1, 1, 1);
	else
		cairo_set_source_rgb(cr, c->accent[0], c->accent[1], c->accent[2]);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	if (!c->photo && dark(c->accent))
		ink = sub = white;
	if (c->photo) {
		double x, py, dw, dh;
		cover_fill(c->photo_w, c->photo_h, w, frame_h, &x, &py, &dw, &dh);
		cairo_save(cr);
		cairo_rectangle(cr, 0, 0, w, frame_h);
		cairo_clip(cr);
		cairo_tag_begin(cr, "Figure", "");
		if (photo(closure, c->photo, x, py, dw, dh) != 0) {
			/* A photo that cannot be drawn leaves the accent colour in its frame. */
			cairo_set_source_rgb(cr, c->accent[0], c->accent[1], c->accent[2]);
			cairo_rectangle(cr, 0, 0, w, frame_h);
			cairo_fill(cr);
		}
		cairo_tag_end(cr, "Figure");
		cairo_restore(cr);
		/* A band of the accent colour under the photo. */
		cairo_set_source_rgb(cr, c->accent[0], c->accent[1], c->accent[2]);
		cairo_rectangle(cr, 0, frame_h, w, 1.2 * u);
		cairo_fill(cr);
		y = frame_h + 7 * u;
	} else
		y = h * 0.26;
	title = text(c, ctx, c->title, c->head_family, c->photo ? 8 * u : 10 * u,
	    PANGO_WEIGHT_BOLD, tw, c->photo ? 3 : 5);
	if (c->subtitle)
		subtitle = text(c, ctx, c->subtitle, c->head_family, c->photo ? 4.2 * u : 5 * u,
		    PANGO_WEIGHT_NORMAL, tw, 3);
	date = text(c, ctx, c->date, c->head_family, 3.4 * u, PANGO_WEIGHT_NORMAL, tw, 2);
	if (!c->photo) {
		/* A short rule above the title, at its start. */
		cairo_set_source_rgb(cr, ink[0], ink[1], ink[2]);
		cairo_rectangle(cr, c->rtl ? w - m - 18 * u : m, y - 5 * u, 18 * u, 0.8 * u);
		cairo_fill(cr);
	}
	show(cr, title, m, y, ink);
	y += height(title) + 2.5 * u;
	if (subtitle) {
		show(cr, subtitle, m, y, sub);
		g_object_unref(subtitle);
	}
	show(cr, date, m, h - m - height(date), ink);
	g_object_unref(title);
	g_object_unref(date);
	cairo_tag_end(cr, "Sect");
	cairo_restore(cr);
}

void
cover_back(const struct cover *c, cairo_t *cr, PangoContext *ctx, double w, double h)
{
	const double u = w / 100, m = 10 * u, tw = w - 2 * m;
	const char *lines[3] = {c->publisher, c->snapshot, c->sources};
	PangoLayout *l[3] = {NULL, NULL, NULL};
	double y, total = 0;

	context(c, ctx);
	cairo_save(cr);
	cairo_tag_begin(cr, "Sect", "");
	for (int i = 0; i < 3; i++)
		if (lines[i]) {
			l[i] = text(c, ctx, lines[i], i == 0 ? c->head_family : c->body_family,
			    i == 0 ? 4.4 * u : 3.4 * u, i == 0 ? PANGO_WEIGHT_BOLD :
			    PANGO_WEIGHT_NORMAL, tw, i == 2 ? 6 : 3);
			total += height(l[i]) + 2 * u;
		}
	/* The block stands on the lower third, under a rule of the accent colour. */
	y = h * 0.66 - total / 2;
	cairo_set_source_rgb(cr, c->accent[0], c->accent[1], c->accent[2]);
	cairo_rectangle(cr, c->rtl ? w - m - 18 * u : m, y - 5 * u, 18 * u, 0.8 * u);
	cairo_fill(cr);
	for (int i = 0; i < 3; i++)
		if (l[i]) {
			show(cr, l[i], m, y, c->text);
			y += height(l[i]) + 2 * u;
			g_object_unref(l[i]);
		}
	cairo_tag_end(cr, "Sect");
	cairo_restore(cr);
}

/* The photo drawn into an image: decoded at the size it is drawn. */
static int
raster_photo(void *closure, const char *photo, double x, double y, double w, double h)
{
	const struct archive *ar = ((void **)closure)[0];
	cairo_t *cr = ((void **)closure)[1];
	struct image_pixels px = {0};
	char *bytes = NULL;
	size_t len;
	const char *why;
	int rc = -1, max = (int)ceil(w > h ? w : h);
	cairo_surface_t *s = NULL;

	if (archive_photo_read(ar, photo, &bytes, &len, &why) != 0 ||
	    image_decode_mem((const unsigned char *)bytes, len, max, &px, &why) != 0)
		goto out;
	s = cairo_image_surface_create_for_data((unsigned char *)px.px, CAIRO_FORMAT_ARGB32,
	    px.width, px.height, px.width * 4);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / px.width, h / px.height);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
	rc = 0;
out:
	if (s)
		cairo_surface_destroy(s);
	image_pixels_free(&px);
	free(bytes);
	return rc;
}

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static int
little_endian(void)
{
	const uint32_t one = 1;

	return *(const unsigned char *)&one == 1;
}

/* Encodes the opaque image surface s as a JPEG into b (reset first). Returns 0 or -1. */
static int
jpeg(cairo_surface_t *s, struct buf *b)
{
	tjhandle tj = tjInitCompress();
	unsigned char *out = NULL;
	unsigned long len = 0;
	int rc = -1;

	if (tj == NULL)
		return -1;
	/* Cairo's ARGB32 words, little-endian here, are B, G, R, X in memory. */
	if (tjCompress2(tj, cairo_image_surface_get_data(s), cairo_image_surface_get_width(s),
	        cairo_image_surface_get_stride(s), cairo_image_surface_get_height(s),
	        little_endian() ? TJPF_BGRX : TJPF_XRGB, &out, &len,
	        TJSAMP_420, 90, TJFLAG_ACCURATEDCT) == 0) {
		buf_reset(b);
		buf_put(b, out, len);
		rc = 0;
	}
	tjFree(out);
	tjDestroy(tj);
	return rc;
}

int
cover_image(const struct cover *c, const struct archive *ar, int w, int h,
            struct image_data *out, const char **why)
{
	char *dir = path_join(style_datadir(), "fonts");
	struct fonts *f = fonts_new(dir);
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	PangoContext *ctx = NULL;
	cairo_font_options_t *fo;
	struct buf png = {0}, jpg = {0};
	int rc = -1;

	free(dir);
	*why = "cannot load the bundled fonts";
	if (f == NULL)
		return -1;
	fonts_fallback(f, ar->chars, ar->nchars);
	ctx = pango_font_map_create_context(fonts_map(f));
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(s);
	*why = "cairo cannot draw it";
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	{
		void *closure[2] = {(void *)ar, cr};
		cover_front(c, cr, ctx, w, h, raster_photo, closure);
	}
	cairo_surface_flush(s);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS || (!c->photo &&
	    cairo_surface_write_to_png_stream(s, png_write, &png) != CAIRO_STATUS_SUCCESS))
		goto out;
	/* A photo is smaller as a JPEG, flat colour and type as a PNG. */
	memset(out, 0, sizeof(*out));
	out->width = w;
	out->height = h;
	if (c->photo) {
		if (jpeg(s, &jpg) != 0) {
			*why = "libjpeg-turbo cannot encode it";
			goto out;
		}
		out->type = IMAGE_JPEG;
		out->len = jpg.len;
		out->data = (unsigned char *)buf_detach(&jpg);
	} else {
		out->type = IMAGE_PNG;
		out->len = png.len;
		out->data = (unsigned char *)buf_detach(&png);
	}
	rc = 0;
out:
	buf_free(&png);
	buf_free(&jpg);
	if (cr)
		cairo_destroy(cr);
	if (s)
		cairo_surface_destroy(s);
	if (ctx)
		g_object_unref(ctx);
	fonts_free(f);
	return rc;
}
