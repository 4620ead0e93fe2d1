// Recursion: the transitive closure of a random 40-node graph, R = E | R.E
// iterated to its fixpoint (or_and einsum, or map). A path has at most 39
// edges, so 41 iterations always converge: the status must be 0.
// RUN: %python %S/check.py %s --tlc tlc --work %t --density 0.04 --trials 3 --numpy "closure(a[0])"
func.func @closure(%e: tensor<40x40xi1> {tl.name = "E"})
    -> (tensor<40x40xi1> {tl.name = "TC"}, tensor<i1> {tl.status}) {
  %tc, %ok = tl.fixpoint %e {max_iterations = 41 : i64}
      : tensor<40x40xi1> -> tensor<40x40xi1>, tensor<i1> {
  ^bb0(%r: tensor<40x40xi1>):
    %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>} : tensor<40x40xi1>, tensor<40x40xi1> -> tensor<40x40xi1>
    %n = tl.map "xz,xz->xz" or %r, %p : tensor<40x40xi1>, tensor<40x40xi1> -> tensor<40x40xi1>
    tl.yield %n : tensor<40x40xi1>
  }
  return %tc, %ok : tensor<40x40xi1>, tensor<i1>
}
