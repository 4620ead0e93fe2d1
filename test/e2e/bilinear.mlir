// Three-operand contraction to a vector.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('bi,ij,bj->b', a[0], a[1], a[2])"
func.func @bilinear(%x: tensor<6x8xf32>, %w: tensor<8x9xf32>, %y: tensor<6x9xf32>) -> tensor<6xf32> {
  %r = tl.einsum "bi,ij,bj->b" %x, %w, %y : tensor<6x8xf32>, tensor<8x9xf32>, tensor<6x9xf32> -> tensor<6xf32>
  return %r : tensor<6xf32>
}
