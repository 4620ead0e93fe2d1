/* Plain C loops (plain.c), callable from C++. */
#ifndef TLC_BENCH_PEERS_PLAIN_H
#define TLC_BENCH_PEERS_PLAIN_H

#ifdef __cplusplus
extern "C" {
#endif

void plain_relu(const float *x, float *y, long n);
void plain_fma(const float *a, const float *b, const float *c, float *y,
               long n);
void plain_exp(const float *x, float *y, long n);
void plain_sigmoid(const float *x, float *y, long n);
float plain_sum(const float *x, long n);
void plain_rowsum(const float *x, float *y, long rows, long cols);

#ifdef __cplusplus
}
#endif

#endif
