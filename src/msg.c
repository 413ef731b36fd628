/* Messages about the input: warnings and errors, counted so the exit status can say how bad it was. */
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>

#include "msg.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static enum msg_level worst;
static int mute;

static void
vmsg(enum msg_level level, const char *file, unsigned line, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&lock);
	if (level > worst)
		worst = level;
	if (mute && level == MSG_WARNING) {
		pthread_mutex_unlock(&lock);
		return;
	}
	fputs("quire: ", stderr);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%u: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	fputs(level == MSG_ERROR ? "error: " : "warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
