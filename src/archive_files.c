/* The archive's files: the archive a lone file belongs to, photos' bytes wherever they are
 * kept, and outputs that must not overwrite an input. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "bodystore.h"
#include "image.h"
#include "msg.h"
#include "read.h"
#include "util.h"

/* Looks for an archive.yaml in the folders above the current one, for the relative path. Returns
 * the folder ("..", "../..", ...; caller frees) and sets *rel to the file's path inside it
 * (caller frees), or returns NULL. */
static char *
climb(const char *path, char **rel)
{
	char cwd[4096];
	struct buf up = {0};
	char *root = NULL;
	size_t end;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return NULL;
	end = strlen(cwd);
	for (int k = 1; k < ARCHIVE_MAX_DEPTH && root == NULL; k++) {
		struct stat st;
		char *yaml;
		/* cwd[end..] holds the k - 1 folders climbed so far. */
		while (end > 0 && cwd[end - 1] != '/')
			end--;
		if (end <= 1)
			break;
		end--;
		buf_puts(&up, k == 1 ? ".." : "/..");
		yaml = path_join(buf_str(&up), "archive.yaml");
		if (stat(yaml, &st) == 0 && S_ISREG(st.st_mode)) {
			*rel = path_join(cwd + end + 1, path);
			root = buf_detach(&up);
		}
		free(yaml);
	}
	buf_free(&up);
	return root;
}

char *
archive_find_root(const char *path, char **rel)
{
	char *dir = path_dir(path);
	const char *base = strrchr(path, '/');
	size_t n = strlen(dir);

	for (;;) {
		char *cand = n ? xstrndup(dir, n) : xstrdup(".");
		char *yaml = path_join(cand, "archive.yaml");
		const char *last = strrchr(cand, '/');
		struct stat st;
		int found = stat(yaml, &st) == 0 && S_ISREG(st.st_mode);

		free(yaml);
		if (found) {
			*rel = xstrdup(path + (n == 0 ? 0 : n == 1 && dir[0] == '/' ? 1 : n + 1));
			free(dir);
			return cand;
		}
		/* Stop at the top, and never climb out of a "..": the folder above is below it. */
		if (n == 0 || strcmp(last ? last + 1 : cand, "..") == 0 || strcmp(cand, "/") == 0) {
			free(cand);
			break;
		}
		free(cand);
		while (n > 0 && dir[n - 1] != '/')
			n--;
		if (n > 1)
			n--;            /* the slash itself, unless it is the root */
	}
	/* A relative path may belong to an archive above the current folder. */
	if (path[0] != '/' && strcmp(dir, "..") != 0 && strncmp(dir, "../", 3) != 0) {
		char *root = climb(path, rel);
		if (root) {
			free(dir);
			return root;
		}
	}
	*rel = xstrdup(base ? base + 1 : path);
	if (*dir == '\0') {
		free(dir);
		return xstrdup(".");
	}
	return dir;
}

int
archive_photo_read(const struct archive *ar, const char *photo, char **data, size_t *len,
                   const char **why)
{
	char *full;
	struct stat st;
	int rc;

	*data = NULL;
	*len = 0;
	if (bodystore_has(ar->bodies, photo, NULL)) {
		*why = "cannot read a temporary file";
		return bodystore_get_named(ar->bodies, photo, data, len);
	}
	full = path_join(ar->root, photo);
	rc = -1;
	if (stat(full, &st) != 0)
		*why = "cannot open file";
	else if ((uint64_t)st.st_size >= IMAGE_MAX_BYTES)
		*why = "file too large";
	else if (file_read(full, data, len) != 0)
		*why = "cannot read file";
	else
		rc = 0;
	free(full);
	return rc;
}

int
archive_photo_probe(const struct archive *ar, const char *photo, struct image_info *info,
                    const char **why)
{
	char *data, *full;
	size_t len;
	int rc;

	if (bodystore_has(ar->bodies, photo, NULL)) {
		if (archive_photo_read(ar, photo, &data, &len, why) != 0)
			return -1;
		rc = image_probe_mem((const unsigned char *)data, len, info, why);
		free(data);
		return rc;
	}
	/* A file's header is enough. */
	full = path_join(ar->root, photo);
	rc = image_probe(full, info, why);
	free(full);
	return rc;
}

uint64_t
archive_photo_size(const struct archive *ar, const char *photo)
{
	uint64_t len;
	struct stat st;
	char *full;

	if (bodystore_has(ar->bodies, photo, &len))
		return len;
	full = path_join(ar->root, photo);
	len = stat(full, &st) == 0 ? (uint64_t)st.st_size : 0;
	free(full);
	return len;
}

/* One input of the archive as the file system knows it. */
struct input_id {
	dev_t dev;
	ino_t ino;
	const char *rel;        /* its archive-relative name */
};

static int
cmp_input_id(const void *a, const void *b)
{
	const struct input_id *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

/* Stats every input once (archive.yaml, the articles, the photos, symlinks followed; for a page
 * or a photo kept inside a file, that file) into a sorted array. Returns its length; caller frees *out. */
static size_t
input_ids(const struct archive *ar, struct input_id **out)
{
	size_t n = 0, cap = 1 + ar->narticles + ar->nphotos;
	struct input_id *v = xcalloc(cap, sizeof(*v));

	for (size_t i = 0; i < cap; i++) {
		const char *rel = i == 0 ? "archive.yaml" : i <= ar->narticles ?
		    ar->articles[i - 1].path : ar->photos[i - 1 - ar->narticles];
		char *file = xstrndup(rel, read_file_part(rel)), *p = path_join(ar->root, file);
		struct stat in;
		if (stat(p, &in) == 0) {
			v[n].dev = in.st_dev;
			v[n].ino = in.st_ino;
			v[n++].rel = rel;
		}
		free(file);
		free(p);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_input_id);
	*out = v;
	return n;
}

/* Returns the real path of path's folder joined with its last name (path need not exist), or
 * NULL when the folder does not exist. Caller frees. */
static char *
real_parent(const char *path)
{
	char *dir = path_dir(path), *real = realpath(*dir ? dir : ".", NULL), *out = NULL;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (real)
		out = xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
	free(real);
	free(dir);
	return out;
}

/* Returns 1 when the absolute path p is root or below it. */
static int
below(const char *p, const char *root)
{
	size_t n = strlen(root);
	return strncmp(p, root, n) == 0 && (p[n] == '/' || p[n] == '\0' || !strcmp(root, "/"));
}

/* archive_check_output against the inputs' ids (ids NULL: not made yet; made when needed). */
static int
check_output(const struct archive *ar, const char *dest, int explicit, struct input_id **ids,
             size_t *nids)
{
	char *root = realpath(ar->root, NULL), *where = real_parent(dest), *target = NULL;
	const char *input = NULL;
	struct stat st, lst;
	int rc, link = lstat(dest, &lst) == 0 && S_ISLNK(lst.st_mode);

	if (stat(dest, &st) == 0) {
		struct input_id key = {st.st_dev, st.st_ino, NULL}, *hit;
		if (*ids == NULL)
			*nids = input_ids(ar, ids);
		hit = *nids ? bsearch(&key, *ids, *nids, sizeof(key), cmp_input_id) : NULL;
		if (hit)
			input = hit->rel;
		if (link)
			target = realpath(dest, NULL);
	}
	rc = -1;
	if (input && link)
		msg_error(dest, 0, "is a symlink to an input of the archive, %s; use --force to "
		    "replace it", input);
	else if (input)
		msg_error(dest, 0, "is an input of the archive, %s; use --force to overwrite it",
		    input);
	else if (explicit && root && target && below(target, root))
		msg_error(dest, 0, "is a symlink into the archive folder '%s'; use --force to "
		    "replace it", ar->root);
	else if (explicit && root && where && below(where, root))
		msg_error(dest, 0, "lies inside the archive folder '%s'; use --force to write there",
		    ar->root);
	else
		rc = 0;
	free(root);
	free(where);
	free(target);
	return rc;
}

int
archive_check_output(const struct archive *ar, const char *dest, int explicit)
{
	struct input_id *ids = NULL;
	size_t nids = 0;
	int rc = check_output(ar, dest, explicit, &ids, &nids);

	free(ids);
	return rc;
}

int
archive_check_outputs(const struct archive *ar, char *const *dests, size_t n)
{
	struct input_id *ids = NULL;
	size_t nids = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (check_output(ar, dests[i], 1, &ids, &nids) != 0)
			rc = -1;
	free(ids);
	return rc;
}
