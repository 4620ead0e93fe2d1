// Prefixes are made C identifiers too.
// RUN: tlc-opt %s --tl-c-abi=prefix=3d-net | FileCheck %s
// RUN: tlc-opt %s --tl-c-abi=prefix=a.b | FileCheck %s --check-prefix=DOT

// CHECK-DAG: func.func @_3d_net_f_run(
// CHECK-DAG: func.func @_3d_net_f_workspace_size()
// CHECK-DAG: func.func @_3d_net_g_2_run(
// CHECK-DAG: func.func @_3d_net_g_2_workspace_size()
// DOT-DAG:   func.func @a_b_f_run(
// DOT-DAG:   func.func @a_b_g_2_run(
func.func @f(%out: memref<4xf32>) {
  return
}
func.func @"g-2"(%out: memref<4xf32>) {
  return
}
