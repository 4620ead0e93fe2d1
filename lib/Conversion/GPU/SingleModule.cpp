//===- SingleModule.cpp - tl-gpu-single-module ----------------------------===//
//
// Upstream outlining makes one gpu.module per kernel; one module gives one
// PTX file and one binary to load, so the kernels are gathered here.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

namespace tlc {
#define GEN_PASS_DEF_TLGPUSINGLEMODULE
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

struct TLGpuSingleModulePass
    : tlc::impl::TLGpuSingleModuleBase<TLGpuSingleModulePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> modules(module.getOps<gpu::GPUModuleOp>());
    if (modules.size() < 2)
      return;
    gpu::GPUModuleOp target = modules.front();
    SymbolTable table(target);
    MLIRContext *ctx = &getContext();
    for (gpu::GPUModuleOp other : llvm::drop_begin(modules)) {
      // Symbols of `other`, renamed where `target` has them already.
      llvm::StringMap<StringAttr> renamed;
      for (Operation &op :
           llvm::make_early_inc_range(other.getBody()->without_terminator())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        StringAttr old = symbol ? symbol.getNameAttr() : StringAttr();
        op.remove();
        table.insert(&op); // renames on a clash
        if (old)
          renamed[old.getValue()] = cast<SymbolOpInterface>(op).getNameAttr();
      }
      module.walk([&](gpu::LaunchFuncOp launch) {
        if (launch.getKernelModuleName() != other.getNameAttr())
          return;
        StringAttr kernel = renamed.lookup(launch.getKernelName().getValue());
        launch.setKernelAttr(SymbolRefAttr::get(
            target.getNameAttr(), {FlatSymbolRefAttr::get(ctx, kernel)}));
      });
      other.erase();
    }
  }
};

} // namespace
