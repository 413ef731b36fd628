/* Booklet imposition: which reading-order page goes where on which printer sheet, and where
 * the pair of pages sits on the sheet. Pure computations; booklet.c applies them to a PDF. */
#ifndef QUIRE_IMPOSE_H
#define QUIRE_IMPOSE_H

/* One side of a printer sheet: two page slots, left and right, as the side is laid out before
 * any rotation. */
struct impose_side {
	int page[2];            /* left, right: a reading-order page index (0-based); -1: blank */
	int sheet;              /* the sheet it is printed on, 0-based, in the whole booklet */
	int back;               /* 1: the back of its sheet (printed second) */
	int rotate;             /* 1: the side is turned 180 degrees (a back with --duplex long) */
	int signature;          /* the signature (folded gathering) of the sheet, 0-based */
	int wraps;              /* sheets of its signature folded around it (0: the outermost) */
	double depth;           /* the sheet's place in its signature: 0 outermost, 1 innermost
	                         * (the share of a --creep total it is shifted by) */
};

/* A booklet's page map. */
struct impose_map {
	struct impose_side *sides; /* 2 per sheet, front then back, sheets in printing order */
	int nsides;
	int npadded;            /* pages with the blanks: a multiple of 4 */
	int nblank;             /* blank pages added */
	int blank_at;           /* the reading-order index the blanks are put before */
};

/*
 * Computes the map of a booklet of npages (>= 1) reading-order pages. The blanks that make the
 * count a multiple of 4 go before reading-order page blank_at (clamped to 1..npages: never before
 * the front cover; npages puts them at the end). signature: sheets per signature, 0 for one
 * signature of all sheets; the last signature takes the sheets left over. duplex_long: backs are
 * turned 180 degrees, for printers that flip on the long edge. In a signature of m sheets
 * holding padded pages b .. b+4m-1, sheet j (0 outermost) carries b+4m-1-2j | b+2j on its front
 * and b+2j+1 | b+4m-2-2j on its back. Returns 0, or -1 when npages < 1 or signature < 0 (m
 * untouched). Caller frees with impose_map_free.
 */
int impose_map(int npages, int blank_at, int signature, int duplex_long, struct impose_map *m);

/* Frees the map's sides. Accepts a zeroed map. */
void impose_map_free(struct impose_map *m);

/* Where the two pages of a side go on a sheet, in points, PDF's coordinates (origin bottom
 * left). */
struct impose_geom {
	double sheet_w, sheet_h; /* the sheet */
	double scale;           /* applied to each page: 1, or less when the sheet is too small */
	double x0, y0;          /* the lower left corner of the left page's trim box on the sheet */
	double page_w, page_h;  /* one page as placed (scaled) */
	double bleed;           /* around the pair of pages, scaled */
	double marks;           /* room for crop and fold marks past the bleed; 0: none drawn */
};

/* The room crop marks take outside the bleed: a gap, then the mark. */
#define IMPOSE_MARK_GAP (3.0 * 72 / 25.4)
#define IMPOSE_MARK_LEN (6.0 * 72 / 25.4)

/*
 * Places pages of page_w x page_h points side by side on a sheet. sheet_w and sheet_h: the
 * sheet asked for (either orientation; turned so that its long side is across), or 0 for the
 * default: two pages wide, one high, plus bleed and, with marks, room for them all round. A
 * sheet too small for the pair (with its bleed and marks) scales both pages down to fit; one
 * larger centres them. Returns 0, or -1 when a size is not positive.
 */
int impose_geometry(double page_w, double page_h, double sheet_w, double sheet_h, double bleed,
                    int marks, struct impose_geom *g);

/* How far a side's pages move toward the spine to make up for creep (the inner sheets of a
 * folded signature reach further out at the fore-edge than the outer ones): total times the
 * side's depth when total > 0, else the paper's thickness times the sheets folded around it.
 * Lengths in any one unit. */
double impose_shift(const struct impose_side *s, double total, double thickness);

#endif
