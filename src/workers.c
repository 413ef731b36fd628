/* Worker threads for the driver: items prepared on N threads, taken back in the order given. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"
#include "workers.h"

enum { QUEUED = 0, RUNNING, DONE };

struct slot {
	void *item;
	int state;
};

struct worker {
	struct workers *w;
	int index;
	pthread_t tid;
};

struct workers {
	workers_fn fn;
	void *arg;
	struct slot *ring;      /* window slots; items head, head + 1, ... tail - 1 in flight */
	size_t window;
	size_t head, next, tail; /* oldest not taken; oldest not started; next free */
	int quit;
	pthread_mutex_t lock;
	pthread_cond_t work;    /* an item is queued, or quit */
	pthread_cond_t done;    /* an item is prepared */
	struct worker *threads;
	int nthreads;
};

static void *
run(void *p)
{
	struct worker *self = p;
	struct workers *w = self->w;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->quit && w->next == w->tail)
			pthread_cond_wait(&w->work, &w->lock);
		if (w->next == w->tail)
			break;
		struct slot *s = &w->ring[w->next++ % w->window];
		s->state = RUNNING;
		pthread_mutex_unlock(&w->lock);
		w->fn(w->arg, self->index, s->item);
		pthread_mutex_lock(&w->lock);
		s->state = DONE;
		pthread_cond_broadcast(&w->done);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct workers *
workers_new(int n, size_t window, workers_fn fn, void *arg)
{
	struct workers *w = xcalloc(1, sizeof(*w));

	w->fn = fn;
	w->arg = arg;
	w->window = window ? window : 1;
	w->ring = xcalloc(w->window, sizeof(*w->ring));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->done, NULL);
	w->threads = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*w->threads));
	for (int i = 0; i < n; i++) {
		w->threads[i].w = w;
		w->threads[i].index = i;
		int e = pthread_create(&w->threads[i].tid, NULL, run, &w->threads[i]);
		if (e != 0) {
			msg_error(NULL, 0, "cannot start a thread: %s", strerror(e));
			workers_free(w);
			return NULL;
		}
		w->nthreads++;
		/* Named, for profilers and debuggers. */
		pthread_setname_np(w->threads[i].tid, "quire-worker");
	}
	return w;
}

int
workers_room(const struct workers *w)
{
	return w->tail - w->head < w->window;
}

void
workers_put(struct workers *w, void *item)
{
	pthread_mutex_lock(&w->lock);
	if (w->tail - w->head >= w->window)
		abort();
	w->ring[w->tail % w->window] = (struct slot){item, QUEUED};
	w->tail++;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
}

void *
workers_take(struct workers *w)
{
	struct slot *s;
	void *item;

	pthread_mutex_lock(&w->lock);
	if (w->head == w->tail) {
		pthread_mutex_unlock(&w->lock);
		return NULL;
	}
	s = &w->ring[w->head % w->window];
	while (s->state != DONE) {
		/* Rather than wait, the caller prepares the oldest item no thread has started (as
		 * thread nthreads): the oldest item itself when the threads are busy or there are
		 * none, else one after it, which it takes later. */
		if (w->next != w->tail) {
			struct slot *q = &w->ring[w->next++ % w->window];
			q->state = RUNNING;
			pthread_mutex_unlock(&w->lock);
			w->fn(w->arg, w->nthreads, q->item);
			pthread_mutex_lock(&w->lock);
			q->state = DONE;
			continue;
		}
		pthread_cond_wait(&w->done, &w->lock);
	}
	item = s->item;
	w->head++;
	pthread_mutex_unlock(&w->lock);
	return item;
}

void
workers_free(struct workers *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->quit = 1;
	pthread_cond_broadcast(&w->work);
	pthread_mutex_unlock(&w->lock);
	for (int i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i].tid, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->done);
	free(w->threads);
	free(w->ring);
	free(w);
}

int
workers_cores(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

void
side_job_start(struct side_job *j, void *(*fn)(void *), void *arg, int thread,
               const char *name)
{
	j->running = 0;
	if (thread && pthread_create(&j->tid, NULL, fn, arg) == 0) {
		j->running = 1;
		/* Named, for profilers and debuggers. */
		pthread_setname_np(j->tid, name);
		return;
	}
	fn(arg);
}

void
side_job_wait(struct side_job *j)
{
	if (j->running) {
		pthread_join(j->tid, NULL);
		j->running = 0;
	}
}
