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

#include "tlc_entry.h"

int main(int argc, char **argv) {
  int batchMode = argc > 1 && argv[1][0] == 'b';
  int64_t n = argc > 2 ? atoll(argv[2]) : 64;
  int repeats = argc > 3 ? atoi(argv[3]) : 20;
  const void **in = malloc(sizeof(void *) * n * NUM_INPUTS);
  void **out = malloc(sizeof(void *) * n * NUM_OUTPUTS);
  for (int64_t i = 0; i < n * NUM_INPUTS; ++i) {
    float *p = aligned_alloc(64, (INPUTS[i % NUM_INPUTS].size_bytes + 63) / 64 * 64);
    for (int64_t k = 0; k < INPUTS[i % NUM_INPUTS].num_elements &&
                        INPUTS[i % NUM_INPUTS].dtype == TLC_DTYPE_F32;
         ++k)
      p[k] = (float)((k + i) % 17) / 17.0f - 0.5f;
    in[i] = p;
  }
  for (int64_t i = 0; i < n * NUM_OUTPUTS; ++i)
    out[i] = aligned_alloc(64, (OUTPUTS[i % NUM_OUTPUTS].size_bytes + 63) / 64 * 64);
  size_t ws = WORKSPACE_SIZE(), stride = (ws + 63) / 64 * 64;
  char *slices = ws ? aligned_alloc(64, tlrt_batch_workspace_size(ws, n)) : NULL;
  double *times = malloc(sizeof(double) * repeats);
  for (int r = -3; r < repeats; ++r) {
    double t0 = tlc_now_ms();
    for (int64_t i = 0; !batchMode && i < n; ++i) {
      void *args[64];
      for (int k = 0; k < NUM_INPUTS; ++k)
        args[k] = (void *)(uintptr_t)in[i * NUM_INPUTS + k];
      for (int k = 0; k < NUM_OUTPUTS; ++k)
        args[NUM_INPUTS + k] = out[i * NUM_OUTPUTS + k];
      args[NUM_INPUTS + NUM_OUTPUTS] = slices ? slices + i * stride : NULL;
      RUN_PACKED(args);
    }
    if (batchMode)
      RUN_BATCH(n, in, out, slices, NULL);
    if (r >= 0)
      times[r] = tlc_now_ms() - t0;
  }
  qsort(times, repeats, sizeof(double), tlc_compare_doubles);
  printf("%.3f\n", times[repeats / 2]);
  return 0;
}
