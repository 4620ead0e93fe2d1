//===- tl_fuzzer.cpp - libFuzzer target for the TensorLogic front end -----===//
//
// Feeds arbitrary bytes to the .tl parser, semantic checks and lowering to
// the tl dialect (tlc::tlang::compileTensorLogic), then verifies and prints
// the module it returns. Diagnostics are swallowed: the failures are
// crashes, sanitizer reports, hangs (-timeout), memory blow-ups
// (-rss_limit_mb), and an "internal error" diagnostic (the front end built a
// module that does not verify), which aborts unless the environment sets
// TLC_FUZZ_ALLOW_INTERNAL_ERRORS=1. Built only with -DTLC_ENABLE_FUZZER=ON
// and clang; run it with scripts/fuzz.sh.
//
// Relative load("...") paths resolve against the working directory (the
// buffer is named "fuzz.tl", without a directory); scripts/fuzz.sh runs the
// fuzzer in a scratch directory holding a few small .npy files.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Frontend/Frontend.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

/// Larger inputs only slow the fuzzer down; scripts/fuzz.sh also passes
/// -max_len=4096.
static constexpr size_t kMaxInputSize = 64 * 1024;

static bool abortOnInternalError() {
  static const bool abort = [] {
    const char *allow = std::getenv("TLC_FUZZ_ALLOW_INTERNAL_ERRORS");
    return !allow || std::string(allow) != "1";
  }();
  return abort;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxInputSize)
    return -1; // reject: never added to the corpus

  // A fresh context per input: nothing uniqued by one input survives into
  // the next, so every crash reproduces from its file alone.
  mlir::DialectRegistry registry;
  registry.insert<tlc::tl::TLDialect, mlir::func::FuncDialect>();
  mlir::MLIRContext ctx(registry, mlir::MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  // "internal error" (the generated module does not verify) follows the
  // verifier's own diagnostic: keep both.
  std::string previous, internalError;
  mlir::ScopedDiagnosticHandler swallow(&ctx, [&](mlir::Diagnostic &diag) {
    std::string message = diag.str();
    if (internalError.empty() &&
        llvm::StringRef(message).contains("internal error"))
      internalError = message + "\n  after: " + previous;
    previous = message;
    return mlir::success();
  });

  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz.tl"),
      llvm::SMLoc());

  tlc::tlang::FrontendOptions options;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      tlc::tlang::compileTensorLogic(sourceMgr, &ctx, options);
  if (module) {
    // compileTensorLogic verifies already; a module that does not verify
    // is still only a diagnostic, not a crash. Printing exercises the tl
    // ops' custom printers.
    (void)mlir::verify(*module);
    llvm::raw_null_ostream os;
    module->print(os);
  }
  if (!internalError.empty() && abortOnInternalError()) {
    std::fprintf(stderr, "tl-fuzzer: the front end reported: %s\n",
                 internalError.c_str());
    std::abort();
  }
  return 0;
}
