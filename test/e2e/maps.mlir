// Every tl.map function family against the reference interpreter.
// RUN: %python %S/check.py %s --tlc tlc --work %t --low 0.1 --high 2.0 --numpy "1 / (1 + np.exp(-a[0]))" --numpy "np.tanh(a[0]) + np.log(a[1])" --numpy "a[0] > a[1]"
func.func @maps(%x: tensor<4x6xf32>, %y: tensor<4x6xf32>, %i: tensor<4x6xi32>, %j: tensor<6xi32>, %p: tensor<4x6xi1>) -> (tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xi1>, tensor<4x6xf32>, tensor<4x6xi32>, tensor<4x6xi32>, tensor<4x6xf32>, tensor<4x6xi1>, tensor<4x6xf32>, tensor<4x6xi32>) {
  %s = tl.map "ij->ij" sigmoid %x : tensor<4x6xf32> -> tensor<4x6xf32>
  %t = tl.map "ij->ij" tanh %x : tensor<4x6xf32> -> tensor<4x6xf32>
  %l = tl.map "ij->ij" log %y : tensor<4x6xf32> -> tensor<4x6xf32>
  %tl = tl.map "ij,ij->ij" add %t, %l : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  %g = tl.map "ij,ij->ij" gt %x, %y : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xi1>
  %e = tl.map "ij->ij" exp %x : tensor<4x6xf32> -> tensor<4x6xf32>
  %q = tl.map "ij->ij" sqrt %e : tensor<4x6xf32> -> tensor<4x6xf32>
  %pw = tl.map "ij,ij->ij" pow %x, %y : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  %d = tl.map "ij,ij->ij" div %q, %pw : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  %om = tl.map "ij->ij" one_minus %d : tensor<4x6xf32> -> tensor<4x6xf32>
  %ng = tl.map "ij->ij" neg %om : tensor<4x6xf32> -> tensor<4x6xf32>
  %ab = tl.map "ij->ij" abs %ng : tensor<4x6xf32> -> tensor<4x6xf32>
  %id = tl.map "ij,j->ij" div %i, %j : tensor<4x6xi32>, tensor<6xi32> -> tensor<4x6xi32>
  %im = tl.map "ij,j->ij" max %i, %j : tensor<4x6xi32>, tensor<6xi32> -> tensor<4x6xi32>
  %ia = tl.map "ij->ij" abs %i : tensor<4x6xi32> -> tensor<4x6xi32>
  %is = tl.map "ij,ij->ij" sub %im, %ia : tensor<4x6xi32>, tensor<4x6xi32> -> tensor<4x6xi32>
  %st = tl.map "ij->ij" step %i : tensor<4x6xi32> -> tensor<4x6xi32>
  %sc = tl.map "ij->ij" cast %st : tensor<4x6xi32> -> tensor<4x6xf32>
  %np = tl.map "ij->ij" not %p : tensor<4x6xi1> -> tensor<4x6xi1>
  %xo = tl.map "ij,ij->ij" xor %np, %g : tensor<4x6xi1>, tensor<4x6xi1> -> tensor<4x6xi1>
  %sel = tl.map "ij,ij,ij->ij" select %xo, %x, %ab : tensor<4x6xi1>, tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  %mn = tl.map "ij,ij->ij" min %sel, %sc : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  %bc = tl.map "ij->ij" cast %p : tensor<4x6xi1> -> tensor<4x6xi32>
  %rl = tl.map "ij->ij" relu %is : tensor<4x6xi32> -> tensor<4x6xi32>
  %sum = tl.map "ij,ij->ij" add %rl, %bc : tensor<4x6xi32>, tensor<4x6xi32> -> tensor<4x6xi32>
  %sx = tl.map "ij->ij" sub %x {scalar = 0.5 : f64} : tensor<4x6xf32> -> tensor<4x6xf32>
  %eq = tl.map "ij,ij->ij" le %sx, %mn : tensor<4x6xf32>, tensor<4x6xf32> -> tensor<4x6xi1>
  return %s, %tl, %g, %pw, %id, %is, %mn, %eq, %sx, %sum : tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xi1>, tensor<4x6xf32>, tensor<4x6xi32>, tensor<4x6xi32>, tensor<4x6xf32>, tensor<4x6xi1>, tensor<4x6xf32>, tensor<4x6xi32>
}
