// Zero-size dimensions: an empty contraction gives the semiring's zero.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('ij,jk->ik', a[0], a[1])" --numpy "np.einsum('ij,jk->ki', a[0], a[1])"
func.func @empty(%a: tensor<3x0xf32>, %b: tensor<0x4xf32>) -> (tensor<3x4xf32>, tensor<4x3xf32>) {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<3x0xf32>, tensor<0x4xf32> -> tensor<3x4xf32>
  %s = tl.einsum "ij,jk->ki" %a, %b : tensor<3x0xf32>, tensor<0x4xf32> -> tensor<4x3xf32>
  return %r, %s : tensor<3x4xf32>, tensor<4x3xf32>
}
