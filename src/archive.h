/* Finding an archive's articles, reading their metadata up front and their bodies one at a time. */
#ifndef QUIRE_ARCHIVE_H
#define QUIRE_ARCHIVE_H

#include "doc.h"
#include "options.h"

/*
 * Opens the archive in folder root: reads archive.yaml, finds every article below root (skipping
 * names that start with '.' or '_'), reads and parses each one once (every warning about an
 * article is printed here), keeps its metadata and stores its body, skips drafts and the
 * articles opt's selection leaves out (--since, --until, --section, --tag), sorts by date, title
 * and path, assigns ids, and settles the snapshot date and identifier. Returns 0, or -1 after an
 * error message when root cannot be read. Free with archive_clear.
 */
int archive_open(struct archive *ar, const char *root, const struct options *opt);

/* Reads a's body again, quietly (its warnings were given by archive_open), with the model passes
 * applied. Returns a NODE_BODY tree the caller frees with node_free; NULL only if the file has
 * become unreadable (an error is printed). */
struct node *archive_body(const struct archive *ar, const struct article *a);

/* Reads the single file at path as an article of an archive rooted at its folder, with passes
 * applied and the body kept, for `quire --tree`. Returns 0, or -1 after an error message. The
 * caller clears a with article_clear. */
int archive_read_file(const char *path, struct article *a);

/* Derives an identifier from the archive's title and articles (paths and digests): the same
 * content gives the same one, a urn:uuid in the name-based layout. Caller frees. */
char *archive_derive_identifier(const struct archive *ar);

/* Checks that writing dest cannot harm the archive: dest must not be one of its inputs (an
 * article, a photo or archive.yaml, by inode, so also through a hard link), nor a symlink to
 * one. When explicit (a name the user gave), dest must not lie inside the archive folder nor
 * be a symlink into it either. Returns 0, or -1 after an error message that names --force. */
int archive_check_output(const struct archive *ar, const char *dest, int explicit);
/* The same for each of n names the user's names were made from (volumes' names), checked as
 * explicit ones; the inputs are looked at once for all of them. Returns 0, or -1 after a
 * message for each name refused. */
int archive_check_outputs(const struct archive *ar, char *const *dests, size_t n);

#endif
