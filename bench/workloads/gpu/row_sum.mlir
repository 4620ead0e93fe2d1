// Row sums of 8192x8192 f32 (bench/bench_gpu.sh: a block-level reduction,
// against the card's copy bandwidth).
func.func @w(%x: tensor<8192x8192xf32>) -> tensor<8192xf32> {
  %s = tl.reduce sum %x axes [1] : tensor<8192x8192xf32> -> tensor<8192xf32>
  return %s : tensor<8192xf32>
}
