//===- EinsumSpec.h - numpy.einsum subscript grammar -------------*- C++ -*-===//
//
// Parsing and shape binding for einsum specs. Shared by the verifier, the
// lowering and the reference interpreter so the three can never disagree.
//
//===----------------------------------------------------------------------===//
#ifndef TLC_DIALECT_TL_IR_EINSUMSPEC_H
#define TLC_DIALECT_TL_IR_EINSUMSPEC_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <limits>
#include <vector>

namespace tlc {

/// One comma-separated term of a spec. `labels` holds the letters in order;
/// `ellipsisPos` is the index in `labels` before which `...` stood, or -1.
struct EinsumTerm {
  std::string labels;
  int ellipsisPos = -1;
  bool hasEllipsis() const { return ellipsisPos >= 0; }
};

/// The syntax of a spec: input terms and, when `->` is present, the output.
struct ParsedEinsumSpec {
  std::vector<EinsumTerm> inputs;
  std::optional<EinsumTerm> output;
};

/// Parses `spec` with numpy.einsum's grammar (letters a-z A-Z, `...`, `,`,
/// `->`, spaces ignored). Returns std::nullopt and sets `error` on failure.
std::optional<ParsedEinsumSpec> parseEinsumSpec(llvm::StringRef spec,
                                                std::string &error);

/// A spec bound to operand shapes: the loop nest that evaluates it. Loops
/// [0, numOutputLoops) are the result dimensions in order; the rest are
/// reduced, in order of first appearance.
/// The size the binders accept for a batch dimension (`?`, MLIR's
/// ShapedType::kDynamic): it matches only itself (or broadcasts against 1).
inline constexpr int64_t kBatchSize = std::numeric_limits<int64_t>::min();

struct EinsumProblem {
  std::vector<int64_t> loopSizes;
  unsigned numOutputLoops = 0;
  /// For each operand and each of its dimensions: the loop indexing it, or
  /// -1 when the dimension has size 1 and broadcasts (always index 0).
  std::vector<std::vector<int>> inputLoops;
  std::vector<int64_t> resultShape() const {
    return {loopSizes.begin(), loopSizes.begin() + numOutputLoops};
  }
};

/// Binds an einsum spec to operand shapes following numpy.einsum: implicit
/// output, diagonals, ellipsis and size-1 broadcasting. Returns std::nullopt
/// and sets `error` on failure.
std::optional<EinsumProblem>
bindEinsumSpec(llvm::StringRef spec,
               llvm::ArrayRef<std::vector<int64_t>> shapes,
               std::string &error);

/// Binds a tl.map spec: explicit output, no ellipsis, no repeated letter in a
/// term, every operand letter in the output and every output letter in some
/// operand, one size per letter. All loops are output loops.
std::optional<EinsumProblem>
bindMapSpec(llvm::StringRef spec, llvm::ArrayRef<std::vector<int64_t>> shapes,
            std::string &error);

} // namespace tlc

#endif // TLC_DIALECT_TL_IR_EINSUMSPEC_H
