/* Times a tlc-compiled GPU entry point (NAME_run_device on device buffers,
 * on the default stream) against a peer in the same process: cuBLAS's
 * sgemm for a matmul (-DPEER_SGEMM=N), else a device-to-device copy of as
 * many bytes as the workload reads and writes (the bandwidth the card
 * reaches). Prints one markdown row: median ms of `repeats` runs after a
 * warm-up, the peer's, their ratio, and GFLOP/s or GB/s with the fraction
 * of the card's peak (from its attributes: memory clock and bus width; SM
 * count and clock for FMA throughput). Checks the matmul against cuBLAS.
 * Built by bench/bench_gpu.sh, with TLC_HEADER, TLC_BASE, NAME (the
 * workload) and FLOPS (of one run) defined. */
#include TLC_HEADER
#include "tlc_entry.h"

#include <cuda.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef PEER_SGEMM
#include <cublas_v2.h>
#endif

#define RUN_DEVICE TLC_CAT(TLC_BASE, _run_device)

static void check(CUresult r, const char *what) {
  if (r != CUDA_SUCCESS) {
    const char *msg = "?";
    cuGetErrorString(r, &msg);
    fprintf(stderr, "gpu_harness: %s failed: %s\n", what, msg);
    exit(1);
  }
}

static double median(double *t, int n) {
  qsort(t, n, sizeof(double), tlc_compare_doubles);
  return t[n / 2];
}

static CUdeviceptr in[NUM_INPUTS], out[NUM_OUTPUTS], ws;

static void run_tlc(void) {
  int32_t status;
#if NUM_INPUTS_VALUE == 1
  status = RUN_DEVICE((void *)in[0], (void *)out[0], (void *)ws, NULL);
#elif NUM_INPUTS_VALUE == 2
  status = RUN_DEVICE((void *)in[0], (void *)in[1], (void *)out[0], (void *)ws,
                      NULL);
#elif NUM_INPUTS_VALUE == 3
  status = RUN_DEVICE((void *)in[0], (void *)in[1], (void *)in[2],
                      (void *)out[0], (void *)ws, NULL);
#else
#error "gpu_harness: 1 to 3 inputs"
#endif
  if (status != 0) {
    fprintf(stderr, "gpu_harness: status %d\n", status);
    exit(1);
  }
}

/* Median ms of `repeats` runs of `run` after a warm-up, each waited for. */
static double time_ms(void (*run)(void), int repeats) {
  double *t = malloc(sizeof(double) * repeats);
  run();
  check(cuCtxSynchronize(), "warm-up");
  for (int r = 0; r < repeats; ++r) {
    double t0 = tlc_now_ms();
    run();
    check(cuCtxSynchronize(), "cuCtxSynchronize");
    t[r] = tlc_now_ms() - t0;
  }
  double m = median(t, repeats);
  free(t);
  return m;
}

#ifdef PEER_SGEMM
static cublasHandle_t handle;
static CUdeviceptr c;
/* Row-major C = A B is column-major C^T = B^T A^T. */
static void run_sgemm(void) {
  const int n = PEER_SGEMM;
  const float one = 1, zero = 0;
  if (cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one,
                  (const float *)in[1], n, (const float *)in[0], n, &zero,
                  (float *)c, n) != CUBLAS_STATUS_SUCCESS) {
    fprintf(stderr, "gpu_harness: cublasSgemm failed\n");
    exit(1);
  }
}
#else
static CUdeviceptr copyFrom, copyTo;
static size_t copyBytes;
static void run_copy(void) {
  check(cuMemcpyDtoD(copyTo, copyFrom, copyBytes), "cuMemcpyDtoD");
}
#endif

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 20;
  CUdevice dev;
  CUcontext ctx;
  check(cuInit(0), "cuInit");
  check(cuDeviceGet(&dev, 0), "cuDeviceGet");
  check(cuDevicePrimaryCtxRetain(&ctx, dev), "cuDevicePrimaryCtxRetain");
  check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");

  size_t bytes = 0;
  for (int i = 0; i < NUM_INPUTS; ++i) {
    void *host = malloc(INPUTS[i].size_bytes);
    tlc_fill(host, &INPUTS[i], 17u + i, 0.5);
    check(cuMemAlloc(&in[i], INPUTS[i].size_bytes), "cuMemAlloc");
    check(cuMemcpyHtoD(in[i], host, INPUTS[i].size_bytes), "cuMemcpyHtoD");
    free(host);
    bytes += INPUTS[i].size_bytes;
  }
  for (int i = 0; i < NUM_OUTPUTS; ++i) {
    check(cuMemAlloc(&out[i], OUTPUTS[i].size_bytes), "cuMemAlloc");
    bytes += OUTPUTS[i].size_bytes;
  }
  size_t wsBytes = WORKSPACE_SIZE();
  check(cuMemAlloc(&ws, wsBytes ? wsBytes : 64), "cuMemAlloc");

  double tlc = time_ms(run_tlc, repeats);

  int clockKHz, memKHz, busBits, sms;
  cuDeviceGetAttribute(&clockKHz, CU_DEVICE_ATTRIBUTE_CLOCK_RATE, dev);
  cuDeviceGetAttribute(&memKHz, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE, dev);
  cuDeviceGetAttribute(&busBits, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH,
                       dev);
  cuDeviceGetAttribute(&sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
  double peakGBs = 2.0 * memKHz * 1e3 * (busBits / 8) / 1e9;
  /* 128 FP32 lanes per SM (sm_80 and later), 2 flops per FMA. */
  double peakGflops = 2.0 * 128 * sms * clockKHz * 1e3 / 1e9;

  double peer;
  const char *peerName;
#ifdef PEER_SGEMM
  const int n = PEER_SGEMM;
  if (cublasCreate(&handle) != CUBLAS_STATUS_SUCCESS) {
    fprintf(stderr, "gpu_harness: cublasCreate failed\n");
    return 1;
  }
  check(cuMemAlloc(&c, (size_t)n * n * sizeof(float)), "cuMemAlloc");
  peer = time_ms(run_sgemm, repeats);
  peerName = "cuBLAS sgemm";
  /* Same result as cuBLAS? */
  size_t count = (size_t)n * n;
  float *x = malloc(count * sizeof(float)), *y = malloc(count * sizeof(float));
  check(cuMemcpyDtoH(x, out[0], count * sizeof(float)), "cuMemcpyDtoH");
  check(cuMemcpyDtoH(y, c, count * sizeof(float)), "cuMemcpyDtoH");
  double worst = 0;
  for (size_t i = 0; i < count; ++i)
    worst = fmax(worst, fabs(x[i] - y[i]) / (1 + fabs(y[i])));
  if (worst > 1e-3) {
    fprintf(stderr, "gpu_harness: tlc differs from cuBLAS by %g\n", worst);
    return 1;
  }
#else
  copyBytes = bytes / 2;
  check(cuMemAlloc(&copyFrom, copyBytes), "cuMemAlloc");
  check(cuMemAlloc(&copyTo, copyBytes), "cuMemAlloc");
  peer = time_ms(run_copy, repeats);
  peerName = "device copy";
#endif
  if (FLOPS > 0)
    printf("| %s | %.3f | %s | %.3f | %.2fx | %.0f GFLOP/s | %.0f%% |\n", NAME,
           tlc, peerName, peer, peer / tlc, FLOPS / tlc / 1e6,
           100 * FLOPS / tlc / 1e6 / peakGflops);
  else
    printf("| %s | %.3f | %s | %.3f | %.2fx | %.0f GB/s | %.0f%% |\n", NAME,
           tlc, peerName, peer, peer / tlc, bytes / tlc / 1e6,
           100 * bytes / tlc / 1e6 / peakGBs);
  return 0;
}
