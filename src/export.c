/* The driver: one pass over the archive in reading order, each article handed to every writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "archive.h"
#include "booklet.h"
#include "colophon.h"
#include "date.h"
#include "epub.h"
#include "export.h"
#include "l10n.h"
#include "msg.h"
#include "pdf.h"
#include "progress.h"
#include "style.h"
#include "toc.h"
#include "util.h"
#include "workers.h"

/* The PDF's articles are set on worker threads. */
static const struct writer_jobs pdf_jobs = {
	pdf_worker_new, pdf_prepare, pdf_article_prepared, pdf_prep_free, pdf_worker_free
};

/* Every output format, by extension; the first whose extension ends the name is taken. */
static const struct writer writers[] = {
	/* Before .epub, which its name also ends with. */
	{".kepub.epub", kepub_new, epub_article, epub_finish, NULL, epub_free, NULL},
	{".epub", epub_new, epub_article, epub_finish, NULL, epub_free, NULL},
	{".booklet.pdf", booklet_new, booklet_article, booklet_finish, booklet_pages, booklet_free,
	    NULL},
	{".pdf", pdf_new, pdf_article, pdf_finish, pdf_pages, pdf_free, &pdf_jobs},
};

#define NWRITERS (sizeof(writers) / sizeof(writers[0]))

const struct writer *
export_find(const char *name)
{
	for (size_t i = 0; i < NWRITERS; i++)
		if (endswith_ci(name, writers[i].ext))
			return &writers[i];
	return NULL;
}

const struct writer *
export_writer(const struct options *opt, const char *name)
{
	const struct writer *w = export_find(name);

	/* --booklet: every PDF is imposed. */
	if (w && opt->booklet.on && w->new == pdf_new)
		w = export_find(".booklet.pdf");
	return w;
}

char *
export_formats(void)
{
	struct buf b = {0};

	for (size_t i = 0; i < NWRITERS; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == NWRITERS ? " or " : ", ",
		    writers[i].ext);
	return buf_detach(&b);
}

/* One output under way. */
struct job {
	const struct writer *w;
	void *ctx;              /* NULL once the writer has failed or finished */
	void **wctx;            /* its workers' states (w->jobs), one a thread, or NULL */
	int source;             /* a booklet imposed from job source's PDF when it is finished,
	                         * not set a second time; -1: its own writer */
};

/* An article in flight: read in reading order, prepared on a worker, written in order. */
struct flight {
	const struct article *a;
	struct node *body;
	void **prep;            /* per output: what its worker prepared, or NULL */
};

/* The book being written, as the workers see it. */
struct book {
	struct job *jobs;
	size_t n;
};

/* A worker's part: each output that has one prepares the article on this thread's state. */
static void
prepare(void *arg, int thread, void *item)
{
	const struct book *bk = arg;
	struct flight *fl = item;

	if (fl->body == NULL)
		return;
	for (size_t i = 0; i < bk->n; i++)
		if (bk->jobs[i].wctx && bk->jobs[i].wctx[thread])
			fl->prep[i] = bk->jobs[i].w->jobs->prepare(bk->jobs[i].wctx[thread], fl->a,
			    fl->body);
}

/* The threads that set articles: --jobs, or one a core. */
static int
threads(const struct options *opt)
{
	return opt->jobs > 0 ? opt->jobs : workers_cores();
}

/* The colophon's body, made on a thread of its own while the articles are set: it reads and
 * hashes every source file and photo, which the writers need only at the end. */
struct colophon_job {
	const struct options *opt;
	const struct archive *whole;
	size_t volume, nvolumes;
	struct node *body;
	struct side_job job;
};

static void *
colophon_run(void *p)
{
	struct colophon_job *c = p;

	c->body = colophon_body(c->opt, c->whole, c->opt->changes, c->opt->nchanges, c->volume,
	    c->nvolumes);
	return NULL;
}

/* Returns the colophon's body once it is made. */
static struct node *
colophon_wait(struct colophon_job *c)
{
	side_job_wait(&c->job);
	return c->body;
}

/* Writes one book (the archive, or volume of nvolumes of it) to the n outputs in dests, its
 * colophon last. */
static int
run_book(const struct options *opt, const struct archive *whole, char *const *dests, size_t n,
         size_t volume, size_t nvolumes, int *pages)
{
	struct job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	struct archive book = *whole;
	const struct archive *ar = &book;
	struct article *arts = NULL;
	struct colophon_job cj = {opt, whole, volume, nvolumes, NULL, {0}};
	struct toc toc;
	int rc = 0;

	const struct l10n *l = opt->style ? opt->style->l10n : NULL;
	toc_build(&toc, whole, opt->group, l);
	if (!opt->no_colophon) {
		/* The colophon is one more article, after the others, in the writers' eyes. */
		/* On a thread of its own when there are threads to spare. */
		side_job_start(&cj.job, colophon_run, &cj, threads(opt) > 1, "quire-colophon");
		arts = xcalloc(whole->narticles + 1, sizeof(*arts));
		if (whole->narticles)
			memcpy(arts, whole->articles, whole->narticles * sizeof(*arts));
		arts[whole->narticles].path = "colophon";
		arts[whole->narticles].title = (char *)l10n_label(l, whole->lang, L10N_COLOPHON);
		arts[whole->narticles].id = "colophon";
		book.articles = arts;
		book.narticles = whole->narticles + 1;
		book.nextra = 1;
		toc_add_last(&toc, whole->narticles, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		jobs[i].w = export_writer(opt, dests[i]);
		jobs[i].source = -1;
		if (jobs[i].w == NULL)
			abort();
		for (size_t k = 0; k < n && jobs[i].w->new == booklet_new; k++)
			if (export_writer(opt, dests[k])->new == pdf_new) {
				jobs[i].source = (int)k;
				break;
			}
		if (jobs[i].source >= 0)
			continue;
		jobs[i].ctx = jobs[i].w->new(opt, ar, &toc, dests[i]);
		if (jobs[i].ctx == NULL)
			rc = -1;
	}
	/* The workers' states, one a thread per output that has a parallel part. This thread is
	 * one of the nt: it draws, and prepares articles too rather than wait for the nt - 1
	 * workers (a third thread on two cores would take the drawing's core by turns). With one
	 * thread the articles are prepared on this one, as they are taken, but the same way. */
	int nt = threads(opt), any = 0;
	struct book bk = {jobs, n};
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].ctx == NULL || jobs[i].w->jobs == NULL)
			continue;
		jobs[i].wctx = xcalloc((size_t)nt, sizeof(void *));
		for (int t = 0; t < nt && jobs[i].ctx; t++) {
			jobs[i].wctx[t] = jobs[i].w->jobs->worker_new(jobs[i].ctx);
			if (jobs[i].wctx[t] == NULL) {
				jobs[i].w->free(jobs[i].ctx);
				jobs[i].ctx = NULL;
				rc = -1;
			}
		}
		any = 1;
	}
	struct workers *pool = workers_new(any && nt > 1 ? nt - 1 : 0, any ? 2 * (size_t)nt : 1,
	    prepare, &bk);
	if (pool == NULL) {
		for (size_t i = 0; i < n; i++) {
			if (jobs[i].ctx)
				jobs[i].w->free(jobs[i].ctx);
			jobs[i].ctx = NULL;
		}
		rc = -1;
	}
	progress_phase(opt->progress, "articles written", toc.n);
	for (size_t k = 0, put = 0; pool && k < toc.n; k++) {
		size_t live = 0;
		struct flight *fl;

		progress_step(opt->progress, k);
		for (size_t i = 0; i < n; i++)
			live += jobs[i].ctx != NULL;
		if (live == 0)
			break;
		/* Read ahead of the workers, in reading order, as many as the window holds. The
		 * body as it was read when the archive was opened: each file is read and parsed
		 * once a run, however many outputs there are. */
		for (; put < toc.n && workers_room(pool); put++) {
			fl = xcalloc(1, sizeof(*fl));
			fl->a = &ar->articles[toc.order[put]];
			if (arts && fl->a == &arts[whole->narticles]) {
				/* Freed once written, as any article's body: at 10,000
				 * articles it is 24 MB the finish need not hold. */
				fl->body = colophon_wait(&cj);
				cj.body = NULL;
			} else
				fl->body = archive_body(ar, fl->a);
			fl->prep = xcalloc(n ? n : 1, sizeof(void *));
			workers_put(pool, fl);
		}
		fl = workers_take(pool);
		for (size_t i = 0; i < n; i++) {
			int bad;
			if (jobs[i].ctx == NULL) {
				if (fl->prep[i])
					jobs[i].w->jobs->prep_free(fl->prep[i]);
				continue;
			}
			if (fl->body == NULL)
				bad = 1;
			else if (jobs[i].w->jobs)
				bad = jobs[i].w->jobs->article(jobs[i].ctx, fl->a, fl->body,
				    fl->prep[i]) != 0;
			else
				bad = jobs[i].w->article(jobs[i].ctx, fl->a, fl->body) != 0;
			if (bad) {
				if (fl->body == NULL && fl->prep[i])
					jobs[i].w->jobs->prep_free(fl->prep[i]);
				jobs[i].w->free(jobs[i].ctx);
				jobs[i].ctx = NULL;
				rc = -1;
			}
		}
		node_free(fl->body);
		free(fl->prep);
		free(fl);
	}
	/* What is still in flight after a failure. */
	for (struct flight *fl; pool && (fl = workers_take(pool)) != NULL;) {
		for (size_t i = 0; i < n; i++)
			if (fl->prep[i])
				jobs[i].w->jobs->prep_free(fl->prep[i]);
		node_free(fl->body);
		free(fl->prep);
		free(fl);
	}
	workers_free(pool);
	for (size_t i = 0; i < n; i++) {
		for (int t = 0; jobs[i].wctx && t < nt; t++)
			if (jobs[i].wctx[t])
				jobs[i].w->jobs->worker_free(jobs[i].wctx[t]);
		free(jobs[i].wctx);
		jobs[i].wctx = NULL;
	}
	progress_step(opt->progress, toc.n);
	progress_phase(opt->progress, "outputs finished", n);
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].ctx != NULL) {
			if (jobs[i].w->finish(jobs[i].ctx) != 0)
				rc = -1;
			else {
				if (jobs[i].w->pages)
					*pages += jobs[i].w->pages(jobs[i].ctx);
				/* The booklets imposed from this PDF. */
				for (size_t k = 0; k < n; k++)
					if (jobs[k].source == (int)i && booklet_impose(dests[i],
					    dests[k], &opt->booklet,
					    pdf_last_start(jobs[i].ctx)) != 0)
						rc = -1;
			}
			jobs[i].w->free(jobs[i].ctx);
		}
		progress_step(opt->progress, i + 1);
	}
	/* The colophon, if it was never handed out. */
	node_free(colophon_wait(&cj));
	free(arts);
	toc_free(&toc);
	free(jobs);
	return rc;
}

/* One volume: a run of articles in date order. */
struct volume {
	size_t first, count;    /* in ar->articles */
	char label[80];         /* "2020", "May 2020", "1 March 2024 – 2 May 2024", "undated" */
	char suffix[32];        /* for file names: "-vol2-2020" */
};

/* The photos an estimate has looked at: each file's size and the key under which outputs store
 * it once: the digest of its bytes (the EPUB stores the same photo under two names once), or
 * its path (the PDF embeds each file it names). */
struct photo_cache {
	int by_content;         /* 1: keys are digests; 0: paths */
	struct strset index;    /* path -> index into sizes and keys */
	uint64_t *sizes;
	char **keys;            /* hex SHA-256 of the bytes, or the path when unreadable */
	size_t n;
};

static size_t
photo_look(struct photo_cache *c, const struct archive *ar, const char *path)
{
	size_t i;
	char hex[65];
	const char *why;
	size_t len = 0;
	uint64_t size;
	unsigned char h[32];

	if (strset_get(&c->index, path, &i))
		return i;
	c->sizes = xrealloc(c->sizes, (c->n + 1) * sizeof(*c->sizes));
	c->keys = xrealloc(c->keys, (c->n + 1) * sizeof(*c->keys));
	if (c->by_content && archive_photo_digest(ar, path, h, &size, &why) == 0) {
		len = (size_t)size;
		hex32(h, hex);
		c->keys[c->n] = xstrdup(hex);
	} else {
		len = (size_t)archive_photo_size(ar, path);
		c->keys[c->n] = xstrdup(path);
	}
	c->sizes[c->n] = len;
	strset_add(&c->index, path, c->n);
	return c->n++;
}

static void
photo_cache_free(struct photo_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->keys[i]);
	free(c->keys);
	free(c->sizes);
	strset_free(&c->index);
}

/* What a PDF spends on an article beyond its text and photos: its pages' content streams,
 * structure elements, outline entry and links, measured at 4-6 KB on the 200-article benchmark,
 * doubled. An EPUB spends about 1 KB (its manifest, spine, nav and NCX entries). */
#define PDF_OVERHEAD (12 * 1024)
#define EPUB_OVERHEAD (2 * 1024)
/* What an EPUB's fonts cost, once a volume: the subsets of the bundled faces deflate to 15-25 KB
 * each (about 100 KB for the sample's five faces, 150 KB with the two Arabic ones), doubled. */
#define EPUB_FONTS (300 * 1024)

/* What one article is likely to add to the largest output, in bytes: its text, the photos no
 * earlier article of the volume shows (a PDF embeds a JPEG's bytes as they are), and the
 * overhead, for the EPUB alone (by_content) or for the PDF, the larger. seen holds the keys of
 * the volume's photos. */
static uint64_t
estimate(const struct archive *ar, const struct article *a, struct photo_cache *c,
         const struct strset *seen)
{
	/* An EPUB deflates its text to less than half; a PDF's text costs about its source. */
	uint64_t est = c->by_content ? a->size / 2 + EPUB_OVERHEAD : a->size + PDF_OVERHEAD;

	for (size_t i = 0; i < a->nphotos; i++) {
		size_t k = photo_look(c, ar, a->photos[i]);
		if (!strset_get(seen, c->keys[k], NULL))
			est += c->sizes[k];
	}
	return est;
}

/* The key that puts two articles in the same volume: year, year and month, or none. */
static long
volume_key(const struct options *opt, const struct article *a)
{
	if (a->date.year == 0)
		return -1;
	switch (opt->volumes) {
	case VOLUMES_YEAR:
		return a->date.year;
	case VOLUMES_MONTH:
		return a->date.year * 100L + a->date.month;
	case VOLUMES_NONE:
		return 0;
	default:
		abort();
	}
}

static void
name_volume(const struct options *opt, const struct archive *ar, struct volume *v, size_t num)
{
	const struct article *a = &ar->articles[v->first], *z = &ar->articles[v->first + v->count - 1];
	char from[32], to[32];

	if (a->date.year == 0) {
		snprintf(v->label, sizeof(v->label), "undated");
		snprintf(v->suffix, sizeof(v->suffix), "-vol%zu-undated", num);
	} else if (opt->volumes == VOLUMES_YEAR) {
		snprintf(v->label, sizeof(v->label), "%d", a->date.year);
		snprintf(v->suffix, sizeof(v->suffix), "-vol%zu-%04d", num, a->date.year);
	} else if (opt->volumes == VOLUMES_MONTH) {
		snprintf(v->label, sizeof(v->label), "%s %d", date_month_name(a->date.month),
		    a->date.year);
		snprintf(v->suffix, sizeof(v->suffix), "-vol%zu-%04d-%02d", num, a->date.year,
		    a->date.month);
	} else {
		date_long(&a->date, from);
		if (z->date.year)
			date_long(&z->date, to);
		else
			snprintf(to, sizeof(to), "undated");
		if (strcmp(from, to) == 0)
			snprintf(v->label, sizeof(v->label), "%s", from);
		else
			snprintf(v->label, sizeof(v->label), "%s \xe2\x80\x93 %s", from, to);
		snprintf(v->suffix, sizeof(v->suffix), "-vol%zu", num);
	}
}

/* Cuts the articles (in date order) into volumes: at each change of year or month, and before
 * an article that would take the estimated size past the limit (photos counted once a volume,
 * by content when by_content is 1, else by path). Returns how many. */
static size_t
plan(const struct options *opt, const struct archive *ar, int by_content, struct volume **out)
{
	struct volume *v = xcalloc(ar->narticles ? ar->narticles : 1, sizeof(*v));
	struct photo_cache cache = {.by_content = by_content};
	struct strset seen = {0};
	size_t nv = 0;
	uint64_t size = 0, base = by_content && !opt->no_fonts ? EPUB_FONTS : 0;
	long key = 0;

	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		long k = volume_key(opt, a);
		/* Would it fit in this volume, sharing the photos the volume has? */
		uint64_t est = opt->max_size ? estimate(ar, a, &cache, &seen) : 0;
		if (nv == 0 || k != key || (opt->max_size && size > 0 && size + est > opt->max_size)) {
			v[nv].first = i;
			nv++;
			size = base;
			strset_free(&seen);
			est = opt->max_size ? estimate(ar, a, &cache, &seen) : 0;
		}
		for (size_t j = 0; j < a->nphotos && opt->max_size; j++)
			strset_add(&seen, cache.keys[photo_look(&cache, ar, a->photos[j])], 0);
		v[nv - 1].count++;
		size += est;
		key = k;
	}
	photo_cache_free(&cache);
	strset_free(&seen);
	for (size_t i = 0; i < nv; i++)
		name_volume(opt, ar, &v[i], i + 1);
	*out = v;
	return nv;
}

/* Returns dest with suffix before its format's extension: "x.epub" -> "x-vol2-2020.epub",
 * "x.booklet.pdf" -> "x-vol2.booklet.pdf", "x.kepub.epub" -> "x-vol2.kepub.epub". Caller
 * frees. */
static char *
volume_dest(const char *dest, const char *suffix)
{
	const struct writer *w = export_find(dest);
	const char *dot = w ? dest + strlen(dest) - strlen(w->ext) : strrchr(dest, '.');
	const char *slash = strrchr(dest, '/');

	if (dot == NULL || (slash && dot < slash))
		dot = dest + strlen(dest);
	return xasprintf("%.*s%s%s", (int)(dot - dest), dest, suffix, dot);
}

int
export_run(const struct options *opt, const struct archive *ar, char *const *dests, size_t n,
           char ***written, size_t *nwritten, int *pages)
{
	struct volume *vols = NULL;
	size_t nv;
	int rc = 0;

	*written = NULL;
	*nwritten = 0;
	*pages = 0;
	if (opt->volumes == VOLUMES_NONE && opt->max_size == 0 && opt->only_volume == 0) {
		rc = run_book(opt, ar, dests, n, 0, 0, pages);
		*written = xcalloc(n ? n : 1, sizeof(char *));
		for (size_t i = 0; i < n; i++)
			(*written)[(*nwritten)++] = xstrdup(dests[i]);
		return rc;
	}
	/* Only EPUBs store the same photo under two names once. */
	int by_content = 1;
	for (size_t i = 0; i < n; i++)
		by_content &= endswith_ci(dests[i], ".epub");
	nv = plan(opt, ar, by_content, &vols);
	if (opt->only_volume > 0 && (size_t)opt->only_volume > nv) {
		msg_error(NULL, 0, "--volume %d: there are %zu volumes", opt->only_volume, nv);
		free(vols);
		return -1;
	}
	/* The names made from the user's are checked as theirs were, all before any is written. */
	if (!opt->force) {
		char **all = xcalloc(nv * n + 1, sizeof(char *));
		size_t nall = 0;
		for (size_t k = 0; k < nv; k++)
			for (size_t i = 0; i < n; i++)
				if (opt->only_volume <= 0 || (size_t)opt->only_volume == k + 1)
					all[nall++] = volume_dest(dests[i], vols[k].suffix);
		if (archive_check_outputs(ar, all, nall) != 0)
			rc = 2;
		for (size_t i = 0; i < nall; i++)
			free(all[i]);
		free(all);
		if (rc) {
			free(vols);
			return rc;
		}
	}
	*written = xcalloc(nv * n + 1, sizeof(char *));
	for (size_t k = 0; k < nv; k++) {
		const struct volume *v = &vols[k];
		struct archive view = *ar;
		struct strset paths = {0};
		char **names = xcalloc(n ? n : 1, sizeof(char *));

		if (opt->only_volume > 0 && (size_t)opt->only_volume != k + 1)
			continue;
		/* A volume is a book of its own: its articles, its title and identifier; links to
		 * articles of other volumes keep only their text. */
		view.articles = ar->articles + v->first;
		view.narticles = v->count;
		view.title = xasprintf("%s, Vol. %zu: %s", ar->title, k + 1, v->label);
		view.since = view.articles[0].date;
		view.until = view.articles[v->count - 1].date;
		for (size_t i = 0; i < v->count; i++)
			strset_add(&paths, view.articles[i].path, i);
		view.paths = &paths;
		view.identifier = archive_derive_identifier(&view);
		for (size_t i = 0; i < n; i++)
			names[i] = volume_dest(dests[i], v->suffix);
		if (run_book(opt, &view, names, n, k + 1, nv, pages) != 0)
			rc = -1;
		for (size_t i = 0; i < n; i++) {
			struct stat st;
			if (stat(names[i], &st) != 0)
				continue;
			if (opt->max_size && (uint64_t)st.st_size > opt->max_size) {
				msg_error(names[i], 0, "%lld bytes, over --max-size: try a smaller limit",
				    (long long)st.st_size);
				rc = -1;
			}
			(*written)[(*nwritten)++] = names[i];
			names[i] = NULL;
		}
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		strset_free(&paths);
		free(view.title);
		free(view.identifier);
	}
	free(vols);
	return rc;
}
