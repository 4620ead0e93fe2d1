/* The run-time checks of an entry point with a batch dimension: batch < 1,
 * a NULL or too small workspace, each with its status and (libtlrt linked)
 * its message; then a valid call. Built against batch_mlp.tl (-DTLC_HEADER,
 * -DTLC_BASE=bm); -DWITH_TLRT when linked with libtlrt. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include TLC_HEADER
#ifdef WITH_TLRT
#include "tlrt.h"
#define MESSAGE() tlrt_last_error()
#else
#define MESSAGE() "(no libtlrt)"
#endif

int main(void) {
  enum { kRows = 5 };
  float x[kRows * 8], w[8 * 5], b[5], p[kRows * 5];
  for (int i = 0; i < kRows * 8; ++i)
    x[i] = (float)(i % 7) / 7.0f;
  for (int i = 0; i < 40; ++i)
    w[i] = (float)(i % 5) / 5.0f - 0.4f;
  for (int i = 0; i < 5; ++i)
    b[i] = 0.1f * i;
  size_t need = bm_workspace_size(kRows);
  void *ws = malloc(need + 1);
  printf("workspace for 5 rows > 0: %d\n", need > 0);
  printf("batch 0: %d %s\n", bm_run(0, x, w, b, p, ws, need), MESSAGE());
  printf("batch -3: %d %s\n", bm_run(-3, x, w, b, p, ws, need), MESSAGE());
  printf("NULL workspace: %d %s\n", bm_run(kRows, x, w, b, p, NULL, need),
         MESSAGE());
  printf("small workspace: %d %s\n",
         bm_run(kRows, x, w, b, p, ws, need - 1), MESSAGE());
  int status = bm_run(kRows, x, w, b, p, ws, need);
  float sum = 0;
  for (int i = 0; i < 5; ++i)
    sum += p[4 * 5 + i];
  printf("valid: %d, last row sums to 1: %d\n", status,
         sum > 0.9999f && sum < 1.0001f);
  return 0;
}
