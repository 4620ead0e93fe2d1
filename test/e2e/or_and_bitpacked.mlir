// The Boolean product on bit-packed rows (relations at least 64 wide):
// z = 130 is two full words and a padded one, z = 64 exactly one; y = 150
// takes A's rows as two full 64-bit words and a partial one; z = 4200 is
// 66 words, more than tl-parallel-loops keeps in registers (the loop over
// words in memory); y = 128 takes A's rows as whole 64-byte vectors;
// 1000x1050x64 is large enough for threads, each with its own list of a
// row's set bits (tl-omp-hoist-allocas), run on 2 threads and on 1. Sparse
// and dense inputs. Compiled code against the reference interpreter and
// numpy (bool einsum is OR of AND).
// RUN: env OMP_NUM_THREADS=2 %python %S/check.py %s --tlc tlc --work %t/sparse --density 0.05 --numpy "np.einsum('xy,yz->xz', a[0], a[1])" --numpy "np.einsum('xy,yz->xz', a[2], a[3])" --numpy "np.einsum('xy,yz->xz', a[4], a[5])" --numpy "np.einsum('xy,yz->xz', a[6], a[7])" --numpy "np.einsum('xy,yz->xz', a[8], a[9])" --numpy "np.einsum('xy,yz->xz', a[10], a[11])"
// RUN: env OMP_NUM_THREADS=2 %python %S/check.py %s --tlc tlc --work %t/dense --density 0.5 --numpy "np.einsum('xy,yz->xz', a[0], a[1])" --numpy "np.einsum('xy,yz->xz', a[2], a[3])" --numpy "np.einsum('xy,yz->xz', a[4], a[5])" --numpy "np.einsum('xy,yz->xz', a[6], a[7])" --numpy "np.einsum('xy,yz->xz', a[8], a[9])" --numpy "np.einsum('xy,yz->xz', a[10], a[11])"
// RUN: env OMP_NUM_THREADS=1 %python %S/check.py %s --tlc tlc --work %t/one --density 0.05 --trials 1 --no-jit
func.func @bits(%a: tensor<70x50xi1>, %b: tensor<50x130xi1>, %c: tensor<3x9xi1>, %d: tensor<9x64xi1>, %e: tensor<20x150xi1>, %f: tensor<150x70xi1>, %g: tensor<5x7xi1>, %h: tensor<7x4200xi1>, %i: tensor<6x128xi1>, %j: tensor<128x64xi1>, %k: tensor<1000x1050xi1>, %l: tensor<1050x64xi1>) -> (tensor<70x130xi1>, tensor<3x64xi1>, tensor<20x70xi1>, tensor<5x4200xi1>, tensor<6x64xi1>, tensor<1000x64xi1>) {
  %p = tl.einsum "xy,yz->xz" %a, %b {semiring = #tl.semiring<or_and>} : tensor<70x50xi1>, tensor<50x130xi1> -> tensor<70x130xi1>
  %q = tl.einsum "xy,yz->xz" %c, %d {semiring = #tl.semiring<or_and>} : tensor<3x9xi1>, tensor<9x64xi1> -> tensor<3x64xi1>
  %u = tl.einsum "xy,yz->xz" %e, %f {semiring = #tl.semiring<or_and>} : tensor<20x150xi1>, tensor<150x70xi1> -> tensor<20x70xi1>
  %v = tl.einsum "xy,yz->xz" %g, %h {semiring = #tl.semiring<or_and>} : tensor<5x7xi1>, tensor<7x4200xi1> -> tensor<5x4200xi1>
  %w = tl.einsum "xy,yz->xz" %i, %j {semiring = #tl.semiring<or_and>} : tensor<6x128xi1>, tensor<128x64xi1> -> tensor<6x64xi1>
  %s = tl.einsum "xy,yz->xz" %k, %l {semiring = #tl.semiring<or_and>} : tensor<1000x1050xi1>, tensor<1050x64xi1> -> tensor<1000x64xi1>
  return %p, %q, %u, %v, %w, %s : tensor<70x130xi1>, tensor<3x64xi1>, tensor<20x70xi1>, tensor<5x4200xi1>, tensor<6x64xi1>, tensor<1000x64xi1>
}
