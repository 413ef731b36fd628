/* Scores the HTML reader on scrapinghub's article-extraction-benchmark pages with that
 * benchmark's own metric (word 4-gram shingles), and holds the validation split of both corpora. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-c/json.h>
#include <zlib.h>

#include "doc.h"
#include "read.h"
#include "score.h"
#include "util.h"

/*
 * The metric, as the benchmark's evaluate.py defines it:
 * - tokens are the runs of Python's \w (Unicode letters Lu Ll Lt Lm Lo, numbers Nd Nl No, and
 *   '_'), case kept;
 * - a page's shingles are its token 4-grams (a text of 1 to 3 tokens is one shingle of them all,
 *   a text without tokens has none), counted as a multiset;
 * - per page, tp = sum of min(true, pred) over the shingles, fp and fn the excesses, all three
 *   divided by tp + fp + fn;
 * - precision (1 when fp = fn = 0, 0 when tp = fp = 0, else tp / (tp + fp)) is averaged over the
 *   pages where tp + fp > 0, recall likewise over those where tp + fn > 0, and F1 is the harmonic
 *   mean of those two averages.
 */

int
score_held_out(const char *name)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		h = (h ^ *s) * 16777619u;
	return h % 10 < 3;
}

/* Returns 1 for the characters Python's re module counts as \w in a str pattern. */
static int
wordchar(uint32_t c)
{
	GUnicodeType t = g_unichar_type(c);

	return c == '_' || t == G_UNICODE_UPPERCASE_LETTER || t == G_UNICODE_LOWERCASE_LETTER ||
	    t == G_UNICODE_TITLECASE_LETTER || t == G_UNICODE_MODIFIER_LETTER ||
	    t == G_UNICODE_OTHER_LETTER || t == G_UNICODE_DECIMAL_NUMBER ||
	    t == G_UNICODE_LETTER_NUMBER || t == G_UNICODE_OTHER_NUMBER;
}

/* A text's shingles: each one its tokens joined by U+001F, sorted. */
struct shingles {
	char **v;
	size_t n;
};

static int
bystr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
shingle(struct shingles *sh, const char *s)
{
	size_t n = strlen(s), ntok = 0, cap = 0;
	size_t *start = NULL, *end = NULL;

	for (size_t i = 0; i < n;) {
		uint32_t c = 0;
		size_t at = i;
		if (utf8_next(s, n, &i, &c) == 0)
			break;
		if (!wordchar(c))
			continue;
		if (ntok == cap) {
			cap = cap ? 2 * cap : 1024;
			start = xrealloc(start, cap * sizeof(size_t));
			end = xrealloc(end, cap * sizeof(size_t));
		}
		start[ntok] = at;
		while (i < n) {
			size_t j = i;
			if (utf8_next(s, n, &j, &c) == 0 || !wordchar(c))
				break;
			i = j;
		}
		end[ntok++] = i;
	}
	size_t count = ntok == 0 ? 0 : ntok < 4 ? 1 : ntok - 3;
	sh->v = xcalloc(count ? count : 1, sizeof(char *));
	sh->n = count;
	for (size_t k = 0; k < count; k++) {
		struct buf b = {0};
		for (size_t t = k; t < k + 4 && t < ntok; t++) {
			if (t > k)
				buf_putc(&b, 0x1f);
			buf_put(&b, s + start[t], end[t] - start[t]);
		}
		sh->v[k] = buf_detach(&b);
	}
	qsort(sh->v, sh->n, sizeof(char *), bystr);
	free(start);
	free(end);
}

static void
shingles_free(struct shingles *sh)
{
	for (size_t i = 0; i < sh->n; i++)
		free(sh->v[i]);
	free(sh->v);
}

void
score_shingles(const char *truth, const char *pred, double *tp, double *fp, double *fn)
{
	struct shingles t = {0}, p = {0};
	size_t i = 0, j = 0, a = 0, b = 0, c = 0;

	shingle(&t, truth);
	shingle(&p, pred);
	/* Both lists are sorted, so equal shingles meet: min() of the counts is the matches. */
	while (i < t.n || j < p.n) {
		int r = i == t.n ? 1 : j == p.n ? -1 : strcmp(t.v[i], p.v[j]);
		if (r == 0)
			a++, i++, j++;
		else if (r < 0)
			c++, i++;
		else
			b++, j++;
	}
	double s = (double)(a + b + c);
	*tp = s > 0 ? a / s : 0;
	*fp = s > 0 ? b / s : 0;
	*fn = s > 0 ? c / s : 0;
	shingles_free(&t);
	shingles_free(&p);
}

double
score_precision(double tp, double fp, double fn)
{
	if (fp == 0 && fn == 0)
		return 1;
	if (tp == 0 && fp == 0)
		return 0;
	return tp / (tp + fp);
}

double
score_recall(double tp, double fp, double fn)
{
	if (fp == 0 && fn == 0)
		return 1;
	if (tp == 0 && fn == 0)
		return 0;
	return tp / (tp + fn);
}

/* Appends the text a reader reads in body: text, code, captions, cells; not images' alt text
 * (the benchmark's articleBody is the visible text). Blocks are kept apart by a space. */
static void
visible_text(struct buf *b, const struct node *root)
{
	for (const struct node *n = root; n; n = node_next(root, n)) {
		switch (n->type) {
		case NODE_TEXT:
		case NODE_CODE:
		case NODE_CODE_BLOCK:
			if (n->text)
				buf_puts(b, n->text);
			break;
		case NODE_SOFTBREAK: case NODE_LINEBREAK: case NODE_PARA: case NODE_HEADING:
		case NODE_ITEM: case NODE_CAPTION: case NODE_TABLE_CELL:
			buf_putc(b, ' ');
			break;
		case NODE_IMAGE: case NODE_BODY: case NODE_QUOTE: case NODE_LIST: case NODE_HR:
		case NODE_FIGURE: case NODE_TABLE: case NODE_TABLE_ROW: case NODE_EMPH:
		case NODE_STRONG: case NODE_LINK:
			break;
		case NODE__COUNT:
		default:
			abort();
		}
	}
}

/* Reads a gzip file whole. Returns 0, or -1 when it cannot be read. */
static int
gz_read(const char *path, char **data, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	int n, rc = -1;

	if (f == NULL)
		return -1;
	while ((n = gzread(f, chunk, sizeof chunk)) > 0)
		buf_put(&b, chunk, (size_t)n);
	if (n == 0) {
		*len = b.len;
		*data = buf_detach(&b);
		rc = 0;
	}
	buf_free(&b);
	gzclose(f);
	return rc;
}

/* Per-split sums. */
struct sums {
	double p, r;
	int np, nr, pages, low;
	double minr;
};

static void
add(struct sums *s, double tp, double fp, double fn)
{
	double r = score_recall(tp, fp, fn);

	if (s->pages++ == 0)
		s->minr = 2;
	if (tp + fp > 0)
		s->p += score_precision(tp, fp, fn), s->np++;
	if (tp + fn > 0) {
		s->r += r, s->nr++;
		if (r < s->minr)
			s->minr = r;
		if (r < 0.5)
			s->low++;
	}
}

static void
report(const char *label, const struct sums *s)
{
	double p = s->np ? s->p / s->np : 0, r = s->nr ? s->r / s->nr : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

	if (s->pages == 0)
		return;
	printf("%-10s pages %2d  precision %.3f  recall %.3f  F1 %.3f  lowest recall %.3f  "
	    "recall < 0.5: %d\n", label, s->pages, p, r, f, s->minr > 1 ? 1 : s->minr, s->low);
}

int
score_bench(const char *corpus, int verbose, int which, char **only, int nonly, const char *out)
{
	struct json_object *pred = json_object_new_object();
	char *gt = path_join(corpus, "ground-truth.json");
	struct json_object *m = json_object_from_file(gt);
	struct sums all = {0}, train = {0}, val = {0};
	char **keys = NULL;
	size_t n = 0;
	int rc = 0;

	if (m == NULL) {
		fprintf(stderr, "score_html: %s: cannot read\n", gt);
		free(gt);
		return 1;
	}
	json_object_object_foreach(m, key, val0) {
		(void)val0;
		keys = xrealloc(keys, (n + 1) * sizeof(char *));
		keys[n++] = key;
	}
	qsort(keys, n, sizeof(char *), bystr);
	for (size_t i = 0; i < n; i++) {
		int held = score_held_out(keys[i]), want = nonly == 0;
		for (int k = 0; k < nonly; k++)
			want |= strcmp(only[k], keys[i]) == 0;
		if (!want || (which == SCORE_TRAIN && held) || (which == SCORE_VALIDATION && !held))
			continue;
		struct json_object *e = json_object_object_get(m, keys[i]), *body;
		const char *truth = json_object_object_get_ex(e, "articleBody", &body) ?
		    json_object_get_string(body) : "";
		char *rel = xasprintf("html/%s.html.gz", keys[i]), *path = path_join(corpus, rel);
		char *raw = NULL, *dir = path_join(corpus, "html");
		size_t len;
		struct strset paths = {0};
		struct read_ctx ctx = {.root = dir, .articles = &paths};
		struct article a = {0};
		struct buf text = {0};
		double tp = 0, fp = 0, fn = 0;

		if (gz_read(path, &raw, &len) != 0) {
			fprintf(stderr, "score_html: %s: cannot read\n", path);
			rc = 1;
		} else {
			a.path = xstrdup(rel + 5);
			a.size = len;
			strset_add(&paths, a.path, 0);
			/* A page the reader cannot read at all is scored with an empty prediction. */
			if (read_html_raw(&ctx, &a, raw, len) == 0 && a.body)
				visible_text(&text, a.body);
			score_shingles(truth ? truth : "", buf_str(&text), &tp, &fp, &fn);
			struct json_object *o = json_object_new_object();
			json_object_object_add(o, "articleBody", json_object_new_string(buf_str(&text)));
			json_object_object_add(pred, keys[i], o);
			add(&all, tp, fp, fn);
			add(held ? &val : &train, tp, fp, fn);
			printf("%.16s %-5s P %.3f  R %.3f  F1 %.3f\n", keys[i], held ? "valid" : "train",
			    score_precision(tp, fp, fn), score_recall(tp, fp, fn),
			    tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0);
			if (verbose)
				printf("    title: %s\n", a.title ? a.title : "");
		}
		article_clear(&a);
		strset_free(&paths);
		buf_free(&text);
		free(raw);
		free(rel);
		free(path);
		free(dir);
	}
	printf("\n");
	report("train", &train);
	report("validation", &val);
	report("all", &all);
	if (out && json_object_to_file_ext(out, pred, JSON_C_TO_STRING_PRETTY) != 0) {
		fprintf(stderr, "score_html: %s: cannot write\n", out);
		rc = 1;
	}
	json_object_put(pred);
	free(keys);
	json_object_put(m);
	free(gt);
	return all.pages ? rc : 1;
}
