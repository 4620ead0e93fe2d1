/* Runs the graph neural network layer tlc compiled from gnn.tl.
 *   tlc gnn.tl -o gnn.o && cc main.c gnn.o -lm -o gnn && ./gnn
 * Builds a small undirected graph (a ring plus random chords from a
 * fixed-seed LCG), fills features and weights deterministically, runs the
 * layer, checks it against the same layer written as plain C loops, and
 * prints the graph embedding. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gnn.h"

enum { N = 32, F = 8, G = 16 }; /* the domains of gnn.tl */

static uint32_t state = 42u;
static uint32_t lcg(void) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

int main(void) {
  _Static_assert(GNN_OUT0_NUMEL == N * G, "domains must match gnn.tl");
  static uint8_t Adj[N * N];
  static float X[N * F], WNeigh[F * G], WSelf[F * G], B[G], H[N * G], Pool[G];
  /* A ring, plus 16 random chords; undirected, no self loops. */
  for (int x = 0; x < N; ++x) {
    int y = (x + 1) % N;
    Adj[x * N + y] = Adj[y * N + x] = 1;
  }
  for (int c = 0; c < 16; ++c) {
    int x = lcg() % N, y = lcg() % N;
    if (x != y) Adj[x * N + y] = Adj[y * N + x] = 1;
  }
  for (int x = 0; x < N; ++x)
    for (int f = 0; f < F; ++f)
      X[x * F + f] = cosf(0.5f * x + 0.9f * f);
  for (int i = 0; i < F * G; ++i) {
    WNeigh[i] = 0.3f * sinf(0.37f * i);
    WSelf[i] = 0.5f * cosf(0.23f * i + 0.5f);
  }
  for (int g = 0; g < G; ++g) B[g] = 0.05f * (g % 4) - 0.05f;

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(gnn_workspace_size());
  int32_t status = gnn_run(Adj, X, WNeigh, WSelf, B, H, Pool, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "gnn_run returned %d\n", (int)status);
    return 1;
  }

  /* The same layer in plain C. */
  int edges = 0, active = 0, bad = 0;
  for (int x = 0; x < N; ++x) {
    float agg[F] = {0};
    for (int y = 0; y < N; ++y)
      if (Adj[x * N + y]) {
        ++edges;
        for (int f = 0; f < F; ++f) agg[f] += X[y * F + f];
      }
    for (int g = 0; g < G; ++g) {
      float z = B[g];
      for (int f = 0; f < F; ++f)
        z += agg[f] * WNeigh[f * G + g] + X[x * F + f] * WSelf[f * G + g];
      float want = z > 0 ? z : 0, got = H[x * G + g];
      active += got > 0;
      if (fabsf(got - want) > 1e-4f * (1.0f + fabsf(want)) && bad++ < 5)
        fprintf(stderr, "H[%d, %d] = %g, plain C %g\n", x, g, got, want);
    }
  }
  for (int g = 0; g < G; ++g) {
    float mean = 0;
    for (int x = 0; x < N; ++x) mean += H[x * G + g];
    mean /= N;
    if (fabsf(Pool[g] - mean) > 1e-4f * (1.0f + fabsf(mean)) && bad++ < 5)
      fprintf(stderr, "Pool[%d] = %g, plain C %g\n", g, Pool[g], mean);
  }
  printf("graph: %d nodes, %d undirected edges\n", N, edges / 2);
  printf("active units: %d of %d\n", active, N * G);
  printf("graph embedding (mean over nodes):");
  for (int g = 0; g < G; ++g) printf(" %.3f", Pool[g]);
  printf("\n");
  if (bad) {
    printf("%d values differ from the plain C layer\n", bad);
    return 1;
  }
  printf("matches the plain C layer\n");
  return 0;
}
