// --target=sm_XX --emit=ptx: the device code of every kernel in one PTX
// file for the chip, with the PTX version it needs; per op family: a
// contraction (tiles in shared memory, FMAs on registers), an elementwise
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
// A contraction of at least 1 MFLOP (left out of fused groups): its tiles
// are 16x65 and 64x65 floats of shared memory, with barriers.
// CHECK-DAG: .shared .align 4 .b8 {{.*}}[4160];
// CHECK-DAG: .shared .align 4 .b8 {{.*}}[16640];
// CHECK-DAG: ld.shared.b32
// CHECK-DAG: bar.sync{{[[:space:]]+}}0;
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

func.func @tiled(%a: tensor<128x64xf32>, %b: tensor<64x128xf32>) -> tensor<128x128xf32> {
  %c = tl.einsum "ik,kj->ij" %a, %b : tensor<128x64xf32>, tensor<64x128xf32> -> tensor<128x128xf32>
  return %c : tensor<128x128xf32>
}
