/* The plain-text reader: text copied out of web pages, cleaned of page debris, as an article. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read.h"
#include "read_text_int.h"

/*
 * Scraped text has no markup, so its structure is guessed line by line, in passes over an array
 * of lines (no recursion, nothing global):
 *
 * 1. Every line is normalised: tabs, no-break and other wide spaces become spaces, zero-width
 *    spaces go, runs of spaces become one, both ends are trimmed.
 * 2. Each line is classified. Debris (ad slots, share buttons, navigation, newsletter and cookie
 *    banners and their confirmations, "5 min read") is a whole line that equals a known phrase
 *    once lower-cased and stripped of decoration and of trailing punctuation; one-word phrases
 *    ("Print", "Email") do not match a line that ends with . ! or ?, so a one-word sentence in
 *    prose survives. Also debris: a menu on one line (three or more parts of at most three words,
 *    no digits, between " | ", " · ", " • " or dashes: "Home | News | World | Business"), unless
 *    a line next to it has such separators too (a table); a time given only as a distance
 *    ("Published 22 hours ago", "2 days ago"); a button to another page ("CLICK HERE TO GET THE
 *    APP", "... by clicking here"); an invitation to follow the site on a network ("Follow us
 *    on Twitter @site"). A debris
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
 *    "Photo:" with nothing after it is debris. Labelled lines ("Image caption, X") are captions;
 *    a label alone on its line ("Image caption", "Image copyright") labels the line below it.
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
	text_split(&s, text + off, len - off, line);
	text_classify(&s);
	text_header(&s);
	text_tail(&s);
	text_taxonomy(&s);
	text_figures(&s);
	spacing(&s);
	text_blocks(&s);
	text_headings(&s);
	text_emit(&s);
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].s);
	free(s.v);
	free(s.b);
	free(s.label);
	return 0;
}
