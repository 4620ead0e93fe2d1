//===- LowerFixpoint.cpp - tl.fixpoint to scf.while on tensors ------------===//
//
// The loop runs before tl-to-linalg and states its convergence test in tl
// ops, so that the body and the test are lowered by the same patterns as
// every other tl op and agree with the reference interpreter by
// construction.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace tlc {
#define GEN_PASS_DEF_TLLOWERFIXPOINT
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

/// `rank` distinct index letters for a map spec.
static std::string indexLetters(int64_t rank) {
  static constexpr llvm::StringLiteral letters =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return letters.take_front(rank).str();
}

/// A tensor<i1> that is true iff no element of `next` differs from `state`:
/// equal, or for floats within `tolerance` (`|next - state| <= tolerance`,
/// false for NaN). Built from tl ops so it lowers like the body.
static Value buildUnchanged(OpBuilder &b, Location loc, Value next, Value state,
                            double tolerance) {
  auto type = cast<RankedTensorType>(state.getType());
  int64_t rank = type.getRank();
  std::string idx = indexLetters(rank);
  std::string unary = idx + "->" + idx, binary = idx + "," + idx + "->" + idx;
  auto boolType = type.clone(b.getI1Type());
  Value same = MapOp::create(b, loc, boolType, binary, MapFn::eq,
                             ValueRange{next, state}, FloatAttr());
  // With tolerance 0 the test adds nothing: x - y == 0 iff x == y.
  if (isa<FloatType>(type.getElementType()) && tolerance > 0) {
    Value diff = MapOp::create(b, loc, type, binary, MapFn::sub,
                               ValueRange{next, state}, FloatAttr());
    Value mag =
        MapOp::create(b, loc, type, unary, MapFn::abs, diff, FloatAttr());
    Value close = MapOp::create(b, loc, boolType, unary, MapFn::le, mag,
                                b.getF64FloatAttr(tolerance));
    same = MapOp::create(b, loc, boolType, binary, MapFn::or_,
                         ValueRange{same, close}, FloatAttr());
  }
  if (rank == 0)
    return same;
  // min over i1 is AND: all elements unchanged.
  auto scalarType = RankedTensorType::get({}, b.getI1Type());
  return ReduceOp::create(b, loc, scalarType, ReduceKind::min, same,
                          llvm::to_vector(llvm::seq<int64_t>(0, rank)));
}

/// Replaces `op` by
///
///   scf.while (state = inits, iter = 0, done = false) {
///     scf.condition(iter < max_iterations && !done) state, iter, done
///   } do {
///     next = <body>(state)
///     scf.yield next, iter + 1, all(unchanged(next, state))
///   }
///
/// whose `done` result is the convergence flag.
static LogicalResult lowerFixpoint(FixpointOp op) {
  Location loc = op.getLoc();
  for (Value v : op.getInits())
    if (cast<RankedTensorType>(v.getType()).getRank() > 52)
      return op.emitOpError("cannot lower a state of rank above 52");
  OpBuilder b(op);
  Type i1 = b.getI1Type();
  size_t numStates = op.getInits().size();
  SmallVector<Value> inits(op.getInits());
  inits.push_back(arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0)));
  inits.push_back(arith::ConstantOp::create(b, loc, b.getBoolAttr(false)));
  SmallVector<Type> types(ValueRange(inits).getTypes());
  Value bound = arith::ConstantOp::create(
      b, loc, b.getI64IntegerAttr(op.getMaxIterationsAttr().getInt()));
  Value trueValue = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));

  auto loop = scf::WhileOp::create(
      b, loc, types, inits,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value iter = args[numStates], done = args[numStates + 1];
        Value more = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::slt,
                                           iter, bound);
        Value notDone = arith::XOrIOp::create(nb, nloc, done, trueValue);
        Value cond = arith::AndIOp::create(nb, nloc, more, notDone);
        scf::ConditionOp::create(nb, nloc, cond, args);
      },
      [&](OpBuilder &, Location, ValueRange) {});

  // Move the body into the loop's `after` block, on its state arguments.
  Block &body = op.getBody().front();
  Block *after = loop.getAfterBody();
  for (auto [from, to] : llvm::zip(body.getArguments(),
                                   after->getArguments().take_front(numStates)))
    from.replaceAllUsesWith(to);
  YieldOp yield = op.getYield();
  SmallVector<Value> next(yield.getValues());
  yield.erase();
  after->getOperations().splice(after->end(), body.getOperations());

  OpBuilder ab = OpBuilder::atBlockEnd(after);
  double tolerance = op.getTolerance().convertToDouble();
  Value allSame;
  for (size_t i = 0; i < numStates; ++i) {
    Value same =
        buildUnchanged(ab, loc, next[i], after->getArgument(i), tolerance);
    allSame = allSame
                  ? MapOp::create(ab, loc, same.getType(), ",->", MapFn::and_,
                                  ValueRange{allSame, same}, FloatAttr())
                        .getResult()
                  : same;
  }
  Value done = tensor::ExtractOp::create(ab, loc, allSame, ValueRange{});
  Value one = arith::ConstantOp::create(ab, loc, ab.getI64IntegerAttr(1));
  Value iter =
      arith::AddIOp::create(ab, loc, after->getArgument(numStates), one);
  next.push_back(iter);
  next.push_back(done);
  scf::YieldOp::create(ab, loc, next);

  b.setInsertionPointAfter(loop);
  Value converged = tensor::FromElementsOp::create(
      b, loc, RankedTensorType::get({}, i1), loop.getResult(numStates + 1));
  SmallVector<Value> results(loop.getResults().take_front(numStates));
  results.push_back(converged);
  op.replaceAllUsesWith(results);
  op.erase();
  return success();
}

struct TLLowerFixpointPass
    : tlc::impl::TLLowerFixpointBase<TLLowerFixpointPass> {
  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    // Innermost first: an outer body is moved as a whole, loops included.
    SmallVector<FixpointOp> ops;
    getOperation().walk([&](FixpointOp op) { ops.push_back(op); });
    for (FixpointOp op : ops)
      if (failed(lowerFixpoint(op)))
        return signalPassFailure();
  }
};

} // namespace
