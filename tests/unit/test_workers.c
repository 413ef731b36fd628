/* Unit tests for the worker threads: items come back in the order put, each prepared once, and
 * the thread that takes them prepares items itself rather than wait. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "workers.h"

struct item {
	int index;
	int thread;             /* the thread that prepared it */
	int times;              /* how many times it was prepared */
};

struct shared {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int by_taker;           /* items prepared by the taking thread */
	int nthreads;
	int total;
	int timed_out;
};

/* A worker thread holds its item until the taking thread has prepared every other item (or
 * 5 s have gone): only a taker that prepares items itself gets past it. */
static void
prepare(void *arg, int thread, void *p)
{
	struct shared *sh = arg;
	struct item *it = p;

	pthread_mutex_lock(&sh->lock);
	it->thread = thread;
	it->times++;
	if (thread == sh->nthreads) {
		sh->by_taker++;
		pthread_cond_broadcast(&sh->changed);
	} else {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 5;
		while (sh->by_taker < sh->total - 1 && !sh->timed_out)
			if (pthread_cond_timedwait(&sh->changed, &sh->lock, &until) != 0)
				sh->timed_out = 1;
	}
	pthread_mutex_unlock(&sh->lock);
}

static void
taker_prepares(void **state)
{
	enum { N = 4 };
	struct shared sh = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 1, N, 0};
	struct item items[N] = {{0}};
	struct workers *w = workers_new(1, N, prepare, &sh);

	assert_non_null(w);
	for (int i = 0; i < N; i++) {
		items[i].index = i;
		assert_true(workers_room(w));
		workers_put(w, &items[i]);
	}
	assert_false(workers_room(w));
	for (int i = 0; i < N; i++) {
		struct item *it = workers_take(w);
		assert_non_null(it);
		assert_int_equal(it->index, i);
		assert_int_equal(it->times, 1);
		assert_true(it->thread == 0 || it->thread == 1);
	}
	assert_null(workers_take(w));
	workers_free(w);
	assert_false(sh.timed_out);
	assert_true(sh.by_taker >= N - 1);
}

/* Many items through a small window and several threads: in order, each once. */
static void
order(void **state)
{
	enum { N = 500 };
	struct shared sh = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 3, 0, 0};
	struct item *items = calloc(N, sizeof(*items));
	struct workers *w = workers_new(3, 6, prepare, &sh);
	int put = 0;

	/* total 0: no worker waits. */
	assert_non_null(w);
	for (int k = 0; k < N; k++) {
		for (; put < N && workers_room(w); put++) {
			items[put].index = put;
			workers_put(w, &items[put]);
		}
		struct item *it = workers_take(w);
		assert_non_null(it);
		assert_int_equal(it->index, k);
		assert_int_equal(it->times, 1);
		assert_true(it->thread >= 0 && it->thread <= 3);
	}
	assert_null(workers_take(w));
	workers_free(w);
	free(items);
}

/* No threads: the taker prepares every item, as thread 0. */
static void
no_threads(void **state)
{
	struct shared sh = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 2, 0};
	struct item items[2] = {{0, -1, 0}, {1, -1, 0}};
	struct workers *w = workers_new(0, 2, prepare, &sh);

	workers_put(w, &items[0]);
	workers_put(w, &items[1]);
	assert_ptr_equal(workers_take(w), &items[0]);
	assert_ptr_equal(workers_take(w), &items[1]);
	assert_int_equal(items[0].thread, 0);
	assert_int_equal(items[1].thread, 0);
	assert_int_equal(sh.by_taker, 2);
	workers_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(taker_prepares),
		cmocka_unit_test(order),
		cmocka_unit_test(no_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
