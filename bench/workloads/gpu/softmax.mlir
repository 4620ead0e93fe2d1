// Softmax over the rows of 8192x8192 f32 (bench/bench_gpu.sh).
func.func @w(%x: tensor<8192x8192xf32>) -> tensor<8192x8192xf32> {
  %y = tl.softmax %x axis 1 : tensor<8192x8192xf32> -> tensor<8192x8192xf32>
  return %y : tensor<8192x8192xf32>
}
