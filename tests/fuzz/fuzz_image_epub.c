/* Fuzz target: photos as an EPUB stores them (image_for_epub: stripping, turning, re-encoding). */

#include "fuzz.h"
#include "image.h"

/* Larger photos are valid but only slow the fuzzer down; the limit itself is image_probe's. */
#define FUZZ_MAX_PIXELS (4000u * 1000u)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("photo", data, size), *why;
	struct image_info info;
	struct image_data out = {0};

	if (image_probe(path, &info, &why) != 0
	    || (unsigned)info.width * (unsigned)info.height > FUZZ_MAX_PIXELS)
		return 0;
	/* The last byte picks the options, so that both paths of each are taken. */
	unsigned char opt = size ? data[size - 1] : 0;
	image_for_epub(path, opt & 1 ? 0 : 48, opt & 2, &out, &why);
	image_data_free(&out);
	return 0;
}
