// RUN: tlc-opt %s --canonicalize --cse --split-input-file | FileCheck %s

// Einsums equal up to letter names and operand order become one.
// CHECK-LABEL: func.func @cse_renamed_and_reordered
// CHECK-NEXT: %[[R:.*]] = tl.einsum "ab,bc->ac" %arg0, %arg1
// CHECK-NEXT: return %[[R]], %[[R]], %[[R]]
func.func @cse_renamed_and_reordered(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  %s = tl.einsum "jk,ij->ik" %b, %a : tensor<4x5xf32>, tensor<3x4xf32> -> tensor<3x5xf32>
  %t = tl.einsum "xy,yz" %a, %b : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  return %r, %s, %t : tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>
}

// -----

// Different semirings are different einsums.
// CHECK-LABEL: func.func @semirings_differ
// CHECK-COUNT-2: tl.einsum
func.func @semirings_differ(%a: tensor<3x3xf32>) -> (tensor<3x3xf32>, tensor<3x3xf32>) {
  %r = tl.einsum "ij,jk->ik" %a, %a : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  %s = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<min_plus>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  return %r, %s : tensor<3x3xf32>, tensor<3x3xf32>
}

// -----

// An identity einsum folds away; a transposition merges into the einsum
// that consumes it.
// CHECK-LABEL: func.func @identity_and_transpose
// CHECK-NEXT: %[[R:.*]] = tl.einsum "ab,cb->ac" %arg0, %arg1 : tensor<3x4xf32>, tensor<5x4xf32> -> tensor<3x5xf32>
// CHECK-NEXT: return %arg0, %[[R]]
func.func @identity_and_transpose(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>) -> (tensor<3x4xf32>, tensor<3x5xf32>) {
  %i = tl.einsum "ij->ij" %a : tensor<3x4xf32> -> tensor<3x4xf32>
  %t = tl.einsum "ij->ji" %b : tensor<5x4xf32> -> tensor<4x5xf32>
  %r = tl.einsum "ij,jk->ik" %i, %t : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  return %i, %r : tensor<3x4xf32>, tensor<3x5xf32>
}

// -----

// A matrix product feeding another stays split: one loop nest over all four
// indices would cost more than the two products.
// CHECK-LABEL: func.func @no_costly_merge
// CHECK-COUNT-2: tl.einsum
func.func @no_costly_merge(%a: tensor<30x40xf32>, %b: tensor<40x50xf32>, %c: tensor<50x60xf32>) -> tensor<30x60xf32> {
  %ab = tl.einsum "ij,jk->ik" %a, %b : tensor<30x40xf32>, tensor<40x50xf32> -> tensor<30x50xf32>
  %r = tl.einsum "ik,kl->il" %ab, %c : tensor<30x50xf32>, tensor<50x60xf32> -> tensor<30x60xf32>
  return %r : tensor<30x60xf32>
}

// -----

// A sum of an outer product merges (one nest over the same indices).
// CHECK-LABEL: func.func @cheap_merge
// CHECK-NEXT: %[[R:.*]] = tl.einsum "a,b->" %arg0, %arg1
// CHECK-NEXT: return %[[R]]
func.func @cheap_merge(%x: tensor<8xf32>, %y: tensor<9xf32>) -> tensor<f32> {
  %o = tl.einsum "i,j->ij" %x, %y : tensor<8xf32>, tensor<9xf32> -> tensor<8x9xf32>
  %s = tl.einsum "ij->" %o : tensor<8x9xf32> -> tensor<f32>
  return %s : tensor<f32>
}

// -----

// A producer with other users is not merged.
// CHECK-LABEL: func.func @shared_producer
// CHECK-COUNT-2: tl.einsum
func.func @shared_producer(%x: tensor<8xf32>, %y: tensor<9xf32>) -> (tensor<f32>, tensor<8x9xf32>) {
  %o = tl.einsum "i,j->ij" %x, %y : tensor<8xf32>, tensor<9xf32> -> tensor<8x9xf32>
  %s = tl.einsum "ij->" %o : tensor<8x9xf32> -> tensor<f32>
  return %s, %o : tensor<f32>, tensor<8x9xf32>
}

// -----

// Map folds: relu(relu(x)), -(-x), not(not(p)), step of a Boolean, a cast to
// the same type; a map reads a transposition's source directly.
// CHECK-LABEL: func.func @map_folds
// CHECK-NEXT: %[[R:.*]] = tl.map "ij->ij" relu %arg0
// CHECK-NEXT: %[[E:.*]] = tl.map "ba->ab" exp %arg0 : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT: return %[[R]], %arg0, %arg1, %arg1, %arg0, %[[E]]
func.func @map_folds(%x: tensor<3x4xf32>, %p: tensor<3x4xi1>) -> (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>, tensor<4x3xf32>) {
  %r1 = tl.map "ij->ij" relu %x : tensor<3x4xf32> -> tensor<3x4xf32>
  %r2 = tl.map "ij->ij" relu %r1 : tensor<3x4xf32> -> tensor<3x4xf32>
  %n1 = tl.map "ij->ij" neg %x : tensor<3x4xf32> -> tensor<3x4xf32>
  %n2 = tl.map "ij->ij" neg %n1 : tensor<3x4xf32> -> tensor<3x4xf32>
  %b1 = tl.map "ij->ij" not %p : tensor<3x4xi1> -> tensor<3x4xi1>
  %b2 = tl.map "ij->ij" not %b1 : tensor<3x4xi1> -> tensor<3x4xi1>
  %s = tl.map "ij->ij" step %p : tensor<3x4xi1> -> tensor<3x4xi1>
  %c = tl.map "ij->ij" cast %x : tensor<3x4xf32> -> tensor<3x4xf32>
  %t = tl.einsum "ij->ji" %x : tensor<3x4xf32> -> tensor<4x3xf32>
  %e = tl.map "ab->ab" exp %t : tensor<4x3xf32> -> tensor<4x3xf32>
  return %r2, %n2, %b2, %s, %c, %e : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>, tensor<4x3xf32>
}

// -----

// What must not fold: relu of neg, a step of numbers, a transposing relu
// of a relu.
// CHECK-LABEL: func.func @map_no_folds
// CHECK-COUNT-5: tl.map
func.func @map_no_folds(%x: tensor<3xf32>, %y: tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3x2xf32>) {
  %n = tl.map "i->i" neg %x : tensor<3xf32> -> tensor<3xf32>
  %r = tl.map "i->i" relu %n : tensor<3xf32> -> tensor<3xf32>
  %s = tl.map "i->i" step %x : tensor<3xf32> -> tensor<3xf32>
  %m = tl.map "ij->ij" relu %y : tensor<2x3xf32> -> tensor<2x3xf32>
  %b = tl.map "ij->ji" relu %m : tensor<2x3xf32> -> tensor<3x2xf32>
  return %r, %s, %b : tensor<3xf32>, tensor<3xf32>, tensor<3x2xf32>
}

// -----

// Dead tl ops disappear (all are side-effect free).
// CHECK-LABEL: func.func @dce
// CHECK-NOT: tl.
// CHECK: return %arg0
func.func @dce(%x: tensor<3xf32>) -> tensor<3xf32> {
  %e = tl.map "i->i" exp %x : tensor<3xf32> -> tensor<3xf32>
  %s = tl.reduce sum %e axes [0] : tensor<3xf32> -> tensor<f32>
  %c = tl.constant dense<1.0> : tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

// max_times producers are not merged (max does not distribute over products
// of negative numbers).
// CHECK-LABEL: func.func @max_times_no_merge
// CHECK-COUNT-2: tl.einsum
func.func @max_times_no_merge(%x: tensor<8xf32>, %y: tensor<9xf32>) -> tensor<f32> {
  %o = tl.einsum "i,j->ij" %x, %y {semiring = #tl.semiring<max_times>} : tensor<8xf32>, tensor<9xf32> -> tensor<8x9xf32>
  %s = tl.einsum "ij->" %o {semiring = #tl.semiring<max_times>} : tensor<8x9xf32> -> tensor<f32>
  return %s : tensor<f32>
}
