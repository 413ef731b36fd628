/* The PDF writer's private state and the calls its files (pdf*.c) make of one another. */
#ifndef QUIRE_PDF_INT_H
#define QUIRE_PDF_INT_H

#include <stddef.h>

#include <pango/pango.h>

#include "doc.h"
#include "options.h"
#include "pdf_draw.h"
#include "pdf_layout.h"
#include "toc.h"
#include "util.h"

/*
 * pdf.c makes the writer calls and sets one article at a time: pdf_body.c turns its head and
 * body into the flow of boxes (pdf_inline.c: the inline text of one block), pdf_layout.c cuts
 * the flow into pages, pdf_page.c draws them with their running heads and folios. At the end
 * pdf_front.c sets the title page and the contents, and pdf_finish.c puts them first.
 */

struct style;
struct fonts;
struct hyph;
struct setter;
struct cover;

/* A container block being walked: what its children inherit. */
struct frame {
	const struct node *n;
	double start, end;      /* indents from the text block's start and end edges */
	int snode;              /* structure element the children go under */
	int depth;              /* nesting of indenting containers */
	int prev_para;          /* the last block emitted here was a paragraph */
	/* LIST */
	int ordered, tight, number, bullet;
	double label_w;         /* room for the labels */
	double bar;             /* QUOTE: its rule's x, or < 0 */
};

/* The faces text is set in, each a family list (pdf.c: face). */
struct pdf_faces {
	PangoFontDescription *body, *italic; /* the running text */
	PangoFontDescription *head;   /* titles and headings, bold */
	PangoFontDescription *mono;   /* code blocks */
	PangoFontDescription *small, *caption; /* bylines, captions, tables, page furniture */
};

/* Layouts reused from article to article: the first `used` of the n are taken. */
struct pdf_pool {
	PangoLayout **l;
	size_t n, used;
};

/* An outline entry an article asks for while it is set; the writer makes it when it draws the
 * piece of the article that asked. */
struct pdf_outline_req {
	int parent;             /* 0: the entry of the article's contents group; k > 0: the
	                         * article's k-th entry */
	char *title, *dest;     /* owned */
};

/*
 * A piece of an article set and recorded (the whole article, or a part of a long one): what
 * the writer thread paginates and draws, in reading order, whatever thread set it. It holds
 * no Pango object: its items are recorded Cairo calls (pdf_ops.h).
 */
struct pdf_piece {
	size_t article;         /* index in ar->articles */
	int first, last;        /* the article's first piece; its last */
	size_t n;               /* boxes */
	struct layout_box *boxes;
	struct layout_place *places; /* filled when paginated */
	size_t *at;             /* n + 1 offsets: item i's calls are ops [at[i], at[i + 1]) */
	struct pdf_snode *snodes; /* the article's structure elements so far */
	size_t nsnodes;
	struct pdf_ops ops;
	struct pdf_outline_req *outline; /* outline entries asked for, in order */
	size_t noutline;
	struct buf msgs;        /* the messages given while it was set (msg_capture) */
	const struct pdf_flow *flow; /* set by the writer itself: items drawn from this flow as
	                         * they are recorded, boxes and places borrowed from it */
	struct pdf_piece *next; /* the article's next piece */
};

/* The article being set (or the contents, which are set the same way). */
struct pdf_cur {
	const struct article *a;
	char *label;            /* its file, for messages (owned) */
	const char *lang;
	int rtl;                /* the article is right to left */
	struct strset ids;      /* anchors defined in it */
	struct frame *frames;   /* the containers open, the body's first */
	size_t nframes, capframes;
	double pending;         /* space owed after the last block */
	int last_inside;        /* the last box set was inside a list or quote */
	PangoLayout *marker;    /* a list label waiting for its item's first line */
	int marker_snode;
	int outline_article;    /* the article's outline entry */
	int piece;              /* pieces of the article already drawn (pdf_piece) */
	size_t nlinks;          /* links of its text made so far (at most PDF_MAX_LINKS) */
	int links_warned;       /* the warning about more links is given */
	int outline_h1;         /* the last level-1 heading's entry, or 0 */
	struct pdf_outline_req *outline; /* entries asked for since the last piece */
	size_t noutline, capoutline;
	int outline_ids;        /* entries asked for by the article so far */
	struct buf msgs;        /* messages captured since the last piece */
	struct pdf_piece *out, **tail; /* pieces recorded, for a worker */
};

/* The page being drawn. */
struct pdf_page {
	int drawn;              /* something is drawn on the device's current page */
	const char *head;       /* the running head of the current page */
	PangoLayout *heads[2];  /* running heads set last, verso and recto */
	char *head_text[2];     /* their text */
	int head_none;          /* the current page opens an article: no running head */
};

/* Everything the writer holds while one PDF is made; no globals, so that two writers could
 * run in two threads. */
struct pdf {
	const struct archive *ar;
	const struct toc *toc;
	const struct style *st;
	const struct options *opt;
	struct fonts *fonts;
	PangoContext *ctx;
	struct pdf_faces fd;
	struct pdf_pool pool;
	struct setter *set;     /* sets the running text; reset with the pool */
	struct hyph *hyph;
	struct pdf_dev *dev;
	struct pdf_look look;
	struct pdf_flow flow;
	struct layout_state ls;
	double tw, bh, lh;      /* text width, text block height, body line height */
	int cols;               /* columns of the body: 1 or 2 */
	double col_gap;         /* between them */
	double cw;              /* the measure blocks are set to now: a column's width, or tw
	                         * while a head or the contents is set */
	int *start_page;        /* per article: its first body page, 1-based */
	struct pdf_cur cur;
	struct strset bad_photos; /* photos found unusable, reported once */
	struct strset warned_chars; /* code points (hex) a font coverage warning has named */
	struct pdf_page page;
	int failed;
	int npages;             /* the finished file's pages, once pdf_finish succeeded */
	int last_start;         /* then the 0-based page the last article starts on, or npages */
	const char *dest;       /* the output file */
	struct pdf_sink *sink;  /* the file cairo writes */
	size_t pos;             /* articles set so far, a position in toc->order */
	size_t group;           /* the contents group of the next article */
	int group_outline;      /* the current group's outline entry */
	int worker;             /* 1: a worker's setter, which records pieces for the writer */
	int *art_outline;       /* the writer: outline ids of the article being drawn's entries */
	size_t nart_outline, capart_outline;
	struct strset once;     /* the writer: keys of warnings given once (msg_warn_once) */
	struct cover *cover;    /* the writer: what its covers show, or NULL with --no-cover */
};

/* pdf.c */

/* Returns a layout of the pool (owned by it until the pool is reset) set up for len bytes of
 * text (-1: up to the NUL) in fd: width in points (< 0: unwrapped), alignment, justification,
 * first-line indent. The layout takes its own reference to attrs (may be NULL). */
PangoLayout *pdf_pool_layout(struct pdf *p, const char *text, int len, PangoAttrList *attrs,
                             const PangoFontDescription *fd, double width, PangoAlignment align,
                             int justify, double indent);

/* The boxes a flow holds before a long article is drawn in pieces (pdf_piece): about ten
 * pages of text, and what their lines hold, about 2.7 KB a line (2,000 lines held 5 MB while
 * the colophon of 2,000 articles was set). The pages are the same at any size but where a
 * cut falls in a two-column paragraph of many pages (a line moves to the next column). */
#define PDF_PIECE_BOXES 500

/* The largest article (bytes of its source) a worker sets; a longer one is set by the
 * writer, in pieces drawn as they are made. */
#define PDF_PREPARE_MAX (64 * 1024)
/* The same for an article's nodes (an article of 64 KB has about 3,000). */
#define PDF_PREPARE_NODES 4000

/* Asks for an outline entry (made when the piece is drawn) under parent (0: the article's
 * contents group; else an id this returned) and returns its id in the article, from 1. */
int pdf_outline_add(struct pdf *p, int parent, const char *title, const char *dest);

/* When the flow holds PDF_PIECE_BOXES boxes or more and may be cut after its last box (no
 * list label waiting, the last box not kept with the next), paginates and draws it, and empties
 * it but for its structure elements, which stay open: a long article is set, paginated and
 * drawn in pieces, so that what it holds does not grow with it. Returns 1 when it drew. */
int pdf_piece(struct pdf *p);

/* pdf_inline.c */

/* The most links an article's text makes in the PDF; the text of later ones is set plain.
 * Each link is an annotation and a structure element that cairo holds to the end. */
#define PDF_MAX_LINKS 5000

/* Inserts attribute a (taken by list) over the bytes [start, end). */
void pdf_put_attr(PangoAttrList *list, PangoAttribute *a, size_t start, size_t end);

/* Adds a link over the bytes [start, end) of text still to be set to the flow, which takes
 * attrs (cairo link attributes, malloc'd); its owner is set by pdf_bind_links. */
void pdf_add_link(struct pdf *p, int start, int end, char *attrs);

/* Points the links added since the flow had first of them at owner: the struct set_par or the
 * PangoLayout holding their text. */
void pdf_bind_links(struct pdf *p, size_t first, const void *owner);

/* Puts the inline content of block blk into text (reset first; the caller's) and returns its
 * attributes (emphasis, code, links; caller unrefs), hyphenating the text when hyph. Links go
 * to the flow unbound. */
PangoAttrList *pdf_inlines(struct pdf *p, const struct node *blk, int hyph, struct buf *text);

/* pdf_body.c */

/* The width of a column of the body: the text block's, or with two columns, each's. */
double pdf_column_width(const struct pdf *p);

/* Takes the space owed to a block starting now: the larger of before and what the last block
 * left owed. */
double pdf_space(struct pdf *p, double before);

/* Sets plain text (not from the model) as line boxes in the current frame: line height lh,
 * space before sp, keeping all lines together when keep_all. attrs may be NULL. Returns the
 * index of the first box. */
size_t pdf_plain_block(struct pdf *p, const char *text, const PangoFontDescription *fd,
                       double lh, double sp, int snode, int keep_all, PangoAttrList *attrs);

/* Adds a figure: the photo at url (archive-relative, or NULL), alt text, and a caption given
 * as a node (inline children) or as plain text; the strings must outlive the flow. */
void pdf_figure(struct pdf *p, const char *url, const char *alt, unsigned line,
                const struct node *cap, const char *cap_text, int has_image);

/* Sets an article's body (the tree under root, borrowed) into the flow. */
void pdf_body(struct pdf *p, const struct node *root);

/* Sets article a's heading block (title, byline, date, source) into the flow under the
 * structure element art. */
void pdf_article_head(struct pdf *p, const struct article *a, int art);

/* pdf_page.c */

/* Returns the left margin of a recto or verso page: recto pages bind on the left. */
double pdf_left_margin(const struct pdf *p, int recto);

/* Draws the running head and the folio of the device's current page and moves to the next.
 * number: the folio's text, or NULL for none. */
void pdf_end_page(struct pdf *p, const char *number, int recto);

/* Ends body page index (0-based) on the device. */
void pdf_end_body_page(struct pdf *p, int index);

/* Makes the piece's outline entries, gives its messages, paginates it after what was drawn
 * and draws it page by page (page numbers are body page indices). A piece that ends its
 * article closes the article's structure elements; the others leave them open for the next
 * piece. The piece stays the caller's. */
void pdf_draw_piece(struct pdf *p, struct pdf_piece *pc);

/* Frees a chain of pieces. Accepts NULL. */
void pdf_piece_free(struct pdf_piece *pc);

/* pdf_front.c */

/* Sets and draws the title page and its verso on the device's next two pages. */
void pdf_title_pages(struct pdf *p);

/* Sets the contents into the flow and paginates it. Returns its number of pages. */
int pdf_contents_set(struct pdf *p);

/* Draws the contents set by pdf_contents_set, its pages at front matter page index front
 * (0-based: the title page is 0), and empties the flow. */
void pdf_contents_draw(struct pdf *p, int front, int pages);

/* pdf_cover.c */

/* Draws the front cover (archive.yaml's cover photo over the page, else the generated one) and
 * its blank inside on the device's next two pages. */
void pdf_cover_front(struct pdf *p);

/* Draws the back cover on the device's next page, with its outline entry. */
void pdf_cover_back(struct pdf *p);

/* pdf_finish.c */

/* The PDF file being written: cairo's output goes straight to a scratch file beside dest. */
struct pdf_sink;

/* Opens the scratch file for dest. threads over 1: cairo's bytes are hashed for the /ID by
 * another thread when the file is finished, not by the drawing thread as they are written (the
 * same digest). Returns NULL after an error message. */
struct pdf_sink *pdf_sink_open(const char *dest, int threads);

/* Cairo's write callback (closure: the sink): appends to the temporary. */
cairo_status_t pdf_sink_write(void *closure, const unsigned char *data, unsigned int len);

/* The page labels of the covers, when the book has them: the first cover_pages pages are
 * "cover 1", "cover 2" (cover: the label's prefix), the last is back (when not NULL). */
struct pdf_labels {
	int cover_pages;
	const char *cover, *back;
};

/* Copies the file cairo has written and finished into dest's temporary: pages in final order
 * (order[k]: the drawn index of final page k), the front matter's structure elements (the
 * last nfront kids of the document element) first, page labels (the covers' from labels,
 * roman front matter, arabic body from 1), the snapshot's dates, a deterministic /ID, object streams; then renames it
 * over dest.
 * Returns 0, or -1 after an error message (dest untouched). order stays the caller's. */
int pdf_sink_finish(struct pdf_sink *s, const char *dest, const int *order, int npages,
                    int nfront, int front_pages, const struct date *date,
                    const struct pdf_labels *labels);

/* Closes the sink, removing the scratch file, and the temporary unless it was renamed.
 * Accepts NULL. */
void pdf_sink_free(struct pdf_sink *s);

#endif
