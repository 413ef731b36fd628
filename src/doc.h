/* The document model: an archive, its articles' metadata, and one article body as a tree. */
#ifndef QUIRE_DOC_H
#define QUIRE_DOC_H

#include <stddef.h>
#include <stdint.h>

/*
 * The model holds no library types. Readers (read_md.c, read_html.c, read_text.c) build it;
 * passes (pass.c) repair and annotate it; writers (epub.c, pdf*.c) take it const.
 * All strings are UTF-8, NUL-terminated and owned by the struct that points at them.
 */

/* A calendar date with optional time of day, as written in the source. */
struct date {
	int year, month, day;   /* year 0 means "no date" */
	int hour, min, sec;     /* valid when has_time */
	int has_time;           /* 1 when a time of day was given */
	int has_tz;             /* 1 when tz_min is meaningful */
	int tz_min;             /* offset east of UTC, minutes */
};

enum dir {
	DIR_AUTO = 0,           /* unknown: writers let the text decide */
	DIR_LTR,
	DIR_RTL
};

enum node_type {
	/* The root of one article body. */
	NODE_BODY = 0,
	/* Blocks. */
	NODE_PARA,
	NODE_HEADING,           /* level 1..6, relative to the article (1 = top section) */
	NODE_QUOTE,
	NODE_LIST,              /* ordered, start, tight */
	NODE_ITEM,
	NODE_CODE_BLOCK,        /* text; title holds the info string */
	NODE_HR,
	NODE_FIGURE,            /* children: an optional NODE_IMAGE, then an optional NODE_CAPTION */
	NODE_CAPTION,           /* inline children */
	NODE_TABLE,             /* children: NODE_TABLE_ROW */
	NODE_TABLE_ROW,         /* children: NODE_TABLE_CELL */
	NODE_TABLE_CELL,        /* header: 1 for a th cell; inline children */
	/* Inlines. */
	NODE_TEXT,              /* text */
	NODE_EMPH,
	NODE_STRONG,
	NODE_CODE,              /* text */
	NODE_LINK,              /* url, title; inline children */
	NODE_IMAGE,             /* url: archive-relative path or NULL; text: alt; title */
	NODE_SOFTBREAK,
	NODE_LINEBREAK,
	NODE__COUNT
};

enum link_kind {
	LINK_EXTERNAL = 0,      /* http, https, mailto: url is kept as written */
	LINK_ARTICLE,           /* url is another article's archive-relative path, fragment in title-free 'id' */
	LINK_ANCHOR             /* url is "#id" inside this article */
};

/* One node of an article body. Children form a doubly linked list under parent. */
struct node {
	enum node_type type;
	struct node *parent;
	struct node *first, *last;   /* children */
	struct node *prev, *next;    /* siblings */
	char *text;             /* TEXT, CODE, CODE_BLOCK content; IMAGE alt text */
	char *url;              /* LINK target; IMAGE archive-relative path (NULL: not available) */
	char *title;            /* LINK/IMAGE title; CODE_BLOCK info string */
	char *id;               /* HEADING anchor; LINK_ARTICLE fragment (NULL: none) */
	int level;              /* HEADING level 1..6 */
	int ordered;            /* LIST: 1 for numbered */
	int start;              /* LIST: first number */
	int tight;              /* LIST: items without paragraph spacing */
	int header;             /* TABLE_CELL: 1 for a header cell */
	enum link_kind link;    /* LINK: what url means */
	unsigned line;          /* source line, 0 when unknown */
};

/* One article: metadata known up front, body loaded only while it is written. */
struct article {
	char *path;             /* archive-relative, '/'-separated, e.g. "news/2024-03-01-x.md" */
	char *title;
	struct date date;       /* year 0: undated */
	char **authors;         /* nauthors strings */
	size_t nauthors;
	char *source;           /* URL of the original, or NULL */
	struct date captured;   /* when a web archive captured the page; year 0 for other files */
	char *digest;           /* a captured page's WARC-Payload-Digest ("sha1:..."), or NULL */
	uint64_t record;        /* a captured page's record: its byte in the (uncompressed) WARC */
	char *section;          /* or NULL */
	char **tags;            /* ntags strings */
	size_t ntags;
	char *lang;             /* BCP 47 tag, or NULL: the archive's language */
	enum dir dir;
	char *summary;          /* or NULL */
	char *image;            /* lead photo, archive-relative, or NULL */
	char *image_caption;    /* or NULL */
	int draft;              /* 1: front matter says draft: true (never exported) */
	char *id;               /* stable file id for writers, e.g. "a0001" (set by archive_sort) */
	uint64_t size;          /* bytes of the source file */
	unsigned char sha256[32]; /* digest of the source file's bytes */
	uint64_t body_off, body_len; /* where the parsed body is kept until written (bodystore.h) */
	char **photos;          /* archive-relative paths of the distinct photos it shows */
	size_t nphotos;
	struct node *body;      /* NULL, except for `quire --tree` (archive_read_file) */
};

struct strset;
struct bodystore;

/* The archive: its metadata and every article's metadata, sorted for output. */
struct archive {
	char *root;             /* folder as given on the command line */
	char *title;
	char *subtitle;
	char **authors;
	size_t nauthors;
	char *publisher;
	char *lang;             /* default "en" */
	enum dir dir;           /* archive.yaml's dir, else its language's: DIR_LTR or DIR_RTL */
	char *description;
	char *cover;            /* archive-relative image path, or NULL */
	char *cover_article;    /* archive.yaml's cover-article: whose photo the generated cover
	                         * shows (archive-relative path), or NULL */
	char *identifier;       /* as given, or derived from content (never random) */
	struct date date;       /* snapshot date */
	struct date since, until; /* the selection's calendar range, year 0 where open */
	struct article *articles;
	size_t narticles;
	size_t nextra;          /* of those, the last ones quire wrote itself (the colophon) */
	struct strset *paths;   /* path -> index into articles, exported ones only (util.h) */
	struct bodystore *bodies; /* every exported article's body, read once, and the photos
	                         * that are no files of the folder, by name (bodystore.h) */
	char **photos;          /* archive-relative paths of every photo the exported articles and
	                         * the cover use, sorted, each once */
	size_t nphotos;
	struct photo_digests *digests; /* each photo's SHA-256 once read (archive_photo_digest) */
	uint32_t *chars;        /* the distinct non-ASCII code points of the archive's text, sorted */
	size_t nchars;
};

/* Creates a node of the given type with no children; never returns NULL. Caller frees. */
struct node *node_new(enum node_type type);

/* Appends child as parent's last child and returns child. */
struct node *node_append(struct node *parent, struct node *child);

/* Inserts child before sibling (which must have a parent) and returns child. */
struct node *node_insert_before(struct node *sibling, struct node *child);

/* Detaches n from its parent; n keeps its children. Returns n. */
struct node *node_unlink(struct node *n);

/* Frees n, its children and all strings they own, iteratively. Accepts NULL. */
void node_free(struct node *n);

/* Returns 1 for block node types, 0 for inlines. */
int node_is_block(enum node_type type);

/* Returns the node type's name for dumps, e.g. "para". */
const char *node_type_name(enum node_type type);

/* Walks the tree in document order: returns the next node after n below root, or NULL. */
struct node *node_next(const struct node *root, const struct node *n);

/* What a node_iter reports: entering a node, or leaving it after its children. */
enum node_ev {
	NODE_EV_DONE = 0,       /* the walk is over */
	NODE_EV_ENTER,
	NODE_EV_EXIT
};

/* Walks a tree as cmark's iterator does: every node is entered, then its children are walked,
 * then it is exited. Leaf types (node_is_leaf) are only entered. The tree must not change
 * during the walk. */
struct node_iter {
	const struct node *root;
	const struct node *node; /* the node of the last event */
	enum node_ev ev;         /* the last event */
};

/* Starts a walk of the tree under root (root included). */
void node_iter_init(struct node_iter *it, const struct node *root);

/* Moves to the next event and returns it (NODE_EV_DONE at the end); it->node is its node. */
enum node_ev node_iter_next(struct node_iter *it);

/* Returns 1 for the node types that never have children (text, code, breaks, rules, images). */
int node_is_leaf(enum node_type type);

/* Appends the plain text of n's subtree (text, code, alt text; breaks as spaces) to a new string.
 * Caller frees. */
char *node_text(const struct node *n);

/* Frees every string the article owns and its body, leaving it zeroed. */
void article_clear(struct article *a);

/* Finds the exported article whose archive-relative path is path. Returns 1 and sets *idx (an
 * index into ar->articles), or 0 when there is none (a draft, an unreadable file, not an
 * article). */
int archive_find(const struct archive *ar, const char *path, size_t *idx);

/* Returns the archive's language for article a (a->lang, else the archive's, else "en"). */
const char *archive_lang(const struct archive *ar, const struct article *a);

/* Returns the number of articles read from the archive: narticles less quire's own. */
size_t archive_count(const struct archive *ar);

/* Sets *from and *to to the days the selection or volume covers: --since or the first
 * article's date, --until or the last dated article's. Returns 1, or 0 when the archive is
 * whole (no --since, --until or volume): writers then show no range. */
int archive_range(const struct archive *ar, struct date *from, struct date *to);

/* Frees the archive's strings and articles, leaving it zeroed. Accepts NULL. */
void archive_clear(struct archive *ar);

#endif
