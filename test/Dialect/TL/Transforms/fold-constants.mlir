// RUN: tlc-opt %s --tl-fold-constants --split-input-file | FileCheck %s
// RUN: tlc-opt %s --tl-fold-constants=max-elements=2 --split-input-file | FileCheck %s --check-prefix=SMALL

// Maps, einsums, reductions and softmax on constants become constants,
// computed by the reference interpreter.
// CHECK-LABEL: func.func @fold
// CHECK-DAG: tl.constant dense<[3.000000e+00, 5.000000e+00, 7.000000e+00]> : tensor<3xf32>
// CHECK-DAG: tl.constant dense<1.400000e+01> : tensor<f32>
// CHECK-DAG: tl.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-NOT: tl.map
// CHECK-NOT: tl.einsum
// CHECK-NOT: tl.reduce
// SMALL-LABEL: func.func @fold
// SMALL: tl.map "i,i->i" add
func.func @fold() -> (tensor<3xf32>, tensor<f32>, tensor<3xi1>) {
  %a = tl.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = tl.constant dense<[2.0, 3.0, 4.0]> : tensor<3xf32>
  %s = tl.map "i,i->i" add %a, %b : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
  %d = tl.einsum "i,i->" %a, %a : tensor<3xf32>, tensor<3xf32> -> tensor<f32>
  %g = tl.map "i->i" gt %a {scalar = 1.5 : f64} : tensor<3xf32> -> tensor<3xi1>
  %n = tl.map "i->i" not %g : tensor<3xi1> -> tensor<3xi1>
  %m = tl.reduce max %s axes [0] : tensor<3xf32> -> tensor<f32>
  %p = tl.map "i->i" not %n : tensor<3xi1> -> tensor<3xi1>
  return %s, %d, %p : tensor<3xf32>, tensor<f32>, tensor<3xi1>
}

// -----

// An op with a non-constant operand stays.
// CHECK-LABEL: func.func @keep
// CHECK: tl.map "i,i->i" mul
func.func @keep(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = tl.constant dense<2.0> : tensor<3xf32>
  %r = tl.map "i,i->i" mul %a, %x : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}
