/* WebP with libwebp: the canvas size, still images, and animations' first frame. */

#include <stdint.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "image_int.h"

/* Reads a WebP's size, refusing bombs. */
int
webp_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why)
{
	WebPBitstreamFeatures f;
	VP8StatusCode st;

	/* An extended file's canvas size comes first: refuse a bomb before anything. */
	if (n >= 30 && !memcmp(b + 12, "VP8X", 4) &&
	    image_check_size(1 + (b[24] | (uint32_t)b[25] << 8 | (uint32_t)b[26] << 16),
	                     1 + (b[27] | (uint32_t)b[28] << 8 | (uint32_t)b[29] << 16), why))
		return -1;
	st = WebPGetFeatures(b, n, &f);
	if (st == VP8_STATUS_NOT_ENOUGH_DATA)
		return 1;
	if (st != VP8_STATUS_OK || f.width <= 0 || f.height <= 0) {
		*why = "corrupt WebP header";
		return -1;
	}
	if (image_check_size((uint32_t)f.width, (uint32_t)f.height, why))
		return -1;
	h->w = f.width;
	h->h = f.height;
	return 0;
}

/* WebP: still images with libwebp, animations' first frame with the demuxing decoder. */
int
webp_decode(const unsigned char *b, size_t n, struct raster *out, const char **why)
{
	struct raster r = {0, 0, 0, 0, NULL};
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
	if (image_check_size((uint32_t)(f.width > 0 ? f.width : 0),
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
			*why = IMAGE_E_OOM;
			return -1;
		}
		memcpy(r.px, fb, (size_t)f.width * (size_t)f.height * 4);
		WebPAnimDecoderDelete(dec);
	} else {
		if (raster_alloc(&r, f.width, f.height)) {
			*why = IMAGE_E_OOM;
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
