/* The EPUB's package document: metadata, manifest and spine. */
#include <stdlib.h>

#include "date.h"
#include "epub_int.h"

/* Writes one manifest item; props NULL writes no properties. */
static void
item(struct xml *x, const char *id, const char *href, const char *type, const char *props)
{
	xml_start(x, "item");
	xml_attr(x, "id", id);
	xml_attr(x, "href", href);
	xml_attr(x, "media-type", type);
	xml_attr(x, "properties", props);
	xml_end(x);
	xml_raw(x, "\n");
}

/* Writes one <meta property=...> of the metadata. */
static void
meta(struct xml *x, const char *property, const char *value)
{
	xml_elem(x, "meta", "property", property, value);
	xml_raw(x, "\n");
}

/* Writes a dc:language for each language of the book: the archive's first, then every other one
 * an article is in, in reading order, each once. */
static void
languages(const struct epub *e, struct xml *x)
{
	struct strset seen = {0};

	for (size_t i = 0; i <= e->toc->n; i++) {
		const char *lang = i ? archive_lang(e->ar, &e->ar->articles[e->toc->order[i - 1]]) :
		    e->ar->lang;
		if (!strset_add(&seen, lang, 0))
			continue;
		xml_elem(x, "dc:language", NULL, NULL, lang);
		xml_raw(x, "\n");
	}
	strset_free(&seen);
}

void
epub_opf(struct epub *e, const struct photo *cover)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	char iso[11], utc[21];
	struct xml *x = xml_open();
	struct date snap = ar->date;

	xml_start(x, "package");
	xml_attr(x, "xmlns", "http://www.idpf.org/2007/opf");
	xml_attr(x, "version", "3.0");
	xml_attr(x, "unique-identifier", "uid");
	xml_attr(x, "xml:lang", ar->lang);
	xml_raw(x, "\n");
	xml_start(x, "metadata");
	xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xml_raw(x, "\n");
	xml_elem(x, "dc:identifier", "id", "uid", ar->identifier);
	xml_raw(x, "\n");
	xml_elem(x, "dc:title", NULL, NULL, ar->title);
	xml_raw(x, "\n");
	languages(e, x);
	for (size_t i = 0; i < ar->nauthors; i++) {
		xml_elem(x, "dc:creator", NULL, NULL, ar->authors[i]);
		xml_raw(x, "\n");
	}
	if (ar->publisher) {
		xml_elem(x, "dc:publisher", NULL, NULL, ar->publisher);
		xml_raw(x, "\n");
	}
	if (ar->description) {
		xml_elem(x, "dc:description", NULL, NULL, ar->description);
		xml_raw(x, "\n");
	}
	date_iso(&snap, iso);
	xml_elem(x, "dc:date", NULL, NULL, iso);
	xml_raw(x, "\n");
	{
		/* The days a selection or volume covers, as an ISO 8601 interval. */
		struct date from, to;
		char a[11], b[11], *span;
		if (archive_range(e->ar, &from, &to)) {
			date_iso(&from, a);
			date_iso(to.year ? &to : &from, b);
			span = xasprintf("%s/%s", a, b);
			xml_elem(x, "dc:coverage", NULL, NULL, span);
			xml_raw(x, "\n");
			free(span);
		}
	}
	date_iso_utc(&snap, utc);
	meta(x, "dcterms:modified", utc);
	meta(x, "schema:accessMode", "textual");
	if (e->nphotos)
		meta(x, "schema:accessMode", "visual");
	meta(x, "schema:accessModeSufficient", "textual");
	meta(x, "schema:accessibilityFeature", "structuralNavigation");
	meta(x, "schema:accessibilityFeature", "tableOfContents");
	meta(x, "schema:accessibilityFeature", "readingOrder");
	if (e->nphotos)
		meta(x, "schema:accessibilityFeature", "alternativeText");
	meta(x, "schema:accessibilityHazard", "none");
	meta(x, "schema:accessibilitySummary",
	    "Articles in reading order with headings, a navigable table of contents and "
	    "text alternatives for photos taken from the sources' alt text and captions.");
	if (cover) {
		xml_start(x, "meta");
		xml_attr(x, "name", "cover");
		xml_attr(x, "content", "cover-image");
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");

	xml_start(x, "manifest");
	xml_raw(x, "\n");
	item(x, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(x, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(x, "css", "style.css", "text/css", NULL);
	item(x, "title", "title.xhtml", "application/xhtml+xml", NULL);
	if (cover)
		item(x, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
	for (size_t i = 0; i < toc->n; i++) {
		const struct article *a = &ar->articles[toc->order[i]];
		char *href = xasprintf("text/%s.xhtml", a->id);
		item(x, a->id, href, "application/xhtml+xml", NULL);
		free(href);
	}
	if (e->back)
		item(x, "back", "back.xhtml", "application/xhtml+xml", NULL);
	for (size_t i = 0; i < e->nphotos; i++) {
		const struct photo *p = &e->photos[i];
		if (p->name == NULL || p->dup)
			continue;
		char *id = p == cover ? xstrdup("cover-image") : xasprintf("img%zu", i + 1);
		item(x, id, p->name, image_media_type(p->type), p == cover ? "cover-image" : NULL);
		free(id);
	}
	for (size_t i = 0; i < e->nfonts; i++) {
		char *id = xasprintf("font%zu", i + 1);
		/* EPUB 3.3's core media type for TrueType (application/font-sfnt is its old name). */
		item(x, id, e->fonts[i].name, "font/ttf", NULL);
		free(id);
	}
	xml_end(x);
	xml_raw(x, "\n");

	xml_start(x, "spine");
	xml_attr(x, "toc", "ncx");
	if (e->ar->dir == DIR_RTL)
		xml_attr(x, "page-progression-direction", "rtl");
	xml_raw(x, "\n");
	if (cover) {
		xml_start(x, "itemref");
		xml_attr(x, "idref", "cover");
		xml_attr(x, "linear", "no");
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_elem(x, "itemref", "idref", "title", NULL);
	xml_raw(x, "\n");
	xml_elem(x, "itemref", "idref", "nav", NULL);
	xml_raw(x, "\n");
	for (size_t i = 0; i < toc->n; i++) {
		xml_elem(x, "itemref", "idref", ar->articles[toc->order[i]].id, NULL);
		xml_raw(x, "\n");
	}
	if (e->back) {
		xml_elem(x, "itemref", "idref", "back", NULL);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/content.opf");
}
