/* The PDF writer's covers: the front cover and its blank inside, and the back cover, drawn by
 * cover.c onto the PDF surface as vectors. */
#include <stdlib.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pango.h>

#include "archive.h"
#include "cover.h"
#include "l10n.h"
#include "msg.h"
#include "pdf_draw.h"
#include "pdf_int.h"
#include "style.h"
#include "util.h"

/* The photo of the generated cover, drawn by the device as figures' photos are. One that
 * cannot be drawn was reported with the article that shows it. */
static int
photo(void *closure, const char *path, double x, double y, double w, double h)
{
	struct pdf *p = closure;
	const char *why = NULL;

	return pdf_dev_photo(p->dev, path, x, y, w, h, &why);
}

/* Draws the named cover photo (archive.yaml's cover) over the whole page, cropped to it. */
static void
named(struct pdf *p, cairo_t *cr)
{
	const struct archive *ar = p->ar;
	struct image_info info;
	char *bytes = NULL;
	size_t len;
	const char *why = NULL;
	double x, y, w, h;

	if (archive_photo_read(ar, ar->cover, &bytes, &len, &why) != 0 ||
	    image_probe_mem((const unsigned char *)bytes, len, &info, &why) != 0) {
		msg_warn("archive.yaml", 0, "image unusable (%s): %s", why, ar->cover);
		free(bytes);
		return;
	}
	free(bytes);
	why = NULL;
	cover_fill(info.width, info.height, p->st->page_w, p->st->page_h, &x, &y, &w, &h);
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, p->st->page_w, p->st->page_h);
	cairo_clip(cr);
	cairo_tag_begin(cr, "Figure", "");
	if (pdf_dev_photo(p->dev, ar->cover, x, y, w, h, &why) != 0)
		msg_warn("archive.yaml", 0, "image unusable (%s): %s", why ? why : "cannot be read",
		    ar->cover);
	cairo_tag_end(cr, "Figure");
	cairo_restore(cr);
}

/* Keeps the context's language and direction across a cover, which sets its own. */
struct saved {
	PangoLanguage *lang;
	PangoDirection dir;
};

static struct saved
save(PangoContext *ctx)
{
	return (struct saved){pango_context_get_language(ctx), pango_context_get_base_dir(ctx)};
}

static void
restore(PangoContext *ctx, struct saved s)
{
	pango_context_set_language(ctx, s.lang);
	pango_context_set_base_dir(ctx, s.dir);
}

void
pdf_cover_front(struct pdf *p)
{
	cairo_t *cr = pdf_dev_cairo(p->dev);
	struct saved s = save(p->ctx);

	cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='cover'");
	if (p->ar->cover)
		named(p, cr);
	else
		cover_front(p->cover, cr, p->ctx, p->st->page_w, p->st->page_h, photo, p);
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	restore(p->ctx, s);
	pdf_dev_cairo(p->dev);
	pdf_end_page(p, NULL, 1);
	/* The inside of the cover, blank: the title page stays a recto. */
	pdf_end_page(p, NULL, 0);
}

void
pdf_cover_back(struct pdf *p)
{
	cairo_t *cr = pdf_dev_cairo(p->dev);
	struct saved s = save(p->ctx);

	pdf_dev_outline(p->dev, CAIRO_PDF_OUTLINE_ROOT,
	    l10n_label(p->st->l10n, p->ar->lang, L10N_BACK_COVER), "back-cover", 0);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='back-cover'");
	cover_back(p->cover, cr, p->ctx, p->st->page_w, p->st->page_h);
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	restore(p->ctx, s);
	pdf_dev_cairo(p->dev);
	pdf_end_page(p, NULL, 0);
}
