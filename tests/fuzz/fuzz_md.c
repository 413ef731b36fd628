/* Fuzz target: front matter and Markdown, through the reader table's row for ".md". */

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(".md", NULL, data, size);
	return 0;
}
