/* What the user asked for on the command line, as the writers need it. */
#ifndef QUIRE_OPTIONS_H
#define QUIRE_OPTIONS_H

enum group {
	GROUP_MONTH = 0,        /* contents grouped by month of publication */
	GROUP_SECTION,          /* by the articles' section */
	GROUP_NONE              /* one flat list */
};

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum volumes {
	VOLUMES_NONE = 0,       /* one book */
	VOLUMES_YEAR,           /* a volume per year of publication */
	VOLUMES_MONTH           /* a volume per month */
};

struct progress;
struct style;

/* --booklet and its options: how the reading-order PDF is imposed on printer sheets. Lengths
 * in points. */
struct booklet_opts {
	int on;                 /* --booklet: every .pdf output is a booklet (.booklet.pdf is one
	                         * anyway) */
	double sheet_w, sheet_h; /* --sheet; 0: two pages wide, one high */
	int duplex_long;        /* --duplex long: the backs turned 180 degrees */
	int signature;          /* --signature: sheets per signature; 0: one signature */
	double creep;           /* --creep: the innermost sheet's shift toward the spine */
	double thickness;       /* --paper-thickness: creep from the paper, when creep is 0 */
	int marks;              /* --marks: crop and fold marks */
	double bleed;           /* --bleed: the pages' content shown past the trim */
};

struct options {
	const struct style *style; /* the look (style.h), loaded from --style and --paper */
	struct progress *progress; /* the progress bar (progress.h), or NULL */
	enum group group;
	int keep_meta;          /* 1: keep photos' EXIF/XMP/IPTC metadata (GPS included) */
	int image_max_px;       /* EPUB photos' longest side; 0: the style's */
	int run_on;             /* PDF: articles follow each other without a page break */
	int jobs;               /* --jobs: threads that set articles; 0: one per core */
	int no_fonts;           /* --no-embed-fonts: the EPUB carries no fonts */
	int print_dpi;          /* PDF: photos above it at their placed size are downsampled to it;
	                         * 0: photos kept as they are (--print-dpi) */
	struct booklet_opts booklet;
	/* Which articles, and the snapshot's date. */
	struct date date;       /* --date: the snapshot date; year 0: not given */
	struct date since, until; /* --since, --until: calendar dates, inclusive; year 0: open */
	char **sections;        /* --section: an article in any of them (ASCII case ignored) */
	size_t nsections;
	char **tags;            /* --tag: an article with any of them (ASCII case ignored) */
	size_t ntags;
	/* Volumes. */
	enum volumes volumes;   /* --volumes */
	uint64_t max_size;      /* --max-size: bytes an output may have at most; 0: no limit */
	int only_volume;        /* --volume N: write only volume N (1-based); 0: all */
	int force;              /* --force: volumes' names may be inputs or inside the archive */
	int no_colophon;        /* --no-colophon: end the book with its last article */
	int no_cover;           /* --no-cover: no front or back cover in any output */
	char **changes;         /* --compare's findings ("added: x.md"), for the colophon */
	size_t nchanges;
};

#endif
