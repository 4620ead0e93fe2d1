/* Runs a GPU object's entry point once on zero inputs and prints its
 * status and libtlrt's message; then twice through NAME_run_batch, whose
 * message (set on a worker thread) must reach this thread. Built with
 * -DTLC_HEADER='"m.h"' -DTLC_BASE=m, linked with -ltlrt. */
#include <stdio.h>
#include <stdlib.h>

#include "tlrt.h"
#include TLC_HEADER

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define INPUTS CAT(TLC_BASE, _inputs)
#define OUTPUTS CAT(TLC_BASE, _outputs)
#define RUN_PACKED CAT(TLC_BASE, _run_packed)
#define RUN_BATCH CAT(TLC_BASE, _run_batch)

int main(void) {
  const int numIn = sizeof(INPUTS) / sizeof(INPUTS[0]);
  const int numOut = sizeof(OUTPUTS) / sizeof(OUTPUTS[0]);
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
