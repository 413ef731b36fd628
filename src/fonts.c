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
	FcCharSet *cjk;         /* what the system fonts chosen for CJK languages cover */
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
	f->cjk = FcCharSetCreate();
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
	if (f->cjk)
		FcCharSetDestroy(f->cjk);
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

/* The system's font for a generic family ("serif") in fontconfig's language fclang at weight,
 * if it has the character probe: its file is added to the private configuration and its
 * family returned (caller frees), else NULL. */
static char *
system_font(struct fonts *f, const char *fclang, const char *generic, int weight, uint32_t probe)
{
	FcPattern *pat, *match;
	FcResult res;
	FcCharSet *cs;
	FcChar8 *file, *family;
	char *out = NULL;

	if (f->system == NULL)
		f->system = FcInitLoadConfigAndFonts();
	if (f->system == NULL)
		return NULL;
	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)generic);
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)fclang);
	FcPatternAddInteger(pat, FC_WEIGHT, weight);
	FcConfigSubstitute(f->system, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(f->system, pat, &res);
	FcPatternDestroy(pat);
	if (match == NULL)
		return NULL;
	if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch &&
	    FcCharSetHasChar(cs, probe) &&
	    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
	    FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
		if (strset_add(&f->added, (const char *)file, 0) &&
		    FcConfigAppFontAddFile(f->config, file)) {
			FcCharSetMerge(f->covered, cs, NULL);
			FcCharSetMerge(f->cjk, cs, NULL);
		}
		out = xstrdup((const char *)family);
	}
	FcPatternDestroy(match);
	return out;
}

int
fonts_cjk(struct fonts *f, const char *lang, char **serif, char **sans)
{
	char ll[8], fclang[8];
	size_t n = 0;
	uint32_t probe = 0x4E00;

	*serif = *sans = NULL;
	while (lang && lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < sizeof(ll)) {
		ll[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	ll[n] = '\0';
	if (strcmp(ll, "zh") == 0) {
		/* Traditional characters for Taiwan and Hong Kong, else simplified. */
		char rest[32];
		size_t k = 0;
		for (const char *r = lang + n; *r && k + 1 < sizeof(rest); r++)
			rest[k++] = *r == '_' ? '-' : (char)tolower((unsigned char)*r);
		rest[k] = '\0';
		if (strstr(rest, "-hant") || strstr(rest, "-tw"))
			strcpy(fclang, "zh-tw");
		else if (strstr(rest, "-hk") || strstr(rest, "-mo"))
			strcpy(fclang, "zh-hk");
		else
			strcpy(fclang, "zh-cn");
	} else if (strcmp(ll, "ja") == 0)
		strcpy(fclang, "ja");
	else if (strcmp(ll, "ko") == 0) {
		strcpy(fclang, "ko");
		probe = 0xAC00;
	} else
		return -1;
	*serif = system_font(f, fclang, "serif", FC_WEIGHT_REGULAR, probe);
	*sans = system_font(f, fclang, "sans-serif", FC_WEIGHT_REGULAR, probe);
	/* The bold faces of the same families, so that headings are not set in regular. */
	free(system_font(f, fclang, "serif", FC_WEIGHT_BOLD, probe));
	free(system_font(f, fclang, "sans-serif", FC_WEIGHT_BOLD, probe));
	if (*serif || *sans)
		pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
	return *serif || *sans ? 0 : -1;
}

int
fonts_chosen(const struct fonts *f, uint32_t cp)
{
	return FcCharSetHasChar(f->cjk, cp);
}

size_t
fonts_missing(const struct fonts *f, const uint32_t *cps, size_t n)
{
	size_t missing = 0;

	for (size_t i = 0; i < n; i++)
		missing += !FcCharSetHasChar(f->covered, cps[i]);
	return missing;
}
