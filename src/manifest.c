/* The manifest (--manifest) that proves which inputs made which outputs, and --compare. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "archive.h"
#include "date.h"
#include "manifest.h"
#include "msg.h"
#include "outfile.h"
#include "read.h"
#include "util.h"

/* Adds the path, size and SHA-256 of the file at full to o. Returns 0, or -1 when it cannot be
 * read (a warning says so and the entry says "missing"). */
static int
add_file(json_object *o, const char *full)
{
	char *data = NULL, hex[65];
	unsigned char h[32];
	size_t len;

	if (file_read(full, &data, &len) != 0) {
		msg_warn(full, 0, "cannot read for the manifest: %s", strerror(errno));
		json_object_object_add(o, "missing", json_object_new_boolean(1));
		return -1;
	}
	sha256(data, len, h);
	hex32(h, hex);
	json_object_object_add(o, "size", json_object_new_int64((int64_t)len));
	json_object_object_add(o, "sha256", json_object_new_string(hex));
	free(data);
	return 0;
}

static json_object *
str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *
sources(const struct archive *ar)
{
	json_object *list = json_object_new_array();
	char *yaml = path_join(ar->root, "archive.yaml");

	if (access(yaml, R_OK) == 0) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "path", json_object_new_string("archive.yaml"));
		json_object_object_add(o, "kind", json_object_new_string("archive"));
		add_file(o, yaml);
		json_object_array_add(list, o);
	}
	free(yaml);
	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		json_object *o = json_object_new_object();
		char hex[65], iso[11];
		hex32(a->sha256, hex);
		json_object_object_add(o, "path", json_object_new_string(a->path));
		json_object_object_add(o, "kind", json_object_new_string("article"));
		json_object_object_add(o, "size", json_object_new_int64((int64_t)a->size));
		json_object_object_add(o, "sha256", json_object_new_string(hex));
		json_object_object_add(o, "id", json_object_new_string(a->id));
		json_object_object_add(o, "title", json_object_new_string(a->title));
		if (a->date.year) {
			date_iso(&a->date, iso);
			json_object_object_add(o, "date", json_object_new_string(iso));
		}
		if (a->source)
			json_object_object_add(o, "source", str_or_null(a->source));
		if (a->captured.year) {
			/* A page of a web archive: which record of which file, captured when. */
			char utc[21];
			char *file = xstrndup(a->path, read_file_part(a->path));
			date_iso_utc(&a->captured, utc);
			json_object_object_add(o, "captured", json_object_new_string(utc));
			json_object_object_add(o, "warc", json_object_new_string(file));
			json_object_object_add(o, "record", json_object_new_int64((int64_t)a->record));
			if (a->digest)
				json_object_object_add(o, "payload_digest",
				    json_object_new_string(a->digest));
			free(file);
		}
		json_object_array_add(list, o);
	}
	for (size_t i = 0; i < ar->nphotos; i++) {
		json_object *o = json_object_new_object();
		char hex[65];
		unsigned char h[32];
		const char *why;
		uint64_t len;
		json_object_object_add(o, "path", json_object_new_string(ar->photos[i]));
		json_object_object_add(o, "kind", json_object_new_string("photo"));
		if (archive_photo_digest(ar, ar->photos[i], h, &len, &why) != 0) {
			char *full = path_join(ar->root, ar->photos[i]);
			msg_warn(full, 0, "cannot read for the manifest: %s", why);
			json_object_object_add(o, "missing", json_object_new_boolean(1));
			free(full);
		} else {
			hex32(h, hex);
			json_object_object_add(o, "size", json_object_new_int64((int64_t)len));
			json_object_object_add(o, "sha256", json_object_new_string(hex));
		}
		json_object_array_add(list, o);
	}
	return list;
}

static json_object *
selection(const struct archive *ar)
{
	json_object *o = json_object_new_object();
	char iso[11];

	if (ar->since.year) {
		date_iso(&ar->since, iso);
		json_object_object_add(o, "since", json_object_new_string(iso));
	}
	if (ar->until.year) {
		date_iso(&ar->until, iso);
		json_object_object_add(o, "until", json_object_new_string(iso));
	}
	json_object_object_add(o, "articles", json_object_new_int64((int64_t)ar->narticles));
	return o;
}

int
manifest_write(const char *path, const struct archive *ar, const char *version, int argc,
               char *const *argv, char *const *outputs, size_t noutputs)
{
	json_object *root = json_object_new_object(), *args = json_object_new_array();
	json_object *outs = json_object_new_array();
	struct outfile out;
	char iso[11];
	int rc = -1;

	json_object_object_add(root, "manifest", json_object_new_int(1));
	json_object_object_add(root, "quire", json_object_new_string(version));
	for (int i = 1; i < argc; i++)
		json_object_array_add(args, json_object_new_string(argv[i]));
	json_object_object_add(root, "arguments", args);
	json_object_object_add(root, "archive", json_object_new_string(ar->title));
	json_object_object_add(root, "identifier", json_object_new_string(ar->identifier));
	date_iso(&ar->date, iso);
	json_object_object_add(root, "snapshot", json_object_new_string(iso));
	json_object_object_add(root, "selection", selection(ar));
	for (size_t i = 0; i < noutputs; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "path", json_object_new_string(outputs[i]));
		add_file(o, outputs[i]);
		json_object_array_add(outs, o);
	}
	json_object_object_add(root, "outputs", outs);
	json_object_object_add(root, "sources", sources(ar));

	const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (outfile_open(&out, path) == 0) {
		FILE *f = fopen(out.tmp, "w");
		if (f == NULL || fputs(text, f) == EOF || fputc('\n', f) == EOF || fclose(f) != 0) {
			msg_error(path, 0, "cannot write: %s", strerror(errno));
			outfile_abort(&out);
		} else
			rc = outfile_commit(&out);
	}
	json_object_put(root);
	return rc;
}

/* Indexes a list of sources by path. */
static void
index_paths(json_object *srcs, struct strset *idx)
{
	size_t n = json_object_array_length(srcs);

	for (size_t i = 0; i < n; i++) {
		json_object *p;
		if (json_object_object_get_ex(json_object_array_get_idx(srcs, i), "path", &p))
			strset_add(idx, json_object_get_string(p), i);
	}
}

/* Returns the sha256 of the source at path in srcs (indexed by idx), "" when it has none, or
 * NULL when the path is not there. */
static const char *
sum_of(json_object *srcs, const struct strset *idx, const char *path)
{
	json_object *h;
	size_t i;

	if (!strset_get(idx, path, &i))
		return NULL;
	if (!json_object_object_get_ex(json_object_array_get_idx(srcs, i), "sha256", &h))
		return "";
	return json_object_get_string(h);
}

/* Prints a finding and keeps it. */
static void
finding(const char *what, const char *path, char ***lines, size_t *n)
{
	fprintf(stderr, "quire: %s: %s\n", what, path);
	*lines = xrealloc(*lines, (*n + 1) * sizeof(char *));
	(*lines)[(*n)++] = xasprintf("%s: %s", what, path);
}

int
manifest_compare(const char *old_path, const struct archive *ar, char ***lines, size_t *nlines)
{
	json_object *old = json_object_from_file(old_path), *srcs, *now;
	struct strset old_idx = {0}, now_idx = {0};

	*lines = NULL;
	*nlines = 0;
	unsigned added = 0, removed = 0, changed = 0;
	size_t n, m;

	if (old == NULL || !json_object_object_get_ex(old, "sources", &srcs) ||
	    !json_object_is_type(srcs, json_type_array)) {
		msg_error(old_path, 0, "not a quire manifest");
		json_object_put(old);
		return -1;
	}
	now = sources(ar);
	n = json_object_array_length(now);
	m = json_object_array_length(srcs);
	index_paths(srcs, &old_idx);
	index_paths(now, &now_idx);
	for (size_t i = 0; i < n; i++) {
		json_object *p;
		if (!json_object_object_get_ex(json_object_array_get_idx(now, i), "path", &p))
			continue;
		const char *path = json_object_get_string(p);
		const char *was = sum_of(srcs, &old_idx, path), *sum = sum_of(now, &now_idx, path);
		if (was == NULL) {
			finding("added", path, lines, nlines);
			added++;
		} else if (strcmp(was, sum) != 0) {
			finding("changed", path, lines, nlines);
			changed++;
		}
	}
	for (size_t i = 0; i < m; i++) {
		json_object *p;
		if (!json_object_object_get_ex(json_object_array_get_idx(srcs, i), "path", &p))
			continue;
		const char *path = json_object_get_string(p);
		if (!strset_get(&now_idx, path, NULL)) {
			finding("removed", path, lines, nlines);
			removed++;
		}
	}
	strset_free(&old_idx);
	strset_free(&now_idx);
	fprintf(stderr, "quire: compared with %s: %u added, %u removed, %u changed\n", old_path,
	    added, removed, changed);
	json_object_put(now);
	json_object_put(old);
	return 0;
}
