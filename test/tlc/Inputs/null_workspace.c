/* Calls an entry point whose memory plan needs a workspace with NULL
 * (status 2, nothing written) and then with one (status 0). */
#include <stdio.h>
#include <stdlib.h>
#include "mm.h"

int main(void) {
  static float A[60 * 48], B[48 * 90], C[60 * 90];
  for (int i = 0; i < 60 * 90; ++i)
    C[i] = -1.0f;
  if (mm_workspace_size() == 0) {
    fprintf(stderr, "expected a planned workspace\n");
    return 1;
  }
  int32_t status = mm_run(A, B, C, NULL);
  printf("NULL workspace: status %d, C[0] = %g\n", (int)status, C[0]);
  void *workspace = malloc(mm_workspace_size());
  status = mm_run(A, B, C, workspace);
  free(workspace);
  printf("workspace: status %d, C[0] = %g\n", (int)status, C[0]);
  return 0;
}
