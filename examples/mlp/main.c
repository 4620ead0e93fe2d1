/* Links the object tlc made from mlp.tl (or from mlp.mlir, the same network
 * in the tl dialect: both give the same mlp.h) and classifies four inputs.
 *   tlc mlp.tl -o mlp.o && cc main.c mlp.o -lm -o mlp && ./mlp */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp.h"

int main(void) {
  static float X[MLP_IN0_NUMEL], W1[MLP_IN1_NUMEL], B1[MLP_IN2_NUMEL],
      W2[MLP_IN3_NUMEL], B2[MLP_IN4_NUMEL], Y[MLP_OUT0_NUMEL];
  /* Deterministic weights and inputs. */
  for (int i = 0; i < MLP_IN0_NUMEL; ++i) X[i] = sinf(0.7f * i);
  for (int i = 0; i < MLP_IN1_NUMEL; ++i) W1[i] = cosf(0.3f * i) * 0.5f;
  for (int i = 0; i < MLP_IN2_NUMEL; ++i) B1[i] = 0.01f * i;
  for (int i = 0; i < MLP_IN3_NUMEL; ++i) W2[i] = sinf(0.11f * i + 1.0f);
  for (int i = 0; i < MLP_IN4_NUMEL; ++i) B2[i] = -0.1f * i;

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(mlp_workspace_size());
  int32_t status = mlp_run(X, W1, B1, W2, B2, Y, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "mlp_run failed\n");
    return 1;
  }
  const tlc_tensor_info *out = &mlp_outputs[0];
  printf("%s: %s[%lld, %lld] (workspace %zu bytes)\n", out->name,
         out->dtype_name, (long long)out->shape[0], (long long)out->shape[1],
         mlp_workspace_size());
  for (int b = 0; b < out->shape[0]; ++b) {
    int best = 0;
    printf("  row %d:", b);
    for (int o = 0; o < out->shape[1]; ++o) {
      float p = Y[b * out->shape[1] + o];
      printf(" %.4f", p);
      if (p > Y[b * out->shape[1] + best]) best = o;
    }
    printf("  -> class %d\n", best);
  }
  return 0;
}
