func.func @mm(%a: tensor<60x48xf32>, %b: tensor<48x90xf32>) -> tensor<60x90xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<60x48xf32>, tensor<48x90xf32> -> tensor<60x90xf32>
  return %r : tensor<60x90xf32>
}
