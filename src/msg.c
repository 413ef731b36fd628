/* Messages about the input: warnings and errors, counted so the exit status can say how bad it was. */
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>

#include "msg.h"
#include "util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static enum msg_level worst;
static int mute;
static int notes;               /* print notes (--check) */
static unsigned warnings;       /* warnings reported, printed or not */
static char *status;            /* the status line shown under the messages, or NULL */

static void
vmsg(enum msg_level level, const char *file, unsigned line, const char *fmt, va_list ap)
{
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
