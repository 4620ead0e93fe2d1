/* NAME_run_batch against NAME_run_packed, request by request: N requests
 * with different inputs must give bit-identical outputs and statuses, and
 * the error paths must return their codes with a message.
 *   run_batch N
 * Built with -DTLC_HEADER='"m.h"' -DTLC_BASE=m, linked with -ltlrt. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void fill(void *data, const tlc_tensor_info *info, unsigned seed) {
  for (int64_t i = 0; i < info->num_elements; ++i) {
    seed = seed * 1664525u + 1013904223u;
    double v = (seed >> 8) / (double)(1u << 24) * 2 - 1;
    switch (info->dtype) {
    case TLC_DTYPE_F32: ((float *)data)[i] = (float)v; break;
    case TLC_DTYPE_F64: ((double *)data)[i] = v; break;
    case TLC_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)(v * 8); break;
    case TLC_DTYPE_I64: ((int64_t *)data)[i] = (int64_t)(v * 8); break;
    default: ((uint8_t *)data)[i] = v > 0.6; break;
    }
  }
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 5;
  const void **in = calloc(n * NIN + 1, sizeof(void *));
  void **out = calloc(n * NOUT + 1, sizeof(void *));
  void **want = calloc(n * NOUT + 1, sizeof(void *));
  int32_t *statuses = calloc(n + 1, sizeof(int32_t));
  int32_t *wantStatus = calloc(n + 1, sizeof(int32_t));
  size_t ws = WORKSPACE_SIZE();
  void *one = ws ? aligned_alloc(64, (ws + 63) / 64 * 64) : NULL;
  for (int64_t i = 0; i < n; ++i) {
    void *args[64];
    for (int k = 0; k < NIN; ++k) {
      void *p = malloc(INPUTS[k].size_bytes + 1);
      fill(p, &INPUTS[k], 7u * (unsigned)(i * NIN + k) + 1);
      in[i * NIN + k] = args[k] = p;
    }
    for (int k = 0; k < NOUT; ++k) {
      out[i * NOUT + k] = malloc(OUTPUTS[k].size_bytes + 1);
      want[i * NOUT + k] = args[NIN + k] = malloc(OUTPUTS[k].size_bytes + 1);
    }
    args[NIN + NOUT] = one;
    wantStatus[i] = RUN_PACKED(args);
  }
  size_t total = tlrt_batch_workspace_size(ws, n);
  void *slices = total ? aligned_alloc(64, total) : NULL;
  int32_t result = RUN_BATCH(n, in, out, slices, statuses);
  int mismatches = 0, firstBad = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (statuses[i] != wantStatus[i])
      ++mismatches;
    if (!firstBad && wantStatus[i])
      firstBad = wantStatus[i];
    for (int k = 0; k < NOUT; ++k)
      if (memcmp(out[i * NOUT + k], want[i * NOUT + k],
                 OUTPUTS[k].size_bytes) != 0)
        ++mismatches;
  }
  printf("requests %lld, result %d (expected %d), mismatches %d\n",
         (long long)n, result, firstBad, mismatches);
  printf("n = 0: %d\n", RUN_BATCH(0, in, out, slices, NULL));
  printf("n = -1: %d (%s)\n", RUN_BATCH(-1, in, out, slices, NULL),
         tlrt_last_error());
  if (ws)
    printf("NULL workspace: %d (%s)\n", RUN_BATCH(n, in, out, NULL, NULL),
           tlrt_last_error());
  return mismatches != 0 || result != firstBad;
}
