// tl-gpu-tile-contractions: a contraction becomes the shared-memory GEMM
// schedule in scf.forall loops with GPU mappings; other ops stay.
// RUN: tlc-opt %s --tl-gpu-tile-contractions | FileCheck %s
// RUN: tlc-opt %s --tl-gpu-tile-contractions=on-host | FileCheck %s --check-prefix=HOST

// 100x90 result: 2x2 blocks of 64x64. K = 20: one step of 16 in a loop, then
// a step of 4.
// CHECK-LABEL: func.func @mm
// CHECK: scf.forall ({{.*}}) in (1, 2, 2)
// CHECK-DAG: memref.alloc() : memref<16x65xf32, #gpu.address_space<workgroup>>
// CHECK-DAG: memref.alloc() : memref<64x65xf32, #gpu.address_space<workgroup>>
// The result tile is read in...
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK: memref.load %arg2
// CHECK: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// ...the K loop copies both operands, then accumulates in registers...
// CHECK: scf.for {{.*}} to %c16{{.*}} step %c16
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK: memref.load %arg0
// CHECK: memref.load %arg1
// CHECK: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK-COUNT-16: arith.addf
// CHECK: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// ...a tail step of 4 (unrolled: 4 x 16 updates)...
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK: memref.load %arg0
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK-COUNT-64: arith.addf
// CHECK-NOT: arith.addf
// CHECK: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// ...and the tile is written back.
// CHECK: scf.forall ({{.*}}) in (16, 16)
// CHECK: memref.store {{.*}}, %arg2
// CHECK: } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>], tl.gpu_grid = array<i64: 16, 16, 1>}
// HOST-LABEL: func.func @mm
// HOST: memref.alloc() : memref<16x65xf32>
// HOST: memref.alloc() : memref<16x65xf32>
// HOST: memref.alloc() : memref<64x65xf32>
// HOST: scf.for
// HOST: scf.for
// HOST: scf.for
// HOST: scf.forall ({{.*}}) in (16, 16)
// HOST-NOT: tl.gpu_grid
func.func @mm(%a: memref<100x20xf32>, %b: memref<20x90xf32>, %c: memref<100x90xf32>) {
  linalg.matmul ins(%a, %b : memref<100x20xf32>, memref<20x90xf32>) outs(%c : memref<100x90xf32>)
  return
}

// f64: 32x32 blocks (2 x 2 per thread), so the tiles fit in 48 KiB. Batch
// dimensions are the grid's z; min-plus through the cloned body.
// CHECK-LABEL: func.func @bmm_f64
// CHECK: scf.forall ({{.*}}) in (6, 2, 1)
// CHECK-DAG: memref.alloc() : memref<16x33xf64, #gpu.address_space<workgroup>>
// CHECK-DAG: memref.alloc() : memref<32x33xf64, #gpu.address_space<workgroup>>
// CHECK: arith.minimumf
func.func @bmm_f64(%a: memref<2x3x40x16xf64>, %b: memref<2x3x16x20xf64>, %c: memref<2x3x40x20xf64>) {
  linalg.generic {indexing_maps = [affine_map<(b, h, i, j, k) -> (b, h, i, k)>, affine_map<(b, h, i, j, k) -> (b, h, k, j)>, affine_map<(b, h, i, j, k) -> (b, h, i, j)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : memref<2x3x40x16xf64>, memref<2x3x16x20xf64>) outs(%c : memref<2x3x40x20xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %s = arith.addf %x, %y : f64
    %m = arith.minimumf %acc, %s : f64
    linalg.yield %m : f64
  }
  return
}

// Not a contraction with one m, n and k: left to the parallel-loop schedule.
// CHECK-LABEL: func.func @matvec
// CHECK-NOT: scf.forall
// CHECK: linalg.matvec
func.func @matvec(%a: memref<100x70xf32>, %x: memref<70xf32>, %y: memref<100xf32>) {
  linalg.matvec ins(%a, %x : memref<100x70xf32>, memref<70xf32>) outs(%y : memref<100xf32>)
  return
}
