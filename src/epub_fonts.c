/* The fonts an EPUB carries: the bundled faces its stylesheet uses, each subset with HarfBuzz's
 * hb-subset to the characters the book shows. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>

#include "epub_int.h"
#include "msg.h"

void
epub_note_chars(struct epub *e, const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (utf8_next(s, n, &i, &cp))
		if (cp >= 0x80)
			e->chars[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Is any letter of the Arabic script among the book's characters? */
static int
has_arabic(const struct epub *e)
{
	static const uint32_t blocks[][2] = {{0x600, 0x6FF}, {0x750, 0x77F}, {0x8A0, 0x8FF},
	    {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}};

	for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++)
		for (uint32_t cp = blocks[b][0]; cp <= blocks[b][1]; cp++)
			if (e->chars[cp >> 3] & (1u << (cp & 7)))
				return 1;
	return 0;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Loads every font file of dir into a new configuration, in name order so that ties between
 * files resolve the same way on every machine. Returns NULL when dir cannot be read. */
static FcConfig *
load_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	FcConfig *config;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (endswith_ci(de->d_name, ".ttf") || endswith_ci(de->d_name, ".otf")) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	config = FcConfigCreate();
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		if (config)
			FcConfigAppFontAddFile(config, (const FcChar8 *)path);
		free(path);
		free(names[i]);
	}
	free(names);
	return config;
}

/* Returns the file (owned by config) of the face of family with the weight and slant asked, or
 * NULL when the bundled fonts have none: the reading system then uses the nearest face. */
static const char *
find_face(FcConfig *config, const char *family, int bold, int italic)
{
	FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);

	for (int i = 0; set && i < set->nfont; i++) {
		FcPattern *p = set->fonts[i];
		FcChar8 *fam, *file;
		int weight, slant, match = 0;
		for (int k = 0; !match && FcPatternGetString(p, FC_FAMILY, k, &fam) == FcResultMatch;
		    k++)
			match = strcasecmp((const char *)fam, family) == 0;
		if (!match || FcPatternGetInteger(p, FC_WEIGHT, 0, &weight) != FcResultMatch ||
		    FcPatternGetInteger(p, FC_SLANT, 0, &slant) != FcResultMatch ||
		    FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		if ((weight >= FC_WEIGHT_BOLD) == bold && (slant != FC_SLANT_ROMAN) == italic &&
		    weight >= FC_WEIGHT_REGULAR - 5 && weight <= FC_WEIGHT_BOLD + 5)
			return (const char *)file;
	}
	return NULL;
}

/* Subsets the font file at path to ASCII and the book's characters, keeping the names that say
 * whose the font is and under which licence (the OFL and the Bitstream Vera licence travel with
 * every copy). Only the Arabic family (arabic: 1) keeps the joiners of a book with Arabic-script
 * letters: a reading system that takes a non-joiner from another font than its word's letters
 * breaks the word's run in two. book: ASCII and the book's characters. Returns the new font's
 * bytes (caller frees with hb_blob_destroy), or NULL. */
static hb_blob_t *
subset(const struct epub *e, const hb_set_t *book, const char *path, int arabic)
{
	static const unsigned names[] = {0, 1, 2, 3, 4, 5, 6, 13, 14};
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path), *out = NULL;
	hb_face_t *face, *sub;
	hb_subset_input_t *in;
	hb_set_t *u, *ids;

	if (blob == NULL)
		return NULL;
	face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if ((in = hb_subset_input_create_or_fail()) == NULL) {
		hb_face_destroy(face);
		return NULL;
	}
	u = hb_subset_input_unicode_set(in);
	hb_set_union(u, book);
	if (e->arabic && !arabic) {
		hb_set_del(u, 0x200C);
		hb_set_del(u, 0x200D);
	}
	ids = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(ids);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		hb_set_add(ids, names[i]);
	if ((sub = hb_subset_or_fail(face, in)) != NULL) {
		out = hb_face_reference_blob(sub);
		hb_face_destroy(sub);
	}
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	return out;
}

/* Returns the characters every font keeps: ASCII, what a reading system may draw on its own
 * (no-break space, hyphens, ellipsis), and the characters noted. Caller frees with
 * hb_set_destroy. */
static hb_set_t *
book_chars(const struct epub *e)
{
	hb_set_t *s = hb_set_create();

	hb_set_add_range(s, 0x20, 0x7E);
	hb_set_add(s, 0xA0);
	hb_set_add(s, 0xAD);
	hb_set_add(s, 0x2010);
	hb_set_add(s, 0x2026);
	for (uint32_t cp = 0x80; cp < 0x110000; cp++)
		if (e->chars[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(s, cp);
	return s;
}

/* Adds the face of family (bold, italic) to the book, once. */
static void
add_face(struct epub *e, const hb_set_t *book, FcConfig *config, const char *family, int bold,
         int italic, int arabic)
{
	const char *file = find_face(config, family, bold, italic);
	const char *base;
	struct epub_font *f;
	hb_blob_t *blob;
	unsigned len;
	const char *data;
	char *zname;

	if (file == NULL)
		return;
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	for (size_t i = 0; i < e->nfonts; i++)
		if (strcmp(e->fonts[i].name + 6, base) == 0)
			return;
	if ((blob = subset(e, book, file, arabic)) == NULL) {
		msg_warn(file, 0, "harfbuzz: cannot subset this font; the EPUB goes without it");
		return;
	}
	data = hb_blob_get_data(blob, &len);
	e->fonts = xrealloc(e->fonts, (e->nfonts + 1) * sizeof(*e->fonts));
	f = &e->fonts[e->nfonts++];
	f->family = xstrdup(family);
	f->name = xasprintf("fonts/%s", base);
	f->bold = bold;
	f->italic = italic;
	zname = xasprintf("OEBPS/%s", f->name);
	epub_store(e, zname, data, len);
	free(zname);
	hb_blob_destroy(blob);
}

void
epub_fonts(struct epub *e)
{
	const struct style *st = e->st;
	const char *fam[EPUB_FAMILIES];
	char *dir;
	FcConfig *config;
	hb_set_t *book;

	fam[EPUB_FAMILY_BODY] = st->font_body;
	fam[EPUB_FAMILY_HEADING] = st->font_heading;
	fam[EPUB_FAMILY_MONO] = st->font_mono;
	fam[EPUB_FAMILY_ARABIC] = st->font_arabic;
	e->arabic = has_arabic(e);
	if (e->opt->no_fonts)
		return;
	/* Arabic-script letters fall back to the Arabic family, in whatever weight they are set. */
	if (e->arabic)
		for (int f = 0; f < EPUB_FAMILIES; f++)
			for (int w = 0; w < 2; w++)
				if (e->faces & EPUB_FACE(f, w, 0) || e->faces & EPUB_FACE(f, w, 1))
					e->faces |= EPUB_FACE(EPUB_FAMILY_ARABIC, w, 0);
	dir = path_join(style_datadir(), "fonts");
	config = load_dir(dir);
	free(dir);
	if (config == NULL)
		return;
	book = book_chars(e);
	for (int f = 0; f < EPUB_FAMILIES; f++)
		for (int w = 0; w < 2; w++)
			for (int s = 0; s < 2; s++)
				if (e->faces & EPUB_FACE(f, w, s))
					add_face(e, book, config, fam[f], w, s,
					    f == EPUB_FAMILY_ARABIC);
	hb_set_destroy(book);
	FcConfigDestroy(config);
}

void
epub_fonts_free(struct epub *e)
{
	for (size_t i = 0; i < e->nfonts; i++) {
		free(e->fonts[i].family);
		free(e->fonts[i].name);
	}
	free(e->fonts);
	free(e->chars);
	e->fonts = NULL;
	e->chars = NULL;
	e->nfonts = 0;
}
