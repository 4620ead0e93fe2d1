//===- Interpreter.cpp - reference interpreter for tl ---------------------===//
//
// Every op is evaluated with a plain odometer over its loop nest, element by
// element, in the op's element type. The semantics follow the op
// descriptions in TLOps.td; only the spec grammar (EinsumSpec.h) is shared
// with the compiler.
//
//===----------------------------------------------------------------------===//

#include "tlc/Reference/Interpreter.h"

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>
#include <type_traits>

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

//===----------------------------------------------------------------------===//
// Scalar semantics per element type
//===----------------------------------------------------------------------===//

// Storage types: f32 float, f64 double, i32 int32_t, i64 int64_t, i1 uint8_t
// (0 or 1). Ops<T> gives each the arithmetic the dialect defines for it.
template <typename T, typename = void> struct Ops;

/// IEEE arithmetic in the element type. max/min propagate NaN and order -0
/// below +0, as arith.maximumf/minimumf do.
template <typename T>
struct Ops<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static constexpr bool isFloat = true, isBool = false;
  static T fromDouble(double v) { return (T)v; }
  static T lowest() { return -std::numeric_limits<T>::infinity(); }
  static T highest() { return std::numeric_limits<T>::infinity(); }
  static T add(T x, T y) { return x + y; }
  static T sub(T x, T y) { return x - y; }
  static T mul(T x, T y) { return x * y; }
  static T div(T x, T y) { return x / y; }
  static T max(T x, T y) {
    if (std::isnan(x) || std::isnan(y))
      return std::numeric_limits<T>::quiet_NaN();
    if (x == y) // Only differs for +-0.
      return std::signbit(x) ? y : x;
    return x > y ? x : y;
  }
  static T min(T x, T y) {
    if (std::isnan(x) || std::isnan(y))
      return std::numeric_limits<T>::quiet_NaN();
    if (x == y)
      return std::signbit(x) ? x : y;
    return x < y ? x : y;
  }
  static T neg(T x) { return -x; }
  static T abs(T x) { return std::fabs(x); }
};

/// Two's complement integers: arithmetic wraps (done in unsigned to avoid
/// UB); comparisons are signed.
template <typename T>
struct Ops<T, std::enable_if_t<std::is_same_v<T, int32_t> ||
                               std::is_same_v<T, int64_t>>> {
  using U = std::make_unsigned_t<T>;
  static constexpr bool isFloat = false, isBool = false;
  static T fromDouble(double v) { return (T)(U)(uint64_t)(int64_t)v; }
  static T lowest() { return std::numeric_limits<T>::min(); }
  static T highest() { return std::numeric_limits<T>::max(); }
  static T add(T x, T y) { return (T)((U)x + (U)y); }
  static T sub(T x, T y) { return (T)((U)x - (U)y); }
  static T mul(T x, T y) { return (T)((U)x * (U)y); }
  /// Floor division (numpy's //) that never traps: x / 0 = 0 and
  /// x / -1 = -x, wrapping for the minimum value.
  static T div(T x, T y) {
    if (y == 0)
      return 0;
    if (y == -1)
      return neg(x);
    T q = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0)))
      --q;
    return q;
  }
  static T max(T x, T y) { return x > y ? x : y; }
  static T min(T x, T y) { return x < y ? x : y; }
  static T neg(T x) { return (T)(U(0) - (U)x); }
  static T abs(T x) { return x < 0 ? neg(x) : x; }
};

/// Booleans as i1 arithmetic modulo 2: + is OR in the semirings and
/// reductions, * is AND, max is OR, min is AND; comparisons are unsigned.
template <> struct Ops<uint8_t> {
  static constexpr bool isFloat = false, isBool = true;
  static uint8_t fromDouble(double v) { return (uint8_t)((int64_t)v & 1); }
  static uint8_t lowest() { return 0; }
  static uint8_t highest() { return 1; }
  static uint8_t add(uint8_t x, uint8_t y) { return x | y; }
  static uint8_t sub(uint8_t x, uint8_t y) { return x ^ y; }
  static uint8_t mul(uint8_t x, uint8_t y) { return x & y; }
  static uint8_t div(uint8_t x, uint8_t y) { return x & y; }
  static uint8_t max(uint8_t x, uint8_t y) { return x | y; }
  static uint8_t min(uint8_t x, uint8_t y) { return x & y; }
  static uint8_t neg(uint8_t x) { return x; }
  static uint8_t abs(uint8_t x) { return x; }
};

/// Converts an element between storage types: Booleans are 0/1, anything to
/// Boolean is `!= 0` (NaN is true), float to integer truncates.
template <typename To, typename From> static To convert(From x) {
  if constexpr (std::is_same_v<To, uint8_t>)
    return x != From(0);
  else if constexpr (std::is_same_v<From, uint8_t>)
    return x ? To(1) : To(0);
  else
    return (To)x;
}

//===----------------------------------------------------------------------===//
// Errors and loop nests
//===----------------------------------------------------------------------===//

std::string locString(Location loc) {
  if (auto flc = loc->findInstanceOf<FileLineColLoc>())
    return (flc.getFilename().empty() ? std::string("<input>")
                                      : flc.getFilename().str()) +
           ":" + std::to_string(flc.getLine()) + ":" +
           std::to_string(flc.getColumn());
  std::string s;
  llvm::raw_string_ostream os(s);
  loc.print(os);
  return s;
}

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg.str());
}

llvm::Error opError(Operation *op, const llvm::Twine &msg) {
  return makeError(locString(op->getLoc()) + ": '" +
                   op->getName().getStringRef() + "': " + msg);
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// Row-major strides of `shape`.
std::vector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t s = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/// Calls `body(idx)` for every index tuple of `sizes`, last index fastest.
/// Nothing runs if some size is 0; a rank-0 nest runs once.
template <typename F>
void forEachIndex(llvm::ArrayRef<int64_t> sizes, F body) {
  for (int64_t s : sizes)
    if (s == 0)
      return;
  std::vector<int64_t> idx(sizes.size(), 0);
  while (true) {
    body(llvm::ArrayRef<int64_t>(idx));
    size_t d = sizes.size();
    while (d > 0) {
      --d;
      if (++idx[d] < sizes[d])
        break;
      idx[d] = 0;
      if (d == 0)
        return;
    }
    if (sizes.empty())
      return;
  }
}

/// Flat offsets of the operands of an EinsumProblem at loop index `idx`.
struct OperandIndexer {
  const EinsumProblem &problem;
  std::vector<std::vector<int64_t>> strides;

  OperandIndexer(const EinsumProblem &problem,
                 llvm::ArrayRef<const HostTensor *> operands)
      : problem(problem) {
    for (const HostTensor *t : operands)
      strides.push_back(stridesOf(t->shape));
  }
  int64_t offset(size_t operand, llvm::ArrayRef<int64_t> idx) const {
    int64_t off = 0;
    const std::vector<int> &loops = problem.inputLoops[operand];
    for (size_t d = 0; d < loops.size(); ++d)
      if (loops[d] >= 0) // -1: a size-1 dimension, always index 0.
        off += idx[loops[d]] * strides[operand][d];
    return off;
  }
};

/// Calls `f(T())` with T the storage type of `dtype`.
template <typename F> auto withStorageType(DType dtype, F &&f) {
  switch (dtype) {
  case DType::f32:
    return f(float());
  case DType::f64:
    return f(double());
  case DType::i32:
    return f(int32_t());
  case DType::i64:
    return f(int64_t());
  case DType::i1:
    return f(uint8_t());
  }
  llvm_unreachable("unknown dtype");
}

/// The tensor type of `v`: a static shape with a supported element type.
llvm::Expected<std::pair<DType, std::vector<int64_t>>>
tensorTypeOf(Value v, Operation *where) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  std::optional<DType> dtype =
      type ? dtypeOf(type.getElementType()) : std::nullopt;
  if (!type || !dtype || !type.hasStaticShape()) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << v.getType();
    return opError(where, "unsupported type " + s +
                              " (need a static tensor of f32, f64, i32, "
                              "i64 or i1)");
  }
  return std::make_pair(*dtype, std::vector<int64_t>(type.getShape().begin(),
                                                     type.getShape().end()));
}

//===----------------------------------------------------------------------===//
// tl.einsum
//===----------------------------------------------------------------------===//

template <typename T>
void evalEinsum(Semiring semiring, const EinsumProblem &problem,
                llvm::ArrayRef<const HostTensor *> operands, HostTensor &out) {
  using O = Ops<T>;
  // The accumulator starts at the identity of the semiring's sum.
  T init = O::fromDouble(0);
  if (semiring == Semiring::max_plus || semiring == Semiring::max_times)
    init = O::lowest();
  else if (semiring == Semiring::min_plus)
    init = O::highest();
  T *res = out.as<T>();
  for (int64_t i = 0, e = out.numElements(); i < e; ++i)
    res[i] = init;

  bool additive =
      semiring == Semiring::max_plus || semiring == Semiring::min_plus;
  OperandIndexer indexer(problem, operands);
  std::vector<int64_t> outStrides = stridesOf(out.shape);
  forEachIndex(problem.loopSizes, [&](llvm::ArrayRef<int64_t> idx) {
    T prod = operands[0]->as<T>()[indexer.offset(0, idx)];
    for (size_t k = 1; k < operands.size(); ++k) {
      T v = operands[k]->as<T>()[indexer.offset(k, idx)];
      prod = additive ? O::add(prod, v) : O::mul(prod, v);
    }
    int64_t o = 0;
    for (unsigned d = 0; d < problem.numOutputLoops; ++d)
      o += idx[d] * outStrides[d];
    switch (semiring) {
    case Semiring::plus_times:
    case Semiring::or_and:
      res[o] = O::add(res[o], prod);
      break;
    case Semiring::max_plus:
    case Semiring::max_times:
      res[o] = O::max(res[o], prod);
      break;
    case Semiring::min_plus:
      res[o] = O::min(res[o], prod);
      break;
    }
  });
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

bool isComparison(MapFn fn) {
  return fn == MapFn::eq || fn == MapFn::ne || fn == MapFn::lt ||
         fn == MapFn::le || fn == MapFn::gt || fn == MapFn::ge;
}

template <typename T> uint8_t compare(MapFn fn, T x, T y) {
  // C++ comparisons are ordered (false on NaN) except !=, which is what the
  // dialect specifies; on uint8_t Booleans they are unsigned.
  switch (fn) {
  case MapFn::eq:
    return x == y;
  case MapFn::ne:
    return x != y;
  case MapFn::lt:
    return x < y;
  case MapFn::le:
    return x <= y;
  case MapFn::gt:
    return x > y;
  case MapFn::ge:
    return x >= y;
  default:
    llvm_unreachable("not a comparison");
  }
}

/// Functions whose result has the operands' type. The verifier has ruled
/// out type combinations the dialect does not define.
template <typename T> T applySameType(MapFn fn, llvm::ArrayRef<T> a) {
  using O = Ops<T>;
  T zero = O::fromDouble(0), one = O::fromDouble(1);
  switch (fn) {
  case MapFn::add:
    return O::add(a[0], a[1]);
  case MapFn::sub:
    return O::sub(a[0], a[1]);
  case MapFn::mul:
    return O::mul(a[0], a[1]);
  case MapFn::div:
    return O::div(a[0], a[1]);
  case MapFn::max:
    return O::max(a[0], a[1]);
  case MapFn::min:
    return O::min(a[0], a[1]);
  case MapFn::relu:
    return O::max(a[0], zero);
  case MapFn::abs:
    return O::abs(a[0]);
  case MapFn::neg:
    return O::neg(a[0]);
  case MapFn::one_minus:
    return O::sub(one, a[0]);
  default:
    break;
  }
  if constexpr (O::isFloat) {
    switch (fn) {
    case MapFn::pow:
      return std::pow(a[0], a[1]);
    case MapFn::sigmoid:
      return one / (one + std::exp(-a[0]));
    case MapFn::tanh:
      return std::tanh(a[0]);
    case MapFn::exp:
      return std::exp(a[0]);
    case MapFn::log:
      return std::log(a[0]);
    case MapFn::sqrt:
      return std::sqrt(a[0]);
    default:
      break;
    }
  } else {
    // Bitwise, as on i1 they are the Boolean operations.
    switch (fn) {
    case MapFn::and_:
      return a[0] & a[1];
    case MapFn::or_:
      return a[0] | a[1];
    case MapFn::xor_:
      return a[0] ^ a[1];
    case MapFn::not_:
      return a[0] ^ O::highest();
    default:
      break;
    }
  }
  llvm_unreachable("map function not defined on this element type");
}

/// Evaluates a map whose data operands have storage type T.
template <typename T>
void evalMap(MapFn fn, const EinsumProblem &problem,
             llvm::ArrayRef<const HostTensor *> operands,
             std::optional<double> scalar, HostTensor &out) {
  OperandIndexer indexer(problem, operands);
  // The scalar attribute is the last argument, in the element type of the
  // last tensor operand (the data type T, also for select).
  std::optional<T> scalarValue;
  if (scalar)
    scalarValue = Ops<T>::fromDouble(*scalar);
  int64_t flat = 0; // The result is indexed by the loops in order.
  forEachIndex(problem.loopSizes, [&](llvm::ArrayRef<int64_t> idx) {
    int64_t i = flat++;
    auto arg = [&](size_t k) -> T {
      if (k == operands.size())
        return *scalarValue;
      return operands[k]->as<T>()[indexer.offset(k, idx)];
    };
    if (fn == MapFn::select) {
      uint8_t cond = operands[0]->as<uint8_t>()[indexer.offset(0, idx)];
      out.as<T>()[i] = cond ? arg(1) : arg(2);
      return;
    }
    if (isComparison(fn)) {
      out.as<uint8_t>()[i] = compare<T>(fn, arg(0), arg(1));
      return;
    }
    if (fn == MapFn::cast) {
      T x = arg(0);
      withStorageType(out.dtype, [&](auto to) {
        using To = decltype(to);
        out.as<To>()[i] = convert<To, T>(x);
      });
      return;
    }
    if (fn == MapFn::step) {
      T x = arg(0);
      bool positive = Ops<T>::isBool ? x != 0 : x > T(0);
      if (out.dtype == DType::i1)
        out.as<uint8_t>()[i] = positive;
      else
        out.as<T>()[i] = positive ? T(1) : T(0);
      return;
    }
    T args[2];
    unsigned arity = MapOp::getArity(fn);
    for (unsigned k = 0; k < arity; ++k)
      args[k] = arg(k);
    out.as<T>()[i] = applySameType<T>(fn, llvm::ArrayRef<T>(args, arity));
  });
}

//===----------------------------------------------------------------------===//
// tl.reduce and tl.softmax
//===----------------------------------------------------------------------===//

/// Folds `input` over the dimensions marked in `reduced` into `out` (the
/// remaining dimensions), visiting elements in row-major order:
/// acc = step(acc, x, outIndex).
template <typename T, typename F>
void foldInto(const HostTensor &input, llvm::ArrayRef<bool> reduced, T init,
              std::vector<T> &out, F step) {
  std::vector<int64_t> keptShape;
  for (size_t d = 0; d < input.shape.size(); ++d)
    if (!reduced[d])
      keptShape.push_back(input.shape[d]);
  int64_t n = 1;
  for (int64_t s : keptShape)
    n *= s;
  out.assign(n, init);
  std::vector<int64_t> keptStrides = stridesOf(keptShape);
  const T *in = input.as<T>();
  int64_t flat = 0;
  forEachIndex(input.shape, [&](llvm::ArrayRef<int64_t> idx) {
    int64_t o = 0;
    for (size_t d = 0, k = 0; d < idx.size(); ++d)
      if (!reduced[d])
        o += idx[d] * keptStrides[k++];
    out[o] = step(out[o], in[flat++], o);
  });
}

/// The maximum over the reduced dimensions, replaced by 0 where it is not
/// finite (all -inf, NaN or an empty reduction) so that x - m stays usable.
template <typename T>
std::vector<T> stableMax(const HostTensor &input,
                         llvm::ArrayRef<bool> reduced) {
  std::vector<T> m;
  foldInto<T>(input, reduced, Ops<T>::lowest(), m,
              [](T acc, T x, int64_t) { return Ops<T>::max(acc, x); });
  for (T &v : m)
    if (!std::isfinite(v))
      v = 0;
  return m;
}

/// sum(exp(x - m)) over the reduced dimensions.
template <typename T>
std::vector<T> sumExp(const HostTensor &input, llvm::ArrayRef<bool> reduced,
                      const std::vector<T> &m) {
  std::vector<T> s;
  foldInto<T>(input, reduced, T(0), s, [&](T acc, T x, int64_t o) {
    return acc + std::exp(x - m[o]);
  });
  return s;
}

template <typename T>
void evalReduce(ReduceKind kind, const HostTensor &input,
                llvm::ArrayRef<bool> reduced, HostTensor &out) {
  using O = Ops<T>;
  std::vector<T> r;
  switch (kind) {
  case ReduceKind::sum:
  case ReduceKind::mean:
    foldInto<T>(input, reduced, O::fromDouble(0), r,
                [](T acc, T x, int64_t) { return O::add(acc, x); });
    break;
  case ReduceKind::max:
    foldInto<T>(input, reduced, O::lowest(), r,
                [](T acc, T x, int64_t) { return O::max(acc, x); });
    break;
  case ReduceKind::min:
    foldInto<T>(input, reduced, O::highest(), r,
                [](T acc, T x, int64_t) { return O::min(acc, x); });
    break;
  case ReduceKind::prod:
    foldInto<T>(input, reduced, O::fromDouble(1), r,
                [](T acc, T x, int64_t) { return O::mul(acc, x); });
    break;
  case ReduceKind::logsumexp:
    if constexpr (O::isFloat) {
      std::vector<T> m = stableMax<T>(input, reduced);
      r = sumExp<T>(input, reduced, m);
      for (size_t i = 0; i < r.size(); ++i)
        r[i] = m[i] + std::log(r[i]);
    }
    break;
  }
  if constexpr (O::isFloat) {
    if (kind == ReduceKind::mean) {
      // An empty reduction gives 0 / 0 = NaN, as numpy does.
      int64_t n = 1;
      for (size_t d = 0; d < input.shape.size(); ++d)
        if (reduced[d])
          n *= input.shape[d];
      T count = (T)(double)n;
      for (T &v : r)
        v = v / count;
    }
  }
  std::copy(r.begin(), r.end(), out.as<T>());
}

template <typename T>
void evalSoftmax(int64_t axis, const HostTensor &input, HostTensor &out) {
  llvm::SmallVector<bool> reduced(input.shape.size(), false);
  reduced[axis] = true;
  std::vector<T> m = stableMax<T>(input, reduced);
  std::vector<T> s = sumExp<T>(input, reduced, m);
  // Second pass: the same row-major walk, now writing each element.
  std::vector<T> unused;
  T *y = out.as<T>();
  int64_t flat = 0;
  foldInto<T>(input, reduced, T(0), unused, [&](T acc, T x, int64_t o) {
    y[flat++] = std::exp(x - m[o]) / s[o];
    return acc;
  });
}

//===----------------------------------------------------------------------===//
// tl.fixpoint
//===----------------------------------------------------------------------===//

/// True iff no element of `next` changed from `state`: floats are unchanged
/// when equal or within `tolerance` (in T, so a NaN always changes);
/// integers and Booleans only when equal.
template <typename T>
bool unchanged(const HostTensor &next, const HostTensor &state,
               double tolerance) {
  const T *n = next.as<T>(), *s = state.as<T>();
  for (int64_t i = 0, e = state.numElements(); i < e; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (!(n[i] == s[i] || std::fabs(T(n[i] - s[i])) <= T(tolerance)))
        return false;
    } else if (n[i] != s[i]) {
      return false;
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The function walker
//===----------------------------------------------------------------------===//

class Interpreter {
public:
  llvm::Expected<std::vector<HostTensor>>
  run(func::FuncOp func, llvm::ArrayRef<HostTensor> inputs);

private:
  llvm::DenseMap<Value, HostTensor> values;

  llvm::Error evaluateOp(Operation *op);
  llvm::Error evaluate(FixpointOp op);
  llvm::Error evaluate(FusedOp op);
  llvm::Error evaluate(EinsumOp op, HostTensor &out);
  llvm::Error evaluate(MapOp op, HostTensor &out);
  llvm::Error evaluate(ReduceOp op, HostTensor &out);
  llvm::Error evaluate(SoftmaxOp op, HostTensor &out);
  llvm::Error evaluate(ConstantOp op, HostTensor &out);

  std::vector<const HostTensor *> operandsOf(ValueRange operands) {
    std::vector<const HostTensor *> result;
    for (Value v : operands)
      result.push_back(&values.find(v)->second);
    return result;
  }
};

llvm::Expected<std::vector<HostTensor>>
Interpreter::run(func::FuncOp func, llvm::ArrayRef<HostTensor> inputs) {
  std::string name = "function '" + func.getSymName().str() + "'";
  if (func.isExternal())
    return makeError(locString(func.getLoc()) + ": " + name +
                     " has no body to evaluate");

  // Evaluate only verified IR: the semantics below rely on the verifiers'
  // guarantees (types, shapes, arities). Diagnostics become the error text.
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(func.getContext(), [&](Diagnostic &diag) {
      diagnostics += (diagnostics.empty() ? "" : "\n") +
                     locString(diag.getLocation()) + ": " + diag.str();
      return success();
    });
    if (failed(mlir::verify(func)))
      return makeError(name + " does not verify:\n" + diagnostics);
  }
  if (!func.getBody().hasOneBlock())
    return makeError(locString(func.getLoc()) + ": " + name +
                     " has more than one block; the reference interpreter "
                     "evaluates straight-line functions only");

  Block &body = func.getBody().front();
  if (inputs.size() != body.getNumArguments())
    return makeError(name + " takes " + llvm::Twine(body.getNumArguments()) +
                     " input(s) but " + llvm::Twine(inputs.size()) +
                     " were given");
  for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
    auto expected = tensorTypeOf(arg, func);
    if (!expected)
      return expected.takeError();
    const HostTensor &in = inputs[i];
    if (in.dtype != expected->first || in.shape != expected->second)
      return makeError(name + ": input #" + llvm::Twine(i) + " is " +
                       in.typeString() + " but the argument is " +
                       dtypeName(expected->first) +
                       shapeString(expected->second));
    size_t size = in.numElements() * dtypeSize(in.dtype);
    if (in.bytes.size() != size)
      return makeError(name + ": input #" + llvm::Twine(i) + " (" +
                       in.typeString() + ") holds " +
                       llvm::Twine(in.bytes.size()) + " bytes, expected " +
                       llvm::Twine(size));
    HostTensor copy = in;
    // Booleans are 0/1 everywhere below; normalize what the caller gave.
    if (copy.dtype == DType::i1)
      for (uint8_t &b : copy.bytes)
        b = b != 0;
    values[arg] = std::move(copy);
  }

  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<HostTensor> results;
      for (Value v : ret.getOperands())
        results.push_back(values.find(v)->second);
      return results;
    }
    if (llvm::Error err = evaluateOp(&op))
      return std::move(err);
  }
  return makeError(name + " has no func.return");
}

llvm::Error Interpreter::evaluateOp(Operation *op) {
  if (auto fixpoint = dyn_cast<FixpointOp>(op))
    return evaluate(fixpoint);
  if (auto fused = dyn_cast<FusedOp>(op))
    return evaluate(fused);
  if (!isa<EinsumOp, MapOp, ReduceOp, SoftmaxOp, ConstantOp>(op))
    return makeError(locString(op->getLoc()) +
                     ": reference interpreter cannot evaluate '" +
                     op->getName().getStringRef() + "'");
  auto type = tensorTypeOf(op->getResult(0), op);
  if (!type)
    return type.takeError();
  HostTensor out(type->first, type->second);
  llvm::Error err =
      llvm::TypeSwitch<Operation *, llvm::Error>(op)
          .Case<EinsumOp, MapOp, ReduceOp, SoftmaxOp, ConstantOp>(
              [&](auto concrete) { return evaluate(concrete, out); })
          .Default([](Operation *) -> llvm::Error {
            llvm_unreachable("checked above");
          });
  if (err)
    return err;
  values[op->getResult(0)] = std::move(out);
  return llvm::Error::success();
}

/// Runs the body until no state element changes or max_iterations bodies
/// have run (TLOps.td); the last result says which.
llvm::Error Interpreter::evaluate(FixpointOp op) {
  Block &body = op.getBody().front();
  std::vector<HostTensor> state;
  for (Value v : op.getInits())
    state.push_back(values.find(v)->second);
  double tolerance = op.getTolerance().convertToDouble();
  bool converged = false;
  int64_t maxIterations = op.getMaxIterationsAttr().getInt();
  for (int64_t iter = 0; iter < maxIterations && !converged; ++iter) {
    for (auto [arg, t] : llvm::zip(body.getArguments(), state))
      values[arg] = t;
    for (Operation &inner : body.without_terminator())
      if (llvm::Error err = evaluateOp(&inner))
        return err;
    converged = true;
    for (auto [v, t] : llvm::zip(op.getYield().getValues(), state)) {
      HostTensor &next = values.find(v)->second;
      converged &= withStorageType(t.dtype, [&](auto e) {
        return unchanged<decltype(e)>(next, t, tolerance);
      });
    }
    // Copy before assigning: a yielded value may be a state argument.
    std::vector<HostTensor> next;
    for (Value v : op.getYield().getValues())
      next.push_back(values.find(v)->second);
    state = std::move(next);
  }
  for (auto [result, t] : llvm::zip(op.getResults(), state))
    values[result] = std::move(t);
  HostTensor flag(DType::i1, {});
  flag.as<uint8_t>()[0] = converged;
  values[op.getConverged()] = std::move(flag);
  return llvm::Error::success();
}

/// A fused group means its body evaluated on its operands (TLOps.td).
llvm::Error Interpreter::evaluate(FusedOp op) {
  Block &body = op.getBody().front();
  for (auto [arg, v] : llvm::zip(body.getArguments(), op.getInputs()))
    values[arg] = values.find(v)->second;
  for (Operation &inner : body.without_terminator())
    if (llvm::Error err = evaluateOp(&inner))
      return err;
  // Copy before assigning: a yielded value may be a body argument.
  std::vector<HostTensor> results;
  for (Value v : op.getYield().getValues())
    results.push_back(values.find(v)->second);
  for (auto [result, t] : llvm::zip(op.getResults(), results))
    values[result] = std::move(t);
  return llvm::Error::success();
}

/// Shapes of the operands, for spec binding.
static std::vector<std::vector<int64_t>>
shapesOf(llvm::ArrayRef<const HostTensor *> operands) {
  std::vector<std::vector<int64_t>> shapes;
  for (const HostTensor *t : operands)
    shapes.push_back(t->shape);
  return shapes;
}

/// A bound spec whose result shape is `out`'s, or the error saying why not.
static llvm::Expected<EinsumProblem>
checkedProblem(Operation *op, llvm::StringRef spec,
               std::optional<EinsumProblem> problem, const std::string &error,
               const HostTensor &out) {
  if (!problem)
    return opError(op, "spec \"" + spec + "\": " + error);
  if (problem->resultShape() != out.shape)
    return opError(op, "the spec gives result shape " +
                           shapeString(problem->resultShape()) +
                           " but the result type has " +
                           shapeString(out.shape));
  return *problem;
}

llvm::Error Interpreter::evaluate(EinsumOp op, HostTensor &out) {
  std::vector<const HostTensor *> operands = operandsOf(op.getInputs());
  std::string error;
  auto problem = checkedProblem(
      op, op.getSpec(),
      bindEinsumSpec(op.getSpec(), shapesOf(operands), error), error, out);
  if (!problem)
    return problem.takeError();
  for (const HostTensor *t : operands)
    if (t->dtype != out.dtype)
      return opError(op, "operand " + t->typeString() +
                             " and result element types differ");
  withStorageType(out.dtype, [&](auto t) {
    evalEinsum<decltype(t)>(op.getSemiring(), *problem, operands, out);
  });
  return llvm::Error::success();
}

llvm::Error Interpreter::evaluate(MapOp op, HostTensor &out) {
  std::vector<const HostTensor *> operands = operandsOf(op.getInputs());
  std::string error;
  auto problem = checkedProblem(
      op, op.getSpec(), bindMapSpec(op.getSpec(), shapesOf(operands), error),
      error, out);
  if (!problem)
    return problem.takeError();
  MapFn fn = op.getFn();
  std::optional<double> scalar;
  if (FloatAttr attr = op.getScalarAttr())
    scalar = attr.getValueAsDouble();
  DType dataType = operands[fn == MapFn::select ? 1 : 0]->dtype;
  withStorageType(dataType, [&](auto t) {
    evalMap<decltype(t)>(fn, *problem, operands, scalar, out);
  });
  return llvm::Error::success();
}

llvm::Error Interpreter::evaluate(ReduceOp op, HostTensor &out) {
  const HostTensor &input = values.find(op.getInput())->second;
  llvm::SmallVector<bool> reduced(input.shape.size(), false);
  std::vector<int64_t> kept;
  for (int64_t a : op.getAxes())
    reduced[a] = true;
  for (size_t d = 0; d < input.shape.size(); ++d)
    if (!reduced[d])
      kept.push_back(input.shape[d]);
  if (kept != out.shape)
    return opError(op, "result type has shape " + shapeString(out.shape) +
                           " but reducing gives " + shapeString(kept));
  withStorageType(input.dtype, [&](auto t) {
    evalReduce<decltype(t)>(op.getKind(), input, reduced, out);
  });
  return llvm::Error::success();
}

llvm::Error Interpreter::evaluate(SoftmaxOp op, HostTensor &out) {
  const HostTensor &input = values.find(op.getInput())->second;
  switch (input.dtype) {
  case DType::f32:
    evalSoftmax<float>(op.getAxis(), input, out);
    break;
  case DType::f64:
    evalSoftmax<double>(op.getAxis(), input, out);
    break;
  default:
    return opError(op, "softmax needs floating-point elements");
  }
  return llvm::Error::success();
}

llvm::Error Interpreter::evaluate(ConstantOp op, HostTensor &out) {
  ElementsAttr attr = op.getValue();
  bool ok = withStorageType(out.dtype, [&](auto t) {
    using T = decltype(t);
    // Booleans come out of the attribute as bool, not as our uint8_t.
    using AttrT = std::conditional_t<std::is_same_v<T, uint8_t>, bool, T>;
    auto values = attr.tryGetValues<AttrT>();
    if (!values)
      return false;
    int64_t i = 0;
    for (AttrT v : *values)
      out.as<T>()[i++] = (T)v;
    return i == out.numElements();
  });
  if (!ok)
    return opError(op, "cannot read the values of this constant attribute");
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::vector<HostTensor>>
tlc::reference::evaluate(func::FuncOp func, llvm::ArrayRef<HostTensor> inputs) {
  return Interpreter().run(func, inputs);
}
