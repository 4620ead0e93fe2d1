// Ellipsis broadcasting with different ranks and size-1 dimensions.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('...ij,...jk->...ik', a[0], a[1])" --numpy "np.einsum('...ij,...jk', a[0], a[1])" --numpy "np.einsum('i,i->i', a[2], a[3])"
func.func @ell(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x2xf32>, %c: tensor<1xf32>, %d: tensor<6xf32>) -> (tensor<2x5x3x2xf32>, tensor<2x5x3x2xf32>, tensor<6xf32>) {
  %r = tl.einsum "...ij,...jk->...ik" %a, %b : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
  %s = tl.einsum "...ij,...jk" %a, %b : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
  %t = tl.einsum "i,i->i" %c, %d : tensor<1xf32>, tensor<6xf32> -> tensor<6xf32>
  return %r, %s, %t : tensor<2x5x3x2xf32>, tensor<2x5x3x2xf32>, tensor<6xf32>
}
