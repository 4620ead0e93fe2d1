// a*b+c over 64M f32 (bench/bench_gpu.sh: against the card's copy bandwidth).
func.func @w(%a: tensor<8192x8192xf32>, %b: tensor<8192x8192xf32>, %c: tensor<8192x8192xf32>) -> tensor<8192x8192xf32> {
  %p = tl.map "ij,ij->ij" mul %a, %b : tensor<8192x8192xf32>, tensor<8192x8192xf32> -> tensor<8192x8192xf32>
  %s = tl.map "ij,ij->ij" add %p, %c : tensor<8192x8192xf32>, tensor<8192x8192xf32> -> tensor<8192x8192xf32>
  return %s : tensor<8192x8192xf32>
}
