//===- MapForall.cpp - tl-gpu-map-forall ----------------------------------===//
//
// Maps tl-gpu-tile-contractions' loops onto gpu.launch ops with upstream's
// transform ops, applied by the transform interpreter to one grid loop at a
// time.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <map>

namespace tlc {
#define GEN_PASS_DEF_TLGPUMAPFORALL
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kSequenceName = "tl_map_forall";

/// The schedule's mapping for blocks of x * y threads; barriers follow
/// every thread-level loop.
std::string mappingScript(int64_t x, int64_t y) {
  return R"mlir(
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tl_map_forall(
      %grid: !transform.any_op {transform.consumed}) {
    %launch = transform.gpu.map_forall_to_blocks %grid generate_gpu_launch
      : (!transform.any_op) -> !transform.any_op
    transform.gpu.map_nested_forall_to_threads %launch block_dims = [)mlir" +
         std::to_string(x) + ", " + std::to_string(y) + R"mlir(, 1]
      : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
})mlir";
}

/// Workgroup-memory allocations inside a launch become its workgroup
/// attributions (shared memory after outlining and NVVM conversion).
void allocsToAttributions(gpu::LaunchOp launch) {
  SmallVector<memref::AllocOp> allocs;
  launch.getBody().walk([&](memref::AllocOp alloc) {
    if (gpu::GPUDialect::isWorkgroupMemoryAddressSpace(
            alloc.getType().getMemorySpace()))
      allocs.push_back(alloc);
  });
  for (memref::AllocOp alloc : allocs) {
    BlockArgument shared =
        launch.addWorkgroupAttribution(alloc.getType(), alloc.getLoc());
    alloc.replaceAllUsesWith(shared);
    alloc.erase();
  }
}

struct TLGpuMapForallPass : tlc::impl::TLGpuMapForallBase<TLGpuMapForallPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> grids;
    getOperation().walk([&](scf::ForallOp forall) {
      if (forall->hasAttr(tlc::kGpuGridAttrName))
        grids.push_back(forall);
    });
    // One script per block shape.
    std::map<std::pair<int64_t, int64_t>, OwningOpRef<ModuleOp>> scripts;
    for (scf::ForallOp grid : grids) {
      auto threads =
          grid->getAttrOfType<DenseI64ArrayAttr>(tlc::kGpuGridAttrName);
      if (!threads || threads.size() != 3) {
        grid.emitError("tl-gpu-map-forall: expected the block's thread "
                       "counts in ")
            << tlc::kGpuGridAttrName;
        return signalPassFailure();
      }
      OwningOpRef<ModuleOp> &library = scripts[{threads[0], threads[1]}];
      if (!library)
        library = parseSourceString<ModuleOp>(
            mappingScript(threads[0], threads[1]), &getContext());
      auto sequence =
          library
              ? library->lookupSymbol<transform::NamedSequenceOp>(kSequenceName)
              : nullptr;
      if (!sequence) {
        grid.emitError("tl-gpu-map-forall: bad built-in script");
        return signalPassFailure();
      }
      Operation *parent = grid->getParentOp();
      if (failed(transform::applyTransformNamedSequence(
              grid, sequence, *library, transform::TransformOptions())))
        return signalPassFailure();
      parent->walk(allocsToAttributions);
    }
  }
};

} // namespace
