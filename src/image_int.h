/* The image modules' private declarations: header facts, rasters and what they share. */
#ifndef QUIRE_IMAGE_INT_H
#define QUIRE_IMAGE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "util.h"

/* A side longer than this is refused as a decompression bomb, as is an area over
 * IMAGE_MAX_PIXELS. */
#define IMAGE_MAX_SIDE 30000

/* Messages shared by the modules (the others are written where they are reported). */
#define IMAGE_E_OOM "out of memory"
#define IMAGE_E_TRUNCATED "truncated"

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

/* Big- and little-endian reads of 16 and 32 bits. */
static inline unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

/* image.c: what the modules share. */

/* Refuses sizes that are empty or that would make decoding a bomb. Returns 0, or -1 with *why
 * set to a static message. */
int image_check_size(uint32_t w, uint32_t h, const char **why);
/* Sets *w and *hh to the size of h's image as displayed, after its orientation. */
void image_oriented_size(const struct hdr *h, int *w, int *hh);
/* Moves the bytes of b into *out, which then owns them (free with image_data_free); b is left
 * empty. */
void image_give(struct image_data *out, enum image_type type, struct buf *b, int w, int h);
/* Whether an ICC profile describes the colour space of an output (its bytes 16..19). */
int image_icc_fits(const unsigned char *icc, size_t len, int gray);
/* Frees what x holds and empties it; x itself is the caller's. */
void image_extra_free(struct extra *x);

/* image_jpeg.c: JPEG bytes without decoding them. */

/* Reads a JPEG header (b starts with SOI) up to its frame header into *h. Returns 0, 1 when more
 * bytes are needed, or -1 with *why set. */
int jpeg_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why);
/* Whether readers and cairo take the JPEG as it is: Huffman-coded, 8-bit, gray or YCbCr. */
int jpeg_plain(const struct hdr *h);
/* Appends to the empty *out a copy of the JPEG b without its metadata segments (all of it when
 * keep_meta), after checking that its scans end with EOI. Returns 0 (caller frees *out with
 * buf_free), or -1 with *why set and *out freed. */
int jpeg_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out, const char **why);
/* Sets the EXIF orientation tags of the JPEG b to 1, in place. */
void jpeg_reset_orientation(unsigned char *b, size_t n);
/* Applies h's EXIF orientation to the JPEG in without decoding it. Returns 0 with the result
 * appended to the empty *out (caller frees with buf_free) and its size in *w and *hh, or 1 when
 * no lossless transform works (the caller decodes instead; *out is left empty). */
int jpeg_transform(const unsigned char *in, size_t n, const struct hdr *h, struct buf *out, int *w,
                   int *hh);

/* image_jpeg_codec.c: JPEG pixels with libjpeg. */

/* Decodes a JPEG to RGBA in its stored orientation, reduced to at most tw x th (tw 0: full size).
 * When x is not NULL it receives the ICC profile and, with keep, the metadata segments. Returns
 * 0 with *out set (caller frees with raster_free and x with image_extra_free), or -1 with *why
 * set and x emptied. */
int jpeg_decode(const unsigned char *b, size_t n, int tw, int th, struct extra *x, int keep,
                struct raster *out, const char **why);
/* Encodes an opaque raster as a JPEG, with the ICC profile and segments of x when given. Returns
 * 0 with *out set (caller frees with image_data_free), or -1 with *why set. */
int jpeg_encode(const struct raster *r, const struct extra *x, struct image_data *out,
                const char **why);

/* image_png.c: PNG with libpng. */

/* Reads a PNG's IHDR (b starts with the signature) into *h. Returns 0, 1 when more bytes are
 * needed, or -1 with *why set. */
int png_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why);
/* Decodes a whole PNG to RGBA; x receives its ICC profile when not NULL. Returns 0 with *out set
 * (caller frees with raster_free and x with image_extra_free), or -1 with *why set and x
 * emptied. */
int png_decode(const unsigned char *b, size_t n, struct raster *out, struct extra *x,
               const char **why);
/* Encodes a raster as an 8-bit PNG with x's ICC profile when it fits. Returns 0 with *out set
 * (caller frees with image_data_free), or -1 with *why set. */
int png_encode(const struct raster *r, const struct extra *x, struct image_data *out,
               const char **why);
/* Appends to the empty *out a copy of the PNG b without its text, time and EXIF chunks unless
 * keep_meta; with out NULL, only checks every chunk's length and CRC. Returns 0 (caller frees
 * *out with buf_free), or -1 with *why set and *out freed. */
int png_strip(const unsigned char *b, size_t n, int keep_meta, struct buf *out, const char **why);

/* image_gif.c and image_webp.c: decoders of the formats quire never writes. */

/* Reads a GIF's logical screen size into *h. Returns 0, 1 when more bytes are needed, or -1
 * with *why set. */
int gif_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why);
/* Decodes a GIF's first frame to RGBA. Returns 0 with *out set (caller frees with raster_free),
 * or -1 with *why set. */
int gif_decode(const unsigned char *b, size_t n, struct raster *out, const char **why);
/* Reads a WebP's canvas size into *h. Returns 0, 1 when more bytes are needed, or -1 with *why
 * set. */
int webp_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why);
/* Decodes a WebP (an animation's first frame) to RGBA. Returns 0 with *out set (caller frees
 * with raster_free), or -1 with *why set. */
int webp_decode(const unsigned char *b, size_t n, struct raster *out, const char **why);

/* image_scale.c: rasters, the box filter and pixel orientation. */

/* Allocates w x h pixels, not initialised. Returns 0, or -1 when memory runs out. The caller
 * frees with raster_free. */
int raster_alloc(struct raster *r, int w, int h);
/* Frees the pixels and zeroes *r; accepts a zeroed raster. */
void raster_free(struct raster *r);
/* Whether some pixel is not opaque. */
int raster_has_alpha(const struct raster *r);
/* Reduces a raster to tw x th (nothing when it is not larger). Returns 0, or -1 when memory
 * runs out; r is the caller's to free with raster_free either way. */
int raster_scale(struct raster *r, int tw, int th);
/* Turns a raster as EXIF orientation o says, so that it displays upright. Returns 0, or -1 when
 * memory runs out (r is then unchanged). */
int raster_orient(struct raster *r, int o);

/* A box filter fed one source row at a time (image_scale.c). */
struct scaler;
/* Makes a scaler from sw x sh to tw x th, both no larger than the source. Returns NULL when
 * memory runs out. The caller frees with scaler_free. */
struct scaler *scaler_new(int sw, int sh, int tw, int th);
/* Adds the next source row (sw RGBA pixels); rows past the last are ignored. */
void scaler_push(struct scaler *s, const unsigned char *row);
/* Returns the tw x th RGBA result once every source row has been pushed, else NULL. The caller
 * frees it; the scaler keeps no pointer to it. */
unsigned char *scaler_finish(struct scaler *s);
/* Frees a scaler; accepts NULL. */
void scaler_free(struct scaler *s);

#endif
