// A numeric fixpoint with a tolerance: x' = x / 2 + b (f64) converges to 2b
// until |x' - x| <= 1e-9 everywhere, alongside a rank-0 integer state
// s' = min(s + 1, 7) that must settle exactly. Compiled code, JIT and
// reference must stop at the same iteration.
// RUN: %python %S/check.py %s --tlc tlc --work %t --low -100 --high 100 \
// RUN:   --numpy "iterate(lambda x, s: (x * 0.5 + a[1], np.minimum(s + 1, 7).astype(np.int32)), (a[0], a[2]), 100, 1e-9)[0][0]" \
// RUN:   --numpy "iterate(lambda x, s: (x * 0.5 + a[1], np.minimum(s + 1, 7).astype(np.int32)), (a[0], a[2]), 100, 1e-9)[0][1]"
func.func @numeric(%x0: tensor<16xf64>, %b: tensor<16xf64>, %s0: tensor<i32>)
    -> (tensor<16xf64>, tensor<i32>, tensor<i1> {tl.status}) {
  %x, %s, %ok = tl.fixpoint %x0, %s0 {max_iterations = 100 : i64, tolerance = 1.0e-9 : f64}
      : tensor<16xf64>, tensor<i32> -> tensor<16xf64>, tensor<i32>, tensor<i1> {
  ^bb0(%xc: tensor<16xf64>, %sc: tensor<i32>):
    %h = tl.map "i->i" mul %xc {scalar = 0.5 : f64} : tensor<16xf64> -> tensor<16xf64>
    %xn = tl.map "i,i->i" add %h, %b : tensor<16xf64>, tensor<16xf64> -> tensor<16xf64>
    %s1 = tl.map "->" add %sc {scalar = 1.0 : f64} : tensor<i32> -> tensor<i32>
    %sn = tl.map "->" min %s1 {scalar = 7.0 : f64} : tensor<i32> -> tensor<i32>
    tl.yield %xn, %sn : tensor<16xf64>, tensor<i32>
  }
  return %x, %s, %ok : tensor<16xf64>, tensor<i32>, tensor<i1>
}
