/* The progress bar on stderr, drawn only when it is a terminal. */
#ifndef QUIRE_PROGRESS_H
#define QUIRE_PROGRESS_H

#include <stddef.h>

struct progress;

/* Returns a progress bar for stderr, or NULL when stderr is not a terminal or quiet is 1: every
 * function below accepts NULL and then does nothing. Free with progress_free. */
struct progress *progress_new(int quiet);

/* Starts a phase ("reading", "writing") of total steps; the bar shows done/total, the phase,
 * the time elapsed and the time left. */
void progress_phase(struct progress *p, const char *phase, size_t total);

/* Sets the steps done in the current phase. Redraws at most ten times a second. */
void progress_step(struct progress *p, size_t done);

/* Removes the bar and prints one summary line: "quire: 200 articles, 388 pages; x.pdf 23.1 MB,
 * x.epub 1.2 MB; 3 warnings; 0.8 s". pages may be 0 (not shown); the outputs that exist are
 * listed with their sizes. */
void progress_done(struct progress *p, size_t articles, int pages, char *const *outputs,
                   size_t noutputs);

/* Removes the bar, if shown, and frees p. Accepts NULL. */
void progress_free(struct progress *p);

#endif
