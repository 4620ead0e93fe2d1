//===- tlc.cpp - the TensorLogic ahead-of-time compiler -------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"
#include "tlc/Frontend/Frontend.h"
#include "tlc/Import/EinsumGraph.h"
#include "tlc/InitAll.h"
#include "tlc/Reference/Interpreter.h"
#include "tlc/Support/HostTensor.h"
#include "tlc/Target/Target.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

using namespace mlir;
using namespace tlc;
namespace cl = llvm::cl;

static cl::OptionCategory tlcCategory("tlc options");

static cl::list<std::string> positional(cl::Positional,
                                        cl::desc("<input> [inputs.npy...]"),
                                        cl::cat(tlcCategory));
static cl::list<std::string>
    outputs("o",
            cl::desc("Output file. Compiling: the object (its C header is "
                     "written next to it, .h for .o) or the --emit stage, "
                     "'-' for stdout. tlc run: one .npy per result, in order"),
            cl::value_desc("file"), cl::cat(tlcCategory));

enum class Emit { TL, Linalg, Ptx, LLVM, Asm, Obj };
static cl::opt<Emit> emit(
    "emit", cl::desc("Stage to stop at"), cl::init(Emit::Obj),
    cl::values(clEnumValN(Emit::TL, "tl", "the verified tl dialect"),
               clEnumValN(Emit::Linalg, "linalg", "linalg on tensors"),
               clEnumValN(Emit::Ptx, "ptx",
                          "the device code of a GPU target (--target=sm_XX) "
                          "as PTX text, all kernels in one file"),
               clEnumValN(Emit::LLVM, "llvm", "LLVM IR (optimized)"),
               clEnumValN(Emit::Asm, "asm", "target assembly"),
               clEnumValN(Emit::Obj, "obj",
                          "an object file and its C header (default)")),
    cl::cat(tlcCategory));
static cl::opt<std::string>
    targetName("target",
               cl::desc("Code generation target: host (default), x86-64-v3 "
                        "(AVX2), x86-64-v4 (AVX-512), aarch64 (NEON), sm_XX "
                        "(an NVIDIA GPU: sm_80, sm_90, ...; the object runs "
                        "its kernels through libtlrt, see docs/gpu.md)"),
               cl::init("host"), cl::cat(tlcCategory));
static cl::opt<std::string>
    prefixOpt("name",
              cl::desc("Prefix of the generated C symbols (default: the "
                       "output file's stem, or the input's)"),
              cl::value_desc("prefix"), cl::cat(tlcCategory));
static cl::opt<unsigned> optLevel("O",
                                  cl::desc("Optimization level: -O0 skips the "
                                           "graph passes; also LLVM's level"),
                                  cl::Prefix, cl::init(2),
                                  cl::cat(tlcCategory));
static cl::opt<unsigned> jobs(
    "j",
    cl::desc("Threads for LLVM's optimization and code generation of an "
             "object file: a large module's functions are compiled in up to "
             "this many parts, joined by the system linker (ld -r). Default: "
             "the machine's cores; 1: the whole module on one thread"),
    cl::Prefix, cl::init(0), cl::cat(tlcCategory));
static cl::opt<std::string>
    entryName("entry",
              cl::desc("tlc run: the function to run (needed when the "
                       "module has several)"),
              cl::cat(tlcCategory));
static cl::opt<bool>
    useReference("reference",
                 cl::desc("tlc run: evaluate with the reference interpreter "
                          "instead of compiled code"),
                 cl::cat(tlcCategory));

static cl::opt<double> fixpointTol(
    "fixpoint-tol",
    cl::desc(".tl input: a numeric fixpoint stops when the largest change "
             "is at most this (default 1e-6)"),
    cl::init(1e-6), cl::cat(tlcCategory));
static cl::opt<int64_t> maxIterations(
    "max-iterations",
    cl::desc(".tl input: iteration bound of fixpoints (default: one more "
             "than the size of the largest domain)"),
    cl::init(0), cl::cat(tlcCategory));

static cl::list<std::string> shapes(
    "shape",
    cl::desc(".json input: the shape of a tensor, NAME=d0,d1,... (NAME= for "
             "a scalar); repeat for several"),
    cl::value_desc("NAME=d0,d1,..."), cl::cat(tlcCategory));

static cl::opt<bool> printContractionPaths(
    "tl-print-contraction-paths",
    cl::desc("Remark each N-ary einsum's contraction path, its cost and its "
             "largest intermediate (-O1 and above)"),
    cl::cat(tlcCategory));
static cl::opt<bool> printGraphStats(
    "tl-print-graph-stats",
    cl::desc("Print ops, flops and bytes moved before and after the graph "
             "passes"),
    cl::cat(tlcCategory));
static cl::list<std::string>
    pruneOutputs("tl-prune-outputs",
                 cl::desc("Drop these outputs and everything only they need"),
                 cl::CommaSeparated, cl::value_desc("NAME,..."),
                 cl::cat(tlcCategory));

static cl::opt<bool> graphPasses(
    "graph-passes",
    cl::desc("Run the graph passes at -O1 and above (default true; false "
             "isolates their effect)"),
    cl::init(true), cl::cat(tlcCategory));

static cl::opt<bool> verifyEach(
    "verify-each",
    cl::desc("Verify the IR after every pass, as tlc-opt does (about a tenth "
             "of a compile); by default tlc verifies it after each stage. "
             "TLC_VERIFY_EACH=1 in the environment sets it too (the test "
             "suite does)"),
    cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> parallel(
    "parallel",
    cl::desc("At -O2, run large contractions, maps and reductions on threads "
             "(OpenMP; the object then needs libomp). Default true, except "
             "for aarch64"),
    cl::init(true), cl::cat(tlcCategory));

static cl::opt<bool> onlineSoftmax(
    "online-softmax",
    cl::desc("Softmax and logsumexp keep a running maximum and sum (the online "
             "normaliser): one read of each row fewer, one exp per element "
             "more. Off by default: on CPUs whose rows fit in cache the extra "
             "exp costs more than the read"),
    cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> profile(
    "profile",
    cl::desc("Instrument every kernel (fused group or op) with libtlrt's "
             "profiling hooks; the object then needs -ltlrt. With 'tlc run', "
             "print the profile report"),
    cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> verbose("v",
                             cl::desc("Print each compilation stage's time"),
                             cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> printPipeline(
    "print-pipeline",
    cl::desc("Print the passes the given options run, stage by stage, and "
             "exit"),
    cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> gpuScheduleOnHost(
    "gpu-schedule-on-host",
    cl::desc("Compile for the CPU with the GPU back end's tiling and mapping "
             "to blocks and threads, run as host loops: checks the GPU "
             "schedule against the reference without a GPU"),
    cl::init(false), cl::cat(tlcCategory));
static cl::opt<bool> printMemoryPlan(
    "print-memory-plan",
    cl::desc("Print each entry point's memory plan: every intermediate "
             "buffer's workspace offset, size and live range, the peak and "
             "the sum of all buffers"),
    cl::init(false), cl::cat(tlcCategory));

static const char *overview =
    R"(tlc: the TensorLogic ahead-of-time compiler

  tlc FILE [-o FILE.o] [--emit=tl|linalg|llvm|asm|obj] [--target=T]
      Compiles FILE to an object file and a C header (FILE.o, FILE.h), or
      stops at an earlier stage. Each entry point becomes
      int32_t NAME_run(inputs..., outputs..., void *workspace).

  tlc run FILE [--entry FUNC] IN0.npy IN1.npy ... -o OUT0.npy ... [--reference]
      Compiles in-process and runs one entry point on .npy inputs (in
      order), writing one .npy per output; --reference evaluates it with the
      reference interpreter instead. Prints a timing line to stderr.

FILE is a TensorLogic program (.tl: inputs and params in declaration
order, outputs in 'output' order), a module in the tl dialect (.mlir), or
an EinsumGraph of the Rust TensorLogic crates (.json; --shape gives the
shapes the file lacks).
The standard MLIR pass-manager options (--mlir-print-ir-after-all,
--mlir-timing, ...) apply.
)";

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// libtlrt next to this tlc (../lib/libtlrt.so), or TLC_LIBTLRT_PATH.
std::string libtlrtPath() {
  if (const char *env = std::getenv("TLC_LIBTLRT_PATH"))
    return env;
  std::string self = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&libtlrtPath));
  SmallString<256> path(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(self)));
  llvm::sys::path::append(path, "lib", "libtlrt.so");
  return std::string(path);
}

/// Threads for an object file's LLVM optimization and code generation:
/// -j, or the machine's cores; one with --time-passes, whose timers are not
/// thread-safe.
unsigned objectJobs() {
  if (llvm::TimePassesIsEnabled)
    return 1;
  if (jobs)
    return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

/// A stage of the compilation: nested in --mlir-timing's report and, with
/// -v, its wall time printed to stderr when it ends.
class Stage {
public:
  Stage(TimingScope &root, StringRef name)
      : scope(root.nest(name)), name(name.str()), start(Clock::now()) {}
  ~Stage() { stop(); }
  void stop() {
    if (done)
      return;
    done = true;
    scope.stop();
    if (verbose)
      llvm::errs() << llvm::format("tlc: %-26s %8.1f ms\n", name.c_str(),
                                   msSince(start));
  }
  operator TimingScope &() { return scope; }

private:
  TimingScope scope;
  std::string name;
  Clock::time_point start;
  bool done = false;
};

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tlc") << message << "\n";
  return 1;
}

/// Parses the input file into `module`; diagnostics go through the source
/// manager handler, so they carry file:line:col.
OwningOpRef<ModuleOp> loadInput(MLIRContext &ctx, llvm::SourceMgr &sourceMgr,
                                StringRef path, int64_t batchSize) {
  StringRef ext = llvm::sys::path::extension(path);
  if (ext != ".mlir" && ext != ".tl" && ext != ".json") {
    fail(path + ": unknown input kind '" + ext +
         "' (expected .tl, .mlir or .json)");
    return nullptr;
  }
  EinsumGraphImportOptions importOptions;
  importOptions.funcName = cIdentifier(llvm::sys::path::stem(path));
  for (StringRef spec : shapes) {
    auto [name, dims] = spec.split('=');
    std::vector<int64_t> shape;
    bool ok = spec.contains('=') && !name.empty();
    SmallVector<StringRef> parts;
    if (!dims.empty())
      dims.split(parts, ',');
    for (StringRef d : parts) {
      int64_t v;
      if (d.trim().getAsInteger(10, v) || v < 0)
        ok = false;
      shape.push_back(v);
    }
    if (!ok) {
      fail("--shape " + spec + ": expected NAME=d0,d1,... with sizes >= 0");
      return nullptr;
    }
    importOptions.shapes[name] = shape;
  }
  if (!importOptions.shapes.empty() && ext != ".json") {
    fail("--shape only applies to .json input");
    return nullptr;
  }
  std::string error;
  auto file = openInputFile(path, &error);
  if (!file) {
    fail(error);
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  if (ext == ".json")
    return importEinsumGraph(sourceMgr, &ctx, importOptions);
  if (ext == ".tl") {
    tlang::FrontendOptions options;
    options.funcName = cIdentifier(llvm::sys::path::stem(path));
    options.fixpointTolerance = fixpointTol;
    options.maxIterations = maxIterations;
    options.batchSize = batchSize;
    return tlang::compileTensorLogic(sourceMgr, &ctx, options);
  }
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &ctx);
  // A `?` is the batch size: give it the size this compilation is for.
  bool dynamic = false;
  if (module)
    module->walk([&](func::FuncOp func) {
      for (Type t : func.getFunctionType().getInputs())
        if (auto shaped = dyn_cast<ShapedType>(t))
          dynamic |= !shaped.hasStaticShape();
    });
  if (dynamic) {
    PassManager pm(&ctx);
    tl::TLSpecializeBatchOptions specialize;
    specialize.size = batchSize;
    pm.addPass(tl::createTLSpecializeBatch(specialize));
    if (failed(pm.run(*module)))
      return nullptr;
  }
  return module;
}

LogicalResult runPipeline(ModuleOp module,
                          llvm::function_ref<void(OpPassManager &)> build,
                          TimingScope &timing) {
  PassManager pm(module.getContext());
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  pm.enableTiming(timing);
  // Verifying after every pass was a tenth of a compile (chain3: 102 to
  // 92 ms); the stages' results are still verified before the next stage
  // or LLVM IR translation takes them.
  const char *env = std::getenv("TLC_VERIFY_EACH");
  bool each = verifyEach || (env && StringRef(env) == "1");
  pm.enableVerifier(each);
  build(pm);
  if (failed(pm.run(module)))
    return failure();
  return each ? success() : verify(module);
}

/// Whether the graph stage runs: the graph passes at -O1 and above, output
/// pruning at any level, and the statistics.
bool graphStageRuns() {
  return (optLevel > 0 && graphPasses) || !pruneOutputs.empty() ||
         printGraphStats;
}

void buildGraphStage(OpPassManager &pm) {
  if (printGraphStats) {
    tl::TLGraphStatsOptions before;
    before.title = "before the graph passes";
    pm.addPass(tl::createTLGraphStats(before));
  }
  GraphPipelineOptions options;
  options.printContractionPaths = printContractionPaths;
  options.pruneOutputs.assign(pruneOutputs.begin(), pruneOutputs.end());
  if (optLevel > 0 && graphPasses)
    buildTLGraphPipeline(pm, options);
  else if (!options.pruneOutputs.empty()) {
    tl::TLPruneOutputsOptions prune;
    prune.names.assign(options.pruneOutputs.begin(),
                       options.pruneOutputs.end());
    pm.addPass(tl::createTLPruneOutputs(prune));
  }
  if (printGraphStats) {
    tl::TLGraphStatsOptions after;
    after.title = "after the graph passes";
    pm.addPass(tl::createTLGraphStats(after));
  }
}

LogicalResult optimizeGraph(ModuleOp module, TimingScope &root) {
  if (!graphStageRuns())
    return success();
  Stage t(root, "graph passes");
  return runPipeline(module, buildGraphStage, t);
}

void buildProfileStage(OpPassManager &pm) { pm.addPass(tl::createTLProfile()); }

void buildLinalgStage(OpPassManager &pm) {
  buildTLToLinalgPipeline(pm, onlineSoftmax);
}

/// The CPU pipeline's options for `target` (tlc run: the host).
CpuPipelineOptions cpuOptions(StringRef prefix, const TargetSpec &target,
                              bool forRun) {
  CpuPipelineOptions options{prefix.str(), optLevel >= 2, target.vectorBits,
                             target.vectorRegisters, printMemoryPlan};
  // Debian has no libomp for cross-linking AArch64 objects.
  options.threads = parallel && (forRun || parallel.getNumOccurrences() ||
                                 target.name != "aarch64");
  options.onlineSoftmax = onlineSoftmax;
  options.setBitIndexBits = target.compressLaneBits;
  if (gpuScheduleOnHost) {
    options.gpuSchedule = true;
    options.vectorize = false;
  }
  return options;
}

/// --print-pipeline: each stage's passes as a textual pipeline.
int printPipelines(MLIRContext &ctx) {
  bool runMode = false;
  auto target = resolveTarget(targetName);
  if (!target)
    return fail(llvm::toString(target.takeError()));
  auto print = [&](StringRef stage, function_ref<void(OpPassManager &)> build) {
    PassManager pm(&ctx);
    build(pm);
    llvm::outs() << stage << ":\n  ";
    pm.printAsTextualPipeline(llvm::outs());
    llvm::outs() << "\n";
  };
  if (graphStageRuns())
    print("graph passes", buildGraphStage);
  if (profile)
    print("profiling hooks", buildProfileStage);
  print("tl -> linalg", buildLinalgStage);
  CpuPipelineOptions options = cpuOptions("model", *target, runMode);
  print("linalg -> LLVM dialect",
        [&](OpPassManager &pm) { buildLinalgToLLVMPipeline(pm, options); });
  llvm::outs() << "LLVM IR and machine code:\n  LLVM's default<O" << optLevel
               << "> pipeline"
               << (optLevel > 0 ? " without loop unrolling" : "")
               << ", then code generation for " << target->triple << " (cpu "
               << target->cpu << "); an object file's functions in up to "
               << objectJobs() << " parts on as many threads where the "
               << "module is large and the target is this machine's "
               << "architecture, joined with ld -r\n";
  return 0;
}

/// tl-profile, with --profile.
LogicalResult instrument(ModuleOp module, TimingScope &root) {
  if (!profile)
    return success();
  Stage t(root, "profiling hooks");
  return runPipeline(module, buildProfileStage, t);
}

/// Rows per chunk of compiled code with a batch dimension (tl-batch-entries).
constexpr int64_t kBatchChunk = 16;

bool hasBatchDimension(ModuleOp module) {
  for (auto func : module.getOps<func::FuncOp>())
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      if (func.getArgAttr(i, tl::kBatchedAttrName))
        return true;
  return false;
}

/// tl-check-batch (a no-op without a batch dimension).
LogicalResult checkBatch(ModuleOp module, TimingScope &root) {
  if (!hasBatchDimension(module))
    return success();
  Stage t(root, "batch check");
  return runPipeline(
      module, [](OpPassManager &pm) { pm.addPass(tl::createTLCheckBatch()); },
      t);
}

/// Makes each entry point with a batch dimension two copies, for a chunk of
/// kBatchChunk rows (`module`, as loaded) and for one row (`oneRow`, the
/// same program loaded with a batch of 1), tagged for tl-batch-entries.
void addBatchCopies(ModuleOp module, ModuleOp oneRow,
                    ArrayRef<EntryPoint> entries) {
  MLIRContext *ctx = module.getContext();
  Builder b(ctx);
  for (const EntryPoint &e : entries) {
    if (!e.batched())
      continue;
    SmallVector<Attribute> rows;
    for (const auto *list : {&e.inputs, &e.outputs})
      for (const EntryPoint::Tensor &t : *list) {
        int64_t bytes = 0;
        if (t.batched)
          bytes = t.type.getNumElements() / t.type.getDimSize(0) *
                  dtypeSize(*dtypeOf(t.type.getElementType()));
        rows.push_back(b.getI64IntegerAttr(bytes));
      }
    auto tag = [&](func::FuncOp f, int64_t size, StringRef suffix) {
      f.setSymName((e.funcName + suffix).str());
      f->setAttr(tl::kBatchEntryAttr, b.getStringAttr(e.symbolBase));
      f->setAttr(tl::kBatchSizeAttr, b.getI64IntegerAttr(size));
      f->setAttr(tl::kBatchRowsAttr, b.getArrayAttr(rows));
    };
    auto chunk = module.lookupSymbol<func::FuncOp>(e.funcName);
    auto one = oneRow.lookupSymbol<func::FuncOp>(e.funcName);
    tag(chunk, kBatchChunk, "__chunk");
    one->remove();
    module.getBody()->push_back(one);
    tag(one, 1, "__one");
  }
}

std::string defaultPrefix(StringRef input) {
  StringRef from = !outputs.empty() && outputs[0] != "-" ? outputs[0] : input;
  return llvm::sys::path::stem(from).str();
}

int compile(MLIRContext &ctx, llvm::SourceMgr &sourceMgr, TimingScope &root) {
  if (positional.size() != 1)
    return fail("expected exactly one input file (see --help)");
  if (outputs.size() > 1)
    return fail("expected at most one -o when compiling");
  if (!entryName.empty() || useReference)
    return fail("--entry and --reference only apply to 'tlc run'");
  StringRef input = positional[0];
  Stage parsing(root, "parse");
  OwningOpRef<ModuleOp> module = loadInput(ctx, sourceMgr, input, kBatchChunk);
  if (!module)
    return 1;
  parsing.stop();
  std::string prefix =
      prefixOpt.empty() ? defaultPrefix(input) : prefixOpt.getValue();
  bool batched = hasBatchDimension(*module);
  if (failed(checkBatch(*module, root)) || failed(optimizeGraph(*module, root)))
    return 1;
  auto entries = collectEntryPoints(*module, prefix);
  if (failed(entries))
    return 1;
  if (batched) {
    // The same program for one row, compiled next to the chunk.
    Stage again(root, "parse (one batch row)");
    OwningOpRef<ModuleOp> oneRow = loadInput(ctx, sourceMgr, input, 1);
    if (!oneRow)
      return 1;
    again.stop();
    if (failed(checkBatch(*oneRow, root)) ||
        failed(optimizeGraph(*oneRow, root)))
      return 1;
    addBatchCopies(*module, *oneRow, *entries);
  }
  if (failed(instrument(*module, root)))
    return 1;
  auto target = resolveTarget(targetName);
  if (!target)
    return fail(llvm::toString(target.takeError()));

  std::string outPath =
      outputs.empty()
          ? (emit == Emit::Obj ? (llvm::sys::path::stem(input) + ".o").str()
                               : std::string("-"))
          : outputs[0];
  std::string error;
  auto out = openOutputFile(outPath, &error);
  if (!out)
    return fail(error);

  if (emit == Emit::TL) {
    module->print(out->os());
    out->keep();
    return 0;
  }
  {
    Stage t(root, "tl -> linalg");
    if (failed(runPipeline(*module, buildLinalgStage, t)))
      return 1;
  }
  if (emit == Emit::Linalg) {
    module->print(out->os());
    out->keep();
    return 0;
  }
  if (emit == Emit::Ptx && !target->isGpu())
    return fail("--emit=ptx needs a GPU target (--target=sm_XX)");
  // The CUDA toolkit: libdevice for math functions (exp, fabs, ...), and
  // ptxas and fatbinary for cubins.
  std::string cudaDir;
  for (const char *var : {"CUDA_HOME", "CUDA_ROOT", "CUDA_PATH"})
    if (const char *dir = std::getenv(var); dir && cudaDir.empty())
      cudaDir = dir;
  if (cudaDir.empty() && llvm::sys::fs::exists("/usr/local/cuda"))
    cudaDir = "/usr/local/cuda";
  std::string libdevice = cudaDir + "/nvvm/libdevice/libdevice.10.bc";
  if (cudaDir.empty() || !llvm::sys::fs::exists(libdevice))
    libdevice.clear();
  if (emit == Emit::Ptx) {
    Stage t(root, "linalg -> PTX");
    if (failed(runPipeline(
            *module,
            [&](OpPassManager &pm) {
              buildLinalgToPtxPipeline(pm, target->gpuChip, target->ptxFeatures,
                                       libdevice);
            },
            t)))
      return 1;
    std::string ptx;
    module->walk([&](gpu::BinaryOp binary) {
      for (Attribute object : binary.getObjects())
        ptx += cast<gpu::ObjectAttr>(object).getObject().getValue();
    });
    if (ptx.empty())
      return fail("the graph has no GPU kernels (nothing runs in parallel "
                  "loops)");
    if (libdevice.empty() && StringRef(ptx).contains("__nv_"))
      return fail("the device code calls CUDA's libdevice (__nv_* math "
                  "functions), but no CUDA toolkit was found: set CUDA_HOME");
    out->os() << ptx;
    out->keep();
    return 0;
  }
  // A GPU target's object runs on this machine's CPU and launches kernels.
  std::optional<TargetSpec> hostSpec;
  if (target->isGpu()) {
    Stage t(root, "linalg -> LLVM dialect (host and device)");
    bool cubin = !cudaDir.empty() &&
                 llvm::sys::fs::can_execute(cudaDir + "/bin/ptxas") &&
                 llvm::sys::fs::can_execute(cudaDir + "/bin/fatbinary");
    llvm::errs() << "tlc: embedding the device code as "
                 << (cubin ? "a fatbin (cubin for " + target->gpuChip +
                                 " and PTX)"
                           : "PTX (compiled by the driver at load; no ptxas "
                             "and fatbinary were found)")
                 << "\n";
    if (failed(runPipeline(
            *module,
            [&](OpPassManager &pm) {
              buildLinalgToGpuObjectPipeline(pm, prefix, target->gpuChip,
                                             target->ptxFeatures, libdevice,
                                             cubin ? "fatbin" : "isa");
            },
            t)))
      return 1;
    if (!cubin && libdevice.empty()) {
      bool callsLibdevice = false;
      module->walk([&](gpu::BinaryOp binary) {
        for (Attribute object : binary.getObjects())
          callsLibdevice |=
              cast<gpu::ObjectAttr>(object).getObject().getValue().contains(
                  "__nv_");
      });
      if (callsLibdevice)
        return fail("the device code calls CUDA's libdevice (__nv_* math "
                    "functions), but no CUDA toolkit was found: set "
                    "CUDA_HOME");
    }
    auto host = resolveTarget("host");
    if (!host)
      return fail(llvm::toString(host.takeError()));
    hostSpec = *host;
  } else {
    Stage t(root, "linalg -> LLVM dialect");
    CpuPipelineOptions options = cpuOptions(prefix, *target, false);
    if (failed(runPipeline(
            *module,
            [&](OpPassManager &pm) { buildLinalgToLLVMPipeline(pm, options); },
            t)))
      return 1;
  }
  auto tm = createTargetMachine(hostSpec ? *hostSpec : *target, optLevel);
  if (!tm)
    return fail(llvm::toString(tm.takeError()));
  llvm::LLVMContext llvmCtx;
  Stage translation(root, "LLVM IR");
  auto llvmModule = translateToLLVMIR(*module, llvmCtx, **tm);
  translation.stop();
  if (!llvmModule)
    return fail(llvm::toString(llvmModule.takeError()));
  if (emit == Emit::Obj) {
    if (outPath == "-")
      return fail("an object file cannot go to stdout; give -o FILE.o");
    unsigned threads = objectJobs();
    std::string whyWhole;
    Stage codegen(root, "LLVM optimization and code");
    auto parts =
        emitObject(std::move(*llvmModule), hostSpec ? *hostSpec : *target,
                   optLevel, threads, out->os(), &whyWhole);
    codegen.stop();
    if (!parts)
      return fail(llvm::toString(parts.takeError()));
    if (verbose)
      llvm::errs() << "tlc: LLVM compiled the module "
                   << (*parts > 1 ? "in " + std::to_string(*parts) +
                                        " parts on as many threads"
                                  : "whole, on one thread (" + whyWhole + ")")
                   << "\n";
    SmallString<128> headerPath(outPath);
    llvm::sys::path::replace_extension(headerPath, ".h");
    auto header = openOutputFile(headerPath, &error);
    if (!header)
      return fail(error);
    bool usesOpenMP = false;
    module->walk([&](Operation *op) {
      if (op->getDialect() && op->getDialect()->getNamespace() == "omp")
        usesOpenMP = true;
    });
    header->os() << generateCHeader(*entries, prefix, usesOpenMP, profile,
                                    target->gpuChip);
    header->keep();
  } else {
    Stage optimization(root, "LLVM optimization");
    optimizeLLVMIR(**llvmModule, **tm, optLevel);
    optimization.stop();
    if (emit == Emit::LLVM) {
      (*llvmModule)->print(out->os(), nullptr);
      out->keep();
      return 0;
    }
    Stage codegen(root, "machine code");
    if (llvm::Error err = emitMachineCode(**llvmModule, **tm, true, out->os()))
      return fail(llvm::toString(std::move(err)));
  }
  out->keep();
  return 0;
}

int run(MLIRContext &ctx, llvm::SourceMgr &sourceMgr, TimingScope &root) {
  if (positional.empty())
    return fail("tlc run: expected an input file (see --help)");
  StringRef input = positional[0];
  Stage parsing(root, "parse");
  OwningOpRef<ModuleOp> module = loadInput(ctx, sourceMgr, input, 1);
  if (!module)
    return 1;
  // A batch dimension takes its size from the first batched input.
  if (hasBatchDimension(*module)) {
    func::FuncOp func;
    for (auto f : module->getOps<func::FuncOp>())
      if (entryName.empty() || f.getSymName() == entryName)
        func = f;
    for (unsigned i = 0; func && i < func.getNumArguments(); ++i) {
      if (!func.getArgAttr(i, tl::kBatchedAttrName))
        continue;
      if (i + 1 >= positional.size())
        break; // the input count check below reports it
      auto tensor = readNpy(positional[i + 1]);
      if (!tensor)
        return fail(llvm::toString(tensor.takeError()));
      if (tensor->shape.empty() || tensor->shape[0] < 1)
        return fail(positional[i + 1] +
                    ": a batched input needs a first dimension of at least 1 "
                    "(the batch size)");
      module = loadInput(ctx, sourceMgr, input, tensor->shape[0]);
      if (!module)
        return 1;
      break;
    }
    if (failed(checkBatch(*module, root)))
      return 1;
  }
  parsing.stop();
  // The reference interpreter evaluates the program as written; compiled
  // code sees the graph passes.
  if (!useReference && failed(optimizeGraph(*module, root)))
    return 1;
  auto entries = collectEntryPoints(*module, "");
  if (failed(entries))
    return 1;
  if (profile && useReference)
    return fail("tlc run: --profile profiles compiled code, not the reference "
                "interpreter");
  if (failed(instrument(*module, root)))
    return 1;
  const EntryPoint *entry = nullptr;
  if (entryName.empty()) {
    if (entries->size() != 1)
      return fail("tlc run: " + input + " has " + Twine(entries->size()) +
                  " functions; choose one with --entry");
    entry = &entries->front();
  } else {
    for (const EntryPoint &e : *entries)
      if (e.funcName == entryName)
        entry = &e;
    if (!entry)
      return fail("tlc run: no function '" + entryName + "' in " + input);
  }

  // Inputs.
  std::vector<HostTensor> inputs;
  size_t numGiven = positional.size() - 1;
  if (numGiven != entry->inputs.size())
    return fail("tlc run: '@" + entry->funcName + "' takes " +
                Twine(entry->inputs.size()) + " input(s) but " +
                Twine(numGiven) + " .npy file(s) were given");
  if (outputs.size() != entry->outputs.size())
    return fail("tlc run: '@" + entry->funcName + "' has " +
                Twine(entry->outputs.size()) + " result(s) but " +
                Twine(outputs.size()) + " -o file(s) were given");
  for (auto [i, spec] : llvm::enumerate(entry->inputs)) {
    StringRef path = positional[i + 1];
    auto tensor = readNpy(path);
    if (!tensor)
      return fail(llvm::toString(tensor.takeError()));
    DType want = *dtypeOf(spec.type.getElementType());
    if (tensor->dtype != want ||
        tensor->shape != std::vector<int64_t>(spec.type.getShape().begin(),
                                              spec.type.getShape().end())) {
      HostTensor expected(want, spec.type.getShape());
      return fail(path + ": input #" + Twine(i) + " ('" + spec.name +
                  "') must be " + expected.typeString() + ", got " +
                  tensor->typeString());
    }
    inputs.push_back(std::move(*tensor));
  }

  std::vector<HostTensor> results;
  auto func = module->lookupSymbol<func::FuncOp>(entry->funcName);
  double compileMs = 0, runMs = 0;
  int32_t status = 0;
  if (useReference) {
    auto start = Clock::now();
    auto evaluated = reference::evaluate(func, inputs);
    runMs = msSince(start);
    if (!evaluated)
      return fail(llvm::toString(evaluated.takeError()));
    for (auto [i, t] : llvm::enumerate(*evaluated)) {
      if (entry->statusResult && i == *entry->statusResult)
        status = t.as<uint8_t>()[0] ? 0 : 1;
      else
        results.push_back(std::move(t));
    }
  } else {
    auto start = Clock::now();
    auto host = resolveTarget("host");
    if (!host)
      return fail(llvm::toString(host.takeError()));
    CpuPipelineOptions options = cpuOptions("", *host, true);
    if (failed(runPipeline(
            *module,
            [&](OpPassManager &pm) { buildTLToLLVMPipeline(pm, options); },
            root)))
      return 1;
    ExecutionEngineOptions engineOptions;
    // The object files' LLVM pipeline (without the loop unroller, tuned
    // for the host), so that the JIT runs the code tlc emits.
    // `transformer` is a function_ref: the function must outlive it.
    auto tm = createTargetMachine(*host, optLevel);
    if (!tm)
      return fail(llvm::toString(tm.takeError()));
    std::function<llvm::Error(llvm::Module *)> transformer =
        [&](llvm::Module *m) {
          optimizeLLVMIR(*m, **tm, optLevel);
          return llvm::Error::success();
        };
    engineOptions.transformer = transformer;
    std::string libomp = TLC_LIBOMP_PATH;
    SmallVector<StringRef> libs{libomp};
    std::string libtlrt = libtlrtPath();
    if (profile) {
      if (!llvm::sys::fs::exists(libtlrt))
        return fail("tlc run --profile: libtlrt not found at " + libtlrt +
                    " (set TLC_LIBTLRT_PATH)");
      libs.push_back(libtlrt);
    }
    engineOptions.sharedLibPaths = libs;
    auto engine = ExecutionEngine::create(*module, engineOptions);
    if (!engine)
      return fail("JIT: " + llvm::toString(engine.takeError()));
    auto fn = (*engine)->lookup(entry->symbolBase + "_run_packed");
    if (!fn)
      return fail("JIT: " + llvm::toString(fn.takeError()));
    compileMs = msSince(start);
    std::vector<void *> args;
    for (HostTensor &t : inputs)
      args.push_back(t.data());
    for (const auto &spec : entry->outputs) {
      results.emplace_back(*dtypeOf(spec.type.getElementType()),
                           spec.type.getShape());
    }
    for (HostTensor &t : results)
      args.push_back(t.data());
    auto sizeFn = (*engine)->lookup(entry->symbolBase + "_workspace_size");
    if (!sizeFn)
      return fail("JIT: " + llvm::toString(sizeFn.takeError()));
    int64_t workspaceSize = reinterpret_cast<int64_t (*)()>(*sizeFn)();
    // The plan aligns buffers to 64 bytes within the workspace.
    std::unique_ptr<void, decltype(&std::free)> workspace(
        workspaceSize ? std::aligned_alloc(64, llvm::alignTo(workspaceSize, 64))
                      : nullptr,
        &std::free);
    if (workspaceSize && !workspace)
      return fail("tlc run: cannot allocate a workspace of " +
                  Twine(workspaceSize) + " bytes");
    args.push_back(workspace.get());
    auto packed = reinterpret_cast<int32_t (*)(void **)>(*fn);
    start = Clock::now();
    status = packed(args.data());
    runMs = msSince(start);
    if (profile) {
      auto report = reinterpret_cast<void (*)(FILE *)>(
          llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(
              "tlrt_profile_report"));
      if (!report)
        return fail("tlc run --profile: no tlrt_profile_report in " + libtlrt);
      fflush(stderr);
      report(stderr);
    }
  }
  for (auto [i, t] : llvm::enumerate(results))
    if (llvm::Error err = writeNpy(outputs[i], t))
      return fail(llvm::toString(std::move(err)));
  llvm::errs() << llvm::format(
      "tlc run: @%s: %s, compile %.1f ms, run %.3f ms\n",
      entry->funcName.c_str(), useReference ? "reference interpreter" : "jit",
      compileMs, runMs);
  // The outputs are written either way: they hold the last iterate.
  if (status == 1)
    return fail("tlc run: '@" + entry->funcName +
                "': a fixpoint did not converge within its iteration bound "
                "(status 1; raise --max-iterations or --fixpoint-tol)");
  if (status != 0)
    return fail("tlc run: '@" + entry->funcName + "' returned status " +
                Twine(status));
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // `tlc run ...` is a mode, not an input file.
  bool runMode = argc > 1 && StringRef(argv[1]) == "run";
  SmallVector<char *> args(argv, argv + argc);
  if (runMode)
    args.erase(args.begin() + 1);

  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  tlc::registerAllPasses();
  // libLLVM registers hundreds of codegen flags; --help shows tlc's options
  // and MLIR's (--mlir-*), --help-hidden everything.
  for (auto &entry : cl::getRegisteredOptions()) {
    cl::Option *option = entry.second;
    bool ours = llvm::is_contained(option->Categories, &tlcCategory);
    if (!ours && !entry.first.starts_with("mlir-") && entry.first != "help" &&
        entry.first != "version")
      option->setHiddenFlag(cl::Hidden);
  }
  cl::ParseCommandLineOptions(args.size(), args.data(), overview);

  DialectRegistry registry;
  tlc::registerAllDialects(registry);
  // Dialects load as the parser, the front ends and the passes need them:
  // loading all registered ones took 10 ms of a 60 ms compile. No thread
  // pool: a module holds one function per entry point, and starting and
  // waking the pool's threads cost 2 to 8 ms per compile on 2 cores.
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &ctx);

  DefaultTimingManager tm;
  applyDefaultTimingManagerCLOptions(tm);
  TimingScope root = tm.getRootScope();
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  if (printPipeline)
    return printPipelines(ctx);
  return runMode ? run(ctx, sourceMgr, root) : compile(ctx, sourceMgr, root);
}
