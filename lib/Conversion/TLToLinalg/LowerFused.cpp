//===- LowerFused.cpp - one loop nest per tl.fused group ------------------===//
//
// tl-to-linalg first lowers the ops in a tl.fused body like any others, to
// linalg.generic ops on tensors. This file then makes one generic of them:
//
// 1. Upstream elementwise fusion (linalg::fuseElementwiseOps) merges every
//    elementwise producer into its consumer: chains of maps become one
//    elementwise generic, and maps feeding a contraction (the prologue)
//    move into the contraction's body.
// 2. Upstream has no fusion of a reduction with its elementwise consumer
//    (the epilogue), so that is done here: the consumer's generic iterates
//    over the result points and, in its body, runs the contraction's
//    reduction loops as an scf.for nest with the accumulator in a scalar,
//    then applies the epilogue to it. The contraction's operands are read
//    with tensor.extract. The contraction's result tensor disappears.
//
// The body is then inlined in place of the tl.fused op. Anything the steps
// above do not match stays as separate generics, which is correct but not
// fused.
//
//===----------------------------------------------------------------------===//

#include "LowerFused.h"

#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

/// A generic whose payload reads its output: a contraction or reduction
/// (it accumulates), as tl-to-linalg lowers einsums and reductions.
bool accumulates(linalg::GenericOp op) {
  return llvm::any_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return op.payloadUsesValueFromOperand(&init);
  });
}

/// A float contraction with both an m and an n dimension and at least 1
/// MFLOP: the CPU code generator packs, tiles and vectorizes such a generic
/// (tl-cpu-contractions) as long as it stays a plain contraction, which is
/// worth far more than the memory traffic fusion saves (a scalar epilogue
/// nest ran the MLP layer 256x1024x1024 ~20x slower). Left unfused.
bool isLargeContraction(linalg::GenericOp op) {
  if (!accumulates(op) || !linalg::isaContractionOpInterface(op) ||
      !isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType())))
    return false;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty())
    return false;
  int64_t flops = 2;
  for (int64_t size : op.getStaticLoopRanges())
    flops = ShapedType::isDynamic(size) ? INT64_MAX / 4 : flops * size;
  return flops >= (int64_t(1) << 20);
}

/// An elementwise generic: all loops parallel, outputs only written.
bool isElementwise(linalg::GenericOp op) {
  return op.hasPureTensorSemantics() &&
         op.getNumParallelLoops() == op.getNumLoops() && !accumulates(op);
}

/// Step 1: fuses elementwise producers into their consumers until none is
/// left. A producer result that is also read elsewhere becomes a result of
/// the fused op (nothing is computed twice).
void fuseElementwiseProducers(RewriterBase &rewriter, Block &body) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto consumer : llvm::to_vector(body.getOps<linalg::GenericOp>())) {
      for (OpOperand *operand : consumer.getDpsInputOperands()) {
        auto producer = operand->get().getDefiningOp<linalg::GenericOp>();
        if (!producer || producer->getBlock() != &body ||
            isLargeContraction(consumer) ||
            !isElementwise(producer) || producer.hasIndexSemantics() ||
            !linalg::areElementwiseOpsFusable(operand))
          continue;
        rewriter.setInsertionPoint(consumer);
        FailureOr<linalg::ElementwiseOpFusionResult> fused =
            linalg::fuseElementwiseOps(rewriter, operand);
        if (failed(fused))
          continue;
        Operation *fusedOp = fused->fusedOp;
        for (auto [from, to] : fused->replacements)
          rewriter.replaceUsesWithIf(from, to, [&](OpOperand &use) {
            return use.getOwner() != fusedOp;
          });
        rewriter.eraseOp(consumer);
        if (producer->use_empty())
          rewriter.eraseOp(producer);
        changed = true;
        break;
      }
      if (changed)
        break;
    }
  }
}

/// The indices `map` gives for loop values `loops`: each result must be a
/// loop or a constant (as tl-to-linalg builds them).
std::optional<SmallVector<Value>>
applyMap(OpBuilder &b, Location loc, AffineMap map, ArrayRef<Value> loops) {
  SmallVector<Value> indices;
  for (AffineExpr e : map.getResults()) {
    if (auto d = dyn_cast<AffineDimExpr>(e))
      indices.push_back(loops[d.getPosition()]);
    else if (auto c = dyn_cast<AffineConstantExpr>(e))
      indices.push_back(arith::ConstantIndexOp::create(b, loc, c.getValue()));
    else
      return std::nullopt;
  }
  return indices;
}

bool mapIsSimple(AffineMap map) {
  return llvm::all_of(map.getResults(), [](AffineExpr e) {
    return isa<AffineDimExpr, AffineConstantExpr>(e);
  });
}

/// Step 2: fuses the contraction `c` into its only reader, the elementwise
/// `e`. Returns failure (and changes nothing) where the shapes of the two
/// do not allow it.
LogicalResult fuseEpilogue(RewriterBase &rewriter, linalg::GenericOp c,
                           linalg::GenericOp e) {
  if (c->getNumResults() != 1 || c.hasIndexSemantics() ||
      !c.hasPureTensorSemantics() || !isElementwise(e))
    return failure();
  Value cResult = c->getResult(0);
  AffineMap cOut = c.getIndexingMapMatchingResult(cast<OpResult>(cResult));
  if (!cOut.isProjectedPermutation() ||
      !llvm::all_of(c.getIndexingMapsArray(), mapIsSimple))
    return failure();
  // Each point of e reads c's result at a permutation of its loops; c's
  // output loops take their values from e's loops through it.
  unsigned numCLoops = c.getNumLoops();
  SmallVector<int> cLoopFromE(numCLoops, -1);
  bool first = true;
  for (OpOperand *use : e.getDpsInputOperands()) {
    if (use->get() != cResult)
      continue;
    AffineMap eIn = e.getMatchingIndexingMap(use);
    if (!eIn.isPermutation())
      return failure();
    SmallVector<int> from(numCLoops, -1);
    for (unsigned t = 0; t < cOut.getNumResults(); ++t)
      from[cOut.getDimPosition(t)] = eIn.getDimPosition(t);
    if (!first && from != cLoopFromE)
      return failure();
    cLoopFromE = from;
    first = false;
  }
  if (first)
    return failure();
  SmallVector<utils::IteratorType> cIters = c.getIteratorTypesArray();
  SmallVector<int64_t> cSizes = c.getStaticLoopRanges();
  // The reduction loops run innermost, as they do in c's own loop nest
  // (reordering them would turn c's reads into strided ones).
  SmallVector<unsigned> reductionLoops;
  for (unsigned l = 0; l < numCLoops; ++l) {
    if (cLoopFromE[l] >= 0) {
      if (!reductionLoops.empty())
        return failure();
      continue;
    }
    if (cIters[l] != utils::IteratorType::reduction ||
        ShapedType::isDynamic(cSizes[l]))
      return failure();
    reductionLoops.push_back(l);
  }

  // The accumulator's start: the filled value, else read from the init.
  Value cInit = c.getDpsInits()[0];
  Value fillValue;
  if (auto fill = cInit.getDefiningOp<linalg::FillOp>())
    fillValue = fill.getInputs()[0];

  // The fused op: e's operands without c's result, e's outputs and loops.
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  SmallVector<int> inputIndex; // e's input -> new block argument, or -1.
  for (OpOperand *in : e.getDpsInputOperands()) {
    if (in->get() == cResult) {
      inputIndex.push_back(-1);
      continue;
    }
    inputIndex.push_back(inputs.size());
    inputs.push_back(in->get());
    maps.push_back(e.getMatchingIndexingMap(in));
  }
  for (OpOperand &out : e.getDpsInitsMutable())
    maps.push_back(e.getMatchingIndexingMap(&out));
  Location loc = e.getLoc();
  Block &cBody = c.getRegion().front();
  Block &eBody = e.getRegion().front();
  unsigned numEInputs = e.getNumDpsInputs();

  rewriter.setInsertionPoint(e);
  auto fused = linalg::GenericOp::create(
      rewriter, loc, e->getResultTypes(), inputs, e.getDpsInits(), maps,
      e.getIteratorTypesArray(),
      [&](OpBuilder &b, Location l, ValueRange args) {
        SmallVector<Value> eLoops;
        for (unsigned j = 0; j < e.getNumLoops(); ++j)
          eLoops.push_back(linalg::IndexOp::create(b, l, j));
        SmallVector<Value> cLoops(numCLoops);
        for (unsigned p = 0; p < numCLoops; ++p)
          if (cLoopFromE[p] >= 0)
            cLoops[p] = eLoops[cLoopFromE[p]];
        Value init = fillValue;
        if (!init)
          init = tensor::ExtractOp::create(b, l, cInit,
                                           *applyMap(b, l, cOut, cLoops));
        SmallVector<Value> lbs, ubs, steps;
        Value zero = arith::ConstantIndexOp::create(b, l, 0);
        Value one = arith::ConstantIndexOp::create(b, l, 1);
        for (unsigned r : reductionLoops) {
          lbs.push_back(zero);
          ubs.push_back(arith::ConstantIndexOp::create(b, l, cSizes[r]));
          steps.push_back(one);
        }
        scf::LoopNest nest = scf::buildLoopNest(
            b, l, lbs, ubs, steps, ValueRange{init},
            [&](OpBuilder &nb, Location nl, ValueRange ivs,
                ValueRange acc) -> scf::ValueVector {
              SmallVector<Value> all = cLoops;
              for (auto [r, iv] : llvm::zip(reductionLoops, ivs))
                all[r] = iv;
              IRMapping m;
              for (OpOperand *in : c.getDpsInputOperands()) {
                auto indices =
                    *applyMap(nb, nl, c.getMatchingIndexingMap(in), all);
                m.map(cBody.getArgument(in->getOperandNumber()),
                      tensor::ExtractOp::create(nb, nl, in->get(), indices)
                          .getResult());
              }
              m.map(cBody.getArguments().back(), acc[0]);
              for (Operation &op : cBody.without_terminator())
                nb.clone(op, m);
              Value next = m.lookupOrDefault(
                  cast<linalg::YieldOp>(cBody.getTerminator()).getOperand(0));
              return {next};
            });
        Value result = nest.results.empty() ? init : nest.results[0];
        IRMapping m;
        for (unsigned k = 0; k < numEInputs; ++k)
          m.map(eBody.getArgument(k),
                inputIndex[k] < 0 ? result : args[inputIndex[k]]);
        for (unsigned k = numEInputs; k < eBody.getNumArguments(); ++k)
          m.map(eBody.getArgument(k), args[inputs.size() + k - numEInputs]);
        for (Operation &op : eBody.without_terminator())
          b.clone(op, m);
        SmallVector<Value> yielded;
        for (Value v : eBody.getTerminator()->getOperands())
          yielded.push_back(m.lookupOrDefault(v));
        linalg::YieldOp::create(b, l, yielded);
      });
  rewriter.replaceOp(e, fused->getResults());
  rewriter.eraseOp(c);
  return success();
}

/// Step 2 over a body: a contraction whose only reader is an elementwise
/// generic.
void fuseEpilogues(RewriterBase &rewriter, Block &body) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto c : body.getOps<linalg::GenericOp>()) {
      if (!accumulates(c) || c->getNumResults() != 1 || isLargeContraction(c))
        continue;
      Value r = c->getResult(0);
      if (r.use_empty())
        continue;
      auto e = dyn_cast<linalg::GenericOp>(*r.getUsers().begin());
      if (!e || e->getBlock() != &body ||
          !llvm::all_of(r.getUsers(), [&](Operation *u) { return u == e; }))
        continue;
      if (succeeded(fuseEpilogue(rewriter, c, e))) {
        changed = true;
        break;
      }
    }
  }
}

} // namespace

void tlc::lowerFusedGroup(RewriterBase &rewriter, FusedOp op) {
  Block &body = op.getBody().front();
  fuseElementwiseProducers(rewriter, body);
  fuseEpilogues(rewriter, body);
  // A value read twice becomes one operand (elementwise fusion repeats the
  // operands a producer and its consumer share), and then one computation;
  // splat constants become scalars. (Upstream's fusion patterns, with
  // fusion itself turned off: it is done above.)
  RewritePatternSet patterns(op.getContext());
  linalg::populateElementwiseOpsFusionPatterns(
      patterns, [](OpOperand *) { return false; });
  (void)applyPatternsGreedily(op.getBody(), std::move(patterns));
  DominanceInfo dominance;
  eliminateCommonSubExpressions(rewriter, dominance, op);
  YieldOp yield = op.getYield();
  SmallVector<Value> results(yield.getValues());
  rewriter.eraseOp(yield);
  rewriter.inlineBlockBefore(&body, op, op.getInputs());
  rewriter.replaceOp(op, results);
}
