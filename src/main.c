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
#include "msg.h"
#include "options.h"
#include "style.h"
#include "util.h"

#define VERSION "0.1"

static void
usage(FILE *f)
{
	fputs("usage: quire [options] [ARCHIVE]\n"
	    "       quire --tree FILE...\n"
	    "       quire --text FILE...\n"
	    "Turns the archive folder ARCHIVE (default: archive) into an EPUB or a print PDF.\n"
	    "  -o, --output FILE     write FILE; .epub or .pdf (may be repeated);\n"
	    "                        default: TITLE-DATE.epub in this folder\n"
	    "      --style NAME|FILE the look (styles/NAME.yaml or a file); default: default\n"
	    "      --paper SIZE      A4 (default), A5, A3, B5, Letter, Legal, Tabloid or WxHmm\n"
	    "      --group BY        contents grouped by month (default), section or none\n"
	    "      --run-on          PDF: articles follow each other without a page break\n"
	    "      --image-max PX    EPUB photos' longest side (default: the style's, 1600)\n"
	    "      --keep-metadata   keep photos' EXIF/XMP/IPTC metadata, GPS included\n"
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

int
main(int argc, char **argv)
{
	enum { OPT_STYLE = 256, OPT_PAPER, OPT_GROUP, OPT_IMAGE_MAX, OPT_KEEP, OPT_STRICT,
	    OPT_TREE, OPT_TEXT, OPT_VERSION, OPT_RUN_ON };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"style", required_argument, NULL, OPT_STYLE},
		{"paper", required_argument, NULL, OPT_PAPER},
		{"group", required_argument, NULL, OPT_GROUP},
		{"image-max", required_argument, NULL, OPT_IMAGE_MAX},
		{"keep-metadata", no_argument, NULL, OPT_KEEP},
		{"run-on", no_argument, NULL, OPT_RUN_ON},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"quiet", no_argument, NULL, 'q'},
		{"tree", no_argument, NULL, OPT_TREE},
		{"text", no_argument, NULL, OPT_TEXT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct options opt = {0};
	struct archive ar;
	struct style st;
	const char *style_name = NULL, *paper = NULL, *root = "archive";
	char **outputs = NULL;
	size_t noutputs = 0;
	int strict = 0, tree = 0, text = 0, c, rc = 0;

	/* libxml2 must be initialised once before any thread parses. */
	xmlInitParser();
	while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (export_find(optarg) == NULL) {
				fprintf(stderr, "quire: %s: unknown output format (want %s)\n", optarg,
				    export_formats());
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
		case OPT_RUN_ON:
			opt.run_on = 1;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case 'q':
			msg_mute(1);
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
			puts("quire " VERSION);
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
	if (archive_open(&ar, root) != 0) {
		archive_clear(&ar);
		style_free(&st);
		free(outputs);
		return 1;
	}
	char *fallback = NULL;
	if (noutputs == 0) {
		char *slug = slugify(ar.title, 60), iso[11];
		date_iso(&ar.date, iso);
		fallback = xasprintf("%s-%s.epub", slug, iso);
		free(slug);
		outputs = xrealloc(outputs, sizeof(char *));
		outputs[noutputs++] = fallback;
	}
	opt.style = &st;
	if (export_run(&opt, &ar, outputs, noutputs) != 0)
		rc = 1;
	archive_clear(&ar);
	style_free(&st);
	free(fallback);
	free(outputs);
	xmlCleanupParser();
	if (rc || msg_worst() == MSG_ERROR)
		return 1;
	if (strict && msg_worst() >= MSG_WARNING)
		return 1;
	return 0;
}
