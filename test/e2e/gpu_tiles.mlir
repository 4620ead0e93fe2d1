// Contractions that tl-gpu-tile-contractions tiles for the GPU (64 x 64
// result tiles, K in steps of 16): sizes that leave partial tiles in m, n
// and k (130 x 100 results, K = 70 = 4 x 16 + 6), a transposed operand, a
// transposed result, and another semiring. Checked with the GPU schedule run
// on the host, and with the CPU pipeline.
// RUN: %python %S/check.py %s --tlc tlc --work %t/host --tlc-arg=--gpu-schedule-on-host
// RUN: %python %S/check.py %s --tlc tlc --work %t/cpu
func.func @tiles(%a: tensor<130x70xf32>, %b: tensor<70x100xf32>, %bt: tensor<100x70xf32>) -> (tensor<130x100xf32>, tensor<130x100xf32>, tensor<100x130xf32>, tensor<130x100xf32>) {
  %r = tl.einsum "ik,kj->ij" %a, %b : tensor<130x70xf32>, tensor<70x100xf32> -> tensor<130x100xf32>
  %s = tl.einsum "ik,jk->ij" %a, %bt : tensor<130x70xf32>, tensor<100x70xf32> -> tensor<130x100xf32>
  %t = tl.einsum "ik,kj->ji" %a, %b : tensor<130x70xf32>, tensor<70x100xf32> -> tensor<100x130xf32>
  %u = tl.einsum "ik,kj->ij" %a, %b {semiring = #tl.semiring<min_plus>} : tensor<130x70xf32>, tensor<70x100xf32> -> tensor<130x100xf32>
  return %r, %s, %t, %u : tensor<130x100xf32>, tensor<130x100xf32>, tensor<100x130xf32>, tensor<130x100xf32>
}
