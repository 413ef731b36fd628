/* A small YAML loader for flat mappings of scalars and lists: archive.yaml, front matter, styles. */
#ifndef QUIRE_YAMLMAP_H
#define QUIRE_YAMLMAP_H

#include <stddef.h>

/* One key of a mapping: a scalar, or a list of scalars. Nested mappings are kept as "a.b" keys. */
struct yval {
	char *key;
	char *scalar;           /* NULL for a list */
	char **list;            /* items when scalar is NULL */
	size_t nlist;
	unsigned line;          /* 1-based line of the key in the text */
};

/* A value left out of the map: why (static text) and the line it was on. */
struct ydrop {
	const char *why;
	unsigned line;
};

/* The values left out that a map keeps; further ones are only counted. */
#define YMAP_MAX_DROPS 20

struct ymap {
	struct yval *v;
	size_t n;
	struct ydrop drops[YMAP_MAX_DROPS];     /* the first values left out, in order */
	size_t ndrops;          /* how many values were left out in all */
};

/* Parses text (len bytes) holding one YAML mapping. line0 is added to reported lines (the line
 * of the text's first line minus 1). Returns 0, or -1 with *err (static text) and *errline set;
 * the map then holds what was read before the error. Caller frees with ymap_free. */
int ymap_parse(const char *text, size_t len, unsigned line0, struct ymap *out, const char **err,
               unsigned *errline);

/* Warns of each value left out, "FILE:LINE: warning: WHAT: why", and of how many more there were
 * past YMAP_MAX_DROPS. */
void ymap_warn_drops(const struct ymap *m, const char *file, const char *what);

/* Returns the value of key, or NULL. */
const struct yval *ymap_get(const struct ymap *m, const char *key);

/* Frees what ymap_parse allocated. Accepts a zeroed map. */
void ymap_free(struct ymap *m);

#endif
