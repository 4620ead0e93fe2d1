//===- MLIRGen.cpp - checks TensorLogic programs and lowers them to tl ----===//
//
// Semantics (docs/language.md has the user's view):
//  - In an `=` equation a join (juxtaposition or '*') is one einsum that sums
//    out the indices local to it: not on the left, and used nowhere else on
//    the right. Indices still free at the top are projected with the
//    equation's projection (sum, max, min, mean).
//  - In `max=`/`min=` equations a top-level '+' of tensors is the tropical
//    join (max_plus / min_plus einsum), and in `max=` a top-level product is
//    max_times; otherwise the right side is computed elementwise and
//    projected at the top.
//  - A relation on the left is Boolean: a join of relations is an or_and
//    einsum, anything numeric is passed through step.
//  - Equations with the same left side combine with its projection; a
//    group of tensors that depend on each other is one tl.fixpoint.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Frontend/Frontend.h"
#include "tlc/Support/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

using namespace mlir;
using namespace tlc;
using namespace tlc::tlang;
using llvm::SMLoc;

namespace {

/// What the compiler knows about a tensor name.
struct TensorInfo {
  enum class Kind { Input, Param, Const, Defined };
  Kind kind;
  std::string name;
  SMLoc loc;
  Type elt;                   ///< null until inferred
  std::vector<int64_t> shape; ///< valid once `hasShape`
  bool hasShape = false;
  bool relation = false;
  bool batched = false; ///< declared with a `?` first dimension
  Projection projection = Projection::Sum;
  std::vector<const Equation *> equations;
  unsigned firstEquation = 0; ///< index of its first defining equation
  const TensorDecl *decl = nullptr;
  unsigned scc = 0;
};

/// A tensor value and the index name of each of its dimensions.
struct IValue {
  Value value;
  std::vector<std::string> indices;
  Type elt() const { return cast<RankedTensorType>(value.getType()).getElementType(); }
};

/// An evaluated sub-expression: a tensor or a plain number.
struct Operand {
  std::optional<IValue> tensor;
  double number = 0;
  bool isNumber() const { return !tensor; }
};

class Generator {
public:
  Generator(llvm::SourceMgr &sm, MLIRContext *ctx, const Program &program,
            const FrontendOptions &options)
      : sourceMgr(sm), ctx(ctx), program(program), options(options),
        builder(ctx) {}

  OwningOpRef<ModuleOp> run();

private:
  llvm::SourceMgr &sourceMgr;
  MLIRContext *ctx;
  const Program &program;
  const FrontendOptions &options;
  OpBuilder builder;
  bool hadError = false;

  llvm::StringMap<int64_t> domains;
  std::map<std::string, TensorInfo> tensors;
  /// Current SSA value of each tensor while generating code.
  llvm::StringMap<Value> values;

  // Per equation while generating: index letters and sizes.
  const Equation *eq = nullptr;
  std::map<std::string, int64_t> indexSizes;
  std::map<std::string, unsigned> indexUses;
  /// Where indices not on the left are projected (see analyze()).
  std::map<const Expr *, std::set<std::string>> contractAt, projectAt;

  Location loc(SMLoc l) {
    auto lc = sourceMgr.getLineAndColumn(l);
    auto *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
    return FileLineColLoc::get(ctx, buffer->getBufferIdentifier(), lc.first,
                               lc.second);
  }
  InFlightDiagnostic error(SMLoc l) {
    hadError = eqFailed = true;
    return emitError(loc(l));
  }
  /// Set by an error in the equation being generated: its code generation
  /// stops, and the others go on so that all their errors are reported.
  bool eqFailed = false;
  /// Tensors whose definition has an error; equations reading them are
  /// skipped without further messages.
  std::set<std::string> broken;
  bool readsBroken(const Expr &e) {
    if (e.kind == Expr::Kind::Ref &&
        (broken.count(e.ref.name) || !values.lookup(e.ref.name)))
      return true;
    return llvm::any_of(e.args, [&](const ExprPtr &a) { return readsBroken(*a); });
  }

  // --- declarations and checks -------------------------------------------
  void declare();
  Type dtypeOf(const TensorDecl &decl);
  void collectEquations();
  void inferShapesAndTypes();
  bool checkEquation(const Equation &e, bool report);
  void checkRef(const TensorRef &ref);
  void checkOrder(std::vector<std::vector<std::string>> &sccs);

  // --- code generation ----------------------------------------------------
  Value genEquation(const Equation &e, Type resultType,
                    ArrayRef<int64_t> resultShape);
  void analyze(const Equation &e, bool topContract);
  Operand gen(const Expr &e);
  Operand genJoin(const Expr &e);
  /// The spec of `operands` with their index names, giving `out`.
  std::string specOf(ArrayRef<IValue> operands,
                     const std::vector<std::string> &out);
  /// tensor<sizes of `indices` x elt>.
  RankedTensorType shapedType(const std::vector<std::string> &indices,
                              Type elt);
  IValue genEinsum(ArrayRef<IValue> operands,
                   const std::vector<std::string> &out, tl::Semiring semiring,
                   SMLoc at);
  IValue genMap(tl::MapFn fn, ArrayRef<IValue> operands, Type resultElt,
                SMLoc at, std::optional<double> scalar = std::nullopt);
  IValue castTo(IValue v, Type elt, SMLoc at);
  IValue numeric(IValue v, Type elt, SMLoc at);
  IValue reorder(IValue v, const std::vector<std::string> &order, SMLoc at);
  IValue project(IValue v, const std::vector<std::string> &keep, Projection p,
                 SMLoc at);
  IValue splat(double value, Type elt, SMLoc at);
  Type commonType(ArrayRef<IValue> values, bool floatOnly);
  void countIndices(const Expr &e, std::map<std::string, unsigned> &counts);
  std::string letters(const std::vector<std::string> &idx,
                      std::map<std::string, char> &letterOf);
};

bool isFloat(Type t) { return isa<FloatType>(t); }
bool isBool(Type t) { return t.isInteger(1); }

/// Whether `v` is exactly an integer of type `t` (a tl.map scalar must be).
bool fitsInteger(double v, Type t) {
  double limit = std::ldexp(1.0, t.getIntOrFloatBitWidth() - 1);
  return v == std::trunc(v) && v >= -limit && v < limit;
}

/// Calls `fn` on every tensor reference in `e`.
void forEachRef(const Expr &e, llvm::function_ref<void(const TensorRef &)> fn) {
  if (e.kind == Expr::Kind::Ref)
    fn(e.ref);
  for (const ExprPtr &a : e.args)
    forEachRef(*a, fn);
}

int typeRank(Type t) {
  if (t.isF64())
    return 4;
  if (t.isF32())
    return 3;
  if (t.isSignlessInteger(64))
    return 2;
  if (t.isSignlessInteger(32))
    return 1;
  return 0;
}

std::vector<std::string> unionOf(ArrayRef<IValue> values) {
  std::vector<std::string> out;
  for (const IValue &v : values)
    for (const std::string &i : v.indices)
      if (!llvm::is_contained(out, i))
        out.push_back(i);
  return out;
}

/// `indices` with those on the left side first, in the left side's order,
/// so results need no transposition at the end.
std::vector<std::string> lhsOrder(std::vector<std::string> indices,
                                  const TensorRef &lhs) {
  auto rank = [&](const std::string &i) {
    auto it = llvm::find_if(lhs.indices,
                            [&](const IndexRef &l) { return l.name == i; });
    return it == lhs.indices.end() ? lhs.indices.size()
                                   : size_t(it - lhs.indices.begin());
  };
  llvm::stable_sort(indices, [&](const std::string &a, const std::string &b) {
    return rank(a) < rank(b);
  });
  return indices;
}

Type Generator::dtypeOf(const TensorDecl &decl) {
  Type t = llvm::StringSwitch<Type>(decl.dtype)
               .Case("f32", builder.getF32Type())
               .Case("f64", builder.getF64Type())
               .Case("i32", builder.getI32Type())
               .Case("i64", builder.getI64Type())
               .Case("bool", builder.getI1Type())
               .Default(Type());
  if (!t)
    error(decl.dtypeLoc) << "unknown element type '" << decl.dtype
                         << "' (expected f32, f64, i32, i64 or bool)";
  return t;
}

static bool isReserved(StringRef name) {
  return llvm::is_contained({"relu", "sigmoid", "tanh", "exp", "log", "sqrt",
                             "abs", "step", "softmax", "sig", "domain",
                             "input", "param", "const", "output", "load"},
                            name);
}

void Generator::declare() {
  for (const DomainDecl &d : program.domains) {
    if (!domains.try_emplace(d.name, d.size).second)
      error(d.loc) << "domain '" << d.name << "' is declared twice";
  }
  for (const TensorDecl &decl : program.tensors) {
    const std::string &name = decl.ref.name;
    if (isReserved(name)) {
      error(decl.ref.loc) << "'" << name << "' is a reserved word";
      continue;
    }
    if (tensors.count(name)) {
      error(decl.ref.loc) << "tensor '" << name << "' is declared twice";
      continue;
    }
    TensorInfo info;
    info.kind = decl.kind == TensorDecl::Kind::Input   ? TensorInfo::Kind::Input
                : decl.kind == TensorDecl::Kind::Param ? TensorInfo::Kind::Param
                                                       : TensorInfo::Kind::Const;
    info.name = name;
    info.loc = decl.ref.loc;
    info.decl = &decl;
    info.elt = dtypeOf(decl);
    info.relation = decl.ref.relation;
    if (info.relation && info.elt && !isBool(info.elt))
      error(decl.dtypeLoc) << "relation '" << name
                           << "' must have type bool (use " << name
                           << "[...] for a numeric tensor)";
    bool ok = true;
    for (auto [d, dim] : llvm::enumerate(decl.dims)) {
      if (dim.batch) {
        if (decl.kind != TensorDecl::Kind::Input || d != 0) {
          error(dim.loc) << "'?' (the batch size) may only be the first "
                            "dimension of an input";
          ok = false;
        } else if (options.batchSize <= 0) {
          error(dim.loc) << "this program has a batch dimension ('?'), but "
                            "no batch size was given";
          ok = false;
        }
        info.batched = true;
        info.shape.push_back(options.batchSize);
        continue;
      }
      if (dim.domain.empty()) {
        info.shape.push_back(dim.size);
        continue;
      }
      auto it = domains.find(dim.domain);
      if (it == domains.end()) {
        error(dim.loc) << "unknown domain '" << dim.domain << "'";
        ok = false;
        continue;
      }
      info.shape.push_back(it->second);
    }
    if (!decl.ref.indices.empty() &&
        decl.ref.indices.size() != decl.dims.size())
      error(decl.ref.loc) << "'" << name << "' names "
                          << decl.ref.indices.size()
                          << " indices but its type has " << decl.dims.size()
                          << " dimensions";
    info.hasShape = ok;
    tensors.emplace(name, std::move(info));
  }
}

void Generator::collectEquations() {
  for (auto [i, e] : llvm::enumerate(program.equations)) {
    const std::string &name = e.lhs.name;
    if (isReserved(name)) {
      error(e.lhs.loc) << "'" << name << "' is a reserved word";
      continue;
    }
    auto it = tensors.find(name);
    if (it != tensors.end() && it->second.kind != TensorInfo::Kind::Defined) {
      error(e.lhs.loc) << "cannot define '" << name
                       << "': it is declared as an "
                       << (it->second.kind == TensorInfo::Kind::Input ? "input"
                           : it->second.kind == TensorInfo::Kind::Param
                               ? "param"
                               : "const");
      continue;
    }
    if (it == tensors.end()) {
      TensorInfo info;
      info.kind = TensorInfo::Kind::Defined;
      info.name = name;
      info.loc = e.lhs.loc;
      info.relation = e.lhs.relation;
      info.projection = e.projection;
      info.firstEquation = i;
      if (info.relation)
        info.elt = builder.getI1Type();
      it = tensors.emplace(name, std::move(info)).first;
    }
    TensorInfo &info = it->second;
    const Equation &first = *(info.equations.empty() ? &e : info.equations[0]);
    if (e.lhs.relation != info.relation)
      error(e.lhs.loc) << "'" << name << "' is defined both as a relation "
                       << "(...) and as a tensor [...]";
    else if (e.projection != first.projection)
      error(e.loc) << "equations for '" << name
                   << "' use different projections ('=', 'max=', 'min=', "
                      "'avg=' must agree)";
    else if (e.lhs.indices.size() != first.lhs.indices.size())
      error(e.lhs.loc) << "'" << name << "' has " << first.lhs.indices.size()
                       << " indices in its first equation but "
                       << e.lhs.indices.size() << " here";
    else if (e.projection == Projection::Avg && !info.equations.empty())
      error(e.loc) << "'" << name
                   << "' has several 'avg=' equations; averages do not "
                      "combine";
    info.equations.push_back(&e);
    // Left-side indices: distinct, at most one normalised axis.
    std::set<std::string> seen;
    unsigned normalized = 0;
    for (const IndexRef &idx : e.lhs.indices) {
      if (!seen.insert(idx.name).second)
        error(idx.loc) << "index '" << idx.name
                       << "' appears twice on the left side";
      normalized += idx.normalized;
    }
    if (normalized > 1)
      error(e.lhs.loc) << "at most one index on the left may be marked as "
                          "the normalised axis '.'";
  }
}

void Generator::countIndices(const Expr &e,
                             std::map<std::string, unsigned> &counts) {
  if (e.kind == Expr::Kind::Ref)
    for (const IndexRef &idx : e.ref.indices)
      ++counts[idx.name];
  for (const ExprPtr &a : e.args)
    countIndices(*a, counts);
}

void Generator::checkRef(const TensorRef &ref) {
  auto it = tensors.find(ref.name);
  if (it == tensors.end()) {
    error(ref.loc) << "unknown tensor '" << ref.name
                   << "' (not declared and not defined by an equation)";
    return;
  }
  TensorInfo &info = it->second;
  if (ref.relation && !info.relation && info.elt && !isBool(info.elt))
    error(ref.loc) << "'" << ref.name << "' is a numeric tensor; index it "
                   << "with [...], not (...)";
  if (info.hasShape && ref.indices.size() != info.shape.size())
    error(ref.loc) << "'" << ref.name << "' has " << info.shape.size()
                   << " dimension(s) but is used with " << ref.indices.size()
                   << " index(es)";
}

/// Binds the sizes of the equation's indices from every tensor whose shape
/// is known; sets `indexSizes`. With `report`, conflicts are errors.
bool Generator::checkEquation(const Equation &e, bool report) {
  indexSizes.clear();
  std::map<std::string, std::pair<std::string, SMLoc>> boundBy;
  bool ok = true;
  std::function<void(const Expr &)> walk = [&](const Expr &x) {
    if (x.kind == Expr::Kind::Ref) {
      auto it = tensors.find(x.ref.name);
      if (it == tensors.end() || !it->second.hasShape ||
          it->second.shape.size() != x.ref.indices.size())
        return;
      for (auto [d, idx] : llvm::enumerate(x.ref.indices)) {
        int64_t size = it->second.shape[d];
        auto [pos, inserted] = indexSizes.emplace(idx.name, size);
        if (inserted) {
          boundBy[idx.name] = {x.ref.name, idx.loc};
        } else if (pos->second != size) {
          ok = false;
          if (report)
            error(idx.loc) << "index '" << idx.name << "' has size "
                           << pos->second << " in "
                           << boundBy[idx.name].first << " but " << size
                           << " in " << x.ref.name;
        }
      }
    }
    for (const ExprPtr &a : x.args)
      walk(*a);
  };
  walk(*e.rhs);
  // The left side's own shape, if known (recursion), binds too.
  TensorInfo &lhs = tensors.at(e.lhs.name);
  if (lhs.hasShape)
    for (auto [d, idx] : llvm::enumerate(e.lhs.indices))
      if (d < lhs.shape.size())
        indexSizes.emplace(idx.name, lhs.shape[d]);
  return ok;
}

void Generator::inferShapesAndTypes() {
  // Shapes and element types flow from declarations through equations; a
  // recursive tensor gets them from its base case, so iterate: sweeps over
  // the equations in source order until nothing changes. Only equations
  // that read a tensor which changed since they were last looked at can
  // change anything, so each sweep visits just those (a sweep over all of
  // them per step is quadratic on a long chain defined in reverse order).
  std::map<std::string, std::vector<unsigned>> readers;
  for (auto [i, e] : llvm::enumerate(program.equations)) {
    forEachRef(*e.rhs,
               [&](const TensorRef &r) { readers[r.name].push_back(i); });
  }
  std::set<unsigned> pending;
  for (unsigned i = 0; i < program.equations.size(); ++i)
    pending.insert(i);
  unsigned cursor = 0; // the sweep's position
  while (!pending.empty()) {
    auto pos = pending.lower_bound(cursor);
    if (pos == pending.end())
      pos = pending.begin(); // the next sweep
    unsigned i = *pos;
    pending.erase(pos);
    cursor = i + 1;
    const Equation &e = program.equations[i];
    bool changed = false;
    {
      auto it = tensors.find(e.lhs.name);
      if (it == tensors.end() || it->second.kind != TensorInfo::Kind::Defined)
        continue;
      TensorInfo &info = it->second;
      checkEquation(e, /*report=*/false);
      if (!info.hasShape) {
        std::vector<int64_t> shape;
        for (const IndexRef &idx : e.lhs.indices) {
          auto s = indexSizes.find(idx.name);
          if (s == indexSizes.end())
            break;
          shape.push_back(s->second);
        }
        if (shape.size() == e.lhs.indices.size()) {
          info.shape = shape;
          info.hasShape = true;
          changed = true;
        }
      }
      if (!info.elt) {
        // Widest numeric type on the right; numbers and Booleans do not
        // count; f32 when there is none.
        Type best;
        bool unknown = false, needsFloat = false, needsWide = false;
        std::function<void(const Expr &)> walk = [&](const Expr &x) {
          if (x.kind == Expr::Kind::Ref) {
            auto r = tensors.find(x.ref.name);
            if (r == tensors.end() || !r->second.elt) {
              unknown |= r != tensors.end() && r->second.name != info.name;
              return;
            }
            Type t = r->second.elt;
            if (!isBool(t) && (!best || typeRank(t) > typeRank(best)))
              best = t;
          }
          // A fraction, a division or a transcendental function makes the
          // result floating point.
          // An integer literal beyond i32 needs i64, beyond i64 a float.
          if (x.kind == Expr::Kind::Number && std::abs(x.number) >= 0x1p31)
            needsWide = true;
          needsFloat |= (x.kind == Expr::Kind::Number &&
                         (std::abs(x.number) >= 0x1p63 ||
                          x.number != std::trunc(x.number))) ||
                        (x.kind == Expr::Kind::Binary && x.op == '/') ||
                        (x.kind == Expr::Kind::Call && x.callee != "relu" &&
                         x.callee != "abs" && x.callee != "step") ||
                        e.projection == Projection::Avg;
          for (const ExprPtr &a : x.args)
            walk(*a);
        };
        walk(*e.rhs);
        if (best && needsFloat && !isFloat(best))
          best = builder.getF32Type();
        if (best && needsWide && best.isSignlessInteger(32))
          best = builder.getI64Type();
        if (!unknown || best) {
          info.elt = best ? best : builder.getF32Type();
          changed = true;
        }
      }
    }
    if (changed)
      for (unsigned r : readers[e.lhs.name])
        pending.insert(r);
  }
}

/// Rejects uses of a tensor before its first equation, except within a
/// group of mutually recursive tensors.
void Generator::checkOrder(std::vector<std::vector<std::string>> &sccs) {
  // Dependency graph among defined tensors, for Tarjan's SCCs.
  std::vector<std::string> names;
  std::map<std::string, unsigned> id;
  for (auto &[name, info] : tensors)
    if (info.kind == TensorInfo::Kind::Defined) {
      id[name] = names.size();
      names.push_back(name);
    }
  std::vector<std::set<unsigned>> deps(names.size());
  for (const Equation &e : program.equations) {
    auto l = id.find(e.lhs.name);
    if (l == id.end())
      continue;
    forEachRef(*e.rhs, [&](const TensorRef &ref) {
      auto r = id.find(ref.name);
      if (r != id.end())
        deps[l->second].insert(r->second);
    });
  }
  // Tarjan.
  std::vector<int> index(names.size(), -1), low(names.size(), 0);
  std::vector<bool> onStack(names.size(), false);
  std::vector<unsigned> stack;
  int counter = 0;
  std::vector<unsigned> sccOf(names.size(), 0);
  std::vector<std::vector<unsigned>> groups;
  // Iterative: a recursive depth-first search overflows the stack on a
  // long dependency chain.
  std::vector<std::pair<unsigned, std::set<unsigned>::const_iterator>> dfs;
  auto visit = [&](unsigned v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    dfs.push_back({v, deps[v].begin()});
  };
  auto strong = [&](unsigned root) {
    visit(root);
    while (!dfs.empty()) {
      unsigned v = dfs.back().first;
      auto &next = dfs.back().second;
      if (next != deps[v].end()) {
        unsigned w = *next++;
        if (index[w] < 0)
          visit(w); // `next` is invalid from here on
        else if (onStack[w])
          low[v] = std::min(low[v], index[w]);
        continue;
      }
      dfs.pop_back();
      if (low[v] == index[v]) {
        std::vector<unsigned> group;
        unsigned w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = false;
          sccOf[w] = groups.size();
          group.push_back(w);
        } while (w != v);
        groups.push_back(group);
      }
      if (!dfs.empty()) {
        unsigned parent = dfs.back().first;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  };
  for (unsigned v = 0; v < names.size(); ++v)
    if (index[v] < 0)
      strong(v);
  // Tarjan emits SCCs in reverse topological order of the dependency
  // edges (dependencies first), which is the order to generate them in.
  for (auto &group : groups) {
    std::vector<std::string> g;
    for (unsigned v : group)
      g.push_back(names[v]);
    llvm::sort(g, [&](const std::string &a, const std::string &b) {
      return tensors.at(a).firstEquation < tensors.at(b).firstEquation;
    });
    sccs.push_back(g);
  }
  // Source order is a topological order once uses before definitions are
  // rejected (below), and keeps the generated code in the user's order.
  llvm::stable_sort(sccs, [&](const auto &a, const auto &b) {
    return tensors.at(a[0]).firstEquation < tensors.at(b[0]).firstEquation;
  });
  for (auto [i, e] : llvm::enumerate(program.equations)) {
    auto l = id.find(e.lhs.name);
    if (l == id.end())
      continue;
    forEachRef(*e.rhs, [&](const TensorRef &ref) {
      auto r = id.find(ref.name);
      if (r != id.end() && sccOf[r->second] != sccOf[l->second] &&
          tensors.at(ref.name).firstEquation > i)
        error(ref.loc) << "'" << ref.name
                       << "' is used before its definition (only "
                          "recursive equations may read a tensor defined "
                          "later)";
    });
  }
}
} // namespace

//===----------------------------------------------------------------------===//
// Code generation
//===----------------------------------------------------------------------===//

namespace {

std::string Generator::letters(const std::vector<std::string> &idx,
                               std::map<std::string, char> &letterOf) {
  static const char *alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string s;
  for (const std::string &name : idx) {
    auto it = letterOf.find(name);
    if (it == letterOf.end()) {
      // 52 letters; an equation with more distinct indices is rejected
      // before code generation.
      char c = alphabet[std::min<size_t>(letterOf.size(), 51)];
      it = letterOf.emplace(name, c).first;
    }
    s.push_back(it->second);
  }
  return s;
}

std::string Generator::specOf(ArrayRef<IValue> operands,
                              const std::vector<std::string> &out) {
  std::map<std::string, char> letterOf;
  std::string spec;
  for (auto [i, v] : llvm::enumerate(operands))
    spec += (i ? "," : "") + letters(v.indices, letterOf);
  return spec + "->" + letters(out, letterOf);
}

RankedTensorType Generator::shapedType(const std::vector<std::string> &indices,
                                       Type elt) {
  SmallVector<int64_t> shape;
  for (const std::string &i : indices)
    shape.push_back(indexSizes.at(i));
  return RankedTensorType::get(shape, elt);
}

static SmallVector<Value> valuesOf(ArrayRef<IValue> operands) {
  return llvm::to_vector(
      llvm::map_range(operands, [](const IValue &v) { return v.value; }));
}

IValue Generator::genEinsum(ArrayRef<IValue> operands,
                            const std::vector<std::string> &out,
                            tl::Semiring semiring, SMLoc at) {
  std::string spec = specOf(operands, out);
  SmallVector<Value> values = valuesOf(operands);
  auto type = shapedType(out, operands[0].elt());
  auto op = tl::EinsumOp::create(builder, loc(at), type,
                                 builder.getStringAttr(spec), values,
                                 tl::SemiringAttr::get(ctx, semiring));
  return {op.getResult(), out};
}

IValue Generator::genMap(tl::MapFn fn, ArrayRef<IValue> operands,
                         Type resultElt, SMLoc at,
                         std::optional<double> scalar) {
  // Integers meet a number they cannot hold: compute in a type that can
  // (i64 for integers, f64 beyond), as numpy promotes.
  Type elt = operands.empty() ? Type() : operands.back().elt();
  if (scalar && elt && isa<IntegerType>(elt) && !isBool(elt) &&
      !fitsInteger(*scalar, elt)) {
    Type wide = fitsInteger(*scalar, builder.getI64Type())
                    ? (Type)builder.getI64Type()
                    : (Type)builder.getF64Type();
    SmallVector<IValue> widened;
    for (const IValue &v : operands)
      widened.push_back(isBool(v.elt()) ? v : castTo(v, wide, at));
    return genMap(fn, widened, resultElt == elt ? wide : resultElt, at,
                  scalar);
  }
  std::vector<std::string> out = lhsOrder(unionOf(operands), eq->lhs);
  std::string spec = specOf(operands, out);
  SmallVector<Value> values = valuesOf(operands);
  auto type = shapedType(out, resultElt);
  auto op = tl::MapOp::create(
      builder, loc(at), type, builder.getStringAttr(spec),
      tl::MapFnAttr::get(ctx, fn), values,
      scalar ? builder.getF64FloatAttr(*scalar) : FloatAttr());
  return {op.getResult(), out};
}

IValue Generator::castTo(IValue v, Type elt, SMLoc at) {
  if (v.elt() == elt)
    return v;
  return genMap(tl::MapFn::cast, v, elt, at);
}

/// `v` as a number of type `elt` (Booleans become 0/1).
IValue Generator::numeric(IValue v, Type elt, SMLoc at) {
  return castTo(v, elt, at);
}

IValue Generator::reorder(IValue v, const std::vector<std::string> &order,
                          SMLoc at) {
  if (v.indices == order)
    return v;
  return genEinsum(v, order, tl::Semiring::plus_times, at);
}

IValue Generator::splat(double value, Type elt, SMLoc at) {
  auto type = RankedTensorType::get({}, elt);
  Attribute attr = isFloat(elt) ? (Attribute)builder.getFloatAttr(elt, value)
                                : builder.getIntegerAttr(
                                      elt, fitsInteger(value, elt)
                                               ? (int64_t)value
                                               : 0);
  auto dense = DenseElementsAttr::get(type, attr);
  auto op = tl::ConstantOp::create(builder, loc(at), dense.getType(), dense);
  return {op.getResult(), {}};
}

Type Generator::commonType(ArrayRef<IValue> values, bool floatOnly) {
  Type best;
  for (const IValue &v : values)
    if (!isBool(v.elt()) && (!best || typeRank(v.elt()) > typeRank(best)))
      best = v.elt();
  if (!best || (floatOnly && !isFloat(best)))
    best = builder.getF32Type();
  return best;
}

IValue Generator::project(IValue v, const std::vector<std::string> &keep,
                          Projection p, SMLoc at) {
  SmallVector<int64_t> axes;
  std::vector<std::string> rest;
  for (auto [d, i] : llvm::enumerate(v.indices)) {
    if (llvm::is_contained(keep, i))
      rest.push_back(i);
    else
      axes.push_back(d);
  }
  if (axes.empty())
    return v;
  tl::ReduceKind kind = p == Projection::Sum   ? tl::ReduceKind::sum
                        : p == Projection::Max ? tl::ReduceKind::max
                        : p == Projection::Min ? tl::ReduceKind::min
                                               : tl::ReduceKind::mean;
  if (kind == tl::ReduceKind::mean && !isFloat(v.elt()))
    v = numeric(v, builder.getF32Type(), at);
  auto type = shapedType(rest, v.elt());
  auto op = tl::ReduceOp::create(builder, loc(at), type,
                                 tl::ReduceKindAttr::get(ctx, kind), v.value,
                                 builder.getDenseI64ArrayAttr(axes));
  return {op.getResult(), rest};
}

Operand Generator::genJoin(const Expr &e) {
  std::vector<IValue> factors;
  double scale = 1;
  for (const ExprPtr &a : e.args) {
    Operand o = gen(*a);
    if (eqFailed)
      return {};
    if (o.isNumber())
      scale *= o.number;
    else
      factors.push_back(*o.tensor);
  }
  if (factors.empty())
    return Operand{std::nullopt, scale};
  std::vector<std::string> out;
  const std::set<std::string> &contracted = contractAt[&e];
  for (const std::string &i : lhsOrder(unionOf(factors), eq->lhs))
    if (!contracted.count(i))
      out.push_back(i);
  bool allBool = llvm::all_of(factors, [](const IValue &v) {
    return isBool(v.elt());
  });
  IValue result;
  if (allBool && eq->lhs.relation) {
    result = genEinsum(factors, out, tl::Semiring::or_and, e.loc);
  } else {
    Type t = commonType(factors, /*floatOnly=*/false);
    for (IValue &f : factors)
      f = numeric(f, t, e.loc);
    if (factors.size() == 1 && out == factors[0].indices)
      result = factors[0];
    else
      result = genEinsum(factors, out, tl::Semiring::plus_times, e.loc);
  }
  if (scale != 1) {
    if (isBool(result.elt()))
      result = numeric(result, builder.getF32Type(), e.loc);
    if (!isFloat(result.elt()) && !fitsInteger(scale, builder.getI64Type()))
      result = numeric(result, builder.getF32Type(), e.loc);
    result = genMap(tl::MapFn::mul, result, result.elt(), e.loc, scale);
  }
  return Operand{result, 0};
}

Operand Generator::gen(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::Number:
    return Operand{std::nullopt, e.number};
  case Expr::Kind::Ref: {
    Value v = values.lookup(e.ref.name);
    std::vector<std::string> idx;
    for (const IndexRef &i : e.ref.indices)
      idx.push_back(i.name);
    IValue iv{v, idx};
    // A repeated index reads a diagonal.
    std::vector<std::string> unique;
    for (const std::string &i : idx)
      if (!llvm::is_contained(unique, i))
        unique.push_back(i);
    if (unique.size() != idx.size())
      iv = genEinsum(iv, unique, isBool(iv.elt()) ? tl::Semiring::or_and
                                                  : tl::Semiring::plus_times,
                     e.loc);
    return Operand{iv, 0};
  }
  case Expr::Kind::Negate: {
    Operand o = gen(*e.args[0]);
    if (eqFailed || o.isNumber())
      return Operand{std::nullopt, -o.number};
    IValue v = *o.tensor;
    if (isBool(v.elt()))
      v = numeric(v, builder.getF32Type(), e.loc);
    return Operand{genMap(tl::MapFn::neg, v, v.elt(), e.loc), 0};
  }
  case Expr::Kind::Join:
    return genJoin(e);
  case Expr::Kind::Binary: {
    Operand l = gen(*e.args[0]);
    Operand r = gen(*e.args[1]);
    if (eqFailed)
      return {};
    if (l.isNumber() && r.isNumber()) {
      double v = e.op == '+'   ? l.number + r.number
                 : e.op == '-' ? l.number - r.number
                               : l.number / r.number;
      return Operand{std::nullopt, v};
    }
    // Booleans combined with '+' stay Boolean (OR) in a relation's equation.
    if (e.op == '+' && !l.isNumber() && !r.isNumber() && isBool(l.tensor->elt()) &&
        isBool(r.tensor->elt()) && eq->lhs.relation)
      return Operand{genMap(tl::MapFn::or_, {*l.tensor, *r.tensor},
                            builder.getI1Type(), e.loc),
                     0};
    SmallVector<IValue> tensorsHere;
    if (!l.isNumber())
      tensorsHere.push_back(*l.tensor);
    if (!r.isNumber())
      tensorsHere.push_back(*r.tensor);
    Type t = commonType(tensorsHere, /*floatOnly=*/e.op == '/');
    double number = l.isNumber() ? l.number : r.number;
    if ((l.isNumber() || r.isNumber()) && !isFloat(t) &&
        !fitsInteger(number, builder.getI64Type()))
      t = builder.getF32Type();
    for (IValue &v : tensorsHere)
      v = numeric(v, t, e.loc);
    if (l.isNumber() || r.isNumber()) {
      IValue v = tensorsHere[0];
      if (e.op == '+')
        return Operand{genMap(tl::MapFn::add, v, t, e.loc, number), 0};
      if (r.isNumber())
        return Operand{genMap(e.op == '-' ? tl::MapFn::sub : tl::MapFn::div,
                              v, t, e.loc, number),
                       0};
      if (e.op == '-') {
        IValue n = genMap(tl::MapFn::neg, v, t, e.loc);
        return Operand{genMap(tl::MapFn::add, n, t, e.loc, number), 0};
      }
      IValue c = numeric(splat(number, t, e.loc), t, e.loc);
      return Operand{genMap(tl::MapFn::div, {c, v}, t, e.loc), 0};
    }
    tl::MapFn fn = e.op == '+'   ? tl::MapFn::add
                   : e.op == '-' ? tl::MapFn::sub
                                 : tl::MapFn::div;
    return Operand{genMap(fn, tensorsHere, t, e.loc), 0};
  }
  case Expr::Kind::Call:
    break;
  }

  // Function calls.
  const std::string &f = e.callee;
  unsigned wantArgs = f == "sig" ? 2 : 1;
  if (e.args.size() != wantArgs) {
    error(e.loc) << "'" << f << "' takes " << wantArgs << " argument(s), got "
                 << e.args.size();
    return {};
  }
  Operand a = gen(*e.args[0]);
  if (eqFailed)
    return {};
  if (a.isNumber()) {
    error(e.loc) << "'" << f << "' of a plain number; apply it to a tensor";
    return {};
  }
  IValue v = *a.tensor;
  // Indices local to the argument are summed before the function applies.
  if (auto it = projectAt.find(&e); it != projectAt.end()) {
    std::vector<std::string> keep;
    for (const std::string &i : v.indices)
      if (!it->second.count(i))
        keep.push_back(i);
    v = project(v, keep, eq->projection, e.loc);
  }
  if (isBool(v.elt()) && f != "step") {
    error(e.loc) << "'" << f << "' needs a numeric argument, got a Boolean "
                 << "relation";
    return {};
  }
  bool needsFloat = f != "relu" && f != "abs" && f != "step";
  if (needsFloat && !isFloat(v.elt()))
    v = numeric(v, builder.getF32Type(), e.loc);
  if (f == "step") {
    if (isBool(v.elt()))
      return Operand{v, 0};
    return Operand{genMap(tl::MapFn::step, v, v.elt(), e.loc), 0};
  }
  if (f == "sig") {
    const Expr &temp = *e.args[1];
    if (temp.kind != Expr::Kind::Number &&
        !(temp.kind == Expr::Kind::Negate &&
          temp.args[0]->kind == Expr::Kind::Number)) {
      error(temp.loc) << "the temperature of sig(x, T) must be a number";
      return {};
    }
    double t = temp.kind == Expr::Kind::Number ? temp.number
                                               : -temp.args[0]->number;
    if (t < 0) {
      error(temp.loc) << "the temperature of sig(x, T) must be >= 0";
      return {};
    }
    if (t == 0)
      return Operand{genMap(tl::MapFn::step, v, v.elt(), e.loc), 0};
    if (t != 1)
      v = genMap(tl::MapFn::div, v, v.elt(), e.loc, t);
    return Operand{genMap(tl::MapFn::sigmoid, v, v.elt(), e.loc), 0};
  }
  if (f == "softmax") {
    auto axis = llvm::find_if(eq->lhs.indices,
                              [](const IndexRef &i) { return i.normalized; });
    if (axis == eq->lhs.indices.end()) {
      error(e.loc) << "softmax needs a normalised axis: mark an index on the "
                   << "left with '.', e.g. " << eq->lhs.name << "[b, o.]";
      return {};
    }
    auto pos = llvm::find(v.indices, axis->name);
    if (pos == v.indices.end()) {
      error(e.loc) << "the normalised axis '" << axis->name
                   << "' does not appear in softmax's argument";
      return {};
    }
    auto op = tl::SoftmaxOp::create(builder, loc(e.loc), v.value.getType(),
                                    v.value, pos - v.indices.begin());
    return Operand{IValue{op.getResult(), v.indices}, 0};
  }
  tl::MapFn fn = llvm::StringSwitch<tl::MapFn>(f)
                     .Case("relu", tl::MapFn::relu)
                     .Case("sigmoid", tl::MapFn::sigmoid)
                     .Case("tanh", tl::MapFn::tanh)
                     .Case("exp", tl::MapFn::exp)
                     .Case("log", tl::MapFn::log)
                     .Case("sqrt", tl::MapFn::sqrt)
                     .Default(tl::MapFn::abs);
  return Operand{genMap(fn, v, v.elt(), e.loc), 0};
}

/// Decides where each index that is not on the left is projected out.
/// Function arguments are scopes: an index is handled in the smallest scope
/// holding all its occurrences. If every occurrence there lies inside a
/// join, each such join sums its own occurrences (at the innermost join
/// holding them), so `relu(A[x,f] W[f,g] + H[x,f] V[f,g])` sums f in both
/// products and `A[x,f] W[f,g] + B[x,g]` does not scale B by |f|. Otherwise
/// the index is summed over the whole scope: at the function's argument, or
/// at the top with the equation's projection. With `topContract` false the
/// top scope's joins sum nothing (max=, min=, avg= project at the top).
void Generator::analyze(const Equation &e, bool topContract) {
  contractAt.clear();
  projectAt.clear();
  std::map<const Expr *, const Expr *> parent;
  std::map<std::string, std::vector<const Expr *>> occurrences;
  std::function<void(const Expr &, const Expr *)> walk = [&](const Expr &x,
                                                             const Expr *p) {
    parent[&x] = p;
    if (x.kind == Expr::Kind::Ref) {
      std::set<std::string> once;
      for (const IndexRef &i : x.ref.indices)
        if (once.insert(i.name).second)
          occurrences[i.name].push_back(&x);
    }
    for (const ExprPtr &a : x.args)
      walk(*a, &x);
  };
  walk(*e.rhs, nullptr);
  auto scopeOf = [&](const Expr *x) -> const Expr * {
    for (const Expr *p = parent[x]; p; p = parent[p])
      if (p->kind == Expr::Kind::Call)
        return p;
    return nullptr;
  };
  auto within = [&](const Expr *x, const Expr *ancestor) {
    for (; x; x = parent[x])
      if (x == ancestor)
        return true;
    return false;
  };
  for (auto &[name, occ] : occurrences) {
    if (llvm::any_of(e.lhs.indices,
                     [&](const IndexRef &l) { return l.name == name; }))
      continue;
    // The smallest scope holding every occurrence.
    std::vector<const Expr *> common;
    for (auto [k, o] : llvm::enumerate(occ)) {
      std::vector<const Expr *> chain{nullptr};
      std::vector<const Expr *> inner;
      for (const Expr *s = scopeOf(o); s; s = scopeOf(s))
        inner.push_back(s);
      chain.insert(chain.end(), inner.rbegin(), inner.rend());
      if (k == 0) {
        common = chain;
        continue;
      }
      size_t n = 0;
      while (n < common.size() && n < chain.size() && common[n] == chain[n])
        ++n;
      common.resize(n);
    }
    const Expr *scope = common.back();
    // The outermost join of that scope around each occurrence.
    std::map<const Expr *, std::vector<const Expr *>> byJoin;
    bool allInJoins = true;
    for (const Expr *o : occ) {
      const Expr *top = nullptr;
      for (const Expr *x = o; x && x != scope; x = parent[x])
        if (x->kind == Expr::Kind::Join && scopeOf(x) == scope)
          top = x;
      if (!top)
        allInJoins = false;
      else
        byJoin[top].push_back(o);
    }
    if (!scope && !topContract)
      continue;
    if (!allInJoins) {
      if (scope)
        projectAt[scope].insert(name);
      continue;
    }
    for (auto &[join, os] : byJoin) {
      const Expr *site = join;
      while (true) {
        const Expr *next = nullptr;
        for (const ExprPtr &a : site->args)
          if (a->kind == Expr::Kind::Join &&
              llvm::all_of(os, [&](const Expr *o) { return within(o, a.get()); }))
            next = a.get();
        if (!next)
          break;
        site = next;
      }
      contractAt[site].insert(name);
    }
  }
}

/// Flattens a chain of '+' into its terms.
static void flattenSum(const Expr &e, std::vector<const Expr *> &terms) {
  if (e.kind == Expr::Kind::Binary && e.op == '+') {
    flattenSum(*e.args[0], terms);
    flattenSum(*e.args[1], terms);
    return;
  }
  terms.push_back(&e);
}

Value Generator::genEquation(const Equation &e, Type resultType,
                             ArrayRef<int64_t> resultShape) {
  eq = &e;
  eqFailed = false;
  checkEquation(e, /*report=*/true);
  indexUses.clear();
  countIndices(*e.rhs, indexUses);
  std::vector<std::string> lhs;
  for (const IndexRef &i : e.lhs.indices) {
    lhs.push_back(i.name);
    if (!indexUses.count(i.name))
      error(i.loc) << "index '" << i.name
                   << "' on the left does not appear on the right";
  }
  if (indexSizes.size() > 52)
    error(e.loc) << "the equation uses " << indexSizes.size()
                 << " distinct indices; at most 52 are supported";
  for (auto &[name, count] : indexUses)
    if (!indexSizes.count(name))
      error(e.loc) << "cannot tell the size of index '" << name << "'";
  if (eqFailed)
    return {};

  std::optional<IValue> v;
  SMLoc at = e.rhs->loc;
  // Tropical joins and max_times: project at the join.
  if (e.projection == Projection::Max || e.projection == Projection::Min) {
    std::vector<const Expr *> terms;
    flattenSum(*e.rhs, terms);
    bool tropical = terms.size() > 1 && llvm::none_of(terms, [](auto *t) {
      return t->kind == Expr::Kind::Number;
    });
    bool maxTimes = e.projection == Projection::Max &&
                    e.rhs->kind == Expr::Kind::Join &&
                    llvm::none_of(e.rhs->args, [](const ExprPtr &t) {
                      return t->kind == Expr::Kind::Number;
                    });
    if (tropical || maxTimes) {
      analyze(e, /*topContract=*/false);
      std::vector<IValue> factors;
      for (const Expr *t : tropical ? terms : std::vector<const Expr *>{}) {
        Operand o = gen(*t);
        if (eqFailed)
          return {};
        factors.push_back(*o.tensor);
      }
      if (maxTimes)
        for (const ExprPtr &t : e.rhs->args) {
          Operand o = gen(*t);
          if (eqFailed)
            return {};
          factors.push_back(*o.tensor);
        }
      Type t = commonType(factors, /*floatOnly=*/false);
      for (IValue &f : factors)
        f = numeric(f, t, at);
      tl::Semiring sr = maxTimes ? tl::Semiring::max_times
                        : e.projection == Projection::Max
                            ? tl::Semiring::max_plus
                            : tl::Semiring::min_plus;
      v = genEinsum(factors, lhs, sr, at);
    }
  }
  if (!v && e.projection == Projection::Avg &&
      e.rhs->kind == Expr::Kind::Join) {
    // mean = the sum (contracted at the join as for '=') / the number of
    // summed elements.
    analyze(e, /*topContract=*/true);
    Operand o = gen(*e.rhs);
    if (eqFailed)
      return {};
    double count = 1;
    for (auto &[i, uses] : indexUses)
      if (!llvm::is_contained(lhs, i))
        count *= indexSizes.at(i);
    IValue sum = project(*o.tensor, lhs, Projection::Sum, at);
    if (!isFloat(sum.elt()))
      sum = numeric(sum, builder.getF32Type(), at);
    v = genMap(tl::MapFn::div, sum, sum.elt(), at, count);
  }
  if (!v) {
    analyze(e, /*topContract=*/e.projection == Projection::Sum);
    Operand o = gen(*e.rhs);
    if (eqFailed)
      return {};
    if (o.isNumber()) {
      error(at) << "the right side is a plain number; a tensor equation "
                   "needs at least one tensor";
      return {};
    }
    IValue all = *o.tensor;
    // Projecting Booleans into a number counts them (a Boolean sum is OR).
    if (!isBool(resultType) && isBool(all.elt()))
      all = numeric(all, resultType, at);
    v = project(all, lhs, e.projection, at);
  }
  IValue result = reorder(*v, lhs, at);
  if (isBool(resultType) && !isBool(result.elt()))
    result = genMap(tl::MapFn::step, result, resultType, at);
  else
    result = castTo(result, resultType, at);
  (void)resultShape;
  return result.value;
}

} // namespace

namespace {

/// Identity of a tensor's combining operator: where a recursive tensor
/// starts (0 for sums and OR, +inf for min=, -inf for max=).
static double identityOf(const TensorInfo &info) {
  if (info.relation)
    return 0;
  switch (info.projection) {
  case Projection::Max:
    return -std::numeric_limits<double>::infinity();
  case Projection::Min:
    return std::numeric_limits<double>::infinity();
  default:
    return 0;
  }
}

OwningOpRef<ModuleOp> Generator::run() {
  declare();
  collectEquations();
  for (const Equation &e : program.equations) {
    forEachRef(*e.rhs, [&](const TensorRef &r) { checkRef(r); });
  }
  inferShapesAndTypes();
  for (auto &[name, info] : tensors) {
    if (info.kind != TensorInfo::Kind::Defined || info.hasShape)
      continue;
    broken.insert(name);
    // An unknown tensor on the right has been reported; its consequences
    // need no message of their own.
    std::function<bool(const Expr &)> unknownRef = [&](const Expr &x) {
      if (x.kind == Expr::Kind::Ref && !tensors.count(x.ref.name))
        return true;
      return llvm::any_of(x.args,
                          [&](const ExprPtr &a) { return unknownRef(*a); });
    };
    if (llvm::any_of(info.equations,
                     [&](const Equation *e) { return unknownRef(*e->rhs); }))
      continue;
    // Name the culprit: a left index the right side never uses.
    bool named = false;
    for (const Equation *e : info.equations) {
      std::map<std::string, unsigned> used;
      countIndices(*e->rhs, used);
      for (const IndexRef &i : e->lhs.indices)
        if (!used.count(i.name) && !named) {
          error(i.loc) << "index '" << i.name
                       << "' on the left does not appear on the right";
          named = true;
        }
    }
    if (!named)
      error(info.loc) << "cannot infer the shape of '" << name
                      << "' from its equations";
  }
  std::vector<std::vector<std::string>> sccs;
  checkOrder(sccs);
  if (program.outputs.empty()) {
    auto *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
    error(SMLoc::getFromPointer(buffer->getBufferStart()))
        << "the program has no 'output' declaration: name the tensors it "
           "computes, e.g. 'output Y'";
  }
  std::set<std::string> seenOutputs;
  for (auto &[name, l] : program.outputs) {
    if (!tensors.count(name))
      error(l) << "unknown output '" << name << "'";
    else if (!seenOutputs.insert(name).second)
      error(l) << "'" << name << "' is listed twice as an output";
  }
  // A tensor without a type or shape has been reported above; the rest is
  // still generated so that its errors are reported too.
  for (auto &[name, info] : tensors)
    if (!info.elt || !info.hasShape)
      broken.insert(name);
  bool outputsKnown = llvm::none_of(program.outputs, [&](auto &o) {
    return broken.count(o.first) || !tensors.count(o.first);
  });

  // The function: inputs and params in declaration order, then the outputs.
  auto *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  Location fileLoc =
      FileLineColLoc::get(ctx, buffer->getBufferIdentifier(), 1, 1);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  // A tensor whose declaration has an error (reported) gets a placeholder
  // type; the module is discarded at the end.
  auto typeOf = [&](const TensorInfo &info) {
    return RankedTensorType::get(
        info.hasShape ? ArrayRef<int64_t>(info.shape) : ArrayRef<int64_t>(),
        info.elt ? info.elt : builder.getF32Type());
  };
  SmallVector<Type> argTypes;
  std::vector<const TensorInfo *> args;
  // The declaration that made each name (duplicates were rejected).
  auto declared = [&](const TensorDecl &decl) -> const TensorInfo * {
    auto it = tensors.find(decl.ref.name);
    return it != tensors.end() && it->second.decl == &decl ? &it->second
                                                            : nullptr;
  };
  for (const TensorDecl &decl : program.tensors) {
    const TensorInfo *info = declared(decl);
    if (!info || info->kind == TensorInfo::Kind::Const)
      continue;
    argTypes.push_back(typeOf(*info));
    args.push_back(info);
  }
  bool hasFixpoint = llvm::any_of(sccs, [&](auto &g) {
    if (g.size() > 1)
      return true;
    const TensorInfo &info = tensors.at(g[0]);
    return llvm::any_of(info.equations, [&](const Equation *e) {
      bool self = false;
      forEachRef(*e->rhs,
                 [&](const TensorRef &r) { self |= r.name == info.name; });
      return self;
    });
  });
  SmallVector<Type> resultTypes;
  if (outputsKnown)
    for (auto &[name, l] : program.outputs)
      resultTypes.push_back(typeOf(tensors.at(name)));
  if (hasFixpoint)
    resultTypes.push_back(RankedTensorType::get({}, builder.getI1Type()));
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc, options.funcName,
                                   builder.getFunctionType(argTypes,
                                                           resultTypes));
  for (auto [i, info] : llvm::enumerate(args)) {
    func.setArgAttr(i, "tl.name", builder.getStringAttr(info->name));
    if (info->batched)
      func.setArgAttr(i, tl::kBatchedAttrName, builder.getUnitAttr());
  }
  if (outputsKnown)
    for (auto [i, out] : llvm::enumerate(program.outputs))
      func.setResultAttr(i, "tl.name", builder.getStringAttr(out.first));
  if (hasFixpoint)
    func.setResultAttr(resultTypes.size() - 1, "tl.status",
                       builder.getUnitAttr());
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToStart(body);
  for (auto [i, info] : llvm::enumerate(args))
    values[info->name] = body->getArgument(i);

  // Constants, embedded in the object.
  StringRef dir = llvm::sys::path::parent_path(buffer->getBufferIdentifier());
  for (const TensorDecl &decl : program.tensors) {
    if (decl.kind != TensorDecl::Kind::Const || !declared(decl) ||
        broken.count(decl.ref.name))
      continue;
    const TensorInfo &info = *declared(decl);
    SmallString<256> path(decl.loadPath);
    if (!llvm::sys::path::is_absolute(path) && !dir.empty()) {
      path = dir;
      llvm::sys::path::append(path, decl.loadPath);
    }
    // Only a regular file: a device such as /dev/zero never ends, and
    // reading it would take all memory.
    llvm::sys::fs::file_status status;
    if (!llvm::sys::fs::status(path, status) &&
        !llvm::sys::fs::is_regular_file(status)) {
      error(decl.loadLoc) << path << ": not a regular file";
      continue;
    }
    auto loaded = readNpy(path);
    if (!loaded) {
      error(decl.loadLoc) << llvm::toString(loaded.takeError());
      continue;
    }
    auto type = typeOf(info);
    std::optional<DType> want = tlc::dtypeOf(info.elt);
    if (loaded->dtype != want ||
        loaded->shape != std::vector<int64_t>(info.shape)) {
      error(decl.loadLoc) << path << " holds " << loaded->typeString()
                          << " but '" << info.name << "' is declared "
                          << HostTensor(*want, info.shape).typeString();
      continue;
    }
    DenseElementsAttr attr = toElementsAttr(*loaded, ctx);
    values[info.name] =
        tl::ConstantOp::create(builder, loc(decl.ref.loc), type, attr)
            .getResult();
  }

  int64_t maxIterations = options.maxIterations;
  if (maxIterations <= 0) {
    for (auto &[name, size] : domains)
      maxIterations = std::max(maxIterations, size);
    if (domains.empty())
      for (auto &[name, info] : tensors)
        for (int64_t d : info.shape)
          maxIterations = std::max(maxIterations, d);
    // A path (or cycle) through n nodes has up to n edges, and one more
    // iteration confirms that nothing changes: n + 1 is exact for
    // transitive closure and Bellman-Ford.
    maxIterations = std::max<int64_t>(maxIterations, 1) + 1;
  }

  // Computes one tensor from its equations (reading `values`).
  auto genTensor = [&](const TensorInfo &info) -> Value {
    Value acc;
    bool ok = true;
    for (const Equation *e : info.equations) {
      if (readsBroken(*e->rhs)) {
        ok = false;
        continue;
      }
      Value v = genEquation(*e, info.elt, info.shape);
      ok &= (bool)v;
      if (!ok)
        continue;
      if (!v)
        return {};
      if (!acc) {
        acc = v;
        continue;
      }
      std::vector<std::string> pos;
      for (size_t d = 0; d < info.shape.size(); ++d) {
        pos.push_back("#" + std::to_string(d));
        indexSizes[pos.back()] = info.shape[d];
      }
      tl::MapFn fn = info.relation ? tl::MapFn::or_
                     : info.projection == Projection::Max ? tl::MapFn::max
                     : info.projection == Projection::Min ? tl::MapFn::min
                                                          : tl::MapFn::add;
      acc = genMap(fn, {IValue{acc, pos}, IValue{v, pos}}, info.elt, e->loc)
                .value;
    }
    return ok ? acc : Value();
  };

  SmallVector<Value> converged;
  for (const std::vector<std::string> &group : sccs) {
    bool recursive = group.size() > 1;
    if (!recursive) {
      const TensorInfo &info = tensors.at(group[0]);
      for (const Equation *e : info.equations) {
        std::function<bool(const Expr &)> self = [&](const Expr &x) {
          if (x.kind == Expr::Kind::Ref && x.ref.name == info.name)
            return true;
          return llvm::any_of(x.args, [&](const ExprPtr &a) { return self(*a); });
        };
        recursive |= self(*e->rhs);
      }
    }
    if (llvm::any_of(group, [&](auto &n) { return broken.count(n); })) {
      broken.insert(group.begin(), group.end());
      continue;
    }
    if (!recursive) {
      const TensorInfo &info = tensors.at(group[0]);
      Value v = genTensor(info);
      if (!v)
        broken.insert(info.name);
      values[info.name] = v;
      continue;
    }
    // Forward chaining: state_{t+1} = F(state_t) from the identities.
    const TensorInfo &first = tensors.at(group[0]);
    Location at = loc(first.equations[0]->loc);
    SmallVector<Value> inits;
    SmallVector<Type> stateTypes;
    for (const std::string &name : group) {
      const TensorInfo &info = tensors.at(name);
      auto type = typeOf(info);
      double id = identityOf(info);
      Attribute value;
      if (isFloat(info.elt))
        value = builder.getFloatAttr(info.elt, id);
      else if (std::isinf(id))
        value = builder.getIntegerAttr(
            info.elt, id > 0 ? APInt::getSignedMaxValue(
                                   info.elt.getIntOrFloatBitWidth())
                             : APInt::getSignedMinValue(
                                   info.elt.getIntOrFloatBitWidth()));
      else
        value = builder.getIntegerAttr(info.elt, (int64_t)id);
      inits.push_back(tl::ConstantOp::create(builder, at, type,
                                             DenseElementsAttr::get(type, value))
                          .getResult());
      stateTypes.push_back(type);
    }
    auto fix = tl::FixpointOp::create(
        builder, at, stateTypes, RankedTensorType::get({}, builder.getI1Type()),
        inits, builder.getI64IntegerAttr(maxIterations),
        builder.getF64FloatAttr(options.fixpointTolerance));
    Block *block = new Block();
    fix.getBody().push_back(block);
    for (Type t : stateTypes)
      block->addArgument(t, at);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(block);
    for (auto [i, name] : llvm::enumerate(group))
      values[name] = block->getArgument(i);
    SmallVector<Value> next;
    for (const std::string &name : group) {
      Value v = genTensor(tensors.at(name));
      if (!v) {
        broken.insert(group.begin(), group.end());
        break;
      }
      next.push_back(v);
    }
    if (next.size() != group.size()) {
      builder.setInsertionPointAfter(fix);
      fix->dropAllUses();
      fix.erase();
      for (const std::string &name : group)
        values[name] = Value();
      continue;
    }
    tl::YieldOp::create(builder, at, next);
    builder.setInsertionPointAfter(fix);
    for (auto [i, name] : llvm::enumerate(group))
      values[name] = fix.getResults()[i];
    converged.push_back(fix.getConverged());
  }

  if (hadError)
    return nullptr;
  SmallVector<Value> results;
  for (auto &[name, l] : program.outputs)
    results.push_back(values.lookup(name));
  if (hasFixpoint) {
    Value ok = converged[0];
    for (Value c : llvm::drop_begin(converged))
      ok = genMap(tl::MapFn::and_, {IValue{ok, {}}, IValue{c, {}}},
                  builder.getI1Type(), program.outputs[0].second)
               .value;
    results.push_back(ok);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  if (hadError)
    return nullptr;
  if (failed(mlir::verify(*module))) {
    emitError(fileLoc) << "internal error: the generated tl module does not "
                          "verify";
    return nullptr;
  }
  return module;
}

} // namespace

OwningOpRef<ModuleOp>
tlc::tlang::compileTensorLogic(llvm::SourceMgr &sourceMgr, MLIRContext *ctx,
                               const FrontendOptions &options) {
  std::optional<Program> program = parseProgram(sourceMgr, ctx);
  if (!program)
    return nullptr;
  ctx->getOrLoadDialect<tl::TLDialect>();
  ctx->getOrLoadDialect<func::FuncDialect>();
  return Generator(sourceMgr, ctx, *program, options).run();
}
