/* Writing XML files with libxml2's text writer, behind a small interface without library types. */
#ifndef QUIRE_XML_H
#define QUIRE_XML_H

#include "util.h"

struct xml;

/* Starts an XML document (declaration included), written to memory. Never returns NULL. */
struct xml *xml_open(void);

/* Writes <!DOCTYPE name>. */
void xml_doctype(struct xml *x, const char *name);
/* Opens an element. */
void xml_start(struct xml *x, const char *name);
/* Adds an attribute to the element just opened; value NULL writes nothing. */
void xml_attr(struct xml *x, const char *name, const char *value);
/* Writes escaped text. */
void xml_text(struct xml *x, const char *text);
/* Writes text that is already markup (a newline between blocks). */
void xml_raw(struct xml *x, const char *raw);
/* Closes the innermost open element (empty ones as <x/>). */
void xml_end(struct xml *x);
/* Writes <name>text</name>, with one optional attribute (aname NULL for none). */
void xml_elem(struct xml *x, const char *name, const char *aname, const char *avalue,
              const char *text);

/* Turns on Kobo's kepub markup for the XHTML page x is writing (call it before the body starts):
 * the body's content goes inside <div id="book-columns"><div id="book-inner">, the text of each
 * block (paragraph, heading, item, caption, cell) is cut into sentences, each in its own
 * <span class="koboSpan" id="kobo.P.S"> (P counts the page's blocks from 1, S the block's
 * sentences from 1), and each image is wrapped in a span of its own. Code is left as it is. */
void xml_kobo(struct xml *x);

/* Ends the document, appends its bytes to out and frees x. Returns 0, or -1 when anything failed
 * to be written (the caller reports it). */
int xml_close(struct xml *x, struct buf *out);

#endif
