// Entry points get tlc's ABI signature (workspace argument, i32 status), so a
// call from one entry point to another cannot be kept: tl-c-abi rejects it
// (tlc itself only accepts tl ops in entry point bodies).
// RUN: tlc-opt %s --tl-c-abi -verify-diagnostics

// expected-error @+1 {{entry point '@f' is called from another function; entry points cannot call each other}}
func.func @f(%a: memref<4xf32>, %out: memref<4xf32>) {
  memref.copy %a, %out : memref<4xf32> to memref<4xf32>
  return
}
func.func @g(%a: memref<4xf32>, %out: memref<4xf32>) {
  call @f(%a, %out) : (memref<4xf32>, memref<4xf32>) -> ()
  return
}
