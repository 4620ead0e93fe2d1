/* libtlrt: the mgpu* functions that MLIR's gpu-to-llvm lowering and its
 * LLVM translation make host code call (module load, kernel launch,
 * streams, memory), on the CUDA driver API. Debian's MLIR ships no library
 * with them. libcuda is opened with dlopen on first use rather than
 * linked: libtlrt then loads, and its CPU parts work, on machines without
 * an NVIDIA driver, and builds without the CUDA toolkit; GPU calls there
 * fail with a message. Errors never abort: the first one of a thread is
 * kept for tlrt_gpu_take_status() and tlrt_last_error(). The driver is
 * reached through a table of function pointers, which tests replace
 * (tlrt_gpu_set_driver). */
#define _GNU_SOURCE
#include "internal.h"
#include "tlrt.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tlrt_gpu_driver driver;
static bool driverReady;
static pthread_mutex_t driverLock = PTHREAD_MUTEX_INITIALIZER;
/* The primary context of device 0, current on each calling thread. */
static void *context;
static _Thread_local bool contextSet;
static _Thread_local int32_t status = TLRT_OK;
/* NAME_run_device's stream: handed out by the next mgpuStreamCreate of this
 * thread instead of a new one, and never destroyed here. */
static _Thread_local void *useStream, *borrowed;

void tlrt_gpu_use_stream(void *stream) { useStream = stream; }

/* Loads libcuda's entry points into `driver`; with the lock held. */
static bool loadDriver(void) {
  if (driverReady)
    return true;
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    lib = dlopen("libcuda.so", RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    return false;
#define LOAD(field, symbol)                                                    \
  *(void **)(&driver.field) = dlsym(lib, symbol);                              \
  if (!driver.field)                                                           \
    return false;
  LOAD(init, "cuInit")
  LOAD(deviceGet, "cuDeviceGet")
  LOAD(primaryCtxRetain, "cuDevicePrimaryCtxRetain")
  LOAD(ctxSetCurrent, "cuCtxSetCurrent")
  LOAD(moduleLoadData, "cuModuleLoadData")
  LOAD(moduleUnload, "cuModuleUnload")
  LOAD(moduleGetFunction, "cuModuleGetFunction")
  LOAD(launchKernel, "cuLaunchKernel")
  LOAD(streamCreate, "cuStreamCreate")
  LOAD(streamDestroy, "cuStreamDestroy_v2")
  LOAD(streamSynchronize, "cuStreamSynchronize")
  LOAD(streamWaitEvent, "cuStreamWaitEvent")
  LOAD(eventCreate, "cuEventCreate")
  LOAD(eventDestroy, "cuEventDestroy_v2")
  LOAD(eventRecord, "cuEventRecord")
  LOAD(eventSynchronize, "cuEventSynchronize")
  LOAD(memAlloc, "cuMemAlloc_v2")
  LOAD(memAllocManaged, "cuMemAllocManaged")
  LOAD(memFree, "cuMemFree_v2")
  LOAD(memcpyAsync, "cuMemcpyAsync")
  LOAD(getErrorString, "cuGetErrorString")
#undef LOAD
  driverReady = true;
  return true;
}

void tlrt_gpu_set_driver(const tlrt_gpu_driver *table) {
  pthread_mutex_lock(&driverLock);
  if (table) {
    driver = *table;
    driverReady = true;
  } else {
    driverReady = false;
  }
  context = NULL;
  pthread_mutex_unlock(&driverLock);
  contextSet = false;
}

int32_t tlrt_gpu_take_status(void) {
  int32_t s = status;
  status = TLRT_OK;
  return s;
}

/* Records the thread's first failure. */
static void failed(const char *call, int result) {
  if (status != TLRT_OK)
    return;
  const char *text = NULL;
  if (driver.getErrorString)
    driver.getErrorString(result, &text);
  status = TLRT_ERROR_GPU;
  tlrt_fail(TLRT_ERROR_GPU, "%s failed: CUDA error %d%s%s", call, result,
            text ? ": " : "", text ? text : "");
}

/* The driver, initialised, with device 0's primary context current on this
 * thread; false (and a recorded error) when there is none. */
static bool ready(void) {
  if (contextSet)
    return true;
  pthread_mutex_lock(&driverLock);
  bool ok = loadDriver();
  int r = 0;
  if (!ok) {
    pthread_mutex_unlock(&driverLock);
    if (status == TLRT_OK) {
      status = TLRT_ERROR_GPU;
      tlrt_fail(TLRT_ERROR_GPU,
                "no NVIDIA driver: libcuda.so.1 cannot be loaded (%s)",
                dlerror());
    }
    return false;
  }
  if (!context) {
    int device = 0;
    if ((r = driver.init(0)) != 0 || (r = driver.deviceGet(&device, 0)) != 0 ||
        (r = driver.primaryCtxRetain(&context, device)) != 0) {
      pthread_mutex_unlock(&driverLock);
      failed("initialising device 0", r);
      return false;
    }
  }
  void *ctx = context;
  pthread_mutex_unlock(&driverLock);
  if ((r = driver.ctxSetCurrent(ctx)) != 0) {
    failed("cuCtxSetCurrent", r);
    return false;
  }
  contextSet = true;
  return true;
}

#define CALL(expr, what)                                                       \
  do {                                                                         \
    int r_ = (expr);                                                           \
    if (r_ != 0)                                                               \
      failed(what, r_);                                                        \
  } while (0)

void *mgpuModuleLoad(void *data, size_t size) {
  void *module = NULL;
  if (!ready())
    return NULL;
  /* Cubins (ELF) and fatbins carry their size; PTX text must end in NUL,
   * which an embedded string need not. */
  const unsigned char *bytes = data;
  bool binary = size >= 4 && ((bytes[0] == 0x7f && bytes[1] == 'E') ||
                              (bytes[0] == 0x50 && bytes[1] == 0xed &&
                               bytes[2] == 0x55 && bytes[3] == 0xba));
  if (binary || (size && bytes[size - 1] == 0)) {
    CALL(driver.moduleLoadData(&module, data), "cuModuleLoadData");
    return module;
  }
  char *text = malloc(size + 1);
  if (!text) {
    failed("copying the PTX", 2 /* CUDA_ERROR_OUT_OF_MEMORY */);
    return NULL;
  }
  memcpy(text, data, size);
  text[size] = 0;
  CALL(driver.moduleLoadData(&module, text), "cuModuleLoadData");
  free(text);
  return module;
}

/* PTX embedded as text (gpu.binary format=isa): the driver compiles it. */
void *mgpuModuleLoadJIT(void *data, int optLevel) {
  (void)optLevel; /* the driver's default JIT optimisation */
  return mgpuModuleLoad(data, strlen((const char *)data) + 1);
}

void mgpuModuleUnload(void *module) {
  if (module && ready())
    CALL(driver.moduleUnload(module), "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  void *function = NULL;
  if (!module) {
    if (status == TLRT_OK) {
      status = TLRT_ERROR_GPU;
      tlrt_fail(TLRT_ERROR_GPU, "kernel %s: its module did not load", name);
    }
    return NULL;
  }
  if (ready())
    CALL(driver.moduleGetFunction(&function, module, name),
         "cuModuleGetFunction");
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t paramsCount) {
  (void)paramsCount; /* the kernel's signature tells the driver */
  /* After an error (a failed allocation, say) nothing more runs: a kernel
   * on a null buffer would poison the shared context. */
  if (!function || status != TLRT_OK || !ready())
    return;
  CALL(driver.launchKernel(function, (unsigned)gridX, (unsigned)gridY,
                           (unsigned)gridZ, (unsigned)blockX, (unsigned)blockY,
                           (unsigned)blockZ, (unsigned)sharedBytes, stream,
                           params, extra),
       "cuLaunchKernel");
}

void *mgpuStreamCreate(void) {
  if (useStream) {
    borrowed = useStream;
    useStream = NULL;
    return borrowed;
  }
  void *stream = NULL;
  if (ready())
    CALL(driver.streamCreate(&stream, 1 /* CU_STREAM_NON_BLOCKING */),
         "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  if (stream && stream == borrowed) {
    borrowed = NULL; /* the caller's */
    return;
  }
  if (stream && ready())
    CALL(driver.streamDestroy(stream), "cuStreamDestroy");
}

void mgpuStreamSynchronize(void *stream) {
  if (ready())
    CALL(driver.streamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  if (ready())
    CALL(driver.streamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

void *mgpuEventCreate(void) {
  void *event = NULL;
  if (ready())
    CALL(driver.eventCreate(&event, 2 /* CU_EVENT_DISABLE_TIMING */),
         "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  if (event && ready())
    CALL(driver.eventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(void *event) {
  if (ready())
    CALL(driver.eventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void *stream) {
  if (ready())
    CALL(driver.eventRecord(event, stream), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t bytes, void *stream, bool hostShared) {
  (void)stream;
  uint64_t pointer = 0;
  if (bytes && ready()) {
    if (hostShared)
      CALL(driver.memAllocManaged(&pointer, bytes, 1 /* CU_MEM_ATTACH_GLOBAL */),
           "cuMemAllocManaged");
    else
      CALL(driver.memAlloc(&pointer, bytes), "cuMemAlloc");
  }
  return (void *)(uintptr_t)pointer;
}

void mgpuMemFree(void *pointer, void *stream) {
  (void)stream;
  if (pointer && ready())
    CALL(driver.memFree((uint64_t)(uintptr_t)pointer), "cuMemFree");
}

void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream) {
  if (bytes && status == TLRT_OK && ready())
    CALL(driver.memcpyAsync((uint64_t)(uintptr_t)dst,
                            (uint64_t)(uintptr_t)src, bytes, stream),
         "cuMemcpyAsync");
}
