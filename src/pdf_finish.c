/* The PDF writer's last step: qpdf puts the front matter first, adds page labels, dates, an /ID. */
#include <stdio.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "date.h"
#include "msg.h"
#include "outfile.h"
#include "pdf_int.h"
#include "util.h"

/* Reports qpdf's error, if any, after prefix. Returns 1 when there was one. */
static int
qpdf_failed_as(qpdf_data q, const char *what, const char *prefix)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_error e = qpdf_get_error(q);
	msg_error(what, 0, "%sqpdf: %s", prefix, qpdf_get_error_full_text(q, e));
	return 1;
}

static int
qpdf_failed(qpdf_data q, const char *what)
{
	return qpdf_failed_as(q, what, "");
}

/* qpdf does not check the flush and close of its output: a full disk can lose the last buffer
 * without an error. Returns 0 when the file at path ends as qpdf ends a PDF, or -1 after an
 * error message naming dest. */
static int
check_end(const char *path, const char *dest)
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

/* Rewrites cairo's PDF, held in raw, into the file dest: pages in final order (order[k]: the
 * drawn index of final page k), the front matter's structure elements (the last nfront kids
 * of the document element) first, page labels (roman front matter, arabic body from 1), fixed
 * dates, a deterministic /ID, object streams. qpdf writes a temporary file beside dest that
 * replaces dest only when it is complete. Returns 0, or -1 after an error message (dest
 * untouched). */
int
pdf_rewrite(const struct buf *raw, const char *dest, const int *order, int npages, int nfront,
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
	if (qpdf_failed_as(q, dest, "cannot write: "))
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
	if (qpdf_failed_as(q, dest, "cannot write: "))
		goto out;
	/* qpdf is done with the file before it is renamed. */
	qpdf_cleanup(&q);
	if (check_end(out.tmp, dest) != 0)
		goto out;
	rc = outfile_commit(&out);
out:
	outfile_abort(&out);
	if (q)
		qpdf_cleanup(&q);
	return rc;
}
