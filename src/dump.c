/* A plain-text dump of the model: the readers' test oracle and `quire --tree`. */
#include <stdlib.h>

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

static int
depth(const struct node *n)
{
	int d = 0;

	while ((n = n->parent) != NULL)
		d++;
	return d;
}

static void
node_line(struct buf *out, const struct node *n)
{
	static const char *const kinds[] = {"external", "article", "anchor"};

	buf_printf(out, "%*s%s", 2 * depth(n) + 2, "", node_type_name(n->type));
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
	for (const struct node *n = a->body; n; n = node_next(a->body, n))
		node_line(out, n);
}
