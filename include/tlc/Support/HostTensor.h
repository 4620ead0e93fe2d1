//===- HostTensor.h - dense host buffers and .npy I/O -------------*- C++ -*-===//
#ifndef TLC_SUPPORT_HOSTTENSOR_H
#define TLC_SUPPORT_HOSTTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class DenseElementsAttr;
class Type;
class MLIRContext;
} // namespace mlir

namespace tlc {

/// Element types of tl tensors. Booleans (i1) take one byte, 0 or 1, as in
/// numpy.
enum class DType { f32, f64, i32, i64, i1 };

/// Bytes per element.
size_t dtypeSize(DType dtype);
/// "f32", "f64", "i32", "i64", "i1".
llvm::StringRef dtypeName(DType dtype);
/// DType of a tl element type, or std::nullopt if unsupported.
std::optional<DType> dtypeOf(mlir::Type type);
/// The MLIR element type of a DType.
mlir::Type mlirTypeOf(DType dtype, mlir::MLIRContext *ctx);

/// A dense, row-major (C order) tensor in host memory.
struct HostTensor {
  DType dtype = DType::f32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  HostTensor() = default;
  /// Zero-filled tensor.
  HostTensor(DType dtype, llvm::ArrayRef<int64_t> shape);

  int64_t numElements() const;
  size_t sizeInBytes() const { return bytes.size(); }
  void *data() { return bytes.data(); }
  const void *data() const { return bytes.data(); }
  template <typename T> T *as() { return reinterpret_cast<T *>(bytes.data()); }
  template <typename T> const T *as() const {
    return reinterpret_cast<const T *>(bytes.data());
  }
  /// Element `i` (flat index) converted to double (Booleans are 0/1).
  double getAsDouble(int64_t i) const;
  /// "f32[2, 3]".
  std::string typeString() const;
};

/// The tensor as a dense attribute of type tensor<shape x element type>.
mlir::DenseElementsAttr toElementsAttr(const HostTensor &tensor,
                                       mlir::MLIRContext *ctx);

/// Reads a .npy file (format 1.0/2.0/3.0; little-endian float32, float64,
/// int32, int64 or bool; C order). Errors name the file and the problem.
llvm::Expected<HostTensor> readNpy(llvm::StringRef path);
/// Writes a .npy file (format 1.0, C order).
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &tensor);

} // namespace tlc

#endif // TLC_SUPPORT_HOSTTENSOR_H
