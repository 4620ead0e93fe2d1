func.func @w(%x: tensor<1024x1024xf32>) -> tensor<1024xf32> {
  %0 = tl.reduce logsumexp %x axes [1] : tensor<1024x1024xf32> -> tensor<1024xf32>
  return %0 : tensor<1024xf32>
}
