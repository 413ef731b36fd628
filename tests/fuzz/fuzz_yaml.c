/* Fuzz target: the YAML loader as archive.yaml is read (utf8_repair, then ymap_parse). */

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"
#include "yamlmap.h"

/* Where the values' lengths go, so that reading them is not optimised away. */
static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ymap m = {0};
	const char *err;
	unsigned errline, bad;
	size_t len;
	char *text = utf8_repair((const char *)data, size, &len, &bad);
	size_t sum = 0;

	ymap_parse(text, len, 0, &m, &err, &errline);
	/* Every value is looked at, as the callers do, so a dangling or unterminated one shows. */
	for (size_t i = 0; i < m.n; i++) {
		const struct yval *v = ymap_get(&m, m.v[i].key);
		if (v == NULL)
			abort();
		if (v->scalar)
			sum += strlen(v->scalar);
		for (size_t j = 0; j < v->nlist; j++)
			sum += strlen(v->list[j]);
	}
	ymap_free(&m);
	free(text);
	sink = sum;
	return 0;
}
