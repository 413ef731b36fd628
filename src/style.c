/* Styles: one file in styles/ describes the look of both the PDF and the EPUB. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "style.h"
#include "util.h"
#include "yamlmap.h"

#define MM (72.0 / 25.4)

static const struct {
	const char *name;
	double w, h;            /* millimetres */
} papers[] = {
	{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148},
	{"B5", 176, 250}, {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6},
	{"Tabloid", 279.4, 431.8}, {"Executive", 184.15, 266.7},
};

const char *
style_datadir(void)
{
	const char *d = getenv("QUIRE_DATADIR");

	return d && *d ? d : QUIRE_DATADIR;
}

/* Parses a length with unit; em is relative to em_size. Returns 0 or -1. */
static int
length(const char *s, double em_size, double *out)
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
	else
		return -1;
	return 0;
}

int
style_set_paper(struct style *st, const char *paper)
{
	double w, h;
	char unit[8] = "mm";

	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++) {
		if (strcasecmp(paper, papers[i].name) == 0) {
			st->page_w = papers[i].w * MM;
			st->page_h = papers[i].h * MM;
			free(st->paper);
			st->paper = xstrdup(papers[i].name);
			return 0;
		}
	}
	if (sscanf(paper, "%lfx%lf%7s", &w, &h, unit) >= 2 && w >= 50 && h >= 50 &&
	    w <= 2000 && h <= 2000) {
		double f = strcmp(unit, "in") == 0 ? 72 : strcmp(unit, "pt") == 0 ? 1 :
		    strcmp(unit, "cm") == 0 ? 10 * MM : MM;
		if (w * f < 140 || h * f < 140)
			return -1;
		st->page_w = w * f;
		st->page_h = h * f;
		free(st->paper);
		st->paper = xstrdup(paper);
		return 0;
	}
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
	st->text_color = xstrdup("#1a1a1a");
	st->accent_color = xstrdup("#7a1f1f");
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
	/* The body size first: em lengths depend on it. */
	const struct yval *sz = ymap_get(&m, "size");
	if (sz && sz->scalar && (length(sz->scalar, 10, &st->size) != 0 || st->size < 4))
		msg_warn(path, sz->line, "bad size '%s'", sz->scalar), st->size = 10.5;
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
		if (strcmp(k, "size") == 0 || strcmp(k, "name") == 0)
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
		else if (strcmp(k, "font-body") == 0)
			str_field = &st->font_body;
		else if (strcmp(k, "font-heading") == 0)
			str_field = &st->font_heading;
		else if (strcmp(k, "font-mono") == 0)
			str_field = &st->font_mono;
		else if (strcmp(k, "font-arabic") == 0)
			str_field = &st->font_arabic;
		else if (strcmp(k, "text-color") == 0 || strcmp(k, "accent-color") == 0) {
			bad = color(s);
			if (!bad)
				str_field = k[0] == 't' ? &st->text_color : &st->accent_color;
		} else if (strcmp(k, "leading") == 0) {
			char *end;
			double x = strtod(s, &end);
			bad = *end != '\0' || x < 0.8 || x > 4;
			if (!bad)
				st->leading = x;
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
			msg_warn(path, v->line, "unknown style key '%s' ignored", k);
			continue;
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
	    st->margin_inner + st->margin_outer > st->page_w * 0.6) {
		msg_warn(path, 0, "margins leave too little room; defaults used");
		st->margin_top = st->margin_bottom = st->margin_inner = st->margin_outer = 18 * MM;
	}
	ymap_free(&m);
	free(text);
	free(path);
	return 0;
}

void
style_free(struct style *st)
{
	free(st->name);
	free(st->paper);
	free(st->font_body);
	free(st->font_heading);
	free(st->font_mono);
	free(st->font_arabic);
	free(st->text_color);
	free(st->accent_color);
	memset(st, 0, sizeof(*st));
}
