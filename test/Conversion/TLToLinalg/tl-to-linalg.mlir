// tl-to-linalg: one linalg.generic per einsum/map (reduce and softmax: a few),
// with the indexing maps, iterator types, accumulator identities and scalar
// bodies checked exactly. Affine maps are printed inline (local scope).
// RUN: tlc-opt %s -split-input-file --tl-to-linalg -mlir-print-local-scope | FileCheck %s

//===----------------------------------------------------------------------===//
// tl.einsum: semirings
//===----------------------------------------------------------------------===//

// Inputs are the caller's read-only buffers.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xf32> {bufferization.writable = false}, %[[B:.*]]: tensor<3x4xf32> {bufferization.writable = false}) -> tensor<2x4xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[Y]] fastmath<contract> : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[P]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Boolean semiring: AND, then OR into an accumulator that starts false.
// CHECK-LABEL: func.func @or_and
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[FALSE]] : i1) outs(%{{.*}} : tensor<8x8xi1>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      outs(%[[INIT]] : tensor<8x8xi1>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i1, %[[Y:.*]]: i1, %[[ACC:.*]]: i1):
// CHECK-NEXT:      %[[P:.*]] = arith.andi %[[X]], %[[Y]] : i1
// CHECK-NEXT:      %[[S:.*]] = arith.ori %[[ACC]], %[[P]] : i1
// CHECK-NEXT:      linalg.yield %[[S]] : i1
func.func @or_and(%p: tensor<8x8xi1>, %q: tensor<8x8xi1>) -> tensor<8x8xi1> {
  %r = tl.einsum "xy,yz->xz" %p, %q {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
  return %r : tensor<8x8xi1>
}

// -----

// plus_times on i1 is the same OR of AND.
// CHECK-LABEL: func.func @bool_plus_times
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK:         linalg.fill ins(%[[FALSE]] : i1)
// CHECK:         linalg.generic
// CHECK:           arith.andi
// CHECK-NEXT:      arith.ori
func.func @bool_plus_times(%p: tensor<4x5xi1>, %q: tensor<5x6xi1>) -> tensor<4x6xi1> {
  %r = tl.einsum "xy,yz->xz" %p, %q : tensor<4x5xi1>, tensor<5x6xi1> -> tensor<4x6xi1>
  return %r : tensor<4x6xi1>
}

// -----

// Tropical semirings: + combines, max/min reduce from -inf/+inf.
// CHECK-LABEL: func.func @max_plus
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         linalg.fill ins(%[[NEGINF]] : f32)
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
func.func @max_plus(%a: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %r = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<max_plus>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

// CHECK-LABEL: func.func @min_plus
// CHECK:         %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK:         linalg.fill ins(%[[INF]] : f32)
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      %[[M:.*]] = arith.minimumf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
func.func @min_plus(%a: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %r = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<min_plus>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

// CHECK-LABEL: func.func @max_times_f64
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK:         linalg.fill ins(%[[NEGINF]] : f64)
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[ACC]], %[[P]] : f64
// CHECK-NEXT:      linalg.yield %[[M]] : f64
func.func @max_times_f64(%a: tensor<3x3xf64>) -> tensor<3x3xf64> {
  %r = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<max_times>} : tensor<3x3xf64>, tensor<3x3xf64> -> tensor<3x3xf64>
  return %r : tensor<3x3xf64>
}

// -----

// Integer tropical semirings start from INT_MIN / INT_MAX.
// CHECK-LABEL: func.func @max_plus_i32
// CHECK:         %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[MIN]] : i32)
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT:      %[[P:.*]] = arith.addi %[[X]], %[[Y]] : i32
// CHECK-NEXT:      %[[M:.*]] = arith.maxsi %[[ACC]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[M]] : i32
func.func @max_plus_i32(%a: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %r = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<max_plus>} : tensor<3x3xi32>, tensor<3x3xi32> -> tensor<3x3xi32>
  return %r : tensor<3x3xi32>
}

// -----

// CHECK-LABEL: func.func @min_plus_i64
// CHECK:         %[[MAX:.*]] = arith.constant 9223372036854775807 : i64
// CHECK:         linalg.fill ins(%[[MAX]] : i64)
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %[[ACC:.*]]: i64):
// CHECK-NEXT:      %[[P:.*]] = arith.addi %[[X]], %[[Y]] : i64
// CHECK-NEXT:      %[[M:.*]] = arith.minsi %[[ACC]], %[[P]] : i64
// CHECK-NEXT:      linalg.yield %[[M]] : i64
func.func @min_plus_i64(%a: tensor<3x3xi64>) -> tensor<3x3xi64> {
  %r = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<min_plus>} : tensor<3x3xi64>, tensor<3x3xi64> -> tensor<3x3xi64>
  return %r : tensor<3x3xi64>
}

// -----

// CHECK-LABEL: func.func @plus_times_i32
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         linalg.fill ins(%[[ZERO]] : i32)
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT:      %[[P:.*]] = arith.muli %[[X]], %[[Y]] : i32
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[S]] : i32
func.func @plus_times_i32(%a: tensor<2x3xi32>, %b: tensor<3xi32>) -> tensor<2xi32> {
  %r = tl.einsum "ij,j->i" %a, %b : tensor<2x3xi32>, tensor<3xi32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

//===----------------------------------------------------------------------===//
// tl.einsum: loop structure
//===----------------------------------------------------------------------===//

// -----

// A diagonal reads one loop twice; a trace reduces it into a rank-0 tensor.
// CHECK-LABEL: func.func @diagonal_and_trace
// CHECK-SAME:    (%[[A:.*]]: tensor<3x3xf32>
// CHECK:         %[[D:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> (d0)>]
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK-SAME:      ins(%[[A]] : tensor<3x3xf32>)
// CHECK-SAME:      outs(%{{.*}} : tensor<3xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<f32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<f32>) -> tensor<f32>
// CHECK:         %[[T:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> ()>]
// CHECK-SAME:      iterator_types = ["reduction"]
// CHECK-SAME:      ins(%[[A]] : tensor<3x3xf32>) outs(%[[INIT]] : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[X]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[D]], %[[T]]
func.func @diagonal_and_trace(%a: tensor<3x3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = tl.einsum "ii->i" %a : tensor<3x3xf32> -> tensor<3xf32>
  %1 = tl.einsum "ii" %a : tensor<3x3xf32> -> tensor<f32>
  return %0, %1 : tensor<3xf32>, tensor<f32>
}

// -----

// A diagonal inside a larger term; the result loops come first, in output
// order, and the reduced loops after them.
// CHECK-LABEL: func.func @diagonal_transposed
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
func.func @diagonal_transposed(%a: tensor<3x3x2x5xf32>) -> tensor<2x3xf32> {
  %0 = tl.einsum "iijk->ji" %a : tensor<3x3x2x5xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Size-1 dimensions broadcast: they are read at the constant index 0.
// CHECK-LABEL: func.func @size_one_broadcast
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      outs(%{{.*}} : tensor<3x4xf32>)
// A contracted letter of size 1 in one operand and 3 in the other.
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, 0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      outs(%{{.*}} : tensor<2x4xf32>)
func.func @size_one_broadcast(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>, %c: tensor<2x1xf32>, %d: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<2x4xf32>) {
  %0 = tl.einsum "ij,ij->ij" %a, %b : tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x4xf32>
  %1 = tl.einsum "ij,jk->ik" %c, %d : tensor<2x1xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0, %1 : tensor<3x4xf32>, tensor<2x4xf32>
}

// -----

// Ellipsis dimensions are aligned right; the size-1 one broadcasts.
// CHECK-LABEL: func.func @batched_matmul_ellipsis
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME:      outs(%{{.*}} : tensor<2x5x3x2xf32>)
func.func @batched_matmul_ellipsis(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32> {
  %0 = tl.einsum "...ij,...jk->...ik" %a, %b : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
  return %0 : tensor<2x5x3x2xf32>
}

// -----

// Implicit output "ik" (letters seen once, sorted).
// CHECK-LABEL: func.func @implicit_output
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      outs(%{{.*}} : tensor<2x4xf32>)
func.func @implicit_output(%c: tensor<4x3xf32>, %d: tensor<3x2xf32>) -> tensor<2x4xf32> {
  %0 = tl.einsum "kj,ji" %c, %d : tensor<4x3xf32>, tensor<3x2xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// A rank-0 operand, and three factors multiplied in operand order.
// CHECK-LABEL: func.func @scalar_and_three_operands
// CHECK-SAME:    (%[[S:.*]]: tensor<f32> {bufferization.writable = false}, %[[A:.*]]: tensor<2x3xf32> {bufferization.writable = false}, %[[V:.*]]: tensor<3xf32> {bufferization.writable = false})
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[S]], %[[A]], %[[V]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[P1:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      %[[P2:.*]] = arith.mulf %[[P1]], %[[Z]] fastmath<contract> : f32
// CHECK-NEXT:      %[[SUM:.*]] = arith.addf %[[ACC]], %[[P2]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[SUM]] : f32
func.func @scalar_and_three_operands(%s: tensor<f32>, %a: tensor<2x3xf32>, %v: tensor<3xf32>) -> tensor<2xf32> {
  %0 = tl.einsum ",ij,j->i" %s, %a, %v : tensor<f32>, tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Zero-size dimensions lower like any other.
// CHECK-LABEL: func.func @zero_size
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%{{.*}} : tensor<2x0xf32>)
func.func @zero_size(%a: tensor<2x0xf32>) -> tensor<2xf32> {
  %0 = tl.einsum "ij->i" %a : tensor<2x0xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

// -----

// Broadcast by index name, no accumulator (tensor.empty, no fill).
// CHECK-LABEL: func.func @map_broadcast
// CHECK-SAME:    (%[[X:.*]]: tensor<4x8xf32> {bufferization.writable = false}, %[[B:.*]]: tensor<8xf32> {bufferization.writable = false})
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<8xf32>) outs(%[[EMPTY]] : tensor<4x8xf32>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[U]], %[[V]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @map_broadcast(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tl.map "bh,h->bh" add %x, %b : tensor<4x8xf32>, tensor<8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// A rank-0 operand, and a transposing map with a scalar attribute that
// becomes a constant of the operand type.
// CHECK-LABEL: func.func @map_scalar
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK:           arith.mulf
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      outs(%{{.*}} : tensor<8x4xf32>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[C:.*]] = arith.constant 2.500000e+00 : f32
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[U]], %[[C]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
func.func @map_scalar(%x: tensor<4x8xf32>, %s: tensor<f32>) -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  %0 = tl.map ",bh->bh" mul %s, %x : tensor<f32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %1 = tl.map "bh->hb" mul %x {scalar = 2.5 : f64} : tensor<4x8xf32> -> tensor<8x4xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<8x4xf32>
}

// -----

// An integer scalar and an integer comparison (signed).
// CHECK-LABEL: func.func @map_int_scalar_compare
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<5xi1>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: i32, %{{.*}}: i1):
// CHECK-NEXT:      %[[C:.*]] = arith.constant 3 : i32
// CHECK-NEXT:      %[[L:.*]] = arith.cmpi slt, %[[U]], %[[C]] : i32
// CHECK-NEXT:      linalg.yield %[[L]] : i1
func.func @map_int_scalar_compare(%n: tensor<5xi32>) -> tensor<5xi1> {
  %0 = tl.map "i->i" lt %n {scalar = 3.0 : f64} : tensor<5xi32> -> tensor<5xi1>
  return %0 : tensor<5xi1>
}

// -----

// Booleans compare unsigned (false < true).
// CHECK-LABEL: func.func @map_bool_compare
// CHECK:         arith.cmpi ult, %{{.*}}, %{{.*}} : i1
func.func @map_bool_compare(%p: tensor<5xi1>) -> tensor<5xi1> {
  %0 = tl.map "i,i->i" lt %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  return %0 : tensor<5xi1>
}

// -----

// CHECK-LABEL: func.func @map_relu
// CHECK:         ^bb0(%[[U:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[U]], %[[Z]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
func.func @map_relu(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = tl.map "i->i" relu %x : tensor<5xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// sigmoid(x) = 1 / (1 + exp(-x))
// CHECK-LABEL: func.func @map_sigmoid
// CHECK:         ^bb0(%[[U:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[N:.*]] = arith.negf %[[U]] : f32
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @map_sigmoid(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = tl.map "i->i" sigmoid %x : tensor<5xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// step(x) = x > 0, as i1 or converted to the operand type.
// CHECK-LABEL: func.func @map_step
// CHECK:         ^bb0(%[[U:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[G:.*]] = arith.cmpf ogt, %[[U]], %[[Z]] : f32
// CHECK-NEXT:      linalg.yield %[[G]] : i1
// CHECK:         ^bb0(%[[U2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[Z2:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[G2:.*]] = arith.cmpf ogt, %[[U2]], %[[Z2]] : f32
// CHECK-NEXT:      %[[F:.*]] = arith.uitofp %[[G2]] : i1 to f32
// CHECK-NEXT:      linalg.yield %[[F]] : f32
func.func @map_step(%x: tensor<5xf32>) -> (tensor<5xi1>, tensor<5xf32>) {
  %0 = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xi1>
  %1 = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xf32>
  return %0, %1 : tensor<5xi1>, tensor<5xf32>
}

// -----

// CHECK-LABEL: func.func @map_bool_ops
// CHECK:         ^bb0(%[[P:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[T:.*]] = arith.constant true
// CHECK-NEXT:      %[[N:.*]] = arith.xori %[[P]], %[[T]] : i1
// CHECK-NEXT:      linalg.yield %[[N]] : i1
// CHECK:         ^bb0(%[[C:.*]]: i1, %[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.select %[[C]], %[[A]], %[[B]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
func.func @map_bool_ops(%p: tensor<5xi1>, %x: tensor<5xf32>) -> (tensor<5xi1>, tensor<5xf32>) {
  %0 = tl.map "i->i" not %p : tensor<5xi1> -> tensor<5xi1>
  %1 = tl.map "i,i,i->i" select %p, %x, %x : tensor<5xi1>, tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  return %0, %1 : tensor<5xi1>, tensor<5xf32>
}

// -----

// Integer division is numpy's floor division, with x // 0 = 0 and
// x // -1 = -x (wrapping), so the generated code never traps.
// CHECK-LABEL: func.func @map_int_div
// CHECK:         ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG:       %[[MONE:.*]] = arith.constant -1 : i32
// CHECK:           %[[ISZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i32
// CHECK:           %[[ISMONE:.*]] = arith.cmpi eq, %[[Y]], %[[MONE]] : i32
// CHECK:           %[[TRAP:.*]] = arith.ori %[[ISZERO]], %[[ISMONE]] : i1
// CHECK:           %[[ONE:.*]] = arith.constant 1 : i32
// CHECK:           %[[SAFE:.*]] = arith.select %[[TRAP]], %[[ONE]], %[[Y]] : i32
// CHECK:           %[[Q:.*]] = arith.floordivsi %[[X]], %[[SAFE]] : i32
// CHECK:           %[[NEG:.*]] = arith.subi %[[ZERO]], %[[X]] : i32
// CHECK:           %[[SPECIAL:.*]] = arith.select %[[ISZERO]], %[[ZERO]], %[[NEG]] : i32
// CHECK:           %[[R:.*]] = arith.select %[[TRAP]], %[[SPECIAL]], %[[Q]] : i32
// CHECK:           linalg.yield %[[R]] : i32
func.func @map_int_div(%n: tensor<5xi32>) -> tensor<5xi32> {
  %0 = tl.map "i,i->i" div %n, %n : tensor<5xi32>, tensor<5xi32> -> tensor<5xi32>
  return %0 : tensor<5xi32>
}

// -----

// numpy's conversions: to Boolean is != 0, from Boolean is 0/1.
// CHECK-LABEL: func.func @map_casts
// CHECK:         ^bb0(%[[N:.*]]: i32, %{{.*}}: i1):
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[NE:.*]] = arith.cmpi ne, %[[N]], %[[Z]] : i32
// CHECK-NEXT:      linalg.yield %[[NE]] : i1
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      %[[FZ:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[UNE:.*]] = arith.cmpf une, %[[X]], %[[FZ]] : f32
// CHECK-NEXT:      linalg.yield %[[UNE]] : i1
// CHECK:         arith.uitofp %{{.*}} : i1 to f32
// CHECK:         arith.sitofp %{{.*}} : i32 to f64
// CHECK:         arith.fptosi %{{.*}} : f32 to i64
// CHECK:         arith.extsi %{{.*}} : i32 to i64
// CHECK:         arith.trunci %{{.*}} : i64 to i32
// CHECK:         arith.extf %{{.*}} : f32 to f64
// CHECK:         arith.truncf %{{.*}} : f64 to f32
// CHECK:         arith.extui %{{.*}} : i1 to i32
func.func @map_casts(%n: tensor<5xi32>, %x: tensor<5xf32>, %p: tensor<5xi1>, %l: tensor<5xi64>, %d: tensor<5xf64>)
    -> (tensor<5xi1>, tensor<5xi1>, tensor<5xf32>, tensor<5xf64>, tensor<5xi64>, tensor<5xi64>, tensor<5xi32>, tensor<5xf64>, tensor<5xf32>, tensor<5xi32>) {
  %0 = tl.map "i->i" cast %n : tensor<5xi32> -> tensor<5xi1>
  %1 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xi1>
  %2 = tl.map "i->i" cast %p : tensor<5xi1> -> tensor<5xf32>
  %3 = tl.map "i->i" cast %n : tensor<5xi32> -> tensor<5xf64>
  %4 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xi64>
  %5 = tl.map "i->i" cast %n : tensor<5xi32> -> tensor<5xi64>
  %6 = tl.map "i->i" cast %l : tensor<5xi64> -> tensor<5xi32>
  %7 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xf64>
  %8 = tl.map "i->i" cast %d : tensor<5xf64> -> tensor<5xf32>
  %9 = tl.map "i->i" cast %p : tensor<5xi1> -> tensor<5xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<5xi1>, tensor<5xi1>, tensor<5xf32>, tensor<5xf64>, tensor<5xi64>, tensor<5xi64>, tensor<5xi32>, tensor<5xf64>, tensor<5xf32>, tensor<5xi32>
}

// -----

// CHECK-LABEL: func.func @map_unary_math
// CHECK:         math.tanh %{{.*}} : f32
// CHECK:         math.exp %{{.*}} : f32
// CHECK:         math.log %{{.*}} : f32
// CHECK:         math.sqrt %{{.*}} : f32
// CHECK:         math.absf %{{.*}} : f32
// CHECK:         math.absi %{{.*}} : i32
// CHECK:         arith.negf %{{.*}} : f32
// CHECK:         %[[Z:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    arith.subi %[[Z]], %{{.*}} : i32
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:    arith.subf %[[ONE]], %{{.*}} : f32
// CHECK:         math.powf %{{.*}}, %{{.*}} : f32
func.func @map_unary_math(%x: tensor<5xf32>, %n: tensor<5xi32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xi32>, tensor<5xf32>, tensor<5xi32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = tl.map "i->i" tanh %x : tensor<5xf32> -> tensor<5xf32>
  %1 = tl.map "i->i" exp %x : tensor<5xf32> -> tensor<5xf32>
  %2 = tl.map "i->i" log %x : tensor<5xf32> -> tensor<5xf32>
  %3 = tl.map "i->i" sqrt %x : tensor<5xf32> -> tensor<5xf32>
  %4 = tl.map "i->i" abs %x : tensor<5xf32> -> tensor<5xf32>
  %5 = tl.map "i->i" abs %n : tensor<5xi32> -> tensor<5xi32>
  %6 = tl.map "i->i" neg %x : tensor<5xf32> -> tensor<5xf32>
  %7 = tl.map "i->i" neg %n : tensor<5xi32> -> tensor<5xi32>
  %8 = tl.map "i->i" one_minus %x : tensor<5xf32> -> tensor<5xf32>
  %9 = tl.map "i,i->i" pow %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xi32>, tensor<5xf32>, tensor<5xi32>, tensor<5xf32>, tensor<5xf32>
}

// -----

// max and min: NaN-propagating on floats, signed on integers, OR/AND on i1.
// CHECK-LABEL: func.func @map_max_min
// CHECK:         arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK:         arith.minimumf %{{.*}}, %{{.*}} : f32
// CHECK:         arith.maxsi %{{.*}}, %{{.*}} : i64
// CHECK:         arith.minsi %{{.*}}, %{{.*}} : i64
// CHECK:         arith.ori %{{.*}}, %{{.*}} : i1
// CHECK:         arith.andi %{{.*}}, %{{.*}} : i1
func.func @map_max_min(%x: tensor<5xf32>, %l: tensor<5xi64>, %p: tensor<5xi1>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xi64>, tensor<5xi64>, tensor<5xi1>, tensor<5xi1>) {
  %0 = tl.map "i,i->i" max %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  %1 = tl.map "i,i->i" min %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  %2 = tl.map "i,i->i" max %l, %l : tensor<5xi64>, tensor<5xi64> -> tensor<5xi64>
  %3 = tl.map "i,i->i" min %l, %l : tensor<5xi64>, tensor<5xi64> -> tensor<5xi64>
  %4 = tl.map "i,i->i" max %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %5 = tl.map "i,i->i" min %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<5xf32>, tensor<5xf32>, tensor<5xi64>, tensor<5xi64>, tensor<5xi1>, tensor<5xi1>
}

//===----------------------------------------------------------------------===//
// tl.reduce
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME:    (%[[X:.*]]: tensor<4x5xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<4x5xf32>) outs(%[[INIT]] : tensor<4xf32>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[U]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @reduce_sum(%x: tensor<4x5xf32>) -> tensor<4xf32> {
  %0 = tl.reduce sum %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Identities: max from -inf / INT_MIN / false, min from +inf / INT_MAX /
// true, prod from 1.
// CHECK-LABEL: func.func @reduce_identities
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:           arith.maximumf
// CHECK:         arith.constant 2147483647 : i32
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>]
// CHECK-SAME:      iterator_types = ["reduction", "reduction"]
// CHECK:           arith.minsi
// CHECK:         arith.constant 1 : i64
// CHECK:         linalg.generic
// CHECK:           arith.muli
// CHECK:         arith.constant false
// CHECK:         linalg.generic
// CHECK:           arith.ori
// CHECK:         arith.constant true
// CHECK:         linalg.generic
// CHECK:           arith.andi
// CHECK:         arith.constant -9223372036854775808 : i64
// CHECK:         linalg.generic
// CHECK:           arith.maxsi
func.func @reduce_identities(%x: tensor<4x5xf32>, %n: tensor<4x5xi32>, %l: tensor<4x5xi64>, %p: tensor<4x5xi1>)
    -> (tensor<5xf32>, tensor<i32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<5xi64>) {
  %0 = tl.reduce max %x axes [0] : tensor<4x5xf32> -> tensor<5xf32>
  %1 = tl.reduce min %n axes [0, 1] : tensor<4x5xi32> -> tensor<i32>
  %2 = tl.reduce prod %l axes [1] : tensor<4x5xi64> -> tensor<4xi64>
  %3 = tl.reduce sum %p axes [1] : tensor<4x5xi1> -> tensor<4xi1>
  %4 = tl.reduce min %p axes [1] : tensor<4x5xi1> -> tensor<4xi1>
  %5 = tl.reduce max %l axes [0] : tensor<4x5xi64> -> tensor<5xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<5xf32>, tensor<i32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<5xi64>
}

// -----

// mean = sum / (number of reduced elements).
// CHECK-LABEL: func.func @reduce_mean
// CHECK:         %[[SUM:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["reduction", "reduction"]
// CHECK:           arith.addf
// CHECK:         %[[N:.*]] = arith.constant 2.000000e+01 : f32
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>]
// CHECK-SAME:      iterator_types = []
// CHECK-SAME:      ins(%[[SUM]] : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[D:.*]] = arith.divf %[[U]], %[[N]] : f32
// CHECK-NEXT:      linalg.yield %[[D]] : f32
// CHECK:         return %[[R]]
func.func @reduce_mean(%x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = tl.reduce mean %x axes [0, 1] : tensor<4x5xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// logsumexp = m + log(sum(exp(x - m))), m = max(x), or 0 where m is not
// finite.
// CHECK-LABEL: func.func @reduce_logsumexp
// CHECK-SAME:    (%[[X:.*]]: tensor<4x5xf64>
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK:         %[[MINIT:.*]] = linalg.fill ins(%[[NEGINF]] : f64)
// CHECK:         %[[MAX:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<4x5xf64>) outs(%[[MINIT]] : tensor<4xf64>)
// CHECK:           arith.maximumf
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[MAX]] : tensor<4xf64>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[U]] : f64
// CHECK-NEXT:      %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK-NEXT:      %[[FINITE:.*]] = arith.cmpf olt, %[[ABS]], %[[INF]] : f64
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[SEL:.*]] = arith.select %[[FINITE]], %[[U]], %[[Z]] : f64
// CHECK-NEXT:      linalg.yield %[[SEL]] : f64
// CHECK:         %[[SUM:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<4x5xf64>, tensor<4xf64>)
// CHECK-NEXT:    ^bb0(%[[XV:.*]]: f64, %[[MV:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[XV]], %[[MV]] : f64
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[D]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[E]] fastmath<reassoc,contract> : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[SUM]], %[[M]] : tensor<4xf64>, tensor<4xf64>)
// CHECK-NEXT:    ^bb0(%[[SV:.*]]: f64, %[[MV2:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[L:.*]] = math.log %[[SV]] : f64
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[MV2]], %[[L]] : f64
// CHECK-NEXT:      linalg.yield %[[A]] : f64
// CHECK:         return %[[R]]
func.func @reduce_logsumexp(%x: tensor<4x5xf64>) -> tensor<4xf64> {
  %0 = tl.reduce logsumexp %x axes [1] : tensor<4x5xf64> -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

//===----------------------------------------------------------------------===//
// tl.softmax, tl.constant
//===----------------------------------------------------------------------===//

// -----

// Softmax along axis 0, one exp per element: the stable max over rows;
// exp(x - m) written to the result while its sum accumulates (one generic,
// two results); then the result scaled in place by 1 / sum.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME:    (%[[X:.*]]: tensor<4x5xf32>
// CHECK:         %[[MAX:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:           arith.maximumf
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[MAX]] : tensor<5xf32>)
// CHECK:           arith.select
// CHECK:         %[[ES:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<4x5xf32>, tensor<5xf32>)
// CHECK-NEXT:    ^bb0(%[[XV:.*]]: f32, %[[MV:.*]]: f32, %{{.*}}: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[XV]], %[[MV]] : f32
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[D]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[E]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[E]], %[[S]] : f32, f32
// CHECK:         %[[INV:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[ES]]#1 : tensor<5xf32>)
// CHECK:           arith.divf
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[INV]] : tensor<5xf32>) outs(%[[ES]]#0 : tensor<4x5xf32>)
// CHECK-NEXT:    ^bb0(%[[IV:.*]]: f32, %[[EV:.*]]: f32):
// CHECK-NEXT:      %[[Q:.*]] = arith.mulf %[[EV]], %[[IV]] : f32
// CHECK-NEXT:      linalg.yield %[[Q]] : f32
// CHECK:         return %[[R]]
func.func @softmax(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %0 = tl.softmax %x axis 0 : tensor<4x5xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: func.func @constants
// CHECK-NOT:     tl.constant
// CHECK:         %[[A:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[B:.*]] = arith.constant dense<true> : tensor<2xi1>
// CHECK:         return %[[A]], %[[B]]
func.func @constants() -> (tensor<2xf32>, tensor<2xi1>) {
  %0 = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = tl.constant dense<true> : tensor<2xi1>
  return %0, %1 : tensor<2xf32>, tensor<2xi1>
}

// -----

// Only tensor arguments of defined functions are marked read-only.
// CHECK-LABEL: func.func private @external(tensor<2xf32>) -> tensor<2xf32>
// CHECK-LABEL: func.func @non_tensor_args
// CHECK-SAME:    (%{{.*}}: i32, %{{.*}}: tensor<2xf32> {bufferization.writable = false})
func.func private @external(tensor<2xf32>) -> tensor<2xf32>
func.func @non_tensor_args(%i: i32, %x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = func.call @external(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// No tl op survives; nothing else is touched.
// CHECK-LABEL: func.func @no_tl_left
// CHECK-NOT:     tl.
// CHECK:         arith.addf %{{.*}}, %{{.*}} : f32
// CHECK:         return
func.func @no_tl_left(%a: f32) -> f32 {
  %0 = arith.addf %a, %a : f32
  return %0 : f32
}

// -----

// A Boolean product at least 64 wide is bit-packed: B's rows padded to
// whole words and packed (OR of bit << position), each result row the OR of
// the packed rows of B that A selects (loops x, y, words), then unpacked.
// CHECK-LABEL: func.func @bitpacked
// CHECK:       %[[PAD:.*]] = tensor.pad %arg1 low[0, 0] high[0, 62]
// CHECK:       %[[B3:.*]] = tensor.expand_shape %[[PAD]] {{\[\[}}0], [1, 2]] output_shape [5, 3, 64]
// CHECK:       %[[PACKED:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[B3]] : tensor<5x3x64xi1>) outs(%{{.*}} : tensor<5x3xi64>)
// CHECK:         arith.shli
// CHECK:         arith.ori
// CHECK:       %[[PROD:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%arg0, %[[PACKED]] : tensor<4x5xi1>, tensor<5x3xi64>) outs(%{{.*}} : tensor<4x3xi64>)
// CHECK:         arith.select
// CHECK:         arith.ori
// CHECK:       %[[BITS:.*]] = linalg.generic {{.*}} ins(%[[PROD]] : tensor<4x3xi64>) outs(%{{.*}} : tensor<4x3x64xi1>)
// CHECK:         arith.shrui
// CHECK:         arith.trunci
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %[[BITS]]
// CHECK:       tensor.extract_slice %[[FLAT]][0, 0] [4, 130] [1, 1]
func.func @bitpacked(%a: tensor<4x5xi1>, %b: tensor<5x130xi1>) -> tensor<4x130xi1> {
  %r = tl.einsum "xy,yz->xz" %a, %b {semiring = #tl.semiring<or_and>} : tensor<4x5xi1>, tensor<5x130xi1> -> tensor<4x130xi1>
  return %r : tensor<4x130xi1>
}

// -----

// Nothing reduced: each result is one product (the semiring's sum of it and
// the identity), computed into an empty tensor, with no accumulator read.
// CHECK-LABEL: func.func @elementwise_products
// CHECK-NOT:     linalg.fill
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<5xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E]] : tensor<5xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:      linalg.yield %[[P]] : f32
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[U]], %[[V]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
func.func @elementwise_products(%x: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0 = tl.einsum "i,i->i" %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  %1 = tl.einsum "i,i->i" %x, %x {semiring = #tl.semiring<min_plus>} : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  return %0, %1 : tensor<5xf32>, tensor<5xf32>
}
