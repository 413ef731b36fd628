/* Fuzz target: style files (style_load on a file: ymap_parse, then lengths, colours, fonts). */

#include "fuzz.h"
#include "style.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct style st;
	const char *path = fuzz_file("style.yaml", data, size);

	style_load(&st, path);
	style_free(&st);
	return 0;
}
