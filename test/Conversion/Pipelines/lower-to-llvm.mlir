// The whole CPU pipeline, tl-lower-to-llvm: symbol names with and without a
// prefix, bare-pointer entry points (inputs, outputs, workspace) returning an
// i32 status, the packed wrappers and the workspace-size functions.
// RUN: tlc-opt %s -split-input-file --tl-lower-to-llvm | FileCheck %s --check-prefixes=CHECK,NOPREFIX
// RUN: tlc-opt %s -split-input-file --tl-lower-to-llvm=prefix=model | FileCheck %s --check-prefixes=CHECK,PREFIX
// RUN: tlc-opt %s -split-input-file '--tl-lower-to-llvm=prefix=model' | FileCheck %s --check-prefixes=CHECK,PREFIX
// RUN: tlc-opt %s -split-input-file '-pass-pipeline=builtin.module(tl-lower-to-llvm{prefix=model})' | FileCheck %s --check-prefixes=CHECK,PREFIX
// The two halves of the pipeline compose to the whole.
// RUN: tlc-opt %s -split-input-file --tl-lower-to-linalg --tl-linalg-to-llvm=prefix=model | FileCheck %s --check-prefixes=CHECK,PREFIX
// Nothing but the LLVM dialect is left.
// RUN: tlc-opt %s -split-input-file --tl-lower-to-llvm | FileCheck %s --check-prefix=CLEAN \
// RUN:   --implicit-check-not=func.func --implicit-check-not=memref. --implicit-check-not=linalg. \
// RUN:   --implicit-check-not=arith. --implicit-check-not=math. --implicit-check-not=cf. --implicit-check-not=scf. \
// RUN:   '--implicit-check-not={{tl\.(einsum|map|reduce|softmax|constant)}}' --implicit-check-not=unrealized_conversion_cast

// CLEAN: llvm.func @matmul_run(
// NOPREFIX-LABEL: llvm.func @matmul_run
// PREFIX-LABEL:   llvm.func @model_run
// CHECK-SAME:       (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
// CHECK:            %[[OK:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK:            llvm.return %[[OK]] : i32
// NOPREFIX-LABEL: llvm.func @matmul_run_packed
// PREFIX-LABEL:   llvm.func @model_run_packed
// CHECK-SAME:       (%{{.*}}: !llvm.ptr) -> i32
// CHECK-COUNT-4:    llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// NOPREFIX-NEXT:    %[[R:.*]] = llvm.call @matmul_run(
// PREFIX-NEXT:      %[[R:.*]] = llvm.call @model_run(
// CHECK-NEXT:       llvm.return %[[R]] : i32
// NOPREFIX-LABEL: llvm.func @matmul_workspace_size() -> i64
// PREFIX-LABEL:   llvm.func @model_workspace_size() -> i64
// CHECK-NEXT:       %[[Z:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT:       llvm.return %[[Z]] : i64
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Several entry points: <f>_run, or <prefix>_<f>_run. A private function is
// no entry point (and is inlined or lowered as is).
// CHECK-NOT:      @helper_run
// NOPREFIX-LABEL: llvm.func @closure_run
// PREFIX-LABEL:   llvm.func @model_closure_run
// CHECK-SAME:       (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
// NOPREFIX-LABEL: llvm.func @closure_run_packed
// PREFIX-LABEL:   llvm.func @model_closure_run_packed
// NOPREFIX-LABEL: llvm.func @closure_workspace_size() -> i64
// PREFIX-LABEL:   llvm.func @model_closure_workspace_size() -> i64
// NOPREFIX-LABEL: llvm.func @paths_run
// PREFIX-LABEL:   llvm.func @model_paths_run
// CHECK-SAME:       (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
// NOPREFIX-LABEL: llvm.func @paths_run_packed
// PREFIX-LABEL:   llvm.func @model_paths_run_packed
// NOPREFIX-LABEL: llvm.func @paths_workspace_size() -> i64
// PREFIX-LABEL:   llvm.func @model_paths_workspace_size() -> i64
// CLEAN: llvm.func @closure_run(
// CLEAN: llvm.func @paths_run(
func.func @closure(%p: tensor<8x8xi1>) -> tensor<8x8xi1> {
  %r = tl.einsum "xy,yz->xz" %p, %p {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
  return %r : tensor<8x8xi1>
}
func.func @paths(%d: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %r = tl.einsum "xy,yz->xz" %d, %w {semiring = #tl.semiring<min_plus>} : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

// Math functions become LLVM intrinsics; no math dialect is left.
// Intermediates (the row maxima, which softmax and logsumexp share after
// CSE, softmax's row sums and their inverses, logsumexp's row sums) live in
// the workspace (tl-memory-plan): no malloc or free, and the workspace size
// is the plan's peak: three of them live at once, 4 floats each rounded up
// to 64 bytes.
// CHECK-NOT:      math.
// CHECK-NOT:      @malloc
// NOPREFIX-LABEL: llvm.func @activations_run
// PREFIX-LABEL:   llvm.func @model_run
// CHECK-SAME:       (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32 attributes {tl.entry}
// CHECK:            llvm.intr.exp
// CHECK:            llvm.intr.log
// CHECK-NOT:        @free
// CHECK:          llvm.func @{{.*}}workspace_size() -> i64
// CHECK-NEXT:       llvm.mlir.constant(192 : i64)
// CLEAN: llvm.func @activations_run(
func.func @activations(%x: tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<4xf32>) {
  %s = tl.softmax %x axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
  %l = tl.reduce logsumexp %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  return %s, %l : tensor<4x5xf32>, tensor<4xf32>
}
