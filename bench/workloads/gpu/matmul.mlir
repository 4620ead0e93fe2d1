// matmul 4096^3 f32 (bench/bench_gpu.sh: against cuBLAS's sgemm).
func.func @w(%a: tensor<4096x4096xf32>, %b: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %c = tl.einsum "ik,kj->ij" %a, %b : tensor<4096x4096xf32>, tensor<4096x4096xf32> -> tensor<4096x4096xf32>
  return %c : tensor<4096x4096xf32>
}
