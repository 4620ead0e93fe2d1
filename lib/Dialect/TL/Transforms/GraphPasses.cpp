//===- GraphPasses.cpp - output pruning and graph statistics --------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"

#include <map>

namespace tlc::tl {
#define GEN_PASS_DEF_TLPRUNEOUTPUTS
#define GEN_PASS_DEF_TLGRAPHSTATS
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

struct TLPruneOutputsPass : tl::impl::TLPruneOutputsBase<TLPruneOutputsPass> {
  using Base::Base;

  void runOnOperation() override {
    llvm::StringSet<> wanted;
    for (const std::string &n : names)
      wanted.insert(n);
    llvm::StringSet<> found;
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      llvm::BitVector drop(func.getNumResults());
      // Names as the C header has them: unnamed outputs are outN, N
      // counting outputs (the status result is not one).
      unsigned output = 0;
      for (unsigned i = 0, e = func.getNumResults(); i < e; ++i) {
        if (func.getResultAttr(i, kStatusAttrName))
          continue;
        auto attr = func.getResultAttrOfType<StringAttr>(i, "tl.name");
        std::string name = attr ? attr.str() : "out" + std::to_string(output);
        ++output;
        if (wanted.contains(name)) {
          drop.set(i);
          found.insert(name);
        }
      }
      if (drop.none())
        continue;
      func.walk([&](func::ReturnOp ret) { ret->eraseOperands(drop); });
      if (failed(func.eraseResults(drop)))
        return signalPassFailure();
    }
    for (const std::string &n : names)
      if (!found.contains(n)) {
        getOperation().emitError("tl-prune-outputs: no result named '")
            << n << "'";
        return signalPassFailure();
      }
  }
};

int64_t elements(Type t) {
  return cast<RankedTensorType>(t).getNumElements();
}

int64_t bytesOf(Type t) {
  auto type = cast<RankedTensorType>(t);
  Type elt = type.getElementType();
  int64_t width = elt.isInteger(1) ? 1 : elt.getIntOrFloatBitWidth() / 8;
  return type.getNumElements() * width;
}

struct Stats {
  std::map<std::string, unsigned> ops;
  double flops = 0, bytes = 0;
};

Stats collect(func::FuncOp func) {
  Stats s;
  func.walk([&](Operation *op) {
    if (!isa<TLDialect>(op->getDialect()) || isa<YieldOp>(op))
      return;
    ++s.ops[op->getName().getStringRef().str()];
    // A fused group's ops are counted with the group.
    if (op->getParentOfType<FusedOp>())
      return;
    OpCost cost = costOf(op);
    s.flops += cost.flops;
    s.bytes += cost.bytes;
  });
  return s;
}

} // namespace

OpCost tl::costOf(Operation *op) {
  OpCost c;
  // A fused group moves its operands and results; what its ops pass to
  // each other stays in registers.
  if (!op->getParentOfType<FusedOp>()) {
    for (Value v : op->getOperands())
      c.bytes += bytesOf(v.getType());
    for (Value v : op->getResults())
      c.bytes += bytesOf(v.getType());
  }
  if (auto fused = dyn_cast<FusedOp>(op)) {
    fused.getBody().walk([&](Operation *inner) {
      if (!isa<YieldOp>(inner) && isa<TLDialect>(inner->getDialect()))
        c.flops += costOf(inner).flops;
    });
  } else if (auto einsum = dyn_cast<EinsumOp>(op)) {
    std::string error;
    if (auto p = bindEinsum(einsum, error)) {
      double points = 1;
      for (int64_t size : p->loopSizes)
        points *= size;
      unsigned n = einsum.getInputs().size();
      bool reduces = p->loopSizes.size() > p->numOutputLoops;
      c.flops += points * std::max<double>(1, n - 1 + (reduces ? 1 : 0));
    }
  } else if (isa<MapOp>(op)) {
    c.flops += elements(op->getResult(0).getType());
  } else if (auto r = dyn_cast<ReduceOp>(op)) {
    c.flops += elements(r.getInput().getType());
  } else if (isa<SoftmaxOp>(op)) {
    c.flops += 5.0 * elements(op->getResult(0).getType());
  }
  return c;
}

namespace {

struct TLGraphStatsPass : tl::impl::TLGraphStatsBase<TLGraphStatsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    llvm::raw_ostream &os = llvm::errs();
    os << "=== tl graph statistics" << (title.empty() ? "" : ": ") << title
       << " ===\n";
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      Stats s = collect(func);
      unsigned total = 0;
      for (auto &[name, count] : s.ops)
        total += count;
      os << "@" << func.getSymName() << ": " << total << " ops (";
      bool first = true;
      for (auto &[name, count] : s.ops) {
        os << (first ? "" : ", ") << count << " " << name;
        first = false;
      }
      os << llvm::format("), %.4g flops, %.4g bytes moved\n", s.flops,
                         s.bytes);
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
