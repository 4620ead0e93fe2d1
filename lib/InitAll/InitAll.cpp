//===- InitAll.cpp - register tlc's dialects, passes and pipelines --------===//

#include "tlc/InitAll.h"
#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

void tlc::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<tlc::tl::TLDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
}

void tlc::registerAllPasses() {
  mlir::registerAllPasses();
  tlc::registerTLConversionPasses();
  tlc::tl::registerTLTransformsPasses();
  tlc::registerTLPipelines();
}
