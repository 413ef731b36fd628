/* Output files written under a temporary name beside their destination, renamed when complete. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "outfile.h"
#include "util.h"

/* Tries with this many names before giving up (another run's leftovers may hold some). */
#define MAX_TRIES 1000

int
outfile_open(struct outfile *o, const char *dest)
{
	struct stat st;
	int fd = -1;

	memset(o, 0, sizeof(*o));
	for (unsigned i = 0; i < MAX_TRIES && fd < 0; i++) {
		free(o->tmp);
		o->tmp = xasprintf("%s.tmp-quire-%ld-%u", dest, (long)getpid(), i);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		char *dir = path_dir(dest);
		msg_error(dest, 0, "cannot create a file in folder '%s': %s", *dir ? dir : ".",
		    strerror(errno));
		free(dir);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* The kernel applied the umask: read the result rather than change the umask to learn it. */
	o->mode = fstat(fd, &st) == 0 ? st.st_mode & 07777 : 0644;
	close(fd);
	o->dest = xstrdup(dest);
	return 0;
}

int
outfile_commit(struct outfile *o)
{
	int rc = 0;

	if (chmod(o->tmp, o->mode) != 0 || rename(o->tmp, o->dest) != 0) {
		msg_error(o->dest, 0, "cannot write: %s", strerror(errno));
		unlink(o->tmp);
		rc = -1;
	}
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
	return rc;
}

void
outfile_abort(struct outfile *o)
{
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
}
