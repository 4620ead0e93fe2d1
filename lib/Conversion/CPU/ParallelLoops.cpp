//===- ParallelLoops.cpp - threads for large memory-bound ops -------------===//

#include "Threading.h"
#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"

namespace tlc {
#define GEN_PASS_DEF_TLPARALLELLOOPS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

/// A generic on memrefs whose outer loop is parallel, large enough for
/// threads, and not already inside a parallel loop.
bool distributable(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
      op->getParentOfType<scf::ParallelOp>() ||
      op->getParentOfType<scf::ForallOp>())
    return false;
  int64_t trips = op.getStaticLoopRanges()[0];
  return !ShapedType::isDynamic(trips) && trips >= 2 &&
         tlc::cpu::worthThreads(op);
}

/// A loop over `rows` before `op` (an scf.parallel where `op` is large
/// enough for threads), leaving the rewriter in its body; returns the row.
Value openRowLoop(RewriterBase &rewriter, Operation *op, int64_t rows) {
  Location loc = op->getLoc();
  rewriter.setInsertionPoint(op);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value count = arith::ConstantIndexOp::create(rewriter, loc, rows);
  if (tlc::cpu::worthThreads(op)) {
    auto loop = scf::ParallelOp::create(rewriter, loc, ValueRange{zero},
                                        ValueRange{count}, ValueRange{one});
    rewriter.setInsertionPoint(loop.getBody()->getTerminator());
    return loop.getInductionVars()[0];
  }
  auto loop = scf::ForOp::create(rewriter, loc, zero, count, one);
  rewriter.setInsertionPoint(loop.getBody()->getTerminator());
  return loop.getInductionVar();
}

/// The address of element `indices` of a memref of Booleans, one byte each.
/// Written with LLVM-dialect pointers because no memref op views an i1
/// buffer as the i8 bytes it is; a vector of 64 bytes loaded from there can
/// be compared to zero and bitcast to a word (vptestmb + kmovq on AVX-512)
/// instead of 64 shifts.
Value bytePointer(OpBuilder &b, Location loc, Value memref,
                  ValueRange indices) {
  auto meta = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value at = meta.getOffset();
  for (auto [index, stride] : llvm::zip_equal(indices, meta.getStrides()))
    at = arith::AddIOp::create(b, loc, at,
                               arith::MulIOp::create(b, loc, index, stride));
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  Value address = arith::IndexCastUIOp::create(
      b, loc, b.getI64Type(), arith::AddIOp::create(b, loc, base, at));
  return LLVM::IntToPtrOp::create(
      b, loc, LLVM::LLVMPointerType::get(b.getContext()), address);
}

/// The 64 Booleans from `pointer` as a word (bit j: Boolean j).
Value loadWord(OpBuilder &b, Location loc, Value pointer) {
  auto bytesType = VectorType::get({64}, b.getI8Type());
  Value bytes = LLVM::LoadOp::create(b, loc, bytesType, pointer, 1);
  Value zeros = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(bytesType, APInt(8, 0)));
  Value set =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, bytes, zeros);
  Value word = vector::BitCastOp::create(
      b, loc, VectorType::get({1}, b.getI64Type()), set);
  return vector::ExtractOp::create(b, loc, word, ArrayRef<int64_t>{0});
}

/// Stores `word`'s 64 bits as 64 Booleans, one byte each, at `pointer`.
void storeWordAsBytes(OpBuilder &b, Location loc, Value word, Value pointer) {
  Value set = vector::BitCastOp::create(
      b, loc, VectorType::get({64}, b.getI1Type()),
      vector::BroadcastOp::create(b, loc, VectorType::get({1}, b.getI64Type()),
                                  word));
  Value bytes =
      arith::ExtUIOp::create(b, loc, VectorType::get({64}, b.getI8Type()), set);
  LLVM::StoreOp::create(b, loc, bytes, pointer, 1);
}

/// Whether a Boolean memref's last dimension is contiguous.
bool bytesContiguous(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  return type.getElementType().isInteger(1) && type.isLastDimUnitStride() &&
         type.getRank() >= 1;
}

/// The loop openRowLoop opened before `op`, from its row index `row`.
Operation *rowLoop(Operation *op, Value row) {
  return op->getBlock()->findAncestorOpInBlock(
      *cast<BlockArgument>(row).getOwner()->getParentOp());
}

/// Erases the op that last wrote all of `buffer` before `overwriter` (a
/// fill, or a copy into it) where nothing reads `buffer` in between:
/// `overwriter` is about to become loops that write every element of it
/// without reading it. (A sparse product's fill of R and the copy of
/// zeros into B's words were 5% of its time.) The memory plan gives
/// `buffer`'s bytes to no other buffer while it is live, so only users of
/// `buffer` itself can read them.
void eraseDeadInit(Value buffer, Operation *overwriter) {
  Block *block = overwriter->getBlock();
  Operation *last = nullptr;
  for (Operation *user : buffer.getUsers()) {
    // A use nested in an op of this block counts as that op's.
    Operation *at = block->findAncestorOpInBlock(*user);
    if (!at)
      return;
    if (at->isBeforeInBlock(overwriter) && (!last || last->isBeforeInBlock(at)))
      last = at;
  }
  bool writesAll = false;
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(last))
    writesAll = fill.getOutputs()[0] == buffer;
  else if (auto copy = dyn_cast_or_null<memref::CopyOp>(last))
    writesAll = copy.getTarget() == buffer;
  if (writesAll)
    last->erase();
}

/// Whether a pack's or unpack's Booleans can be taken 64 bytes at a time.
bool bytesAsWords(linalg::GenericOp op) {
  bool pack = op->hasAttr(tlc::kBitPackAttr);
  Value bools = pack ? op.getDpsInputs()[0] : op.getDpsInits()[0];
  Value words = pack ? op.getDpsInits()[0] : op.getDpsInputs()[0];
  return bytesContiguous(bools) &&
         cast<MemRefType>(words.getType()).hasStaticShape() &&
         cast<MemRefType>(bools.getType()).getShape().back() == 64;
}

/// The loops of a pack (`tl.bitpack`: words[y, w] = Booleans[y, w, 0..63])
/// or an unpack (`tl.bitunpack`), 64 Booleans per vector; on threads where
/// large.
LogicalResult lowerBitPackOrUnpack(RewriterBase &rewriter,
                                   linalg::GenericOp op) {
  bool pack = op->hasAttr(tlc::kBitPackAttr);
  Value in = op.getDpsInputs()[0], out = op.getDpsInits()[0];
  Value bools = pack ? in : out, words = pack ? out : in;
  auto wordsType = cast<MemRefType>(words.getType());
  if (!bytesAsWords(op))
    return failure();
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  Value zero = index(0), one = index(1);
  Value row = openRowLoop(rewriter, op, wordsType.getDimSize(0));
  auto cols = scf::ForOp::create(rewriter, loc, zero,
                                 index(wordsType.getDimSize(1)), one);
  rewriter.setInsertionPoint(cols.getBody()->getTerminator());
  Value w = cols.getInductionVar();
  Value pointer = bytePointer(rewriter, loc, bools, ValueRange{row, w, zero});
  if (pack) {
    memref::StoreOp::create(rewriter, loc, loadWord(rewriter, loc, pointer),
                            words, ValueRange{row, w});
    eraseDeadInit(words, rowLoop(op, row));
  } else {
    storeWordAsBytes(
        rewriter, loc,
        memref::LoadOp::create(rewriter, loc, words, ValueRange{row, w}),
        pointer);
  }
  rewriter.eraseOp(op);
  return success();
}

/// Rows of R up to this many words (8 zmm registers) are kept in registers.
constexpr int64_t kMaxRegisterWords = 64;

/// The unpack of `r` into Booleans that follows `product`, where it can take
/// the product's rows from registers instead: the only other accesses of
/// `r` are before the product (its initialisation), nothing between the
/// two touches the Booleans, and they exist where the product runs (a view
/// of them made after it is moved before it, the one change this makes).
linalg::GenericOp fusableUnpack(Value r, linalg::GenericOp product) {
  linalg::GenericOp unpack;
  for (Operation *user : r.getUsers()) {
    if (user == product)
      continue;
    auto generic = dyn_cast<linalg::GenericOp>(user);
    if (generic && generic->hasAttr(tlc::kBitUnpackAttr) && !unpack &&
        generic->getBlock() == product->getBlock() &&
        product->isBeforeInBlock(generic))
      unpack = generic;
    else if (user->getBlock() != product->getBlock() ||
             !user->isBeforeInBlock(product))
      return {};
  }
  if (!unpack || !bytesAsWords(unpack))
    return {};
  Value bools = unpack.getDpsInits()[0];
  for (Operation *user : bools.getUsers()) {
    Operation *at = product->getBlock()->findAncestorOpInBlock(*user);
    if (!at || (at != unpack && product->isBeforeInBlock(at) &&
                at->isBeforeInBlock(unpack)))
      return {};
  }
  DominanceInfo dominance(product->getParentOp());
  if (!dominance.properlyDominates(bools, product)) {
    // A view of the result made after the product (bufferization puts the
    // expand_shape by its user) moves before it.
    Operation *view = bools.getDefiningOp();
    if (!view || view->getBlock() != product->getBlock() ||
        !isMemoryEffectFree(view) || view->getNumRegions() ||
        !llvm::all_of(view->getOperands(), [&](Value v) {
          return dominance.properlyDominates(v, product);
        }))
      return {};
    view->moveBefore(product);
  }
  return unpack;
}

/// The word-level product of a bit-packed Boolean product as loops that
/// skip what A does not select:
///   parallel x { for y { if A[x, y] { for w { R[x, w] |= B[y, w] } } } }
/// (a generic cannot branch around its inner loop; LLVM vectorizes the loop
/// over words). Rows of up to 64 words stay in registers from zero and are
/// stored whole (R's fill is then dead); longer ones OR into R, which is
/// already zero. Small products keep a plain loop over x.
void lowerBitPackedProduct(RewriterBase &rewriter, linalg::GenericOp op,
                           unsigned indexBits) {
  Location loc = op.getLoc();
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value r = op.getDpsInits()[0];
  auto rType = cast<MemRefType>(r.getType());
  auto aType = cast<MemRefType>(a.getType());
  rewriter.setInsertionPoint(op);
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  Value zero = index(0), one = index(1);
  int64_t numY = aType.getDimSize(1), words = rType.getDimSize(1);
  linalg::GenericOp unpack;
  if (words <= kMaxRegisterWords)
    unpack = fusableUnpack(r, op);
  Value x = openRowLoop(rewriter, op, rType.getDimSize(0));
  if (words <= kMaxRegisterWords) {
    // R's row stays in registers; A's row is taken 64 relations at a time as
    // a word whose set bits are visited in order (count trailing zeros),
    // as a hand-written bit-set product does.
    Type i64 = rewriter.getI64Type();
    auto rowType = VectorType::get({words}, i64);
    Value none = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(rowType, APInt(64, 0)));
    Value zeroWord =
        arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(0));
    Value oneWord =
        arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(1));
    int64_t numChunks = llvm::divideCeil(numY, 64);
    // The word of A[x, base .. base + 63]: one vector of 64 bytes where A's
    // rows are whole words, else bit by bit.
    auto wordOfA = [&](Value base) -> Value {
      if (numY % 64 == 0 && bytesContiguous(a))
        return loadWord(rewriter, loc,
                        bytePointer(rewriter, loc, a, ValueRange{x, base}));
      Value count = arith::MinSIOp::create(
          rewriter, loc, index(64),
          arith::SubIOp::create(rewriter, loc, index(numY), base));
      auto bitsLoop = scf::ForOp::create(rewriter, loc, zero, count, one,
                                         ValueRange{zeroWord});
      OpBuilder::InsertionGuard inner(rewriter);
      rewriter.setInsertionPointToStart(bitsLoop.getBody());
      Value j = bitsLoop.getInductionVar();
      Value y = arith::AddIOp::create(rewriter, loc, base, j);
      Value bit = arith::ExtUIOp::create(
          rewriter, loc, i64,
          memref::LoadOp::create(rewriter, loc, a, ValueRange{x, y}));
      Value shift = arith::IndexCastUIOp::create(rewriter, loc, i64, j);
      Value word = arith::OrIOp::create(
          rewriter, loc, bitsLoop.getRegionIterArg(0),
          arith::ShLIOp::create(rewriter, loc, bit, shift));
      scf::YieldOp::create(rewriter, loc, word);
      return bitsLoop.getResult(0);
    };
    // A loop over A's row 64 relations at a time, carrying `init`: `body`
    // gets the chunk's first relation and the carried value, and returns
    // the next one.
    auto forEachChunk = [&](Value init,
                            function_ref<Value(Value, Value)> body) -> Value {
      auto chunks = scf::ForOp::create(rewriter, loc, zero, index(numChunks),
                                       one, ValueRange{init});
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(chunks.getBody());
      Value base = arith::MulIOp::create(rewriter, loc,
                                         chunks.getInductionVar(), index(64));
      scf::YieldOp::create(rewriter, loc,
                           body(base, chunks.getRegionIterArg(0)));
      return chunks.getResult(0);
    };
    // acc | B[y] for y = base + the positions of bitsWord's set bits.
    auto orSelectedRows = [&](Value base, Value bitsWord, Value acc) {
      auto visit = scf::WhileOp::create(
          rewriter, loc, TypeRange{i64, rowType}, ValueRange{bitsWord, acc},
          [&](OpBuilder &bb, Location l, ValueRange args) {
            Value more = arith::CmpIOp::create(bb, l, arith::CmpIPredicate::ne,
                                               args[0], zeroWord);
            scf::ConditionOp::create(bb, l, more, args);
          },
          [&](OpBuilder &bb, Location l, ValueRange args) {
            Value low = math::CountTrailingZerosOp::create(bb, l, args[0]);
            Value y = arith::AddIOp::create(
                bb, l, base,
                arith::IndexCastUIOp::create(bb, l, bb.getIndexType(), low));
            Value row =
                vector::LoadOp::create(bb, l, rowType, b, ValueRange{y, zero});
            Value acc = arith::OrIOp::create(bb, l, args[1], row);
            Value rest = arith::AndIOp::create(
                bb, l, args[0], arith::SubIOp::create(bb, l, args[0], oneWord));
            scf::YieldOp::create(bb, l, ValueRange{rest, acc});
          });
      return visit.getResult(1);
    };
    // Indices of 16 bits index up to 32768 relations, and a list takes at
    // most 64 KiB of stack.
    unsigned bits = indexBits == 16 && numY > 32768 ? 32 : indexBits;
    if (bits == 32 && numY > 16384)
      bits = 0;
    Value product;
    if (bits == 16 || bits == 32) {
      // The positions of the row's set bits, gathered 512 bits of indices
      // at a time by compressing stores, then one loop over them: its
      // trip count is mispredicted once per row, the word loops' once per
      // word.
      int64_t lanes = 512 / bits;
      Type indexType = rewriter.getIntegerType(bits);
      auto laneType = VectorType::get({lanes}, indexType);
      // The list is allocated once per thread: before a sequential row
      // loop, or at the top of a parallel one's body, which
      // convert-scf-to-openmp wraps in an alloca scope and
      // tl-omp-hoist-allocas then moves out of the worksharing loop.
      Value list;
      {
        OpBuilder::InsertionGuard guard(rewriter);
        Operation *rows = rowLoop(op, x);
        if (auto parallel = dyn_cast<scf::ParallelOp>(rows))
          rewriter.setInsertionPointToStart(parallel.getBody());
        else
          rewriter.setInsertionPoint(rows);
        list = memref::AllocaOp::create(
            rewriter, loc, MemRefType::get({numChunks * 64}, indexType));
      }
      SmallVector<APInt> offsets;
      for (int64_t lane = 0; lane < lanes; ++lane)
        offsets.push_back(APInt(bits, lane));
      Value laneOffsets = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(laneType, offsets));
      Value count = forEachChunk(zero, [&](Value base, Value count) {
        Value bitsWord = wordOfA(base);
        Value selected = vector::BitCastOp::create(
            rewriter, loc, VectorType::get({64}, rewriter.getI1Type()),
            vector::BroadcastOp::create(rewriter, loc,
                                        VectorType::get({1}, i64), bitsWord));
        for (int64_t first = 0; first < 64; first += lanes) {
          Value mask = vector::ExtractStridedSliceOp::create(
              rewriter, loc, selected, ArrayRef<int64_t>{first},
              ArrayRef<int64_t>{lanes}, ArrayRef<int64_t>{1});
          Value start = arith::IndexCastUIOp::create(
              rewriter, loc, indexType,
              arith::AddIOp::create(rewriter, loc, base, index(first)));
          Value positions = arith::AddIOp::create(
              rewriter, loc, laneOffsets,
              vector::BroadcastOp::create(rewriter, loc, laneType, start));
          // The builder with an IntegerAttr alignment: MLIR 22's one with a
          // MaybeAlign passes the mask and the value swapped.
          vector::CompressStoreOp::create(rewriter, loc, list,
                                          ValueRange{count}, mask, positions,
                                          IntegerAttr());
          Value part = arith::AndIOp::create(
              rewriter, loc,
              arith::ShRUIOp::create(
                  rewriter, loc, bitsWord,
                  arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getI64IntegerAttr(first))),
              arith::ConstantOp::create(
                  rewriter, loc,
                  rewriter.getI64IntegerAttr((int64_t(1) << lanes) - 1)));
          count = arith::AddIOp::create(
              rewriter, loc, count,
              arith::IndexCastUIOp::create(
                  rewriter, loc, rewriter.getIndexType(),
                  math::CtPopOp::create(rewriter, loc, part)));
        }
        return count;
      });
      // acc | B[list[t]] over t in [from, to), `step` rows per iteration
      // ORed as a tree, so that consecutive rows do not wait on each other
      // (and LLVM fuses pairs of ORs into one vpternlogq). Upstream's
      // loopUnrollByFactor chains the ORs instead: 1.76 against 1.74 ms at
      // 50% density on 2 threads.
      auto orListedRows = [&](Value from, Value to, int64_t step,
                              Value acc) -> Value {
        auto loop = scf::ForOp::create(rewriter, loc, from, to, index(step),
                                       ValueRange{acc});
        OpBuilder::InsertionGuard guard(rewriter);
        rewriter.setInsertionPointToStart(loop.getBody());
        SmallVector<Value> rows;
        for (int64_t k = 0; k < step; ++k) {
          Value t = arith::AddIOp::create(rewriter, loc, loop.getInductionVar(),
                                          index(k));
          Value y = arith::IndexCastUIOp::create(
              rewriter, loc, rewriter.getIndexType(),
              memref::LoadOp::create(rewriter, loc, list, ValueRange{t}));
          rows.push_back(vector::LoadOp::create(rewriter, loc, rowType, b,
                                                ValueRange{y, zero}));
        }
        while (rows.size() > 1) {
          SmallVector<Value> pairs;
          for (size_t k = 0; k + 1 < rows.size(); k += 2)
            pairs.push_back(
                arith::OrIOp::create(rewriter, loc, rows[k], rows[k + 1]));
          if (rows.size() % 2)
            pairs.push_back(rows.back());
          rows = pairs;
        }
        scf::YieldOp::create(rewriter, loc,
                             arith::OrIOp::create(rewriter, loc,
                                                  loop.getRegionIterArg(0),
                                                  rows.front())
                                 .getResult());
        return loop.getResult(0);
      };
      // Four rows per iteration (LLVM's loop unroller is off for tlc's
      // code, docs/performance.md; at 50% density a row's list holds a
      // thousand entries), then the rest one by one.
      Value whole = arith::MulIOp::create(
          rewriter, loc, arith::DivUIOp::create(rewriter, loc, count, index(4)),
          index(4));
      product =
          orListedRows(whole, count, 1, orListedRows(zero, whole, 4, none));
    } else {
      product = forEachChunk(none, [&](Value base, Value acc) {
        return orSelectedRows(base, wordOfA(base), acc);
      });
    }
    // R's words go straight to the result's bytes where an unpack follows
    // (one pass over R fewer), else to R.
    if (unpack) {
      Value bools = unpack.getDpsInits()[0];
      for (int64_t w = 0; w < words; ++w)
        storeWordAsBytes(
            rewriter, loc, vector::ExtractOp::create(rewriter, loc, product, w),
            bytePointer(rewriter, loc, bools, ValueRange{x, index(w), zero}));
      rewriter.eraseOp(unpack);
    } else {
      vector::StoreOp::create(rewriter, loc, product, r, ValueRange{x, zero});
    }
    eraseDeadInit(r, rowLoop(op, x));
    rewriter.eraseOp(op);
    return;
  }
  auto ys =
      scf::ForOp::create(rewriter, loc, zero, index(aType.getDimSize(1)), one);
  rewriter.setInsertionPoint(ys.getBody()->getTerminator());
  Value y = ys.getInductionVar();
  Value selected = memref::LoadOp::create(rewriter, loc, a, ValueRange{x, y});
  auto branch = scf::IfOp::create(rewriter, loc, selected,
                                  /*withElseRegion=*/false);
  rewriter.setInsertionPoint(branch.thenBlock()->getTerminator());
  auto ws =
      scf::ForOp::create(rewriter, loc, zero, index(rType.getDimSize(1)), one);
  rewriter.setInsertionPoint(ws.getBody()->getTerminator());
  Value w = ws.getInductionVar();
  Value acc = memref::LoadOp::create(rewriter, loc, r, ValueRange{x, w});
  Value word = memref::LoadOp::create(rewriter, loc, b, ValueRange{y, w});
  Value ored = arith::OrIOp::create(rewriter, loc, acc, word);
  memref::StoreOp::create(rewriter, loc, ored, r, ValueRange{x, w});
  rewriter.eraseOp(op);
}

struct TLParallelLoopsPass
    : tlc::impl::TLParallelLoopsBase<TLParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (setBitIndexBits != 0 && setBitIndexBits != 16 &&
        setBitIndexBits != 32) {
      getOperation().emitError("tl-parallel-loops: set-bit-index-bits must "
                               "be 0, 16 or 32, not ")
          << unsigned(setBitIndexBits);
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> products;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(tlc::kBitPackedProductAttr) &&
          op.hasPureBufferSemantics())
        products.push_back(op);
    });
    {
      IRRewriter rewriter(&getContext());
      // Packing and unpacking relations: 64 Booleans per vector (left to
      // the loops below where the layout does not allow it). Before the
      // products, so that a copy of R's zeros into B's words, which the
      // pack makes dead, no longer keeps R's fill alive.
      SmallVector<linalg::GenericOp> packs;
      getOperation().walk([&](linalg::GenericOp op) {
        if ((op->hasAttr(tlc::kBitPackAttr) ||
             op->hasAttr(tlc::kBitUnpackAttr)) &&
            op.hasPureBufferSemantics())
          packs.push_back(op);
      });
      for (linalg::GenericOp op : packs)
        if (op->hasAttr(tlc::kBitPackAttr))
          (void)lowerBitPackOrUnpack(rewriter, op);
      // Products before the unpacks: a product may take its unpack over.
      for (linalg::GenericOp op : products)
        lowerBitPackedProduct(rewriter, op, setBitIndexBits);
      packs.clear();
      getOperation().walk([&](linalg::GenericOp op) {
        if (op->hasAttr(tlc::kBitUnpackAttr) && op.hasPureBufferSemantics())
          packs.push_back(op);
      });
      for (linalg::GenericOp op : packs)
        (void)lowerBitPackOrUnpack(rewriter, op);
    }
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (distributable(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : ops) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::LinalgLoops> loops =
          linalg::linalgOpToLoops(rewriter, op);
      if (failed(loops) || loops->empty())
        continue;
      rewriter.eraseOp(op);
      auto outer = dyn_cast<scf::ForOp>(loops->front());
      if (!outer || outer.getNumRegionIterArgs() != 0)
        continue;
      // The same loop as an scf.parallel: its iterations write disjoint
      // parts of the outputs (the loop is a parallel dimension).
      rewriter.setInsertionPoint(outer);
      auto parallel = scf::ParallelOp::create(
          rewriter, outer.getLoc(), ValueRange{outer.getLowerBound()},
          ValueRange{outer.getUpperBound()}, ValueRange{outer.getStep()});
      Block *body = parallel.getBody();
      rewriter.eraseOp(body->getTerminator());
      rewriter.mergeBlocks(outer.getBody(), body,
                           ValueRange{parallel.getInductionVars()[0]});
      // scf.for's yield becomes scf.parallel's reduce terminator.
      Operation *yield = body->getTerminator();
      rewriter.setInsertionPoint(yield);
      scf::ReduceOp::create(rewriter, yield->getLoc());
      rewriter.eraseOp(yield);
      rewriter.eraseOp(outer);
    }
  }
};

} // namespace
