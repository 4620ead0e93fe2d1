// A letter repeated within one operand (a diagonal) needs equal sizes in
// every position, as numpy requires; size-1 broadcasting applies only
// across operands.
// RUN: tlc-opt %s -split-input-file -verify-diagnostics

func.func @diagonal_size_one_then_three(%a: tensor<1x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{operand #0 repeats index 'i' on dimensions of different sizes (1 and 3)}}
  %r = tl.einsum "ii->i" %a : tensor<1x3xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @diagonal_three_then_one(%a: tensor<3x1x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{operand #0 repeats index 'i' on dimensions of different sizes (3 and 1)}}
  %r = tl.einsum "iij->ij" %a : tensor<3x1x2xf32> -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// -----

// Size-1 broadcasting across operands stays legal (numpy accepts it).
func.func @across_operands_ok(%a: tensor<1x3xf32>, %b: tensor<3x3xf32>) -> tensor<3xf32> {
  %r = tl.einsum "ij,ji->i" %a, %b : tensor<1x3xf32>, tensor<3x3xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}
