/* Unit tests for buffers, string sets, UTF-8 repair, slugs, paths and the YAML loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"
#include "yamlmap.h"

static void
buffers(void **state)
{
	struct buf b = {0};

	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	buf_put_utf8(&b, 0x20AC);
	assert_memory_equal(b.data + b.len - 3, "\xE2\x82\xAC", 3);
	char *s = buf_detach(&b);
	assert_null(b.data);
	free(s);
}

static void
sets(void **state)
{
	struct strset s = {0};
	size_t v;
	char key[32];

	for (size_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(strset_add(&s, key, i), 1);
	}
	assert_int_equal(strset_add(&s, "k42", 7), 0);
	assert_true(strset_get(&s, "k42", &v));
	assert_int_equal(v, 42);
	assert_false(strset_get(&s, "nope", NULL));
	strset_free(&s);
	assert_false(strset_get(&s, "k1", NULL));
}

static void
repair(void **state)
{
	size_t n;
	unsigned bad;
	char *s = utf8_repair("ok\r\nline\xff two\xc3\xa9\xed\xa0\x80", 18, &n, &bad);

	assert_string_equal(s, "ok\nline\xEF\xBF\xBD two\xc3\xa9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(bad, 2);
	free(s);
	s = utf8_repair("\xEF\xBB\xBFhi\0x", 7, &n, &bad);
	assert_int_equal(n, 6);
	assert_memory_equal(s, "hi\xEF\xBF\xBDx", 6);
	free(s);
	s = utf8_repair("clean", 5, &n, &bad);
	assert_int_equal(bad, 0);
	free(s);
}

static void
slugs(void **state)
{
	char *s = slugify("Hello, World! Café 2024", 60);
	assert_string_equal(s, "hello-world-caf-2024");
	free(s);
	s = slugify("¡¿!", 60);
	assert_string_equal(s, "untitled");
	free(s);
	s = strsquash("  a \n\t b  ");
	assert_string_equal(s, "a b");
	free(s);
}

static void
paths(void **state)
{
	char *p;

	p = path_resolve("news", "../photos/a.jpg");
	assert_string_equal(p, "photos/a.jpg");
	free(p);
	p = path_resolve("news/2024", "./x%20y.png?v=1#top");
	assert_string_equal(p, "news/2024/x y.png");
	free(p);
	assert_null(path_resolve("news", "../../etc/passwd"));
	assert_null(path_resolve("", "/etc/passwd"));
	assert_null(path_resolve("", "http://example.com/a.jpg"));
	assert_null(path_resolve("", "a%00b"));
	p = path_dir("a/b/c.md");
	assert_string_equal(p, "a/b");
	free(p);
}

static void
yaml(void **state)
{
	const char *text = "title: \"A: title\"\ntags: [a, b]\nauthor:\n  - X\n  - Y\n"
	    "nested:\n  key: v\ndraft: ~\n";
	struct ymap m;
	const char *err;
	unsigned line;

	assert_int_equal(ymap_parse(text, strlen(text), 10, &m, &err, &line), 0);
	assert_string_equal(ymap_get(&m, "title")->scalar, "A: title");
	assert_int_equal(ymap_get(&m, "tags")->nlist, 2);
	assert_string_equal(ymap_get(&m, "author")->list[1], "Y");
	assert_int_equal(ymap_get(&m, "author")->line, 13);
	assert_string_equal(ymap_get(&m, "nested.key")->scalar, "v");
	assert_string_equal(ymap_get(&m, "draft")->scalar, "");
	ymap_free(&m);
	text = "title: ok\nbad: [unclosed\n";
	assert_int_equal(ymap_parse(text, strlen(text), 0, &m, &err, &line), -1);
	assert_non_null(err);
	assert_true(line >= 2);
	ymap_free(&m);
	text = "- a\n- b\n";
	assert_int_equal(ymap_parse(text, strlen(text), 0, &m, &err, &line), -1);
	ymap_free(&m);
	text = "just text\n";
	assert_int_equal(ymap_parse(text, strlen(text), 0, &m, &err, &line), -1);
	ymap_free(&m);
}

/* Every value left out is recorded with its line, and the keys after it keep their own values. */
static void
yaml_drops(void **state)
{
	const char *text = "a: &x 1\nb: *x\nc: {d: {e: {f: {g: {h: {i: {j: {k: 1}}}}}}}}\n"
	    "after: kept\nlist: [1, [2]]\n*x : lost\n? [k]\n: lost too\na: 2\nlast: yes\n";
	struct ymap m;
	const char *err;
	unsigned line;

	assert_int_equal(ymap_parse(text, strlen(text), 0, &m, &err, &line), 0);
	assert_int_equal(m.ndrops, 6);
	assert_string_equal(m.drops[0].why, "an alias (not followed)");
	assert_int_equal(m.drops[0].line, 2);
	assert_string_equal(m.drops[1].why, "nested too deeply");
	assert_int_equal(m.drops[1].line, 3);
	assert_int_equal(m.drops[2].line, 5);
	assert_int_equal(m.drops[3].line, 6);
	assert_string_equal(m.drops[4].why, "a key that is not text");
	assert_int_equal(m.drops[4].line, 7);
	assert_string_equal(m.drops[5].why, "a repeated key (the earlier value is replaced)");
	assert_int_equal(m.drops[5].line, 9);
	assert_null(ymap_get(&m, "b"));
	assert_string_equal(ymap_get(&m, "after")->scalar, "kept");
	assert_string_equal(ymap_get(&m, "last")->scalar, "yes");
	assert_string_equal(ymap_get(&m, "a")->scalar, "2");
	assert_int_equal(ymap_get(&m, "list")->nlist, 1);
	assert_null(ymap_get(&m, "lost"));
	assert_null(ymap_get(&m, ""));
	for (size_t i = 0; i < m.n; i++)
		assert_string_not_equal(m.v[i].scalar ? m.v[i].scalar : "", "lost too");
	ymap_free(&m);
	/* Past YMAP_MAX_DROPS they are counted. */
	{
		struct buf b = {0};
		buf_puts(&b, "a: &x 1\n");
		for (int i = 0; i < 50; i++)
			buf_printf(&b, "k%d: *x\n", i);
		assert_int_equal(ymap_parse(b.data, b.len, 0, &m, &err, &line), 0);
		assert_int_equal(m.ndrops, 50);
		assert_int_equal(m.drops[YMAP_MAX_DROPS - 1].line, YMAP_MAX_DROPS + 1);
		ymap_free(&m);
		buf_free(&b);
	}
}

static void
langs(void **state)
{
	static const char *good[] = {"en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "sl-rozaj-biske",
	    "x-private", "en-US-x-house", "zh-yue-HK", "es-419", "en-a-bbb-x-a", "fa"};
	static const char *bad[] = {"", "x y<z", "e", "en-", "-en", "en--US", "toolonglang",
	    "en-US-", "en_US", "12", "en-a", "en-x", "en-a-b", "de-CH-1996-x", "en-toolongvar"};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(lang_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(lang_valid(bad[i]));
	assert_false(lang_valid(NULL));
}

static void
wide(void **state)
{
	/* "a", U+1D11E as a surrogate pair, a lone surrogate, NUL: in UTF-16LE and UTF-32BE. */
	static const char le16[] = "\xFF\xFE" "a\0" "\x34\xD8\x1E\xDD" "\x00\xD8" "\0\0";
	static const char be32[] = "\0\0\xFE\xFF" "\0\0\0a" "\0\x01\xD1\x1E";
	const char *name = NULL;
	size_t n;
	char *s = utf_bom_decode(le16, sizeof(le16) - 1, &n, &name);

	assert_string_equal(name, "UTF-16LE");
	assert_string_equal(s, "a\xF0\x9D\x84\x9E\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	s = utf_bom_decode(be32, sizeof(be32) - 1, &n, &name);
	assert_string_equal(name, "UTF-32BE");
	assert_string_equal(s, "a\xF0\x9D\x84\x9E");
	free(s);
	assert_null(utf_bom_decode("plain", 5, &n, &name));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buffers),
		cmocka_unit_test(sets),
		cmocka_unit_test(repair),
		cmocka_unit_test(slugs),
		cmocka_unit_test(paths),
		cmocka_unit_test(yaml),
		cmocka_unit_test(yaml_drops),
		cmocka_unit_test(langs),
		cmocka_unit_test(wide),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
