// relu(X W + b): einsum, broadcast bias, activation.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.maximum(a[0] @ a[1] + a[2], 0)"
func.func @mlp(%x: tensor<8x16xf32> {tl.name = "X"}, %w: tensor<16x10xf32> {tl.name = "W"}, %b: tensor<10xf32> {tl.name = "B"}) -> (tensor<8x10xf32> {tl.name = "H"}) {
  %xw = tl.einsum "bi,ih->bh" %x, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %z = tl.map "bh,h->bh" add %xw, %b : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
  %h = tl.map "bh->bh" relu %z : tensor<8x10xf32> -> tensor<8x10xf32>
  return %h : tensor<8x10xf32>
}
