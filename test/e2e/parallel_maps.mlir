// Maps and row reductions large enough for threads (tl-parallel-loops:
// 4 MiB operands), on 1 and 2 threads, against the reference interpreter
// (sums of 1024 f32 terms in another order: absolute tolerance 1e-4).
// RUN: env OMP_NUM_THREADS=1 %python %S/check.py %s --tlc tlc --work %t/t1 --trials 1 --atol 1e-4 --numpy "np.exp(a[0]) * a[1]" --numpy "a[0].sum(axis=1)"
// RUN: env OMP_NUM_THREADS=2 %python %S/check.py %s --tlc tlc --work %t/t2 --trials 1 --atol 1e-4 --no-jit
func.func @maps(%x: tensor<1024x1024xf32>, %y: tensor<1024x1024xf32>) -> (tensor<1024x1024xf32>, tensor<1024xf32>) {
  %e = tl.map "ij->ij" exp %x : tensor<1024x1024xf32> -> tensor<1024x1024xf32>
  %p = tl.map "ij,ij->ij" mul %e, %y : tensor<1024x1024xf32>, tensor<1024x1024xf32> -> tensor<1024x1024xf32>
  %s = tl.reduce sum %x axes [1] : tensor<1024x1024xf32> -> tensor<1024xf32>
  return %p, %s : tensor<1024x1024xf32>, tensor<1024xf32>
}
