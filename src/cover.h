/* The book's covers, drawn with Cairo and Pango for both outputs: the front (title, subtitle,
 * date, lead photo) and the back (publisher, date, where the articles came from). */
#ifndef QUIRE_COVER_H
#define QUIRE_COVER_H

#include <cairo.h>
#include <pango/pango.h>

#include "doc.h"
#include "image.h"
#include "toc.h"

struct style;

/*
 * What the covers show, worked out once from the archive, its reading order and the style. The
 * front shows the lead photo of the article archive.yaml's `cover-article` names, else of the
 * first article in reading order that has one, cropped to fill its frame; without a photo it is
 * typographic, on the style's accent colour. Right-to-left archives are laid out from the
 * right. Drawing reads no clock and no system font the book does not use: the same archive
 * gives the same pixels and the same PDF operators.
 */
struct cover {
	char *title, *subtitle; /* owned; subtitle may be NULL */
	char *date;             /* the selection's range, else "Snapshot of ..." (owned) */
	char *alt;              /* the front's text alternative (owned) */
	char *publisher;        /* the back: publisher or NULL, the snapshot line, and where the */
	char *snapshot;         /* articles came from, or NULL (owned) */
	char *sources;
	const char *lang;       /* the archive's language */
	int rtl;                /* laid out right to left */
	char *photo;            /* archive-relative lead photo, or NULL (owned) */
	int photo_w, photo_h;   /* its displayed size, when photo */
	double accent[3], text[3];
	char *head_family, *body_family; /* Pango family lists (owned) */
};

/* Works out the covers of the book ar (toc: its reading order; st: colours, fonts and labels).
 * Reads the lead photo's header. Never fails; free with cover_free. */
struct cover *cover_new(const struct archive *ar, const struct toc *toc, const struct style *st);

/* Frees it. Accepts NULL. */
void cover_free(struct cover *c);

/* Draws photo (archive-relative) into the w x h rectangle at (x, y), stretched to it: the
 * caller of cover_front has already cropped. Returns 0, or -1 when it cannot be drawn (the
 * frame then shows the accent colour; the article showing the photo reports it). */
typedef int (*cover_photo_fn)(void *closure, const char *photo, double x, double y, double w,
                              double h);

/* Draws the front cover onto cr, a w x h page, with fonts of ctx (the caller's; its language and
 * direction are set for the cover and left so). The photo, if any, is drawn by photo(closure,
 * ...) inside a clip. Tags (Sect, P, Figure) are opened for a PDF surface; others ignore them. */
void cover_front(const struct cover *c, cairo_t *cr, PangoContext *ctx, double w, double h,
                 cover_photo_fn photo, void *closure);

/* Draws the back cover onto cr, as cover_front does. */
void cover_back(const struct cover *c, cairo_t *cr, PangoContext *ctx, double w, double h);

/* Sets *x, *y, *dw, *dh to the rectangle a pw x ph photo is drawn in to fill a fw x fh frame
 * at (0, 0) without distortion: scaled to cover it, centred, the excess cropped by a clip. */
void cover_fill(double pw, double ph, double fw, double fh, double *x, double *y, double *dw,
                double *dh);

/* Renders the front cover as an image of w x h pixels for an e-reader, with no metadata: a
 * JPEG (quality 90) when it shows a photo, else a PNG (flat colour and type, a few tens of KB). Fonts are the bundled ones (plus the system's for
 * what they lack in the archive's text); ar gives the photo's bytes. Returns 0 and fills *out
 * (free with image_data_free), or -1 with *why set. */
int cover_image(const struct cover *c, const struct archive *ar, int w, int h,
                struct image_data *out, const char **why);

#endif
