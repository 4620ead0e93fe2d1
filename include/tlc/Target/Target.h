//===- Target.h - targets, LLVM IR and machine code ---------------*- C++
//-*-===//
#ifndef TLC_TARGET_TARGET_H
#define TLC_TARGET_TARGET_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace tlc {

/// A code generation target: `host`, `x86-64-v3` (AVX2), `x86-64-v4`
/// (AVX-512) or `aarch64` (NEON, cross-compiled).
struct TargetSpec {
  std::string name;
  std::string triple;
  std::string cpu;
  std::string features;
  /// Vector registers the code generator tiles for (SSE2 if unknown).
  unsigned vectorBits = 128;
  unsigned vectorRegisters = 16;
  /// The widest compressing store of 16- or 32-bit lanes (AVX-512 VBMI2's
  /// vpcompressw, AVX-512F's vpcompressd); 0 where there is none.
  unsigned compressLaneBits = 0;
  /// An NVIDIA GPU (`sm_XX`): the chip and the PTX version feature the
  /// device code is generated for; empty for CPUs.
  std::string gpuChip;
  std::string ptxFeatures;
  bool isGpu() const { return !gpuChip.empty(); }
};

/// The names `--target` accepts, for help and error texts.
llvm::StringRef supportedTargetNames();
/// Resolves a `--target` name.
llvm::Expected<TargetSpec> resolveTarget(llvm::StringRef name);
/// A PIC target machine for `spec` at -O`optLevel`.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetSpec &spec, unsigned optLevel);

/// Translates an LLVM-dialect module to LLVM IR for `tm`.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &ctx,
                  llvm::TargetMachine &tm);

/// Optimizes `module` at -O`optLevel`: LLVM's default pipeline without its
/// loop unroller.
void optimizeLLVMIR(llvm::Module &module, llvm::TargetMachine &tm,
                    unsigned optLevel);

/// Emits an object file (or assembly) for `module`.
llvm::Error emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                            bool assembly, llvm::raw_pwrite_stream &os);

/// Optimizes `module` (translated, not optimized) for `spec` at
/// -O`optLevel` and writes its object file to `os`. With `jobs` > 1 a large
/// module's functions are split into up to `jobs` parts by size, each
/// optimized and compiled on its own thread, and the parts' objects are
/// joined by the system linker (`ld -r`). Otherwise (one job, a small
/// module, a cross-compiled target, no `ld`, globals one part must own) the
/// whole module is compiled on this thread, and `whyWhole` says why.
/// Returns the number of parts.
llvm::Expected<unsigned> emitObject(std::unique_ptr<llvm::Module> module,
                                    const TargetSpec &spec, unsigned optLevel,
                                    unsigned jobs, llvm::raw_pwrite_stream &os,
                                    std::string *whyWhole = nullptr);

/// One entry point as the C header and `tlc run` see it.
struct EntryPoint {
  std::string funcName;   ///< name of the func.func
  std::string symbolBase; ///< `<base>_run`, `<base>_workspace_size`
  struct Tensor {
    std::string name; ///< C identifier (`tl.name` attribute or in<i>/out<i>)
    mlir::RankedTensorType type;
    /// The first dimension is the batch size (`tl.batched`): given at run
    /// time, whatever size `type` has.
    bool batched = false;
  };
  std::vector<Tensor> inputs, outputs;
  /// Index among the func's results of the `tl.status` result (a rank-0
  /// tensor<i1>), which is not an output: the C entry point returns 1 where
  /// it is false. `outputs` are the other results, in order.
  std::optional<unsigned> statusResult;
  /// Some input has a batch dimension: `<base>_run` takes the batch size.
  bool batched() const {
    return llvm::any_of(inputs, [](const Tensor &t) { return t.batched; });
  }
};

/// Checks that `module` is something tlc compiles (func.func entry points
/// with statically shaped tensors of supported element types, bodies of tl
/// ops) and describes its entry points. Errors are emitted as diagnostics.
llvm::FailureOr<std::vector<EntryPoint>>
collectEntryPoints(mlir::ModuleOp module, llvm::StringRef prefix);

/// The C header for `entries` (DESIGN.md, "What tlc emits").
/// `usesOpenMP`: the object calls LLVM's OpenMP runtime (libomp); the
/// header says how to link it. `profiled`: the object calls libtlrt's
/// profiling hooks (tlc --profile).
/// `gpuChip`: the object launches its kernels on that NVIDIA GPU.
std::string generateCHeader(llvm::ArrayRef<EntryPoint> entries,
                            llvm::StringRef guardName, bool usesOpenMP = false,
                            bool profiled = false,
                            llvm::StringRef gpuChip = "");

} // namespace tlc

#endif // TLC_TARGET_TARGET_H
