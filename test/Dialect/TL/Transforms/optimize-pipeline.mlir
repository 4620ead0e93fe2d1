// The tl-optimize pipeline: CSE of equal einsums, folds, contraction order,
// fusion.
// RUN: tlc-opt %s --tl-optimize | FileCheck %s
// RUN: tlc-opt %s --tl-optimize=print-contraction-paths -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: tlc-opt %s --tl-optimize="prune-outputs=out1" | FileCheck %s --check-prefix=PRUNE
// RUN: tlc-opt %s --tl-optimize="fuse=false" | FileCheck %s --check-prefix=NOFUSE

// CHECK-LABEL: func.func @f
// CHECK-NEXT: %[[T:.*]] = tl.einsum "ab,bc->ca" %arg1, %arg2 : tensor<10x1000xf32>, tensor<1000x10xf32> -> tensor<10x10xf32>
// CHECK-NEXT: %[[R:.*]] = tl.einsum "ab,cb->ac" %arg0, %[[T]]
// CHECK-NEXT: return %[[R]], %[[R]]
// REMARK: remark: contraction path (0,(1,2)) (optimal): cost 400000
// PRUNE-LABEL: func.func @f
// PRUNE-SAME: -> tensor<1000x10xf32>
func.func @f(%a: tensor<1000x10xf32>, %b: tensor<10x1000xf32>, %c: tensor<1000x10xf32>) -> (tensor<1000x10xf32>, tensor<1000x10xf32>) {
  %r = tl.einsum "ij,jk,kl->il" %a, %b, %c : tensor<1000x10xf32>, tensor<10x1000xf32>, tensor<1000x10xf32> -> tensor<1000x10xf32>
  %s = tl.einsum "kl,jk,ij->il" %c, %b, %a : tensor<1000x10xf32>, tensor<10x1000xf32>, tensor<1000x10xf32> -> tensor<1000x10xf32>
  %t = tl.einsum "ij->ij" %s : tensor<1000x10xf32> -> tensor<1000x10xf32>
  return %r, %t : tensor<1000x10xf32>, tensor<1000x10xf32>
}

// Fusion runs last: the product with its bias and activation.
// CHECK-LABEL: func.func @g
// CHECK-NEXT: %[[G:.*]] = tl.fused %arg0, %arg1, %arg2
// CHECK: tl.einsum
// CHECK-NEXT: tl.map "bh,h->bh" add
// CHECK-NEXT: tl.map "bh->bh" relu
// CHECK: return %[[G]]
// NOFUSE-LABEL: func.func @g
// NOFUSE-NOT: tl.fused
func.func @g(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %b: tensor<10xf32>) -> tensor<8x10xf32> {
  %xw = tl.einsum "bi,ih->bh" %x, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %z = tl.map "bh,h->bh" add %xw, %b : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
  %h = tl.map "bh->bh" relu %z : tensor<8x10xf32> -> tensor<8x10xf32>
  return %h : tensor<8x10xf32>
}
