//===- ParallelLoops.cpp - threads for large memory-bound ops -------------===//

#include "Threading.h"
#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace tlc {
#define GEN_PASS_DEF_TLPARALLELLOOPS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

/// A generic on memrefs whose outer loop is parallel, large enough for
/// threads, and not already inside a parallel loop.
bool distributable(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
      op->getParentOfType<scf::ParallelOp>() ||
      op->getParentOfType<scf::ForallOp>())
    return false;
  int64_t trips = op.getStaticLoopRanges()[0];
  return !ShapedType::isDynamic(trips) && trips >= 2 &&
         tlc::cpu::worthThreads(op);
}

/// The word-level product of a bit-packed Boolean product as loops that
/// skip what A does not select:
///   parallel x { for y { if A[x, y] { for w { R[x, w] |= B[y, w] } } } }
/// (a generic cannot branch around its inner loop; LLVM vectorizes the loop
/// over words). R is already zero. Small products keep a plain loop over x.
void lowerBitPackedProduct(RewriterBase &rewriter, linalg::GenericOp op) {
  Location loc = op.getLoc();
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value r = op.getDpsInits()[0];
  auto rType = cast<MemRefType>(r.getType());
  auto aType = cast<MemRefType>(a.getType());
  rewriter.setInsertionPoint(op);
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  Value zero = index(0), one = index(1);
  Value numRows = index(rType.getDimSize(0));
  // Rows on threads where the operands are large enough to pay for it.
  Value x;
  if (tlc::cpu::worthThreads(op)) {
    auto rows = scf::ParallelOp::create(rewriter, loc, ValueRange{zero},
                                        ValueRange{numRows}, ValueRange{one});
    rewriter.setInsertionPoint(rows.getBody()->getTerminator());
    x = rows.getInductionVars()[0];
  } else {
    auto rows = scf::ForOp::create(rewriter, loc, zero, numRows, one);
    rewriter.setInsertionPoint(rows.getBody()->getTerminator());
    x = rows.getInductionVar();
  }
  auto ys =
      scf::ForOp::create(rewriter, loc, zero, index(aType.getDimSize(1)), one);
  rewriter.setInsertionPoint(ys.getBody()->getTerminator());
  Value y = ys.getInductionVar();
  Value selected = memref::LoadOp::create(rewriter, loc, a, ValueRange{x, y});
  auto branch = scf::IfOp::create(rewriter, loc, selected,
                                  /*withElseRegion=*/false);
  rewriter.setInsertionPoint(branch.thenBlock()->getTerminator());
  auto ws =
      scf::ForOp::create(rewriter, loc, zero, index(rType.getDimSize(1)), one);
  rewriter.setInsertionPoint(ws.getBody()->getTerminator());
  Value w = ws.getInductionVar();
  Value acc = memref::LoadOp::create(rewriter, loc, r, ValueRange{x, w});
  Value word = memref::LoadOp::create(rewriter, loc, b, ValueRange{y, w});
  Value ored = arith::OrIOp::create(rewriter, loc, acc, word);
  memref::StoreOp::create(rewriter, loc, ored, r, ValueRange{x, w});
  rewriter.eraseOp(op);
}

struct TLParallelLoopsPass
    : tlc::impl::TLParallelLoopsBase<TLParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> products;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(tlc::kBitPackedProductAttr) &&
          op.hasPureBufferSemantics())
        products.push_back(op);
    });
    {
      IRRewriter rewriter(&getContext());
      for (linalg::GenericOp op : products)
        lowerBitPackedProduct(rewriter, op);
    }
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (distributable(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : ops) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::LinalgLoops> loops =
          linalg::linalgOpToLoops(rewriter, op);
      if (failed(loops) || loops->empty())
        continue;
      rewriter.eraseOp(op);
      auto outer = dyn_cast<scf::ForOp>(loops->front());
      if (!outer || outer.getNumRegionIterArgs() != 0)
        continue;
      // The same loop as an scf.parallel: its iterations write disjoint
      // parts of the outputs (the loop is a parallel dimension).
      rewriter.setInsertionPoint(outer);
      auto parallel = scf::ParallelOp::create(
          rewriter, outer.getLoc(), ValueRange{outer.getLowerBound()},
          ValueRange{outer.getUpperBound()}, ValueRange{outer.getStep()});
      Block *body = parallel.getBody();
      rewriter.eraseOp(body->getTerminator());
      rewriter.mergeBlocks(outer.getBody(), body,
                           ValueRange{parallel.getInductionVars()[0]});
      // scf.for's yield becomes scf.parallel's reduce terminator.
      Operation *yield = body->getTerminator();
      rewriter.setInsertionPoint(yield);
      scf::ReduceOp::create(rewriter, yield->getLoc());
      rewriter.eraseOp(yield);
      rewriter.eraseOp(outer);
    }
  }
};

} // namespace
