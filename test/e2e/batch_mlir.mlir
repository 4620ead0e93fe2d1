// A batch dimension in the tl dialect: '?' as the first dimension of
// arguments (tl-specialize-batch gives it a size), compiled once and run at
// several batch sizes against the reference interpreter.
// RUN: %python %S/check.py %s --tlc tlc --work %t --batch 1 --batch 3 --batch 16 --batch 1000
func.func @layer(%x: tensor<?x6xf32>, %w: tensor<6x4xf32>, %b: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?xf32>) {
  %y = tl.einsum "bi,ij->bj" %x, %w : tensor<?x6xf32>, tensor<6x4xf32> -> tensor<?x4xf32>
  %z = tl.map "bj,j->bj" add %y, %b : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %t = tl.map "bj->bj" tanh %z : tensor<?x4xf32> -> tensor<?x4xf32>
  %s = tl.reduce logsumexp %t axes [1] : tensor<?x4xf32> -> tensor<?xf32>
  return %t, %s : tensor<?x4xf32>, tensor<?xf32>
}
