/* Times one entry point tlc compiled: fills the inputs with deterministic
 * values in [-1, 1], warms up for 200 ms, then reports the median of
 * repeated runs in milliseconds on stdout. Built per workload with
 *   cc -O2 -DTLC_HEADER='"w.h"' -DTLC_BASE=w harness.c w.o -lm
 * Usage: harness [repeats]; TLC_BENCH_DENSITY sets the density of Boolean
 * inputs, OMP_NUM_THREADS the threads of threaded code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include TLC_HEADER

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define INPUTS CAT(TLC_BASE, _inputs)
#define OUTPUTS CAT(TLC_BASE, _outputs)
#define RUN_PACKED CAT(TLC_BASE, _run_packed)
#define WORKSPACE_SIZE CAT(TLC_BASE, _workspace_size)

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Booleans are true with this probability (TLC_BENCH_DENSITY, default 0.05). */
static double density = 0.05;

static void fill(void *data, const tlc_tensor_info *info, unsigned seed) {
  for (int64_t i = 0; i < info->num_elements; ++i) {
    seed = seed * 1664525u + 1013904223u;
    double v = (seed >> 8) / (double)(1u << 24) * 2 - 1;
    switch (info->dtype) {
    case TLC_DTYPE_F32: ((float *)data)[i] = (float)v; break;
    case TLC_DTYPE_F64: ((double *)data)[i] = v; break;
    case TLC_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)(v * 8); break;
    case TLC_DTYPE_I64: ((int64_t *)data)[i] = (int64_t)(v * 8); break;
    default: ((uint8_t *)data)[i] = (v + 1) / 2 < density; break;
    }
  }
}

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 20;
  if (getenv("TLC_BENCH_DENSITY"))
    density = atof(getenv("TLC_BENCH_DENSITY"));
  const int numIn = sizeof(INPUTS) / sizeof(INPUTS[0]);
  const int numOut = sizeof(OUTPUTS) / sizeof(OUTPUTS[0]);
  void *args[64];
  for (int i = 0; i < numIn; ++i) {
    args[i] = malloc(INPUTS[i].size_bytes + 64);
    fill(args[i], &INPUTS[i], 17u * (i + 1));
  }
  for (int i = 0; i < numOut; ++i)
    args[numIn + i] = malloc(OUTPUTS[i].size_bytes + 64);
  size_t ws = WORKSPACE_SIZE();
  args[numIn + numOut] = ws ? malloc(ws) : NULL;
  if (RUN_PACKED(args) != 0)
    return 1;
  /* Warm up for 200 ms: OpenMP's worker threads and the second core take
   * that long to reach steady speed (the first few threaded runs were up
   * to 6x slower). */
  for (double start = now_ms(); now_ms() - start < 200;)
    RUN_PACKED(args);
  double *t = malloc(sizeof(double) * repeats);
  for (int r = 0; r < repeats; ++r) {
    double start = now_ms();
    RUN_PACKED(args);
    t[r] = now_ms() - start;
  }
  qsort(t, repeats, sizeof(double), cmp);
  printf("%.3f\n", t[repeats / 2]);
  return 0;
}
