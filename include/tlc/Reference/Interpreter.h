//===- Interpreter.h - reference interpreter for tl -------------*- C++ -*-===//
//
// Evaluates tl functions on host buffers with plain loops. It is the oracle
// of the tests: simple and obviously right, never fast. It shares only the
// spec grammar (EinsumSpec.h) with the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef TLC_REFERENCE_INTERPRETER_H
#define TLC_REFERENCE_INTERPRETER_H

#include "tlc/Support/HostTensor.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace mlir::func {
class FuncOp;
}

namespace tlc::reference {

/// Evaluates `func`, a function of tl ops (and func.return), on `inputs`
/// (one per argument, matching its type). Returns one tensor per result, or
/// an error naming the mismatch or the op it cannot evaluate.
llvm::Expected<std::vector<HostTensor>>
evaluate(mlir::func::FuncOp func, llvm::ArrayRef<HostTensor> inputs);

} // namespace tlc::reference

#endif // TLC_REFERENCE_INTERPRETER_H
