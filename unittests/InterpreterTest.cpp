//===- InterpreterTest.cpp - the reference interpreter --------------------===//
//
// Expected values are computed here with plain loops (or are small enough to
// check by hand), never copied from the interpreter's output.
//
//===----------------------------------------------------------------------===//

#include "tlc/Reference/Interpreter.h"

#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace tlc;

namespace {

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)            \
      << "'" << (haystack) << "' does not contain '" << (needle) << "'"

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

template <typename T> constexpr DType dtypeFor() {
  if constexpr (std::is_same_v<T, float>)
    return DType::f32;
  else if constexpr (std::is_same_v<T, double>)
    return DType::f64;
  else if constexpr (std::is_same_v<T, int32_t>)
    return DType::i32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return DType::i64;
  else
    return DType::i1; // uint8_t
}

/// A tensor of `shape` holding `values` (row-major).
template <typename T>
HostTensor make(std::vector<int64_t> shape, std::vector<T> values) {
  HostTensor t(dtypeFor<T>(), shape);
  EXPECT_EQ((int64_t)values.size(), t.numElements());
  for (size_t i = 0; i < values.size(); ++i)
    t.template as<T>()[i] = values[i];
  return t;
}

/// A tensor of `shape` holding f(i) at flat index i.
template <typename T, typename F>
HostTensor iota(std::vector<int64_t> shape, F f) {
  HostTensor t(dtypeFor<T>(), shape);
  for (int64_t i = 0, e = t.numElements(); i < e; ++i)
    t.template as<T>()[i] = f(i);
  return t;
}

template <typename T> std::vector<T> valuesOf(const HostTensor &t) {
  EXPECT_EQ(t.dtype, dtypeFor<T>()) << t.typeString();
  return std::vector<T>(t.as<T>(), t.as<T>() + t.numElements());
}

class Interpreter : public ::testing::Test {
protected:
  Interpreter() {
    ctx.loadDialect<tl::TLDialect, mlir::func::FuncDialect>();
    // Diagnostics of the error tests go into the returned errors.
    ctx.printOpOnDiagnostic(false);
  }

  /// Parses `source` and evaluates the function `name` on `inputs`.
  llvm::Expected<std::vector<HostTensor>>
  run(llvm::StringRef source, std::vector<HostTensor> inputs,
      llvm::StringRef name = "f") {
    // Not verified here: evaluate must reject invalid IR itself.
    module = mlir::parseSourceString<mlir::ModuleOp>(
        source, mlir::ParserConfig(&ctx, /*verifyAfterParse=*/false),
        "test.mlir");
    if (!module)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "parse error");
    auto func = module->lookupSymbol<mlir::func::FuncOp>(name);
    if (!func)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "no function");
    return reference::evaluate(func, inputs);
  }

  /// Like run, for programs that must evaluate; returns the only result.
  HostTensor eval(llvm::StringRef source, std::vector<HostTensor> inputs) {
    llvm::Expected<std::vector<HostTensor>> r = run(source, inputs);
    if (!r) {
      ADD_FAILURE() << llvm::toString(r.takeError());
      return HostTensor();
    }
    EXPECT_EQ(r->size(), 1u);
    return r->empty() ? HostTensor() : (*r)[0];
  }

  /// The error message of a program that must fail.
  std::string error(llvm::StringRef source, std::vector<HostTensor> inputs) {
    llvm::Expected<std::vector<HostTensor>> r = run(source, inputs);
    if (r)
      return "<evaluated>";
    return llvm::toString(r.takeError());
  }

  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

//===----------------------------------------------------------------------===//
// tl.einsum
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, Matmul2x2ByHand) {
  HostTensor r = eval(R"(
    func.func @f(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
      %r = tl.einsum "ij,jk->ik" %a, %b
          : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
      return %r : tensor<2x2xf32>
    })",
                      {make<float>({2, 2}, {1, 2, 3, 4}),
                       make<float>({2, 2}, {5, 6, 7, 8})});
  EXPECT_EQ(r.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(valuesOf<float>(r), (std::vector<float>{19, 22, 43, 50}));
}

TEST_F(Interpreter, MatmulF64) {
  const int64_t M = 3, K = 4, N = 5;
  HostTensor a = iota<double>({M, K}, [](int64_t i) { return 0.5 * i - 2; });
  HostTensor b = iota<double>({K, N}, [](int64_t i) { return 1.0 / (i + 1); });
  HostTensor r = eval(R"(
    func.func @f(%a: tensor<3x4xf64>, %b: tensor<4x5xf64>) -> tensor<3x5xf64> {
      %r = tl.einsum "ij,jk->ik" %a, %b
          : tensor<3x4xf64>, tensor<4x5xf64> -> tensor<3x5xf64>
      return %r : tensor<3x5xf64>
    })",
                      {a, b});
  ASSERT_EQ(r.shape, (std::vector<int64_t>{M, N}));
  for (int64_t i = 0; i < M; ++i)
    for (int64_t k = 0; k < N; ++k) {
      double s = 0;
      for (int64_t j = 0; j < K; ++j)
        s += a.as<double>()[i * K + j] * b.as<double>()[j * N + k];
      EXPECT_DOUBLE_EQ(r.as<double>()[i * N + k], s);
    }
}

TEST_F(Interpreter, TraceAndDiagonal) {
  HostTensor x = iota<int64_t>({3, 3}, [](int64_t i) { return i * i - 4; });
  int64_t trace = 0;
  for (int64_t i = 0; i < 3; ++i)
    trace += x.as<int64_t>()[i * 3 + i];
  HostTensor t = eval(R"(
    func.func @f(%x: tensor<3x3xi64>) -> tensor<i64> {
      %r = tl.einsum "ii->" %x : tensor<3x3xi64> -> tensor<i64>
      return %r : tensor<i64>
    })",
                      {x});
  EXPECT_TRUE(t.shape.empty());
  EXPECT_EQ(valuesOf<int64_t>(t), (std::vector<int64_t>{trace}));

  HostTensor d = eval(R"(
    func.func @f(%x: tensor<3x3xi64>) -> tensor<3xi64> {
      %r = tl.einsum "ii->i" %x : tensor<3x3xi64> -> tensor<3xi64>
      return %r : tensor<3xi64>
    })",
                      {x});
  const int64_t *xs = x.as<int64_t>();
  EXPECT_EQ(valuesOf<int64_t>(d),
            (std::vector<int64_t>{xs[0], xs[4], xs[8]}));
}

TEST_F(Interpreter, BatchMatmulWithBroadcast) {
  // a: [1, 2, 3] broadcasts its batch dimension against b: [4, 3, 2].
  HostTensor a = iota<float>({1, 2, 3}, [](int64_t i) { return i + 1.0f; });
  HostTensor b = iota<float>({4, 3, 2}, [](int64_t i) { return i - 5.0f; });
  HostTensor r = eval(R"(
    func.func @f(%a: tensor<1x2x3xf32>, %b: tensor<4x3x2xf32>) -> tensor<4x2x2xf32> {
      %r = tl.einsum "...ij,...jk->...ik" %a, %b
          : tensor<1x2x3xf32>, tensor<4x3x2xf32> -> tensor<4x2x2xf32>
      return %r : tensor<4x2x2xf32>
    })",
                      {a, b});
  ASSERT_EQ(r.shape, (std::vector<int64_t>{4, 2, 2}));
  for (int64_t n = 0; n < 4; ++n)
    for (int64_t i = 0; i < 2; ++i)
      for (int64_t k = 0; k < 2; ++k) {
        float s = 0;
        for (int64_t j = 0; j < 3; ++j)
          s += a.as<float>()[i * 3 + j] * b.as<float>()[n * 6 + j * 2 + k];
        EXPECT_FLOAT_EQ(r.as<float>()[n * 4 + i * 2 + k], s);
      }
}

TEST_F(Interpreter, ScalarTimesMatrix) {
  HostTensor r = eval(R"(
    func.func @f(%s: tensor<f32>, %x: tensor<2x3xf32>) -> tensor<3x2xf32> {
      %r = tl.einsum ",ij->ji" %s, %x
          : tensor<f32>, tensor<2x3xf32> -> tensor<3x2xf32>
      return %r : tensor<3x2xf32>
    })",
                      {make<float>({}, {-2}),
                       make<float>({2, 3}, {1, 2, 3, 4, 5, 6})});
  EXPECT_EQ(valuesOf<float>(r),
            (std::vector<float>{-2, -8, -4, -10, -6, -12}));
}

TEST_F(Interpreter, OrAnd) {
  // Grandparent = Parent . Parent over a small relation.
  const int n = 4;
  auto parent = [](int64_t x, int64_t y) {
    return y == x + 1 || (x == 0 && y == 2);
  };
  HostTensor p =
      iota<uint8_t>({n, n}, [&](int64_t i) { return parent(i / n, i % n); });
  HostTensor r = eval(R"(
    func.func @f(%p: tensor<4x4xi1>) -> tensor<4x4xi1> {
      %r = tl.einsum "xy,yz->xz" %p, %p {semiring = #tl.semiring<or_and>}
          : tensor<4x4xi1>, tensor<4x4xi1> -> tensor<4x4xi1>
      return %r : tensor<4x4xi1>
    })",
                      {p});
  ASSERT_EQ(r.dtype, DType::i1);
  int numTrue = 0;
  for (int x = 0; x < n; ++x)
    for (int z = 0; z < n; ++z) {
      bool any = false;
      for (int y = 0; y < n; ++y)
        any = any || (parent(x, y) && parent(y, z));
      EXPECT_EQ(r.as<uint8_t>()[x * n + z], any ? 1 : 0) << x << "," << z;
      numTrue += any;
    }
  EXPECT_EQ(numTrue, 3); // 0->2 (via 1), 0->3 (via 2), 1->3.
}

TEST_F(Interpreter, PlusTimesOnBooleansIsOrOfAnd) {
  HostTensor r = eval(R"(
    func.func @f(%a: tensor<2x2xi1>, %b: tensor<2x2xi1>) -> tensor<2x2xi1> {
      %r = tl.einsum "ij,jk->ik" %a, %b
          : tensor<2x2xi1>, tensor<2x2xi1> -> tensor<2x2xi1>
      return %r : tensor<2x2xi1>
    })",
                      {make<uint8_t>({2, 2}, {1, 1, 0, 1}),
                       make<uint8_t>({2, 2}, {1, 1, 1, 0})});
  // Row 0 has two matches for column 0: OR gives 1, never 2.
  EXPECT_EQ(valuesOf<uint8_t>(r), (std::vector<uint8_t>{1, 1, 1, 0}));
}

TEST_F(Interpreter, MinPlusShortestPathStep) {
  const int n = 4;
  std::vector<float> w = {0,    1,    kInf, 10, //
                          kInf, 0,    2,    kInf,
                          kInf, kInf, 0,    3, //
                          kInf, kInf, kInf, 0};
  HostTensor r = eval(R"(
    func.func @f(%d: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
      %r = tl.einsum "xy,yz->xz" %d, %w {semiring = #tl.semiring<min_plus>}
          : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
      return %r : tensor<4x4xf32>
    })",
                      {make<float>({n, n}, w), make<float>({n, n}, w)});
  for (int x = 0; x < n; ++x)
    for (int z = 0; z < n; ++z) {
      float best = kInf;
      for (int y = 0; y < n; ++y)
        best = std::min(best, w[x * n + y] + w[y * n + z]);
      EXPECT_EQ(r.as<float>()[x * n + z], best) << x << "," << z;
    }
  EXPECT_EQ(r.as<float>()[0 * n + 2], 3.0f); // 0 -> 1 -> 2
  EXPECT_EQ(r.as<float>()[0 * n + 3], 10.0f); // direct; two hops are not enough
  EXPECT_EQ(r.as<float>()[3 * n + 0], kInf);
}

TEST_F(Interpreter, MaxPlusAndMaxTimesOnIntegers) {
  HostTensor a = make<int32_t>({2, 3}, {1, -5, 3, -2, -8, -1});
  HostTensor b = make<int32_t>({3, 2}, {4, -1, 2, 7, -3, 0});
  HostTensor mp = eval(R"(
    func.func @f(%a: tensor<2x3xi32>, %b: tensor<3x2xi32>) -> tensor<2x2xi32> {
      %r = tl.einsum "ij,jk->ik" %a, %b {semiring = #tl.semiring<max_plus>}
          : tensor<2x3xi32>, tensor<3x2xi32> -> tensor<2x2xi32>
      return %r : tensor<2x2xi32>
    })",
                       {a, b});
  HostTensor mt = eval(R"(
    func.func @f(%a: tensor<2x3xi32>, %b: tensor<3x2xi32>) -> tensor<2x2xi32> {
      %r = tl.einsum "ij,jk->ik" %a, %b {semiring = #tl.semiring<max_times>}
          : tensor<2x3xi32>, tensor<3x2xi32> -> tensor<2x2xi32>
      return %r : tensor<2x2xi32>
    })",
                       {a, b});
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 2; ++k) {
      int32_t bestSum = INT32_MIN, bestProd = INT32_MIN;
      for (int j = 0; j < 3; ++j) {
        int32_t x = a.as<int32_t>()[i * 3 + j], y = b.as<int32_t>()[j * 2 + k];
        bestSum = std::max(bestSum, x + y);
        bestProd = std::max(bestProd, x * y);
      }
      EXPECT_EQ(mp.as<int32_t>()[i * 2 + k], bestSum);
      EXPECT_EQ(mt.as<int32_t>()[i * 2 + k], bestProd);
    }
}

TEST_F(Interpreter, EmptyContractionGivesSemiringIdentity) {
  auto run0 = [&](const char *semiring, const char *type) {
    std::string src = std::string(R"(
      func.func @f(%a: tensor<2x0xT>, %b: tensor<0x3xT>) -> tensor<2x3xT> {
        %r = tl.einsum "ij,jk->ik" %a, %b {semiring = #tl.semiring<S>}
            : tensor<2x0xT>, tensor<0x3xT> -> tensor<2x3xT>
        return %r : tensor<2x3xT>
      })");
    for (size_t p; (p = src.find('S')) != std::string::npos;)
      src.replace(p, 1, semiring);
    for (size_t p; (p = src.find("xT")) != std::string::npos;)
      src.replace(p + 1, 1, type);
    DType d = std::string(type) == "f32" ? DType::f32 : DType::i64;
    return eval(src, {HostTensor(d, {2, 0}), HostTensor(d, {0, 3})});
  };
  for (float v : valuesOf<float>(run0("plus_times", "f32")))
    EXPECT_EQ(v, 0.0f);
  for (float v : valuesOf<float>(run0("max_plus", "f32")))
    EXPECT_EQ(v, -kInf);
  for (float v : valuesOf<float>(run0("min_plus", "f32")))
    EXPECT_EQ(v, kInf);
  for (float v : valuesOf<float>(run0("max_times", "f32")))
    EXPECT_EQ(v, -kInf);
  for (int64_t v : valuesOf<int64_t>(run0("max_plus", "i64")))
    EXPECT_EQ(v, INT64_MIN);
  for (int64_t v : valuesOf<int64_t>(run0("min_plus", "i64")))
    EXPECT_EQ(v, INT64_MAX);
}

TEST_F(Interpreter, MaxPlusPropagatesNaN) {
  HostTensor r = eval(R"(
    func.func @f(%a: tensor<3xf32>) -> tensor<f32> {
      %r = tl.einsum "i->" %a {semiring = #tl.semiring<max_plus>}
          : tensor<3xf32> -> tensor<f32>
      return %r : tensor<f32>
    })",
                      {make<float>({3}, {1, kNaN, 5})});
  EXPECT_TRUE(std::isnan(r.as<float>()[0]));
}

TEST_F(Interpreter, Int32Wraps) {
  HostTensor x = make<int32_t>({3}, {INT32_MAX, INT32_MAX, 7});
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<3xi32>) -> tensor<i32> {
      %r = tl.einsum "i,i->" %x, %x : tensor<3xi32>, tensor<3xi32> -> tensor<i32>
      return %r : tensor<i32>
    })",
                      {x});
  uint32_t expected = 0;
  for (int i = 0; i < 3; ++i) {
    uint32_t v = (uint32_t)x.as<int32_t>()[i];
    expected += v * v;
  }
  EXPECT_EQ(r.as<int32_t>()[0], (int32_t)expected);

  HostTensor s = eval(R"(
    func.func @f(%x: tensor<3xi32>) -> tensor<3xi32> {
      %r = tl.map "i,i->i" add %x, %x : tensor<3xi32>, tensor<3xi32> -> tensor<3xi32>
      return %r : tensor<3xi32>
    })",
                      {x});
  EXPECT_EQ(valuesOf<int32_t>(s), (std::vector<int32_t>{-2, -2, 14}));
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, MapBroadcastAddThenRelu) {
  HostTensor x = iota<float>({3, 4}, [](int64_t i) { return i - 6.0f; });
  HostTensor b = make<float>({4}, {0.5f, -1, 2, -3});
  auto r = run(R"(
    func.func @f(%x: tensor<3x4xf32>, %b: tensor<4xf32>) -> (tensor<3x4xf32>, tensor<4x3xf32>) {
      %s = tl.map "bh,h->bh" add %x, %b : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
      %y = tl.map "bh->bh" relu %s : tensor<3x4xf32> -> tensor<3x4xf32>
      %t = tl.map "bh,h->hb" sub %x, %b : tensor<3x4xf32>, tensor<4xf32> -> tensor<4x3xf32>
      return %y, %t : tensor<3x4xf32>, tensor<4x3xf32>
    })",
               {x, b});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 2u);
  const HostTensor &y = (*r)[0], &t = (*r)[1];
  EXPECT_EQ(t.shape, (std::vector<int64_t>{4, 3}));
  for (int i = 0; i < 3; ++i)
    for (int h = 0; h < 4; ++h) {
      float xv = x.as<float>()[i * 4 + h], bv = b.as<float>()[h];
      EXPECT_EQ(y.as<float>()[i * 4 + h], std::max(xv + bv, 0.0f));
      EXPECT_EQ(t.as<float>()[h * 3 + i], xv - bv);
    }
}

TEST_F(Interpreter, MapScalarAttribute) {
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
      %r = tl.map "i->i" mul %x {scalar = 2.5 : f64} : tensor<3xf32> -> tensor<3xf32>
      return %r : tensor<3xf32>
    })",
                      {make<float>({3}, {1, -2, 4})});
  EXPECT_EQ(valuesOf<float>(r), (std::vector<float>{2.5f, -5, 10}));
  // On integers the scalar is an integer of the element type (the verifier
  // rejects fractions).
  HostTensor s = eval(R"(
    func.func @f(%x: tensor<2xi64>) -> tensor<2xi64> {
      %r = tl.map "i->i" sub %x {scalar = 3.0 : f64} : tensor<2xi64> -> tensor<2xi64>
      return %r : tensor<2xi64>
    })",
                      {make<int64_t>({2}, {10, -10})});
  EXPECT_EQ(valuesOf<int64_t>(s), (std::vector<int64_t>{7, -13}));
}

TEST_F(Interpreter, MapUnaryFloat) {
  std::vector<float> xs = {-3, -0.5f, 0, 0.25f, 2};
  HostTensor x = make<float>({5}, xs);
  auto unary = [&](const char *fn) {
    std::string src = std::string(R"(
      func.func @f(%x: tensor<5xf32>) -> tensor<5xf32> {
        %r = tl.map "i->i" )") + fn +
                      R"( %x : tensor<5xf32> -> tensor<5xf32>
        return %r : tensor<5xf32>
      })";
    return valuesOf<float>(eval(src, {x}));
  };
  std::vector<float> sig = unary("sigmoid"), th = unary("tanh"),
                     ex = unary("exp"), ab = unary("abs"), ng = unary("neg"),
                     om = unary("one_minus"), sq = unary("sqrt"),
                     lg = unary("log");
  for (size_t i = 0; i < xs.size(); ++i) {
    float v = xs[i];
    EXPECT_NEAR(sig[i], 1 / (1 + std::exp(-(double)v)), 1e-6);
    EXPECT_NEAR(th[i], std::tanh((double)v), 1e-6);
    EXPECT_NEAR(ex[i], std::exp((double)v), 1e-5 * std::exp((double)v));
    EXPECT_EQ(ab[i], std::fabs(v));
    EXPECT_EQ(ng[i], -v);
    EXPECT_EQ(om[i], 1 - v);
    if (v < 0) {
      EXPECT_TRUE(std::isnan(sq[i]));
      EXPECT_TRUE(std::isnan(lg[i]));
    } else {
      EXPECT_NEAR(sq[i], std::sqrt((double)v), 1e-6);
      EXPECT_EQ(lg[i], std::log(v));
    }
  }
  EXPECT_EQ(lg[2], -kInf); // log(0)
  EXPECT_FLOAT_EQ(sig[2], 0.5f);
}

TEST_F(Interpreter, MapPow) {
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<3xf64>, %y: tensor<3xf64>) -> tensor<3xf64> {
      %r = tl.map "i,i->i" pow %x, %y : tensor<3xf64>, tensor<3xf64> -> tensor<3xf64>
      return %r : tensor<3xf64>
    })",
                      {make<double>({3}, {2, 9, -2}),
                       make<double>({3}, {10, 0.5, 3})});
  EXPECT_EQ(valuesOf<double>(r), (std::vector<double>{1024, 3, -8}));
}

TEST_F(Interpreter, IntegerFloorDivision) {
  std::vector<int32_t> xs = {7, -7, 7, -7, 5, INT32_MIN, 6, 0};
  std::vector<int32_t> ys = {2, 2, -2, -2, 0, -1, 3, -3};
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<8xi32>, %y: tensor<8xi32>) -> tensor<8xi32> {
      %r = tl.map "i,i->i" div %x, %y : tensor<8xi32>, tensor<8xi32> -> tensor<8xi32>
      return %r : tensor<8xi32>
    })",
                      {make<int32_t>({8}, xs), make<int32_t>({8}, ys)});
  // Floor division; x / 0 = 0; MIN / -1 wraps to MIN.
  EXPECT_EQ(valuesOf<int32_t>(r),
            (std::vector<int32_t>{3, -4, -4, 3, 0, INT32_MIN, 2, 0}));
  for (size_t i = 0; i < xs.size(); ++i) {
    if (ys[i] != 0 && ys[i] != -1) {
      EXPECT_EQ(r.as<int32_t>()[i],
                (int32_t)std::floor((double)xs[i] / ys[i]));
    }
  }
}

TEST_F(Interpreter, MaxMinNaNAndSignedZero) {
  HostTensor x = make<float>({4}, {kNaN, 1, -0.0f, 0.0f});
  HostTensor y = make<float>({4}, {1, kNaN, 0.0f, -0.0f});
  auto binary = [&](const char *fn) {
    std::string src = std::string(R"(
      func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
        %r = tl.map "i,i->i" )") + fn +
                      R"( %x, %y : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
        return %r : tensor<4xf32>
      })";
    return valuesOf<float>(eval(src, {x, y}));
  };
  std::vector<float> mx = binary("max"), mn = binary("min");
  EXPECT_TRUE(std::isnan(mx[0]) && std::isnan(mx[1]));
  EXPECT_TRUE(std::isnan(mn[0]) && std::isnan(mn[1]));
  // -0 orders below +0.
  EXPECT_FALSE(std::signbit(mx[2]));
  EXPECT_FALSE(std::signbit(mx[3]));
  EXPECT_TRUE(std::signbit(mn[2]));
  EXPECT_TRUE(std::signbit(mn[3]));
  // relu(NaN) is NaN, relu(-0) is +0.
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
      %r = tl.map "i->i" relu %x : tensor<4xf32> -> tensor<4xf32>
      return %r : tensor<4xf32>
    })",
                      {x});
  EXPECT_TRUE(std::isnan(r.as<float>()[0]));
  EXPECT_FALSE(std::signbit(r.as<float>()[2]));
}

TEST_F(Interpreter, FloatComparisons) {
  std::vector<float> xs = {1, 2, 3, kNaN, kNaN};
  std::vector<float> ys = {2, 2, 2, 1, kNaN};
  HostTensor x = make<float>({5}, xs), y = make<float>({5}, ys);
  for (const char *fn : {"eq", "ne", "lt", "le", "gt", "ge"}) {
    std::string src = std::string(R"(
      func.func @f(%x: tensor<5xf32>, %y: tensor<5xf32>) -> tensor<5xi1> {
        %r = tl.map "i,i->i" )") + fn +
                      R"( %x, %y : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
        return %r : tensor<5xi1>
      })";
    std::vector<uint8_t> r = valuesOf<uint8_t>(eval(src, {x, y}));
    std::string f = fn;
    for (size_t i = 0; i < xs.size(); ++i) {
      float a = xs[i], b = ys[i];
      bool want = f == "eq"   ? a == b
                  : f == "ne" ? a != b
                  : f == "lt" ? a < b
                  : f == "le" ? a <= b
                  : f == "gt" ? a > b
                              : a >= b;
      // Ordered comparisons (false on NaN), except ne (true on NaN).
      if (std::isnan(a) || std::isnan(b))
        want = f == "ne";
      EXPECT_EQ(r[i], want ? 1 : 0) << fn << " #" << i;
    }
  }
}

TEST_F(Interpreter, BooleanComparisonsAreUnsigned) {
  // Signed i1 would make true (-1) less than false (0).
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<2xi1>, %y: tensor<2xi1>) -> tensor<2xi1> {
      %r = tl.map "i,i->i" gt %x, %y : tensor<2xi1>, tensor<2xi1> -> tensor<2xi1>
      return %r : tensor<2xi1>
    })",
                      {make<uint8_t>({2}, {1, 0}), make<uint8_t>({2}, {0, 1})});
  EXPECT_EQ(valuesOf<uint8_t>(r), (std::vector<uint8_t>{1, 0}));
}

TEST_F(Interpreter, BooleanInputsAreNormalized) {
  // numpy treats any nonzero byte as True; so must the oracle.
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<3xi1>) -> tensor<3xi1> {
      %r = tl.map "i->i" not %x : tensor<3xi1> -> tensor<3xi1>
      return %r : tensor<3xi1>
    })",
                      {make<uint8_t>({3}, {0, 2, 255})});
  EXPECT_EQ(valuesOf<uint8_t>(r), (std::vector<uint8_t>{1, 0, 0}));
}

TEST_F(Interpreter, BooleanOpsAndSelect) {
  HostTensor a = make<uint8_t>({4}, {0, 0, 1, 1});
  HostTensor b = make<uint8_t>({4}, {0, 1, 0, 1});
  auto r = run(R"(
    func.func @f(%a: tensor<4xi1>, %b: tensor<4xi1>, %x: tensor<4xi32>, %y: tensor<4xi32>)
        -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
      %and = tl.map "i,i->i" and %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
      %or = tl.map "i,i->i" or %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
      %xor = tl.map "i,i->i" xor %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
      %not = tl.map "i->i" not %a : tensor<4xi1> -> tensor<4xi1>
      %sel = tl.map "i,i,i->i" select %b, %x, %y
          : tensor<4xi1>, tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
      %max = tl.map "i,i->i" max %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
      %min = tl.map "i,i->i" min %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
      return %and, %or, %xor, %not, %sel, %max, %min
          : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
    })",
               {a, b, make<int32_t>({4}, {1, 2, 3, 4}),
                make<int32_t>({4}, {-1, -2, -3, -4})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 7u);
  EXPECT_EQ(valuesOf<uint8_t>((*r)[0]), (std::vector<uint8_t>{0, 0, 0, 1}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[2]), (std::vector<uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[3]), (std::vector<uint8_t>{1, 1, 0, 0}));
  EXPECT_EQ(valuesOf<int32_t>((*r)[4]), (std::vector<int32_t>{-1, 2, -3, 4}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[5]), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[6]), (std::vector<uint8_t>{0, 0, 0, 1}));
}

TEST_F(Interpreter, StepAndCast) {
  HostTensor x = make<float>({5}, {-2.7f, -0.0f, 0.0f, 2.7f, kNaN});
  auto r = run(R"(
    func.func @f(%x: tensor<5xf32>)
        -> (tensor<5xi1>, tensor<5xf32>, tensor<5xi1>, tensor<4xi32>, tensor<5xf64>) {
      %s1 = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xi1>
      %sf = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xf32>
      %c1 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xi1>
      %x4 = tl.constant dense<[-2.7, -0.5, 0.5, 2.7]> : tensor<4xf32>
      %ci = tl.map "i->i" cast %x4 : tensor<4xf32> -> tensor<4xi32>
      %cf = tl.map "i->i" cast %s1 : tensor<5xi1> -> tensor<5xf64>
      return %s1, %sf, %c1, %ci, %cf
          : tensor<5xi1>, tensor<5xf32>, tensor<5xi1>, tensor<4xi32>, tensor<5xf64>
    })",
               {x});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<uint8_t>((*r)[0]), (std::vector<uint8_t>{0, 0, 0, 1, 0}));
  EXPECT_EQ(valuesOf<float>((*r)[1]), (std::vector<float>{0, 0, 0, 1, 0}));
  // Anything to i1 is != 0: -0 is false, NaN is true.
  EXPECT_EQ(valuesOf<uint8_t>((*r)[2]), (std::vector<uint8_t>{1, 0, 0, 1, 1}));
  // Float to integer truncates toward zero.
  EXPECT_EQ(valuesOf<int32_t>((*r)[3]), (std::vector<int32_t>{-2, 0, 0, 2}));
  EXPECT_EQ(valuesOf<double>((*r)[4]), (std::vector<double>{0, 0, 0, 1, 0}));
}

TEST_F(Interpreter, IntegerCastsWrapAndExtend) {
  auto r = run(R"(
    func.func @f(%x: tensor<3xi64>, %b: tensor<2xi1>) -> (tensor<3xi32>, tensor<3xi1>, tensor<2xi64>) {
      %t = tl.map "i->i" cast %x : tensor<3xi64> -> tensor<3xi32>
      %z = tl.map "i->i" cast %x : tensor<3xi64> -> tensor<3xi1>
      %e = tl.map "i->i" cast %b : tensor<2xi1> -> tensor<2xi64>
      return %t, %z, %e : tensor<3xi32>, tensor<3xi1>, tensor<2xi64>
    })",
               {make<int64_t>({3}, {(int64_t(1) << 32) + 5, -1, 0}),
                make<uint8_t>({2}, {1, 0})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<int32_t>((*r)[0]), (std::vector<int32_t>{5, -1, 0}));
  // Even numbers are not truncated to their low bit: 2^32 + 5 is true.
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), (std::vector<uint8_t>{1, 1, 0}));
  // i1 true is 1, not -1.
  EXPECT_EQ(valuesOf<int64_t>((*r)[2]), (std::vector<int64_t>{1, 0}));
}

TEST_F(Interpreter, IntegerUnary) {
  HostTensor x = make<int32_t>({4}, {-5, 0, 7, INT32_MIN});
  auto r = run(R"(
    func.func @f(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
      %a = tl.map "i->i" abs %x : tensor<4xi32> -> tensor<4xi32>
      %n = tl.map "i->i" neg %x : tensor<4xi32> -> tensor<4xi32>
      %r = tl.map "i->i" relu %x : tensor<4xi32> -> tensor<4xi32>
      %o = tl.map "i->i" one_minus %x : tensor<4xi32> -> tensor<4xi32>
      return %a, %n, %r, %o : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
    })",
               {x});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<int32_t>((*r)[0]),
            (std::vector<int32_t>{5, 0, 7, INT32_MIN}));
  EXPECT_EQ(valuesOf<int32_t>((*r)[1]),
            (std::vector<int32_t>{5, 0, -7, INT32_MIN}));
  EXPECT_EQ(valuesOf<int32_t>((*r)[2]), (std::vector<int32_t>{0, 0, 7, 0}));
  EXPECT_EQ(valuesOf<int32_t>((*r)[3]),
            (std::vector<int32_t>{6, 1, -6, INT32_MIN + 1}));
}

//===----------------------------------------------------------------------===//
// tl.reduce
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, ReduceKinds) {
  const int64_t A = 2, B = 3, C = 4;
  HostTensor x = iota<double>({A, B, C}, [](int64_t i) {
    return std::sin(0.7 * i) * 3 + (i % 5 == 0 ? 1 : 0);
  });
  auto at = [&](int64_t a, int64_t b, int64_t c) {
    return x.as<double>()[(a * B + b) * C + c];
  };
  const char *kinds[] = {"sum", "max", "min", "mean", "prod", "logsumexp"};
  for (const char *kind : kinds) {
    // Over the middle axis.
    std::string src = std::string(R"(
      func.func @f(%x: tensor<2x3x4xf64>) -> tensor<2x4xf64> {
        %r = tl.reduce )") + kind +
                      R"( %x axes [1] : tensor<2x3x4xf64> -> tensor<2x4xf64>
        return %r : tensor<2x4xf64>
      })";
    HostTensor r = eval(src, {x});
    ASSERT_EQ(r.shape, (std::vector<int64_t>{A, C})) << kind;
    // Over the outer two axes.
    std::string src2 = std::string(R"(
      func.func @f(%x: tensor<2x3x4xf64>) -> tensor<4xf64> {
        %r = tl.reduce )") + kind +
                       R"( %x axes [0, 1] : tensor<2x3x4xf64> -> tensor<4xf64>
        return %r : tensor<4xf64>
      })";
    HostTensor r2 = eval(src2, {x});
    ASSERT_EQ(r2.shape, (std::vector<int64_t>{C})) << kind;

    std::string k = kind;
    auto expected = [&](std::vector<double> xs) {
      double acc = k == "max"    ? -INFINITY
                   : k == "min"  ? INFINITY
                   : k == "prod" ? 1
                                 : 0;
      double m = -INFINITY;
      for (double v : xs) {
        if (k == "sum" || k == "mean")
          acc += v;
        else if (k == "max")
          acc = std::max(acc, v);
        else if (k == "min")
          acc = std::min(acc, v);
        else if (k == "prod")
          acc *= v;
        m = std::max(m, v);
      }
      if (k == "mean")
        acc /= xs.size();
      if (k == "logsumexp") {
        for (double v : xs)
          acc += std::exp(v - m);
        acc = m + std::log(acc);
      }
      return acc;
    };
    for (int64_t a = 0; a < A; ++a)
      for (int64_t c = 0; c < C; ++c) {
        std::vector<double> xs;
        for (int64_t b = 0; b < B; ++b)
          xs.push_back(at(a, b, c));
        double e = expected(xs);
        EXPECT_NEAR(r.as<double>()[a * C + c], e,
                    1e-12 * std::max(1.0, std::fabs(e)))
            << kind;
      }
    for (int64_t c = 0; c < C; ++c) {
      std::vector<double> xs;
      for (int64_t a = 0; a < A; ++a)
        for (int64_t b = 0; b < B; ++b)
          xs.push_back(at(a, b, c));
      double e = expected(xs);
      EXPECT_NEAR(r2.as<double>()[c], e, 1e-12 * std::max(1.0, std::fabs(e)))
          << kind;
    }
  }
}

TEST_F(Interpreter, ReduceAllAxesToScalar) {
  HostTensor x = iota<int64_t>({2, 3}, [](int64_t i) { return i + 1; });
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<2x3xi64>) -> tensor<i64> {
      %r = tl.reduce prod %x axes [1, 0] : tensor<2x3xi64> -> tensor<i64>
      return %r : tensor<i64>
    })",
                      {x});
  EXPECT_EQ(valuesOf<int64_t>(r), (std::vector<int64_t>{720}));
  // No axes: the identity.
  HostTensor s = eval(R"(
    func.func @f(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
      %r = tl.reduce sum %x axes [] : tensor<2x3xi64> -> tensor<2x3xi64>
      return %r : tensor<2x3xi64>
    })",
                      {x});
  EXPECT_EQ(s.bytes, x.bytes);
}

TEST_F(Interpreter, ReduceBooleans) {
  HostTensor x = make<uint8_t>({3, 2}, {0, 0, 1, 0, 1, 1});
  const std::vector<std::pair<const char *, std::vector<uint8_t>>> cases = {
      {"sum", {0, 1, 1}}, {"max", {0, 1, 1}}, // OR
      {"min", {0, 0, 1}}, {"prod", {0, 0, 1}}, // AND
  };
  for (const auto &[kind, want] : cases) {
    std::string src = std::string(R"(
      func.func @f(%x: tensor<3x2xi1>) -> tensor<3xi1> {
        %r = tl.reduce )") + kind +
                      R"( %x axes [1] : tensor<3x2xi1> -> tensor<3xi1>
        return %r : tensor<3xi1>
      })";
    EXPECT_EQ(valuesOf<uint8_t>(eval(src, {x})), want) << kind;
  }
}

TEST_F(Interpreter, ReduceEdgeCases) {
  // An empty reduction: mean is NaN, max is the type's lowest value.
  auto r = run(R"(
    func.func @f(%x: tensor<2x0xf32>, %y: tensor<2x0xi32>) -> (tensor<2xf32>, tensor<2xi32>, tensor<2xf32>, tensor<2xf32>) {
      %mean = tl.reduce mean %x axes [1] : tensor<2x0xf32> -> tensor<2xf32>
      %max = tl.reduce max %y axes [1] : tensor<2x0xi32> -> tensor<2xi32>
      %lse = tl.reduce logsumexp %x axes [1] : tensor<2x0xf32> -> tensor<2xf32>
      %sum = tl.reduce sum %x axes [1] : tensor<2x0xf32> -> tensor<2xf32>
      return %mean, %max, %lse, %sum : tensor<2xf32>, tensor<2xi32>, tensor<2xf32>, tensor<2xf32>
    })",
               {HostTensor(DType::f32, {2, 0}), HostTensor(DType::i32, {2, 0})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  for (float v : valuesOf<float>((*r)[0]))
    EXPECT_TRUE(std::isnan(v));
  for (int32_t v : valuesOf<int32_t>((*r)[1]))
    EXPECT_EQ(v, INT32_MIN);
  for (float v : valuesOf<float>((*r)[2]))
    EXPECT_EQ(v, -kInf); // 0 + log(0)
  for (float v : valuesOf<float>((*r)[3]))
    EXPECT_EQ(v, 0.0f);

  // logsumexp of large values does not overflow; of all -inf is -inf.
  HostTensor lse = eval(R"(
    func.func @f(%x: tensor<2x2xf32>) -> tensor<2xf32> {
      %r = tl.reduce logsumexp %x axes [1] : tensor<2x2xf32> -> tensor<2xf32>
      return %r : tensor<2xf32>
    })",
                        {make<float>({2, 2}, {1000, 1000, -kInf, -kInf})});
  EXPECT_FLOAT_EQ(lse.as<float>()[0], 1000 + std::log(2.0f));
  EXPECT_EQ(lse.as<float>()[1], -kInf);
}

//===----------------------------------------------------------------------===//
// tl.softmax
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, SoftmaxRows) {
  const int64_t R = 3, C = 5;
  HostTensor x = iota<float>({R, C}, [](int64_t i) {
    return i == 7 ? 1000.0f : std::cos(1.3f * i) * 4;
  });
  HostTensor y = eval(R"(
    func.func @f(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
      %r = tl.softmax %x axis 1 : tensor<3x5xf32> -> tensor<3x5xf32>
      return %r : tensor<3x5xf32>
    })",
                      {x});
  for (int64_t r = 0; r < R; ++r) {
    double m = -INFINITY, s = 0, total = 0;
    for (int64_t c = 0; c < C; ++c)
      m = std::max(m, (double)x.as<float>()[r * C + c]);
    for (int64_t c = 0; c < C; ++c)
      s += std::exp(x.as<float>()[r * C + c] - m);
    for (int64_t c = 0; c < C; ++c) {
      float v = y.as<float>()[r * C + c];
      EXPECT_TRUE(std::isfinite(v));
      EXPECT_NEAR(v, std::exp(x.as<float>()[r * C + c] - m) / s, 1e-6);
      total += v;
    }
    EXPECT_NEAR(total, 1.0, 1e-6) << "row " << r;
  }
  // The row with 1000 puts (almost) everything there.
  EXPECT_NEAR(y.as<float>()[7], 1.0f, 1e-6);
}

TEST_F(Interpreter, SoftmaxAxis0AndInfinities) {
  HostTensor x = make<double>({2, 3}, {0, -INFINITY, -INFINITY, //
                                       std::log(3.0), 5, -INFINITY});
  HostTensor y = eval(R"(
    func.func @f(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
      %r = tl.softmax %x axis 0 : tensor<2x3xf64> -> tensor<2x3xf64>
      return %r : tensor<2x3xf64>
    })",
                      {x});
  EXPECT_NEAR(y.as<double>()[0], 0.25, 1e-15);
  EXPECT_NEAR(y.as<double>()[3], 0.75, 1e-15);
  EXPECT_EQ(y.as<double>()[1], 0.0);
  EXPECT_EQ(y.as<double>()[4], 1.0);
  // A column of only -inf: the max is replaced by 0, giving 0 / 0.
  EXPECT_TRUE(std::isnan(y.as<double>()[2]));
  EXPECT_TRUE(std::isnan(y.as<double>()[5]));
}

//===----------------------------------------------------------------------===//
// tl.constant and whole functions
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, Constants) {
  auto r = run(R"(
    func.func @f() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<i32>) {
      %a = tl.constant dense<[[1.5, -2.0], [0.0, 4.0]]> : tensor<2x2xf32>
      %b = tl.constant dense<7> : tensor<3xi64>
      %c = tl.constant dense<[true, false]> : tensor<2xi1>
      %d = tl.constant dense<-3> : tensor<i32>
      return %a, %b, %c, %d : tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<i32>
    })",
               {});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<float>((*r)[0]), (std::vector<float>{1.5f, -2, 0, 4}));
  EXPECT_EQ(valuesOf<int64_t>((*r)[1]), (std::vector<int64_t>{7, 7, 7}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[2]), (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(valuesOf<int32_t>((*r)[3]), (std::vector<int32_t>{-3}));
}

TEST_F(Interpreter, MlpLayer) {
  // relu(x W + b), then softmax: a whole layer through several ops.
  HostTensor x = iota<float>({2, 3}, [](int64_t i) { return 0.1f * i; });
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
      %w = tl.constant dense<[[1.0, -1.0], [2.0, 0.5], [-1.0, 1.0]]> : tensor<3x2xf32>
      %b = tl.constant dense<[0.25, -0.5]> : tensor<2xf32>
      %h = tl.einsum "bi,io->bo" %x, %w : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
      %s = tl.map "bo,o->bo" add %h, %b : tensor<2x2xf32>, tensor<2xf32> -> tensor<2x2xf32>
      %y = tl.map "bo->bo" relu %s : tensor<2x2xf32> -> tensor<2x2xf32>
      %p = tl.softmax %y axis 1 : tensor<2x2xf32> -> tensor<2x2xf32>
      return %p : tensor<2x2xf32>
    })",
                      {x});
  const float w[3][2] = {{1, -1}, {2, 0.5f}, {-1, 1}}, b[2] = {0.25f, -0.5f};
  for (int i = 0; i < 2; ++i) {
    float y[2];
    for (int o = 0; o < 2; ++o) {
      float h = 0;
      for (int k = 0; k < 3; ++k)
        h += x.as<float>()[i * 3 + k] * w[k][o];
      y[o] = std::max(h + b[o], 0.0f);
    }
    float m = std::max(y[0], y[1]);
    float s = std::exp(y[0] - m) + std::exp(y[1] - m);
    for (int o = 0; o < 2; ++o)
      EXPECT_NEAR(r.as<float>()[i * 2 + o], std::exp(y[o] - m) / s, 1e-6);
  }
}

TEST_F(Interpreter, IdentityFunction) {
  HostTensor x = make<int64_t>({2}, {3, -4});
  HostTensor r = eval(R"(
    func.func @f(%x: tensor<2xi64>) -> tensor<2xi64> {
      return %x : tensor<2xi64>
    })",
                      {x});
  EXPECT_EQ(r.bytes, x.bytes);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

const char *kAddF32 = R"(
    func.func @f(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
      %r = tl.map "ij,ij->ij" add %x, %y : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
      return %r : tensor<2x3xf32>
    })";

TEST_F(Interpreter, WrongInputCount) {
  HostTensor x(DType::f32, {2, 3});
  EXPECT_EQ(error(kAddF32, {x, x}), "<evaluated>");
  EXPECT_CONTAINS(error(kAddF32, {x}), "takes 2 input(s) but 1 were given");
  EXPECT_CONTAINS(error(kAddF32, {x, x, x}),
                  "takes 2 input(s) but 3 were given");
}

TEST_F(Interpreter, WrongInputShapeOrType) {
  HostTensor x(DType::f32, {2, 3});
  EXPECT_CONTAINS(error(kAddF32, {x, HostTensor(DType::f32, {3, 2})}),
                  "input #1 is f32[3, 2] but the argument is f32[2, 3]");
  EXPECT_CONTAINS(error(kAddF32, {HostTensor(DType::f64, {2, 3}), x}),
                  "input #0 is f64[2, 3] but the argument is f32[2, 3]");
  EXPECT_CONTAINS(error(kAddF32, {x, HostTensor(DType::f32, {6})}),
                  "input #1 is f32[6]");
  HostTensor shortData = x;
  shortData.bytes.pop_back();
  EXPECT_CONTAINS(error(kAddF32, {x, shortData}), "holds 23 bytes");
}

TEST_F(Interpreter, UnsupportedOp) {
  std::string msg = error(R"(
    func.func private @g(tensor<2xf32>) -> tensor<2xf32>
    func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
      %r = func.call @g(%x) : (tensor<2xf32>) -> tensor<2xf32>
      return %r : tensor<2xf32>
    })",
                          {HostTensor(DType::f32, {2})});
  EXPECT_CONTAINS(msg, "reference interpreter cannot evaluate 'func.call'");
  EXPECT_CONTAINS(msg, "test.mlir:4:"); // The op's location.
}

TEST_F(Interpreter, ExternalFunction) {
  auto r = run(R"(
    func.func private @f(tensor<2xf32>) -> tensor<2xf32>
  )",
               {HostTensor(DType::f32, {2})});
  ASSERT_FALSE(bool(r));
  EXPECT_CONTAINS(llvm::toString(r.takeError()), "no body");
}

TEST_F(Interpreter, InvalidIRIsRejected) {
  // Parses (the generic form skips the custom parser) but does not verify.
  std::string msg = error(R"(
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
      %r = "tl.einsum"(%x) {spec = "ij->ij"} : (tensor<2x3xf32>) -> tensor<2x2xf32>
      return %r : tensor<2x2xf32>
    })",
                          {HostTensor(DType::f32, {2, 3})});
  EXPECT_CONTAINS(msg, "does not verify");
  EXPECT_CONTAINS(msg, "result shape");
}

//===----------------------------------------------------------------------===//
// tl.fixpoint
//===----------------------------------------------------------------------===//

/// Transitive closure by BFS from every node: reach[x][z] iff a path of one
/// or more edges leads from x to z.
static std::vector<uint8_t> closureByBfs(const std::vector<uint8_t> &edges,
                                         int n) {
  std::vector<uint8_t> reach(n * n, 0);
  for (int x = 0; x < n; ++x) {
    std::vector<int> queue;
    for (int y = 0; y < n; ++y)
      if (edges[x * n + y] && !reach[x * n + y]) {
        reach[x * n + y] = 1;
        queue.push_back(y);
      }
    for (size_t i = 0; i < queue.size(); ++i)
      for (int z = 0; z < n; ++z)
        if (edges[queue[i] * n + z] && !reach[x * n + z]) {
          reach[x * n + z] = 1;
          queue.push_back(z);
        }
  }
  return reach;
}

const char *kClosure = R"(
  func.func @f(%e: tensor<7x7xi1>) -> (tensor<7x7xi1>, tensor<i1>) {
    %tc, %ok = tl.fixpoint %e {max_iterations = 8 : i64}
        : tensor<7x7xi1> -> tensor<7x7xi1>, tensor<i1> {
    ^bb0(%r: tensor<7x7xi1>):
      %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>}
          : tensor<7x7xi1>, tensor<7x7xi1> -> tensor<7x7xi1>
      %n = tl.map "xz,xz->xz" or %r, %p
          : tensor<7x7xi1>, tensor<7x7xi1> -> tensor<7x7xi1>
      tl.yield %n : tensor<7x7xi1>
    }
    return %tc, %ok : tensor<7x7xi1>, tensor<i1>
  })";

TEST_F(Interpreter, FixpointTransitiveClosure) {
  // A chain 0->1->2->3 that loops back 3->1, a self-loop 4->4, an edge 5->6
  // and an edge into the chain 6->0.
  const int n = 7;
  std::vector<uint8_t> edges(n * n, 0);
  for (auto [x, y] : std::vector<std::pair<int, int>>{
           {0, 1}, {1, 2}, {2, 3}, {3, 1}, {4, 4}, {5, 6}, {6, 0}})
    edges[x * n + y] = 1;
  auto r = run(kClosure, {make<uint8_t>({n, n}, edges)});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ(valuesOf<uint8_t>((*r)[0]), closureByBfs(edges, n));
  EXPECT_EQ((*r)[1].shape, std::vector<int64_t>{});
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{1});
}

TEST_F(Interpreter, FixpointTransitiveClosureOfEmptyGraph) {
  // Nothing changes in the first iteration: converged.
  auto r = run(kClosure, {HostTensor(DType::i1, {7, 7})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<uint8_t>((*r)[0]), std::vector<uint8_t>(49, 0));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{1});
}

TEST_F(Interpreter, FixpointNumericConvergesWithinTolerance) {
  // x' = x / 2 + b converges to 2b; it stops at the first step that moves no
  // element by more than the tolerance.
  auto r = run(
      R"(
    func.func @f(%x: tensor<3xf64>, %b: tensor<3xf64>) -> (tensor<3xf64>, tensor<i1>) {
      %y, %ok = tl.fixpoint %x {max_iterations = 200 : i64, tolerance = 1.0e-6 : f64}
          : tensor<3xf64> -> tensor<3xf64>, tensor<i1> {
      ^bb0(%s: tensor<3xf64>):
        %h = tl.map "i->i" mul %s {scalar = 0.5 : f64} : tensor<3xf64> -> tensor<3xf64>
        %n = tl.map "i,i->i" add %h, %b : tensor<3xf64>, tensor<3xf64> -> tensor<3xf64>
        tl.yield %n : tensor<3xf64>
      }
      return %y, %ok : tensor<3xf64>, tensor<i1>
    })",
      {make<double>({3}, {100, -3, 0.25}), make<double>({3}, {1, 2, -0.5})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  std::vector<double> x{100, -3, 0.25}, b{1, 2, -0.5};
  int iterations = 0;
  for (bool moved = true; moved && iterations < 200; ++iterations) {
    moved = false;
    for (int i = 0; i < 3; ++i) {
      double next = x[i] * 0.5 + b[i];
      moved |= std::fabs(next - x[i]) > 1e-6;
      x[i] = next;
    }
  }
  EXPECT_LT(iterations, 200);
  EXPECT_GT(iterations, 20);
  EXPECT_EQ(valuesOf<double>((*r)[0]), x);
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{1});
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(x[i], 2 * b[i], 1e-5);
}

const char *kCountTo3 = R"(
  func.func @f(%s: tensor<i32>) -> (tensor<i32>, tensor<i1>) {
    %r, %ok = tl.fixpoint %s {max_iterations = %BOUND% : i64}
        : tensor<i32> -> tensor<i32>, tensor<i1> {
    ^bb0(%c: tensor<i32>):
      %p = tl.map "->" add %c {scalar = 1.0 : f64} : tensor<i32> -> tensor<i32>
      %n = tl.map "->" min %p {scalar = 3.0 : f64} : tensor<i32> -> tensor<i32>
      tl.yield %n : tensor<i32>
    }
    return %r, %ok : tensor<i32>, tensor<i1>
  })";

TEST_F(Interpreter, FixpointHitsItsBound) {
  // From 0: 1, 2, 3, then 3 again (unchanged) in the 4th iteration. With
  // three iterations the state is 3 but nobody has seen it settle.
  for (auto [bound, converged] :
       std::vector<std::pair<int, uint8_t>>{{1, 0}, {3, 0}, {4, 1}, {9, 1}}) {
    std::string source = kCountTo3;
    source.replace(source.find("%BOUND%"), 7, std::to_string(bound));
    auto r = run(source, {make<int32_t>({}, {0})});
    ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
    EXPECT_EQ(valuesOf<int32_t>((*r)[0]),
              std::vector<int32_t>{std::min(bound, 3)})
        << "bound " << bound;
    EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{converged})
        << "bound " << bound;
  }
}

TEST_F(Interpreter, FixpointNaNAlwaysChangesInfinityDoesNot) {
  // The body returns its state: +-inf equals itself (converged after one
  // iteration), NaN never does (the bound is hit), whatever the tolerance.
  const char *source = R"(
    func.func @f(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<i1>) {
      %y, %ok = tl.fixpoint %x {max_iterations = 5 : i64, tolerance = 1.0e30 : f64}
          : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
      ^bb0(%s: tensor<2xf32>):
        tl.yield %s : tensor<2xf32>
      }
      return %y, %ok : tensor<2xf32>, tensor<i1>
    })";
  auto inf = run(source, {make<float>({2}, {kInf, -kInf})});
  ASSERT_TRUE(bool(inf)) << llvm::toString(inf.takeError());
  EXPECT_EQ(valuesOf<uint8_t>((*inf)[1]), std::vector<uint8_t>{1});
  auto nan = run(source, {make<float>({2}, {1, kNaN})});
  ASSERT_TRUE(bool(nan)) << llvm::toString(nan.takeError());
  EXPECT_EQ(valuesOf<uint8_t>((*nan)[1]), std::vector<uint8_t>{0});
  EXPECT_EQ(valuesOf<float>((*nan)[0])[0], 1.0f);
  EXPECT_TRUE(std::isnan(valuesOf<float>((*nan)[0])[1]));
}

TEST_F(Interpreter, FixpointToleranceIsInTheElementType) {
  // 0 -> f32(1e-7) moves by f32(1e-7) = 1.0000000117e-7, more than the f64
  // tolerance 1e-7 but not more than that tolerance rounded to f32 (the
  // comparison the compiled code makes): unchanged, converged.
  auto r = run(R"(
    func.func @f(%x: tensor<f32>) -> (tensor<f32>, tensor<i1>) {
      %y, %ok = tl.fixpoint %x {max_iterations = 1 : i64, tolerance = 1.0e-7 : f64}
          : tensor<f32> -> tensor<f32>, tensor<i1> {
      ^bb0(%s: tensor<f32>):
        %n = tl.map "->" add %s {scalar = 1.0e-7 : f64} : tensor<f32> -> tensor<f32>
        tl.yield %n : tensor<f32>
      }
      return %y, %ok : tensor<f32>, tensor<i1>
    })",
               {make<float>({}, {0.0f})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_GT((double)1e-7f, 1e-7);
  EXPECT_EQ(valuesOf<float>((*r)[0]), std::vector<float>{1e-7f});
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{1});
}

TEST_F(Interpreter, FixpointNestedAndMultiState) {
  // The outer state pairs a counter with a vector that an inner fixpoint
  // halves until it reaches 0 (exactly, in at most 2000 steps).
  auto r = run(R"(
    func.func @f(%x: tensor<2xf64>, %k: tensor<i64>) -> (tensor<2xf64>, tensor<i64>, tensor<i1>) {
      %s:2, %ok = tl.fixpoint %x, %k {max_iterations = 10 : i64}
          : tensor<2xf64>, tensor<i64> -> tensor<2xf64>, tensor<i64>, tensor<i1> {
      ^bb0(%v: tensor<2xf64>, %c: tensor<i64>):
        %z, %zok = tl.fixpoint %v {max_iterations = 2000 : i64}
            : tensor<2xf64> -> tensor<2xf64>, tensor<i1> {
        ^bb0(%w: tensor<2xf64>):
          %h = tl.map "i->i" mul %w {scalar = 0.5 : f64} : tensor<2xf64> -> tensor<2xf64>
          tl.yield %h : tensor<2xf64>
        }
        %c1 = tl.map "->" add %c {scalar = 1.0 : f64} : tensor<i64> -> tensor<i64>
        %c2 = tl.map "->" min %c1 {scalar = 2.0 : f64} : tensor<i64> -> tensor<i64>
        tl.yield %z, %c2 : tensor<2xf64>, tensor<i64>
      }
      return %s#0, %s#1, %ok : tensor<2xf64>, tensor<i64>, tensor<i1>
    })",
               {make<double>({2}, {3.5, -1e-300}), make<int64_t>({}, {0})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 3u);
  std::vector<double> zeros = valuesOf<double>((*r)[0]);
  EXPECT_EQ(zeros[0], 0.0);
  EXPECT_EQ(zeros[1], 0.0);
  EXPECT_EQ(valuesOf<int64_t>((*r)[1]), std::vector<int64_t>{2});
  EXPECT_EQ(valuesOf<uint8_t>((*r)[2]), std::vector<uint8_t>{1});
}

//===----------------------------------------------------------------------===//
// tl.fused
//===----------------------------------------------------------------------===//

TEST_F(Interpreter, FusedEvaluatesItsBody) {
  // relu(x w + b) and x w + b, in one group; the second result yields a
  // body argument unchanged.
  auto r = run(R"(
    func.func @f(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>, %b: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) {
      %h:3 = tl.fused %x, %w, %b : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32> -> tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32> {
      ^bb0(%a: tensor<2x3xf32>, %c: tensor<3x2xf32>, %d: tensor<2xf32>):
        %0 = tl.einsum "bi,ih->bh" %a, %c : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
        %1 = tl.map "bh,h->bh" add %0, %d : tensor<2x2xf32>, tensor<2xf32> -> tensor<2x2xf32>
        %2 = tl.map "bh->bh" relu %1 : tensor<2x2xf32> -> tensor<2x2xf32>
        tl.yield %2, %1, %d : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>
      }
      return %h#0, %h#1, %h#2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>
    })",
               {make<float>({2, 3}, {1, 2, 3, -1, -2, -3}),
                make<float>({3, 2}, {1, 0, 0, 1, 1, 1}),
                make<float>({2}, {0.5f, -10})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 3u);
  // x w = [[4, 5], [-4, -5]]; + b = [[4.5, -5], [-3.5, -15]].
  EXPECT_EQ(valuesOf<float>((*r)[0]), (std::vector<float>{4.5f, 0, 0, 0}));
  EXPECT_EQ(valuesOf<float>((*r)[1]),
            (std::vector<float>{4.5f, -5, -3.5f, -15}));
  EXPECT_EQ(valuesOf<float>((*r)[2]), (std::vector<float>{0.5f, -10}));
}

TEST_F(Interpreter, FusedInsideFixpoint) {
  // x' = min(x + 1, 3) as a fused group in a fixpoint body.
  auto r = run(R"(
    func.func @f(%s: tensor<2xi32>) -> (tensor<2xi32>, tensor<i1>) {
      %r, %ok = tl.fixpoint %s {max_iterations = 10 : i64}
          : tensor<2xi32> -> tensor<2xi32>, tensor<i1> {
      ^bb0(%c: tensor<2xi32>):
        %n = tl.fused %c : tensor<2xi32> -> tensor<2xi32> {
        ^bb0(%a: tensor<2xi32>):
          %p = tl.map "i->i" add %a {scalar = 1.0 : f64} : tensor<2xi32> -> tensor<2xi32>
          %q = tl.map "i->i" min %p {scalar = 3.0 : f64} : tensor<2xi32> -> tensor<2xi32>
          tl.yield %q : tensor<2xi32>
        }
        tl.yield %n : tensor<2xi32>
      }
      return %r, %ok : tensor<2xi32>, tensor<i1>
    })",
               {make<int32_t>({2}, {0, 7})});
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(valuesOf<int32_t>((*r)[0]), (std::vector<int32_t>{3, 3}));
  EXPECT_EQ(valuesOf<uint8_t>((*r)[1]), std::vector<uint8_t>{1});
}

} // namespace
