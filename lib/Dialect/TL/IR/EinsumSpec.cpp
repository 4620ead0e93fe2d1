//===- EinsumSpec.cpp - numpy.einsum subscript grammar --------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <map>

using namespace tlc;

static bool isLabel(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static std::string quoteChar(char c) {
  if (c >= 32 && c < 127)
    return std::string("'") + c + "'";
  char buf[16];
  snprintf(buf, sizeof(buf), "0x%02x", (unsigned char)c);
  return buf;
}

/// Parses one term (no ',' or '->' inside).
static std::optional<EinsumTerm> parseTerm(llvm::StringRef text, size_t offset,
                                           std::string &error) {
  EinsumTerm term;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (isLabel(c)) {
      term.labels.push_back(c);
      ++i;
      continue;
    }
    if (c == '.') {
      if (!text.substr(i).starts_with("...")) {
        error = "malformed spec: '.' at position " + std::to_string(offset + i) +
                " is not part of an ellipsis '...'";
        return std::nullopt;
      }
      if (term.hasEllipsis()) {
        error = "malformed spec: more than one ellipsis in one term at "
                "position " +
                std::to_string(offset + i);
        return std::nullopt;
      }
      term.ellipsisPos = term.labels.size();
      i += 3;
      continue;
    }
    error = "malformed spec: unexpected character " + quoteChar(c) +
            " at position " + std::to_string(offset + i) +
            " (expected a letter a-z or A-Z, '...', ',' or '->')";
    return std::nullopt;
  }
  return term;
}

std::optional<ParsedEinsumSpec> tlc::parseEinsumSpec(llvm::StringRef spec,
                                                     std::string &error) {
  ParsedEinsumSpec parsed;
  llvm::StringRef lhs = spec, rhs;
  size_t arrow = spec.find("->");
  bool hasArrow = arrow != llvm::StringRef::npos;
  if (hasArrow) {
    lhs = spec.substr(0, arrow);
    rhs = spec.substr(arrow + 2);
    if (rhs.contains("->")) {
      error = "malformed spec: more than one '->'";
      return std::nullopt;
    }
  }
  for (size_t i = 0, e = spec.size(); i < e; ++i) {
    if (spec[i] == '-' && (i + 1 >= e || spec[i + 1] != '>')) {
      error = "malformed spec: '-' at position " + std::to_string(i) +
              " is not part of '->'";
      return std::nullopt;
    }
    if (spec[i] == '>' && (i == 0 || spec[i - 1] != '-')) {
      error = "malformed spec: '>' at position " + std::to_string(i) +
              " is not part of '->'";
      return std::nullopt;
    }
  }
  size_t start = 0;
  while (true) {
    size_t comma = lhs.find(',', start);
    llvm::StringRef text = lhs.slice(start, comma);
    std::optional<EinsumTerm> term = parseTerm(text, start, error);
    if (!term)
      return std::nullopt;
    parsed.inputs.push_back(std::move(*term));
    if (comma == llvm::StringRef::npos)
      break;
    start = comma + 1;
  }
  if (hasArrow) {
    if (rhs.contains(',')) {
      error = "malformed spec: ',' in the output term";
      return std::nullopt;
    }
    std::optional<EinsumTerm> out = parseTerm(rhs, arrow + 2, error);
    if (!out)
      return std::nullopt;
    parsed.output = std::move(*out);
  }
  return parsed;
}

namespace {
/// Accumulates the size of each loop with numpy's broadcasting rule: sizes
/// must agree, except that 1 broadcasts to any size.
struct SizeBinder {
  std::vector<int64_t> sizes;
  std::vector<std::string> names; // for diagnostics
  std::vector<std::string> firstSeen;

  unsigned add(std::string name) {
    sizes.push_back(1);
    names.push_back(std::move(name));
    firstSeen.push_back("");
    return sizes.size() - 1;
  }
  bool bind(unsigned loop, int64_t size, const std::string &where,
            bool allowBroadcast, std::string &error) {
    int64_t &cur = sizes[loop];
    if (firstSeen[loop].empty()) {
      cur = size;
      firstSeen[loop] = where;
      return true;
    }
    if (cur == size)
      return true;
    if (allowBroadcast && (size == 1 || cur == 1)) {
      if (cur == 1) {
        cur = size;
        firstSeen[loop] = where;
      }
      return true;
    }
    auto text = [](int64_t s) {
      return s == kBatchSize ? std::string("?") : std::to_string(s);
    };
    error = names[loop] + " has size " + text(cur) + " in " + firstSeen[loop] +
            " but " + text(size) + " in " + where;
    return false;
  }
};
} // namespace

static std::string labelName(char c) {
  return std::string("index '") + c + "'";
}

std::optional<EinsumProblem>
tlc::bindEinsumSpec(llvm::StringRef spec,
                    llvm::ArrayRef<std::vector<int64_t>> shapes,
                    std::string &error) {
  std::optional<ParsedEinsumSpec> parsed = parseEinsumSpec(spec, error);
  if (!parsed)
    return std::nullopt;
  if (parsed->inputs.size() != shapes.size()) {
    error = "spec has " + std::to_string(parsed->inputs.size()) +
            " input term(s) but the op has " + std::to_string(shapes.size()) +
            " operand(s)";
    return std::nullopt;
  }

  // Ranks, and how many dimensions each ellipsis covers.
  unsigned numBroadcast = 0;
  std::vector<unsigned> ellipsisDims(shapes.size(), 0);
  for (auto [i, term] : llvm::enumerate(parsed->inputs)) {
    size_t rank = shapes[i].size(), n = term.labels.size();
    if (term.hasEllipsis() ? n > rank : n != rank) {
      error = "operand #" + std::to_string(i) + " has rank " +
              std::to_string(rank) + " but its term '" + term.labels +
              "' names " + std::to_string(n) + " dimension(s)" +
              (term.hasEllipsis() ? " (plus an ellipsis)" : "");
      return std::nullopt;
    }
    ellipsisDims[i] = rank - n;
    numBroadcast = std::max(numBroadcast, ellipsisDims[i]);
  }

  // Output term: explicit, or numpy's implicit rule (ellipsis dimensions, then
  // the letters seen exactly once, in ASCII order).
  EinsumTerm out;
  std::map<char, unsigned> counts;
  for (const EinsumTerm &t : parsed->inputs)
    for (char c : t.labels)
      ++counts[c];
  if (parsed->output) {
    out = *parsed->output;
    for (auto [i, c] : llvm::enumerate(out.labels)) {
      if (out.labels.find(c) != i) {
        error = std::string("output index '") + c + "' appears more than once";
        return std::nullopt;
      }
      if (!counts.count(c)) {
        error = std::string("output index '") + c +
                "' does not appear in any input term";
        return std::nullopt;
      }
    }
    if (!out.hasEllipsis() && numBroadcast > 0) {
      error = "output has no '...' but the inputs' ellipsis covers " +
              std::to_string(numBroadcast) + " dimension(s)";
      return std::nullopt;
    }
  } else {
    out.ellipsisPos = numBroadcast > 0 ? 0 : -1;
    for (auto [c, n] : counts)
      if (n == 1)
        out.labels.push_back(c);
  }

  // Loops: output dimensions in order, then reduced letters by first use.
  SizeBinder binder;
  std::map<char, unsigned> loopOf;
  std::vector<unsigned> broadcastLoops;
  auto addBroadcastLoops = [&] {
    for (unsigned j = 0; j < numBroadcast; ++j)
      broadcastLoops.push_back(
          binder.add("ellipsis dimension #" + std::to_string(j)));
  };
  for (auto [i, c] : llvm::enumerate(out.labels)) {
    if ((int)i == out.ellipsisPos)
      addBroadcastLoops();
    loopOf[c] = binder.add(labelName(c));
  }
  if (out.ellipsisPos == (int)out.labels.size())
    addBroadcastLoops();
  unsigned numOutputLoops = binder.sizes.size();
  for (const EinsumTerm &t : parsed->inputs)
    for (char c : t.labels)
      if (!loopOf.count(c))
        loopOf[c] = binder.add(labelName(c));

  // Bind sizes and build the operand-to-loop maps.
  EinsumProblem problem;
  problem.numOutputLoops = numOutputLoops;
  for (auto [i, term] : llvm::enumerate(parsed->inputs)) {
    std::vector<int> loops;
    unsigned k = ellipsisDims[i];
    auto bindDim = [&](unsigned loop) -> bool {
      unsigned d = loops.size();
      int64_t size = shapes[i][d];
      if (size < 0 && size != kBatchSize) {
        error = "dynamic dimensions are not supported (operand #" +
                std::to_string(i) + ", dimension " + std::to_string(d) + ")";
        return false;
      }
      if (!binder.bind(loop, size,
                       "operand #" + std::to_string(i) + " (dimension " +
                           std::to_string(d) + ")",
                       /*allowBroadcast=*/true, error))
        return false;
      loops.push_back(loop);
      return true;
    };
    for (size_t p = 0; p <= term.labels.size(); ++p) {
      if ((int)p == term.ellipsisPos)
        for (unsigned j = numBroadcast - k; j < numBroadcast; ++j)
          if (!bindDim(broadcastLoops[j]))
            return std::nullopt;
      if (p < term.labels.size() && !bindDim(loopOf[term.labels[p]]))
        return std::nullopt;
    }
    problem.inputLoops.push_back(std::move(loops));
  }
  problem.loopSizes = binder.sizes;
  // A size-1 dimension of a loop that is larger than 1 broadcasts, except
  // on a diagonal: the dimensions a letter repeated within one operand
  // collapses must have equal sizes (numpy rejects 'ii' on a 1x3 array).
  for (auto [i, loops] : llvm::enumerate(problem.inputLoops)) {
    for (auto [d, loop] : llvm::enumerate(loops)) {
      if (llvm::count(loops, loop) < 2)
        continue;
      for (auto [d2, loop2] : llvm::enumerate(loops))
        if (loop2 == loop && shapes[i][d2] != shapes[i][d]) {
          error = "operand #" + std::to_string(i) + " repeats " +
                  binder.names[loop] + " on dimensions of different sizes (" +
                  std::to_string(shapes[i][d]) + " and " +
                  std::to_string(shapes[i][d2]) + ")";
          return std::nullopt;
        }
    }
  }
  for (auto [i, loops] : llvm::enumerate(problem.inputLoops))
    for (auto [d, loop] : llvm::enumerate(loops))
      if (shapes[i][d] == 1 && problem.loopSizes[loop] != 1)
        loop = -1;
  return problem;
}

std::optional<EinsumProblem>
tlc::bindMapSpec(llvm::StringRef spec,
                 llvm::ArrayRef<std::vector<int64_t>> shapes,
                 std::string &error) {
  std::optional<ParsedEinsumSpec> parsed = parseEinsumSpec(spec, error);
  if (!parsed)
    return std::nullopt;
  if (!parsed->output) {
    error = "map spec needs an explicit output ('->')";
    return std::nullopt;
  }
  if (parsed->inputs.size() != shapes.size()) {
    error = "spec has " + std::to_string(parsed->inputs.size()) +
            " input term(s) but the op has " + std::to_string(shapes.size()) +
            " tensor operand(s)";
    return std::nullopt;
  }
  const EinsumTerm &out = *parsed->output;
  auto checkTerm = [&](const EinsumTerm &t, const std::string &what) {
    if (t.hasEllipsis()) {
      error = "ellipsis is not supported in map specs (" + what + ")";
      return false;
    }
    for (auto [i, c] : llvm::enumerate(t.labels))
      if (t.labels.find(c) != i) {
        error = std::string("index '") + c + "' appears more than once in " +
                what;
        return false;
      }
    return true;
  };
  if (!checkTerm(out, "the output"))
    return std::nullopt;
  SizeBinder binder;
  std::map<char, unsigned> loopOf;
  for (char c : out.labels)
    loopOf[c] = binder.add(labelName(c));
  EinsumProblem problem;
  problem.numOutputLoops = out.labels.size();
  std::string used;
  for (auto [i, term] : llvm::enumerate(parsed->inputs)) {
    std::string what = "operand #" + std::to_string(i);
    if (!checkTerm(term, what))
      return std::nullopt;
    if (term.labels.size() != shapes[i].size()) {
      error = what + " has rank " + std::to_string(shapes[i].size()) +
              " but its term '" + term.labels + "' names " +
              std::to_string(term.labels.size()) + " dimension(s)";
      return std::nullopt;
    }
    std::vector<int> loops;
    for (auto [d, c] : llvm::enumerate(term.labels)) {
      auto it = loopOf.find(c);
      if (it == loopOf.end()) {
        error = std::string("index '") + c + "' of " + what +
                " is not in the output (tl.map does not reduce)";
        return std::nullopt;
      }
      if (shapes[i][d] < 0 && shapes[i][d] != kBatchSize) {
        error = "dynamic dimensions are not supported (" + what + ")";
        return std::nullopt;
      }
      if (!binder.bind(it->second, shapes[i][d],
                       what + " (dimension " + std::to_string(d) + ")",
                       /*allowBroadcast=*/false, error))
        return std::nullopt;
      loops.push_back(it->second);
      used.push_back(c);
    }
    problem.inputLoops.push_back(std::move(loops));
  }
  for (char c : out.labels)
    if (used.find(c) == std::string::npos) {
      error = std::string("output index '") + c +
              "' does not appear in any input term";
      return std::nullopt;
    }
  problem.loopSizes = binder.sizes;
  return problem;
}
