/* Runs a GPU object's entry point once on zero inputs and prints its
 * status and libtlrt's message; then twice through NAME_run_batch, whose
 * message (set on a worker thread) must reach this thread. Built with
 * -DTLC_HEADER='"m.h"' -DTLC_BASE=m, linked with -ltlrt. */
#include <stdio.h>
#include <stdlib.h>

#include "tlrt.h"
#include TLC_HEADER

#include "tlc_entry.h"

int main(void) {
  const int numIn = NUM_INPUTS, numOut = NUM_OUTPUTS;
  void *args[64];
  for (int i = 0; i < numIn; ++i)
    args[i] = calloc(1, INPUTS[i].size_bytes + 1);
  for (int i = 0; i < numOut; ++i)
    args[numIn + i] = calloc(1, OUTPUTS[i].size_bytes + 1);
  args[numIn + numOut] = NULL;
  int status = RUN_PACKED(args);
  printf("status %d: %s\n", status, status ? tlrt_last_error() : "ok");
  const void *ins[2 * 32];
  void *outs[2 * 32];
  for (int r = 0; r < 2; ++r) {
    for (int i = 0; i < numIn; ++i)
      ins[r * numIn + i] = args[i];
    for (int i = 0; i < numOut; ++i)
      outs[r * numOut + i] = calloc(1, OUTPUTS[i].size_bytes + 1);
  }
  tlrt_report_error("");
  int batch = RUN_BATCH(2, ins, outs, NULL, NULL);
  printf("batch %d: %s\n", batch, batch ? tlrt_last_error() : "ok");
  return 0;
}
