/* JPEG pixels with libjpeg: decoding (with DCT scaling), CMYK, and encoding at quality 85. */

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "image_int.h"

#define JPEG_QUALITY 85
/* A progressive JPEG with more scans than this is refused: each scan is a pass over the image. */
#define JPEG_MAX_SCANS 1000
/* The most memory libjpeg may use for one image (coefficient buffers of progressive JPEGs). */
#define JPEG_MAX_MEMORY (1024L * 1024L * 1024L)

/* JPEG decoding and encoding with libjpeg: errors longjmp back, warnings are counted silently
 * and a premature end of data makes the whole decode fail. */

struct jpeg_err {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
	int eof;
};

static void
jpeg_err_exit(j_common_ptr c)
{
	longjmp(((struct jpeg_err *)c->err)->jb, 1);
}

static void
jpeg_err_emit(j_common_ptr c, int level)
{
	struct jpeg_err *e = (struct jpeg_err *)c->err;

	if (level < 0) {
		if (e->pub.msg_code == JWRN_JPEG_EOF)
			e->eof = 1;
		e->pub.num_warnings++;
	}
}

static void
jpeg_err_output(j_common_ptr c)
{
	(void)c;
}

static void
jpeg_err_init(struct jpeg_err *e)
{
	jpeg_std_error(&e->pub);
	e->pub.error_exit = jpeg_err_exit;
	e->pub.emit_message = jpeg_err_emit;
	e->pub.output_message = jpeg_err_output;
}

/* Refuses progressive JPEGs made of absurdly many scans. */
static void
jpeg_progress(j_common_ptr c)
{
	if (c->is_decompressor && ((j_decompress_ptr)c)->input_scan_number > JPEG_MAX_SCANS) {
		c->err->msg_code = JERR_BAD_PROGRESSION;
		c->err->error_exit(c);
	}
}

/* The decoder's state lives on the heap so that nothing is lost across longjmp. */
struct jdec {
	struct jpeg_decompress_struct c;
	struct jpeg_err err;
	struct jpeg_progress_mgr prog;
	unsigned char *row;
	struct scaler *sc;
	struct raster r;
};

/* Converts CMYK samples in place to RGBA. Adobe's JPEGs store CMYK (and YCCK, which libjpeg
 * turns into CMYK) inverted, 0 meaning full ink; others store it as is. */
static void
cmyk_to_rgba(unsigned char *p, int w, int inverted)
{
	unsigned c, m, y, k;
	int x;

	for (x = 0; x < w; x++, p += 4) {
		c = p[0];
		m = p[1];
		y = p[2];
		k = p[3];
		if (!inverted) {
			c = 255 - c;
			m = 255 - m;
			y = 255 - y;
			k = 255 - k;
		}
		p[0] = (unsigned char)((c * k + 127) / 255);
		p[1] = (unsigned char)((m * k + 127) / 255);
		p[2] = (unsigned char)((y * k + 127) / 255);
		p[3] = 255;
	}
}

/* Collects the ICC profile and, when keep, the APPn and COM segments worth copying into a
 * re-encoded JPEG (not APP0 JFIF or APP14 Adobe, which the encoder writes itself, nor other APP2
 * such as MPF, whose offsets would be wrong). Called between jpeg_read_header and decoding. */
static void
jpeg_take_extra(j_decompress_ptr c, int keep, struct extra *x)
{
	jpeg_saved_marker_ptr m;
	JOCTET *icc = NULL;
	unsigned int icc_len = 0;
	unsigned char h[3];

	if (jpeg_read_icc_profile(c, &icc, &icc_len) && icc && icc_len > 0) {
		x->icc = icc;
		x->icc_len = icc_len;
	} else {
		free(icc);
	}
	if (!keep)
		return;
	for (m = c->marker_list; m; m = m->next) {
		if (m->marker == JPEG_APP0 || m->marker == JPEG_APP0 + 2 ||
		    m->marker == JPEG_APP0 + 14 || m->data_length > 65533)
			continue;
		h[0] = (unsigned char)m->marker;
		h[1] = (unsigned char)(m->data_length >> 8);
		h[2] = (unsigned char)m->data_length;
		buf_put(&x->segs, h, 3);
		buf_put(&x->segs, m->data, m->data_length);
	}
}

/* The body of jpeg_decode; libjpeg errors longjmp out of it. */
static int
jpeg_decode_run(struct jdec *d, const unsigned char *b, size_t n, int tw, int th, struct extra *x,
                int keep, const char **why)
{
	j_decompress_ptr c = &d->c;
	JSAMPROW rp;
	unsigned den, w, h;
	int cmyk, inverted, m;

	jpeg_create_decompress(c);
	c->mem->max_memory_to_use = JPEG_MAX_MEMORY;
	d->prog.progress_monitor = jpeg_progress;
	c->progress = &d->prog;
	jpeg_mem_src(c, b, (unsigned long)n);
	if (x) {
		jpeg_save_markers(c, JPEG_APP0 + 2, 0xFFFF);
		if (keep) {
			for (m = JPEG_APP0 + 1; m <= JPEG_APP0 + 15; m++)
				if (m != JPEG_APP0 + 2 && m != JPEG_APP0 + 14)
					jpeg_save_markers(c, m, 0xFFFF);
			jpeg_save_markers(c, JPEG_COM, 0xFFFF);
		}
	}
	if (jpeg_read_header(c, TRUE) != JPEG_HEADER_OK) {
		*why = "corrupt JPEG";
		return -1;
	}
	if (image_check_size(c->image_width, c->image_height, why))
		return -1;
	if (x)
		jpeg_take_extra(c, keep, x);
	cmyk = c->jpeg_color_space == JCS_CMYK || c->jpeg_color_space == JCS_YCCK;
	inverted = c->saw_Adobe_marker;
	if (!cmyk && c->jpeg_color_space != JCS_GRAYSCALE && c->jpeg_color_space != JCS_YCbCr &&
	    c->jpeg_color_space != JCS_RGB) {
		*why = "unsupported JPEG colour space";
		return -1;
	}
	c->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	w = c->image_width;
	h = c->image_height;
	if (tw > 0 && th > 0 && ((unsigned)tw < w || (unsigned)th < h)) {
		for (den = 8; den > 1; den /= 2)
			if ((w + den - 1) / den >= (unsigned)tw &&
			    (h + den - 1) / den >= (unsigned)th)
				break;
		c->scale_num = 1;
		c->scale_denom = den;
	}
	jpeg_start_decompress(c);
	if (c->output_components != 4 || c->output_width == 0 || c->output_height == 0) {
		*why = "corrupt JPEG";
		return -1;
	}
	w = c->output_width;
	h = c->output_height;
	if (tw > 0 && th > 0 && ((unsigned)tw < w || (unsigned)th < h)) {
		d->r.w = (unsigned)tw < w ? tw : (int)w;
		d->r.h = (unsigned)th < h ? th : (int)h;
		d->sc = scaler_new((int)w, (int)h, d->r.w, d->r.h);
		d->row = malloc((size_t)w * 4);
		if (!d->sc || !d->row) {
			*why = IMAGE_E_OOM;
			return -1;
		}
	} else if (raster_alloc(&d->r, (int)w, (int)h)) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	while (c->output_scanline < h) {
		rp = d->sc ? d->row : d->r.px + (size_t)c->output_scanline * w * 4;
		if (jpeg_read_scanlines(c, &rp, 1) != 1) {
			*why = "corrupt JPEG";
			return -1;
		}
		if (cmyk)
			cmyk_to_rgba(rp, (int)w, inverted);
		if (d->sc)
			scaler_push(d->sc, rp);
	}
	jpeg_finish_decompress(c);
	if (d->err.eof) {
		*why = IMAGE_E_TRUNCATED;
		return -1;
	}
	if (d->sc) {
		d->r.px = scaler_finish(d->sc);
		if (!d->r.px) {
			*why = IMAGE_E_OOM;
			return -1;
		}
	}
	d->r.gray = c->jpeg_color_space == JCS_GRAYSCALE;
	d->r.has_alpha = 0;
	return 0;
}

/* Decodes a JPEG to RGBA in its stored orientation, reduced to at most tw x th (tw 0: full size):
 * libjpeg's DCT scaling goes to the smallest power-of-two reduction that is not smaller than the
 * target, and the box filter does the rest while the rows come in. When x is not NULL it receives
 * the ICC profile and, with keep, the metadata segments. */
int
jpeg_decode(const unsigned char *b, size_t n, int tw, int th, struct extra *x, int keep,
            struct raster *out, const char **why)
{
	struct jdec *d = calloc(1, sizeof *d);
	int rc;

	if (!d) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	d->c.err = &d->err.pub;
	jpeg_err_init(&d->err);
	if (setjmp(d->err.jb)) {
		*why = d->err.eof ? IMAGE_E_TRUNCATED : "corrupt JPEG";
		rc = -1;
	} else {
		rc = jpeg_decode_run(d, b, n, tw, th, x, keep, why);
	}
	if (rc == 0) {
		*out = d->r;
		d->r.px = NULL;
	} else if (x) {
		image_extra_free(x);
	}
	jpeg_destroy_decompress(&d->c);
	scaler_free(d->sc);
	free(d->row);
	raster_free(&d->r);
	free(d);
	return rc;
}

struct jenc {
	struct jpeg_compress_struct c;
	struct jpeg_err err;
	unsigned char *mem;
	unsigned long memlen;
	unsigned char *row;
};

/* The body of jpeg_encode; libjpeg errors longjmp out of it. */
static int
jpeg_encode_run(struct jenc *e, const struct raster *r, const struct extra *x, const char **why)
{
	j_compress_ptr c = &e->c;
	JSAMPROW rp;
	const unsigned char *s;
	size_t pos, len;
	int i;

	jpeg_create_compress(c);
	jpeg_mem_dest(c, &e->mem, &e->memlen);
	c->image_width = (JDIMENSION)r->w;
	c->image_height = (JDIMENSION)r->h;
	c->input_components = r->gray ? 1 : 4;
	c->in_color_space = r->gray ? JCS_GRAYSCALE : JCS_EXT_RGBA;
	jpeg_set_defaults(c);
	jpeg_set_quality(c, JPEG_QUALITY, TRUE);
	c->optimize_coding = TRUE;
	if (r->gray && !(e->row = malloc((size_t)r->w))) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	jpeg_start_compress(c, TRUE);
	if (x) {
		s = (const unsigned char *)x->segs.data;
		for (pos = 0; pos + 3 <= x->segs.len; pos += 3 + len) {
			len = (size_t)s[pos + 1] << 8 | s[pos + 2];
			if (len > x->segs.len - pos - 3)
				break;
			jpeg_write_marker(c, s[pos], s + pos + 3, (unsigned)len);
		}
		if (image_icc_fits(x->icc, x->icc_len, r->gray) && x->icc_len <= 0xFFFFFFFFu)
			jpeg_write_icc_profile(c, x->icc, (unsigned)x->icc_len);
	}
	while (c->next_scanline < c->image_height) {
		rp = r->px + (size_t)c->next_scanline * (size_t)r->w * 4;
		if (r->gray) {
			for (i = 0; i < r->w; i++)
				e->row[i] = rp[(size_t)i * 4];
			rp = e->row;
		}
		jpeg_write_scanlines(c, &rp, 1);
	}
	jpeg_finish_compress(c);
	return 0;
}

/* Encodes an opaque raster as a JPEG (grayscale when the source was), quality 85, optimised
 * Huffman tables, with the ICC profile and segments of x when given. */
int
jpeg_encode(const struct raster *r, const struct extra *x, struct image_data *out, const char **why)
{
	struct jenc *e = calloc(1, sizeof *e);
	int rc;

	if (!e) {
		*why = IMAGE_E_OOM;
		return -1;
	}
	e->c.err = &e->err.pub;
	jpeg_err_init(&e->err);
	if (setjmp(e->err.jb)) {
		*why = "cannot encode JPEG";
		rc = -1;
	} else {
		rc = jpeg_encode_run(e, r, x, why);
	}
	if (rc == 0) {
		out->type = IMAGE_JPEG;
		out->data = e->mem;
		out->len = e->memlen;
		out->width = r->w;
		out->height = r->h;
		e->mem = NULL;
	}
	jpeg_destroy_compress(&e->c);
	free(e->mem);
	free(e->row);
	free(e);
	return rc;
}
