// Entry points that return one value several times, an argument, or a
// constant: every output is its own out-param (tl-distinct-results copies
// before bufferization; upstream buffer-results-to-out-params with
// hoist-static-allocs used to crash on a buffer returned twice, and
// tl-lower-to-linalg's CSE produces exactly that from identical equations).
// RUN: tlc-opt %s -split-input-file --tl-lower-to-llvm | FileCheck %s

// CHECK-LABEL: llvm.func @same_value_twice_run
// CHECK-SAME:    (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
func.func @same_value_twice(%a: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %r = tl.map "i->i" exp %a : tensor<2xf32> -> tensor<2xf32>
  return %r, %r : tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: llvm.func @identical_equations_run
// CHECK-SAME:    (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
func.func @identical_equations(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// An input passed through, twice, and a constant output: all copied into
// their out-params (no heap allocation is left for them).
// CHECK-LABEL: llvm.func @passthrough_run
// CHECK-SAME:    (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
// CHECK-NOT:     llvm.call @malloc
// CHECK:         llvm.return
func.func @passthrough(%a: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %c = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %a, %a, %c : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}
