// RUN: tlc-opt %s --tl-prune-outputs=names=H,out2 --canonicalize | FileCheck %s
// RUN: not tlc-opt %s --tl-prune-outputs=names=Nope 2>&1 | FileCheck %s --check-prefix=ERR

// Dropping outputs drops what only they needed.
// CHECK-LABEL: func.func @net
// CHECK-SAME: -> (tensor<2x4xf32> {tl.name = "Y"})
// CHECK-NOT: tl.map "ab->ab" exp
// CHECK-NOT: tl.reduce
// CHECK: %[[Y:.*]] = tl.einsum
// CHECK: return %[[Y]]
// ERR: error: tl-prune-outputs: no result named 'Nope'
func.func @net(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> (tensor<2x4xf32> {tl.name = "Y"}, tensor<2x3xf32> {tl.name = "H"}, tensor<2xf32>) {
  %y = tl.einsum "ij,jk->ik" %x, %w : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %h = tl.map "ab->ab" exp %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %s = tl.reduce sum %h axes [1] : tensor<2x3xf32> -> tensor<2xf32>
  return %y, %h, %s : tensor<2x4xf32>, tensor<2x3xf32>, tensor<2xf32>
}
