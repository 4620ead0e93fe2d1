// tl-c-abi where the tl-linalg-to-llvm pipeline runs it: after bufferization
// and buffer-results-to-out-params, the result buffer is an argument that the
// kernel writes in place (no allocation, no copy), followed by the workspace.
// RUN: tlc-opt %s --tl-lower-to-linalg --tl-distinct-results \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --canonicalize \
// RUN:   --buffer-deallocation-pipeline --tl-c-abi=prefix=model -mlir-print-local-scope | FileCheck %s

// CHECK-LABEL: func.func @model_mlp_run
// CHECK-SAME:    (%[[X:.*]]: memref<2x3xf32> {llvm.noalias}, %[[W:.*]]: memref<3x4xf32> {llvm.noalias}, %[[B:.*]]: memref<4xf32> {llvm.noalias}, %[[Y:.*]]: memref<2x4xf32> {llvm.noalias}, %[[WS:.*]]: memref<0xi8> {llvm.noalias}) -> i32
// CHECK-SAME:    attributes {tl.entry}
// CHECK-NOT:     memref.copy
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[W]] : memref<2x3xf32>, memref<3x4xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%[[Y]] : memref<2x4xf32>)
// CHECK-NOT:     memref.copy
// CHECK:         %[[OK:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    return %[[OK]] : i32
// CHECK-LABEL: func.func @model_mlp_workspace_size() -> i64
// Two results become two out-params, in result order.
// CHECK-LABEL: func.func @model_argmax_run
// CHECK-SAME:    (%{{.*}}: memref<2x4xf32> {llvm.noalias}, %{{.*}}: memref<2xf32> {llvm.noalias}, %{{.*}}: memref<2x4xi1> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32
// CHECK-LABEL: func.func @model_argmax_workspace_size() -> i64
func.func @mlp(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %h = tl.einsum "bi,io->bo" %x, %w : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %a = tl.map "bo,o->bo" add %h, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %y = tl.map "bo->bo" relu %a : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @argmax(%x: tensor<2x4xf32> {tl.name = "X"}) -> (tensor<2xf32> {tl.name = "M"}, tensor<2x4xi1> {tl.name = "IsMax"}) {
  %m = tl.reduce max %x axes [1] : tensor<2x4xf32> -> tensor<2xf32>
  %e = tl.map "bo,b->bo" eq %x, %m : tensor<2x4xf32>, tensor<2xf32> -> tensor<2x4xi1>
  return %m, %e : tensor<2xf32>, tensor<2x4xi1>
}
