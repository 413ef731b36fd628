/* The PDF writer's front matter: the title page, its verso with the imprint, and the contents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pango/pango.h>

#include "date.h"
#include "l10n.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "pdf_layout.h"
#include "pdf_set.h"
#include "style.h"
#include "toc.h"
#include "util.h"

/* Writes n in lower-case roman numerals. */
static void
roman(int n, char *out, size_t size)
{
	static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix",
	    "v", "iv", "i"};
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < 13 && n > 0; i++)
		while (n >= val[i] && len + 3 < size) {
			len += (size_t)snprintf(out + len, size - len, "%s", sym[i]);
			n -= val[i];
		}
}

/* Appends the imprint's line naming the families the text is set in (the style's, which
 * style_load has checked against fonts/), each once. */
static void
imprint_fonts(const struct style *st, struct buf *b)
{
	const char *fam[3] = {st->font_body, st->font_heading, st->font_mono};
	size_t n = 0;

	for (size_t i = 0; i < 3; i++) {
		size_t k;
		for (k = 0; k < n && strcasecmp(fam[k], fam[i]) != 0; k++)
			;
		if (k == n)
			fam[n++] = fam[i];
	}
	buf_puts(b, "Set with quire in ");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", fam[i]);
	buf_puts(b, ".");
}

/* Places a block of small text in flow f at the foot of front page `page` (0: the title page,
 * 1: its verso), as a paragraph element of sect. */
static void
foot_block(struct pdf *p, struct pdf_flow *f, const char *text, double width,
           PangoAlignment align, int sect, int page)
{
	PangoLayout *l = pdf_pool_layout(p, text, -1, NULL, p->fd.small, width, align, 0, 0);
	int lw, lhh;

	pango_layout_get_size(l, &lw, &lhh);
	struct pdf_item *it = pdf_flow_add(f, (double)lhh / PANGO_SCALE, 0);
	it->kind = PDF_ITEM_FIGURE;
	it->snode = pdf_flow_snode(f, "P", sect);
	it->layout = l;
	it->w = p->tw;
	f->places[f->n - 1].page = page;
	f->places[f->n - 1].y = p->bh - (double)lhh / PANGO_SCALE;
}

/* Sets and draws the title page and its verso on the device's next two pages. */
void
pdf_title_pages(struct pdf *p)
{
	const struct archive *ar = p->ar;
	struct pdf_flow tf = {0}, *f = &tf;
	const struct style_space *sp = &p->st->sp;
	double y = p->bh * sp->tp_top, left = pdf_left_margin(p, 1);
	char longd[80];
	PangoFontDescription *big = pango_font_description_copy(p->fd.head);
	PangoFontDescription *sub = pango_font_description_copy(p->fd.head);
	PangoFontDescription *au = pango_font_description_copy(p->fd.italic);
	size_t i;

	pango_font_description_set_absolute_size(big, sp->tp_size * PANGO_SCALE);
	pango_font_description_set_weight(sub, PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(sub, p->st->h1_size * PANGO_SCALE);
	pango_font_description_set_absolute_size(au, p->st->h2_size * PANGO_SCALE);
	/* A flow of its own and layouts past the contents' ones: the contents, set already, are
	 * drawn next. */
	int sect = pdf_flow_snode(f, "Sect", -1);
	struct part {
		const char *text;
		const PangoFontDescription *fd;
		const char *tag;
		double gap;
		int accent;
	} parts[5];
	size_t n = 0;
	char *by = ar->nauthors ?
	    l10n_names(p->st->l10n, ar->lang, ar->authors, ar->nauthors) : NULL;
	char *snap;
	struct date from, to;
	char range[160];
	const struct l10n *loc = p->st->l10n;
	l10n_date(loc, ar->lang, &ar->date, longd, sizeof(longd));
	snap = toc_snapshot_line(ar, " \xc2\xb7 ", loc);
	parts[n++] = (struct part){ar->title ? ar->title : l10n_label(loc, ar->lang, L10N_UNTITLED),
	    big, "H1", 0, 0};
	if (ar->subtitle)
		parts[n++] = (struct part){ar->subtitle, sub, "P", sp->tp_subtitle, 1};
	if (by)
		parts[n++] = (struct part){by, au, "P", sp->tp_authors, 0};
	parts[n++] = (struct part){snap, p->fd.small, "P", sp->tp_date, 0};
	for (size_t k = 0; k < n; k++) {
		PangoLayout *l = pdf_pool_layout(p, parts[k].text, -1, NULL, parts[k].fd, p->tw,
		    PANGO_ALIGN_CENTER, 0, 0);
		int lw, lhh;
		pango_layout_get_size(l, &lw, &lhh);
		y += parts[k].gap;
		struct pdf_item *it = pdf_flow_add(f, (double)lhh / PANGO_SCALE, 0);
		it->kind = PDF_ITEM_FIGURE;
		it->snode = pdf_flow_snode(f, parts[k].tag, sect);
		it->layout = l;
		it->w = p->tw;
		f->places[f->n - 1].page = 0;
		f->places[f->n - 1].y = y;
		y += (double)lhh / PANGO_SCALE;
		if (k == 0) {
			struct pdf_item *r = pdf_flow_add(f, sp->tp_rule_h, 0);
			r->kind = PDF_ITEM_RULE;
			r->snode = sect;
			r->x = p->tw * (1 - sp->tp_rule_w) / 2;
			r->w = p->tw * sp->tp_rule_w;
			f->places[f->n - 1].page = 0;
			f->places[f->n - 1].y = y;
			y += sp->tp_rule_h;
		}
	}
	if (ar->publisher)
		foot_block(p, f, ar->publisher, p->tw, PANGO_ALIGN_CENTER, sect, 0);
	/* The verso: the description and the imprint, at the foot. */
	{
		struct buf b = {0};
		if (ar->description)
			buf_printf(&b, "%s\n\n", ar->description);
		char *t;
		if (ar->publisher) {
			t = l10n_fmt(loc, ar->lang, L10N_PUBLISHED_BY, ar->publisher);
			buf_printf(&b, "%s\n", t);
			free(t);
		}
		if (archive_range(ar, &from, &to)) {
			l10n_range(loc, ar->lang, &from, &to, range, sizeof(range));
			t = l10n_fmt(loc, ar->lang, L10N_ARTICLES_OF, range);
			buf_printf(&b, "%s ", t);
			free(t);
		}
		t = l10n_fmt(loc, ar->lang, L10N_SNAPSHOT, longd);
		buf_printf(&b, "%s.\n", t);
		free(t);
		if (ar->identifier) {
			t = l10n_fmt(loc, ar->lang, L10N_IDENTIFIER, ar->identifier);
			buf_printf(&b, "%s\n", t);
			free(t);
		}
		imprint_fonts(p->st, &b);
		foot_block(p, f, buf_str(&b), p->tw * 0.8, PANGO_ALIGN_LEFT, sect, 1);
		buf_free(&b);
	}
	pdf_flow_index_links(f);
	for (i = 0; i < f->n; i++)
		if (f->places[i].page == 0)
			pdf_dev_draw(p->dev, f, i, left, p->st->margin_top + f->places[i].y);
	pdf_end_page(p, NULL, 1);
	for (i = 0; i < f->n; i++)
		if (f->places[i].page == 1)
			pdf_dev_draw(p->dev, f, i, pdf_left_margin(p, 0),
			    p->st->margin_top + f->places[i].y);
	pdf_dev_end_flow(p->dev);
	pdf_end_page(p, NULL, 0);
	pdf_flow_free(f);
	pango_font_description_free(big);
	pango_font_description_free(sub);
	pango_font_description_free(au);
	free(by);
	free(snap);
}

/* Lays out the contents entry of article idx, its title and its page number, in layouts of
 * the pool: the same whether measured or drawn. */
static void
entry_layouts(struct pdf *p, size_t idx, PangoLayout **title, PangoLayout **number)
{
	const struct article *a = &p->ar->articles[idx];
	char num[16];

	snprintf(num, sizeof(num), "%d", p->start_page[idx]);
	*title = pdf_pool_layout(p, a->title && *a->title ? a->title :
	    l10n_label(p->st->l10n, p->ar->lang, L10N_UNTITLED), -1, NULL, p->fd.body,
	    p->tw - p->st->sp.toc_number_w, PANGO_ALIGN_LEFT, 0, 0);
	*number = pdf_pool_layout(p, num, -1, NULL, p->fd.body, -1, PANGO_ALIGN_LEFT, 0, 0);
	/* Entries read left to right whatever their script, so that numbers line up. */
	pango_layout_set_auto_dir(*title, FALSE);
}

/* The contents read left to right, in the archive's language. */
static void
contents_context(struct pdf *p)
{
	p->cur.rtl = 0;
	p->cur.label = NULL;
	pango_context_set_base_dir(p->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_language(p->ctx, pango_language_from_string(p->ar->lang));
	set_language(p->set, p->ar->lang);
}

/* Sets the contents into the flow and paginates it. Returns its number of pages. */
int
pdf_contents_set(struct pdf *p)
{
	const struct archive *ar = p->ar;
	const struct toc *toc = p->toc;
	const struct style_space *sp = &p->st->sp;
	struct pdf_flow *f = &p->flow;
	struct layout_state ls = {0};
	PangoFontDescription *gfd = pango_font_description_copy(p->fd.head);
	int sect, tocs;
	size_t i;

	pdf_flow_reset(f);
	p->pool.used = 0;
	set_reset(p->set);
	/* The contents are set across the text block, in one column. */
	p->cw = p->tw;
	contents_context(p);
	sect = pdf_flow_snode(f, "Sect", -1);
	p->cur.nframes = 1;
	memset(&p->cur.frames[0], 0, sizeof(p->cur.frames[0]));
	p->cur.frames[0].bar = -1;
	p->cur.frames[0].snode = sect;
	p->cur.pending = 0;
	i = pdf_plain_block(p, l10n_label(p->st->l10n, ar->lang, L10N_CONTENTS), p->fd.head, p->st->title_size * sp->title_leading, 0,
	    pdf_flow_snode(f, "H1", sect), 1, NULL);
	f->items[i].dest = "contents";
	p->cur.pending = sp->toc_after_title;
	tocs = pdf_flow_snode(f, "TOC", sect);
	pango_font_description_set_absolute_size(gfd, sp->toc_group_size * PANGO_SCALE);
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			int gi = pdf_flow_snode(f, "TOCI", tocs);
			pdf_plain_block(p, grp->label, gfd, sp->toc_group_line, g ? sp->toc_group : 0,
			    pdf_flow_snode(f, "P", gi), 1, NULL);
			p->cur.pending = sp->toc_group_after;
		}
		for (size_t k = grp->first; k < grp->first + grp->count; k++) {
			size_t idx = toc->order[k];
			PangoLayout *l, *nl;
			size_t mark = p->pool.used;
			int lw, lhh;
			entry_layouts(p, idx, &l, &nl);
			pango_layout_get_size(l, &lw, &lhh);
			/* Only the height is kept: the layouts go back to the pool, and are made
			 * again when their page is drawn. */
			p->pool.used = mark;
			struct pdf_item *it = pdf_flow_add(f, (double)lhh / PANGO_SCALE,
			    pdf_space(p, sp->toc_entry));
			it->kind = PDF_ITEM_TOC;
			it->snode = pdf_flow_snode(f, "TOCI", tocs);
			it->entry = idx;
			it->w = p->tw;
			char *q = pdf_quote(ar->articles[idx].id);
			it->link = pdf_flow_keep(f, xasprintf("dest='%s'", q));
			free(q);
		}
	}
	pango_font_description_free(gfd);
	layout_paginate(f->boxes, f->n, p->bh, &ls, f->places);
	p->cw = pdf_column_width(p);
	return ls.page + 1;
}

/* Draws the contents set by contents_set, its pages at front matter page index front (0-based:
 * the title page is 0), and empties the flow. */
void
pdf_contents_draw(struct pdf *p, int front, int pages)
{
	struct pdf_flow *f = &p->flow;
	struct pdf_by_page ix;

	contents_context(p);
	pdf_flow_index_links(f);
	pdf_flow_by_page(f, &ix);
	for (int pg = 0; pg < pages; pg++) {
		int recto = (front + pg) % 2 == 0;
		char num[16];
		if (pg >= ix.first && pg <= ix.last) {
			size_t k = (size_t)(pg - ix.first);
			for (size_t j = ix.start[k]; j < ix.start[k + 1]; j++) {
				size_t i = ix.order[j];
				struct pdf_item *it = &f->items[i];
				size_t mark = p->pool.used;
				if (it->kind == PDF_ITEM_TOC)
					entry_layouts(p, it->entry, &it->layout, &it->number);
				if (!p->page.drawn) {
					p->page.head = l10n_label(p->st->l10n, p->ar->lang,
					    L10N_CONTENTS);
					p->page.head_none = pg == 0;
					p->page.drawn = 1;
				}
				pdf_dev_draw(p->dev, f, i, pdf_left_margin(p, recto),
				    p->st->margin_top + f->places[i].y);
				if (it->kind == PDF_ITEM_TOC) {
					it->layout = it->number = NULL;
					p->pool.used = mark;
				}
			}
		}
		if (pg + 1 == pages)
			pdf_dev_end_flow(p->dev);
		roman(front + pg + 1, num, sizeof(num));
		pdf_end_page(p, num, recto);
	}
	pdf_by_page_free(&ix);
	pdf_flow_reset(f);
}
