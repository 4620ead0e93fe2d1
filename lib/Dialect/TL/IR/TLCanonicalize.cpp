//===- TLCanonicalize.cpp - folds and canonical forms of tl ops -----------===//
//
// The canonical einsum (operands of these commutative semirings sorted,
// letters renamed by first appearance, output explicit) lets upstream CSE
// merge einsums that differ only in naming and operand order. Merges never
// raise the cost of the einsum nest, counted as opt_einsum counts it.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

#include <map>
#include <numeric>

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

/// The bound problem of an einsum without ellipsis or size-1 broadcasting
/// (the forms the rewrites below handle), or std::nullopt.
std::optional<EinsumProblem> simpleProblem(EinsumOp op) {
  // Costs need sizes: a `?` (batch) dimension waits for tl-specialize-batch.
  if (op.getSpec().contains('.') || !hasStaticShapes(op))
    return std::nullopt;
  std::string error;
  std::optional<EinsumProblem> p = bindEinsum(op, error);
  if (!p || p->loopSizes.size() > 52)
    return std::nullopt;
  for (const std::vector<int> &loops : p->inputLoops)
    if (llvm::is_contained(loops, -1))
      return std::nullopt;
  return p;
}

/// A spec from loop numbers; letters are given by first appearance.
std::string specOf(ArrayRef<std::vector<int>> inputs, ArrayRef<int> output) {
  static const char *alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::map<int, char> letter;
  auto name = [&](int loop) {
    auto it = letter.find(loop);
    if (it == letter.end())
      it = letter.emplace(loop, alphabet[letter.size()]).first;
    return it->second;
  };
  std::string spec;
  for (auto [i, loops] : llvm::enumerate(inputs)) {
    if (i)
      spec += ",";
    for (int l : loops)
      spec.push_back(name(l));
  }
  spec += "->";
  for (int l : output)
    spec.push_back(name(l));
  return spec;
}

std::vector<int> outputLoops(const EinsumProblem &p) {
  std::vector<int> out(p.numOutputLoops);
  std::iota(out.begin(), out.end(), 0);
  return out;
}

/// opt_einsum's cost of evaluating an einsum as one loop nest.
double nestCost(const EinsumProblem &p) {
  double size = 1;
  for (int64_t s : p.loopSizes)
    size *= s;
  unsigned n = p.inputLoops.size();
  bool reduces = p.loopSizes.size() > p.numOutputLoops;
  return size * std::max<double>(1, n - 1 + (reduces ? 1 : 0));
}

bool isPermutation(const EinsumProblem &p) {
  if (p.inputLoops.size() != 1 ||
      p.loopSizes.size() != p.numOutputLoops ||
      p.inputLoops[0].size() != p.numOutputLoops)
    return false;
  std::vector<int> sorted = p.inputLoops[0];
  llvm::sort(sorted);
  return sorted == outputLoops(p);
}

/// A deterministic order of values in one block: arguments first, then
/// results by their op's position.
std::optional<bool> before(Value a, Value b) {
  if (a == b)
    return false;
  Block *ba = a.getParentBlock(), *bb = b.getParentBlock();
  if (ba != bb)
    return std::nullopt;
  auto argA = dyn_cast<BlockArgument>(a), argB = dyn_cast<BlockArgument>(b);
  if (argA && argB)
    return argA.getArgNumber() < argB.getArgNumber();
  if (argA || argB)
    return (bool)argA;
  Operation *oa = a.getDefiningOp(), *ob = b.getDefiningOp();
  if (oa == ob)
    return cast<OpResult>(a).getResultNumber() <
           cast<OpResult>(b).getResultNumber();
  return oa->isBeforeInBlock(ob);
}

/// Sorts the operands and renames letters by first appearance.
struct CanonicalizeSpec : OpRewritePattern<EinsumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EinsumOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<EinsumProblem> p = simpleProblem(op);
    if (!p)
      return failure();
    unsigned n = op.getInputs().size();
    std::vector<unsigned> order(n);
    std::iota(order.begin(), order.end(), 0);
    bool comparable = true;
    for (unsigned i = 0; i + 1 < n; ++i)
      comparable &= before(op.getInputs()[i], op.getInputs()[i + 1]) ||
                    op.getInputs()[i] == op.getInputs()[i + 1] ||
                    before(op.getInputs()[i + 1], op.getInputs()[i]);
    if (comparable) {
      // Equal values keep their relative order; ties between equal values
      // with different index patterns are broken by the loops they read.
      llvm::stable_sort(order, [&](unsigned x, unsigned y) {
        Value a = op.getInputs()[x], b = op.getInputs()[y];
        if (a == b)
          return p->inputLoops[x] < p->inputLoops[y];
        return *before(a, b);
      });
    }
    std::vector<std::vector<int>> inputs;
    SmallVector<Value> operands;
    for (unsigned i : order) {
      inputs.push_back(p->inputLoops[i]);
      operands.push_back(op.getInputs()[i]);
    }
    std::string spec = specOf(inputs, outputLoops(*p));
    if (spec == op.getSpec() && llvm::equal(operands, op.getInputs()))
      return failure();
    rewriter.replaceOpWithNewOp<EinsumOp>(op, op.getType(),
                                          rewriter.getStringAttr(spec),
                                          operands, op.getSemiringAttr());
    return success();
  }
};

/// Merges a single-use producer einsum of the same semiring into its
/// consumer when one loop nest costs no more than the two (always for
/// transpositions).
struct MergeProducer : OpRewritePattern<EinsumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EinsumOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<EinsumProblem> c = simpleProblem(op);
    // max distributes over products only of non-negative numbers.
    if (!c || op.getSemiring() == Semiring::max_times)
      return failure();
    for (auto [k, operand] : llvm::enumerate(op.getInputs())) {
      auto producer = operand.getDefiningOp<EinsumOp>();
      if (!producer || producer.getSemiring() != op.getSemiring() ||
          !producer->hasOneUse())
        continue;
      std::optional<EinsumProblem> p = simpleProblem(producer);
      if (!p)
        continue;
      // Producer loops in the consumer's numbering: outputs where the
      // consumer reads them, reductions as new loops.
      std::vector<int> map(p->loopSizes.size(), -1);
      std::vector<int64_t> sizes = c->loopSizes;
      bool ok = true;
      for (unsigned d = 0; d < p->numOutputLoops; ++d) {
        int cl = c->inputLoops[k][d];
        if (map[d] >= 0 && map[d] != cl)
          ok = false;
        map[d] = cl;
      }
      if (!ok)
        continue;
      for (unsigned l = p->numOutputLoops; l < p->loopSizes.size(); ++l) {
        map[l] = sizes.size();
        sizes.push_back(p->loopSizes[l]);
      }
      if (sizes.size() > 52)
        continue;
      std::vector<std::vector<int>> inputs;
      SmallVector<Value> operands;
      for (auto [i, v] : llvm::enumerate(op.getInputs())) {
        if (i != k) {
          inputs.push_back(c->inputLoops[i]);
          operands.push_back(v);
          continue;
        }
        for (auto [j, pv] : llvm::enumerate(producer.getInputs())) {
          std::vector<int> loops;
          for (int l : p->inputLoops[j])
            loops.push_back(map[l]);
          inputs.push_back(loops);
          operands.push_back(pv);
        }
      }
      EinsumProblem merged;
      merged.loopSizes = sizes;
      merged.numOutputLoops = c->numOutputLoops;
      merged.inputLoops = inputs;
      if (nestCost(merged) > nestCost(*c) + nestCost(*p))
        continue;
      rewriter.replaceOpWithNewOp<EinsumOp>(
          op, op.getType(),
          rewriter.getStringAttr(specOf(inputs, outputLoops(*c))), operands,
          op.getSemiringAttr());
      return success();
    }
    return failure();
  }
};

/// A map reads a transposition's source directly, with permuted letters.
struct FoldTransposeIntoMap : OpRewritePattern<MapOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MapOp op,
                                PatternRewriter &rewriter) const override {
    std::string error;
    std::optional<ParsedEinsumSpec> parsed =
        parseEinsumSpec(op.getSpec(), error);
    if (!parsed || !parsed->output)
      return failure();
    for (auto [k, operand] : llvm::enumerate(op.getInputs())) {
      auto producer = operand.getDefiningOp<EinsumOp>();
      if (!producer)
        continue;
      std::optional<EinsumProblem> p = simpleProblem(producer);
      if (!p || !isPermutation(*p))
        continue;
      // Producer output dim d is the map's letter term[d]; its input dim j
      // is output dim inputLoops[0][j].
      const std::string &term = parsed->inputs[k].labels;
      std::string permuted;
      for (int l : p->inputLoops[0])
        permuted.push_back(term[l]);
      std::string spec;
      SmallVector<Value> operands(op.getInputs());
      operands[k] = producer.getInputs()[0];
      for (auto [i, t] : llvm::enumerate(parsed->inputs))
        spec += (i ? "," : "") + (i == k ? permuted : t.labels);
      spec += "->" + parsed->output->labels;
      rewriter.modifyOpInPlace(op, [&] {
        op.setSpec(spec);
        op->setOperands(operands);
      });
      return success();
    }
    return failure();
  }
};

} // namespace

OpFoldResult EinsumOp::fold(FoldAdaptor) {
  // A single operand read in order with nothing reduced: itself.
  std::optional<EinsumProblem> p = simpleProblem(*this);
  if (p && isPermutation(*p) && p->inputLoops[0] == outputLoops(*p))
    return getInputs()[0];
  return {};
}

void EinsumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<CanonicalizeSpec, MergeProducer>(context);
}

OpFoldResult MapOp::fold(FoldAdaptor) {
  if (getInputs().size() != 1 || getScalar())
    return {};
  // Only same-shape unary maps read in order fold.
  std::string error;
  std::optional<ParsedEinsumSpec> parsed = parseEinsumSpec(getSpec(), error);
  if (!parsed || !parsed->output ||
      parsed->inputs[0].labels != parsed->output->labels)
    return {};
  Value x = getInputs()[0];
  Type resultType = getType();
  MapFn fn = getFn();
  if ((fn == MapFn::cast || fn == MapFn::step) && x.getType() == resultType &&
      (fn == MapFn::cast || getElementTypeOrSelf(resultType).isInteger(1)))
    return x; // cast to the same type; step of a Boolean
  auto inner = x.getDefiningOp<MapOp>();
  if (!inner || inner.getInputs().size() != 1 || inner.getScalar() ||
      inner.getSpec() != getSpec())
    return {};
  if (fn == MapFn::relu && inner.getFn() == MapFn::relu)
    return x; // relu(relu(x)) = relu(x)
  if (fn == MapFn::neg && inner.getFn() == MapFn::neg)
    return inner.getInputs()[0]; // -(-x) = x
  if (fn == MapFn::not_ && inner.getFn() == MapFn::not_)
    return inner.getInputs()[0];
  return {};
}

void MapOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<FoldTransposeIntoMap>(context);
}
