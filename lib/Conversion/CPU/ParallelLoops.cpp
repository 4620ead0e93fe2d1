//===- ParallelLoops.cpp - threads for large memory-bound ops -------------===//

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

constexpr int64_t kParallelBytes = int64_t(1) << 20;

bool worthThreads(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
      op->getParentOfType<scf::ParallelOp>() ||
      op->getParentOfType<scf::ForallOp>())
    return false;
  int64_t trips = op.getStaticLoopRanges()[0];
  if (ShapedType::isDynamic(trips) || trips < 2)
    return false;
  int64_t bytes = 0;
  for (Value v : op->getOperands()) {
    auto type = dyn_cast<MemRefType>(v.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isIntOrFloat())
      return false;
    bytes += type.getNumElements() *
             std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
  }
  return bytes >= kParallelBytes;
}

struct TLParallelLoopsPass
    : tlc::impl::TLParallelLoopsBase<TLParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (worthThreads(op))
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
