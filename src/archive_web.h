/* Web archives in the archive folder: a WARC or WACZ file's pages, each read as an article. */
#ifndef QUIRE_ARCHIVE_WEB_H
#define QUIRE_ARCHIVE_WEB_H

#include <stddef.h>

#include "doc.h"
#include "read.h"

struct web;

/*
 * Opens the web archive rel (a .warc, .warc.gz or .wacz file below root) and indexes its
 * records: the pages it will give are its HTML responses with status 200, one per URL (the
 * latest capture), or for a WACZ the pages its pages/pages.jsonl and extraPages.jsonl list.
 * Redirects, revisit records, other statuses and duplicate captures are left out with a note
 * (msg_note: shown by --check). Returns NULL after an error message. Free with web_free.
 */
struct web *web_open(const char *root, const char *rel);

/* Returns how many pages web gives. */
size_t web_count(const struct web *web);

/* Returns the archive path of page i, "REL//URL" (the web keeps it). */
const char *web_path(const struct web *web, size_t i);

/*
 * Reads page i into a (zeroed) with the HTML reader: a->path is its archive path, the source
 * its WARC-Target-URI, the capture time its WARC-Date (also its date when the page gives none),
 * the digest its WARC-Payload-Digest; its images and links resolve against its URL among the
 * same file's captures (kept in ctx->photos), never the network. Warnings are printed here.
 * Returns 0, or -1 after an error message when the page cannot be read.
 */
int web_read(struct web *web, size_t i, const struct read_ctx *ctx, struct article *a);

/* Closes the file and frees the index. Accepts NULL. */
void web_free(struct web *web);

#endif
