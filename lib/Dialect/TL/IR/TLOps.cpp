//===- TLOps.cpp - TensorLogic operations ---------------------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cmath>

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

/// Checks that `type` is a statically shaped tensor of a supported element
/// type; `what` names the value in the diagnostic.
static LogicalResult verifyTensorType(Operation *op, Type type,
                                      const Twine &what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitOpError() << what << " must be a ranked tensor, got "
                             << type;
  Type elt = tensor.getElementType();
  if (!isSupportedElementType(elt)) {
    if (elt.isF16() || elt.isBF16())
      return op->emitOpError()
             << what << " has element type " << elt
             << ", which is not supported yet (supported: f32, f64, i32, "
                "i64, i1)";
    return op->emitOpError() << what << " has unsupported element type "
                             << elt << " (supported: f32, f64, i32, i64, i1)";
  }
  // `?` is the batch size (tl-specialize-batch gives it a number before
  // anything but tl-check-batch runs).
  return success();
}

bool tlc::tl::hasStaticShapes(Operation *op) {
  auto isStatic = [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return !shaped || shaped.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

LogicalResult tlc::tl::requireStaticShapes(Operation *root, StringRef pass) {
  WalkResult r = root->walk([&](Operation *op) {
    if (hasStaticShapes(op))
      return WalkResult::advance();
    op->emitError() << "'" << pass
                    << "' needs static shapes, but this has a '?' (batch) "
                       "dimension: run tl-specialize-batch first (tlc does)";
    return WalkResult::interrupt();
  });
  return failure(r.wasInterrupted());
}

static LogicalResult verifyAllTensorTypes(Operation *op) {
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(verifyTensorType(op, v.getType(), "operand #" + Twine(i))))
      return failure();
  for (Value v : op->getResults())
    if (failed(verifyTensorType(op, v.getType(), "result")))
      return failure();
  return success();
}

static std::vector<std::vector<int64_t>> shapesOf(ValueRange values) {
  std::vector<std::vector<int64_t>> shapes;
  for (Value v : values) {
    ArrayRef<int64_t> s = cast<RankedTensorType>(v.getType()).getShape();
    shapes.emplace_back(s.begin(), s.end());
  }
  return shapes;
}

std::optional<EinsumProblem> tlc::tl::bindEinsum(EinsumOp op,
                                                 std::string &error) {
  return bindEinsumSpec(op.getSpec(), shapesOf(op.getInputs()), error);
}

std::optional<EinsumProblem> tlc::tl::bindMap(MapOp op, std::string &error) {
  return bindMapSpec(op.getSpec(), shapesOf(op.getInputs()), error);
}

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") +
         (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d));
  return s + "]";
}

static LogicalResult verifyResultShape(Operation *op,
                                       ArrayRef<int64_t> expected) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (type.getShape() != expected)
    return op->emitOpError() << "result shape " << shapeString(type.getShape())
                             << " does not match the shape "
                             << shapeString(expected)
                             << " computed from the spec and operands";
  return success();
}

static Type elementTypeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType();
}

//===----------------------------------------------------------------------===//
// EinsumOp
//===----------------------------------------------------------------------===//

LogicalResult EinsumOp::verify() {
  if (failed(verifyAllTensorTypes(*this)))
    return failure();
  Type elt = elementTypeOf(getResult());
  for (auto [i, v] : llvm::enumerate(getInputs()))
    if (elementTypeOf(v) != elt)
      return emitOpError() << "operand #" << i << " has element type "
                           << elementTypeOf(v) << " but the result has "
                           << elt << "; all must match";
  Semiring sr = getSemiring();
  if (sr == Semiring::or_and && !elt.isInteger(1))
    return emitOpError() << "semiring 'or_and' needs i1 (Boolean) elements, "
                            "got "
                         << elt;
  if (sr != Semiring::or_and && sr != Semiring::plus_times &&
      elt.isInteger(1))
    return emitOpError() << "semiring '" << stringifySemiring(sr)
                         << "' needs numeric elements, got i1 (use or_and)";
  std::string error;
  std::optional<EinsumProblem> problem = bindEinsum(*this, error);
  if (!problem)
    return emitOpError() << "spec \"" << getSpec() << "\": " << error;
  return verifyResultShape(*this, problem->resultShape());
}

//===----------------------------------------------------------------------===//
// MapOp
//===----------------------------------------------------------------------===//

unsigned MapOp::getArity(MapFn fn) {
  switch (fn) {
  case MapFn::relu:
  case MapFn::sigmoid:
  case MapFn::tanh:
  case MapFn::exp:
  case MapFn::log:
  case MapFn::sqrt:
  case MapFn::abs:
  case MapFn::neg:
  case MapFn::step:
  case MapFn::one_minus:
  case MapFn::cast:
  case MapFn::not_:
    return 1;
  case MapFn::select:
    return 3;
  default:
    return 2;
  }
}

static bool isFloatOnly(MapFn fn) {
  return fn == MapFn::sigmoid || fn == MapFn::tanh || fn == MapFn::exp ||
         fn == MapFn::log || fn == MapFn::sqrt || fn == MapFn::pow;
}
static bool isBooleanOnly(MapFn fn) {
  return fn == MapFn::and_ || fn == MapFn::or_ || fn == MapFn::xor_ ||
         fn == MapFn::not_;
}
static bool isComparison(MapFn fn) {
  return fn == MapFn::eq || fn == MapFn::ne || fn == MapFn::lt ||
         fn == MapFn::le || fn == MapFn::gt || fn == MapFn::ge;
}
/// Functions that make no sense on Booleans (use and/or/not instead).
static bool isNumericOnly(MapFn fn) {
  return fn == MapFn::add || fn == MapFn::sub || fn == MapFn::mul ||
         fn == MapFn::div || fn == MapFn::relu || fn == MapFn::abs ||
         fn == MapFn::neg || fn == MapFn::one_minus || isFloatOnly(fn);
}

LogicalResult MapOp::verify() {
  if (failed(verifyAllTensorTypes(*this)))
    return failure();
  MapFn fn = getFn();
  StringRef name = stringifyMapFn(fn);
  unsigned numArgs = getInputs().size() + (getScalar() ? 1 : 0);
  if (getInputs().empty())
    return emitOpError() << "needs at least one tensor operand";
  if (numArgs != getArity(fn))
    return emitOpError() << "function '" << name << "' takes "
                         << getArity(fn) << " argument(s) but got "
                         << numArgs << " (" << getInputs().size()
                         << " operand(s)" << (getScalar() ? " + scalar" : "")
                         << ")";
  std::string error;
  std::optional<EinsumProblem> problem = bindMap(*this, error);
  if (!problem)
    return emitOpError() << "spec \"" << getSpec() << "\": " << error;
  if (failed(verifyResultShape(*this, problem->resultShape())))
    return failure();

  // Element types: operands agree (select's condition is i1), and the result
  // type follows from the function.
  Type resultElt = elementTypeOf(getResult());
  unsigned firstData = fn == MapFn::select ? 1 : 0;
  if (fn == MapFn::select && !elementTypeOf(getInputs()[0]).isInteger(1))
    return emitOpError() << "select's condition (operand #0) must be i1, got "
                         << elementTypeOf(getInputs()[0]);
  Type elt = elementTypeOf(getInputs()[firstData]);
  for (unsigned i = firstData, e = getInputs().size(); i < e; ++i)
    if (elementTypeOf(getInputs()[i]) != elt)
      return emitOpError() << "operand #" << i << " has element type "
                           << elementTypeOf(getInputs()[i]) << " but operand #"
                           << firstData << " has " << elt;
  if (isFloatOnly(fn) && !isa<FloatType>(elt))
    return emitOpError() << "function '" << name
                         << "' needs floating-point operands, got " << elt;
  if (isBooleanOnly(fn) && !elt.isInteger(1))
    return emitOpError() << "function '" << name
                         << "' needs i1 (Boolean) operands, got " << elt;
  if (isNumericOnly(fn) && elt.isInteger(1))
    return emitOpError() << "function '" << name
                         << "' needs numeric operands, got i1";
  if (getScalar() && elt.isInteger(1))
    return emitOpError() << "a scalar attribute cannot be combined with i1 "
                            "operands";
  if (auto scalar = getScalar(); scalar && isa<IntegerType>(elt)) {
    // The scalar becomes a constant of the element type: it must be exact.
    double v = scalar->convertToDouble();
    unsigned width = elt.getIntOrFloatBitWidth();
    double limit = std::ldexp(1.0, width - 1);
    if (v != std::trunc(v) || v < -limit || v >= limit)
      return emitOpError() << "scalar " << v << " is not representable in "
                           << elt;
  }
  if (isComparison(fn)) {
    if (!resultElt.isInteger(1))
      return emitOpError() << "comparison '" << name
                           << "' produces i1, but the result has element type "
                           << resultElt;
  } else if (fn == MapFn::step) {
    if (resultElt != elt && !resultElt.isInteger(1))
      return emitOpError() << "step produces " << elt
                           << " or i1, but the result has element type "
                           << resultElt;
  } else if (fn != MapFn::cast && resultElt != elt) {
    return emitOpError() << "function '" << name << "' produces " << elt
                         << ", but the result has element type " << resultElt;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::verify() {
  if (failed(verifyAllTensorTypes(*this)))
    return failure();
  auto inType = cast<RankedTensorType>(getInput().getType());
  Type elt = inType.getElementType();
  if (elementTypeOf(getResult()) != elt)
    return emitOpError() << "result element type " << elementTypeOf(getResult())
                         << " differs from the input's " << elt;
  ReduceKind kind = getKind();
  if ((kind == ReduceKind::mean || kind == ReduceKind::logsumexp) &&
      !isa<FloatType>(elt))
    return emitOpError() << "reduction '" << stringifyReduceKind(kind)
                         << "' needs floating-point elements, got " << elt;
  int64_t rank = inType.getRank();
  llvm::SmallVector<bool> reduced(rank, false);
  for (int64_t axis : getAxes()) {
    if (axis < 0 || axis >= rank)
      return emitOpError() << "axis " << axis << " is out of range for rank "
                           << rank;
    if (reduced[axis])
      return emitOpError() << "axis " << axis << " is listed more than once";
    reduced[axis] = true;
  }
  llvm::SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d)
    if (!reduced[d])
      expected.push_back(inType.getDimSize(d));
  auto resultShape = cast<RankedTensorType>(getResult().getType()).getShape();
  if (resultShape != ArrayRef<int64_t>(expected))
    return emitOpError() << "result shape " << shapeString(resultShape)
                         << " does not match the input shape without the "
                            "reduced axes, "
                         << shapeString(expected);
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  if (failed(verifyAllTensorTypes(*this)))
    return failure();
  auto inType = cast<RankedTensorType>(getInput().getType());
  if (!isa<FloatType>(inType.getElementType()))
    return emitOpError() << "needs floating-point elements, got "
                         << inType.getElementType();
  if (getResult().getType() != inType)
    return emitOpError() << "result type " << getResult().getType()
                         << " must equal the input type " << inType;
  int64_t axis = getAxis();
  if (axis < 0 || axis >= inType.getRank())
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << inType.getRank();
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() { return verifyAllTensorTypes(*this); }

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// FixpointOp
//===----------------------------------------------------------------------===//

/// The result types `s0, ..., sn, flag`: the state's, then the convergence
/// flag's (a plain type list would swallow the flag).
static ParseResult parseFixpointResultTypes(OpAsmParser &parser,
                                            SmallVectorImpl<Type> &states,
                                            Type &flag) {
  SmallVector<Type> types;
  if (parser.parseTypeList(types))
    return failure();
  if (types.empty())
    return parser.emitError(parser.getCurrentLocation(),
                            "expected the state types and the convergence "
                            "flag's type");
  flag = types.pop_back_val();
  states.append(types.begin(), types.end());
  return success();
}

static void printFixpointResultTypes(OpAsmPrinter &printer, Operation *,
                                     TypeRange states, Type flag) {
  for (Type t : states)
    printer << t << ", ";
  printer << flag;
}

void FixpointOp::build(OpBuilder &builder, OperationState &state,
                       ValueRange inits, int64_t maxIterations,
                       double tolerance) {
  state.addOperands(inits);
  state.addAttribute(getMaxIterationsAttrName(state.name),
                     builder.getI64IntegerAttr(maxIterations));
  state.addAttribute(getToleranceAttrName(state.name),
                     builder.getF64FloatAttr(tolerance));
  state.addTypes(inits.getTypes());
  state.addTypes(RankedTensorType::get({}, builder.getI1Type()));
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Value v : inits)
    block->addArgument(v.getType(), v.getLoc());
}

YieldOp FixpointOp::getYield() {
  return cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult FixpointOp::verify() {
  if (getInits().empty())
    return emitOpError() << "needs at least one state value";
  for (auto [i, v] : llvm::enumerate(getInits()))
    if (failed(verifyTensorType(*this, v.getType(), "state #" + Twine(i))))
      return failure();
  if (getResults().size() != getInits().size())
    return emitOpError() << "has " << getInits().size()
                         << " state value(s) but " << getResults().size()
                         << " state result(s); expected one result per "
                            "state value followed by the convergence flag";
  for (auto [i, pair] :
       llvm::enumerate(llvm::zip(getInits().getTypes(), getResults().getTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError() << "result #" << i << " has type "
                           << std::get<1>(pair) << " but state #" << i
                           << " has type " << std::get<0>(pair);
  auto flag = dyn_cast<RankedTensorType>(getConverged().getType());
  if (!flag || flag.getRank() != 0 || !flag.getElementType().isInteger(1))
    return emitOpError() << "last result (the convergence flag) must be "
                            "tensor<i1>, got "
                         << getConverged().getType();
  int64_t maxIterations = getMaxIterationsAttr().getInt();
  if (maxIterations < 1)
    return emitOpError() << "max_iterations must be at least 1, got "
                         << maxIterations;
  double tolerance = getTolerance().convertToDouble();
  if (!(tolerance >= 0.0)) // Also rejects NaN.
    return emitOpError() << "tolerance must be a non-negative number, got "
                         << tolerance;
  return success();
}

LogicalResult FixpointOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInits().size())
    return emitOpError() << "body has " << body.getNumArguments()
                         << " argument(s) but there are "
                         << getInits().size() << " state value(s)";
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(getInits().getTypes(), body.getArgumentTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError() << "body argument #" << i << " has type "
                           << std::get<1>(pair) << " but state #" << i
                           << " has type " << std::get<0>(pair);
  // The interpreter and the lowering know only tl ops.
  for (Operation &op : body)
    if (!isa<TLDialect>(op.getDialect()))
      return emitOpError() << "body may hold only tl ops, but holds '"
                           << op.getName() << "'";
  auto yield = body.empty() ? YieldOp() : dyn_cast<YieldOp>(body.back());
  if (!yield)
    return emitOpError() << "body must end with tl.yield";
  if (yield.getValues().size() != getInits().size())
    return emitOpError() << "body yields " << yield.getValues().size()
                         << " value(s) but there are " << getInits().size()
                         << " state value(s)";
  for (auto [i, pair] : llvm::enumerate(llvm::zip(
           getInits().getTypes(), yield.getValues().getTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError() << "yielded value #" << i << " has type "
                           << std::get<1>(pair) << " but state #" << i
                           << " has type " << std::get<0>(pair);
  return success();
}

//===----------------------------------------------------------------------===//
// FusedOp
//===----------------------------------------------------------------------===//

YieldOp FusedOp::getYield() {
  return cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult FusedOp::verify() {
  if (getResults().empty())
    return emitOpError() << "needs at least one result";
  for (auto [i, v] : llvm::enumerate(getInputs()))
    if (failed(verifyTensorType(*this, v.getType(), "operand #" + Twine(i))))
      return failure();
  for (auto [i, v] : llvm::enumerate(getResults()))
    if (failed(verifyTensorType(*this, v.getType(), "result #" + Twine(i))))
      return failure();
  return success();
}

LogicalResult FusedOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError() << "body has " << body.getNumArguments()
                         << " argument(s) but there are " << getInputs().size()
                         << " operand(s)";
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(getInputs().getTypes(), body.getArgumentTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError() << "body argument #" << i << " has type "
                           << std::get<1>(pair) << " but operand #" << i
                           << " has type " << std::get<0>(pair);
  // The interpreter and the lowering know only these.
  for (Operation &op : body) {
    if (!isa<TLDialect>(op.getDialect()))
      return emitOpError() << "body may hold only tl ops, but holds '"
                           << op.getName() << "'";
    if (isa<FusedOp, FixpointOp>(op))
      return emitOpError() << "body may not hold '" << op.getName() << "'";
  }
  auto yield = body.empty() ? YieldOp() : dyn_cast<YieldOp>(body.back());
  if (!yield)
    return emitOpError() << "body must end with tl.yield";
  if (yield.getValues().size() != getResults().size())
    return emitOpError() << "body yields " << yield.getValues().size()
                         << " value(s) but there are " << getResults().size()
                         << " result(s)";
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(getResults().getTypes(), yield.getValues().getTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return emitOpError() << "yielded value #" << i << " has type "
                           << std::get<1>(pair) << " but result #" << i
                           << " has type " << std::get<0>(pair);
  return success();
}

#define GET_OP_CLASSES
#include "tlc/Dialect/TL/IR/TLOps.cpp.inc"
