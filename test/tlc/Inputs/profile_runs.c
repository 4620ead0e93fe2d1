/* Runs a profiled entry point RUNS times on deterministic inputs, then
 * prints libtlrt's report to stdout and writes the Chrome trace to TRACE.
 *   profile_runs RUNS TRACE
 * Built with -DTLC_HEADER='"m.h"' -DTLC_BASE=m, linked with -ltlrt. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tlrt.h"
#include TLC_HEADER

#include "tlc_entry.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: profile_runs RUNS TRACE\n");
    return 2;
  }
  int runs = atoi(argv[1]);
  const int numIn = NUM_INPUTS, numOut = NUM_OUTPUTS;
  void *args[64];
  for (int i = 0; i < numIn; ++i) {
    args[i] = calloc(1, INPUTS[i].size_bytes + 64);
    for (int64_t k = 0; INPUTS[i].dtype == TLC_DTYPE_F32 &&
                        k < INPUTS[i].num_elements;
         ++k)
      ((float *)args[i])[k] = (float)((k * 37 % 101) - 50) / 50.0f;
  }
  for (int i = 0; i < numOut; ++i)
    args[numIn + i] = malloc(OUTPUTS[i].size_bytes + 64);
  size_t ws = WORKSPACE_SIZE();
  args[numIn + numOut] = ws ? aligned_alloc(64, (ws + 63) / 64 * 64) : NULL;
  for (int r = 0; r < runs; ++r)
    if (RUN_PACKED(args) != 0) {
      fprintf(stderr, "run %d failed\n", r);
      return 1;
    }
  tlrt_profile_report(stdout);
  if (tlrt_profile_write_chrome_trace(argv[2]) != TLRT_OK) {
    fprintf(stderr, "%s\n", tlrt_last_error());
    return 1;
  }
  return 0;
}
