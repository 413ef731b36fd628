/* The booklet writer: the PDF writer's reading-order file, imposed on printer sheets by qpdf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "booklet.h"
#include "impose.h"
#include "msg.h"
#include "outfile.h"
#include "pdf.h"
#include "util.h"

struct booklet {
	const struct options *opt;
	void *pdf;              /* the PDF writer, writing into reading.tmp */
	struct outfile reading; /* the reading-order PDF, a temporary beside dest */
	char *dest;
	int npages;             /* the reading-order pages, once finished */
};

void *
booklet_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
            const char *dest)
{
	struct booklet *b = xcalloc(1, sizeof(*b));

	b->opt = opt;
	b->dest = xstrdup(dest);
	if (outfile_open(&b->reading, dest) != 0)
		goto fail;
	b->pdf = pdf_new(opt, ar, toc, b->reading.tmp);
	if (b->pdf == NULL)
		goto fail;
	return b;
fail:
	booklet_free(b);
	return NULL;
}

int
booklet_article(void *ctx, const struct article *a, const struct node *body)
{
	struct booklet *b = ctx;

	return pdf_article(b->pdf, a, body);
}

int
booklet_finish(void *ctx)
{
	struct booklet *b = ctx;
	int blank_at, npages, rc;

	if (pdf_finish(b->pdf) != 0)
		return -1;
	npages = pdf_pages(b->pdf);
	blank_at = pdf_last_start(b->pdf);
	/* The PDF writer's memory goes back before qpdf reads its file. */
	pdf_free(b->pdf);
	b->pdf = NULL;
	rc = booklet_impose(b->reading.tmp, b->dest, &b->opt->booklet, blank_at);
	outfile_abort(&b->reading);
	if (rc == 0)
		b->npages = npages;
	return rc;
}

int
booklet_pages(const void *ctx)
{
	const struct booklet *b = ctx;

	return b->npages;
}

void
booklet_free(void *ctx)
{
	struct booklet *b = ctx;

	if (b == NULL)
		return;
	pdf_free(b->pdf);
	outfile_abort(&b->reading);
	free(b->dest);
	free(b);
}

/* Reports qpdf's error, if any, as about what. Returns 1 when there was one. */
static int
failed(qpdf_data q, const char *what, const char *prefix)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_error e = qpdf_get_error(q);
	msg_error(what, 0, "%sqpdf: %s", prefix, qpdf_get_error_full_text(q, e));
	return 1;
}

/* Reads a page's /MediaBox into box (llx, lly, urx, ury). Returns 0, or -1 when it has none
 * that is usable. */
static int
media_box(qpdf_data q, qpdf_oh page, double *box)
{
	qpdf_oh a = qpdf_oh_get_key(q, page, "/MediaBox");

	if (!qpdf_oh_is_array(q, a) || qpdf_oh_get_array_n_items(q, a) != 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		qpdf_oh x = qpdf_oh_get_array_item(q, a, i);
		if (!qpdf_oh_is_number(q, x))
			return -1;
		box[i] = qpdf_oh_get_numeric_value(q, x);
	}
	return box[2] > box[0] && box[3] > box[1] ? 0 : -1;
}

/* Turns page into a form XObject: its content stream itself (cairo writes one a page), given
 * the keys of a form, its data copied from the file as it is, never decoded. Its bounding box is
 * box grown by bleed all round. Returns 0, or -1 when the page has no single content stream. */
static int
page_form(qpdf_data q, qpdf_oh page, const double *box, double bleed, qpdf_oh *out)
{
	qpdf_oh form = qpdf_oh_get_key(q, page, "/Contents"), dict, res, group;
	char bbox[200];

	if (!qpdf_oh_is_stream(q, form))
		return -1;
	dict = qpdf_oh_get_dict(q, form);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/XObject"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Form"));
	snprintf(bbox, sizeof(bbox), "[%.4f %.4f %.4f %.4f]", box[0] - bleed, box[1] - bleed,
	    box[2] + bleed, box[3] + bleed);
	qpdf_oh_replace_key(q, dict, "/BBox", qpdf_oh_parse(q, bbox));
	res = qpdf_oh_get_key(q, page, "/Resources");
	qpdf_oh_replace_key(q, dict, "/Resources",
	    qpdf_oh_is_dictionary(q, res) ? res : qpdf_oh_new_dictionary(q));
	/* Cairo's pages are transparency groups; the form is the same group. */
	group = qpdf_oh_get_key(q, page, "/Group");
	if (qpdf_oh_is_dictionary(q, group))
		qpdf_oh_replace_key(q, dict, "/Group", group);
	*out = form;
	return 0;
}

/* Draws crop marks at the corners of the pair of pages' trim box, and dashed fold marks at the
 * spine, outside the bleed. */
static void
marks(struct buf *c, const struct impose_geom *g)
{
	double s = g->scale, off = g->bleed + IMPOSE_MARK_GAP * s, len = IMPOSE_MARK_LEN * s;
	double l = g->x0, r = g->x0 + 2 * g->page_w, b = g->y0, t = g->y0 + g->page_h;
	double fold = g->x0 + g->page_w;

	buf_puts(c, "q 0.25 w 1 1 1 1 K\n");
	for (int i = 0; i < 2; i++) {
		double y = i ? t : b, x = i ? r : l;
		/* Horizontal marks level with the bottom and top edges, out from both sides. */
		buf_printf(c, "%.3f %.3f m %.3f %.3f l S\n", l - off - len, y, l - off, y);
		buf_printf(c, "%.3f %.3f m %.3f %.3f l S\n", r + off, y, r + off + len, y);
		/* Vertical marks in line with the left and right edges, out from top and bottom. */
		buf_printf(c, "%.3f %.3f m %.3f %.3f l S\n", x, b - off - len, x, b - off);
		buf_printf(c, "%.3f %.3f m %.3f %.3f l S\n", x, t + off, x, t + off + len);
	}
	buf_printf(c, "[2 2] 0 d %.3f %.3f m %.3f %.3f l S %.3f %.3f m %.3f %.3f l S\nQ\n", fold,
	    b - off - len, fold, b - off, fold, t + off, fold, t + off + len);
}

/* Makes the sheet side s: the forms of its two pages placed side by side (each clipped to its
 * half, shifted toward the spine by the creep), the marks, the whole turned 180 degrees for
 * s->rotate. Returns the new page object, not yet in the page tree. */
static qpdf_oh
sheet_side(qpdf_data q, const struct impose_side *s, const qpdf_oh *forms, const double *box,
           const struct impose_geom *g, const struct booklet_opts *o)
{
	struct buf c = {0};
	qpdf_oh page, res, xo, stream;
	double shift = impose_shift(s, o->creep, o->thickness) * g->scale, bl = g->bleed;
	char name[32], boxes[200];

	xo = qpdf_oh_new_dictionary(q);
	if (s->rotate)
		buf_printf(&c, "-1 0 0 -1 %.4f %.4f cm\n", g->sheet_w, g->sheet_h);
	for (int slot = 0; slot < 2; slot++) {
		int p = s->page[slot];
		double x = g->x0 + slot * g->page_w, cx = slot ? x : x - bl;
		if (p < 0)
			continue;
		/* The half's clip reaches into the bleed at the top, bottom and fore-edge, not
		 * across the spine. */
		buf_printf(&c, "q %.4f %.4f %.4f %.4f re W n ", cx, g->y0 - bl, g->page_w + bl,
		    g->page_h + 2 * bl);
		x += slot ? -shift : shift;
		buf_printf(&c, "%.6f 0 0 %.6f %.4f %.4f cm /P%d Do Q\n", g->scale, g->scale,
		    x - box[0] * g->scale, g->y0 - box[1] * g->scale, p + 1);
		snprintf(name, sizeof(name), "/P%d", p + 1);
		qpdf_oh_replace_key(q, xo, name, forms[p]);
	}
	if (o->marks)
		marks(&c, g);
	stream = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)(c.data ? c.data : ""),
	    c.len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	buf_free(&c);
	res = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, res, "/XObject", xo);
	page = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, page, "/Type", qpdf_oh_new_name(q, "/Page"));
	snprintf(boxes, sizeof(boxes), "[0 0 %.4f %.4f]", g->sheet_w, g->sheet_h);
	qpdf_oh_replace_key(q, page, "/MediaBox", qpdf_oh_parse(q, boxes));
	if (o->marks || o->bleed > 0) {
		/* Where the sheet is cut, and how far its printing may reach past that. */
		double l = g->x0, b = g->y0, r = g->x0 + 2 * g->page_w, t = g->y0 + g->page_h;
		snprintf(boxes, sizeof(boxes), "[%.4f %.4f %.4f %.4f]", l, b, r, t);
		qpdf_oh_replace_key(q, page, "/TrimBox", qpdf_oh_parse(q, boxes));
		snprintf(boxes, sizeof(boxes), "[%.4f %.4f %.4f %.4f]", l - bl, b - bl, r + bl,
		    t + bl);
		qpdf_oh_replace_key(q, page, "/BleedBox", qpdf_oh_parse(q, boxes));
	}
	qpdf_oh_replace_key(q, page, "/Resources", res);
	qpdf_oh_replace_key(q, page, "/Contents", stream);
	return qpdf_make_indirect_object(q, page);
}

/* qpdf does not check the flush and close of its output. Returns 0 when the file at path ends
 * as qpdf ends a PDF, or -1 after an error message naming dest. */
static int
ends_whole(const char *path, const char *dest)
{
	static const char end[] = "%%EOF\n";
	char tail[sizeof(end) - 1];
	FILE *f = fopen(path, "rb");
	int ok = f && fseek(f, -(long)sizeof(tail), SEEK_END) == 0 &&
	    fread(tail, 1, sizeof(tail), f) == sizeof(tail) && memcmp(tail, end, sizeof(tail)) == 0;

	if (f)
		fclose(f);
	if (ok)
		return 0;
	msg_error(dest, 0, "cannot write: the file was cut short (is the disk full?)");
	return -1;
}

int
booklet_impose(const char *in, const char *dest, const struct booklet_opts *o, int blank_at)
{
	/* What the reading-order PDF holds that points at its pages, which are dropped. */
	static const char *const drop[] = {"/StructTreeRoot", "/MarkInfo", "/Outlines", "/Names",
	    "/Dests", "/PageLabels", "/OpenAction", "/PageMode", "/AcroForm"};
	qpdf_data q = qpdf_init();
	struct impose_map m = {0};
	struct impose_geom g;
	struct outfile out = {0};
	qpdf_oh root, tree, kids, *forms = NULL;
	double box[4];
	int n, rc = -1;

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	/* Objects are read from the file as they are needed, stream data only when written. */
	qpdf_read(q, in, NULL);
	if (failed(q, dest, ""))
		goto out;
	n = qpdf_get_num_pages(q);
	if (failed(q, dest, ""))
		goto out;
	if (n < 1 || media_box(q, qpdf_get_page_n(q, 0), box) != 0) {
		msg_error(dest, 0, "the PDF to impose has no pages of a size");
		goto out;
	}
	if (impose_geometry(box[2] - box[0], box[3] - box[1], o->sheet_w, o->sheet_h, o->bleed,
	    o->marks, &g) != 0 || impose_map(n, blank_at, o->signature, o->duplex_long, &m) != 0)
		abort();
	forms = xcalloc((size_t)n, sizeof(*forms));
	for (int i = 0; i < n; i++)
		if (page_form(q, qpdf_get_page_n(q, (size_t)i), box, o->bleed, &forms[i]) != 0) {
			msg_error(dest, 0, "page %d of the PDF to impose has no single content "
			    "stream", i + 1);
			goto out;
		}
	root = qpdf_get_root(q);
	tree = qpdf_oh_get_key(q, root, "/Pages");
	kids = qpdf_oh_new_array(q);
	for (int k = 0; k < m.nsides; k++) {
		qpdf_oh side = sheet_side(q, &m.sides[k], forms, box, &g, o);
		qpdf_oh_replace_key(q, side, "/Parent", tree);
		qpdf_oh_append_item(q, kids, side);
	}
	qpdf_oh_replace_key(q, tree, "/Kids", kids);
	qpdf_oh_replace_key(q, tree, "/Count", qpdf_oh_new_integer(q, m.nsides));
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		qpdf_oh_remove_key(q, root, drop[i]);
	qpdf_update_all_pages_cache(q);
	if (failed(q, dest, ""))
		goto out;
	qpdf_oh_release_all(q);
	if (outfile_open(&out, dest) != 0)
		goto out;
	qpdf_init_write(q, out.tmp);
	if (failed(q, dest, "cannot write: "))
		goto out;
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_preserve_unreferenced_objects(q, QPDF_FALSE);
	qpdf_set_qdf_mode(q, QPDF_FALSE);
	qpdf_set_linearization(q, QPDF_FALSE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_write(q);
	if (failed(q, dest, "cannot write: "))
		goto out;
	qpdf_cleanup(&q);
	if (ends_whole(out.tmp, dest) != 0)
		goto out;
	rc = outfile_commit(&out);
out:
	outfile_abort(&out);
	if (q)
		qpdf_cleanup(&q);
	free(forms);
	impose_map_free(&m);
	return rc;
}
