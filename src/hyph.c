/* Hyphenation: soft hyphens (U+00AD) put into words with libhyphen's dictionaries. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <hyphen.h>

#include "hyph.h"
#include "util.h"

#define SHY "\xc2\xad"
#define MIN_LETTERS 5
/* The fewest letters left before and carried after a break, whatever a dictionary allows. */
#define MIN_LEFT 2
#define MIN_RIGHT 3
#define MAX_WORD 60
/* The word cache: CACHE_SLOTS slots, each 0 or 1 + the offset in words of an entry, a word
 * and its hyphenated form, NUL-terminated. It is dropped and restarted when half its slots
 * are used or its words come within CACHE_ROOM of CACHE_BYTES (an entry is a word of at
 * most MAX_WORD bytes, then the word again with a 2-byte soft hyphen after each character, so
 * the buffer never grows past CACHE_BYTES): 640 KB a language a thread, whatever the text.
 * 16,384 words hold what the text repeats: the 200-article bench ran 0.18 % more
 * instructions than with the 2.5 MB cache before. */
#define CACHE_SLOTS (1u << 15)
#define CACHE_BYTES (512u << 10)
#define CACHE_ROOM (4 * MAX_WORD + 4)

/* One language's dictionary and the words it has already hyphenated. */
struct dict {
	HyphenDict *hd;         /* NULL: no dictionary for this language */
	int utf8;               /* 1 when the dictionary's words are UTF-8 (else its cset) */
	uint32_t *slots;        /* CACHE_SLOTS, or NULL until a word is cached */
	size_t used;            /* slots used */
	struct buf words;       /* the entries */
};

struct hyph {
	char *dir;
	struct strset langs;    /* language tag -> index into dicts */
	struct strset files;    /* dictionary file -> index into dicts */
	struct dict *dicts;
	size_t ndicts;
};

/* The usual region of a language for which the bare file may be missing. */
static const char *const regions[][2] = {
	{"en", "en_US"}, {"de", "de_DE"}, {"fr", "fr_FR"}, {"es", "es_ES"}, {"it", "it_IT"},
	{"pt", "pt_PT"}, {"ru", "ru_RU"}, {"nl", "nl_NL"}, {"pl", "pl_PL"}, {"sv", "sv_SE"},
	{"da", "da_DK"}, {"nb", "nb_NO"}, {"nn", "nn_NO"}, {"cs", "cs_CZ"}, {"hu", "hu_HU"},
	{"uk", "uk_UA"}, {"el", "el_GR"}, {"ca", "ca_ES"}, {"ro", "ro_RO"}, {"sk", "sk_SK"},
};

/* Languages whose scripts break lines without hyphens: Arabic script, Hebrew, and Chinese,
 * Japanese, Korean, Thai, Lao, Khmer and Burmese, which break between syllables or
 * characters. */
static int
unhyphenated(const char *ll)
{
	static const char *const none[] = {
		"ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug", "he", "yi", "zh", "ja", "ko", "th",
		"lo", "km", "my"
	};

	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (strcmp(ll, none[i]) == 0)
			return 1;
	return 0;
}

/* Whether the word's script is one that is not hyphenated (a Persian name in English text). */
static int
unhyphenated_script(const char *w, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	static const GUnicodeScript none[] = {
		G_UNICODE_SCRIPT_ARABIC, G_UNICODE_SCRIPT_HEBREW, G_UNICODE_SCRIPT_SYRIAC,
		G_UNICODE_SCRIPT_THAANA, G_UNICODE_SCRIPT_NKO, G_UNICODE_SCRIPT_HAN,
		G_UNICODE_SCRIPT_HIRAGANA, G_UNICODE_SCRIPT_KATAKANA, G_UNICODE_SCRIPT_HANGUL,
		G_UNICODE_SCRIPT_THAI, G_UNICODE_SCRIPT_LAO, G_UNICODE_SCRIPT_KHMER,
		G_UNICODE_SCRIPT_MYANMAR
	};

	while (utf8_next(w, n, &i, &cp)) {
		GUnicodeScript sc = g_unichar_get_script(cp);
		for (size_t k = 0; k < sizeof(none) / sizeof(none[0]); k++)
			if (sc == none[k])
				return 1;
	}
	return 0;
}

struct hyph *
hyph_new(const char *dir)
{
	struct hyph *h = xcalloc(1, sizeof(*h));

	h->dir = xstrdup(dir ? dir : "/usr/share/hyphen");
	return h;
}

void
hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->ndicts; i++) {
		if (h->dicts[i].hd)
			hnj_hyphen_free(h->dicts[i].hd);
		free(h->dicts[i].slots);
		buf_free(&h->dicts[i].words);
	}
	free(h->dicts);
	strset_free(&h->langs);
	strset_free(&h->files);
	free(h->dir);
	free(h);
}

/* Returns the path of hyph_<name>.dic when it can be read, else NULL. Caller frees. */
static char *
find(const struct hyph *h, const char *name)
{
	char *path = xasprintf("%s/hyph_%s.dic", h->dir, name);

	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* Returns lang's dictionary entry, loading its file the first time a language asks for it:
 * tags naming the same file ("de", "de-DE") share one dictionary and one word cache. */
static struct dict *
dict_for(struct hyph *h, const char *lang)
{
	size_t idx;
	char ll[16], full[32];
	char *path = NULL;
	size_t n = 0;

	if (lang == NULL || *lang == '\0')
		lang = "en";
	if (strset_get(&h->langs, lang, &idx))
		return &h->dicts[idx];
	/* "pt-BR" -> language "pt", full "pt_BR". */
	while (lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < sizeof(ll)) {
		ll[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	ll[n] = '\0';
	if (lang[n] == '-' || lang[n] == '_') {
		snprintf(full, sizeof(full), "%s_%s", ll, lang + n + 1);
		for (char *p = full + n + 1; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (strchr(full, '/') == NULL)
			path = find(h, full);
	}
	for (size_t i = 0; path == NULL && i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strcmp(regions[i][0], ll) == 0)
			path = find(h, regions[i][1]);
	if (path == NULL && n > 0)
		path = find(h, ll);
	/* Scripts that are not hyphenated have no dictionary, whatever the folder holds. */
	if (path && unhyphenated(ll)) {
		free(path);
		path = NULL;
	}
	if (path && strset_get(&h->files, path, &idx)) {
		free(path);
		strset_add(&h->langs, lang, idx);
		return &h->dicts[idx];
	}
	HyphenDict *hd = path ? hnj_hyphen_load(path) : NULL;
	h->dicts = xrealloc(h->dicts, (h->ndicts + 1) * sizeof(*h->dicts));
	memset(&h->dicts[h->ndicts], 0, sizeof(*h->dicts));
	h->dicts[h->ndicts].hd = hd;
	h->dicts[h->ndicts].utf8 = hd == NULL || g_ascii_strcasecmp(hd->cset, "UTF-8") == 0;
	strset_add(&h->langs, lang, h->ndicts);
	if (path)
		strset_add(&h->files, path, h->ndicts);
	free(path);
	return &h->dicts[h->ndicts++];
}

/* Is the code point at s (its UTF-8 length in *len) a letter? */
static int
letter(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	int l = utf8_decode(s, n, &cp);

	if (l <= 0) {
		*len = 1;
		return 0;
	}
	*len = (size_t)l;
	if (cp < 0x80)
		return isalpha((int)cp) != 0;
	return g_unichar_isalpha(cp);
}

/* The slot of the n-byte word w in d's cache: its entry's, or the empty one it would take. */
static uint32_t *
cache_slot(struct dict *d, const char *w, size_t n)
{
	uint32_t h = 2166136261u;

	if (d->slots == NULL)
		d->slots = xcalloc(CACHE_SLOTS, sizeof(*d->slots));
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	for (uint32_t j = h & (CACHE_SLOTS - 1);; j = (j + 1) & (CACHE_SLOTS - 1)) {
		const char *e;
		if (d->slots[j] == 0)
			return &d->slots[j];
		e = d->words.data + d->slots[j] - 1;
		if (strncmp(e, w, n) == 0 && e[n] == '\0')
			return &d->slots[j];
	}
}

/* Hyphenates one word (letters only) and appends it to out. */
static void
word(struct dict *d, const char *w, size_t n, struct buf *out)
{
	char low[MAX_WORD + 1], hyphens[MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t off, start, chars = 0;
	uint32_t *slot;

	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)w[i] & 0xC0) != 0x80;
	if (chars < MIN_LETTERS || n > MAX_WORD || unhyphenated_script(w, n)) {
		buf_put(out, w, n);
		return;
	}
	slot = cache_slot(d, w, n);
	if (*slot) {
		buf_puts(out, d->words.data + *slot - 1 + n + 1);
		return;
	}
	start = d->words.len;
	buf_put(&d->words, w, n);
	buf_putc(&d->words, '\0');
	/* Lower case; words whose lower case changes length, or with capitals inside, stay whole. */
	int ascii = 1;
	for (size_t i = 0; i < n; i++)
		ascii &= (unsigned char)w[i] < 0x80;
	if (ascii) {
		for (size_t i = 0; i < n; i++) {
			if (i > 0 && isupper((unsigned char)w[i]))
				goto whole;
			low[i] = (char)tolower((unsigned char)w[i]);
		}
	} else {
		char *l = g_utf8_strdown(w, (gssize)n);
		size_t ln = strlen(l);
		int ok = ln == n;
		if (ok)
			memcpy(low, l, n);
		g_free(l);
		if (!ok)
			goto whole;
		/* A capital past the first letter (a name like "McDonald", an acronym). */
		size_t first = 1;
		while (first < n && ((unsigned char)w[first] & 0xC0) == 0x80)
			first++;
		if (memcmp(low + first, w + first, n - first) != 0)
			goto whole;
	}
	low[n] = '\0';
	memset(hyphens, 0, sizeof(hyphens));
	/* Some of Debian's dictionaries (German, Portuguese: ISO8859-1; Russian: KOI8-R) are in
	 * an 8-bit encoding: the word is given to them in it, one byte per character. */
	const char *in = low;
	size_t inlen = n;
	char *conv = NULL;
	if (!d->utf8) {
		gsize got = 0;
		conv = g_convert(low, (gssize)n, d->hd->cset, "UTF-8", NULL, &got, NULL);
		if (conv == NULL || got > MAX_WORD) {
			g_free(conv);
			goto whole;
		}
		in = conv;
		inlen = got;
	}
	/* The dictionary's own LEFTHYPHENMIN and RIGHTHYPHENMIN, but never under 2 and 3. */
	int bad = hnj_hyphen_hyphenate3(d->hd, in, (int)inlen, hyphens, NULL, &rep, &pos, &cut,
	        d->hd->lhmin > MIN_LEFT ? d->hd->lhmin : MIN_LEFT,
	        d->hd->rhmin > MIN_RIGHT ? d->hd->rhmin : MIN_RIGHT,
	        d->hd->clhmin > 0 ? d->hd->clhmin : 2, d->hd->crhmin > 0 ? d->hd->crhmin : 2);
	g_free(conv);
	if (bad)
		goto whole;
	off = d->words.len;
	/* hyphens[] is indexed by character: an 8-bit dictionary has a byte per character, and
	 * libhyphen turns a UTF-8 dictionary's byte positions into character ones (so "dé" is
	 * two places, not three). */
	for (size_t i = 0, ci = 0; i < n; i++) {
		buf_putc(&d->words, w[i]);
		int end = i + 1 < n && ((unsigned char)w[i + 1] & 0xC0) != 0x80;
		size_t at = ci;
		/* Odd values mark a break after it; only plain breaks at character ends. */
		if (end && at + 1 < chars && (hyphens[at] & 1) && (rep == NULL || rep[at] == NULL))
			buf_puts(&d->words, SHY);
		ci += end;
	}
	buf_putc(&d->words, '\0');
	goto done;
whole:
	off = d->words.len;
	buf_put(&d->words, w, n);
	buf_putc(&d->words, '\0');
done:
	if (rep) {
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	*slot = (uint32_t)start + 1;
	d->used++;
	buf_puts(out, d->words.data + off);
	if (d->used * 2 >= CACHE_SLOTS || d->words.len + CACHE_ROOM > CACHE_BYTES) {
		memset(d->slots, 0, CACHE_SLOTS * sizeof(*d->slots));
		d->used = 0;
		buf_reset(&d->words);
	}
}

/* Appends one white-space-free token, hyphenating its words when it reads as prose. */
static void
token(struct dict *d, const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	for (size_t k = 0; k < n; k++)
		if (s[k] == '/' || s[k] == '@' || s[k] == '\\' || s[k] == '_' ||
		    (s[k] >= '0' && s[k] <= '9')) {
			buf_put(out, s, n);
			return;
		}
	while (i < n) {
		size_t len, start = i;
		if (!letter(s + i, n - i, &len)) {
			buf_put(out, s + i, len);
			i += len;
			continue;
		}
		while (i < n && letter(s + i, n - i, &len))
			i += len;
		word(d, s + start, i - start, out);
	}
}

void
hyph_text(struct hyph *h, const char *lang, const char *s, size_t n, struct buf *out)
{
	struct dict *d = dict_for(h, lang);
	size_t i = 0;

	if (d->hd == NULL) {
		buf_put(out, s, n);
		return;
	}
	while (i < n) {
		size_t start = i;
		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
			i++;
		buf_put(out, s + start, i - start);
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
			i++;
		if (i > start)
			token(d, s + start, i - start, out);
	}
}
