//===- EinsumGraphTest.cpp - EinsumGraph JSON import ----------------------===//
//
// Graphs are written inline in the format tensorlogic-ir's serde derives
// produce. Numeric checks run the imported function on the reference
// interpreter against values computed here from the crate's formulas.
//
//===----------------------------------------------------------------------===//

#include "tlc/Import/EinsumGraph.h"

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Reference/Interpreter.h"
#include "tlc/Support/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace mlir;
using namespace tlc;

namespace {

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)             \
      << "'" << (haystack) << "' does not contain '" << (needle) << "'"

using Shapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

class EinsumGraphTest : public ::testing::Test {
protected:
  EinsumGraphTest() { ctx.loadDialect<tl::TLDialect, func::FuncDialect>(); }

  /// Imports `json` (as file "g.json"); diagnostics land in `errors` as
  /// "line:col: message".
  OwningOpRef<ModuleOp> import(llvm::StringRef json, const Shapes &shapes = {},
                               llvm::StringRef funcName = "graph") {
    errors.clear();
    sourceMgr = std::make_unique<llvm::SourceMgr>();
    sourceMgr->AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(json, "g.json"), llvm::SMLoc());
    EinsumGraphImportOptions options;
    options.funcName = funcName.str();
    for (const auto &[name, shape] : shapes)
      options.shapes[name] = shape;
    ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &diag) {
      std::string text;
      llvm::raw_string_ostream os(text);
      if (auto loc = dyn_cast<FileLineColLoc>(diag.getLocation()))
        os << loc.getFilename().getValue() << ":" << loc.getLine() << ":"
           << loc.getColumn() << ": ";
      os << diag.str();
      errors.push_back(text);
      return success();
    });
    return importEinsumGraph(*sourceMgr, &ctx, options);
  }

  /// Imports `json`, expecting failure with exactly one diagnostic; returns
  /// it.
  std::string importError(llvm::StringRef json, const Shapes &shapes = {}) {
    OwningOpRef<ModuleOp> module = import(json, shapes);
    EXPECT_FALSE(module) << "expected an error for:\n" << json.str();
    EXPECT_EQ(errors.size(), 1u);
    return errors.empty() ? "" : errors.front();
  }

  static func::FuncOp onlyFunc(ModuleOp module) {
    auto funcs = module.getOps<func::FuncOp>();
    EXPECT_EQ(std::distance(funcs.begin(), funcs.end()), 1);
    return *funcs.begin();
  }

  /// The body's ops, as "name" (tl.map: "tl.map fn spec").
  static std::vector<std::string> opsOf(func::FuncOp func) {
    std::vector<std::string> out;
    for (Operation &op : func.getBody().front()) {
      std::string text = op.getName().getStringRef().str();
      if (auto map = dyn_cast<tl::MapOp>(op))
        text += " " + tl::stringifyMapFn(map.getFn()).str() + " " +
                map.getSpec().str();
      else if (auto einsum = dyn_cast<tl::EinsumOp>(op))
        text += " " + einsum.getSpec().str();
      else if (auto reduce = dyn_cast<tl::ReduceOp>(op))
        text += " " + tl::stringifyReduceKind(reduce.getKind()).str();
      out.push_back(text);
    }
    return out;
  }

  static std::string typeOf(Type type) {
    std::string text;
    llvm::raw_string_ostream(text) << type;
    return text;
  }

  static std::string argName(func::FuncOp func, unsigned i) {
    auto name = func.getArgAttrOfType<StringAttr>(i, "tl.name");
    return name ? name.getValue().str() : "";
  }
  static std::string resultName(func::FuncOp func, unsigned i) {
    auto name = func.getResultAttrOfType<StringAttr>(i, "tl.name");
    return name ? name.getValue().str() : "";
  }

  /// Evaluates the single function on f32 inputs.
  static std::vector<HostTensor> run(ModuleOp module,
                                     std::vector<HostTensor> inputs) {
    auto results = reference::evaluate(onlyFunc(module), inputs);
    if (!results) {
      ADD_FAILURE() << llvm::toString(results.takeError());
      return {};
    }
    return std::move(*results);
  }

  MLIRContext ctx;
  std::unique_ptr<llvm::SourceMgr> sourceMgr;
  std::vector<std::string> errors;
};

HostTensor f32(std::vector<int64_t> shape, std::vector<float> values) {
  HostTensor t(DType::f32, shape);
  EXPECT_EQ((int64_t)values.size(), t.numElements());
  for (size_t i = 0; i < values.size(); ++i)
    t.as<float>()[i] = values[i];
  return t;
}

/// A graph of one binary node: tensors a, b -> c.
std::string binaryGraph(llvm::StringRef op) {
  return (R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"ElemBinary": )"
          R"({"op": ")" +
          op + R"("}}, "inputs": [0, 1], "outputs": [2]}]})")
      .str();
}

/// A graph of one unary node: tensor a -> b.
std::string unaryGraph(llvm::StringRef op) {
  return (R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": ")" +
          op + R"("}}, "inputs": [0], "outputs": [1]}]})")
      .str();
}

//===----------------------------------------------------------------------===//
// The crate's format
//===----------------------------------------------------------------------===//

// crates/tensorlogic-ir/examples/05_serialization.rs, as serde_json writes it.
constexpr llvm::StringLiteral kSerializationExample = R"({
  "tensors": [
    "input_a",
    "input_b",
    "intermediate",
    "output"
  ],
  "nodes": [
    {
      "op": {
        "Einsum": {
          "spec": "ik,kj->ij"
        }
      },
      "inputs": [
        0,
        1
      ],
      "outputs": [
        2
      ]
    },
    {
      "op": {
        "ElemUnary": {
          "op": "relu"
        }
      },
      "inputs": [
        2
      ],
      "outputs": [
        3
      ]
    }
  ],
  "inputs": [],
  "outputs": [
    3
  ],
  "tensor_metadata": {}
})";

TEST_F(EinsumGraphTest, SerializationExample) {
  auto module =
      import(kSerializationExample, {{"input_a", {2, 3}}, {"input_b", {3, 4}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  func::FuncOp func = onlyFunc(*module);
  EXPECT_EQ(func.getSymName(), "graph");
  EXPECT_EQ(typeOf(func.getFunctionType()),
            "(tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>");
  EXPECT_EQ(argName(func, 0), "input_a");
  EXPECT_EQ(argName(func, 1), "input_b");
  EXPECT_EQ(resultName(func, 0), "output");
  EXPECT_EQ(opsOf(func),
            (std::vector<std::string>{"tl.einsum ik,kj->ij",
                                      "tl.map relu ab->ab", "func.return"}));
  // Ops point at their node in the file.
  auto loc = cast<FileLineColLoc>(func.getBody().front().front().getLoc());
  EXPECT_EQ(loc.getFilename().getValue(), "g.json");
  EXPECT_EQ(loc.getLine(), 9u);
  EXPECT_EQ(loc.getColumn(), 5u);
}

TEST_F(EinsumGraphTest, FuncName) {
  auto module = import(kSerializationExample,
                       {{"input_a", {2, 3}}, {"input_b", {3, 4}}}, "mlp");
  ASSERT_TRUE(module);
  EXPECT_EQ(onlyFunc(*module).getSymName(), "mlp");
}

TEST_F(EinsumGraphTest, VersionedGraphWithMetadata) {
  // VersionedGraph; shapes and dtypes in Metadata.attributes pairs.
  auto module = import(R"json({
    "version": "1.0.0", "created_at": "2025-01-01T00:00:00Z",
    "metadata": {"model_name": "m"},
    "graph": {
      "tensors": ["x", "w", "y"],
      "nodes": [{"op": {"Einsum": {"spec": "i,ij->j"}}, "inputs": [0, 1],
                 "outputs": [2], "metadata": {"name": "layer", "span": null,
                 "provenance": null, "attributes": []}}],
      "inputs": [0, 1], "outputs": [2],
      "tensor_metadata": {
        "0": {"name": "x", "span": null, "provenance": null,
              "attributes": [["shape", "[3]"], ["dtype", "f64"]]},
        "1": {"name": null, "span": null, "provenance": null,
              "attributes": [["role", "weight"], ["shape", "3x5"],
                             ["dtype", "float64"]]},
        "2": {"name": null, "span": null, "provenance": null,
              "attributes": [["shape", "(5,)"]]}
      }
    }})json");
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(typeOf(onlyFunc(*module).getFunctionType()),
            "(tensor<3xf64>, tensor<3x5xf64>) -> tensor<5xf64>");
}

TEST_F(EinsumGraphTest, MetadataSpellings) {
  // "shape"/"dtype" keys directly on the metadata, an attributes object, a
  // JSON array shape, and "" for a scalar.
  auto module = import(R"({"tensors": ["a", "b", "s", "c", "d"],
    "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 1], "outputs": [3]},
              {"op": {"ElemBinary": {"op": "mul"}}, "inputs": [3, 2], "outputs": [4]}],
    "tensor_metadata": {"0": {"shape": [2, 3], "dtype": "F32"},
                        "1": {"attributes": {"shape": "2, 3"}},
                        "2": {"attributes": [["shape", ""]]}}})");
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(typeOf(onlyFunc(*module).getFunctionType()),
            "(tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> "
            "tensor<2x3xf32>");
}

TEST_F(EinsumGraphTest, ShapeOptionOverridesMetadata) {
  auto module = import(R"({"tensors": ["a", "b"],
    "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]}],
    "tensor_metadata": {"0": {"attributes": [["shape", "2,3"]]}}})",
                       {{"a", {7}}});
  ASSERT_TRUE(module);
  EXPECT_EQ(typeOf(onlyFunc(*module).getFunctionType()),
            "(tensor<7xf32>) -> tensor<7xf32>");
}

TEST_F(EinsumGraphTest, CommentsAreAllowed) {
  auto module = import("// a comment\n" + unaryGraph("relu") +
                           " // trailing, with \"quotes\" and // slashes\n",
                       {{"a", {2}}});
  ASSERT_TRUE(module);
}

//===----------------------------------------------------------------------===//
// Inputs, outputs, order
//===----------------------------------------------------------------------===//

TEST_F(EinsumGraphTest, InfersInputsAndOutputs) {
  // No "inputs"/"outputs": inputs are the tensors no node computes (in
  // tensor order), outputs the computed tensors no node reads. "unused" is
  // neither read nor computed and is not an input.
  auto module = import(R"({"tensors": ["y", "unused", "x", "h", "z", "w"],
    "nodes": [{"op": {"ElemUnary": {"op": "exp"}}, "inputs": [5], "outputs": [3]},
              {"op": {"ElemBinary": {"op": "add"}}, "inputs": [3, 2], "outputs": [0]},
              {"op": {"ElemUnary": {"op": "tanh"}}, "inputs": [3], "outputs": [4]}]})",
                       {{"x", {4}}, {"w", {4}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  func::FuncOp func = onlyFunc(*module);
  ASSERT_EQ(func.getNumArguments(), 2u);
  EXPECT_EQ(argName(func, 0), "x");
  EXPECT_EQ(argName(func, 1), "w");
  ASSERT_EQ(func.getNumResults(), 2u);
  EXPECT_EQ(resultName(func, 0), "y");
  EXPECT_EQ(resultName(func, 1), "z");
}

TEST_F(EinsumGraphTest, ListedInputsComeFirst) {
  // Listed inputs in their order (unused ones too), then the unlisted.
  auto module = import(R"({"tensors": ["a", "b", "c", "d", "e"],
    "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 1], "outputs": [2]}],
    "inputs": [1, 4], "outputs": [2]})",
                       {{"a", {2}}, {"b", {2}}, {"e", {3}}});
  ASSERT_TRUE(module);
  func::FuncOp func = onlyFunc(*module);
  ASSERT_EQ(func.getNumArguments(), 3u);
  EXPECT_EQ(argName(func, 0), "b");
  EXPECT_EQ(argName(func, 1), "e");
  EXPECT_EQ(argName(func, 2), "a");
}

TEST_F(EinsumGraphTest, SortsUnorderedNodes) {
  auto module = import(R"({"tensors": ["x", "a", "b", "c"],
    "nodes": [{"op": {"ElemUnary": {"op": "log"}}, "inputs": [2], "outputs": [3]},
              {"op": {"ElemUnary": {"op": "sqrt"}}, "inputs": [1], "outputs": [2]},
              {"op": {"ElemUnary": {"op": "exp"}}, "inputs": [0], "outputs": [1]}],
    "inputs": [0], "outputs": [3]})",
                       {{"x", {3}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(opsOf(onlyFunc(*module)),
            (std::vector<std::string>{"tl.map exp a->a", "tl.map sqrt a->a",
                                      "tl.map log a->a", "func.return"}));
}

TEST_F(EinsumGraphTest, PredicateTensorsShareAnArgument) {
  // tensorlogic-compiler output for exists y. Parent(x, y) & Parent(y, z):
  // both "Parent[..]" tensors bind to the caller's "Parent".
  auto module = import(
      R"({"tensors":["Parent[ac]","Parent[cb]","temp_0","temp_1","x[0]","x[1]","temp_2"],)"
      R"("nodes":[{"op":{"Einsum":{"spec":"ac,cb->acb"}},"inputs":[0,1],"outputs":[2]},)"
      R"({"op":{"Einsum":{"spec":"acb->ab"}},"inputs":[2],"outputs":[3]},)"
      R"({"op":{"Einsum":{"spec":"ab,a,b->ab"}},"inputs":[3,4,5],"outputs":[6]}],)"
      R"("inputs":[],"outputs":[6],"tensor_metadata":{}})",
      {{"Parent", {5, 5}}, {"x[0]", {5}}, {"x[1]", {5}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  func::FuncOp func = onlyFunc(*module);
  ASSERT_EQ(func.getNumArguments(), 3u);
  EXPECT_EQ(argName(func, 0), "Parent");
  EXPECT_EQ(argName(func, 1), "x[0]");
  EXPECT_EQ(argName(func, 2), "x[1]");
  auto einsum = cast<tl::EinsumOp>(func.getBody().front().front());
  EXPECT_EQ(einsum.getInputs()[0], func.getArgument(0));
  EXPECT_EQ(einsum.getInputs()[1], func.getArgument(0));
}

TEST_F(EinsumGraphTest, PredicateShapeByTensorName) {
  auto module = import(
      R"({"tensors":["R[ab]","S"],"nodes":[{"op":{"ElemUnary":{"op":"relu"}},)"
      R"("inputs":[0],"outputs":[1]}]})",
      {{"R[ab]", {2, 3}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(argName(onlyFunc(*module), 0), "R");
}

TEST_F(EinsumGraphTest, ConstantTensors) {
  // "const_<number>" tensors no node computes are scalars of the type of
  // the tensor they meet; listed as inputs they are arguments.
  auto module = import(R"({"tensors": ["x", "const_1.0", "y", "const_2", "z"],
    "nodes": [{"op": {"ElemBinary": {"op": "subtract"}}, "inputs": [1, 0], "outputs": [2]},
              {"op": {"ElemBinary": {"op": "mul"}}, "inputs": [2, 3], "outputs": [4]}],
    "tensor_metadata": {"0": {"shape": "2", "dtype": "f64"}}})");
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  func::FuncOp func = onlyFunc(*module);
  EXPECT_EQ(typeOf(func.getFunctionType()), "(tensor<2xf64>) -> tensor<2xf64>");
  auto results = run(*module, {[] {
    HostTensor t(DType::f64, {2});
    t.as<double>()[0] = 0.25;
    t.as<double>()[1] = 3;
    return t;
  }()});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_DOUBLE_EQ(results[0].as<double>()[0], (1 - 0.25) * 2);
  EXPECT_DOUBLE_EQ(results[0].as<double>()[1], (1 - 3.0) * 2);

  module = import(R"({"tensors": ["x", "const_1.0", "y"],
    "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 1], "outputs": [2]}],
    "inputs": [0, 1]})",
                  {{"x", {2}}, {"const_1.0", {2}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(onlyFunc(*module).getNumArguments(), 2u);
}

TEST_F(EinsumGraphTest, PassThroughOutput) {
  // An output no node computes is an input returned as is.
  auto module = import(R"({"tensors": ["a", "b", "c"],
    "nodes": [{"op": {"ElemUnary": {"op": "neg"}}, "inputs": [0], "outputs": [1]}],
    "outputs": [1, 2]})",
                       {{"a", {2}}, {"c", {3}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  func::FuncOp func = onlyFunc(*module);
  EXPECT_EQ(typeOf(func.getFunctionType()),
            "(tensor<2xf32>, tensor<3xf32>) -> (tensor<2xf32>, tensor<3xf32>)");
  EXPECT_EQ(resultName(func, 0), "b");
  // The input's name is taken: the result keeps the default name.
  EXPECT_EQ(argName(func, 1), "c");
  EXPECT_EQ(resultName(func, 1), "");
}

//===----------------------------------------------------------------------===//
// Op mapping
//===----------------------------------------------------------------------===//

TEST_F(EinsumGraphTest, UnaryOps) {
  const std::pair<const char *, const char *> cases[] = {
      {"relu", "relu"},
      {"sigmoid", "sigmoid"},
      {"one_minus", "one_minus"},
      {"oneminus", "one_minus"},
      {"exp", "exp"},
      {"log", "log"},
      {"neg", "neg"},
      {"negate", "neg"},
      {"sqrt", "sqrt"},
      {"tanh", "tanh"},
      {"abs", "abs"},
      {"step", "step"},
      {"ReLU", "relu"}, // the crate lower-cases op names
  };
  for (auto [name, fn] : cases) {
    auto module = import(unaryGraph(name), {{"a", {2, 3}}});
    ASSERT_TRUE(module) << name;
    EXPECT_EQ(opsOf(onlyFunc(*module))[0],
              std::string("tl.map ") + fn + " ab->ab")
        << name;
  }
}

TEST_F(EinsumGraphTest, ScalarUnary) {
  auto module = import(unaryGraph("sigmoid"), {{"a", {}}});
  ASSERT_TRUE(module);
  EXPECT_EQ(opsOf(onlyFunc(*module))[0], "tl.map sigmoid ->");
}

TEST_F(EinsumGraphTest, ArithmeticBinaryOps) {
  const std::pair<const char *, const char *> cases[] = {
      {"add", "add"},      {"subtract", "sub"}, {"sub", "sub"},
      {"multiply", "mul"}, {"mul", "mul"},      {"divide", "div"},
      {"div", "div"},      {"min", "min"},      {"minimum", "min"},
      {"max", "max"},      {"maximum", "max"},  {"pow", "pow"},
      {"power", "pow"},    {"or_max", "max"},   {"OrMax", "max"},
  };
  for (auto [name, fn] : cases) {
    auto module = import(binaryGraph(name), {{"a", {2}}, {"b", {2}}});
    ASSERT_TRUE(module) << name;
    EXPECT_EQ(opsOf(onlyFunc(*module)),
              (std::vector<std::string>{std::string("tl.map ") + fn + " a,a->a",
                                        "func.return"}))
        << name;
  }
}

TEST_F(EinsumGraphTest, ComparisonsYieldZeroOrOne) {
  const std::pair<const char *, const char *> cases[] = {
      {"eq", "eq"},  {"equal", "eq"},
      {"lt", "lt"},  {"less_than", "lt"},
      {"gt", "gt"},  {"greater", "gt"},
      {"lte", "le"}, {"less_than_equal", "le"},
      {"gte", "ge"}, {"ge", "ge"},
  };
  for (auto [name, fn] : cases) {
    auto module = import(binaryGraph(name), {{"a", {3}}, {"b", {3}}});
    ASSERT_TRUE(module) << name;
    func::FuncOp func = onlyFunc(*module);
    EXPECT_EQ(opsOf(func),
              (std::vector<std::string>{std::string("tl.map ") + fn + " a,a->a",
                                        "tl.map cast a->a", "func.return"}))
        << name;
    EXPECT_EQ(typeOf(func.getFunctionType().getResult(0)), "tensor<3xf32>");
  }
  auto module = import(binaryGraph("lte"), {{"a", {3}}, {"b", {3}}});
  ASSERT_TRUE(module);
  auto out = run(*module, {f32({3}, {1, 2, 3}), f32({3}, {2, 2, 2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].as<float>()[0], 1.0f);
  EXPECT_EQ(out[0].as<float>()[1], 1.0f);
  EXPECT_EQ(out[0].as<float>()[2], 0.0f);
}

TEST_F(EinsumGraphTest, ComparisonsOnBool) {
  auto module = import(
      R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"ElemBinary": {"op": "eq"}},)"
      R"( "inputs": [0, 1], "outputs": [2]}], "tensor_metadata": {"0": {"dtype": "bool"},)"
      R"( "1": {"dtype": "bool"}}})",
      {{"a", {2}}, {"b", {2}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(opsOf(onlyFunc(*module)),
            (std::vector<std::string>{"tl.map eq a,a->a", "func.return"}));
}

TEST_F(EinsumGraphTest, FuzzyLogicOps) {
  // tensorlogic-scirs-backend executor.rs: or_prob_sum a+b-ab, nand 1-ab,
  // nor 1-max(a,b), xor a+b-2ab, or_max max(a,b).
  const std::vector<float> as = {0, 0, 1, 1, 0.25f, 0.5f};
  const std::vector<float> bs = {0, 1, 0, 1, 0.75f, 0.5f};
  struct Case {
    const char *name;
    float (*expected)(float, float);
  };
  const Case cases[] = {
      {"or_prob_sum", [](float a, float b) { return a + b - a * b; }},
      {"nand", [](float a, float b) { return 1 - a * b; }},
      {"nor", [](float a, float b) { return 1 - std::max(a, b); }},
      {"xor", [](float a, float b) { return a + b - 2 * a * b; }},
      {"or_max", [](float a, float b) { return std::max(a, b); }},
  };
  for (const Case &c : cases) {
    auto module = import(binaryGraph(c.name), {{"a", {6}}, {"b", {6}}});
    ASSERT_TRUE(module) << c.name;
    auto out = run(*module, {f32({6}, as), f32({6}, bs)});
    ASSERT_EQ(out.size(), 1u) << c.name;
    for (size_t i = 0; i < as.size(); ++i)
      EXPECT_FLOAT_EQ(out[0].as<float>()[i], c.expected(as[i], bs[i]))
          << c.name << " at " << i;
  }
}

TEST_F(EinsumGraphTest, Broadcasting) {
  // Equal shapes and scalars (what the crate supports), trailing alignment,
  // and size-1 stretching (numpy's rules).
  struct Case {
    std::vector<int64_t> a, b;
    std::vector<std::string> ops;
    const char *result;
  };
  const Case cases[] = {
      {{2, 3}, {2, 3}, {"tl.map add ab,ab->ab"}, "tensor<2x3xf32>"},
      {{2, 3}, {}, {"tl.map add ab,->ab"}, "tensor<2x3xf32>"},
      {{}, {4}, {"tl.map add ,a->a"}, "tensor<4xf32>"},
      {{2, 3}, {3}, {"tl.map add ab,b->ab"}, "tensor<2x3xf32>"},
      {{2, 1},
       {1, 3},
       {"tl.einsum ab->a", "tl.einsum ab->b", "tl.map add a,b->ab"},
       "tensor<2x3xf32>"},
      {{1}, {1}, {"tl.map add a,a->a"}, "tensor<1xf32>"},
      {{5, 1, 3},
       {4, 1},
       {"tl.einsum abc->ac", "tl.einsum bc->b", "tl.map add ac,b->abc"},
       "tensor<5x4x3xf32>"},
  };
  for (const Case &c : cases) {
    auto module = import(binaryGraph("add"), {{"a", c.a}, {"b", c.b}});
    ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
    func::FuncOp func = onlyFunc(*module);
    std::vector<std::string> expected = c.ops;
    expected.push_back("func.return");
    EXPECT_EQ(opsOf(func), expected);
    EXPECT_EQ(typeOf(func.getFunctionType().getResult(0)), c.result);
  }
  // Stretching computes what numpy does.
  auto module = import(binaryGraph("subtract"), {{"a", {2, 1}}, {"b", {3}}});
  ASSERT_TRUE(module);
  auto out = run(*module, {f32({2, 1}, {10, 20}), f32({3}, {1, 2, 3})});
  ASSERT_EQ(out.size(), 1u);
  const float expected[] = {9, 8, 7, 19, 18, 17};
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(out[0].as<float>()[i], expected[i]);
}

TEST_F(EinsumGraphTest, Reductions) {
  const std::pair<const char *, const char *> cases[] = {
      {"sum", "sum"},   {"max", "max"},   {"min", "min"},
      {"mean", "mean"}, {"prod", "prod"}, {"product", "prod"},
  };
  for (auto [name, kind] : cases) {
    auto module = import(
        (R"({"tensors": ["a", "b"], "nodes": [{"op": {"Reduce": {"op": ")" +
         std::string(name) +
         R"(", "axes": [2, 0]}}, "inputs": [0], "outputs": [1]}]})"),
        {{"a", {2, 3, 4}}});
    ASSERT_TRUE(module) << name;
    func::FuncOp func = onlyFunc(*module);
    EXPECT_EQ(opsOf(func)[0], std::string("tl.reduce ") + kind);
    EXPECT_EQ(typeOf(func.getFunctionType().getResult(0)), "tensor<3xf32>");
  }
  // No axes: the crate returns the input unchanged.
  auto module = import(
      R"({"tensors": ["a", "b"], "nodes": [{"op": {"Reduce": {"op": "sum",)"
      R"( "axes": []}}, "inputs": [0], "outputs": [1]}]})",
      {{"a", {2, 3}}});
  ASSERT_TRUE(module);
  func::FuncOp func = onlyFunc(*module);
  EXPECT_EQ(opsOf(func), (std::vector<std::string>{"func.return"}));
  EXPECT_EQ(typeOf(func.getFunctionType()),
            "(tensor<2x3xf32>) -> tensor<2x3xf32>");
}

TEST_F(EinsumGraphTest, EinsumShapes) {
  // Result shapes come from numpy's rules: implicit output, ellipsis,
  // diagonals.
  const std::tuple<const char *, std::vector<int64_t>, std::vector<int64_t>,
                   const char *>
      cases[] = {
          {"ij,jk", {2, 3}, {3, 4}, "tensor<2x4xf32>"},
          {"...ij,...jk->...ik", {5, 2, 3}, {5, 3, 4}, "tensor<5x2x4xf32>"},
          {"ii,ij->i", {3, 3}, {3, 7}, "tensor<3xf32>"},
          {"i,j->", {2}, {3}, "tensor<f32>"},
      };
  for (const auto &[spec, a, b, result] : cases) {
    auto module = import(
        (R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"Einsum": {"spec": ")" +
         std::string(spec) + R"("}}, "inputs": [0, 1], "outputs": [2]}]})"),
        {{"a", a}, {"b", b}});
    ASSERT_TRUE(module) << spec << ": "
                        << (errors.empty() ? "" : errors.front());
    EXPECT_EQ(typeOf(onlyFunc(*module).getFunctionType().getResult(0)), result)
        << spec;
  }
}

TEST_F(EinsumGraphTest, MlpComputesLikeTheFormula) {
  // 2-layer MLP: Y = sigmoid(relu(X W1 + B1) W2 + B2).
  auto module = import(
      R"({"tensors": ["X", "W1", "B1", "W2", "B2", "t0", "t1", "H", "t2", "t3", "Y"],
    "nodes": [
      {"op": {"Einsum": {"spec": "bi,ih->bh"}}, "inputs": [0, 1], "outputs": [5]},
      {"op": {"ElemBinary": {"op": "add"}}, "inputs": [5, 2], "outputs": [6]},
      {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [6], "outputs": [7]},
      {"op": {"Einsum": {"spec": "bh,ho->bo"}}, "inputs": [7, 3], "outputs": [8]},
      {"op": {"ElemBinary": {"op": "add"}}, "inputs": [8, 4], "outputs": [9]},
      {"op": {"ElemUnary": {"op": "sigmoid"}}, "inputs": [9], "outputs": [10]}],
    "inputs": [0, 1, 2, 3, 4], "outputs": [10]})",
      {{"X", {1, 2}},
       {"W1", {2, 2}},
       {"B1", {2}},
       {"W2", {2, 1}},
       {"B2", {1}}});
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  auto out = run(*module,
                 {f32({1, 2}, {1, 2}), f32({2, 2}, {1, -1, 1, -1}),
                  f32({2}, {0.5f, 0.5f}), f32({2, 1}, {2, 3}), f32({1}, {-7})});
  ASSERT_EQ(out.size(), 1u);
  // h = relu([3, -3] + 0.5) = [3.5, 0]; y = sigmoid(7 - 7) = 0.5.
  EXPECT_FLOAT_EQ(out[0].as<float>()[0], 0.5f);
}

//===----------------------------------------------------------------------===//
// Errors: one diagnostic, at the offending value, naming it
//===----------------------------------------------------------------------===//

TEST_F(EinsumGraphTest, ErrorNotJson) {
  EXPECT_EQ(importError("{\"tensors\": [\"a\",\n  ]}"),
            "g.json:2:4: invalid JSON: Invalid JSON value");
  EXPECT_CONTAINS(importError(""), "g.json:1:1: invalid JSON");
  EXPECT_CONTAINS(importError("{\"tensors\": [\"a\"]} x"),
                  "g.json:1:20: invalid JSON: Text after end of document");
  EXPECT_CONTAINS(importError(std::string(300, '[') + std::string(300, ']')),
                  "g.json:1:257: invalid JSON: nested deeper than 256 levels");
  EXPECT_CONTAINS(importError("[1, 2]"),
                  "g.json:1:1: expected an EinsumGraph: an object with "
                  "'tensors' and 'nodes'");
  EXPECT_CONTAINS(importError(R"({"version": "1.0.0", "graph": 3})"),
                  "g.json:1:31: expected an EinsumGraph");
}

TEST_F(EinsumGraphTest, ErrorTensorsAndNodes) {
  EXPECT_EQ(importError(R"({"nodes": []})"),
            "g.json:1:1: 'tensors' must be an array of tensor names, not "
            "missing");
  EXPECT_EQ(importError(R"({"tensors": {"a": 1}, "nodes": []})"),
            "g.json:1:13: 'tensors' must be an array of tensor names, not an "
            "object");
  EXPECT_EQ(importError(R"({"tensors": ["a", 7], "nodes": []})"),
            "g.json:1:19: tensor #1 must be a string (its name), not a "
            "number");
  EXPECT_EQ(importError(R"({"tensors": ["a"]})"),
            "g.json:1:1: 'nodes' must be an array of nodes, not missing");
  EXPECT_EQ(importError(R"({"tensors": ["a"], "nodes": [5]})"),
            "g.json:1:30: node #0 must be an object with 'op', 'inputs' and "
            "'outputs', not a number");
}

TEST_F(EinsumGraphTest, ErrorOps) {
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [{"inputs": [], "outputs": [0]}]})"),
      "g.json:1:30: node #0: 'op' must be an object with one key: Einsum, "
      "ElemUnary, ElemBinary or Reduce ('op' is missing)");
  EXPECT_CONTAINS(
      importError(
          R"({"tensors": ["a"], "nodes": [{"op": {"Einsum": {}, "Reduce": {}}}]})"),
      "g.json:1:37: node #0: 'op' must be an object with one key");
  EXPECT_EQ(
      importError(R"({"tensors": ["a"], "nodes": [{"op": {"Conv2d": {}}}]})"),
      "g.json:1:37: node #0: unknown op kind 'Conv2d' (expected one of: "
      "Einsum, ElemUnary, ElemBinary, Reduce)");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [{"op": {"Einsum": {"spec": 3}}}]})"),
      "g.json:1:57: node #0: Einsum needs a string 'spec', as in "
      "{\"Einsum\": {\"spec\": \"ab,bc->ac\"}}");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [{"op": {"ElemUnary": "relu"}}]})"),
      "g.json:1:51: node #0: ElemUnary needs a string 'op', as in "
      "{\"ElemUnary\": {\"op\": \"relu\"}}");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [{"op": {"Einsum": {"spec": ""}}}]})"),
      "g.json:1:57: node #0 (Einsum ''): empty einsum spec");
}

TEST_F(EinsumGraphTest, ErrorUnknownOpNames) {
  // The message format of the brief: node, kind, name, the valid names.
  std::string json = R"({"tensors": ["a", "b", "c", "d"], "nodes": [
    {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]},
    {"op": {"ElemUnary": {"op": "softplus"}}, "inputs": [1], "outputs": [2]}]})";
  EXPECT_EQ(importError(json),
            "g.json:3:33: node #1 (ElemUnary 'softplus'): unknown unary op "
            "'softplus' (expected one of: relu, sigmoid, one_minus, exp, log, "
            "neg, sqrt, tanh, abs, step)");
  EXPECT_EQ(importError(binaryGraph("frobnicate")),
            "g.json:1:69: node #0 (ElemBinary 'frobnicate'): unknown binary "
            "op 'frobnicate' (expected one of: add, subtract, multiply, "
            "divide, min, max, pow, eq, lt, gt, lte, gte, or_max, "
            "or_prob_sum, nand, nor, xor)");
  EXPECT_CONTAINS(importError(binaryGraph("modulo")),
                  "unknown binary op 'modulo'");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b"], "nodes": [{"op": {"Reduce": {"op": "any", "axes": [0]}}, "inputs": [0], "outputs": [1]}]})"),
      "g.json:1:60: node #0 (Reduce 'any'): unknown reduction 'any' "
      "(expected one of: sum, max, min, mean, prod)");
}

TEST_F(EinsumGraphTest, ErrorReduceAxes) {
  auto reduce = [](const char *axes) {
    return std::string(
               R"({"tensors": ["a", "b"], "nodes": [{"op": {"Reduce": {"op": "sum", "axes": )") +
           axes + R"(}}, "inputs": [0], "outputs": [1]}]})";
  };
  EXPECT_EQ(importError(reduce("1")),
            "g.json:1:75: node #0 (Reduce 'sum'): 'axes' must be an array of "
            "non-negative integers, not a number");
  EXPECT_EQ(importError(reduce("[0, -1]")),
            "g.json:1:79: node #0 (Reduce 'sum'): axis #1 must be a "
            "non-negative integer, not -1");
  EXPECT_EQ(importError(reduce("[1, 5]"), {{"a", {2, 3}}}),
            "g.json:1:79: node #0 (Reduce 'sum'): axis 5 is out of range for "
            "'a' of type f32[2, 3]");
  EXPECT_EQ(importError(reduce("[1, 1]"), {{"a", {2, 3}}}),
            "g.json:1:79: node #0 (Reduce 'sum'): axis 1 is repeated");
}

TEST_F(EinsumGraphTest, ErrorIndices) {
  auto node = [](const char *inputs, const char *outputs) {
    return std::string(
               R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": )") +
           inputs + R"(, "outputs": )" + outputs + "}]}";
  };
  EXPECT_EQ(importError(node("0", "[1]")),
            "g.json:1:83: node #0 (ElemUnary 'relu'): 'inputs' must be an "
            "array of tensor indices, not a number");
  EXPECT_EQ(importError(node("[-1]", "[1]")),
            "g.json:1:84: node #0 (ElemUnary 'relu'): input #0 must be a "
            "tensor index (a non-negative integer), not -1");
  EXPECT_EQ(importError(node("[0.5]", "[1]")),
            "g.json:1:84: node #0 (ElemUnary 'relu'): input #0 must be a "
            "tensor index (a non-negative integer), not 0.5");
  EXPECT_EQ(importError(node("[\"a\"]", "[1]")),
            "g.json:1:84: node #0 (ElemUnary 'relu'): input #0 must be a "
            "tensor index (a non-negative integer), not \"a\"");
  EXPECT_EQ(importError(node("[7]", "[1]")),
            "g.json:1:84: node #0 (ElemUnary 'relu'): input #0 is tensor "
            "index 7, but the graph has 2 tensors");
  EXPECT_EQ(importError(node("[0]", "[99999999999999999999]")),
            "g.json:1:100: node #0 (ElemUnary 'relu'): output #0 must be a "
            "tensor index (a non-negative integer), not "
            "1e+20");
  EXPECT_EQ(importError(node("[0]", "[]")),
            "g.json:1:99: node #0 (ElemUnary 'relu'): produces no tensor "
            "('outputs' is empty)");
  EXPECT_EQ(importError(node("[0]", "[0, 1]")),
            "g.json:1:99: node #0 (ElemUnary 'relu'): produces 2 tensors; tlc "
            "supports one output per node");
  EXPECT_EQ(
      importError(R"({"tensors": ["a", "b"], "nodes": [], "inputs": [0, 2]})"),
      "g.json:1:52: graph input #1 is tensor index 2, but the graph has 2 "
      "tensors");
  EXPECT_EQ(importError(R"({"tensors": ["a"], "nodes": [], "outputs": "a"})"),
            "g.json:1:44: 'outputs' must be an array of tensor indices, not a "
            "string");
}

TEST_F(EinsumGraphTest, ErrorGraphStructure) {
  // A tensor computed twice.
  EXPECT_EQ(importError(R"({"tensors": ["a", "b"], "nodes": [
    {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]},
    {"op": {"ElemUnary": {"op": "exp"}}, "inputs": [0], "outputs": [1]}]})"),
            "g.json:3:69: node #1 (ElemUnary 'exp'): tensor 'b' (#1) is "
            "already produced by node #0 (ElemUnary 'relu')");
  // Cycles.
  EXPECT_EQ(importError(R"({"tensors": ["a", "b", "c", "d"], "nodes": [
    {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [3]},
    {"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 2], "outputs": [1]},
    {"op": {"ElemUnary": {"op": "exp"}}, "inputs": [1], "outputs": [2]}]})"),
            "g.json:3:5: node #1 (ElemBinary 'add'): dependency cycle: node "
            "#1 reads 'c' from node #2, node #2 reads 'b' from node #1");
  EXPECT_EQ(importError(R"({"tensors": ["a"], "nodes": [
    {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [0]}]})"),
            "g.json:2:5: node #0 (ElemUnary 'relu'): dependency cycle: node "
            "#0 reads 'a' from node #0");
  // Inputs and outputs.
  EXPECT_EQ(importError(R"({"tensors": ["a", "b"], "nodes": [
    {"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]}],
    "inputs": [0, 1]})"),
            "g.json:3:19: graph input #1 is tensor 'b', which node #0 "
            "(ElemUnary 'relu') computes");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [], "inputs": [0, 0], "outputs": [0]})"),
      "g.json:1:47: graph input #1 repeats tensor 'a' (graph input #0)");
  EXPECT_EQ(
      importError(R"({"tensors": ["a"], "nodes": [], "outputs": [0, 0]})"),
      "g.json:1:48: graph output #1 repeats tensor 'a' (graph output "
      "#0)");
  EXPECT_EQ(importError(R"({"tensors": ["a"], "nodes": []})"),
            "g.json:1:1: the graph has no outputs: 'outputs' is empty and no "
            "node computes a tensor that is not read");
}

TEST_F(EinsumGraphTest, ErrorShapes) {
  // The message of the brief, at the tensor's name.
  EXPECT_EQ(importError(R"({"tensors": ["x", "y"],
    "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]}]})"),
            "g.json:1:14: tensor 'x' (graph input #0) has no shape; give "
            "--shape x=d0,d1,...");
  EXPECT_EQ(
      importError(
          R"({"tensors":["Parent[ab]","b"],"nodes":[{"op":{"ElemUnary":{"op":"relu"}},"inputs":[0],"outputs":[1]}]})"),
      "g.json:1:13: tensor 'Parent[ab]' (graph input #0) has no shape; "
      "give --shape Parent=d0,d1,...");
  EXPECT_EQ(importError(unaryGraph("relu"), {{"a", {2}}, {"q", {3}}}),
            "g.json:1:13: --shape names 'q', which is not a tensor of the "
            "graph");
  EXPECT_EQ(importError(unaryGraph("relu"), {{"a", {-2}}}),
            "g.json:1:13: --shape a has a negative dimension");
  EXPECT_CONTAINS(
      importError(
          R"({"tensors": ["a", "const_1", "b"], "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 1], "outputs": [2]}]})",
          {{"a", {2}}, {"const_1", {2}}}),
      "g.json:1:19: --shape names 'const_1', a constant");
  // Disagreeing uses of one predicate.
  EXPECT_EQ(
      importError(
          R"({"tensors":["P[ab]","P[ba]","c"],"nodes":[{"op":{"ElemBinary":{"op":"add"}},"inputs":[0,1],"outputs":[2]}]})",
          {{"P[ab]", {2, 3}}, {"P[ba]", {3, 2}}}),
      "g.json:1:21: tensors of graph input #0 'P' disagree on its shape: "
      "--shape gives [2, 3] for 'P[ab]' and [3, 2] for 'P[ba]'");
  // A computed tensor against its declared shape and dtype.
  EXPECT_EQ(importError(unaryGraph("relu"), {{"a", {2}}, {"b", {3}}}),
            "g.json:1:35: node #0 (ElemUnary 'relu'): computes 'b' as f32[2], "
            "but --shape gives [3]");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]}], "tensor_metadata": {"1": {"dtype": "f64"}}})",
          {{"a", {2}}}),
      "g.json:1:35: node #0 (ElemUnary 'relu'): computes 'b' as f32[2], but "
      "its metadata says f64");
  // Operands that do not fit.
  EXPECT_EQ(importError(binaryGraph("add"), {{"a", {2, 3}}, {"b", {2}}}),
            "g.json:1:40: node #0 (ElemBinary 'add'): operand shapes [2, 3] "
            "and [2] do not broadcast (dimension 1 of the result: 3 vs 2)");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"Einsum": {"spec": "ij,jk->ik"}}, "inputs": [0, 1], "outputs": [2]}]})",
          {{"a", {2, 3}}, {"b", {4, 5}}}),
      "g.json:1:40: node #0 (Einsum 'ij,jk->ik'): index 'j' has size 3 in "
      "operand #0 (dimension 1) but 4 in operand #1 (dimension 0) "
      "(operands: f32[2, 3], f32[4, 5])");
  EXPECT_CONTAINS(
      importError(
          R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"Einsum": {"spec": "ij->i"}}, "inputs": [0, 1], "outputs": [2]}]})",
          {{"a", {2, 3}}, {"b", {4, 5}}}),
      "node #0 (Einsum 'ij->i'): ");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b", "c"], "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0, 1], "outputs": [2]}], "tensor_metadata": {"1": {"dtype": "f64"}}})",
          {{"a", {2}}, {"b", {2}}}),
      "g.json:1:92: node #0 (ElemBinary 'add'): operands have different "
      "element types: 'a' is f32, 'b' is f64");
}

TEST_F(EinsumGraphTest, ErrorArity) {
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0, 0], "outputs": [1]}]})",
          {{"a", {2}}}),
      "g.json:1:83: node #0 (ElemUnary 'relu'): takes 1 input, got 2");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemBinary": {"op": "add"}}, "inputs": [0], "outputs": [1]}]})",
          {{"a", {2}}}),
      "g.json:1:83: node #0 (ElemBinary 'add'): takes 2 inputs, got 1");
  EXPECT_EQ(
      importError(
          R"({"tensors": ["a"], "nodes": [{"op": {"Einsum": {"spec": "->"}}, "inputs": [], "outputs": [0]}]})"),
      "g.json:1:75: node #0 (Einsum '->'): takes at least 1 input, got 0");
}

TEST_F(EinsumGraphTest, ErrorMetadata) {
  auto withMeta = [](const char *meta) {
    return std::string(
               R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": "relu"}}, "inputs": [0], "outputs": [1]}], "tensor_metadata": )") +
           meta + "}";
  };
  EXPECT_EQ(importError(withMeta("[]")),
            "g.json:1:125: 'tensor_metadata' must be an object keyed by "
            "tensor index, not an array");
  EXPECT_EQ(importError(withMeta(R"({"x": {}})")),
            "g.json:1:131: 'tensor_metadata' key 'x' is not a tensor index "
            "(the graph has 2 tensors)");
  EXPECT_EQ(importError(withMeta(R"({"2": {}})")),
            "g.json:1:131: 'tensor_metadata' key '2' is not a tensor index "
            "(the graph has 2 tensors)");
  EXPECT_EQ(importError(withMeta(R"({"0": 4})")),
            "g.json:1:131: metadata of tensor 'a' must be an object, not a "
            "number");
  EXPECT_EQ(importError(withMeta(R"({"0": {"attributes": [["shape"]]}})")),
            "g.json:1:147: metadata of tensor 'a': attributes must be [key, "
            "value] pairs of strings");
  EXPECT_EQ(importError(withMeta(R"({"0": {"attributes": 3}})")),
            "g.json:1:146: metadata of tensor 'a': 'attributes' must be a "
            "list of [key, value] pairs, not a number");
  EXPECT_EQ(
      importError(withMeta(R"({"0": {"attributes": [["shape", "2,a"]]}})")),
      "g.json:1:157: metadata of tensor 'a': shape \"2,a\" is not a list of "
      "dimensions (expected e.g. \"2,3\", \"[2, 3]\" or \"\" for a scalar)");
  EXPECT_EQ(importError(withMeta(R"({"0": {"dtype": "f16"}})")),
            "g.json:1:141: metadata of tensor 'a': dtype \"f16\" is not "
            "supported (expected one of: f32, f64, i32, i64, bool)");
}

TEST_F(EinsumGraphTest, VerifierErrorsAreReportedAtTheNode) {
  // What the importer does not check itself, the tl verifier does, at the
  // node's location.
  auto module = import(
      R"({"tensors": ["a", "b"], "nodes": [{"op": {"ElemUnary": {"op": "sigmoid"}}, "inputs": [0], "outputs": [1]}], "tensor_metadata": {"0": {"dtype": "i32", "shape": "2"}}})");
  EXPECT_FALSE(module);
  ASSERT_FALSE(errors.empty());
  EXPECT_CONTAINS(errors.front(), "g.json:1:35: 'tl.map' op");
}

TEST_F(EinsumGraphTest, NeverCrashesOnTruncatedOrMutatedInput) {
  // Every prefix of a valid graph, and the graph with each byte replaced
  // by characters that change its structure, imports or fails cleanly.
  std::string json(kSerializationExample);
  Shapes shapes = {{"input_a", {2, 3}}, {"input_b", {3, 4}}};
  for (size_t n = 0; n < json.size(); ++n) {
    OwningOpRef<ModuleOp> module = import(json.substr(0, n), shapes);
    EXPECT_FALSE(module) << n;
    EXPECT_FALSE(errors.empty()) << n;
  }
  for (size_t i = 0; i < json.size(); ++i)
    for (char c : {'0', '9', '"', ']', '{', '-', 'x'}) {
      std::string mutated = json;
      mutated[i] = c;
      OwningOpRef<ModuleOp> module = import(mutated, shapes);
      EXPECT_TRUE(module || !errors.empty()) << i << " " << c;
    }
}

} // namespace
