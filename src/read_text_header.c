/* The plain-text reader's header: title, bylines and date lines at the top; tags and link lists. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "msg.h"
#include "read_text_int.h"

#define MAXAUTH 16              /* authors taken from one byline */

struct names {
	char *v[MAXAUTH];
	size_t n;
};

/* See read_text_int.h: scraped text names years in its prose, so only 1900 to 2100 count as
 * the article's date. */
int
text_dateat(const char *s, struct date *d, const char **end)
{
	const char *e;

	if (date_prose(s, d, &e) != 0)
		return -1;
	if (d->year < 1900 || d->year > 2100) {
		memset(d, 0, sizeof(*d));
		return -1;
	}
	*end = e;
	return 0;
}

/* Returns 1 when the rest of a date line holds only a time, a zone and date words. */
static int
timetail(const char *s)
{
	static const char *const ok[] = {
		"at", "on", "am", "pm", "a.m", "p.m", "updated", "published", "last", "modified",
		"edited", "posted", "min", "mins", "minute", "minutes", "read", "ago", "hour",
		"hours", "h", "and"
	};
	int nw = 0;

	while (*s) {
		size_t n = 0, a, z;
		const char *q;

		s = text_skipsp(s);
		while (s[n] && s[n] != ' ')
			n++;
		if (n == 0)
			break;
		if (++nw > 12)
			return 0;
		for (a = 0; a < n && !text_isword(s[a]); a++)
			;
		for (z = n; z > a && !text_isword(s[z - 1]); z--)
			;
		/* A dot ends "a.m." and "p.m." but is no part of the key. */
		const char *w = s + a;
		size_t wl = z - a, i;
		for (i = 0; i < wl && (ascii_isdigit(w[i]) || w[i] == ':' || w[i] == '.'); i++)
			;
		int upper = wl >= 2 && wl <= 5;
		for (size_t j = 0; j < wl; j++)
			upper &= ascii_isupper(w[j]);
		int ampm = i > 0 && wl - i == 2 && (strncasecmp(w + i, "am", 2) == 0 ||
		    strncasecmp(w + i, "pm", 2) == 0);
		char low[16];
		int known = 0;
		if (wl < sizeof(low)) {
			for (size_t j = 0; j < wl; j++)
				low[j] = (char)ascii_tolower(w[j]);
			known = text_among(low, wl, ok, sizeof(ok) / sizeof(ok[0]));
		}
		/* Numbers and times ("10:15", "12.30"), zones ("BST"), month and day names. */
		if (!(wl == 0 || i == wl || upper || ampm || known || date_weekday_at(w) == wl ||
		    (date_month_at(w, &q) && q >= w + wl)))
			return 0;
		s += n;
	}
	return 1;
}

/* Returns 1 when the line is a date on its own ("Published March 3, 2024", "Updated: ...",
 * "Tue 5 Sep 2023 10.15 BST", "Updated 3:41 PM EDT, September 5, 2023") and sets *d and *rank. */
static int
dateonly(const struct line *l, struct date *d, enum rank *rank)
{
	static const char *const pre[] = {
		"last updated", "last modified", "updated on", "updated", "modified",
		"published on",
		"published", "first published on", "first published", "originally published on",
		"originally published", "posted on", "posted", "dated", "date", "on"
	};
	const char *p = l->s, *e;

	if (l->cps > WRAP || l->kind != L_TEXT)
		return 0;
	*rank = RANK_LINE;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i]);
		if (strncasecmp(p, pre[i], n) == 0 && !ascii_isalpha(p[n])) {
			if (strstr(pre[i], "updated") || strstr(pre[i], "modified"))
				*rank = RANK_UPDATED;
			p += n;
			if (*p == ':')
				p++;
			p = text_skipsp(p);
			break;
		}
	}
	/* The time may come first: "Updated 3:41 PM EDT, September 5, 2023". */
	for (const char *w = p; *w; w++) {
		if (w != p && w[-1] != ' ')
			continue;
		if (text_dateat(w, d, &e) != 0)
			continue;
		char *head = xstrndup(p, (size_t)(w - p));
		int ok = timetail(head) && timetail(e);
		free(head);
		return ok;
	}
	return 0;
}

/* Looks for a date at each word start of s (n bytes); returns its offset or NONE. */
static size_t
finddate(const char *s, size_t n, struct date *d)
{
	const char *e;

	for (size_t i = 0; i < n; i++) {
		if (i > 0 && text_isword(s[i - 1]))
			continue;
		if (!text_isword(s[i]))
			continue;
		if (text_dateat(s + i, d, &e) == 0 && (size_t)(e - s) <= n)
			return i;
	}
	return NONE;
}

/* Words that mark an affiliation or job in a byline, not a name. */
static const char *const roles[] = {
	"staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
	"editor", "editors", "contributor", "contributors", "contributing", "columnist",
	"journalist", "critic", "press", "associated", "reuters", "afp", "ap", "upi", "dpa",
	"bloomberg", "agency", "bureau", "news", "newsroom", "times", "herald", "tribune",
	"journal", "gazette", "magazine", "wire", "desk", "team", "service", "photographer",
	"producer", "analyst", "senior", "chief", "special", "guest", "freelance", "intern",
	"cnn", "bbc", "npr", "staffers"
};

/* Lower-case name particles ("Ludwig van Beethoven"). */
static const char *const particles[] = {
	"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos",
	"das", "bin", "ibn", "al", "y", "e", "ter", "ten", "op", "zu"
};

/* See read_text_int.h. */
int
text_particle(const char *w, size_t n)
{
	return AMONG(w, n, particles);
}

/* Returns 1 when a word of s (n bytes) is a role word. */
static int
role(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		char w[24];
		size_t k = 0;
		while (i < n && !ascii_isalpha(s[i]))
			i++;
		while (i < n && ascii_isalpha(s[i])) {
			if (k < sizeof(w))
				w[k] = (char)ascii_tolower(s[i]);
			k++;
			i++;
		}
		if (k > 0 && k < sizeof(w) && AMONG(w, k, roles))
			return 1;
	}
	return 0;
}

/* Returns 1 when s (n bytes) may be a person's name: one to five capitalised words (particles
 * allowed), letters and . - ' only, not a month or weekday. */
static int
nameok(const char *s, size_t n)
{
	size_t i = 0, nw = 0;
	const char *q;

	while (i < n) {
		size_t a = i;
		while (i < n && s[i] != ' ')
			i++;
		size_t wl = i - a;
		const char *w = s + a;
		if (wl == 0) {
			i++;
			continue;
		}
		if (++nw > 5)
			return 0;
		for (size_t j = 0; j < wl; j++)
			if (!ascii_isalpha(w[j]) && !(w[j] & 0x80) && !strchr(".-'", w[j]))
				return 0;
		if (!ascii_isupper(w[0]) && !(w[0] & 0x80) && !text_particle(w, wl))
			return 0;
		if ((date_month_at(w, &q) && q >= w + wl) || date_weekday_at(w) == wl)
			return 0;
		/* "The Numbers" is no one's name. */
		if (nw == 1 && ((wl == 3 && strncmp(w, "The", 3) == 0) ||
		    (wl == 2 && strncmp(w, "An", 2) == 0) || (wl == 1 && *w == 'A')))
			return 0;
	}
	return nw > 0;
}

/* Writes an all-capitals name in title case ("JANE O'DOE" -> "Jane O'Doe"), Latin-1 included. */
static void
recase(char *s)
{
	int up = 0, low = 0, start = 1;

	for (char *p = s; *p; p++) {
		up += ascii_isupper(*p);
		low += ascii_islower(*p);
	}
	if (low > 0 || up < 2)
		return;
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '\'') {
			start = 1;
			continue;
		}
		if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
			if (!start)
				p[1] += 0x20;
			p++;
			start = 0;
			continue;
		}
		if (!start && ascii_isupper(*p))
			*p = (unsigned char)ascii_tolower(*p);
		start = 0;
	}
}

static void
addname(struct names *nm, const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	if (n == 0 || nm->n == MAXAUTH)
		return;
	nm->v[nm->n] = xstrndup(s, n);
	recase(nm->v[nm->n++]);
}

static void
freenames(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	nm->n = 0;
}

/* Returns the offset of the earliest of the separators in s (n bytes), or n. */
static size_t
cut(const char *s, size_t n, const char *const *seps, size_t nseps)
{
	size_t best = n;

	for (size_t i = 0; i < nseps; i++) {
		size_t m = strlen(seps[i]);
		for (size_t j = 0; j + m <= best; j++) {
			if (strncasecmp(s + j, seps[i], m) == 0) {
				best = j;
				break;
			}
		}
	}
	return best;
}

/*
 * Recognises a byline: "By Jane Doe", "By Jane Doe and John Roe", "By JANE DOE Associated
 * Press", "By Jane Doe | Reuters | March 3, 2024", "Jane Doe, Staff Writer". Returns 1 and fills
 * nm (caller frees with freenames) and, when the line holds one, *d (year 0 otherwise).
 */
static int
byline(const struct line *l, struct names *nm, struct date *d)
{
	static const char *const pre[] = {
		"by ", "by: ", "written by ", "words by ", "story by ", "text by ", "posted by ",
		"author: ", "authors: "
	};
	static const char *const seps[] = {
		" | ", " \xE2\x80\xA2 ", " \xC2\xB7 ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ",
		" - ", " (", " on ", " for ", " at ", " in ", " updated", " published", " posted"
	};
	static const char *const and[] = {", ", " and ", " & ", "; "};
	const char *s = l->s, *rest = NULL;
	size_t n = l->len, i;

	nm->n = 0;
	memset(d, 0, sizeof(*d));
	if (l->kind != L_TEXT || l->cps > 120 || text_words(s) > 16 || s[n - 1] == '!' ||
	    s[n - 1] == '?')
		return 0;
	if (s[n - 1] == '.') {
		const char *w = strrchr(s, ' ');
		if ((w ? (size_t)(s + n - w - 1) : n) > 4)
			return 0;
	}
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		if (strncasecmp(s, pre[i], strlen(pre[i])) == 0) {
			rest = text_skipsp(s + strlen(pre[i]));
			break;
		}
	}
	if (rest == NULL) {
		/* "Jane Doe, Staff Writer": a name of two words or more, then a job. */
		const char *c = strstr(s, ", ");
		size_t k = c ? (size_t)(c - s) : 0;
		if (c == NULL || l->cps > 80 || memchr(s, ' ', k) == NULL || !nameok(s, k) ||
		    role(s, k) || !role(c, (size_t)(s + n - c)))
			return 0;
		addname(nm, s, k);
		if (finddate(c, (size_t)(s + n - c), d) == NONE)
			memset(d, 0, sizeof(*d));
		return 1;
	}
	if (!ascii_isupper(*rest) && !(*rest & 0x80))
		return 0;
	n = (size_t)(s + l->len - rest);
	size_t at = finddate(rest, n, d);
	if (at == NONE)
		memset(d, 0, sizeof(*d));
	size_t end = cut(rest, at == NONE ? n : at, seps, sizeof(seps) / sizeof(seps[0]));
	/* The names, separated by commas and "and"; an affiliation or a job ends them. */
	const char *p = rest;
	while (p < rest + end) {
		size_t left = (size_t)(rest + end - p);
		size_t k = cut(p, left, and, sizeof(and) / sizeof(and[0]));
		size_t skip = k;
		while (k > 0 && (p[k - 1] == ',' || p[k - 1] == ' '))
			k--;
		if (skip < left)
			for (size_t j = 0; j < sizeof(and) / sizeof(and[0]); j++)
				if (strncasecmp(p + skip, and[j], strlen(and[j])) == 0) {
					skip += strlen(and[j]);
					break;
				}
		if (k == 0) {
			p += skip > 0 ? skip : 1;
			continue;
		}
		/* "JANE DOE Associated Press": the capitals are the name. */
		size_t caps = 0, j = 0;
		while (j < k) {
			size_t a = j;
			int up = 0, lo = 0;
			while (j < k && p[j] != ' ') {
				up += ascii_isupper(p[j]);
				lo += ascii_islower(p[j]);
				j++;
			}
			/* Initials ("A.") go on with the name but do not end it. */
			if (lo > 0 || (up < 2 && memchr(p + a, '.', j - a) == NULL))
				break;
			if (up >= 2)
				caps = j;
			while (j < k && p[j] == ' ')
				j++;
		}
		if (caps > 0 && caps < k && nameok(p, caps)) {
			addname(nm, p, caps);
			break;
		}
		if (role(p, k) || (nm->n > 0 && startswith(p, "The ")))
			break;
		if (!nameok(p, k)) {
			if (nm->n == 0)
				return 0;
			break;
		}
		addname(nm, p, k);
		p += skip;
	}
	return 1;
}

static int
substantial(const struct line *l)
{
	return text_words(l->s) >= 2 || l->cps >= 12;
}

/* Returns 1 when the line reads like a headline (see the comment at the top). */
static int
titlelike(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->len;

	if (l->kind != L_TEXT || !substantial(l) || l->cps > 150 || text_words(s) > 25)
		return 0;
	if (strchr(",;:", s[n - 1]) || ascii_islower(s[0]) || strstr(s, "://"))
		return 0;
	if (s[n - 1] == '.' && !text_ends(s, n, "...")) {
		if (text_words(s) > 10)
			return 0;
		for (size_t i = 2; i + 2 < n; i++)
			if (s[i] == '.' && s[i + 1] == ' ' && ascii_isupper(s[i + 2]) &&
			    ascii_isalpha(s[i - 1]) && ascii_isalpha(s[i - 2]))
				return 0;
	}
	return 1;
}

/* Returns 1 for lines that are small or navigation before a title: "Politics", "Breaking news",
 * "Home › News › World". */
static int
kicker(const struct line *l)
{
	static const char *const k[] = {
		"breaking news", "live updates", "us news", "uk news", "world news", "local news",
		"fact check", "top stories", "latest news", "news analysis", "live blog"
	};
	char low[32];

	if (!substantial(l))
		return 1;
	if (l->len < sizeof(low)) {
		for (size_t i = 0; i <= l->len; i++)
			low[i] = (char)ascii_tolower(l->s[i]);
		if (AMONG(low, l->len, k))
			return 1;
	}
	/* Breadcrumbs: short parts between > › » or /. */
	if (l->cps > 80 || text_closed(l->s, l->len))
		return 0;
	static const char *const seps[] = {" > ", " \xE2\x80\xBA ", " \xC2\xBB ", " / "};
	int parts = 1;
	const char *p = l->s;
	while (*p) {
		size_t best = strlen(p), m = 0;
		for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (size_t)(q - p) < best) {
				best = (size_t)(q - p);
				m = strlen(seps[i]);
			}
		}
		char *part = xstrndup(p, best);
		size_t w = text_words(part);
		free(part);
		if (w > 3)
			return 0;
		if (m == 0)
			break;
		parts++;
		p += best + m;
	}
	return parts >= 2;
}

/* See read_text_int.h. */
void
text_setdate(struct st *s, const struct date *d, enum rank rank)
{
	if (d->year == 0 || rank <= s->rank)
		return;
	s->a->date = *d;
	s->rank = rank;
}

static void
setauthors(struct st *s, struct names *nm)
{
	struct article *a = s->a;

	if (a->nauthors == 0 && nm->n > 0) {
		a->authors = xcalloc(nm->n, sizeof(char *));
		for (size_t i = 0; i < nm->n; i++)
			a->authors[i] = nm->v[i];
		a->nauthors = nm->n;
		nm->n = 0;
	}
	freenames(nm);
}

/* Returns the next line after i that is not blank or debris, or NONE. */
size_t
text_next(const struct st *s, size_t i)
{
	for (i++; i < s->n; i++)
		if (s->v[i].kind != L_BLANK && s->v[i].kind != L_DEBRIS)
			return i;
	return NONE;
}

/* Takes a date line at i, or with by a byline too. Returns 1 when the line was metadata (now
 * dropped). */
static int
meta(struct st *s, size_t i, int by)
{
	struct line *l = &s->v[i];
	struct names nm;
	struct date d;
	enum rank rank;

	if (l->kind != L_TEXT)
		return 0;
	if (dateonly(l, &d, &rank)) {
		text_setdate(s, &d, rank);
		l->kind = L_DROP;
		return 1;
	}
	if (by && byline(l, &nm, &d)) {
		text_setdate(s, &d, RANK_LINE);
		setauthors(s, &nm);
		l->kind = L_DROP;
		return 1;
	}
	/* "Posted on Sept. 12, 2023 by Priya": a date line, then a byline. */
	const char *b = by ? strstr(l->s, " by ") : NULL;
	if (b) {
		struct line left = *l, right = *l;
		struct date d2;
		left.s = xstrndup(l->s, (size_t)(b - l->s));
		left.len = strlen(left.s);
		left.cps = text_countcps(left.s, left.len);
		right.s = xstrdup(b + 1);
		right.len = strlen(right.s);
		right.cps = text_countcps(right.s, right.len);
		int ok = dateonly(&left, &d, &rank) && byline(&right, &nm, &d2);
		free(left.s);
		free(right.s);
		if (ok) {
			text_setdate(s, &d, rank);
			setauthors(s, &nm);
			l->kind = L_DROP;
			return 1;
		}
	}
	return 0;
}

/* Returns 1 when a byline or date line comes within the next two lines after i. */
static int
metanext(const struct st *s, size_t i)
{
	struct names nm;
	struct date d;
	enum rank rank;

	for (int k = 0; k < 2 && (i = text_next(s, i)) != NONE; k++) {
		const struct line *l = &s->v[i];
		if (dateonly(l, &d, &rank))
			return 1;
		if (byline(l, &nm, &d)) {
			freenames(&nm);
			return 1;
		}
	}
	return 0;
}

/* Returns 1 for a line to pass over above the title: navigation items, rules, kickers. */
static int
above(const struct line *l)
{
	if (l->kind == L_HR)
		return 1;
	if (l->kind == L_ITEM)
		return text_words(l->s + l->mark) <= 3;
	return l->kind == L_TEXT && kicker(l);
}

/* Finds the title, bylines and date lines at the top (see the comment at the top). */
void
text_header(struct st *s)
{
	const char *fm = s->a->title;
	size_t i, j, t = NONE;
	int dek = 0, seen = 0, by = 0;

	for (i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		/* A byline above the title is more likely a title ("By Any Means"). */
		if (l->kind == L_BLANK || l->kind == L_DEBRIS || meta(s, i, 0))
			continue;
		if (above(l)) {
			l->skip = 1;
			continue;
		}
		/* A lead photo's alt text and caption: a figure, not the title. */
		if (l->kind == L_TEXT && (j = text_next(s, i)) != NONE && s->v[j].kind == L_TEXT &&
		    strcmp(l->s, s->v[j].s) == 0) {
			i = j;
			continue;
		}
		if (fm ? l->kind == L_TEXT && read_same_words(l->s, fm) : titlelike(l))
			t = i;
		break;
	}
	if (t != NONE) {
		if (fm == NULL)
			s->a->title = xstrdup(s->v[t].s);
		s->v[t].kind = L_DROP;
		for (j = 0; j < t; j++)
			if (s->v[j].skip)
				s->v[j].kind = L_DROP;
		s->body = i = t + 1;
	} else if (fm == NULL) {
		msg_warn(s->label, 0, "no title found in the text");
		return;
	}
	for (; i < s->n && seen < 6; i++) {
		struct line *l = &s->v[i];
		if (l->kind == L_BLANK || l->kind == L_DEBRIS)
			continue;
		if (l->kind != L_TEXT)
			break;
		seen++;
		if (read_same_words(l->s, s->a->title)) {
			l->kind = L_DROP;
			s->body = i + 1;
			continue;
		}
		if (meta(s, i, 1)) {
			s->body = i + 1;
			by = 1;
			continue;
		}
		/* "BBC News, Brighton" under a byline: the author's desk. */
		if (by && l->cps <= 60 && text_words(l->s) <= 6 && !text_closed(l->s, l->len) &&
		    role(l->s, l->len)) {
			l->kind = L_DROP;
			s->body = i + 1;
			continue;
		}
		if (!dek && metanext(s, i)) {
			dek = 1;
			continue;
		}
		break;
	}
}

/* Headings of the link lists that pages end with; "Topics" and "Tags" lists name the tags. */
static const char *const lists[] = {
	"related", "related articles", "related stories", "related content", "related coverage",
	"related posts", "more on this story", "more stories", "more from", "more like this",
	"recommended", "recommended for you", "recommended stories", "you may also like",
	"you might also like", "most read", "most popular", "most viewed", "trending",
	"trending now", "top stories", "latest news", "read more", "read next", "around the web",
	"from around the web"
};

static const char *const topics[] = {
	"topics", "related topics", "tags", "more on these topics", "explore more on these topics"
};

/* Returns 2 for a "Topics" or "Tags" heading, 1 for another link-list heading, else 0. */
static int
listhead(const struct line *l)
{
	char k[64];
	size_t n;

	if (l->len >= sizeof(k))
		return 0;
	for (n = 0; n < l->len; n++)
		k[n] = (char)ascii_tolower(l->s[n]);
	k[n] = '\0';
	n = text_strip(k, n);
	if (AMONG(k, n, topics))
		return 2;
	return AMONG(k, n, lists);
}

/* Returns 1 for a line that may be a link's text: a headline or a topic, no sentence. */
static int
linkish(const struct line *l)
{
	size_t u = text_unquote(l->s, l->len);

	if (l->kind != L_TEXT && l->kind != L_ITEM)
		return 0;
	return text_words(l->s) <= 14 && l->cps <= 150 && u > 0 &&
	    (l->s[u - 1] != '.' || text_ends(l->s, u, "..."));
}

/*
 * Drops the link lists at the end of a page: when everything after a list heading ("Related
 * Topics", "More on this story") to the end of the file is short link-like lines, those lines
 * go. The lines under "Topics" or "Tags" become the tags, unless the article has some.
 */
void
text_tail(struct st *s)
{
	size_t h = NONE, i;
	int own = s->a->ntags == 0, tags = 0;

	for (i = s->n; i-- > s->body;) {
		const struct line *l = &s->v[i];
		if (l->kind == L_BLANK || l->kind == L_DROP)
			continue;
		if (l->kind == L_DEBRIS) {
			if (listhead(l))
				h = i;
			continue;
		}
		if (!linkish(l))
			break;
	}
	for (i = h; h != NONE && i < s->n; i++) {
		struct line *l = &s->v[i];
		if (l->kind == L_DEBRIS && listhead(l))
			tags = listhead(l) == 2;
		if (l->kind != L_TEXT && l->kind != L_ITEM)
			continue;
		if (tags && own) {
			const char *t = l->s + (l->kind == L_ITEM ? l->mark : 0);
			s->a->tags = xrealloc(s->a->tags, (s->a->ntags + 1) * sizeof(char *));
			s->a->tags[s->a->ntags++] = xstrdup(t);
		}
		l->kind = L_DROP;
	}
}

/* Takes "Tags: a, b", "Topics: ...", "Filed under: ..." lines as the article's tags (unless front
 * matter gave some) and drops them: they are the page's index, not its words. */
void
text_taxonomy(struct st *s)
{
	static const char *const pre[] = {
		"tags:", "tagged:", "topics:", "filed under:", "categories:", "category:",
		"keywords:"
	};

	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		const char *p = NULL;
		if (l->kind != L_TEXT || l->cps > 300)
			continue;
		for (size_t j = 0; j < sizeof(pre) / sizeof(pre[0]) && p == NULL; j++)
			if (strncasecmp(l->s, pre[j], strlen(pre[j])) == 0)
				p = l->s + strlen(pre[j]);
		if (p == NULL || !text_hasletter(p))
			continue;
		/* Every item is short, or this is a sentence after all. */
		char **v = xcalloc(strlen(p) / 2 + 1, sizeof(char *));
		size_t nv = 0;
		int ok = 1;
		while (*p && ok) {
			size_t n = strcspn(p, ",;|");
			char *t = xstrndup(p, n);
			strtrim(t);
			size_t tl = strlen(t);
			if (tl == 0 || text_words(t) > 4 || text_countcps(t, tl) > 40 || text_closed(t, tl))
				ok = tl == 0;
			if (tl > 0)
				v[nv++] = t;
			else
				free(t);
			p += n + (p[n] != '\0');
		}
		if (ok && nv > 0 && s->a->ntags == 0) {
			s->a->tags = v;
			s->a->ntags = nv;
			v = NULL;
			nv = 0;
		}
		for (size_t j = 0; j < nv; j++)
			free(v[j]);
		free(v);
		if (ok)
			l->kind = L_DROP;
	}
}
