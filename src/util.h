/* Small shared pieces: allocation that aborts on failure, a growable buffer, strings and paths. */
#ifndef QUIRE_UTIL_H
#define QUIRE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation wrappers: they print a message and abort when memory runs out, never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new string formatted like printf. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated after len bytes. */
struct buf {
	char *data;             /* NULL until something is put */
	size_t len;
	size_t cap;
};

void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends code point cp as UTF-8. */
void buf_put_utf8(struct buf *b, uint32_t cp);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);
/* Returns the contents as a string the caller frees ("" when empty) and empties the buffer. */
char *buf_detach(struct buf *b);
/* Frees the buffer's memory. */
void buf_free(struct buf *b);
/* Returns the contents as a string that stays valid until the buffer changes ("" when empty). */
const char *buf_str(const struct buf *b);

/* A set of strings (a hash table); keys are copied. */
struct strset {
	char **keys;
	size_t *vals;
	size_t cap;
	size_t len;
};
/* Adds key with value val if absent. Returns 1 if added, 0 if it was there (val is not changed). */
int strset_add(struct strset *s, const char *key, size_t val);
/* Returns 1 and sets *val if key is present, else 0. val may be NULL. */
int strset_get(const struct strset *s, const char *key, size_t *val);
void strset_free(struct strset *s);

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length (1..4) and sets *cp,
 * or returns 0 for an invalid sequence. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Steps through the n bytes of UTF-8 at s from *i: sets *cp to the next valid code point and
 * moves *i past it, skipping invalid bytes. Returns 0 at the end. */
int utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp);
/* When s (n bytes) starts with a UTF-16 or UTF-32 byte-order mark (either endianness), returns
 * its text as UTF-8 without the mark (NUL, lone surrogates and out-of-range units as U+FFFD),
 * sets *outlen and *name ("UTF-16LE"...); otherwise returns NULL. Caller frees. */
char *utf_bom_decode(const char *s, size_t n, size_t *outlen, const char **name);

/* Returns a copy of s (n bytes) in which invalid UTF-8 and NUL bytes are replaced by U+FFFD and
 * CR LF / CR are turned into LF. *bad is set to the 1-based line of the first repair, or 0.
 * Caller frees; *outlen gets the length. */
char *utf8_repair(const char *s, size_t n, size_t *outlen, unsigned *bad);

/* Returns a lower-case ASCII slug of s ("Hello, World!" -> "hello-world"), at most max bytes;
 * "untitled" when nothing is left. Caller frees. */
char *slugify(const char *s, size_t max);
/* Trims ASCII white space at both ends, in place; returns s. */
char *strtrim(char *s);
/* Collapses runs of white space to one space and trims; returns a new string. Caller frees. */
char *strsquash(const char *s);
/* Returns 1 when s starts with prefix. */
int startswith(const char *s, const char *prefix);
/* Returns 1 when s ends with suffix, ignoring ASCII case. */
int endswith_ci(const char *s, const char *suffix);

/* Joins names as English prose: "A", "A and B", "A, B and C". Caller frees. */
char *names_join(char *const *names, size_t n);
/* ASCII character classes, whatever the locale: bytes of non-ASCII characters are in none. */
static inline int
ascii_isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int
ascii_islower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline int
ascii_isalpha(int c)
{
	return ascii_isupper(c) || ascii_islower(c);
}

static inline int
ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
ascii_isalnum(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c);
}

/* Space, tab, line feed, vertical tab, form feed and carriage return (C's isspace). */
static inline int
ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Returns c in lower case when it is an ASCII capital, else c. */
static inline int
ascii_tolower(int c)
{
	return ascii_isupper(c) ? c - 'A' + 'a' : c;
}

/* Returns 1 when s is a well-formed BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW",
 * "de-CH-1996", "x-private"): letters and digits in subtags of the lengths the grammar allows,
 * in its order. The registry is not consulted. */
int lang_valid(const char *s);

/* Returns s with the characters a URL may not hold percent-encoded (controls, space, '"',
 * '<', '>', '\\', '^', '`', '{', '|', '}', a second '#', a '%' that starts no escape); other
 * characters, UTF-8 included, are kept. Caller frees. */
char *url_escape(const char *s);

/* Returns the value of a hexadecimal digit, or -1. */
int hex_value(int c);

/* Joins a folder and a relative path with one '/'. Caller frees. */
char *path_join(const char *dir, const char *rel);
/* Returns the folder part of a '/'-separated relative path ("" for none). Caller frees. */
char *path_dir(const char *rel);
/* Resolves ref relative to the folder base inside the archive: removes "." and "..", decodes
 * %XX escapes. Returns NULL when the result would leave the archive or ref is absolute.
 * Caller frees. */
char *path_resolve(const char *base, const char *ref);

/* Reads a whole file. Returns 0 and sets *data (NUL-terminated, caller frees) and *len,
 * or -1 with errno set. */
int file_read(const char *path, char **data, size_t *len);

/* SHA-256 of data (nettle). */
void sha256(const void *data, size_t len, unsigned char out[32]);
/* Writes 64 lower-case hex digits and a NUL to out. */
void hex32(const unsigned char in[32], char out[65]);

#endif
