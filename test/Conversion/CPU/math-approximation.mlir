// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-math-approximation))' | FileCheck %s
// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-math-approximation{scaled-exp=true}))' | FileCheck %s --check-prefix=SCALED

// Upstream's polynomial approximations: plain arithmetic, no libm call; exp
// builds 2^k from the exponent bits.
// CHECK-LABEL: func.func @scalar_exp
// CHECK-NOT: math.exp
// CHECK: arith.shli
// CHECK-NOT: llvm.intr.ldexp
// With scaled-exp (AVX-512): x held to [-104, 89] (a NaN passes), k =
// roundeven(x log2 e), r = x - k ln 2 in two steps, Cephes' polynomial, and
// one ldexp by k.
// SCALED-LABEL: func.func @scalar_exp
// SCALED: %[[HI:.*]] = arith.cmpf ogt, %arg0, %{{.*}} : f32
// SCALED: %[[X1:.*]] = arith.select %[[HI]], %{{.*}}, %arg0 : f32
// SCALED: %[[LO:.*]] = arith.cmpf olt, %[[X1]], %{{.*}} : f32
// SCALED: %[[X:.*]] = arith.select %[[LO]], %{{.*}}, %[[X1]] : f32
// SCALED: %[[T:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// SCALED: %[[K:.*]] = math.roundeven %[[T]] : f32
// SCALED: %[[R1:.*]] = math.fma %[[K]], %{{.*}}, %[[X]] : f32
// SCALED: %[[R:.*]] = math.fma %[[K]], %{{.*}}, %[[R1]] : f32
// SCALED-COUNT-7: math.fma %{{.*}}, %[[R]], %{{.*}} : f32
// SCALED: %[[N:.*]] = arith.fptosi %[[K]] : f32 to i32
// SCALED: %[[E:.*]] = llvm.intr.ldexp(%{{.*}}, %[[N]]) : (f32, i32) -> f32
// SCALED: return %[[E]]
func.func @scalar_exp(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}

// Vectors (llvm.intr.ldexp takes a scalar exponent) and f64 (libm) are
// left to upstream either way.
// CHECK-LABEL: func.func @others
// CHECK-NOT: math.exp {{.*}} : vector
// CHECK: math.exp {{.*}} : f64
// SCALED-LABEL: func.func @others
// SCALED-NOT: llvm.intr.ldexp
// SCALED-NOT: math.exp {{.*}} : vector
// SCALED: math.exp {{.*}} : f64
func.func @others(%v: vector<16xf32>, %d: f64) -> (vector<16xf32>, f64) {
  %e = math.exp %v : vector<16xf32>
  %f = math.exp %d : f64
  return %e, %f : vector<16xf32>, f64
}
