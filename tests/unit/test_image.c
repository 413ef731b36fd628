/* Unit tests for src/image.c: every fixture is made here with the codec libraries. */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <gif_lib.h>
#include <webp/encode.h>
#include <libexif/exif-data.h>

#include "image.h"
#include "image_int.h"

/* The temp dir made by the group setup, shared by the tests. */
static char tmpdir[64];

static const char *tpath(const char *name)
{
	static char p[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof p[i], "%s/%s", tmpdir, name);
	return p[i];
}

static void save(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	if (n)
		assert_int_equal(fwrite(d, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static unsigned char *load(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)len + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

static int contains(const unsigned char *b, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(b + i, s, k))
			return 1;
	return 0;
}

/* A deterministic pseudo-random generator for the garbage tests. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The test pattern: quadrants red, green (top), blue, white (bottom). */
static const unsigned char QUAD[4][3] = {
	{ 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 }
};
enum { Q_R, Q_G, Q_B, Q_W };

static void quad_rgb(int w, int h, int x, int y, unsigned char *rgb)
{
	memcpy(rgb, QUAD[(y >= h / 2) * 2 + (x >= w / 2)], 3);
}

/* JPEG fixtures. */

enum { K_RGB, K_GRAY, K_CMYK, K_YCCK };

struct jopt {
	int w, h;
	int kind;
	int progressive;
	int orientation;        /* 0: no EXIF */
	int exif_be;            /* EXIF in big-endian byte order */
	int gps, xmp, iptc, comment, icc;
};

static const unsigned char GRAY_Q[4] = { 40, 100, 160, 220 };

/* A fake RGB ICC profile: only its header fields matter here. */
static void fake_icc(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	p[0] = 0;
	p[1] = 0;
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	memcpy(p + 12, "mntr", 4);
	memcpy(p + 16, "RGB ", 4);
	memcpy(p + 20, "XYZ ", 4);
	memcpy(p + 36, "acsp", 4);
}

static void put16(unsigned char *p, unsigned v, int le)
{
	p[le ? 0 : 1] = (unsigned char)v;
	p[le ? 1 : 0] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v, int le)
{
	int i;

	for (i = 0; i < 4; i++)
		p[le ? i : 3 - i] = (unsigned char)(v >> (8 * i));
}

static void ifd_entry(unsigned char *p, unsigned tag, unsigned type, uint32_t count, uint32_t value,
                      int le)
{
	put16(p, tag, le);
	put16(p + 2, type, le);
	put32(p + 4, count, le);
	if (type == 3 && count == 1) {
		put16(p + 8, value, le);
		p[10] = p[11] = 0;
	} else {
		put32(p + 8, value, le);
	}
}

/* Builds an APP1 Exif payload: IFD0 with the orientation and, with gps, a GPS IFD pointer; the
 * GPS IFD holds a latitude and a processing method reading "GPS-FIX1". Returns its length. */
static size_t make_exif(unsigned char *out, int orientation, int gps, int le)
{
	unsigned char *t = out + 6;
	size_t n;

	memset(out, 0, 160);
	memcpy(out, "Exif\0\0", 6);
	memcpy(t, le ? "II" : "MM", 2);
	put16(t + 2, 42, le);
	put32(t + 4, 8, le);
	put16(t + 8, gps ? 2 : 1, le);
	ifd_entry(t + 10, 0x0112, 3, 1, (uint32_t)orientation, le);
	if (gps)
		ifd_entry(t + 22, 0x8825, 4, 1, 38, le);
	put32(t + (gps ? 34 : 22), 0, le);
	if (!gps)
		return 6 + 26;
	put16(t + 38, 3, le);
	ifd_entry(t + 40, 0x0001, 2, 2, 0, le);
	memcpy(t + 48, "N\0\0\0", 4);
	ifd_entry(t + 52, 0x0002, 5, 3, 80, le);
	ifd_entry(t + 64, 0x001B, 7, 16, 104, le);
	put32(t + 76, 0, le);
	put32(t + 80, 48, le);
	put32(t + 84, 1, le);
	put32(t + 88, 51, le);
	put32(t + 92, 1, le);
	put32(t + 96, 2400, le);
	put32(t + 100, 100, le);
	memcpy(t + 104, "ASCII\0\0\0GPS-FIX1", 16);
	n = 6 + 120;
	return n;
}

static void write_jpeg(const char *path, const struct jopt *o)
{
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>"
	                          "48,51.4N</exif:GPSLatitude></x:xmpmeta>";
	static const char iptc[] = "Photoshop 3.0\0008BIM\004\004\0\0\0\0\0\030secret-iptc-caption";
	static const char com[] = "secret comment";
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char exif[200], icc[300], rgb[3], *row;
	JSAMPROW rp;
	FILE *f = fopen(path, "wb");
	int x, y, q, nc;

	assert_non_null(f);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)o->w;
	c.image_height = (JDIMENSION)o->h;
	nc = o->kind == K_GRAY ? 1 : o->kind == K_RGB ? 3 : 4;
	c.input_components = nc;
	c.in_color_space = o->kind == K_GRAY ? JCS_GRAYSCALE
	                   : o->kind == K_RGB ? JCS_RGB : JCS_CMYK;
	jpeg_set_defaults(&c);
	if (o->kind == K_YCCK)
		jpeg_set_colorspace(&c, JCS_YCCK);
	jpeg_set_quality(&c, 92, TRUE);
	if (o->progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	if (o->orientation)
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif,
		                  (unsigned)make_exif(exif, o->orientation, o->gps, !o->exif_be));
	if (o->xmp)
		jpeg_write_marker(&c, JPEG_APP0 + 1, (const JOCTET *)xmp, sizeof xmp - 1);
	if (o->iptc)
		jpeg_write_marker(&c, JPEG_APP0 + 13, (const JOCTET *)iptc, sizeof iptc - 1);
	if (o->comment)
		jpeg_write_marker(&c, JPEG_COM, (const JOCTET *)com, sizeof com - 1);
	if (o->icc) {
		fake_icc(icc, sizeof icc);
		jpeg_write_icc_profile(&c, icc, sizeof icc);
	}
	row = malloc((size_t)o->w * 4);
	assert_non_null(row);
	for (y = 0; y < o->h; y++) {
		for (x = 0; x < o->w; x++) {
			quad_rgb(o->w, o->h, x, y, rgb);
			q = (y >= o->h / 2) * 2 + (x >= o->w / 2);
			if (nc == 1) {
				row[x] = GRAY_Q[q];
			} else if (nc == 3) {
				memcpy(row + x * 3, rgb, 3);
			} else {
				/* Adobe CMYK is stored inverted: C' = 255 - C = R; K' = 255. */
				memcpy(row + x * 4, rgb, 3);
				row[x * 4 + 3] = 255;
			}
		}
		rp = row;
		jpeg_write_scanlines(&c, &rp, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	fclose(f);
}

/* Reads an encoded JPEG's size, components and ICC profile with libjpeg. */
static void jpeg_info(const unsigned char *b, size_t n, int *w, int *h, int *nc,
                      unsigned char **icc, unsigned *icc_len)
{
	struct jpeg_decompress_struct c;
	struct jpeg_error_mgr e;
	JOCTET *p = NULL;
	unsigned len = 0;

	c.err = jpeg_std_error(&e);
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, b, (unsigned long)n);
	jpeg_save_markers(&c, JPEG_APP0 + 2, 0xFFFF);
	assert_int_equal(jpeg_read_header(&c, TRUE), JPEG_HEADER_OK);
	*w = (int)c.image_width;
	*h = (int)c.image_height;
	*nc = c.num_components;
	if (!jpeg_read_icc_profile(&c, &p, &len)) {
		p = NULL;
		len = 0;
	}
	if (icc) {
		*icc = p;
		*icc_len = len;
	} else {
		free(p);
	}
	jpeg_destroy_decompress(&c);
}

/* Lists the marker codes before the first scan of a well-formed JPEG; *app1 gets the first
 * APP1 payload. Returns the count. */
static int jpeg_markers(const unsigned char *b, size_t n, int *codes, int max,
                        const unsigned char **app1, size_t *app1_len)
{
	size_t pos = 2, len;
	int k = 0;

	if (app1)
		*app1 = NULL;
	while (pos + 4 <= n && b[pos] == 0xFF) {
		len = (size_t)b[pos + 2] << 8 | b[pos + 3];
		if (k < max)
			codes[k++] = b[pos + 1];
		if (b[pos + 1] == 0xE1 && app1 && !*app1) {
			*app1 = b + pos + 4;
			*app1_len = len - 2;
		}
		if (b[pos + 1] == 0xDA)
			break;
		pos += 2 + len;
	}
	return k;
}

/* Whether two JPEGs have the same first quantisation table segment, up to transposition: a
 * lossless transform keeps the source's tables, a re-encoding (quality 85) does not. */
static int same_dqt(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	const unsigned char *p[2] = { a, b };
	size_t n[2] = { an, bn }, pos, len, at[2] = { 0, 0 };
	int i, count[256];

	for (i = 0; i < 2; i++) {
		for (pos = 2; pos + 4 <= n[i] && p[i][pos] == 0xFF; pos += 2 + len) {
			len = (size_t)p[i][pos + 2] << 8 | p[i][pos + 3];
			if (p[i][pos + 1] == 0xDB) {
				at[i] = pos;
				break;
			}
		}
		if (!at[i])
			return 0;
	}
	len = (size_t)a[at[0] + 2] << 8 | a[at[0] + 3];
	if (at[0] + 2 + len > an || at[1] + 2 + len > bn || memcmp(a + at[0], b + at[1], 4))
		return 0;
	/* Transposing transforms transpose the tables too: compare the values as multisets. */
	memset(count, 0, sizeof count);
	for (pos = 4; pos < len + 2; pos++) {
		count[a[at[0] + pos]]++;
		count[b[at[1] + pos]]--;
	}
	for (i = 0; i < 256; i++)
		if (count[i])
			return 0;
	return 1;
}

static int has_marker(const unsigned char *b, size_t n, int m)
{
	int codes[64], k, i;

	k = jpeg_markers(b, n, codes, 64, NULL, NULL);
	for (i = 0; i < k; i++)
		if (codes[i] == m)
			return 1;
	return 0;
}

/* The orientation tag of an APP1 payload, read with libexif. */
static int exif_orient_libexif(const unsigned char *app1, size_t n)
{
	ExifData *ed = exif_data_new_from_data(app1, (unsigned)n);
	ExifEntry *en;
	int v = 0;

	assert_non_null(ed);
	en = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
	if (en)
		v = exif_get_short(en->data, exif_data_get_byte_order(ed));
	exif_data_unref(ed);
	return v;
}

/* Pixels. */

static void px_at(const struct image_pixels *p, int x, int y, int *r, int *g, int *b, int *a)
{
	uint32_t v = p->px[(size_t)y * (size_t)p->width + (size_t)x];

	*a = (int)(v >> 24);
	*r = (int)(v >> 16 & 255);
	*g = (int)(v >> 8 & 255);
	*b = (int)(v & 255);
}

static void assert_px(const struct image_pixels *p, int x, int y, int r, int g, int b, int a,
                      int tol)
{
	int pr, pg, pb, pa;

	px_at(p, x, y, &pr, &pg, &pb, &pa);
	if (abs(pr - r) > tol || abs(pg - g) > tol || abs(pb - b) > tol || abs(pa - a) > tol)
		fail_msg("pixel (%d,%d) is %d,%d,%d,%d; expected %d,%d,%d,%d", x, y, pr, pg, pb, pa,
		         r, g, b, a);
}

/* The largest difference between two pixels' channels. */
static int pixel_diff(uint32_t a, uint32_t b)
{
	int s, d, m = 0;

	for (s = 0; s < 32; s += 8) {
		d = abs((int)(a >> s & 255) - (int)(b >> s & 255));
		if (d > m)
			m = d;
	}
	return m;
}

/* The quadrant that shows at display quadrant (qx, qy) for each EXIF orientation. */
static const int SHOWN[9][4] = {
	{ 0 },
	{ Q_R, Q_G, Q_B, Q_W }, { Q_G, Q_R, Q_W, Q_B }, { Q_W, Q_B, Q_G, Q_R },
	{ Q_B, Q_W, Q_R, Q_G }, { Q_R, Q_B, Q_G, Q_W }, { Q_B, Q_R, Q_W, Q_G },
	{ Q_W, Q_G, Q_B, Q_R }, { Q_G, Q_W, Q_R, Q_B },
};

static void assert_quadrants(const struct image_pixels *p, int orientation, int tol)
{
	int q, qc;

	for (q = 0; q < 4; q++) {
		qc = SHOWN[orientation][q];
		assert_px(p, (q & 1) ? p->width * 3 / 4 : p->width / 4,
		          (q & 2) ? p->height * 3 / 4 : p->height / 4, QUAD[qc][0], QUAD[qc][1],
		          QUAD[qc][2], 255, tol);
	}
}

/* Decodes encoded bytes by way of a file. */
static void decode_bytes(const struct image_data *d, int max_px, struct image_pixels *p)
{
	const char *why = NULL;
	const char *f = tpath("decode-tmp");

	save(f, d->data, d->len);
	assert_int_equal(image_decode(f, max_px, p, &why), 0);
}

/* PNG fixtures. */

struct popt {
	int w, h, depth, ct, interlace;
	const unsigned char *rows;      /* packed rows in the PNG's own format */
	const png_color *palette;
	int npalette;
	const unsigned char *trns;
	int ntrns;
	int meta;                       /* add tEXt, zTXt, iTXt, tIME and eXIf */
};

static void write_png(const char *path, const struct popt *o)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_text text[3];
	png_time t = { 2024, 5, 6, 7, 8, 9 };
	unsigned char exif[200];
	size_t rowbytes;
	int y, passes, p;
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(setjmp(png_jmpbuf(png)), 0);
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)o->w, (png_uint_32)o->h, o->depth, o->ct,
	             o->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (o->palette)
		png_set_PLTE(png, info, o->palette, o->npalette);
	if (o->trns)
		png_set_tRNS(png, info, o->trns, o->ntrns, NULL);
	if (o->meta) {
		memset(text, 0, sizeof text);
		text[0].compression = PNG_TEXT_COMPRESSION_NONE;
		text[0].key = (png_charp)"Comment";
		text[0].text = (png_charp)"GPS 48.8566N 2.3522E secret";
		text[1].compression = PNG_TEXT_COMPRESSION_zTXt;
		text[1].key = (png_charp)"Description";
		text[1].text = (png_charp)"a compressed secret description, long enough to deflate";
		text[2].compression = PNG_ITXT_COMPRESSION_NONE;
		text[2].key = (png_charp)"XML:com.adobe.xmp";
		text[2].text = (png_charp)"<x:xmpmeta>GPSLatitude</x:xmpmeta>";
		png_set_text(png, info, text, 3);
		png_set_tIME(png, info, &t);
		png_set_eXIf_1(png, info, (png_uint_32)(make_exif(exif, 1, 1, 1) - 6), exif + 6);
	}
	png_write_info(png, info);
	rowbytes = png_get_rowbytes(png, info);
	passes = png_set_interlace_handling(png);
	for (p = 0; p < passes; p++)
		for (y = 0; y < o->h; y++)
			png_write_row(png, (png_const_bytep)(o->rows + (size_t)y * rowbytes));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	fclose(f);
}

/* An RGB PNG of the quadrant pattern (or a checkerboard). */
static void write_png_rgb(const char *path, int w, int h, int checker, int interlace, int meta)
{
	unsigned char *rows = malloc((size_t)w * (size_t)h * 3);
	struct popt o = { w, h, 8, PNG_COLOR_TYPE_RGB, interlace, rows, NULL, 0, NULL, 0, meta };
	int x, y;

	assert_non_null(rows);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *q = rows + ((size_t)y * (size_t)w + (size_t)x) * 3;
			if (checker)
				memset(q, (x + y) % 2 ? 255 : 0, 3);
			else
				quad_rgb(w, h, x, y, q);
		}
	write_png(path, &o);
	free(rows);
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

/* A PNG header claiming w x h, with an empty IDAT: a decompression bomb's front. */
static void write_png_header(const char *path, uint32_t w, uint32_t h)
{
	unsigned char b[8 + 25 + 12 + 12];
	uint32_t crc;

	memcpy(b, "\x89PNG\r\n\x1a\n", 8);
	put32(b + 8, 13, 0);
	memcpy(b + 12, "IHDR", 4);
	put32(b + 16, w, 0);
	put32(b + 20, h, 0);
	b[24] = 8;
	b[25] = 2;
	b[26] = b[27] = b[28] = 0;
	crc = crc32_png(b + 12, 17);
	put32(b + 29, crc, 0);
	put32(b + 33, 0, 0);
	memcpy(b + 37, "IDAT", 4);
	put32(b + 41, crc32_png(b + 37, 4), 0);
	put32(b + 45, 0, 0);
	memcpy(b + 49, "IEND", 4);
	put32(b + 53, crc32_png(b + 49, 4), 0);
	save(path, b, sizeof b);
}

/* GIF fixtures: a 40x30 screen; frame 1 at (10,5), 20x20, left half red, right half the
 * transparent index; frame 2 all blue. With interlace, one full-screen opaque frame whose row y
 * has colour y % 4. */
static void write_gif(const char *path, int interlaced)
{
	GifColorType cols[4] = { { 255, 0, 0 }, { 0, 0, 0 }, { 0, 0, 255 }, { 0, 255, 0 } };
	ColorMapObject *cm = GifMakeMapObject(4, cols);
	GraphicsControlBlock gcb = { DISPOSAL_UNSPECIFIED, false, 10, 1 };
	GifByteType ext[4], line[40];
	static const int start[4] = { 0, 4, 2, 1 }, step[4] = { 8, 8, 4, 2 };
	int err = 0, x, y, p;
	size_t len;
	GifFileType *g = EGifOpenFileName(path, false, &err);

	assert_non_null(g);
	assert_non_null(cm);
	EGifSetGifVersion(g, true);
	assert_int_equal(EGifPutScreenDesc(g, 40, 30, 2, 0, cm), GIF_OK);
	if (interlaced) {
		assert_int_equal(EGifPutImageDesc(g, 0, 0, 40, 30, true, NULL), GIF_OK);
		for (p = 0; p < 4; p++)
			for (y = start[p]; y < 30; y += step[p]) {
				memset(line, y % 4, sizeof line);
				assert_int_equal(EGifPutLine(g, line, 40), GIF_OK);
			}
	} else {
		len = EGifGCBToExtension(&gcb, ext);
		assert_int_equal(EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, (int)len, ext),
		                 GIF_OK);
		assert_int_equal(EGifPutImageDesc(g, 10, 5, 20, 20, false, NULL), GIF_OK);
		for (y = 0; y < 20; y++) {
			for (x = 0; x < 20; x++)
				line[x] = x < 10 ? 0 : 1;
			assert_int_equal(EGifPutLine(g, line, 20), GIF_OK);
		}
		gcb.TransparentColor = NO_TRANSPARENT_COLOR;
		len = EGifGCBToExtension(&gcb, ext);
		assert_int_equal(EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, (int)len, ext),
		                 GIF_OK);
		assert_int_equal(EGifPutImageDesc(g, 0, 0, 40, 30, false, NULL), GIF_OK);
		memset(line, 2, sizeof line);
		for (y = 0; y < 30; y++)
			assert_int_equal(EGifPutLine(g, line, 40), GIF_OK);
	}
	assert_int_equal(EGifCloseFile(g, &err), GIF_OK);
	GifFreeMapObject(cm);
}

/* WebP fixtures. */

static void write_webp_lossy(const char *path, int w, int h)
{
	unsigned char *rgb = malloc((size_t)w * (size_t)h * 3), *out = NULL;
	size_t n;
	int x, y;

	assert_non_null(rgb);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			quad_rgb(w, h, x, y, rgb + ((size_t)y * (size_t)w + (size_t)x) * 3);
	n = WebPEncodeRGB(rgb, w, h, w * 3, 95, &out);
	assert_true(n > 0);
	save(path, out, n);
	WebPFree(out);
	free(rgb);
}

/* A lossless RGBA WebP: red, its right half at alpha 128 (or all of it the colour given). */
static size_t webp_lossless(int w, int h, const unsigned char *fill, unsigned char **out)
{
	unsigned char *px = malloc((size_t)w * (size_t)h * 4);
	size_t n;
	int i;

	assert_non_null(px);
	for (i = 0; i < w * h; i++) {
		if (fill) {
			memcpy(px + i * 4, fill, 4);
		} else {
			px[i * 4] = 255;
			px[i * 4 + 1] = px[i * 4 + 2] = 0;
			px[i * 4 + 3] = (i % w) >= w / 2 ? 128 : 255;
		}
	}
	n = WebPEncodeLosslessRGBA(px, w, h, w * 4, out);
	free(px);
	assert_true(n > 0);
	return n;
}

static void le24(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
}

/* An animated WebP made by hand: VP8X, ANIM and two ANMF frames (red, then blue) wrapping the
 * VP8L chunks of two still images. */
static void write_webp_anim(const char *path)
{
	static const unsigned char red[4] = { 255, 0, 0, 255 }, blue[4] = { 0, 0, 255, 255 };
	unsigned char *f[2], *b, *p;
	size_t n[2], chunk[2], total, i;

	n[0] = webp_lossless(16, 8, red, &f[0]);
	n[1] = webp_lossless(16, 8, blue, &f[1]);
	total = 12 + 18 + 14;
	for (i = 0; i < 2; i++) {
		assert_memory_equal(f[i] + 12, "VP8L", 4);
		chunk[i] = n[i] - 12;
		total += 8 + 16 + chunk[i];
	}
	b = calloc(1, total);
	assert_non_null(b);
	memcpy(b, "RIFF", 4);
	put32(b + 4, (uint32_t)(total - 8), 1);
	memcpy(b + 8, "WEBPVP8X", 8);
	put32(b + 16, 10, 1);
	b[20] = 0x12;
	le24(b + 24, 15);
	le24(b + 27, 7);
	memcpy(b + 30, "ANIM", 4);
	put32(b + 34, 6, 1);
	p = b + 44;
	for (i = 0; i < 2; i++) {
		memcpy(p, "ANMF", 4);
		put32(p + 4, (uint32_t)(16 + chunk[i]), 1);
		le24(p + 8, 0);
		le24(p + 11, 0);
		le24(p + 14, 15);
		le24(p + 17, 7);
		le24(p + 20, 100);
		p[23] = 0;
		memcpy(p + 24, f[i] + 12, chunk[i]);
		p += 24 + chunk[i];
		WebPFree(f[i]);
	}
	save(path, b, total);
	free(b);
}

/* Calls every entry point on a file and frees what they return; returns image_decode's result. */
static int poke(const char *path)
{
	struct image_info info;
	struct image_data d;
	struct image_pixels p;
	const char *why = NULL;
	int o, rc;

	if (image_probe(path, &info, &why) != 0)
		assert_non_null(why);
	if (image_for_epub(path, 300, 0, &d, &why) == 0)
		assert_true(d.len > 0);
	image_data_free(&d);
	rc = image_jpeg_for_pdf(path, 0, &d, &o, &why);
	assert_true(rc >= -1 && rc <= 1);
	image_data_free(&d);
	rc = image_decode(path, 0, &p, &why);
	if (rc == 0)
		assert_non_null(p.px);
	else
		assert_non_null(why);
	image_pixels_free(&p);
	return rc;
}

/* Tests. */

static void test_probe_formats(void **state)
{
	struct jopt jo = { 64, 32, K_RGB, 0, 6, 0, 0, 0, 0, 0, 0 };
	struct image_info info;
	const char *why = NULL;

	(void)state;
	write_jpeg(tpath("p.jpg"), &jo);
	assert_int_equal(image_probe(tpath("p.jpg"), &info, &why), 0);
	assert_int_equal(info.type, IMAGE_JPEG);
	assert_int_equal(info.width, 32);
	assert_int_equal(info.height, 64);
	assert_int_equal(info.orientation, 6);

	/* The type comes from the bytes, not the name. */
	write_png_rgb(tpath("p.jpg.gif"), 50, 40, 0, 0, 0);
	assert_int_equal(image_probe(tpath("p.jpg.gif"), &info, &why), 0);
	assert_int_equal(info.type, IMAGE_PNG);
	assert_int_equal(info.width, 50);
	assert_int_equal(info.height, 40);
	assert_int_equal(info.orientation, 1);

	write_gif(tpath("p.gif"), 0);
	assert_int_equal(image_probe(tpath("p.gif"), &info, &why), 0);
	assert_int_equal(info.type, IMAGE_GIF);
	assert_int_equal(info.width, 40);
	assert_int_equal(info.height, 30);

	write_webp_lossy(tpath("p.webp"), 24, 16);
	assert_int_equal(image_probe(tpath("p.webp"), &info, &why), 0);
	assert_int_equal(info.type, IMAGE_WEBP);
	assert_int_equal(info.width, 24);
	assert_int_equal(info.height, 16);

	write_webp_anim(tpath("anim.webp"));
	assert_int_equal(image_probe(tpath("anim.webp"), &info, &why), 0);
	assert_int_equal(info.width, 16);
	assert_int_equal(info.height, 8);

	save(tpath("text.jpg"), "hello, world\n", 13);
	why = NULL;
	assert_int_equal(image_probe(tpath("text.jpg"), &info, &why), -1);
	assert_string_equal(why, "not an image");
	why = NULL;
	assert_int_equal(image_probe(tpath("missing.jpg"), &info, &why), -1);
	assert_non_null(why);

	assert_string_equal(image_media_type(IMAGE_JPEG), "image/jpeg");
	assert_string_equal(image_media_type(IMAGE_PNG), "image/png");
	assert_string_equal(image_extension(IMAGE_JPEG), "jpg");
	assert_string_equal(image_extension(IMAGE_WEBP), "webp");
	assert_null(image_media_type(IMAGE_NONE));
	assert_null(image_extension(IMAGE_NONE));
}

static void test_jpeg_downscale(void **state)
{
	struct jopt jo = { 4000, 3000, K_RGB, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct image_data d;
	struct image_pixels p;
	const char *why = NULL;
	int w, h, nc;

	(void)state;
	write_jpeg(tpath("big.jpg"), &jo);
	assert_int_equal(image_for_epub(tpath("big.jpg"), 1600, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_JPEG);
	assert_int_equal(d.width, 1600);
	assert_int_equal(d.height, 1200);
	jpeg_info(d.data, d.len, &w, &h, &nc, NULL, NULL);
	assert_int_equal(w, 1600);
	assert_int_equal(h, 1200);
	assert_int_equal(nc, 3);
	decode_bytes(&d, 0, &p);
	assert_int_equal(p.width, 1600);
	assert_quadrants(&p, 1, 40);
	image_pixels_free(&p);
	image_data_free(&d);

	/* No limit: the bytes pass through. */
	assert_int_equal(image_for_epub(tpath("big.jpg"), 0, 0, &d, &why), 0);
	assert_int_equal(d.width, 4000);
	assert_int_equal(d.height, 3000);
	image_data_free(&d);

	assert_int_equal(image_decode(tpath("big.jpg"), 800, &p, &why), 0);
	assert_int_equal(p.width, 800);
	assert_int_equal(p.height, 600);
	assert_int_equal(p.has_alpha, 0);
	assert_quadrants(&p, 1, 40);
	image_pixels_free(&p);

	/* Turned and reduced: the EXIF goes, the pixels are upright. */
	jo.orientation = 6;
	jo.gps = 1;
	write_jpeg(tpath("big6.jpg"), &jo);
	assert_int_equal(image_for_epub(tpath("big6.jpg"), 1600, 0, &d, &why), 0);
	assert_int_equal(d.width, 1200);
	assert_int_equal(d.height, 1600);
	assert_false(has_marker(d.data, d.len, 0xE1));
	assert_false(contains(d.data, d.len, "GPS"));
	decode_bytes(&d, 0, &p);
	assert_int_equal(p.width, 1200);
	assert_int_equal(p.height, 1600);
	assert_quadrants(&p, 6, 40);
	image_pixels_free(&p);
	image_data_free(&d);

	assert_int_equal(image_decode(tpath("big6.jpg"), 1600, &p, &why), 0);
	assert_int_equal(p.width, 1200);
	assert_int_equal(p.height, 1600);
	assert_quadrants(&p, 6, 40);
	image_pixels_free(&p);
}

static void check_gps_stripped(const char *name, int progressive, int be)
{
	struct jopt jo = { 640, 480, K_RGB, progressive, 6, be, 1, 1, 1, 1, 1 };
	struct image_data d;
	struct image_pixels p;
	const unsigned char *app1;
	unsigned char *file, *icc, ref[300];
	unsigned icc_len;
	size_t n, app1_len;
	const char *why = NULL;
	int w, h, nc, codes[32], k;

	write_jpeg(tpath(name), &jo);
	file = load(tpath(name), &n);
	assert_true(contains(file, n, "GPS"));
	assert_true(contains(file, n, "secret"));
	assert_true(has_marker(file, n, 0xE1));
	jpeg_markers(file, n, codes, 32, &app1, &app1_len);
	assert_int_equal(exif_orient_libexif(app1, app1_len), 6);

	assert_int_equal(image_for_epub(tpath(name), 1600, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_JPEG);
	assert_int_equal(d.width, 480);
	assert_int_equal(d.height, 640);
	k = jpeg_markers(d.data, d.len, codes, 32, NULL, NULL);
	while (k-- > 0) {
		assert_int_not_equal(codes[k], 0xE1);
		assert_int_not_equal(codes[k], 0xED);
		assert_int_not_equal(codes[k], 0xFE);
	}
	assert_false(contains(d.data, d.len, "GPS"));
	assert_false(contains(d.data, d.len, "Exif"));
	assert_false(contains(d.data, d.len, "secret"));
	assert_false(contains(d.data, d.len, "ns.adobe.com"));
	assert_true(has_marker(d.data, d.len, 0xE2));
	assert_true(has_marker(d.data, d.len, progressive ? 0xC2 : 0xC0));
	jpeg_info(d.data, d.len, &w, &h, &nc, &icc, &icc_len);
	assert_int_equal(w, 480);
	assert_int_equal(h, 640);
	fake_icc(ref, sizeof ref);
	assert_int_equal(icc_len, sizeof ref);
	assert_memory_equal(icc, ref, sizeof ref);
	free(icc);
	decode_bytes(&d, 0, &p);
	assert_quadrants(&p, 6, 40);
	image_pixels_free(&p);
	image_data_free(&d);

	/* keep_meta: the EXIF stays, its orientation now 1 since the pixels were turned. */
	assert_int_equal(image_for_epub(tpath(name), 1600, 1, &d, &why), 0);
	assert_int_equal(d.width, 480);
	assert_int_equal(d.height, 640);
	assert_true(contains(d.data, d.len, "GPS"));
	jpeg_markers(d.data, d.len, codes, 32, &app1, &app1_len);
	assert_non_null(app1);
	assert_int_equal(exif_orient_libexif(app1, app1_len), 1);
	decode_bytes(&d, 0, &p);
	assert_quadrants(&p, 6, 40);
	image_pixels_free(&p);
	image_data_free(&d);

	/* Re-encoded with keep_meta: still turned, EXIF kept with orientation 1. */
	assert_int_equal(image_for_epub(tpath(name), 320, 1, &d, &why), 0);
	assert_int_equal(d.width, 240);
	assert_int_equal(d.height, 320);
	jpeg_markers(d.data, d.len, codes, 32, &app1, &app1_len);
	assert_non_null(app1);
	assert_int_equal(exif_orient_libexif(app1, app1_len), 1);
	image_data_free(&d);
	free(file);
}

static void test_jpeg_gps_stripped_and_turned(void **state)
{
	(void)state;
	check_gps_stripped("gps.jpg", 0, 0);
	check_gps_stripped("gps-prog.jpg", 1, 0);
	check_gps_stripped("gps-be.jpg", 0, 1);
}

static void test_jpeg_keep_meta_untouched(void **state)
{
	struct jopt jo = { 64, 48, K_RGB, 0, 1, 0, 1, 1, 1, 1, 1 };
	struct image_data d;
	unsigned char *file;
	size_t n;
	const char *why = NULL;

	(void)state;
	write_jpeg(tpath("keep.jpg"), &jo);
	file = load(tpath("keep.jpg"), &n);
	assert_int_equal(image_for_epub(tpath("keep.jpg"), 1600, 1, &d, &why), 0);
	assert_int_equal(d.len, n);
	assert_memory_equal(d.data, file, n);
	image_data_free(&d);

	/* Stripped, only whole segments go: the scans are the same bytes. */
	assert_int_equal(image_for_epub(tpath("keep.jpg"), 1600, 0, &d, &why), 0);
	assert_true(d.len < n);
	assert_memory_equal(d.data + d.len - 200, file + n - 200, 200);
	assert_false(contains(d.data, d.len, "GPS"));
	image_data_free(&d);
	free(file);
}

static void test_orientations(void **state)
{
	struct jopt jo = { 64, 32, K_RGB, 0, 1, 0, 0, 0, 0, 0, 0 };
	struct image_data d;
	struct image_pixels p, q;
	const char *why = NULL;
	unsigned char *file;
	char name[32];
	size_t n;
	int o, ew, eh, k;

	(void)state;
	for (o = 1; o <= 8; o++) {
		/* MCU-aligned: a perfect lossless transform. */
		jo.w = 64;
		jo.h = 32;
		jo.orientation = o;
		snprintf(name, sizeof name, "o%d.jpg", o);
		write_jpeg(tpath(name), &jo);
		ew = o >= 5 ? 32 : 64;
		eh = o >= 5 ? 64 : 32;
		assert_int_equal(image_for_epub(tpath(name), 0, 0, &d, &why), 0);
		assert_int_equal(d.width, ew);
		assert_int_equal(d.height, eh);
		file = load(tpath(name), &n);
		assert_true(same_dqt(file, n, d.data, d.len));
		free(file);
		decode_bytes(&d, 0, &p);
		assert_int_equal(p.width, ew);
		assert_quadrants(&p, o, 40);
		image_pixels_free(&p);
		image_data_free(&d);
		assert_int_equal(image_decode(tpath(name), 0, &p, &why), 0);
		assert_int_equal(p.width, ew);
		assert_int_equal(p.height, eh);
		assert_quadrants(&p, o, 40);
		image_pixels_free(&p);

		/* Partial MCUs at the edges: trimmed by less than one MCU. */
		jo.w = 72;
		jo.h = 40;
		snprintf(name, sizeof name, "t%d.jpg", o);
		write_jpeg(tpath(name), &jo);
		ew = o >= 5 ? 40 : 72;
		eh = o >= 5 ? 72 : 40;
		assert_int_equal(image_for_epub(tpath(name), 0, 0, &d, &why), 0);
		assert_true(d.width <= ew && d.width > ew - 16);
		assert_true(d.height <= eh && d.height > eh - 16);
		file = load(tpath(name), &n);
		assert_true(same_dqt(file, n, d.data, d.len));
		free(file);
		decode_bytes(&d, 0, &p);
		assert_int_equal(p.width, d.width);
		assert_int_equal(p.height, d.height);
		image_pixels_free(&p);
		image_data_free(&d);

		/* Smaller than one MCU: nothing to trim, so decoded, turned and re-encoded. */
		jo.w = 10;
		jo.h = 6;
		snprintf(name, sizeof name, "s%d.jpg", o);
		write_jpeg(tpath(name), &jo);
		ew = o >= 5 ? 6 : 10;
		eh = o >= 5 ? 10 : 6;
		assert_int_equal(image_for_epub(tpath(name), 0, 0, &d, &why), 0);
		assert_int_equal(d.width, ew);
		assert_int_equal(d.height, eh);
		file = load(tpath(name), &n);
		assert_int_equal(same_dqt(file, n, d.data, d.len), o == 1 || o == 5);
		free(file);
		/* Too small for the quadrant check (chroma is shared by 2x2 pixels, so re-encoding
		 * shifts colours at the edges; a wrong turn would be off by ~255): compare with the
		 * source turned in the pixel domain. */
		decode_bytes(&d, 0, &p);
		assert_int_equal(image_decode(tpath(name), 0, &q, &why), 0);
		assert_int_equal(q.width, ew);
		for (k = 0; k < ew * eh; k++)
			if (pixel_diff(p.px[k], q.px[k]) > 96)
				fail_msg("%s: pixel %d is %08x, the source turned %08x", name, k,
				         p.px[k], q.px[k]);
		image_pixels_free(&p);
		image_pixels_free(&q);
		image_data_free(&d);
	}
}

/* An APP1 payload whose IFD0 holds one entry: tag 0x0112 with the given type, count and value.
 * Returns its length. */
static size_t exif_one(unsigned char *e, int le, unsigned type, uint32_t count, unsigned value)
{
	unsigned char *t = e + 6;

	memset(e, 0, 32);
	memcpy(e, "Exif\0\0", 6);
	memcpy(t, le ? "II" : "MM", 2);
	put16(t + 2, 42, le);
	put32(t + 4, 8, le);
	put16(t + 8, 1, le);
	ifd_entry(t + 10, 0x0112, type, count, value, le);
	put32(t + 22, 0, le);
	return 32;
}

/* Puts app1 (len bytes) as an APP1 segment right after SOI of a 64x32 JPEG, then checks the
 * orientation image_probe reads and that turning and stripping the photo go through. */
static void exif_case(const unsigned char *app1, size_t len, int want)
{
	struct jopt jo = { 64, 32, K_RGB, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct image_info info;
	struct image_data d;
	const char *why = NULL, *path = tpath("exif.jpg");
	unsigned char *file, *b;
	size_t n;
	int keep;

	write_jpeg(path, &jo);
	file = load(path, &n);
	b = malloc(n + 4 + len);
	assert_non_null(b);
	memcpy(b, file, 2);
	b[2] = 0xFF;
	b[3] = 0xE1;
	b[4] = (unsigned char)((len + 2) >> 8);
	b[5] = (unsigned char)(len + 2);
	memcpy(b + 6, app1, len);
	memcpy(b + 6 + len, file + 2, n - 2);
	save(path, b, n + 4 + len);
	assert_int_equal(image_probe(path, &info, &why), 0);
	assert_int_equal(info.orientation, want);
	for (keep = 0; keep <= 1; keep++) {
		assert_int_equal(image_for_epub(path, 0, keep, &d, &why), 0);
		assert_int_equal(d.width, want >= 5 ? 32 : 64);
		image_data_free(&d);
	}
	free(b);
	free(file);
}

/* EXIF orientation, valid and hostile: every offset is checked, and only a SHORT of 1..8 in
 * IFD0 counts. */
static void test_exif_hostile(void **state)
{
	unsigned char e[64];
	size_t n;

	(void)state;
	exif_case(e, exif_one(e, 0, 3, 1, 6), 6);
	exif_case(e, exif_one(e, 1, 3, 1, 8), 8);
	/* A count out of range: the value in the entry is still read (libexif drops the entry). */
	n = exif_one(e, 0, 3, 1, 6);
	put32(e + 20, 0x10000, 0);
	exif_case(e, n, 6);
	exif_case(e, exif_one(e, 0, 4, 1, 6), 1);
	exif_case(e, exif_one(e, 0, 3, 0, 6), 1);
	exif_case(e, exif_one(e, 0, 3, 1, 9), 1);
	exif_case(e, exif_one(e, 0, 3, 1, 0), 1);
	/* IFD0 past the end of the payload. */
	n = exif_one(e, 0, 3, 1, 6);
	put32(e + 10, 0xFFFFFFF0u, 0);
	exif_case(e, n, 1);
	/* More entries announced than the payload holds, none of them the orientation. */
	n = exif_one(e, 1, 3, 1, 6);
	put16(e + 14, 0xFFFF, 1);
	put16(e + 16, 0x010F, 1);
	exif_case(e, n, 1);
	/* Not TIFF, and cut short. */
	n = exif_one(e, 0, 3, 1, 6);
	put16(e + 8, 43, 0);
	exif_case(e, n, 1);
	exif_case(e, exif_one(e, 0, 3, 1, 6) - 20, 1);
	exif_case(e, 6, 1);
}

static void test_bombs_refused(void **state)
{
	static const unsigned char sof[] = {
		0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFD, 0xE8, 0xFD, 0xE8, 0x03,
		0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
		0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
		0x00, 0x00, 0xFF, 0xD9
	};
	unsigned char gif[13] = { 'G', 'I', 'F', '8', '9', 'a', 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0 };
	unsigned char webp[30 + 8];
	struct image_info info;
	struct image_data d;
	struct image_pixels p;
	const char *why;
	const char *files[6];
	int i, o;

	(void)state;
	write_png_header(tpath("bomb.png"), 100000, 100000);
	write_png_header(tpath("side.png"), 30001, 10);
	write_png_header(tpath("area.png"), 10000, 9000);
	save(tpath("bomb.jpg"), sof, sizeof sof);
	save(tpath("bomb.gif"), gif, sizeof gif);
	memset(webp, 0, sizeof webp);
	memcpy(webp, "RIFF", 4);
	put32(webp + 4, sizeof webp - 8, 1);
	memcpy(webp + 8, "WEBPVP8X", 8);
	put32(webp + 16, 10, 1);
	le24(webp + 24, 16383);
	le24(webp + 27, 16383);
	save(tpath("bomb.webp"), webp, sizeof webp);
	files[0] = "bomb.png";
	files[1] = "side.png";
	files[2] = "area.png";
	files[3] = "bomb.jpg";
	files[4] = "bomb.gif";
	files[5] = "bomb.webp";
	for (i = 0; i < 6; i++) {
		why = NULL;
		assert_int_equal(image_probe(tpath(files[i]), &info, &why), -1);
		assert_non_null(why);
		assert_non_null(strstr(why, "too large"));
		why = NULL;
		assert_int_equal(image_decode(tpath(files[i]), 0, &p, &why), -1);
		assert_non_null(strstr(why, "too large"));
		assert_null(p.px);
		why = NULL;
		assert_int_equal(image_for_epub(tpath(files[i]), 1600, 0, &d, &why), -1);
		assert_non_null(strstr(why, "too large"));
		assert_null(d.data);
		why = NULL;
		assert_int_equal(image_jpeg_for_pdf(tpath(files[i]), 0, &d, &o, &why), -1);
		assert_non_null(strstr(why, "too large"));
		assert_null(d.data);
	}
	/* Just under the limits is fine for the header. */
	write_png_header(tpath("ok.png"), 30000, 2000);
	assert_int_equal(image_probe(tpath("ok.png"), &info, &why), 0);
	assert_int_equal(info.width, 30000);
}

/* Every fixture kind, for the truncation and garbage tests. */
static const char *make_all(int i)
{
	static const unsigned char quarter[4] = { 0, 255, 0, 64 };
	struct jopt jo = { 96, 64, K_RGB, 0, 6, 0, 1, 1, 1, 1, 1 };
	unsigned char *w = NULL;
	size_t n;
	const char *f;

	switch (i) {
	case 0:
		f = tpath("all.jpg");
		write_jpeg(f, &jo);
		return f;
	case 1:
		f = tpath("all-prog.jpg");
		jo.progressive = 1;
		write_jpeg(f, &jo);
		return f;
	case 2:
		f = tpath("all-cmyk.jpg");
		jo.kind = K_YCCK;
		write_jpeg(f, &jo);
		return f;
	case 3:
		f = tpath("all.png");
		write_png_rgb(f, 64, 48, 0, 0, 1);
		return f;
	case 4:
		f = tpath("all-il.png");
		write_png_rgb(f, 64, 48, 0, 1, 0);
		return f;
	case 5:
		f = tpath("all.gif");
		write_gif(f, 0);
		return f;
	case 6:
		f = tpath("all.webp");
		write_webp_lossy(f, 64, 48);
		return f;
	case 7:
		f = tpath("all-ll.webp");
		n = webp_lossless(32, 16, quarter, &w);
		save(f, w, n);
		WebPFree(w);
		return f;
	case 8:
		f = tpath("all-anim.webp");
		write_webp_anim(f);
		return f;
	default:
		return NULL;
	}
}

static void test_empty_and_truncated(void **state)
{
	static const size_t cuts[] = { 1, 2, 3, 4, 6, 8, 11, 12, 13, 16, 20, 24, 29, 30, 33, 40, 50,
	                               64, 100, 150, 200, 300, 500 };
	struct image_info info;
	struct image_data d;
	struct image_pixels p;
	unsigned char *file;
	const char *why;
	char f[256], cut[256];
	size_t n, c, k;
	int i, o;

	(void)state;
	save(tpath("empty.jpg"), "", 0);
	why = NULL;
	assert_int_equal(image_probe(tpath("empty.jpg"), &info, &why), -1);
	assert_string_equal(why, "empty file");
	assert_int_equal(image_for_epub(tpath("empty.jpg"), 0, 0, &d, &why), -1);
	assert_int_equal(image_jpeg_for_pdf(tpath("empty.jpg"), 0, &d, &o, &why), -1);
	assert_int_equal(image_decode(tpath("empty.jpg"), 0, &p, &why), -1);

	snprintf(cut, sizeof cut, "%s", tpath("cut"));
	for (i = 0; make_all(i) != NULL; i++) {
		snprintf(f, sizeof f, "%s", make_all(i));
		file = load(f, &n);
		assert_int_equal(poke(f), 0);
		for (k = 0; k < sizeof cuts / sizeof *cuts + 6; k++) {
			if (k < sizeof cuts / sizeof *cuts)
				c = cuts[k];
			else
				c = n - (k - sizeof cuts / sizeof *cuts + 1) * (n / 7 + 1) / 2;
			if (c >= n)
				continue;
			save(cut, file, c);
			/* A GIF's first frame may be whole before the cut (pixels start at 43). */
			if (i == 5 && c > 43)
				(void)poke(cut);
			else if (poke(cut) != -1)
				fail_msg("%s cut at %zu of %zu decoded", f, c, n);
			if (c <= 12) {
				why = NULL;
				assert_int_equal(image_probe(cut, &info, &why), -1);
			}
			if (i != 5) {
				why = NULL;
				assert_int_equal(image_for_epub(cut, 0, 0, &d, &why), -1);
				assert_non_null(why);
			}
		}
		/* Only the last byte missing. */
		save(cut, file, n - 1);
		if (i != 5) {
			why = NULL;
			assert_int_equal(image_decode(cut, 0, &p, &why), -1);
			assert_int_equal(image_for_epub(cut, 0, 0, &d, &why), -1);
		}
		free(file);
	}
}

static void test_garbage(void **state)
{
	static const char *const magic[] = { "\xFF\xD8\xFF", "\x89PNG\r\n\x1a\n", "GIF89a",
	                                     "RIFF\x40\0\0\0WEBPVP8 ", "RIFF\x40\0\0\0WEBPVP8L",
	                                     "RIFF\x40\0\0\0WEBPVP8X", "" };
	static const size_t mlen[] = { 3, 8, 6, 16, 16, 16, 0 };
	unsigned char *b, *file;
	char f[256], g[256];
	uint32_t seed = 12345;
	size_t n, len, i, k;
	int it, kind;

	(void)state;
	snprintf(g, sizeof g, "%s", tpath("garbage"));
	b = malloc(8192);
	assert_non_null(b);
	for (it = 0; it < 300; it++) {
		kind = (int)(rnd(&seed) % 7);
		len = rnd(&seed) % 4096;
		for (i = 0; i < len; i++)
			b[i] = (unsigned char)rnd(&seed);
		memcpy(b, magic[kind], mlen[kind]);
		if (len < mlen[kind])
			len = mlen[kind];
		save(g, b, len);
		(void)poke(g);
	}
	free(b);
	/* Real files with bytes flipped past their first few. */
	for (kind = 0; make_all(kind) != NULL; kind++) {
		snprintf(f, sizeof f, "%s", make_all(kind));
		file = load(f, &n);
		b = malloc(n);
		assert_non_null(b);
		for (it = 0; it < 40; it++) {
			memcpy(b, file, n);
			for (k = 0; k < 1 + rnd(&seed) % 8; k++)
				b[16 + rnd(&seed) % (n - 16)] = (unsigned char)rnd(&seed);
			save(g, b, n);
			(void)poke(g);
		}
		free(b);
		free(file);
	}
}

static void test_gray_and_cmyk(void **state)
{
	struct jopt jo = { 64, 64, K_GRAY, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct image_data d;
	struct image_pixels p;
	const char *why = NULL;
	int w, h, nc, o, q, kind;
	char name[32];

	(void)state;
	write_jpeg(tpath("gray.jpg"), &jo);
	assert_int_equal(image_decode(tpath("gray.jpg"), 0, &p, &why), 0);
	for (q = 0; q < 4; q++)
		assert_px(&p, (q & 1) ? 48 : 16, (q & 2) ? 48 : 16, GRAY_Q[q], GRAY_Q[q], GRAY_Q[q],
		          255, 6);
	image_pixels_free(&p);
	assert_int_equal(image_for_epub(tpath("gray.jpg"), 0, 0, &d, &why), 0);
	jpeg_info(d.data, d.len, &w, &h, &nc, NULL, NULL);
	assert_int_equal(nc, 1);
	image_data_free(&d);
	/* Reduced, it stays a grayscale JPEG. */
	assert_int_equal(image_for_epub(tpath("gray.jpg"), 32, 0, &d, &why), 0);
	jpeg_info(d.data, d.len, &w, &h, &nc, NULL, NULL);
	assert_int_equal(w, 32);
	assert_int_equal(nc, 1);
	image_data_free(&d);
	assert_int_equal(image_jpeg_for_pdf(tpath("gray.jpg"), 0, &d, &o, &why), 1);
	image_data_free(&d);

	for (kind = K_CMYK; kind <= K_YCCK; kind++) {
		jo.kind = kind;
		snprintf(name, sizeof name, "cmyk%d.jpg", kind);
		write_jpeg(tpath(name), &jo);
		assert_int_equal(image_decode(tpath(name), 0, &p, &why), 0);
		assert_quadrants(&p, 1, 24);
		image_pixels_free(&p);
		/* For e-readers, CMYK becomes RGB. */
		assert_int_equal(image_for_epub(tpath(name), 0, 0, &d, &why), 0);
		assert_int_equal(d.type, IMAGE_JPEG);
		jpeg_info(d.data, d.len, &w, &h, &nc, NULL, NULL);
		assert_int_equal(nc, 3);
		decode_bytes(&d, 0, &p);
		assert_quadrants(&p, 1, 40);
		image_pixels_free(&p);
		image_data_free(&d);
		/* Cairo would print Adobe CMYK inverted: the PDF side decodes it instead. */
		o = 0;
		assert_int_equal(image_jpeg_for_pdf(tpath(name), 0, &d, &o, &why), 0);
		assert_null(d.data);
	}
}

static void test_gif(void **state)
{
	struct image_data d;
	struct image_pixels p;
	const char *why = NULL;
	int y;

	(void)state;
	write_gif(tpath("a.gif"), 0);
	assert_int_equal(image_decode(tpath("a.gif"), 0, &p, &why), 0);
	assert_int_equal(p.width, 40);
	assert_int_equal(p.height, 30);
	assert_int_equal(p.has_alpha, 1);
	assert_px(&p, 12, 10, 255, 0, 0, 255, 0);       /* first frame, red */
	assert_px(&p, 25, 10, 0, 0, 0, 0, 0);           /* its transparent half */
	assert_px(&p, 2, 2, 0, 0, 0, 0, 0);             /* outside it: not the blue second frame */
	image_pixels_free(&p);
	assert_int_equal(image_for_epub(tpath("a.gif"), 0, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_PNG);
	assert_int_equal(d.width, 40);
	assert_int_equal(d.height, 30);
	decode_bytes(&d, 0, &p);
	assert_px(&p, 12, 10, 255, 0, 0, 255, 0);
	assert_px(&p, 25, 10, 0, 0, 0, 0, 0);
	image_pixels_free(&p);
	image_data_free(&d);

	write_gif(tpath("i.gif"), 1);
	assert_int_equal(image_decode(tpath("i.gif"), 0, &p, &why), 0);
	assert_int_equal(p.has_alpha, 0);
	for (y = 0; y < 30; y++) {
		static const int c[4][3] = {
			{ 255, 0, 0 }, { 0, 0, 0 }, { 0, 0, 255 }, { 0, 255, 0 }
		};
		assert_px(&p, 7, y, c[y % 4][0], c[y % 4][1], c[y % 4][2], 255, 0);
	}
	image_pixels_free(&p);
}

static void test_webp(void **state)
{
	unsigned char *w = NULL;
	struct image_data d;
	struct image_pixels p;
	const char *why = NULL;
	size_t n;
	int o;

	(void)state;
	write_webp_lossy(tpath("q.webp"), 64, 48);
	assert_int_equal(image_for_epub(tpath("q.webp"), 0, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_JPEG);
	assert_int_equal(d.width, 64);
	assert_int_equal(d.height, 48);
	decode_bytes(&d, 0, &p);
	assert_quadrants(&p, 1, 48);
	image_pixels_free(&p);
	image_data_free(&d);
	assert_int_equal(image_jpeg_for_pdf(tpath("q.webp"), 0, &d, &o, &why), 0);
	assert_null(d.data);

	n = webp_lossless(20, 10, NULL, &w);
	save(tpath("a.webp"), w, n);
	WebPFree(w);
	assert_int_equal(image_decode(tpath("a.webp"), 0, &p, &why), 0);
	assert_int_equal(p.has_alpha, 1);
	assert_px(&p, 2, 5, 255, 0, 0, 255, 0);
	assert_px(&p, 15, 5, 128, 0, 0, 128, 0);        /* premultiplied */
	image_pixels_free(&p);
	assert_int_equal(image_for_epub(tpath("a.webp"), 0, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_PNG);
	assert_int_equal(d.data[25], PNG_COLOR_TYPE_RGB_ALPHA);
	decode_bytes(&d, 0, &p);
	assert_px(&p, 15, 5, 128, 0, 0, 128, 0);
	image_pixels_free(&p);
	image_data_free(&d);

	write_webp_anim(tpath("anim.webp"));
	assert_int_equal(image_decode(tpath("anim.webp"), 0, &p, &why), 0);
	assert_int_equal(p.width, 16);
	assert_int_equal(p.height, 8);
	assert_px(&p, 3, 3, 255, 0, 0, 255, 0);
	image_pixels_free(&p);
}

static void test_png(void **state)
{
	static const png_color pal[3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 } };
	static const unsigned char trns[3] = { 255, 0, 255 };
	unsigned char rows[20 * 10 * 8], *file;
	struct popt o;
	struct image_data d;
	struct image_pixels p, q;
	const char *why = NULL;
	size_t n, i;
	int x, y;

	(void)state;
	/* 16-bit RGBA. */
	for (i = 0; i < 200; i++) {
		static const unsigned char v[8] = {
			0xFF, 0xFF, 0x80, 0x80, 0x00, 0x00, 0xFF, 0xFF
		};
		memcpy(rows + i * 8, v, 8);
	}
	memset(&o, 0, sizeof o);
	o.w = 20;
	o.h = 10;
	o.depth = 16;
	o.ct = PNG_COLOR_TYPE_RGB_ALPHA;
	o.rows = rows;
	write_png(tpath("16.png"), &o);
	assert_int_equal(image_decode(tpath("16.png"), 0, &p, &why), 0);
	assert_int_equal(p.has_alpha, 0);
	assert_px(&p, 3, 3, 255, 128, 0, 255, 0);
	image_pixels_free(&p);

	/* Palette with tRNS: index 1 is transparent. */
	for (i = 0; i < 200; i++)
		rows[i] = (unsigned char)(i % 3);
	o.depth = 8;
	o.ct = PNG_COLOR_TYPE_PALETTE;
	o.palette = pal;
	o.npalette = 3;
	o.trns = trns;
	o.ntrns = 3;
	write_png(tpath("pal.png"), &o);
	assert_int_equal(image_decode(tpath("pal.png"), 0, &p, &why), 0);
	assert_int_equal(p.has_alpha, 1);
	assert_px(&p, 0, 0, 255, 0, 0, 255, 0);
	assert_px(&p, 1, 0, 0, 0, 0, 0, 0);
	assert_px(&p, 2, 0, 0, 0, 255, 255, 0);
	image_pixels_free(&p);

	/* Gray, 1 bit. */
	memset(rows, 0xAA, sizeof rows);
	memset(&o, 0, sizeof o);
	o.w = 16;
	o.h = 4;
	o.depth = 1;
	o.ct = PNG_COLOR_TYPE_GRAY;
	o.rows = rows;
	write_png(tpath("g1.png"), &o);
	assert_int_equal(image_decode(tpath("g1.png"), 0, &p, &why), 0);
	assert_px(&p, 0, 0, 255, 255, 255, 255, 0);
	assert_px(&p, 1, 0, 0, 0, 0, 255, 0);
	image_pixels_free(&p);

	/* Interlaced decodes like plain. */
	write_png_rgb(tpath("plain.png"), 33, 17, 0, 0, 0);
	write_png_rgb(tpath("adam7.png"), 33, 17, 0, 1, 0);
	assert_int_equal(image_decode(tpath("plain.png"), 0, &p, &why), 0);
	assert_int_equal(image_decode(tpath("adam7.png"), 0, &q, &why), 0);
	assert_memory_equal(p.px, q.px, 33 * 17 * 4);
	assert_quadrants(&p, 1, 0);
	image_pixels_free(&p);
	image_pixels_free(&q);

	/* Metadata chunks go, losslessly: the rest is the same bytes. */
	write_png_rgb(tpath("meta.png"), 64, 48, 0, 0, 1);
	file = load(tpath("meta.png"), &n);
	assert_true(contains(file, n, "tEXt") && contains(file, n, "tIME") &&
	            contains(file, n, "eXIf") && contains(file, n, "zTXt") &&
	            contains(file, n, "iTXt") && contains(file, n, "GPS"));
	assert_int_equal(image_for_epub(tpath("meta.png"), 1600, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_PNG);
	assert_int_equal(d.width, 64);
	assert_int_equal(d.height, 48);
	assert_false(contains(d.data, d.len, "tEXt") || contains(d.data, d.len, "tIME") ||
	             contains(d.data, d.len, "eXIf") || contains(d.data, d.len, "zTXt") ||
	             contains(d.data, d.len, "iTXt") || contains(d.data, d.len, "GPS"));
	assert_true(d.len < n);
	assert_memory_equal(d.data, file, 33);
	decode_bytes(&d, 0, &p);
	assert_quadrants(&p, 1, 0);
	image_pixels_free(&p);
	image_data_free(&d);
	assert_int_equal(image_for_epub(tpath("meta.png"), 1600, 1, &d, &why), 0);
	assert_int_equal(d.len, n);
	assert_memory_equal(d.data, file, n);
	image_data_free(&d);
	free(file);

	/* Too large: decoded, reduced, re-encoded without the metadata. */
	write_png_rgb(tpath("bigmeta.png"), 3000, 2000, 0, 0, 1);
	assert_int_equal(image_for_epub(tpath("bigmeta.png"), 1600, 0, &d, &why), 0);
	assert_int_equal(d.type, IMAGE_PNG);
	assert_int_equal(d.width, 1600);
	assert_int_equal(d.height, 1067);
	assert_false(contains(d.data, d.len, "tEXt") || contains(d.data, d.len, "GPS"));
	assert_int_equal(d.data[25], PNG_COLOR_TYPE_RGB);
	decode_bytes(&d, 0, &p);
	assert_quadrants(&p, 1, 0);
	image_pixels_free(&p);
	image_data_free(&d);

	/* A gray PNG stays gray when reduced. */
	for (y = 0; y < 10; y++)
		for (x = 0; x < 20; x++)
			rows[y * 20 + x] = (unsigned char)(x * 10);
	memset(&o, 0, sizeof o);
	o.w = 20;
	o.h = 10;
	o.depth = 8;
	o.ct = PNG_COLOR_TYPE_GRAY;
	o.rows = rows;
	write_png(tpath("gray.png"), &o);
	assert_int_equal(image_for_epub(tpath("gray.png"), 10, 0, &d, &why), 0);
	assert_int_equal(d.width, 10);
	assert_int_equal(d.height, 5);
	assert_int_equal(d.data[25], PNG_COLOR_TYPE_GRAY);
	decode_bytes(&d, 0, &p);
	assert_px(&p, 0, 0, 5, 5, 5, 255, 0);           /* (0 + 10) / 2 */
	image_pixels_free(&p);
	image_data_free(&d);
}

/* Downscaling averages: a one-pixel checkerboard reduced by a non-integer factor comes out
 * mid-gray, where nearest-neighbour sampling would give black or white. */
static void test_box_filter(void **state)
{
	struct image_pixels p;
	const char *why = NULL;
	int x, y, r, g, b, a;

	(void)state;
	write_png_rgb(tpath("checker.png"), 1000, 600, 1, 0, 0);
	assert_int_equal(image_decode(tpath("checker.png"), 300, &p, &why), 0);
	assert_int_equal(p.width, 300);
	assert_int_equal(p.height, 180);
	for (y = 0; y < p.height; y += 7)
		for (x = 0; x < p.width; x += 5) {
			px_at(&p, x, y, &r, &g, &b, &a);
			if (abs(r - 128) > 30 || a != 255)
				fail_msg("pixel (%d,%d) is %d (alpha %d)", x, y, r, a);
		}
	image_pixels_free(&p);
}

/* The box filter against its definition, pixel by pixel: each output channel is the
 * area-weighted mean of the source pixels it covers, rounded to nearest, for an opaque
 * raster (the scaler's fast path) and one with varied alpha (its general path). */
static void scale_against_definition(int sw, int sh, int tw, int th, int alpha)
{
	struct raster r;
	unsigned char *src;
	unsigned seed = 12345;
	int x, y, i, j, c;

	assert_int_equal(raster_alloc(&r, sw, sh), 0);
	for (i = 0; i < sw * sh * 4; i++) {
		seed = seed * 1103515245u + 12345u;
		r.px[i] = (unsigned char)(seed >> 16);
	}
	for (i = 0; i < sw * sh; i++)
		r.px[i * 4 + 3] = alpha ? (unsigned char)(i % 7 == 0 ? 0 : 40 + i % 200) : 255;
	src = malloc((size_t)sw * sh * 4);
	assert_non_null(src);
	memcpy(src, r.px, (size_t)sw * sh * 4);
	assert_int_equal(raster_scale(&r, tw, th), 0);
	assert_int_equal(r.w, tw);
	assert_int_equal(r.h, th);
	for (y = 0; y < th; y++)
		for (x = 0; x < tw; x++) {
			uint64_t sum[3] = {0, 0, 0}, al = 0, total = (uint64_t)sw * sh, v;
			for (j = 0; j < sh; j++) {
				uint64_t ylo = (uint64_t)y * sh, yhi = ylo + sh;
				uint64_t a0 = (uint64_t)j * th, a1 = a0 + th, wy;
				if (a1 <= ylo || a0 >= yhi)
					continue;
				wy = (a1 < yhi ? a1 : yhi) - (a0 > ylo ? a0 : ylo);
				for (i = 0; i < sw; i++) {
					uint64_t xlo = (uint64_t)x * sw, xhi = xlo + sw;
					uint64_t b0 = (uint64_t)i * tw, b1 = b0 + tw, w;
					const unsigned char *q = src + ((size_t)j * sw + i) * 4;
					if (b1 <= xlo || b0 >= xhi)
						continue;
					w = wy * ((b1 < xhi ? b1 : xhi) - (b0 > xlo ? b0 : xlo)) * q[3];
					for (c = 0; c < 3; c++)
						sum[c] += w * q[c];
					al += w;
				}
			}
			for (c = 0; c < 4; c++) {
				unsigned got = r.px[((size_t)y * tw + x) * 4 + c];
				if (al == 0)
					v = 0;
				else if (c < 3)
					v = (sum[c] + al / 2) / al;
				else
					v = (al + total / 2) / total;
				if (got != (v > 255 ? 255 : v))
					fail_msg("%dx%d -> %dx%d: pixel (%d,%d) channel %d is %u, not %u", sw,
					    sh, tw, th, x, y, c, got, (unsigned)v);
			}
		}
	free(src);
	raster_free(&r);
}

static void test_scale_exact(void **state)
{
	(void)state;
	scale_against_definition(97, 61, 40, 25, 0);
	scale_against_definition(97, 61, 40, 25, 1);
	scale_against_definition(200, 133, 199, 132, 0);
	scale_against_definition(64, 64, 7, 3, 0);
}

static void test_pdf(void **state)
{
	struct jopt jo = { 640, 480, K_RGB, 0, 6, 0, 1, 1, 1, 1, 1 };
	struct image_data d;
	unsigned char *file;
	const char *why = NULL;
	size_t n;
	int o = 0;

	(void)state;
	write_jpeg(tpath("pdf.jpg"), &jo);
	file = load(tpath("pdf.jpg"), &n);
	assert_int_equal(image_jpeg_for_pdf(tpath("pdf.jpg"), 0, &d, &o, &why), 1);
	assert_int_equal(d.type, IMAGE_JPEG);
	assert_int_equal(o, 6);
	assert_int_equal(d.width, 640);
	assert_int_equal(d.height, 480);
	assert_false(has_marker(d.data, d.len, 0xE1));
	assert_false(contains(d.data, d.len, "GPS"));
	assert_true(has_marker(d.data, d.len, 0xE2));
	/* Never re-encoded: the scan data is the source's. */
	assert_memory_equal(d.data + d.len - 1000, file + n - 1000, 1000);
	image_data_free(&d);
	assert_int_equal(image_jpeg_for_pdf(tpath("pdf.jpg"), 1, &d, &o, &why), 1);
	assert_int_equal(d.len, n);
	assert_memory_equal(d.data, file, n);
	image_data_free(&d);
	free(file);

	write_png_rgb(tpath("pdf.png"), 8, 8, 0, 0, 0);
	o = 0;
	assert_int_equal(image_jpeg_for_pdf(tpath("pdf.png"), 0, &d, &o, &why), 0);
	assert_null(d.data);
	assert_int_equal(o, 1);
}

static void epub_twice(const char *path, int max_px)
{
	struct image_data a, b;
	const char *why = NULL;

	assert_int_equal(image_for_epub(path, max_px, 0, &a, &why), 0);
	assert_int_equal(image_for_epub(path, max_px, 0, &b, &why), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	image_data_free(&a);
	image_data_free(&b);
}

static void test_deterministic(void **state)
{
	struct jopt jo = { 1200, 900, K_RGB, 0, 6, 0, 1, 0, 0, 0, 1 };

	(void)state;
	write_jpeg(tpath("det.jpg"), &jo);
	epub_twice(tpath("det.jpg"), 500);      /* re-encoded */
	epub_twice(tpath("det.jpg"), 0);        /* turned losslessly */
	write_gif(tpath("det.gif"), 0);
	epub_twice(tpath("det.gif"), 0);
	write_webp_lossy(tpath("det.webp"), 64, 48);
	epub_twice(tpath("det.webp"), 0);
	write_png_rgb(tpath("det.png"), 400, 300, 0, 0, 1);
	epub_twice(tpath("det.png"), 200);
}

struct job {
	const char *path;
	struct image_data d;
	int rc;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	const char *why = NULL;

	j->rc = image_for_epub(j->path, 700, 0, &j->d, &why);
	return NULL;
}

/* Two threads at once give the same bytes as one (no shared state). */
static void test_threads(void **state)
{
	struct jopt jo = { 1600, 1200, K_RGB, 0, 3, 0, 1, 0, 0, 0, 0 };
	struct job j[2];
	pthread_t t[2];
	int i;

	(void)state;
	write_jpeg(tpath("thr.jpg"), &jo);
	for (i = 0; i < 2; i++) {
		memset(&j[i], 0, sizeof j[i]);
		j[i].path = tpath("thr.jpg");
		assert_int_equal(pthread_create(&t[i], NULL, run_job, &j[i]), 0);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(j[0].rc, 0);
	assert_int_equal(j[1].rc, 0);
	assert_int_equal(j[0].d.len, j[1].d.len);
	assert_memory_equal(j[0].d.data, j[1].d.data, j[0].d.len);
	image_data_free(&j[0].d);
	image_data_free(&j[1].d);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/quire-test-image-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Removes the temp dir and the files in it (it has no subdirectories). */
static int teardown(void **state)
{
	char p[512];
	struct dirent *e;
	DIR *d = opendir(tmpdir);

	(void)state;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
		unlink(p);
	}
	closedir(d);
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_formats),
		cmocka_unit_test(test_jpeg_downscale),
		cmocka_unit_test(test_jpeg_gps_stripped_and_turned),
		cmocka_unit_test(test_jpeg_keep_meta_untouched),
		cmocka_unit_test(test_orientations),
		cmocka_unit_test(test_exif_hostile),
		cmocka_unit_test(test_bombs_refused),
		cmocka_unit_test(test_empty_and_truncated),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_gray_and_cmyk),
		cmocka_unit_test(test_gif),
		cmocka_unit_test(test_webp),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_box_filter),
		cmocka_unit_test(test_scale_exact),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
