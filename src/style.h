/* Styles: one file in styles/ describes the look of both the PDF and the EPUB. */
#ifndef QUIRE_STYLE_H
#define QUIRE_STYLE_H

enum para_style {
	PARA_INDENT = 0,        /* first-line indent, no gap between paragraphs */
	PARA_SPACING            /* a gap between paragraphs, no indent */
};

/* The PDF's spacing around and inside blocks, in points, except ratios (times a font size) and
 * shares (of a width or height). Style keys as in styles/default.yaml. */
struct style_space {
	double h1_before, heading_before, heading_after; /* headings */
	double heading_leading; /* ratio: headings' line height, times their size */
	double para;            /* between paragraphs, with PARA_SPACING */
	double list, item;      /* around a list; between loose items, and paragraphs in an item */
	double bullet_w, number_w, number_gap; /* the labels' room: bullets, numbers (at least),
	                         * and past the widest number */
	double label_gap;       /* between a label and its item's text */
	double quote, quote_start, quote_end, quote_rule; /* around a quote, its indents, its rule's
	                         * distance from the start edge */
	double code, code_leading, code_pad, code_inset; /* around a code block; line height (ratio
	                         * of code_size); the shaded band's padding above and below, and at
	                         * the sides */
	double rule, rule_h, rule_w; /* thematic break: space around, its band, share of the measure */
	double figure, caption_gap, placeholder_h; /* around a figure; photo to caption; a missing
	                         * photo's box */
	double table, cell_pad; /* around a table; inside its cells */
	double title_leading;   /* ratio: article and contents titles, times title_size */
	double byline_leading;  /* ratio: the byline block, times small_size */
	double run_on;          /* above an article's title with --run-on */
	double head_gap, head_rule, head_rule_h, head_after; /* the article's head: title to byline,
	                         * space above the rule, the rule's band, space after */
	double header_raise, header_rule_raise, footer_drop; /* running header's foot and rule above
	                         * the text block; the folio's top below it */
	double tp_top;          /* share of the text block above the title page's title */
	double tp_size;         /* the title page's title */
	double tp_rule_h, tp_rule_w; /* the band under it and its rule's share of the measure */
	double tp_subtitle, tp_authors, tp_date; /* space above the subtitle, authors, date line */
	double toc_after_title; /* below the contents' title */
	double toc_group_size, toc_group_line; /* a group's label: size and line height */
	double toc_group, toc_group_after; /* above a group's label (not the first), below it */
	double toc_entry;       /* above each entry */
	double toc_number_w;    /* room kept at an entry's end for its page number */
};

struct l10n;

/* A style; lengths are in PostScript points. */
struct style {
	char *name;             /* the file's base name without .yaml */
	double page_w, page_h;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	char *font_body, *font_heading, *font_mono, *font_arabic;
	double size, leading;   /* leading: line height / size */
	enum para_style para;
	double indent;
	int justify;            /* 1: justified; 0: ragged right */
	int hyphenate;
	double title_size, h1_size, h2_size, h3_size, small_size, code_size;
	int header, footer;
	int image_max_px;
	double image_max_height; /* share of the text block's height */
	int columns;            /* the PDF body's columns: 1, 2, or 0 for two on pages 180 mm
	                         * wide or wider (A4, Letter) and one on smaller ones (style_columns) */
	double column_gap;      /* the gutter between two columns */
	char *text_color, *accent_color; /* "#rrggbb" */
	char *calendar;         /* dates' calendar: "gregorian", "native" or an ICU calendar */
	struct l10n *l10n;      /* labels and dates in each language (l10n.h), owned */
	struct style_space sp;  /* the PDF's spacing */
};

/* Returns the folder holding fonts/ and styles/: $QUIRE_DATADIR; else PREFIX/share/quire when
 * the binary runs as PREFIX/bin/quire (installed, wherever the tree was copied); else the source
 * tree the binary was built in. */
const char *style_datadir(void);

/* Loads the style named name (a file in styles/ without .yaml) or the file at path name (when it
 * contains a '/' or ends in .yaml). NULL loads "default". Unknown keys and bad values get warnings
 * and keep the default. Returns 0, or -1 after an error message when the file cannot be read. */
int style_load(struct style *st, const char *name);

/* The narrowest text block, in ems of the body size, and the shortest, in body lines. */
#define STYLE_MIN_MEASURE 15
#define STYLE_MIN_LINES 10

/* Reads a paper size: a name (A3-A6, B3-B7, Letter, Legal, Tabloid, Executive, Half-Letter or
 * Statement, a screen profile eink6, eink7.8, eink10.3; case ignored) or WxH with a unit after
 * H: mm (the default), cm, in or pt ("6x9in", "15x21cm"), from 25 mm to 2 m a side. Sets w and
 * h in points. Returns 0, or -1 when s is none of these. */
int style_paper_size(const char *s, double *w, double *h);

/* Sets the paper size from a name or size as style_paper_size reads it; a screen profile also
 * sets the margins and scales the type to its body size. Returns 0, or -1 if unknown. */
int style_set_paper(struct style *st, const char *paper);

/* Checks that the margins leave a text block of STYLE_MIN_MEASURE ems by STYLE_MIN_LINES lines
 * at least. Returns 0, or -1, after an error message starting with what when what is not
 * NULL. */
int style_check_room(const struct style *st, const char *what);

/* The narrowest column of two, in ems of the body size. */
#define STYLE_MIN_COLUMN 12

/* Pages at least this wide get two columns when the style's columns is 0 (auto), in points. */
#define STYLE_AUTO_COLUMNS_W (180 * 72 / 25.4)

/* Returns the columns the PDF body is set in: st->columns, or for 0 (auto) two on pages
 * STYLE_AUTO_COLUMNS_W wide or wider where each column keeps STYLE_MIN_COLUMN ems, else one. */
int style_columns(const struct style *st);

/* Checks that two columns (when st->columns is 2) keep STYLE_MIN_COLUMN ems each. Returns 0, or
 * -1 after an error message starting with what. */
int style_check_columns(const struct style *st, const char *what);

/* Frees the style's strings. */
void style_free(struct style *st);

/* Sets out to the colour "#rrggbb" hex as red, green and blue from 0 to 1, or to dflt
 * (0xrrggbb) when hex is NULL or not of that form. */
void style_rgb(const char *hex, unsigned dflt, double out[3]);

#endif
