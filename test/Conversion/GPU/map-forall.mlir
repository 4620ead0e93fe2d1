// tl-gpu-map-forall: tl-gpu-tile-contractions' grid becomes a gpu.launch
// (upstream transform ops), its thread loops thread ids with a barrier after
// each, and its workgroup allocations the launch's workgroup attributions.
// RUN: tlc-opt %s --tl-gpu-tile-contractions --tl-gpu-tile-reductions --tl-gpu-map-forall | FileCheck %s

// CHECK-LABEL: func.func @mm
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %c2{{.*}}, {{.*}} = %c2{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c16{{.*}}, {{.*}} = %c16{{.*}}, {{.*}} = %c1{{.*}}) workgroup(%[[A:.*]] : memref<16x65xf32, #gpu.address_space<workgroup>>, %[[B:.*]] : memref<16x65xf32, #gpu.address_space<workgroup>>, %[[C:.*]] : memref<64x65xf32, #gpu.address_space<workgroup>>)
// CHECK-NOT: memref.alloc
// CHECK-NOT: scf.forall
// CHECK: gpu.thread_id x
// CHECK: memref.store {{.*}}, %[[C]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: memref.store {{.*}}, %[[A]]
// CHECK: memref.store {{.*}}, %[[B]]
// CHECK: gpu.barrier
// CHECK: memref.load %[[A]]
// CHECK: gpu.barrier
// CHECK: gpu.terminator
func.func @mm(%a: memref<100x20xf32>, %b: memref<20x90xf32>, %c: memref<100x90xf32>) {
  linalg.matmul ins(%a, %b : memref<100x20xf32>, memref<20x90xf32>) outs(%c : memref<100x90xf32>)
  return
}

// Two contractions: two launches.
// CHECK-LABEL: func.func @two
// CHECK: gpu.launch
// CHECK: gpu.launch
func.func @two(%a: memref<8x8xf32>, %b: memref<8x8xf32>, %c: memref<8x8xf32>, %d: memref<8x8xf32>) {
  linalg.matmul ins(%a, %b : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  linalg.matmul ins(%c, %b : memref<8x8xf32>, memref<8x8xf32>) outs(%d : memref<8x8xf32>)
  return
}

// A block-level reduction: blocks of 32 x 8 threads, partials in a
// workgroup attribution.
// CHECK-LABEL: func.func @row_sum
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %c13{{.*}}, {{.*}} = %c1{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c32{{.*}}, {{.*}} = %c8{{.*}}, {{.*}} = %c1{{.*}}) workgroup({{.*}} : memref<8x32xf32, #gpu.address_space<workgroup>>)
// CHECK-COUNT-6: gpu.barrier
func.func @row_sum(%a: memref<100x1000xf32>, %s: memref<100xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]} ins(%a : memref<100x1000xf32>) outs(%s : memref<100xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %acc, %x : f32
    linalg.yield %y : f32
  }
  return
}
