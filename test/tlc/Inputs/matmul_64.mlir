func.func @mm(%a: tensor<64x48xf32>, %b: tensor<48x96xf32>) -> tensor<64x96xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<64x48xf32>, tensor<48x96xf32> -> tensor<64x96xf32>
  return %r : tensor<64x96xf32>
}
