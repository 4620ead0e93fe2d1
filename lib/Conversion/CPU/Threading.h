//===- Threading.h - when CPU code is worth running on threads ---*- C++
//-*-===//
//
// One rule for every place the CPU pipeline decides to fork: an op that
// touches at least kParallelBytes (its operands together) is memory-bound
// work worth splitting over cores; below that, forking costs more than it
// saves.
//
//===----------------------------------------------------------------------===//
#ifndef TLC_LIB_CONVERSION_CPU_THREADING_H
#define TLC_LIB_CONVERSION_CPU_THREADING_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <algorithm>
#include <optional>

namespace tlc::cpu {

constexpr int64_t kParallelBytes = int64_t(1) << 20;

/// Bytes of all operands of `op` (tensors or memrefs of numbers, i1 one byte
/// each; scalars, such as a pack's padding value, count nothing), or nullopt
/// if one is dynamic or not a shaped number.
inline std::optional<int64_t> operandBytes(mlir::Operation *op) {
  int64_t bytes = 0;
  for (mlir::Value v : op->getOperands()) {
    if (v.getType().isIntOrIndexOrFloat())
      continue;
    auto type = mlir::dyn_cast<mlir::ShapedType>(v.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isIntOrFloat())
      return std::nullopt;
    bytes += type.getNumElements() *
             std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
  }
  return bytes;
}

/// Whether `op` is large enough to run on threads.
inline bool worthThreads(mlir::Operation *op) {
  std::optional<int64_t> bytes = operandBytes(op);
  return bytes && *bytes >= kParallelBytes;
}

} // namespace tlc::cpu

#endif // TLC_LIB_CONVERSION_CPU_THREADING_H
