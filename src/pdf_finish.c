/* The PDF writer's file: cairo's PDF streamed to a scratch file, then copied into the output
 * with the front matter first, page labels, dates, an /ID and object streams. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <zlib.h>

#include "date.h"
#include "msg.h"
#include "outfile.h"
#include "pdf_int.h"
#include "util.h"
#include "workers.h"

/*
 * Nothing of the document is held in memory: cairo writes its file as it draws, each page once
 * it is done, to a scratch file beside the output, and this module hashes the bytes as they
 * pass. At the end it copies cairo's objects into the output in one pass, in the order cairo
 * wrote them, as qpdf did before: streams as they are (compressed already), every other object
 * packed with others into compressed object streams (ISO 32000-1, 7.5.7), and four objects
 * written anew: the page tree with the front matter's pages first, the document structure
 * element with the front matter's elements first, the catalog with page labels, and the
 * document information with the snapshot's dates in PDF's form. A cross-reference stream with
 * an /ID made from the digest of cairo's bytes ends the file. What it holds is 16 bytes an
 * object and one object stream being filled.
 */

struct pdf_sink {
	struct outfile out;     /* the output's temporary */
	struct outfile scratch; /* cairo's file */
	FILE *f;                /* the scratch file */
	struct sha256_ctx hash; /* of cairo's bytes */
	int late;               /* hashed when finished, on a thread of its own */
	int err;                /* errno of the first failed write, or 0 */
};

struct pdf_sink *
pdf_sink_open(const char *dest, int threads)
{
	struct pdf_sink *s = xcalloc(1, sizeof(*s));

	if (outfile_open(&s->scratch, dest) != 0) {
		free(s);
		return NULL;
	}
	s->f = fopen(s->scratch.tmp, "w+b");
	if (s->f == NULL) {
		msg_error(dest, 0, "cannot write: %s", strerror(errno));
		outfile_abort(&s->scratch);
		free(s);
		return NULL;
	}
	/* Cairo writes in small pieces: a large buffer saves most of the system calls. */
	setvbuf(s->f, NULL, _IOFBF, 1 << 16);
	sha256_init(&s->hash);
	s->late = threads > 1;
	return s;
}

cairo_status_t
pdf_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *s = closure;

	/* A failed write is remembered and reported by pdf_sink_finish, naming the output; cairo
	 * is told nothing: cairo 1.16 crashes finishing a surface whose stream has failed. */
	if (s->err)
		return CAIRO_STATUS_SUCCESS;
	if (fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_SUCCESS;
	}
	if (!s->late)
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
	outfile_abort(&s->scratch);
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

/* Appends s and then tail as a PDF text string: UTF-16BE with its byte order mark, in hex. */
static void
text_string(struct buf *b, const char *s, const char *tail)
{
	struct buf t = {0};
	size_t i = 0;
	uint32_t cp;

	buf_printf(&t, "%s%s", s ? s : "", tail);
	buf_puts(b, "<FEFF");
	while (utf8_next(t.data, t.len, &i, &cp)) {
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(b, "%04X%04X", (unsigned)(0xD800 + (cp >> 10)),
			    (unsigned)(0xDC00 + (cp & 0x3FF)));
		} else
			buf_printf(b, "%04X", (unsigned)cp);
	}
	buf_putc(b, '>');
	buf_free(&t);
}

/* One object of the update. */
struct upd {
	long num;
	char *text;             /* the dictionary */
};


/* The update's objects from cairo's, into u (at most 4). Returns how many, or -1 after an
 * error message. */
static int
build(FILE *f, const struct xref *x, const int *order, int npages, int nfront, int front_pages,
      const struct date *date, const struct pdf_labels *labels, struct upd *u)
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
	u[nu++] = (struct upd){pages, reorder(buf_str(&b), start, end, items, take, n)};
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
		u[nu++] = (struct upd){docn, reorder(buf_str(&b), start, end, items, take, n)};
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
		int cov = labels ? labels->cover_pages : 0;
		int back = labels && labels->back && npages > front_pages ? npages - 1 : npages;
		buf_put(&c, s, (size_t)(close - 1 - s));
		buf_puts(&c, "   /PageLabels << /Nums [");
		if (cov > 0) {
			buf_puts(&c, " 0 << /P ");
			text_string(&c, labels->cover, " ");
			buf_puts(&c, " /S /D >>");
		}
		if (front_pages > cov)
			buf_printf(&c, " %d << /S /r >>", cov);
		if (back > front_pages)
			buf_printf(&c, " %d << /S /D >>", front_pages);
		if (back < npages) {
			buf_printf(&c, " %d << /P ", back);
			text_string(&c, labels->back, "");
			buf_puts(&c, " >>");
		}
		buf_puts(&c, " ] >>\n");
		buf_puts(&c, close - 1);
		u[nu++] = (struct upd){x->root, buf_detach(&c)};
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
			u[nu++] = (struct upd){x->info, buf_detach(&c)};
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

/* Objects packed into one object stream at most, and bytes of their text. */
#define OBJSTM_MAX 200
#define OBJSTM_BYTES (64 * 1024)

/* The output being written: cross-reference entries and the object stream being filled. */
struct pack {
	FILE *out;
	long size;              /* cairo's /Size: objects 0 to size - 1 */
	long next;              /* the next new object number (object streams) */
	unsigned char *type;    /* per object: 0 free, 1 in the file, 2 in an object stream */
	uint32_t *f2;           /* 1: offset; 2: the object stream's number */
	uint16_t *f3;           /* 2: the index in it */
	size_t cap;             /* entries allocated */
	struct buf body;        /* the object stream's objects, one after another */
	struct buf head;        /* its "num offset" pairs */
	long members[OBJSTM_MAX];
	int n;
	long synced;            /* bytes of out handed to the disk's writeback */
};

/* Bytes of the output after which their writeback is started, so that the fsync at the end
 * waits for the last of them only (the photos make most of a book's bytes). */
#define WRITEBACK_STEP (4L << 20)

/* Starts writing what k->out holds so far to the disk, when a step of it is waiting. */
static void
writeback(struct pack *k)
{
	long at = ftell(k->out);

	if (at - k->synced < WRITEBACK_STEP || fflush(k->out) != 0)
		return;
	/* A hint: its failure changes nothing, the fsync reports errors. */
	(void)sync_file_range(fileno(k->out), k->synced, at - k->synced, SYNC_FILE_RANGE_WRITE);
	k->synced = at;
}

static void
entry(struct pack *k, long num, int type, uint32_t f2, uint16_t f3)
{
	if ((size_t)num >= k->cap) {
		size_t cap = k->cap ? k->cap : 1024;
		while (cap <= (size_t)num)
			cap *= 2;
		k->type = xrealloc(k->type, cap);
		k->f2 = xrealloc(k->f2, cap * sizeof(*k->f2));
		k->f3 = xrealloc(k->f3, cap * sizeof(*k->f3));
		memset(k->type + k->cap, 0, cap - k->cap);
		k->cap = cap;
	}
	k->type[num] = (unsigned char)type;
	k->f2[num] = f2;
	k->f3[num] = f3;
}

/* Writes len bytes compressed as the stream of a new object with dictionary entries dict.
 * Returns the object's number, or -1. */
static long
put_stream(struct pack *k, const char *dict, const void *data, size_t len)
{
	uLongf clen = compressBound((uLong)len);
	unsigned char *z = xmalloc(clen);
	long num = k->next++;

	if (compress2(z, &clen, data, (uLong)len, 6) != Z_OK) {
		free(z);
		return -1;
	}
	entry(k, num, 1, (uint32_t)ftell(k->out), 0);
	fprintf(k->out, "%ld 0 obj\n<< %s /Filter /FlateDecode /Length %lu >>\nstream\n", num, dict,
	    (unsigned long)clen);
	fwrite(z, 1, clen, k->out);
	fputs("\nendstream\nendobj\n", k->out);
	free(z);
	return num;
}

/* Writes the object stream being filled, if any. */
static int
flush(struct pack *k)
{
	char dict[96];
	long num;

	if (k->n == 0)
		return 0;
	snprintf(dict, sizeof(dict), "/Type /ObjStm /N %d /First %zu", k->n, k->head.len);
	buf_put(&k->head, k->body.data, k->body.len);
	num = put_stream(k, dict, k->head.data, k->head.len);
	if (num < 0)
		return -1;
	for (int i = 0; i < k->n; i++)
		entry(k, k->members[i], 2, (uint32_t)num, (uint16_t)i);
	buf_reset(&k->head);
	buf_reset(&k->body);
	k->n = 0;
	return 0;
}

/* Adds object num, whose text between "obj" and "endobj" is text, to the object stream. */
static int
pack_object(struct pack *k, long num, const char *text, size_t len)
{
	while (len > 0 && (*text == '\n' || *text == '\r' || *text == ' ')) {
		text++;
		len--;
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		len--;
	buf_printf(&k->head, "%ld %zu ", num, k->body.len);
	buf_put(&k->body, text, len);
	buf_putc(&k->body, '\n');
	k->members[k->n++] = num;
	if (k->n == OBJSTM_MAX || k->body.len >= OBJSTM_BYTES)
		return flush(k);
	return 0;
}

/* Object numbers by their offset in cairo's file. */
struct at {
	long off, num;
};

static int
cmp_at(const void *a, const void *b)
{
	const struct at *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Streams at least this long (photos, font files) are copied by the kernel, not read through
 * memory: copy_file_range, or pread and write where it cannot. */
#define BIG_OBJECT (64L * 1024)

/* Reads len bytes at offset off of fd into data. Returns 0 or -1. */
static int
pread_all(int fd, void *data, size_t len, long off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t got = pread(fd, (char *)data + done, len - done, (off_t)off + (off_t)done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	return 0;
}

/* Copies len bytes at offset from of the file in to the end of k->out. Returns 0 or -1. */
static int
copy_range(int in, long from, size_t len, struct pack *k)
{
	int out = fileno(k->out);
	loff_t at = from;
	char chunk[1 << 16];

	if (fflush(k->out) != 0)
		return -1;
	while (len > 0) {
		ssize_t n = copy_file_range(in, &at, out, NULL, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len -= (size_t)n;
	}
	/* What the kernel would not copy (another file system, an old kernel): by hand. */
	while (len > 0) {
		size_t want = len < sizeof(chunk) ? len : sizeof(chunk), put = 0;
		if (pread_all(in, chunk, want, (long)at) != 0)
			return -1;
		while (put < want) {
			ssize_t n = write(out, chunk + put, want - put);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return -1;
			put += (size_t)n;
		}
		at += (loff_t)want;
		len -= want;
	}
	/* The stream's position, after the bytes written past it. */
	return fseek(k->out, 0, SEEK_END);
}

/* Copies object num, which starts at off and ends before end in f, when it is a long stream:
 * the same bytes as copy_objects would write. Returns 1 when copied, 0 when it is not such an
 * object (copy_objects reads it), or -1. */
static int
copy_big(FILE *f, long off, long end, long num, struct pack *k)
{
	char head[48], tail[64];
	const char *o;
	long s, t = -1, q;
	int in = fileno(f);

	if (end - off < BIG_OBJECT)
		return 0;
	if (pread_all(in, head, sizeof(head), off) != 0 ||
	    pread_all(in, tail, sizeof(tail), end - (long)sizeof(tail)) != 0)
		return 0;
	/* After "N G obj", up to its last "endobj", as copy_objects finds them. */
	o = memchr(head, 'o', 32);
	if (o == NULL || strncmp(o, "obj", 3) != 0)
		return 0;
	s = off + (o - head) + 3;
	for (long i = (long)sizeof(tail) - 6; i > 0; i--)
		if (memcmp(tail + i, "endobj", 6) == 0) {
			t = i;
			break;
		}
	if (t < 0)
		return 0;
	q = t;
	while (q > 0 && (tail[q - 1] == '\n' || tail[q - 1] == '\r' || tail[q - 1] == ' '))
		q--;
	if (q < 9 || memcmp(tail + q - 9, "endstream", 9) != 0)
		return 0;
	t += end - (long)sizeof(tail);
	entry(k, num, 1, (uint32_t)ftell(k->out), 0);
	fprintf(k->out, "%ld 0 obj", num);
	if (copy_range(in, s, (size_t)(t - s), k) != 0)
		return -1;
	fputs("endobj\n", k->out);
	writeback(k);
	return 1;
}

/* Copies cairo's objects from f (its cross-reference x) into k->out: the objects of u[0..nu)
 * replaced, streams as they are, the others packed. Returns 0, or -1. */
static int
copy_objects(FILE *f, const struct xref *x, const struct upd *u, int nu, struct pack *k)
{
	struct at *ats = xcalloc((size_t)x->size + 1, sizeof(*ats));
	struct buf b = {0}, e = {0};
	size_t n = 0;
	int rc = -1;

	/* Where each object starts, from the table's entries. */
	if (read_at(f, x->first, (size_t)x->size * 20, &e) != 0)
		goto out;
	for (long i = 1; i < x->size; i++) {
		const char *ent = e.data + 20 * i;
		if (ent[17] != 'n')
			continue;
		ats[n].off = strtol(ent, NULL, 10);
		ats[n].num = i;
		n++;
	}
	qsort(ats, n, sizeof(*ats), cmp_at);
	for (size_t j = 0; j < n; j++) {
		long end = j + 1 < n ? ats[j + 1].off : x->at;
		const struct upd *r = NULL;
		const char *s, *t;
		for (int i = 0; i < nu; i++)
			if (u[i].num == ats[j].num)
				r = &u[i];
		if (r) {
			if (pack_object(k, r->num, r->text, strlen(r->text)) != 0)
				goto out;
			continue;
		}
		{
			int big = copy_big(f, ats[j].off, end, ats[j].num, k);
			if (big < 0)
				goto out;
			if (big)
				continue;
		}
		if (end <= ats[j].off || read_at(f, ats[j].off, (size_t)(end - ats[j].off), &b) != 0)
			goto out;
		/* The object's text: after "N G obj", up to its last "endobj". */
		s = memchr(b.data, 'o', b.len < 32 ? b.len : 32);
		if (s == NULL || b.len < 10 || strncmp(s, "obj", 3) != 0)
			goto out;
		s += 3;
		t = NULL;
		for (size_t i = b.len >= 6 ? b.len - 6 : 0; i > 0; i--)
			if (memcmp(b.data + i, "endobj", 6) == 0) {
				t = b.data + i;
				break;
			}
		if (t == NULL)
			goto out;
		/* A stream ends with "endstream" before its "endobj": copied as it is. */
		{
			const char *q = t;
			while (q > s && (q[-1] == '\n' || q[-1] == '\r' || q[-1] == ' '))
				q--;
			if (q - s >= 9 && memcmp(q - 9, "endstream", 9) == 0) {
				entry(k, ats[j].num, 1, (uint32_t)ftell(k->out), 0);
				fprintf(k->out, "%ld 0 obj", ats[j].num);
				fwrite(s, 1, (size_t)(t - s), k->out);
				fputs("endobj\n", k->out);
				writeback(k);
				continue;
			}
		}
		if (pack_object(k, ats[j].num, s, (size_t)(t - s)) != 0)
			goto out;
	}
	rc = flush(k);
out:
	free(ats);
	buf_free(&b);
	buf_free(&e);
	return rc;
}

/* Hashing the finished scratch file, beside the copy. */
struct late_hash {
	struct sha256_ctx *hash;
	int fd;
	long len;
	int rc;                 /* 0, or -1: the file could not be read */
	struct side_job job;
};

static void *
hash_run(void *arg)
{
	struct late_hash *h = arg;
	unsigned char *chunk = xmalloc(1 << 20);

	h->rc = 0;
	for (long at = 0; at < h->len;) {
		size_t n = h->len - at < (1 << 20) ? (size_t)(h->len - at) : (1 << 20);
		if (pread_all(h->fd, chunk, n, at) != 0) {
			h->rc = -1;
			break;
		}
		sha256_update(h->hash, n, chunk);
		at += (long)n;
	}
	free(chunk);
	return NULL;
}

/* Starts hashing the file's len bytes: on a thread, else at once. */
static void
hash_start(struct late_hash *h, struct sha256_ctx *hash, int fd, long len)
{
	*h = (struct late_hash){hash, fd, len, 0, {0}};
	side_job_start(&h->job, hash_run, h, 1, "quire-hash");
}

/* Waits for the digest. Returns 0, or -1 when the file could not be read. */
static int
hash_wait(struct late_hash *h)
{
	side_job_wait(&h->job);
	return h->rc;
}

int
pdf_sink_finish(struct pdf_sink *s, const char *dest, const int *order, int npages, int nfront,
                int front_pages, const struct date *date, const struct pdf_labels *labels)
{
	struct xref x = {0};
	struct buf b = {0}, xr = {0};
	struct upd u[4];
	struct pack k = {0};
	unsigned char digest[SHA256_DIGEST_SIZE];
	char hex[65], dict[256];
	long len, xnum;
	int nu = -1, rc = -1;
	FILE *out = NULL;
	struct late_hash lh = {0};

	if (s->err || fflush(s->f) != 0) {
		msg_error(dest, 0, "cannot write: %s", strerror(s->err ? s->err : errno));
		goto out;
	}
	len = ftell(s->f);
	if (len <= 0 || read_xref(s->f, len, &x, &b) != 0) {
		msg_error("cairo's PDF", 0, "no cross-reference table at its end");
		goto out;
	}
	if (s->late)
		hash_start(&lh, &s->hash, fileno(s->f), len);
	nu = build(s->f, &x, order, npages, nfront, front_pages, date, labels, u);
	if (nu < 0)
		goto out;
	if (outfile_open(&s->out, dest) != 0)
		goto out;
	out = fopen(s->out.tmp, "wb");
	if (out == NULL)
		goto io;
	setvbuf(out, NULL, _IOFBF, 1 << 16);
	k.out = out;
	k.size = x.size;
	k.next = x.size;
	fputs("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", out);
	if (copy_objects(s->f, &x, u, nu, &k) != 0) {
		if (ferror(out))
			goto io;
		msg_error("cairo's PDF", 0, "cannot read its objects back");
		goto out;
	}
	/* The cross-reference stream: a type, 4 bytes of offset or object stream, 2 of index. */
	xnum = k.next++;
	entry(&k, xnum, 1, (uint32_t)ftell(out), 0);
	for (long i = 0; i < k.next; i++) {
		int t = i < (long)k.cap ? k.type[i] : 0;
		uint32_t f2 = t ? k.f2[i] : 0;
		uint16_t f3 = t ? k.f3[i] : (i == 0 ? 65535 : 0);
		unsigned char rec[7] = {(unsigned char)t, (unsigned char)(f2 >> 24),
		    (unsigned char)(f2 >> 16), (unsigned char)(f2 >> 8), (unsigned char)f2,
		    (unsigned char)(f3 >> 8), (unsigned char)f3};
		buf_put(&xr, rec, sizeof(rec));
	}
	/* The same bytes give the same /ID: the digest of cairo's file, which is the document. */
	if (hash_wait(&lh) != 0) {
		msg_error("cairo's PDF", 0, "cannot read its objects back");
		goto out;
	}
	sha256_digest(&s->hash, sizeof(digest), digest);
	hex32(digest, hex);
	hex[32] = '\0';
	{
		char info[32] = "";
		if (x.info > 0)
			snprintf(info, sizeof(info), " /Info %ld 0 R", x.info);
		snprintf(dict, sizeof(dict), "/Type /XRef /Size %ld /W [ 1 4 2 ] /Root %ld 0 R%s "
		    "/ID [ <%s> <%s> ]", k.next, x.root, info, hex, hex);
	}
	{
		/* Written by hand rather than put_stream: its own entry is already counted. */
		uLongf clen = compressBound((uLong)xr.len);
		unsigned char *z = xmalloc(clen);
		long at = (long)k.f2[xnum];
		if (compress2(z, &clen, (const Bytef *)xr.data, (uLong)xr.len, 6) != Z_OK) {
			free(z);
			goto io;
		}
		fprintf(out, "%ld 0 obj\n<< %s /Filter /FlateDecode /Length %lu >>\nstream\n", xnum,
		    dict, (unsigned long)clen);
		fwrite(z, 1, clen, out);
		fprintf(out, "\nendstream\nendobj\nstartxref\n%ld\n%%%%EOF\n", at);
		free(z);
	}
	if (fflush(out) != 0 || ferror(out))
		goto io;
	if (fclose(out) != 0) {
		out = NULL;
		goto io;
	}
	out = NULL;
	rc = outfile_commit(&s->out);
	goto out;
io:
	msg_error(dest, 0, "cannot write: %s", strerror(errno ? errno : EIO));
out:
	hash_wait(&lh);
	if (out)
		fclose(out);
	for (int i = 0; i < nu; i++)
		free(u[i].text);
	free(k.type);
	free(k.f2);
	free(k.f3);
	buf_free(&k.body);
	buf_free(&k.head);
	buf_free(&b);
	buf_free(&xr);
	return rc;
}
