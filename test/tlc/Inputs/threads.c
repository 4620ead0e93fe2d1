/* Thread control through libtlrt around a threaded entry point (the
 * 256x128x256 matmul): TLRT_NUM_THREADS sets the count at load time,
 * tlrt_set_num_threads changes it; results are the same at every count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "mm.h"
#include "tlrt.h"

static float A[256 * 128], B[128 * 256], C1[256 * 256], C2[256 * 256];

int main(void) {
  for (int i = 0; i < 256 * 128; ++i) {
    A[i] = (float)((i * 7) % 13) - 6.0f;
    B[i] = (float)((i * 5) % 11) - 5.0f;
  }
  void *workspace = malloc(mm_workspace_size());
  printf("initial threads %d\n", tlrt_get_num_threads());
  tlrt_set_num_threads(1);
  printf("after set(1) %d\n", tlrt_get_num_threads());
  if (mm_run(A, B, C1, workspace) != 0)
    return 1;
  tlrt_set_num_threads(2);
  printf("after set(2) %d\n", tlrt_get_num_threads());
  if (mm_run(A, B, C2, workspace) != 0)
    return 1;
  free(workspace);
  /* Small integers: every sum is exact, so the results must be identical
   * and equal to the plain loop. */
  int bad = 0;
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j) {
      float want = 0;
      for (int k = 0; k < 128; ++k)
        want += A[i * 128 + k] * B[k * 256 + j];
      bad += C1[i * 256 + j] != want || C2[i * 256 + j] != want;
    }
  printf("mismatches %d\n", bad);
  return bad != 0;
}
