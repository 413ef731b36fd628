/* The plain-text reader: text copied out of web pages, cleaned of page debris, as an article. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "msg.h"
#include "read.h"

/*
 * Scraped text has no markup, so its structure is guessed line by line, in passes over an array
 * of lines (no recursion, nothing global):
 *
 * 1. Every line is normalised: tabs, no-break and other wide spaces become spaces, zero-width
 *    spaces go, runs of spaces become one, both ends are trimmed.
 * 2. Each line is classified. Debris (ad slots, share buttons, navigation, newsletter and cookie
 *    banners, "5 min read") is a whole line that equals a known phrase once lower-cased and
 *    stripped of decoration and of trailing punctuation; one-word phrases ("Print", "Email") do
 *    not match a line that ends with . ! or ?, so a one-word sentence in prose survives. A debris
 *    line is dropped without a message and separates blocks like a blank line. A line of three or
 *    more of * - _ = ~ # is a section break (NODE_HR). "- x", "* x", "• x", "1. x", "1) x" are list
 *    items; a run of two or more becomes a list, a lone one stays text.
 * 3. The header. Before the title, lines too small to be one (a section name, breadcrumbs) are
 *    dropped and date lines are taken. The title is the first line with two words or twelve
 *    characters that does not read like a paragraph: at most 150 characters, not ending in , ;
 *    or :, and when it ends in a full stop at most ten words and one sentence. Without one, the
 *    skipped lines stay in the body and a warning says so. With a title from front matter none
 *    is taken from the text, and a line repeating it is dropped. Below the title, bylines ("By A
 *    and B", "By A, Staff Writer", "A, Staff Writer", "BY A Associated Press") give the authors
 *    and date lines ("Published March 3, 2024", "Updated 3:41 PM EDT, Sept. 5, 2023", "Posted
 *    on May 1, 2023 by A") the date; they are dropped. One standfirst line may stand between
 *    the title and them; it stays in the body. Front matter's authors and date win.
 *    "Tags: a, b" lines (also Topics, Filed under, Categories) give tags and are dropped. So do
 *    the link lists pages end with: when everything after a list heading ("Related Topics",
 *    "More on this story") is short link-like lines, they go; those under "Topics" or "Tags"
 *    are the tags.
 * 4. Figures. A line repeated at once (blank or debris lines between), as an image's alt text
 *    followed by its caption, becomes one NODE_FIGURE holding only a NODE_CAPTION: there is no
 *    image to show. The second line may also be the first plus a credit ("... Photo: X").
 *    Credit lines ("Photo: X", "Image: X", "Credit: X") are kept, not dropped: they attribute
 *    someone's work and are the page's words. Next to a caption (below it, or just above it as
 *    "Image source, X") they join it after a line break; alone they are a caption of their own.
 *    "Photo:" with nothing after it is debris. Labelled lines ("Image caption, X") are captions.
 * 5. Blocks. Blank lines separate blocks; a block is one paragraph whose lines are joined with a
 *    space, unless one of its lines is longer than WRAP characters: then the text was not hard
 *    wrapped and each line is a paragraph. A file without any blank line in its body has one
 *    paragraph per line. Either way a line going on with a lower-case word after a line that
 *    ends no sentence joins it. A line ending in a letter and '-' is joined without a space and
 *    keeps its hyphen ("well-" + "known"): words are never de-hyphenated, which is not safe.
 *    A one-line paragraph shorter than 70 characters and ten words, starting with no lower-case
 *    letter, without closing punctuation (. ! ? : ; … , and quotes after them), without ';' and
 *    not a URL or an agency tagline is a subheading (level 1) when it stands between
 *    paragraphs: something other than such a short line before it, a paragraph or list after.
 *    Runs of short lines stay paragraphs (an address, a poem).
 * 6. The dateline. When no better date is known, a dateline at the start of the first paragraph
 *    after the header ("CITY, Sept. 5, 2023 --", "City (Agency) — 5 September 2023:",
 *    "Kyiv, 2023-09-05 —") sets the date; its words stay in the paragraph. "WASHINGTON (AP) —"
 *    has no date and sets none.
 *
 * Dates rank: front matter, then a date line or byline date, then a dateline, then an "Updated"
 * line; a better one replaces a worse one. The only message is the warning that no title was
 * found (archive.c then takes the file name).
 */

#define WRAP 100                /* characters: a longer line was not hard wrapped */
#define MAXAUTH 16              /* authors taken from one byline */
#define KEYMAX 600              /* bytes of a line compared against the debris phrases */
#define NONE ((size_t)-1)

enum kind {
	L_BLANK = 0,
	L_DEBRIS,               /* dropped; separates blocks */
	L_DROP,                 /* consumed as metadata or merged into another line */
	L_TEXT,
	L_ITEM,
	L_HR,
	L_CAPTION,              /* a figure's caption */
	L_CREDIT                /* a photo credit: joins the caption above or stands alone */
};

struct line {
	char *s;                /* normalised text, owned */
	size_t len;             /* bytes */
	size_t cps;             /* characters */
	unsigned no;            /* 1-based source line */
	unsigned indent;        /* leading blanks in the source */
	enum kind kind;
	int ordered;            /* ITEM: 1 for a number */
	int num;                /* ITEM: the number */
	int delim;              /* ITEM: '.' or ')' when ordered, 0 for bullets */
	size_t mark;            /* ITEM: bytes of the marker and its space */
	int cont;               /* TEXT: continues the list item above */
	int skip;               /* passed over above the title */
	size_t with;            /* CAPTION: its credit line, or NONE */
};

enum rank {
	RANK_NONE = 0,
	RANK_UPDATED,           /* "Updated ..." */
	RANK_DATELINE,          /* "CITY, March 3, 2024 —" */
	RANK_LINE,              /* "Published ...", a bare date line, a byline's date */
	RANK_META               /* front matter */
};

enum btype {
	B_PARA,
	B_HEAD,
	B_LIST,
	B_FIG,
	B_HR
};

struct block {
	enum btype type;
	size_t first, last;     /* lines; FIG: caption line, credit line or NONE */
	int ordered, start, tight;
};

struct names {
	char *v[MAXAUTH];
	size_t n;
};

struct st {
	struct article *a;
	char *label;
	struct line *v;
	size_t n;
	enum rank rank;
	size_t body;            /* first line after the header */
	int blanks;             /* 1 when blank lines separate the body's blocks */
	struct block *b;
	size_t nb, capb;
};

/* Returns 1 for an ASCII letter or digit, or any byte of a non-ASCII character. */
static int
isword(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c) || (c & 0x80);
}

static size_t
countcps(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Counts space-separated tokens that hold a letter or digit. */
static size_t
words(const char *s)
{
	size_t k = 0;
	int in = 0, has = 0;

	for (;; s++) {
		if (*s == ' ' || *s == '\0') {
			k += in && has;
			in = has = 0;
			if (*s == '\0')
				return k;
			continue;
		}
		in = 1;
		has |= isword(*s);
	}
}

static int
hasletter(const char *s)
{
	for (; *s; s++)
		if (ascii_isalpha(*s) || (*s & 0x80))
			return 1;
	return 0;
}

static const char *
skipsp(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* Returns 1 when s (n bytes) ends with suffix. */
static int
ends(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Returns the length of s (n bytes) without closing quotes and brackets at its end. */
static size_t
unquote(const char *s, size_t n)
{
	static const char *const q[] = {
		"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xBA"
	};

	for (int again = 1; again && n > 0;) {
		again = 0;
		for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
			if (ends(s, n, q[i])) {
				n -= strlen(q[i]);
				again = 1;
				break;
			}
		}
	}
	return n;
}

/* Returns 1 when the line ends like a sentence or clause: . ! ? : ; or …, perhaps in quotes. */
static int
closed(const char *s, size_t n)
{
	n = unquote(s, n);
	if (n == 0)
		return 0;
	if (strchr(".!?:;", s[n - 1]))
		return 1;
	return ends(s, n, "\xE2\x80\xA6");
}

/*
 * Normalises one source line: tabs, controls, no-break and other wide spaces become spaces and
 * runs of them one, zero-width spaces and byte order marks go, the ends are trimmed. Sets
 * *indent to the leading blanks (a tab counts four). Caller frees.
 */
static char *
clean(const char *s, size_t n, size_t *outlen, unsigned *indent)
{
	struct buf b = {0};
	int sp = 0, lead = 1;
	unsigned ind = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		int k = 1;

		if (c >= 0x80 && (k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060) {
			i += (size_t)k;
			continue;
		}
		if (cp < 0x20 || cp == ' ' || cp == 0x7F || cp == 0xA0 || cp == 0x1680 ||
		    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
		    cp == 0x202F || cp == 0x205F || cp == 0x3000) {
			if (lead)
				ind += cp == '\t' ? 4 : 1;
			sp = 1;
			i += (size_t)k;
			continue;
		}
		if (sp && !lead)
			buf_putc(&b, ' ');
		sp = lead = 0;
		if (cp == 0xFFFD && k == 1)
			buf_put_utf8(&b, cp);
		else
			buf_put(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	*indent = ind;
	*outlen = b.len;
	return buf_detach(&b);
}

/* Decoration and punctuation around a button label, longest first. */
static const char *const decor[] = {
	"...", "\xE2\x80\xA6", "\xE2\x80\xBA", "\xE2\x80\xB9", "\xC2\xBB", "\xC2\xAB",
	"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x86\x92", "\xE2\x86\x90",
	"\xE2\x96\xB6", "\xE2\x96\xBA", "\xE2\x96\xB8", "\xE2\x96\xBC",
	".", ":", "!", "?", ",", ";", "|", ">", "<", "-", "*", "/", "\\", "#", "(", ")", "[", "]",
	"+", "=", "~", "_", " "
};

/* Strips decoration from both ends of k (n bytes, NUL-terminated) in place; returns the new
 * length. */
static size_t
strip(char *k, size_t n)
{
	size_t i = 0;

	for (int again = 1; again && i < n;) {
		again = 0;
		for (size_t d = 0; d < sizeof(decor) / sizeof(decor[0]); d++) {
			size_t m = strlen(decor[d]);
			if (n - i >= m && memcmp(k + i, decor[d], m) == 0) {
				i += m;
				again = 1;
				break;
			}
		}
	}
	for (int again = 1; again && n > i;) {
		again = 0;
		for (size_t d = 0; d < sizeof(decor) / sizeof(decor[0]); d++) {
			if (ends(k + i, n - i, decor[d])) {
				n -= strlen(decor[d]);
				again = 1;
				break;
			}
		}
	}
	memmove(k, k + i, n - i);
	k[n - i] = '\0';
	return n - i;
}

/* Whole-line debris phrases, lower case, without trailing punctuation. One-word phrases do not
 * match a line ending in . ! or ? (see debris). */
static const char *const junk[] = {
	/* Ad slots. */
	"advertisement", "advertisements", "advertising", "ad", "ads", "sponsored",
	"sponsored content", "sponsored links", "sponsored stories", "paid content", "paid post",
	"promoted", "promoted content", "partner content", "ad feedback", "report this ad",
	"remove ads", "skip advertisement", "story continues below advertisement",
	"article continues below advertisement", "story continues below",
	"article continues below", "continue reading below", "continue reading the main story",
	"scroll to continue with content", "advertisement - scroll to continue",
	"advertisement - continue reading below", "content continues below",
	"our standards: the thomson reuters trust principles",
	/* Sharing and saving. */
	"share", "shares", "share this", "share this article", "share this story",
	"share this post", "share this page", "share article", "share story", "share via",
	"click to share", "tweet", "tweet this", "pin it", "print", "print this",
	"print this article", "print article", "print page", "email", "e-mail", "email this",
	"email this article", "email article", "copy link", "copy link to clipboard",
	"link copied", "copied", "save", "save article", "save for later", "saved", "bookmark",
	"gift article", "gift this article", "give this article", "listen",
	"listen to this article", "listen to article", "follow", "follow us", "like this",
	"like loading", "facebook", "twitter", "x", "whatsapp", "linkedin", "reddit", "pinterest",
	"instagram", "telegram", "youtube", "tiktok", "messenger", "flipboard", "bluesky",
	"mastodon", "\xC3\x97", "\xE2\x9C\x95",
	/* Reading on. */
	"read more", "read more here", "continue reading", "keep reading", "read full article",
	"read full story", "read the full story", "related", "related articles",
	"related stories", "related content", "related coverage", "related posts",
	"related topics", "topics", "tags", "more on this story", "more stories", "more from",
	"more like this", "read next", "around the web", "from around the web",
	"explore more on these topics", "more on these topics", "recommended",
	"recommended for you", "recommended stories", "you may also like",
	"you might also like", "you may be interested in", "most read", "most popular",
	"most viewed", "trending", "trending now", "top stories", "latest news",
	"editor's picks", "editors' picks",
	/* Navigation. */
	"skip to content", "skip to main content", "skip to navigation", "skip to footer",
	"jump to", "jump to comments", "menu", "main menu", "search", "close", "back to top",
	"toggle navigation", "home", "sign in", "sign up", "log in", "login", "log out",
	"register", "my account",
	/* Newsletters and money. */
	"subscribe", "subscribe now", "subscribe today", "subscribe to our newsletter",
	"sign up for our newsletter", "sign up to our newsletter", "sign up for the newsletter",
	"sign up for our newsletters", "newsletter", "newsletters", "get our newsletter",
	"join our newsletter", "already a subscriber", "become a member", "donate", "support us",
	"support our journalism",
	/* Comments. */
	"comments", "comment", "leave a comment", "leave a reply", "add a comment",
	"view comments", "show comments", "hide comments", "load comments",
	"join the conversation", "post a comment", "no comments", "leave a reply cancel reply",
	"cancel reply",
	/* Cookie and legal banners. */
	"cookie", "cookies", "cookie policy", "cookie settings", "manage cookies",
	"accept cookies", "accept all cookies", "accept all", "reject all",
	"manage preferences", "privacy policy", "terms of use", "terms of service",
	"terms and conditions",
	/* Media widgets. */
	"image", "photo", "video", "photos", "videos", "gallery", "caption", "hide caption",
	"toggle caption", "show caption", "expand", "enlarge", "enlarge this image",
	"view image in fullscreen", "view gallery", "open gallery", "watch", "watch video",
	"play video", "play", "pause", "loading",
};

/* Phrases that may carry a count ("12 comments", "Share 40"). */
static const char *const counted[] = {
	"comments", "comment", "shares", "share", "likes", "replies", "responses", "views"
};

/* Line openings that make a whole line a promotion ("Related: Another story"), unless it ends
 * with a full stop as sentences do and headlines do not. */
static const char *const promo[] = {
	"related:", "read more:", "read also:", "also read:", "see also:", "read next:", "more:",
	"watch:", "listen:", "recommended:", "related story:", "related article:",
	"related coverage:", "related content:", "you may also like:",
};

/* Line openings of cookie banners, which are sentences but never the article's. */
static const char *const cookie[] = {
	"we use cookies", "this site uses cookies", "this website uses cookies",
	"our site uses cookies", "our website uses cookies", "we and our partners use cookies",
	"by continuing to use this site", "by continuing to browse",
	"by using this site, you agree",
	"by using this website, you agree", "we value your privacy",
};

/* Words a row of share buttons is made of ("Share on Facebook | Share via Email"). */
static const char *const sharew[] = {
	"share", "shares", "sharing", "tweet", "email", "e-mail", "mail", "print", "facebook",
	"twitter", "x", "whatsapp", "linkedin", "reddit", "pinterest", "messenger", "telegram",
	"flipboard", "pocket", "sms", "threads", "bluesky", "mastodon", "copy", "link", "url",
	"save", "pin", "comment", "comments", "copied", "on", "via", "this", "article", "story",
	"post",
	"page", "to", "by", "it", "click", "opens", "in", "new", "window", "a", "friend",
};

/* The share words that make a row of them a row of buttons. */
static const char *const sharev[] = {
	"share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "whatsapp",
	"linkedin", "reddit", "pinterest", "messenger", "telegram", "flipboard", "copy",
	"bluesky", "mastodon",
};

static int
among(const char *s, size_t n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i]) == n && memcmp(v[i], s, n) == 0)
			return 1;
	return 0;
}

#define AMONG(s, n, v) among((s), (n), (v), sizeof(v) / sizeof((v)[0]))

/* Returns 1 for an ad size alone on a line: "728 x 90", "300x250", "728×90". */
static int
adsize(const char *s)
{
	int n = 0;

	while (ascii_isdigit(s[n]))
		n++;
	if (n < 2 || n > 4)
		return 0;
	s = skipsp(s + n);
	if (*s == 'x' || *s == 'X')
		s++;
	else if (startswith(s, "\xC3\x97"))
		s += 2;
	else
		return 0;
	s = skipsp(s);
	for (n = 0; ascii_isdigit(s[n]); n++)
		;
	if (n < 2 || n > 4)
		return 0;
	s = skipsp(s + n);
	if (strcasecmp(s, "px") == 0)
		s += 2;
	return *s == '\0';
}

/* Returns 1 when every word of k is a share word and one of them names a button. */
static int
sharerow(const char *k)
{
	int verb = 0, nw = 0;

	while (*k) {
		size_t n = 0;

		while (*k == ' ' || *k == '|' || *k == ',' || *k == '/')
			k++;
		while (k[n] && k[n] != ' ' && k[n] != '|' && k[n] != ',' && k[n] != '/')
			n++;
		if (n == 0)
			break;
		/* A token keeps its own punctuation only inside ("e-mail"). */
		size_t a = 0, z = n;
		while (a < z && !isword(k[a]))
			a++;
		while (z > a && !isword(k[z - 1]))
			z--;
		if (z > a) {
			int num = 1;
			for (size_t i = a; i < z; i++)
				num &= ascii_isdigit(k[i]);
			if (!num && !AMONG(k + a, z - a, sharew))
				return 0;
			verb |= AMONG(k + a, z - a, sharev);
			nw++;
		}
		k += n;
	}
	return verb && nw >= 2;
}

/* Returns 1 for "5 min read", "3-minute read", "Photo 2 of 12" and the like. */
static int
counter(const char *k)
{
	static const char *const media[] = {"image ", "photo ", "picture ", "slide ", ""};
	const char *p = k;
	int n = 0;

	while (ascii_isdigit(p[n]))
		n++;
	if (n > 0 && n < 4) {
		p += n;
		if (strcmp(p, " min read") == 0 || strcmp(p, " mins read") == 0 ||
		    strcmp(p, " minute read") == 0 || strcmp(p, " minutes read") == 0 ||
		    strcmp(p, "-minute read") == 0 || strcmp(p, " min listen") == 0 ||
		    strcmp(p, "-minute listen") == 0)
			return 1;
	}
	for (size_t i = 0; i < sizeof(media) / sizeof(media[0]); i++) {
		if (!startswith(k, media[i]))
			continue;
		p = k + strlen(media[i]);
		for (n = 0; ascii_isdigit(p[n]); n++)
			;
		if (n == 0 || n > 3 || !startswith(p + n, " of "))
			continue;
		p += n + 4;
		for (n = 0; ascii_isdigit(p[n]); n++)
			;
		if (n > 0 && n < 4 && p[n] == '\0')
			return 1;
	}
	return 0;
}

/* Returns 1 for a copyright notice. */
static int
copyright(const char *k, size_t n)
{
	if (n > 200)
		return 0;
	if (startswith(k, "\xC2\xA9") || startswith(k, "copyright \xC2\xA9") ||
	    startswith(k, "copyright (c)") || ends(k, n, "all rights reserved"))
		return 1;
	if (startswith(k, "copyright ") && ascii_isdigit(k[10]) && ascii_isdigit(k[11]) && ascii_isdigit(k[12]) &&
	    ascii_isdigit(k[13]) && !ascii_isdigit(k[14]))
		return 1;
	return 0;
}

/* Returns 1 when the whole line is page debris (see the comment at the top). */
static int
debris(const struct line *l)
{
	char k[KEYMAX + 1];
	size_t n;

	if (l->len > KEYMAX)
		return 0;
	if (adsize(l->s))
		return 1;
	for (n = 0; n < l->len; n++)
		k[n] = (char)ascii_tolower(l->s[n]);
	k[n] = '\0';
	/* A banner also speaks of the site; a baker's "We use cookies in..." does not. */
	static const char *const web[] = {
		"site", "browsing", "experience", "consent", "privacy", "partners", "personalis",
		"personaliz", "analys", "analyz", "traffic", "advertis", "cookie policy",
		"use of cookies", "accept"
	};
	for (size_t i = 0; i < sizeof(cookie) / sizeof(cookie[0]); i++) {
		if (!startswith(k, cookie[i]))
			continue;
		for (size_t j = 0; j < sizeof(web) / sizeof(web[0]); j++)
			if (strstr(k + strlen(cookie[i]), web[j]))
				return 1;
	}
	if (copyright(k, n))
		return 1;
	for (size_t i = 0; i < sizeof(promo) / sizeof(promo[0]); i++)
		if (startswith(k, promo[i]) && n < 200 && k[n - 1] != '.')
			return 1;
	/* Buttons announce the window they open; that is no part of their label. */
	static const char *const win[] = {
		"(opens in new window)", "(opens in a new window)", "(opens new window)",
		"(opens in new tab)", "(opens in a new tab)"
	};
	for (size_t i = 0; i < sizeof(win) / sizeof(win[0]); i++) {
		if (ends(k, n, win[i])) {
			n -= strlen(win[i]);
			k[n] = '\0';
			break;
		}
	}
	int weak = closed(l->s, l->len) && !ends(l->s, l->len, "...") &&
	    !ends(l->s, l->len, "\xE2\x80\xA6") && !ends(l->s, l->len, ":");
	size_t raw = n;
	n = strip(k, n);
	if (n == 0)
		return raw > 0 && !hasletter(k);
	if ((!weak || strchr(k, ' ')) && AMONG(k, n, junk))
		return 1;
	if (!weak && sharerow(k))
		return 1;
	if (counter(k))
		return 1;
	/* Counts around a counted phrase: "12 Comments", "Comments (12)", "Share 40". */
	char *p = k;
	while (ascii_isdigit(*p))
		p++;
	if (p > k && *p == ' ')
		p++;
	else
		p = k;
	size_t m = strlen(p);
	while (m > 0 && (ascii_isdigit(p[m - 1]) || strchr(" ()[]", p[m - 1])))
		m--;
	if ((p > k || m < strlen(p)) && among(p, m, counted, sizeof(counted) / sizeof(counted[0])))
		return 1;
	return 0;
}

/* Returns 1 for a section break: three or more of * - _ = ~ # • · ⁂, perhaps spaced. */
static int
rule(const char *s)
{
	int k = 0;

	while (*s) {
		if (*s == ' ') {
			s++;
		} else if (strchr("*-_=~#", *s)) {
			s++;
			k++;
		} else if (startswith(s, "\xE2\x80\xA2") || startswith(s, "\xE2\x81\x82")) {
			s += 3;
			k += 3;
		} else if (startswith(s, "\xC2\xB7")) {
			s += 2;
			k++;
		} else
			return 0;
	}
	return k >= 3;
}

/* Recognises a list item's marker and sets the line's item fields. Returns 1 for an item. */
static int
item(struct line *l)
{
	static const char *const bullets[] = {
		"-", "*", "+", "\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA", "\xE2\x80\xA3",
		"\xE2\x97\x8F", "\xC2\xB7"
	};
	const char *s = l->s;
	size_t n = 0;

	for (size_t i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++) {
		size_t m = strlen(bullets[i]);
		if (strncmp(s, bullets[i], m) != 0)
			continue;
		/* ASCII markers need a space after them; the bullet signs do not. */
		if (s[m] == ' ')
			m++;
		else if (m == 1)
			return 0;
		if (s[m] == '\0')
			return 0;
		l->ordered = 0;
		l->delim = 0;
		l->mark = m;
		return 1;
	}
	int v = 0;
	while (ascii_isdigit(s[n]) && n < 4)
		v = v * 10 + (s[n++] - '0');
	if (n == 0 || n > 3 || (s[n] != '.' && s[n] != ')') || s[n + 1] != ' ' || s[n + 2] == '\0')
		return 0;
	l->ordered = 1;
	l->num = v;
	l->delim = s[n];
	l->mark = n + 2;
	return 1;
}

/* Reads a month name at s: in full, its first three letters, or "Sept"; a dot may follow an
 * abbreviation. Returns 1..12 and sets *end, or returns 0. */
static int
monthname(const char *s, const char **end)
{
	size_t n = 0;

	while (ascii_isalpha(s[n]))
		n++;
	if (n < 3)
		return 0;
	for (int m = 1; m <= 12; m++) {
		const char *full = date_month_name(m);
		size_t fl = strlen(full);
		if ((n == fl && strncasecmp(s, full, n) == 0) ||
		    (n == 3 && strncasecmp(s, full, 3) == 0) ||
		    (m == 9 && n == 4 && strncasecmp(s, "sept", 4) == 0)) {
			if (s[n] == '.' && n < fl)
				n++;
			*end = s + n;
			return m;
		}
	}
	return 0;
}

/* Returns the length of a weekday name at s ("Tuesday", "Tue", "Tues"), or 0. */
static size_t
dayname(const char *s)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"tues", "thur", "thurs"
	};
	size_t n = 0;

	while (ascii_isalpha(s[n]))
		n++;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		if ((n == strlen(days[i]) || (n == 3 && i < 7)) && strncasecmp(s, days[i], n) == 0)
			return n;
	return 0;
}

/* Returns s past a weekday name and its comma ("Tuesday, ", "Tue "), or s itself. */
static const char *
weekday(const char *s)
{
	size_t n = dayname(s);
	const char *p = s + n;

	if (n == 0)
		return s;
	if (*p == '.')
		p++;
	if (*p == ',')
		p++;
	return *p == ' ' ? skipsp(p) : s;
}

/* Reads a day of the month, 1 or 2 digits with an optional "st", "nd", "rd" or "th". */
static int
dayno(const char **sp)
{
	const char *s = *sp;
	int d = 0, n = 0;

	while (ascii_isdigit(s[n]) && n < 3)
		d = d * 10 + (s[n++] - '0');
	if (n < 1 || n > 2)
		return -1;
	s += n;
	if (strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd", 2) == 0 ||
	    strncasecmp(s, "rd", 2) == 0 || strncasecmp(s, "th", 2) == 0)
		s += 2;
	if (ascii_isalpha(*s) || ascii_isdigit(*s))
		return -1;
	*sp = s;
	return d;
}

/* Reads n digits; returns their value or -1. */
static int
digits(const char **sp, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((*sp)[i]))
			return -1;
		v = v * 10 + ((*sp)[i] - '0');
	}
	*sp += n;
	return v;
}

/*
 * Reads a date at s: "2023-09-05" (with a time when date_parse takes the word), "2023/09/05",
 * "September 5, 2023", "Sept. 5 2023", "5th Sep 2023", "5 September, 2023". Returns 0, sets *d
 * and *end past it; or returns -1.
 */
static int
dateat(const char *s, struct date *d, const char **end)
{
	struct date r = {0};
	const char *p = s, *q;
	int m;

	memset(d, 0, sizeof(*d));
	if (ascii_isdigit(s[0]) && ascii_isdigit(s[1]) && ascii_isdigit(s[2]) && ascii_isdigit(s[3])) {
		/* "2023-09-05T10:00Z" is one word that date_parse reads whole. */
		size_t n = strcspn(s, " ");
		char tok[40], sep = s[4];
		if (sep == '-' && n < sizeof(tok)) {
			memcpy(tok, s, n);
			tok[n] = '\0';
			if (date_parse(tok, &r) == 0 && r.year >= 1900 && r.year <= 2100) {
				*d = r;
				*end = s + n;
				return 0;
			}
		}
		memset(&r, 0, sizeof(r));
		r.year = digits(&p, 4);
		if ((sep != '-' && sep != '/') || *p++ != sep || (r.month = digits(&p, 2)) < 0 ||
		    *p++ != sep || (r.day = digits(&p, 2)) < 0 || ascii_isdigit(*p))
			return -1;
		goto check;
	}
	if ((m = monthname(p, &q)) != 0) {
		p = skipsp(q);
		if (p == q && q[-1] != '.')
			return -1;
		if ((r.day = dayno(&p)) < 0)
			return -1;
		if (*p == ',')
			p++;
		if (*p != ' ')
			return -1;
		p = skipsp(p);
	} else {
		if ((r.day = dayno(&p)) < 0 || *p != ' ')
			return -1;
		if ((m = monthname(skipsp(p), &q)) == 0)
			return -1;
		p = q;
		if (*p == ',')
			p++;
		if (*p != ' ')
			return -1;
		p = skipsp(p);
	}
	r.month = m;
	if ((r.year = digits(&p, 4)) < 0 || ascii_isdigit(*p) || ascii_isalpha(*p))
		return -1;
check:
	if (r.year < 1900 || r.year > 2100 || !date_valid(r.year, r.month, r.day))
		return -1;
	*d = r;
	*end = p;
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

		s = skipsp(s);
		while (s[n] && s[n] != ' ')
			n++;
		if (n == 0)
			break;
		if (++nw > 12)
			return 0;
		for (a = 0; a < n && !isword(s[a]); a++)
			;
		for (z = n; z > a && !isword(s[z - 1]); z--)
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
			known = among(low, wl, ok, sizeof(ok) / sizeof(ok[0]));
		}
		/* Numbers and times ("10:15", "12.30"), zones ("BST"), month and day names. */
		if (!(wl == 0 || i == wl || upper || ampm || known || dayname(w) == wl ||
		    (monthname(w, &q) && q >= w + wl)))
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
			p = skipsp(p);
			break;
		}
	}
	/* The time may come first: "Updated 3:41 PM EDT, September 5, 2023". */
	for (const char *w = p; *w; w++) {
		if (w != p && w[-1] != ' ')
			continue;
		if (dateat(weekday(w), d, &e) != 0)
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
		if (i > 0 && isword(s[i - 1]))
			continue;
		if (!isword(s[i]))
			continue;
		if (dateat(weekday(s + i), d, &e) == 0 && (size_t)(e - s) <= n)
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
		if (!ascii_isupper(w[0]) && !(w[0] & 0x80) && !AMONG(w, wl, particles))
			return 0;
		if ((monthname(w, &q) && q >= w + wl) || dayname(w) == wl)
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
	if (l->kind != L_TEXT || l->cps > 120 || words(s) > 16 || s[n - 1] == '!' ||
	    s[n - 1] == '?')
		return 0;
	if (s[n - 1] == '.') {
		const char *w = strrchr(s, ' ');
		if ((w ? (size_t)(s + n - w - 1) : n) > 4)
			return 0;
	}
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		if (strncasecmp(s, pre[i], strlen(pre[i])) == 0) {
			rest = skipsp(s + strlen(pre[i]));
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

/* Returns 1 when the line is a caption's credit ("Photo: Jane Doe/Reuters", "(Image: AP)"). */
static int
credit(const char *s)
{
	static const char *const pre[] = {
		"photo credit:", "image credit:", "photo:", "photos:", "photograph:",
		"photography:", "image:", "images:", "picture:", "pictures:", "pic:",
		"illustration:", "credit:", "photo by ", "photos by ", "photograph by ",
		"image by ", "illustration by ", "image source, ", "image source:"
	};
	const char *p = s;

	if (*p == '(' || *p == '[')
		p++;
	if (countcps(s, strlen(s)) > 160)
		return 0;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i]);
		if (strncasecmp(p, pre[i], n) == 0)
			return hasletter(p + n);
	}
	return 0;
}

static int
substantial(const struct line *l)
{
	return words(l->s) >= 2 || l->cps >= 12;
}

/* Returns 1 when the line reads like a headline (see the comment at the top). */
static int
titlelike(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->len;

	if (l->kind != L_TEXT || !substantial(l) || l->cps > 150 || words(s) > 25)
		return 0;
	if (strchr(",;:", s[n - 1]) || ascii_islower(s[0]) || strstr(s, "://"))
		return 0;
	if (s[n - 1] == '.' && !ends(s, n, "...")) {
		if (words(s) > 10)
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
	if (l->cps > 80 || closed(l->s, l->len))
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
		size_t w = words(part);
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

static void
setdate(struct st *s, const struct date *d, enum rank rank)
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
static size_t
next(const struct st *s, size_t i)
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
		setdate(s, &d, rank);
		l->kind = L_DROP;
		return 1;
	}
	if (by && byline(l, &nm, &d)) {
		setdate(s, &d, RANK_LINE);
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
		left.cps = countcps(left.s, left.len);
		right.s = xstrdup(b + 1);
		right.len = strlen(right.s);
		right.cps = countcps(right.s, right.len);
		int ok = dateonly(&left, &d, &rank) && byline(&right, &nm, &d2);
		free(left.s);
		free(right.s);
		if (ok) {
			setdate(s, &d, rank);
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

	for (int k = 0; k < 2 && (i = next(s, i)) != NONE; k++) {
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
		return words(l->s + l->mark) <= 3;
	return l->kind == L_TEXT && kicker(l);
}

/* Finds the title, bylines and date lines at the top (see the comment at the top). */
static void
header(struct st *s)
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
		if (l->kind == L_TEXT && (j = next(s, i)) != NONE && s->v[j].kind == L_TEXT &&
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
		if (by && l->cps <= 60 && words(l->s) <= 6 && !closed(l->s, l->len) &&
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
	n = strip(k, n);
	if (AMONG(k, n, topics))
		return 2;
	return AMONG(k, n, lists);
}

/* Returns 1 for a line that may be a link's text: a headline or a topic, no sentence. */
static int
linkish(const struct line *l)
{
	size_t u = unquote(l->s, l->len);

	if (l->kind != L_TEXT && l->kind != L_ITEM)
		return 0;
	return words(l->s) <= 14 && l->cps <= 150 && u > 0 &&
	    (l->s[u - 1] != '.' || ends(l->s, u, "..."));
}

/*
 * Drops the link lists at the end of a page: when everything after a list heading ("Related
 * Topics", "More on this story") to the end of the file is short link-like lines, those lines
 * go. The lines under "Topics" or "Tags" become the tags, unless the article has some.
 */
static void
tail(struct st *s)
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
static void
taxonomy(struct st *s)
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
		if (p == NULL || !hasletter(p))
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
			if (tl == 0 || words(t) > 4 || countcps(t, tl) > 40 || closed(t, tl))
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

/* Pairs an alt text with its repeated caption and marks credits (see the comment at the top). */
static void
figures(struct st *s)
{
	/* Screen-reader labels of a page's figures: "Image caption, Smoke over the city". */
	static const char *const label[] = {
		"image caption, ", "image caption: ", "caption: ", "caption, "
	};

	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		for (size_t j = 0; j < sizeof(label) / sizeof(label[0]) && l->kind == L_TEXT; j++) {
			size_t m = strlen(label[j]);
			if (strncasecmp(l->s, label[j], m) == 0 && hasletter(l->s + m)) {
				l->kind = L_CAPTION;
				l->mark = m;
			}
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		size_t j;

		if (l->kind != L_TEXT || l->cps < 3 || !hasletter(l->s))
			continue;
		if ((j = next(s, i)) == NONE || s->v[j].kind != L_TEXT)
			continue;
		struct line *m = &s->v[j];
		int rep = strcmp(l->s, m->s) == 0;
		if (!rep && m->len > l->len && strncmp(m->s, l->s, l->len) == 0) {
			const char *r = m->s + l->len;
			while (*r && strchr(" .,;:|-", *r))
				r++;
			while (startswith(r, "\xE2\x80\x94") || startswith(r, "\xE2\x80\x93"))
				r = skipsp(r + 3);
			if (r > m->s + l->len && credit(r)) {
				/* The longer line, with its credit, is the caption. */
				char *t = l->s;
				l->s = m->s;
				m->s = t;
				l->len = strlen(l->s);
				l->cps = countcps(l->s, l->len);
				m->len = strlen(m->s);
				rep = 1;
			}
		}
		if (!rep)
			continue;
		l->kind = L_CAPTION;
		m->kind = L_DROP;
		while ((j = next(s, j)) != NONE && s->v[j].kind == L_TEXT &&
		    strcmp(s->v[j].s, l->s) == 0)
			s->v[j].kind = L_DROP;
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == L_TEXT && credit(s->v[i].s))
			s->v[i].kind = L_CREDIT;
}

static struct block *
addblock(struct st *s, enum btype type, size_t first, size_t last)
{
	if (s->nb == s->capb) {
		s->capb = s->capb ? s->capb * 2 : 32;
		s->b = xrealloc(s->b, s->capb * sizeof(*s->b));
	}
	struct block *b = &s->b[s->nb++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->first = first;
	b->last = last;
	return b;
}

/* Returns 1 when the line after an item continues it: indented, or a wrapped line going on
 * with a lower-case word. */
static int
continues(const struct st *s, const struct line *prev, const struct line *l)
{
	if (!s->blanks || l->kind != L_TEXT)
		return 0;
	if (l->indent > 0)
		return 1;
	return prev->cps <= WRAP && l->cps <= WRAP && !closed(prev->s, prev->len) &&
	    ascii_islower(l->s[0]);
}

/* Walks the list run starting at item i. Returns its last line; sets *count and *tight. With
 * mark set, flags continuation lines. */
static size_t
listrun(struct st *s, size_t i, int mark, int *count, int *tight)
{
	size_t last = i;
	const struct line *first = &s->v[i];

	*count = 1;
	*tight = 1;
	for (;;) {
		size_t j = last + 1;
		if (j < s->n && continues(s, &s->v[last], &s->v[j])) {
			if (mark)
				s->v[j].cont = 1;
			last = j;
			continue;
		}
		int blank = 0;
		while (j < s->n && (s->v[j].kind == L_BLANK || s->v[j].kind == L_DEBRIS))
			blank |= s->v[j++].kind == L_BLANK;
		if (j < s->n && s->v[j].kind == L_ITEM && s->v[j].ordered == first->ordered &&
		    s->v[j].delim == first->delim) {
			if (blank)
				*tight = 0;
			(*count)++;
			last = j;
			continue;
		}
		return last;
	}
}

/* Returns 1 when the text run [i, j) was not hard wrapped: a line of it with a space is long. */
static int
unwrapped(const struct st *s, size_t i, size_t j)
{
	for (; i < j; i++)
		if (s->v[i].cps > WRAP && strchr(s->v[i].s, ' '))
			return 1;
	return 0;
}

/* Groups the lines into blocks. */
static void
blocks(struct st *s)
{
	size_t i = 0;

	while (i < s->n) {
		struct line *l = &s->v[i];
		size_t j;
		int count, tight;

		switch (l->kind) {
		case L_BLANK:
		case L_DEBRIS:
		case L_DROP:
			i++;
			break;
		case L_HR:
			addblock(s, B_HR, i, i);
			i++;
			break;
		case L_CAPTION:
			/* A credit below a caption joins it. */
			for (j = next(s, i); j != NONE && s->v[j].kind == L_DROP; j = next(s, j))
				;
			if (l->with == NONE && j != NONE && s->v[j].kind == L_CREDIT) {
				l->with = j;
				s->v[j].kind = L_DROP;
			}
			addblock(s, B_FIG, i, l->with);
			i++;
			break;
		case L_CREDIT:
			/* So does a credit just above a caption ("Image source, X"). */
			for (j = next(s, i); j != NONE && s->v[j].kind == L_DROP; j = next(s, j))
				;
			if (j != NONE && s->v[j].kind == L_CAPTION && s->v[j].with == NONE) {
				s->v[j].with = i;
				l->kind = L_DROP;
			} else
				addblock(s, B_FIG, i, NONE);
			i++;
			break;
		case L_ITEM: {
			j = listrun(s, i, 0, &count, &tight);
			if (count < 2) {
				/* A lone item is a line of text; it is read again as one. */
				l->kind = L_TEXT;
				break;
			}
			j = listrun(s, i, 1, &count, &tight);
			struct block *b = addblock(s, B_LIST, i, j);
			b->ordered = l->ordered;
			b->start = l->ordered ? l->num : 1;
			b->tight = tight;
			i = j + 1;
			break;
		}
		case L_TEXT:
			j = i + 1;
			while (j < s->n && s->v[j].kind == L_TEXT && !s->v[j].cont)
				j++;
			if (!s->blanks || unwrapped(s, i, j)) {
				/* One paragraph a line, but a line going on with a lower-case
				 * word after one that ends no sentence was broken: it joins. */
				while (i < j) {
					size_t k = i;
					while (k + 1 < j && !closed(s->v[k].s, s->v[k].len) &&
					    ascii_islower(s->v[k + 1].s[0]))
						k++;
					addblock(s, B_PARA, i, k);
					i = k + 1;
				}
			} else {
				addblock(s, B_PARA, i, j - 1);
				i = j;
			}
			break;
		default:
			abort();
		}
	}
}

/* Returns 1 when a one-line paragraph is short and open enough to be a subheading. */
static int
headish(const struct st *s, const struct block *b)
{
	const struct line *l = &s->v[b->first];

	if (b->type != B_PARA || b->first != b->last)
		return 0;
	if (l->cps >= 70 || words(l->s) > 10 || ascii_islower(l->s[0]) || !hasletter(l->s))
		return 0;
	if (strstr(l->s, "://") || strncasecmp(l->s, "www.", 4) == 0 || strchr(l->s, ';'))
		return 0;
	/* Agency taglines: "Reporting by A; Editing by B". */
	static const char *const tag[] = {
		"reporting by", "additional reporting", "editing by", "writing by", "compiled by",
		"with reporting", "edited by"
	};
	for (size_t i = 0; i < sizeof(tag) / sizeof(tag[0]); i++)
		if (strncasecmp(l->s, tag[i], strlen(tag[i])) == 0)
			return 0;
	size_t u = unquote(l->s, l->len);
	return u > 0 && !closed(l->s, l->len) && l->s[u - 1] != ',';
}

/* Turns lone short lines between paragraphs into subheadings. */
static void
headings(struct st *s)
{
	char *cand = xcalloc(s->nb + 1, 1);

	for (size_t i = 0; i < s->nb; i++)
		cand[i] = (char)headish(s, &s->b[i]);
	for (size_t i = 1; i + 1 < s->nb; i++) {
		enum btype t = s->b[i + 1].type;
		if (cand[i] && !cand[i - 1] && !cand[i + 1] && (t == B_PARA || t == B_LIST))
			s->b[i].type = B_HEAD;
	}
	free(cand);
}

/* Returns 1 when s..p (trimmed) is a dateline's place: "CITY,", "City (Agency) —",
 * "ST. LOUIS, Mo.,". */
static int
place(const char *s, const char *p)
{
	size_t n = (size_t)(p - s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return 1;
	if (s[n - 1] == ',' || s[n - 1] == ':')
		n--;
	else if (ends(s, n, "\xE2\x80\x94") || ends(s, n, "\xE2\x80\x93"))
		n -= 3;
	else if (ends(s, n, "--"))
		n -= 2;
	else if (s[n - 1] == '-')
		n--;
	else
		return 0;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return 0;
	size_t nw = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (ascii_isdigit(c) || strchr("!?;\"", c))
			return 0;
		if (i == 0 || s[i - 1] == ' ') {
			const char *w = s + i;
			size_t wl = strcspn(w, " ");
			nw++;
			if (!ascii_isupper(c) && !(c & 0x80) && c != '(' && !AMONG(w, wl, particles))
				return 0;
		}
	}
	return nw <= 8;
}

/* Returns 1 when a dateline separator starts at p: — – -- - or :. */
static int
dsep(const char *p)
{
	p = skipsp(p);
	return startswith(p, "\xE2\x80\x94") || startswith(p, "\xE2\x80\x93") ||
	    startswith(p, "\xE2\x80\x95") || *p == '-' ||
	    (*p == ':' && (p[1] == ' ' || p[1] == '\0'));
}

/* Reads a dateline at the start of a paragraph's text. Returns 1 and sets *d. */
static int
dateline(const char *s, struct date *d)
{
	const char *e;

	for (const char *p = s; *p && p - s < 100; p++) {
		if (p != s && p[-1] != ' ')
			continue;
		if (dateat(weekday(p), d, &e) != 0)
			continue;
		if (!place(s, p))
			return 0;
		e = skipsp(e);
		/* "LONDON, March 3, 2024 (Reuters) —" */
		if (*e == '(' && strchr(e, ')') && strchr(e, ')') - e < 40)
			e = strchr(e, ')') + 1;
		return dsep(e);
	}
	return 0;
}

/* Appends the text of lines first..last, from byte off of the first, joined with spaces. */
static void
join(const struct st *s, struct buf *b, size_t first, size_t last, size_t off)
{
	for (size_t i = first; i <= last; i++) {
		const struct line *l = &s->v[i];
		const char *t = l->s + (i == first ? off : 0);
		if (b->len > 0) {
			const char *e = b->data + b->len;
			int hyph = b->len >= 2 && e[-1] == '-' && e[-2] != '-' && e[-2] != ' ' &&
			    isword(e[-2]);
			if (!hyph)
				buf_putc(b, ' ');
		}
		buf_puts(b, t);
	}
}

static struct node *
block_node(struct node *parent, enum node_type type, unsigned line)
{
	struct node *n = node_append(parent, node_new(type));

	n->line = line;
	return n;
}

/* Builds the body from the blocks, and reads the first paragraph's dateline. */
static void
emit(struct st *s)
{
	struct node *body = node_new(NODE_BODY);
	struct buf b = {0};
	int first = 1;

	for (size_t i = 0; i < s->nb; i++) {
		const struct block *bl = &s->b[i];
		const struct line *l = &s->v[bl->first];
		struct node *n, *c;

		buf_reset(&b);
		switch (bl->type) {
		case B_PARA:
		case B_HEAD:
			n = block_node(body, bl->type == B_PARA ? NODE_PARA : NODE_HEADING, l->no);
			if (bl->type == B_HEAD)
				n->level = 1;
			join(s, &b, bl->first, bl->last, 0);
			read_add_text(n, b.data, b.len);
			if (bl->type == B_PARA && first && bl->first >= s->body) {
				struct date d;
				first = 0;
				if (s->rank < RANK_DATELINE && dateline(b.data, &d))
					setdate(s, &d, RANK_DATELINE);
			}
			break;
		case B_LIST:
			n = block_node(body, NODE_LIST, l->no);
			n->ordered = bl->ordered;
			n->start = bl->start;
			n->tight = bl->tight;
			for (size_t j = bl->first; j <= bl->last; j++) {
				const struct line *it = &s->v[j];
				size_t k;
				if (it->kind != L_ITEM)
					continue;
				for (k = j + 1; k <= bl->last && s->v[k].cont; k++)
					;
				c = block_node(n, NODE_ITEM, it->no);
				c = block_node(c, NODE_PARA, it->no);
				buf_reset(&b);
				join(s, &b, j, k - 1, it->mark);
				read_add_text(c, b.data, b.len);
			}
			break;
		case B_FIG:
			n = block_node(body, NODE_FIGURE, l->no);
			c = block_node(n, NODE_CAPTION, l->no);
			read_add_text(c, l->s + l->mark, l->len - l->mark);
			if (bl->last != NONE) {
				const struct line *cr = &s->v[bl->last];
				node_append(c, node_new(NODE_LINEBREAK))->line = cr->no;
				read_add_text(c, cr->s, cr->len);
			}
			break;
		case B_HR:
			block_node(body, NODE_HR, l->no);
			break;
		default:
			abort();
		}
	}
	buf_free(&b);
	s->a->body = body;
}

/* Splits text into normalised lines numbered from line. */
static void
split(struct st *s, const char *text, size_t len, unsigned line)
{
	size_t cap = 0, i = 0;

	while (i < len) {
		const char *e = memchr(text + i, '\n', len - i);
		size_t n = e ? (size_t)(e - text) - i : len - i;
		if (s->n == cap) {
			cap = cap ? cap * 2 : 64;
			s->v = xrealloc(s->v, cap * sizeof(*s->v));
		}
		struct line *l = &s->v[s->n++];
		memset(l, 0, sizeof(*l));
		l->s = clean(text + i, n, &l->len, &l->indent);
		l->with = NONE;
		l->cps = countcps(l->s, l->len);
		l->no = line++;
		i += n + 1;
	}
}

static void
classify(struct st *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		if (l->len == 0)
			l->kind = L_BLANK;
		else if (rule(l->s))
			l->kind = L_HR;
		else if (debris(l))
			l->kind = L_DEBRIS;
		else if (item(l))
			l->kind = L_ITEM;
		else
			l->kind = L_TEXT;
	}
}

/* Sets s->blanks when a blank line stands between two lines of the body. */
static void
spacing(struct st *s)
{
	int seen = 0, gap = 0;

	for (size_t i = s->body; i < s->n; i++) {
		enum kind k = s->v[i].kind;
		if (k == L_BLANK) {
			gap = seen;
		} else if (k != L_DEBRIS && k != L_DROP) {
			if (gap) {
				s->blanks = 1;
				return;
			}
			seen = 1;
		}
	}
}

/* Reads scraped plain text into a (the contract is in read.h). Always returns 0: any text is an
 * article, at worst an empty one without a title (warned). */
int
read_text(const struct read_ctx *ctx, struct article *a, const char *text, size_t len)
{
	struct st s = {0};
	unsigned line = 1;
	size_t off;

	s.a = a;
	s.label = read_label(ctx, a);
	off = read_front_matter(ctx, a, text, len, &line);
	if (off == 0 || line == 0)
		line = 1;
	if (a->date.year)
		s.rank = RANK_META;
	split(&s, text + off, len - off, line);
	classify(&s);
	header(&s);
	tail(&s);
	taxonomy(&s);
	figures(&s);
	spacing(&s);
	blocks(&s);
	headings(&s);
	emit(&s);
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].s);
	free(s.v);
	free(s.b);
	free(s.label);
	return 0;
}
