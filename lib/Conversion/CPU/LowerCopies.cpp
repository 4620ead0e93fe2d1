//===- LowerCopies.cpp - strided memref.copy to linalg.copy ---------------===//
//
// Upstream MLIR has no such rewrite (IREE and ByteIR each carry their own
// MemrefCopyToLinalg pass); bufferization's memcpy hook is not exposed by
// the one-shot-bufferize pass.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace tlc {
#define GEN_PASS_DEF_TLLOWERCOPIES
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
struct TLLowerCopiesPass : tlc::impl::TLLowerCopiesBase<TLLowerCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      auto contiguous = [](Value v) {
        auto type = cast<MemRefType>(v.getType());
        return type.getLayout().isIdentity() ||
               memref::isStaticShapeAndContiguousRowMajor(type);
      };
      if (!contiguous(copy.getSource()) || !contiguous(copy.getTarget()))
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
  }
};
} // namespace
