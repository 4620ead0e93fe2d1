// Outer product, a scalar operand and implicit output with upper case.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('i,j->ij', a[0], a[1])" --numpy "np.einsum(',ij->ij', a[2], np.einsum('i,j->ij', a[0], a[1]))" --numpy "np.einsum('Bi,j', np.einsum('i,j->ij', a[0], a[1]), a[1])"
func.func @outer(%x: tensor<5xf32>, %y: tensor<7xf32>, %s: tensor<f32>) -> (tensor<5x7xf32>, tensor<5x7xf32>, tensor<5x7x7xf32>) {
  %o = tl.einsum "i,j->ij" %x, %y : tensor<5xf32>, tensor<7xf32> -> tensor<5x7xf32>
  %s2 = tl.einsum ",ij->ij" %s, %o : tensor<f32>, tensor<5x7xf32> -> tensor<5x7xf32>
  %i = tl.einsum "Bi,j" %o, %y : tensor<5x7xf32>, tensor<7xf32> -> tensor<5x7x7xf32>
  return %o, %s2, %i : tensor<5x7xf32>, tensor<5x7xf32>, tensor<5x7x7xf32>
}
