/* The PDF writer's file: cairo's PDF streamed to a temporary, then finished by an incremental
 * update that puts the front matter first, adds page labels, dates and an /ID. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "date.h"
#include "msg.h"
#include "outfile.h"
#include "pdf_int.h"
#include "util.h"

/*
 * Nothing of the document is held in memory: cairo writes the file as it draws, each page once
 * it is done, and this module hashes the bytes as they pass. What the finished PDF needs beyond
 * cairo's is a handful of objects, written again after cairo's end as PDF's incremental update
 * allows (ISO 32000-1, 7.5.6): the page tree with the front matter's pages first, the document
 * structure element with the front matter's elements first, the catalog with page labels, the
 * document information with dates in PDF's form, and a cross-reference section and trailer
 * with /Prev and an /ID made from the bytes' digest. Readers take the last definition of an
 * object; the first ones stay in the file, unreferenced, a few hundred bytes.
 */

struct pdf_sink {
	struct outfile out;
	FILE *f;
	struct sha256_ctx hash; /* of cairo's bytes */
	int err;                /* errno of the first failed write, or 0 */
};

struct pdf_sink *
pdf_sink_open(const char *dest)
{
	struct pdf_sink *s = xcalloc(1, sizeof(*s));

	if (outfile_open(&s->out, dest) != 0) {
		free(s);
		return NULL;
	}
	s->f = fopen(s->out.tmp, "w+b");
	if (s->f == NULL) {
		msg_error(dest, 0, "cannot write: %s", strerror(errno));
		outfile_abort(&s->out);
		free(s);
		return NULL;
	}
	/* Cairo writes in small pieces: a large buffer saves most of the system calls. */
	setvbuf(s->f, NULL, _IOFBF, 1 << 16);
	sha256_init(&s->hash);
	return s;
}

cairo_status_t
pdf_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *s = closure;

	if (s->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	sha256_update(&s->hash, len, data);
	return CAIRO_STATUS_SUCCESS;
}

void
pdf_sink_free(struct pdf_sink *s)
{
	if (s == NULL)
		return;
	if (s->f)
		fclose(s->f);
	outfile_abort(&s->out);
	free(s);
}

/* Reads len bytes at offset off of the file into b (reset first). Returns 0 or -1. */
static int
read_at(FILE *f, long off, size_t len, struct buf *b)
{
	char chunk[8192];

	buf_reset(b);
	if (fseek(f, off, SEEK_SET) != 0)
		return -1;
	while (len > 0) {
		size_t n = fread(chunk, 1, len < sizeof(chunk) ? len : sizeof(chunk), f);
		if (n == 0)
			return -1;
		buf_put(b, chunk, n);
		len -= n;
	}
	return 0;
}

/* Cairo's cross-reference table: where it starts, its size, and its trailer's values. */
struct xref {
	long at;                /* offset of "xref" */
	long first;             /* offset of its first entry */
	long size;              /* /Size */
	long root, info;        /* object numbers */
};

/* Returns the integer after key in s (a dictionary's text), or -1. */
static long
key_int(const char *s, const char *key)
{
	const char *k = strstr(s, key);

	if (k == NULL)
		return -1;
	return strtol(k + strlen(key), NULL, 10);
}

/* Finds cairo's cross-reference table and trailer from the file's end. */
static int
read_xref(FILE *f, long len, struct xref *x, struct buf *b)
{
	long tail = len < 1024 ? len : 1024;
	const char *s, *t;

	if (read_at(f, len - tail, (size_t)tail, b) != 0)
		return -1;
	s = buf_str(b);
	t = strstr(s, "startxref");
	if (t == NULL || strstr(s, "trailer") == NULL)
		return -1;
	x->at = strtol(t + 9, NULL, 10);
	t = strstr(s, "trailer");
	x->size = key_int(t, "/Size");
	x->root = key_int(t, "/Root");
	x->info = key_int(t, "/Info");
	if (x->at <= 0 || x->at >= len || x->size <= 0 || x->root <= 0)
		return -1;
	/* "xref\n0 SIZE\n", then an entry of 20 bytes per object. */
	if (read_at(f, x->at, 64, b) != 0 || strncmp(buf_str(b), "xref", 4) != 0)
		return -1;
	s = strchr(buf_str(b), '\n');
	s = s ? strchr(s + 1, '\n') : NULL;
	if (s == NULL)
		return -1;
	x->first = x->at + (long)(s + 1 - buf_str(b));
	return 0;
}

/* Puts the dictionary of object num (its text between "obj" and "endobj") into b. */
static int
read_object(FILE *f, const struct xref *x, long num, struct buf *b)
{
	long off;
	const char *s, *e;
	size_t want = 4096;

	if (num <= 0 || num >= x->size || read_at(f, x->first + 20 * num, 20, b) != 0)
		return -1;
	off = strtol(buf_str(b), NULL, 10);
	for (;;) {
		buf_reset(b);
		if (fseek(f, off, SEEK_SET) != 0)
			return -1;
		char *chunk = xmalloc(want);
		size_t n = fread(chunk, 1, want, f);
		buf_put(b, chunk, n);
		free(chunk);
		s = strstr(buf_str(b), " obj");
		e = s ? strstr(s, "endobj") : NULL;
		if (e || n < want)
			break;
		want *= 4;
	}
	if (s == NULL || e == NULL)
		return -1;
	s += 4;
	char *dict = xstrndup(s, (size_t)(e - s));
	buf_reset(b);
	buf_puts(b, dict);
	free(dict);
	return 0;
}

/* The items of the array after key in dict: their text, one string each. An item is an
 * indirect reference, a dictionary (nested ones included), or a number. Returns the count, or
 * -1; *start and *end bound the array's text, brackets included. */
static long
array_items(const char *dict, const char *key, char ***items, int **is_dict, size_t *start,
            size_t *end)
{
	const char *k = strstr(dict, key), *p;
	long n = 0, cap = 0;

	*items = NULL;
	*is_dict = NULL;
	if (k == NULL || (p = strchr(k, '[')) == NULL)
		return -1;
	*start = (size_t)(p - dict);
	p++;
	for (;;) {
		const char *q;
		int d = 0;
		while (*p == ' ' || *p == '\n' || *p == '\r')
			p++;
		if (*p == ']')
			break;
		if (*p == '\0')
			goto bad;
		if (p[0] == '<' && p[1] == '<') {
			int depth = 0;
			for (q = p; *q; q++) {
				if (q[0] == '<' && q[1] == '<') {
					depth++;
					q++;
				} else if (q[0] == '>' && q[1] == '>') {
					q++;
					if (--depth == 0) {
						q++;
						break;
					}
				}
			}
			if (depth != 0)
				goto bad;
			d = 1;
		} else {
			char *e;
			strtol(p, &e, 10);
			if (e == p)
				goto bad;
			q = e;
			/* "N G R": an indirect reference (to a structure element, a dictionary). */
			const char *r = q;
			while (*r == ' ')
				r++;
			char *e2;
			strtol(r, &e2, 10);
			if (e2 != r) {
				const char *r2 = e2;
				while (*r2 == ' ')
					r2++;
				if (*r2 == 'R') {
					q = r2 + 1;
					d = 1;
				}
			}
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*items = xrealloc(*items, (size_t)cap * sizeof(**items));
			*is_dict = xrealloc(*is_dict, (size_t)cap * sizeof(**is_dict));
		}
		(*items)[n] = xstrndup(p, (size_t)(q - p));
		(*is_dict)[n] = d;
		n++;
		p = q;
	}
	*end = (size_t)(p + 1 - dict);
	return n;
bad:
	for (long i = 0; i < n; i++)
		free((*items)[i]);
	free(*items);
	free(*is_dict);
	*items = NULL;
	*is_dict = NULL;
	return -1;
}

static void
free_items(char **items, int *is_dict, long n)
{
	for (long i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(is_dict);
}

/* Replaces dict's array after key by the items in the order given by take (n indices).
 * Returns the new dictionary (caller frees). */
static char *
reorder(const char *dict, size_t start, size_t end, char **items, const long *take, long n)
{
	struct buf b = {0};

	buf_put(&b, dict, start);
	buf_puts(&b, "[");
	for (long i = 0; i < n; i++) {
		buf_putc(&b, ' ');
		buf_puts(&b, items[take[i]]);
	}
	buf_puts(&b, " ]");
	buf_puts(&b, dict + end);
	return buf_detach(&b);
}

/* One object of the update. */
struct upd {
	long num;
	char *text;             /* the dictionary */
	long at;                /* where it was written */
};

static int
cmp_upd(const void *a, const void *b)
{
	const struct upd *x = a, *y = b;
	return x->num < y->num ? -1 : x->num > y->num;
}

/* The update's objects from cairo's, into u (at most 4). Returns how many, or -1 after an
 * error message. */
static int
build(FILE *f, const struct xref *x, const int *order, int npages, int nfront, int front_pages,
      const struct date *date, struct upd *u)
{
	struct buf b = {0}, cat = {0};
	char **items = NULL;
	int *is_dict = NULL, nu = 0;
	long n, pages, stroot, docn, *take = NULL;
	size_t start, end;
	const char *in = "cairo's PDF";

	if (read_object(f, x, x->root, &cat) != 0)
		goto bad;
	/* The page tree: cairo writes one flat list; its /Kids in the final order. */
	pages = key_int(buf_str(&cat), "/Pages");
	if (read_object(f, x, pages, &b) != 0)
		goto bad;
	n = array_items(buf_str(&b), "/Kids", &items, &is_dict, &start, &end);
	if (n != npages) {
		msg_error(in, 0, "the page tree is not one flat list of %d pages", npages);
		goto fail;
	}
	take = xcalloc((size_t)n + 1, sizeof(*take));
	for (long i = 0; i < n; i++)
		take[i] = order[i];
	u[nu++] = (struct upd){pages, reorder(buf_str(&b), start, end, items, take, n), 0};
	free_items(items, is_dict, n);
	items = NULL;
	is_dict = NULL;
	/* The front matter's structure elements (the last nfront kids of the document element)
	 * go first in reading order. */
	stroot = key_int(buf_str(&cat), "/StructTreeRoot");
	if (stroot > 0 && read_object(f, x, stroot, &b) == 0 &&
	    (docn = key_int(buf_str(&b), "/K [")) > 0 && read_object(f, x, docn, &b) == 0 &&
	    (n = array_items(buf_str(&b), "/K", &items, &is_dict, &start, &end)) >= 0) {
		long nelem = 0, seen = 0, k = 0;
		free(take);
		take = xcalloc((size_t)n + 1, sizeof(*take));
		for (long i = 0; i < n; i++)
			nelem += is_dict[i];
		for (long i = 0; i < n; i++)
			if (is_dict[i] && seen++ >= nelem - nfront)
				take[k++] = i;
		seen = 0;
		for (long i = 0; i < n; i++)
			if (!is_dict[i] || seen++ < nelem - nfront)
				take[k++] = i;
		u[nu++] = (struct upd){docn, reorder(buf_str(&b), start, end, items, take, n), 0};
		free_items(items, is_dict, n);
		items = NULL;
		is_dict = NULL;
	}
	/* The catalog, with page labels: roman front matter, arabic body from 1. */
	{
		const char *s = buf_str(&cat);
		const char *close = strrchr(s, '>');
		struct buf c = {0};
		if (close == NULL || close == s || close[-1] != '>')
			goto bad;
		buf_put(&c, s, (size_t)(close - 1 - s));
		if (front_pages > 0 && front_pages < npages)
			buf_printf(&c, "   /PageLabels << /Nums [ 0 << /S /r >> %d << /S /D >> ] >>\n",
			    front_pages);
		else
			buf_puts(&c, "   /PageLabels << /Nums [ 0 << /S /r >> ] >>\n");
		buf_puts(&c, close - 1);
		u[nu++] = (struct upd){x->root, buf_detach(&c), 0};
	}
	/* The dates from the archive's snapshot, in PDF's form, whatever the time zone, where
	 * cairo wrote the fixed date it was given (pdf.c: metadata). */
	if (x->info > 0 && read_object(f, x, x->info, &b) == 0) {
		static const char mark[] = "/CreationDate (20000101000000Z)";
		char pdfdate[18];
		const char *s = buf_str(&b), *m = NULL;
		for (const char *t = strstr(s, mark); t; t = strstr(t + 1, mark))
			m = t;
		date_pdf(date, pdfdate);
		if (m) {
			struct buf c = {0};
			buf_put(&c, s, (size_t)(m - s));
			buf_printf(&c, "/CreationDate (%s)\n   /ModDate (%s)", pdfdate, pdfdate);
			buf_puts(&c, m + sizeof(mark) - 1);
			u[nu++] = (struct upd){x->info, buf_detach(&c), 0};
		}
	}
	free(take);
	buf_free(&b);
	buf_free(&cat);
	return nu;
bad:
	msg_error(in, 0, "cannot read its objects back");
fail:
	free_items(items, is_dict, items ? n : 0);
	free(take);
	buf_free(&b);
	buf_free(&cat);
	for (int i = 0; i < nu; i++)
		free(u[i].text);
	return -1;
}

int
pdf_sink_finish(struct pdf_sink *s, const char *dest, const int *order, int npages, int nfront,
                int front_pages, const struct date *date)
{
	struct xref x = {0};
	struct buf b = {0};
	struct upd u[4];
	unsigned char digest[SHA256_DIGEST_SIZE];
	char hex[65];
	long len, xat;
	int nu = -1, rc = -1;

	if (s->err || fflush(s->f) != 0) {
		msg_error(dest, 0, "cannot write: %s", strerror(s->err ? s->err : errno));
		goto out;
	}
	len = ftell(s->f);
	if (len <= 0 || read_xref(s->f, len, &x, &b) != 0) {
		msg_error("cairo's PDF", 0, "no cross-reference table at its end");
		goto out;
	}
	nu = build(s->f, &x, order, npages, nfront, front_pages, date, u);
	if (nu < 0)
		goto out;
	qsort(u, (size_t)nu, sizeof(*u), cmp_upd);
	if (fseek(s->f, 0, SEEK_END) != 0)
		goto io;
	for (int i = 0; i < nu; i++) {
		u[i].at = ftell(s->f);
		fprintf(s->f, "%ld 0 obj\n%s\nendobj\n", u[i].num, u[i].text + (u[i].text[0] == '\n'));
	}
	xat = ftell(s->f);
	fputs("xref\n", s->f);
	for (int i = 0; i < nu; i++)
		fprintf(s->f, "%ld 1\n%010ld 00000 n \n", u[i].num, u[i].at);
	/* The same bytes give the same /ID: the digest of cairo's file, which is the document. */
	sha256_digest(&s->hash, sizeof(digest), digest);
	hex32(digest, hex);
	hex[32] = '\0';
	fprintf(s->f, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", x.size, x.root);
	if (x.info > 0)
		fprintf(s->f, "   /Info %ld 0 R\n", x.info);
	fprintf(s->f, "   /Prev %ld\n   /ID [ <%s> <%s> ]\n>>\nstartxref\n%ld\n%%%%EOF\n", x.at, hex,
	    hex, xat);
	if (fflush(s->f) != 0 || ferror(s->f))
		goto io;
	if (fclose(s->f) != 0) {
		s->f = NULL;
		goto io;
	}
	s->f = NULL;
	rc = outfile_commit(&s->out);
	goto out;
io:
	msg_error(dest, 0, "cannot write: %s", strerror(errno ? errno : EIO));
out:
	for (int i = 0; i < nu; i++)
		free(u[i].text);
	buf_free(&b);
	return rc;
}
