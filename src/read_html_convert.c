/* The HTML reader's converter: the article's element of libxml2's tree into model nodes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "read_html_int.h"

/* The state of the converter: where blocks and inline content go next. */
struct state {
	struct node *flow;      /* the container blocks are appended to */
	struct node *para;      /* the open paragraph-like block, or NULL */
	struct node *inl;       /* where inline content goes inside para */
	int implicit;           /* para was opened for stray text and ends at the next block */
	int depth;              /* model depth of flow */
	int idepth;             /* model depth of inl */
	int table;              /* flow is a table or row of a data table */
	unsigned pgen;          /* the paragraph generation when para was opened */
};

/* A saved state, restored when the element that changed it ends. */
struct frame {
	const xmlNode *el;
	struct state st;
};

/* One conversion from libxml2's tree into model nodes. */
struct conv {
	const struct read_ctx *ctx;
	struct article *a;
	const char *label;
	struct state st;
	struct frame *stack;
	size_t nstack, cap;
	unsigned pgen;          /* counts closed implicit paragraphs */
	int space;              /* a collapsed space waits before the next content */
	int brs;                /* line breaks in a row, for <br><br> paragraph breaks */
	size_t cells, rows;     /* the data table being read: its cells and rows so far */
	int cut;                /* its rows are dropped from here on (READ_MAX_TABLE_CELLS) */
	int warned_depth;       /* the depth cap already reported once */
};

/* Reports, once an article, that el is past the nesting cap and is flattened. */
static void
too_deep(struct conv *c, const xmlNode *el)
{
	if (!c->warned_depth)
		msg_warn(c->label, html_line(el), "elements nested deeper than %d levels; the "
		    "deeper ones are flattened", READ_MAX_DEPTH);
	c->warned_depth = 1;
}

/* ---- Converting to the model ------------------------------------------------------------ */

static void
push(struct conv *c, const xmlNode *el)
{
	if (c->nstack == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->stack = xrealloc(c->stack, c->cap * sizeof(*c->stack));
	}
	c->stack[c->nstack].el = el;
	c->stack[c->nstack].st = c->st;
	c->nstack++;
}

/* Restores the state saved when the element that ends now began. */
static void
pop(struct conv *c)
{
	struct state st = c->stack[--c->nstack].st;

	/* An implicit paragraph that was open then may have been closed by a block inside. */
	if (st.para && st.implicit && st.pgen != c->pgen)
		st.para = st.inl = NULL;
	if (st.para != c->st.para) {
		c->space = 0;
		c->brs = 0;
	}
	c->st = st;
}

/* Ends an implicit paragraph. */
static void
endpara(struct conv *c)
{
	if (c->st.para && c->st.implicit) {
		c->st.para = c->st.inl = NULL;
		c->st.implicit = 0;
		c->pgen++;
		c->space = 0;
		c->brs = 0;
	}
}

/* A block boundary: ends an implicit paragraph, or inside a paragraph-like block (heading,
 * cell, caption) becomes a space. */
static void
brk(struct conv *c)
{
	if (c->st.para == NULL)
		return;
	if (c->st.implicit)
		endpara(c);
	else if (c->st.para->first)
		c->space = 1;
}

/* Returns 1 when the flow may hold blocks other than rows and cells. */
static int
blocky(const struct conv *c)
{
	return c->st.flow->type != NODE_TABLE && c->st.flow->type != NODE_TABLE_ROW;
}

/* Appends a new block to the flow (wrapped in an item inside a list). Returns NULL when the flow
 * is a table or row, where only rows and cells go. */
static struct node *
addblock(struct conv *c, enum node_type type, const xmlNode *el)
{
	struct node *parent = c->st.flow, *n;

	if (!blocky(c))
		return NULL;
	if (parent->type == NODE_LIST)
		parent = node_append(parent, node_new(NODE_ITEM));
	n = node_append(parent, node_new(type));
	n->line = el ? html_line(el) : 0;
	return n;
}

/* Makes sure inline content has a paragraph to go to. Returns 0 when it must be dropped. */
static int
needpara(struct conv *c, const xmlNode *el)
{
	struct node *p;

	if (c->st.para)
		return 1;
	if ((p = addblock(c, NODE_PARA, el)) == NULL)
		return 0;
	c->st.para = c->st.inl = p;
	c->st.implicit = 1;
	c->st.pgen = c->pgen;
	c->st.idepth = c->st.depth + (p->parent == c->st.flow ? 1 : 2);
	c->space = 0;
	c->brs = 0;
	return 1;
}

/* Emits a pending space before new inline content. */
static void
flush(struct conv *c)
{
	if (c->space && c->st.para->first)
		read_add_text(c->st.inl, " ", 1);
	c->space = 0;
	c->brs = 0;
}

/* Adds text, collapsing HTML white space. */
static void
text(struct conv *c, const char *s, const xmlNode *el)
{
	while (*s) {
		if (html_isws(*s)) {
			c->space = 1;
			while (html_isws(*s))
				s++;
			continue;
		}
		const char *e = s;
		while (*e && !html_isws(*e))
			e++;
		if (!needpara(c, el))
			return;
		flush(c);
		read_add_text(c->st.inl, s, (size_t)(e - s));
		s = e;
	}
}

/* Opens an inline container (emphasis, strong, link) as the place for inline content. */
static struct node *
openinline(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	if (c->st.idepth + 1 >= READ_MAX_DEPTH) {
		too_deep(c, el);
		return NULL;
	}
	if (!needpara(c, el))
		return NULL;
	flush(c);
	push(c, el);
	n = node_append(c->st.inl, node_new(type));
	n->line = html_line(el);
	c->st.inl = n;
	c->st.idepth++;
	return n;
}

/* Opens a paragraph-like block (paragraph, heading) for el. Returns NULL when it cannot. */
static struct node *
openpara(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	brk(c);
	if (!blocky(c))
		return NULL;
	push(c, el);
	n = addblock(c, type, el);
	c->st.para = c->st.inl = n;
	c->st.implicit = 0;
	c->st.idepth = c->st.depth + (n->parent == c->st.flow ? 1 : 2);
	c->space = 0;
	c->brs = 0;
	return n;
}

/* Opens a block container (list, item, quote, table, row) as the new flow. */
static struct node *
openflow(struct conv *c, const xmlNode *el, enum node_type type)
{
	struct node *n;

	if (c->st.depth + 4 >= READ_MAX_DEPTH) {
		too_deep(c, el);
		return NULL;
	}
	brk(c);
	if (type == NODE_ITEM && c->st.flow->type == NODE_LIST) {
		push(c, el);
		n = node_append(c->st.flow, node_new(NODE_ITEM));
		n->line = html_line(el);
	} else if (type == NODE_TABLE_ROW && c->st.flow->type == NODE_TABLE) {
		push(c, el);
		n = node_append(c->st.flow, node_new(NODE_TABLE_ROW));
		n->line = html_line(el);
	} else {
		if (type == NODE_ITEM || type == NODE_TABLE_ROW || !blocky(c))
			return NULL;
		push(c, el);
		n = addblock(c, type, el);
	}
	c->st.depth += n->parent == c->st.flow ? 1 : 2;
	c->st.flow = n;
	c->st.para = c->st.inl = NULL;
	c->st.implicit = 0;
	return n;
}

/* Returns the source of an image: src, or a lazy-loading attribute when src is a placeholder. */
static const char *
imgsrc(const xmlNode *el)
{
	static const char *const lazy[] = {"data-src", "data-original", "data-lazy-src",
	    "data-url", "data-hi-res-src", NULL};
	const char *src = html_attr(el, "src");

	if (src && *src && !startswith(src, "data:"))
		return src;
	for (const char *const *l = lazy; *l; l++) {
		const char *v = html_attr(el, *l);
		if (v && *v)
			return v;
	}
	return src;
}

/* Makes a NODE_IMAGE for an <img>, or NULL when there is neither a file nor alt text. */
static struct node *
image(struct conv *c, const xmlNode *el)
{
	struct node *img = node_new(NODE_IMAGE);
	const char *src = imgsrc(el);

	img->line = html_line(el);
	img->text = html_squash(html_attr(el, "alt"));
	img->title = html_squash(html_attr(el, "title"));
	if (src)
		read_image_src(c->ctx, c->a, img, src, img->line);
	if (img->url == NULL && img->text == NULL) {
		node_free(img);
		return NULL;
	}
	return img;
}

/* An <img>: inline inside a paragraph, else a figure of its own. */
static void
inlineimg(struct conv *c, const xmlNode *el)
{
	struct node *img;

	if (c->st.para == NULL && blocky(c)) {
		if ((img = image(c, el)) != NULL) {
			struct node *f = addblock(c, NODE_FIGURE, el);
			node_append(f, img);
		}
		return;
	}
	if (!needpara(c, el) || (img = image(c, el)) == NULL)
		return;
	flush(c);
	node_append(c->st.inl, img);
}

/* Converts a <figure> with images into figures, the caption going with the last one.
 * Returns 0 when it has no image (then it is read as a plain block). */
static int
figure(struct conv *c, xmlNode *fig)
{
	xmlNode *cap = NULL, **imgs = NULL;
	size_t nimgs = 0;
	struct node *last = NULL;
	int up = 0;

	for (xmlNode *n = fig; n; n = html_walk(fig, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE)
			continue;
		if (n != fig && (html_kind(n) == K_DROP || html_kind(n) == K_FIGURE)) {
			up = 1;
			continue;
		}
		if (html_is(n, "img")) {
			imgs = xrealloc(imgs, (nimgs + 1) * sizeof(*imgs));
			imgs[nimgs++] = n;
		} else if (html_is(n, "figcaption") && cap == NULL) {
			cap = n;
			up = 1;
		}
	}
	if (nimgs == 0)
		return 0;
	brk(c);
	for (size_t i = 0; i < nimgs; i++) {
		struct node *img = image(c, imgs[i]);
		if (img == NULL)
			continue;
		last = addblock(c, NODE_FIGURE, imgs[i]);
		if (last == NULL) {
			node_free(img);
			break;
		}
		node_append(last, img);
	}
	free(imgs);
	if (cap && blocky(c)) {
		/* The caption's inline content, read with the caption as the paragraph. */
		struct state saved = c->st;
		struct node *n = node_new(NODE_CAPTION);
		n->line = html_line(cap);
		c->st.para = c->st.inl = n;
		c->st.implicit = 0;
		c->st.idepth = c->st.depth + 2;
		c->space = 0;
		html_convert(c, cap);
		c->st = saved;
		c->space = 0;
		if (n->first == NULL)
			node_free(n);
		else if (last)
			node_append(last, n);
		else {
			/* No image survived: the caption is still text of the article. */
			n->type = NODE_PARA;
			struct node *p = addblock(c, NODE_PARA, cap);
			node_insert_before(p, n);
			node_free(node_unlink(p));
		}
	}
	return 1;
}

/* Returns the text of a <pre> with its white space, line breaks as newlines. Caller frees. */
static char *
pretext(xmlNode *pre)
{
	struct buf b = {0};
	int up = 0;
	char *s;
	size_t n;

	for (xmlNode *p = pre; p; p = html_walk(pre, p, &up)) {
		if (up)
			continue;
		if (p->type == XML_ELEMENT_NODE && p != pre && html_kind(p) == K_DROP) {
			up = 1;
			continue;
		}
		if (html_is(p, "br"))
			buf_putc(&b, '\n');
		else if ((p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE) && p->content)
			buf_puts(&b, (const char *)p->content);
	}
	s = buf_detach(&b);
	n = strlen(s);
	while (n > 0 && html_isws(s[n - 1]))
		n--;
	s[n] = '\0';
	if (n == 0) {
		free(s);
		return NULL;
	}
	/* Drop blank lines at the start; keep the first line's indentation. */
	size_t skip = 0;
	for (size_t i = 0; i < n && html_isws(s[i]); i++)
		if (s[i] == '\n')
			skip = i + 1;
	memmove(s, s + skip, n - skip + 1);
	n -= skip;
	s = xrealloc(s, n + 2);
	s[n] = '\n';
	s[n + 1] = '\0';
	return s;
}

/* Returns the language named by a "language-x" or "lang-x" class of el or its first child. */
static char *
codelang(const xmlNode *el)
{
	for (int i = 0; i < 2 && el; i++) {
		const char *cls = html_attr(el, "class"), *t;
		size_t len;
		while ((t = html_token(&cls, &len)) != NULL) {
			size_t pre = startswith(t, "language-") ? 9 : startswith(t, "lang-") ? 5 : 0;
			if (pre && len > pre)
				return xstrndup(t + pre, len - pre);
		}
		el = el->children;
		while (el && el->type != XML_ELEMENT_NODE)
			el = el->next;
	}
	return NULL;
}

/* A <pre>: a code block, or inline code inside a paragraph. */
static void
pre(struct conv *c, xmlNode *el)
{
	char *s = pretext(el);
	struct node *n;

	if (s == NULL)
		return;
	if (c->st.para == NULL && blocky(c)) {
		n = addblock(c, NODE_CODE_BLOCK, el);
		n->text = s;
		n->title = codelang(el);
		return;
	}
	if (!needpara(c, el)) {
		free(s);
		return;
	}
	flush(c);
	n = node_append(c->st.inl, node_new(NODE_CODE));
	n->text = strsquash(s);
	n->line = html_line(el);
	free(s);
}

/* Inline <code>: its collapsed text as one code span. */
static void
code(struct conv *c, xmlNode *el)
{
	struct buf b = {0};
	struct node *n;

	html_text_of(&b, el);
	if (b.len && b.data[0] == ' ')
		c->space = 1;
	char *s = strsquash(buf_str(&b));
	if (*s && needpara(c, el)) {
		flush(c);
		n = node_append(c->st.inl, node_new(NODE_CODE));
		n->text = s;
		n->line = html_line(el);
		s = NULL;
		if (b.len > 1 && b.data[b.len - 1] == ' ')
			c->space = 1;
	}
	free(s);
	buf_free(&b);
}

/* Returns 1 when a table lays out a page rather than holding data: it nests tables or holds
 * headings, quotes, code or figures, or is a single cell. */
int
html_layout(xmlNode *t)
{
	const char *role = html_attr(t, "role");
	int up = 0, cells = 0, ps = 0;

	if (role && (strcasecmp(role, "presentation") == 0 || strcasecmp(role, "none") == 0))
		return 1;
	for (xmlNode *n = t; n; n = html_walk(t, n, &up)) {
		if (up || n->type != XML_ELEMENT_NODE || n == t)
			continue;
		switch (html_kind(n)) {
		case K_TABLE: case K_H: case K_QUOTE: case K_PRE: case K_FIGURE:
			return 1;
		case K_CELL:
			cells++;
			break;
		case K_P:
			ps++;
			break;
		case K_DROP:
			up = 1;
			break;
		case K_INLINE: case K_BLOCK: case K_LIST: case K_LI: case K_TSECT: case K_TR:
		case K_CAPTION: case K_HR: case K_BR: case K_IMG: case K_EM: case K_STRONG:
		case K_CODE: case K_A:
			break;
		}
	}
	return cells <= 1 || ps > 2 * cells;
}

/* Handles the start of an element or a text node. Returns 1 to skip its children. */
static int
enter(struct conv *c, xmlNode *n)
{
	struct node *m;
	const char *v;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			text(c, (const char *)n->content, n->parent);
		return 1;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 1;
	switch (html_kind(n)) {
	case K_DROP:
		return 1;
	case K_INLINE:
		return 0;
	case K_BLOCK:
		brk(c);
		return 0;
	case K_P:
	case K_H:
		if (c->st.para != NULL && !c->st.implicit) {
			brk(c);
			return 0;
		}
		if ((m = openpara(c, n, html_kind(n) == K_P ? NODE_PARA : NODE_HEADING)) == NULL)
			return 0;
		if (m->type == NODE_HEADING) {
			m->level = n->name[1] - '0';
			m->id = html_squash(html_attr(n, "id"));
		}
		return 0;
	case K_LIST:
		if ((c->st.para == NULL || c->st.implicit) &&
		    (m = openflow(c, n, NODE_LIST)) != NULL) {
			m->ordered = html_is(n, "ol");
			m->tight = 1;
			if (m->ordered && (v = html_attr(n, "start")) != NULL)
				m->start = atoi(v);
			return 0;
		}
		brk(c);
		return 0;
	case K_LI:
		if ((c->st.para == NULL || c->st.implicit) && c->st.flow->type == NODE_LIST &&
		    openflow(c, n, NODE_ITEM) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_QUOTE:
		if ((c->st.para == NULL || c->st.implicit) && openflow(c, n, NODE_QUOTE) != NULL)
			return 0;
		brk(c);
		return 0;
	case K_PRE:
		if (c->st.para && c->st.implicit)
			endpara(c);
		pre(c, n);
		return 1;
	case K_FIGURE:
		if ((c->st.para == NULL || c->st.implicit) && figure(c, n))
			return 1;
		brk(c);
		return 0;
	case K_TABLE:
		if ((c->st.para == NULL || c->st.implicit) && !html_layout(n) &&
		    openflow(c, n, NODE_TABLE) != NULL) {
			c->cells = c->rows = 0;
			c->cut = 0;
			return 0;
		}
		brk(c);
		return 0;
	case K_TSECT:
		return 0;
	case K_TR:
		/* A table past the limit is cut here rather than after it is read whole. */
		if (c->st.flow->type == NODE_TABLE && c->cells >= READ_MAX_TABLE_CELLS) {
			if (!c->cut)
				msg_warn(c->label, html_line(n), "table of more than %d cells cut to "
				    "its first %zu rows", READ_MAX_TABLE_CELLS, c->rows);
			c->cut = 1;
			return 1;
		}
		if (c->st.flow->type == NODE_TABLE && openflow(c, n, NODE_TABLE_ROW) != NULL) {
			c->rows++;
			return 0;
		}
		brk(c);
		return 0;
	case K_CELL:
		if (c->st.flow->type == NODE_TABLE && c->st.para == NULL) {
			/* A cell outside a row gets a row of its own. */
			push(c, n);
			c->st.flow = node_append(c->st.flow, node_new(NODE_TABLE_ROW));
			c->st.depth++;
		}
		if (c->st.flow->type == NODE_TABLE_ROW && c->st.para == NULL &&
		    c->cells >= READ_MAX_TABLE_CELLS) {
			if (!c->cut)
				msg_warn(c->label, html_line(n), "table of more than %d cells cut to "
				    "its first %zu rows", READ_MAX_TABLE_CELLS, c->rows);
			c->cut = 1;
			return 1;
		}
		if (c->st.flow->type == NODE_TABLE_ROW && c->st.para == NULL) {
			c->cells++;
			push(c, n);
			m = node_append(c->st.flow, node_new(NODE_TABLE_CELL));
			m->line = html_line(n);
			m->header = html_is(n, "th");
			c->st.para = c->st.inl = m;
			c->st.implicit = 0;
			c->st.idepth = c->st.depth + 1;
			c->space = 0;
			return 0;
		}
		brk(c);
		return 0;
	case K_CAPTION:
		if (c->st.flow->type == NODE_TABLE && c->st.para == NULL) {
			/* A table's caption becomes a paragraph before it. */
			push(c, n);
			m = node_new(NODE_PARA);
			m->line = html_line(n);
			node_insert_before(c->st.flow, m);
			c->st.para = c->st.inl = m;
			c->st.implicit = 0;
			c->st.idepth = c->st.depth;
			c->space = 0;
			return 0;
		}
		brk(c);
		return 0;
	case K_HR:
		if (c->st.para == NULL || c->st.implicit) {
			endpara(c);
			if (c->st.flow->type != NODE_LIST)
				addblock(c, NODE_HR, n);
		} else
			brk(c);
		return 1;
	case K_BR:
		if (c->st.para == NULL)
			return 1;
		if (c->st.implicit && c->brs > 0) {
			/* Two line breaks in a row end a paragraph in old pages. */
			endpara(c);
			return 1;
		}
		if (c->st.para->first && c->brs == 0)
			node_append(c->st.inl, node_new(NODE_LINEBREAK));
		c->brs++;
		c->space = 0;
		return 1;
	case K_IMG:
		inlineimg(c, n);
		return 1;
	case K_EM:
		openinline(c, n, NODE_EMPH);
		return 0;
	case K_STRONG:
		openinline(c, n, NODE_STRONG);
		return 0;
	case K_CODE:
		code(c, n);
		return 1;
	case K_A:
		if ((v = html_attr(n, "href")) == NULL || *v == '\0')
			return 0;
		for (m = c->st.inl; m && m != c->st.para; m = m->parent)
			if (m->type == NODE_LINK)
				return 0;   /* a link inside a link stays text */
		{
			struct node tmp = {.type = NODE_LINK};
			if (read_link_href(c->ctx, c->a, &tmp, v, html_line(n)) != 0)
				return 0;
			if ((m = openinline(c, n, NODE_LINK)) == NULL) {
				free(tmp.url);
				free(tmp.id);
				return 0;
			}
			m->url = tmp.url;
			m->id = tmp.id;
			m->link = tmp.link;
			m->title = html_squash(html_attr(n, "title"));
		}
		return 0;
	}
	return 0;
}

/* Handles the end of an element whose children were read. */
static void
leave(struct conv *c, xmlNode *n)
{
	if (c->nstack > 0 && c->stack[c->nstack - 1].el == n) {
		while (c->nstack > 0 && c->stack[c->nstack - 1].el == n)
			pop(c);
		return;
	}
	switch (html_kind(n)) {
	case K_BLOCK: case K_P: case K_H: case K_LIST: case K_LI: case K_QUOTE: case K_FIGURE:
	case K_TABLE: case K_TR: case K_CELL: case K_CAPTION:
		brk(c);
		break;
	case K_INLINE: case K_DROP: case K_PRE: case K_TSECT: case K_HR: case K_BR: case K_IMG:
	case K_EM: case K_STRONG: case K_CODE: case K_A:
		break;
	}
}

/* Converts root and everything below it at the current state. */
void
html_convert(struct conv *c, xmlNode *root)
{
	int up = 0;

	for (xmlNode *n = root; n; n = html_walk(root, n, &up)) {
		if (!up) {
			if (enter(c, n) || n->type != XML_ELEMENT_NODE || n->children == NULL) {
				if (n->type == XML_ELEMENT_NODE)
					leave(c, n);
				up = 1;
			}
		} else
			leave(c, n);
	}
}

/* See read_html_int.h. */
struct conv *
html_conv_new(const struct read_ctx *ctx, struct article *a, const char *label)
{
	struct conv *c = xcalloc(1, sizeof(*c));

	c->ctx = ctx;
	c->a = a;
	c->label = label;
	c->st.flow = a->body;
	return c;
}

/* See read_html_int.h. */
void
html_conv_free(struct conv *c)
{
	if (c == NULL)
		return;
	free(c->stack);
	free(c);
}
