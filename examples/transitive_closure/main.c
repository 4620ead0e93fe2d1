/* Transitive closure with tlc: Ancestor over a random family tree.
 *   tlc transitive_closure.tl -o transitive_closure.o
 *   cc main.c transitive_closure.o -lm -o transitive_closure
 *   ./transitive_closure
 * Generates a random Parent relation with a fixed-seed LCG (8 founders;
 * every later node has one or two parents among the nodes before it), runs
 * the compiled program, and checks Ancestor against an independent
 * breadth-first search from every node. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transitive_closure.h"

#define N 320 /* domain Node */

static uint32_t state = 12345u;
static uint32_t lcg(void) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

int main(void) {
  _Static_assert(TRANSITIVE_CLOSURE_IN0_NUMEL == N * N,
                 "N must match the domain Node of the .tl");
  static uint8_t Parent[N * N], Ancestor[N * N], Reach[N * N];
  int edges = 0;
  for (int y = 8; y < N; ++y) {
    int k = 1 + lcg() % 2;
    for (int j = 0; j < k; ++j) {
      int x = lcg() % y;
      if (!Parent[x * N + y]) {
        Parent[x * N + y] = 1;
        ++edges;
      }
    }
  }

  /* Intermediates live in a caller-provided workspace (64-byte alignment is
   * fastest; any works). */
  void *workspace = malloc(transitive_closure_workspace_size());
  int32_t status = transitive_closure_run(Parent, Ancestor, workspace);
  free(workspace);
  if (status != 0) {
    fprintf(stderr, "transitive_closure_run returned %d%s\n", (int)status,
            status == 1 ? " (the fixpoint did not converge)" : "");
    return 1;
  }

  /* Independent check: BFS from every node x along Parent edges; Reach[x, y]
   * = y is reachable from x by a path of one or more edges. */
  static int queue[N];
  for (int x = 0; x < N; ++x) {
    uint8_t *seen = &Reach[x * N];
    int head = 0, tail = 0;
    queue[tail++] = x;
    while (head < tail) {
      int u = queue[head++];
      for (int v = 0; v < N; ++v)
        if (Parent[u * N + v] && !seen[v]) {
          seen[v] = 1;
          queue[tail++] = v;
        }
    }
  }
  int mismatches = 0;
  long pairs = 0;
  for (int i = 0; i < N * N; ++i) {
    pairs += Ancestor[i];
    if (Ancestor[i] != Reach[i] && mismatches++ < 5)
      fprintf(stderr, "mismatch: Ancestor(%d, %d) = %d, BFS says %d\n", i / N,
              i % N, Ancestor[i], Reach[i]);
  }
  /* The node with the most descendants, and the one with the most ancestors. */
  int topDesc = 0, topAnc = 0, nDesc = 0, nAnc = 0;
  for (int x = 0; x < N; ++x) {
    int d = 0, a = 0;
    for (int y = 0; y < N; ++y) {
      d += Ancestor[x * N + y];
      a += Ancestor[y * N + x];
    }
    if (d > nDesc) nDesc = d, topDesc = x;
    if (a > nAnc) nAnc = a, topAnc = x;
  }
  printf("family tree: %d people, %d parent links\n", N, edges);
  printf("ancestor pairs: %ld\n", pairs);
  printf("most descendants: node %d (%d); most ancestors: node %d (%d)\n",
         topDesc, nDesc, topAnc, nAnc);
  if (mismatches) {
    printf("%d pairs differ from BFS\n", mismatches);
    return 1;
  }
  printf("matches BFS\n");
  return 0;
}
