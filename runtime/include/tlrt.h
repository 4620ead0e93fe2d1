/* libtlrt: the runtime library of code compiled by tlc. Plain C ABI. */
#ifndef TLRT_H
#define TLRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*===------------------------------------------------------------------===*
 * Threads
 *===------------------------------------------------------------------===*/

/* Threads that tlc-compiled code uses for large contractions (through
 * LLVM's OpenMP runtime). All cores by default; the environment variable
 * TLRT_NUM_THREADS, read when the library loads, or this call sets it.
 * n < 1 restores the default. Applies to the calling thread's later calls
 * of NAME_run (OpenMP's per-thread setting). */
void tlrt_set_num_threads(int n);
/* The number of threads the next NAME_run on this thread may use. */
int tlrt_get_num_threads(void);

/*===------------------------------------------------------------------===*
 * Errors
 *===------------------------------------------------------------------===*/

/* Status codes of libtlrt calls (NAME_run's own codes are in its header). */
enum {
  TLRT_OK = 0,
  TLRT_ERROR_NO_WORKSPACE = 2, /* as NAME_run's status 2 */
  TLRT_ERROR_IO = 10,          /* a file could not be written */
  TLRT_ERROR_ARGUMENT = 11,    /* a NULL or out-of-range argument */
  TLRT_ERROR_GPU = 12,         /* a CUDA driver call failed, or no driver */
};

/* A message describing the calling thread's last libtlrt error ("" when
 * there was none). Valid until that thread's next failing call. */
const char *tlrt_last_error(void);
/* Sets the calling thread's message. Generated code with a batch dimension
 * calls it (declared weak there) when NAME_run fails on its arguments. */
void tlrt_report_error(const char *message);

/*===------------------------------------------------------------------===*
 * Batch execution (NAME_run_batch in the generated header)
 *===------------------------------------------------------------------===*/

/* An entry point's NAME_run_packed. */
typedef int32_t (*tlrt_packed_fn)(void **args);

/* Runs n independent requests of `fn` on the calling thread and a pool of
 * tlrt_get_num_threads() - 1 more (each request's own parallel loops get an
 * equal share of the threads). Request i reads inputs[i * num_inputs + k],
 * writes outputs[i * num_outputs + k], and uses the i-th slice of
 * `workspace`, which holds tlrt_batch_workspace_size(workspace_size, n)
 * bytes (slices are 64-byte aligned when workspace is). statuses[i], when
 * statuses is not NULL, receives request i's status. Returns 0 when every
 * request returned 0, else the status of the first request (by index) that
 * did not; TLRT_ERROR_NO_WORKSPACE or TLRT_ERROR_ARGUMENT (with a message
 * in tlrt_last_error()) when nothing ran. */
int32_t tlrt_run_batch(tlrt_packed_fn fn, int num_inputs, int num_outputs,
                       size_t workspace_size, int64_t n,
                       const void *const *inputs, void *const *outputs,
                       void *workspace, int32_t *statuses);
/* Bytes of workspace n requests need: n slices of workspace_size rounded up
 * to 64; SIZE_MAX where that does not fit in a size_t. */
size_t tlrt_batch_workspace_size(size_t workspace_size, int64_t n);

/*===------------------------------------------------------------------===*
 * Profiling (objects compiled with `tlc --profile`)
 *===------------------------------------------------------------------===*/

/* One kernel of a compiled graph (a fused group or an op), as the compiler
 * describes it in the object: an id stable across compilations of the same
 * graph (its position in the entry point), the op's name, its source
 * location, and the work one call does. `slot` belongs to the runtime. */
typedef struct tlrt_op_info {
  int64_t id;
  const char *name;
  const char *location;
  double flops;
  double bytes;
  int64_t slot;
} tlrt_op_info;

/* The hooks the instrumented code calls around each kernel. Thread-safe;
 * calls nest (a kernel may run inside another). */
void tlrt_profile_begin(tlrt_op_info *op);
void tlrt_profile_end(tlrt_op_info *op);

/* Statistics of one op over every call since the last reset. */
typedef struct tlrt_op_stats {
  int64_t id;
  const char *name;
  const char *location;
  int64_t count;
  double total_ms, min_ms, max_ms, mean_ms;
  double flops, bytes; /* per call */
  double gflops, gbytes_per_s; /* achieved: flops * count / total time */
} tlrt_op_stats;

/* Ops seen so far, in order of first call. */
int tlrt_profile_num_ops(void);
/* Statistics of op i (0 <= i < tlrt_profile_num_ops()); TLRT_OK, or
 * TLRT_ERROR_ARGUMENT. */
int tlrt_profile_op_stats(int i, tlrt_op_stats *out);
/* Timeline events recorded (one per call; at most 4M are kept, later ones
 * are counted in the report but not recorded). */
int64_t tlrt_profile_num_events(void);
/* Forgets every statistic and event. */
void tlrt_profile_reset(void);

/* Prints a table of the ops sorted by total time (calls, total, mean, min,
 * max, share of the total, achieved GFLOP/s and GB/s) and a bottleneck
 * section: each op over 10% of the total, classified memory- or
 * compute-bound by its arithmetic intensity (flops per byte) against the
 * machine's balance (peak GFLOP/s over peak GB/s). */
void tlrt_profile_report(FILE *out);
/* Writes the timeline as Chrome trace JSON (Perfetto, chrome://tracing):
 * TLRT_OK, or TLRT_ERROR_IO with a message in tlrt_last_error(). */
int tlrt_profile_write_chrome_trace(const char *path);

/* The machine's peak FMA throughput (GFLOP/s, one thread) and read
 * bandwidth (GB/s) the report compares against: measured on first use
 * (about 0.1 s), or taken from TLRT_PEAK_GFLOPS and TLRT_PEAK_GBS, or set
 * here (values <= 0 measure again). */
void tlrt_machine_peak(double *gflops, double *gbytes_per_s);
void tlrt_set_machine_peak(double gflops, double gbytes_per_s);

/*===------------------------------------------------------------------===*
 * GPU (the mgpu* functions of MLIR's GPU host code, on the CUDA driver API)
 *===------------------------------------------------------------------===*/

/* The first GPU error of the calling thread since the last call
 * (TLRT_ERROR_GPU, with a message in tlrt_last_error()), or TLRT_OK; the
 * mgpu* functions never abort. */
int32_t tlrt_gpu_take_status(void);

/* NAME_run_device calls this with its stream argument: the calls of that
 * run go on `stream` (a CUstream), which libtlrt does not destroy. */
void tlrt_gpu_use_stream(void *stream);

/* The CUDA driver entry points libtlrt uses (CUresult is an int, handles
 * are pointers, CUdeviceptr is uint64_t). libtlrt opens libcuda.so.1 with
 * dlopen on first use; tests install a fake table instead (NULL: go back
 * to libcuda). */
typedef struct tlrt_gpu_driver {
  int (*init)(unsigned flags);
  int (*deviceGet)(int *device, int ordinal);
  int (*primaryCtxRetain)(void **context, int device);
  int (*ctxSetCurrent)(void *context);
  int (*moduleLoadData)(void **module, const void *image);
  int (*moduleUnload)(void *module);
  int (*moduleGetFunction)(void **function, void *module, const char *name);
  int (*launchKernel)(void *function, unsigned gridX, unsigned gridY,
                      unsigned gridZ, unsigned blockX, unsigned blockY,
                      unsigned blockZ, unsigned sharedBytes, void *stream,
                      void **params, void **extra);
  int (*streamCreate)(void **stream, unsigned flags);
  int (*streamDestroy)(void *stream);
  int (*streamSynchronize)(void *stream);
  int (*streamWaitEvent)(void *stream, void *event, unsigned flags);
  int (*eventCreate)(void **event, unsigned flags);
  int (*eventDestroy)(void *event);
  int (*eventRecord)(void *event, void *stream);
  int (*eventSynchronize)(void *event);
  int (*memAlloc)(uint64_t *pointer, size_t bytes);
  int (*memAllocManaged)(uint64_t *pointer, size_t bytes, unsigned flags);
  int (*memFree)(uint64_t pointer);
  int (*memcpyAsync)(uint64_t dst, uint64_t src, size_t bytes, void *stream);
  int (*getErrorString)(int error, const char **text);
} tlrt_gpu_driver;
void tlrt_gpu_set_driver(const tlrt_gpu_driver *driver);

/* MLIR 22's host-side GPU ABI (gpu-to-llvm and the gpu.binary offloading
 * translation call these). */
void *mgpuModuleLoad(void *data, size_t size);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t paramsCount);
void *mgpuStreamCreate(void);
void mgpuStreamDestroy(void *stream);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamWaitEvent(void *stream, void *event);
void *mgpuEventCreate(void);
void mgpuEventDestroy(void *event);
void mgpuEventSynchronize(void *event);
void mgpuEventRecord(void *event, void *stream);
void *mgpuMemAlloc(uint64_t bytes, void *stream, bool hostShared);
void mgpuMemFree(void *pointer, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream);

/* With the environment variable TLRT_PROFILE=PATH set when the library
 * loads, the Chrome trace is written to PATH and the report to PATH.txt
 * when the program exits. */

#ifdef __cplusplus
}
#endif

#endif /* TLRT_H */
