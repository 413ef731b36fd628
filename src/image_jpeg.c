/* JPEG bytes without decoding them: header, EXIF orientation, metadata stripping, lossless
 * transforms. */

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <turbojpeg.h>

#include "image_int.h"

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

static unsigned
rd16(const unsigned char *p, int le)
{
	return le ? le16(p) : be16(p);
}

static uint32_t
rd32(const unsigned char *p, int le)
{
	if (le)
		return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
	return be32(p);
}

/* Finds the EXIF orientation tag in an APP1 payload ("Exif\0\0" and a TIFF structure): IFD0 only,
 * every offset checked against the payload. Not libexif: turning the pixels needs the offset of
 * the value to reset it in place, which libexif does not give, and on corrupt EXIF libexif
 * disagrees (it drops an orientation entry whose count is out of range; this reads its value). */
static struct exif_tag
exif_orientation(const unsigned char *seg, size_t n)
{
	struct exif_tag t = {0, 0, 0};
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
static int
jpeg_next_segment(const unsigned char *b, size_t n, size_t *pos, struct jseg *s)
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
static int
is_sof(int m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Reads a JPEG header up to its frame header. Returns 0, 1 when more data is needed, -1. */
int
jpeg_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why)
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
	if (image_check_size(be16(d + 3), be16(d + 1), why))
		return -1;
	h->h = (int)be16(d + 1);
	h->w = (int)be16(d + 3);
	h->sof = s.m;
	h->components = (int)nc;
	h->rgb_ids = nc == 3 && d[6] == 'R' && d[9] == 'G' && d[12] == 'B';
	return 0;
}

/* Lossless JPEG work: metadata stripping and transforms. */

/* Whether a header segment survives stripping: APP0 JFIF, APP2 ICC profiles, APP14 Adobe and
 * every non-APP segment but comments. */
static int
jpeg_keep_segment(int m, const unsigned char *d, size_t len)
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
static size_t
jpeg_find_eoi(const unsigned char *b, size_t n, size_t pos)
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
int
jpeg_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out, const char **why)
{
	size_t pos = 2, end;
	struct jseg s;
	int r;

	buf_put(out, b, 2);
	for (;;) {
		r = jpeg_next_segment(b, n, &pos, &s);
		if (r) {
			*why = r > 0 ? IMAGE_E_TRUNCATED : "corrupt JPEG header";
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
void
jpeg_reset_orientation(unsigned char *b, size_t n)
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
int
jpeg_transform(const unsigned char *in, size_t n, const struct hdr *h, struct buf *out, int *w,
               int *hh)
{
	static const int ops[9] = {TJXOP_NONE,   TJXOP_NONE,       TJXOP_HFLIP,
	                           TJXOP_ROT180, TJXOP_VFLIP,      TJXOP_TRANSPOSE,
	                           TJXOP_ROT90,  TJXOP_TRANSVERSE, TJXOP_ROT270};
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
	image_oriented_size(h, &ew, &eh);
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

/* A JPEG that readers and cairo take as it is: Huffman-coded, 8-bit, gray or YCbCr. */
int
jpeg_plain(const struct hdr *h)
{
	if (h->sof != 0xC0 && h->sof != 0xC1 && h->sof != 0xC2)
		return 0;
	if (h->components == 1)
		return 1;
	return h->components == 3 && !h->rgb_ids && !(h->adobe && h->adobe_transform == 0);
}
