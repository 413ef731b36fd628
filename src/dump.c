/* A plain-text dump of the model: the readers' test oracle and `quire --tree`. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dump.h"

static void
quote(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		if (*s == '\n') {
			buf_puts(out, "\\n");
			continue;
		}
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

static void
field(struct buf *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(out, "%s ", name);
	quote(out, value);
	buf_putc(out, '\n');
}

static void
attr(struct buf *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(out, " %s=", name);
	quote(out, value);
}

static void
node_line(struct buf *out, const struct node *n, int depth)
{
	static const char *const kinds[] = {"external", "article", "anchor"};

	buf_printf(out, "%*s%s", 2 * depth + 2, "", node_type_name(n->type));
	switch (n->type) {
	case NODE_HEADING:
		buf_printf(out, " level=%d", n->level);
		attr(out, "id", n->id);
		break;
	case NODE_LIST:
		buf_printf(out, " %s", n->ordered ? "ordered" : "bullet");
		if (n->ordered)
			buf_printf(out, " start=%d", n->start);
		if (n->tight)
			buf_puts(out, " tight");
		break;
	case NODE_CODE_BLOCK:
		attr(out, "info", n->title);
		attr(out, "text", n->text);
		break;
	case NODE_TABLE_CELL:
		if (n->header)
			buf_puts(out, " header");
		break;
	case NODE_TEXT:
	case NODE_CODE:
		buf_putc(out, ' ');
		quote(out, n->text);
		break;
	case NODE_LINK:
		buf_printf(out, " %s", kinds[n->link]);
		attr(out, "url", n->url);
		attr(out, "id", n->id);
		attr(out, "title", n->title);
		break;
	case NODE_IMAGE:
		attr(out, "url", n->url);
		attr(out, "alt", n->text);
		attr(out, "title", n->title);
		break;
	case NODE_BODY: case NODE_PARA: case NODE_QUOTE: case NODE_ITEM: case NODE_HR:
	case NODE_FIGURE: case NODE_CAPTION: case NODE_TABLE: case NODE_TABLE_ROW:
	case NODE_EMPH: case NODE_STRONG: case NODE_SOFTBREAK: case NODE_LINEBREAK:
		break;
	case NODE__COUNT:
	default:
		abort();
	}
	buf_putc(out, '\n');
}

void
dump_article(struct buf *out, const struct article *a)
{
	static const char *const dirs[] = {"auto", "ltr", "rtl"};
	char iso[11];

	buf_printf(out, "article %s\n", a->path);
	field(out, "title", a->title);
	if (a->date.year) {
		date_iso(&a->date, iso);
		buf_printf(out, "date %s", iso);
		if (a->date.has_time) {
			char utc[21];
			date_iso_utc(&a->date, utc);
			buf_printf(out, " (%s)", utc);
		}
		buf_putc(out, '\n');
	}
	for (size_t i = 0; i < a->nauthors; i++)
		field(out, "author", a->authors[i]);
	field(out, "source", a->source);
	field(out, "section", a->section);
	for (size_t i = 0; i < a->ntags; i++)
		field(out, "tag", a->tags[i]);
	field(out, "lang", a->lang);
	if (a->dir != DIR_AUTO)
		buf_printf(out, "dir %s\n", dirs[a->dir]);
	field(out, "summary", a->summary);
	field(out, "image", a->image);
	field(out, "image_caption", a->image_caption);
	if (a->body == NULL)
		return;
	struct node_iter it;
	int depth = 0;
	node_iter_init(&it, a->body);
	while (node_iter_next(&it) != NODE_EV_DONE) {
		if (it.ev == NODE_EV_EXIT) {
			depth--;
			continue;
		}
		node_line(out, it.node, depth);
		if (!node_is_leaf(it.node->type))
			depth++;
	}
}

/* Is n a block whose text is one line of `quire --text`? */
static int
text_block(const struct node *n)
{
	switch (n->type) {
	case NODE_PARA:
	case NODE_HEADING:
	case NODE_CODE_BLOCK:
	case NODE_CAPTION:
	case NODE_TABLE_ROW:
		return 1;
	case NODE_BODY:
	case NODE_QUOTE:
	case NODE_LIST:
	case NODE_ITEM:
	case NODE_HR:
	case NODE_FIGURE:
	case NODE_TABLE:
	case NODE_TABLE_CELL:
	case NODE_TEXT:
	case NODE_EMPH:
	case NODE_STRONG:
	case NODE_CODE:
	case NODE_LINK:
	case NODE_IMAGE:
	case NODE_SOFTBREAK:
	case NODE_LINEBREAK:
		return 0;
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Appends a list item's label when b is the first block of an item: "- " or "3. ". */
static void
item_label(struct buf *out, const struct node *b)
{
	const struct node *item = b->parent, *list;
	int k = 0;

	if (item == NULL || item->type != NODE_ITEM || item->first != b)
		return;
	list = item->parent;
	if (list == NULL || !list->ordered) {
		buf_puts(out, "- ");
		return;
	}
	for (const struct node *i = list->first; i && i != item; i = i->next)
		k++;
	buf_printf(out, "%d. ", list->start + k);
}

void
dump_text(struct buf *out, const struct article *a)
{
	struct node_iter it;
	const struct node *inside = NULL;

	buf_printf(out, "%s\n\n", a->title ? a->title : "");
	node_iter_init(&it, a->body);
	while (node_iter_next(&it) != NODE_EV_DONE) {
		const struct node *n = it.node;
		if (inside) {
			if (it.ev == NODE_EV_EXIT && n == inside)
				inside = NULL;
			continue;
		}
		if (it.ev != NODE_EV_ENTER)
			continue;
		if (n->type == NODE_IMAGE && n->parent && n->parent->type == NODE_FIGURE) {
			/* A figure without a caption still says what it shows. */
			if (n->next == NULL && n->text && *n->text)
				buf_printf(out, "[%s]\n", n->text);
			continue;
		}
		if (!text_block(n))
			continue;
		item_label(out, n);
		if (n->type == NODE_CODE_BLOCK) {
			const char *t = n->text ? n->text : "";
			size_t len = strlen(t);
			buf_puts(out, t);
			if (len == 0 || t[len - 1] != '\n')
				buf_putc(out, '\n');
			continue;
		}
		if (n->type == NODE_TABLE_ROW) {
			for (const struct node *c = n->first; c; c = c->next) {
				char *t = node_text(c);
				buf_printf(out, "%s%s", c == n->first ? "" : " | ", t);
				free(t);
			}
		} else {
			char *t = node_text(n);
			buf_puts(out, t);
			free(t);
		}
		buf_putc(out, '\n');
		inside = n;
	}
}
