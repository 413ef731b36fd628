/* Fuzz target: decoding photos to pixels for the PDF (image_jpeg_for_pdf, image_decode). */

#include "fuzz.h"
#include "image.h"

/* Larger photos are valid but only slow the fuzzer down; the limit itself is image_probe's. */
#define FUZZ_MAX_PIXELS (4000u * 1000u)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("photo", data, size), *why;
	struct image_info info;
	struct image_data jpeg = {0};
	struct image_pixels px = {0};
	int orientation;

	if (image_probe(path, &info, &why) != 0
	    || (unsigned)info.width * (unsigned)info.height > FUZZ_MAX_PIXELS)
		return 0;
	if (image_jpeg_for_pdf(path, size & 1, &jpeg, &orientation, &why) != 1) {
		image_decode(path, 0, &px, &why);
		image_pixels_free(&px);
	}
	image_data_free(&jpeg);
	/* Downscaling as well, for the PDF's smaller photos. */
	image_decode(path, 64, &px, &why);
	image_pixels_free(&px);
	return 0;
}
