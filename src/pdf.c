/* The PDF writer: the archive set with Pango into a flow of boxes, paginated, drawn, reordered. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qpdf/qpdf-c.h>

#include "archive.h"
#include "date.h"
#include "fonts.h"
#include "hyph.h"
#include "image.h"
#include "msg.h"
#include "outfile.h"
#include "pdf.h"
#include "pdf_draw.h"
#include "pdf_layout.h"
#include "pdf_set.h"
#include "style.h"
#include "toc.h"
#include "util.h"

/* Deepest nesting whose indent still grows; deeper blocks keep the last indent. */
#define MAX_INDENT_DEPTH 8
/* Code points listed by name in a font coverage warning. */
#define MAX_UNCOVERED 64

/* A container block being walked: what its children inherit. */
struct frame {
	const struct node *n;
	double start, end;      /* indents from the text block's start and end edges */
	int snode;              /* structure element the children go under */
	int depth;              /* nesting of indenting containers */
	int prev_para;          /* the last block emitted here was a paragraph */
	/* LIST */
	int ordered, tight, number, bullet;
	double label_w;         /* room for the labels */
	double bar;             /* QUOTE: its rule's x, or < 0 */
};

/* Everything the writer holds while one PDF is made; no globals, so that two writers could
 * run in two threads. */
struct pdf {
	const struct archive *ar;
	const struct toc *toc;
	const struct style *st;
	const struct options *opt;
	struct fonts *fonts;
	PangoContext *ctx;
	PangoFontDescription *fd_body, *fd_head, *fd_mono, *fd_small, *fd_italic, *fd_caption;
	PangoLayout **pool;     /* layouts reused from article to article */
	size_t npool, used;
	struct setter *set;     /* sets the running text; reset with the pool */
	struct hyph *hyph;
	struct pdf_dev *dev;
	struct pdf_look look;
	struct pdf_flow flow;
	struct layout_state ls;
	double tw, bh, lh;      /* text width, text block height, body line height */
	int *start_page;        /* per article: its first body page, 1-based */
	/* The article being set. */
	const struct article *a;
	char *label;            /* its file, for messages */
	const char *lang;
	int rtl;                /* the article is right to left */
	struct strset ids;      /* anchors defined in it */
	struct strset bad_photos; /* photos found unusable, reported once */
	struct frame *frames;
	size_t nframes, capframes;
	double pending;         /* space owed after the last block */
	PangoLayout *marker;    /* a list label waiting for its item's first line */
	int marker_snode;
	int outline_article;    /* the article's outline entry */
	int outline_h1;         /* the last level-1 heading's entry, or 0 */
	/* Pages. */
	int page_drawn;         /* something is drawn on the device's current page */
	const char *head;       /* the running head of the current page */
	PangoLayout *heads[2];  /* running heads set last, verso and recto */
	char *head_text[2];     /* their text */
	int head_none;          /* the current page opens an article: no running head */
	int failed;
	const char *dest;       /* the output file */
	struct buf raw;         /* cairo's PDF, before qpdf finishes it */
	size_t pos;             /* articles set so far, a position in toc->order */
	size_t group;           /* the contents group of the next article */
	int group_outline;      /* the current group's outline entry */
};

static void
rgb(const char *hex, double out[3])
{
	unsigned v = 0x1a1a1a;

	if (hex && hex[0] == '#' && strlen(hex) == 7)
		sscanf(hex + 1, "%x", &v);
	out[0] = ((v >> 16) & 0xff) / 255.0;
	out[1] = ((v >> 8) & 0xff) / 255.0;
	out[2] = (v & 0xff) / 255.0;
}

/* Returns a family list: the style's family, then the Arabic one for text it lacks. */
static PangoFontDescription *
face(const struct style *st, const char *family, double size, PangoWeight weight,
     PangoStyle style)
{
	char *fam = xasprintf("%s,%s", family, st->font_arabic ? st->font_arabic : "Noto Naskh Arabic");
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, fam);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, weight);
	pango_font_description_set_style(fd, style);
	free(fam);
	return fd;
}

/* Returns a layout from the pool, set up for text. */
static PangoLayout *
layout(struct pdf *p, const char *text, int len, PangoAttrList *attrs,
       const PangoFontDescription *fd, double width, PangoAlignment align, int justify,
       double indent)
{
	PangoLayout *l;

	if (p->used == p->npool) {
		p->pool = xrealloc(p->pool, (p->npool + 1) * sizeof(*p->pool));
		p->pool[p->npool++] = pango_layout_new(p->ctx);
	}
	l = p->pool[p->used++];
	pango_layout_set_font_description(l, fd);
	pango_layout_set_auto_dir(l, !p->rtl);
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

/* The alignment of a paragraph's start side. */
static PangoAlignment
start_align(const struct pdf *p)
{
	return p->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Takes the space owed to a block starting now: the larger of its own and the last block's. */
static double
space(struct pdf *p, double before)
{
	double s = p->pending > before ? p->pending : before;

	p->pending = 0;
	return s;
}

static struct frame *
top(struct pdf *p)
{
	return &p->frames[p->nframes - 1];
}

/* The x of a block of width w with the given indents, mirrored for right-to-left articles. */
static double
block_x(const struct pdf *p, const struct frame *fr)
{
	return p->rtl ? fr->end : fr->start;
}

/* Sets text (len bytes, -1: up to the NUL) as a paragraph of the current article: width the
 * measure, the first line indented by indent, justified or flush with the start edge. */
static const struct set_par *
set_text(struct pdf *p, const char *text, int len, PangoAttrList *attrs,
         const PangoFontDescription *fd, double width, int justify, double indent,
         PangoDirection dir)
{
	struct set_opts o = {.font = fd, .width = width, .indent = indent, .justify = justify,
	    .dir = dir};

	return set_paragraph(p->set, text, len, attrs, &o);
}

/* The direction of the article's paragraphs: right to left in a right-to-left article, else
 * each paragraph's own. */
static PangoDirection
par_dir(const struct pdf *p)
{
	return p->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_NEUTRAL;
}

/* Adds one box per line of paragraph par: at x, width w, line height lh (taller lines keep
 * their height). The first line gets the space and any waiting list label; the lines keep
 * together against widows and orphans, or all of them when keep_all. Returns the index of the
 * first box. */
static size_t
add_lines(struct pdf *p, const struct set_par *par, double x, double w, double lh, double sp,
          int snode, int keep_all, double bar, int shade)
{
	size_t first = p->flow.n;

	for (int k = 0; k < par->nlines; k++) {
		const struct set_line *ln = &par->lines[k];
		double hh = ln->ascent + ln->descent;
		double h = hh > lh ? hh : lh;
		struct pdf_item *it = pdf_flow_add(&p->flow, h, k == 0 ? sp : 0);
		it->kind = PDF_ITEM_LINE;
		it->par = par;
		it->sline = ln;
		it->baseline = hh > lh ? ln->ascent : (lh - hh) / 2 + ln->ascent;
		it->x = x;
		it->w = w;
		it->snode = snode;
		it->bar_x = bar;
		it->shade = shade;
		if (p->marker && k == 0) {
			int mw, mh;
			pango_layout_get_size(p->marker, &mw, &mh);
			it->marker = p->marker;
			it->marker_snode = p->marker_snode;
			it->marker_x = p->rtl ? x + w + 0.4 * p->st->size :
			    x - 0.4 * p->st->size - (double)mw / PANGO_SCALE;
			p->marker = NULL;
		}
		p->flow.boxes[p->flow.n - 1].keep_next = keep_all ? 1 : 0;
	}
	if (!keep_all)
		layout_keep_lines(&p->flow.boxes[first], p->flow.n - first);
	return first;
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
		if (n->url[0] != '#' || !strset_get(&p->ids, n->url + 1, NULL))
			return NULL;
		{
			char *dest = xasprintf("%s/%s", p->a->id, n->url + 1);
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
static void
add_link(struct pdf *p, int start, int end, char *attrs)
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
static void
bind_links(struct pdf *p, size_t first, const void *owner)
{
	for (size_t i = first; i < p->flow.nlinks; i++)
		p->flow.links[i].owner = owner;
}

static void
put_attr(PangoAttrList *list, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

/* Collects the inline content of block blk into text with attributes (emphasis, code, links),
 * hyphenating text when hyph. Returns the attribute list; links go to the flow unbound. */
static PangoAttrList *
inlines(struct pdf *p, const struct node *blk, int hyph, struct buf *text)
{
	PangoAttrList *attrs = pango_attr_list_new();
	const struct node *n = blk->first;
	size_t *starts = NULL, nstarts = 0, capstarts = 0;

	buf_reset(text);
	while (n) {
		int container = 0;
		size_t at = text->len;
		switch (n->type) {
		case NODE_TEXT:
			if (n->text) {
				if (hyph)
					hyph_text(p->hyph, p->lang, n->text, strlen(n->text), text);
				else
					buf_puts(text, n->text);
			}
			break;
		case NODE_CODE:
			buf_puts(text, n->text ? n->text : "");
			put_attr(attrs, pango_attr_family_new(p->st->font_mono), at, text->len);
			put_attr(attrs, pango_attr_scale_new(p->st->code_size / p->st->size), at,
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
			put_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), at, text->len);
			break;
		case NODE_EMPH: case NODE_STRONG: case NODE_LINK:
			container = 1;
			break;
		case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE: case NODE_LIST:
		case NODE_ITEM: case NODE_CODE_BLOCK: case NODE_HR: case NODE_FIGURE:
		case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_TABLE_CELL:
			/* Blocks inside inline content are not expected: their text is kept. */
			container = 1;
			break;
		case NODE__COUNT:
		default:
			abort();
		}
		if (container && n->first) {
			if (nstarts == capstarts) {
				capstarts = capstarts ? 2 * capstarts : 16;
				starts = xrealloc(starts, capstarts * sizeof(*starts));
			}
			starts[nstarts++] = text->len;
			n = n->first;
			continue;
		}
		/* Leave finished containers, applying their attributes. */
		while (n != blk && n->next == NULL) {
			n = n->parent;
			if (n == blk)
				break;
			size_t s = starts[--nstarts];
			switch (n->type) {
			case NODE_EMPH:
				put_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), s, text->len);
				break;
			case NODE_STRONG:
				put_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), s, text->len);
				break;
			case NODE_LINK: {
				char *a = text->len > s ? link_attrs(p, n) : NULL;
				if (a) {
					put_attr(attrs, pango_attr_foreground_new(
					    (guint16)(p->look.accent[0] * 65535),
					    (guint16)(p->look.accent[1] * 65535),
					    (guint16)(p->look.accent[2] * 65535)), s, text->len);
					add_link(p, (int)s, (int)text->len, a);
				}
				break;
			}
			case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE:
			case NODE_LIST: case NODE_ITEM: case NODE_CODE_BLOCK: case NODE_HR:
			case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW:
			case NODE_TABLE_CELL: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
			case NODE_SOFTBREAK: case NODE_LINEBREAK:
				break;
			case NODE__COUNT:
			default:
				abort();
			}
		}
		n = n == blk ? NULL : n->next;
	}
	free(starts);
	return attrs;
}

/* Sets a block of inline text (paragraph, heading, caption) as line boxes. */
static void
text_block(struct pdf *p, const struct node *blk, const PangoFontDescription *fd, double lh,
           double sp, const char *tag, int hyph, int justify, double indent, int keep_all,
           const char *dest)
{
	struct frame *fr = top(p);
	struct buf text = {0};
	size_t links = p->flow.nlinks;
	PangoAttrList *attrs = inlines(p, blk, hyph, &text);
	double w = p->tw - fr->start - fr->end;
	const struct set_par *par;
	size_t first;

	if (text.len == 0) {
		pango_attr_list_unref(attrs);
		buf_free(&text);
		return;
	}
	par = set_text(p, text.data, (int)text.len, attrs, fd, w, justify, indent, par_dir(p));
	pango_attr_list_unref(attrs);
	bind_links(p, links, par);
	/* No tag: the text belongs to the container (an item's only paragraph). */
	first = add_lines(p, par, block_x(p, fr), w, lh, space(p, sp),
	    tag ? pdf_flow_snode(&p->flow, tag, fr->snode) : fr->snode, keep_all, fr->bar, 0);
	p->flow.items[first].dest = dest;
	buf_free(&text);
}

/* Sets plain text (not from the model) as line boxes. */
static size_t
plain_block(struct pdf *p, const char *text, const PangoFontDescription *fd, double lh,
            double sp, int snode, int keep_all, PangoAttrList *attrs)
{
	struct frame *fr = top(p);
	double w = p->tw - fr->start - fr->end;
	const struct set_par *par = set_text(p, text, -1, attrs, fd, w, 0, 0, par_dir(p));

	return add_lines(p, par, block_x(p, fr), w, lh, space(p, sp), snode, keep_all, -1, 0);
}

/* Returns the drawn size of a photo: the text width, at most max_h high. */
static void
photo_size(double iw, double ih, double w, double max_h, double *ow, double *oh)
{
	double h = iw > 0 ? w * ih / iw : max_h;

	if (h > max_h) {
		w = w * max_h / h;
		h = max_h;
	}
	*ow = w;
	*oh = h;
}

/* Adds a figure: the photo at url (archive-relative, or NULL), alt text, and a caption given
 * as a node (inline children) or as plain text. */
static void
figure(struct pdf *p, const char *url, const char *alt, unsigned line, const struct node *cap,
       const char *cap_text, int has_image)
{
	struct frame *fr = top(p);
	double w = p->tw - fr->start - fr->end;
	double max_h = p->st->image_max_height * p->bh;
	double iw = 0, ih = 0, cap_h = 0, gap = 0.5 * p->lh;
	char *path = NULL;
	struct buf text = {0};
	PangoLayout *cl = NULL, *al = NULL;
	size_t links = p->flow.nlinks;
	struct pdf_item *it;
	int fig = pdf_flow_snode(&p->flow, "Figure", fr->snode), cs = -1;

	if (has_image) {
		struct image_info info;
		const char *why = NULL;
		/* No url: the reader warned already. A photo that cannot be read is reported once,
		 * where it is first used. */
		if (url && !strset_get(&p->bad_photos, url, NULL)) {
			path = path_join(p->ar->root, url);
			if (image_probe(path, &info, &why) != 0) {
				msg_warn(p->label, line, "image unusable (%s): %s", why ? why : "?", url);
				strset_add(&p->bad_photos, url, 0);
				free(path);
				path = NULL;
			} else
				photo_size(info.width, info.height, w, max_h, &iw, &ih);
		}
		if (path == NULL) {
			iw = w;
			ih = 4 * p->lh;
		}
		/* The placeholder's text, also for a photo that may yet fail to decode when drawn
		 * (Pango sets it only if it is drawn). */
		{
			PangoAttrList *aa = pango_attr_list_new();
			char *t = xasprintf("[Image%s%s]", alt && *alt ? ": " : "", alt ? alt : "");
			put_attr(aa, pango_attr_style_new(PANGO_STYLE_ITALIC), 0, strlen(t));
			al = layout(p, t, -1, aa, p->fd_small, iw - 12, PANGO_ALIGN_CENTER, 0, 0);
			pango_layout_set_height(al, pango_units_from_double(ih - 8));
			pango_layout_set_ellipsize(al, PANGO_ELLIPSIZE_END);
			pango_attr_list_unref(aa);
			free(t);
		}
	}
	if (cap || (cap_text && *cap_text)) {
		PangoAttrList *attrs;
		if (cap)
			attrs = inlines(p, cap, 0, &text);
		else {
			attrs = pango_attr_list_new();
			buf_puts(&text, cap_text);
		}
		if (text.len) {
			cl = layout(p, text.data, (int)text.len, attrs,
			    has_image ? p->fd_caption : p->fd_italic, w, PANGO_ALIGN_CENTER, 0, 0);
			int lw, lhh;
			pango_layout_get_size(cl, &lw, &lhh);
			cap_h = (double)lhh / PANGO_SCALE;
			bind_links(p, links, cl);
			cs = pdf_flow_snode(&p->flow, "Caption", fig);
		}
		pango_attr_list_unref(attrs);
	}
	buf_free(&text);
	if (!has_image && cl == NULL)
		return;
	it = pdf_flow_add(&p->flow, ih + (cl && ih > 0 ? gap : 0) + cap_h, space(p, p->lh));
	it->kind = PDF_ITEM_FIGURE;
	it->snode = fig;
	it->x = block_x(p, fr);
	it->w = w;
	it->path = pdf_flow_keep(&p->flow, path);
	it->url = url;
	it->label = p->label;
	it->line_no = line;
	it->alt = al;
	it->img_w = has_image ? iw : 0;
	it->img_h = has_image ? ih : 0;
	it->cap_y = ih > 0 ? ih + gap : 0;
	it->layout = cl;
	it->cap_snode = cs;
	p->flow.boxes[p->flow.n - 1].floating = has_image ? 1 : 0;
	p->pending = p->lh;
	fr->prev_para = 0;
}

/* Adds a code block: monospace lines on a shaded band, wrapped, never justified. */
static void
code_block(struct pdf *p, const struct node *n)
{
	struct frame *fr = top(p);
	double w = p->tw - fr->start - fr->end - 6, lh = p->st->code_size * 1.4, pad = 4;
	size_t len = n->text ? strlen(n->text) : 0, first;
	const struct set_par *par;
	struct buf text = {0};
	int ps, col = 0;

	while (len && n->text[len - 1] == '\n')
		len--;
	if (len == 0)
		return;
	/* Tabs to the next multiple of 8 columns; code reads left to right in any article. */
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)n->text[i];
		if (ch == '\t') {
			do
				buf_putc(&text, ' ');
			while (++col % 8);
			continue;
		}
		buf_putc(&text, (char)ch);
		col = ch == '\n' ? 0 : (ch & 0xc0) == 0x80 ? col : col + 1;
	}
	par = set_text(p, text.data, (int)text.len, NULL, p->fd_mono, w, 0, 0, PANGO_DIRECTION_LTR);
	buf_free(&text);
	ps = pdf_flow_snode(&p->flow, "P", fr->snode);
	first = add_lines(p, par, block_x(p, fr) + 3, w, lh, space(p, 0.6 * p->lh),
	    pdf_flow_snode(&p->flow, "Code", ps), 0, fr->bar, 1);
	p->flow.boxes[first].height += pad;
	p->flow.items[first].baseline += pad;
	p->flow.boxes[p->flow.n - 1].height += pad;
	p->pending = 0.6 * p->lh;
	fr->prev_para = 0;
}

static void
rule(struct pdf *p, double x, double w, double h, double sp)
{
	struct pdf_item *it = pdf_flow_add(&p->flow, h, space(p, sp));

	it->kind = PDF_ITEM_RULE;
	it->snode = top(p)->snode;
	it->x = x;
	it->w = w;
}

/* Adds a table: rows as boxes, columns sized by their cells' natural widths. */
static void
table(struct pdf *p, const struct node *n)
{
	struct frame *fr = top(p);
	double w = p->tw - fr->start - fr->end, pad = 3, sp;
	size_t ncols = 0, nrows = 0;
	double *nat, *cw, sum = 0;
	int ts = pdf_flow_snode(&p->flow, "Table", fr->snode);
	struct buf text = {0};

	for (const struct node *r = n->first; r; r = r->next) {
		size_t c = 0;
		for (const struct node *cell = r->first; cell; cell = cell->next)
			c++;
		if (c > ncols)
			ncols = c;
		nrows++;
	}
	if (ncols == 0)
		return;
	nat = xcalloc(ncols, sizeof(*nat));
	cw = xcalloc(ncols, sizeof(*cw));
	/* Natural widths, measured without wrapping. */
	for (const struct node *r = n->first; r; r = r->next) {
		size_t c = 0;
		for (const struct node *cell = r->first; cell; cell = cell->next, c++) {
			PangoAttrList *attrs = inlines(p, cell, 0, &text);
			PangoLayout *l = layout(p, text.data ? text.data : "", (int)text.len, attrs,
			    p->fd_small, -1, PANGO_ALIGN_LEFT, 0, 0);
			int lw, lhh;
			pango_layout_get_size(l, &lw, &lhh);
			double v = (double)lw / PANGO_SCALE + 2 * pad + 1;
			if (cell->header)
				v *= 1.08;
			if (v > nat[c])
				nat[c] = v;
			pango_attr_list_unref(attrs);
			p->used--;
			p->flow.nlinks = p->flow.nlinks;
		}
	}
	/* Drop the links the measuring pass recorded. */
	for (size_t i = 0; i < ncols; i++)
		sum += nat[i];
	for (size_t i = 0; i < ncols; i++) {
		if (sum <= w)
			cw[i] = nat[i] + (w - sum) / (double)ncols;
		else {
			double floor = w / (double)ncols * 0.5;
			cw[i] = w * nat[i] / sum;
			if (cw[i] < floor)
				cw[i] = floor;
		}
	}
	if (sum > w) {
		double total = 0;
		for (size_t i = 0; i < ncols; i++)
			total += cw[i];
		for (size_t i = 0; i < ncols; i++)
			cw[i] *= w / total;
	}
	sp = space(p, 0.8 * p->lh);
	for (const struct node *r = n->first; r; r = r->next) {
		int rs = pdf_flow_snode(&p->flow, "TR", ts);
		struct pdf_cell *cells = xcalloc(ncols, sizeof(*cells));
		double x = 0, h = 0;
		size_t c = 0;
		int header = 1;
		for (const struct node *cell = r->first; cell; cell = cell->next, c++) {
			size_t links = p->flow.nlinks;
			PangoAttrList *attrs = inlines(p, cell, 1, &text);
			PangoLayout *l;
			int lw, lhh;
			if (cell->header)
				put_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0, text.len);
			l = layout(p, text.data ? text.data : "", (int)text.len, attrs, p->fd_small,
			    cw[c] - 2 * pad, start_align(p), 0, 0);
			pango_attr_list_unref(attrs);
			bind_links(p, links, l);
			pango_layout_get_size(l, &lw, &lhh);
			if ((double)lhh / PANGO_SCALE + 2 * pad > h)
				h = (double)lhh / PANGO_SCALE + 2 * pad;
			cells[c].layout = l;
			cells[c].x = p->rtl ? w - x - cw[c] : x;
			cells[c].w = cw[c];
			cells[c].header = cell->header;
			cells[c].snode = pdf_flow_snode(&p->flow, cell->header ? "TH" : "TD", rs);
			header &= cell->header;
			x += cw[c];
		}
		for (; c < ncols; c++) {
			cells[c].x = p->rtl ? w - x - cw[c] : x;
			cells[c].w = cw[c];
			cells[c].snode = pdf_flow_snode(&p->flow, "TD", rs);
			x += cw[c];
		}
		struct pdf_item *it = pdf_flow_add(&p->flow, h, sp);
		it->kind = PDF_ITEM_ROW;
		it->snode = rs;
		it->x = block_x(p, fr);
		it->w = w;
		it->cells = cells;
		it->ncells = ncols;
		p->flow.boxes[p->flow.n - 1].keep_next = header;
		sp = 0;
	}
	buf_free(&text);
	free(nat);
	free(cw);
	p->pending = 0.8 * p->lh;
	fr->prev_para = 0;
}

/* Pushes a frame for a container block and returns it. */
static struct frame *
push(struct pdf *p, const struct node *n)
{
	if (p->nframes == p->capframes) {
		p->capframes = p->capframes ? 2 * p->capframes : 16;
		p->frames = xrealloc(p->frames, p->capframes * sizeof(*p->frames));
	}
	p->frames[p->nframes] = p->frames[p->nframes - 1];
	p->nframes++;
	struct frame *fr = top(p);
	fr->n = n;
	fr->prev_para = 0;
	return fr;
}

/* The room a list's labels need, measured on its widest label. */
static double
label_width(struct pdf *p, const struct node *list)
{
	int count = 0, lw, lhh;
	char s[32];
	double w;

	if (!list->ordered)
		return 1.3 * p->st->size;
	for (const struct node *i = list->first; i; i = i->next)
		count++;
	snprintf(s, sizeof(s), "%d.", list->start + (count > 0 ? count - 1 : 0));
	PangoLayout *l = layout(p, s, -1, NULL, p->fd_body, -1, PANGO_ALIGN_LEFT, 0, 0);
	pango_layout_get_size(l, &lw, &lhh);
	p->used--;
	w = (double)lw / PANGO_SCALE + 0.6 * p->st->size;
	return w > 1.5 * p->st->size ? w : 1.5 * p->st->size;
}

/* Enters a container block. */
static void
enter(struct pdf *p, const struct node *n)
{
	struct frame *parent, *fr;
	double em = p->st->size;
	int deeper;

	/* Room for the new frame first: push must not move the parent. */
	if (p->nframes == p->capframes) {
		p->capframes *= 2;
		p->frames = xrealloc(p->frames, p->capframes * sizeof(*p->frames));
	}
	parent = top(p);
	deeper = parent->depth < MAX_INDENT_DEPTH;
	switch (n->type) {
	case NODE_QUOTE:
		p->pending = space(p, 0.5 * p->lh);
		fr = push(p, n);
		fr->snode = pdf_flow_snode(&p->flow, "BlockQuote", parent->snode);
		if (deeper) {
			fr->bar = p->rtl ? p->tw - fr->end - 0.3 * em : fr->start + 0.3 * em;
			fr->start += 1.6 * em;
			fr->end += 1.0 * em;
			fr->depth++;
		}
		break;
	case NODE_LIST:
		p->pending = space(p, 0.5 * p->lh);
		fr = push(p, n);
		fr->snode = pdf_flow_snode(&p->flow, "L", parent->snode);
		fr->ordered = n->ordered;
		fr->tight = n->tight;
		fr->number = n->start;
		fr->bullet = parent->bullet + 1;
		fr->label_w = deeper ? label_width(p, n) : 0;
		break;
	case NODE_ITEM: {
		static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x97\xa6"};
		char s[32];
		if (n != parent->n->first && !parent->tight)
			p->pending = space(p, 0.4 * p->lh);
		fr = push(p, n);
		int li = pdf_flow_snode(&p->flow, "LI", parent->snode);
		if (parent->ordered)
			snprintf(s, sizeof(s), "%d.", parent->number++);
		else
			snprintf(s, sizeof(s), "%s", bullets[(parent->bullet - 1) % 3]);
		p->marker = layout(p, s, -1, NULL, p->fd_body, -1, PANGO_ALIGN_LEFT, 0, 0);
		p->marker_snode = pdf_flow_snode(&p->flow, "Lbl", li);
		fr->snode = pdf_flow_snode(&p->flow, "LBody", li);
		if (deeper && parent->label_w > 0) {
			fr->start += parent->label_w;
			fr->depth++;
		}
		break;
	}
	case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_CODE_BLOCK: case NODE_HR:
	case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW:
	case NODE_TABLE_CELL: case NODE_TEXT: case NODE_EMPH: case NODE_STRONG: case NODE_CODE:
	case NODE_LINK: case NODE_IMAGE: case NODE_SOFTBREAK: case NODE_LINEBREAK:
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Leaves a container block. */
static void
leave(struct pdf *p, const struct node *n)
{
	if (n->type == NODE_ITEM && p->marker) {
		/* An empty item: its label stands alone. */
		struct frame *fr = top(p);
		const struct set_par *par = set_text(p, " ", 1, NULL, p->fd_body,
		    p->tw - fr->start - fr->end, 0, 0, par_dir(p));
		add_lines(p, par, block_x(p, fr), p->tw - fr->start - fr->end, p->lh, space(p, 0),
		    fr->snode, 0, fr->bar, 0);
	}
	p->nframes--;
	if (n->type == NODE_QUOTE || n->type == NODE_LIST)
		p->pending = 0.5 * p->lh;
	top(p)->prev_para = 0;
}

/* Adds a heading, its destination and its outline entry. */
static void
heading(struct pdf *p, const struct node *n)
{
	static const char *const tags[] = {"H2", "H3", "H4", "H5", "H6", "H6"};
	int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
	double size = level == 1 ? p->st->h1_size : level == 2 ? p->st->h2_size : p->st->h3_size;
	PangoFontDescription *fd = pango_font_description_copy(p->fd_head);
	const char *dest = NULL;
	size_t first = p->flow.n;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (n->id)
		dest = pdf_flow_keep(&p->flow, xasprintf("%s/%s", p->a->id, n->id));
	text_block(p, n, fd, size * 1.3, level == 1 ? 1.4 * p->lh : 1.0 * p->lh,
	    tags[level - 1], 0, 0, 0, 1, dest);
	pango_font_description_free(fd);
	if (p->flow.n > first && dest && level <= 2) {
		char *t = node_text(n);
		int parent = level == 1 || p->outline_h1 == 0 ? p->outline_article : p->outline_h1;
		int id = pdf_dev_outline(p->dev, parent, t, dest, 0);
		if (level == 1)
			p->outline_h1 = id;
		free(t);
	}
	p->pending = 0.45 * p->lh;
	top(p)->prev_para = 0;
}

/* Sets one leaf block. */
static void
block(struct pdf *p, const struct node *n)
{
	struct frame *fr = top(p);

	switch (n->type) {
	case NODE_PARA: {
		int spacing = p->st->para == PARA_SPACING;
		double indent = !spacing && fr->prev_para ? p->st->indent : 0;
		double sp = spacing && n->prev && !fr->tight ? 0.5 * p->lh : 0;
		if (fr->n && fr->n->type == NODE_ITEM && fr->n->parent && fr->n->parent->tight)
			sp = 0;
		else if (fr->n && fr->n->type == NODE_ITEM && n->prev)
			sp = 0.4 * p->lh;
		text_block(p, n, p->fd_body, p->lh, sp,
		    fr->n && fr->n->type == NODE_ITEM && n->prev == NULL && n->next == NULL ? NULL :
		    "P", p->st->hyphenate, p->st->justify, indent, 0, NULL);
		fr->prev_para = 1;
		break;
	}
	case NODE_HEADING:
		heading(p, n);
		break;
	case NODE_CODE_BLOCK:
		code_block(p, n);
		break;
	case NODE_HR:
		rule(p, block_x(p, fr) + (p->tw - fr->start - fr->end) * 0.375,
		    (p->tw - fr->start - fr->end) * 0.25, 1.5 * p->lh, space(p, 0.3 * p->lh));
		p->pending = 0.3 * p->lh;
		fr->prev_para = 0;
		break;
	case NODE_FIGURE: {
		const struct node *img = NULL, *cap = NULL;
		for (const struct node *c = n->first; c; c = c->next) {
			if (c->type == NODE_IMAGE && img == NULL)
				img = c;
			else if (c->type == NODE_CAPTION && cap == NULL)
				cap = c;
		}
		figure(p, img ? img->url : NULL, img ? img->text : NULL, img ? img->line : n->line,
		    cap, NULL, img != NULL);
		break;
	}
	case NODE_TABLE:
		table(p, n);
		break;
	case NODE_CAPTION: case NODE_TABLE_ROW: case NODE_TABLE_CELL: case NODE_TEXT:
	case NODE_EMPH: case NODE_STRONG: case NODE_CODE: case NODE_LINK: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK:
		/* Inline content straight in a container: set it as a paragraph. */
		text_block(p, n->parent, p->fd_body, p->lh, 0, "P", p->st->hyphenate,
		    p->st->justify, 0, 0, NULL);
		break;
	case NODE_BODY: case NODE_QUOTE: case NODE_LIST: case NODE_ITEM: case NODE__COUNT:
	default:
		abort();
	}
}

static int
container(const struct node *n)
{
	return n->type == NODE_QUOTE || n->type == NODE_LIST || n->type == NODE_ITEM;
}

/* Walks an article body, iteratively. */
static void
body(struct pdf *p, const struct node *root)
{
	const struct node *n = root->first;

	while (n) {
		if (container(n)) {
			enter(p, n);
			if (n->first) {
				n = n->first;
				continue;
			}
			leave(p, n);
		} else if (!node_is_block(n->type)) {
			/* Stray inlines: the whole run of them once, as one paragraph. */
			if (n->prev == NULL || node_is_block(n->prev->type))
				block(p, n);
		} else
			block(p, n);
		while (n && n->next == NULL) {
			n = n->parent;
			if (n == root || n == NULL)
				n = NULL;
			else
				leave(p, n);
		}
		if (n)
			n = n->next;
	}
}

/* Warns about characters no bundled font has and lets system fonts draw them. */
static void
coverage(struct pdf *p, const struct article *a, const struct node *root)
{
	uint32_t cps[MAX_UNCOVERED];
	size_t n = 0;

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
	if (n == 0)
		return;
	struct buf b = {0};
	for (size_t i = 0; i < n && i < 5; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_printf(&b, "U+%04X '", (unsigned)cps[i]);
		buf_put_utf8(&b, cps[i]);
		buf_putc(&b, '\'');
	}
	if (n > 5)
		buf_printf(&b, " and %zu more%s", n - 5, n == MAX_UNCOVERED ? " at least" : "");
	size_t left = fonts_missing(p->fonts, cps, n);
	msg_warn(p->label, 0, "no bundled font covers %s; %s", buf_str(&b),
	    left == 0 ? "using system fonts" : left == n ? "no system font either" :
	    "system fonts cover some");
	buf_free(&b);
}

/* Sets an article's heading block: title, byline, date, source. */
static void
article_head(struct pdf *p, const struct article *a, int art)
{
	char longd[32];
	size_t first = p->flow.n;
	int meta = -1;
	double sp = p->opt->run_on ? 3 * p->lh : 0;
	const char *title = a->title && *a->title ? a->title : "Untitled";
	size_t i;

	p->pending = 0;
	i = plain_block(p, title, p->fd_head, p->st->title_size * 1.2, sp,
	    pdf_flow_snode(&p->flow, "H1", art), 1, NULL);
	p->flow.items[i].dest = a->id;
	p->pending = 0.5 * p->lh;
	/* Byline, date and source: one paragraph of three lines. */
	{
		struct buf t = {0};
		PangoAttrList *attrs = pango_attr_list_new();
		size_t links = p->flow.nlinks;
		if (a->nauthors) {
			char *by = names_join(a->authors, a->nauthors);
			buf_printf(&t, "By %s", by);
			free(by);
		}
		/* In right-to-left text an English date is isolated (U+2066 ... U+2069), or its
		 * day moves to the end. */
		const char *lri = a->dir == DIR_RTL ? "\u2066" : "", *pdi = *lri ? "\u2069" : "";
		if (a->date.year) {
			date_long(&a->date, longd);
			buf_printf(&t, "%s%s%s%s", t.len ? "\n" : "", lri, longd, pdi);
		}
		if (a->source && *a->source) {
			buf_printf(&t, "%sSource: %s", t.len ? "\n" : "", lri);
			size_t at = t.len;
			buf_puts(&t, a->source);
			size_t end = t.len;
			buf_puts(&t, pdi);
			if (startswith(a->source, "http://") || startswith(a->source, "https://")) {
				char *q = pdf_quote(a->source);
				put_attr(attrs, pango_attr_foreground_new(
				    (guint16)(p->look.accent[0] * 65535),
				    (guint16)(p->look.accent[1] * 65535),
				    (guint16)(p->look.accent[2] * 65535)), at, end);
				add_link(p, (int)at, (int)end, xasprintf("uri='%s'", q));
				free(q);
			}
		}
		if (t.len) {
			meta = pdf_flow_snode(&p->flow, "P", art);
			i = plain_block(p, t.data, p->fd_small, p->st->small_size * 1.45, 0, meta, 1,
			    attrs);
			bind_links(p, links, p->flow.items[i].par);
		}
		pango_attr_list_unref(attrs);
		buf_free(&t);
	}
	rule(p, 0, p->tw, 0.8 * p->lh, 0.2 * p->lh);
	p->flow.boxes[p->flow.n - 1].keep_next = 1;
	for (i = first; i < p->flow.n; i++)
		p->flow.boxes[i].keep_next = 1;
	p->pending = 0.8 * p->lh;
}

/* Geometry of body or front page number n (1-based): recto pages bind on the left. */
static double
left_margin(const struct pdf *p, int recto)
{
	return recto ? p->st->margin_inner : p->st->margin_outer;
}

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

/* Returns the layout of the running head p->head on a recto or verso page. The same head on
 * page after page (an article's title, the archive's) is set once. */
static PangoLayout *
running_head(struct pdf *p, int recto)
{
	PangoLayout *l = p->heads[recto];

	if (l && strcmp(p->head_text[recto], p->head) == 0)
		return l;
	if (l == NULL) {
		l = p->heads[recto] = pango_layout_new(p->ctx);
		pango_layout_set_font_description(l, p->fd_small);
		pango_layout_set_width(l, pango_units_from_double(p->tw));
		pango_layout_set_alignment(l, recto ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_auto_dir(l, FALSE);
	}
	free(p->head_text[recto]);
	p->head_text[recto] = xstrdup(p->head);
	pango_layout_set_text(l, p->head, -1);
	return l;
}

/* Draws the running head and the folio of the device's current page and moves to the next.
 * number: the folio's text, or NULL for none. */
static void
end_page(struct pdf *p, const char *number, int recto)
{
	double left = left_margin(p, recto);
	const struct style *st = p->st;

	if (st->header && p->head && !p->head_none) {
		PangoLayout *l = running_head(p, recto);
		int w, h;
		pango_layout_get_size(l, &w, &h);
		pdf_dev_text(p->dev, l, left, st->margin_top - 0.9 * p->lh -
		    (double)h / PANGO_SCALE, 0);
		pdf_dev_hline(p->dev, left, left + p->tw, st->margin_top - 0.6 * p->lh);
	}
	if (st->footer && number) {
		PangoLayout *l = layout(p, number, -1, NULL, p->fd_small, p->tw, PANGO_ALIGN_CENTER,
		    0, 0);
		pdf_dev_text(p->dev, l, left, st->page_h - st->margin_bottom + 1.2 * p->lh, 0);
		p->used--;
	}
	pdf_dev_next_page(p->dev);
	p->page_drawn = 0;
	p->head = NULL;
	p->head_none = 0;
}

/* Ends body page index (0-based) on the device. */
static void
end_body_page(struct pdf *p, int index)
{
	char num[16];
	int recto = index % 2 == 0;

	snprintf(num, sizeof(num), "%d", index + 1);
	if (!recto)
		p->head = p->ar->title;
	end_page(p, num, recto);
}

/* Draws the flow's items page by page; page numbers are body page indices. */
static void
draw_body_flow(struct pdf *p, const char *title)
{
	struct pdf_flow *f = &p->flow;
	int first = INT32_MAX, last = -1;

	for (size_t i = 0; i < f->n; i++) {
		if (f->places[i].page < first)
			first = f->places[i].page;
		if (f->places[i].page > last)
			last = f->places[i].page;
	}
	for (int pg = first; pg <= last; pg++) {
		while (pdf_dev_page(p->dev) < pg)
			end_body_page(p, pdf_dev_page(p->dev));
		int recto = pg % 2 == 0;
		double left = left_margin(p, recto);
		for (size_t i = 0; i < f->n; i++) {
			if (f->places[i].page != pg)
				continue;
			if (!p->page_drawn) {
				p->head = title;
				p->head_none = i == 0 && f->places[i].y < 1;
				p->page_drawn = 1;
			}
			/* A box taller than the text block is cut at its edges. */
			if (f->places[i].overfull)
				pdf_dev_clip(p->dev, left, p->st->margin_top, p->tw, p->bh);
			pdf_dev_draw(p->dev, f, i, left, p->st->margin_top + f->places[i].y);
			if (f->places[i].overfull)
				pdf_dev_clip(p->dev, 0, 0, 0, 0);
		}
	}
	pdf_dev_end_flow(p->dev);
}

/* Sets, paginates and draws one article, the idx-th of the archive. */
static void
article(struct pdf *p, size_t idx, const struct node *root, int group_outline)
{
	const struct article *a = &p->ar->articles[idx];
	int art;

	p->a = a;
	p->label = path_join(p->ar->root, a->path);
	p->lang = archive_lang(p->ar, a);
	p->rtl = a->dir == DIR_RTL;
	pango_context_set_language(p->ctx, pango_language_from_string(p->lang));
	pango_context_set_base_dir(p->ctx, p->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	set_language(p->set, p->lang);
	strset_free(&p->ids);
	if (root) {
		for (const struct node *n = root; n; n = node_next(root, n))
			if (n->type == NODE_HEADING && n->id)
				strset_add(&p->ids, n->id, 0);
		coverage(p, a, root);
	}
	p->outline_article = pdf_dev_outline(p->dev, group_outline,
	    a->title && *a->title ? a->title : "Untitled", a->id, 0);
	p->outline_h1 = 0;
	pdf_flow_reset(&p->flow);
	p->used = 0;
	set_reset(p->set);
	p->nframes = 1;
	memset(&p->frames[0], 0, sizeof(p->frames[0]));
	p->frames[0].n = root;
	p->frames[0].bar = -1;
	art = pdf_flow_snode(&p->flow, "Art", -1);
	p->frames[0].snode = art;
	p->marker = NULL;
	article_head(p, a, art);
	if (a->image)
		figure(p, a->image, a->image_caption, 0, NULL, a->image_caption, 1);
	if (root)
		body(p, root);
	p->flow.boxes[0].new_page = !p->opt->run_on;
	layout_paginate(p->flow.boxes, p->flow.n, p->bh, &p->ls, p->flow.places);
	p->start_page[idx] = p->flow.places[0].page + 1;
	draw_body_flow(p, a->title);
	free(p->label);
	p->label = NULL;
}

/* Places a block of small text in flow f at the foot of front page `page` (0: the title page,
 * 1: its verso), as a paragraph element of sect. */
static void
foot_block(struct pdf *p, struct pdf_flow *f, const char *text, double width,
           PangoAlignment align, int sect, int page)
{
	PangoLayout *l = layout(p, text, -1, NULL, p->fd_small, width, align, 0, 0);
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
static void
title_pages(struct pdf *p)
{
	const struct archive *ar = p->ar;
	struct pdf_flow tf = {0}, *f = &tf;
	double y = p->bh * 0.28, left = left_margin(p, 1);
	char longd[32];
	PangoFontDescription *big = pango_font_description_copy(p->fd_head);
	PangoFontDescription *sub = pango_font_description_copy(p->fd_head);
	PangoFontDescription *au = pango_font_description_copy(p->fd_italic);
	size_t i;

	pango_font_description_set_absolute_size(big, 2 * p->st->title_size * PANGO_SCALE / 1.4);
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
	char *by = ar->nauthors ? names_join(ar->authors, ar->nauthors) : NULL;
	char *snap;
	date_long(&ar->date, longd);
	snap = xasprintf("Snapshot of %s \xc2\xb7 %zu article%s", longd, ar->narticles,
	    ar->narticles == 1 ? "" : "s");
	parts[n++] = (struct part){ar->title ? ar->title : "Untitled", big, "H1", 0, 0};
	if (ar->subtitle)
		parts[n++] = (struct part){ar->subtitle, sub, "P", 0.8 * p->lh, 1};
	if (by)
		parts[n++] = (struct part){by, au, "P", 3 * p->lh, 0};
	parts[n++] = (struct part){snap, p->fd_small, "P", 1.5 * p->lh, 0};
	for (size_t k = 0; k < n; k++) {
		PangoLayout *l = layout(p, parts[k].text, -1, NULL, parts[k].fd, p->tw,
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
			struct pdf_item *r = pdf_flow_add(f, 1.2 * p->lh, 0);
			r->kind = PDF_ITEM_RULE;
			r->snode = sect;
			r->x = p->tw * 0.4;
			r->w = p->tw * 0.2;
			f->places[f->n - 1].page = 0;
			f->places[f->n - 1].y = y;
			y += 1.2 * p->lh;
		}
	}
	if (ar->publisher)
		foot_block(p, f, ar->publisher, p->tw, PANGO_ALIGN_CENTER, sect, 0);
	/* The verso: the description and the imprint, at the foot. */
	{
		struct buf b = {0};
		if (ar->description)
			buf_printf(&b, "%s\n\n", ar->description);
		if (ar->publisher)
			buf_printf(&b, "Published by %s.\n", ar->publisher);
		buf_printf(&b, "Snapshot of %s.\n", longd);
		if (ar->identifier)
			buf_printf(&b, "Identifier: %s\n", ar->identifier);
		buf_printf(&b, "Set with quire in %s, %s and %s.", p->st->font_body,
		    p->st->font_heading, p->st->font_mono);
		foot_block(p, f, buf_str(&b), p->tw * 0.8, PANGO_ALIGN_LEFT, sect, 1);
		buf_free(&b);
	}
	for (i = 0; i < f->n; i++)
		if (f->places[i].page == 0)
			pdf_dev_draw(p->dev, f, i, left, p->st->margin_top + f->places[i].y);
	end_page(p, NULL, 1);
	for (i = 0; i < f->n; i++)
		if (f->places[i].page == 1)
			pdf_dev_draw(p->dev, f, i, left_margin(p, 0),
			    p->st->margin_top + f->places[i].y);
	pdf_dev_end_flow(p->dev);
	end_page(p, NULL, 0);
	pdf_flow_free(f);
	pango_font_description_free(big);
	pango_font_description_free(sub);
	pango_font_description_free(au);
	free(by);
	free(snap);
}

/* Sets the contents into the flow and paginates it. Returns its number of pages. */
static int
contents_set(struct pdf *p)
{
	const struct archive *ar = p->ar;
	const struct toc *toc = p->toc;
	struct pdf_flow *f = &p->flow;
	struct layout_state ls = {0};
	PangoFontDescription *gfd = pango_font_description_copy(p->fd_head);
	int sect, tocs;
	size_t i;

	pdf_flow_reset(f);
	p->used = 0;
	set_reset(p->set);
	p->rtl = 0;
	p->label = NULL;
	pango_context_set_base_dir(p->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_language(p->ctx, pango_language_from_string(ar->lang));
	set_language(p->set, ar->lang);
	sect = pdf_flow_snode(f, "Sect", -1);
	p->nframes = 1;
	memset(&p->frames[0], 0, sizeof(p->frames[0]));
	p->frames[0].bar = -1;
	p->frames[0].snode = sect;
	p->pending = 0;
	i = plain_block(p, "Contents", p->fd_head, p->st->title_size * 1.2, 0,
	    pdf_flow_snode(f, "H1", sect), 1, NULL);
	f->items[i].dest = "contents";
	p->pending = 1.2 * p->lh;
	tocs = pdf_flow_snode(f, "TOC", sect);
	pango_font_description_set_absolute_size(gfd, p->st->small_size * 1.15 * PANGO_SCALE);
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			int gi = pdf_flow_snode(f, "TOCI", tocs);
			plain_block(p, grp->label, gfd, p->lh * 1.2, g ? 1.0 * p->lh : 0,
			    pdf_flow_snode(f, "P", gi), 1, NULL);
			p->pending = 0.3 * p->lh;
		}
		for (size_t k = grp->first; k < grp->first + grp->count; k++) {
			size_t idx = toc->order[k];
			const struct article *a = &ar->articles[idx];
			char num[16], *q;
			int lw, lhh;
			snprintf(num, sizeof(num), "%d", p->start_page[idx]);
			PangoLayout *l = layout(p, a->title && *a->title ? a->title : "Untitled", -1,
			    NULL, p->fd_body, p->tw - 4 * p->st->size, PANGO_ALIGN_LEFT, 0, 0);
			PangoLayout *nl = layout(p, num, -1, NULL, p->fd_body, -1, PANGO_ALIGN_LEFT, 0,
			    0);
			/* Entries read left to right whatever their script, so that numbers line up. */
			pango_layout_set_auto_dir(l, FALSE);
			pango_layout_get_size(l, &lw, &lhh);
			struct pdf_item *it = pdf_flow_add(f, (double)lhh / PANGO_SCALE,
			    space(p, 0.25 * p->lh));
			it->kind = PDF_ITEM_TOC;
			it->snode = pdf_flow_snode(f, "TOCI", tocs);
			it->layout = l;
			it->number = nl;
			it->w = p->tw;
			q = pdf_quote(a->id);
			it->link = pdf_flow_keep(f, xasprintf("dest='%s'", q));
			free(q);
		}
	}
	pango_font_description_free(gfd);
	layout_paginate(f->boxes, f->n, p->bh, &ls, f->places);
	return ls.page + 1;
}

/* Draws the contents set by contents_set, its pages at front matter page index front (0-based:
 * the title page is 0), and empties the flow. */
static void
contents_draw(struct pdf *p, int front, int pages)
{
	struct pdf_flow *f = &p->flow;
	size_t i;

	for (int pg = 0; pg < pages; pg++) {
		int recto = (front + pg) % 2 == 0;
		char num[16];
		for (i = 0; i < f->n; i++)
			if (f->places[i].page == pg) {
				if (!p->page_drawn) {
					p->head = "Contents";
					p->head_none = pg == 0;
					p->page_drawn = 1;
				}
				pdf_dev_draw(p->dev, f, i, left_margin(p, recto),
				    p->st->margin_top + f->places[i].y);
			}
		if (pg + 1 == pages)
			pdf_dev_end_flow(p->dev);
		roman(front + pg + 1, num, sizeof(num));
		end_page(p, num, recto);
	}
	pdf_flow_reset(f);
}

/* Reports qpdf's error, if any. Returns 1 when there was one. */
static int
qpdf_failed(qpdf_data q, const char *what)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_error e = qpdf_get_error(q);
	msg_error(what, 0, "qpdf: %s", qpdf_get_error_full_text(q, e));
	return 1;
}

/* Rewrites cairo's PDF, held in raw, into the file dest: pages in final order (order[k]: the
 * drawn index of final page k), the front matter's structure elements (the last nfront kids
 * of the document element) first, page labels (roman front matter, arabic body from 1), fixed
 * dates, a deterministic /ID, object streams. qpdf writes a temporary file beside dest that
 * replaces dest only when it is complete. Returns 0, or -1 after an error message (dest
 * untouched). */
static int
finish(const struct buf *raw, const char *dest, const int *order, int npages, int nfront,
       int front_pages, const struct date *date)
{
	qpdf_data q = qpdf_init();
	qpdf_oh root, tree, st, k, doc, kids, arr, info;
	char pdfdate[18], labels[160];
	struct outfile out = {0};
	const char *in = "cairo's PDF";
	int rc = -1, n;

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_read_memory(q, in, raw->data, raw->len, NULL);
	if (qpdf_failed(q, in))
		goto out;
	n = qpdf_get_num_pages(q);
	if (qpdf_failed(q, in))
		goto out;
	if (n != npages) {
		msg_error(in, 0, "qpdf: %d pages, %d expected", n, npages);
		goto out;
	}
	/* Cairo writes one flat page tree: its /Kids, reordered, is the new order (taking pages
	 * out one by one and adding them back would cost time growing with the square of n). */
	root = qpdf_get_root(q);
	tree = qpdf_oh_get_key(q, root, "/Pages");
	kids = qpdf_oh_get_key(q, tree, "/Kids");
	if (!qpdf_oh_is_array(q, kids) || qpdf_oh_get_array_n_items(q, kids) != n) {
		msg_error(in, 0, "qpdf: the page tree is not one flat list of %d pages", n);
		goto out;
	}
	arr = qpdf_oh_new_array(q);
	for (int i = 0; i < n; i++)
		qpdf_oh_append_item(q, arr, qpdf_get_page_n(q, (size_t)order[i]));
	qpdf_oh_replace_key(q, tree, "/Kids", arr);
	qpdf_update_all_pages_cache(q);
	if (qpdf_failed(q, in))
		goto out;
	if (front_pages > 0 && front_pages < n)
		snprintf(labels, sizeof(labels),
		    "<< /Nums [ 0 << /S /r >> %d << /S /D >> ] >>", front_pages);
	else
		snprintf(labels, sizeof(labels), "<< /Nums [ 0 << /S /r >> ] >>");
	qpdf_oh_replace_key(q, root, "/PageLabels", qpdf_oh_parse(q, labels));
	/* The front matter's structure elements go first in reading order. */
	st = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	k = qpdf_oh_get_key(q, st, "/K");
	doc = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, 0) : k;
	kids = qpdf_oh_get_key(q, doc, "/K");
	if (qpdf_oh_is_array(q, kids)) {
		int nk = qpdf_oh_get_array_n_items(q, kids), nelem = 0, seen = 0;
		for (int i = 0; i < nk; i++)
			nelem += qpdf_oh_is_dictionary(q, qpdf_oh_get_array_item(q, kids, i));
		arr = qpdf_oh_new_array(q);
		for (int i = 0; i < nk; i++) {
			qpdf_oh x = qpdf_oh_get_array_item(q, kids, i);
			if (qpdf_oh_is_dictionary(q, x) && seen++ >= nelem - nfront)
				qpdf_oh_append_item(q, arr, x);
		}
		seen = 0;
		for (int i = 0; i < nk; i++) {
			qpdf_oh x = qpdf_oh_get_array_item(q, kids, i);
			if (!qpdf_oh_is_dictionary(q, x) || seen++ < nelem - nfront)
				qpdf_oh_append_item(q, arr, x);
		}
		qpdf_oh_replace_key(q, doc, "/K", arr);
	}
	/* Dates from the archive's snapshot, in PDF's form, whatever the time zone. */
	date_pdf(date, pdfdate);
	info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (qpdf_oh_is_dictionary(q, info)) {
		qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, pdfdate));
		qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, pdfdate));
	}
	if (qpdf_failed(q, in))
		goto out;
	/* The C API keeps every handle it gave out (several per page and per structure element)
	 * until told otherwise: none is needed past this point. */
	qpdf_oh_release_all(q);
	if (outfile_open(&out, dest) != 0)
		goto out;
	qpdf_init_write(q, out.tmp);
	if (qpdf_failed(q, dest))
		goto out;
	/* Cairo's streams are compressed already: copied as they are, neither inflated nor
	 * deflated again. Every other object goes into compressed object streams: the file is
	 * a third smaller than without them, for about 0.07 s more per 400 pages. */
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_preserve_unreferenced_objects(q, QPDF_FALSE);
	qpdf_set_qdf_mode(q, QPDF_FALSE);
	qpdf_set_linearization(q, QPDF_FALSE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_write(q);
	if (qpdf_failed(q, dest))
		goto out;
	/* qpdf is done with the file before it is renamed. */
	qpdf_cleanup(&q);
	rc = outfile_commit(&out);
out:
	outfile_abort(&out);
	if (q)
		qpdf_cleanup(&q);
	return rc;
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
	if (ar->description)
		pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_SUBJECT, ar->description);
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
	/* Replaced by qpdf with the snapshot date in PDF's form; fixed here so that cairo does
	 * not read the clock. */
	pdf_dev_metadata(p->dev, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
	buf_free(&kw);
	strset_free(&seen);
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
	p->fd_body = face(st, st->font_body, st->size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
	p->fd_italic = face(st, st->font_body, st->size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
	p->fd_head = face(st, st->font_heading, st->h1_size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
	p->fd_mono = face(st, st->font_mono, st->code_size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
	p->fd_small = face(st, st->font_heading, st->small_size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_NORMAL);
	p->fd_caption = face(st, st->font_heading, st->small_size, PANGO_WEIGHT_NORMAL,
	    PANGO_STYLE_ITALIC);
	p->hyph = hyph_new(NULL);
	p->tw = st->page_w - st->margin_inner - st->margin_outer;
	p->bh = st->page_h - st->margin_top - st->margin_bottom;
	p->lh = st->size * st->leading;
	rgb(st->text_color, p->look.text);
	rgb(st->accent_color, p->look.accent);
	for (int i = 0; i < 3; i++) {
		p->look.rule[i] = 0.55 * p->look.text[i] + 0.45;
		p->look.shade[i] = 0.94;
	}
	p->look.page_w = st->page_w;
	p->look.page_h = st->page_h;
	p->look.keep_meta = p->opt->keep_meta;
	p->capframes = 16;
	p->frames = xcalloc(p->capframes, sizeof(*p->frames));
	p->nframes = 1;
	p->start_page = xcalloc(p->ar->narticles + 1, sizeof(*p->start_page));
	return 0;
}

/* Frees what setup and the drawing made and zeroes p: a second call does nothing. */
static void
teardown(struct pdf *p)
{
	pdf_flow_free(&p->flow);
	for (size_t i = 0; i < p->npool; i++)
		g_object_unref(p->pool[i]);
	for (int i = 0; i < 2; i++) {
		if (p->heads[i])
			g_object_unref(p->heads[i]);
		free(p->head_text[i]);
	}
	free(p->pool);
	PangoFontDescription *fds[] = {p->fd_body, p->fd_italic, p->fd_head, p->fd_mono,
	    p->fd_small, p->fd_caption};
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i])
			pango_font_description_free(fds[i]);
	set_free(p->set);
	if (p->ctx)
		g_object_unref(p->ctx);
	fonts_free(p->fonts);
	hyph_free(p->hyph);
	pdf_dev_free(p->dev);
	strset_free(&p->ids);
	strset_free(&p->bad_photos);
	free(p->frames);
	free(p->start_page);
	free(p->label);
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
	p->dev = pdf_dev_new(&p->raw, &p->look);
	if (p->dev == NULL)
		goto fail;
	metadata(p);
	pdf_dev_outline(p->dev, CAIRO_PDF_OUTLINE_ROOT, "Contents", "contents", 0);
	p->group_outline = CAIRO_PDF_OUTLINE_ROOT;
	return p;
fail:
	pdf_free(p);
	return NULL;
}

int
pdf_article(void *ctx, const struct article *a, const struct node *body)
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
	article(p, idx, body, p->group_outline);
	p->pos++;
	return p->failed ? -1 : 0;
}

int
pdf_finish(void *ctx)
{
	struct pdf *p = ctx;
	int body_pages = 0, cpages, pad, front, *order = NULL, npages, failed, rc = -1;
	struct date date = p->ar->date;
	const char *dest = p->dest;

	if (p->ls.used) {
		body_pages = p->ls.page + 1;
		end_body_page(p, pdf_dev_page(p->dev));
	}
	/* Then the front matter: title page, its verso, the contents, and a blank page that
	 * makes the body start on a recto. The blank is drawn first so that cairo keeps it. */
	cpages = contents_set(p);
	pad = cpages % 2;
	if (pad)
		end_page(p, NULL, 0);
	title_pages(p);
	contents_draw(p, 2, cpages);
	if (pdf_dev_finish(p->dev) != 0) {
		p->dev = NULL;
		return -1;
	}
	p->dev = NULL;
	/* Drawn: body, [blank], title, verso, contents. Final: title, verso, contents,
	 * [blank], body. */
	front = 2 + cpages + pad;
	npages = body_pages + front;
	order = xcalloc((size_t)npages, sizeof(*order));
	{
		int k = 0, fs = body_pages + pad;
		for (int i = 0; i < 2 + cpages; i++)
			order[k++] = fs + i;
		if (pad)
			order[k++] = body_pages;
		for (int i = 0; i < body_pages; i++)
			order[k++] = i;
	}
	/* Pango, the fonts and the hyphenator are done with: their memory goes back before qpdf
	 * takes its own. */
	failed = p->failed;
	{
		struct buf raw = p->raw;
		const struct archive *ar = p->ar;
		const struct toc *toc = p->toc;
		const struct options *opt = p->opt;
		p->raw = (struct buf){0};
		teardown(p);
		p->ar = ar;
		p->toc = toc;
		p->opt = opt;
		p->raw = raw;
	}
	if (!failed && finish(&p->raw, dest, order, npages, 2, front, &date) == 0)
		rc = 0;
	buf_free(&p->raw);
	free(order);
	return rc;
}

void
pdf_free(void *ctx)
{
	struct pdf *p = ctx;

	if (p == NULL)
		return;
	teardown(p);
	buf_free(&p->raw);
	free(p);
}
