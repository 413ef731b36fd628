/* Small shared pieces: allocation that aborts on failure, a growable buffer, strings and paths. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "util.h"

static void
nomem(void)
{
	fputs("quire: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		nomem();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

static void
grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_put(struct buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_put(b, s, n);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

int
strset_add(struct strset *s, const char *key, size_t val)
{
	if ((s->len + 1) * 2 > s->cap) {
		struct strset n = {0};
		n.cap = s->cap ? s->cap * 2 : 64;
		n.keys = xcalloc(n.cap, sizeof(char *));
		n.vals = xcalloc(n.cap, sizeof(size_t));
		for (size_t i = 0; i < s->cap; i++) {
			if (s->keys[i] == NULL)
				continue;
			size_t j = hash(s->keys[i]) & (n.cap - 1);
			while (n.keys[j])
				j = (j + 1) & (n.cap - 1);
			n.keys[j] = s->keys[i];
			n.vals[j] = s->vals[i];
		}
		n.len = s->len;
		free(s->keys);
		free(s->vals);
		*s = n;
	}
	size_t j = hash(key) & (s->cap - 1);
	while (s->keys[j]) {
		if (strcmp(s->keys[j], key) == 0)
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->keys[j] = xstrdup(key);
	s->vals[j] = val;
	s->len++;
	return 1;
}

int
strset_get(const struct strset *s, const char *key, size_t *val)
{
	if (s->cap == 0)
		return 0;
	size_t j = hash(key) & (s->cap - 1);
	while (s->keys[j]) {
		if (strcmp(s->keys[j], key) == 0) {
			if (val)
				*val = s->vals[j];
			return 1;
		}
		j = (j + 1) & (s->cap - 1);
	}
	return 0;
}

void
strset_free(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

int
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int len;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int
utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp)
{
	while (*i < n) {
		int l = utf8_decode(s + *i, n - *i, cp);
		if (l > 0) {
			*i += (size_t)l;
			return 1;
		}
		(*i)++;
	}
	return 0;
}

char *
utf8_repair(const char *s, size_t n, size_t *outlen, unsigned *bad)
{
	struct buf b = {0};
	unsigned line = 1;
	size_t i = 0;

	*bad = 0;
	/* A byte order mark at the start is dropped. */
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	grow(&b, n - i);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k;

		if (c == '\r') {
			buf_putc(&b, '\n');
			line++;
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c == '\n')
			line++;
		if (c != 0 && c < 0x80) {
			buf_putc(&b, c);
			i++;
			continue;
		}
		k = c ? utf8_decode(s + i, n - i, &cp) : 0;
		if (k == 0) {
			if (*bad == 0)
				*bad = line;
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		buf_put(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	*outlen = b.len;
	return buf_detach(&b);
}

char *
slugify(const char *s, size_t max)
{
	struct buf b = {0};
	int dash = 0;

	for (; *s && b.len < max; s++) {
		unsigned char c = (unsigned char)*s;
		if (ascii_islower(c) || ascii_isdigit(c)) {
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, c);
		} else if (ascii_isupper(c)) {
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, ascii_tolower(c));
		} else if (c >= 0x80 && (c & 0xC0) == 0x80) {
			/* A continuation byte of a non-ASCII letter: it was already counted. */
		} else
			dash = 1;
	}
	if (b.len == 0)
		buf_puts(&b, "untitled");
	return buf_detach(&b);
}

char *
strtrim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && ascii_isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (ascii_isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

char *
strsquash(const char *s)
{
	struct buf b = {0};
	int sp = 0;

	for (; *s; s++) {
		if (ascii_isspace((unsigned char)*s)) {
			sp = 1;
			continue;
		}
		if (sp && b.len)
			buf_putc(&b, ' ');
		sp = 0;
		buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

int
startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
endswith_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

char *
path_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir);

	if (n == 0)
		return xstrdup(rel);
	if (dir[n - 1] == '/')
		return xasprintf("%s%s", dir, rel);
	return xasprintf("%s/%s", dir, rel);
}

char *
path_dir(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
}

char *
names_join(char *const *names, size_t n)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, i + 1 == n ? " and " : ", ");
		buf_puts(&b, names[i]);
	}
	return buf_detach(&b);
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
path_resolve(const char *base, const char *ref)
{
	struct buf b = {0};
	char **parts = NULL;
	size_t nparts = 0;
	char *work, *tok, *save = NULL;

	if (ref[0] == '/' || ref[0] == '\0' || strchr(ref, ':') != NULL || strchr(ref, '\\'))
		return NULL;
	/* Decode %XX escapes; refuse an encoded NUL or slash trickery. */
	for (const char *p = ref; *p && *p != '?' && *p != '#'; p++) {
		int h, l;
		if (*p == '%' && (h = hex_value(p[1])) >= 0 && (l = hex_value(p[2])) >= 0) {
			int c = h * 16 + l;
			if (c == 0) {
				buf_free(&b);
				return NULL;
			}
			buf_putc(&b, c);
			p += 2;
		} else
			buf_putc(&b, *p);
	}
	work = xasprintf("%s/%s", base, buf_str(&b));
	buf_free(&b);
	parts = xcalloc(strlen(work) + 1, sizeof(char *));
	for (tok = strtok_r(work, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (nparts == 0) {
				free(parts);
				free(work);
				return NULL;
			}
			nparts--;
			continue;
		}
		parts[nparts++] = tok;
	}
	for (size_t i = 0; i < nparts; i++) {
		if (i)
			buf_putc(&b, '/');
		buf_puts(&b, parts[i]);
	}
	free(parts);
	free(work);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int
file_read(const char *path, char **data, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			buf_free(&b);
			errno = e;
			return -1;
		}
		buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

void
sha256(const void *data, size_t len, unsigned char out[32])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
hex32(const unsigned char in[32], char out[65])
{
	static const char hx[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = hx[in[i] >> 4];
		out[2 * i + 1] = hx[in[i] & 15];
	}
	out[64] = '\0';
}

/* Returns the length of the subtag at s (up to '-' or the end) when it is 1-8 ASCII letters or
 * digits, else 0; sets *alpha and *digit to whether it holds only letters, only digits. */
static size_t
subtag(const char *s, int *alpha, int *digit)
{
	size_t n = 0;

	*alpha = *digit = 1;
	for (; s[n] && s[n] != '-'; n++) {
		if (!ascii_isalnum((unsigned char)s[n]) || n == 8)
			return 0;
		*alpha &= ascii_isalpha((unsigned char)s[n]);
		*digit &= ascii_isdigit((unsigned char)s[n]);
	}
	return n;
}

int
lang_valid(const char *s)
{
	/* Where a subtag may be: the language, up to three extlangs, script, region, variants,
	 * extensions (a singleton and its subtags), private use (x and its subtags). */
	enum { LANG, EXTLANG, SCRIPT, REGION, VARIANT, EXT_FIRST, EXT, PRIV_FIRST, PRIV } at = LANG;
	int alpha, digit, extlangs = 0;
	size_t n;

	if (s == NULL || *s == '\0')
		return 0;
	if ((s[0] == 'x' || s[0] == 'X') && s[1] == '-')
		at = PRIV_FIRST, s += 2;
	for (;; s += n + 1) {
		if ((n = subtag(s, &alpha, &digit)) == 0)
			return 0;
		switch (at) {
		case LANG:
			if (!alpha || n == 1)
				return 0;
			at = n <= 3 ? EXTLANG : SCRIPT;
			break;
		case EXTLANG:
			if (alpha && n == 3 && extlangs < 3) {
				extlangs++;
				break;
			}
			/* fall through */
		case SCRIPT:
			if (alpha && n == 4) {
				at = REGION;
				break;
			}
			/* fall through */
		case REGION:
			if ((alpha && n == 2) || (digit && n == 3)) {
				at = VARIANT;
				break;
			}
			/* fall through */
		case VARIANT:
			if (n >= 5 || (n == 4 && ascii_isdigit((unsigned char)s[0]))) {
				at = VARIANT;
				break;
			}
			/* fall through */
		case EXT:
			if (at == EXT && n >= 2)
				break;
			if (n == 1 && (s[0] == 'x' || s[0] == 'X'))
				at = PRIV_FIRST;
			else if (n == 1)
				at = EXT_FIRST;
			else
				return 0;
			break;
		case EXT_FIRST:
			if (n < 2)
				return 0;
			at = EXT;
			break;
		case PRIV_FIRST:
		case PRIV:
			at = PRIV;
			break;
		default:
			abort();
		}
		if (s[n] == '\0')
			return at != EXT_FIRST && at != PRIV_FIRST;
	}
}

char *
url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	int fragment = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* Characters no URL may hold, a second '#', and a '%' that starts no escape. */
		int bad = *p <= 0x20 || *p == 0x7F || strchr("\"<>\\^`{|}", *p) != NULL ||
		    (*p == '#' && fragment) ||
		    (*p == '%' && (hex_value(p[1]) < 0 || hex_value(p[2]) < 0));
		if (*p == '#')
			fragment = 1;
		if (bad) {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		} else
			buf_putc(&b, *p);
	}
	return b.data ? buf_detach(&b) : xstrdup("");
}

char *
utf_bom_decode(const char *s, size_t n, size_t *outlen, const char **name)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b = {0};
	size_t unit;
	int big;

	if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
		unit = 4, big = 0, *name = "UTF-32LE";
	else if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
		unit = 4, big = 1, *name = "UTF-32BE";
	else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		unit = 2, big = 0, *name = "UTF-16LE";
	else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		unit = 2, big = 1, *name = "UTF-16BE";
	else
		return NULL;
	buf_put(&b, "", 0);
	for (size_t i = unit; i + unit <= n; i += unit) {
		const unsigned char *c = u + i;
		uint32_t cp = unit == 4 ?
		    (big ? (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3] :
		        (uint32_t)c[3] << 24 | (uint32_t)c[2] << 16 | (uint32_t)c[1] << 8 | c[0]) :
		    (big ? (uint32_t)c[0] << 8 | c[1] : (uint32_t)c[1] << 8 | c[0]);
		if (unit == 2 && cp >= 0xD800 && cp < 0xDC00 && i + 4 <= n) {
			const unsigned char *d = c + 2;
			uint32_t lo = big ? (uint32_t)d[0] << 8 | d[1] : (uint32_t)d[1] << 8 | d[0];
			if (lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		/* Lone surrogates, NUL and what lies past Unicode become U+FFFD, as in UTF-8. */
		if (cp == 0 || (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
			cp = 0xFFFD;
		buf_put_utf8(&b, cp);
	}
	*outlen = b.len;
	return buf_detach(&b);
}
