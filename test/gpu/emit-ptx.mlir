// --target=sm_XX --emit=ptx: the device code of every kernel in one PTX
// file for the chip, with the PTX version it needs; per op family: a
// contraction (a reduction loop of FMAs in each thread), an elementwise
// map, a reduction and a softmax (exp through libdevice).
// REQUIRES: ptxas
// RUN: tlc %s --target=sm_90 --emit=ptx -o %t.ptx
// RUN: FileCheck %s < %t.ptx
// RUN: /usr/local/cuda/bin/ptxas -arch=sm_90 %t.ptx -o %t.cubin
// RUN: tlc %s --target=sm_80 --emit=ptx -o - | FileCheck %s --check-prefix=SM80
// CHECK: .version 8.0
// CHECK: .target sm_90
// CHECK-COUNT-1: .address_size 64
// The kernels read their thread and block ids.
// CHECK-DAG: mov.u32 {{.*}}%ctaid.x
// CHECK-DAG: mov.u32 {{.*}}%tid.x
// CHECK-DAG: fma.rn.f32
// CHECK-DAG: max.NaN.f32
// CHECK-DAG: ex2.approx
// SM80: .target sm_80
func.func @families(%x: tensor<40x24xf32>, %w: tensor<24x20xf32>) -> (tensor<40x20xf32>, tensor<40xf32>) {
  %y = tl.einsum "ij,jk->ik" %x, %w : tensor<40x24xf32>, tensor<24x20xf32> -> tensor<40x20xf32>
  %r = tl.map "ik->ik" relu %y : tensor<40x20xf32> -> tensor<40x20xf32>
  %s = tl.softmax %r axis 1 : tensor<40x20xf32> -> tensor<40x20xf32>
  %m = tl.reduce max %s axes [1] : tensor<40x20xf32> -> tensor<40xf32>
  return %s, %m : tensor<40x20xf32>, tensor<40xf32>
}
