/* The progress bar on stderr, drawn only when it is a terminal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "progress.h"
#include "util.h"

/* The bar's width in cells, and the least time between two drawings. */
#define BAR_CELLS 24
#define REDRAW_NS 100000000LL

struct progress {
	int64_t start;          /* when the run started, ns */
	int64_t phase_start;    /* when the phase started */
	int64_t drawn;          /* when the bar was last drawn */
	const char *phase;
	size_t total, done;
};

static int64_t
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct progress *
progress_new(int quiet)
{
	struct progress *p;

	if (quiet || !isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->start = p->phase_start = now();
	return p;
}

/* Appends a duration as "4 s" or "2 min 05 s". */
static void
put_time(struct buf *b, double s)
{
	if (s < 10)
		buf_printf(b, "%.1f s", s);
	else if (s < 60)
		buf_printf(b, "%.0f s", s);
	else
		buf_printf(b, "%d min %02d s", (int)(s / 60), (int)s % 60);
}

static void
draw(struct progress *p)
{
	struct buf b = {0};
	int64_t t = now();
	double elapsed = (double)(t - p->start) / 1e9;
	double in_phase = (double)(t - p->phase_start) / 1e9;
	size_t cells = p->total ? p->done * BAR_CELLS / p->total : 0;

	p->drawn = t;
	buf_puts(&b, "quire: [");
	for (size_t i = 0; i < BAR_CELLS; i++)
		buf_puts(&b, i < cells ? "#" : "-");
	buf_printf(&b, "] %zu/%zu %s, ", p->done, p->total, p->phase);
	put_time(&b, elapsed);
	if (p->done > 0 && p->done < p->total && in_phase > 0.5) {
		buf_puts(&b, ", ");
		put_time(&b, in_phase * (double)(p->total - p->done) / (double)p->done);
		buf_puts(&b, " left");
	}
	msg_status(buf_str(&b));
	buf_free(&b);
}

void
progress_phase(struct progress *p, const char *phase, size_t total)
{
	if (p == NULL)
		return;
	p->phase = phase;
	p->total = total;
	p->done = 0;
	p->phase_start = now();
	draw(p);
}

void
progress_step(struct progress *p, size_t done)
{
	if (p == NULL)
		return;
	p->done = done;
	if (done == p->total || now() - p->drawn >= REDRAW_NS)
		draw(p);
}

/* Appends a size in bytes as "812 KB" or "23.1 MB". */
static void
put_size(struct buf *b, long long n)
{
	if (n < 1000000)
		buf_printf(b, "%lld KB", (n + 999) / 1000);
	else
		buf_printf(b, "%.1f MB", (double)n / 1e6);
}

void
progress_done(struct progress *p, size_t articles, int pages, char *const *outputs,
              size_t noutputs)
{
	struct buf b = {0};
	unsigned w = msg_warnings();
	int listed = 0;

	if (p == NULL)
		return;
	msg_status(NULL);
	buf_printf(&b, "quire: %zu article%s", articles, articles == 1 ? "" : "s");
	if (pages > 0)
		buf_printf(&b, ", %d pages", pages);
	for (size_t i = 0; i < noutputs; i++) {
		struct stat st;
		if (stat(outputs[i], &st) != 0)
			continue;
		buf_puts(&b, listed++ ? ", " : "; ");
		buf_printf(&b, "%s ", outputs[i]);
		put_size(&b, (long long)st.st_size);
	}
	buf_printf(&b, "; %u warning%s; ", w, w == 1 ? "" : "s");
	put_time(&b, (double)(now() - p->start) / 1e9);
	fprintf(stderr, "%s\n", buf_str(&b));
	buf_free(&b);
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	msg_status(NULL);
	free(p);
}
