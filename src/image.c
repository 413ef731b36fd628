/* Photos: the public functions, reading files and headers, and choosing what to do. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_int.h"

/* Files larger than this are not read at all. */
#define MAX_FILE IMAGE_MAX_BYTES
/* image_probe reads this much first, then more (eight times as much each time) up to PROBE_MAX
 * when a JPEG's frame header comes after large APPn segments. */
#define PROBE_FIRST ((size_t)4096)
#define PROBE_MAX ((size_t)64 << 20)

static const char E_TOO_LARGE[] = "too large (over 30000 pixels a side or 80 megapixels)";
static const char E_NOT_IMAGE[] = "not an image";

/* Frees the ICC profile and segments x holds and empties it; x itself is the caller's. */
void
image_extra_free(struct extra *x)
{
	free(x->icc);
	x->icc = NULL;
	x->icc_len = 0;
	buf_free(&x->segs);
}

/* Moves the bytes of b into *out, which then owns them (image_data_free); b is left empty. */
void
image_give(struct image_data *out, enum image_type type, struct buf *b, int w, int h)
{
	out->type = type;
	out->data = (unsigned char *)b->data;
	out->len = b->len;
	out->width = w;
	out->height = h;
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Files and headers. */

/* Appends bytes from f to b until it holds want bytes, the file ends or reading fails. */
static void
read_upto(FILE *f, struct buf *b, size_t want)
{
	unsigned char chunk[65536];
	size_t k;

	while (b->len < want) {
		k = fread(chunk, 1, want - b->len < sizeof chunk ? want - b->len : sizeof chunk, f);
		if (k == 0)
			break;
		buf_put(b, chunk, k);
	}
}

/* Reads a whole file of less than MAX_FILE bytes; not util.h's file_read, for that limit and
 * for messages that tell opening from reading. */
static int
read_file(const char *path, struct buf *out, const char **why)
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		*why = "cannot open file";
		return -1;
	}
	read_upto(f, out, MAX_FILE);
	if (ferror(f)) {
		*why = "cannot read file";
		goto fail;
	}
	if (out->len >= MAX_FILE) {
		*why = "file too large";
		goto fail;
	}
	fclose(f);
	if (out->len == 0) {
		*why = "empty file";
		buf_free(out);
		return -1;
	}
	return 0;
fail:
	fclose(f);
	buf_free(out);
	return -1;
}

static enum image_type
sniff(const unsigned char *b, size_t n)
{
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return IMAGE_JPEG;
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
		return IMAGE_PNG;
	if (n >= 6 && (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6)))
		return IMAGE_GIF;
	if (n >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WEBP", 4))
		return IMAGE_WEBP;
	return IMAGE_NONE;
}

/* Refuses sizes that are empty or that would make decoding a bomb. */
int
image_check_size(uint32_t w, uint32_t h, const char **why)
{
	if (w == 0 || h == 0) {
		*why = "corrupt header: zero size";
		return -1;
	}
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || (uint64_t)w * h > IMAGE_MAX_PIXELS) {
		*why = E_TOO_LARGE;
		return -1;
	}
	return 0;
}

/* Reads the header of any supported image from its first n bytes (the whole file when complete).
 * Returns 0, 1 when more bytes are needed (only when not complete), or -1 with *why set. */
static int
parse_header(const unsigned char *b, size_t n, int complete, struct hdr *h, const char **why)
{
	int r = -1;

	memset(h, 0, sizeof *h);
	if (n == 0 && complete) {
		*why = "empty file";
		return -1;
	}
	if (n < 12 && !complete)
		return 1;
	h->type = sniff(b, n);
	switch (h->type) {
	case IMAGE_JPEG:
		r = jpeg_parse_header(b, n, h, why);
		break;
	case IMAGE_PNG:
		r = png_parse_header(b, n, h, why);
		break;
	case IMAGE_GIF:
		r = gif_parse_header(b, n, h, why);
		break;
	case IMAGE_WEBP:
		r = webp_parse_header(b, n, h, why);
		break;
	case IMAGE_NONE:
		*why = E_NOT_IMAGE;
		return -1;
	}
	if (r == 1 && complete) {
		*why = IMAGE_E_TRUNCATED;
		return -1;
	}
	if (r)
		return r;
	/* Huffman coding spends at least one bit on each 8x8 block: a whole file with fewer bits
	 * than its size has blocks cannot hold its pixels. (Arithmetic coding, rare, might.) */
	if (complete && h->type == IMAGE_JPEG && (h->sof & 0x08) == 0 &&
	    (uint64_t)n * 8 < (uint64_t)((h->w + 7) / 8) * (uint64_t)((h->h + 7) / 8)) {
		*why = "truncated: too few bytes for its size";
		return -1;
	}
	if (h->orientation < 1 || h->orientation > 8)
		h->orientation = 1;
	return 0;
}

/* Checks the size limit on bytes in memory, as read_file does on a file. */
static int
memlimit(size_t len, const char **why)
{
	if (len >= MAX_FILE) {
		*why = "file too large";
		return -1;
	}
	if (len == 0) {
		*why = "empty file";
		return -1;
	}
	return 0;
}

/* The size as displayed. */
void
image_oriented_size(const struct hdr *h, int *w, int *hh)
{
	*w = h->orientation >= 5 ? h->h : h->w;
	*hh = h->orientation >= 5 ? h->w : h->h;
}

/* The size that fits w x h into max_px on its long side (0: no limit), never enlarging. */
static void
fit(int w, int h, int max_px, int *tw, int *th)
{
	*tw = w;
	*th = h;
	if (max_px <= 0 || (w <= max_px && h <= max_px))
		return;
	if (w >= h) {
		*tw = max_px;
		*th = (int)(((int64_t)h * max_px + w / 2) / w);
	} else {
		*th = max_px;
		*tw = (int)(((int64_t)w * max_px + h / 2) / h);
	}
	if (*tw < 1)
		*tw = 1;
	if (*th < 1)
		*th = 1;
}

/* Whether an ICC profile describes the colour space of an output (its bytes 16..19). */
int
image_icc_fits(const unsigned char *icc, size_t len, int gray)
{
	return icc && len >= 132 && !memcmp(icc + 16, gray ? "GRAY" : "RGB ", 4);
}

/* Decodes any supported image, reduced to fit max_px and turned upright. */
static int
decode_image(const unsigned char *b, size_t n, const struct hdr *h, int max_px, struct extra *x,
             int keep, struct raster *r, const char **why)
{
	int tw, th, rc = -1;

	switch (h->type) {
	case IMAGE_JPEG:
		fit(h->w, h->h, max_px, &tw, &th);
		rc = jpeg_decode(b, n, tw, th, x, keep, r, why);
		break;
	case IMAGE_PNG:
		rc = png_decode(b, n, r, x, why);
		break;
	case IMAGE_GIF:
		rc = gif_decode(b, n, r, why);
		break;
	case IMAGE_WEBP:
		rc = webp_decode(b, n, r, why);
		break;
	case IMAGE_NONE:
		*why = E_NOT_IMAGE;
		break;
	}
	if (rc)
		return -1;
	fit(r->w, r->h, max_px, &tw, &th);
	if (raster_scale(r, tw, th) || raster_orient(r, h->orientation)) {
		raster_free(r);
		if (x)
			image_extra_free(x);
		*why = IMAGE_E_OOM;
		return -1;
	}
	return 0;
}

/* The public functions. */

/* Reads no more of the file than its header needs; *info is the caller's (image.h). */
int
image_probe(const char *path, struct image_info *info, const char **why)
{
	const char *dummy;
	struct buf b = {NULL, 0, 0};
	struct hdr h;
	size_t want = PROBE_FIRST;
	FILE *f;
	int r, eof;

	if (!why)
		why = &dummy;
	memset(info, 0, sizeof *info);
	f = fopen(path, "rb");
	if (!f) {
		*why = "cannot open file";
		return -1;
	}
	for (;;) {
		read_upto(f, &b, want);
		if (ferror(f)) {
			*why = "cannot read file";
			r = -1;
			break;
		}
		eof = b.len < want;
		r = parse_header((const unsigned char *)b.data, b.len, eof, &h, why);
		if (r != 1)
			break;
		if (want >= PROBE_MAX) {
			*why = "header too long";
			r = -1;
			break;
		}
		want *= 8;
	}
	fclose(f);
	buf_free(&b);
	if (r)
		return -1;
	info->type = h.type;
	info->orientation = h.orientation;
	image_oriented_size(&h, &info->width, &info->height);
	return 0;
}

/* The whole photo is at hand: its header is read from it; *info is the caller's (image.h). */
int
image_probe_mem(const unsigned char *b, size_t n, struct image_info *info, const char **why)
{
	const char *dummy;
	struct hdr h;

	if (!why)
		why = &dummy;
	memset(info, 0, sizeof *info);
	if (memlimit(n, why) || parse_header(b, n, 1, &h, why))
		return -1;
	info->type = h.type;
	info->orientation = h.orientation;
	image_oriented_size(&h, &info->width, &info->height);
	return 0;
}

/* Re-encodes any image: JPEG sources stay JPEG, WebP without alpha becomes JPEG, all else PNG. */
static int
epub_reencode(const unsigned char *b, size_t n, const struct hdr *h, int max_px, int keep_meta,
              struct image_data *out, const char **why)
{
	struct extra x = {NULL, 0, {NULL, 0, 0}};
	struct raster r;
	int jpeg, rc;

	if (decode_image(b, n, h, max_px, &x, keep_meta && h->type == IMAGE_JPEG, &r, why))
		return -1;
	jpeg = h->type == IMAGE_JPEG || (h->type == IMAGE_WEBP && !r.has_alpha);
	rc = jpeg ? jpeg_encode(&r, &x, out, why) : png_encode(&r, &x, out, why);
	if (rc == 0 && jpeg && keep_meta)
		jpeg_reset_orientation(out->data, out->len);
	raster_free(&r);
	image_extra_free(&x);
	return rc;
}

static int
epub_jpeg(const unsigned char *b, size_t n, const struct hdr *h, int max_px, int keep_meta,
          struct image_data *out, const char **why)
{
	struct buf s = {NULL, 0, 0}, t = {NULL, 0, 0};
	int ow, oh, tw, th;

	image_oriented_size(h, &ow, &oh);
	/* CMYK and other unusual JPEGs become RGB JPEGs: e-readers show them badly if at all. */
	if (jpeg_plain(h) && (max_px <= 0 || (ow <= max_px && oh <= max_px))) {
		if (jpeg_strip(b, n, keep_meta, &s, why))
			return -1;
		if (h->orientation == 1) {
			image_give(out, IMAGE_JPEG, &s, h->w, h->h);
			return 0;
		}
		if (jpeg_transform((const unsigned char *)s.data, s.len, h, &t, &tw, &th) == 0) {
			buf_free(&s);
			if (keep_meta)
				jpeg_reset_orientation((unsigned char *)t.data, t.len);
			image_give(out, IMAGE_JPEG, &t, tw, th);
			return 0;
		}
		buf_free(&s);
	}
	return epub_reencode(b, n, h, max_px, keep_meta, out, why);
}

/* On success *out owns the bytes: the caller frees them with image_data_free (image.h). */
int
image_for_epub_mem(const unsigned char *b, size_t n, int max_px, int keep_meta,
                   struct image_data *out, const char **why)
{
	const char *dummy;
	struct buf s = {NULL, 0, 0};
	struct hdr h;
	int rc;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (memlimit(n, why) || parse_header(b, n, 1, &h, why))
		return -1;
	if (h.type == IMAGE_JPEG) {
		rc = epub_jpeg(b, n, &h, max_px, keep_meta, out, why);
	} else if (h.type == IMAGE_PNG && (max_px <= 0 || (h.w <= max_px && h.h <= max_px))) {
		rc = png_strip(b, n, keep_meta, &s, why);
		if (rc == 0)
			image_give(out, IMAGE_PNG, &s, h.w, h.h);
	} else {
		rc = epub_reencode(b, n, &h, max_px, keep_meta, out, why);
	}
	return rc;
}

/* The file's bytes, then as image_for_epub_mem. */
int
image_for_epub(const char *path, int max_px, int keep_meta, struct image_data *out,
               const char **why)
{
	const char *dummy;
	struct buf file = {NULL, 0, 0};
	int rc;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (read_file(path, &file, why))
		return -1;
	rc = image_for_epub_mem((const unsigned char *)file.data, file.len, max_px, keep_meta, out,
	    why);
	buf_free(&file);
	return rc;
}

int
image_for_print_mem(const unsigned char *b, size_t n, int max_px, int keep_meta,
                    struct image_data *out, const char **why)
{
	const char *dummy;
	struct hdr h;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (memlimit(n, why) || parse_header(b, n, 1, &h, why))
		return -1;
	if (h.type != IMAGE_JPEG) {
		*why = "not a JPEG";
		return -1;
	}
	return epub_reencode(b, n, &h, max_px, keep_meta, out, why);
}

/* Cairo 1.16 (checked on Debian 12's 1.16.0 by embedding a CMYK JPEG as CAIRO_MIME_TYPE_JPEG)
 * writes a 4-component JPEG as /DeviceCMYK with /DCTDecode and no /Decode array. Adobe CMYK
 * JPEGs store inverted samples, so mupdf and poppler then rendered the test image as a negative
 * (full ink where there was none). Such JPEGs are therefore not embeddable as they are: this
 * returns 0 and the caller decodes them (image_decode converts them to RGB correctly). So do
 * arithmetic-coded JPEGs, which PDF's DCTDecode does not support, and RGB-coded ones, which PDF
 * readers would take for YCbCr. */
int
image_jpeg_for_pdf_mem(const unsigned char *b, size_t n, int keep_meta, struct image_data *out,
                       int *orientation, const char **why)
{
	const char *dummy;
	struct buf s = {NULL, 0, 0};
	struct hdr h;
	int rc = 0;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (orientation)
		*orientation = 1;
	if (memlimit(n, why) || parse_header(b, n, 1, &h, why))
		return -1;
	if (h.type == IMAGE_JPEG && jpeg_plain(&h)) {
		if (jpeg_strip(b, n, keep_meta, &s, why)) {
			rc = -1;
		} else {
			image_give(out, IMAGE_JPEG, &s, h.w, h.h);
			if (orientation)
				*orientation = h.orientation;
			rc = 1;
		}
	}
	return rc;
}

/* The file's bytes, then as image_jpeg_for_pdf_mem. */
int
image_jpeg_for_pdf(const char *path, int keep_meta, struct image_data *out, int *orientation,
                   const char **why)
{
	const char *dummy;
	struct buf file = {NULL, 0, 0};
	int rc;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (orientation)
		*orientation = 1;
	if (read_file(path, &file, why))
		return -1;
	rc = image_jpeg_for_pdf_mem((const unsigned char *)file.data, file.len, keep_meta, out,
	    orientation, why);
	buf_free(&file);
	return rc;
}

/* On success *out owns the pixels: the caller frees them with image_pixels_free (image.h). */
int
image_decode_mem(const unsigned char *b, size_t len, int max_px, struct image_pixels *out,
                 const char **why)
{
	const char *dummy;
	struct raster r;
	struct hdr h;
	const unsigned char *s;
	uint32_t a, *q;
	size_t i, n;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (memlimit(len, why) || parse_header(b, len, 1, &h, why))
		return -1;
	if (decode_image(b, len, &h, max_px, NULL, 0, &r, why))
		return -1;
	n = (size_t)r.w * (size_t)r.h;
	out->px = malloc(n * sizeof *out->px);
	if (!out->px) {
		raster_free(&r);
		*why = IMAGE_E_OOM;
		return -1;
	}
	s = r.px;
	q = out->px;
	for (i = 0; i < n; i++, s += 4) {
		a = s[3];
		if (a == 255)
			q[i] = 0xFF000000u | (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
		else
			q[i] = a << 24 | ((s[0] * a + 127) / 255) << 16 |
			       ((s[1] * a + 127) / 255) << 8 | ((s[2] * a + 127) / 255);
	}
	out->width = r.w;
	out->height = r.h;
	out->has_alpha = r.has_alpha;
	raster_free(&r);
	return 0;
}

/* The file's bytes, then as image_decode_mem. */
int
image_decode(const char *path, int max_px, struct image_pixels *out, const char **why)
{
	const char *dummy;
	struct buf file = {NULL, 0, 0};
	int rc;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (read_file(path, &file, why))
		return -1;
	rc = image_decode_mem((const unsigned char *)file.data, file.len, max_px, out, why);
	buf_free(&file);
	return rc;
}

/* Returns a static string, or NULL for IMAGE_NONE. */
const char *
image_media_type(enum image_type type)
{
	switch (type) {
	case IMAGE_JPEG:
		return "image/jpeg";
	case IMAGE_PNG:
		return "image/png";
	case IMAGE_GIF:
		return "image/gif";
	case IMAGE_WEBP:
		return "image/webp";
	case IMAGE_NONE:
		break;
	}
	return NULL;
}

/* Returns a static string, or NULL for IMAGE_NONE. */
const char *
image_extension(enum image_type type)
{
	switch (type) {
	case IMAGE_JPEG:
		return "jpg";
	case IMAGE_PNG:
		return "png";
	case IMAGE_GIF:
		return "gif";
	case IMAGE_WEBP:
		return "webp";
	case IMAGE_NONE:
		break;
	}
	return NULL;
}

/* Frees the bytes and zeroes *d; accepts NULL and a zeroed struct. */
void
image_data_free(struct image_data *d)
{
	if (!d)
		return;
	free(d->data);
	memset(d, 0, sizeof *d);
}

/* Frees the pixels and zeroes *p; accepts NULL and a zeroed struct. */
void
image_pixels_free(struct image_pixels *p)
{
	if (!p)
		return;
	free(p->px);
	memset(p, 0, sizeof *p);
}
