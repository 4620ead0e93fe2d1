// A scalar attribute on integer operands must be exactly representable in
// the element type (it becomes a constant of that type).
// RUN: tlc-opt %s -split-input-file -verify-diagnostics

func.func @fractional_scalar_on_int(%n: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{scalar 5.000000e-01 is not representable in 'i32'}}
  %r = tl.map "i->i" add %n {scalar = 0.5 : f64} : tensor<4xi32> -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @out_of_range_scalar_on_int(%n: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{scalar 1.000000e+10 is not representable in 'i32'}}
  %r = tl.map "i->i" lt %n {scalar = 1.0e10 : f64} : tensor<4xi32> -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

// Integral scalars stay legal.
func.func @integral_scalar_ok(%n: tensor<4xi64>) -> tensor<4xi64> {
  %r = tl.map "i->i" mul %n {scalar = -3.0 : f64} : tensor<4xi64> -> tensor<4xi64>
  return %r : tensor<4xi64>
}
