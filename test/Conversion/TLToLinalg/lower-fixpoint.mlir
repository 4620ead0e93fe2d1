// tl-lower-fixpoint: each tl.fixpoint becomes an scf.while over (state...,
// iteration counter, done) whose `after` region is the moved body followed
// by the convergence test in tl ops; the flag result is the final `done`.
// RUN: tlc-opt %s -split-input-file --tl-lower-fixpoint | FileCheck %s

// Boolean state: unchanged = all(next == state) (min over i1 is AND). The
// body still reads the value defined above it.
// CHECK-LABEL: func.func @closure
// CHECK-SAME:    (%[[E:.*]]: tensor<8x8xi1>)
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG:     %[[FALSE:.*]] = arith.constant false
// CHECK-DAG:     %[[MAX:.*]] = arith.constant 9 : i64
// CHECK-DAG:     %[[TRUE:.*]] = arith.constant true
// CHECK:         %[[LOOP:.*]]:3 = scf.while (%[[S:.*]] = %[[E]], %[[IT:.*]] = %[[ZERO]], %[[DONE:.*]] = %[[FALSE]]) : (tensor<8x8xi1>, i64, i1) -> (tensor<8x8xi1>, i64, i1) {
// CHECK-NEXT:      %[[MORE:.*]] = arith.cmpi slt, %[[IT]], %[[MAX]] : i64
// CHECK-NEXT:      %[[NOTDONE:.*]] = arith.xori %[[DONE]], %[[TRUE]] : i1
// CHECK-NEXT:      %[[GO:.*]] = arith.andi %[[MORE]], %[[NOTDONE]] : i1
// CHECK-NEXT:      scf.condition(%[[GO]]) %[[S]], %[[IT]], %[[DONE]] : tensor<8x8xi1>, i64, i1
// CHECK-NEXT:    } do {
// CHECK-NEXT:    ^bb0(%[[R:.*]]: tensor<8x8xi1>, %[[IT2:.*]]: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[P:.*]] = tl.einsum "xy,yz->xz" %[[R]], %[[E]] {semiring = #tl.semiring<or_and>}
// CHECK-NEXT:      %[[N:.*]] = tl.map "xz,xz->xz" or %[[R]], %[[P]]
// CHECK-NEXT:      %[[EQ:.*]] = tl.map "ab,ab->ab" eq %[[N]], %[[R]] : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
// CHECK-NEXT:      %[[ALL:.*]] = tl.reduce min %[[EQ]] axes [0, 1] : tensor<8x8xi1> -> tensor<i1>
// CHECK-NEXT:      %[[SAME:.*]] = tensor.extract %[[ALL]][] : tensor<i1>
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-NEXT:      %[[NEXTIT:.*]] = arith.addi %[[IT2]], %[[ONE]] : i64
// CHECK-NEXT:      scf.yield %[[N]], %[[NEXTIT]], %[[SAME]] : tensor<8x8xi1>, i64, i1
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[FLAG:.*]] = tensor.from_elements %[[LOOP]]#2 : tensor<i1>
// CHECK-NEXT:    return %[[LOOP]]#0, %[[FLAG]] : tensor<8x8xi1>, tensor<i1>
// CHECK-NOT:     tl.fixpoint
func.func @closure(%e: tensor<8x8xi1>) -> (tensor<8x8xi1>, tensor<i1>) {
  %tc, %ok = tl.fixpoint %e {max_iterations = 9 : i64}
      : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
  ^bb0(%r: tensor<8x8xi1>):
    %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    %n = tl.map "xz,xz->xz" or %r, %p : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    tl.yield %n : tensor<8x8xi1>
  }
  return %tc, %ok : tensor<8x8xi1>, tensor<i1>
}

// -----

// Floating point with a tolerance: unchanged = (next == state) OR
// (|next - state| <= tolerance), so equal infinities are unchanged and NaN
// is a change. Integers ignore the tolerance. The states' tests are ANDed.
// CHECK-LABEL: func.func @float_and_int
// CHECK:         scf.while
// CHECK:         } do {
// CHECK-NEXT:    ^bb0(%[[X:.*]]: tensor<3x4xf32>, %[[K:.*]]: tensor<5xi64>, %{{.*}}: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[XN:.*]] = tl.map "ij->ij" mul %[[X]] {scalar = 5.000000e-01 : f64}
// CHECK-NEXT:      %[[EQ:.*]] = tl.map "ab,ab->ab" eq %[[XN]], %[[X]] : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xi1>
// CHECK-NEXT:      %[[D:.*]] = tl.map "ab,ab->ab" sub %[[XN]], %[[X]] : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:      %[[A:.*]] = tl.map "ab->ab" abs %[[D]] : tensor<3x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT:      %[[CLOSE:.*]] = tl.map "ab->ab" le %[[A]] {scalar = 2.500000e-01 : f64} : tensor<3x4xf32> -> tensor<3x4xi1>
// CHECK-NEXT:      %[[SAME:.*]] = tl.map "ab,ab->ab" or %[[EQ]], %[[CLOSE]] : tensor<3x4xi1>, tensor<3x4xi1> -> tensor<3x4xi1>
// CHECK-NEXT:      %[[ALLX:.*]] = tl.reduce min %[[SAME]] axes [0, 1] : tensor<3x4xi1> -> tensor<i1>
// CHECK-NEXT:      %[[EQK:.*]] = tl.map "a,a->a" eq %[[K]], %[[K]] : tensor<5xi64>, tensor<5xi64> -> tensor<5xi1>
// CHECK-NEXT:      %[[ALLK:.*]] = tl.reduce min %[[EQK]] axes [0] : tensor<5xi1> -> tensor<i1>
// CHECK-NEXT:      %[[BOTH:.*]] = tl.map ",->" and %[[ALLX]], %[[ALLK]] : tensor<i1>, tensor<i1> -> tensor<i1>
// CHECK-NEXT:      %[[DONE:.*]] = tensor.extract %[[BOTH]][] : tensor<i1>
// CHECK:           scf.yield %[[XN]], %[[K]], %{{.*}}, %[[DONE]] : tensor<3x4xf32>, tensor<5xi64>, i64, i1
func.func @float_and_int(%x: tensor<3x4xf32>, %k: tensor<5xi64>) -> (tensor<3x4xf32>, tensor<5xi64>, tensor<i1>) {
  %r:2, %ok = tl.fixpoint %x, %k {max_iterations = 100 : i64, tolerance = 0.25 : f64}
      : tensor<3x4xf32>, tensor<5xi64> -> tensor<3x4xf32>, tensor<5xi64>, tensor<i1> {
  ^bb0(%xs: tensor<3x4xf32>, %ks: tensor<5xi64>):
    %h = tl.map "ij->ij" mul %xs {scalar = 0.5 : f64} : tensor<3x4xf32> -> tensor<3x4xf32>
    tl.yield %h, %ks : tensor<3x4xf32>, tensor<5xi64>
  }
  return %r#0, %r#1, %ok : tensor<3x4xf32>, tensor<5xi64>, tensor<i1>
}

// -----

// Without a tolerance a float state is compared for equality only, and a
// rank-0 state needs no reduction.
// CHECK-LABEL: func.func @scalar_float
// CHECK:         } do {
// CHECK-NEXT:    ^bb0(%[[X:.*]]: tensor<f64>, %{{.*}}: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[XN:.*]] = tl.map "->" sqrt %[[X]]
// CHECK-NEXT:      %[[EQ:.*]] = tl.map ",->" eq %[[XN]], %[[X]] : tensor<f64>, tensor<f64> -> tensor<i1>
// CHECK-NEXT:      %[[DONE:.*]] = tensor.extract %[[EQ]][] : tensor<i1>
// CHECK-NOT:       tl.map
// CHECK-NOT:       tl.reduce
// CHECK:           scf.yield %[[XN]], %{{.*}}, %[[DONE]] : tensor<f64>, i64, i1
func.func @scalar_float(%x: tensor<f64>) -> (tensor<f64>, tensor<i1>) {
  %r, %ok = tl.fixpoint %x {max_iterations = 50 : i64}
      : tensor<f64> -> tensor<f64>, tensor<i1> {
  ^bb0(%xs: tensor<f64>):
    %q = tl.map "->" sqrt %xs : tensor<f64> -> tensor<f64>
    tl.yield %q : tensor<f64>
  }
  return %r, %ok : tensor<f64>, tensor<i1>
}

// -----

// Nested fixpoints: the inner loop ends up inside the outer loop's body, with
// its own bound; the inner flag is unused.
// CHECK-LABEL: func.func @nested
// CHECK:         %[[OUTERMAX:.*]] = arith.constant 3 : i64
// CHECK:         scf.while
// CHECK:           arith.cmpi slt, %{{.*}}, %[[OUTERMAX]] : i64
// CHECK:         } do {
// CHECK-NEXT:    ^bb0(%[[O:.*]]: tensor<4xf64>, %{{.*}}: i64, %{{.*}}: i1):
// CHECK:           %[[INNERMAX:.*]] = arith.constant 5 : i64
// CHECK:           %[[INNER:.*]]:3 = scf.while (%{{.*}} = %[[O]],
// CHECK:             arith.cmpi slt, %{{.*}}, %[[INNERMAX]] : i64
// CHECK:           } do {
// CHECK:             tl.map "i->i" sqrt
// CHECK:             tl.map "a->a" le %{{.*}} {scalar = 1.000000e-03 : f64}
// CHECK:             scf.yield
// CHECK:           }
// CHECK:           tl.map "a,a->a" eq %[[INNER]]#0, %[[O]]
// CHECK-NOT:       tl.map "a->a" le
// CHECK:           scf.yield %[[INNER]]#0,
// CHECK:         }
// CHECK-NOT:     tl.fixpoint
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
