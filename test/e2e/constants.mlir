// Embedded constants, an input returned unchanged, and one value returned
// twice (destination passing must copy where needed).
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "a[0] @ np.array([[1, 2], [3, 4], [5, 6]], np.float32)" --numpy "a[0]"
func.func @consts(%x: tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<3xi1>) {
  %w = tl.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %b = tl.constant dense<[true, false, true]> : tensor<3xi1>
  %r = tl.einsum "ij,jk->ik" %x, %w : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  return %r, %x, %r, %b : tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<3xi1>
}
