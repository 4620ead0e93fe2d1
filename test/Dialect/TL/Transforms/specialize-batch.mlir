// tl-specialize-batch: every '?' becomes the batch size, and arguments that
// had one are marked tl.batched; '?' elsewhere than an argument's first
// dimension is an error. Other tl passes refuse '?' with a clear error.
// RUN: tlc-opt %s -split-input-file --tl-specialize-batch=size=5 --verify-diagnostics | FileCheck %s
// RUN: not tlc-opt %s -split-input-file --tl-fuse 2>&1 | FileCheck %s --check-prefix=GUARD

// CHECK-LABEL: func.func @layer
// CHECK-SAME:    (%{{.*}}: tensor<5x6xf32> {tl.batched}, %{{.*}}: tensor<6x4xf32>) -> tensor<4x5xf32>
// CHECK:         tl.einsum "bi,ij->jb" {{.*}} : tensor<5x6xf32>, tensor<6x4xf32> -> tensor<4x5xf32>
// CHECK:         tl.fused {{.*}} : tensor<4x5xf32> -> tensor<4x5xf32>
// CHECK-NEXT:    ^bb0(%{{.*}}: tensor<4x5xf32>):
// CHECK-NEXT:      tl.map "jb->jb" relu {{.*}} : tensor<4x5xf32> -> tensor<4x5xf32>
// GUARD: error: 'tl-fuse' needs static shapes, but this has a '?' (batch) dimension: run tl-specialize-batch first (tlc does)
func.func @layer(%x: tensor<?x6xf32>, %w: tensor<6x4xf32>) -> tensor<4x?xf32> {
  %y = tl.einsum "bi,ij->jb" %x, %w : tensor<?x6xf32>, tensor<6x4xf32> -> tensor<4x?xf32>
  %r = tl.fused %y : tensor<4x?xf32> -> tensor<4x?xf32> {
  ^bb0(%a: tensor<4x?xf32>):
    %m = tl.map "jb->jb" relu %a : tensor<4x?xf32> -> tensor<4x?xf32>
    tl.yield %m : tensor<4x?xf32>
  }
  return %r : tensor<4x?xf32>
}

// -----

// expected-error @+1 {{argument #0 has type 'tensor<6x?xf32>'; '?' (the batch size) may only be an argument's first dimension}}
func.func @second(%x: tensor<6x?xf32>) -> tensor<6x?xf32> {
  %m = tl.map "ib->ib" relu %x : tensor<6x?xf32> -> tensor<6x?xf32>
  return %m : tensor<6x?xf32>
}
