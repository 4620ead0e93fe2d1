// Plain matmul, compiled and linked into the C driver, against the reference
// interpreter; the reference itself is checked against numpy.einsum.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('ij,jk->ik', a[0], a[1])"
func.func @matmul(%a: tensor<7x13xf32>, %b: tensor<13x5xf32>) -> tensor<7x5xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<7x13xf32>, tensor<13x5xf32> -> tensor<7x5xf32>
  return %r : tensor<7x5xf32>
}
