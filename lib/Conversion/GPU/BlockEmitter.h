//===- BlockEmitter.h - block-level GPU schedules as scf.forall -*- C++ -*-===//
//
// Shared by tl-gpu-tile-contractions and tl-gpu-tile-reductions: a grid of
// blocks as an scf.forall with #gpu.block mappings, shared-memory tiles, and
// phases (thread-level scf.foralls with #gpu.thread mappings that all
// threads finish before the next starts: a barrier on the GPU). On the host
// the same phases run as loops, the grid as sequential loops, and the tiles
// are ordinary memory.
//
//===----------------------------------------------------------------------===//

#ifndef TLC_LIB_CONVERSION_GPU_BLOCKEMITTER_H
#define TLC_LIB_CONVERSION_GPU_BLOCKEMITTER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace tlc {

class BlockEmitter {
public:
  /// Blocks of threadsY x threadsX threads.
  BlockEmitter(mlir::OpBuilder &b, mlir::Location loc, bool onHost,
               int64_t threadsY, int64_t threadsX)
      : b(b), loc(loc), onHost(onHost), threadsY(threadsY), threadsX(threadsX) {
  }

  mlir::Value cst(int64_t v) {
    return mlir::arith::ConstantIndexOp::create(b, loc, v);
  }
  mlir::Value add(mlir::Value x, mlir::Value y) {
    return mlir::arith::AddIOp::create(b, loc, x, y);
  }
  mlir::Value mul(mlir::Value x, int64_t y) {
    return mlir::arith::MulIOp::create(b, loc, x, cst(y));
  }
  mlir::Value lessThan(mlir::Value x, int64_t bound) {
    return mlir::arith::CmpIOp::create(b, loc, mlir::arith::CmpIPredicate::ult,
                                       x, cst(bound));
  }
  /// Builds `body` under `if (cond)`.
  void guarded(mlir::Value cond, llvm::function_ref<void()> body);
  /// Row-major indices of `index` in a space of the given sizes.
  llvm::SmallVector<mlir::Value> delinearize(mlir::Value index,
                                             llvm::ArrayRef<int64_t> sizes);

  /// A tile of the given shape in shared memory (host memory on the host).
  mlir::Value tile(llvm::ArrayRef<int64_t> shape, mlir::Type element);
  /// Opens the grid (1 to 3 dimensions, the last on block x) and leaves the
  /// builder in the block's body (the caller keeps an InsertionGuard);
  /// `makeTiles` allocates the tiles where each block sees its own. Returns
  /// the block ids.
  llvm::SmallVector<mlir::Value> openGrid(llvm::ArrayRef<int64_t> extents,
                                          llvm::function_ref<void()> makeTiles);
  /// One phase: `body(ty, tx)` on every thread of the block.
  void phase(llvm::function_ref<void(mlir::Value, mlir::Value)> body);

protected:
  mlir::OpBuilder &b;
  mlir::Location loc;
  bool onHost;
  int64_t threadsY, threadsX;
};

} // namespace tlc

#endif // TLC_LIB_CONVERSION_GPU_BLOCKEMITTER_H
