/* Fuzz target: saved HTML pages in any encoding (read_html_raw). */

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct reader html = {".html", 1, read_html_raw};

	fuzz_read(".html", &html, data, size);
	return 0;
}
