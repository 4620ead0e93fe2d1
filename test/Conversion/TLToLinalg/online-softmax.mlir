// tl-to-linalg{online-softmax}: softmax and logsumexp keep a running max m
// and a sum s relative to it, updated with one exp per element. A reduced
// innermost dimension of at least 32 is split into 16 lanes, each with its
// own (m, s), so that the update vectorizes; a tail of n % 16 elements
// updates the first lanes, and the lanes are combined at the end.
// RUN: tlc-opt %s -split-input-file --tl-to-linalg=online-softmax -mlir-print-local-scope | FileCheck %s

// 37 = 2 chunks of 16 lanes + a tail of 5.
// CHECK-LABEL: func.func @rows
// CHECK-SAME:    (%[[X:.*]]: tensor<3x37xf32>
// CHECK:         %[[LOWEST:.*]] = arith.constant -3.40282347E+38 : f32
// CHECK:         %[[M0:.*]] = linalg.fill ins(%[[LOWEST]] : f32) outs(%{{.*}} : tensor<3x16xf32>)
// CHECK:         %[[S0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x16xf32>)
// CHECK:         %[[MAIN:.*]] = tensor.extract_slice %[[X]][0, 0] [3, 32] [1, 1]
// CHECK:         %[[SPLIT:.*]] = tensor.expand_shape %[[MAIN]] {{\[\[}}0], [1, 2]] output_shape [3, 2, 16]
// CHECK:         %[[ST:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>]
// CHECK-SAME:      iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[SPLIT]] : tensor<3x2x16xf32>) outs(%[[M0]], %[[S0]] : tensor<3x16xf32>, tensor<3x16xf32>)
// CHECK-NEXT:    ^bb0(%[[XV:.*]]: f32, %[[M:.*]]: f32, %[[S:.*]]: f32):
// CHECK-NEXT:      %[[GT:.*]] = arith.cmpf ogt, %[[XV]], %[[M]] : f32
// CHECK-NEXT:      %[[HI:.*]] = arith.maximumf %[[M]], %[[XV]] : f32
// CHECK-NEXT:      %[[LO:.*]] = arith.select %[[GT]], %[[M]], %[[XV]] : f32
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[LO]], %[[HI]] : f32
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[D]] : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[SE:.*]] = arith.mulf %[[S]], %[[E]] : f32
// CHECK-NEXT:      %[[GROWN:.*]] = arith.addf %[[SE]], %[[ONE]] : f32
// CHECK-NEXT:      %[[ADDED:.*]] = arith.addf %[[S]], %[[E]] : f32
// CHECK-NEXT:      %[[NEXT:.*]] = arith.select %[[GT]], %[[GROWN]], %[[ADDED]] : f32
// CHECK-NEXT:      linalg.yield %[[HI]], %[[NEXT]] : f32, f32
// The tail: elements 32..36 update lanes 0..4.
// CHECK-DAG:     %[[ST_S:.*]] = tensor.extract_slice %[[ST]]#1[0, 0] [3, 5] [1, 1]
// CHECK-DAG:     %[[ST_M:.*]] = tensor.extract_slice %[[ST]]#0[0, 0] [3, 5] [1, 1]
// CHECK-DAG:     %[[TAIL:.*]] = tensor.extract_slice %[[X]][0, 32] [3, 5] [1, 1]
// CHECK:         %[[T:.*]]:2 = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[TAIL]] : tensor<3x5xf32>) outs(%[[ST_M]], %[[ST_S]] : tensor<3x5xf32>, tensor<3x5xf32>)
// CHECK:         %[[LM:.*]] = tensor.insert_slice %[[T]]#0 into %[[ST]]#0[0, 0] [3, 5] [1, 1]
// CHECK:         %[[LS:.*]] = tensor.insert_slice %[[T]]#1 into %[[ST]]#1[0, 0] [3, 5] [1, 1]
// Lanes combined: M = max over lanes, S = sum of s_l * exp(m_l - M).
// CHECK:         %[[MAX:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[LM]] : tensor<3x16xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[SUM:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[LM]], %[[LS]], %[[MAX]] : tensor<3x16xf32>, tensor<3x16xf32>, tensor<3xf32>)
// CHECK:           arith.subf
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.mulf
// CHECK-NEXT:      arith.addf
// m* = M or 0 where M is not finite; S, or exp(M) where M is not finite.
// CHECK:         %[[MSTAR:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[MAX]] : tensor<3xf32>)
// CHECK:           arith.select
// CHECK:         %[[TOTAL:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[MAX]], %[[SUM]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           %[[FIN:.*]] = arith.cmpf olt
// CHECK-NEXT:      %[[EM:.*]] = math.exp
// CHECK-NEXT:      arith.select %[[FIN]], %{{.*}}, %[[EM]]
// Then the second pass: exp(x - m*) * (1 / S).
// CHECK:         %[[INV:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[TOTAL]] : tensor<3xf32>)
// CHECK:           arith.divf
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[MSTAR]], %[[INV]] : tensor<3x37xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK:           arith.subf
// CHECK-NEXT:      math.exp
// CHECK-NEXT:      arith.mulf
// CHECK:         return %[[R]]
func.func @rows(%x: tensor<3x37xf32>) -> tensor<3x37xf32> {
  %0 = tl.softmax %x axis 1 : tensor<3x37xf32> -> tensor<3x37xf32>
  return %0 : tensor<3x37xf32>
}

// -----

// A short row (fewer than 32) or a non-innermost axis: one running state per
// kept index, no lanes; logsumexp is m* + log(S).
// CHECK-LABEL: func.func @columns
// CHECK-NOT:     tensor.expand_shape
// CHECK:         %[[ST:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:           math.exp
// CHECK:           linalg.yield
// CHECK:         %[[MSTAR:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[ST]]#0 : tensor<64xf64>)
// CHECK:         %[[TOTAL:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[ST]]#0, %[[ST]]#1 : tensor<64xf64>, tensor<64xf64>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[TOTAL]], %[[MSTAR]] : tensor<64xf64>, tensor<64xf64>)
// CHECK:           %[[LOG:.*]] = math.log
// CHECK-NEXT:      arith.addf %{{.*}}, %[[LOG]]
// CHECK:         return %[[R]]
func.func @columns(%x: tensor<40x64xf64>) -> tensor<64xf64> {
  %0 = tl.reduce logsumexp %x axes [0] : tensor<40x64xf64> -> tensor<64xf64>
  return %0 : tensor<64xf64>
}
