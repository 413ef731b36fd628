/* Finding an archive's articles, reading their metadata up front and their bodies one at a time. */
#ifndef QUIRE_ARCHIVE_H
#define QUIRE_ARCHIVE_H

#include "doc.h"
#include "image.h"
#include "options.h"

/* Folders deeper than this are not searched (nor climbed, looking for an archive.yaml). */
#define ARCHIVE_MAX_DEPTH 32

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

/* Finds the archive a single file belongs to: the nearest folder above it that holds an
 * archive.yaml, else the file's own folder. Returns the folder ("." for the current one; caller
 * frees) and sets *rel to the file's path inside it (caller frees). */
char *archive_find_root(const char *path, char **rel);

/* Reads the bytes of photo (one of ar->photos: a file of the folder, or a photo kept inside a
 * web archive or a data: URL). Returns 0 and sets *data (caller frees) and *len, or -1 with
 * *why set. Safe to call from several threads at once. */
int archive_photo_read(const struct archive *ar, const char *photo, char **data, size_t *len,
                       const char **why);

/* The SHA-256 of photo's bytes, read and hashed once a run (the archive keeps it): sets sha
 * and *len and returns 0, or returns -1 with *why set (sha zeroed) when it cannot be read.
 * A name not in ar->photos is read and hashed each time. Safe from several threads. */
int archive_photo_digest(const struct archive *ar, const char *photo, unsigned char sha[32],
                         uint64_t *len, const char **why);
/* Makes and frees the digests' store (archive_open and archive_clear call them). */
void archive_digests_init(struct archive *ar);
void archive_digests_free(struct archive *ar);

/* Reads photo's header into *info as image_probe does. Returns 0, or -1 with *why set. */
int archive_photo_probe(const struct archive *ar, const char *photo, struct image_info *info,
                        const char **why);

/* Returns the size of photo in bytes, 0 when it cannot be read. */
uint64_t archive_photo_size(const struct archive *ar, const char *photo);

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
