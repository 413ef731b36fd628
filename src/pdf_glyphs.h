/* Glyph runs drawn onto a Cairo PDF surface with the text they stand for, as extractors read it. */
#ifndef QUIRE_PDF_GLYPHS_H
#define QUIRE_PDF_GLYPHS_H

#include <cairo.h>
#include <pango/pango.h>

/*
 * A run is drawn with cairo_show_text_glyphs, glyph cluster by glyph cluster, so that text copied
 * out of the PDF reads as written: soft hyphens dropped, a hyphen drawn at a line's end read as
 * "-", and the invisible characters that change a word kept (the zero-width non-joiner of
 * Persian, joiners, directional marks). poppler and MuPDF read only the fonts' ToUnicode maps,
 * not ActualText, so such a character is drawn as a glyph: the font's own blank one for it.
 */

struct pdf_glyphs;

/* Creates the scratch memory for drawing runs. One per PDF surface and thread. Free with
 * pdf_glyphs_free. */
struct pdf_glyphs *pdf_glyphs_new(void);

/* Frees it. Accepts NULL. */
void pdf_glyphs_free(struct pdf_glyphs *g);

struct pdf_ops;

/* Records the run gi of text (the text its item's offsets index) into rec (pdf_ops.h) with its
 * left end at x and its baseline at y, in the current source when replayed. */
void pdf_glyphs_draw(struct pdf_glyphs *g, struct pdf_ops *rec, const char *text,
                     PangoGlyphItem *gi, double x, double y);

#endif
