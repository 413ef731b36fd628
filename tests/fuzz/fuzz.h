/* What the fuzz targets share: a scratch archive folder, its reading context, temporary files. */
#ifndef QUIRE_FUZZ_H
#define QUIRE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "read.h"

/* libFuzzer's entry point, which every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns the reading context of a scratch archive made on first use (and removed at exit): a
 * folder holding two small PNGs (pic.png, pixel.png, photos/pic.png) and whose article list
 * names fuzz.md, fuzz.html, fuzz.txt, other.md and news/x.md. */
const struct read_ctx *fuzz_ctx(void);

/* Reads data as the file fuzz<ext> of the scratch archive, the way archive.c's load() does: the
 * reader for ext from the reader table, given the bytes NUL-terminated (through utf8_repair
 * unless the reader takes raw bytes), or reader when it is not NULL; then the model passes, both
 * dumps, and freeing. */
void fuzz_read(const char *ext, const struct reader *reader, const uint8_t *data, size_t size);

/* Writes data to the file name in the scratch folder and returns its path (valid until the next
 * call), or aborts when it cannot. */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

#endif
