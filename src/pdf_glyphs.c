/* Glyph runs drawn onto a Cairo PDF surface with the text they stand for, as extractors read it. */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "pdf_glyphs.h"
#include "pdf_ops.h"
#include "util.h"

/* One cluster of a run: glyphs that stand for a stretch of text. */
struct group {
	int start, end;         /* bytes of the item's text, in text order */
	int nglyphs;            /* drawn glyphs */
};

/* A blank glyph of a font face that stands for one invisible character in the PDF. */
struct blank {
	cairo_font_face_t *face; /* referenced */
	uint32_t cp;            /* the character */
	unsigned long glyph;    /* PANGO_GLYPH_EMPTY: none was free */
};

struct pdf_glyphs {
	cairo_glyph_t *glyphs;  /* the run's drawn glyphs, visual order */
	cairo_text_cluster_t *clusters;
	struct group *groups;
	size_t cap;
	struct buf utf8;
	struct blank *blanks;   /* the glyphs chosen so far, by face and character */
	size_t nblanks;
};

struct pdf_glyphs *
pdf_glyphs_new(void)
{
	return xcalloc(1, sizeof(struct pdf_glyphs));
}

void
pdf_glyphs_free(struct pdf_glyphs *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->nblanks; i++)
		cairo_font_face_destroy(g->blanks[i].face);
	free(g->blanks);
	free(g->glyphs);
	free(g->clusters);
	free(g->groups);
	buf_free(&g->utf8);
	free(g);
}

/* Whether cp is an invisible character that copied text must keep, because it is part of how
 * the words are spelled: the non-joiner and joiner, the zero-width space, the word joiners
 * (U+2060, U+FEFF), the invisible operators and the combining grapheme joiner. Not the soft
 * hyphen (see cluster_text), nor the directional marks and isolates, which say how the text is
 * laid out (quire puts isolates around dates in right-to-left lines) and which extractors
 * work out again from the glyphs' places. */
static int
kept_invisible(uint32_t cp)
{
	return cp == 0x034F || (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
	    cp == 0xFEFF;
}

/* Appends a cluster's text as it should be copied out of the PDF: soft hyphens dropped, except
 * that one drawn as a hyphen at the end of a line reads as "-". White space with no glyph (the
 * space Pango collapses where a line wraps) is dropped too: the line end says as much, and
 * Cairo would wrap it in a marked-content span of its own. */
static int
cluster_text(struct buf *b, const char *s, int n, int nglyphs)
{
	size_t before = b->len;
	int i = 0;

	while (nglyphs == 0 && i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	if (i == n)
		return 0;
	for (i = 0; i < n; i++) {
		if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xad) {
			i++;
			continue;
		}
		buf_putc(b, s[i]);
	}
	if (b->len == before && nglyphs > 0)
		buf_putc(b, '-');
	return (int)(b->len - before);
}

/* Whether the font's glyph for cp is blank and of no width; sets *glyph. */
static int
blank_glyph(hb_font_t *hb, uint32_t cp, hb_codepoint_t *glyph)
{
	hb_glyph_extents_t ext;

	return hb_font_get_nominal_glyph(hb, cp, glyph) && *glyph != 0 &&
	    hb_font_get_glyph_h_advance(hb, *glyph) == 0 &&
	    hb_font_get_glyph_extents(hb, *glyph, &ext) && ext.width == 0 && ext.height == 0;
}

/*
 * The glyph that stands for the invisible character at s (n bytes), which the shaper drew with
 * none, so that the PDF maps a glyph to the character and extractors that read only the fonts'
 * ToUnicode maps (poppler, MuPDF) return it: a blank glyph of no width of the font. Cairo gives
 * a glyph the text it is first drawn with when that is one character, and keeps it for the
 * whole document: each character has a glyph of its own in each face, its own if blank (the
 * non-joiner and joiner of Noto fonts are visible marks), else one of the blank ones of the
 * zero-width space and word joiners that is not taken. Its text is not given to a neighbouring
 * glyph instead: that glyph would read as itself alone, or with the invisible character
 * wherever else it is drawn. PANGO_GLYPH_EMPTY when there is none.
 */
static unsigned long
invisible_glyph(struct pdf_glyphs *g, cairo_scaled_font_t *sf, PangoFont *font, const char *s,
                int n)
{
	static const uint32_t spares[] = {0x200B, 0xFEFF, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064};
	cairo_font_face_t *face = cairo_scaled_font_get_font_face(sf);
	hb_font_t *hb = pango_font_get_hb_font(font);
	hb_codepoint_t glyph;
	uint32_t cp;
	size_t i;

	if (n <= 0 || utf8_decode(s, (size_t)n, &cp) != n || !kept_invisible(cp) || hb == NULL)
		return PANGO_GLYPH_EMPTY;
	for (i = 0; i < g->nblanks; i++)
		if (g->blanks[i].face == face && g->blanks[i].cp == cp)
			return g->blanks[i].glyph;
	unsigned long pick = PANGO_GLYPH_EMPTY;
	size_t nspares = sizeof(spares) / sizeof(spares[0]);
	for (size_t k = 0; k <= nspares && pick == PANGO_GLYPH_EMPTY; k++) {
		if (!blank_glyph(hb, k == 0 ? cp : spares[k - 1], &glyph))
			continue;
		for (i = 0; i < g->nblanks; i++)
			if (g->blanks[i].face == face && g->blanks[i].glyph == glyph)
				break;
		if (i == g->nblanks)
			pick = glyph;
	}
	g->blanks = xrealloc(g->blanks, (g->nblanks + 1) * sizeof(*g->blanks));
	g->blanks[g->nblanks].face = cairo_font_face_reference(face);
	g->blanks[g->nblanks].cp = cp;
	g->blanks[g->nblanks].glyph = pick;
	g->nblanks++;
	return pick;
}

void
pdf_glyphs_draw(struct pdf_glyphs *g, struct pdf_ops *rec, const char *text, PangoGlyphItem *gi,
                double x, double y)
{
	PangoGlyphString *gs = gi->glyphs;
	PangoItem *item = gi->item;
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font((PangoCairoFont *)item->analysis.font);
	const char *t = text + item->offset;
	int ng = 0, ngroups = 0, nclusters = 0, rtl = item->analysis.level & 1, cx = 0;
	double em = 0;

	if (sf == NULL || gs->num_glyphs == 0)
		return;
	if ((size_t)gs->num_glyphs > g->cap) {
		g->cap = (size_t)gs->num_glyphs * 2;
		g->glyphs = xrealloc(g->glyphs, g->cap * sizeof(*g->glyphs));
		g->groups = xrealloc(g->groups, g->cap * sizeof(*g->groups));
		g->clusters = xrealloc(g->clusters, g->cap * sizeof(*g->clusters));
	}
	for (int i = 0; i < gs->num_glyphs; i++) {
		PangoGlyphInfo *gl = &gs->glyphs[i];
		double shift = 0;
		if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
			struct group *c = &g->groups[ngroups++];
			c->start = gs->log_clusters[i];
			c->end = item->length;
			c->nglyphs = 0;
		}
		/* A character no font has is drawn as the font's missing-glyph box (glyph 0), so
		 * that it shows and its text stays in the PDF; the writer has warned of it. */
		unsigned long index = gl->glyph;
		if ((gl->glyph & PANGO_GLYPH_UNKNOWN_FLAG) && gl->glyph != PANGO_GLYPH_EMPTY)
			index = g_unichar_isgraph(gl->glyph & ~PANGO_GLYPH_UNKNOWN_FLAG) ? 0 :
			    PANGO_GLYPH_EMPTY;
		/* A cluster of one invisible character (a glyph of its own in the shaped string;
		 * clusters ascend left to right, descend in a right-to-left run). */
		if (index == PANGO_GLYPH_EMPTY && gl->geometry.width == 0 &&
		    (i + 1 == gs->num_glyphs || gs->log_clusters[i + 1] != gs->log_clusters[i]) &&
		    (i == 0 || gs->log_clusters[i - 1] != gs->log_clusters[i])) {
			int c0 = gs->log_clusters[i], after = rtl ? i - 1 : i + 1;
			int c1 = after >= 0 && after < gs->num_glyphs ? gs->log_clusters[after] :
			    item->length;
			index = invisible_glyph(g, sf, item->analysis.font, t + c0, c1 - c0);
			/*
			 * Drawn a hair (1/200 em) left of the edge between its neighbours: poppler
			 * orders the characters of a line by their left edges, and one of no width
			 * at the very edge of the glyph on its right ties with it (read in the wrong
			 * order) or, inside a glyph, makes a line of its own.
			 */
			if (index != PANGO_GLYPH_EMPTY) {
				if (em == 0) {
					cairo_matrix_t fm;
					cairo_scaled_font_get_font_matrix(sf, &fm);
					em = fm.xx;
				}
				shift = -em / 200;
			}
		}
		if (index != PANGO_GLYPH_EMPTY) {
			g->glyphs[ng].index = index;
			g->glyphs[ng].x = x + shift +
			    (double)(cx + gl->geometry.x_offset) / PANGO_SCALE;
			g->glyphs[ng].y = y + (double)gl->geometry.y_offset / PANGO_SCALE;
			ng++;
			g->groups[ngroups - 1].nglyphs++;
		}
		cx += gl->geometry.width;
	}
	/* A cluster ends where the next one in text order starts. */
	for (int k = 0; k < ngroups; k++) {
		int next = rtl ? k - 1 : k + 1;
		if (next >= 0 && next < ngroups)
			g->groups[k].end = g->groups[next].start;
	}
	buf_reset(&g->utf8);
	for (int j = 0; j < ngroups; j++) {
		const struct group *c = &g->groups[rtl ? ngroups - 1 - j : j];
		int bytes = cluster_text(&g->utf8, t + c->start, c->end - c->start, c->nglyphs);
		if (bytes == 0 && c->nglyphs == 0)
			continue;
		g->clusters[nclusters].num_bytes = bytes;
		g->clusters[nclusters].num_glyphs = c->nglyphs;
		nclusters++;
	}
	if (ng > 0 || g->utf8.len > 0)
		pdf_op_glyphs(rec, sf, buf_str(&g->utf8), (int)g->utf8.len, g->glyphs, ng,
		    g->clusters, nclusters, rtl);
}
