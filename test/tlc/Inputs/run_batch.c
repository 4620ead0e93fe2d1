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

#include "tlc_entry.h"

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 5;
  const void **in = calloc(n * NUM_INPUTS + 1, sizeof(void *));
  void **out = calloc(n * NUM_OUTPUTS + 1, sizeof(void *));
  void **want = calloc(n * NUM_OUTPUTS + 1, sizeof(void *));
  int32_t *statuses = calloc(n + 1, sizeof(int32_t));
  int32_t *wantStatus = calloc(n + 1, sizeof(int32_t));
  size_t ws = WORKSPACE_SIZE();
  void *one = ws ? aligned_alloc(64, (ws + 63) / 64 * 64) : NULL;
  for (int64_t i = 0; i < n; ++i) {
    void *args[64];
    for (int k = 0; k < NUM_INPUTS; ++k) {
      void *p = malloc(INPUTS[k].size_bytes + 1);
      tlc_fill(p, &INPUTS[k], 7u * (unsigned)(i * NUM_INPUTS + k) + 1, 0.2);
      in[i * NUM_INPUTS + k] = args[k] = p;
    }
    for (int k = 0; k < NUM_OUTPUTS; ++k) {
      out[i * NUM_OUTPUTS + k] = malloc(OUTPUTS[k].size_bytes + 1);
      want[i * NUM_OUTPUTS + k] = args[NUM_INPUTS + k] = malloc(OUTPUTS[k].size_bytes + 1);
    }
    args[NUM_INPUTS + NUM_OUTPUTS] = one;
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
    for (int k = 0; k < NUM_OUTPUTS; ++k)
      if (memcmp(out[i * NUM_OUTPUTS + k], want[i * NUM_OUTPUTS + k],
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
