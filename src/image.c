/* Photos: sniffing, probing, EXIF orientation, lossless JPEG stripping, decoding, scaling. */

#include "image.h"
#include "util.h"

#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <turbojpeg.h>
#include <png.h>
#include <gif_lib.h>
#include <webp/decode.h>
#include <webp/demux.h>

/* A side longer than this is refused as a decompression bomb, as is an area over
 * IMAGE_MAX_PIXELS. */
#define MAX_SIDE 30000
/* Files larger than this are not read at all. */
#define MAX_FILE ((size_t)1 << 30)
/* image_probe reads this much first, then more (eight times as much each time) up to PROBE_MAX
 * when a JPEG's frame header comes after large APPn segments. */
#define PROBE_FIRST ((size_t)4096)
#define PROBE_MAX ((size_t)64 << 20)
#define JPEG_QUALITY 85
/* A progressive JPEG with more scans than this is refused: each scan is a pass over the image. */
#define JPEG_MAX_SCANS 1000
/* The most memory libjpeg may use for one image (coefficient buffers of progressive JPEGs). */
#define JPEG_MAX_MEMORY (1024L * 1024L * 1024L)

static const char E_OOM[] = "out of memory";
static const char E_TOO_LARGE[] = "too large (over 30000 pixels a side or 80 megapixels)";
static const char E_TRUNCATED[] = "truncated";
static const char E_NOT_IMAGE[] = "not an image";

/* What a file's header says, in the stored orientation, with the JPEG details that matter. */
struct hdr {
	enum image_type type;
	int w, h;               /* as stored, before orientation */
	int orientation;        /* 1..8 */
	int sof;                /* JPEG: the frame marker (0xC0 baseline, 0xC2 progressive, ...) */
	int components;         /* JPEG: 1, 3 or 4 */
	int adobe, adobe_transform;
	int rgb_ids;            /* JPEG: components named R, G, B (stored as RGB, not YCbCr) */
};

/* Decoded pixels: RGBA, 8 bits a channel, not premultiplied, rows of w * 4 bytes. */
struct raster {
	int w, h;
	int has_alpha;          /* some pixel is not opaque */
	int gray;               /* the source was grayscale, so R == G == B everywhere */
	unsigned char *px;
};

/* What a re-encoding carries over from the source: the ICC profile and, when metadata is kept,
 * the JPEG's other APPn and COM segments (each stored as marker byte, 16-bit length, data). */
struct extra {
	unsigned char *icc;
	size_t icc_len;
	struct buf segs;
};

/* A marker segment found in a JPEG's header: offsets into the file. */
struct jseg {
	int m;                  /* the marker byte (0xE1 for APP1) */
	size_t start;           /* offset of the 0xFF that starts it */
	size_t data;            /* offset of its payload, after the length */
	size_t len;             /* payload length */
};

/* Where the EXIF orientation tag was found in an APP1 payload. */
struct exif_tag {
	int value;              /* 1..8, or 0 when absent or invalid */
	size_t off;             /* offset of the 16-bit value in the payload */
	int le;                 /* the TIFF data is little-endian */
};

/* Bytes and buffers. */

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned rd16(const unsigned char *p, int le)
{
	return le ? le16(p) : be16(p);
}

static uint32_t rd32(const unsigned char *p, int le)
{
	if (le)
		return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
	return be32(p);
}

static void extra_free(struct extra *x)
{
	free(x->icc);
	x->icc = NULL;
	x->icc_len = 0;
	buf_free(&x->segs);
}

/* Moves an encoded buffer into *out. */
static void give(struct image_data *out, enum image_type type, struct buf *b, int w, int h)
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
static void read_upto(FILE *f, struct buf *b, size_t want)
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
static int read_file(const char *path, struct buf *out, const char **why)
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

static enum image_type sniff(const unsigned char *b, size_t n)
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
static int check_size(uint32_t w, uint32_t h, const char **why)
{
	if (w == 0 || h == 0) {
		*why = "corrupt header: zero size";
		return -1;
	}
	if (w > MAX_SIDE || h > MAX_SIDE || (uint64_t)w * h > IMAGE_MAX_PIXELS) {
		*why = E_TOO_LARGE;
		return -1;
	}
	return 0;
}

/* Finds the EXIF orientation tag in an APP1 payload ("Exif\0\0" and a TIFF structure): IFD0 only,
 * every offset checked against the payload. Not libexif: turning the pixels needs the offset of
 * the value to reset it in place, which libexif does not give, and on corrupt EXIF libexif
 * disagrees (it drops an orientation entry whose count is out of range; this reads its value). */
static struct exif_tag exif_orientation(const unsigned char *seg, size_t n)
{
	struct exif_tag t = { 0, 0, 0 };
	const unsigned char *tiff;
	size_t tn, ifd, e;
	unsigned count, i, v;

	if (n < 6 + 8 || memcmp(seg, "Exif\0\0", 6))
		return t;
	tiff = seg + 6;
	tn = n - 6;
	if (tiff[0] == 'I' && tiff[1] == 'I')
		t.le = 1;
	else if (!(tiff[0] == 'M' && tiff[1] == 'M'))
		return t;
	if (rd16(tiff + 2, t.le) != 42)
		return t;
	ifd = rd32(tiff + 4, t.le);
	if (ifd > tn || tn - ifd < 2)
		return t;
	count = rd16(tiff + ifd, t.le);
	for (i = 0; i < count; i++) {
		e = ifd + 2 + (size_t)i * 12;
		if (e > tn || tn - e < 12)
			return t;
		if (rd16(tiff + e, t.le) != 0x0112)
			continue;
		/* The tag must be one SHORT, stored in the entry itself. */
		if (rd16(tiff + e + 2, t.le) != 3 || rd32(tiff + e + 4, t.le) < 1)
			return t;
		v = rd16(tiff + e + 8, t.le);
		if (v >= 1 && v <= 8) {
			t.value = (int)v;
			t.off = 6 + e + 8;
		}
		return t;
	}
	return t;
}

/* Steps to the next marker segment of a JPEG header, from *pos (after SOI), skipping stray and
 * fill bytes and standalone markers. Returns 0 with *s filled and *pos past the segment, 1 when
 * the data ends first, -1 when it is corrupt (SOI or EOI where a segment should be). */
static int jpeg_next_segment(const unsigned char *b, size_t n, size_t *pos, struct jseg *s)
{
	size_t p = *pos, len;
	int m;

	for (;;) {
		while (p < n && b[p] != 0xFF)
			p++;
		while (p + 1 < n && b[p + 1] == 0xFF)
			p++;
		if (p + 1 >= n)
			return 1;
		m = b[p + 1];
		if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			p += 2;
			continue;
		}
		break;
	}
	if (m == 0xD8 || m == 0xD9)
		return -1;
	if (n - p < 4)
		return 1;
	len = be16(b + p + 2);
	if (len < 2)
		return -1;
	if (n - p - 2 < len)
		return 1;
	s->m = m;
	s->start = p;
	s->data = p + 4;
	s->len = len - 2;
	*pos = p + 2 + len;
	return 0;
}

/* A start-of-frame marker (C4 is DHT, C8 reserved, CC DAC). */
static int is_sof(int m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Reads a JPEG header up to its frame header. Returns 0, 1 when more data is needed, -1. */
static int jpeg_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why)
{
	size_t pos = 2;
	struct jseg s;
	const unsigned char *d;
	unsigned nc, i;
	int r;

	for (;;) {
		r = jpeg_next_segment(b, n, &pos, &s);
		if (r < 0)
			*why = "corrupt JPEG header";
		if (r)
			return r;
		d = b + s.data;
		if (s.m == 0xDA) {
			*why = "corrupt JPEG: no frame header";
			return -1;
		}
		if (s.m == 0xE1 && !h->orientation) {
			h->orientation = exif_orientation(d, s.len).value;
		} else if (s.m == 0xEE && s.len >= 12 && !memcmp(d, "Adobe", 5)) {
			h->adobe = 1;
			h->adobe_transform = d[11];
		} else if (is_sof(s.m)) {
			break;
		}
	}
	if (s.len < 6) {
		*why = "corrupt JPEG frame header";
		return -1;
	}
	nc = d[5];
	if (s.len < 6 + 3 * (size_t)nc) {
		*why = "corrupt JPEG frame header";
		return -1;
	}
	if (s.m != 0xC0 && s.m != 0xC1 && s.m != 0xC2 && s.m != 0xC9 && s.m != 0xCA) {
		*why = "unsupported JPEG (lossless or hierarchical)";
		return -1;
	}
	if (d[0] != 8) {
		*why = "unsupported JPEG (not 8 bits a sample)";
		return -1;
	}
	if (nc != 1 && nc != 3 && nc != 4) {
		*why = "unsupported JPEG (number of components)";
		return -1;
	}
	for (i = 0; i < nc; i++) {
		unsigned hv = d[6 + 3 * i + 1];
		if ((hv >> 4) < 1 || (hv >> 4) > 4 || (hv & 15) < 1 || (hv & 15) > 4) {
			*why = "corrupt JPEG frame header";
			return -1;
		}
	}
	if (be16(d + 1) == 0) {
		*why = "unsupported JPEG (height given after the first scan)";
		return -1;
	}
	if (check_size(be16(d + 3), be16(d + 1), why))
		return -1;
	h->h = (int)be16(d + 1);
	h->w = (int)be16(d + 3);
	h->sof = s.m;
	h->components = (int)nc;
	h->rgb_ids = nc == 3 && d[6] == 'R' && d[9] == 'G' && d[12] == 'B';
	return 0;
}

/* Reads the header of any supported image from its first n bytes (the whole file when complete).
 * Returns 0, 1 when more bytes are needed (only when not complete), or -1 with *why set. */
static int parse_header(const unsigned char *b, size_t n, int complete, struct hdr *h,
                        const char **why)
{
	WebPBitstreamFeatures f;
	VP8StatusCode st;
	int r = 0;

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
		if (n < 33) {
			r = 1;
			break;
		}
		if (be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4)) {
			*why = "corrupt PNG header";
			return -1;
		}
		if (be32(b + 16) > 0x7FFFFFFFu || be32(b + 20) > 0x7FFFFFFFu) {
			*why = "corrupt PNG header";
			return -1;
		}
		if (check_size(be32(b + 16), be32(b + 20), why))
			return -1;
		h->w = (int)be32(b + 16);
		h->h = (int)be32(b + 20);
		break;
	case IMAGE_GIF:
		if (n < 13) {
			r = 1;
			break;
		}
		if (check_size(le16(b + 6), le16(b + 8), why))
			return -1;
		h->w = (int)le16(b + 6);
		h->h = (int)le16(b + 8);
		break;
	case IMAGE_WEBP:
		/* An extended file's canvas size comes first: refuse a bomb before anything. */
		if (n >= 30 && !memcmp(b + 12, "VP8X", 4) &&
		    check_size(1 + (b[24] | (uint32_t)b[25] << 8 | (uint32_t)b[26] << 16),
		               1 + (b[27] | (uint32_t)b[28] << 8 | (uint32_t)b[29] << 16), why))
			return -1;
		st = WebPGetFeatures(b, n, &f);
		if (st == VP8_STATUS_NOT_ENOUGH_DATA) {
			r = 1;
			break;
		}
		if (st != VP8_STATUS_OK || f.width <= 0 || f.height <= 0) {
			*why = "corrupt WebP header";
			return -1;
		}
		if (check_size((uint32_t)f.width, (uint32_t)f.height, why))
			return -1;
		h->w = f.width;
		h->h = f.height;
		break;
	case IMAGE_NONE:
		*why = E_NOT_IMAGE;
		return -1;
	}
	if (r == 1 && complete) {
		*why = E_TRUNCATED;
		return -1;
	}
	if (r)
		return r;
	if (h->orientation < 1 || h->orientation > 8)
		h->orientation = 1;
	return 0;
}

/* Reads a whole file and its header. */
static int load(const char *path, struct buf *file, struct hdr *h, const char **why)
{
	if (read_file(path, file, why))
		return -1;
	if (parse_header((const unsigned char *)file->data, file->len, 1, h, why)) {
		buf_free(file);
		return -1;
	}
	return 0;
}

/* The size as displayed. */
static void oriented_size(const struct hdr *h, int *w, int *hh)
{
	*w = h->orientation >= 5 ? h->h : h->w;
	*hh = h->orientation >= 5 ? h->w : h->h;
}

/* The size that fits w x h into max_px on its long side (0: no limit), never enlarging. */
static void fit(int w, int h, int max_px, int *tw, int *th)
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

/* Lossless JPEG work: metadata stripping and transforms. */

/* Whether a header segment survives stripping: APP0 JFIF, APP2 ICC profiles, APP14 Adobe and
 * every non-APP segment but comments. */
static int jpeg_keep_segment(int m, const unsigned char *d, size_t len)
{
	if (m == 0xE0)
		return len >= 5 && (!memcmp(d, "JFIF\0", 5) || !memcmp(d, "JFXX\0", 5));
	if (m == 0xE2)
		return len >= 12 && !memcmp(d, "ICC_PROFILE\0", 12);
	if (m == 0xEE)
		return len >= 5 && !memcmp(d, "Adobe", 5);
	if ((m >= 0xE1 && m <= 0xEF) || m == 0xFE)
		return 0;
	return 1;
}

/* Finds the end of a JPEG's scans, from pos just after the first SOS segment: skips the
 * entropy-coded data (0xFF 0x00 stuffing, restart markers) and the segments between progressive
 * scans. Returns the offset just past EOI, or 0 when the data ends first or is corrupt. */
static size_t jpeg_find_eoi(const unsigned char *b, size_t n, size_t pos)
{
	const unsigned char *p;
	size_t len;
	int m;

	for (;;) {
		if (pos >= n)
			return 0;
		p = memchr(b + pos, 0xFF, n - pos);
		if (!p)
			return 0;
		pos = (size_t)(p - b);
		if (pos + 1 >= n)
			return 0;
		m = b[pos + 1];
		if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			pos += 2;
		} else if (m == 0xFF) {
			pos += 1;
		} else if (m == 0xD9) {
			return pos + 2;
		} else if (m == 0xD8) {
			return 0;
		} else {
			if (n - pos < 4)
				return 0;
			len = be16(b + pos + 2);
			if (len < 2 || n - pos - 2 < len)
				return 0;
			pos += 2 + len;
		}
	}
}

/* Copies a JPEG without its metadata segments (all of it when keep_meta), after checking that
 * its scans end with EOI. Everything from the first SOS to EOI is copied byte for byte; stray
 * bytes between header segments and anything after EOI (trailers, MPF images) are dropped. */
static int jpeg_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out,
                      const char **why)
{
	size_t pos = 2, end;
	struct jseg s;
	int r;

	buf_put(out, b, 2);
	for (;;) {
		r = jpeg_next_segment(b, n, &pos, &s);
		if (r) {
			*why = r > 0 ? E_TRUNCATED : "corrupt JPEG header";
			goto fail;
		}
		if (s.m == 0xDA)
			break;
		if (keep_meta || jpeg_keep_segment(s.m, b + s.data, s.len))
			buf_put(out, b + s.start, s.len + 4);
	}
	end = jpeg_find_eoi(b, n, pos);
	if (!end) {
		*why = "truncated or corrupt JPEG (no end of image)";
		goto fail;
	}
	if (keep_meta) {
		buf_reset(out);
		buf_put(out, b, n);
	} else {
		buf_put(out, b + s.start, end - s.start);
	}
	return 0;
fail:
	buf_free(out);
	return -1;
}

/* Sets the EXIF orientation tags of a JPEG's APP1 segments to 1, in place, once the pixels have
 * been turned (only needed when metadata is kept). */
static void jpeg_reset_orientation(unsigned char *b, size_t n)
{
	size_t pos = 2;
	struct jseg s;
	struct exif_tag t;

	while (jpeg_next_segment(b, n, &pos, &s) == 0 && s.m != 0xDA) {
		if (s.m != 0xE1)
			continue;
		t = exif_orientation(b + s.data, s.len);
		if (t.value > 1) {
			b[s.data + t.off] = t.le ? 1 : 0;
			b[s.data + t.off + 1] = t.le ? 0 : 1;
		}
	}
}

/* Applies the EXIF orientation to JPEG bytes without decoding them. A perfect transform is tried
 * first; when partial MCUs at the edges make it impossible, TJXOPT_TRIM drops them (less than one
 * MCU, at most 15 pixels). Returns 0 with *out, *w and *h set, or 1 when no lossless transform
 * works (an image narrower than one MCU, unusual subsampling): the caller decodes instead. */
static int jpeg_transform(const unsigned char *in, size_t n, const struct hdr *h,
                          struct buf *out, int *w, int *hh)
{
	static const int ops[9] = {
		TJXOP_NONE, TJXOP_NONE, TJXOP_HFLIP, TJXOP_ROT180, TJXOP_VFLIP,
		TJXOP_TRANSPOSE, TJXOP_ROT90, TJXOP_TRANSVERSE, TJXOP_ROT270
	};
	tjhandle tj;
	tjtransform xf;
	unsigned char *dst = NULL;
	unsigned long dlen = 0;
	int perfect = 1, ew, eh, tw, th, ss, cs, r = 1;

	if (n > ULONG_MAX)
		return 1;
	tj = tjInitTransform();
	if (!tj)
		return 1;
	oriented_size(h, &ew, &eh);
	memset(&xf, 0, sizeof xf);
	xf.op = ops[h->orientation];
	xf.options = TJXOPT_PERFECT | (h->sof == 0xC2 ? TJXOPT_PROGRESSIVE : 0);
	/* Warnings (slightly corrupt data) still give a complete output. */
	if (tjTransform(tj, in, (unsigned long)n, 1, &dst, &dlen, &xf, 0) != 0 &&
	    tjGetErrorCode(tj) != TJERR_WARNING) {
		tjFree(dst);
		dst = NULL;
		dlen = 0;
		perfect = 0;
		xf.options = (xf.options & ~TJXOPT_PERFECT) | TJXOPT_TRIM;
		if (tjTransform(tj, in, (unsigned long)n, 1, &dst, &dlen, &xf, 0) != 0 &&
		    tjGetErrorCode(tj) != TJERR_WARNING)
			goto done;
	}
	if (!dst || tjDecompressHeader3(tj, dst, dlen, &tw, &th, &ss, &cs) != 0)
		goto done;
	/* Not perfect yet nothing trimmed: the partial edge blocks were left untransformed. */
	if (!perfect && tw == ew && th == eh)
		goto done;
	if (tw <= 0 || th <= 0 || tw > ew || th > eh)
		goto done;
	buf_put(out, dst, dlen);
	*w = tw;
	*hh = th;
	r = 0;
done:
	tjFree(dst);
	tjDestroy(tj);
	return r;
}

/* Pixels: scaling and orientation. */

static int raster_alloc(struct raster *r, int w, int h)
{
	r->w = w;
	r->h = h;
	r->px = malloc((size_t)w * (size_t)h * 4);
	return r->px ? 0 : -1;
}

static void raster_free(struct raster *r)
{
	free(r->px);
	memset(r, 0, sizeof *r);
}

static int raster_has_alpha(const struct raster *r)
{
	size_t i, n = (size_t)r->w * (size_t)r->h * 4;

	for (i = 3; i < n; i += 4)
		if (r->px[i] != 255)
			return 1;
	return 0;
}

/* A box filter: each output pixel is the area-weighted average of the source pixels it covers,
 * computed on premultiplied values in exact integer arithmetic. Source rows are pushed one at a
 * time, so a JPEG can be reduced while it is decoded without holding it whole. Weights are in
 * units where a source column is tw wide and an output column sw wide (rows likewise), so every
 * output pixel's weights add up to sw * sh. */
struct scaler {
	int sw, sh, tw, th;
	int y;                  /* the next source row */
	int cur;                /* the output row accumulated in acc[0] */
	int *xfirst, *xcount, *xoff;
	uint32_t *xw;           /* horizontal weights, xcount[x] of them from xoff[x] */
	uint32_t *hrow;         /* the current source row, reduced horizontally: tw * 4 sums */
	uint64_t *acc[2];       /* output rows cur and cur + 1 being summed: tw * 4 each */
	unsigned char *dst;     /* the result, RGBA */
};

static void scaler_free(struct scaler *s)
{
	if (!s)
		return;
	free(s->xfirst);
	free(s->xcount);
	free(s->xoff);
	free(s->xw);
	free(s->hrow);
	free(s->acc[0]);
	free(s->acc[1]);
	free(s->dst);
	free(s);
}

/* Makes a scaler from sw x sh to tw x th, both no larger than the source. */
static struct scaler *scaler_new(int sw, int sh, int tw, int th)
{
	struct scaler *s = calloc(1, sizeof *s);
	uint64_t lo, hi, a, b;
	int x, i, i0, i1, k = 0;

	if (!s)
		return NULL;
	s->sw = sw;
	s->sh = sh;
	s->tw = tw;
	s->th = th;
	s->xfirst = malloc((size_t)tw * sizeof *s->xfirst);
	s->xcount = malloc((size_t)tw * sizeof *s->xcount);
	s->xoff = malloc((size_t)tw * sizeof *s->xoff);
	s->xw = malloc(((size_t)sw + (size_t)tw) * sizeof *s->xw);
	s->hrow = malloc((size_t)tw * 4 * sizeof *s->hrow);
	s->acc[0] = calloc((size_t)tw * 4, sizeof **s->acc);
	s->acc[1] = calloc((size_t)tw * 4, sizeof **s->acc);
	s->dst = malloc((size_t)tw * (size_t)th * 4);
	if (!s->xfirst || !s->xcount || !s->xoff || !s->xw || !s->hrow || !s->acc[0] ||
	    !s->acc[1] || !s->dst) {
		scaler_free(s);
		return NULL;
	}
	for (x = 0; x < tw; x++) {
		lo = (uint64_t)x * (uint64_t)sw;
		hi = lo + (uint64_t)sw;
		i0 = (int)(lo / (uint64_t)tw);
		i1 = (int)((hi - 1) / (uint64_t)tw);
		s->xfirst[x] = i0;
		s->xcount[x] = i1 - i0 + 1;
		s->xoff[x] = k;
		for (i = i0; i <= i1; i++) {
			a = (uint64_t)i * (uint64_t)tw;
			b = a + (uint64_t)tw;
			s->xw[k++] = (uint32_t)((b < hi ? b : hi) - (a > lo ? a : lo));
		}
	}
	return s;
}

/* Writes out output row cur and moves on to the next. */
static void scaler_emit(struct scaler *s)
{
	unsigned char *d = s->dst + (size_t)s->cur * (size_t)s->tw * 4;
	uint64_t total = (uint64_t)s->sw * (uint64_t)s->sh, *acc = s->acc[0], v, al;
	int x, c;

	for (x = 0; x < s->tw; x++, acc += 4, d += 4) {
		al = acc[3];
		if (al == 0) {
			memset(d, 0, 4);
			continue;
		}
		for (c = 0; c < 3; c++) {
			v = (acc[c] + al / 2) / al;
			d[c] = (unsigned char)(v > 255 ? 255 : v);
		}
		v = (al + total / 2) / total;
		d[3] = (unsigned char)(v > 255 ? 255 : v);
	}
	acc = s->acc[0];
	s->acc[0] = s->acc[1];
	s->acc[1] = acc;
	memset(acc, 0, (size_t)s->tw * 4 * sizeof *acc);
	s->cur++;
}

static void scaler_push(struct scaler *s, const unsigned char *row)
{
	uint64_t lo, hi, olo, ohi, w, *acc;
	uint32_t *h = s->hrow, r, g, b, a, wa;
	const uint32_t *xw;
	const unsigned char *p;
	int x, k, oy, oy0, oy1;
	size_t j, n = (size_t)s->tw * 4;

	if (s->y >= s->sh)
		return;
	for (x = 0; x < s->tw; x++, h += 4) {
		r = g = b = a = 0;
		xw = s->xw + s->xoff[x];
		p = row + (size_t)s->xfirst[x] * 4;
		for (k = 0; k < s->xcount[x]; k++, p += 4) {
			wa = xw[k] * p[3];
			r += wa * p[0];
			g += wa * p[1];
			b += wa * p[2];
			a += wa;
		}
		h[0] = r;
		h[1] = g;
		h[2] = b;
		h[3] = a;
	}
	lo = (uint64_t)s->y * (uint64_t)s->th;
	hi = lo + (uint64_t)s->th;
	oy0 = (int)(lo / (uint64_t)s->sh);
	oy1 = (int)((hi - 1) / (uint64_t)s->sh);
	while (s->cur < oy0)
		scaler_emit(s);
	for (oy = oy0; oy <= oy1 && oy - s->cur < 2; oy++) {
		olo = (uint64_t)oy * (uint64_t)s->sh;
		ohi = olo + (uint64_t)s->sh;
		w = (hi < ohi ? hi : ohi) - (lo > olo ? lo : olo);
		acc = s->acc[oy - s->cur];
		for (j = 0; j < n; j++)
			acc[j] += w * s->hrow[j];
	}
	s->y++;
}

/* Finishes the last rows; returns the pixels (the scaler keeps no pointer to them). */
static unsigned char *scaler_finish(struct scaler *s)
{
	unsigned char *d;

	if (s->y < s->sh)
		return NULL;
	while (s->cur < s->th)
		scaler_emit(s);
	d = s->dst;
	s->dst = NULL;
	return d;
}

/* Reduces a raster to tw x th (nothing when it is not larger). */
static int raster_scale(struct raster *r, int tw, int th)
{
	struct scaler *s;
	int y;

	if (tw > r->w)
		tw = r->w;
	if (th > r->h)
		th = r->h;
	if (tw == r->w && th == r->h)
		return 0;
	s = scaler_new(r->w, r->h, tw, th);
	if (!s)
		return -1;
	for (y = 0; y < r->h; y++)
		scaler_push(s, r->px + (size_t)y * (size_t)r->w * 4);
	free(r->px);
	r->px = scaler_finish(s);
	scaler_free(s);
	r->w = tw;
	r->h = th;
	if (!r->px)
		return -1;
	r->has_alpha = r->has_alpha && raster_has_alpha(r);
	return 0;
}

/* Turns a raster as EXIF orientation o says, so that it displays upright. Each output pixel
 * (x, y) comes from source offset base + x * dx + y * dy. */
static int raster_orient(struct raster *r, int o)
{
	ptrdiff_t w = r->w, h = r->h, base, dx, dy, row;
	int nw, nh, x, y;
	unsigned char *d, *q;
	const unsigned char *s = r->px;

	switch (o) {
	case 2: base = w - 1; dx = -1; dy = w; break;
	case 3: base = (h - 1) * w + w - 1; dx = -1; dy = -w; break;
	case 4: base = (h - 1) * w; dx = 1; dy = -w; break;
	case 5: base = 0; dx = w; dy = 1; break;
	case 6: base = (h - 1) * w; dx = -w; dy = 1; break;
	case 7: base = (h - 1) * w + w - 1; dx = -w; dy = -1; break;
	case 8: base = w - 1; dx = w; dy = -1; break;
	default: return 0;
	}
	nw = o >= 5 ? r->h : r->w;
	nh = o >= 5 ? r->w : r->h;
	d = malloc((size_t)nw * (size_t)nh * 4);
	if (!d)
		return -1;
	q = d;
	for (y = 0; y < nh; y++) {
		row = base + y * dy;
		for (x = 0; x < nw; x++, q += 4)
			memcpy(q, s + (row + x * dx) * 4, 4);
	}
	free(r->px);
	r->px = d;
	r->w = nw;
	r->h = nh;
	return 0;
}

/* JPEG decoding and encoding with libjpeg: errors longjmp back, warnings are counted silently
 * and a premature end of data makes the whole decode fail. */

struct jpeg_err {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
	int eof;
};

static void jpeg_err_exit(j_common_ptr c)
{
	longjmp(((struct jpeg_err *)c->err)->jb, 1);
}

static void jpeg_err_emit(j_common_ptr c, int level)
{
	struct jpeg_err *e = (struct jpeg_err *)c->err;

	if (level < 0) {
		if (e->pub.msg_code == JWRN_JPEG_EOF)
			e->eof = 1;
		e->pub.num_warnings++;
	}
}

static void jpeg_err_output(j_common_ptr c)
{
	(void)c;
}

static void jpeg_err_init(struct jpeg_err *e)
{
	jpeg_std_error(&e->pub);
	e->pub.error_exit = jpeg_err_exit;
	e->pub.emit_message = jpeg_err_emit;
	e->pub.output_message = jpeg_err_output;
}

/* Refuses progressive JPEGs made of absurdly many scans. */
static void jpeg_progress(j_common_ptr c)
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
static void cmyk_to_rgba(unsigned char *p, int w, int inverted)
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
static void jpeg_take_extra(j_decompress_ptr c, int keep, struct extra *x)
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
static int jpeg_decode_run(struct jdec *d, const unsigned char *b, size_t n, int tw, int th,
                           struct extra *x, int keep, const char **why)
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
	if (check_size(c->image_width, c->image_height, why))
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
		d->sc = scaler_new((int)w, (int)h, (unsigned)tw < w ? tw : (int)w,
		                   (unsigned)th < h ? th : (int)h);
		d->row = malloc((size_t)w * 4);
		if (!d->sc || !d->row) {
			*why = E_OOM;
			return -1;
		}
	} else if (raster_alloc(&d->r, (int)w, (int)h)) {
		*why = E_OOM;
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
		*why = E_TRUNCATED;
		return -1;
	}
	if (d->sc) {
		d->r.px = scaler_finish(d->sc);
		if (!d->r.px) {
			*why = E_OOM;
			return -1;
		}
		d->r.w = d->sc->tw;
		d->r.h = d->sc->th;
	}
	d->r.gray = c->jpeg_color_space == JCS_GRAYSCALE;
	d->r.has_alpha = 0;
	return 0;
}

/* Decodes a JPEG to RGBA in its stored orientation, reduced to at most tw x th (tw 0: full size):
 * libjpeg's DCT scaling goes to the smallest power-of-two reduction that is not smaller than the
 * target, and the box filter does the rest while the rows come in. When x is not NULL it receives
 * the ICC profile and, with keep, the metadata segments. */
static int jpeg_decode(const unsigned char *b, size_t n, int tw, int th, struct extra *x,
                       int keep, struct raster *out, const char **why)
{
	struct jdec *d = calloc(1, sizeof *d);
	int rc;

	if (!d) {
		*why = E_OOM;
		return -1;
	}
	d->c.err = &d->err.pub;
	jpeg_err_init(&d->err);
	if (setjmp(d->err.jb)) {
		*why = d->err.eof ? E_TRUNCATED : "corrupt JPEG";
		rc = -1;
	} else {
		rc = jpeg_decode_run(d, b, n, tw, th, x, keep, why);
	}
	if (rc == 0) {
		*out = d->r;
		d->r.px = NULL;
	} else if (x) {
		extra_free(x);
	}
	jpeg_destroy_decompress(&d->c);
	scaler_free(d->sc);
	free(d->row);
	raster_free(&d->r);
	free(d);
	return rc;
}

/* Whether an ICC profile describes the colour space of an output (its bytes 16..19). */
static int icc_fits(const unsigned char *icc, size_t len, int gray)
{
	return icc && len >= 132 && !memcmp(icc + 16, gray ? "GRAY" : "RGB ", 4);
}

struct jenc {
	struct jpeg_compress_struct c;
	struct jpeg_err err;
	unsigned char *mem;
	unsigned long memlen;
	unsigned char *row;
};

/* The body of jpeg_encode; libjpeg errors longjmp out of it. */
static int jpeg_encode_run(struct jenc *e, const struct raster *r, const struct extra *x,
                           const char **why)
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
		*why = E_OOM;
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
		if (icc_fits(x->icc, x->icc_len, r->gray) && x->icc_len <= 0xFFFFFFFFu)
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
static int jpeg_encode(const struct raster *r, const struct extra *x, struct image_data *out,
                       const char **why)
{
	struct jenc *e = calloc(1, sizeof *e);
	int rc;

	if (!e) {
		*why = E_OOM;
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

/* PNG decoding and encoding with libpng: errors longjmp back, warnings are ignored. */

struct png_in {
	const unsigned char *b;
	size_t n, pos;
};

static void png_read_cb(png_structp png, png_bytep d, size_t len)
{
	struct png_in *in = png_get_io_ptr(png);

	if (len > in->n - in->pos)
		png_error(png, "truncated");
	memcpy(d, in->b + in->pos, len);
	in->pos += len;
}

static void png_write_cb(png_structp png, png_bytep d, size_t len)
{
	buf_put(png_get_io_ptr(png), d, len);
}

static void png_flush_cb(png_structp png)
{
	(void)png;
}

static void png_error_cb(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_warn_cb(png_structp png, png_const_charp msg)
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
static int png_decode_run(struct pdec *d, struct extra *x, const char **why)
{
	png_uint_32 w, h, y, plen;
	int depth, ct, il, trns, comp;
	png_charp name;
	png_bytep prof;

	png_set_user_limits(d->png, MAX_SIDE, MAX_SIDE);
	png_set_read_fn(d->png, &d->in, png_read_cb);
	png_read_info(d->png, d->info);
	png_get_IHDR(d->png, d->info, &w, &h, &depth, &ct, &il, NULL, NULL);
	if (check_size(w, h, why))
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
		*why = E_OOM;
		return -1;
	}
	for (y = 0; y < h; y++)
		d->rows[y] = d->r.px + (size_t)y * w * 4;
	png_read_image(d->png, d->rows);
	png_read_end(d->png, NULL);
	if (x && png_get_iCCP(d->png, d->info, &name, &comp, &prof, &plen) && prof && plen > 0) {
		x->icc = malloc(plen);
		if (!x->icc) {
			*why = E_OOM;
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
static int png_decode(const unsigned char *b, size_t n, struct raster *out, struct extra *x,
                      const char **why)
{
	struct pdec *d = calloc(1, sizeof *d);
	int rc;

	if (!d) {
		*why = E_OOM;
		return -1;
	}
	d->in.b = b;
	d->in.n = n;
	d->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warn_cb);
	if (!d->png || !(d->info = png_create_info_struct(d->png))) {
		*why = E_OOM;
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
		extra_free(x);
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
static void png_encode_run(struct penc *e, const struct raster *r, const struct extra *x)
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
	if (x && icc_fits(x->icc, x->icc_len, r->gray) && x->icc_len <= 0x7FFFFFFF)
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
static int png_encode(const struct raster *r, const struct extra *x, struct image_data *out,
                      const char **why)
{
	struct penc *e = calloc(1, sizeof *e);
	size_t ch = (r->gray ? 1 : 3) + (r->has_alpha ? 1 : 0);
	int rc;

	if (!e) {
		*why = E_OOM;
		return -1;
	}
	e->row = malloc((size_t)r->w * ch);
	e->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warn_cb);
	if (!e->row || !e->png || !(e->info = png_create_info_struct(e->png))) {
		*why = E_OOM;
		rc = -1;
	} else if (setjmp(png_jmpbuf(e->png))) {
		*why = "cannot encode PNG";
		rc = -1;
	} else {
		png_encode_run(e, r, x);
		give(out, IMAGE_PNG, &e->out, r->w, r->h);
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
 * and including IEND (anything after it is dropped). Chunk CRCs are copied, not checked. */
static int png_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out,
                     const char **why)
{
	static const char *const drop[] = { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };
	size_t pos = 8, len, i;
	int keep, first = 1;

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
		keep = 1;
		for (i = 0; !keep_meta && i < sizeof drop / sizeof *drop; i++)
			if (!memcmp(b + pos + 4, drop[i], 4))
				keep = 0;
		if (keep)
			buf_put(out, b + pos, len + 12);
		if (!memcmp(b + pos + 4, "IEND", 4))
			return 0;
		pos += len + 12;
	}
fail:
	buf_free(out);
	return -1;
}

/* GIF: the first frame, drawn on a transparent canvas the size of the logical screen. */

struct gif_in {
	const unsigned char *b;
	size_t n, pos;
};

static int gif_read_cb(GifFileType *g, GifByteType *d, int len)
{
	struct gif_in *in = g->UserData;
	size_t k = len > 0 ? (size_t)len : 0;

	if (k > in->n - in->pos)
		k = in->n - in->pos;
	memcpy(d, in->b + in->pos, k);
	in->pos += k;
	return (int)k;
}

/* Reads the first frame's pixels into canvas r, with its palette and transparent index. */
static int gif_frame(GifFileType *g, int transparent, struct raster *r, const char **why)
{
	static const int start[4] = { 0, 4, 2, 1 }, step[4] = { 8, 8, 4, 2 };
	const GifImageDesc *id = &g->Image;
	const ColorMapObject *cmap;
	const GifColorType *col;
	unsigned char *line, *q;
	int passes, pass, y, x, row, ty, tx;

	if (DGifGetImageDesc(g) == GIF_ERROR) {
		*why = "corrupt GIF";
		return -1;
	}
	if (id->Width <= 0 || id->Height <= 0 || id->Left < 0 || id->Top < 0) {
		*why = "corrupt GIF";
		return -1;
	}
	if (check_size((uint32_t)id->Width, (uint32_t)id->Height, why))
		return -1;
	cmap = id->ColorMap ? id->ColorMap : g->SColorMap;
	if (!cmap || !cmap->Colors) {
		*why = "corrupt GIF: no palette";
		return -1;
	}
	line = malloc((size_t)id->Width);
	if (!line) {
		*why = E_OOM;
		return -1;
	}
	passes = id->Interlace ? 4 : 1;
	for (pass = 0; pass < passes; pass++) {
		for (y = id->Interlace ? start[pass] : 0; y < id->Height;
		     y += id->Interlace ? step[pass] : 1) {
			if (DGifGetLine(g, line, id->Width) == GIF_ERROR) {
				*why = "truncated or corrupt GIF";
				free(line);
				return -1;
			}
			ty = id->Top + y;
			if (ty >= r->h)
				continue;
			row = ty * r->w;
			for (x = 0; x < id->Width; x++) {
				tx = id->Left + x;
				if (tx >= r->w)
					break;
				if (line[x] == transparent || line[x] >= cmap->ColorCount)
					continue;
				col = &cmap->Colors[line[x]];
				q = r->px + ((size_t)row + (size_t)tx) * 4;
				q[0] = col->Red;
				q[1] = col->Green;
				q[2] = col->Blue;
				q[3] = 255;
			}
		}
	}
	free(line);
	return 0;
}

static int gif_decode(const unsigned char *b, size_t n, struct raster *out, const char **why)
{
	struct gif_in in = { b, n, 0 };
	struct raster r = { 0, 0, 0, 0, NULL };
	GraphicsControlBlock gcb;
	GifFileType *g;
	GifRecordType rt;
	GifByteType *ext;
	int err = 0, code, transparent = -1, ok = -1;

	g = DGifOpen(&in, gif_read_cb, &err);
	if (!g) {
		*why = err == D_GIF_ERR_NOT_ENOUGH_MEM ? E_OOM : "corrupt GIF";
		return -1;
	}
	if (check_size((uint32_t)(g->SWidth > 0 ? g->SWidth : 0),
	               (uint32_t)(g->SHeight > 0 ? g->SHeight : 0), why))
		goto done;
	r.w = g->SWidth;
	r.h = g->SHeight;
	r.px = calloc((size_t)r.w * (size_t)r.h, 4);
	if (!r.px) {
		*why = E_OOM;
		goto done;
	}
	for (;;) {
		if (DGifGetRecordType(g, &rt) == GIF_ERROR) {
			*why = "truncated or corrupt GIF";
			goto done;
		}
		if (rt == IMAGE_DESC_RECORD_TYPE)
			break;
		if (rt == TERMINATE_RECORD_TYPE) {
			*why = "GIF without an image";
			goto done;
		}
		if (rt != EXTENSION_RECORD_TYPE)
			continue;
		if (DGifGetExtension(g, &code, &ext) == GIF_ERROR) {
			*why = "truncated or corrupt GIF";
			goto done;
		}
		if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] == 4 &&
		    DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
			transparent = gcb.TransparentColor;
		while (ext) {
			if (DGifGetExtensionNext(g, &ext) == GIF_ERROR) {
				*why = "truncated or corrupt GIF";
				goto done;
			}
		}
	}
	if (gif_frame(g, transparent, &r, why))
		goto done;
	r.has_alpha = raster_has_alpha(&r);
	*out = r;
	r.px = NULL;
	ok = 0;
done:
	DGifCloseFile(g, &err);
	raster_free(&r);
	return ok;
}

/* WebP: still images with libwebp, animations' first frame with the demuxing decoder. */
static int webp_decode(const unsigned char *b, size_t n, struct raster *out, const char **why)
{
	struct raster r = { 0, 0, 0, 0, NULL };
	WebPBitstreamFeatures f;
	WebPAnimDecoderOptions o;
	WebPAnimDecoder *dec;
	WebPAnimInfo ai;
	WebPData wd;
	uint8_t *fb;
	int ts;

	if (WebPGetFeatures(b, n, &f) != VP8_STATUS_OK) {
		*why = "corrupt WebP";
		return -1;
	}
	if (check_size((uint32_t)(f.width > 0 ? f.width : 0),
	               (uint32_t)(f.height > 0 ? f.height : 0), why))
		return -1;
	if (f.has_animation) {
		wd.bytes = b;
		wd.size = n;
		if (!WebPAnimDecoderOptionsInit(&o)) {
			*why = "unsupported WebP";
			return -1;
		}
		o.color_mode = MODE_RGBA;
		o.use_threads = 0;
		dec = WebPAnimDecoderNew(&wd, &o);
		if (!dec) {
			*why = "corrupt WebP";
			return -1;
		}
		if (!WebPAnimDecoderGetInfo(dec, &ai) || ai.canvas_width != (uint32_t)f.width ||
		    ai.canvas_height != (uint32_t)f.height ||
		    !WebPAnimDecoderGetNext(dec, &fb, &ts)) {
			WebPAnimDecoderDelete(dec);
			*why = "truncated or corrupt WebP";
			return -1;
		}
		if (raster_alloc(&r, f.width, f.height)) {
			WebPAnimDecoderDelete(dec);
			*why = E_OOM;
			return -1;
		}
		memcpy(r.px, fb, (size_t)f.width * (size_t)f.height * 4);
		WebPAnimDecoderDelete(dec);
	} else {
		if (raster_alloc(&r, f.width, f.height)) {
			*why = E_OOM;
			return -1;
		}
		if (!WebPDecodeRGBAInto(b, n, r.px, (size_t)f.width * (size_t)f.height * 4,
		                        f.width * 4)) {
			raster_free(&r);
			*why = "truncated or corrupt WebP";
			return -1;
		}
	}
	r.has_alpha = raster_has_alpha(&r);
	*out = r;
	return 0;
}

/* Decodes any supported image, reduced to fit max_px and turned upright. */
static int decode_image(const unsigned char *b, size_t n, const struct hdr *h, int max_px,
                        struct extra *x, int keep, struct raster *r, const char **why)
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
			extra_free(x);
		*why = E_OOM;
		return -1;
	}
	return 0;
}

/* The public functions. */

int image_probe(const char *path, struct image_info *info, const char **why)
{
	const char *dummy;
	struct buf b = { NULL, 0, 0 };
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
	oriented_size(&h, &info->width, &info->height);
	return 0;
}

/* Re-encodes any image: JPEG sources stay JPEG, WebP without alpha becomes JPEG, all else PNG. */
static int epub_reencode(const unsigned char *b, size_t n, const struct hdr *h, int max_px,
                         int keep_meta, struct image_data *out, const char **why)
{
	struct extra x = { NULL, 0, { NULL, 0, 0 } };
	struct raster r;
	int jpeg, rc;

	if (decode_image(b, n, h, max_px, &x, keep_meta && h->type == IMAGE_JPEG, &r, why))
		return -1;
	jpeg = h->type == IMAGE_JPEG || (h->type == IMAGE_WEBP && !r.has_alpha);
	rc = jpeg ? jpeg_encode(&r, &x, out, why) : png_encode(&r, &x, out, why);
	if (rc == 0 && jpeg && keep_meta)
		jpeg_reset_orientation(out->data, out->len);
	raster_free(&r);
	extra_free(&x);
	return rc;
}

/* A JPEG that readers and cairo take as it is: Huffman-coded, 8-bit, gray or YCbCr. */
static int jpeg_plain(const struct hdr *h)
{
	if (h->sof != 0xC0 && h->sof != 0xC1 && h->sof != 0xC2)
		return 0;
	if (h->components == 1)
		return 1;
	return h->components == 3 && !h->rgb_ids && !(h->adobe && h->adobe_transform == 0);
}

static int epub_jpeg(const unsigned char *b, size_t n, const struct hdr *h, int max_px,
                     int keep_meta, struct image_data *out, const char **why)
{
	struct buf s = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	int ow, oh, tw, th;

	oriented_size(h, &ow, &oh);
	/* CMYK and other unusual JPEGs become RGB JPEGs: e-readers show them badly if at all. */
	if (jpeg_plain(h) && (max_px <= 0 || (ow <= max_px && oh <= max_px))) {
		if (jpeg_strip(b, n, keep_meta, &s, why))
			return -1;
		if (h->orientation == 1) {
			give(out, IMAGE_JPEG, &s, h->w, h->h);
			return 0;
		}
		if (jpeg_transform((const unsigned char *)s.data, s.len, h, &t, &tw, &th) == 0) {
			buf_free(&s);
			if (keep_meta)
				jpeg_reset_orientation((unsigned char *)t.data, t.len);
			give(out, IMAGE_JPEG, &t, tw, th);
			return 0;
		}
		buf_free(&s);
	}
	return epub_reencode(b, n, h, max_px, keep_meta, out, why);
}

int image_for_epub(const char *path, int max_px, int keep_meta, struct image_data *out,
                   const char **why)
{
	const char *dummy;
	struct buf file = { NULL, 0, 0 }, s = { NULL, 0, 0 };
	struct hdr h;
	int rc;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (load(path, &file, &h, why))
		return -1;
	if (h.type == IMAGE_JPEG) {
		rc = epub_jpeg((const unsigned char *)file.data, file.len, &h, max_px, keep_meta, out, why);
	} else if (h.type == IMAGE_PNG && (max_px <= 0 || (h.w <= max_px && h.h <= max_px))) {
		rc = png_strip((const unsigned char *)file.data, file.len, keep_meta, &s, why);
		if (rc == 0)
			give(out, IMAGE_PNG, &s, h.w, h.h);
	} else {
		rc = epub_reencode((const unsigned char *)file.data, file.len, &h, max_px, keep_meta, out, why);
	}
	buf_free(&file);
	return rc;
}

/* Cairo 1.16 (checked on Debian 12's 1.16.0 by embedding a CMYK JPEG as CAIRO_MIME_TYPE_JPEG)
 * writes a 4-component JPEG as /DeviceCMYK with /DCTDecode and no /Decode array. Adobe CMYK
 * JPEGs store inverted samples, so mupdf and poppler then rendered the test image as a negative
 * (full ink where there was none). Such JPEGs are therefore not embeddable as they are: this
 * returns 0 and the caller decodes them (image_decode converts them to RGB correctly). So do
 * arithmetic-coded JPEGs, which PDF's DCTDecode does not support, and RGB-coded ones, which PDF
 * readers would take for YCbCr. */
int image_jpeg_for_pdf(const char *path, int keep_meta, struct image_data *out, int *orientation,
                       const char **why)
{
	const char *dummy;
	struct buf file = { NULL, 0, 0 }, s = { NULL, 0, 0 };
	struct hdr h;
	int rc = 0;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (orientation)
		*orientation = 1;
	if (load(path, &file, &h, why))
		return -1;
	if (h.type == IMAGE_JPEG && jpeg_plain(&h)) {
		if (jpeg_strip((const unsigned char *)file.data, file.len, keep_meta, &s, why)) {
			rc = -1;
		} else {
			give(out, IMAGE_JPEG, &s, h.w, h.h);
			if (orientation)
				*orientation = h.orientation;
			rc = 1;
		}
	}
	buf_free(&file);
	return rc;
}

int image_decode(const char *path, int max_px, struct image_pixels *out, const char **why)
{
	const char *dummy;
	struct buf file = { NULL, 0, 0 };
	struct raster r;
	struct hdr h;
	const unsigned char *s;
	uint32_t a, *q;
	size_t i, n;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof *out);
	if (load(path, &file, &h, why))
		return -1;
	if (decode_image((const unsigned char *)file.data, file.len, &h, max_px, NULL, 0, &r, why)) {
		buf_free(&file);
		return -1;
	}
	buf_free(&file);
	n = (size_t)r.w * (size_t)r.h;
	out->px = malloc(n * sizeof *out->px);
	if (!out->px) {
		raster_free(&r);
		*why = E_OOM;
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

const char *image_media_type(enum image_type type)
{
	switch (type) {
	case IMAGE_JPEG: return "image/jpeg";
	case IMAGE_PNG: return "image/png";
	case IMAGE_GIF: return "image/gif";
	case IMAGE_WEBP: return "image/webp";
	case IMAGE_NONE: break;
	}
	return NULL;
}

const char *image_extension(enum image_type type)
{
	switch (type) {
	case IMAGE_JPEG: return "jpg";
	case IMAGE_PNG: return "png";
	case IMAGE_GIF: return "gif";
	case IMAGE_WEBP: return "webp";
	case IMAGE_NONE: break;
	}
	return NULL;
}

void image_data_free(struct image_data *d)
{
	if (!d)
		return;
	free(d->data);
	memset(d, 0, sizeof *d);
}

void image_pixels_free(struct image_pixels *p)
{
	if (!p)
		return;
	free(p->px);
	memset(p, 0, sizeof *p);
}
