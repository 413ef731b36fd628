/* The PDF writer: its calls, setup and teardown, metadata, and each article set and drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <harfbuzz/hb.h>
#include <pango/pangocairo.h>

#include "archive.h"
#include "cover.h"
#include "date.h"
#include "fonts.h"
#include "hyph.h"
#include "l10n.h"
#include "msg.h"
#include "pdf.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "pdf_layout.h"
#include "pdf_set.h"
#include "style.h"
#include "util.h"
#include "workers.h"

/* Code points listed by name in a font coverage warning. */
#define MAX_UNCOVERED 64

/* Returns a family list: the style's family, then the Arabic one for text it lacks, then the
 * system's CJK family for the archive's Chinese, Japanese or Korean (or NULL). */
static PangoFontDescription *
face(const struct style *st, const char *family, const char *cjk, double size,
     PangoWeight weight, PangoStyle style)
{
	const char *arabic = st->font_arabic ? st->font_arabic : "Noto Naskh Arabic";
	char *fam = xasprintf("%s,%s%s%s", family, arabic, cjk ? "," : "", cjk ? cjk : "");
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, fam);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, weight);
	pango_font_description_set_style(fd, style);
	free(fam);
	return fd;
}

/* Returns a layout from the pool, set up for text. */
PangoLayout *
pdf_pool_layout(struct pdf *p, const char *text, int len, PangoAttrList *attrs,
       const PangoFontDescription *fd, double width, PangoAlignment align, int justify,
       double indent)
{
	PangoLayout *l;

	if (p->pool.used == p->pool.n) {
		p->pool.l = xrealloc(p->pool.l, (p->pool.n + 1) * sizeof(*p->pool.l));
		p->pool.l[p->pool.n++] = pango_layout_new(p->ctx);
	}
	l = p->pool.l[p->pool.used++];
	pango_layout_set_font_description(l, fd);
	pango_layout_set_auto_dir(l, !p->cur.rtl);
	pango_layout_set_width(l, width < 0 ? -1 : pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_justify(l, justify);
	pango_layout_set_indent(l, pango_units_from_double(indent));
	/* What an earlier use may have set: a pooled layout left ellipsized would cut every
	 * paragraph set in it later to one line. */
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_height(l, -1);
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_text(l, text, len);
	return l;
}

/* Appends "U+4E2D '中', ..." for the first few of the n code points at cps to b. */
static void
name_chars(struct buf *b, const uint32_t *cps, size_t n, int capped)
{
	for (size_t i = 0; i < n && i < 5; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_printf(b, "U+%04X '", (unsigned)cps[i]);
		buf_put_utf8(b, cps[i]);
		buf_putc(b, '\'');
	}
	if (n > 5)
		buf_printf(b, " and %zu more%s", n - 5, capped ? " at least" : "");
}

/* Warns about characters no bundled font has, each once in the book: those no font has at all
 * (drawn as boxes), and those drawn with system fonts quire did not choose for the article's
 * language (the book then depends on the machine's fonts). */
static void
coverage(struct pdf *p, const struct article *a, const struct node *root)
{
	uint32_t cps[MAX_UNCOVERED], none[MAX_UNCOVERED], sys[MAX_UNCOVERED];
	size_t n = 0, nnone = 0, nsys = 0;
	char key[16];

	if (a->title)
		n = fonts_uncovered(p->fonts, a->title, strlen(a->title), cps, n, MAX_UNCOVERED);
	for (size_t i = 0; i < a->nauthors; i++)
		n = fonts_uncovered(p->fonts, a->authors[i], strlen(a->authors[i]), cps, n,
		    MAX_UNCOVERED);
	if (a->image_caption)
		n = fonts_uncovered(p->fonts, a->image_caption, strlen(a->image_caption), cps, n,
		    MAX_UNCOVERED);
	for (const struct node *x = root; x; x = node_next(root, x))
		if (x->text)
			n = fonts_uncovered(p->fonts, x->text, strlen(x->text), cps, n, MAX_UNCOVERED);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%X", (unsigned)cps[i]);
		if (fonts_chosen(p->fonts, cps[i]) || !strset_add(&p->warned_chars, key, 0))
			continue;
		if (fonts_missing(p->fonts, &cps[i], 1))
			none[nnone++] = cps[i];
		else
			sys[nsys++] = cps[i];
	}
	if (nnone) {
		struct buf b = {0};
		name_chars(&b, none, nnone, n == MAX_UNCOVERED);
		msg_warn(p->cur.label, 0, "no font covers %s; drawn as boxes", buf_str(&b));
		buf_free(&b);
	}
	if (nsys) {
		struct buf b = {0};
		name_chars(&b, sys, nsys, n == MAX_UNCOVERED);
		msg_warn(p->cur.label, 0, "no bundled font covers %s; using system fonts",
		    buf_str(&b));
		buf_free(&b);
	}
}

int
pdf_outline_add(struct pdf *p, int parent, const char *title, const char *dest)
{
	struct pdf_cur *c = &p->cur;

	if (c->noutline == c->capoutline) {
		c->capoutline = c->capoutline ? 2 * c->capoutline : 16;
		c->outline = xrealloc(c->outline, c->capoutline * sizeof(*c->outline));
	}
	c->outline[c->noutline++] = (struct pdf_outline_req){parent, xstrdup(title), xstrdup(dest)};
	return ++c->outline_ids;
}

static void *
memdup(const void *src, size_t n)
{
	void *d = xmalloc(n ? n : 1);

	if (n)
		memcpy(d, src, n);
	return d;
}

/* Records the flow as the article's next piece, with the outline entries and messages asked
 * for since the last; the writer draws it at once, a worker keeps it for the writer. */
static void
emit(struct pdf *p, int last)
{
	struct pdf_piece *pc = xcalloc(1, sizeof(*pc));
	struct pdf_flow *f = &p->flow;

	pc->article = (size_t)(p->cur.a - p->ar->articles);
	pc->first = p->cur.piece == 0;
	pc->last = last;
	pc->n = f->n;
	pc->snodes = memdup(f->snodes, f->nsnodes * sizeof(*f->snodes));
	pc->nsnodes = f->nsnodes;
	pdf_flow_index_links(f);
	pc->outline = p->cur.outline;
	pc->noutline = p->cur.noutline;
	p->cur.outline = NULL;
	p->cur.noutline = p->cur.capoutline = 0;
	if (!p->worker) {
		/* The writer draws each item as it records it: what it holds is one item's
		 * calls, however long the piece. */
		pc->flow = f;
		pc->boxes = f->boxes;
		pc->places = f->places;
		pc->msgs = p->cur.msgs;
		p->cur.msgs = (struct buf){0};
		pdf_draw_piece(p, pc);
		pdf_piece_free(pc);
		/* What drawing it reported (photos that failed), in its place. */
		msg_replay(&p->cur.msgs, &p->once);
		buf_reset(&p->cur.msgs);
		return;
	}
	pc->boxes = memdup(f->boxes, f->n * sizeof(*f->boxes));
	pc->places = xcalloc(f->n + 1, sizeof(*pc->places));
	pc->at = xcalloc(f->n + 1, sizeof(*pc->at));
	for (size_t i = 0; i < f->n; i++) {
		pc->at[i] = pc->ops.b.len;
		pdf_dev_record(p->dev, f, i, &pc->ops);
	}
	pc->at[f->n] = pc->ops.b.len;
	/* The messages of its setting and of its recording (photos that failed), in order. */
	pc->msgs = p->cur.msgs;
	p->cur.msgs = (struct buf){0};
	*p->cur.tail = pc;
	p->cur.tail = &pc->next;
}

int
pdf_piece(struct pdf *p)
{
	if (p->flow.n < PDF_PIECE_BOXES || p->cur.marker || p->flow.boxes[p->flow.n - 1].keep_next)
		return 0;
	emit(p, 0);
	p->cur.piece++;
	pdf_flow_reset_boxes(&p->flow);
	p->pool.used = 0;
	set_reset(p->set);
	return 1;
}

/* Sets the idx-th article of the archive into pieces: drawn as they are made by the writer
 * itself, or kept in p->cur.out by a worker. Its messages are captured for the writer to give
 * with its pieces. */
static void
article(struct pdf *p, size_t idx, const struct node *root)
{
	const struct article *a = &p->ar->articles[idx];
	int art;

	msg_capture(&p->cur.msgs);
	p->cur.out = NULL;
	p->cur.tail = &p->cur.out;
	p->cur.outline_ids = 0;
	p->cur.a = a;
	p->cur.label = path_join(p->ar->root, a->path);
	p->cur.lang = archive_lang(p->ar, a);
	p->cur.rtl = a->dir == DIR_RTL;
	pango_context_set_language(p->ctx, pango_language_from_string(p->cur.lang));
	pango_context_set_base_dir(p->ctx, p->cur.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	set_language(p->set, p->cur.lang);
	strset_free(&p->cur.ids);
	if (root) {
		for (const struct node *n = root; n; n = node_next(root, n))
			if (n->type == NODE_HEADING && n->id)
				strset_add(&p->cur.ids, n->id, 0);
		/* Characters no bundled font has are named by the writer, in reading order (a
		 * worker's set of names already given would depend on what it set before). */
		if (!p->worker)
			coverage(p, a, root);
	}
	p->cur.outline_article = pdf_outline_add(p, 0, a->title && *a->title ? a->title :
	    l10n_label(p->st->l10n, p->cur.lang, L10N_UNTITLED), a->id);
	p->cur.outline_h1 = 0;
	p->cur.piece = 0;
	p->cur.nlinks = 0;
	p->cur.links_warned = 0;
	pdf_flow_reset(&p->flow);
	p->pool.used = 0;
	set_reset(p->set);
	p->cur.nframes = 1;
	memset(&p->cur.frames[0], 0, sizeof(p->cur.frames[0]));
	p->cur.frames[0].n = root;
	p->cur.frames[0].bar = -1;
	art = pdf_flow_snode(&p->flow, "Art", -1);
	p->cur.frames[0].snode = art;
	p->cur.marker = NULL;
	pdf_article_head(p, a, art);
	if (a->image)
		pdf_figure(p, a->image, a->image_caption, 0, NULL, a->image_caption, 1);
	if (root)
		pdf_body(p, root);
	emit(p, 1);
	/* What the article left: nothing of it is needed once it is recorded. */
	pdf_flow_reset(&p->flow);
	p->pool.used = 0;
	set_reset(p->set);
	free(p->cur.label);
	p->cur.label = NULL;
	msg_capture(NULL);
}

/* Sets the document's metadata from the archive. */
static void
metadata(struct pdf *p)
{
	const struct archive *ar = p->ar;
	struct strset seen = {0};
	struct buf kw = {0};
	char *by;

	pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_TITLE, ar->title ? ar->title : "Untitled");
	if (ar->nauthors) {
		by = names_join(ar->authors, ar->nauthors);
		pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_AUTHOR, by);
		free(by);
	}
	{
		/* The subject: the description, and the days a selection or volume covers. */
		struct date from, to;
		char range[160];
		struct buf subj = {0};
		if (ar->description)
			buf_puts(&subj, ar->description);
		if (archive_range(ar, &from, &to)) {
			l10n_range(p->st->l10n, ar->lang, &from, &to, range, sizeof(range));
			char *t = l10n_fmt(p->st->l10n, ar->lang, L10N_ARTICLES_OF, range);
			size_t n = strlen(t);
			/* The label is a sentence; the subject ends without its full stop. */
			if (n && t[n - 1] == '.')
				t[n - 1] = '\0';
			buf_printf(&subj, "%s%s", subj.len ? ". " : "", t);
			free(t);
		}
		if (subj.len)
			pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_SUBJECT, buf_str(&subj));
		buf_free(&subj);
	}
	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		for (size_t t = 0; t <= a->ntags; t++) {
			const char *w = t == 0 ? a->section : a->tags[t - 1];
			if (w && *w && kw.len < 4000 && strset_add(&seen, w, 0)) {
				if (kw.len)
					buf_puts(&kw, ", ");
				buf_puts(&kw, w);
			}
		}
	}
	if (kw.len)
		pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_KEYWORDS, buf_str(&kw));
	pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_CREATOR, "quire");
	/* Replaced by pdf_finish.c with the snapshot date in PDF's form; fixed here so that
	 * cairo does not read the clock. */
	pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
	buf_free(&kw);
	strset_free(&seen);
}

/* Returns the Chinese, Japanese or Korean language tag most of the archive's articles in one
 * of them have (the first of those tied), or NULL. */
static const char *
cjk_language(const struct archive *ar)
{
	struct strset seen = {0};
	size_t *count = xcalloc(ar->narticles + 1, sizeof(*count)), best = 0, idx;
	const char *tag = NULL;

	for (size_t i = 0; i < ar->narticles; i++) {
		const char *l = archive_lang(ar, &ar->articles[i]);
		int cjk = l && (startswith(l, "zh") || startswith(l, "ja") || startswith(l, "ko"));
		if (!cjk || (l[2] != '\0' && l[2] != '-' && l[2] != '_'))
			continue;
		if (!strset_get(&seen, l, &idx)) {
			idx = i;
			strset_add(&seen, l, idx);
		}
		if (++count[idx] > best) {
			best = count[idx];
			tag = archive_lang(ar, &ar->articles[idx]);
		}
	}
	strset_free(&seen);
	free(count);
	return tag;
}

/* Sets up fonts, Pango and the hyphenator. Returns 0, or -1 after an error message. */
static int
setup(struct pdf *p)
{
	const struct style *st = p->st;
	char *dir = path_join(style_datadir(), "fonts");
	cairo_font_options_t *fo;

	p->fonts = fonts_new(dir);
	free(dir);
	if (p->fonts == NULL)
		return -1;
	/* Chinese, Japanese or Korean articles: the system's CJK fonts for the archive's most
	 * common such language, serif for the text and sans-serif for headings. */
	char *serif = NULL, *sans = NULL;
	const char *cjk = cjk_language(p->ar);
	if (cjk)
		fonts_cjk(p->fonts, cjk, &serif, &sans);
	/* System fonts for what no bundled font has are chosen once, for the whole archive's
	 * characters in code point order: every article is set with the same fonts, whatever
	 * came before it. */
	fonts_fallback(p->fonts, p->ar->chars, p->ar->nchars);
	p->ctx = pango_font_map_create_context(fonts_map(p->fonts));
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(p->ctx, FALSE);
	p->set = set_new(p->ctx);
	p->fd.body = face(st, st->font_body, serif, st->size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_NORMAL);
	p->fd.italic = face(st, st->font_body, serif, st->size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_ITALIC);
	p->fd.head = face(st, st->font_heading, sans, st->h1_size, PANGO_WEIGHT_BOLD,
	    PANGO_STYLE_NORMAL);
	p->fd.mono = face(st, st->font_mono, sans, st->code_size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_NORMAL);
	p->fd.small = face(st, st->font_heading, sans, st->small_size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_NORMAL);
	p->fd.caption = face(st, st->font_heading, sans, st->small_size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_ITALIC);
	/* The first font loaded registers Pango's pattern keys in fontconfig's global list, which
	 * fontconfig publishes with atomic operations of its own; loaded here, on the driver's
	 * thread before any worker starts, they are in place for every worker (make tsan). */
	{
		PangoFont *font = pango_context_load_font(p->ctx, p->fd.body);
		if (font)
			g_object_unref(font);
	}
	/* The same for Pango's table of languages (guarded by a GLib lock, which
	 * ThreadSanitizer cannot see) and HarfBuzz's (published with its own atomics): each
	 * article's language is entered once, here. */
	if (!p->worker)
		for (size_t i = 0; i < p->ar->narticles; i++) {
			PangoLanguage *l = pango_language_from_string(archive_lang(p->ar,
			    &p->ar->articles[i]));
			hb_language_from_string(pango_language_to_string(l), -1);
		}
	free(serif);
	free(sans);
	p->hyph = hyph_new(NULL);
	p->tw = st->page_w - st->margin_inner - st->margin_outer;
	p->bh = st->page_h - st->margin_top - st->margin_bottom;
	p->cols = style_columns(st);
	p->col_gap = st->column_gap;
	p->cw = pdf_column_width(p);
	p->lh = st->size * st->leading;
	style_rgb(st->text_color, 0x1a1a1a, p->look.text);
	style_rgb(st->accent_color, 0x1a1a1a, p->look.accent);
	for (int i = 0; i < 3; i++) {
		p->look.rule[i] = 0.55 * p->look.text[i] + 0.45;
		p->look.shade[i] = 0.94;
	}
	p->look.page_w = st->page_w;
	p->look.page_h = st->page_h;
	p->look.code_inset = st->sp.code_inset;
	p->look.cell_pad = st->sp.cell_pad;
	p->look.keep_meta = p->opt->keep_meta;
	p->look.ar = p->ar;
	p->look.print_dpi = p->opt->print_dpi;
	p->cur.capframes = 16;
	p->cur.frames = xcalloc(p->cur.capframes, sizeof(*p->cur.frames));
	p->cur.nframes = 1;
	p->start_page = xcalloc(p->ar->narticles + 1, sizeof(*p->start_page));
	return 0;
}

/* Frees what setup and the drawing made and zeroes p: a second call does nothing. */
static void
teardown(struct pdf *p)
{
	pdf_flow_free(&p->flow);
	for (size_t i = 0; i < p->pool.n; i++)
		g_object_unref(p->pool.l[i]);
	for (int i = 0; i < 2; i++) {
		if (p->page.heads[i])
			g_object_unref(p->page.heads[i]);
		free(p->page.head_text[i]);
	}
	free(p->pool.l);
	PangoFontDescription *fds[] = {p->fd.body, p->fd.italic, p->fd.head, p->fd.mono,
	    p->fd.small, p->fd.caption};
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i])
			pango_font_description_free(fds[i]);
	set_free(p->set);
	if (p->ctx)
		g_object_unref(p->ctx);
	fonts_free(p->fonts);
	hyph_free(p->hyph);
	pdf_dev_free(p->dev);
	strset_free(&p->cur.ids);
	for (size_t k = 0; k < p->cur.noutline; k++) {
		free(p->cur.outline[k].title);
		free(p->cur.outline[k].dest);
	}
	free(p->cur.outline);
	buf_free(&p->cur.msgs);
	pdf_piece_free(p->cur.out);
	free(p->art_outline);
	strset_free(&p->once);
	strset_free(&p->bad_photos);
	strset_free(&p->warned_chars);
	free(p->cur.frames);
	free(p->start_page);
	free(p->cur.label);
	cover_free(p->cover);
	memset(p, 0, sizeof(*p));
}

void *
pdf_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
        const char *dest)
{
	struct pdf *p = xcalloc(1, sizeof(*p));

	p->ar = ar;
	p->toc = toc;
	p->st = opt->style;
	p->opt = opt;
	p->dest = dest;
	if (setup(p) != 0)
		goto fail;
	p->sink = pdf_sink_open(dest, opt->jobs > 0 ? opt->jobs : workers_cores());
	if (p->sink == NULL)
		goto fail;
	p->dev = pdf_dev_new(pdf_sink_write, p->sink, &p->look);
	if (p->dev == NULL)
		goto fail;
	metadata(p);
	if (!opt->no_cover) {
		p->cover = cover_new(ar, toc, p->st);
		pdf_dev_outline(p->dev, CAIRO_PDF_OUTLINE_ROOT,
		    l10n_label(p->st->l10n, ar->lang, L10N_COVER), "cover", 0);
	}
	pdf_dev_outline(p->dev, CAIRO_PDF_OUTLINE_ROOT,
	    l10n_label(p->st->l10n, ar->lang, L10N_CONTENTS), "contents", 0);
	p->group_outline = CAIRO_PDF_OUTLINE_ROOT;
	return p;
fail:
	pdf_free(p);
	return NULL;
}

void *
pdf_worker_new(void *ctx)
{
	const struct pdf *writer = ctx;
	struct pdf *p = xcalloc(1, sizeof(*p));

	p->ar = writer->ar;
	p->toc = writer->toc;
	p->st = writer->st;
	p->opt = writer->opt;
	p->worker = 1;
	if (setup(p) != 0) {
		pdf_worker_free(p);
		return NULL;
	}
	p->dev = pdf_dev_recorder(&p->look);
	return p;
}

void *
pdf_prepare(void *wctx, const struct article *a, const struct node *body)
{
	struct pdf *p = wctx;
	struct pdf_piece *out;

	/* A long article is set by the writer itself, piece by piece as it draws them, so that
	 * what it holds does not grow with the article. */
	if (a->size > PDF_PREPARE_MAX)
		return NULL;
	/* The colophon, made by the driver, has no file: its length is in its nodes. */
	size_t nodes = 0;
	for (const struct node *n = body; n && nodes <= PDF_PREPARE_NODES; n = node_next(body, n))
		nodes++;
	if (nodes > PDF_PREPARE_NODES)
		return NULL;
	article(p, (size_t)(a - p->ar->articles), body);
	out = p->cur.out;
	p->cur.out = NULL;
	return out;
}

void
pdf_prep_free(void *prep)
{
	pdf_piece_free(prep);
}

void
pdf_worker_free(void *wctx)
{
	struct pdf *p = wctx;

	if (p == NULL)
		return;
	teardown(p);
	free(p);
}

int
pdf_article_prepared(void *ctx, const struct article *a, const struct node *body, void *prep)
{
	struct pdf *p = ctx;
	const struct toc *toc = p->toc;
	size_t idx = (size_t)(a - p->ar->articles);

	/* The articles first: their page numbers are known once they are drawn. An article that
	 * opens a contents group opens its outline entry too. */
	while (p->group < toc->ngroups &&
	    p->pos >= toc->groups[p->group].first + toc->groups[p->group].count)
		p->group++;
	if (p->group < toc->ngroups && p->pos == toc->groups[p->group].first) {
		const struct toc_group *grp = &toc->groups[p->group];
		p->group_outline = CAIRO_PDF_OUTLINE_ROOT;
		if (grp->label)
			p->group_outline = pdf_dev_outline(p->dev, CAIRO_PDF_OUTLINE_ROOT,
			    grp->label, a->id, 1);
	}
	if (prep) {
		char *label = p->cur.label;
		p->cur.label = path_join(p->ar->root, a->path);
		if (body)
			coverage(p, a, body);
		free(p->cur.label);
		p->cur.label = label;
		for (struct pdf_piece *pc = prep; pc; pc = pc->next)
			pdf_draw_piece(p, pc);
		pdf_piece_free(prep);
	} else
		article(p, idx, body);
	p->pos++;
	return p->failed ? -1 : 0;
}

int
pdf_article(void *ctx, const struct article *a, const struct node *body)
{
	return pdf_article_prepared(ctx, a, body, NULL);
}

int
pdf_finish(void *ctx)
{
	struct pdf *p = ctx;
	int body_pages = 0, cpages, pad, front, *order = NULL, npages, failed, last_start, rc = -1;
	int covers = p->cover != NULL, even = 0;
	struct date date = p->ar->date;
	const char *dest = p->dest;
	struct pdf_labels labels = {0};

	if (p->ls.used || p->ls.col || p->ls.top > 0) {
		body_pages = p->ls.page + 1;
		pdf_end_body_page(p, pdf_dev_page(p->dev));
	}
	/* The back cover after the body, a verso: a blank before it when the body's pages are
	 * even (the covers and the front matter are pages in pairs). */
	if (covers) {
		even = body_pages % 2 == 0;
		if (even)
			pdf_end_page(p, NULL, 0);
		pdf_cover_back(p);
	}
	/* Then the front matter: [the cover and its inside,] title page, its verso, the
	 * contents, and a blank page that makes the body start on a recto. The blank is drawn
	 * first so that cairo keeps it. */
	cpages = pdf_contents_set(p);
	pad = cpages % 2;
	if (pad)
		pdf_end_page(p, NULL, 0);
	if (covers)
		pdf_cover_front(p);
	pdf_title_pages(p);
	pdf_contents_draw(p, 2, cpages);
	if (pdf_dev_finish(p->dev) != 0) {
		p->dev = NULL;
		return -1;
	}
	p->dev = NULL;
	/* Drawn: body, [blank, back cover,] [blank], [cover, inside,] title, verso, contents.
	 * Final: [cover, inside,] title, verso, contents, [blank], body, [blank, back cover]. */
	front = 2 * covers + 2 + cpages + pad;
	npages = body_pages + front + (covers ? even + 1 : 0);
	order = xcalloc((size_t)npages, sizeof(*order));
	{
		int k = 0, b0 = body_pages + (covers ? even + 1 : 0), cv = b0 + pad,
		    fs = cv + 2 * covers;
		for (int i = 0; i < 2 * covers; i++)
			order[k++] = cv + i;
		for (int i = 0; i < 2 + cpages; i++)
			order[k++] = fs + i;
		if (pad)
			order[k++] = b0;
		for (int i = 0; i < body_pages + (covers ? even + 1 : 0); i++)
			order[k++] = i;
	}
	/* Where blank pages can go without cutting an article: before the back cover, else
	 * before the last article (the colophon), unless run-on articles share its first page. */
	last_start = npages;
	if (covers)
		last_start = npages - 1;
	else if (p->toc->n && !p->opt->run_on && p->start_page[p->toc->order[p->toc->n - 1]] > 0)
		last_start = front + p->start_page[p->toc->order[p->toc->n - 1]] - 1;
	if (covers) {
		labels.cover_pages = 2;
		labels.cover = l10n_label(p->st->l10n, p->ar->lang, L10N_COVER);
		labels.back = l10n_label(p->st->l10n, p->ar->lang, L10N_BACK_COVER);
	}
	/* Pango, the fonts and the hyphenator are done with: their memory goes back before the
	 * file is finished. */
	failed = p->failed;
	{
		struct pdf_sink *sink = p->sink;
		const struct archive *ar = p->ar;
		const struct toc *toc = p->toc;
		const struct options *opt = p->opt;
		p->sink = NULL;
		teardown(p);
		p->ar = ar;
		p->toc = toc;
		p->opt = opt;
		p->sink = sink;
	}
	if (!failed && pdf_sink_finish(p->sink, dest, order, npages, 2 + covers, front, &date,
	        &labels) == 0) {
		rc = 0;
		p->npages = npages;
		p->last_start = last_start;
	}
	pdf_sink_free(p->sink);
	p->sink = NULL;
	free(order);
	return rc;
}

int
pdf_pages(const void *ctx)
{
	const struct pdf *p = ctx;

	return p->npages;
}

int
pdf_last_start(const void *ctx)
{
	const struct pdf *p = ctx;

	return p->last_start;
}

void
pdf_free(void *ctx)
{
	struct pdf *p = ctx;

	if (p == NULL)
		return;
	teardown(p);
	pdf_sink_free(p->sink);
	free(p);
}
