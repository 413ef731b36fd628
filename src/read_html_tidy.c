/* The HTML reader's repairs of the model once it is built: empty nodes, blanks, heading levels. */
#include <stdlib.h>
#include <string.h>

#include "read_html_int.h"

/* ---- Tidying the model ------------------------------------------------------------------ */

static struct node *
leftmost(struct node *n)
{
	while (n->first)
		n = n->first;
	return n;
}

static int
container_inline(enum node_type t)
{
	return t == NODE_EMPH || t == NODE_STRONG || t == NODE_LINK;
}

/* Merges adjacent text nodes among n's children, keeping one space at the joint. */
static void
merge(struct node *n)
{
	for (struct node *k = n->first; k && k->next;) {
		struct node *b = k->next;
		if (k->type != NODE_TEXT || b->type != NODE_TEXT) {
			k = b;
			continue;
		}
		size_t la = strlen(k->text);
		const char *t = b->text;
		if (la && k->text[la - 1] == ' ' && *t == ' ')
			t++;
		char *s = xasprintf("%s%s", k->text, t);
		free(k->text);
		k->text = s;
		node_free(node_unlink(b));
	}
}

/* Takes leading (end = 0) or trailing (end = 1) blanks and line breaks off a paragraph-like
 * block's inline content, removing what becomes empty. */
static void
trim(struct node *blk, int end)
{
	for (;;) {
		struct node *k = end ? blk->last : blk->first;
		while (k && container_inline(k->type) && (end ? k->last : k->first))
			k = end ? k->last : k->first;
		if (k == NULL)
			return;
		if (k->type == NODE_LINEBREAK || k->type == NODE_SOFTBREAK ||
		    (container_inline(k->type) && k->first == NULL)) {
			node_free(node_unlink(k));
			continue;
		}
		if (k->type != NODE_TEXT)
			return;
		char *s = k->text;
		size_t n = strlen(s);
		if (end) {
			while (n > 0 && s[n - 1] == ' ')
				s[--n] = '\0';
		} else {
			size_t i = 0;
			while (s[i] == ' ')
				i++;
			memmove(s, s + i, n - i + 1);
			n -= i;
		}
		if (n > 0)
			return;
		node_free(node_unlink(k));
	}
}

/* Repairs one node after its children: drops empty containers, trims paragraphs. */
static void
fixnode(struct node *n)
{
	switch (n->type) {
	case NODE_EMPH: case NODE_STRONG: case NODE_LINK:
		merge(n);
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_PARA: case NODE_HEADING: case NODE_CAPTION: case NODE_TABLE_CELL:
		merge(n);
		trim(n, 0);
		trim(n, 1);
		if (n->first == NULL && n->type != NODE_TABLE_CELL)
			node_free(node_unlink(n));
		break;
	case NODE_LIST:
		n->tight = 1;
		for (struct node *i = n->first; i; i = i->next)
			if (i->first && i->first != i->last)
				n->tight = 0;
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_ITEM: case NODE_QUOTE: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_FIGURE:
		if (n->first == NULL)
			node_free(node_unlink(n));
		break;
	case NODE_TEXT:
		if (n->text == NULL || *n->text == '\0')
			node_free(node_unlink(n));
		break;
	case NODE_BODY: case NODE_CODE_BLOCK: case NODE_HR: case NODE_CODE: case NODE_IMAGE:
	case NODE_SOFTBREAK: case NODE_LINEBREAK:
		break;
	case NODE__COUNT:
	default:
		abort();
	}
}

/* Repairs the whole body bottom-up, then numbers heading levels from 1 without gaps. */
void
html_tidy(struct node *body)
{
	struct node *n = body->first ? leftmost(body->first) : NULL;
	int used[7] = {0}, rank[7] = {0}, r = 0;

	while (n && n != body) {
		struct node *next = n->next ? leftmost(n->next) : n->parent;
		fixnode(n);
		n = next;
	}
	for (n = body; n; n = node_next(body, n))
		if (n->type == NODE_HEADING && n->level >= 1 && n->level <= 6)
			used[n->level] = 1;
	for (int i = 1; i <= 6; i++)
		if (used[i])
			rank[i] = ++r;
	for (n = body; n; n = node_next(body, n))
		if (n->type == NODE_HEADING)
			n->level = n->level >= 1 && n->level <= 6 ? rank[n->level] : 1;
}

/* Drops a heading at the start of the body that repeats the title. */
void
html_droptitle(struct article *a)
{
	struct node *h = a->body->first;
	char *t, *cut;

	if (h == NULL || h->type != NODE_HEADING || a->title == NULL)
		return;
	t = node_text(h);
	cut = html_cut_title(a->title);
	if (read_same_words(t, a->title) || read_same_words(t, cut))
		node_free(node_unlink(h));
	free(t);
	free(cut);
}


/* Returns the node after n's subtree below root, or NULL. */
static struct node *
after(const struct node *root, struct node *n)
{
	while (n && n != root && n->next == NULL)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

/* Returns 1 when s ends with an ellipsis ("..." or U+2026), and sets *n to the length before it
 * and the blanks in front of it. */
static int
ellipsis(const char *s, size_t *n)
{
	size_t k = strlen(s);

	if (k >= 3 && strcmp(s + k - 3, "...") == 0)
		k -= 3;
	else if (k >= 3 && strcmp(s + k - 3, "\xe2\x80\xa6") == 0)
		k -= 3;
	else
		return 0;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	*n = k;
	return 1;
}

/* Paragraphs and captions shorter than this may repeat (a dateline, "Photo: AP"). */
#define DUP_MIN 30
/* How many earlier texts a truncated one is compared with. */
#define DUP_RECENT 64

/* Drops captions, and paragraphs that repeat a caption, when they repeat an earlier one of the
 * body word for word, and paragraphs and captions that are an earlier one cut short with an
 * ellipsis: the copies a page keeps for its slideshow, its teaser or its share box. */
void
html_dedup(struct node *body)
{
	struct strset seen = {0}, caps = {0};
	char *recent[DUP_RECENT] = {0};
	size_t nrecent = 0;

	for (struct node *n = body, *next; n; n = next) {
		next = node_next(body, n);
		if (n->type != NODE_PARA && n->type != NODE_CAPTION)
			continue;
		char *t = node_text(n), *sq = strsquash(t);
		size_t len = strlen(sq), cut;
		int dup = 0;
		free(t);
		if (len >= DUP_MIN) {
			/* Articles may repeat a paragraph (a refrain, a test page's filler), never a
			 * caption: only a caption's copy goes. */
			dup = n->type == NODE_CAPTION ? strset_get(&seen, sq, NULL) :
			    strset_get(&caps, sq, NULL);
			if (!dup && ellipsis(sq, &cut) && cut >= DUP_MIN)
				for (size_t i = 0; i < DUP_RECENT && i < nrecent && !dup; i++)
					dup = strncmp(recent[i], sq, cut) == 0;
		}
		if (dup) {
			next = after(body, n);
			node_free(node_unlink(n));
			free(sq);
			continue;
		}
		if (len >= DUP_MIN) {
			strset_add(&seen, sq, 0);
			if (n->type == NODE_CAPTION)
				strset_add(&caps, sq, 0);
			free(recent[nrecent % DUP_RECENT]);
			recent[nrecent++ % DUP_RECENT] = sq;
		} else
			free(sq);
	}
	for (size_t i = 0; i < DUP_RECENT; i++)
		free(recent[i]);
	strset_free(&seen);
	strset_free(&caps);
}
