// A sum of 1M floats: split into 16 partial sums (tl-cpu-contractions),
// run on 1 and 2 threads (tl-parallel-loops), against the reference
// interpreter and numpy. Sums of 2^20 f32 terms in different orders differ
// by up to ~1e-2 in absolute terms (the result is ~1e3 at most).
// RUN: env OMP_NUM_THREADS=1 %python %S/check.py %s --tlc tlc --work %t/t1 --trials 1 --atol 0.05 --numpy "a[0].sum()"
// RUN: env OMP_NUM_THREADS=2 %python %S/check.py %s --tlc tlc --work %t/t2 --trials 1 --atol 0.05 --no-jit
func.func @total(%x: tensor<1048576xf32>) -> tensor<f32> {
  %s = tl.reduce sum %x axes [0] : tensor<1048576xf32> -> tensor<f32>
  return %s : tensor<f32>
}
