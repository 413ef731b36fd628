/* Fuzz target: photo headers (image_probe: JPEG with EXIF, PNG, GIF, WebP). */

#include "fuzz.h"
#include "image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info;
	const char *why;

	image_probe(fuzz_file("photo", data, size), &info, &why);
	return 0;
}
