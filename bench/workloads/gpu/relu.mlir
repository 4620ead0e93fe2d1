// relu over 64M f32 (bench/bench_gpu.sh: against the card's copy bandwidth).
func.func @w(%x: tensor<8192x8192xf32>) -> tensor<8192x8192xf32> {
  %y = tl.map "ij->ij" relu %x : tensor<8192x8192xf32> -> tensor<8192x8192xf32>
  return %y : tensor<8192x8192xf32>
}
