// RUN: tlc-opt %s --tl-graph-stats="title=demo" -o /dev/null 2>&1 | FileCheck %s

// Flops: the 2x3x4 product with a sum is 2 * 24 = 48, the map 8, the
// reduction 8, the softmax 5 * 2 = 10: 74. Bytes: einsum 24+48+32, map 32+32,
// reduce 32+8, softmax 8+8 = 224.
// CHECK: === tl graph statistics: demo ===
// CHECK-NEXT: @f: 4 ops (1 tl.einsum, 1 tl.map, 1 tl.reduce, 1 tl.softmax), 74 flops, 224 bytes moved
func.func @f(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2xf32> {
  %y = tl.einsum "ij,jk->ik" %x, %w : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %e = tl.map "ab->ab" exp %y : tensor<2x4xf32> -> tensor<2x4xf32>
  %s = tl.reduce sum %e axes [1] : tensor<2x4xf32> -> tensor<2xf32>
  %p = tl.softmax %s axis 0 : tensor<2xf32> -> tensor<2xf32>
  return %p : tensor<2xf32>
}

// A fused group moves only its operands and results: 24+48+16 for the
// einsum's operands and the bias, 32 for the result; its three ops count
// their flops (48 + 8 + 8).
// CHECK-NEXT: @g: 4 ops (1 tl.einsum, 1 tl.fused, 2 tl.map), 64 flops, 120 bytes moved
func.func @g(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %r = tl.fused %x, %w, %b : tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32> -> tensor<2x4xf32> {
  ^bb0(%a: tensor<2x3xf32>, %c: tensor<3x4xf32>, %d: tensor<4xf32>):
    %y = tl.einsum "ij,jk->ik" %a, %c : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    %z = tl.map "ik,k->ik" add %y, %d : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
    %h = tl.map "ik->ik" relu %z : tensor<2x4xf32> -> tensor<2x4xf32>
    tl.yield %h : tensor<2x4xf32>
  }
  return %r : tensor<2x4xf32>
}
