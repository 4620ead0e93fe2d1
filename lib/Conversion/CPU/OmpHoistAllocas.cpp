//===- OmpHoistAllocas.cpp - stack buffers once per thread ----------------===//
//
// convert-scf-to-openmp wraps each parallel loop's body in an alloca scope.
// Where the body allocates (a Boolean product's list of set bits), the
// scope stays and is re-entered every iteration, and after convert-scf-to-cf
// it would hold several blocks, which memref.alloca_scope does not allow.
// Upstream's canonicalization (AllocaScopeHoister) left such allocas in the
// worksharing loop here.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/IR/PatternMatch.h"

namespace tlc {
#define GEN_PASS_DEF_TLOMPHOISTALLOCAS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
struct TLOmpHoistAllocasPass
    : tlc::impl::TLOmpHoistAllocasBase<TLOmpHoistAllocasPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](omp::WsloopOp loop) {
      auto parallel = dyn_cast<omp::ParallelOp>(loop->getParentOp());
      auto nest = dyn_cast_or_null<omp::LoopNestOp>(loop.getWrappedLoop());
      if (!parallel || !nest)
        return;
      for (Block &block : nest.getRegion()) {
        for (auto scope :
             llvm::make_early_inc_range(block.getOps<memref::AllocaScopeOp>()))
          hoist(rewriter, scope, parallel);
      }
    });
  }

  /// Moves the static allocas at the top level of `scope`, the body of one
  /// iteration, to the start of `parallel`'s region: each thread runs its
  /// iterations one after another, and an iteration's alloca is
  /// uninitialised memory that dies with the iteration, so one buffer per
  /// thread serves them all. Allocas nested deeper (in a loop inside the
  /// iteration, where several may be live at once) stay. A scope this
  /// empties of allocas is inlined, as upstream's canonicalization does.
  static void hoist(RewriterBase &rewriter, memref::AllocaScopeOp scope,
                    omp::ParallelOp parallel) {
    Block &body = scope.getBodyRegion().front();
    Block &entry = parallel.getRegion().front();
    bool hoisted = false;
    for (auto alloca :
         llvm::make_early_inc_range(body.getOps<memref::AllocaOp>()))
      if (alloca.getType().hasStaticShape() && alloca->getNumOperands() == 0) {
        rewriter.moveOpBefore(alloca, &entry, entry.begin());
        hoisted = true;
      }
    // A scope this pass did not change is left as canonicalize left it.
    if (!hoisted ||
        scope->walk([](memref::AllocaOp) { return WalkResult::interrupt(); })
            .wasInterrupted())
      return;
    Operation *terminator = body.getTerminator();
    ValueRange results = terminator->getOperands();
    rewriter.inlineBlockBefore(&body, scope);
    rewriter.replaceOp(scope, results);
    rewriter.eraseOp(terminator);
  }
};
} // namespace
