/* The plain-text reader's blocks: figures, paragraphs, lists, subheadings, and the model. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_text_int.h"

/* Returns 1 when the line is a caption's credit ("Photo: Jane Doe/Reuters", "(Image: AP)"). */
static int
credit(const char *s)
{
	static const char *const pre[] = {
		"photo credit:", "image credit:", "photo:", "photos:", "photograph:",
		"photography:", "image:", "images:", "picture:", "pictures:", "pic:",
		"illustration:", "credit:", "photo by ", "photos by ", "photograph by ",
		"image by ", "illustration by ", "image source, ", "image source:",
		"image copyright, ", "copyright, "
	};
	const char *p = s;

	if (*p == '(' || *p == '[')
		p++;
	if (text_countcps(s, strlen(s)) > 160)
		return 0;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i]);
		if (strncasecmp(p, pre[i], n) == 0)
			return text_hasletter(p + n);
	}
	return 0;
}

/* Pairs an alt text with its repeated caption and marks credits (see the comment at the top). */
void
text_figures(struct st *s)
{
	/* Screen-reader labels of a page's figures: "Image caption, Smoke over the city". */
	static const char *const label[] = {
		"image caption, ", "image caption: ", "media caption, ", "media caption: ",
		"photo caption, ", "photo caption: ", "caption: ", "caption, "
	};

	/* A label alone on its line names the line right below it ("Image caption" over the
	 * caption, "Image copyright" over the credit): the two are read as one labelled line. */
	static const char *const alone[] = {
		"image caption", "media caption", "photo caption", "caption", "image copyright",
		"image source", "copyright"
	};
	for (size_t i = 0; i + 1 < s->n; i++) {
		struct line *l = &s->v[i], *m = &s->v[i + 1];
		if ((l->kind != L_TEXT && l->kind != L_DEBRIS) || m->kind != L_TEXT || l->len > 20)
			continue;
		for (size_t j = 0; j < sizeof(alone) / sizeof(alone[0]); j++) {
			if (strcasecmp(l->s, alone[j]) != 0)
				continue;
			char *t = xasprintf("%s, %s", l->s, m->s);
			free(m->s);
			m->s = t;
			m->len = strlen(t);
			m->cps = text_countcps(t, m->len);
			l->kind = L_DROP;
			break;
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		for (size_t j = 0; j < sizeof(label) / sizeof(label[0]) && l->kind == L_TEXT; j++) {
			size_t m = strlen(label[j]);
			if (strncasecmp(l->s, label[j], m) == 0 && text_hasletter(l->s + m)) {
				l->kind = L_CAPTION;
				l->mark = m;
			}
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		struct line *l = &s->v[i];
		size_t j;

		if (l->kind != L_TEXT || l->cps < 3 || !text_hasletter(l->s))
			continue;
		if ((j = text_next(s, i)) == NONE || s->v[j].kind != L_TEXT)
			continue;
		struct line *m = &s->v[j];
		int rep = strcmp(l->s, m->s) == 0;
		if (!rep && m->len > l->len && strncmp(m->s, l->s, l->len) == 0) {
			const char *r = m->s + l->len;
			while (*r && strchr(" .,;:|-", *r))
				r++;
			while (startswith(r, "\xE2\x80\x94") || startswith(r, "\xE2\x80\x93"))
				r = text_skipsp(r + 3);
			if (r > m->s + l->len && credit(r)) {
				/* The longer line, with its credit, is the caption. */
				char *t = l->s;
				l->s = m->s;
				m->s = t;
				l->len = strlen(l->s);
				l->cps = text_countcps(l->s, l->len);
				m->len = strlen(m->s);
				rep = 1;
			}
		}
		if (!rep)
			continue;
		l->kind = L_CAPTION;
		m->kind = L_DROP;
		while ((j = text_next(s, j)) != NONE && s->v[j].kind == L_TEXT &&
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
	return prev->cps <= WRAP && l->cps <= WRAP && !text_closed(prev->s, prev->len) &&
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
void
text_blocks(struct st *s)
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
			for (j = text_next(s, i); j != NONE && s->v[j].kind == L_DROP; j = text_next(s, j))
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
			for (j = text_next(s, i); j != NONE && s->v[j].kind == L_DROP; j = text_next(s, j))
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
					while (k + 1 < j && !text_closed(s->v[k].s, s->v[k].len) &&
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
	if (l->cps >= 70 || text_words(l->s) > 10 || ascii_islower(l->s[0]) || !text_hasletter(l->s))
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
	size_t u = text_unquote(l->s, l->len);
	return u > 0 && !text_closed(l->s, l->len) && l->s[u - 1] != ',';
}

/* Turns lone short lines between paragraphs into subheadings. */
void
text_headings(struct st *s)
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
	else if (text_ends(s, n, "\xE2\x80\x94") || text_ends(s, n, "\xE2\x80\x93"))
		n -= 3;
	else if (text_ends(s, n, "--"))
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
			if (!ascii_isupper(c) && !(c & 0x80) && c != '(' && !text_particle(w, wl))
				return 0;
		}
	}
	return nw <= 8;
}

/* Returns 1 when a dateline separator starts at p: — – -- - or :. */
static int
dsep(const char *p)
{
	p = text_skipsp(p);
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
		if (text_dateat(p, d, &e) != 0)
			continue;
		if (!place(s, p))
			return 0;
		e = text_skipsp(e);
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
			    text_isword(e[-2]);
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
void
text_emit(struct st *s)
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
					text_setdate(s, &d, RANK_DATELINE);
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
