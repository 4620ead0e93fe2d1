// Round trip of tl.fixpoint and tl.yield through the custom and the generic
// printed form.
// RUN: tlc-opt %s -split-input-file | tlc-opt -split-input-file | FileCheck %s
// RUN: tlc-opt %s -split-input-file -mlir-print-op-generic | tlc-opt -split-input-file | FileCheck %s

// One Boolean state that uses a value from above (the edge relation);
// the default tolerance (0) is elided.
// CHECK-LABEL: func.func @closure
// CHECK-SAME:    (%[[E:.*]]: tensor<8x8xi1>)
// CHECK:         %[[TC:.*]], %[[OK:.*]] = tl.fixpoint %[[E]] {max_iterations = 9 : i64} : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
// CHECK-NEXT:    ^bb0(%[[R:.*]]: tensor<8x8xi1>):
// CHECK-NEXT:      %[[P:.*]] = tl.einsum "xy,yz->xz" %[[R]], %[[E]] {semiring = #tl.semiring<or_and>}
// CHECK-NEXT:      %[[N:.*]] = tl.map "xz,xz->xz" or %[[R]], %[[P]]
// CHECK-NEXT:      tl.yield %[[N]] : tensor<8x8xi1>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[TC]], %[[OK]] : tensor<8x8xi1>, tensor<i1>
func.func @closure(%e: tensor<8x8xi1>) -> (tensor<8x8xi1>, tensor<i1>) {
  %tc, %ok = tl.fixpoint %e {max_iterations = 9 : i64, tolerance = 0.0 : f64}
      : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
  ^bb0(%r: tensor<8x8xi1>):
    %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    %n = tl.map "xz,xz->xz" or %r, %p : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    tl.yield %n : tensor<8x8xi1>
  }
  return %tc, %ok : tensor<8x8xi1>, tensor<i1>
}

// -----

// Several states of different element types and ranks, with a tolerance;
// the state results are a group.
// CHECK-LABEL: func.func @mixed
// CHECK-SAME:    (%[[B:.*]]: tensor<8x8xi1>, %[[X:.*]]: tensor<8x8xf32>, %[[S:.*]]: tensor<i64>)
// CHECK:         %[[RES:.*]]:3, %[[OK:.*]] = tl.fixpoint %[[B]], %[[X]], %[[S]] {max_iterations = 64 : i64, tolerance = 9.9999999999999995E-7 : f64} : tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64> -> tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64>, tensor<i1> {
// CHECK-NEXT:    ^bb0(%[[S0:.*]]: tensor<8x8xi1>, %[[S1:.*]]: tensor<8x8xf32>, %[[S2:.*]]: tensor<i64>):
// CHECK-NEXT:      %[[H:.*]] = tl.map "ij->ij" mul %[[S1]] {scalar = 5.000000e-01 : f64}
// CHECK-NEXT:      tl.yield %[[S0]], %[[H]], %[[S2]] : tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[RES]]#1, %[[OK]] : tensor<8x8xf32>, tensor<i1>
func.func @mixed(%b: tensor<8x8xi1>, %x: tensor<8x8xf32>, %s: tensor<i64>) -> (tensor<8x8xf32>, tensor<i1>) {
  %r:3, %ok = tl.fixpoint %b, %x, %s {max_iterations = 64 : i64, tolerance = 1.0e-06 : f64}
      : tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64> -> tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64>, tensor<i1> {
  ^bb0(%s0: tensor<8x8xi1>, %s1: tensor<8x8xf32>, %s2: tensor<i64>):
    %h = tl.map "ij->ij" mul %s1 {scalar = 0.5 : f64} : tensor<8x8xf32> -> tensor<8x8xf32>
    tl.yield %s0, %h, %s2 : tensor<8x8xi1>, tensor<8x8xf32>, tensor<i64>
  }
  return %r#1, %ok : tensor<8x8xf32>, tensor<i1>
}

// -----

// Nested fixpoints; the convergence flag is an ordinary tensor<i1>.
// CHECK-LABEL: func.func @nested
// CHECK:         %{{.*}}, %{{.*}} = tl.fixpoint %{{.*}} {max_iterations = 3 : i64} : tensor<4xf64> -> tensor<4xf64>, tensor<i1> {
// CHECK-NEXT:    ^bb0(%[[O:.*]]: tensor<4xf64>):
// CHECK-NEXT:      %[[IN:.*]], %[[IOK:.*]] = tl.fixpoint %[[O]] {max_iterations = 5 : i64, tolerance = 1.000000e-03 : f64} : tensor<4xf64> -> tensor<4xf64>, tensor<i1> {
// CHECK-NEXT:      ^bb0(%[[I:.*]]: tensor<4xf64>):
// CHECK-NEXT:        %[[Q:.*]] = tl.map "i->i" sqrt %[[I]]
// CHECK-NEXT:        tl.yield %[[Q]] : tensor<4xf64>
// CHECK-NEXT:      }
// CHECK-NEXT:      tl.yield %[[IN]] : tensor<4xf64>
// CHECK-NEXT:    }
func.func @nested(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<i1>) {
  %r, %ok = tl.fixpoint %x {max_iterations = 3 : i64} : tensor<4xf64> -> tensor<4xf64>, tensor<i1> {
  ^bb0(%o: tensor<4xf64>):
    %in, %iok = tl.fixpoint %o {max_iterations = 5 : i64, tolerance = 1.0e-3 : f64} : tensor<4xf64> -> tensor<4xf64>, tensor<i1> {
    ^bb0(%i: tensor<4xf64>):
      %q = tl.map "i->i" sqrt %i : tensor<4xf64> -> tensor<4xf64>
      tl.yield %q : tensor<4xf64>
    }
    tl.yield %in : tensor<4xf64>
  }
  return %r, %ok : tensor<4xf64>, tensor<i1>
}
