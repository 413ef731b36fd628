/* The scorers of bench/: the Readability corpus's word F1 (score_html.c) and the
 * article-extraction-benchmark's shingle metric (score_bench.c), with one validation split. */
#ifndef QUIRE_SCORE_H
#define QUIRE_SCORE_H

/* Which pages of a corpus to score. */
enum score_part {
	SCORE_ALL = 0,
	SCORE_TRAIN,            /* the pages tuned on */
	SCORE_VALIDATION        /* the pages held out: never looked at while tuning */
};

/* Returns 1 when the page named name (folder or key) is in the validation part: about 30 % of
 * the pages, chosen by a 32-bit FNV-1a hash of the name, so the split never changes. */
int score_held_out(const char *name);

/* Sets *tp, *fp, *fn to the benchmark's normalised counts of word 4-gram shingles of pred
 * against truth (they sum to 1, or are all 0 when neither text has a word). */
void score_shingles(const char *truth, const char *pred, double *tp, double *fp, double *fn);

/* The benchmark's per-page precision and recall of normalised counts. */
double score_precision(double tp, double fp, double fn);
double score_recall(double tp, double fp, double fn);

/* Scores every page of an article-extraction-benchmark folder (ground-truth.json, html/) in
 * part `which` (or only the keys in only[0..nonly)), prints one line per page and the figures of
 * the training part, the validation part and all. When out is not NULL, writes the predictions
 * there in the benchmark's output format ({"KEY": {"articleBody": TEXT}}), for its evaluate.py.
 * Returns 0, or 1 when a page cannot be read or out cannot be written. */
int score_bench(const char *corpus, int verbose, int which, char **only, int nonly,
                const char *out);

#endif
