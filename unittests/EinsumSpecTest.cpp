//===- EinsumSpecTest.cpp - einsum/map spec parsing and binding -----------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"

#include "gtest/gtest.h"

using namespace tlc;

using Shapes = std::vector<std::vector<int64_t>>;
using Loops = std::vector<std::vector<int>>;

namespace {

/// Binds `spec` and fails the test (with the error) if it does not bind.
EinsumProblem bind(llvm::StringRef spec, const Shapes &shapes) {
  std::string error;
  std::optional<EinsumProblem> p = bindEinsumSpec(spec, shapes, error);
  EXPECT_TRUE(p.has_value()) << spec.str() << ": " << error;
  EXPECT_TRUE(!p || error.empty());
  return p.value_or(EinsumProblem());
}

/// The error of binding `spec`, or "<bound>" if it binds.
std::string bindError(llvm::StringRef spec, const Shapes &shapes) {
  std::string error;
  if (bindEinsumSpec(spec, shapes, error))
    return "<bound>";
  EXPECT_FALSE(error.empty());
  return error;
}

std::string mapError(llvm::StringRef spec, const Shapes &shapes) {
  std::string error;
  if (bindMapSpec(spec, shapes, error))
    return "<bound>";
  EXPECT_FALSE(error.empty());
  return error;
}

std::string parseError(llvm::StringRef spec) {
  std::string error;
  if (parseEinsumSpec(spec, error))
    return "<parsed>";
  EXPECT_FALSE(error.empty());
  return error;
}

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)            \
      << "'" << (haystack) << "' does not contain '" << (needle) << "'"

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

TEST(EinsumSpecParse, Explicit) {
  std::string error;
  auto p = parseEinsumSpec("ij,jk->ik", error);
  ASSERT_TRUE(p) << error;
  ASSERT_EQ(p->inputs.size(), 2u);
  EXPECT_EQ(p->inputs[0].labels, "ij");
  EXPECT_EQ(p->inputs[1].labels, "jk");
  EXPECT_FALSE(p->inputs[0].hasEllipsis());
  ASSERT_TRUE(p->output);
  EXPECT_EQ(p->output->labels, "ik");
}

TEST(EinsumSpecParse, ImplicitHasNoOutput) {
  std::string error;
  auto p = parseEinsumSpec("ij,jk", error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->inputs.size(), 2u);
  EXPECT_FALSE(p->output);
}

TEST(EinsumSpecParse, SpacesAreIgnored) {
  std::string error;
  auto p = parseEinsumSpec(" i j , j k -> i k ", error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->inputs[0].labels, "ij");
  EXPECT_EQ(p->inputs[1].labels, "jk");
  EXPECT_EQ(p->output->labels, "ik");
}

TEST(EinsumSpecParse, EllipsisPositions) {
  std::string error;
  auto p = parseEinsumSpec("...ij,i...j,ij...->...", error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->inputs[0].ellipsisPos, 0);
  EXPECT_EQ(p->inputs[1].ellipsisPos, 1);
  EXPECT_EQ(p->inputs[2].ellipsisPos, 2);
  for (const EinsumTerm &t : p->inputs)
    EXPECT_EQ(t.labels, "ij");
  EXPECT_EQ(p->output->labels, "");
  EXPECT_EQ(p->output->ellipsisPos, 0);
}

TEST(EinsumSpecParse, EmptyTerms) {
  std::string error;
  auto p = parseEinsumSpec(",ij->ij", error);
  ASSERT_TRUE(p) << error;
  ASSERT_EQ(p->inputs.size(), 2u);
  EXPECT_EQ(p->inputs[0].labels, "");
  auto q = parseEinsumSpec("->", error);
  ASSERT_TRUE(q) << error;
  EXPECT_EQ(q->inputs.size(), 1u);
  EXPECT_EQ(q->output->labels, "");
}

TEST(EinsumSpecParse, Errors) {
  EXPECT_CONTAINS(parseError("ij,j1->i"), "unexpected character '1'");
  EXPECT_CONTAINS(parseError("ij,j_->i"), "unexpected character '_'");
  EXPECT_CONTAINS(parseError("i.j->ij"), "'.'");
  EXPECT_CONTAINS(parseError("i..j->ij"), "ellipsis");
  EXPECT_CONTAINS(parseError("...i...->i"), "more than one ellipsis");
  EXPECT_CONTAINS(parseError("......"), "more than one ellipsis");
  EXPECT_CONTAINS(parseError("i->i->i"), "more than one '->'");
  EXPECT_CONTAINS(parseError("i-j"), "'-'");
  EXPECT_CONTAINS(parseError("i>j"), "'>'");
  EXPECT_CONTAINS(parseError("i,j->i,j"), "','");
  EXPECT_CONTAINS(parseError("ij->i."), "'.'");
}

//===----------------------------------------------------------------------===//
// Binding einsum specs
//===----------------------------------------------------------------------===//

TEST(EinsumSpecBind, Matmul) {
  EinsumProblem p = bind("ij,jk->ik", {{2, 3}, {3, 4}});
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{2, 4, 3}));
  EXPECT_EQ(p.numOutputLoops, 2u);
  EXPECT_EQ(p.inputLoops, (Loops{{0, 2}, {2, 1}}));
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{2, 4}));
}

TEST(EinsumSpecBind, ExplicitOutputOrder) {
  EinsumProblem p = bind("ij,jk->ki", {{2, 3}, {3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{4, 2}));
  EXPECT_EQ(p.inputLoops, (Loops{{1, 2}, {2, 0}}));
}

TEST(EinsumSpecBind, ImplicitOutput) {
  // Letters seen exactly once, sorted: "ik".
  EinsumProblem p = bind("ij,jk", {{2, 3}, {3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{2, 4, 3}));
  // Sorting, not order of appearance: "kj,ji" gives "ik" too.
  EinsumProblem q = bind("kj,ji", {{4, 3}, {3, 2}});
  EXPECT_EQ(q.resultShape(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(q.inputLoops, (Loops{{1, 2}, {2, 0}}));
}

TEST(EinsumSpecBind, ImplicitOutputAsciiOrder) {
  // Upper case sorts before lower case, as in ASCII (and numpy).
  EinsumProblem p = bind("Ba,aC", {{2, 3}, {3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{2, 4})); // "BC"
  EinsumProblem q = bind("ba,aC", {{2, 3}, {3, 4}});
  EXPECT_EQ(q.resultShape(), (std::vector<int64_t>{4, 2})); // "Cb"
  EXPECT_EQ(q.inputLoops, (Loops{{1, 2}, {2, 0}}));
  // 'a' and 'A' are different letters.
  EinsumProblem r = bind("aA->Aa", {{2, 5}});
  EXPECT_EQ(r.resultShape(), (std::vector<int64_t>{5, 2}));
}

TEST(EinsumSpecBind, Diagonal) {
  EinsumProblem p = bind("ii->i", {{3, 3}});
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{3}));
  EXPECT_EQ(p.numOutputLoops, 1u);
  EXPECT_EQ(p.inputLoops, (Loops{{0, 0}}));
}

TEST(EinsumSpecBind, Trace) {
  for (llvm::StringRef spec : {"ii->", "ii"}) {
    EinsumProblem p = bind(spec, {{3, 3}});
    EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{3})) << spec.str();
    EXPECT_EQ(p.numOutputLoops, 0u) << spec.str();
    EXPECT_TRUE(p.resultShape().empty()) << spec.str();
    EXPECT_EQ(p.inputLoops, (Loops{{0, 0}})) << spec.str();
  }
}

TEST(EinsumSpecBind, PartialDiagonal) {
  EinsumProblem p = bind("iij->j", {{2, 2, 5}});
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{5, 2}));
  EXPECT_EQ(p.numOutputLoops, 1u);
  EXPECT_EQ(p.inputLoops, (Loops{{1, 1, 0}}));
}

TEST(EinsumSpecBind, EllipsisBatchMatmul) {
  EinsumProblem p = bind("...ij,...jk->...ik", {{5, 2, 3}, {5, 3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{5, 2, 4}));
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{5, 2, 4, 3}));
  EXPECT_EQ(p.inputLoops, (Loops{{0, 1, 3}, {0, 3, 2}}));
}

TEST(EinsumSpecBind, EllipsisRankDiffers) {
  // The second operand has no batch dimensions; the ellipsis covers none.
  EinsumProblem p = bind("...ij,...jk->...ik", {{5, 2, 3}, {3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{5, 2, 4}));
  EXPECT_EQ(p.inputLoops, (Loops{{0, 1, 3}, {3, 2}}));
  // Ellipsis dimensions align on the right, as in numpy broadcasting.
  EinsumProblem q = bind("...ij,...jk->...ik", {{2, 1, 2, 3}, {7, 3, 4}});
  EXPECT_EQ(q.resultShape(), (std::vector<int64_t>{2, 7, 2, 4}));
  EXPECT_EQ(q.inputLoops, (Loops{{0, -1, 2, 4}, {1, 4, 3}}));
}

TEST(EinsumSpecBind, SizeOneBroadcast) {
  EinsumProblem p = bind("...ij,...jk->...ik", {{1, 2, 3}, {7, 3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{7, 2, 4}));
  EXPECT_EQ(p.inputLoops[0][0], -1);
  EXPECT_EQ(p.inputLoops[1][0], 0);
  // Size 1 against size 1 is not a broadcast: the loop has size 1.
  EinsumProblem q = bind("...i,...i->...i", {{1, 3}, {1, 3}});
  EXPECT_EQ(q.inputLoops, (Loops{{0, 1}, {0, 1}}));
  // Named letters broadcast too: 'j' is 1 in one operand and 3 in the other.
  EinsumProblem r = bind("ij,jk->ik", {{2, 1}, {3, 4}});
  EXPECT_EQ(r.loopSizes, (std::vector<int64_t>{2, 4, 3}));
  EXPECT_EQ(r.inputLoops, (Loops{{0, -1}, {2, 1}}));
}

TEST(EinsumSpecBind, ImplicitOutputWithEllipsis) {
  // Implicit output: ellipsis dimensions first, then the single letters.
  EinsumProblem p = bind("...ij,...jk", {{5, 2, 3}, {5, 3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{5, 2, 4}));
}

TEST(EinsumSpecBind, EllipsisInOutputMiddle) {
  EinsumProblem p = bind("i...->...i", {{2, 3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{3, 4, 2}));
  EXPECT_EQ(p.inputLoops, (Loops{{2, 0, 1}}));
}

TEST(EinsumSpecBind, Scalars) {
  EinsumProblem p = bind(",ij->ij", {{}, {2, 3}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(p.inputLoops, (Loops{{}, {0, 1}}));
  EinsumProblem q = bind("->", {{}});
  EXPECT_TRUE(q.loopSizes.empty());
  EXPECT_EQ(q.numOutputLoops, 0u);
  EXPECT_EQ(q.inputLoops, (Loops{{}}));
  EinsumProblem r = bind(",", {{}, {}});
  EXPECT_TRUE(r.resultShape().empty());
}

TEST(EinsumSpecBind, Spaces) {
  EinsumProblem p = bind(" i j , j k -> i k ", {{2, 3}, {3, 4}});
  EXPECT_EQ(p.resultShape(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(p.inputLoops, (Loops{{0, 2}, {2, 1}}));
  EinsumProblem q = bind(" ... i j -> ... j", {{5, 2, 3}});
  EXPECT_EQ(q.resultShape(), (std::vector<int64_t>{5, 3}));
  // '...' and '->' are tokens: a space inside them is an error.
  EXPECT_NE(bindError(". . .ij->ij", {{2, 3}}), "<bound>");
  EXPECT_NE(bindError("ij - > ij", {{2, 3}}), "<bound>");
}

TEST(EinsumSpecBind, ZeroSizeDims) {
  EinsumProblem p = bind("ij,jk->ik", {{2, 0}, {0, 3}});
  EXPECT_EQ(p.loopSizes, (std::vector<int64_t>{2, 3, 0}));
  EinsumProblem q = bind("ij,jk->ik", {{0, 5}, {5, 3}});
  EXPECT_EQ(q.resultShape(), (std::vector<int64_t>{0, 3}));
}

TEST(EinsumSpecBind, Errors) {
  EXPECT_CONTAINS(bindError("ij,j1->i", {{2, 3}, {3, 4}}),
                  "unexpected character");
  EXPECT_CONTAINS(bindError("i.j->i", {{2, 3}}), "'.'");
  EXPECT_CONTAINS(bindError("...i...->i", {{2, 3}}), "more than one ellipsis");
  EXPECT_CONTAINS(bindError("i->i->i", {{2}}), "more than one '->'");
  // Operand count.
  EXPECT_CONTAINS(bindError("ij,jk->ik", {{2, 3}}),
                  "2 input term(s) but the op has 1 operand(s)");
  EXPECT_CONTAINS(bindError("ij->ij", {{2, 3}, {3}}),
                  "1 input term(s) but the op has 2 operand(s)");
  // Rank mismatch, with and without ellipsis.
  EXPECT_CONTAINS(bindError("ij->i", {{2, 3, 4}}), "operand #0 has rank 3");
  EXPECT_CONTAINS(bindError("ij,jk->ik", {{2, 3}, {3}}),
                  "operand #1 has rank 1");
  EXPECT_CONTAINS(bindError("...ijk->i", {{2, 3}}), "plus an ellipsis");
  // One letter, two sizes.
  EXPECT_CONTAINS(bindError("ij,jk->ik", {{2, 3}, {4, 5}}),
                  "index 'j' has size 3");
  EXPECT_CONTAINS(bindError("ii->i", {{2, 3}}), "index 'i' has size 2");
  EXPECT_CONTAINS(bindError("...i,...i->...i", {{2, 3}, {4, 3}}),
                  "ellipsis dimension");
  // Output letters.
  EXPECT_CONTAINS(bindError("ij->k", {{2, 3}}),
                  "output index 'k' does not appear");
  EXPECT_CONTAINS(bindError("ij->ii", {{2, 3}}),
                  "output index 'i' appears more than once");
  // Output without ellipsis when the inputs' ellipsis covers dimensions...
  EXPECT_CONTAINS(bindError("...ij->ij", {{5, 2, 3}}), "no '...'");
  // ...but an ellipsis that covers nothing needs none in the output.
  EXPECT_EQ(bindError("...ij->ij", {{2, 3}}), "<bound>");
}

//===----------------------------------------------------------------------===//
// Binding map specs
//===----------------------------------------------------------------------===//

TEST(MapSpecBind, Broadcast) {
  std::string error;
  auto p = bindMapSpec("bh,h->bh", {{4, 8}, {8}}, error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->loopSizes, (std::vector<int64_t>{4, 8}));
  EXPECT_EQ(p->numOutputLoops, 2u);
  EXPECT_EQ(p->inputLoops, (Loops{{0, 1}, {1}}));
}

TEST(MapSpecBind, TransposeAndOuter) {
  std::string error;
  auto p = bindMapSpec("ij,k->kji", {{2, 3}, {4}}, error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->resultShape(), (std::vector<int64_t>{4, 3, 2}));
  EXPECT_EQ(p->inputLoops, (Loops{{2, 1}, {0}}));
  auto q = bindMapSpec(",->", {{}, {}}, error);
  ASSERT_TRUE(q) << error;
  EXPECT_TRUE(q->resultShape().empty());
}

TEST(MapSpecBind, Errors) {
  EXPECT_CONTAINS(mapError("i,i", {{2}, {2}}), "explicit output");
  EXPECT_CONTAINS(mapError("i,i->i", {{2}}), "2 input term(s)");
  EXPECT_CONTAINS(mapError("...i->...i", {{2}}), "ellipsis");
  EXPECT_CONTAINS(mapError("ii->i", {{2, 2}}), "more than once");
  EXPECT_CONTAINS(mapError("i->ii", {{2}}), "more than once");
  EXPECT_CONTAINS(mapError("ij->i", {{2, 3}}), "not in the output");
  EXPECT_CONTAINS(mapError("i->ij", {{2}}), "output index 'j'");
  EXPECT_CONTAINS(mapError("ij->ij", {{2}}), "rank 1");
  // No size-1 broadcasting in maps: sizes must agree exactly.
  EXPECT_CONTAINS(mapError("i,i->i", {{4}, {1}}), "index 'i' has size 4");
  EXPECT_CONTAINS(mapError("i1->i", {{2}}), "unexpected character");
}

} // namespace
