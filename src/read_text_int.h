/* The plain-text reader's private declarations, shared by read_text*.c and by no other file. */
#ifndef QUIRE_READ_TEXT_INT_H
#define QUIRE_READ_TEXT_INT_H

#include <stddef.h>

#include "date.h"
#include "read.h"

/*
 * The reader is cut by its passes over the array of lines (read_text.c says what each does):
 * read_text.c         the entry point and the order of the passes;
 * read_text_lines.c   splitting and normalising lines, and classifying them: debris, rules, items;
 * read_text_header.c  the title, bylines and date lines at the top, tags and link lists;
 * read_text_blocks.c  figures, paragraphs, lists and subheadings, the dateline, and the model.
 */

#define WRAP 100                /* characters: a longer line was not hard wrapped */

#define NONE ((size_t)-1)

enum kind {
	L_BLANK = 0,
	L_DEBRIS,               /* dropped; separates blocks */
	L_DROP,                 /* consumed as metadata or merged into another line */
	L_TEXT,
	L_ITEM,
	L_HR,
	L_CAPTION,              /* a figure's caption */
	L_CREDIT                /* a photo credit: joins the caption above or stands alone */
};

struct line {
	char *s;                /* normalised text, owned */
	size_t len;             /* bytes */
	size_t cps;             /* characters */
	unsigned no;            /* 1-based source line */
	unsigned indent;        /* leading blanks in the source */
	enum kind kind;
	int ordered;            /* ITEM: 1 for a number */
	int num;                /* ITEM: the number */
	int delim;              /* ITEM: '.' or ')' when ordered, 0 for bullets */
	size_t mark;            /* ITEM: bytes of the marker and its space */
	int cont;               /* TEXT: continues the list item above */
	int skip;               /* passed over above the title */
	size_t with;            /* CAPTION: its credit line, or NONE */
};

enum rank {
	RANK_NONE = 0,
	RANK_UPDATED,           /* "Updated ..." */
	RANK_DATELINE,          /* "CITY, March 3, 2024 —" */
	RANK_LINE,              /* "Published ...", a bare date line, a byline's date */
	RANK_META               /* front matter */
};

enum btype {
	B_PARA,
	B_HEAD,
	B_LIST,
	B_FIG,
	B_HR
};

struct block {
	enum btype type;
	size_t first, last;     /* lines; FIG: caption line, credit line or NONE */
	int ordered, start, tight;
};

struct st {
	struct article *a;
	char *label;
	struct line *v;
	size_t n;
	enum rank rank;
	size_t body;            /* first line after the header */
	int blanks;             /* 1 when blank lines separate the body's blocks */
	struct block *b;
	size_t nb, capb;
};

/* Returns 1 for an ASCII letter or digit, or any byte of a non-ASCII character. */
static inline int
text_isword(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c) || (c & 0x80);
}

/* Returns s past its leading spaces. */
static inline const char *
text_skipsp(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* ---- read_text_lines.c ------------------------------------------------------------------ */

/* Returns the number of UTF-8 characters in s (n bytes). */
size_t text_countcps(const char *s, size_t n);
/* Counts space-separated tokens that hold a letter or digit. */
size_t text_words(const char *s);
/* Returns 1 when s holds an ASCII letter or any non-ASCII character. */
int text_hasletter(const char *s);
/* Returns 1 when s (n bytes) ends with suffix. */
int text_ends(const char *s, size_t n, const char *suffix);
/* Returns the length of s (n bytes) without closing quotes and brackets at its end. */
size_t text_unquote(const char *s, size_t n);
/* Returns 1 when the line ends like a sentence or clause: . ! ? : ; or …, perhaps in quotes. */
int text_closed(const char *s, size_t n);
/* Strips decoration (dots, dashes, arrows, brackets...) from both ends of k (n bytes,
 * NUL-terminated) in place; returns the new length. */
size_t text_strip(char *k, size_t n);
/* Returns 1 when s (n bytes) is one of the nv strings of v. */
int text_among(const char *s, size_t n, const char *const *v, size_t nv);
/* Splits text (len bytes) into normalised lines in s->v, numbered from line. */
void text_split(struct st *s, const char *text, size_t len, unsigned line);
/* Sets every line's kind: blank, section break, debris, list item or text. */
void text_classify(struct st *s);

#define AMONG(s, n, v) text_among((s), (n), (v), sizeof(v) / sizeof((v)[0]))

/* ---- read_text_header.c ----------------------------------------------------------------- */

/* Reads a date at s as date_prose does (a weekday may come first), if its year is 1900 to 2100.
 * Returns 0, sets *d and *end past it; or returns -1 (d zeroed). */
int text_dateat(const char *s, struct date *d, const char **end);
/* Returns 1 when the word w (n bytes) is a lower-case name particle ("van", "de"). */
int text_particle(const char *w, size_t n);
/* Sets the article's date to d (unless undated) when rank is better than the date it has. */
void text_setdate(struct st *s, const struct date *d, enum rank rank);
/* Returns the next line after i that is not blank or debris, or NONE. */
size_t text_next(const struct st *s, size_t i);
/* Finds the title, bylines and date lines at the top and sets s->body past them; warns when
 * there is no title. */
void text_header(struct st *s);
/* Drops the link lists a page ends with; those under "Topics" or "Tags" become the tags. */
void text_tail(struct st *s);
/* Takes "Tags: a, b" lines (and the like) as the article's tags and drops them. */
void text_taxonomy(struct st *s);

/* ---- read_text_blocks.c ----------------------------------------------------------------- */

/* Pairs an alt text with its repeated caption and marks captions and credits. */
void text_figures(struct st *s);
/* Groups the lines into blocks in s->b. */
void text_blocks(struct st *s);
/* Turns lone short lines between paragraphs into subheadings. */
void text_headings(struct st *s);
/* Builds s->a->body from the blocks, and reads the first paragraph's dateline. */
void text_emit(struct st *s);

#endif
