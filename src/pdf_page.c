/* The PDF writer's pages: running heads, folios, and a flow drawn page by page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "msg.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "style.h"
#include "util.h"

/* Geometry of body or front page number n (1-based): recto pages bind on the left. */
double
pdf_left_margin(const struct pdf *p, int recto)
{
	return recto ? p->st->margin_inner : p->st->margin_outer;
}

/* Returns the layout of the running head p->page.head on a recto or verso page. The same head on
 * page after page (an article's title, the archive's) is set once. */
static PangoLayout *
running_head(struct pdf *p, int recto)
{
	PangoLayout *l = p->page.heads[recto];

	if (l && strcmp(p->page.head_text[recto], p->page.head) == 0)
		return l;
	if (l == NULL) {
		l = p->page.heads[recto] = pango_layout_new(p->ctx);
		pango_layout_set_font_description(l, p->fd.small);
		pango_layout_set_width(l, pango_units_from_double(p->tw));
		pango_layout_set_alignment(l, recto ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_auto_dir(l, FALSE);
	}
	free(p->page.head_text[recto]);
	p->page.head_text[recto] = xstrdup(p->page.head);
	pango_layout_set_text(l, p->page.head, -1);
	return l;
}

/* Draws the running head and the folio of the device's current page and moves to the next.
 * number: the folio's text, or NULL for none. */
void
pdf_end_page(struct pdf *p, const char *number, int recto)
{
	double left = pdf_left_margin(p, recto);
	const struct style *st = p->st;

	if (st->header && p->page.head && !p->page.head_none) {
		PangoLayout *l = running_head(p, recto);
		int w, h;
		pango_layout_get_size(l, &w, &h);
		pdf_dev_text(p->dev, l, left, st->margin_top - st->sp.header_raise -
		    (double)h / PANGO_SCALE, 0);
		pdf_dev_hline(p->dev, left, left + p->tw, st->margin_top - st->sp.header_rule_raise);
	}
	if (st->footer && number) {
		PangoLayout *l = pdf_pool_layout(p, number, -1, NULL, p->fd.small, p->tw, PANGO_ALIGN_CENTER,
		    0, 0);
		pdf_dev_text(p->dev, l, left, st->page_h - st->margin_bottom + st->sp.footer_drop, 0);
		p->pool.used--;
	}
	pdf_dev_next_page(p->dev);
	p->page.drawn = 0;
	p->page.head = NULL;
	p->page.head_none = 0;
}

/* Ends body page index (0-based) on the device. */
void
pdf_end_body_page(struct pdf *p, int index)
{
	char num[16];
	int recto = index % 2 == 0;

	snprintf(num, sizeof(num), "%d", index + 1);
	if (!recto)
		p->page.head = p->ar->title;
	pdf_end_page(p, num, recto);
}

/* Makes the outline entries the piece asks for. */
static void
outline(struct pdf *p, struct pdf_piece *pc)
{
	if (pc->first)
		p->nart_outline = 0;
	for (size_t k = 0; k < pc->noutline; k++) {
		const struct pdf_outline_req *r = &pc->outline[k];
		int parent = r->parent == 0 ? p->group_outline : r->parent <= (int)p->nart_outline ?
		    p->art_outline[r->parent - 1] : p->group_outline;
		if (p->nart_outline == p->capart_outline) {
			p->capart_outline = p->capart_outline ? 2 * p->capart_outline : 16;
			p->art_outline = xrealloc(p->art_outline,
			    p->capart_outline * sizeof(*p->art_outline));
		}
		p->art_outline[p->nart_outline++] = pdf_dev_outline(p->dev, parent, r->title,
		    r->dest, 0);
	}
}

/* The x of box i's column from the text block's left edge: with two columns, the second
 * column's (the first's in a right-to-left article, which reads from the right) for a box in
 * it; 0 for one across both. */
static double
column_x(const struct pdf *p, const struct article *a, const struct pdf_piece *pc, size_t i)
{
	int col = pc->places[i].col;

	if (p->cols < 2 || pc->boxes[i].span)
		return 0;
	if (a->dir == DIR_RTL)
		col = 1 - col;
	return col * (pdf_column_width(p) + p->col_gap);
}

void
pdf_draw_piece(struct pdf *p, struct pdf_piece *pc)
{
	const struct article *a = &p->ar->articles[pc->article];
	struct pdf_by_page ix;

	msg_replay(&pc->msgs, &p->once);
	outline(p, pc);
	if (pc->n > 0) {
		if (pc->first)
			pc->boxes[0].new_page = !p->opt->run_on;
		if (p->cols > 1)
			layout_paginate_cols(pc->boxes, pc->n, p->bh, pc->last, &p->ls, pc->places);
		else
			layout_paginate(pc->boxes, pc->n, p->bh, &p->ls, pc->places);
		if (pc->first)
			p->start_page[pc->article] = pc->places[0].page + 1;
	}
	pdf_places_by_page(pc->places, pc->n, &ix);
	for (int pg = ix.first; pg <= ix.last; pg++) {
		while (pdf_dev_page(p->dev) < pg)
			pdf_end_body_page(p, pdf_dev_page(p->dev));
		int recto = pg % 2 == 0;
		double margin = pdf_left_margin(p, recto);
		size_t k = (size_t)(pg - ix.first);
		for (size_t j = ix.start[k]; j < ix.start[k + 1]; j++) {
			size_t i = ix.order[j];
			double left = margin + column_x(p, a, pc, i);
			double w = p->cols > 1 && !pc->boxes[i].span ? pdf_column_width(p) : p->tw;
			if (!p->page.drawn) {
				p->page.head = a->title;
				p->page.head_none = pc->first && i == 0 && pc->places[i].y < 1;
				p->page.drawn = 1;
			}
			/* A box taller than the text block is cut at its edges. */
			if (pc->places[i].overfull)
				pdf_dev_clip(p->dev, left, p->st->margin_top, w, p->bh);
			if (pc->flow)
				pdf_dev_draw_at(p->dev, pc->flow, i, a, left,
				    p->st->margin_top + pc->places[i].y);
			else
				pdf_dev_replay(p->dev, &pc->ops, pc->at[i], pc->at[i + 1], pc->snodes,
				    a, left, p->st->margin_top + pc->places[i].y);
			if (pc->places[i].overfull)
				pdf_dev_clip(p->dev, 0, 0, 0, 0);
		}
	}
	pdf_by_page_free(&ix);
	if (pc->last)
		pdf_dev_end_flow(p->dev);
}

void
pdf_piece_free(struct pdf_piece *pc)
{
	while (pc) {
		struct pdf_piece *next = pc->next;
		if (pc->flow == NULL) {
			free(pc->boxes);
			free(pc->places);
		}
		free(pc->at);
		free(pc->snodes);
		pdf_ops_free(&pc->ops);
		for (size_t k = 0; k < pc->noutline; k++) {
			free(pc->outline[k].title);
			free(pc->outline[k].dest);
		}
		free(pc->outline);
		buf_free(&pc->msgs);
		free(pc);
		pc = next;
	}
}
