/* Fonts for the PDF: a private fontconfig configuration holding only the bundled fonts/. */
#ifndef QUIRE_FONTS_H
#define QUIRE_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <pango/pango.h>

struct fonts;

/* Creates a font map whose fontconfig configuration holds every font file in dir (the bundled
 * fonts/ folder) and nothing else: output never depends on the system's fonts, and with no
 * configuration rules no bold or italic is ever synthesised. One per thread: Pango font maps
 * must not be shared across threads. Returns NULL after an error message. Free with fonts_free. */
struct fonts *fonts_new(const char *dir);

struct strset;

/* Adds to out (the caller's) the family names of every font file in dir (the bundled fonts/
 * folder), lower case, as fontconfig reads them. Returns the number of fonts read, or -1 when
 * dir cannot be read. */
int fonts_families(const char *dir, struct strset *out);

/* Frees the font map and the configuration. Accepts NULL. */
void fonts_free(struct fonts *f);

/* Returns the Pango font map (owned by f). */
PangoFontMap *fonts_map(struct fonts *f);

/* Writes to out (at most max) the distinct code points of the n bytes of UTF-8 at s that no
 * bundled font covers, skipping those already in out (*nout of them) and characters that are
 * never drawn (controls, spaces, soft hyphens, joiners). Returns the new *nout. */
size_t fonts_uncovered(const struct fonts *f, const char *s, size_t n, uint32_t *out, size_t nout,
                       size_t max);

/* Adds to the private configuration a system font covering each of the n code points at cps
 * that no font added so far covers, so that they are drawn rather than shown as boxes. Call it
 * before any text is set, with every code point the output will draw, so that the fonts do not
 * depend on the order of the text. Returns the number of code points still without a font. */
size_t fonts_fallback(struct fonts *f, const uint32_t *cps, size_t n);

/* For a Chinese, Japanese or Korean language tag, adds to the private configuration the system
 * fonts fontconfig prefers for the language (Noto Serif CJK SC and Noto Sans CJK SC for "zh",
 * their TC faces for "zh-TW", JP for "ja", KR for "ko"; regular and bold) and sets *serif and
 * *sans to their families (caller frees; NULL for one not found). Call it before
 * fonts_fallback. Returns 0, or -1 when lang is none of them or the system has no such font. */
int fonts_cjk(struct fonts *f, const char *lang, char **serif, char **sans);

/* Returns 1 if cp is drawn with a font fonts_cjk chose, else 0. */
int fonts_chosen(const struct fonts *f, uint32_t cp);

/* Returns how many of the n code points at cps no font of the configuration covers, bundled
 * or fallback. */
size_t fonts_missing(const struct fonts *f, const uint32_t *cps, size_t n);

#endif
