/* The EPUB writer's calls and its zip container: entries with fixed times and modes, the spool
 * that keeps generated files out of memory, and photos stored once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "archive.h"
#include "epub.h"
#include "epub_css.h"
#include "epub_int.h"
#include "msg.h"
#include "workers.h"

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* Sets the fixed time, permissions and compression every entry gets. */
static void
settle(struct epub *e, zip_int64_t idx, int store)
{
	if (zip_file_set_dostime(e->zip, (zip_uint64_t)idx, e->dostime, e->dosdate, 0) != 0 ||
	    zip_file_set_external_attributes(e->zip, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
	        (zip_uint32_t)(0100644) << 16) != 0 ||
	    zip_set_file_compression(e->zip, (zip_uint64_t)idx, store ? ZIP_CM_STORE :
	        ZIP_CM_DEFLATE, store ? 0 : 9) != 0) {
		msg_error(NULL, 0, "libzip: %s", zip_strerror(e->zip));
		e->failed = 1;
	}
}

/* Adds a copy of len bytes at data as name. */
static void
add_bytes(struct epub *e, const char *name, const void *data, size_t len, int store)
{
	void *copy = xmalloc(len ? len : 1);
	zip_source_t *src;
	zip_int64_t idx;

	memcpy(copy, data, len);
	src = zip_source_buffer(e->zip, copy, len, 1);
	if (src == NULL) {
		free(copy);
		goto fail;
	}
	if ((idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		goto fail;
	}
	settle(e, idx, store);
	return;
fail:
	msg_error(NULL, 0, "libzip: %s: %s", name, zip_strerror(e->zip));
	e->failed = 1;
}

/* One entry's bytes in the spool, handed to libzip as a source and read when the zip is closed.
 * Every span reads the one spool descriptor with pread, so that neither a descriptor per entry
 * nor a file name is needed. */
struct span {
	int fd;                 /* the spool; not owned */
	uint64_t start, len;    /* the entry's place in the spool */
	uint64_t pos;           /* bytes read since the source was opened */
	zip_error_t error;
};

/* libzip's callback for a span: a read source without seeking. */
static zip_int64_t
span_cmd(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct span *s = ud;
	zip_stat_t *st;
	ssize_t got;

	/* An int: libzip's list of commands grows, and those not named here are not supported. */
	switch ((int)cmd) {
	case ZIP_SOURCE_OPEN:
		s->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (len > s->len - s->pos)
			len = s->len - s->pos;
		if (len == 0)
			return 0;
		do
			got = pread(s->fd, data, (size_t)len, (off_t)(s->start + s->pos));
		while (got < 0 && errno == EINTR);
		if (got <= 0) {
			/* The spool never shrinks: reaching its end early is an I/O error. */
			zip_error_set(&s->error, ZIP_ER_READ, got < 0 ? errno : EIO);
			return -1;
		}
		s->pos += (uint64_t)got;
		return got;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT:
		if ((st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &s->error)) == NULL)
			return -1;
		zip_stat_init(st);
		st->size = s->len;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&s->error, data, len);
	case ZIP_SOURCE_FREE:
		zip_error_fini(&s->error);
		free(s);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_READABLE |
		    ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_SUPPORTS);
	default:
		zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* The container's own file, written by libzip through this source rather than through a file
 * name: libzip would write a second temporary of its own (left behind by a killed run, unknown
 * to outfile.c) and not every write of it is checked. Every write here is, and the commit
 * flushes the file to the disk. */
struct zipout {
	int fd;                 /* the temporary, open for writing; owned; -1 once closed */
	uint64_t pos, size;     /* the write position and the bytes written */
	zip_error_t error;
};

/* libzip's callback for the container: an empty archive to read, a file to write. */
static zip_int64_t
zipout_cmd(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zipout *z = ud;
	zip_stat_t *st;
	zip_int64_t off;
	const char *p = data;
	ssize_t n;

	switch ((int)cmd) {
	case ZIP_SOURCE_OPEN:
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_BEGIN_WRITE:
	case ZIP_SOURCE_READ:           /* the archive is new: nothing to read */
	case ZIP_SOURCE_TELL:
		return 0;
	case ZIP_SOURCE_SEEK:
		return 0;
	case ZIP_SOURCE_STAT:
		if ((st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &z->error)) == NULL)
			return -1;
		zip_stat_init(st);
		st->size = 0;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	case ZIP_SOURCE_WRITE:
		for (zip_uint64_t done = 0; done < len; done += (zip_uint64_t)n) {
			n = pwrite(z->fd, p + done, (size_t)(len - done), (off_t)(z->pos + done));
			if (n < 0 && errno == EINTR) {
				n = 0;
				continue;
			}
			if (n <= 0) {
				zip_error_set(&z->error, ZIP_ER_WRITE, n < 0 ? errno : EIO);
				return -1;
			}
		}
		z->pos += len;
		if (z->pos > z->size)
			z->size = z->pos;
		return (zip_int64_t)len;
	case ZIP_SOURCE_SEEK_WRITE:
		off = zip_source_seek_compute_offset(z->pos, z->size, data, len, &z->error);
		if (off < 0)
			return -1;
		z->pos = (uint64_t)off;
		return 0;
	case ZIP_SOURCE_TELL_WRITE:
		return (zip_int64_t)z->pos;
	case ZIP_SOURCE_COMMIT_WRITE:
		if (ftruncate(z->fd, (off_t)z->size) != 0 || fsync(z->fd) != 0) {
			zip_error_set(&z->error, ZIP_ER_WRITE, errno);
			return -1;
		}
		n = close(z->fd);
		z->fd = -1;
		if (n != 0) {
			zip_error_set(&z->error, ZIP_ER_CLOSE, errno);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_ROLLBACK_WRITE:
		return 0;
	case ZIP_SOURCE_REMOVE:         /* an archive without entries: never written */
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->error, data, len);
	case ZIP_SOURCE_FREE:
		if (z->fd >= 0)
			close(z->fd);
		zip_error_fini(&z->error);
		free(z);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE;
	default:
		zip_error_set(&z->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Opens the container on the temporary path. Returns the archive, or NULL after a message. */
static zip_t *
zipout_open(const char *path, const char *dest)
{
	struct zipout *z = xcalloc(1, sizeof(*z));
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;

	zip_error_init(&ze);
	if ((z->fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
		msg_error(dest, 0, "cannot create: %s", strerror(errno));
		free(z);
		return NULL;
	}
	zip_error_init(&z->error);
	if ((src = zip_source_function_create(zipout_cmd, z, &ze)) == NULL) {
		close(z->fd);
		zip_error_fini(&z->error);
		free(z);
		za = NULL;
	} else if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		zip_source_free(src);
	if (za == NULL)
		msg_error(dest, 0, "cannot create: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return za;
}

/* Writes all len bytes at data to fd. Returns 0, or -1 with errno set. */
static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Adds len bytes as name: they are appended to the spool, which libzip reads when the zip is
 * closed, so that memory does not grow with the book. */
static void
spool(struct epub *e, const char *name, const void *data, size_t len, int store)
{
	struct span *sp;
	zip_source_t *src;
	zip_int64_t idx;

	if (write_all(e->spoolfd, data, len) != 0) {
		msg_error(e->spool, 0, "cannot write: %s", strerror(errno));
		e->failed = 1;
		return;
	}
	sp = xcalloc(1, sizeof(*sp));
	sp->fd = e->spoolfd;
	sp->start = e->spooled;
	sp->len = len;
	zip_error_init(&sp->error);
	e->spooled += len;
	/* The source owns sp from here: zip_source_free or zip_close frees it. */
	if ((src = zip_source_function(e->zip, span_cmd, sp)) == NULL) {
		zip_error_fini(&sp->error);
		free(sp);
		goto fail;
	}
	if ((idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		goto fail;
	}
	settle(e, idx, store);
	return;
fail:
	msg_error(NULL, 0, "libzip: %s: %s", name, zip_strerror(e->zip));
	e->failed = 1;
}

void
epub_store(struct epub *e, const char *name, const void *data, size_t len)
{
	spool(e, name, data, len, 0);
}

void
epub_store_xml(struct epub *e, struct xml *x, const char *name)
{
	struct buf b = {0};

	if (xml_close(x, &b) != 0) {
		msg_error(NULL, 0, "%s: cannot write XML", name);
		e->failed = 1;
	} else {
		/* Every character a page shows, generated labels included, is in its bytes. */
		if (endswith_ci(name, ".xhtml"))
			epub_note_chars(e, b.data, b.len);
		spool(e, name, b.data, b.len, 0);
	}
	buf_free(&b);
}

const struct photo *
epub_photo(struct epub *e, const char *src, unsigned line, const char *label)
{
	size_t i;
	struct image_data d = {0};
	const char *why = NULL;
	int rc, max = e->opt->image_max_px ? e->opt->image_max_px : e->st->image_max_px;

	if (strset_get(&e->photo_index, src, &i))
		return &e->photos[i];
	e->photos = xrealloc(e->photos, (e->nphotos + 1) * sizeof(*e->photos));
	struct photo *p = &e->photos[e->nphotos];
	memset(p, 0, sizeof(*p));
	p->src = xstrdup(src);
	strset_add(&e->photo_index, src, e->nphotos++);
	/* The same photo under several names is stored and converted once. */
	{
		char *bytes, hex[65], *key;
		size_t len, first;
		uint64_t size;
		unsigned char digest[32];
		if (archive_photo_digest(e->ar, src, digest, &size, &why) != 0) {
			p->why = why ? why : "?";
			msg_warn(label, line, "image unusable (%s): %s", p->why, src);
			return p;
		}
		hex32(digest, hex);
		key = xasprintf("sha256:%s", hex);
		if (strset_get(&e->photo_index, key, &first)) {
			const struct photo *q = &e->photos[first];
			p->name = q->name ? xstrdup(q->name) : NULL;
			p->type = q->type;
			p->width = q->width;
			p->height = q->height;
			p->dup = 1;
			p->why = q->why;
			/* The same bytes under another name are as unusable, and said so. */
			if (p->name == NULL)
				msg_warn(label, line, "image unusable (%s): %s",
				    p->why ? p->why : "?", src);
			free(key);
			return p;
		}
		strset_add(&e->photo_index, key, e->nphotos - 1);
		free(key);
		rc = epub_photos_take(e, src, max, e->opt->keep_meta, &d, &why);
		if (rc != 0) {
			rc = rc < 0 ? -1 : 0;
		} else if (archive_photo_read(e->ar, src, &bytes, &len, &why) != 0) {
			/* Read only for a photo not seen before: its digest came from the archive's
			 * store. */
			rc = -1;
		} else {
			rc = image_for_epub_mem((const unsigned char *)bytes, len, max,
			    e->opt->keep_meta, &d, &why);
			free(bytes);
		}
	}
	if (rc != 0) {
		/* Reported once per photo, where it is first used. */
		p->why = why ? why : "?";
		msg_warn(label, line, "image unusable (%s): %s", p->why, src);
		return p;
	}
	p->type = d.type;
	p->width = d.width;
	p->height = d.height;
	p->name = xasprintf("images/i%04zu.%s", e->nphotos, image_extension(d.type));
	{
		char *zname = xasprintf("OEBPS/%s", p->name);
		spool(e, zname, d.data, d.len, 1);
		free(zname);
	}
	image_data_free(&d);
	return p;
}

const struct photo *
epub_photo_add(struct epub *e, const char *src, const struct image_data *d, const char *name)
{
	struct photo *p;

	e->photos = xrealloc(e->photos, (e->nphotos + 1) * sizeof(*e->photos));
	p = &e->photos[e->nphotos];
	memset(p, 0, sizeof(*p));
	p->src = xstrdup(src);
	strset_add(&e->photo_index, src, e->nphotos++);
	p->type = d->type;
	p->width = d->width;
	p->height = d->height;
	p->name = xasprintf("images/%s.%s", name, image_extension(d->type));
	{
		char *zname = xasprintf("OEBPS/%s", p->name);
		spool(e, zname, d->data, d->len, 1);
		free(zname);
	}
	return p;
}

static void
photos_free(struct epub *e)
{
	for (size_t i = 0; i < e->nphotos; i++) {
		free(e->photos[i].src);
		free(e->photos[i].name);
	}
	free(e->photos);
	strset_free(&e->photo_index);
}

int
epub_article(void *ctx, const struct article *a, const struct node *root)
{
	struct epub *e = ctx;

	epub_xhtml_article(e, a, root);
	return e->failed ? -1 : 0;
}

/* Closes the spool, which has no name left: the system frees its blocks. */
static void
cleanup(struct epub *e)
{
	if (e->spoolfd >= 0)
		close(e->spoolfd);
	free(e->spool);
	e->spoolfd = -1;
	e->spool = NULL;
}

/* Starts an EPUB, or with kobo a kepub, as epub_new says. */
static void *
start(const struct options *opt, const struct archive *ar, const struct toc *toc,
      const char *dest, int kobo)
{
	struct epub *e = xcalloc(1, sizeof(*e));
	const char *tmpbase = getenv("TMPDIR");
	int year = ar->date.year < 1980 ? 1980 : ar->date.year > 2107 ? 2107 : ar->date.year;

	e->ar = ar;
	e->toc = toc;
	e->st = opt->style;
	e->opt = opt;
	e->kobo = kobo;
	e->chars = xcalloc(0x110000 / 8, 1);
	e->spoolfd = -1;
	e->dosdate = (unsigned short)(((year - 1980) << 9) | (ar->date.month << 5) | ar->date.day);
	e->dostime = 0;
	e->spool = xasprintf("%s/quire-XXXXXX", tmpbase && *tmpbase ? tmpbase : "/tmp");
	/* The spool is removed as soon as it is open: the archive may be confidential, and a
	 * killed run must not leave its text behind. */
	if ((e->spoolfd = mkstemp(e->spool)) < 0 || unlink(e->spool) != 0) {
		msg_error(e->spool, 0, "cannot create temporary file: %s", strerror(errno));
		goto fail;
	}
	if (outfile_open(&e->out, dest) != 0)
		goto fail;
	if ((e->zip = zipout_open(e->out.tmp, dest)) == NULL)
		goto fail;
	add_bytes(e, "mimetype", "application/epub+zip", 20, 1);
	add_bytes(e, "META-INF/container.xml", container_xml, sizeof(container_xml) - 1, 0);
	epub_photos_start(e, opt->jobs > 0 ? opt->jobs : workers_cores(),
	    opt->image_max_px ? opt->image_max_px : opt->style->image_max_px, opt->keep_meta);
	if (!opt->no_cover)
		epub_covers(e);
	epub_title_page(e);
	epub_nav(e);
	epub_ncx(e);
	if (e->failed)
		goto fail;
	return e;
fail:
	epub_free(e);
	return NULL;
}

void *
epub_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
         const char *dest)
{
	return start(opt, ar, toc, dest, 0);
}

void *
kepub_new(const struct options *opt, const struct archive *ar, const struct toc *toc,
          const char *dest)
{
	return start(opt, ar, toc, dest, 1);
}

int
epub_finish(void *ctx)
{
	struct epub *e = ctx;
	const struct photo *cover = e->cover;
	char *css;

	epub_photos_free(e); /* every photo is stored: the threads can go */

	/* The cover pointer may have moved as photos were added: find it again. */
	if (cover) {
		size_t ci;
		strset_get(&e->photo_index, e->cover_src, &ci);
		cover = &e->photos[ci];
	}
	/* The stylesheet and the fonts come last: they depend on what the pages showed. */
	epub_fonts(e);
	css = epub_css(e->st, e->fonts, e->nfonts, e->arabic, e->kobo);
	add_bytes(e, "OEBPS/style.css", css, strlen(css), 0);
	free(css);
	epub_opf(e, cover);
	if (e->failed)
		return -1;
	if (zip_close(e->zip) != 0) {
		msg_error(e->out.dest, 0, "cannot write: %s", zip_strerror(e->zip));
		e->failed = 1;
		return -1;
	}
	e->zip = NULL;
	if (outfile_commit(&e->out) != 0) {
		e->failed = 1;
		return -1;
	}
	return 0;
}

void
epub_free(void *ctx)
{
	struct epub *e = ctx;

	if (e == NULL)
		return;
	if (e->zip)
		zip_discard(e->zip);
	outfile_abort(&e->out);
	epub_photos_free(e);
	photos_free(e);
	epub_fonts_free(e);
	cleanup(e);
	free(e);
}
