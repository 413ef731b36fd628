/* An LD_PRELOAD shim for tests/hostile.sh: write, pwrite, fwrite and fputs to a file whose path holds
 * $SHIM_MATCH fail with ENOSPC once $SHIM_BYTES bytes have been written to such files. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long written;

/* Returns 1 when a write of n bytes to fd must fail, counting it otherwise. */
static int
full(int fd, size_t n)
{
	const char *match = getenv("SHIM_MATCH"), *limit = getenv("SHIM_BYTES");
	char link[64], path[4096];
	ssize_t len;

	if (fd <= 2 || match == NULL || limit == NULL)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((len = readlink(link, path, sizeof(path) - 1)) < 0)
		return 0;
	path[len] = '\0';
	if (strstr(path, match) == NULL)
		return 0;
	if (written + (long long)n > atoll(limit)) {
		errno = ENOSPC;
		return 1;
	}
	written += (long long)n;
	return 0;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return full(fd, n) ? -1 : real(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	return full(fd, n) ? -1 : real(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite(fd, buf, n, off);
}

size_t
fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	static size_t (*real)(const void *, size_t, size_t, FILE *);
	if (!real)
		real = (size_t (*)(const void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fwrite");
	return full(fileno(f), size * n) ? 0 : real(buf, size, n, f);
}

int
fputs(const char *s, FILE *f)
{
	static int (*real)(const char *, FILE *);
	if (!real)
		real = (int (*)(const char *, FILE *))dlsym(RTLD_NEXT, "fputs");
	return full(fileno(f), strlen(s)) ? EOF : real(s, f);
}
