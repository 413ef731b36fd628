/* The reader interface: each input format turns one file's text into an article's metadata and body. */
#ifndef QUIRE_READ_H
#define QUIRE_READ_H

#include <stddef.h>

#include "doc.h"
#include "util.h"

/* The deepest nesting of blocks a reader builds; deeper input is flattened into the last level. */
#define READ_MAX_DEPTH 32

/* The most cells a table keeps: the rest of its rows are dropped while it is read, with a
 * warning, for every cell costs a structure element and a layout in the PDF. */
#define READ_MAX_TABLE_CELLS 10000

/* What a page read from a web archive knows about where it was captured (archive_web.c). */
struct read_web {
	const char *file;       /* the web archive's archive-relative path */
	const char *url;        /* the page's URL (or its <base>): references resolve against it */
	const char *charset;    /* the charset of the HTTP Content-Type, or NULL */
	/* Finds the payload captured for the absolute url in the same web archive, at most max
	 * bytes. Returns 0 and sets *data (caller frees) and *len, or -1 with *why set. */
	int (*fetch)(void *arg, const char *url, size_t max, char **data, size_t *len,
	             const char **why);
	/* Returns the archive path of the page captured at the absolute url when it is an
	 * article of the archive, or NULL. */
	const char *(*page)(void *arg, const char *url);
	void *arg;
};

/* What a reader needs to know about the archive it reads from. */
struct read_ctx {
	const char *root;               /* archive folder as given, for file access and messages */
	const struct strset *articles;  /* archive-relative paths of every article in the archive */
	struct bodystore *photos;       /* where photos that are no files go (data: URLs, web
	                                 * captures), by name; NULL: such photos are refused */
	const struct read_web *web;     /* NULL, except for a page of a web archive */
	enum dir dir;                   /* the archive's direction (DIR_LTR unless it says) */
};

/*
 * Each reader gets the file's text as valid UTF-8 with LF line ends, NUL-terminated (len bytes),
 * and an article whose path, kind and size are set and whose other fields are empty. It fills
 * every metadata field the input gives (title, date, authors, source, section, tags, lang, dir,
 * summary, image, image_caption) and sets a->body to a NODE_BODY tree. Fields the input does
 * not give stay NULL/zero; archive.c supplies the defaults (file-name title and date).
 * Problems in the input are reported with msg_warn(file, line, ...) where file is
 * read_label(ctx, a), and repaired. Returns 0, or -1 when nothing could be read at all.
 */
int read_md(const struct read_ctx *ctx, struct article *a, const char *text, size_t len);
int read_html(const struct read_ctx *ctx, struct article *a, const char *text, size_t len);
int read_text(const struct read_ctx *ctx, struct article *a, const char *text, size_t len);

/* Reads an HTML page from the file's raw bytes in any encoding: a byte order mark or a <meta>
 * charset in the first 4 KB decides, else UTF-8, else windows-1252. Bytes invalid in the chosen
 * encoding are replaced with a warning. Otherwise the same contract as read_html. */
int read_html_raw(const struct read_ctx *ctx, struct article *a, const char *raw, size_t len);

/* One input format: the readers above, in one table keyed by file name extension (read.c).
 * Adding an input format is one reader file and one row of that table. */
struct reader {
	const char *ext;        /* the extension, lower case, with its dot: ".md" */
	int raw;                /* 1: takes the file's bytes as they are and finds their encoding
	                         * itself; 0: takes valid UTF-8 with LF line ends */
	int (*read)(const struct read_ctx *ctx, struct article *a, const char *text, size_t len);
	int web;                /* 1: a web archive, many pages in one file, each read by
	                         * read_html_raw (archive_web.c); read is NULL */
};

/* Returns the length of the file part of an article's or photo's archive path: all of it, or
 * what comes before the "//" of a page or photo kept inside a file (read_image_src). */
size_t read_file_part(const char *path);

/* Returns the reader for a file named name (by its extension, ignoring case), or NULL when
 * the file is not an article. */
const struct reader *read_find(const char *name);

/* Returns the path to name in messages about a ("archive/news/x.md"). Caller frees. */
char *read_label(const struct read_ctx *ctx, const struct article *a);

/* Parses YAML front matter at the start of text ("---\n...\n---\n") into a's metadata.
 * Returns the offset of the body after it (0 when there is none) and sets *body_line to the
 * 1-based line where the body starts. Broken front matter gets a warning with its line and is
 * skipped as a whole (the offset still points past it when its end is found). */
size_t read_front_matter(const struct read_ctx *ctx, struct article *a, const char *text,
                         size_t len, unsigned *body_line);

/* Sets img->url to the archive-relative path of src as referenced from article a, after checking
 * that it is a local file inside the archive; otherwise leaves url NULL and warns (remote images
 * are never fetched; the alt text stays). A data: URL is decoded and kept in ctx->photos under
 * the name "PATH//embedded-DIGEST"; in a page of a web archive, src is resolved against the page's
 * URL and found among the archive's captures, kept under the name "FILE//URL". Such names
 * hold "//", which no archive-relative path does. */
void read_image_src(const struct read_ctx *ctx, const struct article *a, struct node *img,
                    const char *src, unsigned line);

/* Classifies href for a NODE_LINK: http, https and mailto are LINK_EXTERNAL; "#x" is LINK_ANCHOR;
 * a relative path to another article becomes LINK_ARTICLE (url = its archive path, id = the
 * fragment). In a page of a web archive, href is resolved against the page's URL: a page the
 * archive holds as an article becomes LINK_ARTICLE, any other http(s) URL LINK_EXTERNAL. Returns 0 when the link is kept, -1 when it must be dropped (its text kept): other
 * schemes (javascript:, data:, file:...), or relative links to files that are not articles; a
 * warning says so. */
int read_link_href(const struct read_ctx *ctx, const struct article *a, struct node *link,
                   const char *href, unsigned line);

/* Returns 1 when x and y are the same words: equal after squashing white space, ignoring ASCII
 * case (a heading that repeats the title, a line that repeats a caption). */
int read_same_words(const char *x, const char *y);

/* Appends a NODE_TEXT with a copy of s (n bytes) to parent, merging with a preceding text node. */
void read_add_text(struct node *parent, const char *s, size_t n);

#endif
