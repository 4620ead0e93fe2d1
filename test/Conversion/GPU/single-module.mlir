// tl-gpu-single-module: kernels outlined into separate gpu.modules move into
// the first; launches follow them, and a clashing name is made unique.
// RUN: tlc-opt %s --tl-gpu-single-module | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK:         gpu.launch_func @a::@k blocks
// CHECK:         gpu.launch_func @a::@k_0 blocks
// CHECK:         gpu.launch_func @a::@j blocks
// CHECK:       gpu.module @a {
// CHECK-DAG:     gpu.func @k() kernel
// CHECK-DAG:     gpu.func @k_0() kernel
// CHECK-DAG:     gpu.func @j() kernel
// CHECK:       }
// CHECK-NOT:   gpu.module
module attributes {gpu.container_module} {
  func.func @f() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @a::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @b::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @c::@j blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
  gpu.module @a {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  gpu.module @b {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  gpu.module @c {
    gpu.func @j() kernel {
      gpu.return
    }
  }
}
