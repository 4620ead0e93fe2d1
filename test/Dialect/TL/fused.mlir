// Round trip of tl.fused through the custom and the generic printed form.
// RUN: tlc-opt %s -split-input-file | tlc-opt -split-input-file | FileCheck %s
// RUN: tlc-opt %s -split-input-file -mlir-print-op-generic | tlc-opt -split-input-file | FileCheck %s

// A contraction with its epilogue (bias, activation).
// CHECK-LABEL: func.func @mlp
// CHECK-SAME:    (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x10xf32>, %[[B:.*]]: tensor<10xf32>)
// CHECK:         %[[H:.*]] = tl.fused %[[X]], %[[W]], %[[B]] : tensor<8x16xf32>, tensor<16x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<16x10xf32>, %[[D:.*]]: tensor<10xf32>):
// CHECK-NEXT:      %[[E:.*]] = tl.einsum "bi,ih->bh" %[[A]], %[[C]]
// CHECK-NEXT:      %[[S:.*]] = tl.map "bh,h->bh" add %[[E]], %[[D]]
// CHECK-NEXT:      %[[R:.*]] = tl.map "bh->bh" relu %[[S]]
// CHECK-NEXT:      tl.yield %[[R]] : tensor<8x10xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[H]] : tensor<8x10xf32>
func.func @mlp(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %b: tensor<10xf32>) -> tensor<8x10xf32> {
  %h = tl.fused %x, %w, %b : tensor<8x16xf32>, tensor<16x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
  ^bb0(%a: tensor<8x16xf32>, %c: tensor<16x10xf32>, %d: tensor<10xf32>):
    %0 = tl.einsum "bi,ih->bh" %a, %c : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
    %1 = tl.map "bh,h->bh" add %0, %d : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
    %2 = tl.map "bh->bh" relu %1 : tensor<8x10xf32> -> tensor<8x10xf32>
    tl.yield %2 : tensor<8x10xf32>
  }
  return %h : tensor<8x10xf32>
}

// -----

// Several results of different element types, discardable attributes, and
// a body that yields one of its arguments.
// CHECK-LABEL: func.func @several
// CHECK:         %{{.*}}:3 = tl.fused %{{.*}} : tensor<4xf32> -> tensor<4xf32>, tensor<4xi1>, tensor<4xf32> attributes {tl.group = 3 : i64} {
// CHECK:           tl.map "i->i" gt
// CHECK:           tl.yield %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xi1>, tensor<4xf32>
func.func @several(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>, tensor<4xf32>) {
  %r:3 = tl.fused %x : tensor<4xf32> -> tensor<4xf32>, tensor<4xi1>, tensor<4xf32> attributes {tl.group = 3 : i64} {
  ^bb0(%a: tensor<4xf32>):
    %0 = tl.map "i->i" exp %a : tensor<4xf32> -> tensor<4xf32>
    %1 = tl.map "i->i" gt %0 {scalar = 1.0 : f64} : tensor<4xf32> -> tensor<4xi1>
    tl.yield %0, %1, %a : tensor<4xf32>, tensor<4xi1>, tensor<4xf32>
  }
  return %r#0, %r#1, %r#2 : tensor<4xf32>, tensor<4xi1>, tensor<4xf32>
}

// -----

// No operands: the body computes from a constant.
// CHECK-LABEL: func.func @no_operands
// CHECK:         tl.fused -> tensor<2xf32> {
// CHECK-NEXT:      tl.constant
func.func @no_operands() -> tensor<2xf32> {
  %r = tl.fused -> tensor<2xf32> {
    %0 = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %1 = tl.map "i->i" neg %0 : tensor<2xf32> -> tensor<2xf32>
    tl.yield %1 : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}
