/* The "plainc" peer: the loops a C programmer would write, compiled on their
 * own with -O3 -march=native -fopenmp and no -ffast-math, so the compiler
 * keeps C's evaluation order (the sums stay sequential per thread) and calls
 * expf from libm. OpenMP splits each loop across the requested threads. */
#include <math.h>

#include "plain.h"

void plain_relu(const float *x, float *y, long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i)
    y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void plain_fma(const float *a, const float *b, const float *c, float *y,
               long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i)
    y[i] = a[i] * b[i] + c[i];
}

void plain_exp(const float *x, float *y, long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i)
    y[i] = expf(x[i]);
}

void plain_sigmoid(const float *x, float *y, long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i)
    y[i] = 1.0f / (1.0f + expf(-x[i]));
}

float plain_sum(const float *x, long n) {
  float s = 0.0f;
#pragma omp parallel for schedule(static) reduction(+ : s)
  for (long i = 0; i < n; ++i)
    s += x[i];
  return s;
}

void plain_rowsum(const float *x, float *y, long rows, long cols) {
#pragma omp parallel for schedule(static)
  for (long r = 0; r < rows; ++r) {
    float s = 0.0f;
    for (long c = 0; c < cols; ++c)
      s += x[r * cols + c];
    y[r] = s;
  }
}
