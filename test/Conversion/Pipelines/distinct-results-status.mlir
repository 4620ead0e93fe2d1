// tl-distinct-results: a rank-0 tensor result marked tl.status becomes an i1
// scalar result (tensor.extract, folded through tensor.from_elements), so it
// stays a result through bufferization; other results are unaffected.
// RUN: tlc-opt %s -split-input-file --tl-distinct-results | FileCheck %s

// CHECK-LABEL: func.func @status
// CHECK-SAME:    (%{{.*}}: tensor<4xf32>, %[[FLAG:.*]]: i1) -> (tensor<4xf32>, i1 {tl.status})
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-NOT:     tensor.extract
// CHECK-NOT:     linalg.copy
// CHECK:         return %[[R]], %[[FLAG]] : tensor<4xf32>, i1
func.func @status(%a: tensor<4xf32>, %flag: i1) -> (tensor<4xf32>, tensor<i1> {tl.status}) {
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4xf32>
  %t = tensor.from_elements %flag : tensor<i1>
  return %r, %t : tensor<4xf32>, tensor<i1>
}

// -----

// In any position; a status that is not from tensor.from_elements is read
// with tensor.extract. An unmarked tensor<i1> result stays a tensor (copied,
// as every result that a linalg op does not compute).
// CHECK-LABEL: func.func @first
// CHECK-SAME:    (%[[T:.*]]: tensor<i1>) -> (i1 {tl.status}, tensor<i1>)
// CHECK:         %[[V:.*]] = tensor.extract %[[T]][] : tensor<i1>
// CHECK:         %[[C:.*]] = linalg.copy ins(%[[T]] : tensor<i1>)
// CHECK:         return %[[V]], %[[C]] : i1, tensor<i1>
func.func @first(%t: tensor<i1>) -> (tensor<i1> {tl.status}, tensor<i1>) {
  return %t, %t : tensor<i1>, tensor<i1>
}
