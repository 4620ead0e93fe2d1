// tl-check-batch: batched results get tl.batched; every way of making one
// batch row depend on another is an error at the op.
// RUN: tlc-opt %s -split-input-file --tl-check-batch --verify-diagnostics | FileCheck %s

// The batch dimension moves (a transpose inside is fine), survives
// reductions over other axes, fused groups and softmax over other axes; a
// result computed from parameters only is not batched.
// CHECK-LABEL: func.func @follows
// CHECK-SAME: -> (tensor<16x3xf32> {tl.batched}, tensor<16xf32> {tl.batched}, tensor<3xf32>)
func.func @follows(%x: tensor<16x4xf32> {tl.batched}, %w: tensor<4x3xf32>) -> (tensor<16x3xf32>, tensor<16xf32>, tensor<3xf32>) {
  %t = tl.einsum "bi->ib" %x : tensor<16x4xf32> -> tensor<4x16xf32>
  %y = tl.fused %t, %w : tensor<4x16xf32>, tensor<4x3xf32> -> tensor<16x3xf32> {
  ^bb0(%a: tensor<4x16xf32>, %b: tensor<4x3xf32>):
    %p = tl.einsum "ib,ij->bj" %a, %b : tensor<4x16xf32>, tensor<4x3xf32> -> tensor<16x3xf32>
    %r = tl.map "bj->bj" relu %p : tensor<16x3xf32> -> tensor<16x3xf32>
    tl.yield %r : tensor<16x3xf32>
  }
  %s = tl.softmax %y axis 1 : tensor<16x3xf32> -> tensor<16x3xf32>
  %m = tl.reduce max %s axes [1] : tensor<16x3xf32> -> tensor<16xf32>
  %c = tl.reduce sum %w axes [0] : tensor<4x3xf32> -> tensor<3xf32>
  return %s, %m, %c : tensor<16x3xf32>, tensor<16xf32>, tensor<3xf32>
}

// -----

func.func @reduce(%x: tensor<16x4xf32> {tl.batched}) -> tensor<4xf32> {
  // expected-error @+1 {{'tl.reduce' op reduces over the batch dimension; batch rows must stay independent}}
  %s = tl.reduce sum %x axes [0] : tensor<16x4xf32> -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

func.func @softmax(%x: tensor<16x4xf32> {tl.batched}) -> tensor<16x4xf32> {
  // expected-error @+1 {{'tl.softmax' op normalises over the batch dimension}}
  %s = tl.softmax %x axis 0 : tensor<16x4xf32> -> tensor<16x4xf32>
  return %s : tensor<16x4xf32>
}

// -----

func.func @sum(%x: tensor<16x4xf32> {tl.batched}, %w: tensor<16x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'tl.einsum' op sums over the batch dimension}}
  %s = tl.einsum "bi,bj->ij" %x, %x : tensor<16x4xf32>, tensor<16x4xf32> -> tensor<4x4xf32>
  return %s : tensor<4x4xf32>
}

// -----

func.func @pairs(%x: tensor<16x4xf32> {tl.batched}, %y: tensor<16x4xf32> {tl.batched}) -> tensor<16x16xf32> {
  // expected-error @+1 {{'tl.einsum' op pairs different batch rows of its operands}}
  %s = tl.einsum "bi,ci->bc" %x, %y : tensor<16x4xf32>, tensor<16x4xf32> -> tensor<16x16xf32>
  return %s : tensor<16x16xf32>
}

// -----

func.func @unbatched(%x: tensor<16x4xf32> {tl.batched}, %w: tensor<16x4xf32>) -> tensor<16x4xf32> {
  // expected-error @+1 {{'tl.map' op operand #1 is indexed by the batch dimension but is not batched}}
  %s = tl.map "bi,bi->bi" add %x, %w : tensor<16x4xf32>, tensor<16x4xf32> -> tensor<16x4xf32>
  return %s : tensor<16x4xf32>
}

// -----

func.func @fixpoint(%x: tensor<16x4xf32> {tl.batched}) -> (tensor<16x4xf32>, tensor<i1> {tl.status}) {
  // expected-error @+1 {{'tl.fixpoint' op iterates over batched values}}
  %r, %ok = tl.fixpoint %x {max_iterations = 3 : i64} : tensor<16x4xf32> -> tensor<16x4xf32>, tensor<i1> {
  ^bb0(%s: tensor<16x4xf32>):
    %n = tl.map "bi->bi" relu %s : tensor<16x4xf32> -> tensor<16x4xf32>
    tl.yield %n : tensor<16x4xf32>
  }
  return %r, %ok : tensor<16x4xf32>, tensor<i1>
}

// -----

func.func @not_first(%x: tensor<16x4xf32> {tl.batched}) -> tensor<4x16xf32> {
  %t = tl.einsum "bi->ib" %x : tensor<16x4xf32> -> tensor<4x16xf32>
  // expected-error @+1 {{'func.return' op result #0 has the batch dimension at position 1; a batched output must have it first}}
  return %t : tensor<4x16xf32>
}

// -----

// A fixpoint that reads a batched value from above, not as a state.
func.func @fixpoint_above(%x: tensor<16x4xf32> {tl.batched}, %s0: tensor<4xf32>) -> (tensor<4xf32>, tensor<i1> {tl.status}) {
  // expected-error @+1 {{'tl.fixpoint' op iterates over batched values}}
  %r, %ok = tl.fixpoint %s0 {max_iterations = 3 : i64} : tensor<4xf32> -> tensor<4xf32>, tensor<i1> {
  ^bb0(%s: tensor<4xf32>):
    %m = tl.einsum "bi,i->i" %x, %s : tensor<16x4xf32>, tensor<4xf32> -> tensor<4xf32>
    tl.yield %m : tensor<4xf32>
  }
  return %r, %ok : tensor<4xf32>, tensor<i1>
}
