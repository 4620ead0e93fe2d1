//===- TLDialect.cpp - TensorLogic dialect --------------------------------===//

#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace tlc::tl;

#include "tlc/Dialect/TL/IR/TLEnums.cpp.inc"
#include "tlc/Dialect/TL/IR/TLOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "tlc/Dialect/TL/IR/TLAttrs.cpp.inc"

void TLDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tlc/Dialect/TL/IR/TLOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "tlc/Dialect/TL/IR/TLAttrs.cpp.inc"
      >();
}

bool tlc::tl::isSupportedElementType(Type type) {
  return type.isF32() || type.isF64() || type.isInteger(1) ||
         type.isSignlessInteger(32) || type.isSignlessInteger(64);
}

StringRef tlc::tl::elementTypeName(Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isInteger(1))
    return "i1";
  if (type.isSignlessInteger(32))
    return "i32";
  if (type.isSignlessInteger(64))
    return "i64";
  return "unsupported";
}
