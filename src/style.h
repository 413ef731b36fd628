/* Styles: one file in styles/ describes the look of both the PDF and the EPUB. */
#ifndef QUIRE_STYLE_H
#define QUIRE_STYLE_H

enum para_style {
	PARA_INDENT = 0,        /* first-line indent, no gap between paragraphs */
	PARA_SPACING            /* a gap between paragraphs, no indent */
};

/* A style; lengths are in PostScript points. */
struct style {
	char *name;             /* the file's base name without .yaml */
	char *paper;            /* the paper's name as given ("A4") */
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
	char *text_color, *accent_color; /* "#rrggbb" */
};

/* Returns the folder holding fonts/ and styles/: $QUIRE_DATADIR, else the build's source tree. */
const char *style_datadir(void);

/* Loads the style named name (a file in styles/ without .yaml) or the file at path name (when it
 * contains a '/' or ends in .yaml). NULL loads "default". Unknown keys and bad values get warnings
 * and keep the default. Returns 0, or -1 after an error message when the file cannot be read. */
int style_load(struct style *st, const char *name);

/* Sets the paper size from a name ("A4", "letter", "210x297mm"). Returns 0, or -1 if unknown. */
int style_set_paper(struct style *st, const char *paper);

/* Frees the style's strings. */
void style_free(struct style *st);

#endif
