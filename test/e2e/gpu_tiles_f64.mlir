// f64 contractions tiled for the GPU (32 x 32 result tiles, so the three
// shared-memory tiles fit in 48 KiB): two batch dimensions (the grid's z),
// partial tiles in m and n, K = 33 = 2 x 16 + 1, and max_plus. Checked with
// the GPU schedule run on the host, and with the CPU pipeline.
// RUN: %python %S/check.py %s --tlc tlc --work %t/host --tlc-arg=--gpu-schedule-on-host
// RUN: %python %S/check.py %s --tlc tlc --work %t/cpu
func.func @tiles64(%a: tensor<2x3x40x33xf64>, %b: tensor<2x3x33x45xf64>) -> (tensor<2x3x40x45xf64>, tensor<2x3x40x45xf64>) {
  %r = tl.einsum "bhik,bhkj->bhij" %a, %b : tensor<2x3x40x33xf64>, tensor<2x3x33x45xf64> -> tensor<2x3x40x45xf64>
  %s = tl.einsum "bhik,bhkj->bhij" %a, %b {semiring = #tl.semiring<max_plus>} : tensor<2x3x40x33xf64>, tensor<2x3x33x45xf64> -> tensor<2x3x40x45xf64>
  return %r, %s : tensor<2x3x40x45xf64>, tensor<2x3x40x45xf64>
}
