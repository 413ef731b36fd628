/* Writing XML files with libxml2's text writer, behind a small interface without library types. */
#ifndef QUIRE_XML_H
#define QUIRE_XML_H

struct xml;

/* Starts an XML document (declaration included) written to the file at path. Returns NULL after
 * an error message when the file cannot be created. */
struct xml *xml_open(const char *path);

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

/* Ends the document and closes the file. Returns 0, or -1 when anything failed to be written
 * (the caller reports it). Accepts NULL (returns -1). */
int xml_close(struct xml *x);

#endif
