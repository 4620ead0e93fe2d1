//===- GpuRuntimeTest.cpp - libtlrt's mgpu* functions without a GPU -------===//
//
// A fake CUDA driver records what libtlrt passes to it: launches, copies
// and allocations arrive intact, and driver errors become statuses and
// messages instead of aborts.

#include "tlrt.h"

#include "gtest/gtest.h"

#include <dlfcn.h>
#include <string>
#include <vector>

namespace {

struct Recorded {
  unsigned grid[3], block[3], shared;
  void *stream;
  void **params;
  std::vector<float> firstArgs;
  int failModuleLoad = 0, failLaunch = 0;
  int streamsCreated = 0, streamsDestroyed = 0;
  uint64_t copiedDst = 0, copiedSrc = 0;
  size_t copiedBytes = 0;
  bool managed = false;
  std::string loadedImage;
} rec;

char moduleTag, functionTag, streamTag, contextTag;

tlrt_gpu_driver fake() {
  tlrt_gpu_driver d{};
  d.init = [](unsigned) { return 0; };
  d.deviceGet = [](int *device, int) { return *device = 0, 0; };
  d.primaryCtxRetain = [](void **ctx, int) { return *ctx = &contextTag, 0; };
  d.ctxSetCurrent = [](void *) { return 0; };
  d.moduleLoadData = [](void **module, const void *image) {
    rec.loadedImage = static_cast<const char *>(image);
    if (rec.failModuleLoad)
      return rec.failModuleLoad;
    return *module = &moduleTag, 0;
  };
  d.moduleUnload = [](void *) { return 0; };
  d.moduleGetFunction = [](void **f, void *, const char *) {
    return *f = &functionTag, 0;
  };
  d.launchKernel = [](void *, unsigned gx, unsigned gy, unsigned gz,
                      unsigned bx, unsigned by, unsigned bz, unsigned shared,
                      void *stream, void **params, void **) {
    rec.grid[0] = gx, rec.grid[1] = gy, rec.grid[2] = gz;
    rec.block[0] = bx, rec.block[1] = by, rec.block[2] = bz;
    rec.shared = shared;
    rec.stream = stream;
    rec.params = params;
    rec.firstArgs = {*static_cast<float *>(params[0]),
                     *static_cast<float *>(params[1])};
    return rec.failLaunch;
  };
  d.streamCreate = [](void **s, unsigned) {
    ++rec.streamsCreated;
    return *s = &streamTag, 0;
  };
  d.streamDestroy = [](void *) { return ++rec.streamsDestroyed, 0; };
  d.streamSynchronize = [](void *) { return 0; };
  d.streamWaitEvent = [](void *, void *, unsigned) { return 0; };
  d.eventCreate = [](void **e, unsigned) { return *e = &streamTag, 0; };
  d.eventDestroy = [](void *) { return 0; };
  d.eventRecord = [](void *, void *) { return 0; };
  d.eventSynchronize = [](void *) { return 0; };
  d.memAlloc = [](uint64_t *p, size_t) { return *p = 0x1000, 0; };
  d.memAllocManaged = [](uint64_t *p, size_t, unsigned) {
    rec.managed = true;
    return *p = 0x2000, 0;
  };
  d.memFree = [](uint64_t) { return 0; };
  d.memcpyAsync = [](uint64_t dst, uint64_t src, size_t bytes, void *) {
    rec.copiedDst = dst, rec.copiedSrc = src, rec.copiedBytes = bytes;
    return 0;
  };
  d.getErrorString = [](int error, const char **text) {
    *text = error == 200 ? "device kernel image is invalid" : "other";
    return 0;
  };
  return d;
}

struct GpuRuntime : ::testing::Test {
  void SetUp() override {
    rec = Recorded();
    tlrt_gpu_driver d = fake();
    tlrt_gpu_set_driver(&d);
    tlrt_gpu_take_status();
  }
  void TearDown() override { tlrt_gpu_set_driver(nullptr); }
};

TEST_F(GpuRuntime, LaunchPassesGridBlockAndArguments) {
  char ptx[] = "// PTX";
  void *module = mgpuModuleLoad(ptx, sizeof ptx);
  void *function = mgpuModuleGetFunction(module, "k");
  void *stream = mgpuStreamCreate();
  float a = 1.5f, b = -2.0f;
  void *params[] = {&a, &b};
  mgpuLaunchKernel(function, 4, 2, 1, 16, 16, 1, 128, stream, params, nullptr,
                   2);
  EXPECT_EQ(rec.grid[0], 4u);
  EXPECT_EQ(rec.grid[1], 2u);
  EXPECT_EQ(rec.block[0], 16u);
  EXPECT_EQ(rec.block[1], 16u);
  EXPECT_EQ(rec.shared, 128u);
  EXPECT_EQ(rec.stream, stream);
  EXPECT_EQ(rec.params, params);
  EXPECT_EQ(rec.firstArgs, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_OK);
}

TEST_F(GpuRuntime, PtxWithoutTerminatorIsLoadedAsAString) {
  char text[] = {'.', 'v', 'e', 'r'}; // no NUL
  EXPECT_NE(mgpuModuleLoad(text, sizeof text), nullptr);
  EXPECT_EQ(rec.loadedImage, ".ver");
}

TEST_F(GpuRuntime, MemoryCallsPassPointersAndSizes) {
  void *device = mgpuMemAlloc(64, nullptr, false);
  EXPECT_EQ(device, (void *)0x1000);
  EXPECT_FALSE(rec.managed);
  EXPECT_EQ(mgpuMemAlloc(64, nullptr, true), (void *)0x2000);
  EXPECT_TRUE(rec.managed);
  float host[16];
  mgpuMemcpy(device, host, sizeof host, nullptr);
  EXPECT_EQ(rec.copiedDst, 0x1000u);
  EXPECT_EQ(rec.copiedSrc, (uint64_t)(uintptr_t)host);
  EXPECT_EQ(rec.copiedBytes, sizeof host);
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_OK);
}

TEST_F(GpuRuntime, DriverErrorsBecomeStatusesNotAborts) {
  rec.failModuleLoad = 200;
  char image[] = "x";
  void *module = mgpuModuleLoad(image, sizeof image);
  EXPECT_EQ(module, nullptr);
  // The first error is kept; later ones do not overwrite it.
  EXPECT_EQ(mgpuModuleGetFunction(module, "k"), nullptr);
  EXPECT_STREQ(tlrt_last_error(), "cuModuleLoadData failed: CUDA error 200: "
                                  "device kernel image is invalid");
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_ERROR_GPU);
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_OK); // taken
  mgpuModuleGetFunction(nullptr, "k");
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_ERROR_GPU);
  EXPECT_STREQ(tlrt_last_error(), "kernel k: its module did not load");
  rec.failLaunch = 701;
  float a = 0, b = 0;
  void *params[] = {&a, &b};
  mgpuLaunchKernel(&functionTag, 1, 1, 1, 1, 1, 1, 0, nullptr, params, nullptr,
                   2);
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_ERROR_GPU);
  EXPECT_STREQ(tlrt_last_error(),
               "cuLaunchKernel failed: CUDA error 701: other");
}

TEST_F(GpuRuntime, RunDeviceBorrowsTheCallersStream) {
  // NAME_run_device hands its stream over; the run's create and destroy
  // must use it and leave it alive.
  char callerStream;
  tlrt_gpu_use_stream(&callerStream);
  void *stream = mgpuStreamCreate();
  EXPECT_EQ(stream, &callerStream);
  mgpuStreamDestroy(stream);
  EXPECT_EQ(rec.streamsCreated, 0);
  EXPECT_EQ(rec.streamsDestroyed, 0);
  // The next run without one gets its own.
  void *own = mgpuStreamCreate();
  EXPECT_EQ(own, &streamTag);
  mgpuStreamDestroy(own);
  EXPECT_EQ(rec.streamsCreated, 1);
  EXPECT_EQ(rec.streamsDestroyed, 1);
}

TEST(GpuRuntimeNoDriver, ReportsAMissingDriver) {
  if (void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL)) {
    dlclose(lib);
    GTEST_SKIP() << "this machine has an NVIDIA driver (libcuda.so.1), so "
                    "the no-driver path cannot be exercised here";
  }
  tlrt_gpu_set_driver(nullptr);
  tlrt_gpu_take_status();
  EXPECT_EQ(mgpuStreamCreate(), nullptr);
  EXPECT_EQ(tlrt_gpu_take_status(), TLRT_ERROR_GPU);
  EXPECT_NE(std::string(tlrt_last_error()).find("no NVIDIA driver"),
            std::string::npos)
      << tlrt_last_error();
}

} // namespace
