/* Photos' SHA-256, each computed once a run: the EPUB's store of distinct photos, the colophon,
 * the manifest and the volume plan all ask for it, and a photo read and hashed four times was a
 * tenth of an EPUB's time. */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "util.h"

struct photo_digests {
	pthread_mutex_t lock;
	pthread_cond_t done;    /* a photo's hashing ended */
	unsigned char (*sha)[32];
	uint64_t *len;
	const char **why;
	unsigned char *state; /* per photo: 0 not asked yet, 1 hashed, 2 unreadable, 3 being hashed */
};

void
archive_digests_init(struct archive *ar)
{
	struct photo_digests *d = xcalloc(1, sizeof(*d));
	size_t n = ar->nphotos ? ar->nphotos : 1;

	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->done, NULL);
	d->sha = xcalloc(n, sizeof(*d->sha));
	d->len = xcalloc(n, sizeof(*d->len));
	d->why = xcalloc(n, sizeof(*d->why));
	d->state = xcalloc(n, 1);
	ar->digests = d;
}

void
archive_digests_free(struct archive *ar)
{
	struct photo_digests *d = ar->digests;

	if (!d)
		return;
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->done);
	free(d->sha);
	free(d->len);
	free(d->why);
	free(d->state);
	free(d);
	ar->digests = NULL;
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

int
archive_photo_digest(const struct archive *ar, const char *photo, unsigned char sha[32],
                     uint64_t *len, const char **why)
{
	struct photo_digests *d = ar->digests;
	char *const *hit = ar->nphotos ? bsearch(photo, ar->photos, ar->nphotos, sizeof(char *),
	    cmp_name) : NULL;
	size_t i = hit ? (size_t)(hit - ar->photos) : 0;
	char *data;
	size_t n;
	const char *w = NULL;
	int rc;

	if (d && hit) {
		pthread_mutex_lock(&d->lock);
		/* Another thread hashing it: its digest is waited for, not computed twice (the
		 * colophon's thread and the EPUB's writer walk the photos in the same order, and
		 * both hashed every one). */
		while (d->state[i] == 3)
			pthread_cond_wait(&d->done, &d->lock);
		if (d->state[i]) {
			rc = d->state[i] == 1 ? 0 : -1;
			memcpy(sha, d->sha[i], 32);
			*len = d->len[i];
			*why = d->why[i];
			pthread_mutex_unlock(&d->lock);
			return rc;
		}
		d->state[i] = 3;
		pthread_mutex_unlock(&d->lock);
	}
	/* Hashed outside the lock. */
	rc = archive_photo_read(ar, photo, &data, &n, &w);
	memset(sha, 0, 32);
	if (rc == 0) {
		sha256(data, n, sha);
		free(data);
	} else
		n = 0;
	*len = n;
	*why = rc == 0 ? NULL : w;
	if (d && hit) {
		pthread_mutex_lock(&d->lock);
		memcpy(d->sha[i], sha, 32);
		d->len[i] = n;
		d->why[i] = *why;
		d->state[i] = rc == 0 ? 1 : 2;
		pthread_cond_broadcast(&d->done);
		pthread_mutex_unlock(&d->lock);
	}
	return rc;
}
