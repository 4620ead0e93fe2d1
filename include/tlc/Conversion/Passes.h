//===- Passes.h - tlc conversion passes and pipelines -------------*- C++
//-*-===//
#ifndef TLC_CONVERSION_PASSES_H
#define TLC_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
namespace arith {
class ArithDialect;
}
namespace bufferization {
class BufferizationDialect;
}
namespace linalg {
class LinalgDialect;
}
namespace LLVM {
class LLVMDialect;
}
namespace math {
class MathDialect;
}
namespace memref {
class MemRefDialect;
}
namespace scf {
class SCFDialect;
}
namespace tensor {
class TensorDialect;
}
namespace vector {
class VectorDialect;
}
namespace cf {
class ControlFlowDialect;
}
namespace affine {
class AffineDialect;
}
namespace func {
class FuncOp;
}
namespace gpu {
class GPUDialect;
}
namespace transform {
class TransformDialect;
}
namespace omp {
class OpenMPDialect;
}
} // namespace mlir

namespace tlc {

#define GEN_PASS_DECL
#include "tlc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tlc/Conversion/Passes.h.inc"

/// Marks the C entry points tl-c-abi makes (for tl-memory-plan and
/// tl-entry-wrappers).
inline constexpr llvm::StringLiteral kEntryAttr = "tl.entry";
/// On `<name>_workspace_size`: the symbol of the entry point it sizes.
inline constexpr llvm::StringLiteral kWorkspaceSizeOfAttr =
    "tl.workspace_size_of";

/// On the word-level product of a bit-packed Boolean `xy,yz->xz`
/// (tl-to-linalg): inputs A (i1, x by y) and packed B (i64, y by words), the
/// accumulator R (i64, x by words).
inline constexpr llvm::StringLiteral kBitPackedProductAttr =
    "tl.bitpacked_product";
/// On the generics that pack relations into words (input i1 [y][w][64],
/// output i64 [y][w]) and unpack them (input i64 [x][w], output i1
/// [x][w][64]), for tl-parallel-loops.
inline constexpr llvm::StringLiteral kBitPackAttr = "tl.bitpack";
inline constexpr llvm::StringLiteral kBitUnpackAttr = "tl.bitunpack";

/// On the block-level scf.forall of tl-gpu-tile-contractions, for
/// tl-gpu-map-forall.
inline constexpr llvm::StringLiteral kGpuGridAttrName = "tl.gpu_grid";
/// Threads per side of tl-gpu-tile-contractions' square blocks.
inline constexpr int64_t kGpuBlockSide = 16;

/// Status codes of the generated `<name>_run`.
enum : int32_t {
  kStatusOk = 0,
  /// A fixpoint did not converge within its iteration bound.
  kStatusNotConverged = 1,
  /// The workspace pointer was null, but the memory plan needs one.
  kStatusNoWorkspace = 2,
  /// A batch size below 1 (entry points with a batch dimension).
  kStatusBadBatch = 3,
  /// A workspace smaller than `<name>_workspace_size(batch)`.
  kStatusWorkspaceTooSmall = 4,
  /// A GPU driver call failed (or there is no driver): tlrt_last_error().
  kStatusGpuError = 5,
};

/// Options of the CPU lowering pipelines.
struct CpuPipelineOptions {
  /// Symbol prefix for the C entry points (see tl-c-abi).
  std::string prefix;
  /// Pack, tile and vectorize contractions (tl-cpu-contractions); tlc
  /// enables it at -O2 and above.
  bool vectorize = false;
  /// The target's vector registers: width in bits and count.
  unsigned vectorBits = 512;
  unsigned vectorRegisters = 32;
  /// Print the memory plan (tl-memory-plan) to stderr.
  bool printMemoryPlan = false;
  /// Run large contractions on OpenMP threads (the object then needs
  /// libomp).
  bool threads = true;
  /// Softmax and logsumexp with the online normaliser (tl-to-linalg's
  /// online-softmax); used by buildTLToLLVMPipeline.
  bool onlineSoftmax = false;
  /// Lower with the GPU back end's tiling and mapping (parallel loops run
  /// as host loops): checks the GPU schedule functionally on the CPU.
  /// Implies no vectorization.
  bool gpuSchedule = false;
  /// Width of the set-bit indices Boolean products gather with compressing
  /// stores (tl-parallel-loops' set-bit-index-bits; 0: none).
  unsigned setBitIndexBits = 0;
};

/// Options of the graph optimisation pipeline.
struct GraphPipelineOptions {
  /// Emit a remark with each contraction path.
  bool printContractionPaths = false;
  /// Entry point results to drop (tl-prune-outputs).
  std::vector<std::string> pruneOutputs;
  /// Form fused groups (tl-fuse) at the end.
  bool fuse = true;
};

/// The graph passes on tl (tlc runs them at -O1 and above): canonicalize
/// (canonical einsums, folds, DCE), CSE, contraction order, again
/// canonicalize and CSE, and fusion (tl-fuse).
void buildTLGraphPipeline(mlir::OpPassManager &pm,
                          const GraphPipelineOptions &options);

/// tl -> linalg on tensors.
void buildTLToLinalgPipeline(mlir::OpPassManager &pm,
                             bool onlineSoftmax = false);
/// linalg on tensors -> LLVM dialect with tlc's C ABI (bufferization,
/// destination passing, loops, LLVM).
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const CpuPipelineOptions &options);
/// The whole CPU pipeline: tl -> LLVM dialect.
void buildTLToLLVMPipeline(mlir::OpPassManager &pm,
                           const CpuPipelineOptions &options);

/// Linalg on tensors to NVVM device code for `chip` (`sm_90`) with PTX
/// `features` (`+ptx80`), ending in a gpu.binary holding the PTX
/// (format=isa): bufferization, contractions tiled through shared memory,
/// other ops as parallel loops in blocks of 256 threads, mapped to
/// blocks and threads, kernel outlining into one gpu.module, NVVM.
/// `libdevice` (CUDA's libdevice.10.bc; may be empty) is linked for the
/// math functions NVVM lowers to `__nv_*` calls.
void buildLinalgToPtxPipeline(mlir::OpPassManager &pm, llvm::StringRef chip,
                              llvm::StringRef features,
                              llvm::StringRef libdevice);

/// Linalg on tensors to the LLVM dialect of a host object for a GPU target:
/// C entry points on host buffers (tl-gpu-host-buffers) launching the same
/// kernels as buildLinalgToPtxPipeline, embedded as `format` (`fatbin`:
/// cubin and PTX, needs ptxas and fatbinary; `isa`: PTX, compiled by the
/// driver), through libtlrt's mgpu* functions.
void buildLinalgToGpuObjectPipeline(mlir::OpPassManager &pm,
                                    llvm::StringRef prefix,
                                    llvm::StringRef chip,
                                    llvm::StringRef features,
                                    llvm::StringRef libdevice,
                                    llvm::StringRef format);

/// `name` with every character that cannot appear in a C identifier replaced
/// by '_' (and a leading '_' before a digit).
std::string cIdentifier(llvm::StringRef name);

/// Base name of an entry point's C symbols (`<base>_run`,
/// `<base>_workspace_size`), a C identifier: `<prefix>` for a module's only
/// entry point,
/// `<prefix>_<func>` when it has several, `<func>` without a prefix.
std::string entrySymbolBase(llvm::StringRef prefix, llvm::StringRef funcName,
                            unsigned numEntries);

/// Registers the tl-lower-to-linalg, tl-linalg-to-llvm and tl-lower-to-llvm
/// pipelines.
void registerTLPipelines();

} // namespace tlc

#endif // TLC_CONVERSION_PASSES_H
