// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-lower-copies))' | FileCheck %s

// A copy into a strided view becomes linalg.copy (loops), not a call of the
// MLIR runtime's memrefCopy; contiguous copies stay memref.copy (memcpy).
// CHECK-LABEL: func.func @copies
// CHECK: linalg.copy ins(%arg0 : memref<4x4xf32>) outs(%{{.*}} : memref<4x4xf32, strided<[8, 1]>>)
// CHECK: memref.copy %arg0, %arg2 : memref<4x4xf32> to memref<4x4xf32>
func.func @copies(%a: memref<4x4xf32>, %b: memref<4x8xf32>, %c: memref<4x4xf32>) {
  %view = memref.subview %b[0, 0] [4, 4] [1, 1] : memref<4x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  memref.copy %a, %view : memref<4x4xf32> to memref<4x4xf32, strided<[8, 1]>>
  memref.copy %a, %c : memref<4x4xf32> to memref<4x4xf32>
  return
}
