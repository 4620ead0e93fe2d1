// The convergence test on special values, compiled against the reference
// and numpy, with one iteration allowed: +-inf equal to itself is unchanged
// (status 0), a NaN always changes (status 1), a real change is a change
// (status 1), and the tolerance compares in f32: 0 -> f32(1e-7) moves by
// 1.0000000117e-7, not more than 1e-7 rounded to f32 (status 0).
// RUN: %python %S/check.py %s --tlc tlc --work %t/fixed --trials 1 --inputs "[[4, -np.inf, 1, 3, 0, -2], 0]" --numpy "[4, -np.inf, 1, 3, 0, -2]" --numpy "np.float32(1e-7)"
// RUN: %python %S/check.py %s --tlc tlc --work %t/inf --trials 1 --expect-status 1 --inputs "[[np.inf, -np.inf, 10, 3, 0, -2], 0]" --numpy "[4, -np.inf, 4, 3, 0, -2]"
// RUN: %python %S/check.py %s --tlc tlc --work %t/nan --trials 1 --expect-status 1 --inputs "[[np.nan, -np.inf, 1, 3, 0, -2], 0]" --numpy "[np.nan, -np.inf, 1, 3, 0, -2]"
func.func @special(%x0: tensor<6xf32>, %y0: tensor<f32>) -> (tensor<6xf32>, tensor<f32>, tensor<i1> {tl.status}) {
  %x, %y, %ok = tl.fixpoint %x0, %y0 {max_iterations = 1 : i64, tolerance = 1.0e-7 : f64}
      : tensor<6xf32>, tensor<f32> -> tensor<6xf32>, tensor<f32>, tensor<i1> {
  ^bb0(%xs: tensor<6xf32>, %ys: tensor<f32>):
    %xn = tl.map "i->i" min %xs {scalar = 4.0 : f64} : tensor<6xf32> -> tensor<6xf32>
    %yn = tl.map "->" add %ys {scalar = 1.0e-7 : f64} : tensor<f32> -> tensor<f32>
    tl.yield %xn, %yn : tensor<6xf32>, tensor<f32>
  }
  return %x, %y, %ok : tensor<6xf32>, tensor<f32>, tensor<i1>
}
