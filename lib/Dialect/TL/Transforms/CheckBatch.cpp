//===- CheckBatch.cpp - tl-check-batch: batch rows are independent -------===//
//
// Compiled code with a batch dimension runs its graph on chunks of rows
// (tl-batch-entries), which is only right if no row depends on another; this
// pass proves that on the graph, or says which op breaks it.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/RegionUtils.h"

namespace tlc::tl {
#define GEN_PASS_DEF_TLCHECKBATCH
#define GEN_PASS_DEF_TLSPECIALIZEBATCH
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

/// The batch dimension of each value (absent: not batched).
using BatchDims = llvm::DenseMap<Value, unsigned>;

/// For an einsum or map: operand i's batch dimension maps to a loop; all
/// must map to the same output loop, and no unbatched operand may use it.
/// Returns the result's batch dimension, -1 if none, or failure.
FailureOr<int> throughLoops(Operation *op, const EinsumProblem &p,
                            const BatchDims &dims) {
  std::optional<int> batchLoop;
  for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
    auto it = dims.find(operand);
    if (it == dims.end())
      continue;
    int loop = p.inputLoops[i][it->second];
    if (loop < 0)
      continue; // a batch of one broadcasts: nothing to pair
    if (batchLoop && *batchLoop != loop)
      return op->emitOpError("pairs different batch rows of its operands "
                             "(their batch dimensions have different index "
                             "letters); batch rows must stay independent");
    batchLoop = loop;
  }
  if (!batchLoop)
    return -1;
  if (*batchLoop >= (int)p.numOutputLoops)
    return op->emitOpError("sums over the batch dimension; batch rows must "
                           "stay independent");
  for (auto [i, operand] : llvm::enumerate(op->getOperands()))
    if (!dims.count(operand) && llvm::is_contained(p.inputLoops[i], *batchLoop))
      return op->emitOpError("operand #")
             << i << " is indexed by the batch dimension but is not batched";
  return *batchLoop;
}

LogicalResult follow(Block &block, BatchDims &dims) {
  for (Operation &op : block) {
    auto set = [&](Value v, std::optional<unsigned> d) {
      if (d)
        dims[v] = *d;
    };
    auto setLoop = [&](Value v, int d) {
      if (d >= 0)
        dims[v] = d;
    };
    auto batchOf = [&](Value v) -> std::optional<unsigned> {
      auto it = dims.find(v);
      return it == dims.end() ? std::nullopt
                              : std::optional<unsigned>(it->second);
    };
    bool anyBatched =
        llvm::any_of(op.getOperands(), [&](Value v) { return dims.count(v); });
    // A fixpoint's body may read values defined above it.
    if (isa<FixpointOp>(op)) {
      llvm::SetVector<Value> above;
      getUsedValuesDefinedAbove(op.getRegions(), above);
      anyBatched |= llvm::any_of(above, [&](Value v) { return dims.count(v); });
    }
    if (!anyBatched)
      continue;
    std::string error;
    // An einsum or a map: the batch dimension through its loops.
    auto viaLoops = [&](auto loopOp, auto bound) -> LogicalResult {
      if (!bound)
        return loopOp.emitOpError(error);
      auto d = throughLoops(loopOp, *bound, dims);
      if (failed(d))
        return failure();
      setLoop(loopOp.getResult(), *d);
      return success();
    };
    if (auto e = dyn_cast<EinsumOp>(op)) {
      if (failed(viaLoops(e, bindEinsum(e, error))))
        return failure();
    } else if (auto m = dyn_cast<MapOp>(op)) {
      if (failed(viaLoops(m, bindMap(m, error))))
        return failure();
    } else if (auto r = dyn_cast<ReduceOp>(op)) {
      unsigned d = *batchOf(r.getInput()), before = 0;
      for (int64_t a : r.getAxes()) {
        if (a == (int64_t)d)
          return r.emitOpError("reduces over the batch dimension; batch rows "
                               "must stay independent");
        before += a < (int64_t)d;
      }
      set(r.getResult(), d - before);
    } else if (auto s = dyn_cast<SoftmaxOp>(op)) {
      unsigned d = *batchOf(s.getInput());
      if (s.getAxis() == (int64_t)d)
        return s.emitOpError("normalises over the batch dimension; batch rows "
                             "must stay independent");
      set(s.getResult(), d);
    } else if (auto f = dyn_cast<FusedOp>(op)) {
      Block &body = f.getBody().front();
      for (auto [operand, arg] :
           llvm::zip(f.getOperands(), body.getArguments()))
        set(arg, batchOf(operand));
      if (failed(follow(body, dims)))
        return failure();
      auto yield = cast<YieldOp>(body.getTerminator());
      for (auto [result, v] : llvm::zip(f.getResults(), yield.getOperands()))
        set(result, batchOf(v));
    } else if (isa<FixpointOp>(op)) {
      return op.emitOpError(
          "iterates over batched values; a fixpoint "
          "converges over the whole batch at once, which "
          "compiled chunks of rows cannot do (not supported)");
    } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      auto func = ret->getParentOfType<func::FuncOp>();
      for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
        std::optional<unsigned> d = batchOf(v);
        if (!d)
          continue;
        if (*d != 0)
          return ret.emitOpError("result #")
                 << i << " has the batch dimension at position " << *d
                 << "; a batched output must have it first";
        func.setResultAttr(i, kBatchedAttrName, UnitAttr::get(op.getContext()));
      }
    } else if (!isa<YieldOp>(op)) {
      return op.emitOpError("takes batched values, which tl-check-batch does "
                            "not know how to follow");
    }
  }
  return success();
}

struct TLCheckBatchPass : tl::impl::TLCheckBatchBase<TLCheckBatchPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      BatchDims dims;
      for (BlockArgument arg : func.getArguments())
        if (func.getArgAttr(arg.getArgNumber(), kBatchedAttrName))
          dims[arg] = 0;
      if (dims.empty())
        continue;
      if (failed(follow(func.getBody().front(), dims)))
        return signalPassFailure();
    }
  }
};

/// `type` with every `?` replaced by `size`.
Type specialize(Type type, int64_t size) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.hasStaticShape())
    return type;
  SmallVector<int64_t> shape(tensor.getShape());
  for (int64_t &d : shape)
    if (ShapedType::isDynamic(d))
      d = size;
  return RankedTensorType::get(shape, tensor.getElementType(),
                               tensor.getEncoding());
}

struct TLSpecializeBatchPass
    : tl::impl::TLSpecializeBatchBase<TLSpecializeBatchPass> {
  using Base::Base;

  void runOnOperation() override {
    if (size < 1) {
      getOperation().emitError("tl-specialize-batch: size must be at least "
                               "1, got ")
          << size;
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      FunctionType type = func.getFunctionType();
      for (auto [i, t] : llvm::enumerate(type.getInputs())) {
        auto tensor = dyn_cast<RankedTensorType>(t);
        if (!tensor || tensor.hasStaticShape())
          continue;
        if (!ShapedType::isDynamic(tensor.getDimSize(0)) ||
            llvm::count_if(tensor.getShape(), ShapedType::isDynamic) != 1) {
          func.emitError("argument #")
              << i << " has type " << t
              << "; '?' (the batch size) may only be an argument's first "
                 "dimension";
          return signalPassFailure();
        }
        func.setArgAttr(i, kBatchedAttrName, UnitAttr::get(&getContext()));
      }
      func.walk([&](Operation *op) {
        for (Region &region : op->getRegions())
          for (Block &block : region)
            for (BlockArgument arg : block.getArguments())
              arg.setType(specialize(arg.getType(), size));
        for (OpResult result : op->getResults())
          result.setType(specialize(result.getType(), size));
      });
      SmallVector<Type> inputs, results;
      for (Type t : type.getInputs())
        inputs.push_back(specialize(t, size));
      for (Type t : type.getResults())
        results.push_back(specialize(t, size));
      func.setType(FunctionType::get(&getContext(), inputs, results));
    }
  }
};

} // namespace
