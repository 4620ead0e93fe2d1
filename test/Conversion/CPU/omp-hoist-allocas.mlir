// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-omp-hoist-allocas))' | FileCheck %s

// An iteration's static scratch moves to the top of the parallel region
// (one buffer per thread), and the scope around the iteration, left
// without allocas, is inlined.
// CHECK-LABEL: func.func @scratch
// CHECK:       omp.parallel {
// CHECK-NEXT:    %[[LIST:.*]] = memref.alloca() : memref<64xi16>
// CHECK-NEXT:    omp.wsloop {
// CHECK-NEXT:      omp.loop_nest (%[[I:.*]]) : index
// CHECK-NOT:         memref.alloca_scope
// CHECK:             memref.store %{{.*}}, %[[LIST]][%[[I]]]
// CHECK:             %[[V:.*]] = memref.load %[[LIST]][%[[I]]]
// CHECK-NEXT:        memref.store %[[V]], %arg0[%[[I]]]
// CHECK-NEXT:        omp.yield
func.func @scratch(%m: memref<16xi16>, %v: i16) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c16) step (%c1) {
        memref.alloca_scope {
          %list = memref.alloca() : memref<64xi16>
          memref.store %v, %list[%i] : memref<64xi16>
          %w = memref.load %list[%i] : memref<64xi16>
          memref.store %w, %m[%i] : memref<16xi16>
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Allocas of a dynamic size, and allocas inside a loop of the iteration
// (several of which may be live at once), stay, and so does their scope.
// CHECK-LABEL: func.func @stays
// CHECK:       omp.parallel {
// CHECK-NEXT:    omp.wsloop {
// CHECK:           memref.alloca_scope {
// CHECK-NEXT:        memref.alloca(%{{.*}}) : memref<?xi16>
// CHECK:             scf.for
// CHECK-NEXT:          memref.alloca() : memref<4xi16>
func.func @stays(%m: memref<16xi16>, %v: i16, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c16) step (%c1) {
        memref.alloca_scope {
          %dyn = memref.alloca(%n) : memref<?xi16>
          memref.store %v, %dyn[%i] : memref<?xi16>
          scf.for %j = %c0 to %c16 step %c1 {
            %small = memref.alloca() : memref<4xi16>
            memref.store %v, %small[%c0] : memref<4xi16>
          }
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A scope this pass does not change (it holds no alloca) is left for
// canonicalize to judge.
// CHECK-LABEL: func.func @untouched
// CHECK:       omp.loop_nest
// CHECK-NEXT:    memref.alloca_scope {
func.func @untouched(%m: memref<16xi16>, %v: i16) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c16) step (%c1) {
        memref.alloca_scope {
          memref.store %v, %m[%i] : memref<16xi16>
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
