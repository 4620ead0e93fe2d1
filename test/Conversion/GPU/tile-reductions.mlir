// tl-gpu-tile-reductions: row reductions become block-level reductions in
// scf.forall loops with GPU mappings (a warp per row, or a block per row for
// few rows); partials combined as a tree in shared memory.
// RUN: tlc-opt %s --tl-gpu-tile-reductions | FileCheck %s
// RUN: tlc-opt %s --tl-gpu-tile-reductions=on-host | FileCheck %s --check-prefix=HOST

#row = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>

// 100 rows: 13 blocks of 8 rows x 32 lanes.
// CHECK-LABEL: func.func @row_sum
// CHECK: scf.forall ({{.*}}) in (13)
// CHECK: memref.alloc() : memref<8x32xf32, #gpu.address_space<workgroup>>
// Each lane folds columns lane, lane + 32, ... from the neutral element.
// CHECK: scf.forall ({{.*}}) in (8, 32)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: scf.for {{.*}} = %{{.*}} to %c1000{{.*}} step %c32{{.*}} iter_args({{.*}} = %[[ZERO]])
// CHECK: arith.addf
// CHECK: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// A tree of 5 levels, the last folding into the result.
// CHECK-COUNT-5: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
// CHECK: } {mapping = [#gpu.block<x>], tl.gpu_grid = array<i64: 32, 8, 1>}
// HOST-LABEL: func.func @row_sum
// HOST: memref.alloc() : memref<8x32xf32>
// HOST: scf.for
// HOST: scf.forall ({{.*}}) in (8, 32)
func.func @row_sum(%a: memref<100x1000xf32>, %s: memref<100xf32>) {
  linalg.generic {indexing_maps = [#row, #out], iterator_types = ["parallel", "reduction"]} ins(%a : memref<100x1000xf32>) outs(%s : memref<100xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %acc, %x : f32
    linalg.yield %y : f32
  }
  return
}

// Softmax's second step: exp(x - max) written element by element while the
// row sum accumulates; 3 rows: a block of 256 lanes per row, a tree of 8.
// CHECK-LABEL: func.func @exp_sum
// CHECK: scf.forall ({{.*}}) in (3)
// CHECK: memref.alloc() : memref<1x256xf32, #gpu.address_space<workgroup>>
// CHECK: scf.forall ({{.*}}) in (1, 256)
// CHECK: scf.for {{.*}} step %c256
// CHECK: math.exp
// CHECK: memref.store {{.*}}, %arg2
// CHECK: arith.addf
// CHECK-COUNT-8: } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
func.func @exp_sum(%a: memref<3x500xf32>, %m: memref<3xf32>, %e: memref<3x500xf32>, %s: memref<3xf32>) {
  linalg.generic {indexing_maps = [#row, #out, #row, #out], iterator_types = ["parallel", "reduction"]} ins(%a, %m : memref<3x500xf32>, memref<3xf32>) outs(%e, %s : memref<3x500xf32>, memref<3xf32>) {
  ^bb0(%x: f32, %max: f32, %o: f32, %acc: f32):
    %d = arith.subf %x, %max : f32
    %v = math.exp %d : f32
    %y = arith.addf %acc, %v : f32
    linalg.yield %v, %y : f32, f32
  }
  return
}

// A whole-tensor maximum: one block of 256 lanes.
// CHECK-LABEL: func.func @all_max
// CHECK: scf.forall ({{.*}}) in (1)
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: arith.maximumf
func.func @all_max(%a: memref<4x1000xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#row, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%a : memref<4x1000xf32>) outs(%s : memref<f32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.maximumf %acc, %x : f32
    linalg.yield %y : f32
  }
  return
}

// Column sums (the reduced dimension is not innermost: one thread per
// column reads coalesced already) and short rows are left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.forall
// CHECK: linalg.generic
// CHECK: linalg.generic
func.func @left_alone(%a: memref<1000x100xf32>, %s: memref<100xf32>, %b: memref<100x20xf32>, %t: memref<100xf32>) {
  linalg.generic {indexing_maps = [affine_map<(j, i) -> (i, j)>, affine_map<(j, i) -> (j)>], iterator_types = ["parallel", "reduction"]} ins(%a : memref<1000x100xf32>) outs(%s : memref<100xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %acc, %x : f32
    linalg.yield %y : f32
  }
  linalg.generic {indexing_maps = [#row, #out], iterator_types = ["parallel", "reduction"]} ins(%b : memref<100x20xf32>) outs(%t : memref<100xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %acc, %x : f32
    linalg.yield %y : f32
  }
  return
}
