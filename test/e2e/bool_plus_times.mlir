// plus_times on i1 is OR of AND, as numpy.einsum computes on bool arrays.
// RUN: %python %S/check.py %s --tlc tlc --work %t --density 0.2 --numpy "np.einsum('ij,jk->ik', a[0], a[1])" --numpy "np.einsum('ij->j', a[0])"
func.func @bools(%a: tensor<6x9xi1>, %b: tensor<9x4xi1>) -> (tensor<6x4xi1>, tensor<9xi1>) {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<6x9xi1>, tensor<9x4xi1> -> tensor<6x4xi1>
  %s = tl.einsum "ij->j" %a : tensor<6x9xi1> -> tensor<9xi1>
  return %r, %s : tensor<6x4xi1>, tensor<9xi1>
}
