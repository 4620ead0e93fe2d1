/* NAME_run_batch against calling NAME_run N times: N independent requests
 * (distinct inputs and outputs, one workspace slice each), median of
 * [repeats] runs after a warm-up, in ms, for both ways.
 *   cc -O2 -DTLC_HEADER='"w.h"' -DTLC_BASE=w -Iruntime/include \
 *      batch_harness.c w.o -ltlrt -lomp -lm
 *   batch_harness loop|batch N [repeats]
 * The two ways run in separate processes: after a threaded NAME_run, LLVM's
 * OpenMP workers spin for a while (KMP_BLOCKTIME) and would slow down the
 * batch's threads if it ran next. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tlrt.h"
#include TLC_HEADER

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define INPUTS CAT(TLC_BASE, _inputs)
#define OUTPUTS CAT(TLC_BASE, _outputs)
#define RUN_PACKED CAT(TLC_BASE, _run_packed)
#define RUN_BATCH CAT(TLC_BASE, _run_batch)
#define WORKSPACE_SIZE CAT(TLC_BASE, _workspace_size)
#define NIN ((int)(sizeof(INPUTS) / sizeof(INPUTS[0])))
#define NOUT ((int)(sizeof(OUTPUTS) / sizeof(OUTPUTS[0])))

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int batchMode = argc > 1 && argv[1][0] == 'b';
  int64_t n = argc > 2 ? atoll(argv[2]) : 64;
  int repeats = argc > 3 ? atoi(argv[3]) : 20;
  const void **in = malloc(sizeof(void *) * n * NIN);
  void **out = malloc(sizeof(void *) * n * NOUT);
  for (int64_t i = 0; i < n * NIN; ++i) {
    float *p = aligned_alloc(64, (INPUTS[i % NIN].size_bytes + 63) / 64 * 64);
    for (int64_t k = 0; k < INPUTS[i % NIN].num_elements &&
                        INPUTS[i % NIN].dtype == TLC_DTYPE_F32;
         ++k)
      p[k] = (float)((k + i) % 17) / 17.0f - 0.5f;
    in[i] = p;
  }
  for (int64_t i = 0; i < n * NOUT; ++i)
    out[i] = aligned_alloc(64, (OUTPUTS[i % NOUT].size_bytes + 63) / 64 * 64);
  size_t ws = WORKSPACE_SIZE(), stride = (ws + 63) / 64 * 64;
  char *slices = ws ? aligned_alloc(64, tlrt_batch_workspace_size(ws, n)) : NULL;
  double *times = malloc(sizeof(double) * repeats);
  for (int r = -3; r < repeats; ++r) {
    double t0 = nowMs();
    for (int64_t i = 0; !batchMode && i < n; ++i) {
      void *args[64];
      for (int k = 0; k < NIN; ++k)
        args[k] = (void *)(uintptr_t)in[i * NIN + k];
      for (int k = 0; k < NOUT; ++k)
        args[NIN + k] = out[i * NOUT + k];
      args[NIN + NOUT] = slices ? slices + i * stride : NULL;
      RUN_PACKED(args);
    }
    if (batchMode)
      RUN_BATCH(n, in, out, slices, NULL);
    if (r >= 0)
      times[r] = nowMs() - t0;
  }
  qsort(times, repeats, sizeof(double), cmp);
  printf("%.3f\n", times[repeats / 2]);
  return 0;
}
