//===- TileReductions.cpp - tl-gpu-tile-reductions ------------------------===//
//
// Block-level reductions: the threads of a warp (or of a whole block, for
// few rows) share a row, then combine their partial results in shared
// memory. Upstream's gpu.all_reduce would combine a whole block, one value
// per block; rows per block and combiners cloned from any linalg body need
// the loops written out, which the phases of BlockEmitter give along with a
// check on the host.
//
//===----------------------------------------------------------------------===//

#include "BlockEmitter.h"

#include "tlc/Conversion/Passes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

namespace tlc {
#define GEN_PASS_DEF_TLGPUTILEREDUCTIONS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr int64_t kWarp = 32;
constexpr int64_t kThreads = 256;
/// Rows with fewer elements are left to one thread each.
constexpr int64_t kMinColumns = 2 * kWarp;
/// Up to this many rows, a whole block shares each row.
constexpr int64_t kFewRows = 16;

/// A reduction the schedule handles: its parallel dimensions are rows, its
/// reduced ones columns (the last loop dimension reduced and innermost in
/// memory, so a warp reads a row's neighbouring elements).
struct Reduction {
  linalg::GenericOp op;
  SmallVector<unsigned> parallel, reduced;
  SmallVector<int64_t> sizes;
  int64_t rows = 1, cols = 1;
  /// Per init: its combiner (reduced results) or null (results written
  /// element by element).
  SmallVector<Operation *> combiners;
};

bool usesOnly(AffineMap map, ArrayRef<unsigned> dims) {
  return llvm::all_of(map.getResults(), [&](AffineExpr e) {
    return llvm::is_contained(dims, cast<AffineDimExpr>(e).getPosition());
  });
}

std::optional<Reduction> matchRowReduction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.hasIndexSemantics() ||
      op.getNumReductionLoops() == 0)
    return std::nullopt;
  Reduction r;
  r.op = op;
  r.sizes = op.getStaticLoopRanges();
  unsigned last = op.getNumLoops() - 1;
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray())) {
    bool reduced = type == utils::IteratorType::reduction;
    (reduced ? r.reduced : r.parallel).push_back(d);
    (reduced ? r.cols : r.rows) *= r.sizes[d];
    if (d == last && !reduced)
      return std::nullopt;
  }
  // Column j delinearizes over the reduced dimensions, the last fastest.
  if (r.cols < kMinColumns)
    return std::nullopt;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!type || !type.hasStaticShape() || !map.isProjectedPermutation())
      return std::nullopt;
    // Inputs read along the row: their innermost dimension is the last
    // loop dimension, or they do not depend on the columns at all.
    if (op.isDpsInput(&operand) && !usesOnly(map, r.parallel) &&
        (map.getNumResults() == 0 ||
         cast<AffineDimExpr>(map.getResults().back()).getPosition() != last))
      return std::nullopt;
  }
  Block &body = *op.getBlock();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  bool anyReduced = false;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    unsigned pos = init.getOperandNumber() - op.getNumDpsInputs();
    if (map.getNumResults() == op.getNumLoops()) {
      r.combiners.push_back(nullptr); // written element by element
      continue;
    }
    if (!usesOnly(map, r.parallel) || map.getNumResults() != r.parallel.size())
      return std::nullopt;
    SmallVector<Operation *> combiners;
    SmallVector<BlockArgument> args(body.getArguments().begin(),
                                    body.getArguments().end());
    if (!mlir::matchReduction(
            ArrayRef<BlockArgument>(args).drop_front(op.getNumDpsInputs()), pos,
            combiners) ||
        combiners.size() != 1 || !arith::getNeutralElement(combiners[0]) ||
        combiners[0]->getNumOperands() != 2 ||
        combiners[0]->getResult(0) != yield.getOperand(pos))
      return std::nullopt;
    r.combiners.push_back(combiners[0]);
    anyReduced = true;
  }
  if (!anyReduced)
    return std::nullopt;
  return r;
}

class Emitter : tlc::BlockEmitter {
public:
  Emitter(OpBuilder &b, Location loc, Reduction r, bool onHost)
      : BlockEmitter(b, loc, onHost, rowsPerBlock(r),
                     kThreads / rowsPerBlock(r)),
        r(std::move(r)) {}

  void emit();

private:
  static int64_t rowsPerBlock(const Reduction &r) {
    return r.rows <= kFewRows ? 1 : kThreads / kWarp;
  }
  SmallVector<Value> indices(OpOperand &operand) {
    SmallVector<Value> result;
    for (AffineExpr e : r.op.getMatchingIndexingMap(&operand).getResults())
      result.push_back(loops[cast<AffineDimExpr>(e).getPosition()]);
    return result;
  }
  /// combiner(x, y), cloned from the body.
  Value combine(Operation *combiner, Value x, Value y) {
    IRMapping map;
    map.map(combiner->getOperand(0), x);
    map.map(combiner->getOperand(1), y);
    return b.clone(*combiner, map)->getResult(0);
  }
  /// Sets `loops` for the block's row `ty` (guarded: a row of the op).
  Value rowOf(Value blockId, Value ty) {
    Value row = add(mul(blockId, threadsY), ty);
    SmallVector<int64_t> sizes;
    for (unsigned d : r.parallel)
      sizes.push_back(r.sizes[d]);
    for (auto [d, index] : llvm::zip_equal(r.parallel, delinearize(row, sizes)))
      loops[d] = index;
    return lessThan(row, r.rows);
  }

  Reduction r;
  SmallVector<Value> loops, partials;
};

void Emitter::emit() {
  Block &body = *r.op.getBlock();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  unsigned numInputs = r.op.getNumDpsInputs();
  SmallVector<OpOperand *> inits;
  for (OpOperand &init : r.op.getDpsInitsMutable())
    inits.push_back(&init);

  OpBuilder::InsertionGuard guard(b);
  SmallVector<Value> ids =
      openGrid({llvm::divideCeilSigned(r.rows, threadsY)}, [&] {
        for (auto [init, combiner] : llvm::zip_equal(inits, r.combiners))
          partials.push_back(combiner ? tile({threadsY, threadsX},
                                             combiner->getResult(0).getType())
                                      : Value());
      });
  loops.assign(r.sizes.size(), Value());

  // Each thread folds the columns tx, tx + threadsX, ... of its row into
  // partial results (the identity where it has none), writing element-wise
  // results on the way.
  phase([&](Value ty, Value tx) {
    guarded(rowOf(ids[0], ty), [&] {
      SmallVector<Value> init;
      for (Operation *combiner : r.combiners)
        if (combiner)
          init.push_back(arith::ConstantOp::create(
              b, loc, *arith::getNeutralElement(combiner)));
      auto loop =
          scf::ForOp::create(b, loc, tx, cst(r.cols), cst(threadsX), init);
      {
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(loop.getBody());
        SmallVector<int64_t> sizes;
        for (unsigned d : r.reduced)
          sizes.push_back(r.sizes[d]);
        for (auto [d, index] : llvm::zip_equal(
                 r.reduced, delinearize(loop.getInductionVar(), sizes)))
          loops[d] = index;
        IRMapping map;
        for (OpOperand *input : r.op.getDpsInputOperands())
          map.map(
              body.getArgument(input->getOperandNumber()),
              memref::LoadOp::create(b, loc, input->get(), indices(*input)));
        unsigned next = 0;
        for (auto [init, combiner] : llvm::zip_equal(inits, r.combiners)) {
          BlockArgument arg = body.getArgument(init->getOperandNumber());
          if (combiner)
            map.map(arg, loop.getRegionIterArg(next++));
          else if (r.op.payloadUsesValueFromOperand(init))
            map.map(arg, memref::LoadOp::create(b, loc, init->get(),
                                                indices(*init)));
        }
        for (Operation &op : body.without_terminator())
          b.clone(op, map);
        SmallVector<Value> yielded;
        for (auto [init, combiner] : llvm::zip_equal(inits, r.combiners)) {
          Value v = map.lookupOrDefault(
              yield.getOperand(init->getOperandNumber() - numInputs));
          if (combiner)
            yielded.push_back(v);
          else
            memref::StoreOp::create(b, loc, v, init->get(), indices(*init));
        }
        scf::YieldOp::create(b, loc, yielded);
      }
      unsigned next = 0;
      for (Value partial : partials)
        if (partial)
          memref::StoreOp::create(b, loc, loop.getResult(next++), partial,
                                  ValueRange{ty, tx});
    });
  });

  // A tree over the row's partials in shared memory, one phase per level;
  // the last level also folds in the result's initial value.
  for (int64_t width = threadsX / 2; width >= 1; width /= 2) {
    phase([&](Value ty, Value tx) {
      Value inRow = rowOf(ids[0], ty);
      Value active = arith::AndIOp::create(b, loc, inRow, lessThan(tx, width));
      guarded(active, [&] {
        Value other = add(tx, cst(width));
        for (auto [init, combiner, partial] :
             llvm::zip_equal(inits, r.combiners, partials)) {
          if (!combiner)
            continue;
          Value v = combine(
              combiner,
              memref::LoadOp::create(b, loc, partial, ValueRange{ty, tx}),
              memref::LoadOp::create(b, loc, partial, ValueRange{ty, other}));
          if (width > 1) {
            memref::StoreOp::create(b, loc, v, partial, ValueRange{ty, tx});
            continue;
          }
          Value old =
              memref::LoadOp::create(b, loc, init->get(), indices(*init));
          memref::StoreOp::create(b, loc, combine(combiner, old, v),
                                  init->get(), indices(*init));
        }
      });
    });
  }
}

struct TLGpuTileReductionsPass
    : tlc::impl::TLGpuTileReductionsBase<TLGpuTileReductionsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<Reduction, 4> found;
    getOperation().walk([&](linalg::GenericOp op) {
      if (std::optional<Reduction> r = matchRowReduction(op))
        found.push_back(std::move(*r));
    });
    for (Reduction &r : found) {
      OpBuilder b(r.op);
      linalg::GenericOp op = r.op;
      Emitter(b, op.getLoc(), std::move(r), onHost).emit();
      op->erase();
    }
  }
};

} // namespace
