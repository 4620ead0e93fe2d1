//===- ContractionOrder.cpp - cheapest binary trees for N-ary einsums -----===//
//
// Upstream MLIR has no contraction-order search (linalg sees one contraction
// at a time), so this implements the two searches opt_einsum is known for:
// exact dynamic programming over operand subsets, and greedy pairing.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>

namespace tlc::tl {
#define GEN_PASS_DEF_TLCONTRACTIONORDER
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

using Mask = uint64_t;

/// The contraction problem of one einsum: each operand's set of loops.
struct Network {
  std::vector<Mask> operands;
  Mask output = 0;
  std::vector<double> sizes;

  double size(Mask m) const {
    double s = 1;
    for (unsigned l = 0; m; ++l, m >>= 1)
      if (m & 1)
        s *= sizes[l];
    return s;
  }
  /// Loops of the operands in `set` (a mask over operands).
  Mask loopsOf(uint32_t set) const {
    Mask m = 0;
    for (unsigned i = 0; i < operands.size(); ++i)
      if (set & (1u << i))
        m |= operands[i];
    return m;
  }
  /// Loops the intermediate of `set` must keep: those also used outside it
  /// or in the output. A single operand keeps all its loops.
  Mask keep(uint32_t set) const {
    if (llvm::popcount(set) == 1)
      return loopsOf(set);
    uint32_t all = (1u << operands.size()) - 1;
    return loopsOf(set) & (output | loopsOf(all & ~set));
  }
  /// opt_einsum's flop count of contracting two tensors into `result`.
  double pairCost(Mask a, Mask b, Mask result) const {
    Mask involved = a | b;
    return size(involved) * ((involved & ~result) ? 2 : 1);
  }
};

/// A contraction tree: leaves are operand numbers.
struct Tree {
  int operand = -1;
  std::unique_ptr<Tree> left, right;
  uint32_t set = 0;
};

struct Plan {
  std::unique_ptr<Tree> tree;
  double cost = 0;
  double largest = 0;
};

/// Exact search over all subsets (3^N splits).
std::optional<Plan> searchExhaustive(const Network &net, double memoryLimit) {
  unsigned n = net.operands.size();
  uint32_t full = (1u << n) - 1;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(full + 1, inf), largest(full + 1, 0);
  std::vector<uint32_t> split(full + 1, 0);
  std::vector<Mask> keep(full + 1);
  for (uint32_t s = 1; s <= full; ++s)
    keep[s] = net.keep(s);
  for (unsigned i = 0; i < n; ++i)
    best[1u << i] = 0;
  // Subsets in increasing order visit every proper subset first.
  for (uint32_t s = 1; s <= full; ++s) {
    if (llvm::popcount(s) < 2)
      continue;
    double resultSize = net.size(keep[s]);
    if (memoryLimit > 0 && s != full && resultSize > memoryLimit)
      continue;
    for (uint32_t a = (s - 1) & s; a; a = (a - 1) & s) {
      uint32_t b = s ^ a;
      if (a > b || best[a] == inf || best[b] == inf)
        continue;
      double c = best[a] + best[b] + net.pairCost(keep[a], keep[b], keep[s]);
      if (c < best[s]) {
        best[s] = c;
        split[s] = a;
        largest[s] = std::max({largest[a], largest[b],
                               s == full ? 0.0 : resultSize});
      }
    }
  }
  if (best[full] == inf)
    return std::nullopt;
  std::function<std::unique_ptr<Tree>(uint32_t)> build = [&](uint32_t s) {
    auto t = std::make_unique<Tree>();
    t->set = s;
    if (llvm::popcount(s) == 1) {
      t->operand = llvm::countr_zero(s);
      return t;
    }
    t->left = build(split[s]);
    t->right = build(s ^ split[s]);
    return t;
  };
  return Plan{build(full), best[full], largest[full]};
}

/// Greedy: contract the cheapest pair until one tensor is left.
std::optional<Plan> searchGreedy(const Network &net, double memoryLimit) {
  std::vector<std::unique_ptr<Tree>> live;
  for (unsigned i = 0; i < net.operands.size(); ++i) {
    auto t = std::make_unique<Tree>();
    t->operand = i;
    t->set = 1u << i;
    live.push_back(std::move(t));
  }
  uint32_t full = (1u << net.operands.size()) - 1;
  Plan plan;
  while (live.size() > 1) {
    double bestCost = std::numeric_limits<double>::infinity();
    size_t bi = 0, bj = 0;
    for (size_t i = 0; i < live.size(); ++i)
      for (size_t j = i + 1; j < live.size(); ++j) {
        uint32_t s = live[i]->set | live[j]->set;
        Mask result = net.keep(s);
        if (memoryLimit > 0 && s != full && net.size(result) > memoryLimit)
          continue;
        double c = net.pairCost(net.keep(live[i]->set),
                                net.keep(live[j]->set), result);
        if (c < bestCost) {
          bestCost = c;
          bi = i;
          bj = j;
        }
      }
    if (bestCost == std::numeric_limits<double>::infinity())
      return std::nullopt;
    auto t = std::make_unique<Tree>();
    t->set = live[bi]->set | live[bj]->set;
    if (t->set != full)
      plan.largest = std::max(plan.largest, net.size(net.keep(t->set)));
    t->left = std::move(live[bi]);
    t->right = std::move(live[bj]);
    plan.cost += bestCost;
    live.erase(live.begin() + bj);
    live[bi] = std::move(t);
  }
  plan.tree = std::move(live[0]);
  return plan;
}

std::string pathString(const Tree &t) {
  if (t.operand >= 0)
    return std::to_string(t.operand);
  return "(" + pathString(*t.left) + "," + pathString(*t.right) + ")";
}

/// Costs are doubles (they can pass 2^64); print them as integers.
std::string count(double v) {
  char buf[64];
  snprintf(buf, sizeof(buf), "%.0f", v);
  return buf;
}

char letter(unsigned loop) {
  return loop < 26 ? 'a' + loop : 'A' + (loop - 26);
}

std::string lettersOf(Mask m) {
  std::string s;
  for (unsigned l = 0; m; ++l, m >>= 1)
    if (m & 1)
      s.push_back(letter(l));
  return s;
}

struct TLContractionOrderPass
    : tl::impl::TLContractionOrderBase<TLContractionOrderPass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    SmallVector<EinsumOp> einsums;
    getOperation()->walk([&](EinsumOp op) {
      if (op.getInputs().size() >= 3)
        einsums.push_back(op);
    });
    for (EinsumOp op : einsums)
      rewrite(op);
  }

  void rewrite(EinsumOp op) {
    // max distributes over products only of non-negative numbers, so a
    // max_times einsum keeps its single loop nest.
    if (op.getSemiring() == Semiring::max_times)
      return;
    std::string error;
    std::optional<EinsumProblem> problem = bindEinsum(op, error);
    unsigned numLoops = problem ? problem->loopSizes.size() : 0;
    if (!problem || numLoops > 52 || op.getInputs().size() > 31)
      return;
    Network net;
    for (int64_t s : problem->loopSizes)
      net.sizes.push_back(s);
    for (unsigned l = 0; l < problem->numOutputLoops; ++l)
      net.output |= Mask(1) << l;
    for (const std::vector<int> &loops : problem->inputLoops) {
      Mask m = 0;
      for (int l : loops) {
        // Diagonals and size-1 broadcasts stay in the N-ary einsum.
        if (l < 0 || (m & (Mask(1) << l)))
          return;
        m |= Mask(1) << l;
      }
      net.operands.push_back(m);
    }
    double limit = memoryLimit;
    std::optional<Plan> plan = net.operands.size() <= exhaustiveLimit
                                   ? searchExhaustive(net, limit)
                                   : searchGreedy(net, limit);
    if (!plan)
      return;
    if (printPaths) {
      unsigned n = net.operands.size();
      Mask all = net.loopsOf((1u << n) - 1);
      double naive =
          net.size(all) * std::max<unsigned>(1, n - 1) + ((all & ~net.output) ? net.size(all) : 0);
      op.emitRemark() << "contraction path " << pathString(*plan->tree)
                      << " (" << (n <= exhaustiveLimit ? "optimal" : "greedy")
                      << "): cost " << count(plan->cost)
                      << ", as one einsum " << count(naive)
                      << ", largest intermediate "
                      << count(plan->largest) << " elements";
    }
    OpBuilder b(op);
    Type elt = cast<RankedTensorType>(op.getType()).getElementType();
    // Each value with the letters of its dimensions: operands in their own
    // order, intermediates in loop order (output loops first, in order).
    std::function<std::pair<Value, std::string>(const Tree &, bool)> emit =
        [&](const Tree &t, bool root) -> std::pair<Value, std::string> {
      if (t.operand >= 0) {
        std::string letters;
        for (int l : problem->inputLoops[t.operand])
          letters.push_back(letter(l));
        return {op.getInputs()[t.operand], letters};
      }
      auto [lv, ls] = emit(*t.left, false);
      auto [rv, rs] = emit(*t.right, false);
      Mask result = root ? net.output : net.keep(t.set);
      std::string spec = ls + "," + rs + "->" + lettersOf(result);
      SmallVector<int64_t> shape;
      for (unsigned l = 0; l < numLoops; ++l)
        if (result & (Mask(1) << l))
          shape.push_back(problem->loopSizes[l]);
      auto type = RankedTensorType::get(shape, elt);
      auto einsum = EinsumOp::create(b, op.getLoc(), type,
                                     b.getStringAttr(spec), ValueRange{lv, rv},
                                     op.getSemiringAttr());
      return {einsum.getResult(), lettersOf(result)};
    };
    Value result = emit(*plan->tree, /*root=*/true).first;
    op.replaceAllUsesWith(result);
    op.erase();
  }
};

} // namespace
