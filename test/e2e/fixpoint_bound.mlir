// A fixpoint that hits its iteration bound: x' = x / 2 + b with tolerance 0
// does not settle within 4 iterations, so the compiled code returns status 1
// (with --accept-nonconverged the driver writes the outputs, which hold the
// 4th iterate of both states), and without the flag the driver fails.
// RUN: %python %S/check.py %s --tlc tlc --work %t --expect-status 1 --density 0.05 \
// RUN:   --numpy "iterate(lambda r, x: (r | (r.astype(np.int64) @ a[0].astype(np.int64) > 0), x * np.float32(0.5) + a[2]), (a[0], a[1]), 4)[0][0]" \
// RUN:   --numpy "iterate(lambda r, x: (r | (r.astype(np.int64) @ a[0].astype(np.int64) > 0), x * np.float32(0.5) + a[2]), (a[0], a[1]), 4)[0][1]"
// RUN: not %t/fixpoint_bound.exe %t/t0/in0.npy %t/t0/in1.npy %t/t0/in2.npy -- %t/o0.npy %t/o1.npy > %t/driver.out 2>&1
// RUN: FileCheck %s < %t/driver.out
// CHECK-DAG: status: 1
// CHECK-DAG: driver: run returned status 1 (a fixpoint did not converge)
func.func @bound(%e: tensor<30x30xi1>, %x0: tensor<30xf32>, %b: tensor<30xf32>)
    -> (tensor<30x30xi1>, tensor<30xf32>, tensor<i1> {tl.status}) {
  %r, %x, %ok = tl.fixpoint %e, %x0 {max_iterations = 4 : i64}
      : tensor<30x30xi1>, tensor<30xf32> -> tensor<30x30xi1>, tensor<30xf32>, tensor<i1> {
  ^bb0(%rc: tensor<30x30xi1>, %xc: tensor<30xf32>):
    %p = tl.einsum "xy,yz->xz" %rc, %e {semiring = #tl.semiring<or_and>} : tensor<30x30xi1>, tensor<30x30xi1> -> tensor<30x30xi1>
    %rn = tl.map "xz,xz->xz" or %rc, %p : tensor<30x30xi1>, tensor<30x30xi1> -> tensor<30x30xi1>
    %h = tl.map "i->i" mul %xc {scalar = 0.5 : f64} : tensor<30xf32> -> tensor<30xf32>
    %xn = tl.map "i,i->i" add %h, %b : tensor<30xf32>, tensor<30xf32> -> tensor<30xf32>
    tl.yield %rn, %xn : tensor<30x30xi1>, tensor<30xf32>
  }
  return %r, %x, %ok : tensor<30x30xi1>, tensor<30xf32>, tensor<i1>
}
