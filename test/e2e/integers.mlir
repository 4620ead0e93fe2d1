// Integer einsums wrap on overflow as numpy's do (whole-range inputs).
// RUN: %python %S/check.py %s --tlc tlc --work %t --wide-ints --numpy "np.einsum('ij,jk->ik', a[0], a[1])" --numpy "np.einsum('ij->', a[2])" --numpy "np.max(a[0][:, :, None] + a[1][None, :, :], axis=1)"
func.func @ints(%a: tensor<4x5xi32>, %b: tensor<5x3xi32>, %c: tensor<6x7xi64>) -> (tensor<4x3xi32>, tensor<i64>, tensor<4x3xi32>) {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<4x5xi32>, tensor<5x3xi32> -> tensor<4x3xi32>
  %s = tl.einsum "ij->" %c : tensor<6x7xi64> -> tensor<i64>
  %m = tl.einsum "ij,jk->ik" %a, %b {semiring = #tl.semiring<max_plus>} : tensor<4x5xi32>, tensor<5x3xi32> -> tensor<4x3xi32>
  return %r, %s, %m : tensor<4x3xi32>, tensor<i64>, tensor<4x3xi32>
}
