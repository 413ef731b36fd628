/* GIF with giflib: the logical screen size and the first frame. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "image_int.h"

/* Reads a GIF's logical screen size. */
int
gif_parse_header(const unsigned char *b, size_t n, struct hdr *h, const char **why)
{
	if (n < 13)
		return 1;
	if (image_check_size(le16(b + 6), le16(b + 8), why))
		return -1;
	h->w = (int)le16(b + 6);
	h->h = (int)le16(b + 8);
	return 0;
}

/* GIF: the first frame, drawn on a transparent canvas the size of the logical screen. */

struct gif_in {
	const unsigned char *b;
	size_t n, pos;
};

static int
gif_read_cb(GifFileType *g, GifByteType *d, int len)
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
static int
gif_frame(GifFileType *g, int transparent, struct raster *r, const char **why)
{
	static const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
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
	if (image_check_size((uint32_t)id->Width, (uint32_t)id->Height, why))
		return -1;
	cmap = id->ColorMap ? id->ColorMap : g->SColorMap;
	if (!cmap || !cmap->Colors) {
		*why = "corrupt GIF: no palette";
		return -1;
	}
	line = malloc((size_t)id->Width);
	if (!line) {
		*why = IMAGE_E_OOM;
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

/* Decodes the first frame onto a transparent canvas the size of the logical screen. On success
 * *out owns the pixels (caller frees with raster_free). */
int
gif_decode(const unsigned char *b, size_t n, struct raster *out, const char **why)
{
	struct gif_in in = {b, n, 0};
	struct raster r = {0, 0, 0, 0, NULL};
	GraphicsControlBlock gcb;
	GifFileType *g;
	GifRecordType rt;
	GifByteType *ext;
	int err = 0, code, transparent = -1, ok = -1;

	g = DGifOpen(&in, gif_read_cb, &err);
	if (!g) {
		*why = err == D_GIF_ERR_NOT_ENOUGH_MEM ? IMAGE_E_OOM : "corrupt GIF";
		return -1;
	}
	if (image_check_size((uint32_t)(g->SWidth > 0 ? g->SWidth : 0),
	                     (uint32_t)(g->SHeight > 0 ? g->SHeight : 0), why))
		goto done;
	r.w = g->SWidth;
	r.h = g->SHeight;
	r.px = calloc((size_t)r.w * (size_t)r.h, 4);
	if (!r.px) {
		*why = IMAGE_E_OOM;
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
