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

struct ymap {
	struct yval *v;
	size_t n;
	const char *dropped;    /* why the first value left out was (static text), or NULL */
	unsigned dropped_line;  /* its line */
};

/* Parses text (len bytes) holding one YAML mapping. line0 is added to reported lines (the line
 * of the text's first line minus 1). Returns 0, or -1 with *err (static text) and *errline set;
 * the map then holds what was read before the error. Caller frees with ymap_free. */
int ymap_parse(const char *text, size_t len, unsigned line0, struct ymap *out, const char **err,
               unsigned *errline);

/* Returns the value of key, or NULL. */
const struct yval *ymap_get(const struct ymap *m, const char *key);

/* Frees what ymap_parse allocated. Accepts a zeroed map. */
void ymap_free(struct ymap *m);

#endif
