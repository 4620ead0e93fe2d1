// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-scale-after-contraction))' --split-input-file | FileCheck %s

#e = affine_map<(d0, d1) -> (d0, d1)>
#r = affine_map<(d0, d1) -> (d0)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// Softmax's normalization (rows of E times r, E as the init, as
// tl-to-linalg writes it) before P V: the product reads E, and its
// 4x16 result is scaled by r.
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @normalized_rows
// CHECK-SAME:    (%[[E:.*]]: tensor<4x8xf32>, %[[R:.*]]: tensor<4xf32>, %[[V:.*]]: tensor<8x16xf32>)
// CHECK:         %[[ZERO:.*]] = linalg.fill
// CHECK:         %[[PV:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[V]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[ZERO]] : tensor<4x16xf32>)
// CHECK:         %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[R]] : tensor<4xf32>) outs(%[[PV]] : tensor<4x16xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      arith.mulf %[[ACC]], %[[IN]]
// CHECK:         return %[[OUT]]
func.func @normalized_rows(%e: tensor<4x8xf32>, %r: tensor<4xf32>, %v: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %p = linalg.generic {indexing_maps = [#r, #e], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<4xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x16xf32>) -> tensor<4x16xf32>
  %pv = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%p, %v : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %pv : tensor<4x16xf32>
}

// -----

#e = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#r = affine_map<(d0, d1) -> (d0)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// Left alone: a factor along the contracted dimension; a scale read by
// another op too; an accumulator that does not start at zero; a max-plus
// contraction.
// CHECK-LABEL: func.func @kept
// CHECK:         %[[K:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[K]], %{{.*}} :
// CHECK:         %[[SHARED:.*]] = linalg.generic
// CHECK:         linalg.generic {{.*}} ins(%[[SHARED]], %{{.*}} :
// CHECK:         %[[S1:.*]] = linalg.generic
// CHECK:         linalg.generic {{.*}} ins(%[[S1]], %{{.*}} :
// CHECK:         %[[S2:.*]] = linalg.generic
// CHECK:         linalg.generic {{.*}} ins(%[[S2]], %{{.*}} :
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      arith.maximumf
// CHECK-NEXT:      linalg.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @kept(%e: tensor<4x8xf32>, %r: tensor<4xf32>, %k: tensor<8xf32>, %v: tensor<8x16xf32>, %init: tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x8xf32>, tensor<4x16xf32>, tensor<4x16xf32>) {
  %alongK = linalg.generic {indexing_maps = [#col, #e], iterator_types = ["parallel", "parallel"]} ins(%k : tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x16xf32>) -> tensor<4x16xf32>
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%alongK, %v : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %shared = linalg.generic {indexing_maps = [#r, #e], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<4xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %1 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%shared, %v : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %scaled = linalg.generic {indexing_maps = [#r, #e], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<4xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %2 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%scaled, %v : tensor<4x8xf32>, tensor<8x16xf32>) outs(%init : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  %scaled2 = linalg.generic {indexing_maps = [#r, #e], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<4xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %out, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  %3 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%scaled2, %v : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %o, %s : f32
    linalg.yield %m : f32
  } -> tensor<4x16xf32>
  return %0, %1, %shared, %2, %3 : tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x8xf32>, tensor<4x16xf32>, tensor<4x16xf32>
}
