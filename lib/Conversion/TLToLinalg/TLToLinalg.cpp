//===- TLToLinalg.cpp - Lower tl ops to linalg on tensors -----------------===//

#include "LowerFused.h"

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace tlc {
#define GEN_PASS_DEF_TLTOLINALG
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

/// Builds scalar arithmetic on one element type, choosing float, integer or
/// Boolean (i1) ops.
struct Scalar {
  OpBuilder &b;
  Location loc;
  Type type;

  bool isFloat() const { return isa<FloatType>(type); }
  bool isBool() const { return type.isInteger(1); }

  Value constant(double v) const {
    if (isFloat())
      return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, v));
    return arith::ConstantOp::create(b, loc,
                                     b.getIntegerAttr(type, (int64_t)v));
  }
  /// The largest or smallest value of the type (+-inf for floats).
  Value extreme(bool largest) const {
    if (auto ft = dyn_cast<FloatType>(type))
      return arith::ConstantOp::create(
          b, loc,
          b.getFloatAttr(type, APFloat::getInf(ft.getFloatSemantics(),
                                               /*Negative=*/!largest)));
    unsigned w = type.getIntOrFloatBitWidth();
    APInt v = isBool() ? (largest ? APInt::getAllOnes(1) : APInt(1, 0))
                       : (largest ? APInt::getSignedMaxValue(w)
                                  : APInt::getSignedMinValue(w));
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, v));
  }
  Value add(Value x, Value y) const {
    if (isFloat())
      return arith::AddFOp::create(b, loc, x, y);
    if (isBool())
      return arith::OrIOp::create(b, loc, x, y);
    return arith::AddIOp::create(b, loc, x, y);
  }
  Value sub(Value x, Value y) const {
    if (isFloat())
      return arith::SubFOp::create(b, loc, x, y);
    return arith::SubIOp::create(b, loc, x, y);
  }
  Value mul(Value x, Value y) const {
    if (isFloat())
      return arith::MulFOp::create(b, loc, x, y);
    if (isBool())
      return arith::AndIOp::create(b, loc, x, y);
    return arith::MulIOp::create(b, loc, x, y);
  }
  /// Float division; integer floor division with x/0 = 0 (numpy's //) and
  /// MIN/-1 wrapping, so generated code never traps.
  Value div(Value x, Value y) const {
    if (isFloat())
      return arith::DivFOp::create(b, loc, x, y);
    Value zero = constant(0), minusOne = constant(-1);
    Value isZero =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
    Value isMinusOne =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, minusOne);
    Value trap = arith::OrIOp::create(b, loc, isZero, isMinusOne);
    Value one = constant(1);
    Value safeY = arith::SelectOp::create(b, loc, trap, one, y);
    Value q = arith::FloorDivSIOp::create(b, loc, x, safeY);
    Value negX = arith::SubIOp::create(b, loc, zero, x);
    Value special = arith::SelectOp::create(b, loc, isZero, zero, negX);
    return arith::SelectOp::create(b, loc, trap, special, q);
  }
  Value max(Value x, Value y) const {
    if (isFloat())
      return arith::MaximumFOp::create(b, loc, x, y);
    if (isBool())
      return arith::OrIOp::create(b, loc, x, y);
    return arith::MaxSIOp::create(b, loc, x, y);
  }
  Value min(Value x, Value y) const {
    if (isFloat())
      return arith::MinimumFOp::create(b, loc, x, y);
    if (isBool())
      return arith::AndIOp::create(b, loc, x, y);
    return arith::MinSIOp::create(b, loc, x, y);
  }
  Value cmp(MapFn fn, Value x, Value y) const {
    if (isFloat()) {
      arith::CmpFPredicate p;
      switch (fn) {
      case MapFn::eq: p = arith::CmpFPredicate::OEQ; break;
      case MapFn::ne: p = arith::CmpFPredicate::UNE; break;
      case MapFn::lt: p = arith::CmpFPredicate::OLT; break;
      case MapFn::le: p = arith::CmpFPredicate::OLE; break;
      case MapFn::gt: p = arith::CmpFPredicate::OGT; break;
      default: p = arith::CmpFPredicate::OGE; break;
      }
      return arith::CmpFOp::create(b, loc, p, x, y);
    }
    // i1 compares unsigned (false < true); other integers signed.
    bool u = isBool();
    arith::CmpIPredicate p;
    switch (fn) {
    case MapFn::eq: p = arith::CmpIPredicate::eq; break;
    case MapFn::ne: p = arith::CmpIPredicate::ne; break;
    case MapFn::lt: p = u ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt; break;
    case MapFn::le: p = u ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle; break;
    case MapFn::gt: p = u ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt; break;
    default: p = u ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge; break;
    }
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
};

/// Converts `v` (of element type `from`) to `to`, numpy-style: Booleans are
/// 0/1, anything to Boolean is `!= 0`.
static Value convertScalar(OpBuilder &b, Location loc, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  if (to.isInteger(1)) {
    if (isa<FloatType>(from))
      return arith::CmpFOp::create(
          b, loc, arith::CmpFPredicate::UNE, v,
          arith::ConstantOp::create(b, loc, b.getFloatAttr(from, 0.0)));
    return arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::ne, v,
        arith::ConstantOp::create(b, loc, b.getIntegerAttr(from, 0)));
  }
  if (isa<FloatType>(to)) {
    if (isa<FloatType>(from))
      return to.getIntOrFloatBitWidth() > from.getIntOrFloatBitWidth()
                 ? (Value)arith::ExtFOp::create(b, loc, to, v)
                 : (Value)arith::TruncFOp::create(b, loc, to, v);
    if (from.isInteger(1))
      return arith::UIToFPOp::create(b, loc, to, v);
    return arith::SIToFPOp::create(b, loc, to, v);
  }
  if (isa<FloatType>(from))
    return arith::FPToSIOp::create(b, loc, to, v);
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (tw < fw)
    return arith::TruncIOp::create(b, loc, to, v);
  if (from.isInteger(1))
    return arith::ExtUIOp::create(b, loc, to, v);
  return arith::ExtSIOp::create(b, loc, to, v);
}

/// Applies a tl.map function to scalar arguments.
static Value applyMapFn(OpBuilder &b, Location loc, MapFn fn,
                        ArrayRef<Value> args, Type resultType) {
  Type argType = args[fn == MapFn::select ? 1 : 0].getType();
  Scalar s{b, loc, argType};
  Value x = args[0];
  switch (fn) {
  case MapFn::add: return s.add(x, args[1]);
  case MapFn::sub: return s.sub(x, args[1]);
  case MapFn::mul: return s.mul(x, args[1]);
  case MapFn::div: return s.div(x, args[1]);
  case MapFn::max: return s.max(x, args[1]);
  case MapFn::min: return s.min(x, args[1]);
  case MapFn::pow: return math::PowFOp::create(b, loc, x, args[1]);
  case MapFn::relu: return s.max(x, s.constant(0));
  case MapFn::sigmoid: {
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    Value one = s.constant(1);
    return arith::DivFOp::create(b, loc, one,
                                 arith::AddFOp::create(b, loc, one, e));
  }
  case MapFn::tanh: return math::TanhOp::create(b, loc, x);
  case MapFn::exp: return math::ExpOp::create(b, loc, x);
  case MapFn::log: return math::LogOp::create(b, loc, x);
  case MapFn::sqrt: return math::SqrtOp::create(b, loc, x);
  case MapFn::abs:
    if (s.isFloat())
      return math::AbsFOp::create(b, loc, x);
    return math::AbsIOp::create(b, loc, x);
  case MapFn::neg:
    if (s.isFloat())
      return arith::NegFOp::create(b, loc, x);
    return s.sub(s.constant(0), x);
  case MapFn::step: {
    Value positive = s.isBool() ? x : s.cmp(MapFn::gt, x, s.constant(0));
    return convertScalar(b, loc, positive, resultType);
  }
  case MapFn::one_minus: return s.sub(s.constant(1), x);
  case MapFn::cast: return convertScalar(b, loc, x, resultType);
  case MapFn::eq:
  case MapFn::ne:
  case MapFn::lt:
  case MapFn::le:
  case MapFn::gt:
  case MapFn::ge:
    return s.cmp(fn, x, args[1]);
  case MapFn::and_: return arith::AndIOp::create(b, loc, x, args[1]);
  case MapFn::or_: return arith::OrIOp::create(b, loc, x, args[1]);
  case MapFn::xor_: return arith::XOrIOp::create(b, loc, x, args[1]);
  case MapFn::not_: return arith::XOrIOp::create(b, loc, x, s.extreme(true));
  case MapFn::select: return arith::SelectOp::create(b, loc, x, args[1], args[2]);
  }
  llvm_unreachable("unknown map function");
}

//===----------------------------------------------------------------------===//
// Builders
//===----------------------------------------------------------------------===//

/// An empty tensor of `type` filled with `value`.
static Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                          Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType());
  return linalg::FillOp::create(b, loc, value, empty).getResult(0);
}

/// Indexing map of an operand: each dimension reads the loop in `loops`, or
/// the constant 0 where the entry is -1 (size-1 broadcast).
static AffineMap operandMap(MLIRContext *ctx, unsigned numLoops,
                            ArrayRef<int> loops) {
  SmallVector<AffineExpr> exprs;
  for (int l : loops)
    exprs.push_back(l < 0 ? getAffineConstantExpr(0, ctx)
                          : getAffineDimExpr(l, ctx));
  return AffineMap::get(numLoops, 0, exprs, ctx);
}

/// Reduces `input` over the dimensions marked in `reduced` into a tensor of
/// the remaining dimensions, starting from `init`. `combine(b, loc, x, acc)`
/// gives the new accumulator. `extra` values are broadcast inputs with the
/// result's shape (read alongside x: combine gets them after x).
/// Float sums in `generic` (adds into the accumulator, the last block
/// argument) may be reassociated, as numpy's pairwise and Eigen's vectorized
/// sums are: that lets the code generator keep several partial sums in
/// vector lanes. Products feeding them may fuse into FMAs.
static void markReassociable(linalg::GenericOp generic) {
  Value acc = generic.getBody()->getArguments().back();
  auto flags = [&](arith::FastMathFlags f) {
    return arith::FastMathFlagsAttr::get(generic.getContext(), f);
  };
  for (Operation *user : acc.getUsers()) {
    auto add = dyn_cast<arith::AddFOp>(user);
    if (!add)
      continue;
    add.setFastmathAttr(flags(arith::FastMathFlags::reassoc |
                              arith::FastMathFlags::contract));
    for (Value operand : add->getOperands())
      if (auto mul = operand.getDefiningOp<arith::MulFOp>())
        mul.setFastmathAttr(flags(arith::FastMathFlags::contract));
  }
}

static Value buildReduction(
    OpBuilder &b, Location loc, Value input, ArrayRef<bool> reduced,
    Value init, ValueRange extra,
    function_ref<Value(OpBuilder &, Location, ValueRange, Value)> combine) {
  auto inType = cast<RankedTensorType>(input.getType());
  MLIRContext *ctx = b.getContext();
  unsigned rank = inType.getRank();
  SmallVector<int64_t> outShape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iters;
  for (unsigned d = 0; d < rank; ++d) {
    iters.push_back(reduced[d] ? utils::IteratorType::reduction
                               : utils::IteratorType::parallel);
    if (!reduced[d]) {
      outShape.push_back(inType.getDimSize(d));
      outExprs.push_back(getAffineDimExpr(d, ctx));
    }
  }
  auto outType = RankedTensorType::get(outShape, inType.getElementType());
  AffineMap outMap = AffineMap::get(rank, 0, outExprs, ctx);
  SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(rank, ctx)};
  for (size_t i = 0; i < extra.size(); ++i)
    maps.push_back(outMap);
  maps.push_back(outMap);
  SmallVector<Value> inputs{input};
  inputs.append(extra.begin(), extra.end());
  auto generic = linalg::GenericOp::create(
      b, loc, outType, inputs, filledTensor(b, loc, outType, init), maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = combine(nb, nloc, args.drop_back(), args.back());
        linalg::YieldOp::create(nb, nloc, r);
      });
  markReassociable(generic);
  return generic.getResult(0);
}

/// An elementwise generic over `inputs` (indexed by `maps`) producing `type`.
static Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType());
  return linalg::GenericOp::create(
             b, loc, type, inputs, empty, maps, iters,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc,
                                       body(nb, nloc, args.drop_back()));
             })
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// The Boolean product `xy,yz->xz` (OR of ANDs) on bit-packed rows: the
/// rows of B become 64-bit words (64 relations per word), each row of the
/// result is the OR of the packed rows of B selected by a row of A (an inner
/// loop over words that vectorizes, and that LLVM skips where A is false),
/// and the result is unpacked. 64x less work and memory than one byte per
/// relation; the plain lowering would be an i1 matmul.
static Value lowerBitPacked(OpBuilder &b, Location loc, Value a, Value bRel,
                            int64_t x, int64_t y, int64_t z) {
  MLIRContext *ctx = b.getContext();
  Type i1 = b.getI1Type(), i64 = b.getI64Type();
  int64_t words = llvm::divideCeil(z, 64);
  if (words * 64 != z) {
    Value f = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
    SmallVector<OpFoldResult> low(2, b.getIndexAttr(0));
    SmallVector<OpFoldResult> high{b.getIndexAttr(0),
                                   b.getIndexAttr(words * 64 - z)};
    bRel = tensor::PadOp::create(
        b, loc, RankedTensorType::get({y, words * 64}, i1), bRel, low, high,
        f);
  }
  Value b3 = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({y, words, 64}, i1), bRel,
      SmallVector<ReassociationIndices>{{0}, {1, 2}});
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  auto map3 = [&](ArrayRef<AffineExpr> e) {
    return AffineMap::get(3, 0, e, ctx);
  };
  auto zeros = [&](ArrayRef<int64_t> shape) {
    Value zero = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
    Value empty = tensor::EmptyOp::create(b, loc, shape, i64);
    return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  };
  using utils::IteratorType;
  // Pack: word (y, w) holds bits z = 64 w .. 64 w + 63 of row y.
  Value packed =
      linalg::GenericOp::create(
          b, loc, TypeRange{RankedTensorType::get({y, words}, i64)}, b3,
          zeros({y, words}),
          {map3({d(0), d(1), d(2)}), map3({d(0), d(1)})},
          {IteratorType::parallel, IteratorType::parallel,
           IteratorType::reduction},
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value bit = arith::ExtUIOp::create(nb, l, i64, args[0]);
            Value pos = arith::IndexCastUIOp::create(
                nb, l, i64, linalg::IndexOp::create(nb, l, 2));
            Value shifted = arith::ShLIOp::create(nb, l, bit, pos);
            linalg::YieldOp::create(
                nb, l, ValueRange{arith::OrIOp::create(nb, l, args[1],
                                                       shifted)});
          })
          .getResult(0);
  packed.getDefiningOp()->setAttr(kBitPackAttr, UnitAttr::get(ctx));
  // Product: loops x, y, w, so the loop over words is innermost.
  Value product =
      linalg::GenericOp::create(
          b, loc, TypeRange{RankedTensorType::get({x, words}, i64)},
          ValueRange{a, packed}, zeros({x, words}),
          {map3({d(0), d(1)}), map3({d(1), d(2)}), map3({d(0), d(2)})},
          {IteratorType::parallel, IteratorType::reduction,
           IteratorType::parallel},
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value zero =
                arith::ConstantOp::create(nb, l, nb.getI64IntegerAttr(0));
            Value row = arith::SelectOp::create(nb, l, args[0], args[1], zero);
            linalg::YieldOp::create(
                nb, l, ValueRange{arith::OrIOp::create(nb, l, args[2], row)});
          })
          .getResult(0);
  // tl-parallel-loops skips the rows of B that A does not select.
  product.getDefiningOp()->setAttr(kBitPackedProductAttr,
                                   UnitAttr::get(ctx));
  // Unpack.
  Value bits =
      linalg::GenericOp::create(
          b, loc, TypeRange{RankedTensorType::get({x, words, 64}, i1)},
          product,
          // The rows of the result, viewed as words of 64: with the
          // reshapes around it cancelling, the result is written in place.
          tensor::ExpandShapeOp::create(
              b, loc, RankedTensorType::get({x, words, 64}, i1),
              tensor::EmptyOp::create(b, loc,
                                      ArrayRef<int64_t>{x, words * 64}, i1),
              SmallVector<ReassociationIndices>{{0}, {1, 2}})
              .getResult(),
          {map3({d(0), d(1)}), map3({d(0), d(1), d(2)})},
          {IteratorType::parallel, IteratorType::parallel,
           IteratorType::parallel},
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value pos = arith::IndexCastUIOp::create(
                nb, l, i64, linalg::IndexOp::create(nb, l, 2));
            Value shifted = arith::ShRUIOp::create(nb, l, args[0], pos);
            linalg::YieldOp::create(
                nb, l,
                ValueRange{arith::TruncIOp::create(nb, l, i1, shifted)});
          })
          .getResult(0);
  bits.getDefiningOp()->setAttr(kBitUnpackAttr, UnitAttr::get(ctx));
  Value flat = tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get({x, words * 64}, i1), bits,
      SmallVector<ReassociationIndices>{{0}, {1, 2}});
  if (words * 64 == z)
    return flat;
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({x, z}, i1), flat,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(x), b.getIndexAttr(z)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
}

struct EinsumLowering : OpConversionPattern<EinsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EinsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    std::string error;
    std::optional<EinsumProblem> problem = bindEinsum(op, error);
    if (!problem)
      return rewriter.notifyMatchFailure(op, error);
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elt = resultType.getElementType();
    MLIRContext *ctx = op.getContext();
    unsigned numLoops = problem->loopSizes.size();
    // xy,yz->xz on relations wide enough to fill words: bit-packed.
    if (op.getSemiring() == Semiring::or_and && elt.isInteger(1) &&
        numLoops == 3 && problem->numOutputLoops == 2 &&
        problem->inputLoops.size() == 2 &&
        problem->inputLoops[0] == std::vector<int>{0, 2} &&
        problem->inputLoops[1] == std::vector<int>{2, 1} &&
        problem->loopSizes[1] >= 64) {
      rewriter.replaceOp(
          op, lowerBitPacked(rewriter, loc, adaptor.getInputs()[0],
                             adaptor.getInputs()[1], problem->loopSizes[0],
                             problem->loopSizes[2], problem->loopSizes[1]));
      return success();
    }

    SmallVector<AffineMap> maps;
    for (const std::vector<int> &loops : problem->inputLoops)
      maps.push_back(operandMap(ctx, numLoops, loops));
    maps.push_back(AffineMap::getMinorIdentityMap(
        numLoops, problem->numOutputLoops, ctx));
    maps.back() = AffineMap::get(
        numLoops, 0,
        llvm::to_vector(llvm::map_range(
            llvm::seq<unsigned>(0, problem->numOutputLoops),
            [&](unsigned d) { return getAffineDimExpr(d, ctx); })),
        ctx);
    SmallVector<utils::IteratorType> iters(numLoops,
                                           utils::IteratorType::reduction);
    for (unsigned d = 0; d < problem->numOutputLoops; ++d)
      iters[d] = utils::IteratorType::parallel;

    Semiring sr = op.getSemiring();
    bool additive = sr == Semiring::max_plus || sr == Semiring::min_plus;
    auto product = [&](Scalar &bs, ValueRange args) {
      Value prod = args[0];
      for (Value v : args.drop_front())
        prod = additive ? bs.add(prod, v) : bs.mul(prod, v);
      return prod;
    };
    // Nothing reduced: each result is one product, the semiring's sum of it
    // and the identity; no accumulator to fill and read (a*b + c over 1M
    // floats had an FMA with zero and an add).
    if (problem->numOutputLoops == numLoops) {
      maps.pop_back();
      rewriter.replaceOp(
          op, buildElementwise(rewriter, loc, resultType, adaptor.getInputs(),
                               maps,
                               [&](OpBuilder &b, Location l, ValueRange args) {
                                 Scalar bs{b, l, elt};
                                 return product(bs, args);
                               }));
      return success();
    }
    Scalar s{rewriter, loc, elt};
    // Identity of the semiring's sum (the accumulator's start value).
    Value init;
    switch (sr) {
    case Semiring::plus_times:
    case Semiring::or_and: init = s.constant(0); break;
    case Semiring::max_plus:
    case Semiring::max_times: init = s.extreme(/*largest=*/false); break;
    case Semiring::min_plus: init = s.extreme(/*largest=*/true); break;
    }
    Value acc = filledTensor(rewriter, loc, resultType, init);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, adaptor.getInputs(), acc, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Scalar bs{b, l, elt};
          Value prod = product(bs, args.drop_back());
          Value out = args.back(), r;
          switch (sr) {
          case Semiring::plus_times:
          case Semiring::or_and: r = bs.add(out, prod); break;
          case Semiring::max_plus:
          case Semiring::max_times: r = bs.max(out, prod); break;
          case Semiring::min_plus: r = bs.min(out, prod); break;
          }
          linalg::YieldOp::create(b, l, r);
        });
    // A float sum of products may round once per multiply-add (FMA) and be
    // reassociated, as BLAS and numpy's matmul do: the vector code generator
    // relies on it.
    if (sr == Semiring::plus_times)
      markReassociable(generic);
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct MapLowering : OpConversionPattern<MapOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MapOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    std::string error;
    std::optional<EinsumProblem> problem = bindMap(op, error);
    if (!problem)
      return rewriter.notifyMatchFailure(op, error);
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<AffineMap> maps;
    for (const std::vector<int> &loops : problem->inputLoops)
      maps.push_back(operandMap(op.getContext(), resultType.getRank(), loops));
    MapFn fn = op.getFn();
    std::optional<double> scalar;
    if (auto attr = op.getScalarAttr())
      scalar = attr.getValueAsDouble();
    Value result = buildElementwise(
        rewriter, loc, resultType, adaptor.getInputs(), maps,
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> all(args);
          if (scalar)
            all.push_back(Scalar{b, l, args.back().getType()}.constant(*scalar));
          return applyMapFn(b, l, fn, all, resultType.getElementType());
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ReduceLowering : OpConversionPattern<ReduceOp> {
  ReduceLowering(MLIRContext *ctx, bool online)
      : OpConversionPattern(ctx), online(online) {}
  LogicalResult
  matchAndRewrite(ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    Type elt = inType.getElementType();
    SmallVector<bool> reduced(inType.getRank(), false);
    int64_t count = 1;
    for (int64_t a : op.getAxes()) {
      reduced[a] = true;
      count *= inType.getDimSize(a);
    }
    Scalar s{rewriter, loc, elt};
    auto reduceWith = [&](Value init, auto combine) {
      return buildReduction(
          rewriter, loc, input, reduced, init, {},
          [&](OpBuilder &b, Location l, ValueRange xs, Value acc) {
            return combine(Scalar{b, l, elt}, xs[0], acc);
          });
    };
    auto sumOf = [](Scalar bs, Value x, Value acc) { return bs.add(acc, x); };
    auto maxOf = [](Scalar bs, Value x, Value acc) { return bs.max(acc, x); };
    auto resultType = cast<RankedTensorType>(op.getType());
    Value result;
    switch (op.getKind()) {
    case ReduceKind::sum: result = reduceWith(s.constant(0), sumOf); break;
    case ReduceKind::max:
      result = reduceWith(s.extreme(false), maxOf);
      break;
    case ReduceKind::min:
      result = reduceWith(s.extreme(true), [](Scalar bs, Value x, Value acc) {
        return bs.min(acc, x);
      });
      break;
    case ReduceKind::prod:
      result = reduceWith(s.constant(1), [](Scalar bs, Value x, Value acc) {
        return bs.mul(acc, x);
      });
      break;
    case ReduceKind::mean: {
      // sum / count; an empty reduction gives 0/0 = NaN, as numpy does.
      Value sum = reduceWith(s.constant(0), sumOf);
      Value n = s.constant((double)count);
      unsigned rank = resultType.getRank();
      result = buildElementwise(
          rewriter, loc, resultType, sum,
          AffineMap::getMultiDimIdentityMap(rank, op.getContext()),
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::DivFOp::create(b, l, args[0], n);
          });
      break;
    }
    case ReduceKind::logsumexp: {
      // m* + log(sum(exp(x - m*))), with m* = max(x) or 0 where that is not
      // finite (all -inf, or an empty reduction), as scipy does.
      auto [m, sum] = online
                          ? onlineMaxSumExp(rewriter, loc, input, reduced)
                          : maxSumExp(rewriter, loc, input, reduced);
      unsigned rank = resultType.getRank();
      AffineMap id = AffineMap::getMultiDimIdentityMap(rank, op.getContext());
      result = buildElementwise(
          rewriter, loc, resultType, ValueRange{sum, m}, {id, id},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::AddFOp::create(b, l, args[1],
                                         math::LogOp::create(b, l, args[0]));
          });
      break;
    }
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// max over `reduced`, replaced by 0 where it is not finite.
  static Value stableMax(OpBuilder &b, Location loc, Value input,
                         ArrayRef<bool> reduced) {
    Type elt = cast<RankedTensorType>(input.getType()).getElementType();
    Scalar s{b, loc, elt};
    Value m = buildReduction(
        b, loc, input, reduced, s.extreme(false), {},
        [&](OpBuilder &nb, Location l, ValueRange xs, Value acc) {
          return Scalar{nb, l, elt}.max(acc, xs[0]);
        });
    auto type = cast<RankedTensorType>(m.getType());
    AffineMap id =
        AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
    return buildElementwise(
        b, loc, type, m, id, [&](OpBuilder &nb, Location l, ValueRange args) {
          Scalar ns{nb, l, elt};
          Value finite = isFinite(ns, args[0]);
          return (Value)arith::SelectOp::create(nb, l, finite, args[0],
                                                ns.constant(0));
        });
  }

  /// m* (stableMax) and sum(exp(x - m*)): two reads of `input`, one exp
  /// per element.
  static std::pair<Value, Value> maxSumExp(OpBuilder &b, Location loc,
                                           Value input,
                                           ArrayRef<bool> reduced) {
    Value m = stableMax(b, loc, input, reduced);
    Type elt = cast<RankedTensorType>(input.getType()).getElementType();
    Value sum = buildReduction(
        b, loc, input, reduced, Scalar{b, loc, elt}.constant(0), m,
        [&](OpBuilder &nb, Location l, ValueRange xs, Value acc) -> Value {
          Value d = arith::SubFOp::create(nb, l, xs[0], xs[1]);
          return arith::AddFOp::create(nb, l, acc,
                                       math::ExpOp::create(nb, l, d));
        });
    return {m, sum};
  }

  /// |v| < inf.
  static Value isFinite(Scalar ns, Value v) {
    Value absV = math::AbsFOp::create(ns.b, ns.loc, v);
    return arith::CmpFOp::create(ns.b, ns.loc, arith::CmpFPredicate::OLT, absV,
                                 ns.extreme(true));
  }

  /// The online normaliser (Milakov and Gimelshein, 2018) over `reduced`,
  /// in one read of `input`: per kept index, m* (the maximum, or 0 where it
  /// is not finite) and S = sum(exp(x - m*)). Each element updates a running
  /// maximum m and a sum s relative to it with one exp:
  ///   e = exp(min(m, x) - max(m, x)); s = x > m ? s * e + 1 : s + e.
  /// That update is a serial dependency, so where the innermost dimension is
  /// reduced it is split into kLanes independent running states (the vector
  /// lanes), combined at the end: M = max_l m_l, S = sum_l s_l exp(m_l - M).
  /// m starts at the lowest finite value rather than -inf so that a -inf
  /// element never computes -inf - -inf. Where M is not finite (a NaN or
  /// +inf in the row, or -inf throughout) the three-pass definition gives
  /// m* = 0 and S = exp(M), which is what is returned.
  static std::pair<Value, Value> onlineMaxSumExp(OpBuilder &b, Location loc,
                                                 Value input,
                                                 ArrayRef<bool> reduced) {
    constexpr int64_t kLanes = 16;
    auto inType = cast<RankedTensorType>(input.getType());
    Type elt = inType.getElementType();
    auto ft = cast<FloatType>(elt);
    MLIRContext *ctx = b.getContext();
    unsigned rank = inType.getRank();
    ArrayRef<int64_t> shape = inType.getShape();
    int64_t n = rank ? shape.back() : 0;
    bool lanes = rank && reduced.back() && !ShapedType::isDynamic(n) &&
                 n >= 2 * kLanes;

    // The running state's shape: the kept dimensions (and the lanes).
    SmallVector<int64_t> stateShape;
    for (unsigned d = 0; d < rank; ++d)
      if (!reduced[d])
        stateShape.push_back(shape[d]);
    if (lanes)
      stateShape.push_back(kLanes);
    auto stateType = RankedTensorType::get(stateShape, elt);
    Scalar s{b, loc, elt};
    Value lowest = arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(elt, APFloat::getLargest(ft.getFloatSemantics(),
                                                /*Negative=*/true)));
    Value m = filledTensor(b, loc, stateType, lowest);
    Value sum = filledTensor(b, loc, stateType, s.constant(0));

    // Folds `x` into the state (m, sum), or into slices of it: `red` marks
    // x's reduced dimensions, the others map in order onto the state's.
    auto update = [&](Value x, ArrayRef<bool> red, Value mInit, Value sInit) {
      unsigned xr = cast<RankedTensorType>(x.getType()).getRank();
      SmallVector<AffineExpr> outExprs;
      SmallVector<utils::IteratorType> iters;
      for (unsigned d = 0; d < xr; ++d) {
        iters.push_back(red[d] ? utils::IteratorType::reduction
                               : utils::IteratorType::parallel);
        if (!red[d])
          outExprs.push_back(getAffineDimExpr(d, ctx));
      }
      AffineMap outMap = AffineMap::get(xr, 0, outExprs, ctx);
      AffineMap id = AffineMap::getMultiDimIdentityMap(xr, ctx);
      auto generic = linalg::GenericOp::create(
          b, loc, TypeRange{mInit.getType(), sInit.getType()}, x,
          ValueRange{mInit, sInit}, ArrayRef<AffineMap>{id, outMap, outMap},
          iters, [&](OpBuilder &nb, Location l, ValueRange args) {
            Scalar ns{nb, l, elt};
            Value xv = args[0], mv = args[1], sv = args[2];
            Value gt = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT,
                                             xv, mv);
            // max(m, x) propagates NaN into m (and so into M); min(m, x)
            // needs no NaN rule (a NaN makes the state unusable either way,
            // and M then ignores it), so it is a select.
            Value hi = ns.max(mv, xv);
            Value lo = arith::SelectOp::create(nb, l, gt, mv, xv);
            Value e = math::ExpOp::create(nb, l, ns.sub(lo, hi));
            Value one = ns.constant(1);
            Value grown = ns.add(ns.mul(sv, e), one);
            Value next = arith::SelectOp::create(nb, l, gt, grown,
                                                 ns.add(sv, e));
            linalg::YieldOp::create(nb, l, ValueRange{hi, next});
          });
      return std::make_pair(generic.getResult(0), generic.getResult(1));
    };

    if (!lanes) {
      std::tie(m, sum) = update(input, reduced, m, sum);
    } else {
      // x[..., n] -> x[..., n / kLanes, kLanes] (plus a tail of n % kLanes
      // elements, folded into the first lanes).
      int64_t chunks = n / kLanes, tail = n % kLanes;
      auto sliceOf = [&](Value v, int64_t offset, int64_t size) {
        auto type = cast<RankedTensorType>(v.getType());
        SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0)),
            sizes, strides(type.getRank(), b.getIndexAttr(1));
        for (int64_t sz : type.getShape())
          sizes.push_back(b.getIndexAttr(sz));
        offsets.back() = b.getIndexAttr(offset);
        sizes.back() = b.getIndexAttr(size);
        return tensor::ExtractSliceOp::create(b, loc, v, offsets, sizes,
                                              strides)
            .getResult();
      };
      Value main = tail ? sliceOf(input, 0, chunks * kLanes) : input;
      SmallVector<ReassociationIndices> reassoc;
      for (unsigned d = 0; d + 1 < rank; ++d)
        reassoc.push_back({(int64_t)d});
      reassoc.push_back({(int64_t)rank - 1, (int64_t)rank});
      SmallVector<int64_t> split(shape.drop_back());
      split.append({chunks, kLanes});
      Value x3 = tensor::ExpandShapeOp::create(
          b, loc, RankedTensorType::get(split, elt), main, reassoc);
      SmallVector<bool> red(reduced);
      red.push_back(false);
      std::tie(m, sum) = update(x3, red, m, sum);
      if (tail) {
        SmallVector<bool> tailRed(reduced.drop_back());
        tailRed.push_back(false);
        auto [mt, st] = update(sliceOf(input, chunks * kLanes, tail), tailRed,
                               sliceOf(m, 0, tail), sliceOf(sum, 0, tail));
        auto insert = [&](Value part, Value into) {
          auto type = cast<RankedTensorType>(into.getType());
          SmallVector<int64_t> sizes(type.getShape());
          sizes.back() = tail;
          SmallVector<int64_t> zeros(type.getRank(), 0),
              ones(type.getRank(), 1);
          return tensor::InsertSliceOp::create(b, loc, part, into,
                                               ValueRange{}, ValueRange{},
                                               ValueRange{}, zeros, sizes,
                                               ones)
              .getResult();
        };
        m = insert(mt, m);
        sum = insert(st, sum);
      }
      // Combine the lanes.
      SmallVector<bool> overLanes(stateShape.size(), false);
      overLanes.back() = true;
      Value laneMax = buildReduction(
          b, loc, m, overLanes, s.extreme(false), {},
          [&](OpBuilder &nb, Location l, ValueRange xs, Value acc) {
            return Scalar{nb, l, elt}.max(acc, xs[0]);
          });
      // sum_l s_l * exp(m_l - M): s_l and M are broadcast inputs here.
      unsigned sr = stateShape.size();
      SmallVector<AffineExpr> keptExprs;
      for (unsigned d = 0; d + 1 < sr; ++d)
        keptExprs.push_back(getAffineDimExpr(d, ctx));
      AffineMap keptMap = AffineMap::get(sr, 0, keptExprs, ctx);
      AffineMap id = AffineMap::getMultiDimIdentityMap(sr, ctx);
      SmallVector<utils::IteratorType> iters(sr, utils::IteratorType::parallel);
      iters.back() = utils::IteratorType::reduction;
      auto keptType = cast<RankedTensorType>(laneMax.getType());
      sum = linalg::GenericOp::create(
                b, loc, keptType, ValueRange{m, sum, laneMax},
                filledTensor(b, loc, keptType, s.constant(0)),
                ArrayRef<AffineMap>{id, id, keptMap, keptMap}, iters,
                [&](OpBuilder &nb, Location l, ValueRange args) {
                  Scalar ns{nb, l, elt};
                  Value e = math::ExpOp::create(nb, l, ns.sub(args[0], args[2]));
                  linalg::YieldOp::create(
                      nb, l, ns.add(args[3], ns.mul(args[1], e)));
                })
                .getResult(0);
      m = laneMax;
    }

    // m* = M if finite, else 0; S = sum if M is finite, else exp(M).
    auto keptType = cast<RankedTensorType>(m.getType());
    AffineMap id =
        AffineMap::getMultiDimIdentityMap(keptType.getRank(), ctx);
    Value mStar = buildElementwise(
        b, loc, keptType, m, id,
        [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
          Scalar ns{nb, l, elt};
          Value finite = isFinite(ns, args[0]);
          return arith::SelectOp::create(nb, l, finite, args[0],
                                         ns.constant(0));
        });
    Value total = buildElementwise(
        b, loc, keptType, ValueRange{m, sum}, {id, id},
        [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
          Scalar ns{nb, l, elt};
          Value finite = isFinite(ns, args[0]);
          Value e = math::ExpOp::create(nb, l, args[0]);
          return arith::SelectOp::create(nb, l, finite, args[1], e);
        });
    return {mStar, total};
  }

private:
  /// logsumexp with onlineMaxSumExp (the pass's `online-softmax`).
  bool online;
};

struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  SoftmaxLowering(MLIRContext *ctx, bool online)
      : OpConversionPattern(ctx), online(online) {}

  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    unsigned rank = type.getRank();
    int64_t axis = op.getAxis();
    SmallVector<bool> reduced(rank, false);
    reduced[axis] = true;
    MLIRContext *ctx = op.getContext();
    SmallVector<AffineExpr> rowExprs;
    for (unsigned d = 0; d < rank; ++d)
      if (d != axis)
        rowExprs.push_back(getAffineDimExpr(d, ctx));
    AffineMap rowMap = AffineMap::get(rank, 0, rowExprs, ctx);
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    // Multiplying by 1 / S per row instead of dividing per element: a vector
    // division costs as much as the whole exp. The special cases agree:
    // S = 0 (a row of -inf) gives 0 * inf = NaN as 0 / 0 does, S = inf
    // gives 0 or NaN as the division does.
    auto inverseOf = [&](Value sum) {
      auto rowType = cast<RankedTensorType>(sum.getType());
      return buildElementwise(
          rewriter, loc, rowType, sum,
          AffineMap::getMultiDimIdentityMap(rowType.getRank(), ctx),
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Scalar bs{b, l, args[0].getType()};
            return arith::DivFOp::create(b, l, bs.constant(1), args[0]);
          });
    };

    if (online) {
      // Two passes: m* and S in one read (online), then exp(x - m*) / S.
      auto [m, sum] =
          ReduceLowering::onlineMaxSumExp(rewriter, loc, input, reduced);
      Value result = buildElementwise(
          rewriter, loc, type, ValueRange{input, m, inverseOf(sum)},
          {id, rowMap, rowMap},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value d = arith::SubFOp::create(b, l, args[0], args[1]);
            return arith::MulFOp::create(b, l, math::ExpOp::create(b, l, d),
                                         args[2]);
          });
      rewriter.replaceOp(op, result);
      return success();
    }

    // One exp per element: m* (a read of x); e = exp(x - m*) written to the
    // result while S sums it (a second read); then the result scaled by
    // 1 / S in place. The online form needs two exps per element (one for
    // its sum, one to normalise), which costs more than the extra pass
    // wherever the rows are in cache (docs/passes.md has the figures).
    Value m = ReduceLowering::stableMax(rewriter, loc, input, reduced);
    auto rowType = cast<RankedTensorType>(m.getType());
    Type elt = type.getElementType();
    Scalar s{rewriter, loc, elt};
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(), elt);
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    iters[axis] = utils::IteratorType::reduction;
    auto expSum = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type, rowType}, ValueRange{input, m},
        ValueRange{empty, filledTensor(rewriter, loc, rowType, s.constant(0))},
        ArrayRef<AffineMap>{id, rowMap, id, rowMap}, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value d = arith::SubFOp::create(b, l, args[0], args[1]);
          Value e = math::ExpOp::create(b, l, d);
          linalg::YieldOp::create(
              b, l, ValueRange{e, arith::AddFOp::create(b, l, args[3], e)});
        });
    markReassociable(expSum);
    Value inverse = inverseOf(expSum.getResult(1));
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, type, ValueRange{inverse}, expSum.getResult(0),
            ArrayRef<AffineMap>{rowMap, id},
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l, arith::MulFOp::create(b, l, args[1], args[0]).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool online;
};

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct TLToLinalgPass : tlc::impl::TLToLinalgBase<TLToLinalgPass> {
  using TLToLinalgBase::TLToLinalgBase;

  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    ModuleOp module = getOperation();
    // Fixpoints are loops, not patterns over one op: tl-lower-fixpoint turns
    // them into scf.while over tl ops first.
    WalkResult fixpoints = module.walk([](FixpointOp op) {
      op.emitOpError("must be lowered by tl-lower-fixpoint before "
                     "tl-to-linalg");
      return WalkResult::interrupt();
    });
    if (fixpoints.wasInterrupted())
      return signalPassFailure();
    // Inputs are the caller's read-only buffers: bufferization must not
    // write into them.
    module.walk([](func::FuncOp func) {
      if (func.isExternal())
        return;
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        if (isa<TensorType>(func.getArgument(i).getType()))
          func.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                          BoolAttr::get(func.getContext(), false));
    });
    ConversionTarget target(getContext());
    target.addIllegalDialect<TLDialect>();
    target.addLegalDialect<linalg::LinalgDialect, arith::ArithDialect,
                           math::MathDialect, tensor::TensorDialect>();
    // Fused groups keep their region while their body ops are lowered, and
    // then become one loop nest each.
    target.addLegalOp<FusedOp, YieldOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    patterns.add<EinsumLowering, MapLowering, ConstantLowering>(
        &getContext());
    patterns.add<ReduceLowering, SoftmaxLowering>(&getContext(),
                                                  onlineSoftmax);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();
    SmallVector<FusedOp> groups;
    module.walk([&](FusedOp op) { groups.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (FusedOp op : groups)
      lowerFusedGroup(rewriter, op);
  }
};

} // namespace
