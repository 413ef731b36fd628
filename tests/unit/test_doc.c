/* Unit tests for the model: building, walking, text and freeing trees, and the passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bodystore.h"
#include "doc.h"
#include "dump.h"
#include "pass.h"
#include "toc.h"
#include "util.h"

static struct node *
text(struct node *parent, const char *s)
{
	struct node *t = node_append(parent, node_new(NODE_TEXT));
	t->text = xstrdup(s);
	return t;
}

static void
build_walk_free(void **state)
{
	struct node *body = node_new(NODE_BODY);
	struct node *p = node_append(body, node_new(NODE_PARA));
	text(p, "one ");
	struct node *em = node_append(p, node_new(NODE_EMPH));
	text(em, "two");
	node_append(p, node_new(NODE_SOFTBREAK));
	text(p, "three");
	struct node *h = node_insert_before(p, node_new(NODE_HEADING));
	h->level = 1;
	text(h, "Head");
	char *s = node_text(body);
	assert_string_equal(s, "Head one two three");
	free(s);
	int count = 0;
	for (struct node *n = body; n; n = node_next(body, n))
		count++;
	assert_int_equal(count, 9);
	node_free(node_unlink(em));
	s = node_text(p);
	assert_string_equal(s, "one  three");
	free(s);
	node_free(body);
}

/* Writes the ENTER/EXIT events of a walk as a string: "+para +text -para". */
static char *
events(const struct node *root)
{
	struct node_iter it;
	struct buf b = {0};

	node_iter_init(&it, root);
	while (node_iter_next(&it) != NODE_EV_DONE)
		buf_printf(&b, "%s%c%s", b.len ? " " : "", it.ev == NODE_EV_ENTER ? '+' : '-',
		    node_type_name(it.node->type));
	return buf_detach(&b);
}

static void
iterator(void **state)
{
	struct node *body = node_new(NODE_BODY);
	struct node *p = node_append(body, node_new(NODE_PARA));
	text(p, "one");
	struct node *em = node_append(p, node_new(NODE_EMPH));
	text(em, "two");
	node_append(body, node_new(NODE_HR));
	node_append(body, node_new(NODE_QUOTE));
	char *s = events(body);
	/* Leaves are entered only; an empty container is entered and left. */
	assert_string_equal(s, "+body +para +text +emph +text -emph -para +hr +quote -quote -body");
	free(s);
	/* A walk of a subtree stays inside it. */
	s = events(em);
	assert_string_equal(s, "+emph +text -emph");
	free(s);
	s = events(em->first);
	assert_string_equal(s, "+text");
	free(s);
	s = events(NULL);
	assert_string_equal(s, "");
	free(s);
	node_free(body);
	/* Deep trees are walked without recursion. */
	struct node *deep = node_new(NODE_BODY), *cur = deep;
	for (int i = 0; i < 100000; i++)
		cur = node_append(cur, node_new(NODE_QUOTE));
	struct node_iter it;
	size_t enters = 0, exits = 0;
	node_iter_init(&it, deep);
	while (node_iter_next(&it) != NODE_EV_DONE)
		enters += it.ev == NODE_EV_ENTER, exits += it.ev == NODE_EV_EXIT;
	assert_int_equal(enters, 100001);
	assert_int_equal(exits, 100001);
	node_free(deep);
}

/* A body with every field set, for the store's round trip. */
static struct node *
rich_body(void)
{
	struct node *body = node_new(NODE_BODY);
	struct node *h = node_append(body, node_new(NODE_HEADING));
	h->level = 2;
	h->id = xstrdup("a-b");
	h->line = 7;
	text(h, "Ünïcode \"quoted\"\nline");
	struct node *l = node_append(body, node_new(NODE_LIST));
	l->ordered = 1;
	l->start = -3;
	l->tight = 1;
	struct node *item = node_append(l, node_new(NODE_ITEM));
	struct node *p = node_append(item, node_new(NODE_PARA));
	struct node *a = node_append(p, node_new(NODE_LINK));
	a->link = LINK_ARTICLE;
	a->url = xstrdup("news/x.md");
	a->id = xstrdup("frag");
	a->title = xstrdup("");
	text(a, "link");
	struct node *img = node_append(p, node_new(NODE_IMAGE));
	img->text = xstrdup("alt");
	node_append(body, node_new(NODE_PARA));
	struct node *t = node_append(body, node_new(NODE_TABLE));
	struct node *row = node_append(t, node_new(NODE_TABLE_ROW));
	struct node *cell = node_append(row, node_new(NODE_TABLE_CELL));
	cell->header = 1;
	text(cell, "h");
	struct node *code = node_append(body, node_new(NODE_CODE_BLOCK));
	code->text = xstrdup("x\n\ty\n");
	code->title = xstrdup("c");
	code->line = 4000000000u;
	return body;
}

static char *
dump(struct node *body)
{
	struct article a = {.path = "x.md", .body = body};
	struct buf b = {0};

	dump_article(&b, &a);
	return buf_detach(&b);
}

static void
store_round_trip(void **state)
{
	struct bodystore *s = bodystore_new();
	struct node *one = rich_body(), *two = node_new(NODE_BODY);
	uint64_t off1, len1, off2, len2;

	assert_non_null(s);
	assert_int_equal(bodystore_put(s, one, &off1, &len1), 0);
	assert_int_equal(bodystore_put(s, two, &off2, &len2), 0);
	assert_int_equal(off2, off1 + len1);
	/* Read back in the other order, as writers do. */
	struct node *back2 = bodystore_get(s, off2, len2);
	struct node *back1 = bodystore_get(s, off1, len1);
	char *d1 = dump(one), *e1 = dump(back1), *d2 = dump(two), *e2 = dump(back2);
	assert_string_equal(d1, e1);
	assert_string_equal(d2, e2);
	assert_ptr_equal(back1->first->first == NULL ? NULL : back1->first->first->parent,
	    back1->first);
	/* A cut record is an error; a shifted one need not be noticed, but must not crash. */
	assert_null(bodystore_get(s, off1, len1 - 1));
	for (uint64_t k = 1; k < len1; k++)
		node_free(bodystore_get(s, off1 + k, len1 - k));
	free(d1), free(e1), free(d2), free(e2);
	node_free(one), node_free(two), node_free(back1), node_free(back2);
	bodystore_free(s);
}

static void
deep_tree(void **state)
{
	/* A million levels: freeing and walking must not recurse. */
	struct node *body = node_new(NODE_BODY), *cur = body;
	for (int i = 0; i < 1000000; i++)
		cur = node_append(cur, node_new(NODE_QUOTE));
	text(cur, "deep");
	char *s = node_text(body);
	assert_string_equal(s, "deep");
	free(s);
	node_free(body);
}

static void
passes(void **state)
{
	struct node *body = node_new(NODE_BODY);
	struct node *h1 = node_append(body, node_new(NODE_HEADING));
	h1->level = 2;
	text(h1, "Same");
	struct node *h2 = node_append(body, node_new(NODE_HEADING));
	h2->level = 5;
	text(h2, "Same");
	struct node *empty = node_append(body, node_new(NODE_PARA));
	text(empty, "  \n ");
	struct node *h3 = node_append(body, node_new(NODE_HEADING));
	h3->level = 2;
	text(h3, "2024 plans");
	pass_body(body);
	assert_int_equal(h1->level, 1);
	assert_int_equal(h2->level, 2);
	assert_string_equal(h1->id, "same");
	assert_string_equal(h2->id, "same-2");
	assert_string_equal(h3->id, "h-2024-plans");
	assert_ptr_equal(h2->next, h3);
	node_free(body);
}

static void
toc_groups(void **state)
{
	struct article arts[3] = {0};
	struct archive ar = {0};
	struct toc t;

	arts[0].date = (struct date){.year = 2024, .month = 3, .day = 1};
	arts[0].section = "city";
	arts[1].date = (struct date){.year = 2024, .month = 3, .day = 9};
	arts[1].section = "arts";
	arts[2].date = (struct date){.year = 2024, .month = 4, .day = 2};
	arts[2].section = "city";
	ar.articles = arts;
	ar.narticles = 3;
	toc_build(&t, &ar, GROUP_MONTH, NULL);
	assert_int_equal(t.ngroups, 2);
	assert_string_equal(t.groups[0].label, "March 2024");
	assert_int_equal(t.groups[0].count, 2);
	toc_free(&t);
	toc_build(&t, &ar, GROUP_SECTION, NULL);
	assert_int_equal(t.ngroups, 2);
	assert_string_equal(t.groups[0].label, "arts");
	assert_int_equal(t.order[0], 1);
	assert_int_equal(t.order[1], 0);
	assert_int_equal(t.order[2], 2);
	toc_free(&t);
	toc_build(&t, &ar, GROUP_NONE, NULL);
	assert_int_equal(t.ngroups, 1);
	assert_null(t.groups[0].label);
	toc_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_walk_free),
		cmocka_unit_test(deep_tree),
		cmocka_unit_test(iterator),
		cmocka_unit_test(store_round_trip),
		cmocka_unit_test(passes),
		cmocka_unit_test(toc_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
