/* Web archives in the WARC format (ISO 28500, WARC 1.0 and 1.1): an index of a file's records,
 * and each record's HTTP payload read on demand. */
#ifndef QUIRE_WARC_H
#define QUIRE_WARC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "doc.h"

enum warc_type {
	WARC_OTHER = 0,         /* warcinfo, request, metadata, conversion, continuation */
	WARC_RESPONSE,          /* a server's response: HTTP headers, then the payload */
	WARC_RESOURCE,          /* a resource without HTTP headers: the block is the payload */
	WARC_REVISIT            /* the same payload as an earlier capture, which holds it */
};

/* One record of a WARC file, as the index knows it. Offsets count uncompressed bytes. */
struct warc_rec {
	enum warc_type type;
	uint64_t off;           /* where the record starts */
	uint64_t file_off;      /* where it starts in the file: its gzip member's byte in a
	                         * .warc.gz (as CDX indexes give it), else off */
	uint64_t block_off;     /* where its block starts */
	uint64_t block_len;     /* the block's Content-Length */
	uint64_t http_len;      /* bytes of HTTP headers at the start of the block */
	char *uri;              /* WARC-Target-URI (without angle brackets), or NULL */
	struct date date;       /* WARC-Date; year 0 when missing or unreadable */
	char *digest;           /* WARC-Payload-Digest as written ("sha1:..."), or NULL */
	char *refers;           /* a revisit's WARC-Refers-To-Target-URI, or NULL */
	int status;             /* the HTTP status; 200 for a resource; 0 when unreadable */
	char *reason;           /* the HTTP status line's reason phrase, or NULL */
	char *mime;             /* the payload's media type in lower case, without parameters */
	char *charset;          /* the Content-Type's charset parameter, or NULL */
	char *location;         /* the Location header of a redirect, or NULL */
	char *encoding;         /* Content-Encoding in lower case, or NULL */
	int chunked;            /* 1: Transfer-Encoding: chunked */
	int truncated;          /* 1: WARC-Truncated, or the file ends inside the block */
};

/* An indexed WARC file. */
struct warc {
	char *label;            /* the file's name in messages */
	FILE *f;                /* the file (or the decompressed copy of a gzip stream) */
	int gz;                 /* 1: f is gzip, one member per record (sync points below) */
	uint64_t *sync_c, *sync_u; /* gzip member starts: compressed and uncompressed offsets */
	size_t nsync;
	struct warc_rec *recs;
	size_t nrecs;
};

/*
 * Indexes the WARC file open as f (plain, gzip with one member a record, or one gzip stream:
 * then it is decompressed once into a temporary file), named label in messages; w takes f and
 * closes it. Damage is warned about and the records before it are kept. Returns 0, or -1
 * after an error message when nothing can be read. Free with warc_close.
 */
int warc_open(struct warc *w, FILE *f, const char *label);

/*
 * Reads the payload of record i: the block after its HTTP headers, with the transfer coding
 * (chunked) and the content coding (gzip, deflate, br) undone. Fails past max bytes. Returns 0
 * and sets *out (caller frees; NUL-terminated) and *len, or -1 with *why set to a static reason.
 */
int warc_payload(struct warc *w, size_t i, size_t max, char **out, size_t *len,
                 const char **why);

/* Returns a temporary file in $TMPDIR (default /tmp), open for reading and writing and
 * already unlinked, or NULL after an error message. The caller closes it. */
FILE *warc_tmpfile(void);

/* Frees what the index holds and closes the file. Accepts a zeroed w. */
void warc_close(struct warc *w);

#endif
