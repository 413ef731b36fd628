/* Article bodies kept between the archive's one reading and the writers: a temporary file. */
/* O_TMPFILE. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bodystore.h"
#include "msg.h"
#include "util.h"

/*
 * The form of one body: its nodes in document order. A node is a type byte, a flags byte, four
 * numbers (level, start, link, line) as unsigned LEB128 varints (start zigzag-coded), then each
 * string its flags announce as a varint length and its bytes. A container's children follow
 * it, closed by the byte END; leaves have no END.
 */
#define END 0xFF

enum {
	F_TEXT = 1 << 0,
	F_URL = 1 << 1,
	F_TITLE = 1 << 2,
	F_ID = 1 << 3,
	F_ORDERED = 1 << 4,
	F_TIGHT = 1 << 5,
	F_HEADER = 1 << 6
};

struct bodystore {
	int fd;
	uint64_t size;          /* bytes written so far */
	struct buf b;           /* one body being encoded */
	struct strset names;    /* named bytes -> their index in off and len */
	uint64_t *off, *len;
	size_t n;
};

struct bodystore *
bodystore_new(void)
{
	const char *dir = getenv("TMPDIR");
	struct bodystore *s;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		/* A file system without O_TMPFILE: a named file, unlinked at once. */
		char *name = xasprintf("%s/quire-bodies-XXXXXX", dir);
		fd = mkstemp(name);
		if (fd >= 0)
			unlink(name);
		free(name);
	}
	if (fd < 0) {
		msg_error(dir, 0, "cannot create a temporary file: %s", strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	return s;
}

static void
put_num(struct buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7F;
		v >>= 7;
		buf_putc(b, v ? c | 0x80 : c);
	} while (v);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	put_num(b, n);
	buf_put(b, s, n);
}

static void
encode(struct buf *b, const struct node *n)
{
	unsigned flags = (n->text ? F_TEXT : 0) | (n->url ? F_URL : 0) | (n->title ? F_TITLE : 0) |
	    (n->id ? F_ID : 0) | (n->ordered ? F_ORDERED : 0) | (n->tight ? F_TIGHT : 0) |
	    (n->header ? F_HEADER : 0);
	int64_t start = n->start;

	buf_putc(b, (int)n->type);
	buf_putc(b, (int)flags);
	put_num(b, (uint64_t)(n->level < 0 ? 0 : n->level));
	put_num(b, start < 0 ? ((uint64_t)(-(start + 1)) << 1) | 1 : (uint64_t)start << 1);
	put_num(b, (uint64_t)n->link);
	put_num(b, n->line);
	if (n->text)
		put_str(b, n->text);
	if (n->url)
		put_str(b, n->url);
	if (n->title)
		put_str(b, n->title);
	if (n->id)
		put_str(b, n->id);
}

/* Appends n bytes at data to the store's file. Returns 0, or -1 after an error message. */
static int
append(struct bodystore *s, const void *data, size_t n, uint64_t *off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = pwrite(s->fd, (const char *)data + done, n - done,
		    (off_t)(s->size + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			msg_error(NULL, 0, "cannot write a temporary file: %s",
			    w < 0 ? strerror(errno) : "no space");
			return -1;
		}
		done += (size_t)w;
	}
	*off = s->size;
	s->size += n;
	return 0;
}

/* Reads len bytes at off into data. Returns 0, or -1 after an error message. */
static int
fetch(const struct bodystore *s, uint64_t off, uint64_t len, unsigned char *data)
{
	size_t done = 0;

	while (done < len) {
		ssize_t got = pread(s->fd, data + done, (size_t)len - done, (off_t)(off + done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			msg_error(NULL, 0, "cannot read a temporary file: %s",
			    got < 0 ? strerror(errno) : "too short");
			return -1;
		}
		done += (size_t)got;
	}
	return 0;
}

int
bodystore_put(struct bodystore *s, const struct node *body, uint64_t *off, uint64_t *len)
{
	struct node_iter it;
	enum node_ev ev;

	buf_reset(&s->b);
	node_iter_init(&it, body);
	while ((ev = node_iter_next(&it)) != NODE_EV_DONE) {
		if (ev == NODE_EV_ENTER)
			encode(&s->b, it.node);
		else
			buf_putc(&s->b, END);
	}
	if (append(s, s->b.data, s->b.len, off) != 0)
		return -1;
	*len = s->b.len;
	return 0;
}

int
bodystore_put_named(struct bodystore *s, const char *name, const void *data, size_t len)
{
	uint64_t off;

	if (strset_get(&s->names, name, NULL))
		return 0;
	if (append(s, data, len, &off) != 0)
		return -1;
	s->off = xrealloc(s->off, (s->n + 1) * sizeof(*s->off));
	s->len = xrealloc(s->len, (s->n + 1) * sizeof(*s->len));
	s->off[s->n] = off;
	s->len[s->n] = len;
	strset_add(&s->names, name, s->n++);
	return 0;
}

int
bodystore_has(const struct bodystore *s, const char *name, uint64_t *len)
{
	size_t i;

	if (s == NULL || !strset_get(&s->names, name, &i))
		return 0;
	if (len)
		*len = s->len[i];
	return 1;
}

int
bodystore_get_named(const struct bodystore *s, const char *name, char **out, size_t *len)
{
	size_t i;
	unsigned char *data;

	*out = NULL;
	*len = 0;
	if (!strset_get(&s->names, name, &i))
		return -1;
	data = xmalloc((size_t)s->len[i] + 1);
	if (fetch(s, s->off[i], s->len[i], data) != 0) {
		free(data);
		return -1;
	}
	data[s->len[i]] = '\0';
	*out = (char *)data;
	*len = (size_t)s->len[i];
	return 0;
}

/* A reading position in one stored body. */
struct rd {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t
get_num(struct rd *r)
{
	uint64_t v = 0;

	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end) {
			r->bad = 1;
			return 0;
		}
		unsigned c = *r->p++;
		v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

static char *
get_str(struct rd *r)
{
	uint64_t n = get_num(r);

	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p, (size_t)n);
	r->p += n;
	return s;
}

/* Decodes one node whose type byte has been read. */
static struct node *
decode(struct rd *r, unsigned type)
{
	struct node *n = node_new((enum node_type)type);
	unsigned flags;
	uint64_t start;

	if (r->p >= r->end) {
		r->bad = 1;
		return n;
	}
	flags = *r->p++;
	n->level = (int)get_num(r);
	start = get_num(r);
	n->start = start & 1 ? (int)(-(int64_t)(start >> 1) - 1) : (int)(start >> 1);
	n->link = (enum link_kind)get_num(r);
	n->line = (unsigned)get_num(r);
	n->ordered = (flags & F_ORDERED) != 0;
	n->tight = (flags & F_TIGHT) != 0;
	n->header = (flags & F_HEADER) != 0;
	if (flags & F_TEXT)
		n->text = get_str(r);
	if (flags & F_URL)
		n->url = get_str(r);
	if (flags & F_TITLE)
		n->title = get_str(r);
	if (flags & F_ID)
		n->id = get_str(r);
	return n;
}

struct node *
bodystore_get(const struct bodystore *s, uint64_t off, uint64_t len)
{
	unsigned char *data = xmalloc(len ? (size_t)len : 1);
	struct rd r = {data, data + len, 0};
	struct node *root = NULL, *cur = NULL;

	if (fetch(s, off, len, data) != 0) {
		free(data);
		return NULL;
	}
	while (r.p < r.end && !r.bad) {
		unsigned c = *r.p++;
		if (c == END) {
			if (cur == NULL) {
				r.bad = 1;
				break;
			}
			cur = cur == root ? NULL : cur->parent;
			continue;
		}
		if (c >= NODE__COUNT || (root && cur == NULL)) {
			r.bad = 1;
			break;
		}
		struct node *n = decode(&r, c);
		if (root == NULL)
			root = n;
		else
			node_append(cur, n);
		if (!node_is_leaf(n->type))
			cur = n;
	}
	free(data);
	if (r.bad || root == NULL || root->type != NODE_BODY || cur != NULL) {
		msg_error(NULL, 0, "a temporary file is damaged");
		node_free(root);
		return NULL;
	}
	return root;
}

void
bodystore_free(struct bodystore *s)
{
	if (s == NULL)
		return;
	close(s->fd);
	buf_free(&s->b);
	strset_free(&s->names);
	free(s->off);
	free(s->len);
	free(s);
}
