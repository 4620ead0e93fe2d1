//===- BoolBytes.cpp - tl-bool-bytes --------------------------------------===//
//
// i1 loads and stores as byte loads and stores, so that LLVM's loop
// vectorizer takes loops over relations (it leaves i1 memory accesses
// scalar). Written on the LLVM dialect because no memref type holds an i1
// buffer as bytes without changing every op that touches it.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace tlc {
#define GEN_PASS_DEF_TLBOOLBYTES
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

struct TLBoolBytesPass : tlc::impl::TLBoolBytesBase<TLBoolBytesPass> {
  void runOnOperation() override {
    SmallVector<LLVM::LoadOp> loads;
    SmallVector<LLVM::StoreOp> stores;
    getOperation().walk([&](Operation *op) {
      if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
        if (load.getType().isInteger(1))
          loads.push_back(load);
      } else if (auto store = dyn_cast<LLVM::StoreOp>(op)) {
        if (store.getValue().getType().isInteger(1))
          stores.push_back(store);
      }
    });
    for (LLVM::LoadOp load : loads) {
      OpBuilder b(load);
      Location loc = load.getLoc();
      auto byte =
          LLVM::LoadOp::create(b, loc, b.getI8Type(), load.getAddr(),
                               load.getAlignment().value_or(1),
                               load.getVolatile_(), load.getNontemporal());
      Value bit = LLVM::TruncOp::create(b, loc, b.getI1Type(), byte);
      load.replaceAllUsesWith(bit);
      load.erase();
    }
    for (LLVM::StoreOp store : stores) {
      OpBuilder b(store);
      Location loc = store.getLoc();
      Value byte =
          LLVM::ZExtOp::create(b, loc, b.getI8Type(), store.getValue());
      LLVM::StoreOp::create(b, loc, byte, store.getAddr(),
                            store.getAlignment().value_or(1),
                            store.getVolatile_(), store.getNontemporal());
      store.erase();
    }
  }
};

} // namespace
