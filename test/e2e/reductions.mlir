// Every tl.reduce kind and softmax, checked against numpy too.
// RUN: %python %S/check.py %s --tlc tlc --work %t --numpy "a[0].sum(axis=1)" --numpy "a[0].max(axis=(0, 2))" --numpy "a[0].min(axis=2)" --numpy "a[0].mean(axis=(0, 1, 2))" --numpy "a[0].prod(axis=0)" --numpy "np.log(np.exp(a[0]).sum(axis=2))" --numpy "np.exp(a[0]) / np.exp(a[0]).sum(axis=1, keepdims=True)"
func.func @reduce(%x: tensor<3x4x5xf64>) -> (tensor<3x5xf64>, tensor<4xf64>, tensor<3x4xf64>, tensor<f64>, tensor<4x5xf64>, tensor<3x4xf64>, tensor<3x4x5xf64>) {
  %s = tl.reduce sum %x axes [1] : tensor<3x4x5xf64> -> tensor<3x5xf64>
  %m = tl.reduce max %x axes [0, 2] : tensor<3x4x5xf64> -> tensor<4xf64>
  %n = tl.reduce min %x axes [2] : tensor<3x4x5xf64> -> tensor<3x4xf64>
  %a = tl.reduce mean %x axes [0, 1, 2] : tensor<3x4x5xf64> -> tensor<f64>
  %p = tl.reduce prod %x axes [0] : tensor<3x4x5xf64> -> tensor<4x5xf64>
  %l = tl.reduce logsumexp %x axes [2] : tensor<3x4x5xf64> -> tensor<3x4xf64>
  %sm = tl.softmax %x axis 1 : tensor<3x4x5xf64> -> tensor<3x4x5xf64>
  return %s, %m, %n, %a, %p, %l, %sm : tensor<3x5xf64>, tensor<4xf64>, tensor<3x4xf64>, tensor<f64>, tensor<4x5xf64>, tensor<3x4xf64>, tensor<3x4x5xf64>
}
