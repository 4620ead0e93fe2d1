// Trace (explicit and implicit spec) to rank-0 results, and a diagonal.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "np.einsum('ii->', a[0])" --numpy "np.einsum('ii', a[0])" --numpy "np.einsum('ii->i', a[0])"
func.func @trace(%a: tensor<9x9xf32>) -> (tensor<f32>, tensor<f32>, tensor<9xf32>) {
  %t = tl.einsum "ii->" %a : tensor<9x9xf32> -> tensor<f32>
  %u = tl.einsum "ii" %a : tensor<9x9xf32> -> tensor<f32>
  %d = tl.einsum "ii->i" %a : tensor<9x9xf32> -> tensor<9xf32>
  return %t, %u, %d : tensor<f32>, tensor<f32>, tensor<9xf32>
}
