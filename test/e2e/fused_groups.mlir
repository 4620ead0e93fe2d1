// Every kind of group tl-fuse forms, in one function compiled at -O2 and
// compared with the reference interpreter on the unfused program: epilogues
// (bias and activation; transposed scaling and masking; a mean's division),
// prologues (a cast and a scaling; the maps feeding a reduction), a tree of
// maps with an intermediate that is also an output, and a reduction over a
// leading axis with its prologue.
// RUN: %python %S/check.py %s --tlc tlc --work %t
// RUN: tlc %s --emit=tl | FileCheck %s --check-prefix=TL
// RUN: tlc %s --emit=linalg | FileCheck %s --check-prefix=LINALG
// TL-COUNT-7: tl.fused
// TL-NOT: tl.fused
// Seven groups and the one map left outside (sqrt after the leading-axis
// reduction): eight loop nests.
// LINALG-COUNT-8: linalg.generic
// LINALG-NOT: linalg.generic
func.func @groups(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %b: tensor<10xf32>,
                  %xi: tensor<8x16xi32>, %m: tensor<8x10xi1>, %y: tensor<8x10xf32>,
                  %w2: tensor<16x10xf32>)
    -> (tensor<8x10xf32>, tensor<10x8xf32>, tensor<8x10xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8x16xf32>, tensor<8x16xf32>, tensor<16xf32>) {
  // relu(x w + b)
  %xw = tl.einsum "bi,ih->bh" %x, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %z = tl.map "bh,h->bh" add %xw, %b : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
  %h = tl.map "bh->bh" relu %z : tensor<8x10xf32> -> tensor<8x10xf32>
  // select(m, 0.25 (x w)^T, -1e30), transposed
  %s = tl.einsum "bi,ih->bh" %x, %w2 : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %s2 = tl.map "bh->bh" mul %s {scalar = 0.25 : f64} : tensor<8x10xf32> -> tensor<8x10xf32>
  %st = tl.map "bh->hb" neg %s2 : tensor<8x10xf32> -> tensor<10x8xf32>
  %ninf = tl.constant dense<-1.0e30> : tensor<10x8xf32>
  %masked = tl.map "bh,hb,hb->hb" select %m, %st, %ninf : tensor<8x10xi1>, tensor<10x8xf32>, tensor<10x8xf32> -> tensor<10x8xf32>
  // float(xi) (0.5 w)
  %xf = tl.map "bi->bi" cast %xi : tensor<8x16xi32> -> tensor<8x16xf32>
  %ws = tl.map "ih->ih" mul %w {scalar = 0.5 : f64} : tensor<16x10xf32> -> tensor<16x10xf32>
  %p = tl.einsum "bi,ih->bh" %xf, %ws : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  // sqrt(sum(x^2)) and -mean(y)
  %sq = tl.map "bi,bi->bi" mul %x, %x : tensor<8x16xf32>, tensor<8x16xf32> -> tensor<8x16xf32>
  %ss = tl.reduce sum %sq axes [1] : tensor<8x16xf32> -> tensor<8xf32>
  %n = tl.map "b->b" sqrt %ss : tensor<8xf32> -> tensor<8xf32>
  %mean = tl.reduce mean %y axes [1] : tensor<8x10xf32> -> tensor<8xf32>
  %nm = tl.map "b->b" neg %mean : tensor<8xf32> -> tensor<8xf32>
  // e = exp(x), e * (e + 1): both outputs
  %e = tl.map "bi->bi" exp %x : tensor<8x16xf32> -> tensor<8x16xf32>
  %e1 = tl.map "bi->bi" add %e {scalar = 1.0 : f64} : tensor<8x16xf32> -> tensor<8x16xf32>
  %ee = tl.map "bi,bi->bi" mul %e, %e1 : tensor<8x16xf32>, tensor<8x16xf32> -> tensor<8x16xf32>
  // sqrt(max over b of |x|)
  %a = tl.map "bi->bi" abs %x : tensor<8x16xf32> -> tensor<8x16xf32>
  %am = tl.reduce max %a axes [0] : tensor<8x16xf32> -> tensor<16xf32>
  %ar = tl.map "i->i" sqrt %am : tensor<16xf32> -> tensor<16xf32>
  return %h, %masked, %p, %n, %nm, %ee, %e, %ar
      : tensor<8x10xf32>, tensor<10x8xf32>, tensor<8x10xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8x16xf32>, tensor<8x16xf32>, tensor<16xf32>
}
