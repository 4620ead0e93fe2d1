//===- TL.h - TensorLogic dialect ---------------------------------*- C++ -*-===//
#ifndef TLC_DIALECT_TL_IR_TL_H
#define TLC_DIALECT_TL_IR_TL_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "tlc/Dialect/TL/IR/EinsumSpec.h"

#include "tlc/Dialect/TL/IR/TLOpsDialect.h.inc"
#include "tlc/Dialect/TL/IR/TLEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tlc/Dialect/TL/IR/TLAttrs.h.inc"

#define GET_OP_CLASSES
#include "tlc/Dialect/TL/IR/TLOps.h.inc"

namespace tlc::tl {
/// The loop nest of an einsum: its spec bound to its operand shapes
/// (std::nullopt with `error` set if they do not fit).
std::optional<EinsumProblem> bindEinsum(EinsumOp op, std::string &error);
/// The loop nest of a map (see bindMapSpec).
std::optional<EinsumProblem> bindMap(MapOp op, std::string &error);
/// The element types tl ops accept: f32, f64, i32, i64, i1.
bool isSupportedElementType(mlir::Type type);
/// Name of a supported element type as the C header and diagnostics spell it.
llvm::StringRef elementTypeName(mlir::Type type);
/// Unit result attribute of an entry point marking its run-time status: a
/// tensor<i1> (a tl.fixpoint's convergence flag) that becomes the C entry
/// point's return code (0 when true, 1 when false) instead of an output.
inline constexpr llvm::StringLiteral kStatusAttrName = "tl.status";
/// Argument attribute: the first dimension is the batch size (`?` in a .tl
/// declaration), specialised to a number when the program was generated.
inline constexpr llvm::StringLiteral kBatchedAttrName = "tl.batched";
/// Function attributes of the chunk and one-row copies tlc makes of an
/// entry point with a batch dimension (see tl-batch-entries): the C symbol
/// base of the entry point, the rows the copy computes, and per buffer
/// argument the bytes of one batch row (0: not batched).
inline constexpr llvm::StringLiteral kBatchEntryAttr = "tl.batch_entry";
inline constexpr llvm::StringLiteral kBatchSizeAttr = "tl.batch_size";
inline constexpr llvm::StringLiteral kBatchRowsAttr = "tl.batch_rows";

/// Whether every tensor operand and result of `op` has a static shape.
bool hasStaticShapes(mlir::Operation *op);
/// Fails, with an error at the first op under `root` that has a `?` (batch)
/// dimension, saying that `pass` needs them specialised first.
mlir::LogicalResult requireStaticShapes(mlir::Operation *root,
                                        llvm::StringRef pass);
} // namespace tlc::tl

#endif // TLC_DIALECT_TL_IR_TL_H
