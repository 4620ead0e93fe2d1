//===- FlattenVectors.cpp - packing and kernel tiles as 2-D vectors -------===//
//
// Upstream patterns, applied to the ops around each transpose rather than
// to the whole function (see the pass description), and two of our own:
// upstream pads no transpose to whole blocks, and its lowering of a read
// with broadcast dimensions (permutation-map lowering, then unrolling)
// keeps the unit dimension inside the broadcast one.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace tlc {
#define GEN_PASS_DEF_TLFLATTENVECTORS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {
/// 8x8 blocks of a 2-D transpose larger than that whose sides are
/// multiples of 8.
std::optional<SmallVector<int64_t>> transposeBlock(Operation *op) {
  auto transpose = dyn_cast<vector::TransposeOp>(op);
  if (!transpose)
    return std::nullopt;
  VectorType type = transpose.getSourceVectorType();
  if (type.getRank() != 2 || type.isScalable() ||
      (type.getDimSize(0) == 8 && type.getDimSize(1) == 8) ||
      type.getDimSize(0) % 8 || type.getDimSize(1) % 8)
    return std::nullopt;
  return SmallVector<int64_t>{8, 8};
}

/// A 2-D tile whose sides are not multiples of 8 (a 10-row kernel's pack)
/// is read and written as the next multiple, the extra rows and columns
/// out of bounds (masked): LLVM selected shuffles of `<10 x float>` slowly
/// (a third of chain3's compile time), and 8x8 blocks then apply.
struct PadTransposedTile : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    VectorType type = transpose.getSourceVectorType();
    if (type.getRank() != 2 || type.isScalable() || !transpose->hasOneUse())
      return failure();
    int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
    int64_t paddedRows = llvm::alignTo(rows, 8);
    int64_t paddedCols = llvm::alignTo(cols, 8);
    if (rows == paddedRows && cols == paddedCols)
      return failure();
    auto read = transpose.getVector().getDefiningOp<vector::TransferReadOp>();
    auto write = dyn_cast<vector::TransferWriteOp>(*transpose->user_begin());
    auto plain = [](VectorTransferOpInterface xfer) {
      return !xfer.getMask() && xfer.getPermutationMap().isMinorIdentity() &&
             isa<MemRefType>(xfer.getShapedType());
    };
    if (!read || !read->hasOneUse() || !write ||
        write.getVector() != transpose.getResult() || !plain(read) ||
        !plain(write))
      return failure();
    // A padded side is out of bounds; the others keep what they were.
    auto inBounds = [](VectorTransferOpInterface xfer, ArrayRef<bool> padded) {
      SmallVector<bool> result;
      for (auto [i, pad] : llvm::enumerate(padded))
        result.push_back(!pad && xfer.isDimInBounds(i));
      return result;
    };
    bool padRows = rows != paddedRows, padCols = cols != paddedCols;
    Location loc = transpose.getLoc();
    auto paddedType =
        VectorType::get({paddedRows, paddedCols}, type.getElementType());
    rewriter.setInsertionPoint(read);
    Value tile = vector::TransferReadOp::create(
        rewriter, loc, paddedType, read.getBase(), read.getIndices(),
        read.getPadding(), read.getPermutationMap(),
        inBounds(read, {padRows, padCols}));
    rewriter.setInsertionPoint(write);
    Value transposed = vector::TransposeOp::create(rewriter, loc, tile,
                                                   ArrayRef<int64_t>{1, 0});
    rewriter.replaceOpWithNewOp<vector::TransferWriteOp>(
        write, transposed, write.getBase(), write.getIndices(),
        write.getPermutationMap(), inBounds(write, {padCols, padRows}));
    rewriter.eraseOp(transpose);
    rewriter.eraseOp(read);
    return success();
  }
};

/// A kernel operand: a read that broadcasts along one side of the
/// micro-kernel's tile (A's column of `mr` values along the row, B's row of
/// `nr` values down the tile), all other dimensions units, reshaped to the
/// tile. The unit K step is the read's innermost dimension, so, lowered as
/// it is, each element was its own `<1 x float>` and LLVM rebuilt every row
/// of the tile from 32 extracts and inserts (a third of the instructions
/// LLVM's InstCombine saw for attention). It becomes one 1-D read,
/// broadcast down the tile (B), or one scalar load per row, splat along it
/// (A; a `vbroadcastss` from memory on x86).
struct BroadcastOperandRead : OpRewritePattern<vector::ShapeCastOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::ShapeCastOp cast,
                                PatternRewriter &rewriter) const override {
    auto read = cast.getSource().getDefiningOp<vector::TransferReadOp>();
    if (!read || read.getMask() || read.hasOutOfBoundsDim() ||
        !isa<MemRefType>(read.getShapedType()))
      return failure();
    VectorType type = read.getVectorType();
    SmallVector<int64_t> sides;
    for (auto [i, size] : llvm::enumerate(type.getShape()))
      if (size != 1)
        sides.push_back(i);
    if (sides.size() != 2 || type.isScalable())
      return failure();
    // The memref dimension a side walks, or none where it is a broadcast.
    AffineMap map = read.getPermutationMap();
    auto walks = [&](int64_t side) -> std::optional<unsigned> {
      if (auto dim = dyn_cast<AffineDimExpr>(map.getResult(side)))
        return dim.getPosition();
      return std::nullopt;
    };
    std::optional<unsigned> rowDim = walks(sides[0]), colDim = walks(sides[1]);
    if (rowDim.has_value() == colDim.has_value())
      return failure();
    int64_t rows = type.getDimSize(sides[0]), cols = type.getDimSize(sides[1]);
    VectorType castType = cast.getResultVectorType();
    SmallVector<int64_t> castSides;
    for (int64_t size : castType.getShape())
      if (size != 1)
        castSides.push_back(size);
    if (castSides != SmallVector<int64_t>{rows, cols})
      return failure();

    Location loc = cast.getLoc();
    Type element = type.getElementType();
    auto tileType = VectorType::get({rows, cols}, element);
    auto rowType = VectorType::get({cols}, element);
    Value tile;
    if (colDim) {
      AffineMap rowMap = AffineMap::get(map.getNumDims(), 0,
                                        rewriter.getAffineDimExpr(*colDim));
      Value row = vector::TransferReadOp::create(
          rewriter, loc, rowType, read.getBase(), read.getIndices(),
          read.getPadding(), rowMap, ArrayRef<bool>{true});
      tile = vector::BroadcastOp::create(rewriter, loc, tileType, row);
    } else {
      tile = ub::PoisonOp::create(rewriter, loc, tileType);
      for (int64_t i = 0; i < rows; ++i) {
        SmallVector<Value> indices(read.getIndices());
        Value offset = arith::ConstantIndexOp::create(rewriter, loc, i);
        indices[*rowDim] =
            arith::AddIOp::create(rewriter, loc, indices[*rowDim], offset);
        Value scalar =
            memref::LoadOp::create(rewriter, loc, read.getBase(), indices);
        Value splat =
            vector::BroadcastOp::create(rewriter, loc, rowType, scalar);
        tile = vector::InsertOp::create(rewriter, loc, splat, tile, i);
      }
    }
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(cast, castType, tile);
    return success();
  }
};

/// The transposes, with the shape casts and transfers that feed and take
/// them.
SmallVector<Operation *> transposeChains(func::FuncOp func) {
  SetVector<Operation *> ops;
  func.walk([&](vector::TransposeOp transpose) {
    ops.insert(transpose);
    Operation *def = transpose.getVector().getDefiningOp();
    while (isa_and_nonnull<vector::ShapeCastOp>(def)) {
      ops.insert(def);
      def = def->getOperand(0).getDefiningOp();
    }
    if (isa_and_nonnull<vector::TransferReadOp>(def))
      ops.insert(def);
    SmallVector<Operation *> users(transpose->getUsers());
    while (!users.empty()) {
      Operation *user = users.pop_back_val();
      if (!isa<vector::ShapeCastOp, vector::TransferWriteOp>(user))
        continue;
      ops.insert(user);
      llvm::append_range(users, user->getUsers());
    }
  });
  return ops.takeVector();
}

struct TLFlattenVectorsPass
    : tlc::impl::TLFlattenVectorsBase<TLFlattenVectorsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    SmallVector<Operation *> ops = transposeChains(getOperation());
    RewritePatternSet patterns(ctx);
    vector::populateDropInnerMostUnitDimsXferOpPatterns(patterns);
    vector::populateVectorTransferDropUnitDimsPatterns(patterns);
    vector::populateDropUnitDimWithShapeCastPatterns(patterns);
    vector::ShapeCastOp::getCanonicalizationPatterns(patterns, ctx);
    vector::TransposeOp::getCanonicalizationPatterns(patterns, ctx);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(ops, std::move(patterns), config)))
      return signalPassFailure();

    RewritePatternSet blocks(ctx);
    blocks.add<PadTransposedTile, BroadcastOperandRead>(ctx);
    vector::populateVectorUnrollPatterns(
        blocks, vector::UnrollVectorOptions()
                    .setNativeShapeFn(transposeBlock)
                    .setFilterConstraint([](Operation *op) {
                      return success(transposeBlock(op).has_value());
                    }));
    if (failed(applyPatternsGreedily(getOperation(), std::move(blocks))))
      signalPassFailure();
  }
};
} // namespace
