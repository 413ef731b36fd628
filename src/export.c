/* The driver: one pass over the archive in reading order, each article handed to every writer. */
#include <stdlib.h>
#include <strings.h>

#include "archive.h"
#include "epub.h"
#include "export.h"
#include "pdf.h"
#include "progress.h"
#include "toc.h"
#include "util.h"

/* Every output format, by extension. */
static const struct writer writers[] = {
	{".epub", epub_new, epub_article, epub_finish, epub_free},
	{".pdf", pdf_new, pdf_article, pdf_finish, pdf_free},
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

const char *
export_formats(void)
{
	return ".epub or .pdf";
}

/* One output under way. */
struct job {
	const struct writer *w;
	void *ctx;              /* NULL once the writer has failed or finished */
};

int
export_run(const struct options *opt, const struct archive *ar, char *const *dests, size_t n)
{
	struct job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	struct toc toc;
	int rc = 0;

	toc_build(&toc, ar, opt->group);
	for (size_t i = 0; i < n; i++) {
		jobs[i].w = export_find(dests[i]);
		if (jobs[i].w == NULL)
			abort();
		jobs[i].ctx = jobs[i].w->new(opt, ar, &toc, dests[i]);
		if (jobs[i].ctx == NULL)
			rc = -1;
	}
	progress_phase(opt->progress, "articles written", toc.n);
	for (size_t k = 0; k < toc.n; k++) {
		const struct article *a = &ar->articles[toc.order[k]];
		size_t live = 0;
		struct node *body;

		progress_step(opt->progress, k);
		for (size_t i = 0; i < n; i++)
			live += jobs[i].ctx != NULL;
		if (live == 0)
			break;
		/* The body as it was read when the archive was opened: each file is read and parsed
		 * once a run, however many outputs there are. */
		body = archive_body(ar, a);
		for (size_t i = 0; i < n; i++) {
			if (jobs[i].ctx == NULL)
				continue;
			if (body == NULL || jobs[i].w->article(jobs[i].ctx, a, body) != 0) {
				jobs[i].w->free(jobs[i].ctx);
				jobs[i].ctx = NULL;
				rc = -1;
			}
		}
		node_free(body);
	}
	progress_step(opt->progress, toc.n);
	progress_phase(opt->progress, "outputs finished", n);
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].ctx != NULL) {
			if (jobs[i].w->finish(jobs[i].ctx) != 0)
				rc = -1;
			jobs[i].w->free(jobs[i].ctx);
		}
		progress_step(opt->progress, i + 1);
	}
	toc_free(&toc);
	free(jobs);
	return rc;
}
