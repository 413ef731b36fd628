/* The EPUB's contents: the nav document (EPUB 3) and the NCX (EPUB 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub_int.h"
#include "l10n.h"

/* Writes the link to article a, marked with its language and direction where they are not the
 * contents' own. */
static void
entry(const struct epub *e, struct xml *x, const struct article *a, const char *href)
{
	const char *lang = archive_lang(e->ar, a);
	enum dir d = epub_dir(e, a), book = epub_dir(e, NULL);

	xml_start(x, "a");
	xml_attr(x, "href", href);
	if (strcmp(lang, e->ar->lang) != 0) {
		xml_attr(x, "lang", lang);
		xml_attr(x, "xml:lang", lang);
	}
	if (d != book)
		xml_attr(x, "dir", d == DIR_RTL ? "rtl" : "ltr");
	xml_text(x, a->title);
	xml_end(x);
}

void
epub_nav(struct epub *e)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	struct xml *x = xml_open();
	const char *contents = l10n_label(e->st->l10n, ar->lang, L10N_CONTENTS);

	epub_xhtml_head(x, contents, ar->lang, epub_dir(e, NULL), "style.css");
	e->faces |= EPUB_FACE(EPUB_FAMILY_HEADING, 1, 0) | EPUB_FACE(EPUB_FAMILY_BODY, 0, 0);
	xml_start(x, "nav");
	xml_attr(x, "epub:type", "toc");
	xml_attr(x, "role", "doc-toc");
	xml_attr(x, "id", "toc");
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, contents);
	xml_start(x, "ol");
	xml_raw(x, "\n");
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			xml_start(x, "li");
			xml_elem(x, "span", NULL, NULL, grp->label);
			xml_start(x, "ol");
			xml_raw(x, "\n");
		}
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const struct article *a = &ar->articles[toc->order[i]];
			char *href = xasprintf("text/%s.xhtml", a->id);
			xml_start(x, "li");
			entry(e, x, a, href);
			xml_end(x);
			xml_raw(x, "\n");
			free(href);
		}
		if (grp->label) {
			xml_end(x);
			xml_end(x);
			xml_raw(x, "\n");
		}
	}
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	/* Landmarks let reading systems find the start of the text and the contents. */
	xml_start(x, "nav");
	xml_attr(x, "epub:type", "landmarks");
	xml_attr(x, "hidden", "hidden");
	xml_start(x, "ol");
	xml_start(x, "li");
	xml_start(x, "a");
	xml_attr(x, "epub:type", "toc");
	xml_attr(x, "href", "nav.xhtml#toc");
	xml_text(x, contents);
	xml_end(x);
	xml_end(x);
	if (ar->narticles) {
		char *href = xasprintf("text/%s.xhtml", ar->articles[toc->order[0]].id);
		xml_start(x, "li");
		xml_start(x, "a");
		xml_attr(x, "epub:type", "bodymatter");
		xml_attr(x, "href", href);
		xml_text(x, l10n_label(e->st->l10n, ar->lang, L10N_START));
		xml_end(x);
		xml_end(x);
		free(href);
	}
	xml_end(x);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/nav.xhtml");
}

/* Opens an NCX navPoint with its label and target; the caller closes it after any children. */
static void
ncx_point(struct xml *x, const char *id, unsigned order, const char *label, const char *src)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", order);
	xml_start(x, "navPoint");
	xml_attr(x, "id", id);
	xml_attr(x, "playOrder", num);
	xml_start(x, "navLabel");
	xml_elem(x, "text", NULL, NULL, label);
	xml_end(x);
	xml_start(x, "content");
	xml_attr(x, "src", src);
	xml_end(x);
}

void
epub_ncx(struct epub *e)
{
	const struct archive *ar = e->ar;
	const struct toc *toc = e->toc;
	struct xml *x = xml_open();
	unsigned order = 1;

	xml_start(x, "ncx");
	xml_attr(x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	xml_attr(x, "version", "2005-1");
	xml_attr(x, "xml:lang", ar->lang);
	xml_raw(x, "\n");
	xml_start(x, "head");
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:uid");
	xml_attr(x, "content", ar->identifier);
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:depth");
	xml_attr(x, "content", toc->ngroups && toc->groups[0].label ? "2" : "1");
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:totalPageCount");
	xml_attr(x, "content", "0");
	xml_end(x);
	xml_start(x, "meta");
	xml_attr(x, "name", "dtb:maxPageNumber");
	xml_attr(x, "content", "0");
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "docTitle");
	xml_elem(x, "text", NULL, NULL, ar->title);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "navMap");
	xml_raw(x, "\n");
	ncx_point(x, "np-title", order++, ar->title, "title.xhtml");
	xml_end(x);
	xml_raw(x, "\n");
	for (size_t g = 0; g < toc->ngroups; g++) {
		const struct toc_group *grp = &toc->groups[g];
		if (grp->label) {
			char *id = xasprintf("np-g%zu", g + 1);
			char *src = xasprintf("text/%s.xhtml",
			    ar->articles[toc->order[grp->first]].id);
			/* The group and its first article point at the same file: one playOrder. */
			ncx_point(x, id, order, grp->label, src);
			xml_raw(x, "\n");
			free(id);
			free(src);
		}
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const struct article *a = &ar->articles[toc->order[i]];
			char *id = xasprintf("np-%s", a->id);
			char *src = xasprintf("text/%s.xhtml", a->id);
			ncx_point(x, id, order++, a->title, src);
			xml_end(x);
			xml_raw(x, "\n");
			free(id);
			free(src);
		}
		if (grp->label) {
			xml_end(x);
			xml_raw(x, "\n");
		}
	}
	xml_end(x);
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/toc.ncx");
}
