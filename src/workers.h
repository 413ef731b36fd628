/* Worker threads for the driver: items prepared on N threads, taken back in the order given. */
#ifndef QUIRE_WORKERS_H
#define QUIRE_WORKERS_H

#include <pthread.h>
#include <stddef.h>

/* Prepares item on worker thread number thread (0 to n - 1), or on the thread that takes the
 * items (thread n). */
typedef void (*workers_fn)(void *arg, int thread, void *item);

struct workers;

/* Starts n threads calling fn(arg, thread, item) for the items put, at most window of them
 * in flight (put and not yet taken). The caller of workers_take is one more: rather than wait,
 * it prepares items no thread has started, as thread n. n 0 starts none: workers_take
 * prepares each item on the caller's thread, as thread 0. Returns NULL after an error
 * message. */
struct workers *workers_new(int n, size_t window, workers_fn fn, void *arg);

/* Returns 1 when another item can be put without going over the window. */
int workers_room(const struct workers *w);

/* Queues item (the caller's) to be prepared. There must be room. */
void workers_put(struct workers *w, void *item);

/* Waits until the oldest item not taken is prepared, preparing items itself meanwhile (see
 * workers_new), and returns it; NULL when none is in flight. */
void *workers_take(struct workers *w);

/* Stops and joins the threads once the items in flight are prepared (they are not taken:
 * take them first). Accepts NULL. */
void workers_free(struct workers *w);

/* One piece of work beside the caller's: fn(arg) on a thread of its own, named name, when
 * thread is nonzero and a thread can be started, else at once on the caller's. */
struct side_job {
	pthread_t tid;
	int running;            /* the thread is to be joined */
};

void side_job_start(struct side_job *j, void *(*fn)(void *), void *arg, int thread,
                    const char *name);

/* Waits for the work to be done (at once when it ran on the caller's thread, or was
 * waited for already). */
void side_job_wait(struct side_job *j);

/* Returns the number of processors this process may run on (at least 1). */
int workers_cores(void);

#endif
