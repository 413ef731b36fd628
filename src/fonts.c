/* Fonts for the PDF: a private fontconfig configuration holding only the bundled fonts/. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "fonts.h"
#include "msg.h"
#include "util.h"

struct fonts {
	FcConfig *config;       /* the private configuration */
	FcCharSet *bundled;     /* what the bundled fonts cover */
	FcCharSet *covered;     /* bundled plus system fonts added as fallbacks */
	FcConfig *system;       /* the system's configuration, loaded on first need */
	PangoFontMap *map;
	struct strset added;    /* fallback files already added */
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct fonts *
fonts_new(const char *dir)
{
	struct fonts *f = xcalloc(1, sizeof(*f));
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	FcFontSet *set;

	if (d == NULL) {
		msg_error(dir, 0, "cannot read the fonts folder");
		goto fail;
	}
	while ((e = readdir(d)) != NULL)
		if (endswith_ci(e->d_name, ".ttf") || endswith_ci(e->d_name, ".otf")) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = path_join(dir, e->d_name);
		}
	closedir(d);
	/* A fixed order, so that font ties always resolve the same way. */
	qsort(names, n, sizeof(*names), by_name);
	/* Fontconfig's own configuration (system fonts, for fallbacks) is loaded here, on the
	 * thread that makes the fonts, before Pango starts its "[pango] FcInit" thread to load
	 * it: that thread hands it over with GLib's futex locks, which ThreadSanitizer cannot
	 * see (make tsan), and the worker threads would read what it wrote. */
	if (!FcInit()) {
		msg_error(NULL, 0, "fontconfig: cannot load its configuration");
		goto fail;
	}
	f->config = FcConfigCreate();
	if (f->config == NULL) {
		msg_error(NULL, 0, "fontconfig: cannot create a configuration");
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		if (!FcConfigAppFontAddFile(f->config, (const FcChar8 *)names[i])) {
			msg_error(names[i], 0, "fontconfig: cannot load this font");
			goto fail;
		}
	if (n == 0) {
		msg_error(dir, 0, "no fonts found");
		goto fail;
	}
	f->bundled = FcCharSetCreate();
	set = FcConfigGetFonts(f->config, FcSetApplication);
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(f->bundled, cs, NULL);
	}
	f->covered = FcCharSetUnion(f->bundled, f->bundled);
	f->map = pango_cairo_font_map_new();
	if (f->map == NULL || !PANGO_IS_FC_FONT_MAP(f->map)) {
		msg_error(NULL, 0, "pango: no fontconfig font map");
		goto fail;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	/* One point per user space unit. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return f;
fail:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fonts_free(f);
	return NULL;
}

int
fonts_families(const char *dir, struct strset *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	FcConfig *config;
	FcFontSet *set;
	int n = 0;

	if (d == NULL)
		return -1;
	config = FcConfigCreate();
	if (config == NULL) {
		closedir(d);
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (endswith_ci(e->d_name, ".ttf") || endswith_ci(e->d_name, ".otf")) {
			char *path = path_join(dir, e->d_name);
			FcConfigAppFontAddFile(config, (const FcChar8 *)path);
			free(path);
		}
	closedir(d);
	set = FcConfigGetFonts(config, FcSetApplication);
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *fam;
		for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &fam) == FcResultMatch;
		    k++) {
			char *low = xstrdup((const char *)fam);
			for (char *c = low; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			strset_add(out, low, 0);
			free(low);
		}
		n++;
	}
	FcConfigDestroy(config);
	return n;
}

void
fonts_free(struct fonts *f)
{
	if (f == NULL)
		return;
	if (f->map) {
		/* Drops the font map's caches, which hold the configuration's fonts. */
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
		g_object_unref(f->map);
	}
	if (f->bundled)
		FcCharSetDestroy(f->bundled);
	if (f->covered)
		FcCharSetDestroy(f->covered);
	if (f->config)
		FcConfigDestroy(f->config);
	if (f->system)
		FcConfigDestroy(f->system);
	strset_free(&f->added);
	free(f);
}

PangoFontMap *
fonts_map(struct fonts *f)
{
	return f->map;
}

/* Characters that are never drawn as glyphs of their own. */
static int
invisible(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
	    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

size_t
fonts_uncovered(const struct fonts *f, const char *s, size_t n, uint32_t *out, size_t nout,
                size_t max)
{
	size_t i = 0;
	uint32_t cp;

	while (utf8_next(s, n, &i, &cp)) {
		if (cp < 0x80 || invisible(cp) || FcCharSetHasChar(f->bundled, cp))
			continue;
		size_t k;
		for (k = 0; k < nout && out[k] != cp; k++)
			;
		if (k == nout && nout < max)
			out[nout++] = cp;
	}
	return nout;
}

size_t
fonts_fallback(struct fonts *f, const uint32_t *cps, size_t n)
{
	size_t missing = 0;
	int changed = 0;

	for (size_t i = 0; i < n; i++) {
		FcPattern *pat = NULL;
		FcFontSet *sorted = NULL;
		FcCharSet *want = NULL;
		FcResult res;
		int found = 0;

		if (cps[i] < 0x80 || invisible(cps[i]) || FcCharSetHasChar(f->covered, cps[i]))
			continue;
		if (f->system == NULL)
			f->system = FcInitLoadConfigAndFonts();
		if (f->system == NULL) {
			missing++;
			continue;
		}
		want = FcCharSetCreate();
		FcCharSetAddChar(want, cps[i]);
		pat = FcPatternCreate();
		FcPatternAddCharSet(pat, FC_CHARSET, want);
		FcConfigSubstitute(f->system, pat, FcMatchPattern);
		FcDefaultSubstitute(pat);
		sorted = FcFontSort(f->system, pat, FcFalse, NULL, &res);
		for (int k = 0; sorted && k < sorted->nfont && !found; k++) {
			FcCharSet *cs;
			FcChar8 *file;
			if (FcPatternGetCharSet(sorted->fonts[k], FC_CHARSET, 0, &cs) != FcResultMatch ||
			    !FcCharSetHasChar(cs, cps[i]) ||
			    FcPatternGetString(sorted->fonts[k], FC_FILE, 0, &file) != FcResultMatch)
				continue;
			found = 1;
			if (strset_add(&f->added, (const char *)file, 0) &&
			    FcConfigAppFontAddFile(f->config, file)) {
				FcCharSetMerge(f->covered, cs, NULL);
				changed = 1;
			}
		}
		if (!found)
			missing++;
		if (sorted)
			FcFontSetDestroy(sorted);
		FcPatternDestroy(pat);
		FcCharSetDestroy(want);
	}
	if (changed)
		pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
	return missing;
}

size_t
fonts_missing(const struct fonts *f, const uint32_t *cps, size_t n)
{
	size_t missing = 0;

	for (size_t i = 0; i < n; i++)
		missing += !FcCharSetHasChar(f->covered, cps[i]);
	return missing;
}
