/* The EPUB writer's private parts, shared by epub.c, epub_xhtml.c, epub_nav.c and epub_opf.c. */
#ifndef QUIRE_EPUB_INT_H
#define QUIRE_EPUB_INT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "epub_css.h"
#include "image.h"
#include "options.h"
#include "outfile.h"
#include "style.h"
#include "toc.h"
#include "util.h"
#include "xml.h"

struct zip;                     /* libzip's archive: only epub.c includes zip.h */

/* A photo stored in the book. */
struct photo {
	char *src;              /* archive-relative source path */
	char *name;             /* path inside OEBPS, e.g. "images/i0001.jpg", or NULL: unusable */
	enum image_type type;
	int width, height;
	int dup;                /* 1: same bytes as an earlier photo, whose stored file it shares */
	const char *why;        /* why it is unusable (static text), when name is NULL */
};


/* The writer's state while one book is built. */
struct epub {
	const struct archive *ar;
	const struct toc *toc;
	const struct style *st;
	const struct options *opt;
	struct outfile out;     /* the container's temporary and destination */
	struct zip *zip;
	const struct photo *cover; /* the cover photo, or NULL */
	const char *cover_src;  /* its key in photo_index: archive.yaml's cover, or
	                         * EPUB_COVER_SRC for the generated one */
	int back;               /* 1: the book ends with the back page, back.xhtml */
	int spoolfd;            /* unlinked temporary file holding the generated entries, or -1 */
	char *spool;            /* the name it had, for messages */
	uint64_t spooled;       /* bytes written to the spool so far */
	struct strset photo_index; /* src -> index into photos */
	struct photo *photos;
	size_t nphotos;
	int failed;             /* 1 once anything failed (after its message) */
	int kobo;               /* 1: Kobo's kepub (sentence spans, column wrappers) */
	unsigned faces;         /* the faces text was set in: EPUB_FACE bits (epub_css.h) */
	unsigned char *chars;   /* one bit per code point the pages show */
	int arabic;             /* 1: the book shows Arabic-script letters (set by epub_fonts) */
	struct epub_font *fonts; /* the fonts stored, nfonts of them */
	size_t nfonts;
	unsigned short dosdate, dostime;
	struct epub_ahead *ahead; /* photos converted ahead on worker threads, or NULL */
};

struct image_data;

/* Starts converting the book's distinct photos ahead, in reading order, on threads worker
 * threads (none below 2: each is then converted where it is first used), reduced to max px,
 * keep as --keep-metadata. */
void epub_photos_start(struct epub *e, int threads, int max, int keep);
/* Takes src's conversion made ahead for max and keep, waiting for it: returns 1 with *d set
 * (the caller's to free), -1 with *why set when it failed, 0 when src was not converted ahead
 * (a photo with the same bytes was, or none were). */
int epub_photos_take(struct epub *e, const char *src, int max, int keep, struct image_data *d,
                     const char **why);
/* Stops the threads and frees what was converted and not taken; accepts none started. */
void epub_photos_free(struct epub *e);

/* Stores len bytes at data in the book as name (a path inside the container), compressed. A
 * failure is reported and sets e->failed. */
void epub_store(struct epub *e, const char *name, const void *data, size_t len);

/* Notes the characters of the n bytes of UTF-8 at s as shown in the book (for the fonts'
 * subsets). */
void epub_note_chars(struct epub *e, const char *s, size_t n);

/* Stores the fonts the book needs: each bundled face e->faces names (with the Arabic family's
 * when the book shows Arabic-script letters), subset to ASCII and the characters noted, in
 * e->fonts, and sets e->arabic. Stores none with --no-embed-fonts. A font that cannot be subset
 * is reported and left out. */
void epub_fonts(struct epub *e);

/* Frees the fonts' list and the characters noted. */
void epub_fonts_free(struct epub *e);

/* Ends the XML document x, frees it and stores its bytes in the book as name (a path inside the
 * container). A failure is reported and sets e->failed. */
void epub_store_xml(struct epub *e, struct xml *x, const char *name);

/* Returns the photo at src (archive-relative), converted and stored in the book on first use;
 * its name is NULL when it is unusable, which is reported once at label:line. The pointer stays
 * valid only until the next call (the array grows); e owns the photo. */
const struct photo *epub_photo(struct epub *e, const char *src, unsigned line, const char *label);

/* Returns the direction article a's page declares: its own, else the archive's when that is right
 * to left, else DIR_AUTO (none: left to right). */
enum dir epub_dir(const struct epub *e, const struct article *a);

/* Starts an XHTML document in x: the head with title, lang, dir (DIR_AUTO: none) and a link to
 * the stylesheet at css, then opens body. */
void epub_xhtml_head(struct xml *x, const char *title, const char *lang, enum dir dir,
                     const char *css);

/* Renders article a with its body as OEBPS/text/ID.xhtml and stores it, with its photos. A
 * failure is reported and sets e->failed. */
void epub_xhtml_article(struct epub *e, const struct article *a, const struct node *body);

/* Stores the title page, OEBPS/title.xhtml. A failure is reported and sets e->failed. */
void epub_title_page(struct epub *e);

/* Stores the cover page, OEBPS/cover.xhtml, showing the usable photo p with the text
 * alternative alt. A failure is reported and sets e->failed. */
void epub_cover_page(struct epub *e, const struct photo *p, const char *alt);

/* The key of the generated cover image among the photos: no archive-relative path starts with
 * a slash. */
#define EPUB_COVER_SRC "/cover"

/* Stores the n bytes of the image d (the caller's) as OEBPS/images/NAME.EXT and returns it as
 * the photo src, as epub_photo does. */
const struct photo *epub_photo_add(struct epub *e, const char *src, const struct image_data *d,
                                   const char *name);

/* epub_cover.c: the covers. Sets e->cover to archive.yaml's cover photo, or else to a cover
 * image drawn from the title, date and lead photo (cover.h), and stores its cover page; stores
 * the back page, OEBPS/back.xhtml (publisher, snapshot date, the articles' source sites), and
 * sets e->back. A failure is reported and sets e->failed. */
void epub_covers(struct epub *e);

/* Stores the nav document, OEBPS/nav.xhtml: the grouped contents and the landmarks. A failure is
 * reported and sets e->failed. */
void epub_nav(struct epub *e);

/* Stores the NCX, OEBPS/toc.ncx, the contents for EPUB 2 reading systems. A failure is reported
 * and sets e->failed. */
void epub_ncx(struct epub *e);

/* Stores the package document, OEBPS/content.opf: metadata, manifest (every stored photo once)
 * and spine. cover is the cover photo or NULL. Call it last: it lists what was stored. A failure
 * is reported and sets e->failed. */
void epub_opf(struct epub *e, const struct photo *cover);

#endif
