// Diagnostics of tl-c-abi and tl-entry-wrappers.
// RUN: tlc-opt %s -split-input-file -verify-diagnostics --tl-c-abi --tl-entry-wrappers

// expected-error @+1 {{entry point still returns values after buffer-results-to-out-params; outputs must be static memrefs}}
func.func @returns_memref(%out: memref<4xf32>) -> memref<4xf32> {
  return %out : memref<4xf32>
}

// -----

// Dynamic outputs stay results after buffer-results-to-out-params.
// expected-error @+1 {{entry point still returns values after buffer-results-to-out-params}}
func.func @returns_scalar(%a: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %0 = memref.load %a[%c0] : memref<4xf32>
  return %0 : f32
}

// -----

// expected-error @+1 {{symbol 'f_run' already exists}}
func.func @f(%out: memref<4xf32>) {
  return
}
func.func private @f_run(memref<4xf32>)

// -----

// expected-error @+1 {{tl-entry-wrappers expects the bare-pointer calling convention, but an argument has type 'i64'}}
llvm.func @g_run(%a: i64, %ws: !llvm.ptr) -> i32 attributes {tl.entry} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}

// -----

// expected-error @+1 {{tl-entry-wrappers expects the bare-pointer calling convention, but an argument has type '!llvm.struct<(ptr, ptr, i64)>'}}
llvm.func @h_run(%a: !llvm.struct<(ptr, ptr, i64)>) -> i32 attributes {tl.entry} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
