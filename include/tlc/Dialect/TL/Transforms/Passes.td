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
    valid tree is left alone. Every semiring is associative and
    commutative, so the result is the same up to floating-point rounding.

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

#endif
