//===- Passes.h - graph passes on the tl dialect ------------------*- C++ -*-===//
#ifndef TLC_DIALECT_TL_TRANSFORMS_PASSES_H
#define TLC_DIALECT_TL_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Pass/Pass.h"

namespace tlc::tl {

/// The work of one tl op as `tl-graph-stats` counts it: arithmetic
/// operations, and bytes of its operands and results (none for an op inside
/// a fused group, whose values stay in registers). A `tl.fused` group's
/// flops are those of its ops.
struct OpCost {
  double flops = 0, bytes = 0;
};
OpCost costOf(mlir::Operation *op);

#define GEN_PASS_DECL
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"

} // namespace tlc::tl

#endif // TLC_DIALECT_TL_TRANSFORMS_PASSES_H
