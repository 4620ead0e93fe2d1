//===- DistinctResults.cpp - one fresh tensor per function result ---------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace tlc {
#define GEN_PASS_DEF_TLDISTINCTRESULTS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
/// Whether `v` is a new tensor: a linalg op's result, the result of a tiled
/// loop (scf.forall, scf.for) over an empty or new tensor (or a reshape of
/// one), or a reshape of a new tensor.
/// Whether `v` is a tensor.empty, or a reshape of one (the start of a
/// contraction written in place).
bool isEmpty(Value v) {
  if (auto expand = v.getDefiningOp<tensor::ExpandShapeOp>())
    return isEmpty(expand.getSrc());
  if (auto collapse = v.getDefiningOp<tensor::CollapseShapeOp>())
    return isEmpty(collapse.getSrc());
  return v.getDefiningOp<tensor::EmptyOp>() != nullptr;
}

bool isFresh(Value v) {
  if (v.getDefiningOp<linalg::LinalgOp>())
    return true;
  // A reshape of a fresh tensor (a bit-packed product's unpacked rows, a
  // contraction written in place).
  if (auto collapse = v.getDefiningOp<tensor::CollapseShapeOp>())
    return isFresh(collapse.getSrc());
  auto result = dyn_cast<OpResult>(v);
  Value init;
  if (auto forall = v.getDefiningOp<scf::ForallOp>())
    init = forall.getTiedOpOperand(result)->get();
  else if (auto loop = v.getDefiningOp<scf::ForOp>())
    init = loop.getInitArgs()[result.getResultNumber()];
  return init && (isEmpty(init) || isFresh(init));
}

struct TLDistinctResultsPass
    : tlc::impl::TLDistinctResultsBase<TLDistinctResultsPass> {
  void runOnOperation() override {
    // The status result is returned as a scalar, not through a buffer: the C
    // ABI turns it into the return code.
    getOperation().walk([](func::FuncOp func) {
      if (func.isExternal())
        return;
      SmallVector<Type> resultTypes(func.getResultTypes());
      for (unsigned i = 0, e = func.getNumResults(); i < e; ++i) {
        auto type = dyn_cast<RankedTensorType>(resultTypes[i]);
        if (!func.getResultAttr(i, tlc::tl::kStatusAttrName) || !type ||
            type.getRank() != 0 || !type.getElementType().isInteger(1))
          continue;
        resultTypes[i] = type.getElementType();
        func.walk([&](func::ReturnOp ret) {
          OpBuilder b(ret);
          Value flag = ret.getOperand(i);
          ret.setOperand(i, b.createOrFold<tensor::ExtractOp>(
                                ret.getLoc(), flag, ValueRange{}));
        });
      }
      func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                     resultTypes));
    });
    getOperation().walk([](func::ReturnOp ret) {
      OpBuilder b(ret);
      llvm::SmallPtrSet<Value, 8> seen;
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<RankedTensorType>(v.getType());
        if (!type)
          continue;
        if (isFresh(v) && seen.insert(v).second)
          continue;
        Value empty = tensor::EmptyOp::create(b, ret.getLoc(), type.getShape(),
                                              type.getElementType());
        operand.set(
            linalg::CopyOp::create(b, ret.getLoc(), v, empty).getResult(0));
      }
    });
  }
};
} // namespace
