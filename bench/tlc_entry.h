/* Shared by the C programs that drive a tlc-compiled entry point through its
 * header's tables (the bench/ harnesses and the test drivers): the entry
 * point's symbols by base name, the deterministic inputs the benchmark
 * peers reproduce (bench/peers/numpy_peers.py), and a clock. Include after
 * TLC_HEADER, with TLC_BASE defined. */
#ifndef TLC_ENTRY_H
#define TLC_ENTRY_H

#include <stdint.h>
#include <time.h>

#define TLC_CAT2(a, b) a##b
#define TLC_CAT(a, b) TLC_CAT2(a, b)
#define INPUTS TLC_CAT(TLC_BASE, _inputs)
#define OUTPUTS TLC_CAT(TLC_BASE, _outputs)
#define RUN_PACKED TLC_CAT(TLC_BASE, _run_packed)
#define RUN_BATCH TLC_CAT(TLC_BASE, _run_batch)
#define WORKSPACE_SIZE TLC_CAT(TLC_BASE, _workspace_size)
#define NUM_INPUTS ((int)(sizeof(INPUTS) / sizeof(INPUTS[0])))
#define NUM_OUTPUTS ((int)(sizeof(OUTPUTS) / sizeof(OUTPUTS[0])))

static inline double tlc_now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* qsort comparison of doubles (for medians). */
static inline int tlc_compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Fills `data` (described by `info`) from a linear congruential generator:
 * floats in [-1, 1], integers in [-8, 8], Booleans true with probability
 * `density`. */
static inline void tlc_fill(void *data, const tlc_tensor_info *info,
                            unsigned seed, double density) {
  for (int64_t i = 0; i < info->num_elements; ++i) {
    seed = seed * 1664525u + 1013904223u;
    double v = (seed >> 8) / (double)(1u << 24) * 2 - 1;
    switch (info->dtype) {
    case TLC_DTYPE_F32: ((float *)data)[i] = (float)v; break;
    case TLC_DTYPE_F64: ((double *)data)[i] = v; break;
    case TLC_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)(v * 8); break;
    case TLC_DTYPE_I64: ((int64_t *)data)[i] = (int64_t)(v * 8); break;
    default: ((uint8_t *)data)[i] = (v + 1) / 2 < density; break;
    }
  }
}

#endif /* TLC_ENTRY_H */
