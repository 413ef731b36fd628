/* URLs of captured web pages: resolving references against a page's URL, and data: URLs. */
#ifndef QUIRE_URL_H
#define QUIRE_URL_H

#include <stddef.h>

/* Returns 1 when s starts with a URL scheme and its colon ("https:"), 0 otherwise. */
int url_has_scheme(const char *s);

/*
 * Resolves the reference ref against the absolute URL base as RFC 3986 section 5.2 says (dot
 * segments removed, the fragment dropped), and normalises the result the way a capture tool
 * writes it: scheme and host in lower case, bytes outside printable ASCII and spaces
 * percent-encoded. Returns NULL when base is not an absolute http(s) URL and ref is not one
 * either. Caller frees.
 */
char *url_resolve(const char *base, const char *ref);

/*
 * Decodes a data: URL ("data:image/png;base64,iVBO...", or percent-encoded without ";base64").
 * Returns 0 and sets *out (caller frees; NUL-terminated) and *len, and *type to a copy of its
 * media type in lower case ("" when none; caller frees), or -1 with *why set when it is
 * malformed. Decoding stops with an error past max bytes.
 */
int url_data_decode(const char *url, size_t max, char **out, size_t *len, char **type,
                    const char **why);

/*
 * Returns the site of a URL with "://" (the host, in lower case, without "www.", user or
 * port), or NULL when url is NULL or has none. Caller frees.
 */
char *url_site(const char *url);

#endif
