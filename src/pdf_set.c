/* Paragraph setting for the PDF: Pango itemizes and shapes, linebreak.c breaks, this module
 * builds, justifies and orders the lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <pango/pangocairo.h>

#include "linebreak.h"
#include "pdf_set.h"
#include "util.h"

/* Badness limits of the three tries (see set_part): without hyphens, with them, and the last
 * resort that breaks words anywhere and never fails. */
#define TOLERANCE_PLAIN 100
#define TOLERANCE_HYPHENS 400
/* The cost of a hyphen, of a break after a hyphen or dash, and of a break inside a word where
 * no hyphenation point is (last resort only). */
#define PENALTY_HYPHEN 50
#define PENALTY_EXPLICIT 50
#define PENALTY_ANYWHERE 1000
/* Ragged lines may fall short of the measure by this many ems before they count as loose. */
#define RAGGED_EMS 3.0
/* Parts longer than this (in characters; a paragraph is rarely a twentieth of it) are broken
 * first fit, in time and memory linear in their length. */
#define MAX_TOTAL_FIT 40000

/* What a font contributes to every line it is on, found once. */
struct font_info {
	PangoFont *font;        /* a reference */
	int ascent, descent;    /* logical extents, Pango units */
	int hyphen;             /* the hyphen's width, Pango units */
};

/* One item of a part, shaped. */
struct shaped {
	PangoItem *item;
	PangoGlyphString *glyphs;
	int first_char;         /* the part's character index of its first character */
};

/* Where each breaking item lies in the part's characters. */
struct span {
	int start, end;         /* characters [start, end); a penalty breaks before start */
	int hyphen;             /* PENALTY: breaking inserts a hyphen */
};

struct setter {
	PangoContext *ctx;
	struct set_par **pars;  /* set since the last reset */
	size_t npars, cappars;
	struct font_info *fonts;
	size_t nfonts, capfonts;
	/* Scratch, kept from part to part. */
	PangoLogAttr *la;       /* per character of the part, and one past its end */
	int *width;             /* per character: its share of its cluster's advance */
	int *byte;              /* per character: its byte offset in the paragraph (n + 1) */
	int *adjust;            /* per character: what justification adds to its advance */
	size_t capchars;
	unsigned char *cstart;  /* per byte of the part: 1 where a glyph cluster starts */
	int *bchar;             /* per byte of the part: its character index */
	size_t capbytes;
	struct shaped *shaped;
	size_t nshaped, capshaped;
	struct lb_item *items;
	struct span *spans;
	size_t *breaks;
	size_t capitems;
	struct lb_scratch lb;
	PangoGlyphItem **runs;  /* the line being built */
	size_t nruns, capruns;
	/* The paragraph being built. */
	struct set_line *lines;
	size_t nlines, caplines;
};

struct setter *
set_new(PangoContext *ctx)
{
	struct setter *s = xcalloc(1, sizeof(*s));
	const cairo_font_options_t *fo = pango_cairo_context_get_font_options(ctx);

	s->ctx = pango_font_map_create_context(pango_context_get_font_map(ctx));
	if (fo)
		pango_cairo_context_set_font_options(s->ctx, fo);
	pango_context_set_round_glyph_positions(s->ctx,
	    pango_context_get_round_glyph_positions(ctx));
	pango_context_set_language(s->ctx, pango_context_get_language(ctx));
	return s;
}

void
set_language(struct setter *s, const char *lang)
{
	pango_context_set_language(s->ctx, pango_language_from_string(lang));
}

static void
par_free(struct set_par *par)
{
	for (int i = 0; i < par->nlines; i++) {
		for (int r = 0; r < par->lines[i].nruns; r++)
			pango_glyph_item_free(par->lines[i].runs[r]);
		free(par->lines[i].runs);
	}
	free(par->lines);
	free(par->text);
	free(par);
}

void
set_reset(struct setter *s)
{
	for (size_t i = 0; i < s->npars; i++)
		par_free(s->pars[i]);
	s->npars = 0;
}

void
set_free(struct setter *s)
{
	if (s == NULL)
		return;
	set_reset(s);
	for (size_t i = 0; i < s->nfonts; i++)
		g_object_unref(s->fonts[i].font);
	free(s->fonts);
	free(s->pars);
	free(s->la);
	free(s->width);
	free(s->byte);
	free(s->adjust);
	free(s->cstart);
	free(s->bchar);
	free(s->shaped);
	free(s->items);
	free(s->spans);
	free(s->breaks);
	free(s->runs);
	free(s->lines);
	linebreak_free(&s->lb);
	g_object_unref(s->ctx);
	free(s);
}

/* Returns what font (of an item with analysis a) gives a line: found the first time. */
static const struct font_info *
font_info(struct setter *s, const PangoAnalysis *a)
{
	PangoGlyphString *gs;
	PangoAnalysis ha = *a;
	PangoRectangle logical;
	struct font_info *fi;

	for (size_t i = 0; i < s->nfonts; i++)
		if (s->fonts[i].font == a->font)
			return &s->fonts[i];
	if (s->nfonts == s->capfonts) {
		s->capfonts = s->capfonts ? 2 * s->capfonts : 16;
		s->fonts = xrealloc(s->fonts, s->capfonts * sizeof(*s->fonts));
	}
	fi = &s->fonts[s->nfonts++];
	fi->font = g_object_ref(a->font);
	/* The hyphen Pango adds at a break: U+2010, else a hyphen-minus. */
	ha.level = 0;
	ha.extra_attrs = NULL;
	ha.flags = 0;
	gs = pango_glyph_string_new();
	pango_shape_with_flags("\xe2\x80\x90", 3, "\xe2\x80\x90", 3, &ha, gs, PANGO_SHAPE_NONE);
	if (gs->num_glyphs == 0 || (gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
		pango_shape_with_flags("-", 1, "-", 1, &ha, gs, PANGO_SHAPE_NONE);
	fi->hyphen = pango_glyph_string_get_width(gs);
	/* Every glyph of a font has the font's logical extents; ask with a real one. */
	if (gs->num_glyphs > 0 && !(gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
		pango_font_get_glyph_extents(a->font, gs->glyphs[0].glyph, NULL, &logical);
		fi->ascent = -logical.y;
		fi->descent = logical.height + logical.y;
	} else {
		PangoFontMetrics *m = pango_font_get_metrics(a->font, a->language);
		fi->ascent = pango_font_metrics_get_ascent(m);
		fi->descent = pango_font_metrics_get_descent(m);
		pango_font_metrics_unref(m);
	}
	pango_glyph_string_free(gs);
	return fi;
}

static void
grow_chars(struct setter *s, size_t n)
{
	if (n <= s->capchars)
		return;
	s->capchars = n * 2;
	s->la = xrealloc(s->la, s->capchars * sizeof(*s->la));
	s->width = xrealloc(s->width, s->capchars * sizeof(*s->width));
	s->byte = xrealloc(s->byte, s->capchars * sizeof(*s->byte));
	s->adjust = xrealloc(s->adjust, s->capchars * sizeof(*s->adjust));
}

static void
grow_bytes(struct setter *s, size_t n)
{
	if (n <= s->capbytes)
		return;
	s->capbytes = n * 2;
	s->cstart = xrealloc(s->cstart, s->capbytes);
	s->bchar = xrealloc(s->bchar, s->capbytes * sizeof(*s->bchar));
}

/* Appends a breaking item for characters [start, end); returns it. */
static struct lb_item *
add_item(struct setter *s, size_t *n, enum lb_kind kind, int start, int end)
{
	if (*n == s->capitems) {
		s->capitems = s->capitems ? 2 * s->capitems : 256;
		s->items = xrealloc(s->items, s->capitems * sizeof(*s->items));
		s->spans = xrealloc(s->spans, s->capitems * sizeof(*s->spans));
		s->breaks = xrealloc(s->breaks, (s->capitems + 1) * sizeof(*s->breaks));
	}
	memset(&s->items[*n], 0, sizeof(s->items[0]));
	s->items[*n].kind = kind;
	s->spans[*n].start = start;
	s->spans[*n].end = end;
	s->spans[*n].hyphen = 0;
	return &s->items[(*n)++];
}

/* The shaped item holding character c of the part. */
static const struct shaped *
shaped_at(const struct setter *s, int c)
{
	for (size_t k = 0; k < s->nshaped; k++)
		if (c < s->shaped[k].first_char + s->shaped[k].item->num_chars)
			return &s->shaped[k];
	return s->nshaped ? &s->shaped[s->nshaped - 1] : NULL;
}

static int
is_hyphen_char(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
	    c == 0x2014 || c == 0x2e3a || c == 0x2e3b;
}

/* Turns the part's n characters into breaking items: boxes of text, glue for spaces (which
 * stretch and shrink when justify), penalties at hyphenation points (when hyphens), after
 * hyphens, and, when anywhere, at every other character boundary inside words wider than the
 * measure. Returns their number. */
static size_t
build_items(struct setter *s, const char *text, int n, int justify, int hyphens, int anywhere,
            double measure)
{
	size_t m = 0;
	int c = 0;

	while (c < n) {
		if (s->la[c].is_white) {
			int e = c, w = 0, expand = 0;
			while (e < n && s->la[e].is_white) {
				w += s->width[e];
				expand |= s->la[e].is_expandable_space;
				e++;
			}
			/* Spaces that end the part belong to its last line and take no room. */
			if (e == n)
				break;
			struct lb_item *it = add_item(s, &m, LB_GLUE, c, e);
			it->width = (double)w / PANGO_SCALE;
			/* Spaces may widen by half or narrow by a quarter (TeX: a third). */
			if (justify && expand) {
				it->stretch = it->width / 2;
				it->shrink = it->width / 4;
			}
			it->nobreak = !s->la[e].is_line_break;
			c = e;
			continue;
		}
		/* A word up to the next space, cut where a line may end inside it. */
		int start = c, w = 0, end = c, ww = 0;
		while (end < n && !s->la[end].is_white)
			ww += s->width[end++];
		int any = anywhere && (double)ww / PANGO_SCALE > measure;
		while (c < end) {
			if (c > start &&
			    (s->la[c].is_line_break || (any && s->la[c].is_cursor_position))) {
				int hy = s->la[c].is_line_break && s->la[c].break_inserts_hyphen;
				gunichar prev = g_utf8_get_char(text + s->byte[c - 1]);
				int explicit = s->la[c].is_line_break && is_hyphen_char(prev);
				if (!s->la[c].is_line_break || !hy || hyphens) {
					struct lb_item *box = add_item(s, &m, LB_BOX, start, c);
					box->width = (double)w / PANGO_SCALE;
					struct lb_item *pen = add_item(s, &m, LB_PENALTY, c, c);
					if (!s->la[c].is_line_break)
						pen->penalty = PENALTY_ANYWHERE;
					else if (hy) {
						const struct shaped *sh = shaped_at(s, c - 1);
						pen->penalty = PENALTY_HYPHEN;
						pen->flagged = 1;
						pen->width = sh ? (double)font_info(s,
						    &sh->item->analysis)->hyphen / PANGO_SCALE : 0;
						s->spans[m - 1].hyphen = 1;
					} else if (explicit) {
						pen->penalty = PENALTY_EXPLICIT;
						pen->flagged = 1;
					}
					start = c;
					w = 0;
				}
			}
			w += s->width[c];
			c++;
		}
		struct lb_item *box = add_item(s, &m, LB_BOX, start, c);
		box->width = (double)w / PANGO_SCALE;
	}
	return m;
}

/* The flags the setter's context asks shaping for. */
static PangoShapeFlags
shape_flags(const struct setter *s)
{
	return pango_context_get_round_glyph_positions(s->ctx) ? PANGO_SHAPE_ROUND_POSITIONS :
	    PANGO_SHAPE_NONE;
}

/* Appends a run to the line being built. */
static void
add_run(struct setter *s, PangoItem *item, PangoGlyphString *gs)
{
	PangoGlyphItem *gi;

	if (gs->num_glyphs == 0) {
		pango_item_free(item);
		pango_glyph_string_free(gs);
		return;
	}
	if (s->nruns == s->capruns) {
		s->capruns = s->capruns ? 2 * s->capruns : 16;
		s->runs = xrealloc(s->runs, s->capruns * sizeof(*s->runs));
	}
	gi = g_slice_new0(PangoGlyphItem);
	gi->item = item;
	gi->glyphs = gs;
	s->runs[s->nruns++] = gi;
}

/* A copy of item sh->item narrowed to the part's characters [a, b). */
static PangoItem *
sub_item(const struct setter *s, const struct shaped *sh, int a, int b, int hyphen)
{
	PangoItem *it = pango_item_copy(sh->item);

	it->offset = s->byte[a];
	it->length = s->byte[b] - s->byte[a];
	it->num_chars = b - a;
	if (hyphen)
		it->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	else
		it->analysis.flags &= ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	return it;
}

/* The index of the first glyph of gs (clusters ascending, or descending when rtl) whose
 * cluster is at or past byte offset b in text order. */
static int
glyph_at(const PangoGlyphString *gs, int rtl, int b)
{
	int lo = 0, hi = gs->num_glyphs;

	/* In visual order an rtl string runs from the text's end: count from its end. */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int c = gs->log_clusters[rtl ? gs->num_glyphs - 1 - mid : mid];
		if (c < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds to the line the glyphs shaped for characters [a, b) of item sh, which start and end
 * glyph clusters. */
static void
copy_run(struct setter *s, const struct shaped *sh, int a, int b)
{
	PangoItem *it = sub_item(s, sh, a, b, 0);
	PangoGlyphString *src = sh->glyphs, *gs = pango_glyph_string_new();
	int lo = s->byte[a] - sh->item->offset, hi = s->byte[b] - sh->item->offset;
	int rtl = sh->item->analysis.level & 1;
	int g0 = glyph_at(src, rtl, lo), g1 = glyph_at(src, rtl, hi), count = g1 - g0;

	/* Glyphs g0 .. g1 in text order; in visual order an rtl run's are at the far end. */
	if (rtl) {
		int t = src->num_glyphs - g1;
		g1 = src->num_glyphs - g0;
		g0 = t;
	}
	pango_glyph_string_set_size(gs, count);
	if (count > 0)
		memcpy(gs->glyphs, src->glyphs + g0, (size_t)count * sizeof(*gs->glyphs));
	for (int k = 0; k < count; k++)
		gs->log_clusters[k] = src->log_clusters[g0 + k] - lo;
	add_run(s, it, gs);
}

/* Adds to the line characters [a, b) of item sh shaped anew, ending with a hyphen when
 * hyphen: a word cut by a line break. */
static void
reshape_run(struct setter *s, const struct shaped *sh, const char *text, int len, int a, int b,
            int hyphen)
{
	PangoItem *it = sub_item(s, sh, a, b, hyphen);
	PangoGlyphString *gs = pango_glyph_string_new();

	pango_shape_item(it, text, len, s->la + a, gs, shape_flags(s));
	add_run(s, it, gs);
}

/* Whether the part's character c starts a glyph cluster (or ends the part). */
static int
clean(const struct setter *s, int c, int n, int part_byte)
{
	return c >= n || s->cstart[s->byte[c] - part_byte];
}

/* Adds the runs of characters [a, b) of the part (n characters) that lie in shaped item sh:
 * the shaped glyphs where the line's ends fall between clusters, else the cut words shaped
 * again, the last with a hyphen when hyphen. */
static void
item_runs(struct setter *s, const struct shaped *sh, const char *text, int len, int a, int b,
          int hyphen, int n, int part_byte)
{
	int istart = sh->first_char, iend = sh->first_char + sh->item->num_chars;
	int dirty_l = a > istart && !clean(s, a, n, part_byte);
	int dirty_r = hyphen || (b < iend && !clean(s, b, n, part_byte));
	int x = a, y = b;

	if (!dirty_l && !dirty_r) {
		copy_run(s, sh, a, b);
		return;
	}
	/* The cut words: from a to the end of its word, from the start of b's word to b. */
	if (dirty_l) {
		while (x < b && !s->la[x].is_white)
			x++;
		while (x < b && !clean(s, x, n, part_byte))
			x++;
	}
	if (dirty_r) {
		while (y > x && !s->la[y - 1].is_white)
			y--;
		while (y > x && !clean(s, y, n, part_byte))
			y--;
	}
	if (dirty_l && dirty_r && x >= y) {
		reshape_run(s, sh, text, len, a, b, hyphen);
		return;
	}
	if (dirty_l && x > a)
		reshape_run(s, sh, text, len, a, x, 0);
	if (y > x)
		copy_run(s, sh, x, y);
	if (dirty_r && b > y)
		reshape_run(s, sh, text, len, y, b, hyphen);
}

/* Puts the line's runs in visual order (Unicode's rule L2): from the highest embedding level
 * down to the lowest odd one, reverses every sequence of runs at that level or above. */
static void
visual_order(PangoGlyphItem **runs, size_t n)
{
	int hi = 0, lo_odd = 255;

	for (size_t i = 0; i < n; i++) {
		int l = runs[i]->item->analysis.level;
		if (l > hi)
			hi = l;
		if ((l & 1) && l < lo_odd)
			lo_odd = l;
	}
	for (int level = hi; level >= lo_odd && level > 0; level--)
		for (size_t i = 0; i < n;) {
			if (runs[i]->item->analysis.level < level) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < n && runs[j]->item->analysis.level >= level)
				j++;
			for (size_t a = i, b = j - 1; a < b; a++, b--) {
				PangoGlyphItem *t = runs[a];
				runs[a] = runs[b];
				runs[b] = t;
			}
			i = j;
		}
}

/* What glue it gives when a line must change by delta: its stretch, or its shrink (a third of
 * its width for ragged glue, which has none, in a line too wide). */
static double
glue_share(const struct lb_item *it, double delta)
{
	if (delta > 0)
		return it->stretch;
	return it->shrink > 0 ? it->shrink : it->width / 3;
}

/* Sets the line of the part's characters [c0, c1) (n characters in all, the part starting at
 * byte part_byte) whose breaking items are [i0, i1), and adds it to the paragraph. Justified,
 * its spaces take up what it lacks of the measure (as TeX's emergency stretch, the slack the
 * last try allows only decides the breaks); a line with no space falls short. */
static void
build_line(struct setter *s, const struct set_opts *o, const char *text, int len, int n,
           int part_byte, int c0, int c1, size_t i0, size_t i1, int hyphen, int last,
           double measure, double indent, int rtl)
{
	struct set_line *ln;
	int tws = c1, nat = 0, target;

	s->nruns = 0;
	for (size_t k = 0; k < s->nshaped; k++) {
		const struct shaped *sh = &s->shaped[k];
		int a = sh->first_char, b = a + sh->item->num_chars;
		if (b <= c0 || a >= c1)
			continue;
		if (a < c0)
			a = c0;
		if (b > c1)
			b = c1;
		item_runs(s, sh, text, len, a, b, hyphen && b == c1, n, part_byte);
	}
	/* Spaces that end the line take no room and draw nothing. */
	while (tws > c0 && s->la[tws - 1].is_white)
		tws--;
	for (size_t r = 0; r < s->nruns; r++) {
		PangoGlyphString *gs = s->runs[r]->glyphs;
		int off = s->runs[r]->item->offset;
		for (int g = 0; g < gs->num_glyphs; g++) {
			if (off + gs->log_clusters[g] >= s->byte[tws] && tws < c1) {
				gs->glyphs[g].glyph = PANGO_GLYPH_EMPTY;
				gs->glyphs[g].geometry.width = 0;
			}
			nat += gs->glyphs[g].geometry.width;
		}
	}
	/* Justification: the spaces take up the difference, in proportion to their stretch (or
	 * shrink); a line too wide for the measure shrinks even when ragged. */
	target = pango_units_from_double(measure);
	if ((o->justify && !last) || nat > target) {
		double total = 0, delta = target - nat, done = 0;
		int given = 0;
		for (size_t i = i0; i < i1; i++)
			if (s->items[i].kind == LB_GLUE)
				total += glue_share(&s->items[i], delta);
		for (size_t i = i0; i < i1 && total > 0; i++) {
			if (s->items[i].kind != LB_GLUE)
				continue;
			done += delta * glue_share(&s->items[i], delta) / total;
			int units = (int)lround(done) - given;
			s->adjust[s->spans[i].start] = units;
			given += units;
		}
		if (given != 0)
			for (size_t r = 0; r < s->nruns; r++) {
				PangoGlyphString *gs = s->runs[r]->glyphs;
				int off = s->runs[r]->item->offset;
				for (int g = 0; g < gs->num_glyphs; g++) {
					int c = s->bchar[off + gs->log_clusters[g] - part_byte];
					if (s->adjust[c] != 0 && s->la[c].is_white) {
						gs->glyphs[g].geometry.width += s->adjust[c];
						nat += s->adjust[c];
						s->adjust[c] = 0;
					}
				}
			}
		for (size_t i = i0; i < i1; i++)
			if (s->items[i].kind == LB_GLUE)
				s->adjust[s->spans[i].start] = 0;
	}
	visual_order(s->runs, s->nruns);
	if (s->nlines == s->caplines) {
		s->caplines = s->caplines ? 2 * s->caplines : 16;
		s->lines = xrealloc(s->lines, s->caplines * sizeof(*s->lines));
	}
	ln = &s->lines[s->nlines++];
	memset(ln, 0, sizeof(*ln));
	ln->nruns = (int)s->nruns;
	ln->runs = xcalloc(s->nruns ? s->nruns : 1, sizeof(*ln->runs));
	memcpy(ln->runs, s->runs, s->nruns * sizeof(*ln->runs));
	ln->width = (double)nat / PANGO_SCALE;
	ln->x = rtl ? measure - ln->width : indent;
	ln->start = s->byte[c0];
	ln->end = s->byte[c1];
	for (size_t r = 0; r < s->nruns; r++) {
		const struct font_info *fi = font_info(s, &s->runs[r]->item->analysis);
		if (fi->ascent > ln->ascent * PANGO_SCALE)
			ln->ascent = (double)fi->ascent / PANGO_SCALE;
		if (fi->descent > ln->descent * PANGO_SCALE)
			ln->descent = (double)fi->descent / PANGO_SCALE;
	}
	if (s->nruns == 0) {
		/* An empty line is as tall as the paragraph's font. */
		PangoFontMetrics *m = pango_context_get_metrics(s->ctx, o->font, NULL);
		ln->ascent = (double)pango_font_metrics_get_ascent(m) / PANGO_SCALE;
		ln->descent = (double)pango_font_metrics_get_descent(m) / PANGO_SCALE;
		pango_font_metrics_unref(m);
	}
}

/* Sets the part of the text in bytes [ps, pe) into lines, in direction dir; first: the
 * paragraph's first part (its first line is indented). */
static void
set_part(struct setter *s, const char *text, int len, int ps, int pe, PangoDirection dir,
         int first, PangoAttrList *attrs, const struct set_opts *o)
{
	int n = (int)g_utf8_strlen(text + ps, pe - ps), c = 0, rtl = dir == PANGO_DIRECTION_RTL;
	GList *items = NULL;
	double indent = first ? o->indent : 0;
	double measure = o->width;
	struct lb_params lp;
	size_t m = 0, nlines = 0;
	double em = (double)pango_font_description_get_size(o->font) / PANGO_SCALE;

	grow_chars(s, (size_t)n + 1);
	grow_bytes(s, (size_t)(pe - ps) + 1);
	for (const char *p = text + ps; c < n; p = g_utf8_next_char(p), c++) {
		s->byte[c] = (int)(p - text);
		for (int b = s->byte[c]; b < s->byte[c] + (int)(g_utf8_next_char(p) - p); b++)
			s->bchar[b - ps] = c;
		s->adjust[c] = 0;
	}
	s->byte[n] = pe;
	s->bchar[pe - ps] = n;
	memset(s->cstart, 0, (size_t)(pe - ps) + 1);
	memset(s->la, 0, ((size_t)n + 1) * sizeof(*s->la));
	s->nshaped = 0;
	if (n > 0) {
		int first_char = 0;
		items = pango_itemize_with_base_dir(s->ctx, dir, text, ps, pe - ps, attrs, NULL);
		pango_default_break(text + ps, pe - ps, NULL, s->la, n + 1);
		for (GList *l = items; l; l = l->next) {
			PangoItem *item = l->data;
			pango_tailor_break(text + item->offset, item->length, &item->analysis, -1,
			    s->la + first_char, item->num_chars + 1);
			first_char += item->num_chars;
		}
		first_char = 0;
		for (GList *l = items; l; l = l->next) {
			PangoItem *item = l->data;
			PangoGlyphItem gi = {0};
			struct shaped *sh;
			if (s->nshaped == s->capshaped) {
				s->capshaped = s->capshaped ? 2 * s->capshaped : 16;
				s->shaped = xrealloc(s->shaped, s->capshaped * sizeof(*s->shaped));
			}
			sh = &s->shaped[s->nshaped++];
			sh->item = item;
			sh->first_char = first_char;
			sh->glyphs = pango_glyph_string_new();
			pango_shape_item(item, text, len, s->la + first_char, sh->glyphs,
			    shape_flags(s));
			gi.item = item;
			gi.glyphs = sh->glyphs;
			pango_glyph_item_get_logical_widths(&gi, text, s->width + first_char);
			for (int g = 0; g < sh->glyphs->num_glyphs; g++)
				s->cstart[item->offset + sh->glyphs->log_clusters[g] - ps] = 1;
			first_char += item->num_chars;
		}
		g_list_free(items);
	}
	/* Three tries, as TeX does: without hyphens, with them and a wider tolerance, then with
	 * breaks anywhere in words and overfull lines for what is wider than the measure. */
	linebreak_defaults(&lp, measure, measure - indent, TOLERANCE_PLAIN);
	lp.ragged = o->justify ? 0 : RAGGED_EMS * em;
	if (n > MAX_TOTAL_FIT) {
		m = build_items(s, text, n, o->justify, 1, 1, measure);
		nlines = linebreak_first_fit(s->items, m, &lp, s->breaks);
	}
	for (int pass = 0; pass < 3 && nlines == 0; pass++) {
		m = build_items(s, text, n, o->justify, pass > 0, pass == 2, measure);
		lp.tolerance = pass == 0 ? TOLERANCE_PLAIN : pass == 1 ? TOLERANCE_HYPHENS : LB_INF;
		lp.force = pass == 2;
		/* Lines cut inside words have no spaces to stretch: let them fall short of the
		 * measure by up to an em rather than count as unfillable. */
		if (pass == 2 && lp.ragged < em)
			lp.ragged = em;
		nlines = linebreak(s->items, m, &lp, &s->lb, s->breaks);
	}
	/* The lines, from one break to the next (the last try never fails). */
	{
		int c0 = 0;
		size_t i0 = 0;
		for (size_t k = 0; k < nlines; k++) {
			size_t b = s->breaks[k];
			int c1, hyphen = 0;
			if (b >= m)
				c1 = n;
			else if (s->items[b].kind == LB_GLUE)
				c1 = s->spans[b].end;
			else {
				c1 = s->spans[b].start;
				hyphen = s->spans[b].hyphen;
			}
			if (k + 1 == nlines)
				c1 = n;
			build_line(s, o, text, len, n, ps, c0, c1, i0, b < m ? b : m, hyphen,
			    k + 1 == nlines, k == 0 ? measure - indent : measure,
			    k == 0 && !rtl ? indent : 0, rtl);
			c0 = c1;
			i0 = b + 1;
		}
	}
	for (size_t k = 0; k < s->nshaped; k++) {
		pango_item_free(s->shaped[k].item);
		pango_glyph_string_free(s->shaped[k].glyphs);
	}
	s->nshaped = 0;
}

/* The direction of the first strongly directional character of len bytes at text (Unicode's
 * rules P2 and P3), or NEUTRAL when there is none. */
static PangoDirection
base_dir(const char *text, int len)
{
	for (const char *p = text; p < text + len; p = g_utf8_next_char(p)) {
		FriBidiCharType t = fribidi_get_bidi_type(g_utf8_get_char(p));
		if (FRIBIDI_IS_STRONG(t))
			return FRIBIDI_IS_RTL(t) ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
	}
	return PANGO_DIRECTION_NEUTRAL;
}

const struct set_par *
set_paragraph(struct setter *s, const char *text, int len, PangoAttrList *attrs,
              const struct set_opts *o)
{
	struct set_par *par = xcalloc(1, sizeof(*par));
	PangoDirection dir = o->dir, prev = PANGO_DIRECTION_LTR;
	int start = 0, first = 1;

	if (len < 0)
		len = (int)strlen(text);
	par->text = xmalloc((size_t)len + 1);
	memcpy(par->text, text, (size_t)len);
	par->text[len] = '\0';
	par->len = len;
	s->nlines = 0;
	pango_context_set_font_description(s->ctx, o->font);
	/* Each part up to a line separator is broken on its own, in its own direction. */
	for (;;) {
		int end = start;
		while (end < len && par->text[end] != '\n')
			end++;
		PangoDirection d = dir;
		if (d != PANGO_DIRECTION_LTR && d != PANGO_DIRECTION_RTL) {
			d = base_dir(par->text + start, end - start);
			if (d != PANGO_DIRECTION_LTR && d != PANGO_DIRECTION_RTL)
				d = prev;
		}
		prev = d;
		if (first)
			par->rtl = d == PANGO_DIRECTION_RTL;
		set_part(s, par->text, len, start, end, d, first, attrs, o);
		first = 0;
		if (end >= len)
			break;
		start = end + 1;
	}
	par->nlines = (int)s->nlines;
	par->lines = xcalloc(s->nlines ? s->nlines : 1, sizeof(*par->lines));
	memcpy(par->lines, s->lines, s->nlines * sizeof(*par->lines));
	if (s->npars == s->cappars) {
		s->cappars = s->cappars ? 2 * s->cappars : 64;
		s->pars = xrealloc(s->pars, s->cappars * sizeof(*s->pars));
	}
	s->pars[s->npars++] = par;
	return par;
}
