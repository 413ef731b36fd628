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
 * A writer never reads input files other than photos, and never prints anything but messages.
 * Adding an output format is one writer file and one row of the table in export.c.
 */
struct writer {
	const char *ext;        /* the destination's extension, lower case, with its dot */
	void *(*new)(const struct options *opt, const struct archive *ar, const struct toc *toc,
	             const char *dest);
	int (*article)(void *ctx, const struct article *a, const struct node *body);
	int (*finish)(void *ctx);
	int (*pages)(const void *ctx);
	void (*free)(void *ctx);
};

#endif
