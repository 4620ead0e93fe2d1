//===- Passes.td - graph passes on the tl dialect ---------*- tablegen -*-===//
#ifndef TLC_DIALECT_TL_TRANSFORMS_PASSES_TD
#define TLC_DIALECT_TL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TLContractionOrder : Pass<"tl-contraction-order"> {
  let summary = "Split N-ary einsums into the cheapest tree of binary einsums";
  let description = [{
    Every `tl.einsum` with three or more operands becomes a tree of binary
    einsums that minimises the number of operations, counted as opt_einsum
    counts them: a pairwise contraction costs the product of the sizes of
    all indices involved, twice when an index is summed. Up to
    `exhaustive-limit` operands (default 16) the search is exact (dynamic
    programming over subsets of operands: every split of every subset), and
    greedy beyond (repeatedly contract the pair with the smallest cost).
    `memory-limit` bounds the number of elements of any intermediate (0: no
    bound); trees that break it are not considered, and an einsum with no
    valid tree is left alone. Splitting needs the semiring's sum to
    distribute over its product: it does for `plus_times`, `or_and`,
    `max_plus` and `min_plus`, so results are the same up to floating-point
    rounding; `max_times` einsums are left alone, since max distributes over
    products only of non-negative numbers.

    Operands with a repeated letter (a diagonal) or a size-1 broadcast
    dimension are left as they are: the einsum keeps them.

    With `print-paths`, a remark at each einsum gives the chosen path, its
    cost and its largest intermediate (`--tl-print-contraction-paths` in
    tlc).
  }];
  let options = [
    Option<"exhaustiveLimit", "exhaustive-limit", "unsigned", "16",
           "Largest operand count searched exhaustively">,
    Option<"memoryLimit", "memory-limit", "int64_t", "0",
           "Largest intermediate in elements (0: no limit)">,
    Option<"printPaths", "print-paths", "bool", "false",
           "Emit a remark with each chosen contraction path">,
  ];
}

def TLFuse : Pass<"tl-fuse"> {
  let summary = "Group elementwise maps with their contractions into tl.fused ops";
  let description = [{
    Forms groups of ops that are computed in one loop nest, and wraps each
    in a `tl.fused` op, which `tl-to-linalg` lowers to one `linalg.generic`.
    Within each function body and `tl.fixpoint` body:

    1. Each contraction (`tl.einsum`, or `tl.reduce` other than
       `logsumexp`), in order, takes
       - its **prologue**: `tl.map`s producing its operands (scaling,
         casting) that only the group reads, and the maps those read
         elementwise. Unless every operand spans all of the contraction's
         loops (a reduction's does; a matrix product's do not), a prologue
         map is evaluated once per point of the loop nest rather than once
         per element, so only cheap functions qualify (not `exp log
         sigmoid tanh sqrt pow div`);
       - its **epilogue**, if a `tl.map` reads its result elementwise (the
         same elements, possibly transposed) and nothing else reads it:
         the chain of such maps (bias add with broadcast operands,
         activation, scaling, masking), then elementwise producers of their
         other operands and elementwise consumers of their results. A
         `tl.reduce` takes an epilogue only when its axes are the trailing
         ones, so that the epilogue follows each point's reduction without
         reordering the loop nest.
    2. The remaining `tl.map`s form trees: a map joins the group of a map
       that reads its result elementwise or whose result it reads
       elementwise.

    A group never recomputes a contraction or a reduction (a contraction
    result read with a broadcast, as in `x - max(x)`, or read by several
    ops, stays outside), and never drops a value needed elsewhere: a group
    value read outside the group is one of its results, computed once. A
    map read with a broadcast is not grouped with its reader (that would
    evaluate it once per broadcast element), and a value read by both a
    contraction and its epilogue stays outside. Groups are convex: no path
    leaves a group and comes back. `tl.softmax` and `logsumexp` are never
    grouped. Splat constants a group reads are copied into it.

    A group holds at most `max-ops` ops (default 64): fusing a group in
    the lowering costs time quadratic in its size, and longer chains gain
    nothing more.

    `prologue`, `epilogue` and `elementwise` turn the three kinds off
    (for measurements).
  }];
  let options = [
    Option<"prologue", "prologue", "bool", "true",
           "Fuse maps producing a contraction's operands">,
    Option<"epilogue", "epilogue", "bool", "true",
           "Fuse maps consuming a contraction's result">,
    Option<"elementwise", "elementwise", "bool", "true",
           "Fuse trees of elementwise maps">,
    Option<"maxOps", "max-ops", "unsigned", "64",
           "Largest number of ops in a group">,
  ];
}

def TLFoldConstants : Pass<"tl-fold-constants", "mlir::ModuleOp"> {
  let summary = "Evaluate tl ops whose operands are all constants";
  let description = [{
    A `tl.map`, `tl.einsum`, `tl.reduce` or `tl.softmax` whose operands
    are all `tl.constant`s (and whose results have at most `max-elements`
    elements) is replaced by a `tl.constant` of its value. The value is
    computed by the reference interpreter, the oracle of the tests, so a
    folded op means exactly what the unfolded one does.
  }];
  let options = [
    Option<"maxElements", "max-elements", "int64_t", "1 << 16",
           "Largest result folded, in elements">,
  ];
  let dependentDialects = ["mlir::func::FuncDialect"];
}

def TLPruneOutputs : Pass<"tl-prune-outputs", "mlir::ModuleOp"> {
  let summary = "Drop entry point results the user does not want";
  let description = [{
    Removes the results named in `names` (by their `tl.name`, or `outN` for
    an unnamed N-th output, as the C header names them) from every entry point. The ops only they
    needed become dead, and canonicalization removes them (all tl ops are
    side-effect free).
  }];
  let options = [
    ListOption<"names", "names", "std::string", "Results to drop">,
  ];
}

def TLGraphStats : Pass<"tl-graph-stats", "mlir::ModuleOp"> {
  let summary = "Print op counts, flops and bytes moved of each function";
  let description = [{
    Prints, for each function, the number of tl ops of each kind, the
    arithmetic operations they perform (an einsum: the product of its loop
    sizes times the operations per point, as opt_einsum counts; a map: one
    per element; a reduction: one per input element; a softmax: five per
    element) and the bytes they read and write, to stderr. A `tl.fused`
    group counts as one op more, and its ops count their operations but no
    bytes: the group reads its operands and writes its results once. Run it before
    and after an optimisation pipeline to see what the pipeline did
    (`tlc --tl-print-graph-stats`). The IR is not changed.
  }];
  let options = [
    Option<"title", "title", "std::string", "\"\"",
           "Heading of the report">,
  ];
}

def TLProfile : Pass<"tl-profile", "mlir::ModuleOp"> {
  let summary = "Wrap each kernel in calls to libtlrt's profiling hooks";
  let description = [{
    Each kernel of each function (a `tl.fused` group, a `tl.fixpoint` loop
    as a whole, or another tl op outside them; not constants) is
    bracketed by `func.call @tlrt_profile_begin(%info)` and
    `func.call @tlrt_profile_end(%info)`. `%info` is the address of an
    `llvm.mlir.global` describing the kernel (libtlrt's `tlrt_op_info`):
    an id (its position in the function, counting from 0, so it is stable
    across compilations of the same graph), a name (`einsum bi,ij->bj`,
    `map relu`, `fused: einsum ... + map add + map relu`, `fixpoint: ...`),
    the source
    location (`FILE:LINE:COL`, the first file location of the op) and the
    work of one call as `tl-graph-stats` counts it (flops; bytes of the
    operands and results). `tlc --profile` runs it after the graph passes;
    without it the code has no hooks at all. The object then needs
    libtlrt (`-ltlrt`).
  }];
  let dependentDialects = [
    "mlir::LLVM::LLVMDialect", "mlir::func::FuncDialect"
  ];
}

def TLCheckBatch : Pass<"tl-check-batch", "mlir::ModuleOp"> {
  let summary = "Check that batch rows are independent; mark batched results";
  let description = [{
    For each function with arguments marked `tl.batched` (a `.tl` input
    declared with a `?` first dimension), follows that dimension through
    the graph: through einsums and maps (by their index letters), reductions
    and softmax (by their axes) and fused groups. Each batch row of a result
    must depend only on the same row of the batched inputs, because
    compiled code runs the batch in chunks of rows: the pass rejects, with
    the op's location, a reduction or softmax over the batch dimension, an
    einsum that sums over it or pairs different rows of two operands, an
    operand indexed by the batch dimension that is not batched itself, a
    fixpoint over batched values (it converges over the whole batch at
    once), and a batched result whose batch dimension is not its first.
    Results that carry the batch dimension get `tl.batched` too.
  }];
}

def TLSpecializeBatch : Pass<"tl-specialize-batch", "mlir::ModuleOp"> {
  let summary = "Give the `?` (batch) dimension a size";
  let description = [{
    A `?` in a tl tensor type is the batch size, one size for the whole
    function, and only the first dimension of an argument may be `?`.
    This pass replaces every `?` in each function's types (arguments,
    block arguments, op results, results) with `size`, and marks the
    arguments that had one `tl.batched` (the form `.tl` programs with
    `input X[b, i] : f32[?, 784]` take directly). The op verifiers then
    check the sizes. Every other tl pass needs static shapes and says so
    on a `?`; `tlc` runs this pass right after reading the input: with a
    chunk of rows and one row when compiling (tl-batch-entries), and with
    the inputs' batch size in `tlc run`.
  }];
  let options = [
    Option<"size", "size", "int64_t", /*default=*/"1",
           "The batch size (at least 1)">,
  ];
}

#endif
