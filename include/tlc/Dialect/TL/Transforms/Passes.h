//===- Passes.h - graph passes on the tl dialect ------------------*- C++ -*-===//
#ifndef TLC_DIALECT_TL_TRANSFORMS_PASSES_H
#define TLC_DIALECT_TL_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace tlc::tl {

#define GEN_PASS_DECL
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"

} // namespace tlc::tl

#endif // TLC_DIALECT_TL_TRANSFORMS_PASSES_H
