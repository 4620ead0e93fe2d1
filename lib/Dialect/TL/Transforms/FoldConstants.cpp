//===- FoldConstants.cpp - evaluate tl ops on constants --------------------===//
//
// Folding through the reference interpreter keeps one definition of every
// op's meaning instead of a second evaluator in the dialect's fold hooks.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"
#include "tlc/Reference/Interpreter.h"
#include "tlc/Support/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace tlc::tl {
#define GEN_PASS_DEF_TLFOLDCONSTANTS
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

struct TLFoldConstantsPass
    : tl::impl::TLFoldConstantsBase<TLFoldConstantsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    ModuleOp module = getOperation();
    // In program order, so that folding feeds the ops after it.
    SmallVector<Operation *> candidates;
    module.walk([&](Operation *op) {
      if (isa<MapOp, EinsumOp, ReduceOp, SoftmaxOp>(op))
        candidates.push_back(op);
    });
    for (Operation *op : candidates) {
      bool allConstant = llvm::all_of(op->getOperands(), [](Value v) {
        return v.getDefiningOp<ConstantOp>();
      });
      int64_t size = 0;
      for (Value r : op->getResults())
        size += cast<RankedTensorType>(r.getType()).getNumElements();
      if (allConstant && size <= maxElements)
        fold(op);
    }
  }

  /// Evaluates `op` in a scratch function: its constant operands and it.
  void fold(Operation *op) {
    OpBuilder b(op->getContext());
    OwningOpRef<ModuleOp> scratch = ModuleOp::create(op->getLoc());
    b.setInsertionPointToEnd(scratch->getBody());
    auto func = func::FuncOp::create(
        b, op->getLoc(), "fold",
        b.getFunctionType({}, op->getResultTypes()));
    b.setInsertionPointToEnd(func.addEntryBlock());
    IRMapping map;
    for (Value v : op->getOperands())
      map.map(v, b.clone(*v.getDefiningOp())->getResult(0));
    Operation *copy = b.clone(*op, map);
    func::ReturnOp::create(b, op->getLoc(), copy->getResults());
    auto values = reference::evaluate(func, {});
    if (!values) {
      // Leave what the interpreter cannot evaluate to the compiled code.
      llvm::consumeError(values.takeError());
      return;
    }
    b.setInsertionPoint(op);
    for (auto [result, value] : llvm::zip(op->getResults(), *values)) {
      DenseElementsAttr attr = toElementsAttr(value, op->getContext());
      result.replaceAllUsesWith(
          ConstantOp::create(b, op->getLoc(), attr.getType(), attr));
    }
    op->erase();
  }
};

} // namespace
