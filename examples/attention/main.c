/* Runs the multi-head attention block tlc compiled from attention.tl.
 *   tlc attention.tl -o attention.o
 *   cc main.c attention.o -lm -o attention && ./attention
 * Fills the token embeddings and the weights deterministically, then prints,
 * for every head, which key each query attends to most, and the outputs. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attention.h"

enum { T = 8, D = 16, H = 2, K = 8 }; /* the domains of attention.tl */

static uint32_t state = 7u;
static float uniform(void) { /* in [-1, 1) */
  state = state * 1664525u + 1013904223u;
  return (float)(state >> 8) / (float)(1u << 23) - 1.0f;
}

int main(void) {
  _Static_assert(ATTENTION_OUT1_NUMEL == H * T * T, "domains must match");
  static float X[T * D], WQ[D * H * K], WK[D * H * K], WV[D * H * K],
      WO[H * K * D], Y[T * D], Attn[H * T * T];
  /* Token t: a smooth positional pattern. */
  for (int t = 0; t < T; ++t)
    for (int d = 0; d < D; ++d)
      X[t * D + d] = sinf(0.4f * (t + 1) * (d + 1)) + 0.1f * cosf(1.3f * d);
  /* Weights ~ U(-1, 1) / sqrt(D). */
  float s = 1.0f / sqrtf((float)D);
  for (int i = 0; i < D * H * K; ++i) WQ[i] = s * uniform();
  for (int i = 0; i < D * H * K; ++i) WK[i] = s * uniform();
  for (int i = 0; i < D * H * K; ++i) WV[i] = s * uniform();
  for (int i = 0; i < H * K * D; ++i) WO[i] = s * uniform();

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(attention_workspace_size());
  int32_t status = attention_run(X, WQ, WK, WV, WO, Y, Attn, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "attention_run returned %d\n", (int)status);
    return 1;
  }

  int rowsOk = 1;
  for (int h = 0; h < H; ++h) {
    printf("head %d, most attended key per query:", h);
    for (int t = 0; t < T; ++t) {
      const float *row = &Attn[(h * T + t) * T];
      int best = 0;
      float sum = 0;
      for (int k = 0; k < T; ++k) {
        sum += row[k];
        if (row[k] > row[best]) best = k;
      }
      rowsOk &= fabsf(sum - 1.0f) < 1e-5f;
      printf(" %d->%d (%.2f)", t, best, row[best]);
    }
    printf("\n");
  }
  for (int t = 0; t < T; ++t) {
    float norm = 0;
    for (int e = 0; e < D; ++e) norm += Y[t * D + e] * Y[t * D + e];
    printf("Y[%d]: |y| = %.4f  y[0..3] = %+.4f %+.4f %+.4f %+.4f\n", t,
           sqrtf(norm), Y[t * D], Y[t * D + 1], Y[t * D + 2], Y[t * D + 3]);
  }
  if (!rowsOk) {
    printf("attention rows do not sum to 1\n");
    return 1;
  }
  printf("every attention row sums to 1\n");
  return 0;
}
