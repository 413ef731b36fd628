/* The PDF writer's flow: an article's head and body blocks set as boxes to paginate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "archive.h"
#include "date.h"
#include "image.h"
#include "l10n.h"
#include "msg.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "pdf_layout.h"
#include "pdf_set.h"
#include "style.h"
#include "util.h"

/* Deepest nesting whose indent still grows; deeper blocks keep the last indent. */
#define MAX_INDENT_DEPTH 8

/* The alignment of a paragraph's start side. */
static PangoAlignment
start_align(const struct pdf *p)
{
	return p->cur.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Takes the space owed to a block starting now: the larger of its own and the last block's. */
double
pdf_space(struct pdf *p, double before)
{
	double s = p->cur.pending > before ? p->cur.pending : before;

	p->cur.pending = 0;
	return s;
}

static struct frame *
top(struct pdf *p)
{
	return &p->cur.frames[p->cur.nframes - 1];
}

double
pdf_column_width(const struct pdf *p)
{
	return p->cols > 1 ? (p->tw - p->col_gap) / 2 : p->tw;
}

/* The measure of the current frame's blocks: the column's width (the text block's with one
 * column), less the frame's indents. */
static double
measure(const struct pdf *p, const struct frame *fr)
{
	return p->cw - fr->start - fr->end;
}

/* Does line ln of par end with the first half of a word cut at a hyphen (one set at a
 * hyphenation point, or the word's own)? */
static int
line_hyphen(const struct set_par *par, const struct set_line *ln)
{
	int e = ln->end;

	while (e > ln->start && (par->text[e - 1] == ' ' || par->text[e - 1] == '\n'))
		e--;
	if (e - ln->start >= 2 && (unsigned char)par->text[e - 2] == 0xc2 &&
	    (unsigned char)par->text[e - 1] == 0xad)
		return 1;
	if (e - ln->start >= 3 && memcmp(par->text + e - 3, "\xe2\x80\x90", 3) == 0)
		return 1;
	/* A hyphen between two letters, not a dash standing alone. */
	return e - ln->start >= 2 && par->text[e - 1] == '-' && par->text[e - 2] != ' ' &&
	    par->text[e - 2] != '-';
}

/* The x of a block of width w with the given indents, mirrored for right-to-left articles. */
static double
block_x(const struct pdf *p, const struct frame *fr)
{
	return p->cur.rtl ? fr->end : fr->start;
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
	return p->cur.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_NEUTRAL;
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
		if (p->cur.marker && k == 0) {
			int mw, mh;
			pango_layout_get_size(p->cur.marker, &mw, &mh);
			it->marker = p->cur.marker;
			it->marker_snode = p->cur.marker_snode;
			it->marker_x = p->cur.rtl ? x + w + p->st->sp.label_gap :
			    x - p->st->sp.label_gap - (double)mw / PANGO_SCALE;
			p->cur.marker = NULL;
		}
		p->flow.boxes[p->flow.n - 1].keep_next = keep_all ? 1 : 0;
		p->flow.boxes[p->flow.n - 1].hyphen = k + 1 < par->nlines && line_hyphen(par, ln);
	}
	if (!keep_all)
		layout_keep_lines(&p->flow.boxes[first], p->flow.n - first);
	return first;
}

/* A paragraph longer than this many bytes is set in pieces of about this size, each cut at a
 * line break or a space (a Knuth-Plass paragraph holds all its lines until it is set). */
#define PIECE_BYTES 16384

/* An attribute or link waiting for the pieces it reaches into. */
struct piece_span {
	int start, end;
	const PangoAttribute *attr; /* or NULL for a link */
	char *link;             /* a link's attributes (owned until handed to the flow) */
};

/* Where the piece of text[at, len) ends: at most PIECE_BYTES on, after its last line break or
 * else space in the second half, else at a character boundary. */
static size_t
piece_end(const char *text, size_t at, size_t len)
{
	size_t max = at + PIECE_BYTES, k;

	if (len <= max)
		return len;
	for (k = max; k > at + PIECE_BYTES / 2; k--)
		if (text[k] == '\n')
			return k;
	for (k = max; k > at + PIECE_BYTES / 2; k--)
		if (text[k] == ' ')
			return k;
	for (k = max; k > at && ((unsigned char)text[k] & 0xc0) == 0x80; k--)
		;
	return k;
}

/* Adds the part of span sp inside [at, cut) to the piece's attributes or links, shifted to the
 * piece. Returns 1 when the span goes on past the piece. */
static int
piece_span(struct pdf *p, struct piece_span *sp, size_t at, size_t cut, PangoAttrList *attrs)
{
	int s = sp->start > (int)at ? sp->start : (int)at;
	int e = sp->end < (int)cut ? sp->end : (int)cut;
	int more = sp->end > (int)cut;

	if (e > s) {
		if (sp->attr) {
			PangoAttribute *a = pango_attribute_copy(sp->attr);
			pdf_put_attr(attrs, a, (size_t)s - at, (size_t)e - at);
		} else {
			pdf_add_link(p, s - (int)at, e - (int)at, more ? xstrdup(sp->link) : sp->link);
			if (!more)
				sp->link = NULL;
		}
	}
	if (!more && sp->link) {
		free(sp->link);
		sp->link = NULL;
	}
	return more;
}

/* Sets text (len bytes) as line boxes like add_lines, with the attributes attrs and the flow's
 * links from index links on (both byte ranges of text, unbound): in one paragraph, or, when
 * longer than PIECE_BYTES, in pieces of that size, the flow drawn between them (pdf_piece).
 * The first line gets the indent, the space sp, the named destination dest and pad_first more
 * height; the pieces share the structure element snode. */
static void
set_lines(struct pdf *p, const char *text, size_t len, PangoAttrList *attrs, size_t links,
          const PangoFontDescription *fd, double w, int justify, double indent, PangoDirection dir,
          double x, double lh, double sp, int snode, int keep_all, double bar, int shade,
          const char *dest, double pad_first)
{
	struct piece_span *spans = NULL, **active = NULL;
	size_t nspans = 0, nactive = 0, next = 0, at = 0, first;
	GSList *all = NULL;
	const struct set_par *par;

	if (len <= PIECE_BYTES) {
		par = set_text(p, text, (int)len, attrs, fd, w, justify, indent, dir);
		pdf_bind_links(p, links, par);
		first = add_lines(p, par, x, w, lh, sp, snode, keep_all, bar, shade);
		p->flow.items[first].dest = dest;
		p->flow.boxes[first].height += pad_first;
		p->flow.items[first].baseline += pad_first;
		return;
	}
	/* The attributes and links in text order, to be dealt out to the pieces. */
	if (attrs)
		all = pango_attr_list_get_attributes(attrs);
	nspans = g_slist_length(all) + (p->flow.nlinks - links);
	spans = xcalloc(nspans + 1, sizeof(*spans));
	active = xcalloc(nspans + 1, sizeof(*active));
	{
		size_t k = 0, li = links;
		GSList *a = all;
		/* Merge the two lists, each sorted by start. */
		while (a || li < p->flow.nlinks) {
			const PangoAttribute *pa = a ? a->data : NULL;
			if (pa && (li == p->flow.nlinks || (int)pa->start_index <= p->flow.links[li].start)) {
				spans[k++] = (struct piece_span){(int)pa->start_index,
				    pa->end_index > len ? (int)len : (int)pa->end_index, pa, NULL};
				a = a->next;
			} else {
				spans[k++] = (struct piece_span){p->flow.links[li].start,
				    p->flow.links[li].end, NULL, p->flow.links[li].attrs};
				li++;
			}
		}
		p->flow.nlinks = links;
	}
	while (at < len) {
		size_t cut = piece_end(text, at, len), keep = 0, nl = p->flow.nlinks;
		PangoAttrList *pa = pango_attr_list_new();
		/* What reaches into this piece: the spans still open, then those starting in it. */
		for (size_t k = 0; k < nactive; k++)
			if (piece_span(p, active[k], at, cut, pa))
				active[keep++] = active[k];
		nactive = keep;
		for (; next < nspans && spans[next].start < (int)cut; next++)
			if (piece_span(p, &spans[next], at, cut, pa))
				active[nactive++] = &spans[next];
		par = set_text(p, text + at, (int)(cut - at), pa, fd, w, justify, at ? 0 : indent, dir);
		pango_attr_list_unref(pa);
		pdf_bind_links(p, nl, par);
		first = add_lines(p, par, x, w, lh, at ? 0 : sp, snode, keep_all, bar, shade);
		if (at == 0) {
			p->flow.items[first].dest = dest;
			p->flow.boxes[first].height += pad_first;
			p->flow.items[first].baseline += pad_first;
		}
		/* The space or line break the cut fell on is not set. */
		at = cut < len && (text[cut] == ' ' || text[cut] == '\n') ? cut + 1 : cut;
		if (at < len)
			pdf_piece(p);
	}
	for (size_t k = 0; k < nspans; k++)
		free(spans[k].link);
	g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
	free(spans);
	free(active);
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
	PangoAttrList *attrs = pdf_inlines(p, blk, hyph, &text);
	double w = measure(p, fr);

	if (text.len == 0) {
		pango_attr_list_unref(attrs);
		buf_free(&text);
		return;
	}
	/* No tag: the text belongs to the container (an item's only paragraph). */
	set_lines(p, text.data, text.len, attrs, links, fd, w, justify, indent, par_dir(p),
	    block_x(p, fr), lh, pdf_space(p, sp),
	    tag ? pdf_flow_snode(&p->flow, tag, fr->snode) : fr->snode, keep_all, fr->bar, 0, dest, 0);
	pango_attr_list_unref(attrs);
	buf_free(&text);
}

/* Sets plain text (not from the model) as line boxes. */
size_t
pdf_plain_block(struct pdf *p, const char *text, const PangoFontDescription *fd, double lh,
            double sp, int snode, int keep_all, PangoAttrList *attrs)
{
	struct frame *fr = top(p);
	double w = measure(p, fr);
	const struct set_par *par = set_text(p, text, -1, attrs, fd, w, 0, 0, par_dir(p));

	return add_lines(p, par, block_x(p, fr), w, lh, pdf_space(p, sp), snode, keep_all, -1, 0);
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
void
pdf_figure(struct pdf *p, const char *url, const char *alt, unsigned line, const struct node *cap,
       const char *cap_text, int has_image)
{
	struct frame *fr = top(p);
	double w = measure(p, fr), x = block_x(p, fr);
	double max_h = p->st->image_max_height * p->bh;
	double iw = 0, ih = 0, cap_h = 0, gap = p->st->sp.caption_gap;
	int wide = 0;
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
			path = xstrdup(url);
			if (archive_photo_probe(p->ar, url, &info, &why) != 0) {
				/* Once a document, in reading order, whatever thread set it. */
				char *key = xasprintf("probe:%s", url);
				msg_warn_once(key, p->cur.label, line, "image unusable (%s): %s",
				    why ? why : "?", url);
				free(key);
				strset_add(&p->bad_photos, url, 0);
				free(path);
				path = NULL;
			} else {
				/* With two columns a photo wider than tall spans them, at the text
				 * block's width, outside any list or quote; others fit a column. */
				if (p->cols > 1 && info.width > info.height) {
					wide = 1;
					w = p->tw;
					x = 0;
				}
				photo_size(info.width, info.height, w, max_h, &iw, &ih);
			}
		}
		if (path == NULL) {
			iw = w;
			ih = p->st->sp.placeholder_h;
		}
		/* The placeholder's text, also for a photo that may yet fail to decode when drawn
		 * (Pango sets it only if it is drawn). */
		{
			PangoAttrList *aa = pango_attr_list_new();
			char *t = xasprintf("[Image%s%s]", alt && *alt ? ": " : "", alt ? alt : "");
			pdf_put_attr(aa, pango_attr_style_new(PANGO_STYLE_ITALIC), 0, strlen(t));
			al = pdf_pool_layout(p, t, -1, aa, p->fd.small, iw - 12, PANGO_ALIGN_CENTER, 0, 0);
			pango_layout_set_height(al, pango_units_from_double(ih - 8));
			pango_layout_set_ellipsize(al, PANGO_ELLIPSIZE_END);
			pango_attr_list_unref(aa);
			free(t);
		}
	}
	if (cap || (cap_text && *cap_text)) {
		PangoAttrList *attrs;
		if (cap)
			attrs = pdf_inlines(p, cap, 0, &text);
		else {
			attrs = pango_attr_list_new();
			buf_puts(&text, cap_text);
		}
		if (text.len) {
			cl = pdf_pool_layout(p, text.data, (int)text.len, attrs,
			    has_image ? p->fd.caption : p->fd.italic, w, PANGO_ALIGN_CENTER, 0, 0);
			int lw, lhh;
			pango_layout_get_size(cl, &lw, &lhh);
			cap_h = (double)lhh / PANGO_SCALE;
			pdf_bind_links(p, links, cl);
			cs = pdf_flow_snode(&p->flow, "Caption", fig);
		}
		pango_attr_list_unref(attrs);
	}
	buf_free(&text);
	if (!has_image && cl == NULL)
		return;
	it = pdf_flow_add(&p->flow, ih + (cl && ih > 0 ? gap : 0) + cap_h, pdf_space(p, p->st->sp.figure));
	it->kind = PDF_ITEM_FIGURE;
	it->snode = fig;
	it->x = x;
	it->w = w;
	it->path = pdf_flow_keep(&p->flow, path);
	it->url = url;
	it->label = p->cur.label;
	it->line_no = line;
	it->alt = al;
	it->img_w = has_image ? iw : 0;
	it->img_h = has_image ? ih : 0;
	it->cap_y = ih > 0 ? ih + gap : 0;
	it->layout = cl;
	it->cap_snode = cs;
	p->flow.boxes[p->flow.n - 1].floating = has_image ? 1 : 0;
	p->flow.boxes[p->flow.n - 1].span = wide;
	p->cur.pending = p->st->sp.figure;
	fr->prev_para = 0;
}

/* Adds a code block: monospace lines on a shaded band, wrapped, never justified. */
static void
code_block(struct pdf *p, const struct node *n)
{
	struct frame *fr = top(p);
	const struct style_space *sp = &p->st->sp;
	double w = measure(p, fr) - 2 * sp->code_inset;
	double lh = p->st->code_size * sp->code_leading, pad = sp->code_pad;
	size_t len = n->text ? strlen(n->text) : 0;
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
	ps = pdf_flow_snode(&p->flow, "P", fr->snode);
	set_lines(p, text.data, text.len, NULL, p->flow.nlinks, p->fd.mono, w, 0, 0,
	    PANGO_DIRECTION_LTR, block_x(p, fr) + sp->code_inset, lh, pdf_space(p, sp->code),
	    pdf_flow_snode(&p->flow, "Code", ps), 0, fr->bar, 1, NULL, pad);
	buf_free(&text);
	p->flow.boxes[p->flow.n - 1].height += pad;
	p->cur.pending = sp->code;
	fr->prev_para = 0;
}

static void
rule(struct pdf *p, double x, double w, double h, double sp)
{
	struct pdf_item *it = pdf_flow_add(&p->flow, h, pdf_space(p, sp));

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
	double w = measure(p, fr), pad = p->st->sp.cell_pad, sp;
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
	/* Natural widths, measured without wrapping; the links this pass records are dropped. */
	for (const struct node *r = n->first; r; r = r->next) {
		size_t links = p->flow.nlinks;
		size_t c = 0;
		for (const struct node *cell = r->first; cell; cell = cell->next, c++) {
			PangoAttrList *attrs = pdf_inlines(p, cell, 0, &text);
			PangoLayout *l = pdf_pool_layout(p, text.data ? text.data : "", (int)text.len, attrs,
			    p->fd.small, -1, PANGO_ALIGN_LEFT, 0, 0);
			int lw, lhh;
			pango_layout_get_size(l, &lw, &lhh);
			double v = (double)lw / PANGO_SCALE + 2 * pad + 1;
			if (cell->header)
				v *= 1.08;
			if (v > nat[c])
				nat[c] = v;
			pango_attr_list_unref(attrs);
			p->pool.used--;
		}
		while (p->flow.nlinks > links) {
			free(p->flow.links[--p->flow.nlinks].attrs);
			p->cur.nlinks--;
		}
	}
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
	sp = pdf_space(p, p->st->sp.table);
	for (const struct node *r = n->first; r; r = r->next) {
		int rs = pdf_flow_snode(&p->flow, "TR", ts);
		struct pdf_cell *cells = xcalloc(ncols, sizeof(*cells));
		double x = 0, h = 0;
		size_t c = 0;
		int header = 1;
		for (const struct node *cell = r->first; cell; cell = cell->next, c++) {
			size_t links = p->flow.nlinks;
			PangoAttrList *attrs = pdf_inlines(p, cell, 1, &text);
			PangoLayout *l;
			int lw, lhh;
			if (cell->header)
				pdf_put_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0, text.len);
			l = pdf_pool_layout(p, text.data ? text.data : "", (int)text.len, attrs, p->fd.small,
			    cw[c] - 2 * pad, start_align(p), 0, 0);
			pango_attr_list_unref(attrs);
			pdf_bind_links(p, links, l);
			pango_layout_get_size(l, &lw, &lhh);
			if ((double)lhh / PANGO_SCALE + 2 * pad > h)
				h = (double)lhh / PANGO_SCALE + 2 * pad;
			cells[c].layout = l;
			cells[c].x = p->cur.rtl ? w - x - cw[c] : x;
			cells[c].w = cw[c];
			cells[c].header = cell->header;
			cells[c].snode = pdf_flow_snode(&p->flow, cell->header ? "TH" : "TD", rs);
			header &= cell->header;
			x += cw[c];
		}
		for (; c < ncols; c++) {
			cells[c].x = p->cur.rtl ? w - x - cw[c] : x;
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
		/* A long table is drawn in pieces too, between its rows. */
		pdf_piece(p);
	}
	buf_free(&text);
	free(nat);
	free(cw);
	p->cur.pending = p->st->sp.table;
	fr->prev_para = 0;
}

/* Pushes a frame for a container block and returns it. */
static struct frame *
push(struct pdf *p, const struct node *n)
{
	if (p->cur.nframes == p->cur.capframes) {
		p->cur.capframes = p->cur.capframes ? 2 * p->cur.capframes : 16;
		p->cur.frames = xrealloc(p->cur.frames, p->cur.capframes * sizeof(*p->cur.frames));
	}
	p->cur.frames[p->cur.nframes] = p->cur.frames[p->cur.nframes - 1];
	p->cur.nframes++;
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
		return p->st->sp.bullet_w;
	for (const struct node *i = list->first; i; i = i->next)
		count++;
	snprintf(s, sizeof(s), "%d.", list->start + (count > 0 ? count - 1 : 0));
	PangoLayout *l = pdf_pool_layout(p, s, -1, NULL, p->fd.body, -1, PANGO_ALIGN_LEFT, 0, 0);
	pango_layout_get_size(l, &lw, &lhh);
	p->pool.used--;
	w = (double)lw / PANGO_SCALE + p->st->sp.number_gap;
	return w > p->st->sp.number_w ? w : p->st->sp.number_w;
}

/* Enters a container block. */
static void
enter(struct pdf *p, const struct node *n)
{
	struct frame *parent, *fr;
	const struct style_space *sp = &p->st->sp;
	int deeper;

	/* Room for the new frame first: push must not move the parent. */
	if (p->cur.nframes == p->cur.capframes) {
		p->cur.capframes *= 2;
		p->cur.frames = xrealloc(p->cur.frames, p->cur.capframes * sizeof(*p->cur.frames));
	}
	parent = top(p);
	deeper = parent->depth < MAX_INDENT_DEPTH;
	switch (n->type) {
	case NODE_QUOTE:
		p->cur.pending = pdf_space(p, sp->quote);
		fr = push(p, n);
		fr->snode = pdf_flow_snode(&p->flow, "BlockQuote", parent->snode);
		if (deeper) {
			fr->bar = p->cur.rtl ? p->cw - fr->end - sp->quote_rule : fr->start + sp->quote_rule;
			fr->start += sp->quote_start;
			fr->end += sp->quote_end;
			fr->depth++;
		}
		break;
	case NODE_LIST:
		p->cur.pending = pdf_space(p, sp->list);
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
			p->cur.pending = pdf_space(p, sp->item);
		fr = push(p, n);
		int li = pdf_flow_snode(&p->flow, "LI", parent->snode);
		if (parent->ordered)
			snprintf(s, sizeof(s), "%d.", parent->number++);
		else
			snprintf(s, sizeof(s), "%s", bullets[(parent->bullet - 1) % 3]);
		p->cur.marker = pdf_pool_layout(p, s, -1, NULL, p->fd.body, -1, PANGO_ALIGN_LEFT, 0, 0);
		p->cur.marker_snode = pdf_flow_snode(&p->flow, "Lbl", li);
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
	if (n->type == NODE_ITEM && p->cur.marker) {
		/* An empty item: its label stands alone. */
		struct frame *fr = top(p);
		const struct set_par *par = set_text(p, " ", 1, NULL, p->fd.body,
		    measure(p, fr), 0, 0, par_dir(p));
		add_lines(p, par, block_x(p, fr), measure(p, fr), p->lh, pdf_space(p, 0),
		    fr->snode, 0, fr->bar, 0);
	}
	p->cur.nframes--;
	if (n->type == NODE_QUOTE)
		p->cur.pending = p->st->sp.quote;
	else if (n->type == NODE_LIST)
		p->cur.pending = p->st->sp.list;
	top(p)->prev_para = 0;
}

/* Adds a heading, its destination and its outline entry. */
static void
heading(struct pdf *p, const struct node *n)
{
	static const char *const tags[] = {"H2", "H3", "H4", "H5", "H6", "H6"};
	int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
	double size = level == 1 ? p->st->h1_size : level == 2 ? p->st->h2_size : p->st->h3_size;
	PangoFontDescription *fd = pango_font_description_copy(p->fd.head);
	const char *dest = NULL;
	size_t first = p->flow.n;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (n->id)
		dest = pdf_flow_keep(&p->flow, xasprintf("%s/%s", p->cur.a->id, n->id));
	text_block(p, n, fd, size * p->st->sp.heading_leading,
	    level == 1 ? p->st->sp.h1_before : p->st->sp.heading_before,
	    tags[level - 1], 0, 0, 0, 1, dest);
	pango_font_description_free(fd);
	if (p->flow.n > first && dest && level <= 2) {
		char *t = node_text(n);
		int parent = level == 1 || p->cur.outline_h1 == 0 ? p->cur.outline_article : p->cur.outline_h1;
		int id = pdf_outline_add(p, parent, t, dest);
		if (level == 1)
			p->cur.outline_h1 = id;
		free(t);
	}
	p->cur.pending = p->st->sp.heading_after;
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
		double sp = spacing && n->prev && !fr->tight ? p->st->sp.para : 0;
		if (fr->n && fr->n->type == NODE_ITEM && fr->n->parent && fr->n->parent->tight)
			sp = 0;
		else if (fr->n && fr->n->type == NODE_ITEM && n->prev)
			sp = p->st->sp.item;
		text_block(p, n, p->fd.body, p->lh, sp,
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
		rule(p, block_x(p, fr) + (measure(p, fr)) * (1 - p->st->sp.rule_w) / 2,
		    (measure(p, fr)) * p->st->sp.rule_w, p->st->sp.rule_h,
		    pdf_space(p, p->st->sp.rule));
		p->cur.pending = p->st->sp.rule;
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
		pdf_figure(p, img ? img->url : NULL, img ? img->text : NULL, img ? img->line : n->line,
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
		text_block(p, n->parent, p->fd.body, p->lh, 0, "P", p->st->hyphenate,
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

/* Walks an article body: containers are entered and left, every other block is set whole. */
void
pdf_body(struct pdf *p, const struct node *root)
{
	struct node_iter it;
	enum node_ev ev;

	node_iter_init(&it, root);
	while ((ev = node_iter_next(&it)) != NODE_EV_DONE) {
		const struct node *n = it.node;
		if (n == root)
			continue;
		if (container(n)) {
			if (ev == NODE_EV_ENTER)
				enter(p, n);
			else
				leave(p, n);
			continue;
		}
		/* Stray inlines: the whole run of them once, as one paragraph. */
		if (node_is_block(n->type) || n->prev == NULL || node_is_block(n->prev->type)) {
			size_t from = p->flow.n;
			int in = p->cur.nframes > 1;
			block(p, n);
			/* Boxes that go on a list or quote begun above them. */
			for (size_t k = from; k < p->flow.n; k++) {
				p->flow.boxes[k].inside = in && p->cur.last_inside;
				p->cur.last_inside = in;
			}
			pdf_piece(p);
		}
		/* The block is set: the walk goes on past its children. */
		it.ev = NODE_EV_EXIT;
	}
}

/* Sets an article's heading block: title, byline, date, source. */
void
pdf_article_head(struct pdf *p, const struct article *a, int art)
{
	char longd[80];
	size_t first = p->flow.n;
	int meta = -1;
	double sp = p->opt->run_on ? p->st->sp.run_on : 0;
	const struct l10n *l = p->st->l10n;
	const char *lang = p->cur.lang;
	const char *title = a->title && *a->title ? a->title : l10n_label(l, lang, L10N_UNTITLED);
	size_t i;

	p->cur.pending = 0;
	p->cur.last_inside = 0;
	/* The head is set across the text block, over both columns. */
	p->cw = p->tw;
	i = pdf_plain_block(p, title, p->fd.head, p->st->title_size * p->st->sp.title_leading, sp,
	    pdf_flow_snode(&p->flow, "H1", art), 1, NULL);
	p->flow.items[i].dest = a->id;
	p->cur.pending = p->st->sp.head_gap;
	/* Byline, date and source: one paragraph of three lines, in the article's language. */
	{
		struct buf t = {0};
		PangoAttrList *attrs = pango_attr_list_new();
		size_t links = p->flow.nlinks;
		if (a->nauthors) {
			char *by = l10n_byline(l, lang, a->authors, a->nauthors);
			buf_puts(&t, by);
			free(by);
		}
		/* In right-to-left text a date is isolated (U+2068 ... U+2069: its own direction,
		 * left to right for "20 November 2019"), or its day moves to the end; so is a URL
		 * (U+2066: always left to right). */
		int rtl = a->dir == DIR_RTL;
		const char *fsi = rtl ? "\u2068" : "", *lri = rtl ? "\u2066" : "";
		const char *pdi = rtl ? "\u2069" : "";
		if (a->date.year) {
			l10n_date(l, lang, &a->date, longd, sizeof(longd));
			buf_printf(&t, "%s%s%s%s", t.len ? "\n" : "", fsi, longd, pdi);
		}
		if (a->source && *a->source) {
			/* The label's text around its %s, and the source, isolated, in its place. */
			const char *label = l10n_label(l, lang, L10N_SOURCE);
			const char *mark = strstr(label, "%s");
			buf_puts(&t, t.len ? "\n" : "");
			buf_put(&t, label, (size_t)(mark - label));
			buf_puts(&t, lri);
			size_t at = t.len;
			buf_puts(&t, a->source);
			size_t end = t.len;
			buf_puts(&t, pdi);
			buf_puts(&t, mark + 2);
			if (startswith(a->source, "http://") || startswith(a->source, "https://")) {
				char *q = pdf_quote(a->source);
				pdf_put_attr(attrs, pango_attr_foreground_new(
				    (guint16)(p->look.accent[0] * 65535),
				    (guint16)(p->look.accent[1] * 65535),
				    (guint16)(p->look.accent[2] * 65535)), at, end);
				pdf_add_link(p, (int)at, (int)end, xasprintf("uri='%s'", q));
				free(q);
			}
			if (a->captured.year) {
				char cap[32];
				date_long(&a->captured, cap);
				buf_printf(&t, ", captured %s%s%s", lri, cap, pdi);
			}
		}
		if (t.len) {
			meta = pdf_flow_snode(&p->flow, "P", art);
			i = pdf_plain_block(p, t.data, p->fd.small, p->st->small_size * p->st->sp.byline_leading, 0,
			    meta, 1,
			    attrs);
			pdf_bind_links(p, links, p->flow.items[i].par);
		}
		pango_attr_list_unref(attrs);
		buf_free(&t);
	}
	rule(p, 0, p->tw, p->st->sp.head_rule_h, p->st->sp.head_rule);
	p->flow.boxes[p->flow.n - 1].keep_next = 1;
	for (i = first; i < p->flow.n; i++) {
		p->flow.boxes[i].keep_next = 1;
		p->flow.boxes[i].span = p->cols > 1;
	}
	p->cw = pdf_column_width(p);
	p->cur.pending = p->st->sp.head_after;
}
