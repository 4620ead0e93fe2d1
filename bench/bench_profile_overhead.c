/* The cost of one profiled kernel call: tlrt_profile_begin + end around an
 * empty kernel, N times (default 1M), on 1 and 2 threads at once. Prints
 * nanoseconds per call (a begin/end pair: one timeline event).
 *   cc -O2 -I runtime/include bench/bench_profile_overhead.c \
 *      -Lbuild/lib -ltlrt -Wl,-rpath,build/lib -lpthread -o overhead
 *   ./overhead [N] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tlrt.h"

static long calls = 1000000;

static double nowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void *work(void *arg) {
  tlrt_op_info *op = arg;
  for (long i = 0; i < calls; ++i) {
    tlrt_profile_begin(op);
    tlrt_profile_end(op);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1)
    calls = atol(argv[1]);
  tlrt_op_info ops[2] = {{0, "a", "bench:1:1", 0, 0, 0},
                         {1, "b", "bench:2:1", 0, 0, 0}};
  for (int threads = 1; threads <= 2; ++threads) {
    tlrt_profile_reset();
    pthread_t t[2];
    double start = nowNs();
    for (int i = 0; i < threads; ++i)
      pthread_create(&t[i], NULL, work, &ops[i]);
    for (int i = 0; i < threads; ++i)
      pthread_join(t[i], NULL);
    double ns = (nowNs() - start) / calls; /* per call on each thread */
    printf("%d thread(s): %.1f ns per profiled call (%lld events)\n", threads,
           ns, (long long)tlrt_profile_num_events());
  }
  return 0;
}
