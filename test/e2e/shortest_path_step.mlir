// One Bellman-Ford relaxation: D'[x,z] = min(D[x,z], min_y D[x,y] + W[y,z]),
// in the min_plus semiring; plus max_plus and max_times on the same inputs.
// RUN: %python %S/check.py %s --tlc tlc --work %t --low 0 --high 10 --numpy "np.minimum(a[0], (a[0][:, :, None] + a[1][None, :, :]).min(axis=1))" --numpy "(a[0][:, :, None] + a[1][None, :, :]).max(axis=1)" --numpy "(a[0][:, :, None] * a[1][None, :, :]).max(axis=1)"
func.func @sp_step(%d: tensor<12x12xf32>, %w: tensor<12x12xf32>) -> (tensor<12x12xf32>, tensor<12x12xf32>, tensor<12x12xf32>) {
  %p = tl.einsum "xy,yz->xz" %d, %w {semiring = #tl.semiring<min_plus>} : tensor<12x12xf32>, tensor<12x12xf32> -> tensor<12x12xf32>
  %n = tl.map "xz,xz->xz" min %d, %p : tensor<12x12xf32>, tensor<12x12xf32> -> tensor<12x12xf32>
  %m = tl.einsum "xy,yz->xz" %d, %w {semiring = #tl.semiring<max_plus>} : tensor<12x12xf32>, tensor<12x12xf32> -> tensor<12x12xf32>
  %t = tl.einsum "xy,yz->xz" %d, %w {semiring = #tl.semiring<max_times>} : tensor<12x12xf32>, tensor<12x12xf32> -> tensor<12x12xf32>
  return %n, %m, %t : tensor<12x12xf32>, tensor<12x12xf32>, tensor<12x12xf32>
}
