/* Unit tests for the model: building, walking, text and freeing trees, and the passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
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
	toc_build(&t, &ar, GROUP_MONTH);
	assert_int_equal(t.ngroups, 2);
	assert_string_equal(t.groups[0].label, "March 2024");
	assert_int_equal(t.groups[0].count, 2);
	toc_free(&t);
	toc_build(&t, &ar, GROUP_SECTION);
	assert_int_equal(t.ngroups, 2);
	assert_string_equal(t.groups[0].label, "arts");
	assert_int_equal(t.order[0], 1);
	assert_int_equal(t.order[1], 0);
	assert_int_equal(t.order[2], 2);
	toc_free(&t);
	toc_build(&t, &ar, GROUP_NONE);
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
		cmocka_unit_test(passes),
		cmocka_unit_test(toc_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
