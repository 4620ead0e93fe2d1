// Recursion: all-pairs shortest paths by Bellman-Ford relaxation to the
// fixpoint, D = min(D, D (min_plus) W), from D = W. W has +inf where the
// random mask has no edge, so unreachable pairs stay +inf (and +inf == +inf
// counts as unchanged). Weights are positive: it converges, status 0.
// RUN: %python %S/check.py %s --tlc tlc --work %t --low 0.5 --high 10 --density 0.07 --trials 3 --numpy "shortest_paths(np.where(a[1], a[0], np.float32(np.inf)))"
func.func @bellman_ford(%w: tensor<24x24xf32> {tl.name = "W"}, %m: tensor<24x24xi1> {tl.name = "Edge"})
    -> (tensor<24x24xf32> {tl.name = "D"}, tensor<i1> {tl.status}) {
  %inf = tl.constant dense<0x7F800000> : tensor<f32>
  %w0 = tl.map "xy,xy,->xy" select %m, %w, %inf : tensor<24x24xi1>, tensor<24x24xf32>, tensor<f32> -> tensor<24x24xf32>
  %d, %ok = tl.fixpoint %w0 {max_iterations = 25 : i64}
      : tensor<24x24xf32> -> tensor<24x24xf32>, tensor<i1> {
  ^bb0(%cur: tensor<24x24xf32>):
    %p = tl.einsum "xy,yz->xz" %cur, %w0 {semiring = #tl.semiring<min_plus>} : tensor<24x24xf32>, tensor<24x24xf32> -> tensor<24x24xf32>
    %n = tl.map "xz,xz->xz" min %cur, %p : tensor<24x24xf32>, tensor<24x24xf32> -> tensor<24x24xf32>
    tl.yield %n : tensor<24x24xf32>
  }
  return %d, %ok : tensor<24x24xf32>, tensor<i1>
}
