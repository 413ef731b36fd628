/* The manifest (--manifest) that proves which inputs made which outputs, and --compare. */
#ifndef QUIRE_MANIFEST_H
#define QUIRE_MANIFEST_H

#include <stddef.h>

#include "doc.h"

/*
 * Writes the manifest of a run to path as JSON (format in README.md, "The manifest"): quire's
 * version, the command line's arguments, the snapshot date and selection, every output's path,
 * size and SHA-256, and every source file's path (archive-relative), size and SHA-256: the
 * articles (with their id, title, date and source URL), archive.yaml, and the photos they use.
 * Written under a temporary name and renamed when complete. Returns 0, or -1 after an error
 * message.
 */
int manifest_write(const char *path, const struct archive *ar, const char *version, int argc,
                   char *const *argv, char *const *outputs, size_t noutputs);

/*
 * Compares the sources of ar with those listed in the earlier manifest at old_path and prints
 * on stderr what was added, removed or changed (by SHA-256), one line each, then a count. Sets
 * *lines to the same findings without the "quire: " ("changed: city/x.md"; caller frees each
 * and the array). Returns 0, or -1 after an error message when old_path cannot be read as a
 * manifest.
 */
int manifest_compare(const char *old_path, const struct archive *ar, char ***lines,
                     size_t *nlines);

#endif
