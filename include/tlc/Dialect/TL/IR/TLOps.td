//===- TLOps.td - TensorLogic operations ------------------*- tablegen -*-===//
#ifndef TLC_DIALECT_TL_IR_TLOPS_TD
#define TLC_DIALECT_TL_IR_TLOPS_TD

include "tlc/Dialect/TL/IR/TLDialect.td"
include "tlc/Dialect/TL/IR/TLAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// tl.einsum
//===----------------------------------------------------------------------===//

def TL_EinsumOp : TL_Op<"einsum", [Pure]> {
  let summary = "N-ary einsum over a semiring";
  let description = [{
    Contracts its operands as `numpy.einsum` does, with the semiring's
    combine in place of `*` and its reduction in place of `+`. The `spec`
    follows numpy's grammar in full: explicit (`"ij,jk->ik"`) and implicit
    output (`"ij,jk"`: letters seen once, sorted), repeated letters within an
    operand (diagonals and traces: `"ii->i"`, `"ii->"`), ellipsis
    broadcasting (`"...ij,...jk->...ik"`), size-1 broadcasting, scalars
    (rank-0 operands, `",ij->ij"`), upper- and lower-case letters, spaces and
    zero-size dimensions.

    | semiring | reduce | combine | element types |
    |---|---|---|---|
    | `plus_times` (default) | `+` | `*` | all (on `i1`: OR of AND) |
    | `or_and` | OR | AND | `i1` |
    | `max_plus` | max | `+` | numeric |
    | `min_plus` | min | `+` | numeric |
    | `max_times` | max | `*` | numeric |

    Integers wrap on overflow, as numpy's do. All operands and the result
    share one element type.

    ```mlir
    %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    %c = tl.einsum "xy,yz->xz" %p, %q {semiring = #tl.semiring<or_and>}
           : tensor<8x8xi1>, tensor<8x8xi1> -> tensor<8x8xi1>
    ```
  }];
  let arguments = (ins StrAttr:$spec, Variadic<AnyRankedTensor>:$inputs,
      DefaultValuedAttr<TL_SemiringAttr, "::tlc::tl::Semiring::plus_times">:$semiring);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $spec $inputs attr-dict `:` type($inputs) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

def TL_MapOp : TL_Op<"map", [Pure]> {
  let summary = "elementwise function over operands aligned by index names";
  let description = [{
    Applies `fn` elementwise. The `spec` names each operand's dimensions and
    the result's (`"bh,h->bh"`): operands broadcast by index name, every
    result index appears in some operand and every operand index in the
    result. An optional `scalar` attribute is an extra, last argument of the
    function (`tl.map "i->i" mul %x {scalar = 2.0 : f64}` is `2 * x`).

    Functions: binary `add sub mul div max min pow`; unary `relu sigmoid
    tanh exp log sqrt abs neg step one_minus cast` (`step(x)` is 1 where
    `x > 0`, else 0; `cast` converts to the result element type);
    comparisons `eq ne lt le gt ge` (result `i1`); Boolean `and or xor not`
    (on `i1`); `select(c, a, b)`. `sigmoid tanh exp log sqrt pow` need
    floating-point operands.

    ```mlir
    %y = tl.map "bh,h->bh" add %x, %b : tensor<4x8xf32>, tensor<8xf32> -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins StrAttr:$spec, TL_MapFnAttr:$fn,
      Variadic<AnyRankedTensor>:$inputs, OptionalAttr<F64Attr>:$scalar);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $spec $fn $inputs attr-dict `:` type($inputs) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// Number of arguments `fn` takes.
    static unsigned getArity(::tlc::tl::MapFn fn);
  }];
}

//===----------------------------------------------------------------------===//
// tl.reduce
//===----------------------------------------------------------------------===//

def TL_ReduceOp : TL_Op<"reduce", [Pure]> {
  let summary = "reduction over given axes";
  let description = [{
    Reduces `input` over `axes` (distinct, in range); the result keeps the
    other dimensions in order. `sum max min prod` work on every element type
    (on `i1`, sum and max are OR, prod and min are AND); `mean` and
    `logsumexp` (computed as `m + log(sum(exp(x - m)))` with `m` the maximum)
    need floating point.

    ```mlir
    %s = tl.reduce sum %x axes [1] : tensor<4x5xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins TL_ReduceKindAttr:$kind, AnyRankedTensor:$input,
      DenseI64ArrayAttr:$axes);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $kind $input `axes` $axes attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// tl.softmax
//===----------------------------------------------------------------------===//

def TL_SoftmaxOp : TL_Op<"softmax", [Pure]> {
  let summary = "numerically stable softmax along one axis";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along `axis` (the paper's `p'.`
    notation). Floating point only.

    ```mlir
    %p = tl.softmax %x axis 1 : tensor<4x5xf32> -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `axis` $axis attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// tl.constant
//===----------------------------------------------------------------------===//

def TL_ConstantOp : TL_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "dense constant tensor";
  let description = [{
    ```mlir
    %w = tl.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// tl.fixpoint
//===----------------------------------------------------------------------===//

def TL_FixpointOp : TL_Op<"fixpoint", [RecursiveMemoryEffects, SingleBlock]> {
  let summary = "iterate a region until its state stops changing";
  let description = [{
    Recursion: evaluates the body on the state, starting from `inits`, until
    the state no longer changes or `max_iterations` evaluations have run.

    ```
    state := inits; converged := false
    repeat at most max_iterations times:
      next := body(state)
      changed := some element of some state tensor changed
      state := next
      if not changed: converged := true; stop
    results: state..., converged
    ```

    A floating-point element is unchanged when `next == state` or
    `|next - state| <= tolerance` (computed in the element type, with
    `tolerance` rounded to it): equal infinities are unchanged and a NaN
    always counts as a change. Integer and Boolean elements are unchanged
    only when equal; `tolerance` does not apply to them. The last result,
    `tensor<i1>`, says whether the state converged; when it is false the
    state results hold the last iterate. A function may return it with the
    result attribute `tl.status` to make it the C entry point's status (0:
    converged, 1: a fixpoint did not converge within its bound).

    The body has one block whose arguments are the state (types equal to
    those of `inits`) and holds tl ops ending in `tl.yield` of the next
    state. It may use values defined above it (an edge relation, weights).

    ```mlir
    %tc, %ok = tl.fixpoint %e {max_iterations = 41 : i64}
        : tensor<40x40xi1> -> tensor<40x40xi1>, tensor<i1> {
    ^bb0(%r: tensor<40x40xi1>):
      %p = tl.einsum "xy,yz->xz" %r, %e {semiring = #tl.semiring<or_and>}
             : tensor<40x40xi1>, tensor<40x40xi1> -> tensor<40x40xi1>
      %n = tl.map "xz,xz->xz" or %r, %p
             : tensor<40x40xi1>, tensor<40x40xi1> -> tensor<40x40xi1>
      tl.yield %n : tensor<40x40xi1>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inits,
      I64Attr:$max_iterations,
      DefaultValuedAttr<F64Attr, "0.0">:$tolerance);
  let results = (outs Variadic<AnyRankedTensor>:$results,
      AnyRankedTensor:$converged);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $inits attr-dict `:` type($inits) `->`
    custom<FixpointResultTypes>(type($results), type($converged)) $body
  }];
  let builders = [
    // Results follow from `inits`; the body gets one block with the state
    // arguments, and the caller adds its ops and the tl.yield.
    OpBuilder<(ins "::mlir::ValueRange":$inits, "int64_t":$maxIterations,
        CArg<"double", "0.0">:$tolerance)>
  ];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The terminator of the body.
    YieldOp getYield();
  }];
}

//===----------------------------------------------------------------------===//
// tl.fused
//===----------------------------------------------------------------------===//

def TL_FusedOp : TL_Op<"fused", [IsolatedFromAbove, RecursiveMemoryEffects,
    RecursivelySpeculatable, SingleBlock]> {
  let summary = "a group of ops that lowers to one loop nest";
  let description = [{
    Made by `tl-fuse`: a group of tl ops that is computed in one pass over
    memory. The body has one block whose arguments are the operands (same
    types, in order) and holds tl ops only, ending in `tl.yield` of the
    results. It is isolated from above: everything it reads is an operand.
    Its meaning is that of the body evaluated on the operands; only the
    lowering differs (the group's intermediate tensors are not
    materialised).

    The body may hold any tl op but `tl.fixpoint` and `tl.fused`. The groups
    `tl-fuse` forms hold at most one contraction (`tl.einsum`, or
    `tl.reduce` of kind `sum`, `max`, `min`, `prod` or `mean`) and `tl.map`s:
    maps feeding the contraction's operands (the prologue), maps consuming
    its result elementwise (the epilogue), or, without a contraction, a tree
    of elementwise maps; such a group lowers to one `linalg.generic`
    (see `tl-to-linalg`; a `mean` over leading axes keeps its division
    apart). Any other body is lowered op by op, which is correct but not
    fused.

    ```mlir
    %h = tl.fused %x, %w, %b : tensor<8x16xf32>, tensor<16x10xf32>, tensor<10xf32> -> tensor<8x10xf32> {
    ^bb0(%a: tensor<8x16xf32>, %c: tensor<16x10xf32>, %d: tensor<10xf32>):
      %0 = tl.einsum "bi,ih->bh" %a, %c : tensor<8x16xf32>, tensor<16x10xf32> -> tensor<8x10xf32>
      %1 = tl.map "bh,h->bh" add %0, %d : tensor<8x10xf32>, tensor<10xf32> -> tensor<8x10xf32>
      %2 = tl.map "bh->bh" relu %1 : tensor<8x10xf32> -> tensor<8x10xf32>
      tl.yield %2 : tensor<8x10xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    ($inputs^ `:` type($inputs))? `->` type($results) attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The terminator of the body.
    YieldOp getYield();
  }];
}

def TL_YieldOp : TL_Op<"yield", [Pure, Terminator,
    ParentOneOf<["FixpointOp", "FusedOp"]>]> {
  let summary = "results of a tl.fixpoint or tl.fused body";
  let description = [{
    Ends the body of `tl.fixpoint` with the next state (one value per state
    tensor, of the same types), or the body of `tl.fused` with its results.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif
