/* Styles: one file in styles/ describes the look of both the PDF and the EPUB. */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"
#include "l10n.h"
#include "msg.h"
#include "style.h"
#include "util.h"
#include "yamlmap.h"

#define MM (72.0 / 25.4)

static const struct paper {
	const char *name;
	double w, h;            /* millimetres */
	/* Screen profiles only (else 0): margins in millimetres, the body size in points. */
	double top, bottom, side, size;
} papers[] = {
	{"A3", 297, 420, 0, 0, 0, 0}, {"A4", 210, 297, 0, 0, 0, 0},
	{"A5", 148, 210, 0, 0, 0, 0}, {"A6", 105, 148, 0, 0, 0, 0},
	{"B3", 353, 500, 0, 0, 0, 0}, {"B4", 250, 353, 0, 0, 0, 0},
	{"B5", 176, 250, 0, 0, 0, 0}, {"B6", 125, 176, 0, 0, 0, 0},
	{"B7", 88, 125, 0, 0, 0, 0},
	{"Letter", 215.9, 279.4, 0, 0, 0, 0}, {"Legal", 215.9, 355.6, 0, 0, 0, 0},
	{"Tabloid", 279.4, 431.8, 0, 0, 0, 0}, {"Executive", 184.15, 266.7, 0, 0, 0, 0},
	{"Half-Letter", 139.7, 215.9, 0, 0, 0, 0}, {"Statement", 139.7, 215.9, 0, 0, 0, 0},
	/* E-ink readers' screens, seen whole: 6" (1072 x 1448 px at 300 ppi), 7.8" (1404 x 1872
	 * at 300 ppi), 10.3" (1404 x 1872 at 226 ppi). No binding: even side margins, just room
	 * for the running head and folio, type for reading at arm's length. */
	{"eink6", 90.8, 122.6, 9, 9, 5, 9.5},
	{"eink7.8", 118.9, 158.5, 10, 10, 7, 10},
	{"eink10.3", 157.8, 210.4, 12, 12, 10, 11},
};

/* The data folder found beside the running binary, or "" (set once). */
static char datadir_found[4096];

/* Looks for an installed data folder: PREFIX/share/quire beside PREFIX/bin/quire, wherever the
 * tree was copied (DESTDIR included). */
static void
find_datadir(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;

	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	char *cand = xasprintf("%s/../share/quire", exe);
	char *probe = xasprintf("%s/styles/default.yaml", cand);
	if (stat(probe, &st) == 0 && strlen(cand) < sizeof(datadir_found))
		memcpy(datadir_found, cand, strlen(cand) + 1);
	free(probe);
	free(cand);
}

const char *
style_datadir(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *d = getenv("QUIRE_DATADIR");

	if (d && *d)
		return d;
	pthread_once(&once, find_datadir);
	return datadir_found[0] ? datadir_found : QUIRE_DATADIR;
}

/* What a spacing key's number is in. */
enum unit {
	UNIT_PT = 0,            /* a length; the default in points */
	UNIT_EM,                /* a length; the default in ems of the body size */
	UNIT_LH,                /* a length; the default in body line heights */
	UNIT_AUTO,              /* a length or "auto": derived from another key (auto_sizes) */
	UNIT_RATIO,             /* a plain number, times a font size */
	UNIT_SHARE              /* a plain number from 0 to 1, of a width or height */
};

#define SP(f) offsetof(struct style, sp.f)

/* The PDF's spacing keys, each with the default the PDF writer had built in. */
static const struct spacing {
	const char *key;
	size_t off;             /* the double in struct style */
	double def;
	enum unit unit;
} spacings[] = {
	{"h1-space-before", SP(h1_before), 1.4, UNIT_LH},
	{"heading-space-before", SP(heading_before), 1.0, UNIT_LH},
	{"heading-space-after", SP(heading_after), 0.45, UNIT_LH},
	{"heading-leading", SP(heading_leading), 1.3, UNIT_RATIO},
	{"paragraph-space", SP(para), 0.5, UNIT_LH},
	{"list-space", SP(list), 0.5, UNIT_LH},
	{"item-space", SP(item), 0.4, UNIT_LH},
	{"bullet-width", SP(bullet_w), 1.3, UNIT_EM},
	{"number-width", SP(number_w), 1.5, UNIT_EM},
	{"number-gap", SP(number_gap), 0.6, UNIT_EM},
	{"label-gap", SP(label_gap), 0.4, UNIT_EM},
	{"quote-space", SP(quote), 0.5, UNIT_LH},
	{"quote-indent", SP(quote_start), 1.6, UNIT_EM},
	{"quote-indent-end", SP(quote_end), 1.0, UNIT_EM},
	{"quote-rule-inset", SP(quote_rule), 0.3, UNIT_EM},
	{"code-space", SP(code), 0.6, UNIT_LH},
	{"code-leading", SP(code_leading), 1.4, UNIT_RATIO},
	{"code-padding", SP(code_pad), 4, UNIT_PT},
	{"code-inset", SP(code_inset), 3, UNIT_PT},
	{"rule-space", SP(rule), 0.3, UNIT_LH},
	{"rule-height", SP(rule_h), 1.5, UNIT_LH},
	{"rule-width", SP(rule_w), 0.25, UNIT_SHARE},
	{"figure-space", SP(figure), 1.0, UNIT_LH},
	{"caption-gap", SP(caption_gap), 0.5, UNIT_LH},
	{"placeholder-height", SP(placeholder_h), 4, UNIT_LH},
	{"table-space", SP(table), 0.8, UNIT_LH},
	{"cell-padding", SP(cell_pad), 3, UNIT_PT},
	{"title-leading", SP(title_leading), 1.2, UNIT_RATIO},
	{"byline-leading", SP(byline_leading), 1.45, UNIT_RATIO},
	{"run-on-space", SP(run_on), 3, UNIT_LH},
	{"head-space", SP(head_gap), 0.5, UNIT_LH},
	{"head-rule-space", SP(head_rule), 0.2, UNIT_LH},
	{"head-rule-height", SP(head_rule_h), 0.8, UNIT_LH},
	{"head-space-after", SP(head_after), 0.8, UNIT_LH},
	{"header-raise", SP(header_raise), 0.9, UNIT_LH},
	{"header-rule-raise", SP(header_rule_raise), 0.6, UNIT_LH},
	{"footer-drop", SP(footer_drop), 1.2, UNIT_LH},
	{"title-page-top", SP(tp_top), 0.28, UNIT_SHARE},
	{"title-page-size", SP(tp_size), 0, UNIT_AUTO},
	{"title-page-rule-height", SP(tp_rule_h), 1.2, UNIT_LH},
	{"title-page-rule-width", SP(tp_rule_w), 0.2, UNIT_SHARE},
	{"title-page-subtitle-space", SP(tp_subtitle), 0.8, UNIT_LH},
	{"title-page-authors-space", SP(tp_authors), 3, UNIT_LH},
	{"title-page-date-space", SP(tp_date), 1.5, UNIT_LH},
	{"contents-space", SP(toc_after_title), 1.2, UNIT_LH},
	{"contents-group-size", SP(toc_group_size), 0, UNIT_AUTO},
	{"contents-group-height", SP(toc_group_line), 1.2, UNIT_LH},
	{"contents-group-space", SP(toc_group), 1.0, UNIT_LH},
	{"contents-group-space-after", SP(toc_group_after), 0.3, UNIT_LH},
	{"contents-entry-space", SP(toc_entry), 0.25, UNIT_LH},
	{"contents-number-width", SP(toc_number_w), 4, UNIT_EM},
};

static double *
spacing_field(struct style *st, const struct spacing *sp)
{
	return (double *)((char *)st + sp->off);
}

/* Sets every spacing key to its default, once the body's size and leading are known. */
static void
spacing_defaults(struct style *st)
{
	double lh = st->size * st->leading;

	for (size_t i = 0; i < sizeof(spacings) / sizeof(spacings[0]); i++) {
		const struct spacing *sp = &spacings[i];
		double v = sp->def;
		if (sp->unit == UNIT_EM)
			v = sp->def * st->size;
		else if (sp->unit == UNIT_LH)
			v = sp->def * lh;
		*spacing_field(st, sp) = v;
	}
}

/* Sizes left "auto", from the sizes they follow. */
static void
auto_sizes(struct style *st)
{
	if (st->sp.tp_size == 0)
		st->sp.tp_size = 2 * st->title_size / 1.4;
	if (st->sp.toc_group_size == 0)
		st->sp.toc_group_size = st->small_size * 1.15;
}

/* Parses a length with unit; em is relative to em_size, lh to lh_size. Returns 0 or -1. */
static int
length_lh(const char *s, double em_size, double lh_size, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0 || v > 5000)
		return -1;
	while (*end == ' ')
		end++;
	if (strcmp(end, "pt") == 0 || *end == '\0')
		*out = v;
	else if (strcmp(end, "mm") == 0)
		*out = v * MM;
	else if (strcmp(end, "cm") == 0)
		*out = v * 10 * MM;
	else if (strcmp(end, "in") == 0)
		*out = v * 72;
	else if (strcmp(end, "em") == 0)
		*out = v * em_size;
	else if (strcmp(end, "lh") == 0 && lh_size > 0)
		*out = v * lh_size;
	else
		return -1;
	return 0;
}

/* Parses a length with unit; em is relative to em_size. Returns 0 or -1. */
static int
length(const char *s, double em_size, double *out)
{
	return length_lh(s, em_size, 0, out);
}

/* Parses the value s of spacing key sp into its field. Returns 0, or -1 when it is bad. */
static int
spacing_value(struct style *st, const struct spacing *sp, const char *s)
{
	double v;
	char *end;

	switch (sp->unit) {
	case UNIT_AUTO:
		if (strcmp(s, "auto") == 0) {
			*spacing_field(st, sp) = 0;
			return 0;
		}
		/* FALLTHROUGH */
	case UNIT_PT: case UNIT_EM: case UNIT_LH:
		if (length_lh(s, st->size, st->size * st->leading, &v) != 0)
			return -1;
		if (sp->unit == UNIT_AUTO && v <= 0)
			return -1;
		break;
	case UNIT_RATIO: case UNIT_SHARE:
		v = strtod(s, &end);
		if (end == s || *end != '\0' || v < 0 || v > (sp->unit == UNIT_SHARE ? 1 : 10))
			return -1;
		break;
	default:
		abort();
	}
	*spacing_field(st, sp) = v;
	return 0;
}

/* Returns the paper or screen profile named name (ASCII case ignored), or NULL. */
static const struct paper *
paper_named(const char *name)
{
	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++)
		if (strcasecmp(name, papers[i].name) == 0)
			return &papers[i];
	return NULL;
}

int
style_paper_size(const char *s, double *w, double *h)
{
	const struct paper *p = paper_named(s);
	const char *c = s;
	char *end;
	double v[2], f;

	if (p) {
		*w = p->w * MM;
		*h = p->h * MM;
		return 0;
	}
	/* WxH with a unit after the height (mm when none), both sides in it. */
	for (int i = 0; i < 2; i++) {
		errno = 0;
		v[i] = strtod(c, &end);
		if (errno || end == c || !(v[i] > 0) || *c == '+' || *c == '-' ||
		    isspace((unsigned char)*c))
			return -1;
		c = end;
		if (i == 0 && *c != 'x' && *c != 'X')
			return -1;
		c += i == 0;
	}
	if (*c == '\0' || strcmp(c, "mm") == 0)
		f = MM;
	else if (strcmp(c, "cm") == 0)
		f = 10 * MM;
	else if (strcmp(c, "in") == 0)
		f = 72;
	else if (strcmp(c, "pt") == 0)
		f = 1;
	else
		return -1;
	/* From a playing card to a poster; whether the margins leave room is style_check's. */
	if (v[0] * f < 25 * MM || v[1] * f < 25 * MM || v[0] * f > 2000 * MM ||
	    v[1] * f > 2000 * MM)
		return -1;
	*w = v[0] * f;
	*h = v[1] * f;
	return 0;
}

/* Scales every type size and every length that follows the body size by f. */
static void
scale_type(struct style *st, double f)
{
	double *sizes[] = {&st->size, &st->indent, &st->title_size, &st->h1_size, &st->h2_size,
	    &st->h3_size, &st->small_size, &st->code_size};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		*sizes[i] *= f;
	for (size_t i = 0; i < sizeof(spacings) / sizeof(spacings[0]); i++)
		if (spacings[i].unit == UNIT_EM || spacings[i].unit == UNIT_LH ||
		    spacings[i].unit == UNIT_AUTO)
			*spacing_field(st, &spacings[i]) *= f;
}

int
style_set_paper(struct style *st, const char *paper)
{
	const struct paper *p = paper_named(paper);

	if (style_paper_size(paper, &st->page_w, &st->page_h) != 0)
		return -1;
	if (p && p->size > 0) {
		st->margin_top = p->top * MM;
		st->margin_bottom = p->bottom * MM;
		st->margin_inner = st->margin_outer = p->side * MM;
		scale_type(st, p->size / st->size);
	}
	return 0;
}

int
style_check_room(const struct style *st, const char *what)
{
	double tw = st->page_w - st->margin_inner - st->margin_outer;
	double bh = st->page_h - st->margin_top - st->margin_bottom;
	double min_w = STYLE_MIN_MEASURE * st->size;
	double min_h = STYLE_MIN_LINES * st->size * st->leading;

	if (tw >= min_w && bh >= min_h)
		return 0;
	if (what) {
		if (tw < min_w)
			msg_error(NULL, 0, "%s: %.0f x %.0f mm pages with margins of %.0f + "
			    "%.0f mm leave a %.0f mm column; %g pt type needs %.0f mm at least",
			    what, st->page_w / MM, st->page_h / MM, st->margin_inner / MM,
			    st->margin_outer / MM, tw > 0 ? tw / MM : 0, st->size, min_w / MM);
		else
			msg_error(NULL, 0, "%s: %.0f x %.0f mm pages with margins of %.0f + "
			    "%.0f mm leave %.0f mm of text height; %.0f mm at least is needed",
			    what, st->page_w / MM, st->page_h / MM, st->margin_top / MM,
			    st->margin_bottom / MM, bh > 0 ? bh / MM : 0, min_h / MM);
	}
	return -1;
}

/* The width of each of two columns. */
static double
column_w(const struct style *st)
{
	return (st->page_w - st->margin_inner - st->margin_outer - st->column_gap) / 2;
}

int
style_columns(const struct style *st)
{
	if (st->columns)
		return st->columns;
	return st->page_w >= STYLE_AUTO_COLUMNS_W - 0.5 &&
	    column_w(st) >= STYLE_MIN_COLUMN * st->size ? 2 : 1;
}

int
style_check_columns(const struct style *st, const char *what)
{
	double cw = column_w(st), min_w = STYLE_MIN_COLUMN * st->size;

	if (st->columns != 2 || cw >= min_w)
		return 0;
	msg_error(NULL, 0, "%s: two columns of %.0f mm with a %.0f mm gap are too narrow for "
	    "%g pt type, which needs %.0f mm a column; use one column, a smaller --paper margin "
	    "or type", what, cw > 0 ? cw / MM : 0, st->column_gap / MM, st->size, min_w / MM);
	return -1;
}

static void
defaults(struct style *st)
{
	memset(st, 0, sizeof(*st));
	style_set_paper(st, "A4");
	st->margin_top = 20 * MM;
	st->margin_bottom = 22 * MM;
	st->margin_inner = 22 * MM;
	st->margin_outer = 18 * MM;
	st->font_body = xstrdup("Noto Serif");
	st->font_heading = xstrdup("Noto Sans");
	st->font_mono = xstrdup("DejaVu Sans Mono");
	st->font_arabic = xstrdup("Noto Naskh Arabic");
	st->size = 10.5;
	st->leading = 1.38;
	st->para = PARA_INDENT;
	st->indent = 1.2 * 10.5;
	st->justify = 1;
	st->hyphenate = 1;
	st->title_size = 21;
	st->h1_size = 14;
	st->h2_size = 12;
	st->h3_size = 10.5;
	st->small_size = 8.5;
	st->code_size = 8.8;
	st->header = st->footer = 1;
	st->image_max_px = 1600;
	st->image_max_height = 0.5;
	st->columns = 1;
	st->column_gap = 5 * MM;
	st->text_color = xstrdup("#1a1a1a");
	st->accent_color = xstrdup("#7a1f1f");
	st->calendar = xstrdup("gregorian");
}

/* The font family keys and their built-in families, which fonts/ holds. */
static const struct {
	const char *key;
	size_t off;             /* the char * in struct style */
	const char *def;
} families[] = {
	{"font-body", offsetof(struct style, font_body), "Noto Serif"},
	{"font-heading", offsetof(struct style, font_heading), "Noto Sans"},
	{"font-mono", offsetof(struct style, font_mono), "DejaVu Sans Mono"},
	{"font-arabic", offsetof(struct style, font_arabic), "Noto Naskh Arabic"},
};

#define NFAMILIES (sizeof(families) / sizeof(families[0]))

/* Puts back the built-in family of each font key (given on line[i] of path) that names a
 * family fonts/ does not hold, with a warning: fontconfig would otherwise pick whatever it
 * likes, and the imprint would name a font the PDF does not use. */
static void
check_families(struct style *st, const char *path, const unsigned *line)
{
	struct strset bundled = {0};
	int read = -1;

	for (size_t i = 0; i < NFAMILIES; i++) {
		char **fam = (char **)((char *)st + families[i].off);
		if (strcmp(*fam, families[i].def) == 0)
			continue;
		if (read < 0) {
			char *dir = path_join(style_datadir(), "fonts");
			read = fonts_families(dir, &bundled);
			free(dir);
			/* No fonts to check against: the PDF writer says so. */
			if (read <= 0)
				break;
		}
		char *low = xstrdup(*fam);
		for (char *c = low; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!strset_get(&bundled, low, NULL)) {
			msg_warn(path, line[i], "font '%s' is not bundled; using '%s'", *fam,
			    families[i].def);
			free(*fam);
			*fam = xstrdup(families[i].def);
		}
		free(low);
	}
	strset_free(&bundled);
}

static int
boolean(const char *s, int *out)
{
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 || strcmp(s, "1") == 0)
		*out = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 || strcmp(s, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
color(const char *s)
{
	if (s[0] != '#' || strlen(s) != 7)
		return -1;
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return -1;
	return 0;
}

int
style_load(struct style *st, const char *name)
{
	char *path, *text = NULL;
	size_t len;
	struct ymap m;
	const char *err;
	unsigned errline;
	unsigned font_line[NFAMILIES] = {0};

	defaults(st);
	if (name == NULL)
		name = "default";
	if (strchr(name, '/') || endswith_ci(name, ".yaml"))
		path = xstrdup(name);
	else
		path = xasprintf("%s/styles/%s.yaml", style_datadir(), name);
	{
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		size_t n = strlen(base);
		st->name = xstrndup(base, endswith_ci(base, ".yaml") ? n - 5 : n);
	}
	if (file_read(path, &text, &len) != 0) {
		msg_error(path, 0, "cannot read style: %s", strerror(errno));
		free(path);
		return -1;
	}
	if (ymap_parse(text, len, 0, &m, &err, &errline) != 0)
		msg_warn(path, errline, "broken style: %s; the rest is ignored", err);
	ymap_warn_drops(&m, path, "style value ignored");
	/* The body size first: em lengths depend on it. */
	const struct yval *sz = ymap_get(&m, "size");
	if (sz && sz->scalar && (length(sz->scalar, 10, &st->size) != 0 || st->size < 4))
		msg_warn(path, sz->line, "bad size '%s'", sz->scalar), st->size = 10.5;
	/* Then the leading: lh lengths depend on both. */
	const struct yval *ld = ymap_get(&m, "leading");
	if (ld && ld->scalar) {
		char *end;
		double x = strtod(ld->scalar, &end);
		if (*end != '\0' || x < 0.8 || x > 4)
			msg_warn(path, ld->line, "bad value '%s' for 'leading'; default kept", ld->scalar);
		else
			st->leading = x;
	}
	spacing_defaults(st);
	for (size_t i = 0; i < m.n; i++) {
		const struct yval *v = &m.v[i];
		const char *k = v->key, *s = v->scalar;
		int bad = 0;
		double *len_field = NULL;
		char **str_field = NULL;

		if (s == NULL) {
			msg_warn(path, v->line, "style key '%s' wants a single value", k);
			continue;
		}
		if (strcmp(k, "size") == 0 || strcmp(k, "leading") == 0 || strcmp(k, "name") == 0)
			continue;
		else if (strcmp(k, "paper") == 0)
			bad = style_set_paper(st, s);
		else if (strcmp(k, "margin-top") == 0)
			len_field = &st->margin_top;
		else if (strcmp(k, "margin-bottom") == 0)
			len_field = &st->margin_bottom;
		else if (strcmp(k, "margin-inner") == 0)
			len_field = &st->margin_inner;
		else if (strcmp(k, "margin-outer") == 0)
			len_field = &st->margin_outer;
		else if (strcmp(k, "indent") == 0)
			len_field = &st->indent;
		else if (strcmp(k, "column-gap") == 0)
			len_field = &st->column_gap;
		else if (strcmp(k, "columns") == 0) {
			if (strcmp(s, "1") == 0 || strcmp(s, "2") == 0)
				st->columns = s[0] - '0';
			else if (strcmp(s, "auto") == 0)
				st->columns = 0;
			else
				bad = 1;
		}
		else if (strcmp(k, "title-size") == 0)
			len_field = &st->title_size;
		else if (strcmp(k, "h1-size") == 0)
			len_field = &st->h1_size;
		else if (strcmp(k, "h2-size") == 0)
			len_field = &st->h2_size;
		else if (strcmp(k, "h3-size") == 0)
			len_field = &st->h3_size;
		else if (strcmp(k, "small-size") == 0)
			len_field = &st->small_size;
		else if (strcmp(k, "code-size") == 0)
			len_field = &st->code_size;
		else if (startswith(k, "font-")) {
			size_t j;
			for (j = 0; j < NFAMILIES && strcmp(k, families[j].key) != 0; j++)
				;
			if (j == NFAMILIES) {
				msg_warn(path, v->line, "unknown style key '%s' ignored", k);
				continue;
			}
			str_field = (char **)((char *)st + families[j].off);
			font_line[j] = v->line;
		}
		else if (strcmp(k, "text-color") == 0 || strcmp(k, "accent-color") == 0) {
			bad = color(s);
			if (!bad)
				str_field = k[0] == 't' ? &st->text_color : &st->accent_color;
		} else if (strcmp(k, "paragraph") == 0) {
			if (strcmp(s, "indent") == 0)
				st->para = PARA_INDENT;
			else if (strcmp(s, "spacing") == 0)
				st->para = PARA_SPACING;
			else
				bad = 1;
		} else if (strcmp(k, "align") == 0) {
			if (strcmp(s, "justify") == 0)
				st->justify = 1;
			else if (strcmp(s, "left") == 0)
				st->justify = 0;
			else
				bad = 1;
		} else if (strcmp(k, "calendar") == 0) {
			bad = !l10n_calendar_ok(s);
			if (!bad)
				str_field = &st->calendar;
		} else if (strcmp(k, "hyphenate") == 0)
			bad = boolean(s, &st->hyphenate);
		else if (strcmp(k, "header") == 0)
			bad = boolean(s, &st->header);
		else if (strcmp(k, "footer") == 0)
			bad = boolean(s, &st->footer);
		else if (strcmp(k, "image-max-px") == 0) {
			char *end;
			long x = strtol(s, &end, 10);
			bad = *end != '\0' || x < 64 || x > 20000;
			if (!bad)
				st->image_max_px = (int)x;
		} else if (strcmp(k, "image-max-height") == 0) {
			char *end;
			double x = strtod(s, &end);
			bad = *end != '\0' || x < 0.1 || x > 1;
			if (!bad)
				st->image_max_height = x;
		} else {
			size_t j;
			for (j = 0; j < sizeof(spacings) / sizeof(spacings[0]); j++)
				if (strcmp(k, spacings[j].key) == 0)
					break;
			if (j == sizeof(spacings) / sizeof(spacings[0])) {
				msg_warn(path, v->line, "unknown style key '%s' ignored", k);
				continue;
			}
			bad = spacing_value(st, &spacings[j], s);
		}
		if (len_field) {
			double val;
			bad = length(s, st->size, &val) != 0;
			if (!bad)
				*len_field = val;
		}
		if (str_field && !bad) {
			free(*str_field);
			*str_field = xstrdup(s);
		}
		if (bad)
			msg_warn(path, v->line, "bad value '%s' for '%s'; default kept", s, k);
	}
	if (st->margin_top + st->margin_bottom > st->page_h * 0.6 ||
	    st->margin_inner + st->margin_outer > st->page_w * 0.6 ||
	    style_check_room(st, NULL) != 0) {
		msg_warn(path, 0, "margins leave too little room; defaults used");
		st->margin_top = st->margin_bottom = st->margin_inner = st->margin_outer = 18 * MM;
	}
	auto_sizes(st);
	check_families(st, path, font_line);
	st->l10n = l10n_load(NULL, st->calendar);
	ymap_free(&m);
	free(text);
	free(path);
	return 0;
}

void
style_free(struct style *st)
{
	free(st->name);
	free(st->font_body);
	free(st->font_heading);
	free(st->font_mono);
	free(st->font_arabic);
	free(st->text_color);
	free(st->accent_color);
	free(st->calendar);
	l10n_free(st->l10n);
	memset(st, 0, sizeof(*st));
}

void
style_rgb(const char *hex, unsigned dflt, double out[3])
{
	unsigned v = dflt;

	if (hex && hex[0] == '#' && strlen(hex) == 7)
		sscanf(hex + 1, "%x", &v);
	out[0] = ((v >> 16) & 0xff) / 255.0;
	out[1] = ((v >> 8) & 0xff) / 255.0;
	out[2] = (v & 0xff) / 255.0;
}
