// tl-to-linalg does not lower tl.fixpoint itself: tl-lower-fixpoint (first in
// tl-lower-to-linalg) must have run.
// RUN: tlc-opt %s --tl-to-linalg -verify-diagnostics
// RUN: tlc-opt %s --tl-lower-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK:         scf.while
// CHECK-NOT:     tl.
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op must be lowered by tl-lower-fixpoint before tl-to-linalg}}
  %r, %ok = tl.fixpoint %a {max_iterations = 1 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    %n = tl.map "i->i" neg %s : tensor<2xf32> -> tensor<2xf32>
    tl.yield %n : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}
