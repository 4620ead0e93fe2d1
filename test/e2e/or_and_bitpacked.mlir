// The Boolean product on bit-packed rows (relations at least 64 wide):
// z = 130 is two full words and a padded one, z = 64 exactly one; sparse
// and dense inputs. Compiled code against the reference interpreter and
// numpy (bool einsum is OR of AND).
// RUN: %python %S/check.py %s --tlc tlc --work %t/sparse --density 0.05 --numpy "np.einsum('xy,yz->xz', a[0], a[1])" --numpy "np.einsum('xy,yz->xz', a[2], a[3])"
// RUN: %python %S/check.py %s --tlc tlc --work %t/dense --density 0.5 --numpy "np.einsum('xy,yz->xz', a[0], a[1])" --numpy "np.einsum('xy,yz->xz', a[2], a[3])"
func.func @bits(%a: tensor<70x50xi1>, %b: tensor<50x130xi1>, %c: tensor<3x9xi1>, %d: tensor<9x64xi1>) -> (tensor<70x130xi1>, tensor<3x64xi1>) {
  %p = tl.einsum "xy,yz->xz" %a, %b {semiring = #tl.semiring<or_and>} : tensor<70x50xi1>, tensor<50x130xi1> -> tensor<70x130xi1>
  %q = tl.einsum "xy,yz->xz" %c, %d {semiring = #tl.semiring<or_and>} : tensor<3x9xi1>, tensor<9x64xi1> -> tensor<3x64xi1>
  return %p, %q : tensor<70x130xi1>, tensor<3x64xi1>
}
