/* The PDF device: a flow of laid-out boxes drawn onto Cairo's PDF surface, with tags and links. */
#ifndef QUIRE_PDF_DRAW_H
#define QUIRE_PDF_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pango.h>

#include "pdf_layout.h"
#include "pdf_ops.h"
#include "pdf_set.h"
#include "util.h"

/*
 * pdf.c sets the text (pdf_set.c: lines; Pango: captions, rows) into a flow; pdf_layout.c
 * cuts the flow's boxes into pages; this module draws each item where its box was placed. The
 * device never decides where anything goes.
 */

enum pdf_item_kind {
	PDF_ITEM_LINE = 0,      /* one line of a paragraph set by pdf_set.c */
	PDF_ITEM_FIGURE,        /* a photo (or its placeholder) and its caption */
	PDF_ITEM_RULE,          /* a thematic break */
	PDF_ITEM_ROW,           /* a table row */
	PDF_ITEM_TOC            /* a contents entry: title, leader dots, page number */
};

/* A structure element of the tagged PDF; parent -1 is the document. */
struct pdf_snode {
	const char *tag;        /* a PDF standard structure type cairo knows ("P", "H2", ...) */
	int parent;
};

/* A link inside a paragraph or a layout: the bytes [start, end) of its text. */
struct pdf_link {
	const void *owner;      /* the struct set_par or the PangoLayout */
	int start, end;
	char *attrs;            /* cairo link attributes: "uri='...'" or "dest='...'" */
};

/* A link in the flow's index: its owner and start, and where it is in the flow. */
struct pdf_link_key {
	uintptr_t owner;
	int start;
	size_t i;
};

/* A table cell. */
struct pdf_cell {
	PangoLayout *layout;
	double x, w;            /* from the row's left edge */
	int snode;
	int header;
};

/* What one box holds. Lengths in points; x from the text block's left edge. */
struct pdf_item {
	enum pdf_item_kind kind;
	int snode;              /* structure element of the content, or -1 */
	double x, w;            /* the item's left edge and width */
	const char *dest;       /* a named destination here, or NULL (owned by the flow) */
	PangoLayout *layout;    /* FIGURE: the caption (or NULL); TOC: the title */
	const struct set_par *par; /* LINE: the paragraph */
	const struct set_line *sline; /* LINE: the line drawn */
	double baseline;        /* LINE: the baseline below the box's top */
	PangoLayout *marker;    /* LINE: a list item's label drawn in the margin, or NULL */
	double marker_x;        /* its left edge */
	int marker_snode;
	int shade;              /* LINE: code block line: shaded band behind it */
	double bar_x;           /* LINE: x of a block quote's rule, or < 0 */
	/* FIGURE */
	char *path;             /* the photo's file, or NULL for a placeholder (owned by the flow) */
	const char *url;        /* the photo as the article names it, for warnings */
	const char *label;      /* the article's file, for warnings */
	unsigned line_no;       /* the image's source line */
	PangoLayout *alt;       /* the placeholder's text: the photo's alt text */
	double img_w, img_h;    /* the photo's drawn size; img_w 0: caption only */
	double cap_y;           /* the caption's top below the box's top */
	int cap_snode;
	/* ROW */
	struct pdf_cell *cells; /* owned by the flow */
	size_t ncells;
	/* TOC */
	PangoLayout *number;    /* the page number, right aligned */
	char *link;             /* TOC: cairo link attributes (owned by the flow) */
	size_t entry;           /* TOC: the article's index: its layouts are made again when the
	                         * page is drawn, so that a 10,000-entry contents holds none */
};

/* One article (or front matter page) set and waiting to be drawn. */
struct pdf_flow {
	struct layout_box *boxes; /* n boxes, one per item */
	struct pdf_item *items;
	struct layout_place *places;
	size_t n, cap;
	struct pdf_snode *snodes;
	size_t nsnodes, capsnodes;
	struct pdf_link *links;
	size_t nlinks, caplinks;
	struct pdf_link_key *bylink; /* the links by owner and start (pdf_flow_index_links) */
	size_t nbylink, capbylink;
	char **strings;         /* strings the flow owns */
	size_t nstrings, capstrings;
};

/* Adds a structure element under parent; returns its index. */
int pdf_flow_snode(struct pdf_flow *f, const char *tag, int parent);
/* Adds a box and its item (zeroed, snode -1, bar_x -1); returns the item. */
struct pdf_item *pdf_flow_add(struct pdf_flow *f, double height, double space_before);
/* Makes the flow own s (may be NULL) and returns it. */
char *pdf_flow_keep(struct pdf_flow *f, char *s);
/* Sorts the flow's links by owner and start, so that drawing finds the link of a run in
 * logarithmic time; call once the links are bound, before drawing. */
void pdf_flow_index_links(struct pdf_flow *f);
/* The flow's items by page: the items of page first + k are order[start[k]] to
 * order[start[k + 1] - 1], in flow order. */
struct pdf_by_page {
	int first, last;        /* the pages the items are on; last < first when there are none */
	size_t *start;          /* last - first + 2 entries */
	size_t *order;          /* the flow's n item indices */
};
/* Fills ix from the flow's places (paginated). Free with pdf_by_page_free. */
void pdf_flow_by_page(const struct pdf_flow *f, struct pdf_by_page *ix);
/* The same for the n places of any paginated boxes. */
void pdf_places_by_page(const struct layout_place *places, size_t n, struct pdf_by_page *ix);
void pdf_by_page_free(struct pdf_by_page *ix);
/* Empties the flow, freeing what it owns but not the layouts it points at, keeping memory. */
void pdf_flow_reset(struct pdf_flow *f);
/* The same, but keeps its structure elements (a long article's next piece goes on under
 * them). */
void pdf_flow_reset_boxes(struct pdf_flow *f);
/* Frees the flow's memory. */
void pdf_flow_free(struct pdf_flow *f);

/* Colours and sizes the device needs. */
struct pdf_look {
	double text[3], accent[3], rule[3], shade[3];
	double page_w, page_h;
	double code_inset;      /* a code line's shaded band reaches this far past its text */
	double cell_pad;        /* a table cell's text is this far inside its borders */
	int keep_meta;          /* keep photos' metadata */
	const struct archive *ar; /* where photos' bytes are (archive_photo_read) */
	int print_dpi;          /* photos far above it as placed are downsampled; 0: never */
};

struct pdf_dev;

/* Creates a PDF surface giving the file's bytes to write(closure, ...) (closure: the caller's,
 * to outlive the device), pages page_w x page_h points, and opens the document's structure
 * element. Returns NULL after an error message. */
struct pdf_dev *pdf_dev_new(cairo_write_func_t write, void *closure, const struct pdf_look *look);

/* Creates a device that draws nothing and only records (pdf_dev_record), for a worker
 * thread. Free with pdf_dev_free. */
struct pdf_dev *pdf_dev_recorder(const struct pdf_look *look);

/* Appends to out what drawing item i of flow f with its box's top-left corner at (0, 0)
 * does: the item's structure elements (indices into f's), its text, rules and photos (decoded
 * now). The recording holds none of the flow's Pango objects. */
void pdf_dev_record(struct pdf_dev *d, const struct pdf_flow *f, size_t i, struct pdf_ops *out);

/* Draws the calls recorded in o between offsets from and to at (x, y) on the current page;
 * snodes are the structure elements of owner (an article: its pieces share them) that the
 * recording names. */
void pdf_dev_replay(struct pdf_dev *d, const struct pdf_ops *o, size_t from, size_t to,
                    const struct pdf_snode *snodes, const void *owner, double x, double y);

/* Draws item i of flow f as pdf_dev_record and pdf_dev_replay would at (x, y), one item's
 * recording at a time: the same calls reach Cairo. owner as for pdf_dev_replay. */
void pdf_dev_draw_at(struct pdf_dev *d, const struct pdf_flow *f, size_t i, const void *owner,
                     double x, double y);

/* Returns the number of the current page, 0 for the first. */
int pdf_dev_page(const struct pdf_dev *d);

/* Ends the current page and starts the next. */
void pdf_dev_next_page(struct pdf_dev *d);

/* Draws item i of flow f with its box's top-left corner at (x, y) on the current page, opening
 * and closing structure elements as the item needs. */
void pdf_dev_draw(struct pdf_dev *d, const struct pdf_flow *f, size_t i, double x, double y);

/* Closes the structure elements of the flow drawn last (call before the flow is reset). */
void pdf_dev_end_flow(struct pdf_dev *d);

/* Draws a layout's lines with its top-left corner at (x, y), untagged beyond what is open,
 * in the text colour (accent: 1 for the accent colour). */
void pdf_dev_text(struct pdf_dev *d, PangoLayout *layout, double x, double y, int accent);

/* Clips drawing to the rectangle (x, y, w, h); a call with w or h 0 ends the clip. */
void pdf_dev_clip(struct pdf_dev *d, double x, double y, double w, double h);

/* Draws a horizontal hairline from (x0, y) to (x1, y). */
void pdf_dev_hline(struct pdf_dev *d, double x0, double x1, double y);

/* Adds an outline entry under parent (0: the root) pointing at the named destination dest;
 * open: shown expanded. Returns the entry's id. */
int pdf_dev_outline(struct pdf_dev *d, int parent, const char *title, const char *dest, int open);

/* Returns the PDF surface's context for drawing outside any flow (the covers): the structure
 * elements the device has open are closed and the colour it set last forgotten. Call it again
 * once done, before the device draws again. */
cairo_t *pdf_dev_cairo(struct pdf_dev *d);

/* Draws the photo at path (archive-relative) stretched into the w x h rectangle at (x, y), as a
 * figure's photo is drawn: a JPEG's own bytes without its metadata, downsampled past the print
 * resolution; stored once however often it is drawn. Returns 0, or -1 with *why set. */
int pdf_dev_photo(struct pdf_dev *d, const char *path, double x, double y, double w, double h,
                  const char **why);

/* Sets one document metadata field (a cairo_pdf_metadata_t) to the UTF-8 string value. */
void pdf_dev_metadata(struct pdf_dev *d, int field, const char *value);

/* Closes the document element, finishes the file and checks every status Cairo kept. Returns
 * 0, or -1 after an error message. The device is freed either way. */
int pdf_dev_finish(struct pdf_dev *d);

/* Frees a device without finishing it properly (after an error). Accepts NULL. */
void pdf_dev_free(struct pdf_dev *d);

/* Returns a copy of s quoted for a cairo tag attribute: backslash and quote escaped.
 * Caller frees. */
char *pdf_quote(const char *s);

#endif
