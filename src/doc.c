/* The document model: node trees and the structs that own article and archive metadata. */
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "bodystore.h"
#include "doc.h"
#include "util.h"

struct node *
node_new(enum node_type type)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->start = 1;
	return n;
}

struct node *
node_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return child;
}

struct node *
node_insert_before(struct node *sibling, struct node *child)
{
	struct node *parent = sibling->parent;

	child->parent = parent;
	child->next = sibling;
	child->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = child;
	else
		parent->first = child;
	sibling->prev = child;
	return child;
}

struct node *
node_unlink(struct node *n)
{
	if (n->parent) {
		if (n->prev)
			n->prev->next = n->next;
		else
			n->parent->first = n->next;
		if (n->next)
			n->next->prev = n->prev;
		else
			n->parent->last = n->prev;
	}
	n->parent = n->prev = n->next = NULL;
	return n;
}

void
node_free(struct node *n)
{
	/* Iterative: descend to a leaf, free it, continue with its sibling or parent. */
	struct node *stop = n ? n->parent : NULL;

	if (n)
		node_unlink(n);
	while (n) {
		if (n->first) {
			n = n->first;
			continue;
		}
		struct node *up = n->parent;
		if (up) {
			up->first = n->next;
			if (up->first)
				up->first->prev = NULL;
			else
				up->last = NULL;
		}
		free(n->text);
		free(n->url);
		free(n->title);
		free(n->id);
		free(n);
		n = up;
		if (n == stop)
			break;
	}
}

int
node_is_block(enum node_type type)
{
	return type < NODE_TEXT;
}

const char *
node_type_name(enum node_type type)
{
	static const char *const names[NODE__COUNT] = {
		[NODE_BODY] = "body", [NODE_PARA] = "para", [NODE_HEADING] = "heading",
		[NODE_QUOTE] = "quote", [NODE_LIST] = "list", [NODE_ITEM] = "item",
		[NODE_CODE_BLOCK] = "code_block", [NODE_HR] = "hr", [NODE_FIGURE] = "figure",
		[NODE_CAPTION] = "caption", [NODE_TABLE] = "table", [NODE_TABLE_ROW] = "row",
		[NODE_TABLE_CELL] = "cell", [NODE_TEXT] = "text", [NODE_EMPH] = "emph",
		[NODE_STRONG] = "strong", [NODE_CODE] = "code", [NODE_LINK] = "link",
		[NODE_IMAGE] = "image", [NODE_SOFTBREAK] = "softbreak",
		[NODE_LINEBREAK] = "linebreak",
	};
	return type < NODE__COUNT ? names[type] : "?";
}

struct node *
node_next(const struct node *root, const struct node *n)
{
	if (n->first)
		return n->first;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

int
node_is_leaf(enum node_type type)
{
	switch (type) {
	case NODE_CODE_BLOCK:
	case NODE_HR:
	case NODE_TEXT:
	case NODE_CODE:
	case NODE_IMAGE:
	case NODE_SOFTBREAK:
	case NODE_LINEBREAK:
		return 1;
	case NODE_BODY:
	case NODE_PARA:
	case NODE_HEADING:
	case NODE_QUOTE:
	case NODE_LIST:
	case NODE_ITEM:
	case NODE_FIGURE:
	case NODE_CAPTION:
	case NODE_TABLE:
	case NODE_TABLE_ROW:
	case NODE_TABLE_CELL:
	case NODE_EMPH:
	case NODE_STRONG:
	case NODE_LINK:
		return 0;
	case NODE__COUNT:
	default:
		abort();
	}
}

void
node_iter_init(struct node_iter *it, const struct node *root)
{
	it->root = root;
	it->node = NULL;
	it->ev = NODE_EV_DONE;
}

enum node_ev
node_iter_next(struct node_iter *it)
{
	const struct node *n = it->node;

	if (it->root == NULL)
		return it->ev = NODE_EV_DONE;
	if (n == NULL) {
		/* The first event. */
		it->node = it->root;
		return it->ev = NODE_EV_ENTER;
	}
	if (it->ev == NODE_EV_DONE)
		return NODE_EV_DONE;
	if (it->ev == NODE_EV_ENTER && !node_is_leaf(n->type)) {
		if (n->first) {
			it->node = n->first;
			return it->ev = NODE_EV_ENTER;
		}
		/* An empty container is left at once. */
		return it->ev = NODE_EV_EXIT;
	}
	/* n is done: a leaf entered, or a container exited. */
	if (n == it->root) {
		it->root = NULL;
		return it->ev = NODE_EV_DONE;
	}
	if (n->next) {
		it->node = n->next;
		return it->ev = NODE_EV_ENTER;
	}
	it->node = n->parent;
	return it->ev = NODE_EV_EXIT;
}

char *
node_text(const struct node *root)
{
	struct buf b = {0};

	for (const struct node *n = root; n; n = node_next(root, n)) {
		switch (n->type) {
		case NODE_TEXT:
		case NODE_CODE:
		case NODE_CODE_BLOCK:
		case NODE_IMAGE:
			if (n->text)
				buf_puts(&b, n->text);
			break;
		case NODE_SOFTBREAK:
		case NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		case NODE_PARA:
		case NODE_HEADING:
		case NODE_ITEM:
		case NODE_CAPTION:
		case NODE_TABLE_CELL:
			if (b.len && n != root)
				buf_putc(&b, ' ');
			break;
		case NODE_BODY: case NODE_QUOTE: case NODE_LIST: case NODE_HR: case NODE_FIGURE:
		case NODE_TABLE: case NODE_TABLE_ROW: case NODE_EMPH: case NODE_STRONG:
		case NODE_LINK:
			break;
		case NODE__COUNT:
		default:
			abort();
		}
	}
	return buf_detach(&b);
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
article_clear(struct article *a)
{
	free(a->path);
	free(a->title);
	free_list(a->authors, a->nauthors);
	free(a->source);
	free(a->digest);
	free(a->section);
	free_list(a->tags, a->ntags);
	free(a->lang);
	free(a->summary);
	free(a->image);
	free(a->image_caption);
	free(a->id);
	free_list(a->photos, a->nphotos);
	node_free(a->body);
	memset(a, 0, sizeof(*a));
}

void
archive_clear(struct archive *ar)
{
	if (ar == NULL)
		return;
	free(ar->root);
	free(ar->title);
	free(ar->subtitle);
	free_list(ar->authors, ar->nauthors);
	free(ar->publisher);
	free(ar->lang);
	free(ar->description);
	free(ar->cover);
	free(ar->cover_article);
	free(ar->identifier);
	if (ar->paths) {
		strset_free(ar->paths);
		free(ar->paths);
	}
	for (size_t i = 0; i < ar->narticles; i++)
		article_clear(&ar->articles[i]);
	free(ar->articles);
	bodystore_free(ar->bodies);
	free_list(ar->photos, ar->nphotos);
	archive_digests_free(ar);
	free(ar->chars);
	memset(ar, 0, sizeof(*ar));
}

int
archive_find(const struct archive *ar, const char *path, size_t *idx)
{
	return ar->paths != NULL && strset_get(ar->paths, path, idx);
}

const char *
archive_lang(const struct archive *ar, const struct article *a)
{
	if (a && a->lang)
		return a->lang;
	return ar->lang ? ar->lang : "en";
}

int
archive_range(const struct archive *ar, struct date *from, struct date *to)
{
	if (ar->since.year == 0 && ar->until.year == 0)
		return 0;
	memset(from, 0, sizeof(*from));
	memset(to, 0, sizeof(*to));
	*from = ar->since;
	*to = ar->until;
	if (from->year == 0 && ar->narticles)
		*from = ar->articles[0].date;
	for (size_t i = ar->narticles; to->year == 0 && i-- > 0;)
		*to = ar->articles[i].date;
	return from->year != 0;
}

size_t
archive_count(const struct archive *ar)
{
	return ar->narticles - ar->nextra;
}
