/* Messages about the input: warnings and errors, counted so the exit status can say how bad it was. */
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static enum msg_level worst;
static int mute;
static int notes;               /* print notes (--check) */
static unsigned warnings;       /* warnings reported, printed or not */
static char *status;            /* the status line shown under the messages, or NULL */
/* The calling thread's capture buffer (msg_capture), or NULL: the one per-thread state of
 * quire, so that code set on a worker thread reports through the same calls. */
static _Thread_local struct buf *capture;

/* Prints one message that is already formatted (text: after "quire: ", without the newline)
 * and records its level. */
static void
emit(enum msg_level level, const char *text)
{
	pthread_mutex_lock(&lock);
	if (level > worst)
		worst = level;
	warnings += level == MSG_WARNING;
	if (mute && level == MSG_WARNING) {
		pthread_mutex_unlock(&lock);
		return;
	}
	if (status)
		fputs("\r\033[K", stderr);
	fputs("quire: ", stderr);
	fputs(text, stderr);
	fputc('\n', stderr);
	if (status)
		fputs(status, stderr);
	pthread_mutex_unlock(&lock);
}

/* Captures one message: its level, its key ("" for none), its text, each ended by a NUL. */
static void
keep(struct buf *b, enum msg_level level, const char *key, const char *file, unsigned line,
     const char *fmt, va_list ap)
{
	buf_putc(b, level == MSG_ERROR ? 'E' : 'W');
	buf_puts(b, key ? key : "");
	buf_putc(b, '\0');
	if (file != NULL) {
		if (line > 0)
			buf_printf(b, "%s:%u: ", file, line);
		else
			buf_printf(b, "%s: ", file);
	}
	buf_puts(b, level == MSG_ERROR ? "error: " : "warning: ");
	buf_vprintf(b, fmt, ap);
	buf_putc(b, '\0');
}

static void
vmsg(enum msg_level level, const char *file, unsigned line, const char *fmt, va_list ap)
{
	if (capture) {
		keep(capture, level, NULL, file, line, fmt, ap);
		return;
	}
	pthread_mutex_lock(&lock);
	if (level > worst)
		worst = level;
	warnings += level == MSG_WARNING;
	if ((mute && level == MSG_WARNING) || (level == MSG_OK && !notes)) {
		pthread_mutex_unlock(&lock);
		return;
	}
	if (status)
		fputs("\r\033[K", stderr);
	fputs("quire: ", stderr);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%u: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	fputs(level == MSG_ERROR ? "error: " : level == MSG_WARNING ? "warning: " : "note: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (status)
		fputs(status, stderr);
	pthread_mutex_unlock(&lock);
}

void
msg_warn(const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_WARNING, file, line, fmt, ap);
	va_end(ap);
}

void
msg_warn_once(const char *key, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	struct buf b = {0};

	va_start(ap, fmt);
	if (capture)
		keep(capture, MSG_WARNING, key, file, line, fmt, ap);
	else {
		keep(&b, MSG_WARNING, key, file, line, fmt, ap);
		msg_replay(&b, NULL);
	}
	va_end(ap);
	buf_free(&b);
}

void
msg_capture(struct buf *b)
{
	capture = b;
}

void
msg_replay(const struct buf *b, struct strset *once)
{
	const char *s = b->data, *end = b->data + b->len;

	while (s && s < end) {
		enum msg_level level = s[0] == 'E' ? MSG_ERROR : MSG_WARNING;
		const char *key = s + 1;
		const char *text = key + strlen(key) + 1;
		s = text + strlen(text) + 1;
		if (*key && once && !strset_add(once, key, 0))
			continue;
		emit(level, text);
	}
}

void
msg_note(const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_OK, file, line, fmt, ap);
	va_end(ap);
}

void
msg_notes(int on)
{
	pthread_mutex_lock(&lock);
	notes = on;
	pthread_mutex_unlock(&lock);
}

void
msg_error(const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(MSG_ERROR, file, line, fmt, ap);
	va_end(ap);
}

enum msg_level
msg_worst(void)
{
	return worst;
}

void
msg_mute(int m)
{
	pthread_mutex_lock(&lock);
	mute = m;
	pthread_mutex_unlock(&lock);
}

unsigned
msg_warnings(void)
{
	unsigned n;

	pthread_mutex_lock(&lock);
	n = warnings;
	pthread_mutex_unlock(&lock);
	return n;
}

void
msg_status(const char *line)
{
	pthread_mutex_lock(&lock);
	if (line) {
		free(status);
		status = xstrdup(line);
		fputs("\r", stderr);
		fputs(status, stderr);
		fputs("\033[K", stderr);
	} else if (status) {
		fputs("\r\033[K", stderr);
		free(status);
		status = NULL;
	}
	fflush(stderr);
	pthread_mutex_unlock(&lock);
}
