// Fixpoints whose states alias each other, the inputs or the results, to
// check that bufferizing the loops (one-shot, allow-return-allocs-from-loops)
// keeps every value intact: states that swap each iteration, a state that
// yields an input or itself, two states from one initial value, a fixpoint
// fed by another, a result returned twice, and the flag returned both as an
// output and as the status.
// RUN: %python %S/check.py %s --tlc tlc --work %t --trials 2 \
// RUN:   --numpy "a[1]" --numpy "a[0]" --numpy "a[0]" --numpy "a[1]" --numpy "a[1]" --numpy "np.array(True)"
func.func @aliasing(%a: tensor<5xf32>, %b: tensor<5xf32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i1>, tensor<i1> {tl.status}) {
  // Swap: (x, y) -> (y, x) never settles (unless a == b); after 3
  // iterations x = b, y = a.
  %s:2, %sok = tl.fixpoint %a, %b {max_iterations = 3 : i64}
      : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>, tensor<5xf32>, tensor<i1> {
  ^bb0(%x: tensor<5xf32>, %y: tensor<5xf32>):
    tl.yield %y, %x : tensor<5xf32>, tensor<5xf32>
  }
  // Two states from one value: u yields itself, v yields the input b.
  %t:2, %tok = tl.fixpoint %a, %a {max_iterations = 4 : i64}
      : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>, tensor<5xf32>, tensor<i1> {
  ^bb0(%u: tensor<5xf32>, %v: tensor<5xf32>):
    tl.yield %u, %b : tensor<5xf32>, tensor<5xf32>
  }
  // Fed by the swap's result: w -> max(w, s#0) settles at once (= b).
  %w, %wok = tl.fixpoint %s#0 {max_iterations = 2 : i64}
      : tensor<5xf32> -> tensor<5xf32>, tensor<i1> {
  ^bb0(%c: tensor<5xf32>):
    %m = tl.map "i,i->i" max %c, %s#0 : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
    tl.yield %m : tensor<5xf32>
  }
  %ok = tl.map ",->" and %tok, %wok : tensor<i1>, tensor<i1> -> tensor<i1>
  return %s#0, %s#1, %t#0, %t#1, %w, %ok, %ok
      : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i1>, tensor<i1>
}
