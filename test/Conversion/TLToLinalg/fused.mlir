// tl-to-linalg on tl.fused: one linalg.generic per group. Elementwise
// producers are fused upstream's way; a contraction's epilogue runs in the
// consumer's generic after an scf.for over the reduced loops.
// RUN: tlc-opt %s -split-input-file --tl-lower-fixpoint --tl-to-linalg -mlir-print-local-scope | FileCheck %s

// Contraction and epilogue: one generic over the result points; the
// reduction is an scf.for with the accumulator in a scalar, and the bias
// and relu follow it. The product's result tensor is gone.
// CHECK-LABEL: func.func @mlp
// CHECK-SAME:    (%[[X:.*]]: tensor<8x16xf32> {{.*}}, %[[W:.*]]: tensor<16x10xf32> {{.*}}, %[[B:.*]]: tensor<10xf32> {{.*}})
// CHECK-DAG:     %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<8x10xf32>
// CHECK-NEXT:    %[[R:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[B]] : tensor<10xf32>) outs(%[[EMPTY]] : tensor<8x10xf32>) {
// CHECK-NEXT:    ^bb0(%[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[ACC:.*]] = scf.for %[[K:.*]] = %[[C0]] to %[[C16]] step %[[C1]] iter_args(%[[A:.*]] = %[[ZERO]]) -> (f32) {
// CHECK-NEXT:        %[[XV:.*]] = tensor.extract %[[X]][%[[I]], %[[K]]] : tensor<8x16xf32>
// CHECK-NEXT:        %[[WV:.*]] = tensor.extract %[[W]][%[[K]], %[[J]]] : tensor<16x10xf32>
// CHECK-NEXT:        %[[P:.*]] = arith.mulf %[[XV]], %[[WV]] fastmath<contract> : f32
// CHECK-NEXT:        %[[S:.*]] = arith.addf %[[A]], %[[P]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:        scf.yield %[[S]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[Z:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT:      %[[H:.*]] = arith.maximumf %[[Z]], %[[ZERO]] : f32
// CHECK-NEXT:      linalg.yield %[[H]] : f32
// CHECK-NEXT:    } -> tensor<8x10xf32>
// CHECK-NEXT:    return %[[R]]
func.func @mlp(%x: tensor<8x16xf32>, %w: tensor<16x10xf32>, %b: tensor<10xf32>) -> tensor<8x10xf32> {
  %h = tl.fused %x, %w, %b : tensor<8x16xf32>, tensor<16x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
  ^bb0(%a: tensor<8x16xf32>, %c: tensor<16x10xf32>, %d: tensor<10xf32>):
    %0 = tl.einsum "bi,ih->bh" %a, %c : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
    %1 = tl.map "bh,h->bh" add %0, %d : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
    %2 = tl.map "bh->bh" relu %1 : tensor<8x10xf32> -> tensor<8x10xf32>
    tl.yield %2 : tensor<8x10xf32>
  }
  return %h : tensor<8x10xf32>
}

// -----

// A tree of maps: one generic with a result per group result; exp is
// computed once.
// CHECK-LABEL: func.func @chain
// CHECK:         %[[R:.*]]:2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg1 : tensor<4x5xf32>, tensor<5x4xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[A:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT:      %[[B:.*]] = arith.addf %[[A]], %[[Y]] : f32
// CHECK-NEXT:      %[[C:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT:      linalg.yield %[[A]], %[[C]] : f32, f32
// CHECK-NEXT:    } -> (tensor<4x5xf32>, tensor<4x5xf32>)
// CHECK-NEXT:    return %[[R]]#1, %[[R]]#0
func.func @chain(%x: tensor<4x5xf32>, %y: tensor<5x4xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>) {
  %r:2 = tl.fused %x, %y : tensor<4x5xf32>, tensor<5x4xf32> -> tensor<4x5xf32>, tensor<4x5xf32> {
  ^bb0(%a0: tensor<4x5xf32>, %a1: tensor<5x4xf32>):
    %a = tl.map "ij->ij" exp %a0 : tensor<4x5xf32> -> tensor<4x5xf32>
    %b = tl.map "ij,ji->ij" add %a, %a1 : tensor<4x5xf32>, tensor<5x4xf32> -> tensor<4x5xf32>
    %c = tl.map "ij,ij->ij" mul %a, %b : tensor<4x5xf32>, tensor<4x5xf32> -> tensor<4x5xf32>
    tl.yield %a, %c : tensor<4x5xf32>, tensor<4x5xf32>
  }
  return %r#1, %r#0 : tensor<4x5xf32>, tensor<4x5xf32>
}

// -----

// Prologue: the cast and the scaling move into the contraction's body
// (upstream elementwise fusion).
// CHECK-LABEL: func.func @prologue
// CHECK:         linalg.fill
// CHECK-NEXT:    %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<8x16xi32>, tensor<16x10xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[W:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[WS:.*]] = arith.mulf %[[W]], %{{.*}} : f32
// CHECK-NEXT:      %[[XF:.*]] = arith.sitofp %[[X]] : i32 to f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[XF]], %[[WS]] fastmath<contract> : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[OUT]], %[[P]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK-NEXT:    } -> tensor<8x10xf32>
// CHECK-NEXT:    return %[[R]]
func.func @prologue(%x: tensor<8x16xi32>, %w: tensor<16x10xf32>) -> tensor<8x10xf32> {
  %r = tl.fused %x, %w : tensor<8x16xi32>, tensor<16x10xf32> -> tensor<8x10xf32> {
  ^bb0(%a: tensor<8x16xi32>, %c: tensor<16x10xf32>):
    %xf = tl.map "bi->bi" cast %a : tensor<8x16xi32> -> tensor<8x16xf32>
    %ws = tl.map "ih->ih" mul %c {scalar = 0.5 : f64} : tensor<16x10xf32> -> tensor<16x10xf32>
    %e = tl.einsum "bi,ih->bh" %xf, %ws : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
    tl.yield %e : tensor<8x10xf32>
  }
  return %r : tensor<8x10xf32>
}

// -----

// Prologue, reduction and epilogue in one generic, with two results.
// CHECK-LABEL: func.func @norms
// CHECK:         %[[R:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel"]} outs(
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[ACC:.*]] = scf.for
// CHECK-NEXT:        %[[V:.*]] = tensor.extract %arg0[%[[I]], %{{.*}}] : tensor<4x5xf32>
// CHECK-NEXT:        %[[SQ:.*]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:        arith.addf %{{.*}}, %[[SQ]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:        scf.yield
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[N:.*]] = math.sqrt %[[ACC]] : f32
// CHECK-NEXT:      %[[H:.*]] = arith.divf %[[N]], %{{.*}} : f32
// CHECK-NEXT:      linalg.yield %[[N]], %[[H]] : f32, f32
// CHECK-NEXT:    } -> (tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT:    return %[[R]]#1, %[[R]]#0
// CHECK-NOT:     linalg.generic
func.func @norms(%x: tensor<4x5xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %g:2 = tl.fused %x : tensor<4x5xf32> -> tensor<4xf32>, tensor<4xf32> {
  ^bb0(%a: tensor<4x5xf32>):
    %sq = tl.map "ij,ij->ij" mul %a, %a : tensor<4x5xf32>, tensor<4x5xf32> -> tensor<4x5xf32>
    %s = tl.reduce sum %sq axes [1] : tensor<4x5xf32> -> tensor<4xf32>
    %n = tl.map "i->i" sqrt %s : tensor<4xf32> -> tensor<4xf32>
    %r = tl.map "i->i" div %n {scalar = 2.0 : f64} : tensor<4xf32> -> tensor<4xf32>
    tl.yield %n, %r : tensor<4xf32>, tensor<4xf32>
  }
  return %g#1, %g#0 : tensor<4xf32>, tensor<4xf32>
}

// -----

// mean's division follows the sum in the same loop nest.
// CHECK-LABEL: func.func @mean
// CHECK-DAG:     %[[FIVE:.*]] = arith.constant 5.000000e+00 : f32
// CHECK:         linalg.generic
// CHECK:           %[[S:.*]] = scf.for
// CHECK:           arith.divf %[[S]], %[[FIVE]] : f32
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @mean(%x: tensor<4x5xf32>) -> tensor<4xf32> {
  %g = tl.fused %x : tensor<4x5xf32> -> tensor<4xf32> {
  ^bb0(%a: tensor<4x5xf32>):
    %m = tl.reduce mean %a axes [1] : tensor<4x5xf32> -> tensor<4xf32>
    tl.yield %m : tensor<4xf32>
  }
  return %g : tensor<4xf32>
}

// -----

// A body that is not one of tl-fuse's groups (the maximum is read once per
// row element) is lowered op by op: correct, not fused.
// CHECK-LABEL: func.func @unfusable
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-NOT:     tl.
func.func @unfusable(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %g = tl.fused %x : tensor<4x5xf32> -> tensor<4x5xf32> {
  ^bb0(%a: tensor<4x5xf32>):
    %m = tl.reduce max %a axes [1] : tensor<4x5xf32> -> tensor<4xf32>
    %d = tl.map "ij,i->ij" sub %a, %m : tensor<4x5xf32>, tensor<4xf32> -> tensor<4x5xf32>
    tl.yield %d : tensor<4x5xf32>
  }
  return %g : tensor<4x5xf32>
}

// -----

// A group in a fixpoint body (lowered to scf.while first) is lowered in
// place.
// CHECK-LABEL: func.func @in_loop
// CHECK:         scf.while
// CHECK:         } do {
// CHECK:           %[[G:.*]] = linalg.generic
// CHECK:             scf.for
// CHECK:               arith.andi
// CHECK-NEXT:          arith.ori
// CHECK:             arith.ori
// CHECK:           scf.yield %[[G]],
// CHECK-NOT:     tl.
func.func @in_loop(%e: tensor<8x8xi1>) -> (tensor<8x8xi1>, tensor<i1>) {
  %tc, %ok = tl.fixpoint %e {max_iterations = 9 : i64} : tensor<8x8xi1> -> tensor<8x8xi1>, tensor<i1> {
  ^bb0(%r: tensor<8x8xi1>):
    %g = tl.fused %r, %e : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1> {
    ^bb0(%a: tensor<8x8xi1>, %b: tensor<8x8xi1>):
      %p = tl.einsum "xy,yz->xz" %a, %b {semiring = #tl.semiring<or_and>} : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
      %n = tl.map "xz,xz->xz" or %a, %p : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
      tl.yield %n : tensor<8x8xi1>
    }
    tl.yield %g : tensor<8x8xi1>
  }
  return %tc, %ok : tensor<8x8xi1>, tensor<i1>
}

// -----

// A group around a float contraction of at least 1 MFLOP (here
// 2 * 128 * 64 * 128 = 2.1 MFLOP) keeps the contraction a plain generic, so
// the CPU code generator can pack and vectorize it, and fuses only the
// epilogue maps with each other.
// CHECK-LABEL: func.func @large_mlp
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<128x64xf32>, tensor<64x128xf32>)
// CHECK:         arith.mulf
// CHECK:         arith.addf
// CHECK-NEXT:    linalg.yield
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]}
// CHECK:         arith.addf
// CHECK:         arith.maximumf
// CHECK-NOT:   scf.for
func.func @large_mlp(%x: tensor<128x64xf32>, %w: tensor<64x128xf32>, %b: tensor<128xf32>) -> tensor<128x128xf32> {
  %h = tl.fused %x, %w, %b : tensor<128x64xf32>, tensor<64x128xf32>, tensor<128xf32> -> tensor<128x128xf32> {
  ^bb0(%a: tensor<128x64xf32>, %c: tensor<64x128xf32>, %d: tensor<128xf32>):
    %0 = tl.einsum "bi,ih->bh" %a, %c : tensor<128x64xf32>, tensor<64x128xf32> -> tensor<128x128xf32>
    %1 = tl.map "bh,h->bh" add %0, %d : tensor<128x128xf32>, tensor<128xf32> -> tensor<128x128xf32>
    %2 = tl.map "bh->bh" relu %1 : tensor<128x128xf32> -> tensor<128x128xf32>
    tl.yield %2 : tensor<128x128xf32>
  }
  return %h : tensor<128x128xf32>
}
