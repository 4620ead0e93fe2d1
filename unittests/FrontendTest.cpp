//===- FrontendTest.cpp - lexer, parser and lowering of .tl ---------------===//

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Frontend/Frontend.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

using namespace tlc::tlang;

namespace {

/// Parses or compiles `source`, collecting the diagnostics' messages.
struct Harness {
  mlir::MLIRContext ctx;
  llvm::SourceMgr sourceMgr;
  std::vector<std::string> errors;
  std::unique_ptr<mlir::ScopedDiagnosticHandler> handler;

  explicit Harness(llvm::StringRef source) {
    ctx.loadDialect<tlc::tl::TLDialect, mlir::func::FuncDialect>();
    sourceMgr.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(source, "test.tl"),
        llvm::SMLoc());
    handler = std::make_unique<mlir::ScopedDiagnosticHandler>(
        &ctx, [this](mlir::Diagnostic &d) {
          std::string text;
          llvm::raw_string_ostream os(text);
          if (auto loc = llvm::dyn_cast<mlir::FileLineColLoc>(d.getLocation()))
            os << loc.getLine() << ":" << loc.getColumn() << ": ";
          os << d.str();
          errors.push_back(text);
          return mlir::success();
        });
  }
  std::optional<Program> parse() { return parseProgram(sourceMgr, &ctx); }
  mlir::OwningOpRef<mlir::ModuleOp> compile() {
    FrontendOptions options;
    options.funcName = "prog";
    return compileTensorLogic(sourceMgr, &ctx, options);
  }
};

TEST(FrontendParser, Declarations) {
  Harness h("domain N = 4\n"
            "input X[b, i] : f32[N, 3]   # a comment\n"
            "param W[i] : f64[3]\n"
            "input R(x, y) : bool[N, N]\n"
            "const C[i] : i32[3] = load(\"c.npy\")\n"
            "output X, W\n");
  std::optional<Program> p = h.parse();
  ASSERT_TRUE(p) << (h.errors.empty() ? "" : h.errors[0]);
  ASSERT_EQ(p->domains.size(), 1u);
  EXPECT_EQ(p->domains[0].name, "N");
  EXPECT_EQ(p->domains[0].size, 4);
  ASSERT_EQ(p->tensors.size(), 4u);
  EXPECT_EQ(p->tensors[0].kind, TensorDecl::Kind::Input);
  EXPECT_EQ(p->tensors[0].dtype, "f32");
  ASSERT_EQ(p->tensors[0].dims.size(), 2u);
  EXPECT_EQ(p->tensors[0].dims[0].domain, "N");
  EXPECT_EQ(p->tensors[0].dims[1].size, 3);
  EXPECT_EQ(p->tensors[1].kind, TensorDecl::Kind::Param);
  EXPECT_TRUE(p->tensors[2].ref.relation);
  EXPECT_EQ(p->tensors[3].kind, TensorDecl::Kind::Const);
  EXPECT_EQ(p->tensors[3].loadPath, "c.npy");
  ASSERT_EQ(p->outputs.size(), 2u);
  EXPECT_EQ(p->outputs[1].first, "W");
}

TEST(FrontendParser, EquationStructure) {
  Harness h("Y[b, o.] max= relu(X[b, i] * W[i, o] + 0.5 B[o]) - -C[b] / D\n");
  std::optional<Program> p = h.parse();
  ASSERT_TRUE(p);
  ASSERT_EQ(p->equations.size(), 1u);
  const Equation &e = p->equations[0];
  EXPECT_EQ(e.projection, Projection::Max);
  ASSERT_EQ(e.lhs.indices.size(), 2u);
  EXPECT_FALSE(e.lhs.indices[0].normalized);
  EXPECT_TRUE(e.lhs.indices[1].normalized);
  // (relu(...) - ((-C) / D)): '-' binds looser than '/'.
  const Expr &top = *e.rhs;
  ASSERT_EQ(top.kind, Expr::Kind::Binary);
  EXPECT_EQ(top.op, '-');
  const Expr &call = *top.args[0];
  ASSERT_EQ(call.kind, Expr::Kind::Call);
  EXPECT_EQ(call.callee, "relu");
  const Expr &sum = *call.args[0];
  ASSERT_EQ(sum.kind, Expr::Kind::Binary);
  EXPECT_EQ(sum.op, '+');
  // '*' and juxtaposition build one flat join.
  ASSERT_EQ(sum.args[0]->kind, Expr::Kind::Join);
  EXPECT_EQ(sum.args[0]->args.size(), 2u);
  ASSERT_EQ(sum.args[1]->kind, Expr::Kind::Join);
  EXPECT_EQ(sum.args[1]->args[0]->kind, Expr::Kind::Number);
  EXPECT_DOUBLE_EQ(sum.args[1]->args[0]->number, 0.5);
  const Expr &div = *top.args[1];
  ASSERT_EQ(div.kind, Expr::Kind::Binary);
  EXPECT_EQ(div.op, '/');
  EXPECT_EQ(div.args[0]->kind, Expr::Kind::Negate);
  EXPECT_EQ(div.args[1]->kind, Expr::Kind::Ref);
  EXPECT_TRUE(div.args[1]->ref.indices.empty());
}

TEST(FrontendParser, LineBreaksInsideBrackets) {
  Harness h("H[b, h] = relu(X[b, i] W[i, h]\n"
            "               + B[h])\n"
            "Z[b] = H[b, h]\n");
  std::optional<Program> p = h.parse();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->equations.size(), 2u);
}

TEST(FrontendParser, ReportsEveryLineWithAnError) {
  Harness h("domain N 4\n"
            "Y[i] = X[i] +\n"
            "Z[i] = X[i]\n"
            "input Q[i : f32[3]\n");
  EXPECT_FALSE(h.parse());
  ASSERT_EQ(h.errors.size(), 3u);
  EXPECT_EQ(h.errors[0], "1:10: expected '=' after the domain name, found '4'");
  EXPECT_EQ(h.errors[1], "2:14: expected a tensor, a number, a function call "
                         "or '(', found end of line");
  EXPECT_EQ(h.errors[2],
            "4:11: expected ',' or ']' after the index list, found ':'");
}

TEST(FrontendParser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "Y[i] = " + std::string(5000, '(') + "X[i]" +
                     std::string(5000, ')') + "\n";
  Harness h(deep);
  EXPECT_FALSE(h.parse());
  ASSERT_FALSE(h.errors.empty());
  EXPECT_NE(h.errors[0].find("nested too deeply"), std::string::npos);
}

TEST(FrontendCompile, MlpBecomesEinsumMapSoftmax) {
  Harness h("input X[b, i] : f32[2, 3]\n"
            "param W[i, o] : f32[3, 4]\n"
            "param B[o] : f32[4]\n"
            "Y[b, o.] = softmax(X[b, i] W[i, o] + B[o])\n"
            "output Y\n");
  auto module = h.compile();
  ASSERT_TRUE(module) << (h.errors.empty() ? "" : h.errors[0]);
  auto func = module->lookupSymbol<mlir::func::FuncOp>("prog");
  ASSERT_TRUE(func);
  EXPECT_EQ(func.getNumArguments(), 3u);
  EXPECT_EQ(func.getNumResults(), 1u);
  unsigned einsums = 0, maps = 0, softmaxes = 0;
  func.walk([&](mlir::Operation *op) {
    einsums += llvm::isa<tlc::tl::EinsumOp>(op);
    maps += llvm::isa<tlc::tl::MapOp>(op);
    softmaxes += llvm::isa<tlc::tl::SoftmaxOp>(op);
  });
  EXPECT_EQ(einsums, 1u);
  EXPECT_EQ(maps, 1u);
  EXPECT_EQ(softmaxes, 1u);
}

TEST(FrontendCompile, RecursionBecomesOneFixpointWithStatus) {
  Harness h("domain N = 5\n"
            "input E(x, y) : bool[N, N]\n"
            "T(x, y) = E(x, y)\n"
            "T(x, z) = T(x, y) E(y, z)\n"
            "output T\n");
  auto module = h.compile();
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<mlir::func::FuncOp>("prog");
  ASSERT_EQ(func.getNumResults(), 2u);
  EXPECT_TRUE(func.getResultAttr(1, "tl.status"));
  unsigned fixpoints = 0;
  func.walk([&](tlc::tl::FixpointOp op) {
    ++fixpoints;
    EXPECT_EQ(op.getMaxIterations(), 6);
  });
  EXPECT_EQ(fixpoints, 1u);
}

TEST(FrontendCompile, AllSemanticErrorsAreReported) {
  Harness h("input X[b, i] : f32[2, 3]\n"
            "param W[i, h] : f32[4, 5]\n"
            "H[b, h] = X[b, i] W[i, h]\n"
            "Z[b] = Q[b]\n"
            "output H, Nope\n");
  EXPECT_FALSE(h.compile());
  ASSERT_EQ(h.errors.size(), 3u);
  auto has = [&](llvm::StringRef text) {
    return llvm::any_of(h.errors, [&](const std::string &e) {
      return llvm::StringRef(e).contains(text);
    });
  };
  EXPECT_TRUE(has("3:21: index 'i' has size 3 in X but 4 in W"));
  EXPECT_TRUE(has("4:8: unknown tensor 'Q'"));
  EXPECT_TRUE(has("5:11: unknown output 'Nope'"));
}

} // namespace
