/* The EPUB writer's covers: the cover image (archive.yaml's, or drawn by cover.c) with its cover
 * page, and the back page. */
#include <stdlib.h>

#include "cover.h"
#include "epub_int.h"
#include "l10n.h"
#include "msg.h"
#include "xml.h"

/* The generated cover's size in pixels: 2:3, as large as e-readers' screens. */
#define COVER_W 1600
#define COVER_H 2400

/* Stores the back page: publisher, snapshot date, where the articles came from. */
static void
back_page(struct epub *e, const struct cover *c)
{
	struct xml *x = xml_open();

	if (e->kobo)
		xml_kobo(x);
	epub_xhtml_head(x, l10n_label(e->st->l10n, e->ar->lang, L10N_BACK_COVER), e->ar->lang,
	    epub_dir(e, NULL), "style.css");
	e->faces |= EPUB_FACE(EPUB_FAMILY_BODY, 0, 0);
	xml_start(x, "section");
	xml_attr(x, "class", EPUB_CLASS_BACK);
	xml_attr(x, "epub:type", "backmatter");
	xml_raw(x, "\n");
	if (c->publisher)
		xml_elem(x, "p", "class", EPUB_CLASS_PUBLISHER, c->publisher);
	xml_elem(x, "p", "class", EPUB_CLASS_SNAPSHOT, c->snapshot);
	if (c->sources)
		xml_elem(x, "p", "class", EPUB_CLASS_SOURCES, c->sources);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/back.xhtml");
	e->back = 1;
}

void
epub_covers(struct epub *e)
{
	const struct archive *ar = e->ar;
	struct cover *c = cover_new(ar, e->toc, e->st);

	if (ar->cover) {
		e->cover = epub_photo(e, ar->cover, 0, "archive.yaml");
		e->cover_src = ar->cover;
		if (e->cover->name == NULL)
			e->cover = NULL;
		else
			epub_cover_page(e, e->cover, c->alt);
	} else {
		struct image_data d = {0};
		const char *why = NULL;
		if (cover_image(c, ar, COVER_W, COVER_H, &d, &why) != 0)
			msg_warn(NULL, 0, "no cover image: %s", why);
		else {
			e->cover = epub_photo_add(e, EPUB_COVER_SRC, &d, "cover");
			e->cover_src = EPUB_COVER_SRC;
			epub_cover_page(e, e->cover, c->alt);
		}
		image_data_free(&d);
	}
	back_page(e, c);
	cover_free(c);
}
