// Reductions that tl-gpu-tile-reductions runs as block-level reductions: a
// warp per row with 8 rows per block (100 rows), a whole block per row (3
// rows, and a whole-tensor sum), rows of 1000 (not a multiple of 32),
// reductions over the last two axes, max, mean, softmax and logsumexp
// (their fused bodies). Checked with the GPU schedule run on the host, and
// with the CPU pipeline. Sums in a different order: --atol.
// RUN: %python %S/check.py %s --tlc tlc --work %t/host --tlc-arg=--gpu-schedule-on-host --atol 1e-3
// RUN: %python %S/check.py %s --tlc tlc --work %t/cpu --atol 1e-3
func.func @reductions(%a: tensor<100x1000xf32>, %b: tensor<3x1000xf32>, %c: tensor<4x9x70xf32>) -> (tensor<100xf32>, tensor<3xf32>, tensor<4xf32>, tensor<100xf32>, tensor<3xf32>, tensor<f32>, tensor<100x1000xf32>, tensor<100xf32>) {
  %s = tl.reduce sum %a axes [1] : tensor<100x1000xf32> -> tensor<100xf32>
  %t = tl.reduce sum %b axes [1] : tensor<3x1000xf32> -> tensor<3xf32>
  %u = tl.reduce max %c axes [1, 2] : tensor<4x9x70xf32> -> tensor<4xf32>
  %v = tl.reduce mean %a axes [1] : tensor<100x1000xf32> -> tensor<100xf32>
  %w = tl.reduce min %b axes [1] : tensor<3x1000xf32> -> tensor<3xf32>
  %x = tl.reduce sum %b axes [0, 1] : tensor<3x1000xf32> -> tensor<f32>
  %y = tl.softmax %a axis 1 : tensor<100x1000xf32> -> tensor<100x1000xf32>
  %z = tl.reduce logsumexp %a axes [1] : tensor<100x1000xf32> -> tensor<100xf32>
  return %s, %t, %u, %v, %w, %x, %y, %z : tensor<100xf32>, tensor<3xf32>, tensor<4xf32>, tensor<100xf32>, tensor<3xf32>, tensor<f32>, tensor<100x1000xf32>, tensor<100xf32>
}
