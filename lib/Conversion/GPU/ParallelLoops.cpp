//===- ParallelLoops.cpp - tl-gpu-parallel-loops --------------------------===//
//
// Upstream's convert-linalg-to-parallel-loops keeps the iteration order, so
// a reduction over a middle axis left the dimensions after it as a loop
// inside each thread; and scf-parallel-loop-tiling takes one list of tile
// sizes for every loop, whatever its rank, so the innermost (contiguous)
// dimension of a 3-D or 4-D loop got a tile of 1 and warps read strided
// memory. This pass orders, shapes and tiles each loop with upstream's
// interchange, lowering, collapsing and tiling.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

#include <numeric>

namespace tlc {
#define GEN_PASS_DEF_TLGPUPARALLELLOOPS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr int64_t kWarp = 32;
constexpr int64_t kRows = 8; // warps per 2-D block
constexpr int64_t kMaxGridY = 65535;

SmallVector<scf::ParallelOp> outermostLoops(func::FuncOp func) {
  SmallVector<scf::ParallelOp> loops;
  func.walk([&](scf::ParallelOp loop) {
    if (!loop->getParentOfType<scf::ParallelOp>())
      loops.push_back(loop);
  });
  return loops;
}

/// The number of iterations of the loop's dimensions [from, to), or
/// nullopt where one is not a constant.
std::optional<int64_t> tripCount(scf::ParallelOp loop, unsigned from,
                                 unsigned to) {
  int64_t count = 1;
  for (unsigned d = from; d < to; ++d) {
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()[d]);
    std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound()[d]);
    std::optional<int64_t> step = getConstantIntValue(loop.getStep()[d]);
    if (!lb || !ub || !step || *step <= 0)
      return std::nullopt;
    count *= llvm::divideCeil(std::max<int64_t>(*ub - *lb, 0), *step);
  }
  return count;
}

struct TLGpuParallelLoopsPass
    : tlc::impl::TLGpuParallelLoopsBase<TLGpuParallelLoopsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Parallel dimensions first (a stable partition), so that they all
    // become the scf.parallel and the reductions loops inside it.
    SmallVector<linalg::GenericOp> generics;
    getOperation().walk([&](linalg::GenericOp op) { generics.push_back(op); });
    for (linalg::GenericOp op : generics) {
      SmallVector<unsigned> order;
      for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray()))
        if (type == utils::IteratorType::parallel)
          order.push_back(d);
      for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray()))
        if (type != utils::IteratorType::parallel)
          order.push_back(d);
      if (llvm::is_sorted(order))
        continue;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::interchangeGenericOp(rewriter, op, order))) {
        op.emitError("tl-gpu-parallel-loops: cannot reorder the loops");
        return signalPassFailure();
      }
    }
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::linalgOpToParallelLoops(rewriter, op))) {
        op.emitError("tl-gpu-parallel-loops: cannot lower to loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
    // Collapse: the outer dimensions into one, or all where the grid's y
    // limit would not hold the outer one.
    for (scf::ParallelOp loop : outermostLoops(getOperation())) {
      unsigned rank = loop.getNumLoops();
      if (rank < 2)
        continue;
      std::optional<int64_t> outer = tripCount(loop, 0, rank - 1);
      bool flat = !outer || llvm::divideCeil(*outer, kRows) > kMaxGridY;
      if (rank == 2 && !flat)
        continue;
      std::vector<unsigned> head(flat ? rank : rank - 1);
      std::iota(head.begin(), head.end(), 0);
      SmallVector<std::vector<unsigned>> groups{head};
      if (!flat)
        groups.push_back({rank - 1});
      rewriter.setInsertionPoint(loop);
      collapseParallelLoops(rewriter, loop, groups);
    }
    for (scf::ParallelOp loop : outermostLoops(getOperation())) {
      SmallVector<int64_t> sizes = {kRows * kWarp};
      if (loop.getNumLoops() == 2)
        sizes = {kRows, kWarp};
      scf::tileParallelLoop(loop, sizes, /*noMinMaxBounds=*/true);
    }
  }
};

} // namespace
