/* Articles, the title page and the cover page of an EPUB, rendered as XHTML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "date.h"
#include "epub_css.h"
#include "epub_int.h"
#include "l10n.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"

void
epub_xhtml_head(struct xml *x, const char *title, const char *lang, enum dir dir,
                const char *css)
{
	xml_doctype(x, "html");
	xml_start(x, "html");
	xml_attr(x, "xmlns", XHTML_NS);
	xml_attr(x, "xmlns:epub", OPS_NS);
	xml_attr(x, "lang", lang);
	xml_attr(x, "xml:lang", lang);
	if (dir != DIR_AUTO)
		xml_attr(x, "dir", dir == DIR_RTL ? "rtl" : "ltr");
	xml_raw(x, "\n");
	xml_start(x, "head");
	xml_start(x, "meta");
	xml_attr(x, "charset", "utf-8");
	xml_end(x);
	xml_elem(x, "title", NULL, NULL, title);
	xml_start(x, "link");
	xml_attr(x, "rel", "stylesheet");
	xml_attr(x, "type", "text/css");
	xml_attr(x, "href", css);
	xml_end(x);
	xml_end(x);
	xml_raw(x, "\n");
	xml_start(x, "body");
	/* Again on the body: MuPDF (KOReader's PDF engine) takes the paragraphs' direction only from
	 * there, and without it draws a word split by a zero-width non-joiner in the wrong order. */
	if (dir != DIR_AUTO)
		xml_attr(x, "dir", dir == DIR_RTL ? "rtl" : "ltr");
	xml_raw(x, "\n");
}

enum dir
epub_dir(const struct epub *e, const struct article *a)
{
	if (a && a->dir != DIR_AUTO)
		return a->dir;
	return e->ar->dir == DIR_RTL ? DIR_RTL : DIR_AUTO;
}

/* One article being rendered. */
struct page {
	struct epub *e;
	struct xml *x;
	const char *label;      /* the source's path, for messages */
	struct strset ids;      /* the heading ids the body defines: links to others are dropped */
};

/* Writes an image element or, when the photo is unusable, its alt text in a marked span. */
static void
img(struct page *pg, const struct node *n, int block)
{
	struct xml *x = pg->x;
	const struct photo *p = n->url ? epub_photo(pg->e, n->url, n->line, pg->label) : NULL;

	if (p && p->name) {
		char *src = xasprintf("../%s", p->name);
		char w[16], h[16];
		snprintf(w, sizeof(w), "%d", p->width);
		snprintf(h, sizeof(h), "%d", p->height);
		xml_start(x, "img");
		xml_attr(x, "src", src);
		xml_attr(x, "alt", n->text ? n->text : "");
		xml_attr(x, "width", w);
		xml_attr(x, "height", h);
		xml_end(x);
		free(src);
		return;
	}
	pg->e->faces |= EPUB_FACE(EPUB_FAMILY_BODY, 0, 0);
	xml_start(x, block ? "p" : "span");
	xml_attr(x, "class", EPUB_CLASS_MISSING);
	xml_text(x, "[Image");
	if (n->text && *n->text) {
		xml_text(x, ": ");
		xml_text(x, n->text);
	}
	xml_text(x, "]");
	xml_end(x);
}

/* Returns the tag for a model block, or NULL for nodes that are not simple wrappers. */
static const char *
tag_of(const struct node *n, int tight_item_para)
{
	static const char *const h[] = {"h2", "h3", "h4", "h5", "h6", "h6"};

	switch (n->type) {
	case NODE_BODY:
		return NULL;
	case NODE_PARA:
		return tight_item_para ? NULL : "p";
	case NODE_HEADING:
		return h[n->level < 1 ? 0 : n->level > 6 ? 5 : n->level - 1];
	case NODE_QUOTE:
		return "blockquote";
	case NODE_LIST:
		return n->ordered ? "ol" : "ul";
	case NODE_ITEM:
		return "li";
	case NODE_FIGURE:
		return "figure";
	case NODE_CAPTION:
		return "figcaption";
	case NODE_TABLE:
		return "table";
	case NODE_TABLE_ROW:
		return "tr";
	case NODE_TABLE_CELL:
		return n->header ? "th" : "td";
	case NODE_EMPH:
		return "em";
	case NODE_STRONG:
		return "strong";
	case NODE_LINK:
		return "a";
	case NODE_CODE_BLOCK: case NODE_HR: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK:
		return NULL;
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Is n a paragraph directly inside an item of a tight list? */
static int
tight_para(const struct node *n)
{
	return n->type == NODE_PARA && n->parent && n->parent->type == NODE_ITEM &&
	    n->parent->parent && n->parent->parent->tight;
}

/* Does a link get an <a>? Its target must be an exported article, or an anchor in this one. */
static int
link_ok(const struct page *pg, const struct node *n)
{
	if (n->link == LINK_ARTICLE)
		return archive_find(pg->e->ar, n->url, NULL);
	return n->link != LINK_ANCHOR || (n->id && strset_get(&pg->ids, n->id, NULL));
}

/* Returns the element a container node is written as, or NULL when its children stand alone. */
static const char *
elem_tag(const struct page *pg, const struct node *n)
{
	const char *tag = tag_of(n, tight_para(n));

	return tag && n->type == NODE_LINK && !link_ok(pg, n) ? NULL : tag;
}

/* Opens the element for the container node n, if it gets one, with its attributes. */
static void
open_elem(struct page *pg, const struct node *n)
{
	const struct archive *ar = pg->e->ar;
	struct xml *x = pg->x;
	const char *tag = elem_tag(pg, n);
	char num[16];

	if (tag == NULL)
		return;
	xml_start(x, tag);
	switch (n->type) {
	case NODE_HEADING:
		xml_attr(x, "id", n->id);
		break;
	case NODE_LIST:
		if (n->ordered && n->start != 1) {
			snprintf(num, sizeof(num), "%d", n->start);
			xml_attr(x, "start", num);
		}
		break;
	case NODE_LINK:
		if (n->link == LINK_ARTICLE) {
			size_t idx;
			/* The target's id is its file name; fragments inside it are not checked. */
			archive_find(ar, n->url, &idx);
			char *href = xasprintf("%s.xhtml", ar->articles[idx].id);
			xml_attr(x, "href", href);
			free(href);
		} else {
			char *href = url_escape(n->url);
			xml_attr(x, "href", href);
			free(href);
		}
		xml_attr(x, "title", n->title);
		break;
	case NODE_BODY: case NODE_PARA: case NODE_QUOTE: case NODE_ITEM: case NODE_FIGURE:
	case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_TABLE_CELL:
	case NODE_EMPH: case NODE_STRONG:
		break;
	case NODE_CODE_BLOCK: case NODE_HR: case NODE_TEXT: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK: case NODE__COUNT:
	default:
		abort();
	}
}

/* Notes the face the stylesheet sets the text of leaf n in: the family of a heading or of code,
 * bold inside strong, a header cell or a heading, italic inside emphasis or a caption. */
static void
note_face(struct epub *e, const struct node *n)
{
	int fam = n->type == NODE_TEXT ? EPUB_FAMILY_BODY : EPUB_FAMILY_MONO, bold = 0, italic = 0;

	for (const struct node *p = n->parent; p; p = p->parent)
		switch (p->type) {
		case NODE_HEADING:
			if (fam == EPUB_FAMILY_BODY)
				fam = EPUB_FAMILY_HEADING;
			bold = 1;
			break;
		case NODE_STRONG:
			bold = 1;
			break;
		case NODE_TABLE_CELL:
			bold |= p->header;
			break;
		case NODE_EMPH: case NODE_CAPTION:
			italic = 1;
			break;
		case NODE_BODY: case NODE_PARA: case NODE_QUOTE: case NODE_LIST: case NODE_ITEM:
		case NODE_CODE_BLOCK: case NODE_HR: case NODE_FIGURE: case NODE_TABLE:
		case NODE_TABLE_ROW: case NODE_TEXT: case NODE_CODE: case NODE_LINK: case NODE_IMAGE:
		case NODE_SOFTBREAK: case NODE_LINEBREAK:
			break;
		case NODE__COUNT:
		default:
			abort();
		}
	e->faces |= EPUB_FACE(fam, bold, italic);
}

/* Writes a leaf node. */
static void
leaf(struct page *pg, const struct node *n)
{
	struct xml *x = pg->x;

	switch (n->type) {
	case NODE_TEXT:
		note_face(pg->e, n);
		xml_text(x, n->text);
		break;
	case NODE_CODE:
		note_face(pg->e, n);
		xml_elem(x, "code", NULL, NULL, n->text);
		break;
	case NODE_CODE_BLOCK:
		note_face(pg->e, n);
		xml_start(x, "pre");
		xml_start(x, "code");
		{
			/* The final newline is the block's end, not a line of code. */
			size_t len = n->text ? strlen(n->text) : 0;
			char *t = xstrndup(n->text ? n->text : "", len);
			if (len && t[len - 1] == '\n')
				t[len - 1] = '\0';
			xml_text(x, t);
			free(t);
		}
		xml_end(x);
		xml_end(x);
		break;
	case NODE_HR:
		xml_start(x, "hr");
		xml_end(x);
		break;
	case NODE_IMAGE:
		img(pg, n, n->parent && n->parent->type == NODE_FIGURE);
		break;
	case NODE_SOFTBREAK:
		xml_text(x, "\n");
		break;
	case NODE_LINEBREAK:
		xml_start(x, "br");
		xml_end(x);
		break;
	case NODE_BODY: case NODE_PARA: case NODE_HEADING: case NODE_QUOTE: case NODE_LIST:
	case NODE_ITEM: case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE:
	case NODE_TABLE_ROW: case NODE_TABLE_CELL: case NODE_EMPH: case NODE_STRONG:
	case NODE_LINK: case NODE__COUNT:
	default:
		abort();
	}
}

/* Writes a body tree: a container's element is opened when the walk enters it and closed when
 * it leaves; every block is followed by a newline. */
static void
body(struct page *pg, const struct node *root)
{
	struct node_iter it;
	enum node_ev ev;

	node_iter_init(&it, root);
	while ((ev = node_iter_next(&it)) != NODE_EV_DONE) {
		const struct node *n = it.node;
		if (node_is_leaf(n->type))
			leaf(pg, n);
		else if (ev == NODE_EV_ENTER) {
			open_elem(pg, n);
			continue;
		} else if (elem_tag(pg, n))
			xml_end(pg->x);
		/* The body's own end gets a newline only when the body is empty. */
		if (node_is_block(n->type) && (n != root || n->first == NULL))
			xml_raw(pg->x, "\n");
	}
}

/* Collects the ids an article body defines, so that links to missing anchors are dropped. */
static void
collect_ids(struct page *pg, const struct node *root)
{
	for (const struct node *n = root; n; n = node_next(root, n))
		if (n->type == NODE_HEADING && n->id)
			strset_add(&pg->ids, n->id, 0);
}

static int
http_url(const char *s)
{
	return s && (startswith(s, "http://") || startswith(s, "https://"));
}

void
epub_xhtml_article(struct epub *e, const struct article *a, const struct node *root)
{
	char *label = path_join(e->ar->root, a->path), *zname;
	struct xml *x = xml_open();
	struct page pg = {.e = e, .x = x, .label = label};

	if (e->kobo)
		xml_kobo(x);
	collect_ids(&pg, root);
	/* The header: a title in the headings' face, a byline and a caption in italic. */
	e->faces |= EPUB_FACE(EPUB_FAMILY_HEADING, 1, 0) | EPUB_FACE(EPUB_FAMILY_BODY, 0, 0);
	if (a->nauthors || a->image_caption)
		e->faces |= EPUB_FACE(EPUB_FAMILY_BODY, 0, 1);
	epub_xhtml_head(x, a->title, archive_lang(e->ar, a), epub_dir(e, a), "../style.css");
	xml_start(x, "article");
	xml_attr(x, "id", a->id);
	xml_raw(x, "\n");
	xml_start(x, "header");
	xml_attr(x, "class", EPUB_CLASS_ARTICLE);
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, a->title);
	xml_raw(x, "\n");
	const struct l10n *loc = e->st->l10n;
	const char *lang = archive_lang(e->ar, a);
	if (a->nauthors) {
		char *t = l10n_byline(loc, lang, a->authors, a->nauthors);
		xml_elem(x, "p", "class", EPUB_CLASS_BYLINE, t);
		xml_raw(x, "\n");
		free(t);
	}
	if (a->date.year) {
		char iso[11], longd[80];
		date_iso(&a->date, iso);
		l10n_date(loc, lang, &a->date, longd, sizeof(longd));
		xml_start(x, "p");
		xml_attr(x, "class", EPUB_CLASS_DATE);
		xml_start(x, "time");
		xml_attr(x, "datetime", iso);
		/* An English date inside right-to-left text is isolated, or "6" moves to its end. */
		if (a->dir == DIR_RTL && l10n_ltr(longd))
			xml_attr(x, "dir", "ltr");
		xml_text(x, longd);
		xml_end(x);
		xml_end(x);
		xml_raw(x, "\n");
	}
	if (a->source) {
		xml_start(x, "p");
		xml_attr(x, "class", EPUB_CLASS_SOURCE);
		/* The label's text around its %s, and the source in its place. */
		const char *src = l10n_label(loc, lang, L10N_SOURCE), *mark = strstr(src, "%s");
		char *before = xstrndup(src, (size_t)(mark - src));
		xml_text(x, before);
		free(before);
		if (http_url(a->source)) {
			char *href = url_escape(a->source);
			xml_elem(x, "a", "href", href, a->source);
			free(href);
		}
		else
			xml_text(x, a->source);
		if (a->captured.year) {
			char utc[21], longd[80];
			date_iso_utc(&a->captured, utc);
			l10n_date(loc, lang, &a->captured, longd, sizeof(longd));
			xml_text(x, ", captured ");
			xml_start(x, "time");
			xml_attr(x, "datetime", utc);
			xml_text(x, longd);
			xml_end(x);
		}
		if (mark[2])
			xml_text(x, mark + 2);
		xml_end(x);
		xml_raw(x, "\n");
	}
	xml_end(x);
	xml_raw(x, "\n");
	if (a->image) {
		struct node lead = {.type = NODE_IMAGE, .url = a->image,
		    .text = a->image_caption ? a->image_caption : ""};
		struct node fig = {.type = NODE_FIGURE};
		lead.parent = &fig;
		xml_start(x, "figure");
		xml_attr(x, "class", EPUB_CLASS_LEAD);
		img(&pg, &lead, 1);
		if (a->image_caption)
			xml_elem(x, "figcaption", NULL, NULL, a->image_caption);
		xml_end(x);
		xml_raw(x, "\n");
	}
	body(&pg, root);
	xml_end(x);
	xml_raw(x, "\n");
	xml_end(x);
	xml_end(x);
	zname = xasprintf("OEBPS/text/%s.xhtml", a->id);
	epub_store_xml(e, x, zname);
	free(zname);
	strset_free(&pg.ids);
	free(label);
}

void
epub_title_page(struct epub *e)
{
	const struct archive *ar = e->ar;
	char *t;
	struct xml *x = xml_open();

	if (e->kobo)
		xml_kobo(x);
	epub_xhtml_head(x, ar->title, ar->lang, epub_dir(e, NULL), "style.css");
	e->faces |= EPUB_FACE(EPUB_FAMILY_HEADING, 1, 0) | EPUB_FACE(EPUB_FAMILY_BODY, 0, 0);
	xml_start(x, "section");
	xml_attr(x, "class", EPUB_CLASS_TITLEPAGE);
	xml_attr(x, "epub:type", "titlepage");
	xml_raw(x, "\n");
	xml_elem(x, "h1", NULL, NULL, ar->title);
	xml_raw(x, "\n");
	if (ar->subtitle)
		xml_elem(x, "p", "class", EPUB_CLASS_SUBTITLE, ar->subtitle);
	if (ar->nauthors) {
		t = l10n_names(e->st->l10n, ar->lang, ar->authors, ar->nauthors);
		xml_elem(x, "p", "class", EPUB_CLASS_AUTHOR, t);
		free(t);
	}
	if (ar->publisher)
		xml_elem(x, "p", "class", EPUB_CLASS_PUBLISHER, ar->publisher);
	t = toc_snapshot_line(ar, ", ", e->st->l10n);
	xml_elem(x, "p", "class", EPUB_CLASS_SNAPSHOT, t);
	free(t);
	if (ar->description)
		xml_elem(x, "p", "class", EPUB_CLASS_DESCRIPTION, ar->description);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/title.xhtml");
}

void
epub_cover_page(struct epub *e, const struct photo *p, const char *alt)
{
	char *src = xstrdup(p->name);
	struct xml *x = xml_open();

	epub_xhtml_head(x, l10n_label(e->st->l10n, e->ar->lang, L10N_COVER), e->ar->lang,
	    epub_dir(e, NULL), "style.css");
	xml_start(x, "section");
	xml_attr(x, "class", EPUB_CLASS_COVER);
	xml_attr(x, "epub:type", "cover");
	xml_start(x, "img");
	xml_attr(x, "src", src);
	xml_attr(x, "alt", alt);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	xml_end(x);
	epub_store_xml(e, x, "OEBPS/cover.xhtml");
	free(src);
}
