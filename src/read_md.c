/* The Markdown reader: front matter plus a CommonMark body (cmark) turned into the model. */
#include <stdlib.h>
#include <string.h>

#define CMARK_NO_SHORT_NAMES 1
#include <cmark.h>
#include <libxml/HTMLparser.h>

#include "msg.h"
#include "read.h"

/* cmark's node enum has alias values (FIRST_BLOCK...) that -Wswitch-enum cannot see through. */
#pragma GCC diagnostic ignored "-Wswitch-enum"

/* State while walking cmark's tree. */
struct walk {
	const struct read_ctx *ctx;
	struct article *a;
	char *label;            /* file name for messages */
	unsigned line0;         /* lines before the body (front matter) */
	struct node *cur;       /* model node receiving children */
	char *made;             /* per cmark depth: 1 when ENTER made a model node */
	size_t nmade, capmade;
	int depth;              /* model block depth */
	int warned_html;        /* inline HTML already reported once */
	int warned_depth;       /* the depth cap already reported once */
};

static unsigned
line_of(const struct walk *w, cmark_node *cn)
{
	int l = cmark_node_get_start_line(cn);

	return l > 0 ? (unsigned)l + w->line0 : 0;
}

/* Collects the plain text of cmark inlines below cn (for alt text). */
static char *
flat(cmark_node *cn)
{
	struct buf b = {0};
	cmark_iter *it = cmark_iter_new(cn);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(&b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	char *s = strsquash(buf_str(&b));
	buf_free(&b);
	return s;
}

/* Returns the text content of an HTML fragment, parsed with libxml2, without script/style. */
static char *
html_text(const char *html)
{
	struct buf b = {0};
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	xmlNodePtr n = doc ? xmlDocGetRootElement(doc) : NULL;

	/* Iterative walk in document order. */
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content)
			buf_puts(&b, (const char *)n->content);
		int skip = n->type == XML_ELEMENT_NODE &&
		    (xmlStrcasecmp(n->name, BAD_CAST "script") == 0 ||
		     xmlStrcasecmp(n->name, BAD_CAST "style") == 0);
		if (n->children && !skip && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			buf_putc(&b, ' ');
		while (n && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
				n = NULL;
		}
		if (n)
			n = n->next;
	}
	if (doc)
		xmlFreeDoc(doc);
	char *s = strsquash(buf_str(&b));
	buf_free(&b);
	return s;
}

/* Is cn a paragraph holding nothing but one image? */
static cmark_node *
lone_image(cmark_node *cn)
{
	cmark_node *c = cmark_node_first_child(cn);

	if (c && c == cmark_node_last_child(cn) && cmark_node_get_type(c) == (cmark_node_type)CMARK_NODE_IMAGE)
		return c;
	return NULL;
}

static void
push(struct walk *w, int made)
{
	if (w->nmade == w->capmade) {
		w->capmade = w->capmade ? w->capmade * 2 : 64;
		w->made = xrealloc(w->made, w->capmade);
	}
	w->made[w->nmade++] = (char)made;
}

/* Opens a model container: appended to cur and made current, unless nesting is too deep.
 * Past the cap the content is flattened into the deepest container kept, which is never a
 * list (a list is kept only when its items can be, an item only inside a list kept), so that
 * paragraphs never land directly in a list. The first block flattened is reported, at line. */
static struct node *
open_node(struct walk *w, enum node_type type, int block, unsigned line)
{
	if (block && (w->depth >= READ_MAX_DEPTH ||
	    (type == NODE_LIST && w->depth + 1 >= READ_MAX_DEPTH) ||
	    (type == NODE_ITEM && w->cur->type != NODE_LIST))) {
		if (!w->warned_depth)
			msg_warn(w->label, line, "quotes and lists nested deeper than %d levels; "
			    "the deeper ones are flattened", READ_MAX_DEPTH);
		w->warned_depth = 1;
		push(w, 0);
		return NULL;
	}
	struct node *n = node_append(w->cur, node_new(type));
	w->cur = n;
	w->depth += block;
	push(w, 1 + block);
	return n;
}

static void
close_node(struct walk *w)
{
	if (w->nmade == 0)
		return;
	char made = w->made[--w->nmade];
	if (made) {
		w->cur = w->cur->parent;
		w->depth -= made - 1;
	}
}

/* Makes a model image from a cmark image node; its children (alt text) are not visited. */
static struct node *
image(struct walk *w, struct node *parent, cmark_node *cn)
{
	struct node *img = node_append(parent, node_new(NODE_IMAGE));
	const char *title = cmark_node_get_title(cn);

	img->text = flat(cn);
	img->line = line_of(w, cn);
	if (img->line == 0 && cmark_node_parent(cn))
		img->line = line_of(w, cmark_node_parent(cn));
	if (title && *title)
		img->title = xstrdup(title);
	read_image_src(w->ctx, w->a, img, cmark_node_get_url(cn), line_of(w, cn));
	return img;
}

static void
enter(struct walk *w, cmark_iter *it, cmark_node *cn)
{
	struct node *n;
	cmark_node *img;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_DOCUMENT:
		push(w, 0);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		open_node(w, NODE_QUOTE, 1, line_of(w, cn));
		break;
	case CMARK_NODE_LIST:
		if ((n = open_node(w, NODE_LIST, 1, line_of(w, cn))) != NULL) {
			n->ordered = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
			n->start = n->ordered ? cmark_node_get_list_start(cn) : 1;
			n->tight = cmark_node_get_list_tight(cn);
		}
		break;
	case CMARK_NODE_ITEM:
		open_node(w, NODE_ITEM, 1, line_of(w, cn));
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *info = cmark_node_get_fence_info(cn);
		n = node_append(w->cur, node_new(NODE_CODE_BLOCK));
		n->text = xstrdup(cmark_node_get_literal(cn));
		n->line = line_of(w, cn);
		if (info && *info)
			n->title = strsquash(info);
		break;
	}
	case CMARK_NODE_HTML_BLOCK: {
		char *text = html_text(cmark_node_get_literal(cn));
		msg_warn(w->label, line_of(w, cn), "raw HTML block dropped%s",
		    *text ? ", text kept" : "");
		if (*text) {
			n = node_append(w->cur, node_new(NODE_PARA));
			n->line = line_of(w, cn);
			read_add_text(n, text, strlen(text));
		}
		free(text);
		break;
	}
	case CMARK_NODE_PARAGRAPH:
		if ((img = lone_image(cn)) != NULL) {
			struct node *fig = node_append(w->cur, node_new(NODE_FIGURE));
			struct node *im = image(w, fig, img);
			const char *cap = im->title ? im->title : im->text;
			fig->line = line_of(w, cn);
			if (cap && *cap) {
				struct node *c = node_append(fig, node_new(NODE_CAPTION));
				read_add_text(c, cap, strlen(cap));
			}
			/* Skip the paragraph's contents: resume at its exit. */
			cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			break;
		}
		if ((n = open_node(w, NODE_PARA, 0, line_of(w, cn))) != NULL)
			n->line = line_of(w, cn);
		break;
	case CMARK_NODE_HEADING:
		if ((n = open_node(w, NODE_HEADING, 0, line_of(w, cn))) != NULL) {
			n->level = cmark_node_get_heading_level(cn);
			n->line = line_of(w, cn);
		}
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		node_append(w->cur, node_new(NODE_HR));
		break;
	case CMARK_NODE_TEXT: {
		const char *s = cmark_node_get_literal(cn);
		read_add_text(w->cur, s, strlen(s));
		break;
	}
	case CMARK_NODE_SOFTBREAK:
		node_append(w->cur, node_new(NODE_SOFTBREAK));
		break;
	case CMARK_NODE_LINEBREAK:
		node_append(w->cur, node_new(NODE_LINEBREAK));
		break;
	case CMARK_NODE_CODE:
		n = node_append(w->cur, node_new(NODE_CODE));
		n->text = xstrdup(cmark_node_get_literal(cn));
		break;
	case CMARK_NODE_HTML_INLINE:
		if (!w->warned_html)
			msg_warn(w->label, line_of(w, cn), "raw HTML tags dropped, text kept");
		w->warned_html = 1;
		break;
	case CMARK_NODE_EMPH:
		open_node(w, NODE_EMPH, 0, line_of(w, cn));
		break;
	case CMARK_NODE_STRONG:
		open_node(w, NODE_STRONG, 0, line_of(w, cn));
		break;
	case CMARK_NODE_LINK: {
		struct node tmp = {.type = NODE_LINK};
		const char *title = cmark_node_get_title(cn);
		unsigned line = line_of(w, cn);
		if (line == 0 && cmark_node_parent(cn))
			line = line_of(w, cmark_node_parent(cn));
		if (read_link_href(w->ctx, w->a, &tmp, cmark_node_get_url(cn), line) != 0) {
			push(w, 0);
			break;
		}
		n = open_node(w, NODE_LINK, 0, line_of(w, cn));
		n->url = tmp.url;
		n->id = tmp.id;
		n->link = tmp.link;
		if (title && *title)
			n->title = xstrdup(title);
		break;
	}
	case CMARK_NODE_IMAGE:
		image(w, w->cur, cn);
		push(w, 0);
		cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
	case CMARK_NODE_NONE:
	default:
		push(w, 0);
		break;
	}
}

/* Does a cmark node type get an EXIT event? Leaves do not. */
static int
container(cmark_node *cn)
{
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 0;
	default:
		return 1;
	}
}

/* Takes the first level-1 heading out of the body as the title. */
static void
title_from_heading(struct article *a)
{
	for (struct node *n = a->body->first; n; n = n->next) {
		if (n->type != NODE_HEADING || n->level != 1)
			continue;
		char *t = node_text(n);
		char *s = strsquash(t);
		free(t);
		if (*s == '\0') {
			free(s);
			continue;
		}
		a->title = s;
		node_free(n);
		return;
	}
}

int
read_md(const struct read_ctx *ctx, struct article *a, const char *text, size_t len)
{
	struct walk w = {0};
	unsigned body_line;
	size_t off = read_front_matter(ctx, a, text, len, &body_line);
	cmark_node *doc = cmark_parse_document(text + off, len - off, CMARK_OPT_SMART);
	cmark_iter *it;
	cmark_event_type ev;

	if (doc == NULL)
		return -1;
	w.ctx = ctx;
	w.a = a;
	w.label = read_label(ctx, a);
	w.line0 = body_line - 1;
	a->body = node_new(NODE_BODY);
	w.cur = a->body;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER) {
			enter(&w, it, cn);
			/* Leaves and skipped containers get no EXIT: balance the stack now. */
			if (!container(cn))
				push(&w, 0), close_node(&w);
			else if (cmark_iter_get_event_type(it) == CMARK_EVENT_EXIT)
				close_node(&w);
		} else if (ev == CMARK_EVENT_EXIT)
			close_node(&w);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (a->title == NULL)
		title_from_heading(a);
	free(w.made);
	free(w.label);
	return 0;
}
