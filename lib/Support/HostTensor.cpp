//===- HostTensor.cpp - dense host buffers and .npy I/O -------------------===//
//
// The .npy format is specified at
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
//
//===----------------------------------------------------------------------===//

#include "tlc/Support/HostTensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <cstring>

using namespace tlc;

size_t tlc::dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::f32:
  case DType::i32:
    return 4;
  case DType::f64:
  case DType::i64:
    return 8;
  case DType::i1:
    return 1;
  }
  llvm_unreachable("unknown dtype");
}

llvm::StringRef tlc::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::f32:
    return "f32";
  case DType::f64:
    return "f64";
  case DType::i32:
    return "i32";
  case DType::i64:
    return "i64";
  case DType::i1:
    return "i1";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> tlc::dtypeOf(mlir::Type type) {
  if (!type)
    return std::nullopt;
  if (type.isF32())
    return DType::f32;
  if (type.isF64())
    return DType::f64;
  if (type.isInteger(1))
    return DType::i1;
  if (type.isSignlessInteger(32))
    return DType::i32;
  if (type.isSignlessInteger(64))
    return DType::i64;
  return std::nullopt;
}

mlir::Type tlc::mlirTypeOf(DType dtype, mlir::MLIRContext *ctx) {
  switch (dtype) {
  case DType::f32:
    return mlir::Float32Type::get(ctx);
  case DType::f64:
    return mlir::Float64Type::get(ctx);
  case DType::i32:
    return mlir::IntegerType::get(ctx, 32);
  case DType::i64:
    return mlir::IntegerType::get(ctx, 64);
  case DType::i1:
    return mlir::IntegerType::get(ctx, 1);
  }
  llvm_unreachable("unknown dtype");
}

static int64_t productOf(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    assert(d >= 0 && "negative dimension");
    n *= d;
  }
  return n;
}

HostTensor::HostTensor(DType dtype, llvm::ArrayRef<int64_t> shape)
    : dtype(dtype), shape(shape.begin(), shape.end()),
      bytes(productOf(shape) * dtypeSize(dtype), 0) {}

int64_t HostTensor::numElements() const { return productOf(shape); }

double HostTensor::getAsDouble(int64_t i) const {
  assert(i >= 0 && i < numElements() && "index out of range");
  switch (dtype) {
  case DType::f32:
    return as<float>()[i];
  case DType::f64:
    return as<double>()[i];
  case DType::i32:
    return as<int32_t>()[i];
  case DType::i64:
    return (double)as<int64_t>()[i];
  case DType::i1:
    return as<uint8_t>()[i] ? 1.0 : 0.0;
  }
  llvm_unreachable("unknown dtype");
}

static std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string HostTensor::typeString() const {
  return dtypeName(dtype).str() + shapeString(shape);
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

static const char kMagic[] = "\x93NUMPY";
static constexpr size_t kMagicSize = 6;

/// The numpy descr of each dtype. Booleans have no byte order ('|').
static llvm::StringRef npyDescr(DType dtype) {
  switch (dtype) {
  case DType::f32:
    return "<f4";
  case DType::f64:
    return "<f8";
  case DType::i32:
    return "<i4";
  case DType::i64:
    return "<i8";
  case DType::i1:
    return "|b1";
  }
  llvm_unreachable("unknown dtype");
}

static std::optional<DType> dtypeOfDescr(llvm::StringRef descr) {
  for (DType d : {DType::f32, DType::f64, DType::i32, DType::i64, DType::i1})
    if (npyDescr(d) == descr)
      return d;
  return std::nullopt;
}

static llvm::Error fileError(llvm::StringRef path, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (path + ": " + msg).str());
}

namespace {
/// The fields of an .npy header, a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NpyHeader {
  std::optional<std::string> descr;
  std::optional<bool> fortranOrder;
  std::optional<std::vector<int64_t>> shape;
};

/// A small recursive-descent parser for the subset of Python literals that
/// numpy writes into headers. Anything else is an error, never a guess.
class HeaderParser {
public:
  explicit HeaderParser(llvm::StringRef text) : text(text) {}

  bool parse(NpyHeader &header, std::string &error) {
    skipSpace();
    if (!consume('{'))
      return fail("header does not start with '{'", error);
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key))
        return fail("expected a quoted key in the header dict", error);
      skipSpace();
      if (!consume(':'))
        return fail("expected ':' after key '" + key + "'", error);
      skipSpace();
      if (key == "descr") {
        std::string descr;
        if (!parseString(descr))
          return fail("'descr' is not a simple dtype string (structured "
                      "dtypes are not supported)",
                      error);
        header.descr = descr;
      } else if (key == "fortran_order") {
        if (consumeWord("True"))
          header.fortranOrder = true;
        else if (consumeWord("False"))
          header.fortranOrder = false;
        else
          return fail("'fortran_order' is not True or False", error);
      } else if (key == "shape") {
        std::vector<int64_t> shape;
        if (!parseShape(shape, error))
          return false;
        header.shape = std::move(shape);
      } else {
        return fail("unexpected key '" + key + "' in the header", error);
      }
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        break;
      return fail("expected ',' or '}' in the header dict", error);
    }
    skipSpace();
    if (pos != text.size())
      return fail("unexpected text after the header dict", error);
    return true;
  }

private:
  llvm::StringRef text;
  size_t pos = 0;

  static bool fail(const std::string &msg, std::string &error) {
    error = "malformed header: " + msg;
    return false;
  }
  void skipSpace() {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' ||
            text[pos] == '\r'))
      ++pos;
  }
  bool consume(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool consumeWord(llvm::StringRef word) {
    if (!text.substr(pos).starts_with(word))
      return false;
    pos += word.size();
    return true;
  }
  bool parseString(std::string &out) {
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return false;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == llvm::StringRef::npos)
      return false;
    out = text.slice(pos, end).str();
    pos = end + 1;
    return true;
  }
  bool parseShape(std::vector<int64_t> &shape, std::string &error) {
    if (!consume('('))
      return fail("'shape' is not a tuple", error);
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      size_t start = pos;
      while (pos < text.size() && llvm::isDigit(text[pos]))
        ++pos;
      int64_t dim;
      if (text.slice(start, pos).getAsInteger(10, dim))
        return fail("'shape' holds something other than non-negative "
                    "integers",
                    error);
      consume('L'); // Python 2 long literals.
      shape.push_back(dim);
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume(')'))
        return true;
      return fail("expected ',' or ')' in 'shape'", error);
    }
  }
};
} // namespace

llvm::Expected<HostTensor> tlc::readNpy(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> bufOrErr =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!bufOrErr)
    return fileError(path, "cannot read: " + bufOrErr.getError().message());
  llvm::StringRef data = (*bufOrErr)->getBuffer();

  if (data.size() < kMagicSize ||
      data.substr(0, kMagicSize) != llvm::StringRef(kMagic, kMagicSize))
    return fileError(path, "not a .npy file (bad magic string)");
  if (data.size() < kMagicSize + 2)
    return fileError(path, "truncated .npy file (no format version)");
  unsigned major = (uint8_t)data[kMagicSize],
           minor = (uint8_t)data[kMagicSize + 1];
  if (major < 1 || major > 3 || minor != 0)
    return fileError(path, "unsupported .npy format version " +
                               llvm::Twine(major) + "." + llvm::Twine(minor) +
                               " (supported: 1.0, 2.0, 3.0)");
  // Version 1.0 stores the header length in 2 bytes, later ones in 4.
  size_t lenSize = major == 1 ? 2 : 4;
  size_t lenPos = kMagicSize + 2;
  if (data.size() < lenPos + lenSize)
    return fileError(path, "truncated .npy file (no header length)");
  uint64_t headerLen =
      major == 1
          ? llvm::support::endian::read16le(data.data() + lenPos)
          : llvm::support::endian::read32le(data.data() + lenPos);
  size_t headerPos = lenPos + lenSize;
  if (data.size() - headerPos < headerLen)
    return fileError(path, "truncated .npy file (header of " +
                               llvm::Twine(headerLen) + " bytes, but only " +
                               llvm::Twine(data.size() - headerPos) +
                               " bytes follow)");

  NpyHeader header;
  std::string error;
  if (!HeaderParser(data.substr(headerPos, headerLen)).parse(header, error))
    return fileError(path, error);
  if (!header.descr || !header.fortranOrder || !header.shape)
    return fileError(path, "malformed header: it needs the keys 'descr', "
                           "'fortran_order' and 'shape'");
  std::optional<DType> dtype = dtypeOfDescr(*header.descr);
  if (!dtype)
    return fileError(path, "unsupported dtype '" + *header.descr +
                               "' (supported: '<f4', '<f8', '<i4', '<i8', "
                               "'|b1')");
  if (*header.fortranOrder)
    return fileError(path, "Fortran-order arrays are not supported (save "
                           "the array in C order)");

  // Size of the data, checked for overflow: the shape comes from the file.
  uint64_t numBytes = dtypeSize(*dtype);
  for (int64_t d : *header.shape) {
    if (d != 0 && numBytes > UINT64_MAX / (uint64_t)d)
      return fileError(path, "shape " + shapeString(*header.shape) +
                                 " is too large");
    numBytes *= d;
  }
  uint64_t available = data.size() - headerPos - headerLen;
  // A strict check both ways: a short or over-long payload means the
  // header and the data disagree, so the file cannot be trusted.
  if (available != numBytes)
    return fileError(path, llvm::Twine(available < numBytes ? "truncated data"
                                                            : "trailing data") +
                               ": shape " + shapeString(*header.shape) +
                               " of '" + *header.descr + "' needs " +
                               llvm::Twine(numBytes) + " bytes, but the file "
                               "holds " +
                               llvm::Twine(available));

  HostTensor tensor(*dtype, *header.shape);
  static_assert(llvm::sys::IsLittleEndianHost,
                ".npy reading assumes a little-endian host");
  if (numBytes)
    std::memcpy(tensor.data(), data.data() + headerPos + headerLen, numBytes);
  // numpy Booleans are one byte; normalize so every consumer sees 0 or 1.
  if (*dtype == DType::i1)
    for (uint8_t &b : tensor.bytes)
      b = b != 0;
  return tensor;
}

llvm::Error tlc::writeNpy(llvm::StringRef path, const HostTensor &tensor) {
  for (int64_t d : tensor.shape)
    if (d < 0)
      return fileError(path, "cannot write a tensor with negative "
                             "dimension in shape " +
                                 shapeString(tensor.shape));
  uint64_t expected = tensor.numElements() * dtypeSize(tensor.dtype);
  if (tensor.bytes.size() != expected)
    return fileError(path, "tensor " + tensor.typeString() + " holds " +
                               llvm::Twine(tensor.bytes.size()) +
                               " bytes, expected " + llvm::Twine(expected));

  std::string dict = "{'descr': '" + npyDescr(tensor.dtype).str() +
                     "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < tensor.shape.size(); ++i)
    dict += (i ? ", " : "") + std::to_string(tensor.shape[i]);
  // A one-element tuple needs its trailing comma in Python.
  if (tensor.shape.size() == 1)
    dict += ",";
  dict += "), }";
  // Pad with spaces and end with '\n' so that the data starts at a multiple
  // of 64 bytes, as numpy does.
  const size_t prefix = kMagicSize + 2 + 2;
  size_t total = llvm::alignTo(prefix + dict.size() + 1, 64);
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict += '\n';
  if (dict.size() > UINT16_MAX)
    return fileError(path, "header too long for .npy format 1.0");

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fileError(path, "cannot open for writing: " + ec.message());
  os.write(kMagic, kMagicSize);
  os << '\x01' << '\x00';
  char len[2];
  llvm::support::endian::write16le(len, (uint16_t)dict.size());
  os.write(len, 2);
  os << dict;
  static_assert(llvm::sys::IsLittleEndianHost,
                ".npy writing assumes a little-endian host");
  os.write(reinterpret_cast<const char *>(tensor.bytes.data()),
           tensor.bytes.size());
  os.close();
  if (os.has_error()) {
    ec = os.error();
    os.clear_error();
    return fileError(path, "write failed: " + ec.message());
  }
  return llvm::Error::success();
}

mlir::DenseElementsAttr tlc::toElementsAttr(const HostTensor &tensor,
                                            mlir::MLIRContext *ctx) {
  auto type = mlir::RankedTensorType::get(tensor.shape,
                                          mlirTypeOf(tensor.dtype, ctx));
  // MLIR packs i1 data in bits; HostTensor keeps one byte per Boolean.
  if (tensor.dtype == DType::i1) {
    llvm::SmallVector<bool> bits;
    for (int64_t k = 0; k < tensor.numElements(); ++k)
      bits.push_back(tensor.as<uint8_t>()[k] != 0);
    return mlir::DenseElementsAttr::get(type, bits);
  }
  return mlir::DenseElementsAttr::getFromRawBuffer(
      type, llvm::ArrayRef<char>((const char *)tensor.data(),
                                 tensor.sizeInBytes()));
}
