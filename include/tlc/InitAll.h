//===- InitAll.h - register tlc's dialects, passes and pipelines --*- C++ -*-===//
#ifndef TLC_INITALL_H
#define TLC_INITALL_H

namespace mlir {
class DialectRegistry;
}

namespace tlc {
/// The tl dialect plus every upstream dialect and extension tlc's pipelines
/// use (bufferization models, LLVM IR translations).
void registerAllDialects(mlir::DialectRegistry &registry);
/// tlc's passes and pipelines plus the upstream passes.
void registerAllPasses();
} // namespace tlc

#endif
