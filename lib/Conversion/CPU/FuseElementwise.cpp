//===- FuseElementwise.cpp - elementwise maps into the ops that read them -===//
//
// Upstream's elementwise fusion (linalg::fuseElementwiseOps), with our own
// choice of what to fuse. Its pattern set also rewrites fills and `outs`
// operands (which moved the Boolean unpack's result off the caller's
// buffer), fuses into contractions (which tl-cpu-contractions then no
// longer recognises), and keeps a producer's result wherever another op
// reads it, so a map read by two reductions (softmax's max and sum) was
// still written out whole.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/PatternMatch.h"

namespace tlc {
#define GEN_PASS_DEF_TLFUSEELEMENTWISE
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
/// tl-to-linalg marks the Boolean products' generics for later passes.
bool marked(Operation *op) {
  return llvm::any_of(op->getDiscardableAttrs(), [](NamedAttribute attr) {
    return attr.getName().getValue().starts_with("tl.");
  });
}

/// A contraction (tl-cpu-contractions packs and tiles it).
bool isContraction(linalg::GenericOp op) {
  return op.getNumDpsInputs() == 2 && linalg::isaContractionOpInterface(op);
}

/// `use` reads an elementwise map element for element (no broadcast, so
/// fusing computes each element once) and neither op is a contraction or
/// marked.
bool fusable(OpOperand &use) {
  auto consumer = dyn_cast<linalg::GenericOp>(use.getOwner());
  auto producer = use.get().getDefiningOp<linalg::GenericOp>();
  if (!consumer || !producer || !consumer.isDpsInput(&use) ||
      producer.getNumLoops() != producer.getNumParallelLoops() ||
      producer->getNumResults() != 1 || isContraction(consumer) ||
      isContraction(producer) || marked(consumer) || marked(producer) ||
      !consumer.getMatchingIndexingMap(&use).isPermutation())
    return false;
  return linalg::areElementwiseOpsFusable(&use);
}

/// A map cheap enough to compute once per reader: arithmetic only (no
/// `exp`, `log`, ...).
bool cheap(linalg::GenericOp op) {
  return !op.getBody()
              ->walk([](Operation *inner) {
                return isa<math::MathDialect>(inner->getDialect())
                           ? WalkResult::interrupt()
                           : WalkResult::advance();
              })
              .wasInterrupted();
}

struct TLFuseElementwisePass
    : tlc::impl::TLFuseElementwiseBase<TLFuseElementwisePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // One fusion at a time; each removes a use of a map, so this ends.
    while (true) {
      OpOperand *next = nullptr;
      getOperation().walk([&](linalg::GenericOp producer) {
        if (producer->getNumResults() != 1 || producer->use_empty())
          return WalkResult::advance();
        Value result = producer->getResult(0);
        bool all = llvm::all_of(result.getUses(),
                                [](OpOperand &use) { return fusable(use); });
        // Several readers: each gets its own copy of a cheap map, so that
        // none of them needs the map's result in memory.
        if (!all || (!result.hasOneUse() && !cheap(producer)))
          return WalkResult::advance();
        next = &*result.getUses().begin();
        return WalkResult::interrupt();
      });
      if (!next)
        return;
      Operation *producer = next->get().getDefiningOp();
      if (!producer->getResult(0).hasOneUse()) {
        rewriter.setInsertionPoint(producer);
        producer = rewriter.clone(*producer);
        next->set(producer->getResult(0));
      }
      auto consumer = cast<linalg::GenericOp>(next->getOwner());
      rewriter.setInsertionPoint(consumer);
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, next);
      if (failed(fused)) {
        consumer.emitError("tl-fuse-elementwise: fusion failed");
        return signalPassFailure();
      }
      for (auto [original, replacement] : fused->replacements)
        rewriter.replaceAllUsesWith(original, replacement);
      rewriter.eraseOp(consumer);
      rewriter.eraseOp(producer);
    }
  }
};
} // namespace
