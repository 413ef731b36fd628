/* The yardstick for the PDF writer's speed: a bare Pango/Cairo pagination loop over the same
 * articles, with the same fonts, page and type size as quire's default style, and none of
 * quire's work (no model, hyphenation, figures, keep rules, tags, outline, links or qpdf).
 * quire's pages per second read against this loop's on the same machine tell more than either
 * figure alone, because this project's virtual machines vary in speed from day to day.
 * usage: bare_pdf OUT.pdf FILE.md... (prints "PAGES SECONDS CPU-SECONDS") */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "fonts.h"
#include "style.h"
#include "util.h"

struct loop {
	cairo_t *cr;
	PangoLayout *layout;
	double x, top, height, y, lh;
	int pages, drawn;
};

static void
new_page(struct loop *b)
{
	cairo_show_page(b->cr);
	b->pages++;
	b->y = 0;
	b->drawn = 0;
}

/* Sets one paragraph, justified, and draws its lines, starting pages as they fill. */
static void
paragraph(struct loop *b, const char *text, size_t len, const PangoFontDescription *fd,
          double lh, double before)
{
	PangoLayoutIter *it;

	pango_layout_set_font_description(b->layout, fd);
	pango_layout_set_text(b->layout, text, (int)len);
	if (b->drawn)
		b->y += before;
	it = pango_layout_get_iter(b->layout);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		if (b->y + lh > b->height)
			new_page(b);
		cairo_move_to(b->cr, b->x, b->top + b->y + 0.8 * lh);
		pango_cairo_show_layout_line(b->cr, line);
		b->y += lh;
		b->drawn = 1;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Sets one Markdown file: front matter skipped, a title, then its blocks as paragraphs (a line
 * starting with # as a heading), their markup left as it is. */
static void
article(struct loop *b, const char *path, const PangoFontDescription *body,
        const PangoFontDescription *head, double size)
{
	size_t n;
	char *s, *p, *end;

	if (file_read(path, &s, &n) != 0)
		return;
	p = s;
	end = s + n;
	if (strncmp(p, "---\n", 4) == 0) {
		char *close = strstr(p + 4, "\n---\n");
		if (close)
			p = close + 5;
	}
	if (b->drawn)
		new_page(b);
	while (p < end) {
		char *q = strstr(p, "\n\n");
		size_t len;
		if (q == NULL)
			q = end;
		len = (size_t)(q - p);
		while (len && (*p == '\n' || *p == ' ')) {
			p++;
			len--;
		}
		if (len) {
			for (size_t i = 0; i < len; i++)
				if (p[i] == '\n')
					p[i] = ' ';
			if (*p == '#') {
				while (len && (*p == '#' || *p == ' ')) {
					p++;
					len--;
				}
				paragraph(b, p, len, head, 1.3 * 14, 1.4 * b->lh);
			} else
				paragraph(b, p, len, body, b->lh, 0.3 * size);
		}
		p = q + 2;
	}
	free(s);
}

static cairo_status_t
sink(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

int
main(int argc, char **argv)
{
	struct style st;
	struct timespec t0, t1, c0, c1;
	struct loop b = {0};
	cairo_surface_t *surf;
	struct fonts *fonts;
	PangoContext *ctx;
	PangoFontDescription *body, *head;
	cairo_font_options_t *fo;
	FILE *out;
	char *dir;

	if (argc < 3) {
		fprintf(stderr, "usage: bare_pdf OUT.pdf FILE.md...\n");
		return 2;
	}
	if (style_load(&st, NULL) != 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	dir = path_join(style_datadir(), "fonts");
	fonts = fonts_new(dir);
	free(dir);
	if (fonts == NULL || (out = fopen(argv[1], "wb")) == NULL)
		return 1;
	ctx = pango_font_map_create_context(fonts_map(fonts));
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	body = pango_font_description_from_string("Noto Serif");
	pango_font_description_set_absolute_size(body, st.size * PANGO_SCALE);
	head = pango_font_description_from_string("Noto Sans Bold");
	pango_font_description_set_absolute_size(head, st.h1_size * PANGO_SCALE);
	surf = cairo_pdf_surface_create_for_stream(sink, out, st.page_w, st.page_h);
	b.cr = cairo_create(surf);
	b.layout = pango_layout_new(ctx);
	pango_layout_set_width(b.layout, pango_units_from_double(st.page_w - st.margin_inner -
	    st.margin_outer));
	pango_layout_set_wrap(b.layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(b.layout, TRUE);
	b.x = st.margin_inner;
	b.top = st.margin_top;
	b.height = st.page_h - st.margin_top - st.margin_bottom;
	b.lh = st.size * st.leading;
	for (int i = 2; i < argc; i++)
		article(&b, argv[i], body, head, st.size);
	if (b.drawn) {
		cairo_show_page(b.cr);
		b.pages++;
	}
	cairo_destroy(b.cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		return 1;
	cairo_surface_destroy(surf);
	fclose(out);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	printf("%d %.3f %.3f\n", b.pages, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, (double)(c1.tv_sec - c0.tv_sec) +
	    (double)(c1.tv_nsec - c0.tv_nsec) / 1e9);
	g_object_unref(b.layout);
	pango_font_description_free(body);
	pango_font_description_free(head);
	g_object_unref(ctx);
	fonts_free(fonts);
	style_free(&st);
	return 0;
}
