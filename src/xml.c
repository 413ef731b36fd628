/* Writing XML files with libxml2's text writer, behind a small interface without library types. */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/xmlwriter.h>

#include "util.h"
#include "xml.h"

struct xml {
	xmlTextWriterPtr w;
	xmlBufferPtr buf;       /* the document's bytes */
	int failed;             /* a write returned an error */
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
xml_start(struct xml *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
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

void
xml_text(struct xml *x, const char *text)
{
	char *c;

	if (text == NULL || *text == '\0')
		return;
	c = xml_clean(text);
	check(x, xmlTextWriterWriteString(x->w, BAD_CAST (c ? c : text)));
	free(c);
}

void
xml_raw(struct xml *x, const char *raw)
{
	check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST raw));
}

void
xml_end(struct xml *x)
{
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
	free(x);
	return rc;
}
