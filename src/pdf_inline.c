/* The PDF writer's inline text: a block's inlines as one string with Pango attributes and links. */
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "archive.h"
#include "hyph.h"
#include "msg.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "style.h"
#include "util.h"

/* Inserts attribute a (taken by list) over the bytes [start, end). */
void
pdf_put_attr(PangoAttrList *list, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

/* Returns the link attributes for a link node, or NULL when it leads nowhere in this PDF. */
static char *
link_attrs(struct pdf *p, const struct node *n)
{
	size_t idx;
	char *q, *r = NULL;

	if (n->url == NULL || *n->url == '\0')
		return NULL;
	switch (n->link) {
	case LINK_EXTERNAL:
		q = pdf_quote(n->url);
		r = xasprintf("uri='%s'", q);
		free(q);
		break;
	case LINK_ARTICLE:
		if (!archive_find(p->ar, n->url, &idx))
			return NULL;
		q = pdf_quote(p->ar->articles[idx].id);
		r = xasprintf("dest='%s'", q);
		free(q);
		break;
	case LINK_ANCHOR:
		if (n->url[0] != '#' || !strset_get(&p->cur.ids, n->url + 1, NULL))
			return NULL;
		{
			char *dest = xasprintf("%s/%s", p->cur.a->id, n->url + 1);
			q = pdf_quote(dest);
			r = xasprintf("dest='%s'", q);
			free(q);
			free(dest);
		}
		break;
	default:
		abort();
	}
	return r;
}

/* Adds a link record to the flow; its layout is set once the layout exists. */
void
pdf_add_link(struct pdf *p, int start, int end, char *attrs)
{
	struct pdf_flow *f = &p->flow;

	if (f->nlinks == f->caplinks) {
		f->caplinks = f->caplinks ? 2 * f->caplinks : 32;
		f->links = xrealloc(f->links, f->caplinks * sizeof(*f->links));
	}
	f->links[f->nlinks].owner = NULL;
	f->links[f->nlinks].start = start;
	f->links[f->nlinks].end = end;
	f->links[f->nlinks].attrs = attrs;
	f->nlinks++;
}

/* Points the links added since first at owner: the paragraph or layout holding their text. */
void
pdf_bind_links(struct pdf *p, size_t first, const void *owner)
{
	for (size_t i = first; i < p->flow.nlinks; i++)
		p->flow.links[i].owner = owner;
}

/* Puts the text of inline leaf n into text, with the attributes of its own kind. */
static void
leaf(struct pdf *p, const struct node *n, int hyph, struct buf *text, PangoAttrList *attrs)
{
	size_t at = text->len;

	switch (n->type) {
	case NODE_TEXT:
		if (n->text) {
			if (hyph)
				hyph_text(p->hyph, p->cur.lang, n->text, strlen(n->text), text);
			else
				buf_puts(text, n->text);
		}
		break;
	case NODE_CODE:
		buf_puts(text, n->text ? n->text : "");
		pdf_put_attr(attrs, pango_attr_family_new(p->st->font_mono), at, text->len);
		pdf_put_attr(attrs, pango_attr_scale_new(p->st->code_size / p->st->size), at,
		    text->len);
		break;
	case NODE_SOFTBREAK:
		buf_putc(text, ' ');
		break;
	case NODE_LINEBREAK:
		/* A new paragraph of the layout, so that the line is not justified. */
		buf_putc(text, '\n');
		break;
	case NODE_IMAGE:
		buf_puts(text, "[");
		buf_puts(text, n->text && *n->text ? n->text : "image");
		buf_puts(text, "]");
		pdf_put_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), at, text->len);
		break;
	case NODE_CODE_BLOCK: case NODE_HR:
		/* Blocks inside inline content are not expected: these have no inline text. */
		break;
	case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE: case NODE_LIST:
	case NODE_ITEM: case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE:
	case NODE_TABLE_ROW: case NODE_TABLE_CELL: case NODE_EMPH: case NODE_STRONG:
	case NODE_LINK: case NODE__COUNT:
	default:
		abort();
	}
}

/* Applies the attributes of container n, left now, to the text it holds from byte s. */
static void
span(struct pdf *p, const struct node *n, size_t s, struct buf *text, PangoAttrList *attrs)
{
	char *a;

	switch (n->type) {
	case NODE_EMPH:
		pdf_put_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), s, text->len);
		break;
	case NODE_STRONG:
		pdf_put_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), s, text->len);
		break;
	case NODE_LINK:
		a = text->len > s && p->cur.nlinks < PDF_MAX_LINKS ? link_attrs(p, n) : NULL;
		if (text->len > s && p->cur.nlinks == PDF_MAX_LINKS && !p->cur.links_warned) {
			const struct node *at = n;
			while (at->line == 0 && at->parent)
				at = at->parent;
			msg_warn(p->cur.label, at->line, "more than %d links; the PDF sets the text "
			    "of the rest as plain text", PDF_MAX_LINKS);
			p->cur.links_warned = 1;
		}
		if (a) {
			p->cur.nlinks++;
			pdf_put_attr(attrs, pango_attr_foreground_new(
			    (guint16)(p->look.accent[0] * 65535),
			    (guint16)(p->look.accent[1] * 65535),
			    (guint16)(p->look.accent[2] * 65535)), s, text->len);
			pdf_add_link(p, (int)s, (int)text->len, a);
		}
		break;
	case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE: case NODE_LIST:
	case NODE_ITEM: case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE:
	case NODE_TABLE_ROW: case NODE_TABLE_CELL:
		/* Blocks inside inline content are not expected: their text is kept, plain. */
		break;
	case NODE_CODE_BLOCK: case NODE_HR: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK: case NODE__COUNT:
	default:
		abort();
	}
}

/* Collects the inline content of block blk into text with attributes (emphasis, code, links),
 * hyphenating text when hyph. Returns the attribute list; links go to the flow unbound. */
PangoAttrList *
pdf_inlines(struct pdf *p, const struct node *blk, int hyph, struct buf *text)
{
	PangoAttrList *attrs = pango_attr_list_new();
	size_t *starts = NULL, nstarts = 0, capstarts = 0;
	struct node_iter it;
	enum node_ev ev;

	buf_reset(text);
	node_iter_init(&it, blk);
	while ((ev = node_iter_next(&it)) != NODE_EV_DONE) {
		const struct node *n = it.node;
		if (n == blk)
			continue;
		if (node_is_leaf(n->type))
			leaf(p, n, hyph, text, attrs);
		/* An empty container spans nothing. */
		else if (n->first == NULL)
			continue;
		else if (ev == NODE_EV_ENTER) {
			if (nstarts == capstarts) {
				capstarts = capstarts ? 2 * capstarts : 16;
				starts = xrealloc(starts, capstarts * sizeof(*starts));
			}
			starts[nstarts++] = text->len;
		} else
			span(p, n, starts[--nstarts], text, attrs);
	}
	free(starts);
	return attrs;
}
