/* quire's command line: read an archive, write the outputs asked for. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "archive.h"
#include "date.h"
#include "dump.h"
#include "export.h"
#include "lint.h"
#include "manifest.h"
#include "msg.h"
#include "options.h"
#include "outfile.h"
#include "progress.h"
#include "style.h"
#include "util.h"
#include "version.h"


static void
usage(FILE *f)
{
	fputs("usage: quire [options] [ARCHIVE]\n"
	    "       quire --tree FILE...\n"
	    "       quire --text FILE...\n"
	    "Turns the archive folder ARCHIVE (default: archive) into an EPUB or a print PDF.\n"
	    "Articles: .md, .html, .txt files; each page of .warc, .warc.gz, .wacz files.\n"
	    "  -o, --output FILE     write FILE: .epub, .kepub.epub (Kobo), .pdf or\n"
	    "                        .booklet.pdf (repeatable);\n"
	    "                        default: TITLE-DATE.epub in this folder\n"
	    "      --style NAME|FILE the look (styles/NAME.yaml or a file); default: default\n"
	    "      --paper SIZE      A4 (default), A3, A5, A6, B3-B7, Letter, Legal, Tabloid,\n"
	    "                        Executive, Half-Letter, WxH in mm, cm, in or pt (6x9in),\n"
	    "                        or an e-ink screen: eink6, eink7.8, eink10.3\n"
	    "      --print-dpi N     PDF photos above N dpi as placed are downsampled to N\n"
	    "                        (default 300; 0: photos kept as they are)\n"
	    "      --booklet         impose the PDF for folding: two pages a sheet side, in\n"
	    "                        booklet order (also: -o NAME.booklet.pdf)\n"
	    "      --sheet SIZE      the booklet's sheet (default: twice the page, A5 on A4)\n"
	    "      --duplex EDGE     short (default) or long: the printer's duplex flip\n"
	    "      --signature N     fold the booklet in signatures of N sheets\n"
	    "      --creep MM        shift the innermost sheet's pages MM toward the spine\n"
	    "      --paper-thickness MM  or compute the creep from the paper's thickness\n"
	    "      --marks           crop and fold marks on the sheets\n"
	    "      --bleed MM        show MM of the pages' content past the trim\n"
	    "      --group BY        contents grouped by month (default), section or none\n"
	    "      --run-on          PDF: articles follow each other without a page break\n"
	    "      --columns N       PDF: set the body in 1 or 2 columns (default: the style's;\n"
	    "                        pamphlet: 2 on A4 and larger pages)\n"
	    "      --column-gap MM   PDF: the gutter between two columns (default 5)\n"
	    "  -j, --jobs N          set articles on N threads (default: one per core); the\n"
	    "                        outputs are the same for every N\n"
	    "      --since DATE      only articles dated DATE or later (YYYY-MM-DD, YYYY-MM, YYYY)\n"
	    "      --until DATE      only articles dated DATE or earlier\n"
	    "      --section NAME    only articles of section NAME (may be repeated)\n"
	    "      --tag TAG         only articles tagged TAG (may be repeated)\n"
	    "      --date DATE       the snapshot date, when archive.yaml gives none\n"
	    "      --volumes BY      split the book into volumes by year or month\n"
	    "      --max-size SIZE   split it so that no output is over SIZE (e.g. 50M, 800K)\n"
	    "      --volume N        write only volume N of the split\n"
	    "      --no-colophon     end the book with its last article, without the colophon\n"
	    "      --no-cover        no front or back cover, generated or named, in any output\n"
	    "      --list            list the selected articles; write nothing\n"
	    "      --check           check the archive and report its problems (and, as\n"
	    "                        notes, the web archive records left out); write nothing\n"
	    "      --manifest FILE   write a JSON manifest: every input's and output's SHA-256\n"
	    "      --compare FILE    list what changed since the snapshot of an earlier manifest\n"
	    "      --image-max PX    EPUB photos' longest side (default: the style's, 1600)\n"
	    "      --keep-metadata   keep photos' EXIF/XMP/IPTC metadata, GPS included\n"
	    "      --no-embed-fonts  EPUB: carry no fonts (the reading system's are used)\n"
	    "      --force           write an output even over an input of the archive or\n"
	    "                        inside its folder (refused otherwise)\n"
	    "      --strict          warnings make the exit status 1\n"
	    "  -q, --quiet           print errors only\n"
	    "      --tree            print the document model of each FILE\n"
	    "      --text            print the plain text of each FILE\n"
	    "  -h, --help            this help\n"
	    "      --version         print the version\n"
	    "Exit status: 0 done (warnings allowed), 1 failed, 2 usage error.\n", f);
}

/* Prints the model or the text of single files, for tests and for curious users. */
static int
dump_files(char **files, int n, int text)
{
	int rc = 0;

	for (int i = 0; i < n; i++) {
		struct article a;
		struct buf b = {0};
		if (archive_read_file(files[i], &a) != 0) {
			rc = 1;
			article_clear(&a);
			continue;
		}
		if (text)
			dump_text(&b, &a);
		else
			dump_article(&b, &a);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
		article_clear(&a);
	}
	return rc;
}

/* Parses a date option: YYYY-MM-DD, or with partial, YYYY-MM or YYYY, as the first day of the
 * month or year (the last with end set). Returns 0, or -1 when s is not such a date. */
static int
day_arg(const char *s, int end, int partial, struct date *d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m = 0, n = 0;

	memset(d, 0, sizeof(*d));
	if (date_parse(s, d) == 0)
		return d->has_time ? -1 : 0;
	if (!partial)
		return -1;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && s[n] == '\0' && m >= 1 && m <= 12)
		;
	else if (sscanf(s, "%4d%n", &y, &n) == 1 && s[n] == '\0' && n == 4)
		m = 0;
	else
		return -1;
	if (y < 1 || y > 9999)
		return -1;
	d->year = y;
	d->month = m ? m : end ? 12 : 1;
	d->day = 1;
	if (end) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		d->day = mdays[d->month - 1] + (d->month == 2 && leap);
	}
	return 0;
}

/* Parses a size: bytes, or with K, M or G (powers of 1000, as file managers and mail limits
 * count). Returns 0, or -1 when s is not such a size or under 64K. */
static int
size_arg(const char *s, uint64_t *out)
{
	char *end;
	double v = strtod(s, &end);
	double unit = 1;

	if (end == s || v <= 0)
		return -1;
	if (*end == 'K' || *end == 'k')
		unit = 1e3, end++;
	else if (*end == 'M' || *end == 'm')
		unit = 1e6, end++;
	else if (*end == 'G' || *end == 'g')
		unit = 1e9, end++;
	if (*end == 'B')
		end++;
	if (*end != '\0' || v * unit < 64e3 || v * unit > 1e15)
		return -1;
	*out = (uint64_t)(v * unit);
	return 0;
}

/* Parses a length in millimetres ("0.1", "3mm") from 0 to max into points. Returns 0, or -1
 * when s is not such a length. */
static int
mm_arg(const char *s, double max, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || !(v >= 0) || v > max || (*end && strcmp(end, "mm") != 0))
		return -1;
	*out = v * 72 / 25.4;
	return 0;
}

/* Prints one line per selected article, in reading order by date: date, section, title, path. */
static void
list_articles(const struct archive *ar)
{
	struct buf b = {0};

	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		char iso[11] = "----------";
		if (a->date.year)
			date_iso(&a->date, iso);
		buf_printf(&b, "%s\t%s\t%s\t%s\n", iso, a->section ? a->section : "-", a->title,
		    a->path);
	}
	fwrite(b.data ? b.data : "", 1, b.len, stdout);
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	enum { OPT_STYLE = 256, OPT_PAPER, OPT_GROUP, OPT_IMAGE_MAX, OPT_KEEP, OPT_STRICT,
	    OPT_TREE, OPT_TEXT, OPT_VERSION, OPT_RUN_ON, OPT_SINCE, OPT_UNTIL, OPT_SECTION, OPT_TAG,
	    OPT_DATE, OPT_LIST, OPT_CHECK, OPT_MANIFEST, OPT_COMPARE, OPT_VOLUMES, OPT_MAX_SIZE,
	    OPT_VOLUME, OPT_NO_COLOPHON, OPT_NO_COVER, OPT_FORCE, OPT_PRINT_DPI, OPT_BOOKLET, OPT_SHEET,
	    OPT_DUPLEX, OPT_SIGNATURE, OPT_CREEP, OPT_THICKNESS, OPT_MARKS, OPT_BLEED, OPT_NO_FONTS,
	    OPT_COLUMNS, OPT_COLUMN_GAP };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"style", required_argument, NULL, OPT_STYLE},
		{"paper", required_argument, NULL, OPT_PAPER},
		{"group", required_argument, NULL, OPT_GROUP},
		{"image-max", required_argument, NULL, OPT_IMAGE_MAX},
		{"keep-metadata", no_argument, NULL, OPT_KEEP},
		{"run-on", no_argument, NULL, OPT_RUN_ON},
		{"columns", required_argument, NULL, OPT_COLUMNS},
		{"column-gap", required_argument, NULL, OPT_COLUMN_GAP},
		{"jobs", required_argument, NULL, 'j'},
		{"no-embed-fonts", no_argument, NULL, OPT_NO_FONTS},
		{"since", required_argument, NULL, OPT_SINCE},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"section", required_argument, NULL, OPT_SECTION},
		{"tag", required_argument, NULL, OPT_TAG},
		{"date", required_argument, NULL, OPT_DATE},
		{"list", no_argument, NULL, OPT_LIST},
		{"check", no_argument, NULL, OPT_CHECK},
		{"manifest", required_argument, NULL, OPT_MANIFEST},
		{"compare", required_argument, NULL, OPT_COMPARE},
		{"volumes", required_argument, NULL, OPT_VOLUMES},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"volume", required_argument, NULL, OPT_VOLUME},
		{"no-colophon", no_argument, NULL, OPT_NO_COLOPHON},
		{"no-cover", no_argument, NULL, OPT_NO_COVER},
		{"force", no_argument, NULL, OPT_FORCE},
		{"print-dpi", required_argument, NULL, OPT_PRINT_DPI},
		{"booklet", no_argument, NULL, OPT_BOOKLET},
		{"sheet", required_argument, NULL, OPT_SHEET},
		{"duplex", required_argument, NULL, OPT_DUPLEX},
		{"signature", required_argument, NULL, OPT_SIGNATURE},
		{"creep", required_argument, NULL, OPT_CREEP},
		{"paper-thickness", required_argument, NULL, OPT_THICKNESS},
		{"marks", no_argument, NULL, OPT_MARKS},
		{"bleed", required_argument, NULL, OPT_BLEED},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"quiet", no_argument, NULL, 'q'},
		{"tree", no_argument, NULL, OPT_TREE},
		{"text", no_argument, NULL, OPT_TEXT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct options opt = {.print_dpi = 300};
	struct archive ar = {0};
	struct style st;
	const char *style_name = NULL, *paper = NULL, *root = "archive", *manifest = NULL;
	const char *compare = NULL;
	char **outputs = NULL, *fallback = NULL, **written = NULL;
	size_t noutputs = 0, nwritten = 0;
	int strict = 0, force = 0, tree = 0, text = 0, list = 0, lint = 0, quiet = 0, pages = 0, c;
	const char *booklet_opt = NULL; /* the last booklet option given */
	int columns = 0;        /* --columns; 0: the style's */
	double column_gap = -1; /* --column-gap in points; < 0: the style's */
	int rc = 0, r;

	/* libxml2 must be initialised once before any thread parses. */
	xmlInitParser();
	while ((c = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (export_find(optarg) == NULL) {
				char *known = export_formats();
				fprintf(stderr, "quire: %s: unknown output format (want %s)\n", optarg,
				    known);
				free(known);
				return 2;
			}
			outputs = xrealloc(outputs, (noutputs + 1) * sizeof(char *));
			outputs[noutputs++] = optarg;
			break;
		case OPT_STYLE:
			style_name = optarg;
			break;
		case OPT_PAPER:
			paper = optarg;
			break;
		case OPT_GROUP:
			if (strcmp(optarg, "month") == 0)
				opt.group = GROUP_MONTH;
			else if (strcmp(optarg, "section") == 0)
				opt.group = GROUP_SECTION;
			else if (strcmp(optarg, "none") == 0)
				opt.group = GROUP_NONE;
			else {
				fprintf(stderr, "quire: --group takes month, section or none\n");
				return 2;
			}
			break;
		case OPT_IMAGE_MAX: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 64 || v > 20000) {
				fprintf(stderr, "quire: --image-max takes pixels from 64 to 20000\n");
				return 2;
			}
			opt.image_max_px = (int)v;
			break;
		}
		case OPT_KEEP:
			opt.keep_meta = 1;
			break;
		case OPT_PRINT_DPI: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || (v != 0 && (v < 72 || v > 2400))) {
				fprintf(stderr, "quire: --print-dpi takes dots per inch from 72 "
				    "to 2400, or 0\n");
				return 2;
			}
			opt.print_dpi = (int)v;
			break;
		}
		case OPT_BOOKLET:
			opt.booklet.on = 1;
			break;
		case OPT_SHEET:
			booklet_opt = "--sheet";
			if (style_paper_size(optarg, &opt.booklet.sheet_w,
			    &opt.booklet.sheet_h) != 0) {
				fprintf(stderr, "quire: unknown sheet size: %s\n", optarg);
				return 2;
			}
			break;
		case OPT_DUPLEX:
			booklet_opt = "--duplex";
			if (strcmp(optarg, "short") == 0)
				opt.booklet.duplex_long = 0;
			else if (strcmp(optarg, "long") == 0)
				opt.booklet.duplex_long = 1;
			else {
				fprintf(stderr, "quire: --duplex takes short or long\n");
				return 2;
			}
			break;
		case OPT_SIGNATURE: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 100) {
				fprintf(stderr, "quire: --signature takes sheets from 1 to 100\n");
				return 2;
			}
			opt.booklet.signature = (int)v;
			booklet_opt = "--signature";
			break;
		}
		case OPT_COLUMNS:
			if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0) {
				fprintf(stderr, "quire: --columns takes 1 or 2\n");
				return 2;
			}
			columns = optarg[0] - '0';
			break;
		case OPT_COLUMN_GAP:
			if (mm_arg(optarg, 50, &column_gap) != 0) {
				fprintf(stderr, "quire: --column-gap takes millimetres from 0 to 50\n");
				return 2;
			}
			break;
		case OPT_CREEP:
		case OPT_THICKNESS:
		case OPT_BLEED: {
			double *f = c == OPT_CREEP ? &opt.booklet.creep : c == OPT_BLEED ?
			    &opt.booklet.bleed : &opt.booklet.thickness;
			double max = c == OPT_THICKNESS ? 2 : 20;
			booklet_opt = c == OPT_CREEP ? "--creep" : c == OPT_BLEED ? "--bleed" :
			    "--paper-thickness";
			if (mm_arg(optarg, max, f) != 0) {
				fprintf(stderr, "quire: --%s takes millimetres from 0 to %g\n",
				    c == OPT_CREEP ? "creep" : c == OPT_BLEED ? "bleed" :
				    "paper-thickness", max);
				return 2;
			}
			break;
		}
		case OPT_MARKS:
			opt.booklet.marks = 1;
			booklet_opt = "--marks";
			break;
		case OPT_RUN_ON:
			opt.run_on = 1;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 256) {
				fprintf(stderr, "quire: --jobs takes a number of threads from 1 to 256\n");
				return 2;
			}
			opt.jobs = (int)v;
			break;
		}
		case OPT_NO_FONTS:
			opt.no_fonts = 1;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
		case OPT_DATE: {
			struct date *d = c == OPT_SINCE ? &opt.since : c == OPT_UNTIL ? &opt.until :
			    &opt.date;
			if (day_arg(optarg, c == OPT_UNTIL, c != OPT_DATE, d) != 0) {
				fprintf(stderr, "quire: --%s takes a date: YYYY-MM-DD%s\n",
				    c == OPT_SINCE ? "since" : c == OPT_UNTIL ? "until" : "date",
				    c == OPT_DATE ? "" : ", YYYY-MM or YYYY");
				return 2;
			}
			break;
		}
		case OPT_SECTION:
			opt.sections = xrealloc(opt.sections, (opt.nsections + 1) * sizeof(char *));
			opt.sections[opt.nsections++] = optarg;
			break;
		case OPT_TAG:
			opt.tags = xrealloc(opt.tags, (opt.ntags + 1) * sizeof(char *));
			opt.tags[opt.ntags++] = optarg;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_CHECK:
			lint = 1;
			break;
		case OPT_MANIFEST:
			manifest = optarg;
			break;
		case OPT_COMPARE:
			compare = optarg;
			break;
		case OPT_NO_COLOPHON:
			opt.no_colophon = 1;
			break;
		case OPT_NO_COVER:
			opt.no_cover = 1;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_VOLUMES:
			if (strcmp(optarg, "year") == 0)
				opt.volumes = VOLUMES_YEAR;
			else if (strcmp(optarg, "month") == 0)
				opt.volumes = VOLUMES_MONTH;
			else {
				fprintf(stderr, "quire: --volumes takes year or month\n");
				return 2;
			}
			break;
		case OPT_MAX_SIZE:
			if (size_arg(optarg, &opt.max_size) != 0) {
				fprintf(stderr, "quire: --max-size takes a size: 50M, 800K, 2G or bytes, "
				    "at least 64K\n");
				return 2;
			}
			break;
		case OPT_VOLUME: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 100000) {
				fprintf(stderr, "quire: --volume takes a volume number from 1\n");
				return 2;
			}
			opt.only_volume = (int)v;
			break;
		}
		case OPT_STRICT:
			strict = 1;
			break;
		case 'q':
			msg_mute(1);
			quiet = 1;
			break;
		case OPT_TREE:
			tree = 1;
			break;
		case OPT_TEXT:
			text = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			puts("quire " QUIRE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (tree || text) {
		if (optind >= argc) {
			usage(stderr);
			return 2;
		}
		rc = dump_files(argv + optind, argc - optind, text);
		free(outputs);
		return rc ? 1 : msg_worst() == MSG_ERROR ? 1 : 0;
	}
	if (argc - optind > 1) {
		usage(stderr);
		free(outputs);
		return 2;
	}
	if (optind < argc)
		root = argv[optind];
	if (style_load(&st, style_name) != 0) {
		style_free(&st);
		free(outputs);
		return 1;
	}
	if (paper && style_set_paper(&st, paper) != 0) {
		fprintf(stderr, "quire: unknown paper size: %s\n", paper);
		style_free(&st);
		free(outputs);
		return 2;
	}
	if (paper) {
		char *what = xasprintf("--paper %s", paper);
		int bad = style_check_room(&st, what);
		free(what);
		if (bad) {
			style_free(&st);
			free(outputs);
			return 2;
		}
	}
	if (columns)
		st.columns = columns;
	if (column_gap >= 0)
		st.column_gap = column_gap;
	if (style_check_columns(&st, columns ? "--columns 2" : "columns: 2") != 0) {
		style_free(&st);
		free(outputs);
		return 2;
	}
	if (opt.since.year && opt.until.year && date_cmp(&opt.since, &opt.until) > 0) {
		fprintf(stderr, "quire: --since is after --until\n");
		rc = 2;
		goto out;
	}
	/* A bar on a terminal only, and not for --list, whose output may share the screen. */
	opt.progress = list ? NULL : progress_new(quiet);
	outfile_signals();
	/* What quire leaves out on purpose (a web archive's redirects...) is news to --check. */
	msg_notes(lint);
	if (archive_open(&ar, root, &opt) != 0) {
		rc = 1;
		goto out;
	}
	if (list) {
		list_articles(&ar);
		goto out;
	}
	if (lint) {
		lint_archive(&ar);
		progress_free(opt.progress);
		opt.progress = NULL;
		unsigned w = msg_warnings();
		int errors = msg_worst() == MSG_ERROR;
		fprintf(stderr, "quire: %s: %zu article%s checked: %u warning%s%s\n", root,
		    ar.narticles, ar.narticles == 1 ? "" : "s", w, w == 1 ? "" : "s",
		    errors ? ", and errors" : "");
		rc = w || errors ? 1 : 0;
		goto out;
	}
	if (ar.narticles == 0) {
		msg_error(root, 0, "no articles to export%s", opt.since.year || opt.until.year ||
		    opt.nsections || opt.ntags ? " in the selection" : "");
		rc = 1;
		goto out;
	}
	if (noutputs == 0) {
		/* TITLE-DATE.epub, or TITLE-FROM--TO.epub for a range of dates. */
		char *slug = slugify(ar.title, 60), iso[11], from[11], to[11];
		date_iso(&ar.date, iso);
		if (ar.since.year || ar.until.year) {
			date_iso(ar.since.year ? &ar.since : &ar.articles[0].date, from);
			date_iso(ar.until.year ? &ar.until : &ar.date, to);
			fallback = xasprintf("%s-%s--%s.epub", slug, from, to);
		} else
			fallback = xasprintf("%s-%s.epub", slug, iso);
		free(slug);
		outputs = xrealloc(outputs, sizeof(char *));
		outputs[noutputs++] = fallback;
	}
	if (opt.booklet.on || booklet_opt) {
		size_t npdf = 0, nbooklets = 0;
		for (size_t i = 0; i < noutputs; i++) {
			npdf += endswith_ci(outputs[i], ".pdf");
			nbooklets += export_writer(&opt, outputs[i]) == export_find(".booklet.pdf");
		}
		if (opt.booklet.on && npdf == 0) {
			fprintf(stderr, "quire: --booklet imposes a PDF: name one with -o "
			    "FILE.pdf\n");
			rc = 2;
			goto out;
		}
		if (nbooklets == 0) {
			fprintf(stderr, "quire: %s is for booklets: add --booklet or -o "
			    "NAME.booklet.pdf\n", booklet_opt);
			rc = 2;
			goto out;
		}
	}
	/* No output may overwrite what it is made from. */
	for (size_t i = 0; !force && i < noutputs + (manifest != NULL); i++) {
		const char *dest = i < noutputs ? outputs[i] : manifest;
		if (archive_check_output(&ar, dest, dest != fallback) != 0)
			rc = 2;
	}
	if (rc)
		goto out;
	if (compare && manifest_compare(compare, &ar, &opt.changes, &opt.nchanges) != 0) {
		rc = 1;
		goto out;
	}
	opt.style = &st;
	opt.force = force;
	r = export_run(&opt, &ar, outputs, noutputs, &written, &nwritten, &pages);
	if (r != 0)
		rc = r == 2 ? 2 : 1;
	else if (manifest && manifest_write(manifest, &ar, QUIRE_VERSION, argc, argv, written,
	    nwritten) != 0)
		rc = 1;
	progress_done(opt.progress, ar.narticles, pages, written, nwritten);
out:
	progress_free(opt.progress);
	for (size_t i = 0; i < nwritten; i++)
		free(written[i]);
	free(written);
	archive_clear(&ar);
	style_free(&st);
	free(fallback);
	free(outputs);
	free(opt.sections);
	free(opt.tags);
	for (size_t i = 0; i < opt.nchanges; i++)
		free(opt.changes[i]);
	free(opt.changes);
	xmlCleanupParser();
	if (rc)
		return rc;
	if (msg_worst() == MSG_ERROR)
		return 1;
	if (strict && msg_worst() >= MSG_WARNING)
		return 1;
	return 0;
}
