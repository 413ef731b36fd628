/* Fuzz target: scraped plain text (read_text), after utf8_repair as for every UTF-8 reader. */

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct reader text = {".txt", 0, read_text};

	fuzz_read(".txt", &text, data, size);
	return 0;
}
