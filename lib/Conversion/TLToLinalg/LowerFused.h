//===- LowerFused.h - one loop nest per tl.fused group ----------*- C++ -*-===//
#ifndef TLC_LIB_CONVERSION_TLTOLINALG_LOWERFUSED_H
#define TLC_LIB_CONVERSION_TLTOLINALG_LOWERFUSED_H

namespace mlir {
class RewriterBase;
} // namespace mlir

namespace tlc::tl {
class FusedOp;
} // namespace tlc::tl

namespace tlc {
/// Fuses the linalg ops in the body of `op` (its tl ops already lowered by
/// tl-to-linalg) into as few loop nests as it can, one for the groups
/// tl-fuse forms, and inlines the body in place of `op`.
void lowerFusedGroup(mlir::RewriterBase &rewriter, tl::FusedOp op);
} // namespace tlc

#endif
