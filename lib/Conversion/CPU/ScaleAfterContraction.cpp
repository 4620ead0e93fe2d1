//===- ScaleAfterContraction.cpp - scales moved past sums of products -----===//
//
// Sum_k (E[i, k] * r[i]) * V[k, j] = r[i] * Sum_k E[i, k] * V[k, j]: a
// factor that does not vary along the contracted dimensions can multiply
// the result instead of the operand. Softmax followed by a contraction
// over its axis (attention's P V) normalizes its 256-wide rows before the
// product; afterwards it scales the 64-wide rows of the result. Upstream
// has no such rewrite (its elementwise fusion would put the multiply into
// the contraction's body, which tl-cpu-contractions then cannot pack).
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace tlc {
#define GEN_PASS_DEF_TLSCALEAFTERCONTRACTION
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
/// A generic whose body is one `arith.mulf` of two of its operands:
/// `scaled`, read element for element, and `factor`, read through a
/// projection onto fewer dimensions.
struct Scale {
  OpOperand *scaled;
  OpOperand *factor;
};

std::optional<Scale> matchScale(linalg::GenericOp op) {
  if (op->getNumResults() != 1 ||
      op.getNumLoops() != op.getNumParallelLoops() ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  Block &body = *op.getBody();
  auto mul = dyn_cast<arith::MulFOp>(&body.front());
  if (!mul || body.getOperations().size() != 2 ||
      body.getTerminator()->getOperand(0) != mul.getResult())
    return std::nullopt;
  auto lhs = dyn_cast<BlockArgument>(mul.getLhs());
  auto rhs = dyn_cast<BlockArgument>(mul.getRhs());
  if (!lhs || !rhs || lhs == rhs || lhs.getOwner() != &body ||
      rhs.getOwner() != &body)
    return std::nullopt;
  OpOperand *a = op.getMatchingOpOperand(lhs);
  OpOperand *b = op.getMatchingOpOperand(rhs);
  for (auto [scaled, factor] : {std::pair(a, b), std::pair(b, a)}) {
    AffineMap factorMap = op.getMatchingIndexingMap(factor);
    if (op.getMatchingIndexingMap(scaled).isIdentity() &&
        op.isDpsInput(factor) && factorMap.isProjectedPermutation() &&
        factorMap.getNumResults() < factorMap.getNumDims())
      return Scale{scaled, factor};
  }
  return std::nullopt;
}

/// A contraction `out += a * b` of floats whose accumulator starts at zero.
bool isSumOfProducts(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op->getNumResults() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return false;
  Block &body = *op.getBody();
  auto add = dyn_cast<arith::AddFOp>(
      body.getTerminator()->getOperand(0).getDefiningOp());
  if (!add || body.getOperations().size() != 3 ||
      !isa<arith::MulFOp>(body.front()))
    return false;
  auto fill = op.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.value(), m_AnyZeroFloat());
}

struct MoveScale : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp contraction,
                                PatternRewriter &rewriter) const override {
    if (!isSumOfProducts(contraction))
      return failure();
    for (OpOperand *operand : contraction.getDpsInputOperands()) {
      auto scale = operand->get().getDefiningOp<linalg::GenericOp>();
      if (!scale || !scale->hasOneUse())
        continue;
      std::optional<Scale> parts = matchScale(scale);
      if (!parts)
        continue;
      // The factor's dimensions, as loops of the contraction, then as
      // dimensions of its result: all of them parallel loops.
      AffineMap operandMap = contraction.getMatchingIndexingMap(operand);
      AffineMap resultMap =
          contraction.getMatchingIndexingMap(contraction.getDpsInitOperand(0));
      SmallVector<AffineExpr> factorDims;
      bool kept = true;
      for (AffineExpr expr :
           scale.getMatchingIndexingMap(parts->factor).getResults()) {
        unsigned operandDim = cast<AffineDimExpr>(expr).getPosition();
        auto loop = dyn_cast<AffineDimExpr>(operandMap.getResult(operandDim));
        std::optional<unsigned> resultDim =
            loop ? resultMap.getResultPosition(loop) : std::nullopt;
        if (!resultDim) {
          kept = false;
          break;
        }
        factorDims.push_back(rewriter.getAffineDimExpr(*resultDim));
      }
      if (!kept)
        continue;

      // The contraction of the unscaled operand, then the scale on its
      // result, in place (the result is the scale's init, as the softmax
      // wrote it).
      Value factor = parts->factor->get();
      rewriter.modifyOpInPlace(contraction,
                               [&] { operand->set(parts->scaled->get()); });
      rewriter.eraseOp(scale);
      rewriter.setInsertionPointAfter(contraction);
      Value product = contraction->getResult(0);
      auto type = cast<RankedTensorType>(product.getType());
      unsigned rank = type.getRank();
      SmallVector<AffineMap> maps{
          AffineMap::get(rank, 0, factorDims, rewriter.getContext()),
          rewriter.getMultiDimIdentityMap(rank)};
      SmallVector<utils::IteratorType> iterators(rank,
                                                 utils::IteratorType::parallel);
      auto scaled = linalg::GenericOp::create(
          rewriter, contraction.getLoc(), type, ValueRange{factor},
          ValueRange{product}, maps, iterators,
          [](OpBuilder &b, Location loc, ValueRange args) {
            Value mul = arith::MulFOp::create(b, loc, args[1], args[0]);
            linalg::YieldOp::create(b, loc, mul);
          });
      rewriter.replaceAllUsesExcept(product, scaled->getResult(0), scaled);
      return success();
    }
    return failure();
  }
};

struct TLScaleAfterContractionPass
    : tlc::impl::TLScaleAfterContractionBase<TLScaleAfterContractionPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<MoveScale>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
