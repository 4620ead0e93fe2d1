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
    element) and the bytes they read and write, to stderr. Run it before
    and after an optimisation pipeline to see what the pipeline did
    (`tlc --tl-print-graph-stats`). The IR is not changed.
  }];
  let options = [
    Option<"title", "title", "std::string", "\"\"",
           "Heading of the report">,
  ];
}

#endif
