//===- Pipelines.cpp - tlc's lowering pipelines ---------------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;

/// Appends a textual pipeline of upstream passes; the texts are fixed, so a
/// parse failure is a bug in tlc.
static void addUpstream(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("tlc: invalid built-in pipeline");
}

/// The GPU back end's schedule on buffers. Contractions get shared-memory
/// and register tiles (tl-gpu-tile-contractions), row reductions
/// block-level reductions (tl-gpu-tile-reductions); on the GPU their loops
/// become launches (tl-gpu-map-forall), on the host they run as loops.
/// Every other linalg op becomes parallel loops in blocks of 256 threads
/// (tl-gpu-parallel-loops: full tiles, guarded, as launch sizes must be
/// static), tiles mapped to blocks and their points to threads, the
/// innermost dimension to x (coalesced).
static void addGpuSchedule(OpPassManager &pm, bool onHost) {
  tlc::TLGpuTileContractionsOptions tiles;
  tiles.onHost = onHost;
  pm.addNestedPass<func::FuncOp>(tlc::createTLGpuTileContractions(tiles));
  tlc::TLGpuTileReductionsOptions reductions;
  reductions.onHost = onHost;
  pm.addNestedPass<func::FuncOp>(tlc::createTLGpuTileReductions(reductions));
  if (!onHost)
    pm.addPass(tlc::createTLGpuMapForall());
  pm.addNestedPass<func::FuncOp>(tlc::createTLGpuParallelLoops());
  addUpstream(
      pm, "func.func(gpu-map-parallel-loops{mapping-policy=innermost-first})");
}

void tlc::buildTLGraphPipeline(OpPassManager &pm,
                               const GraphPipelineOptions &options) {
  if (!options.pruneOutputs.empty()) {
    tl::TLPruneOutputsOptions prune;
    prune.names.assign(options.pruneOutputs.begin(),
                       options.pruneOutputs.end());
    pm.addPass(tl::createTLPruneOutputs(prune));
  }
  addUpstream(pm, "canonicalize,cse");
  pm.addPass(tl::createTLFoldConstants());
  tl::TLContractionOrderOptions order;
  order.printPaths = options.printContractionPaths;
  pm.addPass(tl::createTLContractionOrder(order));
  addUpstream(pm, "canonicalize,cse");
  if (options.fuse)
    pm.addPass(tl::createTLFuse());
}

void tlc::buildTLToLinalgPipeline(OpPassManager &pm, bool onlineSoftmax) {
  // Fixpoints first: their loops hold tl ops that tl-to-linalg lowers.
  pm.addPass(createTLLowerFixpoint());
  TLToLinalgOptions lowering;
  lowering.onlineSoftmax = onlineSoftmax;
  pm.addPass(createTLToLinalg(lowering));
  addUpstream(pm, "canonicalize,cse");
}

/// Bufferization, CPU and GPU alike. Destination passing: results become
/// caller-provided out-params, and allocations of returned buffers are
/// replaced by them. Fixpoint loops (scf.while) yield fresh tensors each
/// iteration, not their iteration arguments: allowed (bufferization copies
/// the state once per iteration where the loop forwards it). Then identical
/// subviews merge, and copies of a tile onto itself (from
/// tensor.insert_slice) fold away.
static void addBufferization(OpPassManager &pm) {
  pm.addPass(tlc::createTLDistinctResults());
  addUpstream(pm, "one-shot-bufferize{bufferize-function-boundaries "
                  "function-boundary-type-conversion=identity-layout-map "
                  "allow-return-allocs-from-loops},"
                  // Reshapes of a returned buffer fold away first, so that
                  // the buffer becomes the caller's.
                  "canonicalize,"
                  "buffer-results-to-out-params{hoist-static-allocs "
                  "modify-public-functions},cse,canonicalize");
}

void tlc::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                    const CpuPipelineOptions &options) {
  if (options.vectorize) {
    pm.addNestedPass<func::FuncOp>(createTLScaleAfterContraction());
    pm.addNestedPass<func::FuncOp>(createTLFuseElementwise());
    TLCpuContractionsOptions codegen;
    codegen.vectorBits = options.vectorBits;
    codegen.vectorRegisters = options.vectorRegisters;
    codegen.threads = options.threads;
    pm.addNestedPass<func::FuncOp>(createTLCpuContractions(codegen));
    // The accumulator tile of the K loop becomes a loop-carried vector.
    addUpstream(pm, "canonicalize,cse,loop-invariant-subset-hoisting,"
                    "canonicalize");
    // 512-bit vectors are AVX-512's, where a vector ldexp is one vscalefps.
    TLMathApproximationOptions math;
    math.scaledExp = options.vectorBits >= 512;
    pm.addNestedPass<func::FuncOp>(createTLMathApproximation(math));
  }
  addUpstream(pm, "func.func(lower-vector-mask)");
  addBufferization(pm);
  // The host runs the GPU schedule's loops as plain loops: a functional
  // check of the tiling and mapping without a GPU.
  if (options.gpuSchedule)
    addGpuSchedule(pm, /*onHost=*/true);
  TLCAbiOptions abi;
  abi.prefix = options.prefix;
  pm.addPass(createTLCAbi(abi));
  TLMemoryPlanOptions plan;
  plan.print = options.printMemoryPlan;
  pm.addPass(createTLMemoryPlan(plan));
  // What the plan leaves on the heap (loop-carried or dynamic buffers).
  addUpstream(pm, "buffer-deallocation-pipeline");
  if (options.vectorize && options.threads) {
    TLParallelLoopsOptions loops;
    loops.setBitIndexBits = options.setBitIndexBits;
    pm.addNestedPass<func::FuncOp>(createTLParallelLoops(loops));
  }
  // Parallel loops (tl-cpu-contractions' scf.forall) become OpenMP
  // worksharing loops, before anything lowers scf.parallel to plain loops.
  // (canonicalize inlines the alloca scopes it wraps loop bodies in;
  // tl-omp-hoist-allocas moves out the allocas that keep one in place.)
  addUpstream(pm, "func.func(scf-forall-to-parallel),convert-scf-to-openmp,"
                  "canonicalize");
  pm.addNestedPass<func::FuncOp>(createTLOmpHoistAllocas());
  pm.addNestedPass<func::FuncOp>(createTLOmpNowait());
  pm.addNestedPass<func::FuncOp>(createTLLowerCopies());
  if (options.vectorize)
    pm.addNestedPass<func::FuncOp>(createTLFlattenVectors());
  addUpstream(pm, "func.func(lower-vector-multi-reduction,"
                  "convert-vector-to-scf{full-unroll}),"
                  "convert-linalg-to-loops,lower-affine,convert-scf-to-cf,"
                  // Without upstream's rewrite of a chain of vector.insert
                  // that fills a vector into one vector.from_elements: the
                  // unrolled transfers' and kernel operands' rows became
                  // element-by-element inserts that LLVM had to rebuild.
                  // (If the pattern's name changes upstream, the option
                  // does nothing: compile time only.)
                  "canonicalize{disable-patterns=\"(anonymous "
                  "namespace)::InsertChainFullyInitialized\"},"
                  "expand-strided-metadata,lower-affine,"
                  // A packing tile's transpose as one shuffle (element by
                  // element, it was 128 extracts and inserts for LLVM).
                  "convert-vector-to-llvm{vector-contract-lowering="
                  "outerproduct vector-transpose-lowering=shuffle1d},"
                  "finalize-memref-to-llvm,convert-math-to-llvm,"
                  "convert-math-to-libm,convert-arith-to-llvm,"
                  "convert-cf-to-llvm,"
                  "convert-func-to-llvm{use-bare-ptr-memref-call-conv},"
                  // After func: its patterns would convert entry points
                  // without the bare-pointer convention.
                  "convert-openmp-to-llvm,"
                  "convert-ub-to-llvm,reconcile-unrealized-casts");
  if (options.vectorize)
    pm.addPass(createTLBoolBytes());
  pm.addPass(createTLEntryWrappers());
  pm.addPass(createTLBatchEntries());
}

/// NVVM device code from gpu.launch ops: kernels outlined into one module,
/// lowered for `chip` and serialised as `format`.
static void addDeviceCode(OpPassManager &pm, StringRef chip, StringRef features,
                          StringRef libdevice, StringRef format,
                          bool async = false) {
  addUpstream(pm, "gpu-kernel-outlining");
  pm.addPass(tlc::createTLGpuSingleModule());
  // Host entry points: their copies, launches and frees on one stream.
  if (async)
    addUpstream(pm, "func.func(gpu-async-region)");
  addUpstream(pm, ("lower-affine,convert-scf-to-cf,canonicalize,cse,"
                   "nvvm-attach-target{chip=" +
                   chip + " features=" + features +
                   (libdevice.empty() ? "" : " l=" + libdevice) +
                   "},gpu.module(convert-gpu-to-nvvm),"
                   "reconcile-unrealized-casts,gpu-module-to-binary{format=" +
                   format + "}")
                      .str());
}

void tlc::buildLinalgToPtxPipeline(OpPassManager &pm, StringRef chip,
                                   StringRef features, StringRef libdevice) {
  addBufferization(pm);
  addGpuSchedule(pm, /*onHost=*/false);
  addUpstream(pm, "func.func(convert-parallel-loops-to-gpu)");
  TLGpuHostBuffersOptions serialOnly;
  serialOnly.buffers = false;
  pm.addPass(createTLGpuHostBuffers(serialOnly));
  addDeviceCode(pm, chip, features, libdevice, "isa");
}

void tlc::buildLinalgToGpuObjectPipeline(OpPassManager &pm, StringRef prefix,
                                         StringRef chip, StringRef features,
                                         StringRef libdevice,
                                         StringRef format) {
  addBufferization(pm);
  TLCAbiOptions abi;
  abi.prefix = prefix.str();
  pm.addPass(createTLCAbi(abi));
  // Intermediates are freed (tl-gpu-host-buffers makes the frees device
  // frees), also those of each fixpoint iteration.
  addUpstream(pm, "buffer-deallocation-pipeline");
  addGpuSchedule(pm, /*onHost=*/false);
  addUpstream(pm, "func.func(convert-parallel-loops-to-gpu)");
  pm.addPass(createTLGpuHostBuffers());
  addDeviceCode(pm, chip, features, libdevice, format, /*async=*/true);
  addUpstream(pm, "expand-strided-metadata,lower-affine,"
                  "finalize-memref-to-llvm,convert-arith-to-llvm,"
                  "convert-cf-to-llvm,"
                  "convert-func-to-llvm{use-bare-ptr-memref-call-conv},"
                  "gpu-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts");
  pm.addPass(createTLEntryWrappers());
  pm.addPass(createTLBatchEntries());
}

void tlc::buildTLToLLVMPipeline(OpPassManager &pm,
                                const CpuPipelineOptions &options) {
  buildTLToLinalgPipeline(pm, options.onlineSoftmax);
  buildLinalgToLLVMPipeline(pm, options);
}

namespace {
struct PipelineOptions : PassPipelineOptions<PipelineOptions> {
  Option<std::string> prefix{*this, "prefix",
                             llvm::cl::desc("Symbol prefix of the C entry "
                                            "points"),
                             llvm::cl::init("")};
  Option<bool> vectorize{*this, "vectorize",
                         llvm::cl::desc("Pack, tile and vectorize "
                                        "contractions (tl-cpu-contractions)"),
                         llvm::cl::init(false)};
  Option<unsigned> vectorBits{*this, "vector-bits",
                              llvm::cl::desc("Vector register width in bits"),
                              llvm::cl::init(512)};
  Option<bool> threads{*this, "threads",
                       llvm::cl::desc("Run large contractions on OpenMP "
                                      "threads"),
                       llvm::cl::init(true)};
  Option<unsigned> vectorRegisters{*this, "vector-registers",
                                   llvm::cl::desc("Number of vector registers"),
                                   llvm::cl::init(32)};
  Option<unsigned> setBitIndexBits{
      *this, "set-bit-index-bits",
      llvm::cl::desc("Set-bit indices of Boolean products, gathered with "
                     "compressing stores (tl-parallel-loops)"),
      llvm::cl::init(0)};
  tlc::CpuPipelineOptions get() const {
    tlc::CpuPipelineOptions options{prefix, vectorize, vectorBits,
                                    vectorRegisters};
    options.threads = threads;
    options.setBitIndexBits = setBitIndexBits;
    return options;
  }
};
} // namespace

namespace {
struct GraphOptions : PassPipelineOptions<GraphOptions> {
  Option<bool> printPaths{*this, "print-contraction-paths",
                          llvm::cl::desc("Remark each contraction path"),
                          llvm::cl::init(false)};
  ListOption<std::string> prune{*this, "prune-outputs",
                                llvm::cl::desc("Entry point results to drop")};
  Option<bool> fuse{*this, "fuse",
                    llvm::cl::desc("Form fused groups (tl-fuse)"),
                    llvm::cl::init(true)};
};
} // namespace

void tlc::registerTLPipelines() {
  PassPipelineRegistration<GraphOptions>(
      "tl-optimize",
      "Graph optimisation on tl: canonical einsums, folds, DCE, CSE, "
      "contraction order, fusion",
      [](OpPassManager &pm, const GraphOptions &o) {
        GraphPipelineOptions options;
        options.printContractionPaths = o.printPaths;
        options.pruneOutputs.assign(o.prune.begin(), o.prune.end());
        options.fuse = o.fuse;
        buildTLGraphPipeline(pm, options);
      });
  PassPipelineRegistration<>(
      "tl-lower-to-linalg", "Lower tl to linalg on tensors",
      [](OpPassManager &pm) { buildTLToLinalgPipeline(pm); });
  PassPipelineRegistration<PipelineOptions>(
      "tl-linalg-to-llvm",
      "Bufferize linalg (destination passing) and lower to the LLVM dialect "
      "with tlc's C ABI",
      [](OpPassManager &pm, const PipelineOptions &o) {
        buildLinalgToLLVMPipeline(pm, o.get());
      });
  PassPipelineRegistration<PipelineOptions>(
      "tl-lower-to-llvm", "Lower tl to the LLVM dialect (the CPU pipeline)",
      [](OpPassManager &pm, const PipelineOptions &o) {
        buildTLToLLVMPipeline(pm, o.get());
      });
}
