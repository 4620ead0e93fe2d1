/* Times one entry point tlc compiled: fills the inputs with deterministic
 * values in [-1, 1], warms up for 200 ms, then reports the median of at
 * least [repeats] runs and 20 ms of runs, in milliseconds, on stdout. Built per workload with
 *   cc -O2 -DTLC_HEADER='"w.h"' -DTLC_BASE=w harness.c w.o -lm
 * Usage: harness [repeats]; TLC_BENCH_DENSITY sets the density of Boolean
 * inputs, OMP_NUM_THREADS the threads of threaded code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include TLC_HEADER

#include "bench_alloc.h"
#include "tlc_entry.h"

/* Booleans are true with this probability (TLC_BENCH_DENSITY, default 0.05). */
static double density = 0.05;

/* The least time the timed runs take together (ms). */
static const double kMinTimedMs = 20;

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 20;
  if (getenv("TLC_BENCH_DENSITY"))
    density = atof(getenv("TLC_BENCH_DENSITY"));
  const int numIn = NUM_INPUTS, numOut = NUM_OUTPUTS;
  void *args[64];
  for (int i = 0; i < numIn; ++i) {
    args[i] = bench_alloc(INPUTS[i].size_bytes);
    tlc_fill(args[i], &INPUTS[i], 17u * (i + 1), density);
  }
  for (int i = 0; i < numOut; ++i)
    args[numIn + i] = bench_alloc(OUTPUTS[i].size_bytes);
  size_t ws = WORKSPACE_SIZE();
  args[numIn + numOut] = ws ? bench_alloc(ws) : NULL;
  if (RUN_PACKED(args) != 0)
    return 1;
  /* Warm up for 200 ms: OpenMP's worker threads and the second core take
   * that long to reach steady speed (the first few threaded runs were up
   * to 6x slower). */
  for (double start = tlc_now_ms(); tlc_now_ms() - start < 200;)
    RUN_PACKED(args);
  /* At least `repeats` runs and at least 20 ms of them, as bench/peers
   * times the peers: a 30 us run then gets 600 samples, not 20. */
  int n = 0, capacity = repeats > 64 ? repeats : 64;
  double *t = malloc(sizeof(double) * capacity);
  if (!t) {
    fprintf(stderr, "harness: out of memory\n");
    return 1;
  }
  for (double begin = tlc_now_ms();
       n < repeats || tlc_now_ms() - begin < kMinTimedMs; ++n) {
    if (n == capacity) {
      t = realloc(t, sizeof(double) * (capacity *= 2));
      if (!t) {
        fprintf(stderr, "harness: out of memory\n");
        return 1;
      }
    }
    double start = tlc_now_ms();
    RUN_PACKED(args);
    t[n] = tlc_now_ms() - start;
  }
  qsort(t, n, sizeof(double), tlc_compare_doubles);
  /* 10 ns resolution: a 30 us run printed to 1 us moved its ratio by 3%. */
  printf("%.5f\n", t[n / 2]);
  return 0;
}
