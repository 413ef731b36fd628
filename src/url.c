/* URLs of captured web pages: resolving references against a page's URL, and data: URLs. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"
#include "util.h"

/* A URL cut into its parts; each is a (pointer, length) view into the string, len -1 when the
 * part is absent (an empty query "?" is present with length 0). */
struct part {
	const char *p;
	long len;
};

struct url {
	struct part scheme, auth, path, query;
};

int
url_has_scheme(const char *s)
{
	size_t i = 0;

	if (!ascii_isalpha(s[0]))
		return 0;
	while (ascii_isalnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':';
}

/* Cuts s (no fragment) into its parts. */
static void
cut(const char *s, struct url *u)
{
	const char *p = s, *q;

	u->scheme.len = u->auth.len = u->query.len = -1;
	if (url_has_scheme(s)) {
		q = strchr(s, ':');
		u->scheme.p = s;
		u->scheme.len = q - s;
		p = q + 1;
	}
	if (p[0] == '/' && p[1] == '/') {
		p += 2;
		q = p + strcspn(p, "/?");
		u->auth.p = p;
		u->auth.len = q - p;
		p = q;
	}
	q = p + strcspn(p, "?");
	u->path.p = p;
	u->path.len = q - p;
	if (*q == '?') {
		u->query.p = q + 1;
		u->query.len = (long)strlen(q + 1);
	}
}

/* Appends path (n bytes) to out with its "." and ".." segments removed (RFC 3986 5.2.4). */
static void
put_path(struct buf *out, const char *path, size_t n)
{
	size_t start = out->len;
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		/* One segment: path[i..j), with its leading slash when it has one. */
		if (path[j] == '/')
			j++;
		while (j < n && path[j] != '/')
			j++;
		const char *seg = path + i + (path[i] == '/');
		size_t sl = j - i - (path[i] == '/');
		int slash = path[i] == '/', last = j >= n;
		if (sl == 1 && seg[0] == '.') {
			if (last)
				buf_putc(out, '/');
		} else if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out->len > start && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			out->data[out->len] = '\0';
			if (last)
				buf_putc(out, '/');
		} else {
			if (slash)
				buf_putc(out, '/');
			buf_put(out, seg, sl);
		}
		i = j;
	}
}

/* Appends s (n bytes) with the bytes no URL holds as they are percent-encoded. */
static void
put_escaped(struct buf *out, const char *s, size_t n, int lower)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c)) {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		} else
			buf_putc(out, lower && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
}

/* Returns a copy of s without leading and trailing white space and without the tabs and line
 * breaks inside it, which browsers ignore in URLs, and without its fragment. */
static char *
clean(const char *s)
{
	struct buf b = {0};
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	n = strcspn(s, "#");
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
	    s[n - 1] == '\r' || s[n - 1] == '\f'))
		n--;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			buf_putc(&b, s[i]);
	return buf_detach(&b);
}

char *
url_resolve(const char *base, const char *ref)
{
	char *r = clean(ref), *b = base ? clean(base) : xstrdup("");
	struct url B, R, T;
	struct buf path = {0}, out = {0};

	cut(b, &B);
	cut(r, &R);
	if (R.scheme.len < 0 && (B.scheme.len < 0 || B.auth.len < 0)) {
		free(r);
		free(b);
		return NULL;
	}
	T.scheme = R.scheme.len >= 0 ? R.scheme : B.scheme;
	if (R.scheme.len >= 0 || R.auth.len >= 0) {
		T.auth = R.auth;
		put_path(&path, R.path.p, (size_t)R.path.len);
		T.query = R.query;
	} else {
		T.auth = B.auth;
		if (R.path.len == 0) {
			buf_put(&path, B.path.p, (size_t)B.path.len);
			T.query = R.query.len >= 0 ? R.query : B.query;
		} else {
			struct buf merged = {0};
			if (R.path.p[0] == '/')
				buf_put(&merged, R.path.p, (size_t)R.path.len);
			else {
				const char *slash = NULL;
				for (long i = 0; i < B.path.len; i++)
					if (B.path.p[i] == '/')
						slash = B.path.p + i;
				if (slash)
					buf_put(&merged, B.path.p, (size_t)(slash - B.path.p) + 1);
				else if (B.auth.len >= 0)
					buf_putc(&merged, '/');
				buf_put(&merged, R.path.p, (size_t)R.path.len);
			}
			put_path(&path, merged.data ? merged.data : "", merged.len);
			buf_free(&merged);
			T.query = R.query;
		}
	}
	put_escaped(&out, T.scheme.p, (size_t)T.scheme.len, 1);
	buf_putc(&out, ':');
	if (T.auth.len >= 0) {
		buf_puts(&out, "//");
		put_escaped(&out, T.auth.p, (size_t)T.auth.len, 1);
		/* An http URL always has a path: "http://x" is "http://x/". */
		if (path.len == 0)
			buf_putc(&out, '/');
	}
	put_escaped(&out, path.data ? path.data : "", path.len, 0);
	if (T.query.len >= 0) {
		buf_putc(&out, '?');
		put_escaped(&out, T.query.p, (size_t)T.query.len, 0);
	}
	buf_free(&path);
	free(r);
	free(b);
	return buf_detach(&out);
}

/* Returns the value of a base64 digit, or -1. */
static int
b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

int
url_data_decode(const char *url, size_t max, char **out, size_t *len, char **type,
                const char **why)
{
	const char *comma, *p;
	struct buf b = {0};
	int base64 = 0;

	*out = NULL;
	*type = NULL;
	*len = 0;
	while (*url == ' ' || *url == '\t' || *url == '\n')
		url++;
	if (strncasecmp(url, "data:", 5) != 0 || (comma = strchr(url + 5, ',')) == NULL) {
		*why = "not a data: URL";
		return -1;
	}
	/* The header: media type, parameters, and ";base64" last. */
	{
		size_t n = (size_t)(comma - (url + 5));
		char *h = xstrndup(url + 5, n);
		char *semi = strchr(h, ';');
		for (char *s = semi; s; s = strchr(s + 1, ';')) {
			char *e = s + 1;
			while (*e == ' ')
				e++;
			if (strncasecmp(e, "base64", 6) == 0 && (e[6] == '\0' || e[6] == ';' ||
			    e[6] == ' '))
				base64 = 1;
		}
		if (semi)
			*semi = '\0';
		char *t = strsquash(h);
		for (char *c = t; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		*type = t;
		free(h);
	}
	p = comma + 1;
	if (base64) {
		unsigned acc = 0;
		int bits = 0;
		for (; *p; p++) {
			unsigned char c = (unsigned char)*p;
			int v;
			if (c == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
				c = (unsigned char)(hex_value(p[1]) * 16 + hex_value(p[2]));
				p += 2;
			}
			if (c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
				continue;
			if ((v = b64(c)) < 0) {
				*why = "bad base64";
				goto fail;
			}
			acc = (acc << 6) | (unsigned)v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				buf_putc(&b, (int)((acc >> bits) & 0xFF));
			}
			if (b.len > max) {
				*why = "too large";
				goto fail;
			}
		}
	} else {
		for (; *p; p++) {
			if (*p == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
				buf_putc(&b, hex_value(p[1]) * 16 + hex_value(p[2]));
				p += 2;
			} else
				buf_putc(&b, *p);
			if (b.len > max) {
				*why = "too large";
				goto fail;
			}
		}
	}
	if (b.len == 0) {
		*why = "empty";
		goto fail;
	}
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
fail:
	buf_free(&b);
	free(*type);
	*type = NULL;
	return -1;
}

char *
url_site(const char *url)
{
	const char *h, *e;
	char *s;

	if (url == NULL || (h = strstr(url, "://")) == NULL)
		return NULL;
	h += 3;
	for (e = h; *e && *e != '/' && *e != '?' && *e != '#'; e++)
		;
	/* user@host:port */
	for (const char *q = h; q < e; q++)
		if (*q == '@')
			h = q + 1;
	s = xstrndup(h, (size_t)(e - h));
	if (strrchr(s, ':') && s[0] != '[')
		*strrchr(s, ':') = '\0';
	for (char *q = s; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	if (strncmp(s, "www.", 4) == 0)
		memmove(s, s + 4, strlen(s + 4) + 1);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}
