/* Model-to-model passes run on every article body after reading: repairs and annotations. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pass.h"
#include "util.h"

/* Returns 1 when n has no text, image or break below it. */
static int
empty(const struct node *n)
{
	for (const struct node *c = n; c; c = node_next(n, c)) {
		if (c->type == NODE_IMAGE || c->type == NODE_HR || c->type == NODE_CODE_BLOCK)
			return 0;
		if ((c->type == NODE_TEXT || c->type == NODE_CODE) && c->text) {
			for (const char *s = c->text; *s; s++)
				if (*s != ' ' && *s != '\t' && *s != '\n')
					return 0;
		}
	}
	return 1;
}

static void
prune(struct node *body)
{
	struct node *n = body;

	while (n) {
		struct node *next = node_next(body, n);
		int drop = 0;
		switch (n->type) {
		case NODE_PARA:
		case NODE_CAPTION:
		case NODE_HEADING:
		case NODE_FIGURE:
		case NODE_QUOTE:
		case NODE_LIST:
			drop = empty(n);
			break;
		case NODE_ITEM: case NODE_BODY: case NODE_CODE_BLOCK: case NODE_HR: case NODE_TABLE:
		case NODE_TABLE_ROW: case NODE_TABLE_CELL: case NODE_TEXT: case NODE_EMPH:
		case NODE_STRONG: case NODE_CODE: case NODE_LINK: case NODE_IMAGE:
		case NODE_SOFTBREAK: case NODE_LINEBREAK:
			break;
		case NODE__COUNT:
		default:
			abort();
		}
		if (drop) {
			/* Continue after the dropped subtree. */
			const struct node *up = n;
			next = NULL;
			while (up && up != body) {
				if (up->next) {
					next = up->next;
					break;
				}
				up = up->parent;
			}
			node_free(n);
		}
		n = next;
	}
}

static void
headings(struct node *body)
{
	struct strset ids = {0};
	int min = 7, prev = 0;

	for (struct node *n = body; n; n = node_next(body, n))
		if (n->type == NODE_HEADING && n->level < min)
			min = n->level;
	for (struct node *n = body; n; n = node_next(body, n)) {
		if (n->type != NODE_HEADING)
			continue;
		int level = n->level - min + 1;
		if (level > prev + 1)
			level = prev + 1;
		if (level < 1)
			level = 1;
		if (level > 6)
			level = 6;
		n->level = prev = level;
		char *text = node_text(n);
		char *slug = slugify(text, 48);
		free(text);
		/* An XML id must not start with a digit. */
		const char *pre = slug[0] >= '0' && slug[0] <= '9' ? "h-" : "";
		char *id = xasprintf("%s%s", pre, slug);
		for (int i = 2; !strset_add(&ids, id, 0); i++) {
			free(id);
			id = xasprintf("%s%s-%d", pre, slug, i);
		}
		free(slug);
		free(n->id);
		n->id = id;
	}
	strset_free(&ids);
}

void
pass_body(struct node *body)
{
	prune(body);
	headings(body);
}

/* Cuts a's title to PASS_MAX_TITLE_CHARS characters. */
static void
limit_title(struct article *a, const char *label)
{
	size_t n = 0, i = 0, len, cut, space = 0;

	if (a->title == NULL)
		return;
	len = strlen(a->title);
	/* i: the byte after the last character kept; space: the last space before it. */
	while (i < len && n < PASS_MAX_TITLE_CHARS) {
		if (a->title[i] == ' ')
			space = i;
		i++;
		while (i < len && ((unsigned char)a->title[i] & 0xc0) == 0x80)
			i++;
		n++;
	}
	if (i == len)
		return;
	cut = space > i / 2 ? space : i;
	while (cut > 0 && a->title[cut - 1] == ' ')
		cut--;
	size_t chars = n;
	for (size_t k = i; k < len; k++)
		if (((unsigned char)a->title[k] & 0xc0) != 0x80)
			chars++;
	msg_warn(label, 0, "title of %zu characters cut to %d", chars, PASS_MAX_TITLE_CHARS);
	a->title = xrealloc(a->title, cut + sizeof("\u2026"));
	memcpy(a->title + cut, "\u2026", sizeof("\u2026"));
}

void
pass_limits(struct article *a, const char *label)
{
	limit_title(a, label);
}
