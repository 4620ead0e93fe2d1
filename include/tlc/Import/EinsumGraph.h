//===- EinsumGraph.h - import EinsumGraph JSON ------------------*- C++ -*-===//
//
// Reads the JSON that the Rust TensorLogic crates (`tensorlogic-ir`) write
// for an `EinsumGraph` (serde_json of the graph, or of its `VersionedGraph`
// wrapper) and builds the equivalent tl module. docs/json-import.md describes
// the format, the op mapping and the shape rules.
//
//===----------------------------------------------------------------------===//
#ifndef TLC_IMPORT_EINSUMGRAPH_H
#define TLC_IMPORT_EINSUMGRAPH_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace tlc {

struct EinsumGraphImportOptions {
  /// Name of the generated func.func.
  std::string funcName = "graph";
  /// Shapes by tensor name (`--shape NAME=d0,d1,...`); an empty vector is a
  /// scalar. They supply the shapes of graph inputs, override the shapes in
  /// `tensor_metadata`, and are checked against computed tensors.
  llvm::StringMap<std::vector<int64_t>> shapes;
};

/// Parses the JSON in the source manager's main buffer and builds a module
/// with one func.func: arguments are the graph inputs, results the graph
/// outputs, each with a `tl.name` attribute. Every problem (malformed JSON,
/// bad indices, unknown ops, cycles, missing or inconsistent shapes) is
/// emitted as an MLIR diagnostic at the file:line:col of the offending JSON
/// value, naming the node or tensor; returns null then.
mlir::OwningOpRef<mlir::ModuleOp>
importEinsumGraph(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *ctx,
                  const EinsumGraphImportOptions &options);

} // namespace tlc

#endif // TLC_IMPORT_EINSUMGRAPH_H
