// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('bij,bjk->bik', a[0], a[1])"
func.func @bmm(%a: tensor<3x4x6xf64>, %b: tensor<3x6x5xf64>) -> tensor<3x4x5xf64> {
  %r = tl.einsum "bij,bjk->bik" %a, %b : tensor<3x4x6xf64>, tensor<3x6x5xf64> -> tensor<3x4x5xf64>
  return %r : tensor<3x4x5xf64>
}
