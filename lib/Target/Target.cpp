//===- Target.cpp - targets, LLVM IR and machine code ---------------------===//

#include "tlc/Target/Target.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace tlc;

static void initializeLLVMTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
}

llvm::StringRef tlc::supportedTargetNames() {
  return "host, x86-64-v3, x86-64-v4, aarch64, sm_XX (an NVIDIA GPU: sm_80, "
         "sm_90, ...)";
}

llvm::Expected<TargetSpec> tlc::resolveTarget(llvm::StringRef name) {
  TargetSpec spec;
  spec.name = name.str();
  if (name == "host") {
    spec.triple = llvm::sys::getDefaultTargetTriple();
    spec.cpu = llvm::sys::getHostCPUName().str();
    std::string features;
    auto hostFeatures = llvm::sys::getHostCPUFeatures();
    for (auto &f : hostFeatures)
      features += (features.empty() ? "" : ",") +
                  std::string(f.second ? "+" : "-") + f.first().str();
    spec.features = features;
    auto has = [&](llvm::StringRef f) { return hostFeatures.lookup(f); };
    // LLVM tunes recent Intel cores to 256-bit loop vectorization; the maps
    // and reductions tlc leaves to LLVM run faster on full zmm registers.
    if (has("avx512f")) {
      spec.features += ",-prefer-256-bit";
      spec.compressLaneBits = has("avx512vbmi2") ? 16 : 32;
    }
    if (llvm::Triple(spec.triple).isAArch64())
      spec.vectorBits = 128, spec.vectorRegisters = 32;
    else if (has("avx512f"))
      spec.vectorBits = 512, spec.vectorRegisters = 32;
    else if (has("avx2"))
      spec.vectorBits = 256, spec.vectorRegisters = 16;
  } else if (name == "x86-64-v3" || name == "x86-64-v4") {
    spec.triple = "x86_64-unknown-linux-gnu";
    spec.cpu = name.str();
    if (name == "x86-64-v4")
      spec.vectorBits = 512, spec.vectorRegisters = 32,
      spec.compressLaneBits = 32;
    else
      spec.vectorBits = 256, spec.vectorRegisters = 16;
  } else if (name.starts_with("sm_") && name.size() > 3 &&
             llvm::all_of(name.drop_front(3), llvm::isDigit)) {
    unsigned sm = 0;
    name.drop_front(3).getAsInteger(10, sm);
    if (sm < 50)
      return llvm::createStringError("target '" + name +
                                     "': chips before sm_50 are not supported");
    spec.triple = "nvptx64-nvidia-cuda";
    spec.cpu = name.str();
    spec.gpuChip = name.str();
    // The PTX ISA each generation needs: sm_90 needs 8.0 (LLVM aborts
    // below it), sm_100 and later 8.6.
    spec.ptxFeatures = sm >= 100 ? "+ptx86" : sm >= 90 ? "+ptx80" : "+ptx70";
  } else if (name == "aarch64") {
    spec.triple = "aarch64-unknown-linux-gnu";
    spec.cpu = "generic";
    spec.features = "+neon";
    spec.vectorBits = 128, spec.vectorRegisters = 32;
  } else {
    return llvm::createStringError(
        "unknown target '" + name +
        "' (expected one of: " + supportedTargetNames() + ")");
  }
  return spec;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
tlc::createTargetMachine(const TargetSpec &spec, unsigned optLevel) {
  initializeLLVMTargets();
  llvm::Triple triple(spec.triple);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("target '" + spec.name + "': " + error);
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2
                                    ? llvm::CodeGenOptLevel::Default
                                    : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, spec.cpu, spec.features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, level));
  if (!tm)
    return llvm::createStringError("cannot create a target machine for '" +
                                   spec.name + "'");
  return tm;
}

llvm::Expected<std::unique_ptr<llvm::Module>>
tlc::translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &ctx,
                       llvm::TargetMachine &tm) {
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, ctx);
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed");
  llvmModule->setTargetTriple(tm.getTargetTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  return llvmModule;
}

void tlc::optimizeLLVMIR(llvm::Module &module, llvm::TargetMachine &tm,
                         unsigned optLevel) {
  // LLVM's -O pipeline with its loop unroller off: tl-cpu-contractions
  // unrolls the kernels and tl-parallel-loops the Boolean product's loop
  // itself. What LLVM still unrolled were loops whose trip counts it
  // knows (softmax's vectorized loops over 2048 row statistics, 128
  // vector ops each), a sixth of the optimizer's time (chain3: 85 vs 90
  // ms, attention 155 vs 164 ms per compile), and no benchmark graph ran
  // slower without it (A/B of every changed object, 1 and 2 threads).
  // Upstream's makeOptimizingTransformer builds the same pipeline but
  // takes no tuning options.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&tm, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  if (optLevel == 0)
    builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
        .run(module, mam);
  else
    builder
        .buildPerModuleDefaultPipeline(
            optLevel == 1   ? llvm::OptimizationLevel::O1
            : optLevel == 2 ? llvm::OptimizationLevel::O2
                            : llvm::OptimizationLevel::O3)
        .run(module, mam);
}

llvm::Error tlc::emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                                 bool assembly, llvm::raw_pwrite_stream &os) {
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr,
                             assembly ? llvm::CodeGenFileType::AssemblyFile
                                      : llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError("target '" + tm.getTargetTriple().str() +
                                   "' cannot emit this file type");
  pm.run(module);
  return llvm::Error::success();
}
