//===- MathApproximation.cpp - vectorizable exp, log, tanh ----------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace tlc {
#define GEN_PASS_DEF_TLMATHAPPROXIMATION
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

/// Scalar f32 exp as 2^k * p(r), k = roundeven(x log2 e), r = x - k ln 2 in
/// two steps, p Cephes' expf polynomial, the scaling one ldexp. Upstream's
/// approximation builds 2^k from the exponent bits and clamps k, six more
/// vector operations; where LLVM vectorizes ldexp to vscalefps (AVX-512),
/// this one is cheaper and handles overflow and subnormal results itself.
/// Scalars only: llvm.intr.ldexp takes a scalar exponent, and the loops
/// that hold these exps are vectorized by LLVM.
struct ScaledExp : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return failure();
    Location loc = op.getLoc();
    auto f32 = [&](float v) {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getF32FloatAttr(v));
    };
    auto fma = [&](Value a, Value b, Value c) {
      return math::FmaOp::create(rewriter, loc, a, b, c);
    };
    // Past 89, 2^k p(r) overflows to inf (as exp does from 88.73); below
    // -104 it rounds to 0. A NaN fails both comparisons and stays.
    Value x = op.getOperand();
    auto clamp = [&](arith::CmpFPredicate pred, float bound) {
      Value limit = f32(bound);
      Value out = arith::CmpFOp::create(rewriter, loc, pred, x, limit);
      x = arith::SelectOp::create(rewriter, loc, out, limit, x);
    };
    clamp(arith::CmpFPredicate::OGT, 89.0f);
    clamp(arith::CmpFPredicate::OLT, -104.0f);
    Value k = math::RoundEvenOp::create(
        rewriter, loc,
        arith::MulFOp::create(rewriter, loc, x, f32(1.44269504088896341f)));
    // ln 2 = 0.693359375 - 2.12194440e-4, the first part exact in 9 bits.
    Value r = fma(k, f32(-0.693359375f), x);
    r = fma(k, f32(2.12194440e-4f), r);
    Value p = f32(1.9875691500e-4f);
    for (float c : {1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
                    1.6666665459e-1f, 5.0000001201e-1f, 1.0f, 1.0f})
      p = fma(p, r, f32(c));
    Value power =
        arith::FPToSIOp::create(rewriter, loc, rewriter.getI32Type(), k);
    rewriter.replaceOpWithNewOp<LLVM::LoadExpOp>(op, op.getType(), p, power);
    return success();
  }
};

struct TLMathApproximationPass
    : tlc::impl::TLMathApproximationBase<TLMathApproximationPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (scaledExp)
      patterns.add<ScaledExp>(&getContext(), /*benefit=*/2);
    // The upstream approximations match f32 (scalars and vectors) only.
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      name.consume_front("math.");
      return name == "exp" || name == "log" || name == "tanh";
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
