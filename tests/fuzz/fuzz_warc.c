/* Fuzz target: web archives (warc.c's framing, gzip and HTTP decoding, archive_web.c's choice of
 * pages, and each page read as archive.c reads it, images and links resolved by URL). */

#include <stdlib.h>

#include "archive_web.h"
#include "bodystore.h"
#include "fuzz.h"
#include "pass.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct read_ctx *base = fuzz_ctx();
	struct read_ctx ctx = *base;
	struct web *web;

	/* The bytes are sniffed: plain WARC, gzip members or one gzip stream. */
	fuzz_file("fuzz.warc", data, size);
	web = web_open(base->root, "fuzz.warc");
	if (web == NULL)
		return 0;
	ctx.photos = bodystore_new();
	if (ctx.photos == NULL)
		abort();
	for (size_t i = 0; i < web_count(web); i++) {
		struct article a;
		if (web_read(web, i, &ctx, &a) == 0 && a.body)
			pass_body(a.body);
		article_clear(&a);
	}
	bodystore_free(ctx.photos);
	web_free(web);
	return 0;
}
