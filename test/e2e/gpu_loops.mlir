// Shapes that tl-gpu-parallel-loops reshapes for the GPU: a 4-D map (outer
// dimensions collapsed into one, 8 x 32 tiles), a reduction over the middle
// axis of a 3-D tensor, and a map too tall for the grid's y (flattened to one
// dimension). Checked with the GPU schedule run on the host, and with the CPU
// pipeline.
// RUN: %python %S/check.py %s --tlc tlc --work %t/host --tlc-arg=--gpu-schedule-on-host --trials 1
// RUN: %python %S/check.py %s --tlc tlc --work %t/cpu --trials 1
func.func @loops(%a: tensor<2x3x5x37xf32>, %b: tensor<2x3x5x37xf32>, %t: tensor<530000x1xf32>) -> (tensor<2x3x5x37xf32>, tensor<2x5x37xf32>, tensor<530000x1xf32>) {
  %s = tl.map "bhij,bhij->bhij" add %a, %b : tensor<2x3x5x37xf32>, tensor<2x3x5x37xf32> -> tensor<2x3x5x37xf32>
  %r = tl.map "bhij->bhij" relu %s : tensor<2x3x5x37xf32> -> tensor<2x3x5x37xf32>
  %m = tl.reduce sum %r axes [1] : tensor<2x3x5x37xf32> -> tensor<2x5x37xf32>
  %u = tl.map "ij->ij" sigmoid %t : tensor<530000x1xf32> -> tensor<530000x1xf32>
  return %r, %m, %u : tensor<2x3x5x37xf32>, tensor<2x5x37xf32>, tensor<530000x1xf32>
}
