// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-omp-nowait))' | FileCheck %s

// A worksharing loop that ends its parallel region needs no barrier of its
// own: the region's end is one.
// CHECK-LABEL: func.func @last
// CHECK: omp.wsloop nowait
func.func @last(%m: memref<16xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c16) step (%c1) {
        memref.store %v, %m[%i] : memref<16xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Followed by more work in the region, it keeps its barrier.
// CHECK-LABEL: func.func @not_last
// CHECK-NOT: nowait
func.func @not_last(%m: memref<16xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c16) step (%c1) {
        memref.store %v, %m[%i] : memref<16xf32>
        omp.yield
      }
    }
    memref.store %v, %m[%c0] : memref<16xf32>
    omp.terminator
  }
  return
}
