// tl-c-abi: entry points get tlc's C names, a trailing workspace argument, an
// i32 status result, noalias arguments (the ABI's buffers are distinct), and
// a <base>_workspace_size() function.
// RUN: tlc-opt %s -split-input-file --tl-c-abi | FileCheck %s --check-prefixes=CHECK,NOPREFIX
// RUN: tlc-opt %s -split-input-file --tl-c-abi=prefix=model | FileCheck %s --check-prefixes=CHECK,PREFIX
// RUN: tlc-opt %s -split-input-file '-pass-pipeline=builtin.module(tl-c-abi{prefix=model})' | FileCheck %s --check-prefixes=CHECK,PREFIX

// One entry point: <f>_run, or <prefix>_run.
// NOPREFIX-LABEL: func.func @f_run
// PREFIX-LABEL:   func.func @model_run
// CHECK-SAME:       (%[[IN:.*]]: memref<4xf32> {llvm.noalias}, %[[OUT:.*]]: memref<4xf32> {llvm.noalias}, %[[WS:.*]]: memref<0xi8> {llvm.noalias}) -> i32
// CHECK-SAME:       attributes {tl.entry}
// CHECK-NEXT:     memref.copy %[[IN]], %[[OUT]]
// CHECK-NEXT:     %[[OK:.*]] = arith.constant 0 : i32
// CHECK-NEXT:     return %[[OK]] : i32
// NOPREFIX-LABEL: func.func @f_workspace_size() -> i64
// PREFIX-LABEL:   func.func @model_workspace_size() -> i64
// CHECK-NEXT:     %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:     return %[[ZERO]] : i64
// CHECK-NOT:      func.func
func.func @f(%in: memref<4xf32>, %out: memref<4xf32>) {
  memref.copy %in, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// Several entry points: <f>_run, or <prefix>_<f>_run. Private functions and
// declarations are not entry points and keep their names.
// CHECK-LABEL:    func.func private @helper(%{{.*}}: memref<4xf32>)
// CHECK-NOT:      tl.entry
// CHECK-NOT:      llvm.noalias
// CHECK-LABEL:    func.func private @external(memref<4xf32>)
// NOPREFIX-LABEL: func.func @first_run
// PREFIX-LABEL:   func.func @model_first_run
// CHECK-SAME:       (%[[A:.*]]: memref<4xf32> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32 attributes {tl.entry}
// CHECK:            call @helper(%[[A]])
// CHECK:            call @external(%[[A]])
// NOPREFIX-LABEL: func.func @first_workspace_size() -> i64
// PREFIX-LABEL:   func.func @model_first_workspace_size() -> i64
// NOPREFIX-LABEL: func.func @second_run
// PREFIX-LABEL:   func.func @model_second_run
// CHECK-SAME:       (%{{.*}}: memref<2x3xi1> {llvm.noalias}, %{{.*}}: memref<i64> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32 attributes {tl.entry}
// NOPREFIX-LABEL: func.func @second_workspace_size() -> i64
// PREFIX-LABEL:   func.func @model_second_workspace_size() -> i64
func.func private @helper(%a: memref<4xf32>) {
  return
}
func.func private @external(memref<4xf32>)
func.func @first(%a: memref<4xf32>) {
  call @helper(%a) : (memref<4xf32>) -> ()
  call @external(%a) : (memref<4xf32>) -> ()
  return
}
func.func @second(%a: memref<2x3xi1>, %b: memref<i64>) {
  return
}

// -----

// Every return becomes a status return.
// NOPREFIX-LABEL: func.func @branches_run
// PREFIX-LABEL:   func.func @model_run
// CHECK-SAME:       (%{{.*}}: memref<i1> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32
// CHECK:          ^bb1:
// CHECK-NEXT:       %[[OK1:.*]] = arith.constant 0 : i32
// CHECK-NEXT:       return %[[OK1]] : i32
// CHECK:          ^bb2:
// CHECK-NEXT:       %[[OK2:.*]] = arith.constant 0 : i32
// CHECK-NEXT:       return %[[OK2]] : i32
func.func @branches(%m: memref<i1>) {
  %c = memref.load %m[] : memref<i1>
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return
^bb2:
  return
}

// -----

// A module without entry points is left alone.
// CHECK-LABEL:    func.func private @only_private
// CHECK-NOT:      _run
// CHECK-NOT:      _workspace_size
func.func private @only_private(%a: memref<4xf32>) {
  return
}

// -----

// Symbol names are C identifiers: other characters become '_', and a name
// that would start with a digit gets a leading '_'.
// NOPREFIX-LABEL: func.func @my_model_v2_run
// PREFIX-LABEL:   func.func @model_run
// NOPREFIX-LABEL: func.func @my_model_v2_workspace_size
// PREFIX-LABEL:   func.func @model_workspace_size
func.func @"my-model.v2"(%out: memref<4xf32>) {
  return
}

// -----

// Argument attributes (tl.name, bufferization hints) are dropped.
// NOPREFIX-LABEL: func.func @named_run
// PREFIX-LABEL:   func.func @model_run
// CHECK-SAME:       (%{{.*}}: memref<4xf32> {llvm.noalias}, %{{.*}}: memref<4xf32> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32
// CHECK-NOT:      tl.name
func.func @named(%in: memref<4xf32> {tl.name = "X"}, %out: memref<4xf32> {tl.name = "Y", bufferization.writable = true}) {
  return
}

// -----

// The bare-pointer convention cannot pass a multi-dimensional memref with a
// zero-size dimension: it becomes a rank-1 empty buffer, reinterpreted with
// the original (row-major) shape and strides.
// NOPREFIX-LABEL: func.func @zero_size_run
// PREFIX-LABEL:   func.func @model_run
// CHECK-SAME:       (%[[A:.*]]: memref<0xf32> {llvm.noalias}, %[[B:.*]]: memref<0xf32> {llvm.noalias}, %[[C:.*]]: memref<0xi32> {llvm.noalias}, %{{.*}}: memref<0xi8> {llvm.noalias}) -> i32
// CHECK-NEXT:     %[[A2:.*]] = memref.reinterpret_cast %[[A]] to offset: [0], sizes: [2, 0], strides: [0, 1] : memref<0xf32> to memref<2x0xf32>
// CHECK-NEXT:     %[[C2:.*]] = memref.reinterpret_cast %[[C]] to offset: [0], sizes: [3, 0, 2], strides: [0, 2, 1] : memref<0xi32> to memref<3x0x2xi32>
// CHECK-NEXT:     call @use(%[[A2]], %[[B]], %[[C2]])
func.func private @use(memref<2x0xf32>, memref<0xf32>, memref<3x0x2xi32>)
func.func @zero_size(%a: memref<2x0xf32>, %b: memref<0xf32>, %out: memref<3x0x2xi32>) {
  call @use(%a, %b, %out) : (memref<2x0xf32>, memref<0xf32>, memref<3x0x2xi32>) -> ()
  return
}
