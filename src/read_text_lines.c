/* The plain-text reader's lines: splitting, normalising, and telling page debris from text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_text_int.h"

#define KEYMAX 600              /* bytes of a line compared against the debris phrases */

/* See read_text_int.h. */
size_t
text_countcps(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Counts space-separated tokens that hold a letter or digit. */
size_t
text_words(const char *s)
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
		has |= text_isword(*s);
	}
}

/* See read_text_int.h. */
int
text_hasletter(const char *s)
{
	for (; *s; s++)
		if (ascii_isalpha(*s) || (*s & 0x80))
			return 1;
	return 0;
}

/* Returns 1 when s (n bytes) ends with suffix. */
int
text_ends(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Returns the length of s (n bytes) without closing quotes and brackets at its end. */
size_t
text_unquote(const char *s, size_t n)
{
	static const char *const q[] = {
		"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xBA"
	};

	for (int again = 1; again && n > 0;) {
		again = 0;
		for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
			if (text_ends(s, n, q[i])) {
				n -= strlen(q[i]);
				again = 1;
				break;
			}
		}
	}
	return n;
}

/* Returns 1 when the line ends like a sentence or clause: . ! ? : ; or …, perhaps in quotes. */
int
text_closed(const char *s, size_t n)
{
	n = text_unquote(s, n);
	if (n == 0)
		return 0;
	if (strchr(".!?:;", s[n - 1]))
		return 1;
	return text_ends(s, n, "\xE2\x80\xA6");
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
size_t
text_strip(char *k, size_t n)
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
			if (text_ends(k + i, n - i, decor[d])) {
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
	"advertisement", "advertisements", "advertising", "advert", "adverts", "ad", "ads",
	"sponsored",
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
	"support our journalism", "you have been successfully subscribed",
	"you have successfully subscribed", "thanks for signing up", "thank you for signing up",
	"thanks for subscribing", "thank you for subscribing", "you're all set",
	"you\xE2\x80\x99re all set",
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

/* See read_text_int.h. */
int
text_among(const char *s, size_t n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i]) == n && memcmp(v[i], s, n) == 0)
			return 1;
	return 0;
}

/* Returns 1 for an ad size alone on a line: "728 x 90", "300x250", "728×90". */
static int
adsize(const char *s)
{
	int n = 0;

	while (ascii_isdigit(s[n]))
		n++;
	if (n < 2 || n > 4)
		return 0;
	s = text_skipsp(s + n);
	if (*s == 'x' || *s == 'X')
		s++;
	else if (startswith(s, "\xC3\x97"))
		s += 2;
	else
		return 0;
	s = text_skipsp(s);
	for (n = 0; ascii_isdigit(s[n]); n++)
		;
	if (n < 2 || n > 4)
		return 0;
	s = text_skipsp(s + n);
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
		while (a < z && !text_isword(k[a]))
			a++;
		while (z > a && !text_isword(k[z - 1]))
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

/* Returns 1 for a time given only as a distance, alone on a line or after "Published",
 * "Updated" or "Posted": "Published 22 hours ago", "Updated 5 mins ago", "2 days ago". It dates
 * nothing (the date of the copy is unknown) and is the page's clock, not its words. */
static int
ago(const char *k)
{
	static const char *const lead[] = {"first published ", "last updated ", "published ",
	    "updated ", "posted ", "modified ", ""};
	static const char *const units[] = {"second", "sec", "secs", "minute", "min", "mins",
	    "hour", "hr", "hrs", "day", "week", "wk", "month", "year", "yr"};
	const char *p = k;

	for (size_t i = 0; i < sizeof(lead) / sizeof(lead[0]); i++)
		if (startswith(k, lead[i])) {
			p = k + strlen(lead[i]);
			break;
		}
	if (startswith(p, "on "))
		p += 3;
	int n = 0;
	while (ascii_isdigit(p[n]))
		n++;
	if (n == 0 && (startswith(p, "an ") || startswith(p, "a ")))
		n = p[1] == 'n' ? 2 : 1;
	if (n == 0 || n > 3)
		return 0;
	p = text_skipsp(p + n);
	size_t w = 0;
	while (ascii_isalpha(p[w]))
		w++;
	if (w > 1 && p[w - 1] == 's' && !AMONG(p, w, units))
		w--;            /* plurals: "hours" */
	if (!AMONG(p, w, units))
		return 0;
	p += w;
	if (*p == 's')
		p++;
	return strcmp(p, " ago") == 0;
}

/* Returns 1 for a button to another page or app: a short line that opens with "Click here" or
 * "Tap here", or ends with it ("Read more on our site by clicking here"). */
static int
clickhere(const char *k, size_t n)
{
	static const char *const v[] = {"click here", "clicking here", "tap here", "tapping here"};

	if (n > 120)
		return 0;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (startswith(k, v[i]) || text_ends(k, n, v[i]))
			return 1;
	return 0;
}

/* Returns 1 for an invitation to follow someone on a social network: "Follow us on Twitter
 * @site and Facebook.", "Follow Newsbeat on Instagram, Facebook and YouTube." */
static int
follow(const char *k, size_t n)
{
	static const char *const nets[] = {"twitter", "facebook", "instagram", "youtube",
	    "tiktok", "linkedin", "threads", "bluesky", "mastodon", "telegram", "whatsapp",
	    "snapchat", "pinterest", " on x", "@"};

	if (n > 160 || !startswith(k, "follow "))
		return 0;
	const char *on = strstr(k, " on ");
	if (on == NULL || on - k > 60)
		return 0;
	for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if (strstr(on, nets[i]))
			return 1;
	return 0;
}

/* Returns 1 for a copyright notice. */
static int
copyright(const char *k, size_t n)
{
	if (n > 200)
		return 0;
	if (startswith(k, "\xC2\xA9") || startswith(k, "copyright \xC2\xA9") ||
	    startswith(k, "copyright (c)") || text_ends(k, n, "all rights reserved"))
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
	if (copyright(k, n) || clickhere(k, n) || follow(k, n))
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
		if (text_ends(k, n, win[i])) {
			n -= strlen(win[i]);
			k[n] = '\0';
			break;
		}
	}
	int weak = text_closed(l->s, l->len) && !text_ends(l->s, l->len, "...") &&
	    !text_ends(l->s, l->len, "\xE2\x80\xA6") && !text_ends(l->s, l->len, ":");
	size_t raw = n;
	n = text_strip(k, n);
	if (n == 0)
		return raw > 0 && !text_hasletter(k);
	if ((!weak || strchr(k, ' ')) && AMONG(k, n, junk))
		return 1;
	if (!weak && sharerow(k))
		return 1;
	if (counter(k) || ago(k))
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
	if ((p > k || m < strlen(p)) && text_among(p, m, counted, sizeof(counted) / sizeof(counted[0])))
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

/* Splits text into normalised lines numbered from line. */
void
text_split(struct st *s, const char *text, size_t len, unsigned line)
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
		l->cps = text_countcps(l->s, l->len);
		l->no = line++;
		i += n + 1;
	}
}

/* The separators of a menu written on one line. */
static const char *const navsep[] = {" | ", " \xC2\xB7 ", " \xE2\x80\xA2 ", " \xE2\x80\x94 ",
    " \xE2\x80\x93 "};

/* Returns 1 when s holds one of the menu separators. */
static int
hassep(const char *s)
{
	for (size_t i = 0; i < sizeof(navsep) / sizeof(navsep[0]); i++)
		if (strstr(s, navsep[i]))
			return 1;
	return 0;
}

/* Returns 1 for a menu on one line: three or more short parts (three words, 24 characters at
 * most, no digit, no sentence) between one kind of separator, "Home | News | World | Business |
 * Sport". A byline with its paper and date ("By A | The Review | 14 May 2023") is none. */
static int
navline(const struct line *l)
{
	if (l->cps > 160 || text_closed(l->s, l->len))
		return 0;
	for (size_t i = 0; i < sizeof(navsep) / sizeof(navsep[0]); i++) {
		const char *sep = navsep[i], *p = l->s;
		size_t m = strlen(sep);
		int parts = 0, ok = 1;
		if (strstr(p, sep) == NULL)
			continue;
		while (ok) {
			const char *q = strstr(p, sep);
			size_t len = q ? (size_t)(q - p) : strlen(p);
			char *part = xstrndup(p, len);
			ok = len > 0 && text_countcps(part, len) <= 24 && text_words(part) >= 1 &&
			    text_words(part) <= 3 && strpbrk(part, "0123456789") == NULL &&
			    strncasecmp(part, "by ", 3) != 0;
			free(part);
			parts++;
			if (q == NULL)
				break;
			p = q + m;
		}
		if (ok && parts >= 3)
			return 1;
	}
	return 0;
}

/* Returns the nearest line before (step -1) or after (step 1) i that is not blank, or NULL. */
static const struct line *
near(const struct st *s, size_t i, int step)
{
	for (size_t j = i; step < 0 ? j-- > 0 : ++j < s->n;)
		if (s->v[j].len > 0)
			return &s->v[j];
	return NULL;
}

/* See read_text_int.h. A menu line is debris unless a line next to it has separators too:
 * then they are the rows of a table written as text. */
void
text_classify(struct st *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		const struct line *b, *f;
		if (l->len == 0)
			l->kind = L_BLANK;
		else if (rule(l->s))
			l->kind = L_HR;
		else if (debris(l))
			l->kind = L_DEBRIS;
		else if (navline(l) && !((b = near(s, i, -1)) && hassep(b->s)) &&
		    !((f = near(s, i, 1)) && hassep(f->s)))
			l->kind = L_DEBRIS;
		else if (item(l))
			l->kind = L_ITEM;
		else
			l->kind = L_TEXT;
	}
}
