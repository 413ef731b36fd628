/* The writer interface: each output format turns the archive's articles, one at a time, into a file. */
#ifndef QUIRE_WRITER_H
#define QUIRE_WRITER_H

#include <stddef.h>

#include "doc.h"
#include "options.h"
#include "toc.h"

/*
 * Every writer has the same three calls, after lowdown's back ends, and the driver (export.c)
 * makes them:
 *
 * - new(opt, ar, toc, dest) starts the output dest. The archive's metadata and reading order are
 *   complete; no body has been read. Returns the writer's state, or NULL after an error message.
 * - article(ctx, a, body) takes the next article in toc order: a is an element of ar->articles
 *   and body its tree, both owned by the driver and valid only during the call. Returns 0, or -1
 *   after an error message, after which only free is called.
 * - finish(ctx) completes the output and renames it into place. Returns 0, or -1 after an error
 *   message (dest untouched).
 * - pages(ctx), where the format has pages, returns how many the finished output has (0 when
 *   finish was not called or failed). NULL otherwise.
 * - free(ctx) releases the state, and removes the temporary output if finish was not called or
 *   failed. Accepts NULL.
 *
 * - jobs, when not NULL, lets the driver prepare articles on worker threads (--jobs). Each
 *   worker gets its own state from jobs->worker_new(ctx), made on the driver's thread before
 *   the workers start, freed with jobs->worker_free after they stop. A worker calls
 *   jobs->prepare(wctx, a, body) on its own thread, for any article, in any order; what it
 *   returns (NULL allowed) goes, in toc order and on the driver's thread, to
 *   jobs->article(ctx, a, body, prep), called in place of article, which takes prep.
 *   jobs->prep_free frees one that no call took (after an error). prepare reads ar, a and
 *   body, which nobody changes meanwhile, and its wctx; nothing of ctx or other workers. Its
 *   messages must reach the user in toc order whatever thread made them: the writer captures
 *   them (msg_capture) and gives them from jobs->article. The output must not depend on which
 *   worker prepared what, nor on how many there are.
 *
 * A writer never reads input files other than photos, and never prints anything but messages.
 * Adding an output format is one writer file and one row of the table in export.c.
 */
struct writer_jobs {
	void *(*worker_new)(void *ctx);
	void *(*prepare)(void *wctx, const struct article *a, const struct node *body);
	int (*article)(void *ctx, const struct article *a, const struct node *body, void *prep);
	void (*prep_free)(void *prep);
	void (*worker_free)(void *wctx);
};

struct writer {
	const char *ext;        /* the destination's extension, lower case, with its dot */
	void *(*new)(const struct options *opt, const struct archive *ar, const struct toc *toc,
	             const char *dest);
	int (*article)(void *ctx, const struct article *a, const struct node *body);
	int (*finish)(void *ctx);
	int (*pages)(const void *ctx);
	void (*free)(void *ctx);
	const struct writer_jobs *jobs; /* the part that runs on worker threads, or NULL */
};

#endif
