//===- CpuContractions.cpp - pack, tile and vectorize contractions --------===//
//
// A GEMM micro-kernel from upstream transformations only: block packing,
// three levels of tiling and vectorization. The pass chooses the order and
// the sizes; every rewrite is upstream's.
//
//===----------------------------------------------------------------------===//

#include "Threading.h"
#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <numeric>

namespace tlc {
#define GEN_PASS_DEF_TLCPUCONTRACTIONS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

/// Micro-kernel shape for one element type.
struct KernelShape {
  int64_t mr, nr;
};

/// The kernel for an M x N result (the extents of the packed m and n
/// dimensions): nrVectors vectors of B per row (one where N fits in one;
/// f64 on AVX-512 takes twice as many, the same 32 columns as f32), as many
/// rows as the registers hold beside them and the A broadcast, at most 8
/// (16 with one vector), and no more rows than M, so small products are not
/// padded far (a 10 x 10 result took a 16 x 32 tile).
KernelShape kernelShape(Type elementType, unsigned vectorBits,
                        unsigned vectorRegisters, int64_t mrOverride,
                        int64_t nrVectors, int64_t m, int64_t n,
                        bool oneKBlock) {
  unsigned bits = elementType.getIntOrFloatBitWidth();
  int64_t lanes = std::max<int64_t>(1, vectorBits / bits);
  // In a C model of the kernel, f64's 8x16 ran at 75% of the FMA peak and
  // 6x32 (24 accumulators, B's panel the bytes of f32's) at 84%: the
  // 1000^3 matmul went from 25.1 to 23.0 ms.
  if (bits == 64 && vectorBits >= 512 && n > 2 * lanes)
    nrVectors *= 2;
  if (n <= lanes)
    nrVectors = 1;
  int64_t regs = vectorRegisters;
  int64_t mr = std::clamp<int64_t>((regs - nrVectors - 1) / nrVectors, 1,
                                   nrVectors == 1 ? 16 : 8);
  mr = std::max<int64_t>(1, std::min(mr, m));
  // A kernel of fewer rows that divides M (down to half as many) leaves A
  // unpadded, so that with one K block it is read in place.
  if (oneKBlock)
    for (int64_t rows = mr; rows * 2 >= mr && m % mr; --rows)
      if (m % rows == 0)
        mr = rows;
  return {mrOverride > 0 ? mrOverride : mr, nrVectors * lanes};
}

bool isCandidate(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumDpsInputs() != 2 || !linalg::isaContractionOpInterface(op))
    return false;
  for (Value v : op->getOperands()) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape() ||
        !isa<Float32Type, Float64Type>(type.getElementType()))
      return false;
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  return succeeded(dims) && !dims->m.empty() && !dims->n.empty() &&
         !dims->k.empty();
}

/// `op` with its inputs swapped where the first input's innermost dimension
/// is the result's and the second input does not index it.
/// blockPackMatmul takes the first input as A (its dimensions become m) and
/// the second as B (n); B's nr-wide vectors and the result's are read and
/// written in place only where n is innermost in both, and are otherwise
/// copied with transposes. (Attention's `A[b,q,k] V[b,k,d]` reached here as
/// V times A: with q as n, the probabilities were packed and the result
/// unpacked, both with transposes; swapped, neither is copied.) The product
/// is commutative, so the body's multiply takes the same values.
linalg::GenericOp withInnermostN(RewriterBase &rewriter, linalg::GenericOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto innermost = [](AffineMap map) -> std::optional<unsigned> {
    if (map.getNumResults() == 0)
      return std::nullopt;
    if (auto dim = dyn_cast<AffineDimExpr>(map.getResults().back()))
      return dim.getPosition();
    return std::nullopt;
  };
  std::optional<unsigned> inner = innermost(maps.back());
  if (!inner || innermost(maps[0]) != inner || maps[1].isFunctionOfDim(*inner))
    return op;
  rewriter.setInsertionPoint(op);
  Value inputs[] = {op.getDpsInputs()[1], op.getDpsInputs()[0]};
  auto swapped = linalg::GenericOp::create(
      rewriter, op.getLoc(), op->getResultTypes(), inputs, op.getDpsInits(),
      {maps[1], maps[0], maps[2]}, op.getIteratorTypesArray());
  swapped->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  Block &body = op.getRegion().front();
  Block *swappedBody = rewriter.createBlock(
      &swapped.getRegion(), {},
      {body.getArgument(1).getType(), body.getArgument(0).getType(),
       body.getArgument(2).getType()},
      {body.getArgument(1).getLoc(), body.getArgument(0).getLoc(),
       body.getArgument(2).getLoc()});
  IRMapping mapping;
  mapping.map(body.getArgument(0), swappedBody->getArgument(1));
  mapping.map(body.getArgument(1), swappedBody->getArgument(0));
  mapping.map(body.getArgument(2), swappedBody->getArgument(2));
  rewriter.setInsertionPointToStart(swappedBody);
  for (Operation &inner : body)
    rewriter.clone(inner, mapping);
  rewriter.replaceOp(op, swapped->getResults());
  return swapped;
}

/// Tiles `op` with `sizes` (0: not tiled) and loops in `order` (empty: the
/// iteration order); returns the tiled op.
FailureOr<linalg::LinalgOp> tile(RewriterBase &rewriter, linalg::LinalgOp op,
                                 ArrayRef<int64_t> sizes,
                                 ArrayRef<int64_t> order = {},
                                 scf::SCFTilingOptions::LoopType loopType =
                                     scf::SCFTilingOptions::LoopType::ForOp) {
  scf::SCFTilingOptions options;
  options.setLoopType(loopType);
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  if (!order.empty())
    options.setInterchange(order);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return cast<linalg::LinalgOp>(tiled->tiledOps.front());
}

/// Steps of K per vectorized packing tile. 8 rather than 16: the same run
/// time, and LLVM's instruction selection and register allocation of the
/// tiles' shuffles (up to 512 floats at 16) were half of a contraction's
/// compile time (1000^3 matmul: 220 -> 126 ms; attention 387 -> 280 ms).
constexpr int64_t kCopyStep = 8;

/// Tiles a pack with `sizes` (on threads where it is large) and vectorizes
/// each tile as `vectorSizes` (the packed tile's shape); partial tiles are
/// masked, which is also how the padding is written.
LogicalResult vectorizeTiled(RewriterBase &rewriter, Operation *op,
                             ArrayRef<int64_t> sizes,
                             ArrayRef<int64_t> vectorSizes, bool threads) {
  scf::SCFTilingOptions options;
  bool parallel = threads && tlc::cpu::worthThreads(op);
  options.setLoopType(parallel ? scf::SCFTilingOptions::LoopType::ForallOp
                               : scf::SCFTilingOptions::LoopType::ForOp);
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  Operation *tile = tiled->tiledOps.front();
  rewriter.setInsertionPoint(tile);
  FailureOr<linalg::VectorizationResult> vectorized =
      linalg::vectorize(rewriter, tile, vectorSizes);
  if (succeeded(vectorized)) {
    rewriter.replaceOp(tile, vectorized->replacements);
    return success();
  }
  // A shape the vectorizer does not take: the tile as pad and transpose.
  if (auto pack = dyn_cast<linalg::PackOp>(tile))
    return linalg::lowerPack(rewriter, pack);
  return linalg::lowerUnPack(rewriter, cast<linalg::UnPackOp>(tile));
}

/// `source` viewed in place as a pack with these tiles lays it out: each
/// tiled dimension d split into [d / t, t] where it stands. `perm[p]` is
/// the view's dimension for dimension p of the packed layout. Fails where a
/// tile would need padding, or where the last tile (the vector the kernel
/// loads or stores: nr for B and the result) would not be contiguous.
struct PackedView {
  Value view;
  SmallVector<ReassociationIndices> groups;
  SmallVector<int64_t> perm;
};
FailureOr<PackedView> viewAsPacked(RewriterBase &rewriter, Location loc,
                                   Value source, ArrayRef<int64_t> innerDimsPos,
                                   ArrayRef<int64_t> innerTiles,
                                   ArrayRef<int64_t> outerDimsPerm) {
  auto type = cast<RankedTensorType>(source.getType());
  if (!type.hasStaticShape())
    return failure();
  int64_t rank = type.getRank();
  PackedView result;
  SmallVector<int64_t> shape, outerAt(rank), innerAt(innerTiles.size());
  for (int64_t d = 0; d < rank; ++d) {
    outerAt[d] = shape.size();
    ReassociationIndices group{outerAt[d]};
    const auto *pos = llvm::find(innerDimsPos, d);
    if (pos == innerDimsPos.end()) {
      shape.push_back(type.getDimSize(d));
    } else {
      int64_t j = pos - innerDimsPos.begin(), tile = innerTiles[j];
      if (tile <= 0 || type.getDimSize(d) % tile)
        return failure();
      shape.push_back(type.getDimSize(d) / tile);
      innerAt[j] = shape.size();
      group.push_back(innerAt[j]);
      shape.push_back(tile);
    }
    result.groups.push_back(group);
  }
  for (int64_t i = 0; i < rank; ++i)
    result.perm.push_back(
        outerAt[outerDimsPerm.empty() ? i : outerDimsPerm[i]]);
  llvm::append_range(result.perm, innerAt);
  if (!innerTiles.empty() && innerTiles.back() > 1 &&
      result.perm.back() != static_cast<int64_t>(shape.size()) - 1)
    return failure();
  result.view = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get(shape, type.getElementType()),
      source, result.groups);
  return result;
}

/// `map`, an indexing map of the packed layout, as one of its view.
AffineMap mapForView(AffineMap map, ArrayRef<int64_t> perm) {
  SmallVector<AffineExpr> results(map.getNumResults());
  for (auto [p, v] : llvm::enumerate(perm))
    results[v] = map.getResult(p);
  return AffineMap::get(map.getNumDims(), 0, results, map.getContext());
}

/// Where K is one block and an operand needs no padding, the packed op
/// reads it in place, viewed as its pack would lay it out, instead of a
/// packed copy: a kernel reads A's block as mr streams of at most kBlock
/// elements (the bilinear form's 4096x256x256 product: 4.2 -> 3.6 ms).
/// Updates `packed`.
void readOperandsInPlace(RewriterBase &rewriter, linalg::PackResult &packed) {
  linalg::LinalgOp gemm = packed.packedLinalgOp;
  SmallVector<AffineMap> maps = gemm.getIndexingMapsArray();
  for (OpOperand &operand : gemm->getOpOperands()) {
    auto pack = operand.get().getDefiningOp<linalg::PackOp>();
    if (!pack || gemm.isDpsInit(&operand) || !pack->hasOneUse())
      continue;
    // B (whose last tile is the kernel's nr-wide vector) stays packed
    // unless a whole matrix of it spans at most 64 KiB: its panel is reused
    // from L1 by every block of A, and in place its rows lie a row stride
    // apart, which at 1 KiB strides fell into few L1 sets (the bilinear
    // form's 4096x256x256 product: 3.6 -> 4.1 ms).
    if (pack.getStaticInnerTiles().back() > 1) {
      int64_t bytes = pack.getSourceType().getElementTypeBitWidth() / 8;
      for (int64_t d : pack.getInnerDimsPos())
        bytes *= pack.getSourceType().getDimSize(d);
      if (bytes > (int64_t(64) << 10))
        continue;
    }
    rewriter.setInsertionPoint(gemm);
    FailureOr<PackedView> view = viewAsPacked(
        rewriter, pack.getLoc(), pack.getSource(), pack.getInnerDimsPos(),
        pack.getStaticInnerTiles(), pack.getOuterDimsPerm());
    if (failed(view))
      continue;
    unsigned index = operand.getOperandNumber();
    maps[index] = mapForView(maps[index], view->perm);
    rewriter.modifyOpInPlace(gemm, [&] {
      operand.set(view->view);
      gemm->setAttr("indexing_maps", rewriter.getAffineMapArrayAttr(maps));
    });
    llvm::erase(packed.packOps, pack);
    rewriter.eraseOp(pack);
  }
}

/// Where the result needs no padding (its m and n extents are multiples of
/// mr and nr), the packed contraction writes it in place, viewed as [...,
/// MB, mr, NB, nr], instead of into a packed copy that is then unpacked:
/// one pass over the result instead of three (fill, write, unpack).
/// Updates `packed`.
LogicalResult writeResultInPlace(RewriterBase &rewriter,
                                 linalg::PackResult &packed) {
  auto gemm = dyn_cast<linalg::GenericOp>(packed.packedLinalgOp.getOperation());
  if (!gemm || packed.unPackOps.size() != 1 || gemm.getNumDpsInits() != 1)
    return failure();
  linalg::UnPackOp unpack = packed.unPackOps.front();
  auto cPack = gemm.getDpsInits()[0].getDefiningOp<linalg::PackOp>();
  if (!cPack || unpack.getSource() != gemm->getResult(0))
    return failure();
  Location loc = gemm.getLoc();
  rewriter.setInsertionPoint(gemm);
  FailureOr<PackedView> view =
      viewAsPacked(rewriter, loc, unpack.getDest(), unpack.getInnerDimsPos(),
                   unpack.getStaticInnerTiles(), unpack.getOuterDimsPerm());
  if (failed(view))
    return failure();
  SmallVector<AffineMap> maps = gemm.getIndexingMapsArray();
  maps.back() = mapForView(maps.back(), view->perm);
  auto inPlace = linalg::GenericOp::create(
      rewriter, loc, TypeRange{view->view.getType()}, gemm.getDpsInputs(),
      ValueRange{view->view}, maps, gemm.getIteratorTypesArray());
  rewriter.inlineRegionBefore(gemm.getRegion(), inPlace.getRegion(),
                              inPlace.getRegion().end());
  Value result = tensor::CollapseShapeOp::create(
      rewriter, loc, unpack.getDestType(), inPlace.getResult(0), view->groups);
  rewriter.replaceOp(unpack, result);
  rewriter.eraseOp(gemm);
  llvm::erase(packed.packOps, cPack);
  rewriter.eraseOp(cPack);
  packed.packedLinalgOp = inPlace;
  packed.unPackOps.clear();
  return success();
}

/// The packed result as [batch..., NB, MB, mr, nr] rather than [..., MB,
/// NB, ...]: the kernel walks MB innermost, so consecutive kernels then read
/// and write consecutive tiles, which the hardware prefetcher follows (a
/// stride of NB tiles defeats it, and each kernel started on a cache miss
/// for its accumulator). Updates `packed`.
LogicalResult transposeResultBlocks(RewriterBase &rewriter,
                                    linalg::PackResult &packed) {
  if (packed.unPackOps.size() != 1)
    return failure();
  linalg::LinalgOp gemm = packed.packedLinalgOp;
  auto cPack = gemm.getDpsInits()[0].getDefiningOp<linalg::PackOp>();
  if (!cPack)
    return failure();
  int64_t outerRank = cPack.getDestRank() - cPack.getStaticInnerTiles().size();
  if (outerRank < 2)
    return failure();
  SmallVector<int64_t> outerPerm =
      llvm::to_vector(llvm::seq<int64_t>(outerRank));
  std::swap(outerPerm[outerRank - 2], outerPerm[outerRank - 1]);
  FailureOr<linalg::PackTransposeResult> transposed = linalg::packTranspose(
      rewriter, cPack, gemm, packed.unPackOps.front(), outerPerm, {});
  if (failed(transposed))
    return failure();
  llvm::replace(packed.packOps, cPack, transposed->transposedPackOp);
  packed.packedLinalgOp = transposed->transposedLinalgOp;
  packed.unPackOps.front() = transposed->transposedUnPackOp;
  return success();
}

/// Where the packed op's accumulator starts as a fill (of its packed copy,
/// or of the result it writes in place), returns the fill's value and makes
/// the accumulator start uninitialized: each kernel of the first K block
/// then starts from the value itself (`fillFirstTiles`). A fill was a pass
/// over the whole result (16 MiB for attention scores), and the first K
/// block read it back. Updates `packed`.
Value takeAccumulatorFill(RewriterBase &rewriter, linalg::PackResult &packed) {
  linalg::LinalgOp gemm = packed.packedLinalgOp;
  // With nothing to reduce, no kernel runs: the fill is the result.
  for (auto [range, iterator] : llvm::zip_equal(gemm.getStaticLoopRanges(),
                                                gemm.getIteratorTypesArray()))
    if (iterator == utils::IteratorType::reduction && range == 0)
      return {};
  OpOperand &init = gemm.getDpsInitsMutable()[0];
  Operation *start = init.get().getDefiningOp();
  if (!start || !start->hasOneUse() ||
      !isa<linalg::PackOp, tensor::ExpandShapeOp>(start))
    return {};
  auto fill = start->getOperand(0).getDefiningOp<linalg::FillOp>();
  if (!fill || !fill->hasOneUse())
    return {};
  Value value = fill.getInputs()[0];
  if (auto pack = dyn_cast<linalg::PackOp>(start)) {
    // The packed copy is written by the kernels alone.
    rewriter.modifyOpInPlace(gemm, [&] { init.set(pack.getDest()); });
    llvm::erase(packed.packOps, pack);
    rewriter.eraseOp(pack);
  } else {
    // The in-place view of the result, over the fill's (empty) destination.
    rewriter.modifyOpInPlace(
        start, [&] { start->setOperand(0, fill.getDpsInits()[0]); });
  }
  rewriter.eraseOp(fill);
  return value;
}

/// Makes the kernel tile `op` start from `value` in the first K block
/// (where `kLoop`'s induction variable is at its lower bound; every block
/// where `kLoop` is null) rather than from its accumulator.
linalg::FillOp fillFirstTiles(RewriterBase &rewriter, linalg::LinalgOp op,
                              Value value, scf::ForOp kLoop) {
  Location loc = op.getLoc();
  OpOperand &init = op.getDpsInitsMutable()[0];
  rewriter.setInsertionPoint(op);
  linalg::FillOp fill;
  auto fillTile = [&](OpBuilder &b, Location loc) {
    fill = linalg::FillOp::create(b, loc, value, init.get());
    return fill.getResult(0);
  };
  Value start;
  if (!kLoop) {
    start = fillTile(rewriter, loc);
  } else {
    Value first =
        arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                              kLoop.getInductionVar(), kLoop.getLowerBound());
    start = scf::IfOp::create(
                rewriter, loc, first,
                [&](OpBuilder &b, Location loc) {
                  scf::YieldOp::create(b, loc, fillTile(b, loc));
                },
                [&](OpBuilder &b, Location loc) {
                  scf::YieldOp::create(b, loc, init.get());
                })
                .getResult(0);
  }
  rewriter.modifyOpInPlace(op, [&] { init.set(start); });
  return fill;
}

/// Contractions below this many flops stay on one thread: forking costs
/// a few microseconds, what a 2-MFLOP matmul takes on one core.
constexpr int64_t kParallelFlops = int64_t(1) << 21;

LogicalResult codegen(RewriterBase &rewriter, linalg::GenericOp op,
                      KernelShape shape, int64_t kBlock, bool threads) {
  int64_t flops = 2;
  for (int64_t size : op.getStaticLoopRanges())
    flops *= size;
  // 1. Block packing: A[MB][KB][mr][1], B[NB][KB][1][nr], C[MB][NB][mr][nr].
  linalg::ControlBlockPackMatmulFn control =
      [&](linalg::LinalgOp) -> std::optional<linalg::BlockPackMatmulOptions> {
    linalg::BlockPackMatmulOptions options;
    options.blockFactors = {shape.mr, shape.nr, 1};
    options.allowPadding = true;
    options.rhsTransposeOuterBlocks = true;
    options.rhsTransposeInnerBlocks = false;
    return options;
  };
  FailureOr<linalg::PackResult> packed =
      linalg::blockPackMatmul(rewriter, op, control);
  if (failed(packed))
    return failure();
  linalg::LinalgOp gemm = packed->packedLinalgOp;

  // The packed op's dimensions: the output is [batch..., MB, NB, mr, nr] and
  // the lhs (the input indexed by mr) is [batch..., MB, KB, mr, kr].
  SmallVector<AffineMap> maps = gemm.getIndexingMapsArray();
  AffineMap out = maps.back();
  unsigned outRank = out.getNumResults();
  if (outRank < 4)
    return failure();
  auto dimAt = [](AffineMap map, int64_t fromEnd) {
    return cast<AffineDimExpr>(map.getResult(map.getNumResults() - fromEnd))
        .getPosition();
  };
  unsigned mbDim = dimAt(out, 4), nbDim = dimAt(out, 3), mrDim = dimAt(out, 2),
           nrDim = dimAt(out, 1);
  std::optional<AffineMap> lhs;
  for (AffineMap map : ArrayRef(maps).drop_back())
    if (map.getNumResults() >= 4 && dimAt(map, 2) == mrDim)
      lhs = map;
  if (!lhs)
    return failure();
  unsigned kbDim = dimAt(*lhs, 3), krDim = dimAt(*lhs, 1);
  // In place only where K is one block: the result's strided tiles would
  // otherwise be read and written once per K block (the MLP layer, K =
  // 1024, measured slower: 3.3 -> 3.7 ms).
  bool oneKBlock = gemm.getStaticLoopRanges()[kbDim] <= kBlock;
  if (oneKBlock)
    readOperandsInPlace(rewriter, *packed);
  if (oneKBlock && succeeded(writeResultInPlace(rewriter, *packed))) {
    // The output is now [batch..., MB, mr, NB, nr]; the inputs are as
    // they were.
    gemm = packed->packedLinalgOp;
    maps = gemm.getIndexingMapsArray();
    out = maps.back();
    mbDim = dimAt(out, 4);
    mrDim = dimAt(out, 3);
    nbDim = dimAt(out, 2);
    nrDim = dimAt(out, 1);
  } else if (succeeded(transposeResultBlocks(rewriter, *packed))) {
    // The output is now [batch..., NB, MB, mr, nr].
    gemm = packed->packedLinalgOp;
    out = gemm.getIndexingMapsArray().back();
    nbDim = dimAt(out, 4);
    mbDim = dimAt(out, 3);
  }

  // An unpack writes all of its destination: the original accumulator's
  // start (a fill) need not exist, and with an empty destination
  // bufferization writes the result straight into the caller's buffer (it
  // was filled, written, then copied there).
  for (linalg::UnPackOp unpack : packed->unPackOps) {
    if (unpack.getDest().getDefiningOp<tensor::EmptyOp>())
      continue;
    rewriter.setInsertionPoint(unpack);
    Value empty = tensor::EmptyOp::create(
        rewriter, unpack.getLoc(), unpack.getDestType().getShape(),
        unpack.getDestType().getElementType());
    rewriter.modifyOpInPlace(unpack,
                             [&] { unpack.getDestMutable().assign(empty); });
  }
  Value fillValue = takeAccumulatorFill(rewriter, *packed);

  unsigned numLoops = gemm.getNumLoops();
  SmallVector<utils::IteratorType> iterators = gemm.getIteratorTypesArray();

  // 2. K in blocks of kBlock, outermost: a kBlock-deep block of A (1 MiB
  // for 1000 rows) stays in L2 while every panel of B passes over it, and
  // a kBlock x nr panel of B stays in L1 while every block of A does.
  SmallVector<int64_t> sizes(numLoops, 0);
  sizes[kbDim] = kBlock;
  FailureOr<linalg::LinalgOp> blocked = tile(rewriter, gemm, sizes);
  if (failed(blocked))
    return failure();
  gemm = *blocked;
  scf::ForOp kLoop =
      oneKBlock ? scf::ForOp() : gemm->getParentOfType<scf::ForOp>();

  // 3. Threads: an scf.forall over the panels of B (and batches), each
  // computing whole columns of C blocks, so threads share no output.
  sizes.assign(numLoops, 0);
  int64_t parallelTrips = 1;
  SmallVector<int64_t> ranges = gemm.getStaticLoopRanges();
  for (unsigned d = 0; d < numLoops; ++d)
    if (iterators[d] == utils::IteratorType::parallel && d != mbDim &&
        d != mrDim && d != nrDim) {
      sizes[d] = 1;
      parallelTrips *= ranges[d];
    }
  if (threads && flops >= kParallelFlops && parallelTrips > 1) {
    FailureOr<linalg::LinalgOp> distributed = tile(
        rewriter, gemm, sizes, {}, scf::SCFTilingOptions::LoopType::ForallOp);
    if (failed(distributed))
      return failure();
    gemm = *distributed;
  }

  // 4. Every block loop but the micro-kernel's, NB outside MB.
  sizes.assign(numLoops, 0);
  SmallVector<int64_t> order;
  for (unsigned d = 0; d < numLoops; ++d) {
    if (d == mrDim || d == nrDim ||
        iterators[d] != utils::IteratorType::parallel)
      continue;
    sizes[d] = 1;
    order.push_back(d == mbDim ? nbDim : d == nbDim ? mbDim : d);
  }
  for (unsigned d = 0; d < numLoops; ++d)
    if (!llvm::is_contained(order, d))
      order.push_back(d);
  FailureOr<linalg::LinalgOp> blocks = tile(rewriter, gemm, sizes, order);
  if (failed(blocks))
    return failure();
  linalg::FillOp tileFill;
  if (fillValue)
    tileFill = fillFirstTiles(rewriter, *blocks, fillValue, kLoop);

  // 5. The reductions one step at a time: an mr x nr tile per step.
  sizes.assign(numLoops, 0);
  for (unsigned d = 0; d < numLoops; ++d)
    if (d != krDim && iterators[d] == utils::IteratorType::reduction)
      sizes[d] = 1;
  FailureOr<linalg::LinalgOp> kernel = tile(rewriter, *blocks, sizes);
  if (failed(kernel))
    return failure();

  // 6. Vectorize the tile.
  rewriter.setInsertionPoint(*kernel);
  FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
      rewriter, *kernel, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
      /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
      /*assumeDynamicDimsMatchVecSizes=*/false,
      /*createNamedContraction=*/true);
  if (failed(vectorized))
    return failure();
  Block *kernelBlock = kernel->getOperation()->getBlock();
  rewriter.replaceOp(*kernel, vectorized->replacements);
  if (tileFill) {
    rewriter.setInsertionPoint(tileFill);
    FailureOr<linalg::VectorizationResult> filled =
        linalg::vectorize(rewriter, tileFill);
    if (failed(filled))
      return failure();
    rewriter.replaceOp(tileFill, filled->replacements);
  }
  // The vectorizer makes the unit reduction a multi_reduction of a product:
  // make each multiply-add one FMA (the contraction allows it; see
  // tl-to-linalg), on the accumulator's shape.
  SmallVector<vector::MultiDimReductionOp> reductions;
  kernelBlock->walk(
      [&](vector::MultiDimReductionOp r) { reductions.push_back(r); });
  for (vector::MultiDimReductionOp r : reductions) {
    auto mul = r.getSource().getDefiningOp<arith::MulFOp>();
    auto accType = dyn_cast<VectorType>(r.getAcc().getType());
    if (r.getKind() != vector::CombiningKind::ADD || !mul ||
        !mul->hasOneUse() || !accType ||
        accType.getNumElements() != r.getSourceVectorType().getNumElements())
      continue;
    rewriter.setInsertionPoint(r);
    Value lhs = vector::ShapeCastOp::create(rewriter, r.getLoc(), accType,
                                            mul.getLhs());
    Value rhs = vector::ShapeCastOp::create(rewriter, r.getLoc(), accType,
                                            mul.getRhs());
    rewriter.replaceOpWithNewOp<vector::FMAOp>(r, lhs, rhs, r.getAcc());
    rewriter.eraseOp(mul);
  }

  // 7. Packs and unpacks become vectorized copies (large ones on threads);
  // a packed fill (an accumulator start not taken above: K = 0) is a fill
  // of the packed tensor (what upstream's FillOp canonicalization does, done
  // here because the packs are lowered right away).
  for (linalg::PackOp pack : packed->packOps) {
    rewriter.setInsertionPoint(pack);
    if (auto fill = pack.getSource().getDefiningOp<linalg::FillOp>()) {
      rewriter.replaceOpWithNewOp<linalg::FillOp>(pack, fill.getInputs(),
                                                  pack.getDest());
      continue;
    }
    if (pack.getDestType().getNumElements() == 0) {
      FailureOr<linalg::LowerPackResult> lowered =
          linalg::lowerPack(rewriter, pack);
      if (failed(lowered))
        return failure();
      continue;
    }
    // Tiles of one block by kCopyStep steps of K, each read (masked at the
    // edges) and transposed in registers.
    SmallVector<int64_t> sizes(pack.getSourceRank(), 1);
    // Where one tile covers the whole extent, its size is static: no mask
    // (canonicalization would otherwise fold a cast into the mask region).
    sizes.back() = std::min<int64_t>(
        kCopyStep, pack.getDestType().getDimSize(pack.getSourceRank() - 1));
    SmallVector<int64_t> vectorSizes(sizes);
    llvm::append_range(vectorSizes, pack.getStaticInnerTiles());
    if (failed(vectorizeTiled(rewriter, pack, sizes, vectorSizes, threads)))
      return failure();
  }
  for (linalg::UnPackOp unpack : packed->unPackOps) {
    rewriter.setInsertionPoint(unpack);
    if (unpack.getDestType().getNumElements() == 0) {
      if (failed(linalg::lowerUnPack(rewriter, unpack)))
        return failure();
      continue;
    }
    // One mr x nr block per tile, written with a mask at the edges (that
    // drops the padding).
    int64_t rank = unpack.getDestRank();
    SmallVector<int64_t> sizes(rank, 1);
    ArrayRef<int64_t> destShape = unpack.getDestType().getShape();
    for (auto [pos, size] : llvm::zip_equal(unpack.getInnerDimsPos(),
                                            unpack.getStaticInnerTiles()))
      sizes[pos] = std::min<int64_t>(size, destShape[pos]);
    SmallVector<int64_t> vectorSizes(rank, 1);
    llvm::append_range(vectorSizes, unpack.getStaticInnerTiles());
    if (failed(vectorizeTiled(rewriter, unpack, sizes, vectorSizes, threads)))
      return failure();
  }
  return success();
}

/// A tensor.empty whose sizes depend on enclosing loops (an unpack's
/// partial tile: where the result's extent is below the kernel's tile,
/// upstream's tiling writes the whole tile into a new tensor and slices it)
/// becomes a slice of one sized by their upper bounds (upstream
/// `tensor::buildIndependentOp`), which bufferizes to a buffer the memory
/// plan places, not a malloc in the loop.
void boundEmptyTensors(RewriterBase &rewriter, func::FuncOp func) {
  SmallVector<tensor::EmptyOp> empties;
  func.walk([&](tensor::EmptyOp empty) {
    if (!empty.getType().hasStaticShape())
      empties.push_back(empty);
  });
  for (tensor::EmptyOp empty : empties) {
    SmallVector<Value> inductionVars;
    for (auto loop = empty->getParentOfType<LoopLikeOpInterface>(); loop;
         loop = loop->getParentOfType<LoopLikeOpInterface>())
      if (std::optional<SmallVector<Value>> ivs = loop.getLoopInductionVars())
        llvm::append_range(inductionVars, *ivs);
    if (inductionVars.empty())
      continue;
    rewriter.setInsertionPoint(empty);
    FailureOr<Value> bounded =
        tensor::buildIndependentOp(rewriter, empty, inductionVars);
    if (succeeded(bounded) && *bounded != empty.getResult())
      rewriter.replaceOp(empty, *bounded);
  }
}

struct TLCpuContractionsPass
    : tlc::impl::TLCpuContractionsBase<TLCpuContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      op = withInnermostN(rewriter, op);
      Type elementType = getElementTypeOrSelf(op.getDpsInits()[0].getType());
      // The m and n dimensions blockPackMatmul tiles: the innermost ones.
      FailureOr<linalg::ContractionDimensions> dims =
          linalg::inferContractionDims(op);
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      // k-block is in 32-bit elements: the same bytes of A (a block of A
      // stays in L2) and of B's panel (in L1) for wider types.
      int64_t blockK = std::max<int64_t>(
          1, kBlock * 32 /
                 std::max<int64_t>(32, elementType.getIntOrFloatBitWidth()));
      int64_t k = 1;
      for (unsigned d : dims->k)
        k *= ranges[d];
      KernelShape shape = kernelShape(elementType, vectorBits, vectorRegisters,
                                      mr, nrVectors, ranges[dims->m.back()],
                                      ranges[dims->n.back()], k <= blockK);
      Location loc = op.getLoc();
      // A failure part-way leaves valid IR (each step replaces whole ops),
      // only less optimised; it is a bug in these choices, not an input error.
      if (failed(codegen(rewriter, op, shape, blockK, threads))) {
        emitRemark(loc, "tl-cpu-contractions: contraction left unvectorized");
      }
    }
    boundEmptyTensors(rewriter, getOperation());
    if (threads)
      splitLargeReductions(rewriter);
    // The packing tiles' masked transfers take their masks as operands now:
    // canonicalization would fold a tensor.cast into a vector.mask region,
    // which then holds two ops and fails to verify.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns),
                                  GreedyRewriteConfig().enableFolding(false))))
      return signalPassFailure();
  }

  /// A float reduction with no parallel dimension (a sum of everything)
  /// over at least 1 MiB becomes 16 partial reductions and a combining one
  /// (upstream `linalg::splitReduction`), so that tl-parallel-loops can run
  /// the partials on threads.
  void splitLargeReductions(RewriterBase &rewriter) {
    SmallVector<linalg::GenericOp> reductions;
    getOperation().walk([&](linalg::GenericOp op) {
      if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
          op.getNumDpsInits() != 1 || op.getNumLoops() != 1 ||
          op.getNumParallelLoops() != 0)
        return;
      if (isa<FloatType>(getElementTypeOrSelf(op.getDpsInputs()[0])) &&
          op.getStaticLoopRanges()[0] % 16 == 0 && tlc::cpu::worthThreads(op))
        reductions.push_back(op);
    });
    for (linalg::GenericOp op : reductions) {
      rewriter.setInsertionPoint(op);
      (void)linalg::splitReduction(rewriter, op, [](linalg::LinalgOp) {
        linalg::SplitReductionOptions options;
        options.ratio = 16;
        options.index = 0;
        options.innerParallel = false;
        return options;
      });
    }
  }
};

} // namespace
