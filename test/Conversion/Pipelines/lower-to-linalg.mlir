// tl-lower-to-linalg = tl-to-linalg, then canonicalize and CSE: dead ops go,
// identical computations are computed once.
// RUN: tlc-opt %s -split-input-file --tl-lower-to-linalg -mlir-print-local-scope | FileCheck %s
// RUN: tlc-opt %s -split-input-file '-pass-pipeline=builtin.module(tl-lower-to-linalg)' -mlir-print-local-scope | FileCheck %s

// CHECK-LABEL: func.func @dead_and_duplicate
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xf32> {bufferization.writable = false}, %[[B:.*]]: tensor<3x4xf32> {bufferization.writable = false})
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]], %[[R]]
func.func @dead_and_duplicate(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %dead = tl.map "ij->ij" exp %a : tensor<2x3xf32> -> tensor<2x3xf32>
  %0 = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @only_constants
// CHECK-NEXT:    %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT:    return %[[C]], %[[C]]
func.func @only_constants() -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}
