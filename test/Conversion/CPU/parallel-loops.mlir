// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-parallel-loops),canonicalize,cse)' | FileCheck %s

// 2 x 4 MiB: the outer loop runs on threads (scf.parallel), the inner one
// stays a plain loop for LLVM to vectorize.
// CHECK-LABEL: func.func @large
// CHECK:       scf.parallel (%[[I:.*]]) = (%c0) to (%c1024) step (%c1)
// CHECK-NEXT:    scf.for %[[J:.*]] = %c0 to %c1024 step %c1
// CHECK:           memref.load %arg0[%[[I]], %[[J]]]
// CHECK:           math.exp
// CHECK:           memref.store {{.*}}, %arg1[%[[I]], %[[J]]]
// CHECK-NOT:   linalg.generic
func.func @large(%x: memref<1024x1024xf32>, %y: memref<1024x1024xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<1024x1024xf32>) outs(%y : memref<1024x1024xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  }
  return
}

// Row sums: the parallel rows on threads, each row's reduction a loop.
// CHECK-LABEL: func.func @rowsum
// CHECK:       scf.parallel
// CHECK-NEXT:    scf.for
func.func @rowsum(%x: memref<1024x1024xf32>, %y: memref<1024xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<1024x1024xf32>) outs(%y : memref<1024xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}

// Under 1 MiB, a sum with no parallel outer loop, and ops on tensors stay.
// CHECK-LABEL: func.func @stays
// CHECK-NOT:   scf.parallel
// CHECK:       linalg.generic
// CHECK:       linalg.generic
func.func @stays(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %z: memref<1048576xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<64x64xf32>) outs(%y : memref<64x64xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                  iterator_types = ["reduction"]}
      ins(%z : memref<1048576xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %acc, %a : f32
    linalg.yield %r : f32
  }
  return
}
