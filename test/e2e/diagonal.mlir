// Repeated letters inside one operand.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('iij->j', a[0])" --numpy "np.einsum('iij->ji', a[0])"
func.func @diag(%a: tensor<4x4x3xf64>) -> (tensor<3xf64>, tensor<3x4xf64>) {
  %r = tl.einsum "iij->j" %a : tensor<4x4x3xf64> -> tensor<3xf64>
  %t = tl.einsum "iij->ji" %a {semiring = #tl.semiring<plus_times>} : tensor<4x4x3xf64> -> tensor<3x4xf64>
  return %r, %t : tensor<3xf64>, tensor<3x4xf64>
}
