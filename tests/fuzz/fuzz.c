/* What the fuzz targets share: a scratch archive folder, its reading context, temporary files. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "dump.h"
#include "fuzz.h"
#include "pass.h"
#include "util.h"

/* A 1x1 RGB PNG: the photo articles in the scratch archive may show. */
static const uint8_t pixel_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
	0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
	0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef, 0x00, 0x00, 0x00,
	0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static char root[64];
static struct strset articles;
static struct read_ctx ctx;
static char *scratch;           /* the last path fuzz_file returned */

static void
put(const char *rel, const uint8_t *data, size_t size)
{
	char *path = path_join(root, rel);
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		abort();
	}
	free(path);
}

static void
cleanup(void)
{
	static const char *const names[] = {"pic.png", "pixel.png", "photos/pic.png", "photos", ""};

	if (scratch)
		unlink(scratch);
	free(scratch);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = path_join(root, names[i]);
		if (unlink(path) != 0)
			rmdir(path);
		free(path);
	}
	strset_free(&articles);
}

const struct read_ctx *
fuzz_ctx(void)
{
	static const char *const names[] = {"fuzz.md", "fuzz.html", "fuzz.txt", "other.md",
	                                    "news/x.md"};

	if (ctx.root)
		return &ctx;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/quire-fuzz-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror(root);
		abort();
	}
	put("pic.png", pixel_png, sizeof pixel_png);
	put("pixel.png", pixel_png, sizeof pixel_png);
	char *photos = path_join(root, "photos");
	mkdir(photos, 0700);
	free(photos);
	put("photos/pic.png", pixel_png, sizeof pixel_png);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		strset_add(&articles, names[i], i);
	ctx.root = root;
	ctx.articles = &articles;
	atexit(cleanup);
	return &ctx;
}

void
fuzz_read(const char *ext, const struct reader *reader, const uint8_t *data, size_t size)
{
	const struct read_ctx *c = fuzz_ctx();
	const struct reader *r = reader ? reader : read_find(ext);
	struct article a = {0};
	struct buf out = {0};
	char *raw = xmalloc(size + 1), *text = NULL;
	size_t len = size;
	unsigned bad;
	int rc;

	memcpy(raw, data, size);
	raw[size] = '\0';
	a.path = xasprintf("fuzz%s", ext);
	a.size = size;
	if (r->raw)
		rc = r->read(c, &a, raw, size);
	else {
		text = utf8_repair(raw, size, &len, &bad);
		rc = r->read(c, &a, text, len);
	}
	if (rc == 0) {
		if (a.body == NULL)
			a.body = node_new(NODE_BODY);
		pass_body(a.body);
		dump_article(&out, &a);
		dump_text(&out, &a);
	}
	buf_free(&out);
	article_clear(&a);
	free(text);
	free(raw);
}

const char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	fuzz_ctx();
	if (scratch)
		unlink(scratch);
	free(scratch);
	scratch = path_join(root, name);
	put(name, data, size);
	return scratch;
}
