/* The driver: one pass over the archive in reading order, each article handed to every writer. */
#ifndef QUIRE_EXPORT_H
#define QUIRE_EXPORT_H

#include <stddef.h>

#include "doc.h"
#include "options.h"
#include "writer.h"

/* Returns the writer for an output named name (by its extension, ignoring case), or NULL. */
const struct writer *export_find(const char *name);

/* Returns the writer of the output name with the options opt: export_find's, but for --booklet,
 * which makes every PDF a booklet. NULL when the format is unknown. */
const struct writer *export_writer(const struct options *opt, const char *name);

/* Returns the extensions export_find knows, for messages: ".epub or .pdf". Caller frees. */
char *export_formats(void);

/*
 * Writes the n outputs named in dests (each with a writer, see export_find) from the opened
 * archive ar: starts every writer, then takes the articles in reading order, gets each body once
 * from the archive and gives it to every writer still working, frees it, and finally finishes
 * the writers. A writer that fails is dropped (its output is not written) and the others go on.
 *
 * With opt's volumes or max_size, the articles (in date order) are cut into volumes, each a
 * complete book titled "TITLE, Vol. N: RANGE" and written to each dest with "-volN[-RANGE]"
 * before its extension; opt->only_volume writes one of them, byte for byte as a full run
 * does. The plan depends on the archive and the options only, never on what was written.
 *
 * Sets *written to the names of the files written (caller frees each and the array) and *pages
 * to the pages of the PDFs among them. Returns
 * 0 when every output was written (and, with max_size, is within it), -1 otherwise (after error
 * messages).
 */
int export_run(const struct options *opt, const struct archive *ar, char *const *dests, size_t n,
               char ***written, size_t *nwritten, int *pages);

#endif
