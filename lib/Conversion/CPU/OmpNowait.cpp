//===- OmpNowait.cpp - one barrier per parallel region --------------------===//
//
// convert-scf-to-openmp gives every worksharing loop its implicit barrier,
// even as the last op of its parallel region, whose end is a barrier too.
// Upstream has no option for it.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"

namespace tlc {
#define GEN_PASS_DEF_TLOMPNOWAIT
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
struct TLOmpNowaitPass : tlc::impl::TLOmpNowaitBase<TLOmpNowaitPass> {
  void runOnOperation() override {
    getOperation().walk([](omp::WsloopOp loop) {
      Operation *next = loop->getNextNode();
      if (!isa_and_nonnull<omp::ParallelOp>(loop->getParentOp()) || !next ||
          !isa<omp::TerminatorOp>(next) || !loop.getReductionVars().empty())
        return;
      loop.setNowait(true);
    });
  }
};
} // namespace
