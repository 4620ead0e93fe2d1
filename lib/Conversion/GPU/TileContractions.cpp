//===- TileContractions.cpp - tl-gpu-tile-contractions --------------------===//
//
// The GPU GEMM schedule (shared-memory operand tiles, a register tile per
// thread) written as scf.forall loops with GPU mappings. Upstream's
// structured transforms tile and promote, but their workgroup promotion
// copies and accumulates through the result in global memory on every K
// step, and cannot keep a thread's accumulators in registers across it;
// this pass builds the loop nest directly, cloning the contraction's scalar
// body so that every semiring takes the same path.
//
//===----------------------------------------------------------------------===//

#include "BlockEmitter.h"

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/IRMapping.h"

namespace tlc {
#define GEN_PASS_DEF_TLGPUTILECONTRACTIONS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr int64_t kSide = tlc::kGpuBlockSide; // threads per block side
constexpr int64_t kThreads = kSide * kSide;   // threads per block
constexpr int64_t kStep = 16;                 // K per shared-memory step
constexpr int64_t kPad = 1; // a padded row: column walks avoid bank conflicts
constexpr int64_t kMaxGrid = 65535; // the y and z grid limits

/// Rows and columns of the result per block: 64 (4 x 4 per thread), or 32
/// where an element is wider than 32 bits, which keeps the three tiles in
/// the 48 KiB of static shared memory every chip has.
int64_t tileSide(linalg::LinalgOp op) {
  for (Value operand : op->getOperands())
    if (cast<MemRefType>(operand.getType()).getElementTypeBitWidth() > 32)
      return 2 * kSide;
  return 4 * kSide;
}

/// A contraction the schedule handles: loop dimensions m (in the first
/// operand and the result), n (second operand and result), k (both
/// operands), and batch dimensions (everywhere).
struct Contraction {
  linalg::LinalgOp op;
  unsigned m, n, k;
  SmallVector<unsigned> batch;
  SmallVector<int64_t> sizes; // static loop ranges
};

std::optional<Contraction> matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op.hasIndexSemantics() ||
      op->getNumRegions() != 1)
    return std::nullopt;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.hasStaticShape() ||
        !op.getMatchingIndexingMap(&operand).isProjectedPermutation())
      return std::nullopt;
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1 ||
      dims->batch.size() + 3 != static_cast<size_t>(op.getNumLoops()))
    return std::nullopt;
  Contraction c{op,
                dims->m[0],
                dims->n[0],
                dims->k[0],
                SmallVector<unsigned>(dims->batch.begin(), dims->batch.end()),
                op.getStaticLoopRanges()};
  int64_t batch = 1;
  for (unsigned d : c.batch)
    batch *= c.sizes[d];
  if (batch > kMaxGrid ||
      llvm::divideCeil(c.sizes[c.m], tileSide(op)) > kMaxGrid)
    return std::nullopt;
  return c;
}

/// The loop dimension of an operand's innermost memref dimension.
unsigned innermostDim(AffineMap map) {
  return cast<AffineDimExpr>(map.getResults().back()).getPosition();
}

class Emitter : tlc::BlockEmitter {
public:
  Emitter(OpBuilder &b, Location loc, Contraction c, bool onHost)
      : BlockEmitter(b, loc, onHost, kSide, kSide), c(std::move(c)),
        kTile(tileSide(this->c.op)), kPerThread(kTile / kSide) {}

  void emit();

private:
  /// A tile of rows x cols in shared memory, rows padded by kPad.
  Value tile(int64_t rows, int64_t cols, Type element) {
    return BlockEmitter::tile({rows, cols + kPad}, element);
  }
  /// Visits the elements (p, q) of a P x Q tile, spread over the block's
  /// threads; neighbouring threads take neighbouring q where `qFast`.
  void forEachElement(Value ty, Value tx, int64_t p, int64_t q, bool qFast,
                      function_ref<void(Value, Value)> body);
  /// Memref indices of an operand at the given loop indices.
  SmallVector<Value> indices(OpOperand &operand, ArrayRef<Value> loops);
  /// One K step of `steps` (<= kStep) from `k0`: copy, then accumulate.
  void step(Value k0, int64_t steps);

  Contraction c;
  const int64_t kTile, kPerThread;
  // Set while emitting a block's body.
  SmallVector<Value> loops; // per loop dimension; k set per element
  Value m0, n0, aTile, bTile, cTile;
};

void Emitter::forEachElement(Value ty, Value tx, int64_t p, int64_t q,
                             bool qFast,
                             function_ref<void(Value, Value)> body) {
  int64_t count = p * q;
  int64_t rounds = llvm::divideCeil(count, kThreads);
  Value tid = add(mul(ty, kSide), tx);
  auto loop = scf::ForOp::create(b, loc, cst(0), cst(rounds), cst(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(loop.getBody()->getTerminator());
  Value e = add(mul(loop.getInductionVar(), kThreads), tid);
  auto visit = [&] {
    int64_t fast = qFast ? q : p;
    Value f = arith::RemUIOp::create(b, loc, e, cst(fast));
    Value s = arith::DivUIOp::create(b, loc, e, cst(fast));
    if (qFast)
      body(s, f);
    else
      body(f, s);
  };
  if (count % kThreads)
    guarded(lessThan(e, count), visit);
  else
    visit();
  // Left rolled: unrolled, the copies' address arithmetic took the kernel
  // to 230 registers a thread.
}

SmallVector<Value> Emitter::indices(OpOperand &operand,
                                    ArrayRef<Value> loopValues) {
  SmallVector<Value> result;
  for (AffineExpr expr : c.op.getMatchingIndexingMap(&operand).getResults())
    result.push_back(loopValues[cast<AffineDimExpr>(expr).getPosition()]);
  return result;
}

void Emitter::step(Value k0, int64_t steps) {
  OpOperand *operands[2] = {c.op.getDpsInputOperand(0),
                            c.op.getDpsInputOperand(1)};
  unsigned own[2] = {c.m, c.n};
  Value origin[2] = {m0, n0};
  Value tiles[2] = {aTile, bTile};
  // Copy: tile[kk][i] = operand at (i, k0 + kk), rows outside left alone.
  phase([&](Value ty, Value tx) {
    for (int side = 0; side < 2; ++side) {
      OpOperand &operand = *operands[side];
      bool kFast = innermostDim(c.op.getMatchingIndexingMap(&operand)) == c.k;
      forEachElement(ty, tx, steps, kTile, !kFast, [&](Value kk, Value i) {
        Value global = add(origin[side], i);
        guarded(lessThan(global, c.sizes[own[side]]), [&] {
          SmallVector<Value> at(loops);
          at[own[side]] = global;
          at[c.k] = add(k0, kk);
          Value v = memref::LoadOp::create(b, loc, operand.get(),
                                           indices(operand, at));
          memref::StoreOp::create(b, loc, v, tiles[side], ValueRange{kk, i});
        });
      });
    }
  });
  // Accumulate: each thread's kPerThread^2 values in registers across the
  // step, through the contraction's own scalar body.
  phase([&](Value ty, Value tx) {
    SmallVector<Value> rows, cols, acc;
    for (int64_t i = 0; i < kPerThread; ++i) {
      rows.push_back(add(ty, cst(i * kSide)));
      cols.push_back(add(tx, cst(i * kSide)));
    }
    for (Value r : rows)
      for (Value col : cols)
        acc.push_back(
            memref::LoadOp::create(b, loc, cTile, ValueRange{r, col}));
    auto loop = scf::ForOp::create(b, loc, cst(0), cst(steps), cst(1), acc);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kk = loop.getInductionVar();
      SmallVector<Value> as, bs, next;
      for (Value r : rows)
        as.push_back(memref::LoadOp::create(b, loc, aTile, ValueRange{kk, r}));
      for (Value col : cols)
        bs.push_back(
            memref::LoadOp::create(b, loc, bTile, ValueRange{kk, col}));
      Block &body = *c.op.getBlock();
      for (int64_t i = 0; i < kPerThread; ++i)
        for (int64_t j = 0; j < kPerThread; ++j) {
          IRMapping map;
          map.map(body.getArgument(0), as[i]);
          map.map(body.getArgument(1), bs[j]);
          map.map(body.getArgument(2),
                  loop.getRegionIterArg(i * kPerThread + j));
          for (Operation &op : body.without_terminator())
            b.clone(op, map);
          next.push_back(
              map.lookupOrDefault(body.getTerminator()->getOperand(0)));
        }
      scf::YieldOp::create(b, loc, next);
    }
    for (int64_t i = 0; i < kPerThread; ++i)
      for (int64_t j = 0; j < kPerThread; ++j)
        memref::StoreOp::create(b, loc, loop.getResult(i * kPerThread + j),
                                cTile, ValueRange{rows[i], cols[j]});
    // Straight-line code (LLVM's NVPTX pipeline leaves this loop rolled):
    // loads scheduled ahead of the FMAs. 74 registers a thread on sm_90.
    (void)loopUnrollFull(loop);
  });
}

void Emitter::emit() {
  OpOperand &result = *c.op.getDpsInitOperand(0);
  int64_t batch = 1;
  for (unsigned d : c.batch)
    batch *= c.sizes[d];
  auto element = [](OpOperand *operand) {
    return cast<MemRefType>(operand->get().getType()).getElementType();
  };
  auto makeTiles = [&] {
    aTile = tile(kStep, kTile, element(c.op.getDpsInputOperand(0)));
    bTile = tile(kStep, kTile, element(c.op.getDpsInputOperand(1)));
    cTile = tile(kTile, kTile, element(&result));
  };
  OpBuilder::InsertionGuard guard(b);
  SmallVector<Value> blockIds =
      openGrid({batch, llvm::divideCeilSigned(c.sizes[c.m], kTile),
                llvm::divideCeilSigned(c.sizes[c.n], kTile)},
               makeTiles);

  loops.assign(c.sizes.size(), Value());
  SmallVector<int64_t> batchSizes;
  for (unsigned d : c.batch)
    batchSizes.push_back(c.sizes[d]);
  for (auto [d, index] :
       llvm::zip_equal(c.batch, delinearize(blockIds[0], batchSizes)))
    loops[d] = index;
  m0 = mul(blockIds[1], kTile);
  n0 = mul(blockIds[2], kTile);

  // The result tile moves between the result and shared memory, with
  // neighbouring threads on the result's innermost dimension.
  bool nFast = innermostDim(c.op.getMatchingIndexingMap(&result)) == c.n;
  auto copyResult = [&](bool in) {
    phase([&](Value ty, Value tx) {
      forEachElement(ty, tx, kTile, kTile, nFast, [&](Value i, Value j) {
        Value m = add(m0, i), n = add(n0, j);
        Value inside = arith::AndIOp::create(b, loc, lessThan(m, c.sizes[c.m]),
                                             lessThan(n, c.sizes[c.n]));
        guarded(inside, [&] {
          SmallVector<Value> at(loops);
          at[c.m] = m;
          at[c.n] = n;
          SmallVector<Value> global = indices(result, at);
          if (in) {
            Value v = memref::LoadOp::create(b, loc, result.get(), global);
            memref::StoreOp::create(b, loc, v, cTile, ValueRange{i, j});
          } else {
            Value v = memref::LoadOp::create(b, loc, cTile, ValueRange{i, j});
            memref::StoreOp::create(b, loc, v, result.get(), global);
          }
        });
      });
    });
  };
  copyResult(/*in=*/true);
  int64_t k = c.sizes[c.k];
  if (int64_t full = k / kStep * kStep) {
    auto loop = scf::ForOp::create(b, loc, cst(0), cst(full), cst(kStep));
    OpBuilder::InsertionGuard inner(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    step(loop.getInductionVar(), kStep);
  }
  if (int64_t tail = k % kStep)
    step(cst(k / kStep * kStep), tail);
  copyResult(/*in=*/false);
}

struct TLGpuTileContractionsPass
    : tlc::impl::TLGpuTileContractionsBase<TLGpuTileContractionsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<Contraction> found;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<Contraction> c = matchContraction(op))
        found.push_back(*c);
    });
    for (Contraction &c : found) {
      OpBuilder b(c.op);
      Emitter(b, c.op.getLoc(), c, onHost).emit();
      c.op->erase();
    }
  }
};

} // namespace
