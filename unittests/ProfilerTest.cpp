//===- ProfilerTest.cpp - libtlrt's profiler ------------------------------===//

#include "tlrt.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

tlrt_op_info makeOp(int64_t id, const char *name, double flops, double bytes) {
  return tlrt_op_info{id, name, "model.tl:1:1", flops, bytes, 0};
}

void call(tlrt_op_info *op, int times = 1) {
  for (int i = 0; i < times; ++i) {
    tlrt_profile_begin(op);
    tlrt_profile_end(op);
  }
}

tlrt_op_stats statsNamed(const char *name) {
  for (int i = 0, e = tlrt_profile_num_ops(); i < e; ++i) {
    tlrt_op_stats s;
    EXPECT_EQ(tlrt_profile_op_stats(i, &s), TLRT_OK);
    if (std::string(s.name) == name)
      return s;
  }
  ADD_FAILURE() << "no op named " << name;
  return {};
}

std::string tempPath(const char *suffix) {
  return ::testing::TempDir() + "tlrt_" + std::to_string(getpid()) + suffix;
}

TEST(Profiler, CountsEveryCall) {
  tlrt_profile_reset();
  tlrt_op_info a = makeOp(0, "a", 10, 4), b = makeOp(1, "b", 0, 8);
  call(&a, 3);
  call(&b, 2);
  EXPECT_EQ(tlrt_profile_num_ops(), 2);
  EXPECT_EQ(tlrt_profile_num_events(), 5);
  tlrt_op_stats s = statsNamed("a");
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.id, 0);
  EXPECT_STREQ(s.location, "model.tl:1:1");
  EXPECT_LE(s.min_ms, s.mean_ms);
  EXPECT_LE(s.mean_ms, s.max_ms);
  EXPECT_NEAR(s.total_ms, s.mean_ms * 3, 1e-9);
  EXPECT_EQ(s.flops, 10);
  EXPECT_EQ(statsNamed("b").count, 2);
}

TEST(Profiler, NestedCallsTimeTheirOwnSpan) {
  tlrt_profile_reset();
  tlrt_op_info outer = makeOp(0, "outer", 0, 0),
               inner = makeOp(1, "inner", 0, 0);
  tlrt_profile_begin(&outer);
  tlrt_profile_begin(&inner);
  usleep(2000);
  tlrt_profile_end(&inner);
  usleep(2000);
  tlrt_profile_end(&outer);
  tlrt_op_stats o = statsNamed("outer"), i = statsNamed("inner");
  EXPECT_EQ(o.count, 1);
  EXPECT_EQ(i.count, 1);
  EXPECT_GE(i.total_ms, 2.0);
  EXPECT_GE(o.total_ms, i.total_ms + 2.0);
}

TEST(Profiler, EndWithoutBeginIsIgnored) {
  tlrt_profile_reset();
  tlrt_op_info a = makeOp(0, "a", 0, 0);
  tlrt_profile_end(&a);
  EXPECT_EQ(tlrt_profile_num_ops(), 0);
  EXPECT_EQ(tlrt_profile_num_events(), 0);
}

TEST(Profiler, TwoThreadsLoseNoCalls) {
  tlrt_profile_reset();
  tlrt_op_info shared = makeOp(0, "shared", 0, 0);
  tlrt_op_info own[2] = {makeOp(1, "t0", 0, 0), makeOp(2, "t1", 0, 0)};
  constexpr int kCalls = 20000;
  std::thread threads[2];
  for (int t = 0; t < 2; ++t)
    threads[t] = std::thread([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        tlrt_profile_begin(&shared);
        call(&own[t]);
        tlrt_profile_end(&shared);
      }
    });
  for (std::thread &t : threads)
    t.join();
  EXPECT_EQ(tlrt_profile_num_ops(), 3);
  EXPECT_EQ(statsNamed("shared").count, 2 * kCalls);
  EXPECT_EQ(statsNamed("t0").count, kCalls);
  EXPECT_EQ(statsNamed("t1").count, kCalls);
  EXPECT_EQ(tlrt_profile_num_events(), 4 * kCalls);
}

TEST(Profiler, ResetForgetsAndOpsRegisterAgain) {
  tlrt_profile_reset();
  tlrt_op_info a = makeOp(0, "a", 0, 0);
  call(&a, 2);
  tlrt_profile_reset();
  EXPECT_EQ(tlrt_profile_num_ops(), 0);
  EXPECT_EQ(tlrt_profile_num_events(), 0);
  call(&a);
  EXPECT_EQ(tlrt_profile_num_ops(), 1);
  EXPECT_EQ(statsNamed("a").count, 1);
}

TEST(Profiler, ChromeTraceParsesBack) {
  tlrt_profile_reset();
  tlrt_op_info a = makeOp(7, "einsum \"ij\"\\x", 2e6, 1e6);
  tlrt_op_info b = makeOp(8, "map relu", 1e3, 8e3);
  call(&a, 2);
  call(&b);
  std::string path = tempPath(".json");
  ASSERT_EQ(tlrt_profile_write_chrome_trace(path.c_str()), TLRT_OK);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(buffer));
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  ASSERT_TRUE(bool(json)) << llvm::toString(json.takeError());
  const llvm::json::Array *events =
      json->getAsObject()->getArray("traceEvents");
  ASSERT_NE(events, nullptr);
  ASSERT_EQ(events->size(), 3u);
  const llvm::json::Object *first = (*events)[0].getAsObject();
  EXPECT_EQ(first->getString("name"), "einsum \"ij\"\\x");
  EXPECT_EQ(first->getString("ph"), "X");
  EXPECT_EQ(first->getNumber("ts"), 0.0);
  EXPECT_GE(*first->getNumber("dur"), 0.0);
  EXPECT_EQ(first->getObject("args")->getInteger("id"), 7);
  EXPECT_EQ(first->getObject("args")->getString("location"), "model.tl:1:1");
  EXPECT_EQ((*events)[2].getAsObject()->getString("name"), "map relu");
  std::remove(path.c_str());
}

TEST(Profiler, ReportSortsAndClassifiesBottlenecks) {
  tlrt_profile_reset();
  tlrt_set_machine_peak(100, 10); // balance: 10 flop/byte
  tlrt_op_info compute = makeOp(0, "compute", 1000, 10);
  tlrt_op_info memory = makeOp(1, "memory", 1, 10);
  tlrt_profile_begin(&compute);
  usleep(3000);
  tlrt_profile_end(&compute);
  tlrt_profile_begin(&memory);
  usleep(1000);
  tlrt_profile_end(&memory);
  std::string path = tempPath(".txt");
  FILE *f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  tlrt_profile_report(f);
  std::fclose(f);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(buffer));
  std::string text = (*buffer)->getBuffer().str();
  size_t c = text.find("#0 compute"), m = text.find("#1 memory");
  ASSERT_NE(c, std::string::npos);
  ASSERT_NE(m, std::string::npos);
  EXPECT_LT(c, m) << text; // sorted by total time
  EXPECT_NE(text.find("100.00 flop/byte, compute-bound"), std::string::npos)
      << text;
  EXPECT_NE(text.find("0.10 flop/byte, memory-bound"), std::string::npos)
      << text;
  EXPECT_NE(text.find("machine balance 10.00 flop/byte"), std::string::npos);
  std::remove(path.c_str());
  tlrt_set_machine_peak(0, 0);
}

TEST(Profiler, ErrorCodesAndMessages) {
  tlrt_profile_reset();
  tlrt_op_stats s;
  EXPECT_EQ(tlrt_profile_op_stats(0, &s), TLRT_ERROR_ARGUMENT);
  EXPECT_NE(std::string(tlrt_last_error()).find("no op 0"), std::string::npos);
  EXPECT_EQ(tlrt_profile_op_stats(0, nullptr), TLRT_ERROR_ARGUMENT);
  EXPECT_EQ(tlrt_profile_write_chrome_trace(nullptr), TLRT_ERROR_ARGUMENT);
  EXPECT_EQ(tlrt_profile_write_chrome_trace("/nonexistent-dir/t.json"),
            TLRT_ERROR_IO);
  EXPECT_NE(std::string(tlrt_last_error()).find("/nonexistent-dir/t.json"),
            std::string::npos);
}

TEST(RunBatch, WorkspaceSizesDoNotOverflow) {
  EXPECT_EQ(tlrt_batch_workspace_size(100, 3), 3u * 128u);
  EXPECT_EQ(tlrt_batch_workspace_size(100, 0), 0u);
  EXPECT_EQ(tlrt_batch_workspace_size(size_t(1) << 62, 8), SIZE_MAX);
  EXPECT_EQ(tlrt_batch_workspace_size(SIZE_MAX - 1, 1), SIZE_MAX);
  int32_t (*fn)(void **) = [](void **) { return 0; };
  char workspace[64];
  EXPECT_EQ(tlrt_run_batch(fn, 0, 0, size_t(1) << 62, 8, nullptr, nullptr,
                           workspace, nullptr),
            TLRT_ERROR_ARGUMENT);
  EXPECT_NE(std::string(tlrt_last_error()).find("do not fit in memory"),
            std::string::npos);
}

} // namespace
