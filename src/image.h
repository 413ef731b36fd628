/* Photos: probing, EXIF orientation, metadata stripping, downscaling and re-encoding. */
#ifndef QUIRE_IMAGE_H
#define QUIRE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

enum image_type {
	IMAGE_NONE = 0,
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_GIF,
	IMAGE_WEBP
};

/* What a photo's header says. */
struct image_info {
	enum image_type type;
	int width, height;      /* as displayed: after EXIF orientation */
	int orientation;        /* EXIF orientation 1..8 (1 when absent) */
};

/* Encoded bytes ready to be stored in an output. */
struct image_data {
	enum image_type type;   /* JPEG or PNG for EPUB; may differ from the source's */
	unsigned char *data;    /* caller frees with image_data_free */
	size_t len;
	int width, height;      /* of the encoded image */
};

/* Decoded pixels: premultiplied ARGB32 in native-endian 32-bit words, as cairo's
 * CAIRO_FORMAT_ARGB32 expects, stride = width * 4. */
struct image_pixels {
	uint32_t *px;           /* caller frees with image_pixels_free */
	int width, height;
	int has_alpha;          /* 0 when every pixel is opaque */
};

/* The largest photo file quire reads, in bytes. */
#define IMAGE_MAX_BYTES ((size_t)1 << 30)

/* The largest number of pixels quire decodes; larger images are refused as bombs. */
#define IMAGE_MAX_PIXELS (80u * 1000u * 1000u)

/* Reads the header of the file at path (first bytes only). Returns 0 and fills *info, or -1 and
 * sets *why to a static message ("not an image", "truncated", "too large: 100000x100000", ...). */
int image_probe(const char *path, struct image_info *info, const char **why);

/* Produces the photo as an EPUB needs it: EXIF/XMP/IPTC metadata removed unless keep_meta (ICC
 * profiles kept), orientation applied, downscaled so the long side is at most max_px (0: no limit)
 * and re-encoded (JPEG quality 85) only when needed; WebP and GIF become PNG (or JPEG for photos
 * without alpha). A JPEG needing no change is passed through byte for byte, minus its metadata.
 * Returns 0, or -1 with *why set. */
int image_for_epub(const char *path, int max_px, int keep_meta, struct image_data *out,
                   const char **why);

/* For the PDF: a JPEG's bytes with metadata removed (unless keep_meta), never re-encoded; *out
 * type JPEG and *orientation the EXIF orientation the drawing must apply. Returns 1 when the file
 * is a JPEG that cairo can embed as it is, 0 when it is another format (use image_decode),
 * -1 on error with *why set. */
int image_jpeg_for_pdf(const char *path, int keep_meta, struct image_data *out, int *orientation,
                       const char **why);

/* For the PDF, a JPEG far larger than its place needs: decoded, orientation applied,
 * downscaled so that the long side is at most max_px, and re-encoded as a JPEG (quality 85; the
 * metadata kept only with keep_meta, its orientation then reset). The same input gives the same
 * bytes on every run. Returns 0, or -1 with *why set. */
int image_for_print_mem(const unsigned char *b, size_t n, int max_px, int keep_meta,
                        struct image_data *out, const char **why);

/* Decodes any supported image (first frame of a GIF) to pixels, orientation applied, and
 * downscaled so the long side is at most max_px (0: no limit). Returns 0, or -1 with *why set. */
int image_decode(const char *path, int max_px, struct image_pixels *out, const char **why);

/* The same on a photo's bytes in memory (n bytes at b, which stay the caller's): a photo
 * kept inside a web archive or given as a data: URL. The same limits apply as to a file. */
int image_probe_mem(const unsigned char *b, size_t n, struct image_info *info, const char **why);
int image_for_epub_mem(const unsigned char *b, size_t n, int max_px, int keep_meta,
                       struct image_data *out, const char **why);
int image_jpeg_for_pdf_mem(const unsigned char *b, size_t n, int keep_meta, struct image_data *out,
                           int *orientation, const char **why);
int image_decode_mem(const unsigned char *b, size_t n, int max_px, struct image_pixels *out,
                     const char **why);

/* Returns the media type for an image type ("image/jpeg"), or NULL. */
const char *image_media_type(enum image_type type);
/* Returns the usual file extension without the dot ("jpg"), or NULL. */
const char *image_extension(enum image_type type);

/* Free functions; they accept zeroed structs. */
void image_data_free(struct image_data *d);
void image_pixels_free(struct image_pixels *p);

#endif
