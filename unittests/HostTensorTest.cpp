//===- HostTensorTest.cpp - host tensors and .npy I/O ---------------------===//

#include "tlc/Support/HostTensor.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace tlc;

namespace {

const DType kAllDTypes[] = {DType::f32, DType::f64, DType::i32, DType::i64,
                            DType::i1};

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)            \
      << "'" << (haystack) << "' does not contain '" << (needle) << "'"

TEST(HostTensor, DTypes) {
  EXPECT_EQ(dtypeSize(DType::f32), 4u);
  EXPECT_EQ(dtypeSize(DType::f64), 8u);
  EXPECT_EQ(dtypeSize(DType::i32), 4u);
  EXPECT_EQ(dtypeSize(DType::i64), 8u);
  EXPECT_EQ(dtypeSize(DType::i1), 1u);
  EXPECT_EQ(dtypeName(DType::f32), "f32");
  EXPECT_EQ(dtypeName(DType::f64), "f64");
  EXPECT_EQ(dtypeName(DType::i32), "i32");
  EXPECT_EQ(dtypeName(DType::i64), "i64");
  EXPECT_EQ(dtypeName(DType::i1), "i1");
}

TEST(HostTensor, MlirTypes) {
  mlir::MLIRContext ctx;
  for (DType d : kAllDTypes) {
    mlir::Type t = mlirTypeOf(d, &ctx);
    ASSERT_TRUE(t);
    EXPECT_EQ(dtypeOf(t), d);
  }
  EXPECT_TRUE(mlirTypeOf(DType::f32, &ctx).isF32());
  EXPECT_TRUE(mlirTypeOf(DType::i1, &ctx).isInteger(1));
  EXPECT_FALSE(dtypeOf(mlir::Float16Type::get(&ctx)));
  EXPECT_FALSE(dtypeOf(mlir::IntegerType::get(&ctx, 16)));
  EXPECT_FALSE(dtypeOf(mlir::IntegerType::get(
      &ctx, 32, mlir::IntegerType::Unsigned)));
  EXPECT_FALSE(dtypeOf(mlir::IndexType::get(&ctx)));
}

TEST(HostTensor, Construction) {
  HostTensor t(DType::f64, {2, 3});
  EXPECT_EQ(t.numElements(), 6);
  EXPECT_EQ(t.sizeInBytes(), 48u);
  for (int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(t.getAsDouble(i), 0.0);
  EXPECT_EQ(t.typeString(), "f64[2, 3]");

  HostTensor scalar(DType::i1, {});
  EXPECT_EQ(scalar.numElements(), 1);
  EXPECT_EQ(scalar.sizeInBytes(), 1u);
  EXPECT_EQ(scalar.typeString(), "i1[]");

  HostTensor empty(DType::i32, {4, 0});
  EXPECT_EQ(empty.numElements(), 0);
  EXPECT_EQ(empty.sizeInBytes(), 0u);
  EXPECT_EQ(empty.typeString(), "i32[4, 0]");
}

TEST(HostTensor, GetAsDouble) {
  HostTensor f(DType::f32, {2});
  f.as<float>()[1] = -2.5f;
  EXPECT_EQ(f.getAsDouble(1), -2.5);
  HostTensor i(DType::i64, {1});
  i.as<int64_t>()[0] = -(int64_t(1) << 40);
  EXPECT_EQ(i.getAsDouble(0), -std::ldexp(1.0, 40));
  HostTensor b(DType::i1, {2});
  b.as<uint8_t>()[0] = 1;
  EXPECT_EQ(b.getAsDouble(0), 1.0);
  EXPECT_EQ(b.getAsDouble(1), 0.0);
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

/// Creates temporary files and removes them when the test ends.
class Npy : public ::testing::Test {
protected:
  void TearDown() override {
    for (const std::string &p : paths)
      llvm::sys::fs::remove(p);
  }
  std::string tempPath() {
    llvm::SmallString<128> path;
    std::error_code ec =
        llvm::sys::fs::createTemporaryFile("tlc-unittest", "npy", path);
    EXPECT_FALSE(ec) << ec.message();
    paths.push_back(std::string(path));
    return paths.back();
  }
  std::string writeRaw(const std::string &contents) {
    std::string path = tempPath();
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    EXPECT_FALSE(ec) << ec.message();
    os << contents;
    return path;
  }
  std::string readRaw(const std::string &path) {
    auto buf = llvm::MemoryBuffer::getFile(path);
    EXPECT_TRUE(bool(buf));
    return buf ? (*buf)->getBuffer().str() : "";
  }
  /// The error message of reading `contents` as a .npy file.
  std::string readError(const std::string &contents) {
    std::string path = writeRaw(contents);
    llvm::Expected<HostTensor> t = readNpy(path);
    if (t)
      return "<read>";
    std::string msg = llvm::toString(t.takeError());
    EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
    return msg;
  }

  std::vector<std::string> paths;
};

/// A .npy file with `dict` as header in format `major`.0, padded as numpy
/// pads, followed by `data`.
std::string npyFile(const std::string &dict, const std::string &data,
                    unsigned major = 1) {
  size_t lenSize = major == 1 ? 2 : 4;
  std::string header = dict;
  while ((10 - 2 + lenSize + header.size() + 1) % 64 != 0)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += char(major);
  out += char(0);
  for (size_t i = 0; i < lenSize; ++i)
    out += char((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

template <typename T> std::string bytesOf(std::initializer_list<T> values) {
  std::string s;
  for (T v : values)
    s.append(reinterpret_cast<const char *>(&v), sizeof(T));
  return s;
}

/// Fills `t` with distinct values, negative ones included (0/1 for i1).
void fill(HostTensor &t) {
  for (int64_t i = 0, e = t.numElements(); i < e; ++i) {
    switch (t.dtype) {
    case DType::f32:
      t.as<float>()[i] = 0.5f * i - 3.25f;
      break;
    case DType::f64:
      t.as<double>()[i] = 1.0 / (i + 1) - 7;
      break;
    case DType::i32:
      t.as<int32_t>()[i] = (int32_t)(i * 1000003) - 5;
      break;
    case DType::i64:
      t.as<int64_t>()[i] = (int64_t(1) << 40) * (i % 3 - 1) + i;
      break;
    case DType::i1:
      t.as<uint8_t>()[i] = (i * 7 % 3) == 1;
      break;
    }
  }
}

TEST_F(Npy, RoundTripAllDTypesAndShapes) {
  const std::vector<std::vector<int64_t>> shapes = {
      {}, {0}, {1}, {3}, {2, 3}, {2, 0, 4}, {2, 3, 4}, {1, 1, 1, 5}};
  for (DType d : kAllDTypes) {
    for (const std::vector<int64_t> &shape : shapes) {
      HostTensor t(d, shape);
      fill(t);
      std::string path = tempPath();
      ASSERT_FALSE(bool(writeNpy(path, t)));
      llvm::Expected<HostTensor> back = readNpy(path);
      ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
      EXPECT_EQ(back->dtype, d) << t.typeString();
      EXPECT_EQ(back->shape, shape) << t.typeString();
      EXPECT_EQ(back->bytes, t.bytes) << t.typeString();
    }
  }
}

TEST_F(Npy, WriterHeaderFollowsTheSpec) {
  struct Case {
    DType dtype;
    std::vector<int64_t> shape;
    std::string dict;
  };
  const Case cases[] = {
      {DType::f32, {3}, "{'descr': '<f4', 'fortran_order': False, "
                        "'shape': (3,), }"},
      {DType::f64, {}, "{'descr': '<f8', 'fortran_order': False, "
                       "'shape': (), }"},
      {DType::i32, {2, 3}, "{'descr': '<i4', 'fortran_order': False, "
                           "'shape': (2, 3), }"},
      {DType::i64, {0}, "{'descr': '<i8', 'fortran_order': False, "
                        "'shape': (0,), }"},
      {DType::i1, {2, 0, 4}, "{'descr': '|b1', 'fortran_order': False, "
                             "'shape': (2, 0, 4), }"},
  };
  for (const Case &c : cases) {
    HostTensor t(c.dtype, c.shape);
    fill(t);
    std::string path = tempPath();
    ASSERT_FALSE(bool(writeNpy(path, t)));
    std::string file = readRaw(path);
    ASSERT_GE(file.size(), 10u);
    EXPECT_EQ(file.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    size_t headerLen = (uint8_t)file[8] | ((uint8_t)file[9] << 8);
    // Magic, version, length and header fill whole 64-byte blocks.
    EXPECT_EQ((10 + headerLen) % 64, 0u) << c.dict;
    ASSERT_EQ(file.size(), 10 + headerLen + t.sizeInBytes());
    std::string header = file.substr(10, headerLen);
    EXPECT_EQ(header.back(), '\n');
    EXPECT_EQ(header.substr(0, c.dict.size()), c.dict);
    // Only spaces between the dict and the final newline.
    EXPECT_EQ(header.find_first_not_of(' ', c.dict.size()), headerLen - 1);
    EXPECT_EQ(file.substr(10 + headerLen),
              std::string(t.bytes.begin(), t.bytes.end()));
  }
}

TEST_F(Npy, ReadsVersions2And3) {
  for (unsigned major : {2u, 3u}) {
    std::string path = writeRaw(npyFile(
        "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
        bytesOf<int32_t>({-7, 123456}), major));
    llvm::Expected<HostTensor> t = readNpy(path);
    ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
    EXPECT_EQ(t->dtype, DType::i32);
    EXPECT_EQ(t->shape, (std::vector<int64_t>{2}));
    EXPECT_EQ(t->as<int32_t>()[0], -7);
    EXPECT_EQ(t->as<int32_t>()[1], 123456);
  }
}

TEST_F(Npy, ReadsOtherHeaderSpellings) {
  // Key order, double quotes, no trailing comma, Python 2 longs.
  std::string path = writeRaw(npyFile(
      "{\"shape\": (2L, 1L), \"fortran_order\": False, \"descr\": \"<f8\"}",
      bytesOf<double>({1.5, -0.25})));
  llvm::Expected<HostTensor> t = readNpy(path);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->dtype, DType::f64);
  EXPECT_EQ(t->shape, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(t->as<double>()[0], 1.5);
  EXPECT_EQ(t->as<double>()[1], -0.25);
}

TEST_F(Npy, BooleansAreNormalized) {
  std::string path = writeRaw(
      npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
              std::string("\x00\x02\x01", 3)));
  llvm::Expected<HostTensor> t = readNpy(path);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->bytes, (std::vector<uint8_t>{0, 1, 1}));
}

TEST_F(Npy, ReadErrors) {
  const std::string f4 = "{'descr': '<f4', 'fortran_order': False, ";
  const std::string data3 = bytesOf<float>({1, 2, 3});
  // Well-formed, to show that each error below comes from the one change.
  EXPECT_EQ(readError(npyFile(f4 + "'shape': (3,), }", data3)), "<read>");

  EXPECT_CONTAINS(readError(""), "bad magic");
  EXPECT_CONTAINS(readError("\x93NUMPX\x01\x00"), "bad magic");
  EXPECT_CONTAINS(readError("PK\x03\x04 not npy at all"), "bad magic");
  EXPECT_CONTAINS(readError("\x93NUMPY"), "truncated");
  EXPECT_CONTAINS(readError(std::string("\x93NUMPY\x01\x00\x40", 9)),
                  "truncated");
  std::string good = npyFile(f4 + "'shape': (3,), }", data3);
  // Cut inside the header, and inside the data.
  EXPECT_CONTAINS(readError(good.substr(0, 40)), "truncated");
  EXPECT_CONTAINS(readError(good.substr(0, good.size() - 1)),
                  "truncated data");
  EXPECT_CONTAINS(readError(good + "x"), "trailing data");
  EXPECT_CONTAINS(readError(npyFile(f4 + "'shape': (4,), }", data3)),
                  "needs 16 bytes");

  std::string version4 = good;
  version4[6] = 4;
  EXPECT_CONTAINS(readError(version4), "version 4.0");

  for (const char *descr : {"<f2", ">f4", "|u1", "<u4", "<c8", "|i1", "<b1"})
    EXPECT_CONTAINS(
        readError(npyFile(std::string("{'descr': '") + descr +
                              "', 'fortran_order': False, 'shape': (3,), }",
                          data3)),
        std::string("unsupported dtype '") + descr + "'");
  EXPECT_CONTAINS(
      readError(npyFile("{'descr': [('a', '<f4')], 'fortran_order': False, "
                        "'shape': (3,), }",
                        data3)),
      "structured");
  EXPECT_CONTAINS(
      readError(npyFile("{'descr': '<f4', 'fortran_order': True, "
                        "'shape': (3,), }",
                        data3)),
      "Fortran");
  EXPECT_CONTAINS(readError(npyFile(f4 + "}", data3)), "'shape'");
  EXPECT_CONTAINS(readError(npyFile(f4 + "'shape': (-3,), }", data3)),
                  "malformed header");
  EXPECT_CONTAINS(readError(npyFile(f4 + "'shape': 3, }", data3)),
                  "malformed header");
  EXPECT_CONTAINS(readError(npyFile(f4 + "'shape': (3,), 'x': 1}", data3)),
                  "unexpected key 'x'");
  EXPECT_CONTAINS(readError(npyFile("['descr', '<f4']", data3)),
                  "malformed header");
  EXPECT_CONTAINS(
      readError(npyFile(f4 + "'shape': (99999999999, 99999999999, "
                             "99999999999), }",
                        data3)),
      "too large");
}

TEST_F(Npy, MissingFile) {
  std::string path = tempPath() + ".does-not-exist";
  llvm::Expected<HostTensor> t = readNpy(path);
  ASSERT_FALSE(bool(t));
  std::string msg = llvm::toString(t.takeError());
  EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
}

TEST_F(Npy, WriteErrors) {
  HostTensor t(DType::f32, {3});
  t.bytes.resize(11);
  std::string path = tempPath();
  llvm::Error err = writeNpy(path, t);
  ASSERT_TRUE(bool(err));
  EXPECT_CONTAINS(llvm::toString(std::move(err)), "expected 12");

  HostTensor ok(DType::f32, {3});
  std::string bad = tempPath() + ".dir/missing/x.npy";
  llvm::Error err2 = writeNpy(bad, ok);
  ASSERT_TRUE(bool(err2));
  EXPECT_CONTAINS(llvm::toString(std::move(err2)), bad + ": ");
}

} // namespace
