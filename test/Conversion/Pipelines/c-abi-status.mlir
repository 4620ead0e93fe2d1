// tl-c-abi: an entry point whose one remaining result is the i1 marked
// tl.status returns 0 where it is true and 1 (did not converge) where it is
// false; any other result is an error.
// RUN: tlc-opt %s -split-input-file --tl-c-abi -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @f_run
// CHECK-SAME:    (%{{.*}}: memref<4xf32> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32 attributes {tl.entry}
// CHECK:         %[[OK:.*]] = memref.load
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:    %[[STATUS:.*]] = arith.select %[[OK]], %[[ZERO]], %[[ONE]] : i32
// CHECK-NEXT:    return %[[STATUS]] : i32
// CHECK-NOT:     tl.status
func.func @f(%out: memref<4xf32>) -> (i1 {tl.status}) {
  %flag = memref.alloca() : memref<i1>
  %ok = memref.load %flag[] : memref<i1>
  return %ok : i1
}

// -----

// An i1 result without the attribute is not a status.
// expected-error @+1 {{entry point still returns values after buffer-results-to-out-params}}
func.func @g(%out: memref<4xf32>) -> i1 {
  %true = arith.constant true
  return %true : i1
}
