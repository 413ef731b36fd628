/* Drawing recorded as a list of Cairo calls, so that a page's text can be set on one thread and
 * drawn onto the PDF on another. */
#ifndef QUIRE_PDF_OPS_H
#define QUIRE_PDF_OPS_H

#include <stddef.h>

#include <cairo.h>

#include "util.h"

/*
 * A worker thread sets an article with its own Pango font map and records what drawing it
 * would do: glyph runs (Cairo scaled fonts, glyph positions, their text), rectangles, lines,
 * photos, tags. The recording holds no Pango object, so the writer thread can replay it onto
 * the PDF surface while the worker sets the next article. Cairo's font faces are shared by
 * every thread (cairo-ft keys them by file), so a run set on any thread embeds the same font
 * subsets. Structure elements are recorded as indices into the flow's structure elements and
 * opened and closed when replayed, where the writer knows what is open.
 */

/* The colours of struct pdf_look, by name. */
enum pdf_color {
	PDF_COLOR_TEXT = 0,
	PDF_COLOR_ACCENT,
	PDF_COLOR_RULE,
	PDF_COLOR_SHADE
};

/* A recording. Its scaled fonts and surfaces are referenced until pdf_ops_free. */
struct pdf_ops {
	struct buf b;           /* the calls, one after another */
	cairo_scaled_font_t **fonts;
	size_t nfonts, capfonts;
	cairo_surface_t **surfaces;
	size_t nsurfaces, capsurfaces;
};

/* Empties the recording (references dropped), keeping its memory. */
void pdf_ops_reset(struct pdf_ops *o);
/* Frees the recording's memory. Accepts a zeroed one. */
void pdf_ops_free(struct pdf_ops *o);

/* Recording calls, named after Cairo's. */
void pdf_op_struct(struct pdf_ops *o, int snode);     /* bring the open elements to snode */
void pdf_op_color(struct pdf_ops *o, enum pdf_color c); /* unless it is the colour set last */
void pdf_op_rgb(struct pdf_ops *o, double r, double g, double b);
void pdf_op_forget_color(struct pdf_ops *o);          /* the next colour is set again */
void pdf_op_rect(struct pdf_ops *o, double x, double y, double w, double h);
void pdf_op_fill(struct pdf_ops *o);
void pdf_op_stroke(struct pdf_ops *o);
void pdf_op_clip(struct pdf_ops *o);
void pdf_op_save(struct pdf_ops *o);
void pdf_op_restore(struct pdf_ops *o);
void pdf_op_line_width(struct pdf_ops *o, double w);
void pdf_op_line_cap_round(struct pdf_ops *o);
void pdf_op_dash(struct pdf_ops *o, double on, double off);
void pdf_op_move(struct pdf_ops *o, double x, double y);
void pdf_op_line(struct pdf_ops *o, double x, double y);
void pdf_op_translate(struct pdf_ops *o, double x, double y);
void pdf_op_scale(struct pdf_ops *o, double x, double y);
void pdf_op_transform(struct pdf_ops *o, const cairo_matrix_t *m);
/* The source: surface s (referenced) with pattern matrix m. */
void pdf_op_source(struct pdf_ops *o, cairo_surface_t *s, const cairo_matrix_t *m);
void pdf_op_tag_begin(struct pdf_ops *o, const char *name, const char *attrs);
void pdf_op_tag_end(struct pdf_ops *o, const char *name);
/* cairo_show_text_glyphs in scaled font sf (referenced). */
void pdf_op_glyphs(struct pdf_ops *o, cairo_scaled_font_t *sf, const char *utf8, int len,
                   const cairo_glyph_t *glyphs, int nglyphs, const cairo_text_cluster_t *clusters,
                   int nclusters, int backward);

/* A structure element, as pdf_draw.h's struct pdf_snode. */
struct pdf_snode;

/* What a device keeps from one replay to the next. */
struct pdf_replay {
	cairo_t *cr;
	const double *colors[4]; /* by enum pdf_color */
	const double *color;    /* the colour set last, or NULL */
	const void *owner;      /* whose structure elements are open (an article, a flow) */
	int *open;              /* structure elements open, outermost first */
	const char **open_tags; /* and their tags */
	size_t nopen, capopen;
	int *path;              /* scratch: a structure element's ancestry */
	size_t cappath;
	cairo_glyph_t *glyphs;  /* scratch: a run's glyphs and clusters, aligned for Cairo */
	cairo_text_cluster_t *clusters;
	size_t capglyphs, capclusters;
};

/* Draws the calls recorded in o between byte offsets from and to onto r->cr, translated by
 * (x, y). Structure elements are those of owner, whose elements are snodes: the open elements
 * of another owner are closed first. */
void pdf_replay(struct pdf_replay *r, const struct pdf_ops *o, size_t from, size_t to,
                const struct pdf_snode *snodes, const void *owner, double x, double y);

/* Closes the structure elements open. */
void pdf_replay_end(struct pdf_replay *r);

/* Frees r's memory, not its context. */
void pdf_replay_free(struct pdf_replay *r);

#endif
