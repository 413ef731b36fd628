/* Writing XML files with libxml2's text writer, behind a small interface without library types. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "util.h"
#include "xml.h"

/* What an open element means to Kobo's markup. */
enum kobo_kind {
	KOBO_OTHER = 0,
	KOBO_BLOCK,             /* starts a new paragraph number */
	KOBO_CODE,              /* pre, code: its text is not cut */
	KOBO_IMG,               /* closed together with the span around it */
	KOBO_BODY               /* closed together with the two wrappers */
};

struct xml {
	xmlTextWriterPtr w;
	xmlBufferPtr buf;       /* the document's bytes */
	int failed;             /* a write returned an error */
	int kobo;               /* 1: Kobo's markup (xml_kobo) */
	int wrap;               /* 1: the body is open and its wrappers are due */
	unsigned para, sent;    /* the current block's number and its last sentence's */
	unsigned code;          /* open code elements */
	int body;               /* 1 inside the body */
	unsigned char *kinds;   /* the open elements' enum kobo_kind, depth of them */
	size_t depth, cap;
};

static void
check(struct xml *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

struct xml *
xml_open(void)
{
	struct xml *x = xcalloc(1, sizeof(*x));

	x->buf = xmlBufferCreate();
	x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
	if (x->w == NULL) {
		fputs("quire: out of memory\n", stderr);
		abort();
	}
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
	return x;
}

void
xml_doctype(struct xml *x, const char *name)
{
	check(x, xmlTextWriterWriteDTD(x->w, BAD_CAST name, NULL, NULL, NULL));
	check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST "\n"));
}

void
xml_kobo(struct xml *x)
{
	x->kobo = 1;
}

/* Opens the body's wrappers once the body's attributes are written. */
static void
wrap(struct xml *x)
{
	if (!x->wrap)
		return;
	x->wrap = 0;
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST "div"));
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "id", BAD_CAST "book-columns"));
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST "div"));
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "id", BAD_CAST "book-inner"));
}

/* Opens the span for the next sentence of the current block. */
static void
span(struct xml *x)
{
	char id[48];

	if (x->para == 0)
		x->para = 1;
	snprintf(id, sizeof(id), "kobo.%u.%u", x->para, ++x->sent);
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST "span"));
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "class", BAD_CAST "koboSpan"));
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "id", BAD_CAST id));
}

static enum kobo_kind
kind_of(const char *name)
{
	static const char *const blocks[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li",
	    "figcaption", "td", "th", "blockquote", "ul", "ol", "table", "dt", "dd"};

	if (strcmp(name, "pre") == 0 || strcmp(name, "code") == 0)
		return KOBO_CODE;
	if (strcmp(name, "img") == 0)
		return KOBO_IMG;
	if (strcmp(name, "body") == 0)
		return KOBO_BODY;
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcmp(name, blocks[i]) == 0)
			return KOBO_BLOCK;
	return KOBO_OTHER;
}

void
xml_start(struct xml *x, const char *name)
{
	enum kobo_kind k;

	if (!x->kobo) {
		check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
		return;
	}
	wrap(x);
	k = kind_of(name);
	if (x->depth == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 32;
		x->kinds = xrealloc(x->kinds, x->cap);
	}
	x->kinds[x->depth++] = (unsigned char)k;
	if (k == KOBO_BLOCK || k == KOBO_IMG || (k == KOBO_CODE && x->code == 0 &&
	    strcmp(name, "pre") == 0)) {
		x->para++;
		x->sent = 0;
	}
	x->code += k == KOBO_CODE;
	if (k == KOBO_IMG)
		span(x);
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
	if (k == KOBO_BODY)
		x->wrap = x->body = 1;
}

/* Returns a copy of s without the control characters XML 1.0 cannot hold (all of C0 but tab,
 * line feed and carriage return), or NULL when s has none. Caller frees. */
static char *
xml_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *w;

	while (*p && (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (*p == '\0')
		return NULL;
	out = w = xstrdup(s);
	for (p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
			*w++ = (char)*p;
	*w = '\0';
	return out;
}

void
xml_attr(struct xml *x, const char *name, const char *value)
{
	char *c;

	if (value == NULL)
		return;
	c = xml_clean(value);
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST (c ? c : value)));
	free(c);
}

/* Returns the length of the sentence at the start of the n bytes at s: up to a full stop,
 * question or exclamation mark or ellipsis (Latin, Arabic, Urdu), the closing quotes and
 * brackets after it, and the white space after those; or all n bytes. */
static size_t
sentence(const char *s, size_t n)
{
	static const char *const stops[] = {".", "!", "?", "\u2026", "\u061F", "\u06D4"};
	static const char *const closers[] = {"\"", "'", ")", "]", "\u201D", "\u2019", "\u00BB"};
	size_t i = 0;

	while (i < n) {
		size_t k, len = 0;
		for (k = 0; k < sizeof(stops) / sizeof(stops[0]) && !len; k++)
			if (strncmp(s + i, stops[k], strlen(stops[k])) == 0)
				len = strlen(stops[k]);
		if (!len) {
			i++;
			continue;
		}
		i += len;
		for (int more = 1; more && i < n;) {
			more = 0;
			for (k = 0; k < sizeof(closers) / sizeof(closers[0]); k++)
				if (strncmp(s + i, closers[k], strlen(closers[k])) == 0) {
					i += strlen(closers[k]);
					more = 1;
				}
		}
		if (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) {
			while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
				i++;
			return i;
		}
	}
	return n;
}

/* Writes text cut into sentences, each in a koboSpan. */
static void
kobo_text(struct xml *x, const char *text)
{
	size_t n = strlen(text), i = 0;

	if (strspn(text, " \n\t") == n) {
		check(x, xmlTextWriterWriteString(x->w, BAD_CAST text));
		return;
	}
	while (i < n) {
		size_t len = sentence(text + i, n - i);
		char *part = xstrndup(text + i, len);
		span(x);
		check(x, xmlTextWriterWriteString(x->w, BAD_CAST part));
		check(x, xmlTextWriterEndElement(x->w));
		free(part);
		i += len;
	}
}

void
xml_text(struct xml *x, const char *text)
{
	char *c;

	if (text == NULL || *text == '\0')
		return;
	c = xml_clean(text);
	if (x->kobo)
		wrap(x);
	if (x->kobo && x->body && x->code == 0)
		kobo_text(x, c ? c : text);
	else
		check(x, xmlTextWriterWriteString(x->w, BAD_CAST (c ? c : text)));
	free(c);
}

void
xml_raw(struct xml *x, const char *raw)
{
	if (x->kobo)
		wrap(x);
	check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST raw));
}

void
xml_end(struct xml *x)
{
	enum kobo_kind k;

	if (!x->kobo || x->depth == 0) {
		check(x, xmlTextWriterEndElement(x->w));
		return;
	}
	wrap(x);
	k = x->kinds[--x->depth];
	x->code -= k == KOBO_CODE;
	if (k == KOBO_BODY) {
		x->body = 0;
		check(x, xmlTextWriterEndElement(x->w));
		check(x, xmlTextWriterEndElement(x->w));
	}
	check(x, xmlTextWriterEndElement(x->w));
	if (k == KOBO_IMG)
		check(x, xmlTextWriterEndElement(x->w));
}

void
xml_elem(struct xml *x, const char *name, const char *aname, const char *avalue, const char *text)
{
	xml_start(x, name);
	if (aname)
		xml_attr(x, aname, avalue);
	xml_text(x, text);
	xml_end(x);
}

int
xml_close(struct xml *x, struct buf *out)
{
	int rc;

	check(x, xmlTextWriterEndDocument(x->w));
	/* Freeing the writer flushes it into the buffer. */
	xmlFreeTextWriter(x->w);
	buf_put(out, xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
	xmlBufferFree(x->buf);
	rc = x->failed ? -1 : 0;
	free(x->kinds);
	free(x);
	return rc;
}
