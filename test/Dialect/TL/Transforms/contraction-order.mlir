// RUN: tlc-opt %s --tl-contraction-order --split-input-file | FileCheck %s
// RUN: tlc-opt %s --tl-contraction-order=print-paths --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: tlc-opt %s --tl-contraction-order="exhaustive-limit=2 print-paths" --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=GREEDY
// RUN: tlc-opt %s --tl-contraction-order="memory-limit=50" --split-input-file | FileCheck %s --check-prefix=CAP

// The chain ij,jk,kl with sizes 1000, 10, 1000, 10: contracting jk,kl first
// keeps every intermediate at 10x10.
// CHECK-LABEL: func.func @chain
// CHECK: %[[T:.*]] = tl.einsum "cd,db->bc" %arg1, %arg2 : tensor<10x1000xf32>, tensor<1000x10xf32> -> tensor<10x10xf32>
// CHECK: %[[R:.*]] = tl.einsum "ac,bc->ab" %arg0, %[[T]] : tensor<1000x10xf32>, tensor<10x10xf32> -> tensor<1000x10xf32>
// CHECK: return %[[R]]
// REMARK: remark: contraction path (0,(1,2)) (optimal): cost 400000, as one einsum 300000000, largest intermediate 100 elements
// GREEDY: remark: contraction path (0,(1,2)) (greedy): cost 400000
// CAP-LABEL: func.func @chain
// CAP: tl.einsum "ij,jk,kl->il"
func.func @chain(%a: tensor<1000x10xf32>, %b: tensor<10x1000xf32>, %c: tensor<1000x10xf32>) -> tensor<1000x10xf32> {
  %r = tl.einsum "ij,jk,kl->il" %a, %b, %c : tensor<1000x10xf32>, tensor<10x1000xf32>, tensor<1000x10xf32> -> tensor<1000x10xf32>
  return %r : tensor<1000x10xf32>
}

// -----

// The semiring carries over to every binary einsum.
// CHECK-LABEL: func.func @tropical
// CHECK: tl.einsum {{.*}} {semiring = #tl.semiring<min_plus>}
// CHECK: tl.einsum {{.*}} {semiring = #tl.semiring<min_plus>}
// CHECK-NOT: tl.einsum
func.func @tropical(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %c: tensor<6x7xf32>) -> tensor<4x7xf32> {
  %r = tl.einsum "ij,jk,kl->il" %a, %b, %c {semiring = #tl.semiring<min_plus>} : tensor<4x5xf32>, tensor<5x6xf32>, tensor<6x7xf32> -> tensor<4x7xf32>
  return %r : tensor<4x7xf32>
}

// -----

// Implicit output and a scalar result.
// CHECK-LABEL: func.func @bilinear
// CHECK: %[[XW:.*]] = tl.einsum "ab,bc->ac" %arg0, %arg1
// CHECK: tl.einsum "ac,ac->a" %[[XW]], %arg2
// REMARK: remark: contraction path ((0,1),2) (optimal): cost 1585152
func.func @bilinear(%x: tensor<64x128xf32>, %w: tensor<128x96xf32>, %y: tensor<64x96xf32>) -> tensor<64xf32> {
  %r = tl.einsum "bi,ij,bj->b" %x, %w, %y : tensor<64x128xf32>, tensor<128x96xf32>, tensor<64x96xf32> -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// -----

// Left alone: two operands, a diagonal, a size-1 broadcast.
// CHECK-LABEL: func.func @unchanged
// CHECK: tl.einsum "ij,jk->ik"
// CHECK: tl.einsum "ii,ij,jk->k"
// CHECK: tl.einsum "ij,ij,jk->ik"
func.func @unchanged(%a: tensor<3x3xf32>, %b: tensor<1x3xf32>) -> (tensor<3x3xf32>, tensor<3xf32>, tensor<3x3xf32>) {
  %r = tl.einsum "ij,jk->ik" %a, %a : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  %s = tl.einsum "ii,ij,jk->k" %a, %a, %a : tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3xf32>
  %t = tl.einsum "ij,ij,jk->ik" %b, %a, %a : tensor<1x3xf32>, tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  return %r, %s, %t : tensor<3x3xf32>, tensor<3xf32>, tensor<3x3xf32>
}

// -----

// max_times keeps its single loop nest: max does not distribute over
// products of negative numbers.
// CHECK-LABEL: func.func @max_times
// CHECK: tl.einsum "ij,jk,kl->il" {{.*}}max_times
func.func @max_times(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %c: tensor<6x7xf32>) -> tensor<4x7xf32> {
  %r = tl.einsum "ij,jk,kl->il" %a, %b, %c {semiring = #tl.semiring<max_times>} : tensor<4x5xf32>, tensor<5x6xf32>, tensor<6x7xf32> -> tensor<4x7xf32>
  return %r : tensor<4x7xf32>
}
