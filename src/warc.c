/* Web archives in the WARC format: an index of a file's records, each payload read on demand. */
/* O_TMPFILE. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <brotli/decode.h>
#include <zlib.h>

#include "date.h"
#include "msg.h"
#include "util.h"
#include "warc.h"

/* A header line longer than this, or a record with more header bytes, is damage. */
#define MAX_LINE ((size_t)64 << 10)
#define MAX_HEAD ((size_t)1 << 20)
/* HTTP headers are looked for in this much of a block. */
#define HTTP_PEEK ((size_t)64 << 10)
/* A gzip file whose records lie further than this from the start of their gzip member is one
 * stream: it is decompressed once into a temporary file, for reading from the middle of a
 * stream means inflating everything before it. */
#define SPILL_GAP ((uint64_t)1 << 20)

/* A sequential reader of the file's uncompressed bytes. */
struct rd {
	FILE *f;
	int gz;
	z_stream z;
	int zok;                /* z is initialised */
	unsigned char in[65536];
	unsigned char out[65536];
	size_t op, ol;          /* unread bytes: out[op..ol) */
	uint64_t upos;          /* uncompressed offset of out[op] */
	int eof;                /* no more bytes */
	const char *err;        /* why reading stopped early, or NULL */
	struct warc *w;         /* when indexing: gzip member starts are noted here */
};

static void
note_sync(struct warc *w, uint64_t c, uint64_t u)
{
	w->sync_c = xrealloc(w->sync_c, (w->nsync + 1) * sizeof(*w->sync_c));
	w->sync_u = xrealloc(w->sync_u, (w->nsync + 1) * sizeof(*w->sync_u));
	w->sync_c[w->nsync] = c;
	w->sync_u[w->nsync] = u;
	w->nsync++;
}

/* Starts reading at the compressed offset c, which is uncompressed offset u. */
static int
rd_start(struct rd *r, FILE *f, int gz, uint64_t c, uint64_t u)
{
	r->f = f;
	r->gz = gz;
	r->op = r->ol = 0;
	r->upos = u;
	r->eof = 0;
	r->err = NULL;
	if (fseeko(f, (off_t)c, SEEK_SET) != 0) {
		r->err = "cannot seek";
		r->eof = 1;
		return -1;
	}
	if (gz) {
		if (r->zok)
			inflateEnd(&r->z);
		memset(&r->z, 0, sizeof(r->z));
		if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
			r->err = "zlib cannot start";
			r->eof = 1;
			return -1;
		}
		r->zok = 1;
	}
	return 0;
}

static void
rd_end(struct rd *r)
{
	if (r->zok)
		inflateEnd(&r->z);
	r->zok = 0;
}

/* Refills out. Returns 0 when bytes are there, -1 at the end. */
static int
fill(struct rd *r)
{
	if (r->op < r->ol)
		return 0;
	r->op = r->ol = 0;
	while (!r->eof && r->ol == 0) {
		if (!r->gz) {
			r->ol = fread(r->out, 1, sizeof(r->out), r->f);
			if (r->ol == 0) {
				if (ferror(r->f))
					r->err = "cannot read";
				r->eof = 1;
			}
			continue;
		}
		if (r->z.avail_in == 0) {
			size_t k = fread(r->in, 1, sizeof(r->in), r->f);
			if (k == 0) {
				if (ferror(r->f))
					r->err = "cannot read";
				/* The end of the file must be the end of a member. */
				else if (r->z.total_in > 0)
					r->err = "the gzip data ends early";
				r->eof = 1;
				continue;
			}
			r->z.next_in = r->in;
			r->z.avail_in = (uInt)k;
		}
		r->z.next_out = r->out;
		r->z.avail_out = sizeof(r->out);
		int z = inflate(&r->z, Z_NO_FLUSH);
		r->ol = sizeof(r->out) - r->z.avail_out;
		if (z == Z_STREAM_END) {
			/* A member ends; the next one (if any) starts where its input was not used. */
			uint64_t c = (uint64_t)ftello(r->f) - r->z.avail_in;
			inflateReset(&r->z);
			if (r->w) {
				int more = r->z.avail_in > 0;
				if (!more) {
					int ch = getc(r->f);
					if (ch != EOF) {
						ungetc(ch, r->f);
						more = 1;
					}
				}
				if (more)
					note_sync(r->w, c, r->upos + r->ol);
			}
		} else if (z != Z_OK && z != Z_BUF_ERROR) {
			r->err = "damaged gzip data";
			r->eof = 1;
		} else if (z == Z_BUF_ERROR && r->ol == 0 && r->z.avail_in > 0) {
			r->err = "damaged gzip data";
			r->eof = 1;
		}
	}
	return r->ol > 0 ? 0 : -1;
}

/* Copies up to n bytes into dst (may be NULL: skipped). Returns how many. */
static uint64_t
rd_read(struct rd *r, void *dst, uint64_t n)
{
	uint64_t got = 0;

	while (got < n && fill(r) == 0) {
		size_t k = r->ol - r->op;
		if (k > n - got)
			k = (size_t)(n - got);
		if (dst)
			memcpy((char *)dst + got, r->out + r->op, k);
		r->op += k;
		r->upos += k;
		got += k;
	}
	return got;
}

/* Reads a line without its CR LF (or LF) into b. Returns 1, 0 at the end, -1 when too long. */
static int
rd_line(struct rd *r, struct buf *b)
{
	buf_reset(b);
	for (;;) {
		if (fill(r) != 0)
			return b->len > 0 ? 1 : 0;
		unsigned char *s = r->out + r->op, *nl = memchr(s, '\n', r->ol - r->op);
		size_t k = nl ? (size_t)(nl - s) + 1 : r->ol - r->op;
		buf_put(b, s, nl ? k - 1 : k);
		r->op += k;
		r->upos += k;
		if (b->len > MAX_LINE)
			return -1;
		if (nl) {
			if (b->len && b->data[b->len - 1] == '\r')
				b->data[--b->len] = '\0';
			return 1;
		}
	}
}

/* Returns the next byte without reading it, or -1. */
static int
rd_peek(struct rd *r)
{
	return fill(r) == 0 ? r->out[r->op] : -1;
}

static enum warc_type
rec_type(const char *s)
{
	if (strcasecmp(s, "response") == 0)
		return WARC_RESPONSE;
	if (strcasecmp(s, "resource") == 0)
		return WARC_RESOURCE;
	if (strcasecmp(s, "revisit") == 0)
		return WARC_REVISIT;
	return WARC_OTHER;
}

/* Returns a copy of a header value without blanks around it and without angle brackets. */
static char *
value(const char *s)
{
	char *v = strsquash(s);
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
		memmove(v, v + 1, n - 2);
		v[n - 2] = '\0';
	}
	return v;
}

/* Reads a media type and its charset from a Content-Type value. */
static void
content_type(const char *s, char **mime, char **charset)
{
	const char *semi = strchr(s, ';');
	char *t = xstrndup(s, semi ? (size_t)(semi - s) : strlen(s)), *m = strsquash(t);

	free(t);
	for (char *c = m; *c; c++)
		*c = (char)ascii_tolower(*c);
	free(*mime);
	*mime = m;
	for (const char *p = semi; p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, "charset=", 8) == 0) {
			q += 8;
			size_t n = strcspn(q, "; \t");
			char *cs = xstrndup(q, n);
			/* "charset="utf-8"" */
			if (cs[0] == '"' || cs[0] == '\'') {
				memmove(cs, cs + 1, strlen(cs));
				cs[strcspn(cs, "\"'")] = '\0';
			}
			free(*charset);
			*charset = *cs ? cs : (free(cs), NULL);
		}
	}
}

/* Reads the HTTP status line and headers at the start of a block (n bytes at s). */
static void
http_head(struct warc_rec *rec, const char *s, size_t n)
{
	const char *end = NULL, *p = s;

	/* The headers end at the first empty line. */
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '\n' && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < n &&
		    s[i + 2] == '\n'))) {
			end = s + i + 1;
			rec->http_len = i + (s[i + 1] == '\n' ? 2 : 3);
			break;
		}
	if (end == NULL || n < 12 || strncmp(s, "HTTP/", 5) != 0)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)(nl - p);
		char *line;
		if (len && p[len - 1] == '\r')
			len--;
		line = xstrndup(p, len);
		if (p == s) {
			char *sp = strchr(line, ' ');
			if (sp && ascii_isdigit(sp[1]) && ascii_isdigit(sp[2]) && ascii_isdigit(sp[3]) &&
			    (sp[4] == ' ' || sp[4] == '\0')) {
				rec->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
				if (sp[4] && sp[5])
					rec->reason = value(sp + 5);
			}
		} else {
			char *colon = strchr(line, ':');
			if (colon) {
				*colon = '\0';
				const char *v = colon + 1;
				if (strcasecmp(line, "content-type") == 0)
					content_type(v, &rec->mime, &rec->charset);
				else if (strcasecmp(line, "location") == 0) {
					free(rec->location);
					rec->location = value(v);
				} else if (strcasecmp(line, "content-encoding") == 0) {
					free(rec->encoding);
					rec->encoding = value(v);
					for (char *c = rec->encoding; *c; c++)
						*c = (char)ascii_tolower(*c);
				} else if (strcasecmp(line, "transfer-encoding") == 0)
					rec->chunked = strcasestr(v, "chunked") != NULL;
			}
		}
		free(line);
		p = nl + 1;
	}
}

static void
rec_free(struct warc_rec *r)
{
	free(r->uri);
	free(r->digest);
	free(r->refers);
	free(r->reason);
	free(r->mime);
	free(r->charset);
	free(r->location);
	free(r->encoding);
}

/* Reads one record's headers at r into rec. Returns 1, 0 at a clean end, -1 on damage (*why). */
static int
record(struct rd *r, struct buf *line, struct warc_rec *rec, char **blocktype, const char **why)
{
	int got, c;
	size_t head = 0;
	int have_len = 0;

	/* Records are followed by two line breaks; tolerate more or fewer. */
	while ((c = rd_peek(r)) == '\r' || c == '\n')
		rd_read(r, NULL, 1);
	memset(rec, 0, sizeof(*rec));
	rec->off = r->upos;
	got = rd_line(r, line);
	if (got == 0)
		return 0;
	if (got < 0 || strncmp(buf_str(line), "WARC/", 5) != 0) {
		*why = "not a WARC record";
		return -1;
	}
	for (;;) {
		got = rd_line(r, line);
		if (got <= 0) {
			*why = got < 0 ? "header line too long" : "the file ends inside a header";
			return -1;
		}
		head += line->len;
		if (head > MAX_HEAD) {
			*why = "headers too long";
			return -1;
		}
		if (line->len == 0)
			break;
		char *s = line->data, *colon = strchr(s, ':');
		if (colon == NULL)
			continue;
		*colon = '\0';
		const char *v = colon + 1;
		if (strcasecmp(s, "WARC-Type") == 0) {
			char *t = value(v);
			rec->type = rec_type(t);
			free(t);
		} else if (strcasecmp(s, "WARC-Target-URI") == 0) {
			free(rec->uri);
			rec->uri = value(v);
		} else if (strcasecmp(s, "WARC-Date") == 0) {
			char *t = value(v);
			if (date_parse(t, &rec->date) != 0)
				memset(&rec->date, 0, sizeof(rec->date));
			free(t);
		} else if (strcasecmp(s, "WARC-Payload-Digest") == 0) {
			free(rec->digest);
			rec->digest = value(v);
		} else if (strcasecmp(s, "WARC-Refers-To-Target-URI") == 0) {
			free(rec->refers);
			rec->refers = value(v);
		} else if (strcasecmp(s, "WARC-Truncated") == 0)
			rec->truncated = 1;
		else if (strcasecmp(s, "Content-Type") == 0) {
			free(*blocktype);
			*blocktype = value(v);
		} else if (strcasecmp(s, "Content-Length") == 0) {
			char *t = value(v), *end;
			errno = 0;
			unsigned long long n = strtoull(t, &end, 10);
			have_len = errno == 0 && end != t && *end == '\0' && ascii_isdigit(t[0]);
			rec->block_len = n;
			free(t);
		}
	}
	if (!have_len) {
		*why = "no Content-Length";
		return -1;
	}
	rec->block_off = r->upos;
	return 1;
}

/* Reads the records at r into w's index until the end or damage. */
static void
scan(struct warc *w, struct rd *r)
{
	struct buf line = {0};
	char *peek = xmalloc(HTTP_PEEK);

	for (;;) {
		struct warc_rec rec;
		char *blocktype = NULL;
		const char *why = NULL;
		int got = record(r, &line, &rec, &blocktype, &why);
		if (got <= 0) {
			if (got < 0)
				msg_warn(w->label, 0, "damaged WARC record at byte %llu%s (%s); the rest "
				    "of the file is skipped", (unsigned long long)rec.off,
				    r->gz ? " of the uncompressed data" : "", why);
			else if (r->err)
				msg_warn(w->label, 0, "%s at byte %llu%s; the rest of the file is skipped",
				    r->err, (unsigned long long)r->upos,
				    r->gz ? " of the uncompressed data" : "");
			rec_free(&rec);
			free(blocktype);
			break;
		}
		uint64_t want = rec.block_len < HTTP_PEEK ? rec.block_len : HTTP_PEEK, n;
		n = rd_read(r, peek, want);
		if ((rec.type == WARC_RESPONSE || rec.type == WARC_REVISIT) && blocktype &&
		    strncasecmp(blocktype, "application/http", 16) == 0)
			http_head(&rec, peek, (size_t)n);
		else if (rec.type == WARC_RESOURCE) {
			rec.status = 200;
			if (blocktype)
				content_type(blocktype, &rec.mime, &rec.charset);
		} else if (rec.type == WARC_RESPONSE)
			rec.type = WARC_OTHER;      /* a response that is not HTTP: dns:, whois: */
		free(blocktype);
		if (n < want || rd_read(r, NULL, rec.block_len - n) < rec.block_len - n) {
			rec.truncated = 1;
			msg_warn(w->label, 0, "the file ends inside the record at byte %llu%s%s%s",
			    (unsigned long long)rec.off, r->gz ? " of the uncompressed data" : "",
			    rec.uri ? ": " : "", rec.uri ? rec.uri : "");
		}
		w->recs = xrealloc(w->recs, (w->nrecs + 1) * sizeof(*w->recs));
		w->recs[w->nrecs++] = rec;
		if (r->eof && r->op >= r->ol)
			break;
	}
	free(peek);
	buf_free(&line);
}

FILE *
warc_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	int fd;
	FILE *f;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		char *name = xasprintf("%s/quire-warc-XXXXXX", dir);
		fd = mkstemp(name);
		if (fd >= 0)
			unlink(name);
		free(name);
	}
	if (fd < 0 || (f = fdopen(fd, "w+b")) == NULL) {
		msg_error(dir, 0, "cannot create a temporary file: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return f;
}

/* Decompresses the whole gzip file into a temporary one, which replaces it. */
static int
spill(struct warc *w)
{
	struct rd *r = xcalloc(1, sizeof(*r));
	FILE *t = warc_tmpfile();
	int rc = -1;

	if (t == NULL)
		goto out;
	rd_start(r, w->f, 1, 0, 0);
	while (fill(r) == 0) {
		if (fwrite(r->out + r->op, 1, r->ol - r->op, t) != r->ol - r->op) {
			msg_error(NULL, 0, "cannot write a temporary file: %s", strerror(errno));
			fclose(t);
			goto out;
		}
		r->op = r->ol;
	}
	if (fflush(t) != 0) {
		msg_error(NULL, 0, "cannot write a temporary file: %s", strerror(errno));
		fclose(t);
		goto out;
	}
	fclose(w->f);
	w->f = t;
	w->gz = 0;
	rc = 0;
out:
	rd_end(r);
	free(r);
	return rc;
}

/* Returns the last sync point at or before the uncompressed offset u. */
static size_t
sync_at(const struct warc *w, uint64_t u)
{
	size_t lo = 0, hi = w->nsync;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (w->sync_u[mid] <= u)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int
warc_open(struct warc *w, FILE *f, const char *label)
{
	struct rd *r = xcalloc(1, sizeof(*r));
	unsigned char magic[2] = {0, 0};

	memset(w, 0, sizeof(*w));
	w->label = xstrdup(label);
	w->f = f;
	if (fread(magic, 1, 2, f) == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
		w->gz = 1;
	if (ferror(f)) {
		msg_error(label, 0, "cannot read: %s", strerror(errno));
		free(r);
		return -1;
	}
	note_sync(w, 0, 0);
	r->w = w;
	rd_start(r, f, w->gz, 0, 0);
	scan(w, r);
	rd_end(r);
	free(r);
	for (size_t i = 0; i < w->nrecs; i++) {
		size_t s = w->gz ? sync_at(w, w->recs[i].off) : 0;
		w->recs[i].file_off = w->gz && w->sync_u[s] == w->recs[i].off ? w->sync_c[s] :
		    w->recs[i].off;
	}
	if (w->gz)
		for (size_t i = 0; i < w->nrecs; i++) {
			size_t s = sync_at(w, w->recs[i].off);
			if (w->recs[i].off - w->sync_u[s] > SPILL_GAP) {
				if (spill(w) != 0)
					return -1;
				break;
			}
		}
	return 0;
}

/* Undoes the chunked transfer coding of b. Returns 0, or -1 with b as it was when b is not
 * chunked (many tools keep the bytes as sent, some store them decoded with the header left as
 * it was). A body cut inside a chunk keeps what it has. */
static int
dechunk(struct buf *b)
{
	struct buf out = {0};
	size_t in = 0;

	for (;;) {
		char *end;
		if (in >= b->len || hex_value((unsigned char)b->data[in]) < 0)
			goto fail;
		errno = 0;
		unsigned long long n = strtoull(b->data + in, &end, 16);
		if (errno)
			goto fail;
		char *nl = memchr(end, '\n', b->len - (size_t)(end - b->data));
		if (nl == NULL)
			goto fail;
		in = (size_t)(nl - b->data) + 1;
		if (n == 0)
			break;
		if (n > b->len - in) {
			if (out.len == 0)
				goto fail;
			buf_put(&out, b->data + in, b->len - in);
			break;
		}
		buf_put(&out, b->data + in, (size_t)n);
		in += (size_t)n;
		if (in < b->len && b->data[in] == '\r')
			in++;
		if (in < b->len && b->data[in] == '\n')
			in++;
	}
	buf_put(&out, "", 0);
	buf_free(b);
	*b = out;
	return 0;
fail:
	buf_free(&out);
	return -1;
}

/* Inflates b (zlib or gzip when wbits is 15 + 32, raw deflate when -15) up to max bytes. Bytes
 * after a complete gzip member that are no member are ignored, as browsers do. */
static int
inflate_all(const struct buf *b, int wbits, size_t max, struct buf *out, const char **why)
{
	z_stream z;
	unsigned char chunk[65536];
	int rc = -1, zr, ended = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, wbits) != Z_OK) {
		*why = "zlib cannot start";
		return -1;
	}
	z.next_in = (unsigned char *)b->data;
	z.avail_in = (uInt)b->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zr = inflate(&z, Z_NO_FLUSH);
		buf_put(out, chunk, sizeof(chunk) - z.avail_out);
		if (out->len > max) {
			*why = "too large";
			goto done;
		}
		/* A gzip payload may hold several members. */
		if (zr == Z_STREAM_END) {
			ended = 1;
			if (z.avail_in > 0 && wbits > 15)
				zr = inflateReset(&z);
		}
	} while (zr == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
	if (zr != Z_STREAM_END && !ended) {
		*why = "damaged compressed payload";
		goto done;
	}
	rc = 0;
done:
	inflateEnd(&z);
	return rc;
}

/* Decodes Brotli up to max bytes. */
static int
unbrotli(const struct buf *b, size_t max, struct buf *out, const char **why)
{
	BrotliDecoderState *s = BrotliDecoderCreateInstance(NULL, NULL, NULL);
	const uint8_t *next_in = (const uint8_t *)b->data;
	size_t avail_in = b->len;
	BrotliDecoderResult r;
	int rc = -1;

	if (s == NULL) {
		*why = "out of memory";
		return -1;
	}
	do {
		uint8_t chunk[65536], *next_out = chunk;
		size_t avail_out = sizeof(chunk);
		r = BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, NULL);
		buf_put(out, chunk, sizeof(chunk) - avail_out);
		if (out->len > max) {
			*why = "too large";
			goto done;
		}
	} while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
	if (r != BROTLI_DECODER_RESULT_SUCCESS) {
		*why = "damaged Brotli payload";
		goto done;
	}
	rc = 0;
done:
	BrotliDecoderDestroyInstance(s);
	return rc;
}

int
warc_payload(struct warc *w, size_t i, size_t max, char **out, size_t *len, const char **why)
{
	const struct warc_rec *rec = &w->recs[i];
	struct rd *r = xcalloc(1, sizeof(*r));
	struct buf b = {0}, d = {0};
	uint64_t n = rec->block_len - rec->http_len, at = rec->block_off + rec->http_len;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (rec->http_len > rec->block_len)
		n = 0;
	if (n > max) {
		*why = "too large";
		goto out;
	}
	{
		size_t s = w->gz ? sync_at(w, at) : 0;
		uint64_t c = w->gz ? w->sync_c[s] : at, u = w->gz ? w->sync_u[s] : at;
		if (rd_start(r, w->f, w->gz, c, u) != 0 || rd_read(r, NULL, at - u) < at - u) {
			*why = r->err ? r->err : "cannot read";
			goto out;
		}
	}
	/* Read as it comes: a Content-Length is no proof that the bytes are there. */
	{
		char chunk[65536];
		uint64_t k;
		while (b.len < n && (k = rd_read(r, chunk, n - b.len < sizeof(chunk) ?
		    n - b.len : sizeof(chunk))) > 0)
			buf_put(&b, chunk, (size_t)k);
		buf_put(&b, "", 0);
	}
	if (b.len < n && !rec->truncated) {
		*why = r->err ? r->err : "the file ends inside the record";
		goto out;
	}
	if (rec->chunked)
		dechunk(&b);
	if (rec->encoding && *rec->encoding && strcmp(rec->encoding, "identity") != 0) {
		int bad;
		if (strcmp(rec->encoding, "gzip") == 0 || strcmp(rec->encoding, "x-gzip") == 0)
			bad = inflate_all(&b, 15 + 32, max, &d, why);
		else if (strcmp(rec->encoding, "deflate") == 0) {
			/* "deflate" is zlib data by the standard, raw deflate by some servers. */
			bad = inflate_all(&b, 15, max, &d, why);
			if (bad) {
				buf_reset(&d);
				bad = inflate_all(&b, -15, max, &d, why);
			}
		} else if (strcmp(rec->encoding, "br") == 0)
			bad = unbrotli(&b, max, &d, why);
		else {
			*why = "unknown Content-Encoding";
			bad = -1;
		}
		if (bad) {
			/* Some tools store the payload decoded and keep the header: use it as it is
			 * if it does not look compressed. */
			if (b.len >= 2 && (unsigned char)b.data[0] == 0x1F &&
			    (unsigned char)b.data[1] == 0x8B)
				goto out;
			if (strcmp(*why, "too large") == 0 || strcmp(*why, "unknown Content-Encoding") == 0)
				goto out;
		} else {
			buf_free(&b);
			b = d;
			d = (struct buf){0};
		}
	}
	if (b.len > max) {
		*why = "too large";
		goto out;
	}
	*len = b.len;
	*out = buf_detach(&b);
	rc = 0;
out:
	rd_end(r);
	free(r);
	buf_free(&b);
	buf_free(&d);
	return rc;
}

void
warc_close(struct warc *w)
{
	for (size_t i = 0; i < w->nrecs; i++)
		rec_free(&w->recs[i]);
	free(w->recs);
	free(w->sync_c);
	free(w->sync_u);
	free(w->label);
	if (w->f)
		fclose(w->f);
	memset(w, 0, sizeof(*w));
}
