// tl-gpu-parallel-loops: blocks of 256 threads with the innermost dimension
// on its own (to thread x after gpu-map-parallel-loops' innermost-first):
// 1-D loops tiled 256, 2-D loops 8 x 32, outer dimensions of deeper loops
// collapsed into one, loops too tall for the grid's y flattened, and
// reductions ordered after the parallel dimensions.
// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-gpu-parallel-loops,sccp,gpu-map-parallel-loops{mapping-policy=innermost-first}))' | FileCheck %s

// CHECK-LABEL: func.func @one
// CHECK: scf.parallel ({{.*}}) = (%c0) to (%c1000) step (%c256)
// CHECK: scf.parallel ({{.*}}) = (%c0) to (%c256) step (%c1)
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK: mapping = [#gpu.loop_dim_map<processor = block_x
func.func @one(%a: memref<1000xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c1000 = arith.constant 1000 : index
  scf.parallel (%i) = (%c0) to (%c1000) step (%c1) {
    %v = memref.load %a[%i] : memref<1000xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %a[%i] : memref<1000xf32>
  }
  return
}

// CHECK-LABEL: func.func @two
// CHECK: scf.parallel ({{.*}}) = (%c0, %c0) to (%c100, %c300) step (%c8, %c32)
// CHECK: scf.parallel ({{.*}}) = (%c0, %c0) to (%c8, %c32) step (%c1, %c1)
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_y{{.*}}processor = thread_x
// CHECK: mapping = [#gpu.loop_dim_map<processor = block_y{{.*}}processor = block_x
func.func @two(%a: memref<100x300xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %c300 = arith.constant 300 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c100, %c300) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<100x300xf32>
    memref.store %v, %a[%i, %j] : memref<100x300xf32>
  }
  return
}

// 2 x 3 x 5 outer iterations become one dimension of 30; 7 stays innermost.
// CHECK-LABEL: func.func @four
// CHECK: scf.parallel ({{.*}}) = (%c0, %c0) to (%c30, %c7) step (%c8, %c32)
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_y{{.*}}processor = thread_x
func.func @four(%a: memref<2x3x5x7xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  scf.parallel (%b, %h, %i, %j) = (%c0, %c0, %c0, %c0) to (%c2, %c3, %c5, %c7) step (%c1, %c1, %c1, %c1) {
    %v = memref.load %a[%b, %h, %i, %j] : memref<2x3x5x7xf32>
    memref.store %v, %a[%b, %h, %i, %j] : memref<2x3x5x7xf32>
  }
  return
}

// 1,000,000 rows would need 125,000 blocks in y (the limit is 65,535): one
// dimension of 4,000,000 instead.
// CHECK-LABEL: func.func @tall
// CHECK: scf.parallel ({{.*}}) = (%c0) to (%c4000000) step (%c256)
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_x
func.func @tall(%a: memref<1000000x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %cm = arith.constant 1000000 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%cm, %c4) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<1000000x4xf32>
    memref.store %v, %a[%i, %j] : memref<1000000x4xf32>
  }
  return
}

// A sum over the middle axis: the parallel dimensions move first, so (b, j)
// are spread over threads (b outer, j on thread x) and the sum over i is a
// loop inside each thread.
// CHECK-LABEL: func.func @middle
// CHECK: scf.parallel ({{.*}}) = (%c0, %c0) to (%c4, %c50) step (%c8, %c32)
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} = %c0 to %c30 step %c1
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_y{{.*}}processor = thread_x
func.func @middle(%a: memref<4x30x50xf32>, %s: memref<4x50xf32>) {
  linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, i, j)>, affine_map<(b, i, j) -> (b, j)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a : memref<4x30x50xf32>) outs(%s : memref<4x50xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %acc, %x : f32
    linalg.yield %y : f32
  }
  return
}
