// The vectorized CPU pipeline hands the LLVM conversion the kernel's rows
// as rows: the micro-kernel's operand splats stay vector.broadcast ops
// inserted into the tile, not one element-by-element vector.from_elements.
// That is the canonicalize before the conversion running without upstream's
// InsertChainFullyInitialized (named in the pipeline); if upstream renames
// that pattern, this test fails.
// RUN: tlc-opt %s --tl-lower-to-llvm=vectorize=true --mlir-print-ir-before=convert-vector-to-llvm -o /dev/null 2>&1 | FileCheck %s

// CHECK-LABEL: IR Dump Before ConvertVectorToLLVMPass
// CHECK-NOT:   vector.from_elements
// CHECK:       vector.broadcast {{.*}} : f32 to vector<32xf32>
// CHECK:       vector.insert {{.*}} : vector<32xf32> into vector<8x32xf32>
// CHECK:       vector.fma
// CHECK-NOT:   vector.from_elements
func.func @mm(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<64x64xf32>, tensor<64x64xf32> -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
