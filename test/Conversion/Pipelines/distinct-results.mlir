// tl-distinct-results: before bufferization, every returned tensor becomes a
// value of its own computed by a linalg op, so that each result bufferizes to
// its own allocation (which buffer-results-to-out-params turns into the
// caller's output buffer).
// RUN: tlc-opt %s -split-input-file --tl-distinct-results -mlir-print-local-scope | FileCheck %s

// A linalg result returned once is kept; returned again, it is copied.
// Arguments and constants are always copied.
// CHECK-LABEL: func.func @mixed
// CHECK-SAME:    (%[[A:.*]]: tensor<2xf32>, %{{.*}}: tensor<2xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK:         %[[C:.*]] = arith.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<2xf32>
// CHECK-NEXT:    %[[R2:.*]] = linalg.copy ins(%[[R]] : tensor<2xf32>) outs(%[[E1]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[E2:.*]] = tensor.empty() : tensor<2xf32>
// CHECK-NEXT:    %[[A1:.*]] = linalg.copy ins(%[[A]] : tensor<2xf32>) outs(%[[E2]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[E3:.*]] = tensor.empty() : tensor<2xf32>
// CHECK-NEXT:    %[[C1:.*]] = linalg.copy ins(%[[C]] : tensor<2xf32>) outs(%[[E3]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[E4:.*]] = tensor.empty() : tensor<2xf32>
// CHECK-NEXT:    %[[A2:.*]] = linalg.copy ins(%[[A]] : tensor<2xf32>) outs(%[[E4]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    return %[[R]], %[[R2]], %[[A1]], %[[C1]], %[[A2]]
func.func @mixed(%a: tensor<2xf32>, %b: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %e = tensor.empty() : tensor<2xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<2xf32>) outs(%e : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %x = math.exp %in : f32
    linalg.yield %x : f32
  } -> tensor<2xf32>
  %c = arith.constant dense<1.0> : tensor<2xf32>
  return %r, %r, %a, %c, %a : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Non-tensor results are left alone; distinct linalg results too.
// CHECK-LABEL: func.func @untouched
// CHECK-SAME:    (%{{.*}}: tensor<2xf32>, %[[S:.*]]: f32)
// CHECK:         %[[F1:.*]] = linalg.fill
// CHECK:         %[[F2:.*]] = linalg.fill
// CHECK-NOT:     linalg.copy
// CHECK:         return %[[F1]], %[[F2]], %[[S]]
func.func @untouched(%a: tensor<2xf32>, %s: f32) -> (tensor<2xf32>, tensor<2xf32>, f32) {
  %e = tensor.empty() : tensor<2xf32>
  %f1 = linalg.fill ins(%s : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %f2 = linalg.fill ins(%s : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  return %f1, %f2, %s : tensor<2xf32>, tensor<2xf32>, f32
}

// -----

// A loop over a reshaped empty tensor (a contraction written in place, which
// starts each tile itself) computes a new tensor: not copied.
// CHECK-LABEL: func.func @loop_over_reshaped_empty
// CHECK-NOT:     linalg.copy
// CHECK:         return
func.func @loop_over_reshaped_empty(%v: vector<8xf32>) -> tensor<2x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %e = tensor.empty() : tensor<16xf32>
  %x = tensor.expand_shape %e [[0, 1]] output_shape [2, 8] : tensor<16xf32> into tensor<2x8xf32>
  %r = scf.for %i = %c0 to %c2 step %c1 iter_args(%t = %x) -> (tensor<2x8xf32>) {
    %w = vector.transfer_write %v, %t[%i, %c0] {in_bounds = [true]} : vector<8xf32>, tensor<2x8xf32>
    scf.yield %w : tensor<2x8xf32>
  }
  return %r : tensor<2x8xf32>
}
