// tl-c-abi marks memref arguments noalias (the ABI forbids overlapping
// buffers) and leaves scalars alone: LLVM accepts noalias only on pointers.
// RUN: tlc-opt %s --tl-c-abi | FileCheck %s

// CHECK-LABEL: func.func @scaled_run
// CHECK-SAME:    (%{{.*}}: f32, %{{.*}}: memref<4xf32> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32
func.func @scaled(%s: f32, %out: memref<4xf32>) {
  linalg.fill ins(%s : f32) outs(%out : memref<4xf32>)
  return
}
