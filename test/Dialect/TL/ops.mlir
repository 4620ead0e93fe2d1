// Round trip of every tl op, semiring, map function and reduction, through
// both the custom and the generic printed form.
// RUN: tlc-opt %s -split-input-file | tlc-opt -split-input-file | FileCheck %s
// RUN: tlc-opt %s -split-input-file -mlir-print-op-generic | tlc-opt -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// tl.einsum: semirings
//===----------------------------------------------------------------------===//

// The default semiring (plus_times) is elided, also when written out.
// CHECK-LABEL: func.func @einsum_matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x4xf32>)
// CHECK:         %[[R:.*]] = tl.einsum "ij,jk->ik" %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NOT:     semiring
// CHECK:         %{{.*}} = tl.einsum "ij,jk->ik" %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NOT:     semiring
// CHECK:         return %[[R]]
func.func @einsum_matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %s = tl.einsum "ij,jk->ik" %a, %b {semiring = #tl.semiring<plus_times>} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @einsum_or_and
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
func.func @einsum_or_and(%p: tensor<8x8xi1>, %q: tensor<8x8xi1>) -> tensor<8x8xi1> {
  %r = tl.einsum "xy,yz->xz" %p, %q {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
  return %r : tensor<8x8xi1>
}

// -----

// plus_times on i1 is OR of AND.
// CHECK-LABEL: func.func @einsum_bool_plus_times
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} : tensor<4x5xi1>, tensor<5x6xi1> -> tensor<4x6xi1>
func.func @einsum_bool_plus_times(%p: tensor<4x5xi1>, %q: tensor<5x6xi1>) -> tensor<4x6xi1> {
  %r = tl.einsum "xy,yz->xz" %p, %q : tensor<4x5xi1>, tensor<5x6xi1> -> tensor<4x6xi1>
  return %r : tensor<4x6xi1>
}

// -----

// CHECK-LABEL: func.func @einsum_tropical
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<max_plus>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<min_plus>} : tensor<3x3xf64>, tensor<3x3xf64> -> tensor<3x3xf64>
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<max_times>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<max_plus>} : tensor<3x3xi32>, tensor<3x3xi32> -> tensor<3x3xi32>
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<min_plus>} : tensor<3x3xi64>, tensor<3x3xi64> -> tensor<3x3xi64>
// CHECK:         tl.einsum "xy,yz->xz" %{{.*}}, %{{.*}} {semiring = #tl.semiring<max_times>} : tensor<3x3xi64>, tensor<3x3xi64> -> tensor<3x3xi64>
func.func @einsum_tropical(%a: tensor<3x3xf32>, %b: tensor<3x3xf64>, %c: tensor<3x3xi32>, %d: tensor<3x3xi64>) {
  %0 = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<max_plus>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  %1 = tl.einsum "xy,yz->xz" %b, %b {semiring = #tl.semiring<min_plus>} : tensor<3x3xf64>, tensor<3x3xf64> -> tensor<3x3xf64>
  %2 = tl.einsum "xy,yz->xz" %a, %a {semiring = #tl.semiring<max_times>} : tensor<3x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  %3 = tl.einsum "xy,yz->xz" %c, %c {semiring = #tl.semiring<max_plus>} : tensor<3x3xi32>, tensor<3x3xi32> -> tensor<3x3xi32>
  %4 = tl.einsum "xy,yz->xz" %d, %d {semiring = #tl.semiring<min_plus>} : tensor<3x3xi64>, tensor<3x3xi64> -> tensor<3x3xi64>
  %5 = tl.einsum "xy,yz->xz" %d, %d {semiring = #tl.semiring<max_times>} : tensor<3x3xi64>, tensor<3x3xi64> -> tensor<3x3xi64>
  return
}

//===----------------------------------------------------------------------===//
// tl.einsum: the spec grammar
//===----------------------------------------------------------------------===//

// -----

// Implicit output: the letters seen once, in ASCII order (upper case first).
// CHECK-LABEL: func.func @einsum_implicit
// CHECK:         tl.einsum "ij,jk" %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK:         tl.einsum "kj,ji" %{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<3x2xf32> -> tensor<2x4xf32>
// CHECK:         tl.einsum "bA,Ac" %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK:         tl.einsum "aB,bc" %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<5x4xf32> -> tensor<3x2x5x4xf32>
// CHECK:         tl.einsum "ii" %{{.*}} : tensor<3x3xf32> -> tensor<f32>
func.func @einsum_implicit(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<4x3xf32>, %d: tensor<3x2xf32>, %e: tensor<5x4xf32>, %sq: tensor<3x3xf32>) {
  %0 = tl.einsum "ij,jk" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  // Output "ik": k is dimension 0 of the first operand.
  %1 = tl.einsum "kj,ji" %c, %d : tensor<4x3xf32>, tensor<3x2xf32> -> tensor<2x4xf32>
  %2 = tl.einsum "bA,Ac" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  // Output "Babc".
  %3 = tl.einsum "aB,bc" %a, %e : tensor<2x3xf32>, tensor<5x4xf32> -> tensor<3x2x5x4xf32>
  // Trace.
  %4 = tl.einsum "ii" %sq : tensor<3x3xf32> -> tensor<f32>
  return
}

// -----

// Diagonals, traces, outer products, transposes, sums, scalars.
// CHECK-LABEL: func.func @einsum_shapes
// CHECK:         tl.einsum "ii->i" %{{.*}} : tensor<3x3xf32> -> tensor<3xf32>
// CHECK:         tl.einsum "ii->" %{{.*}} : tensor<3x3xf32> -> tensor<f32>
// CHECK:         tl.einsum "iij->ji" %{{.*}} : tensor<3x3x2xf32> -> tensor<2x3xf32>
// CHECK:         tl.einsum "i,j->ij" %{{.*}}, %{{.*}} : tensor<3xf32>, tensor<2xf32> -> tensor<3x2xf32>
// CHECK:         tl.einsum "ij->ji" %{{.*}} : tensor<3x2xf32> -> tensor<2x3xf32>
// CHECK:         tl.einsum "ij->" %{{.*}} : tensor<3x2xf32> -> tensor<f32>
// CHECK:         tl.einsum ",ij->ij" %{{.*}}, %{{.*}} : tensor<f32>, tensor<3x2xf32> -> tensor<3x2xf32>
// CHECK:         tl.einsum "->" %{{.*}} : tensor<f32> -> tensor<f32>
// CHECK:         tl.einsum "" %{{.*}} : tensor<f32> -> tensor<f32>
// CHECK:         tl.einsum "i,i,i->i" %{{.*}}, %{{.*}}, %{{.*}} : tensor<3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
func.func @einsum_shapes(%sq: tensor<3x3xf32>, %c: tensor<3x3x2xf32>, %v: tensor<3xf32>, %w: tensor<2xf32>, %m: tensor<3x2xf32>, %s: tensor<f32>) {
  %0 = tl.einsum "ii->i" %sq : tensor<3x3xf32> -> tensor<3xf32>
  %1 = tl.einsum "ii->" %sq : tensor<3x3xf32> -> tensor<f32>
  %2 = tl.einsum "iij->ji" %c : tensor<3x3x2xf32> -> tensor<2x3xf32>
  %3 = tl.einsum "i,j->ij" %v, %w : tensor<3xf32>, tensor<2xf32> -> tensor<3x2xf32>
  %4 = tl.einsum "ij->ji" %m : tensor<3x2xf32> -> tensor<2x3xf32>
  %5 = tl.einsum "ij->" %m : tensor<3x2xf32> -> tensor<f32>
  %6 = tl.einsum ",ij->ij" %s, %m : tensor<f32>, tensor<3x2xf32> -> tensor<3x2xf32>
  %7 = tl.einsum "->" %s : tensor<f32> -> tensor<f32>
  %8 = tl.einsum "" %s : tensor<f32> -> tensor<f32>
  %9 = tl.einsum "i,i,i->i" %v, %v, %v : tensor<3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

// Ellipsis broadcasting (numpy's rules: aligned right, size 1 broadcasts).
// CHECK-LABEL: func.func @einsum_ellipsis
// CHECK:         tl.einsum "...ij,...jk->...ik" %{{.*}}, %{{.*}} : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
// CHECK:         tl.einsum "...ii->...i" %{{.*}} : tensor<2x3x3xf32> -> tensor<2x3xf32>
// CHECK:         tl.einsum "i...->...i" %{{.*}} : tensor<3x2x4xf32> -> tensor<2x4x3xf32>
// CHECK:         tl.einsum "...ij,...jk" %{{.*}}, %{{.*}} : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
// CHECK:         tl.einsum "ij->...ij" %{{.*}} : tensor<3x4xf32> -> tensor<3x4xf32>
// CHECK:         tl.einsum "..." %{{.*}} : tensor<3x2x4xf32> -> tensor<3x2x4xf32>
// CHECK:         tl.einsum "i...j,j...->i..." %{{.*}}, %{{.*}} : tensor<3x2x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32>
func.func @einsum_ellipsis(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x2xf32>, %c: tensor<2x3x3xf32>, %d: tensor<3x2x4xf32>, %e: tensor<3x4xf32>, %f: tensor<4x2xf32>) {
  %0 = tl.einsum "...ij,...jk->...ik" %a, %b : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
  %1 = tl.einsum "...ii->...i" %c : tensor<2x3x3xf32> -> tensor<2x3xf32>
  %2 = tl.einsum "i...->...i" %d : tensor<3x2x4xf32> -> tensor<2x4x3xf32>
  // Implicit output with an ellipsis: the broadcast dimensions come first.
  %3 = tl.einsum "...ij,...jk" %a, %b : tensor<2x1x3x4xf32>, tensor<5x4x2xf32> -> tensor<2x5x3x2xf32>
  // An ellipsis that covers no dimension.
  %4 = tl.einsum "ij->...ij" %e : tensor<3x4xf32> -> tensor<3x4xf32>
  %5 = tl.einsum "..." %d : tensor<3x2x4xf32> -> tensor<3x2x4xf32>
  %6 = tl.einsum "i...j,j...->i..." %d, %f : tensor<3x2x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32>
  return
}

// -----

// Spaces are ignored by the verifier but kept verbatim in the attribute.
// CHECK-LABEL: func.func @einsum_spaces
// CHECK:         tl.einsum " ij , jk -> ik " %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK:         tl.einsum "... i j,... j k->... i k" %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
func.func @einsum_spaces(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  %0 = tl.einsum " ij , jk -> ik " %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tl.einsum "... i j,... j k->... i k" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return
}

// -----

// Size-1 dimensions broadcast against any size (numpy does this for
// contracted letters too), and zero-size dimensions are allowed.
// CHECK-LABEL: func.func @einsum_size_one_and_zero
// CHECK:         tl.einsum "ij,ij->ij" %{{.*}}, %{{.*}} : tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x4xf32>
// CHECK:         tl.einsum "ij,jk->ik" %{{.*}}, %{{.*}} : tensor<2x1xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK:         tl.einsum "ij->i" %{{.*}} : tensor<2x0xf32> -> tensor<2xf32>
// CHECK:         tl.einsum "ij,jk->ik" %{{.*}}, %{{.*}} : tensor<0x2xf32>, tensor<2x3xf32> -> tensor<0x3xf32>
func.func @einsum_size_one_and_zero(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>, %c: tensor<2x1xf32>, %d: tensor<3x4xf32>, %z: tensor<2x0xf32>, %y: tensor<0x2xf32>, %x: tensor<2x3xf32>) {
  %0 = tl.einsum "ij,ij->ij" %a, %b : tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x4xf32>
  %1 = tl.einsum "ij,jk->ik" %c, %d : tensor<2x1xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %2 = tl.einsum "ij->i" %z : tensor<2x0xf32> -> tensor<2xf32>
  %3 = tl.einsum "ij,jk->ik" %y, %x : tensor<0x2xf32>, tensor<2x3xf32> -> tensor<0x3xf32>
  return
}

// -----

// Every element type.
// CHECK-LABEL: func.func @einsum_types
// CHECK:         tl.einsum "i,i->" %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32> -> tensor<f32>
// CHECK:         tl.einsum "i,i->" %{{.*}}, %{{.*}} : tensor<4xf64>, tensor<4xf64> -> tensor<f64>
// CHECK:         tl.einsum "i,i->" %{{.*}}, %{{.*}} : tensor<4xi32>, tensor<4xi32> -> tensor<i32>
// CHECK:         tl.einsum "i,i->" %{{.*}}, %{{.*}} : tensor<4xi64>, tensor<4xi64> -> tensor<i64>
// CHECK:         tl.einsum "i,i->" %{{.*}}, %{{.*}} {semiring = #tl.semiring<or_and>} : tensor<4xi1>, tensor<4xi1> -> tensor<i1>
func.func @einsum_types(%a: tensor<4xf32>, %b: tensor<4xf64>, %c: tensor<4xi32>, %d: tensor<4xi64>, %e: tensor<4xi1>) {
  %0 = tl.einsum "i,i->" %a, %a : tensor<4xf32>, tensor<4xf32> -> tensor<f32>
  %1 = tl.einsum "i,i->" %b, %b : tensor<4xf64>, tensor<4xf64> -> tensor<f64>
  %2 = tl.einsum "i,i->" %c, %c : tensor<4xi32>, tensor<4xi32> -> tensor<i32>
  %3 = tl.einsum "i,i->" %d, %d : tensor<4xi64>, tensor<4xi64> -> tensor<i64>
  %4 = tl.einsum "i,i->" %e, %e {semiring = #tl.semiring<or_and>} : tensor<4xi1>, tensor<4xi1> -> tensor<i1>
  return
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @map_binary
// CHECK:         tl.map "bh,h->bh" add %{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8xf32> -> tensor<4x8xf32>
// CHECK:         tl.map "bh,bh->bh" sub
// CHECK:         tl.map "bh,bh->bh" mul
// CHECK:         tl.map "bh,bh->bh" div
// CHECK:         tl.map "bh,bh->bh" max
// CHECK:         tl.map "bh,bh->bh" min
// CHECK:         tl.map "bh,bh->bh" pow
// CHECK:         tl.map "hb,b->bh" add %{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4xf32> -> tensor<4x8xf32>
// CHECK:         tl.map "b,h->bh" mul %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<8xf32> -> tensor<4x8xf32>
func.func @map_binary(%x: tensor<4x8xf32>, %b: tensor<8xf32>, %xt: tensor<8x4xf32>, %c: tensor<4xf32>) {
  %0 = tl.map "bh,h->bh" add %x, %b : tensor<4x8xf32>, tensor<8xf32> -> tensor<4x8xf32>
  %1 = tl.map "bh,bh->bh" sub %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %2 = tl.map "bh,bh->bh" mul %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %3 = tl.map "bh,bh->bh" div %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %4 = tl.map "bh,bh->bh" max %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %5 = tl.map "bh,bh->bh" min %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  %6 = tl.map "bh,bh->bh" pow %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  // Transposed operand.
  %7 = tl.map "hb,b->bh" add %xt, %c : tensor<8x4xf32>, tensor<4xf32> -> tensor<4x8xf32>
  // Outer product.
  %8 = tl.map "b,h->bh" mul %c, %b : tensor<4xf32>, tensor<8xf32> -> tensor<4x8xf32>
  return
}

// -----

// CHECK-LABEL: func.func @map_unary
// CHECK:         tl.map "i->i" relu %{{.*}} : tensor<5xf32> -> tensor<5xf32>
// CHECK:         tl.map "i->i" sigmoid
// CHECK:         tl.map "i->i" tanh
// CHECK:         tl.map "i->i" exp
// CHECK:         tl.map "i->i" log
// CHECK:         tl.map "i->i" sqrt
// CHECK:         tl.map "i->i" abs
// CHECK:         tl.map "i->i" neg
// CHECK:         tl.map "i->i" step %{{.*}} : tensor<5xf32> -> tensor<5xf32>
// CHECK:         tl.map "i->i" step %{{.*}} : tensor<5xf32> -> tensor<5xi1>
// CHECK:         tl.map "i->i" one_minus
// CHECK:         tl.map "i->i" cast %{{.*}} : tensor<5xf32> -> tensor<5xi32>
// CHECK:         tl.map "i->i" cast %{{.*}} : tensor<5xf32> -> tensor<5xf64>
// CHECK:         tl.map "i->i" cast %{{.*}} : tensor<5xf32> -> tensor<5xi1>
// CHECK:         tl.map "i->i" cast %{{.*}} : tensor<5xf32> -> tensor<5xf32>
func.func @map_unary(%x: tensor<5xf32>) {
  %0 = tl.map "i->i" relu %x : tensor<5xf32> -> tensor<5xf32>
  %1 = tl.map "i->i" sigmoid %x : tensor<5xf32> -> tensor<5xf32>
  %2 = tl.map "i->i" tanh %x : tensor<5xf32> -> tensor<5xf32>
  %3 = tl.map "i->i" exp %x : tensor<5xf32> -> tensor<5xf32>
  %4 = tl.map "i->i" log %x : tensor<5xf32> -> tensor<5xf32>
  %5 = tl.map "i->i" sqrt %x : tensor<5xf32> -> tensor<5xf32>
  %6 = tl.map "i->i" abs %x : tensor<5xf32> -> tensor<5xf32>
  %7 = tl.map "i->i" neg %x : tensor<5xf32> -> tensor<5xf32>
  %8 = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xf32>
  %9 = tl.map "i->i" step %x : tensor<5xf32> -> tensor<5xi1>
  %10 = tl.map "i->i" one_minus %x : tensor<5xf32> -> tensor<5xf32>
  %11 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xi32>
  %12 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xf64>
  %13 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xi1>
  %14 = tl.map "i->i" cast %x : tensor<5xf32> -> tensor<5xf32>
  return
}

// -----

// CHECK-LABEL: func.func @map_compare_and_logic
// CHECK:         tl.map "i,i->i" eq %{{.*}}, %{{.*}} : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
// CHECK:         tl.map "i,i->i" ne
// CHECK:         tl.map "i,i->i" lt
// CHECK:         tl.map "i,i->i" le
// CHECK:         tl.map "i,i->i" gt %{{.*}}, %{{.*}} : tensor<5xi32>, tensor<5xi32> -> tensor<5xi1>
// CHECK:         tl.map "i,i->i" ge %{{.*}}, %{{.*}} : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
// CHECK:         tl.map "i,i->i" and %{{.*}}, %{{.*}} : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
// CHECK:         tl.map "i,i->i" or
// CHECK:         tl.map "i,i->i" xor
// CHECK:         tl.map "i->i" not %{{.*}} : tensor<5xi1> -> tensor<5xi1>
// CHECK:         tl.map "i,i,i->i" select %{{.*}}, %{{.*}}, %{{.*}} : tensor<5xi1>, tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
// CHECK:         tl.map "i,i->i" max %{{.*}}, %{{.*}} : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
// CHECK:         tl.map "i->i" step %{{.*}} : tensor<5xi1> -> tensor<5xi1>
// CHECK:         tl.map "i->i" cast %{{.*}} : tensor<5xi1> -> tensor<5xf32>
func.func @map_compare_and_logic(%x: tensor<5xf32>, %n: tensor<5xi32>, %p: tensor<5xi1>) {
  %0 = tl.map "i,i->i" eq %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
  %1 = tl.map "i,i->i" ne %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
  %2 = tl.map "i,i->i" lt %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
  %3 = tl.map "i,i->i" le %x, %x : tensor<5xf32>, tensor<5xf32> -> tensor<5xi1>
  %4 = tl.map "i,i->i" gt %n, %n : tensor<5xi32>, tensor<5xi32> -> tensor<5xi1>
  %5 = tl.map "i,i->i" ge %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %6 = tl.map "i,i->i" and %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %7 = tl.map "i,i->i" or %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %8 = tl.map "i,i->i" xor %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %9 = tl.map "i->i" not %p : tensor<5xi1> -> tensor<5xi1>
  %10 = tl.map "i,i,i->i" select %p, %x, %x : tensor<5xi1>, tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  // max and min on i1 are OR and AND.
  %11 = tl.map "i,i->i" max %p, %p : tensor<5xi1>, tensor<5xi1> -> tensor<5xi1>
  %12 = tl.map "i->i" step %p : tensor<5xi1> -> tensor<5xi1>
  %13 = tl.map "i->i" cast %p : tensor<5xi1> -> tensor<5xf32>
  return
}

// -----

// The optional scalar is the function's last argument.
// CHECK-LABEL: func.func @map_scalar
// CHECK:         tl.map "i->i" mul %{{.*}} {scalar = 2.000000e+00 : f64} : tensor<5xf32> -> tensor<5xf32>
// CHECK:         tl.map "i->i" pow %{{.*}} {scalar = 5.000000e-01 : f64} : tensor<5xf64> -> tensor<5xf64>
// CHECK:         tl.map "i->i" add %{{.*}} {scalar = -3.000000e+00 : f64} : tensor<5xi32> -> tensor<5xi32>
// CHECK:         tl.map "i->i" gt %{{.*}} {scalar = 0.000000e+00 : f64} : tensor<5xi64> -> tensor<5xi1>
// CHECK:         tl.map "i,i->i" select %{{.*}}, %{{.*}} {scalar = 0.000000e+00 : f64} : tensor<5xi1>, tensor<5xf32> -> tensor<5xf32>
func.func @map_scalar(%x: tensor<5xf32>, %d: tensor<5xf64>, %n: tensor<5xi32>, %l: tensor<5xi64>, %p: tensor<5xi1>) {
  %0 = tl.map "i->i" mul %x {scalar = 2.0 : f64} : tensor<5xf32> -> tensor<5xf32>
  %1 = tl.map "i->i" pow %d {scalar = 0.5 : f64} : tensor<5xf64> -> tensor<5xf64>
  %2 = tl.map "i->i" add %n {scalar = -3.0 : f64} : tensor<5xi32> -> tensor<5xi32>
  %3 = tl.map "i->i" gt %l {scalar = 0.0 : f64} : tensor<5xi64> -> tensor<5xi1>
  %4 = tl.map "i,i->i" select %p, %x {scalar = 0.0 : f64} : tensor<5xi1>, tensor<5xf32> -> tensor<5xf32>
  return
}

// -----

// Rank-0 operands and integer element types.
// CHECK-LABEL: func.func @map_rank0_and_int
// CHECK:         tl.map "->" neg %{{.*}} : tensor<f32> -> tensor<f32>
// CHECK:         tl.map ",ij->ij" mul %{{.*}}, %{{.*}} : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK:         tl.map "i,i->i" div %{{.*}}, %{{.*}} : tensor<5xi64>, tensor<5xi64> -> tensor<5xi64>
// CHECK:         tl.map "i->i" relu %{{.*}} : tensor<5xi32> -> tensor<5xi32>
// CHECK:         tl.map "i->i" abs %{{.*}} : tensor<5xi64> -> tensor<5xi64>
// CHECK:         tl.map "i->i" step %{{.*}} : tensor<5xi32> -> tensor<5xi32>
func.func @map_rank0_and_int(%s: tensor<f32>, %m: tensor<2x3xf32>, %n: tensor<5xi32>, %l: tensor<5xi64>) {
  %0 = tl.map "->" neg %s : tensor<f32> -> tensor<f32>
  %1 = tl.map ",ij->ij" mul %s, %m : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = tl.map "i,i->i" div %l, %l : tensor<5xi64>, tensor<5xi64> -> tensor<5xi64>
  %3 = tl.map "i->i" relu %n : tensor<5xi32> -> tensor<5xi32>
  %4 = tl.map "i->i" abs %l : tensor<5xi64> -> tensor<5xi64>
  %5 = tl.map "i->i" step %n : tensor<5xi32> -> tensor<5xi32>
  return
}

//===----------------------------------------------------------------------===//
// tl.reduce
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @reduce_kinds
// CHECK:         tl.reduce sum %{{.*}} axes [1] : tensor<4x5xf32> -> tensor<4xf32>
// CHECK:         tl.reduce max %{{.*}} axes [0] : tensor<4x5xf32> -> tensor<5xf32>
// CHECK:         tl.reduce min %{{.*}} axes [0, 1] : tensor<4x5xf32> -> tensor<f32>
// CHECK:         tl.reduce mean %{{.*}} axes [1, 0] : tensor<4x5xf32> -> tensor<f32>
// CHECK:         tl.reduce prod %{{.*}} axes [] : tensor<4x5xf32> -> tensor<4x5xf32>
// CHECK:         tl.reduce logsumexp %{{.*}} axes [1] : tensor<4x5xf64> -> tensor<4xf64>
func.func @reduce_kinds(%x: tensor<4x5xf32>, %d: tensor<4x5xf64>) {
  %0 = tl.reduce sum %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  %1 = tl.reduce max %x axes [0] : tensor<4x5xf32> -> tensor<5xf32>
  %2 = tl.reduce min %x axes [0, 1] : tensor<4x5xf32> -> tensor<f32>
  %3 = tl.reduce mean %x axes [1, 0] : tensor<4x5xf32> -> tensor<f32>
  %4 = tl.reduce prod %x axes [] : tensor<4x5xf32> -> tensor<4x5xf32>
  %5 = tl.reduce logsumexp %d axes [1] : tensor<4x5xf64> -> tensor<4xf64>
  return
}

// -----

// CHECK-LABEL: func.func @reduce_types
// CHECK:         tl.reduce sum %{{.*}} axes [0] : tensor<3x2x4xi32> -> tensor<2x4xi32>
// CHECK:         tl.reduce prod %{{.*}} axes [2] : tensor<3x2x4xi64> -> tensor<3x2xi64>
// CHECK:         tl.reduce max %{{.*}} axes [0, 2] : tensor<3x2x4xi1> -> tensor<2xi1>
// CHECK:         tl.reduce min %{{.*}} axes [] : tensor<i1> -> tensor<i1>
func.func @reduce_types(%a: tensor<3x2x4xi32>, %b: tensor<3x2x4xi64>, %c: tensor<3x2x4xi1>, %s: tensor<i1>) {
  %0 = tl.reduce sum %a axes [0] : tensor<3x2x4xi32> -> tensor<2x4xi32>
  %1 = tl.reduce prod %b axes [2] : tensor<3x2x4xi64> -> tensor<3x2xi64>
  %2 = tl.reduce max %c axes [0, 2] : tensor<3x2x4xi1> -> tensor<2xi1>
  %3 = tl.reduce min %s axes [] : tensor<i1> -> tensor<i1>
  return
}

//===----------------------------------------------------------------------===//
// tl.softmax, tl.constant
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @softmax
// CHECK:         tl.softmax %{{.*}} axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
// CHECK:         tl.softmax %{{.*}} axis 0 : tensor<7xf64> -> tensor<7xf64>
func.func @softmax(%x: tensor<4x5xf32>, %y: tensor<7xf64>) {
  %0 = tl.softmax %x axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
  %1 = tl.softmax %y axis 0 : tensor<7xf64> -> tensor<7xf64>
  return
}

// -----

// CHECK-LABEL: func.func @constants
// CHECK:         tl.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         tl.constant dense<3.500000e+00> : tensor<f64>
// CHECK:         tl.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK:         tl.constant dense<7> : tensor<2x2xi64>
// CHECK:         tl.constant dense<[true, false]> : tensor<2xi1>
// CHECK:         tl.constant dense<> : tensor<0xf32>
func.func @constants() {
  %0 = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = tl.constant dense<3.5> : tensor<f64>
  %2 = tl.constant dense<[1, -2, 3]> : tensor<3xi32>
  %3 = tl.constant dense<7> : tensor<2x2xi64>
  %4 = tl.constant dense<[true, false]> : tensor<2xi1>
  %5 = tl.constant dense<> : tensor<0xf32>
  return
}

// -----

// A whole layer, with tl.name argument and result attributes.
// CHECK-LABEL: func.func @mlp_layer
// CHECK-SAME:    {tl.name = "X"}
// CHECK-SAME:    -> (tensor<4x3xf32> {tl.name = "Y"})
// CHECK:         %[[W:.*]] = tl.constant
// CHECK:         %[[H:.*]] = tl.einsum "bi,ih->bh" %{{.*}}, %[[W]]
// CHECK:         %[[A:.*]] = tl.map "bh,h->bh" add %[[H]], %{{.*}}
// CHECK:         %[[R:.*]] = tl.map "bh->bh" relu %[[A]]
// CHECK:         %[[P:.*]] = tl.softmax %[[R]] axis 1
// CHECK:         return %[[P]]
func.func @mlp_layer(%x: tensor<4x2xf32> {tl.name = "X"}, %b: tensor<3xf32> {tl.name = "B"}) -> (tensor<4x3xf32> {tl.name = "Y"}) {
  %w = tl.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %h = tl.einsum "bi,ih->bh" %x, %w : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
  %a = tl.map "bh,h->bh" add %h, %b : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %r = tl.map "bh->bh" relu %a : tensor<4x3xf32> -> tensor<4x3xf32>
  %p = tl.softmax %r axis 1 : tensor<4x3xf32> -> tensor<4x3xf32>
  return %p : tensor<4x3xf32>
}
