/* Output files written under a temporary name beside their destination, renamed when complete. */
#ifndef QUIRE_OUTFILE_H
#define QUIRE_OUTFILE_H

#include <sys/types.h>

/* One output being written. The temporary is "DEST.tmp-quire-PID-N" in DEST's folder, so that
 * the rename is atomic and never crosses file systems. */
struct outfile {
	char *dest;             /* the destination, as given */
	char *tmp;              /* the temporary's name, or NULL when none is open */
	mode_t mode;            /* the mode the system gave the temporary (0666 less the umask) */
};

/*
 * Creates an empty temporary file beside dest. It is created with mode 0666 less the umask, as
 * any program's output is, and never replaces an existing file. Temporaries of dest left by
 * killed runs (their PID no longer running) are removed first. Returns 0, or -1 after an error
 * message naming the folder. Finish with outfile_commit or outfile_abort.
 */
int outfile_open(struct outfile *o, const char *dest);

/* Flushes the temporary to the disk (fsync) and renames it over the destination, after giving
 * it back its mode (a library such as
 * libzip may have replaced the file by then). Returns 0, or -1 after an error message, the
 * temporary removed and the destination untouched. Frees what o holds either way. */
int outfile_commit(struct outfile *o);

/* Removes the temporary, if any, and frees what o holds. Accepts an o never opened (zeroed). */
void outfile_abort(struct outfile *o);

/* Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every temporary still open, then
 * re-raise the signal. Call once, before the first outfile_open. */
void outfile_signals(void);

#endif
