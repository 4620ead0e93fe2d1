// A two-layer MLP classifier: Y = softmax(relu(X W1 + B1) W2 + B2).
// In TensorLogic: H[b, h] = relu(X[b, i] W1[i, h] + B1[h]);
//                 Y[b, o.] = softmax(H[b, h] W2[h, o] + B2[o]).
func.func @mlp(%x: tensor<4x8xf32> {tl.name = "X"},
               %w1: tensor<8x16xf32> {tl.name = "W1"},
               %b1: tensor<16xf32> {tl.name = "B1"},
               %w2: tensor<16x3xf32> {tl.name = "W2"},
               %b2: tensor<3xf32> {tl.name = "B2"})
    -> (tensor<4x3xf32> {tl.name = "Y"}) {
  %xw = tl.einsum "bi,ih->bh" %x, %w1 : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %z = tl.map "bh,h->bh" add %xw, %b1 : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
  %h = tl.map "bh->bh" relu %z : tensor<4x16xf32> -> tensor<4x16xf32>
  %hw = tl.einsum "bh,ho->bo" %h, %w2 : tensor<4x16xf32>, tensor<16x3xf32> -> tensor<4x3xf32>
  %l = tl.map "bo,o->bo" add %hw, %b2 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %y = tl.softmax %l axis 1 : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
