func.func @mm(%a: tensor<256x128xf32>, %b: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<256x128xf32>, tensor<128x256xf32> -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}
