/* Scores the HTML reader on saved pages with known extractions: word-level F1 and metadata. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>
#include <libxml/HTMLparser.h>

#include "doc.h"
#include "msg.h"
#include "read.h"
#include "score.h"
#include "util.h"

/*
 * Usage: score_html [-v] [-t | -V] [-o FILE] CORPUS [CASE...]
 * -t scores only the training part of the corpus, -V only the validation part (score.h).
 * A CORPUS with a ground-truth.json is an article-extraction-benchmark folder (score_bench.c);
 * -o FILE then writes the predictions as the benchmark's evaluate.py reads them.
 * Otherwise CORPUS holds one folder per page with source.html, expected.html and expected-metadata.json.
 * For each page the reader's body text is compared with the text of expected.html as multisets
 * of lower-cased words (CJK characters count one word each): precision, recall and F1. Title and
 * byline (the authors joined by ", ") must equal the expected ones after squashing white space
 * and ignoring case (and, for bylines, a leading "By "), a missing value matching only a missing
 * or empty one; lang and dir count
 * only where the expected metadata gives them. Prints one line per page and the means.
 */

/* Declared in read.h once the lead wires it; repeated here so this builds either way. */
int read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len);

/* A list of words. */
struct words {
	char **v;
	size_t n, cap;
};

static void
words_add(struct words *w, const char *s, size_t n)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->v = xrealloc(w->v, w->cap * sizeof(char *));
	}
	w->v[w->n++] = xstrndup(s, n);
}

static void
words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

/* Lower-cases the letters of the scripts that have case and are common in the corpus. */
static uint32_t
lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c >= 0x100 && c <= 0x17f && c % 2 == 0)
		return c + 1;
	return c;
}

/* Returns 1 for CJK characters, which are words of their own. */
static int
cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xac00 && c <= 0xd7af);
}

/* Returns 1 for characters that are part of words: letters and digits of any script. */
static int
wordchar(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c <= 0xbf || c == 0xd7 || c == 0xf7)
		return 0;
	if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff0f) ||
	    (c >= 0xff1a && c <= 0xff20) || c == 0xfffd || c == 0x60c || c == 0x61f || c == 0x6d4)
		return 0;
	return 1;
}

/* Splits s into lower-cased words. */
static void
split(struct words *w, const char *s)
{
	struct buf b = {0};
	size_t n = strlen(s);

	for (size_t i = 0; i <= n;) {
		uint32_t c = 0;
		int k = i < n ? utf8_decode(s + i, n - i, &c) : 1;
		if (k == 0)
			k = 1, c = 0xfffd;
		if (i < n && wordchar(c) && !cjk(c)) {
			buf_put_utf8(&b, lower(c));
		} else {
			if (b.len)
				words_add(w, b.data, b.len);
			buf_reset(&b);
			if (i < n && cjk(c))
				words_add(w, s + i, (size_t)k);
		}
		i += (size_t)k;
	}
	buf_free(&b);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the size of the intersection of two word multisets (sorts both). */
static size_t
common(struct words *a, struct words *b)
{
	size_t i = 0, j = 0, c = 0;

	qsort(a->v, a->n, sizeof(char *), cmp);
	qsort(b->v, b->n, sizeof(char *), cmp);
	while (i < a->n && j < b->n) {
		int r = strcmp(a->v[i], b->v[j]);
		if (r == 0)
			c++, i++, j++;
		else if (r < 0)
			i++;
		else
			j++;
	}
	return c;
}

/* Appends the text of an HTML document (not scripts or styles) to b, blocks apart. */
static void
html_text(struct buf *b, xmlNode *n)
{
	xmlNode *root = n;

	while (n) {
		if (n->type == XML_TEXT_NODE && n->content) {
			buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			buf_putc(b, ' ');
			if (n->children && strcmp((const char *)n->name, "script") != 0 &&
			    strcmp((const char *)n->name, "style") != 0) {
				n = n->children;
				continue;
			}
		}
		while (n && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

/* Returns the squashed, lower-cased form of s for comparing metadata ("" for NULL). */
static char *
norm(const char *s)
{
	struct buf b = {0};
	char *sq = strsquash(s ? s : "");
	size_t n = strlen(sq);

	for (size_t i = 0; i < n;) {
		uint32_t c;
		int k = utf8_decode(sq + i, n - i, &c);
		if (k == 0)
			k = 1, c = 0xfffd;
		buf_put_utf8(&b, lower(c));
		i += (size_t)k;
	}
	free(sq);
	return buf_detach(&b);
}

/* Returns 1 when the two values are equal once normalised; for bylines (by = 1) a leading
 * "by " is not part of the name. */
static int
match(const char *want, const char *got, int by)
{
	char *a = norm(want), *b = norm(got);
	const char *x = a, *y = b;

	if (by && startswith(x, "by "))
		x += 3;
	if (by && startswith(y, "by "))
		y += 3;
	int r = strcmp(x, y) == 0;

	free(a);
	free(b);
	return r;
}

static const char *
jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* Totals over the pages. */
struct total {
	double p, r, f;
	int pages, title, byline, lang, nlang, dir, ndir;
	double part_f[2];       /* F1 sums of the training and validation parts */
	int part_n[2];
};

/* Scores one page folder. Returns 0, or -1 when its files cannot be read. */
static int
page(const char *corpus, const char *name, struct total *t, int verbose)
{
	char *dir = path_join(corpus, name), *src = path_join(dir, "source.html");
	char *exp = path_join(dir, "expected.html"), *meta = path_join(dir, "expected-metadata.json");
	char *raw = NULL, *etext = NULL, *got = NULL, *byline = NULL;
	size_t len, elen;
	struct strset paths = {0};
	struct read_ctx ctx = {.root = dir, .articles = &paths};
	struct article a = {0};
	struct words w1 = {0}, w2 = {0};
	struct json_object *m = NULL;
	struct buf b = {0};
	htmlDocPtr doc = NULL;
	int rc = -1;

	if (file_read(src, &raw, &len) != 0 || file_read(exp, &etext, &elen) != 0 ||
	    (m = json_object_from_file(meta)) == NULL) {
		fprintf(stderr, "score_html: %s: missing source.html, expected.html or metadata\n", dir);
		goto out;
	}
	strset_add(&paths, "source.html", 0);
	a.path = xstrdup("source.html");
	a.size = len;
	if (read_html_raw(&ctx, &a, raw, len) != 0 || a.body == NULL) {
		fprintf(stderr, "score_html: %s: not read\n", src);
		goto out;
	}
	got = node_text(a.body);
	split(&w1, got);
	doc = htmlReadMemory(etext, (int)elen, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc && xmlDocGetRootElement(doc))
		html_text(&b, xmlDocGetRootElement(doc));
	split(&w2, buf_str(&b));
	size_t c = common(&w1, &w2);
	double p = w1.n ? (double)c / (double)w1.n : 0, r = w2.n ? (double)c / (double)w2.n : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

	for (size_t i = 0; i < a.nauthors; i++) {
		char *s = xasprintf("%s%s%s", byline ? byline : "", byline ? ", " : "", a.authors[i]);
		free(byline);
		byline = s;
	}
	const char *dirs[] = {NULL, "ltr", "rtl"};
	const char *wt = jstr(m, "title"), *wb = jstr(m, "byline"), *wl = jstr(m, "lang");
	const char *wd = jstr(m, "dir");
	int mt = match(wt, a.title, 0), mb = match(wb, byline, 1);
	int ml = wl ? match(wl, a.lang, 0) : -1, md = wd ? match(wd, dirs[a.dir], 0) : -1;

	int held = score_held_out(name);
	t->part_f[held] += f;
	t->part_n[held]++;
	t->pages++;
	t->p += p;
	t->r += r;
	t->f += f;
	t->title += mt;
	t->byline += mb;
	if (ml >= 0)
		t->nlang++, t->lang += ml;
	if (md >= 0)
		t->ndir++, t->dir += md;
	printf("%-26s %-5s P %.3f  R %.3f  F1 %.3f  title %s  byline %s  lang %s  dir %s\n", name,
	    held ? "valid" : "train", p, r,
	    f, mt ? "ok" : "NO", mb ? "ok" : "NO", ml < 0 ? "-" : ml ? "ok" : "NO",
	    md < 0 ? "-" : md ? "ok" : "NO");
	if (verbose) {
		if (!mt)
			printf("    title:  want \"%s\" got \"%s\"\n", wt ? wt : "", a.title ? a.title : "");
		if (!mb)
			printf("    byline: want \"%s\" got \"%s\"\n", wb ? wb : "", byline ? byline : "");
		if (ml == 0)
			printf("    lang:   want \"%s\" got \"%s\"\n", wl, a.lang ? a.lang : "");
		if (md == 0)
			printf("    dir:    want \"%s\" got \"%s\"\n", wd, dirs[a.dir] ? dirs[a.dir] : "");
	}
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	json_object_put(m);
	words_free(&w1);
	words_free(&w2);
	buf_free(&b);
	article_clear(&a);
	strset_free(&paths);
	free(byline);
	free(got);
	free(raw);
	free(etext);
	free(dir);
	free(src);
	free(exp);
	free(meta);
	return rc;
}

static int
byname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct total t = {0};
	char **names = NULL;
	size_t n = 0;
	int verbose = 0, rc = 0, which = SCORE_ALL;
	const char *out = NULL;

	for (; argc > 1 && argv[1][0] == '-'; argv++, argc--) {
		if (strcmp(argv[1], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[1], "-t") == 0)
			which = SCORE_TRAIN;
		else if (strcmp(argv[1], "-V") == 0)
			which = SCORE_VALIDATION;
		else if (strcmp(argv[1], "-o") == 0 && argc > 2)
			out = argv[2], argv++, argc--;
		else
			break;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: score_html [-v] [-t | -V] [-o FILE] CORPUS [CASE...]\n");
		return 2;
	}
	/* The pages' remote images and foreign links would give hundreds of warnings. */
	msg_mute(1);
	char *gt = path_join(argv[1], "ground-truth.json");
	FILE *f = fopen(gt, "r");
	free(gt);
	if (f) {
		fclose(f);
		return score_bench(argv[1], verbose, which, argv + 2, argc - 2, out);
	}
	if (argc > 2) {
		for (int i = 2; i < argc; i++) {
			names = xrealloc(names, (n + 1) * sizeof(char *));
			names[n++] = xstrdup(argv[i]);
		}
	} else {
		DIR *d = opendir(argv[1]);
		struct dirent *e;
		if (d == NULL) {
			perror(argv[1]);
			return 1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || e->d_type == DT_REG)
				continue;
			if ((which == SCORE_TRAIN && score_held_out(e->d_name)) ||
			    (which == SCORE_VALIDATION && !score_held_out(e->d_name)))
				continue;
			names = xrealloc(names, (n + 1) * sizeof(char *));
			names[n++] = xstrdup(e->d_name);
		}
		closedir(d);
		qsort(names, n, sizeof(char *), byname);
	}
	for (size_t i = 0; i < n; i++) {
		if (page(argv[1], names[i], &t, verbose) != 0)
			rc = 1;
		free(names[i]);
	}
	free(names);
	if (t.pages == 0)
		return 1;
	printf("\npages %d\n", t.pages);
	printf("mean precision %.3f  recall %.3f  F1 %.3f\n", t.p / t.pages, t.r / t.pages,
	    t.f / t.pages);
	for (int k = 0; k < 2; k++)
		if (t.part_n[k])
			printf("%-10s pages %2d  mean F1 %.3f\n", k ? "validation" : "train",
			    t.part_n[k], t.part_f[k] / t.part_n[k]);
	printf("title  %d/%d (%.1f %%)\n", t.title, t.pages, 100.0 * t.title / t.pages);
	printf("byline %d/%d (%.1f %%)\n", t.byline, t.pages, 100.0 * t.byline / t.pages);
	printf("lang   %d/%d (%.1f %%) where given\n", t.lang, t.nlang,
	    t.nlang ? 100.0 * t.lang / t.nlang : 100.0);
	printf("dir    %d/%d (%.1f %%) where given\n", t.dir, t.ndir,
	    t.ndir ? 100.0 * t.dir / t.ndir : 100.0);
	return rc;
}
