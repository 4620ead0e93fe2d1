// tl-fuse: groups of a contraction with its prologue and epilogue, and
// trees of elementwise maps, become tl.fused ops; cases that must not
// change are marked so.
// RUN: tlc-opt %s -split-input-file --tl-fuse | FileCheck %s
// RUN: tlc-opt %s -split-input-file --tl-fuse=epilogue=false | FileCheck %s --check-prefix=NOEPI
// RUN: tlc-opt %s -split-input-file --tl-fuse=prologue=false | FileCheck %s --check-prefix=NOPRO
// RUN: tlc-opt %s -split-input-file --tl-fuse=elementwise=false | FileCheck %s --check-prefix=NOEW
// RUN: tlc-opt %s -split-input-file --tl-fuse="prologue=false epilogue=false elementwise=false" | FileCheck %s --check-prefix=NONE
// RUN: tlc-opt %s -split-input-file --tl-fuse=max-ops=2 | FileCheck %s --check-prefix=CAP

// Epilogue: a broadcast bias and an activation after a matrix product.
// CHECK-LABEL: func.func @mlp
// CHECK-SAME:    (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x10xf32>, %[[B:.*]]: tensor<10xf32>)
// CHECK-NEXT:    %[[H:.*]] = tl.fused %[[X]], %[[W]], %[[B]] : tensor<8x16xf32>, tensor<16x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
// CHECK-NEXT:    ^bb0(%[[A0:.*]]: tensor<8x16xf32>, %[[A1:.*]]: tensor<16x10xf32>, %[[A2:.*]]: tensor<10xf32>):
// CHECK-NEXT:      %[[E:.*]] = tl.einsum "bi,ih->bh" %[[A0]], %[[A1]]
// CHECK-NEXT:      %[[Z:.*]] = tl.map "bh,h->bh" add %[[E]], %[[A2]]
// CHECK-NEXT:      %[[R:.*]] = tl.map "bh->bh" relu %[[Z]]
// CHECK-NEXT:      tl.yield %[[R]] : tensor<8x10xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[H]]
// NOEPI-LABEL: func.func @mlp
// NOEPI-NEXT:    %[[E:.*]] = tl.einsum "bi,ih->bh"
// NOEPI-NEXT:    tl.fused %[[E]], %{{.*}} : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
// NOEPI:           tl.map "bh,h->bh" add
// NOEPI-NEXT:      tl.map "bh->bh" relu
// NONE-LABEL: func.func @mlp
// NONE-NOT:      tl.fused
func.func @mlp(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %b: tensor<10xf32>) -> tensor<8x10xf32> {
  %xw = tl.einsum "bi,ih->bh" %x, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %z = tl.map "bh,h->bh" add %xw, %b : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
  %h = tl.map "bh->bh" relu %z : tensor<8x10xf32> -> tensor<8x10xf32>
  return %h : tensor<8x10xf32>
}

// -----

// Epilogue read transposed: scaling and masking; the splat constant is
// copied into the group.
// CHECK-LABEL: func.func @masked_scores
// CHECK-NEXT:    tl.fused %arg0, %arg1, %arg2 : tensor<4x8xf32>, tensor<6x8xf32>, tensor<4x6xi1> -> tensor<6x4xf32> {
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      %[[C:.*]] = tl.constant dense<-1.000000e+30> : tensor<6x4xf32>
// CHECK-NEXT:      %[[S:.*]] = tl.einsum "tk,sk->ts"
// CHECK-NEXT:      %[[T:.*]] = tl.map "ts->st" mul %[[S]]
// CHECK-NEXT:      %[[R:.*]] = tl.map "ts,st,st->st" select %{{.*}}, %[[T]], %[[C]]
// CHECK-NEXT:      tl.yield %[[R]]
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @masked_scores(%q: tensor<4x8xf32>, %k: tensor<6x8xf32>, %m: tensor<4x6xi1>) -> tensor<6x4xf32> {
  %s = tl.einsum "tk,sk->ts" %q, %k : tensor<4x8xf32>, tensor<6x8xf32> -> tensor<4x6xf32>
  %c = tl.map "ts->st" mul %s {scalar = 0.25 : f64} : tensor<4x6xf32> -> tensor<6x4xf32>
  %ninf = tl.constant dense<-1.0e30> : tensor<6x4xf32>
  %r = tl.map "ts,st,st->st" select %m, %c, %ninf : tensor<4x6xi1>, tensor<6x4xf32>, tensor<6x4xf32> -> tensor<6x4xf32>
  return %r : tensor<6x4xf32>
}

// -----

// Prologue: a cast and a scaling of a contraction's operands.
// CHECK-LABEL: func.func @prologue
// CHECK-NEXT:    tl.fused %arg0, %arg1 : tensor<8x16xi32>, tensor<16x10xf32> -> tensor<8x10xf32> {
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      %[[XF:.*]] = tl.map "bi->bi" cast
// CHECK-NEXT:      %[[WS:.*]] = tl.map "ih->ih" mul
// CHECK-NEXT:      %[[R:.*]] = tl.einsum "bi,ih->bh" %[[XF]], %[[WS]]
// CHECK-NEXT:      tl.yield %[[R]]
// NOPRO-LABEL: func.func @prologue
// NOPRO-NOT:     tl.fused
func.func @prologue(%x: tensor<8x16xi32>, %w: tensor<16x10xf32>) -> tensor<8x10xf32> {
  %xf = tl.map "bi->bi" cast %x : tensor<8x16xi32> -> tensor<8x16xf32>
  %ws = tl.map "ih->ih" mul %w {scalar = 0.5 : f64} : tensor<16x10xf32> -> tensor<16x10xf32>
  %r = tl.einsum "bi,ih->bh" %xf, %ws : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  return %r : tensor<8x10xf32>
}

// -----

// An exp on an operand that does not span the product's loops would be
// evaluated 10 times per element: it stays outside. The same exp feeding a
// reduction over all its elements joins the group.
// CHECK-LABEL: func.func @expensive_prologue
// NOPRO-LABEL: func.func @expensive_prologue
// CHECK-NEXT:    %[[E:.*]] = tl.map "bi->bi" exp %arg0
// CHECK-NEXT:    %[[R:.*]] = tl.einsum "bi,ih->bh" %[[E]], %arg1
// CHECK-NEXT:    %[[S:.*]] = tl.fused %arg2 : tensor<8x16xf32> -> tensor<8xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<8x16xf32>):
// CHECK-NEXT:      %[[F:.*]] = tl.map "bi->bi" exp %[[A]]
// CHECK-NEXT:      %[[T:.*]] = tl.einsum "bi->b" %[[F]]
// CHECK-NEXT:      tl.yield %[[T]]
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]], %[[S]]
func.func @expensive_prologue(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %v: tensor<8x16xf32>) -> (tensor<8x10xf32>, tensor<8xf32>) {
  %e = tl.map "bi->bi" exp %x : tensor<8x16xf32> -> tensor<8x16xf32>
  %r = tl.einsum "bi,ih->bh" %e, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %f = tl.map "bi->bi" exp %v : tensor<8x16xf32> -> tensor<8x16xf32>
  %s = tl.einsum "bi->b" %f : tensor<8x16xf32> -> tensor<8xf32>
  return %r, %s : tensor<8x10xf32>, tensor<8xf32>
}

// -----

// A reduction with the map feeding it and an epilogue; the epilogue value
// also returned becomes a second result.
// CHECK-LABEL: func.func @norms
// CHECK-NEXT:    %[[G:.*]]:2 = tl.fused %arg0 : tensor<4x5xf32> -> tensor<4xf32>, tensor<4xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x5xf32>):
// CHECK-NEXT:      %[[SQ:.*]] = tl.map "ij,ij->ij" mul %[[A]], %[[A]]
// CHECK-NEXT:      %[[S:.*]] = tl.reduce sum %[[SQ]] axes [1]
// CHECK-NEXT:      %[[N:.*]] = tl.map "i->i" sqrt %[[S]]
// CHECK-NEXT:      %[[R:.*]] = tl.map "i->i" div %[[N]]
// CHECK-NEXT:      tl.yield %[[N]], %[[R]] : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[G]]#1, %[[G]]#0
func.func @norms(%x: tensor<4x5xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %sq = tl.map "ij,ij->ij" mul %x, %x : tensor<4x5xf32>, tensor<4x5xf32> -> tensor<4x5xf32>
  %s = tl.reduce sum %sq axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  %n = tl.map "i->i" sqrt %s : tensor<4xf32> -> tensor<4xf32>
  %r = tl.map "i->i" div %n {scalar = 2.0 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %r, %n : tensor<4xf32>, tensor<4xf32>
}

// -----

// mean heads a group (its division joins the epilogue when lowered).
// CHECK-LABEL: func.func @mean_epilogue
// CHECK-NEXT:    tl.fused %arg0
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      tl.reduce mean
// CHECK-NEXT:      tl.map "i->i" neg
// CHECK-NEXT:      tl.yield
func.func @mean_epilogue(%x: tensor<4x5xf32>) -> tensor<4xf32> {
  %m = tl.reduce mean %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  %r = tl.map "i->i" neg %m : tensor<4xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A tree of elementwise maps, one operand read transposed; the
// intermediate also returned is a result, computed once.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT:    %[[G:.*]]:2 = tl.fused %arg0, %arg1 : tensor<4x5xf32>, tensor<5x4xf32> -> tensor<4x5xf32>, tensor<4x5xf32> {
// CHECK-NEXT:    ^bb0(%[[X:.*]]: tensor<4x5xf32>, %[[Y:.*]]: tensor<5x4xf32>):
// CHECK-NEXT:      %[[A:.*]] = tl.map "ij->ij" exp %[[X]]
// CHECK-NEXT:      %[[B:.*]] = tl.map "ij,ji->ij" add %[[A]], %[[Y]]
// CHECK-NEXT:      %[[C:.*]] = tl.map "ij,ij->ij" mul %[[A]], %[[B]]
// CHECK-NEXT:      tl.yield %[[A]], %[[C]] : tensor<4x5xf32>, tensor<4x5xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[G]]#1, %[[G]]#0
// NOEW-LABEL: func.func @chain
// NOEW-NOT:      tl.fused
func.func @chain(%x: tensor<4x5xf32>, %y: tensor<5x4xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>) {
  %a = tl.map "ij->ij" exp %x : tensor<4x5xf32> -> tensor<4x5xf32>
  %b = tl.map "ij,ji->ij" add %a, %y : tensor<4x5xf32>, tensor<5x4xf32> -> tensor<4x5xf32>
  %c = tl.map "ij,ij->ij" mul %a, %b : tensor<4x5xf32>, tensor<4x5xf32> -> tensor<4x5xf32>
  return %c, %a : tensor<4x5xf32>, tensor<4x5xf32>
}

// -----

// Groups form inside fixpoint bodies too.
// CHECK-LABEL: func.func @in_fixpoint
// NOEW-LABEL: func.func @in_fixpoint
// CHECK:         tl.fixpoint
// CHECK-NEXT:    ^bb0(%[[R:.*]]: tensor<8x8xi1>):
// CHECK-NEXT:      %[[G:.*]] = tl.fused %[[R]], %arg0
// CHECK-NEXT:      ^bb0(
// CHECK-NEXT:        tl.einsum "xy,yz->xz"
// CHECK-NEXT:        tl.map "xz,xz->xz" or
// CHECK-NEXT:        tl.yield
// CHECK-NEXT:      }
// CHECK-NEXT:      tl.yield %[[G]]
func.func @in_fixpoint(%e: tensor<8x8xi1>) -> (tensor<8x8xi1>, tensor<i1>) {
  %tc, %ok = tl.fixpoint %e {max_iterations = 9 : i64} : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
  ^bb0(%r: tensor<8x8xi1>):
    %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    %n = tl.map "xz,xz->xz" or %r, %p : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    tl.yield %n : tensor<8x8xi1>
  }
  return %tc, %ok : tensor<8x8xi1>, tensor<i1>
}

// -----

// Must not change: the product is also returned, so an epilogue would
// have to store it anyway (or compute it twice).
// CHECK-LABEL: func.func @contraction_read_twice
// CHECK-NOT:     tl.fused
// CHECK:         return
func.func @contraction_read_twice(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>) -> (tensor<8x10xf32>, tensor<8x10xf32>) {
  %xw = tl.einsum "bi,ih->bh" %x, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  %h = tl.map "bh->bh" relu %xw : tensor<8x10xf32> -> tensor<8x10xf32>
  return %h, %xw : tensor<8x10xf32>, tensor<8x10xf32>
}

// -----

// Must not change the reduction: x - max(x) reads the maximum once per
// element of the row; fusing would recompute it. The two maps form a group.
// CHECK-LABEL: func.func @broadcast_of_reduction
// CHECK-NEXT:    %[[M:.*]] = tl.reduce max %arg0 axes [1]
// CHECK-NEXT:    tl.fused %arg0, %[[M]]
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      tl.map "ij,i->ij" sub
// CHECK-NEXT:      tl.map "ij->ij" exp
// CHECK-NEXT:      tl.yield
func.func @broadcast_of_reduction(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %m = tl.reduce max %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  %d = tl.map "ij,i->ij" sub %x, %m : tensor<4x5xf32>, tensor<4xf32> -> tensor<4x5xf32>
  %e = tl.map "ij->ij" exp %d : tensor<4x5xf32> -> tensor<4x5xf32>
  return %e : tensor<4x5xf32>
}

// -----

// Must not change: the exp would be evaluated once per row.
// CHECK-LABEL: func.func @broadcast_of_map
// CHECK-NOT:     tl.fused
// CHECK:         return
func.func @broadcast_of_map(%x: tensor<4x5xf32>, %v: tensor<5xf32>) -> tensor<4x5xf32> {
  %e = tl.map "j->j" exp %v : tensor<5xf32> -> tensor<5xf32>
  %r = tl.map "ij,j->ij" mul %x, %e : tensor<4x5xf32>, tensor<5xf32> -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

// Must not change: the scaled operand is also returned.
// CHECK-LABEL: func.func @prologue_read_twice
// CHECK-NOT:     tl.fused
// CHECK:         return
func.func @prologue_read_twice(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>) -> (tensor<8x10xf32>, tensor<8x16xf32>) {
  %xs = tl.map "bi->bi" mul %x {scalar = 2.0 : f64} : tensor<8x16xf32> -> tensor<8x16xf32>
  %r = tl.einsum "bi,ih->bh" %xs, %w : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
  return %r, %xs : tensor<8x10xf32>, tensor<8x16xf32>
}

// -----

// Must not change: softmax and logsumexp are never grouped.
// CHECK-LABEL: func.func @not_grouped
// CHECK-NOT:     tl.fused
// CHECK:         return
func.func @not_grouped(%x: tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<4xf32>) {
  %p = tl.softmax %x axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
  %r = tl.map "ij->ij" relu %p : tensor<4x5xf32> -> tensor<4x5xf32>
  %l = tl.reduce logsumexp %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
  %n = tl.map "i->i" neg %l : tensor<4xf32> -> tensor<4xf32>
  return %r, %n : tensor<4x5xf32>, tensor<4xf32>
}

// -----

// Must not change: exp -> softmax -> add and exp -> add; grouping exp and
// add would leave the softmax both before and after the group.
// CHECK-LABEL: func.func @non_convex
// CHECK-NOT:     tl.fused
// CHECK:         return
func.func @non_convex(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %a = tl.map "ij->ij" exp %x : tensor<4x5xf32> -> tensor<4x5xf32>
  %u = tl.softmax %a axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
  %b = tl.map "ij,ij->ij" add %a, %u : tensor<4x5xf32>, tensor<4x5xf32> -> tensor<4x5xf32>
  return %b : tensor<4x5xf32>
}

// -----

// A reduction over a leading axis keeps its loop order, so its epilogue
// would not follow each point's reduction: only the prologue joins.
// CHECK-LABEL: func.func @reduce_leading_axis
// CHECK-NEXT:    %[[G:.*]] = tl.fused %arg0
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      tl.map "ij->ij" abs
// CHECK-NEXT:      tl.reduce max
// CHECK-NEXT:      tl.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    tl.map "j->j" sqrt %[[G]]
func.func @reduce_leading_axis(%x: tensor<4x5xf32>) -> tensor<5xf32> {
  %a = tl.map "ij->ij" abs %x : tensor<4x5xf32> -> tensor<4x5xf32>
  %s = tl.reduce max %a axes [0] : tensor<4x5xf32> -> tensor<5xf32>
  %r = tl.map "j->j" sqrt %s : tensor<5xf32> -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// -----

// A chain of maps is one group, or groups of at most max-ops ops.
// CHECK-LABEL: func.func @long_chain
// CHECK-NEXT:    tl.fused
// CHECK-COUNT-4:   tl.map
// CHECK-NEXT:      tl.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// CAP-LABEL: func.func @long_chain
// CAP-NEXT:    %[[A:.*]] = tl.fused %arg0
// CAP-NEXT:    ^bb0(
// CAP-NEXT:      tl.map "i->i" exp
// CAP-NEXT:      tl.map "i->i" neg
// CAP-NEXT:      tl.yield
// CAP-NEXT:    }
// CAP-NEXT:    %[[B:.*]] = tl.fused %[[A]]
// CAP-NEXT:    ^bb0(
// CAP-NEXT:      tl.map "i->i" abs
// CAP-NEXT:      tl.map "i->i" sqrt
// CAP-NEXT:      tl.yield
// CAP-NEXT:    }
// CAP-NEXT:    return %[[B]]
func.func @long_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = tl.map "i->i" exp %x : tensor<4xf32> -> tensor<4xf32>
  %b = tl.map "i->i" neg %a : tensor<4xf32> -> tensor<4xf32>
  %c = tl.map "i->i" abs %b : tensor<4xf32> -> tensor<4xf32>
  %d = tl.map "i->i" sqrt %c : tensor<4xf32> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
