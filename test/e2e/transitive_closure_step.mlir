// One step of transitive closure: R' = R or (R . E) in the or_and semiring;
// numpy computes bool einsum as OR of AND.
// RUN: %python %S/check.py %s --tlc tlc --work %t --density 0.1 --numpy "np.einsum('xy,yz->xz', a[0], a[1])" --numpy "a[0] | np.einsum('xy,yz->xz', a[0], a[1])"
func.func @tc_step(%r: tensor<33x33xi1>, %e: tensor<33x33xi1>) -> (tensor<33x33xi1>, tensor<33x33xi1>) {
  %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>} : tensor<33x33xi1>, tensor<33x33xi1> -> tensor<33x33xi1>
  %n = tl.map "xz,xz->xz" or %r, %p : tensor<33x33xi1>, tensor<33x33xi1> -> tensor<33x33xi1>
  return %p, %n : tensor<33x33xi1>, tensor<33x33xi1>
}
