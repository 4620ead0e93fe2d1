/* Runs the polynomial-kernel machine tlc compiled from kernel_machine.tl.
 *   tlc kernel_machine.tl -o kernel_machine.o
 *   cc main.c kernel_machine.o -lm -o kernel_machine && ./kernel_machine
 * Two classes, clustered around +C and -C in 4 dimensions. The support
 * points are 16 noisy samples of each class with dual coefficients
 * label / 32 (a kernel mean classifier); the queries are fresh samples,
 * classified by the sign of their decision value. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel_machine.h"

enum { Q = 8, S = 32, D = 4 }; /* the domains of kernel_machine.tl */

static uint32_t state = 99u;
static float uniform(void) { /* in [-1, 1) */
  state = state * 1664525u + 1013904223u;
  return (float)(state >> 8) / (float)(1u << 23) - 1.0f;
}

int main(void) {
  _Static_assert(KERNEL_MACHINE_IN1_NUMEL == S * D, "domains must match");
  static const float C[D] = {1.0f, 0.5f, -0.5f, 1.0f};
  static float X[Q * D], Sup[S * D], A[S], B = 0.0f, Y[Q];
  int truth[Q];
  for (int s = 0; s < S; ++s) {
    int label = s % 2 ? -1 : 1;
    for (int d = 0; d < D; ++d) Sup[s * D + d] = label * C[d] + 0.4f * uniform();
    A[s] = label / (float)S;
  }
  for (int q = 0; q < Q; ++q) {
    truth[q] = q < Q / 2 ? 1 : -1;
    for (int d = 0; d < D; ++d) X[q * D + d] = truth[q] * C[d] + 0.6f * uniform();
  }

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(kernel_machine_workspace_size());
  int32_t status = kernel_machine_run(X, Sup, A, &B, Y, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "kernel_machine_run returned %d\n", (int)status);
    return 1;
  }
  int correct = 0, bad = 0;
  for (int q = 0; q < Q; ++q) {
    /* The decision function in plain C: sum_s A[s] (X[q].S[s] + 1)^3 + B. */
    double want = B;
    for (int s = 0; s < S; ++s) {
      double dot = 0;
      for (int d = 0; d < D; ++d) dot += (double)X[q * D + d] * Sup[s * D + d];
      want += A[s] * (dot + 1) * (dot + 1) * (dot + 1);
    }
    if (fabs(Y[q] - want) > 1e-4 * (1 + fabs(want)) && bad++ < 5)
      fprintf(stderr, "Y[%d] = %g, plain C %g\n", q, Y[q], want);
    int predicted = Y[q] >= 0 ? 1 : -1;
    correct += predicted == truth[q];
    printf("query %d: decision %+9.4f -> class %+d (true %+d)\n", q, Y[q],
           predicted, truth[q]);
  }
  printf("%d of %d queries classified correctly\n", correct, Q);
  if (bad) {
    printf("%d decision values differ from plain C\n", bad);
    return 1;
  }
  printf("matches the plain C decision function\n");
  return correct == Q ? 0 : 1;
}
