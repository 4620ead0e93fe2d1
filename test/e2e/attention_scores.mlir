// softmax(Q K^T / sqrt(d)) V for a batch of heads.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "(lambda s: (np.exp(s - s.max(-1, keepdims=True)) / np.exp(s - s.max(-1, keepdims=True)).sum(-1, keepdims=True)) @ a[2])(np.einsum('hqd,hkd->hqk', a[0], a[1]) * 0.25)"
func.func @attention(%q: tensor<2x6x16xf32>, %k: tensor<2x7x16xf32>, %v: tensor<2x7x16xf32>) -> tensor<2x6x16xf32> {
  %s = tl.einsum "hqd,hkd->hqk" %q, %k : tensor<2x6x16xf32>, tensor<2x7x16xf32> -> tensor<2x6x7xf32>
  %t = tl.map "hqk->hqk" mul %s {scalar = 0.25 : f64} : tensor<2x6x7xf32> -> tensor<2x6x7xf32>
  %p = tl.softmax %t axis 2 : tensor<2x6x7xf32> -> tensor<2x6x7xf32>
  %o = tl.einsum "hqk,hkd->hqd" %p, %v : tensor<2x6x7xf32>, tensor<2x7x16xf32> -> tensor<2x6x16xf32>
  return %o : tensor<2x6x16xf32>
}
