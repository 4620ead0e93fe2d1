// The generated C header: prototypes, macros and metadata tables; it
// compiles as C and C++ without warnings.
// RUN: rm -rf %t && mkdir -p %t && tlc %s -o %t/net.o
// RUN: FileCheck %s < %t/net.h
// RUN: cc -fsyntax-only -Wall -Wextra -Werror -x c %t/net.h
// RUN: c++ -fsyntax-only -Wall -Wextra -Werror -x c++ %t/net.h

// CHECK: #ifndef TLC_NET_H
// CHECK: typedef struct tlc_tensor_info {
// CHECK: /* Entry point 'layer': X : f32[2, 3], W : f64[3, 4], in2 : i32[], M : i1[2, 4] -> Y : f64[2, 4], out1 : i1[2, 4], C : i64[0, 5] */
// CHECK: #define NET_NUM_INPUTS 4
// CHECK: #define NET_NUM_OUTPUTS 3
// CHECK: #define NET_IN0_NAME "X"
// CHECK: #define NET_IN0_DTYPE TLC_DTYPE_F32
// CHECK: #define NET_IN0_RANK 2
// CHECK: #define NET_IN0_SHAPE {2, 3}
// CHECK: #define NET_IN0_NUMEL 6
// CHECK: #define NET_IN2_RANK 0
// CHECK: #define NET_IN3_DTYPE TLC_DTYPE_BOOL
// CHECK: #define NET_OUT2_NUMEL 0
// CHECK: size_t net_workspace_size(void);
// CHECK: int32_t net_run(const float *X, const double *W, const int32_t *in2, const uint8_t *M, double *Y, uint8_t *out1, int64_t *C, void *workspace);
// CHECK: int32_t net_run_packed(void **args);
// CHECK: static const tlc_tensor_info net_inputs[] TLC_UNUSED = {
// CHECK-NEXT: {"X", TLC_DTYPE_F32, "f32", 2, net_in0_shape, 6, 24},
// CHECK-NEXT: {"W", TLC_DTYPE_F64, "f64", 2, net_in1_shape, 12, 96},
// CHECK-NEXT: {"in2", TLC_DTYPE_I32, "i32", 0, net_in2_shape, 1, 4},
// CHECK-NEXT: {"M", TLC_DTYPE_BOOL, "i1", 2, net_in3_shape, 8, 8},
// CHECK: static const tlc_tensor_info net_outputs[] TLC_UNUSED = {
// CHECK-NEXT: {"Y", TLC_DTYPE_F64, "f64", 2, net_out0_shape, 8, 64},
// CHECK-NEXT: {"out1", TLC_DTYPE_BOOL, "i1", 2, net_out1_shape, 8, 8},
// CHECK-NEXT: {"C", TLC_DTYPE_I64, "i64", 2, net_out2_shape, 0, 0},
// CHECK: #endif /* TLC_NET_H */

func.func @layer(%x: tensor<2x3xf32> {tl.name = "X"}, %w: tensor<3x4xf64> {tl.name = "W"},
                 %s: tensor<i32>, %m: tensor<2x4xi1> {tl.name = "M"})
    -> (tensor<2x4xf64> {tl.name = "Y"}, tensor<2x4xi1>, tensor<0x5xi64> {tl.name = "C"}) {
  %xd = tl.map "ij->ij" cast %x : tensor<2x3xf32> -> tensor<2x3xf64>
  %y = tl.einsum "ij,jk->ik" %xd, %w : tensor<2x3xf64>, tensor<3x4xf64> -> tensor<2x4xf64>
  %n = tl.map "ij->ij" not %m : tensor<2x4xi1> -> tensor<2x4xi1>
  %c = tl.constant dense<0> : tensor<0x5xi64>
  return %y, %n, %c : tensor<2x4xf64>, tensor<2x4xi1>, tensor<0x5xi64>
}
