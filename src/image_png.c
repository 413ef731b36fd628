/* PNG with libpng: the header, decoding any PNG, encoding 8-bit PNGs, metadata stripping. */

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zlib.h>

#include "image_int.h"

/* Reads a PNG's IHDR chunk, which must come first. */
int
png_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why)
{
	if (n < 33)
		return 1;
	if (be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4)) {
		*why = "corrupt PNG header";
		return -1;
	}
	if (be32(b + 16) > 0x7FFFFFFFu || be32(b + 20) > 0x7FFFFFFFu) {
		*why = "corrupt PNG header";
		return -1;
	}
	if (image_check_size(be32(b + 16), be32(b + 20), why))
		return -1;
	h->w = (int)be32(b + 16);
	h->h = (int)be32(b + 20);
	return 0;
}

/* PNG decoding and encoding with libpng: errors longjmp back, warnings are ignored. */

struct png_in {
	const unsigned char *b;
	size_t n, pos;
};

static void
png_read_cb(png_structp png, png_bytep d, size_t len)
{
	struct png_in *in = png_get_io_ptr(png);

	if (len > in->n - in->pos)
		png_error(png, "truncated");
	memcpy(d, in->b + in->pos, len);
	in->pos += len;
}

static void
png_write_cb(png_structp png, png_bytep d, size_t len)
{
	buf_put(png_get_io_ptr(png), d, len);
}

static void
png_flush_cb(png_structp png)
{
	(void)png;
}

static void
png_error_cb(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void
png_warn_cb(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

struct pdec {
	png_structp png;
	png_infop info;
	struct png_in in;
	png_bytep *rows;
	struct raster r;
};

/* The body of png_decode; libpng errors longjmp out of it. */
static int
png_decode_run(struct pdec *d, struct extra *x, const char **why)
{
	png_uint_32 w, h, y, plen;
	int depth, ct, il, trns, comp;
	png_charp name;
	png_bytep prof;

	png_set_user_limits(d->png, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
	png_set_read_fn(d->png, &d->in, png_read_cb);
	png_read_info(d->png, d->info);
	png_get_IHDR(d->png, d->info, &w, &h, &depth, &ct, &il, NULL, NULL);
	if (image_check_size(w, h, why))
		return -1;
	trns = png_get_valid(d->png, d->info, PNG_INFO_tRNS) != 0;
	if (ct == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(d->png);
	if ((ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_GRAY_ALPHA) && depth < 8)
		png_set_expand_gray_1_2_4_to_8(d->png);
	if (trns)
		png_set_tRNS_to_alpha(d->png);
	if (depth == 16)
		png_set_scale_16(d->png);
	if (ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(d->png);
	if (!(ct & PNG_COLOR_MASK_ALPHA) && !trns)
		png_set_filler(d->png, 0xFF, PNG_FILLER_AFTER);
	png_set_interlace_handling(d->png);
	png_read_update_info(d->png, d->info);
	if (png_get_rowbytes(d->png, d->info) != (size_t)w * 4) {
		*why = "unsupported PNG";
		return -1;
	}
	d->rows = malloc((size_t)h * sizeof *d->rows);
	if (!d->rows || raster_alloc(&d->r, (int)w, (int)h)) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	for (y = 0; y < h; y++)
		d->rows[y] = d->r.px + (size_t)y * w * 4;
	png_read_image(d->png, d->rows);
	png_read_end(d->png, NULL);
	if (x && png_get_iCCP(d->png, d->info, &name, &comp, &prof, &plen) && prof && plen > 0) {
		x->icc = malloc(plen);
		if (!x->icc) {
			*why = IMAGE_E_OOM;
			return -1;
		}
		memcpy(x->icc, prof, plen);
		x->icc_len = plen;
	}
	d->r.gray = ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_GRAY_ALPHA;
	d->r.has_alpha = raster_has_alpha(&d->r);
	return 0;
}

/* Decodes any PNG (palette, gray, 16-bit, tRNS, interlaced) to RGBA; x receives its ICC profile
 * when not NULL. The whole stream up to IEND must be there. */
int
png_decode(const unsigned char *b, size_t n, struct raster *out, struct extra *x, const char **why)
{
	struct pdec *d;
	int rc;

	/* The chunks first, as the EPUB's copy checks them: a damaged file is refused alike by
	 * every output, for the same reason (libpng would pass over a bad ancillary chunk). */
	if (png_strip(b, n, 1, NULL, why) != 0)
		return -1;
	d = calloc(1, sizeof *d);
	if (!d) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	d->in.b = b;
	d->in.n = n;
	d->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warn_cb);
	if (!d->png || !(d->info = png_create_info_struct(d->png))) {
		*why = IMAGE_E_OOM;
		rc = -1;
	} else if (setjmp(png_jmpbuf(d->png))) {
		*why = d->in.pos >= d->in.n ? "truncated PNG" : "corrupt PNG";
		rc = -1;
	} else {
		rc = png_decode_run(d, x, why);
	}
	if (rc == 0) {
		*out = d->r;
		d->r.px = NULL;
	} else if (x) {
		image_extra_free(x);
	}
	if (d->png)
		png_destroy_read_struct(&d->png, d->info ? &d->info : NULL, NULL);
	free(d->rows);
	raster_free(&d->r);
	free(d);
	return rc;
}

struct penc {
	png_structp png;
	png_infop info;
	struct buf out;
	unsigned char *row;
};

/* The body of png_encode; libpng errors longjmp out of it. */
static void
png_encode_run(struct penc *e, const struct raster *r, const struct extra *x)
{
	int ct, y, i, c;
	const unsigned char *s;
	unsigned char *q;

	ct = r->gray ? (r->has_alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY)
	             : (r->has_alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB);
	png_set_benign_errors(e->png, 1);
	png_set_write_fn(e->png, &e->out, png_write_cb, png_flush_cb);
	png_set_IHDR(e->png, e->info, (png_uint_32)r->w, (png_uint_32)r->h, 8, ct,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (x && image_icc_fits(x->icc, x->icc_len, r->gray) && x->icc_len <= 0x7FFFFFFF)
		png_set_iCCP(e->png, e->info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, x->icc,
		             (png_uint_32)x->icc_len);
	png_write_info(e->png, e->info);
	for (y = 0; y < r->h; y++) {
		s = r->px + (size_t)y * (size_t)r->w * 4;
		q = e->row;
		for (i = 0; i < r->w; i++, s += 4) {
			if (r->gray)
				*q++ = s[0];
			else
				for (c = 0; c < 3; c++)
					*q++ = s[c];
			if (r->has_alpha)
				*q++ = s[3];
		}
		png_write_row(e->png, e->row);
	}
	png_write_end(e->png, NULL);
}

/* Encodes a raster as an 8-bit PNG: gray or RGB, with alpha only when some pixel needs it, the
 * ICC profile when it fits, and nothing time-dependent (no tIME chunk), so the same pixels always
 * give the same bytes. */
int
png_encode(const struct raster *r, const struct extra *x, struct image_data *out, const char **why)
{
	struct penc *e = calloc(1, sizeof *e);
	size_t ch = (r->gray ? 1 : 3) + (r->has_alpha ? 1 : 0);
	int rc;

	if (!e) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	e->row = malloc((size_t)r->w * ch);
	e->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warn_cb);
	if (!e->row || !e->png || !(e->info = png_create_info_struct(e->png))) {
		*why = IMAGE_E_OOM;
		rc = -1;
	} else if (setjmp(png_jmpbuf(e->png))) {
		*why = "cannot encode PNG";
		rc = -1;
	} else {
		png_encode_run(e, r, x);
		image_give(out, IMAGE_PNG, &e->out, r->w, r->h);
		rc = 0;
	}
	if (e->png)
		png_destroy_write_struct(&e->png, e->info ? &e->info : NULL);
	buf_free(&e->out);
	free(e->row);
	free(e);
	return rc;
}

/* Copies a PNG's chunk stream, without its text, time and EXIF chunks unless keep_meta, up to
 * and including IEND (anything after it is dropped); with out NULL, only checks it. A chunk
 * whose CRC is wrong fails it: the file is damaged, and e-readers may refuse it. */
int
png_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out, const char **why)
{
	static const char *const drop[] = {"tEXt", "zTXt", "iTXt", "eXIf", "tIME"};
	size_t pos = 8, len, i;
	int keep, first = 1;

	if (out)
		buf_put(out, b, 8);
	for (;;) {
		if (n - pos < 12) {
			*why = "truncated PNG";
			goto fail;
		}
		len = be32(b + pos);
		if (len > 0x7FFFFFFFu) {
			*why = "corrupt PNG";
			goto fail;
		}
		if (n - pos - 12 < len) {
			*why = "truncated PNG";
			goto fail;
		}
		if (first && memcmp(b + pos + 4, "IHDR", 4)) {
			*why = "corrupt PNG";
			goto fail;
		}
		first = 0;
		if (crc32(crc32(0, NULL, 0), b + pos + 4, (uInt)len + 4) != be32(b + pos + 8 + len)) {
			*why = "corrupt PNG: a chunk's CRC is wrong";
			goto fail;
		}
		keep = 1;
		for (i = 0; !keep_meta && i < sizeof drop / sizeof *drop; i++)
			if (!memcmp(b + pos + 4, drop[i], 4))
				keep = 0;
		if (keep && out)
			buf_put(out, b + pos, len + 12);
		if (!memcmp(b + pos + 4, "IEND", 4))
			return 0;
		pos += len + 12;
	}
fail:
	if (out)
		buf_free(out);
	return -1;
}
