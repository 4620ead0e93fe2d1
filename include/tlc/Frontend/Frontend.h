//===- Frontend.h - the TensorLogic language front end ----------*- C++ -*-===//
#ifndef TLC_FRONTEND_FRONTEND_H
#define TLC_FRONTEND_FRONTEND_H

#include "tlc/Frontend/AST.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

namespace tlc::tlang {

struct FrontendOptions {
  /// Name of the generated function (the entry point).
  std::string funcName = "main";
  /// Numeric fixpoints stop when the largest change is at most this.
  double fixpointTolerance = 1e-6;
  /// Iteration bound of fixpoints; 0 means the size of the largest domain.
  int64_t maxIterations = 0;
  /// The size a `?` (batch) dimension gets; 0: a program with one is an
  /// error. Inputs declared with it get the `tl.batched` argument attribute.
  int64_t batchSize = 0;
};

/// Parses the main buffer of `sourceMgr`. Every syntax error is reported (as
/// an MLIR diagnostic at its location) and parsing resumes at the next line;
/// returns std::nullopt if there was any.
std::optional<Program> parseProgram(llvm::SourceMgr &sourceMgr,
                                    mlir::MLIRContext *ctx);

/// Parses, checks and lowers a TensorLogic program to a tl module with one
/// function: arguments are the inputs and params in declaration order,
/// results the outputs in `output` order (and a `tl.status` result when the
/// program has a fixpoint). Errors are MLIR diagnostics with the source
/// location; returns null if there was any.
mlir::OwningOpRef<mlir::ModuleOp>
compileTensorLogic(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *ctx,
                   const FrontendOptions &options);

} // namespace tlc::tlang

#endif // TLC_FRONTEND_FRONTEND_H
