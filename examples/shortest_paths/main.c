/* All-pairs shortest paths with tlc: min-plus Bellman-Ford to a fixpoint.
 *   tlc shortest_paths.tl -o shortest_paths.o
 *   cc main.c shortest_paths.o -lm -o shortest_paths && ./shortest_paths
 * Generates a random sparse weighted digraph (fixed-seed LCG), runs the
 * compiled program, and checks every distance against an independent
 * Floyd-Warshall in plain C. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "shortest_paths.h"

#define N 256 /* domain Node */

static uint32_t state = 2024u;
static uint32_t lcg(void) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

int main(void) {
  _Static_assert(SHORTEST_PATHS_IN0_NUMEL == N * N, "Node must match the .tl");
  static float W[N * N], Dist[N * N], Ref[N * N];
  /* 1 to 3 out-edges per node, weights in [0.5, 10); missing edges are +inf. */
  for (int i = 0; i < N * N; ++i)
    W[i] = INFINITY;
  int edges = 0;
  for (int x = 0; x < N; ++x) {
    int k = 1 + lcg() % 3;
    for (int j = 0; j < k; ++j) {
      int y = lcg() % N;
      if (y == x || W[x * N + y] != INFINITY)
        continue;
      W[x * N + y] = 0.5f + (lcg() % 9500) / 1000.0f;
      ++edges;
    }
  }

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(shortest_paths_workspace_size());
  int32_t status = shortest_paths_run(W, Dist, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "shortest_paths_run returned %d%s\n", (int)status,
            status == 1 ? " (the fixpoint did not converge)" : "");
    return 1;
  }

  /* Independent check: Floyd-Warshall from D = W (paths of >= 1 edge, so
   * D[x, x] is the shortest cycle through x, as in the .tl program). */
  for (int i = 0; i < N * N; ++i)
    Ref[i] = W[i];
  for (int k = 0; k < N; ++k)
    for (int i = 0; i < N; ++i) {
      float dik = Ref[i * N + k];
      if (dik == INFINITY)
        continue;
      for (int j = 0; j < N; ++j)
        if (dik + Ref[k * N + j] < Ref[i * N + j])
          Ref[i * N + j] = dik + Ref[k * N + j];
    }
  int mismatches = 0, reachable = 0;
  double sum = 0, longest = 0;
  int lx = 0, ly = 0;
  for (int x = 0; x < N; ++x)
    for (int y = 0; y < N; ++y) {
      float got = Dist[x * N + y], want = Ref[x * N + y];
      int ok = (isinf(want) && got == want) ||
               (!isinf(want) && fabsf(got - want) <= 1e-4f * fabsf(want));
      if (!ok && mismatches++ < 5)
        fprintf(stderr, "mismatch: Dist[%d, %d] = %g, Floyd-Warshall %g\n", x,
                y, got, want);
      if (!isinf(want)) {
        ++reachable;
        sum += want;
        if (want > longest) {
          longest = want;
          lx = x;
          ly = y;
        }
      }
    }
  printf("graph: %d nodes, %d weighted edges\n", N, edges);
  printf("reachable pairs: %d of %d, mean distance %.3f\n", reachable, N * N,
         reachable ? sum / reachable : 0.0);
  printf("longest shortest path: %d -> %d, length %.3f\n", lx, ly, longest);
  if (mismatches) {
    printf("%d distances differ from Floyd-Warshall\n", mismatches);
    return 1;
  }
  printf("matches Floyd-Warshall\n");
  return 0;
}
