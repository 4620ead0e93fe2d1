//===- tlc-opt.cpp - opt-style driver for tlc's passes --------------------===//

#include "tlc/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  tlc::registerAllPasses();
  mlir::DialectRegistry registry;
  tlc::registerAllDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv,
      "tlc-opt: the tl dialect, tlc's passes and pipelines (tl-*), and "
      "upstream MLIR's\n",
      registry));
}
