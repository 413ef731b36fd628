/* Output files written under a temporary name beside their destination, renamed when complete. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "outfile.h"
#include "util.h"

/* Tries with this many names before giving up (another run's leftovers may hold some). */
#define MAX_TRIES 1000

/* The temporaries open now, for the signal handler, which may only read them. A slot's name is
 * written completely before the slot is marked used, and the slot is marked free before the
 * name is freed; a run writes a handful of outputs at once at most. */
#define MAX_OPEN 64
static char *volatile open_names[MAX_OPEN];
static volatile sig_atomic_t open_used[MAX_OPEN];

/* Remembers name (owned by the caller until forget) for the signal handler. */
static void
remember(char *name)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (!open_used[i]) {
			open_names[i] = name;
			open_used[i] = 1;
			return;
		}
}

static void
forget(const char *name)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_used[i] && open_names[i] == name) {
			open_used[i] = 0;
			open_names[i] = NULL;
		}
}

/* Removes every temporary still open, then dies of the signal as if there were no handler.
 * Only async-signal-safe calls. */
static void
on_signal(int sig)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_used[i] && open_names[i])
			unlink(open_names[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
outfile_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		/* A signal ignored by whoever started quire (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* Removes the temporaries "BASE.tmp-quire-PID-N" (and a library's own "....XXXXXX" beside
 * them) in dest's folder left by runs that were killed: those whose PID is not running. */
static void
remove_leftovers(const char *dest)
{
	char *dir = path_dir(dest);
	const char *base = strrchr(dest, '/') ? strrchr(dest, '/') + 1 : dest;
	char *prefix = xasprintf("%s.tmp-quire-", base);
	size_t plen = strlen(prefix);
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char *end;
		long pid;
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		errno = 0;
		pid = strtol(de->d_name + plen, &end, 10);
		if (errno || pid <= 0 || *end != '-' || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == -1 && errno == ESRCH) {
			char *path = *dir ? xasprintf("%s/%s", dir, de->d_name) : xstrdup(de->d_name);
			unlink(path);
			free(path);
		}
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

int
outfile_open(struct outfile *o, const char *dest)
{
	struct stat st;
	int fd = -1;

	memset(o, 0, sizeof(*o));
	remove_leftovers(dest);
	for (unsigned i = 0; i < MAX_TRIES && fd < 0; i++) {
		free(o->tmp);
		o->tmp = xasprintf("%s.tmp-quire-%ld-%u", dest, (long)getpid(), i);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		char *dir = path_dir(dest);
		int err = errno;
		struct stat ds;
		if (err == ENOENT && stat(*dir ? dir : ".", &ds) != 0)
			msg_error(dest, 0, "folder '%s' does not exist", *dir ? dir : ".");
		else if (err == ENOENT || err == ENOTDIR)
			msg_error(dest, 0, "'%s' is not a folder", *dir ? dir : ".");
		else
			msg_error(dest, 0, "cannot create a file in folder '%s': %s", *dir ? dir : ".",
			    strerror(err));
		free(dir);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	remember(o->tmp);
	/* The kernel applied the umask: read the result rather than change the umask to learn it. */
	o->mode = fstat(fd, &st) == 0 ? st.st_mode & 07777 : 0644;
	close(fd);
	o->dest = xstrdup(dest);
	return 0;
}

int
outfile_commit(struct outfile *o)
{
	int rc = 0, fd, err = 0;

	/* The bytes must be on the disk before the name is: a full disk or a failing device shows
	 * here at the latest, and the previous output is kept. */
	if ((fd = open(o->tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0)
		err = errno;
	if (fd >= 0 && close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && (chmod(o->tmp, o->mode) != 0 || rename(o->tmp, o->dest) != 0))
		err = errno;
	if (err) {
		msg_error(o->dest, 0, "cannot write: %s", strerror(err));
		unlink(o->tmp);
		rc = -1;
	}
	forget(o->tmp);
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
	return rc;
}

void
outfile_abort(struct outfile *o)
{
	if (o->tmp) {
		unlink(o->tmp);
		forget(o->tmp);
	}
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
}
