// tl-profile: every kernel (a fused group, a fixpoint, another op outside
// them; not constants) is bracketed by
// calls to libtlrt's hooks with the address of its tlrt_op_info: id (its
// position in the function), name, FILE:LINE:COL, flops and bytes of one
// call (as tl-graph-stats counts them), and a slot for the runtime.
// RUN: tlc-opt %s -split-input-file --tl-profile | FileCheck %s

// CHECK-DAG: func.func private @tlrt_profile_begin(!llvm.ptr)
// CHECK-DAG: func.func private @tlrt_profile_end(!llvm.ptr)
// CHECK-DAG: llvm.mlir.global internal constant @__tlrt_op_f_0_name("fused: einsum ij,jk->ik + map relu\00")
// CHECK-DAG: llvm.mlir.global internal constant @__tlrt_op_f_0_loc("profile.mlir:[[#@LINE+28]]:8\00")
// The fused group: 4*3*8 points, 2 flops each, plus 12 for relu; it reads
// x and w (128 + 96 bytes) and writes y (48).
// CHECK-LABEL: llvm.mlir.global internal @__tlrt_op_f_0()
// CHECK-SAME:    !llvm.struct<(i64, ptr, ptr, f64, f64, i64)>
// CHECK:         llvm.mlir.constant(0 : i64)
// CHECK:         llvm.mlir.addressof @__tlrt_op_f_0_name
// CHECK:         llvm.mlir.addressof @__tlrt_op_f_0_loc
// CHECK:         llvm.mlir.constant(2.040000e+02 : f64)
// CHECK:         llvm.mlir.constant(2.720000e+02 : f64)
// CHECK:       llvm.mlir.global internal constant @__tlrt_op_f_1_name("reduce max\00")
// CHECK-LABEL: func.func @f
// CHECK-NEXT:    %[[C:.*]] = tl.constant
// CHECK-NEXT:    %[[I0:.*]] = llvm.mlir.addressof @__tlrt_op_f_0 : !llvm.ptr
// CHECK-NEXT:    call @tlrt_profile_begin(%[[I0]])
// CHECK-NEXT:    %[[Y:.*]] = tl.fused
// CHECK-NOT:       call
// CHECK:         }
// CHECK-NEXT:    %[[E0:.*]] = llvm.mlir.addressof @__tlrt_op_f_0 : !llvm.ptr
// CHECK-NEXT:    call @tlrt_profile_end(%[[E0]])
// CHECK-NEXT:    %[[I1:.*]] = llvm.mlir.addressof @__tlrt_op_f_1 : !llvm.ptr
// CHECK-NEXT:    call @tlrt_profile_begin(%[[I1]])
// CHECK-NEXT:    tl.reduce max
// CHECK-NEXT:    %[[E1:.*]] = llvm.mlir.addressof @__tlrt_op_f_1 : !llvm.ptr
// CHECK-NEXT:    call @tlrt_profile_end(%[[E1]])
// CHECK-NEXT:    return
func.func @f(%x: tensor<4x8xf32>, %w: tensor<8x3xf32>) -> (tensor<4x3xf32>, tensor<4xf32>) {
  %c = tl.constant dense<2.0> : tensor<3xf32>
  %y = tl.fused %x, %w : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32> {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>):
    %p = tl.einsum "ij,jk->ik" %a, %b : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32>
    %r = tl.map "ik->ik" relu %p : tensor<4x3xf32> -> tensor<4x3xf32>
    tl.yield %r : tensor<4x3xf32>
  }
  %m = tl.reduce max %y axes [1] : tensor<4x3xf32> -> tensor<4xf32>
  return %y, %m : tensor<4x3xf32>, tensor<4xf32>
}

// -----

// A fixpoint is one kernel, named after its body (whose ops may only be tl
// ops); its flops are not counted (the iterations are not known), its bytes
// are its states' and results'.
// CHECK-DAG: @__tlrt_op_g_0_name("fixpoint: einsum xy,yz->xz or_and + map or\00")
// CHECK-LABEL: func.func @g
// CHECK:         call @tlrt_profile_begin
// CHECK-NEXT:    tl.fixpoint
// CHECK-NOT:       call
// CHECK:         tl.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    llvm.mlir.addressof @__tlrt_op_g_0
// CHECK-NEXT:    call @tlrt_profile_end
func.func @g(%e: tensor<8x8xi1>) -> tensor<8x8xi1> {
  %r, %ok = tl.fixpoint %e {max_iterations = 4 : i64} : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
  ^bb0(%rc: tensor<8x8xi1>):
    %p = tl.einsum "xy,yz->xz" %rc, %e {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    %rn = tl.map "xz,xz->xz" or %rc, %p : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    tl.yield %rn : tensor<8x8xi1>
  }
  return %r : tensor<8x8xi1>
}
