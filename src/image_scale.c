/* Pixels: rasters, the area-averaging box filter, and turning pixels upright. */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image_int.h"

/* Pixels: scaling and orientation. */

/* Allocates w x h uninitialised pixels; returns -1 when memory runs out. Caller frees with
 * raster_free. */
int
raster_alloc(struct raster *r, int w, int h)
{
	r->w = w;
	r->h = h;
	r->px = malloc((size_t)w * (size_t)h * 4);
	return r->px ? 0 : -1;
}

/* Frees the pixels and zeroes *r; accepts a zeroed raster. */
void
raster_free(struct raster *r)
{
	free(r->px);
	memset(r, 0, sizeof *r);
}

/* Whether some pixel is not opaque. */
int
raster_has_alpha(const struct raster *r)
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

/* Frees a scaler and whatever result it still holds; accepts NULL. */
void
scaler_free(struct scaler *s)
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
struct scaler *
scaler_new(int sw, int sh, int tw, int th)
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

/* n / d rounded down, exactly, from inv = 1.0 / d: the estimate in double is within one of the
 * quotient for the sums here (n < 2^53), and is then corrected. A 64-bit division an output
 * channel took a third of the time of an EPUB's photos. */
static inline uint64_t
div_exact(uint64_t n, uint64_t d, double inv)
{
	uint64_t q = (uint64_t)((double)n * inv);

	while (q > 0 && q * d > n)
		q--;
	while ((q + 1) * d <= n)
		q++;
	return q;
}

/* Writes out output row cur and moves on to the next. */
static void
scaler_emit(struct scaler *s)
{
	unsigned char *d = s->dst + (size_t)s->cur * (size_t)s->tw * 4;
	uint64_t total = (uint64_t)s->sw * (uint64_t)s->sh, *acc = s->acc[0], v, al;
	uint64_t opaque = total * 255;
	double inv = 1.0 / (double)opaque;
	int x, c;

	for (x = 0; x < s->tw; x++, acc += 4, d += 4) {
		al = acc[3];
		if (al == opaque) {
			/* Every source pixel opaque (all of a JPEG's): the same divisor throughout,
			 * so a multiplication by its reciprocal, corrected to the exact quotient. */
			for (c = 0; c < 3; c++) {
				v = div_exact(acc[c] + al / 2, al, inv);
				d[c] = (unsigned char)(v > 255 ? 255 : v);
			}
			d[3] = 255;
			continue;
		}
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

/* Adds the next source row (sw RGBA pixels, still the caller's); rows past the last are
 * ignored. */
void
scaler_push(struct scaler *s, const unsigned char *row)
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
unsigned char *
scaler_finish(struct scaler *s)
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
int
raster_scale(struct raster *r, int tw, int th)
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
int
raster_orient(struct raster *r, int o)
{
	ptrdiff_t w = r->w, h = r->h, base, dx, dy, row;
	int nw, nh, x, y;
	unsigned char *d, *q;
	const unsigned char *s = r->px;

	switch (o) {
	case 2:
		base = w - 1;
		dx = -1;
		dy = w;
		break;
	case 3:
		base = (h - 1) * w + w - 1;
		dx = -1;
		dy = -w;
		break;
	case 4:
		base = (h - 1) * w;
		dx = 1;
		dy = -w;
		break;
	case 5:
		base = 0;
		dx = w;
		dy = 1;
		break;
	case 6:
		base = (h - 1) * w;
		dx = -w;
		dy = 1;
		break;
	case 7:
		base = (h - 1) * w + w - 1;
		dx = -w;
		dy = -1;
		break;
	case 8:
		base = w - 1;
		dx = w;
		dy = -1;
		break;
	default:
		return 0;
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
