//===- EinsumGraph.cpp - import EinsumGraph JSON --------------------------===//
//
// The input is serde_json's rendering of tensorlogic-ir's types
// (github.com/cool-japan/tensorlogic, crates/tensorlogic-ir/src/graph/mod.rs,
// node.rs, optype.rs, metadata.rs, serialization.rs):
//
//   EinsumGraph    {tensors: [String], nodes: [EinsumNode], inputs: [usize],
//                   outputs: [usize], tensor_metadata: {"<index>": Metadata}}
//   EinsumNode     {op: OpType, inputs: [usize], outputs: [usize], metadata?}
//   OpType         {"Einsum": {spec}} | {"ElemUnary": {op}}
//                  | {"ElemBinary": {op}} | {"Reduce": {op, axes: [usize]}}
//   Metadata       {name, span, provenance, attributes: [[key, value]]}
//   VersionedGraph {version, created_at, metadata, graph: EinsumGraph}
//
// Op names and their meaning follow the crate's executors
// (tensorlogic-scirs-backend/src/{ops,executor}.rs). docs/json-import.md is
// the user-facing description of every rule implemented here.
//
//===----------------------------------------------------------------------===//

#include "tlc/Import/EinsumGraph.h"

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <queue>

using namespace mlir;
using namespace tlc;
namespace json = llvm::json;

namespace {

//===----------------------------------------------------------------------===//
// Positions in the JSON text
//===----------------------------------------------------------------------===//

/// llvm::json::parse recurses once per nesting level; deeper input is
/// rejected before it can exhaust the stack.
constexpr unsigned kMaxNesting = 256;

/// Offset of the first bracket nested deeper than kMaxNesting, if any.
std::optional<size_t> findExcessiveNesting(StringRef text) {
  unsigned depth = 0;
  bool inString = false;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

/// `text` with `//` line comments (outside strings) blanked out, so the
/// offsets of everything else stay put. JSON has no comments; tlc accepts
/// them so that tests and users can annotate graphs.
std::string blankLineComments(StringRef text) {
  std::string out = text.str();
  bool inString = false;
  for (size_t i = 0, e = out.size(); i < e; ++i) {
    char c = out[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '/' && i + 1 < e && out[i + 1] == '/') {
      for (; i < e && out[i] != '\n'; ++i)
        out[i] = ' ';
    }
  }
  return out;
}

/// Byte offsets of the values of a JSON text by path ("/nodes/3/inputs/0").
/// llvm::json keeps no positions, so diagnostics look the offending value up
/// here. Only run on text llvm::json accepted, but bounds-checked anyway.
class JsonLocator {
public:
  explicit JsonLocator(StringRef text) : text(text) {
    std::string path;
    skipSpace();
    value(path);
  }

  /// Offset of the value at `path`, or of its nearest recorded ancestor.
  size_t find(StringRef path) const {
    while (true) {
      auto it = offsets.find(path);
      if (it != offsets.end())
        return it->second;
      size_t slash = path.rfind('/');
      if (slash == StringRef::npos)
        return 0;
      path = path.take_front(slash);
    }
  }

private:
  bool atEnd() const { return pos >= text.size(); }
  void skipSpace() {
    while (!atEnd() && llvm::isSpace(text[pos]))
      ++pos;
  }

  /// Reads a string token starting at '"' (escapes decoded only as far as
  /// object keys need).
  std::string string() {
    std::string out;
    ++pos;
    while (!atEnd() && text[pos] != '"') {
      if (text[pos] == '\\' && pos + 1 < text.size()) {
        char c = text[pos + 1];
        pos += 2;
        switch (c) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          out += "\\u";
          break;
        default:
          out += c;
        }
        continue;
      }
      out += text[pos++];
    }
    ++pos;
    return out;
  }

  void value(std::string &path) {
    offsets.try_emplace(path, pos);
    if (atEnd())
      return;
    char c = text[pos];
    if (c == '{' || c == '[') {
      bool isObject = c == '{';
      char close = isObject ? '}' : ']';
      ++pos;
      skipSpace();
      if (!atEnd() && text[pos] == close) {
        ++pos;
        return;
      }
      for (unsigned index = 0; !atEnd(); ++index) {
        size_t length = path.size();
        path += '/';
        if (isObject) {
          if (text[pos] != '"')
            return;
          path += string();
          skipSpace();
          if (atEnd() || text[pos] != ':')
            return;
          ++pos;
          skipSpace();
        } else {
          path += std::to_string(index);
        }
        value(path);
        path.resize(length);
        skipSpace();
        if (atEnd())
          return;
        char next = text[pos++];
        if (next != ',')
          return;
        skipSpace();
      }
      return;
    }
    if (c == '"') {
      string();
      return;
    }
    while (!atEnd() && !StringRef(",]} \t\r\n").contains(text[pos]))
      ++pos;
  }

  StringRef text;
  size_t pos = 0;
  llvm::StringMap<size_t> offsets;
};

//===----------------------------------------------------------------------===//
// Op names
//===----------------------------------------------------------------------===//

struct UnaryOpInfo {
  StringRef name;
  tl::MapFn fn;
  bool alias;
};

/// Canonical names first; aliases are the spellings the crate's executors,
/// exporters and compiler also use. `abs` and `step` are tlc extensions.
const UnaryOpInfo kUnaryOps[] = {
    {"relu", tl::MapFn::relu, false},
    {"sigmoid", tl::MapFn::sigmoid, false},
    {"one_minus", tl::MapFn::one_minus, false},
    {"exp", tl::MapFn::exp, false},
    {"log", tl::MapFn::log, false},
    {"neg", tl::MapFn::neg, false},
    {"sqrt", tl::MapFn::sqrt, false},
    {"tanh", tl::MapFn::tanh, false},
    {"abs", tl::MapFn::abs, false},
    {"step", tl::MapFn::step, false},
    {"oneminus", tl::MapFn::one_minus, true},
    {"negate", tl::MapFn::neg, true},
};

/// How a binary op is built from tl.map functions.
enum class BinaryForm {
  Map,       // fn(a, b)
  Compare,   // cast(fn(a, b)): truth as 0/1 in the operand type
  OrProbSum, // a + b - a*b
  Nand,      // 1 - a*b
  Nor,       // 1 - max(a, b)
  Xor,       // a + b - 2ab
};

struct BinaryOpInfo {
  StringRef name;
  BinaryForm form;
  tl::MapFn fn;
  bool alias;
};

const BinaryOpInfo kBinaryOps[] = {
    {"add", BinaryForm::Map, tl::MapFn::add, false},
    {"subtract", BinaryForm::Map, tl::MapFn::sub, false},
    {"multiply", BinaryForm::Map, tl::MapFn::mul, false},
    {"divide", BinaryForm::Map, tl::MapFn::div, false},
    {"min", BinaryForm::Map, tl::MapFn::min, false},
    {"max", BinaryForm::Map, tl::MapFn::max, false},
    {"pow", BinaryForm::Map, tl::MapFn::pow, false},
    {"eq", BinaryForm::Compare, tl::MapFn::eq, false},
    {"lt", BinaryForm::Compare, tl::MapFn::lt, false},
    {"gt", BinaryForm::Compare, tl::MapFn::gt, false},
    {"lte", BinaryForm::Compare, tl::MapFn::le, false},
    {"gte", BinaryForm::Compare, tl::MapFn::ge, false},
    {"or_max", BinaryForm::Map, tl::MapFn::max, false},
    {"or_prob_sum", BinaryForm::OrProbSum, tl::MapFn::add, false},
    {"nand", BinaryForm::Nand, tl::MapFn::mul, false},
    {"nor", BinaryForm::Nor, tl::MapFn::max, false},
    {"xor", BinaryForm::Xor, tl::MapFn::add, false},
    {"sub", BinaryForm::Map, tl::MapFn::sub, true},
    {"mul", BinaryForm::Map, tl::MapFn::mul, true},
    {"div", BinaryForm::Map, tl::MapFn::div, true},
    {"minimum", BinaryForm::Map, tl::MapFn::min, true},
    {"maximum", BinaryForm::Map, tl::MapFn::max, true},
    {"power", BinaryForm::Map, tl::MapFn::pow, true},
    {"equal", BinaryForm::Compare, tl::MapFn::eq, true},
    {"less", BinaryForm::Compare, tl::MapFn::lt, true},
    {"lessthan", BinaryForm::Compare, tl::MapFn::lt, true},
    {"less_than", BinaryForm::Compare, tl::MapFn::lt, true},
    {"greater", BinaryForm::Compare, tl::MapFn::gt, true},
    {"greaterthan", BinaryForm::Compare, tl::MapFn::gt, true},
    {"greater_than", BinaryForm::Compare, tl::MapFn::gt, true},
    {"le", BinaryForm::Compare, tl::MapFn::le, true},
    {"less_equal", BinaryForm::Compare, tl::MapFn::le, true},
    {"less_than_equal", BinaryForm::Compare, tl::MapFn::le, true},
    {"lessthanorequal", BinaryForm::Compare, tl::MapFn::le, true},
    {"ge", BinaryForm::Compare, tl::MapFn::ge, true},
    {"greater_equal", BinaryForm::Compare, tl::MapFn::ge, true},
    {"greater_than_equal", BinaryForm::Compare, tl::MapFn::ge, true},
    {"greaterthanorequal", BinaryForm::Compare, tl::MapFn::ge, true},
    {"ormax", BinaryForm::Map, tl::MapFn::max, true},
    {"orprobsum", BinaryForm::OrProbSum, tl::MapFn::add, true},
    {"or_probabilistic", BinaryForm::OrProbSum, tl::MapFn::add, true},
};

struct ReduceOpInfo {
  StringRef name;
  tl::ReduceKind kind;
  bool alias;
};

const ReduceOpInfo kReduceOps[] = {
    {"sum", tl::ReduceKind::sum, false},
    {"max", tl::ReduceKind::max, false},
    {"min", tl::ReduceKind::min, false},
    {"mean", tl::ReduceKind::mean, false},
    {"prod", tl::ReduceKind::prod, false},
    {"product", tl::ReduceKind::prod, true},
};

/// Looks `name` up case-insensitively, as the crate does.
template <typename Info, size_t N>
const Info *lookupOp(const Info (&table)[N], StringRef name) {
  std::string lower = name.lower();
  for (const Info &info : table)
    if (info.name == lower)
      return &info;
  return nullptr;
}

template <typename Info, size_t N>
std::string canonicalNames(const Info (&table)[N]) {
  std::string out;
  for (const Info &info : table) {
    if (info.alias)
      continue;
    if (!out.empty())
      out += ", ";
    out += info.name.str();
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

StringRef kindOf(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "null";
  case json::Value::Boolean:
    return "a boolean";
  case json::Value::Number:
    return "a number";
  case json::Value::String:
    return "a string";
  case json::Value::Array:
    return "an array";
  case json::Value::Object:
    return "an object";
  }
  llvm_unreachable("unknown JSON kind");
}

/// A JSON value for a message: numbers and strings as written, else its kind.
std::string show(const json::Value &value) {
  if (value.kind() != json::Value::Number &&
      value.kind() != json::Value::String)
    return kindOf(value).str();
  std::string text;
  llvm::raw_string_ostream(text) << value;
  if (text.size() > 40)
    text = text.substr(0, 37) + "...";
  return text;
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string out = "[";
  llvm::raw_string_ostream os(out);
  llvm::interleaveComma(shape, os);
  os << "]";
  return out;
}

/// "f32[2, 3]", as the C header and the entry point checks spell types.
std::string typeString(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return (tl::elementTypeName(tensor.getElementType()) +
          shapeString(tensor.getShape()))
      .str();
}

/// Parses "2,3", "[2, 3]", "(2, 3)", "2x3"; "" and "[]" are scalars.
std::optional<std::vector<int64_t>> parseShapeString(StringRef text) {
  text = text.trim();
  if ((text.starts_with("[") && text.ends_with("]")) ||
      (text.starts_with("(") && text.ends_with(")")))
    text = text.drop_front().drop_back().trim();
  std::vector<int64_t> shape;
  if (text.empty())
    return shape;
  SmallVector<StringRef> pieces;
  text.split(pieces, text.contains(',') ? ',' : 'x');
  // A trailing comma, as in Python's "(3,)".
  if (pieces.size() > 1 && pieces.back().trim().empty())
    pieces.pop_back();
  for (StringRef piece : pieces) {
    int64_t dim;
    if (piece.trim().getAsInteger(10, dim) || dim < 0)
      return std::nullopt;
    shape.push_back(dim);
  }
  return shape;
}

std::optional<std::vector<int64_t>> parseShapeValue(const json::Value &value) {
  if (std::optional<StringRef> text = value.getAsString())
    return parseShapeString(*text);
  const json::Array *array = value.getAsArray();
  if (!array)
    return std::nullopt;
  std::vector<int64_t> shape;
  for (const json::Value &element : *array) {
    std::optional<int64_t> dim = element.getAsInteger();
    if (!dim || *dim < 0)
      return std::nullopt;
    shape.push_back(*dim);
  }
  return shape;
}

Type parseDType(StringRef name, MLIRContext *ctx) {
  std::string lower = name.trim().lower();
  Builder b(ctx);
  if (lower == "f32" || lower == "float32" || lower == "float")
    return b.getF32Type();
  if (lower == "f64" || lower == "float64" || lower == "double")
    return b.getF64Type();
  if (lower == "i32" || lower == "int32")
    return b.getI32Type();
  if (lower == "i64" || lower == "int64")
    return b.getI64Type();
  if (lower == "bool" || lower == "i1")
    return b.getI1Type();
  return nullptr;
}

/// tensorlogic-compiler names predicate tensors "Name[axes]" (one letter per
/// argument) and its executors bind them to the user's tensor "Name"; those
/// uses share one argument. Other names stand for themselves.
StringRef argumentKey(StringRef name) {
  size_t open = name.find('[');
  if (open == 0 || open == StringRef::npos || !name.ends_with("]"))
    return name;
  StringRef axes = name.slice(open + 1, name.size() - 1);
  if (!llvm::all_of(axes, llvm::isAlpha))
    return name;
  return name.take_front(open);
}

/// The crate's executors read an unbound tensor named "const_<number>" as
/// that scalar (tensorlogic-scirs-backend/src/autodiff.rs).
std::optional<double> constantValue(StringRef name) {
  if (!name.consume_front("const_"))
    return std::nullopt;
  double value;
  if (name.empty() || name.getAsDouble(value))
    return std::nullopt;
  return value;
}

/// Index names of a rank-`rank` map term: a-z then A-Z.
std::optional<std::string> letters(size_t rank) {
  static constexpr StringLiteral kLetters =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  if (rank > kLetters.size())
    return std::nullopt;
  return kLetters.substr(0, rank).str();
}

//===----------------------------------------------------------------------===//
// The importer
//===----------------------------------------------------------------------===//

enum class NodeKind { Einsum, ElemUnary, ElemBinary, Reduce };

StringRef nodeKindName(NodeKind kind) {
  switch (kind) {
  case NodeKind::Einsum:
    return "Einsum";
  case NodeKind::ElemUnary:
    return "ElemUnary";
  case NodeKind::ElemBinary:
    return "ElemBinary";
  case NodeKind::Reduce:
    return "Reduce";
  }
  llvm_unreachable("unknown node kind");
}

struct Node {
  std::string path; // JSON path, for locations
  std::optional<NodeKind> kind;
  std::string text; // einsum spec or op name, as written
  std::vector<int64_t> axes;
  std::vector<unsigned> inputs, outputs;
  const UnaryOpInfo *unary = nullptr;
  const BinaryOpInfo *binary = nullptr;
  const ReduceOpInfo *reduce = nullptr;
};

struct Tensor {
  std::string name;
  std::optional<std::vector<int64_t>> metaShape;
  Type metaType;
  int producer = -1;
  bool consumed = false;
  bool isOutput = false;
  std::optional<double> constant; // a scalar constant, not an argument
  int argument = -1;
  Value value; // while building
};

/// One function argument: the graph input tensors that bind to it.
struct Argument {
  std::string name;
  std::vector<unsigned> members;
  RankedTensorType type;
};

class Importer {
public:
  Importer(llvm::SourceMgr &sourceMgr, MLIRContext *ctx,
           const EinsumGraphImportOptions &options)
      : sourceMgr(sourceMgr), ctx(ctx), options(options) {}

  OwningOpRef<ModuleOp> run();

private:
  // Diagnostics.
  Location locOf(StringRef path) const;
  Location locAt(size_t offset) const;
  InFlightDiagnostic errorAt(StringRef path) { return emitError(locOf(path)); }
  std::string describe(unsigned node) const;
  InFlightDiagnostic nodeError(unsigned node, StringRef subpath = "") {
    return errorAt(nodes[node].path + subpath.str()) << describe(node) << ": ";
  }
  std::string tensorPath(unsigned t) const {
    return root + "/tensors/" + std::to_string(t);
  }

  // Parsing.
  LogicalResult parseGraph(const json::Object &graph);
  LogicalResult parseNode(unsigned index, const json::Value &value);
  LogicalResult parseOp(unsigned index, const json::Value *value);
  LogicalResult parseIndices(const json::Value *value, const std::string &path,
                             const Twine &arrayWhat, const Twine &elementWhat,
                             std::vector<unsigned> &out);
  LogicalResult parseTensorMetadata(const json::Value &value);
  LogicalResult parseMetadataEntry(unsigned t, const json::Value &meta,
                                   const std::string &path);

  // Analysis.
  LogicalResult sortNodes();
  LogicalResult classifyTensors();
  LogicalResult resolveArguments();
  LogicalResult checkShapeOptions();

  // Building.
  LogicalResult build(ModuleOp module);
  Value operand(OpBuilder &b, unsigned t, Type elementType, Location loc);
  LogicalResult emitNode(OpBuilder &b, unsigned index);
  Value emitBinary(OpBuilder &b, unsigned index, Value lhs, Value rhs);
  LogicalResult checkDeclared(unsigned index, unsigned t, Value value);

  llvm::SourceMgr &sourceMgr;
  MLIRContext *ctx;
  const EinsumGraphImportOptions &options;
  unsigned bufferId = 0;
  StringRef fileName;
  StringRef text;
  std::optional<JsonLocator> locator;
  std::string root; // "" or "/graph" for a VersionedGraph

  std::vector<Tensor> tensors;
  std::vector<Node> nodes;
  std::vector<unsigned> order; // nodes, topologically sorted
  std::vector<unsigned> listedInputs, listedOutputs;
  std::vector<unsigned> graphOutputs;
  std::vector<Argument> arguments;
  std::map<std::pair<unsigned, const void *>, Value> constants;
};

Location Importer::locAt(size_t offset) const {
  offset = std::min(offset, text.size());
  auto [line, col] = sourceMgr.getLineAndColumn(
      llvm::SMLoc::getFromPointer(text.data() + offset), bufferId);
  return FileLineColLoc::get(ctx, fileName, line, col);
}

Location Importer::locOf(StringRef path) const {
  return locAt(locator ? locator->find(path) : 0);
}

std::string Importer::describe(unsigned index) const {
  const Node &node = nodes[index];
  std::string out = "node #" + std::to_string(index);
  if (node.kind)
    out += " (" + nodeKindName(*node.kind).str() + " '" + node.text + "')";
  return out;
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

LogicalResult Importer::parseIndices(const json::Value *value,
                                     const std::string &path,
                                     const Twine &arrayWhat,
                                     const Twine &elementWhat,
                                     std::vector<unsigned> &out) {
  const json::Array *array = value ? value->getAsArray() : nullptr;
  if (!array)
    return errorAt(path) << arrayWhat
                         << " must be an array of tensor indices, not "
                         << (value ? kindOf(*value) : StringRef("missing"));
  for (auto [k, element] : llvm::enumerate(*array)) {
    std::string elementPath = path + "/" + std::to_string(k);
    std::optional<int64_t> index = element.getAsInteger();
    if (!index || *index < 0)
      return errorAt(elementPath)
             << elementWhat << " #" << k
             << " must be a tensor index (a non-negative integer), not "
             << show(element);
    if (static_cast<uint64_t>(*index) >= tensors.size())
      return errorAt(elementPath)
             << elementWhat << " #" << k << " is tensor index " << *index
             << ", but the graph has " << tensors.size() << " tensor"
             << (tensors.size() == 1 ? "" : "s");
    out.push_back(static_cast<unsigned>(*index));
  }
  return success();
}

LogicalResult Importer::parseOp(unsigned index, const json::Value *value) {
  Node &node = nodes[index];
  std::string opPath = node.path + "/op";
  const json::Object *op = value ? value->getAsObject() : nullptr;
  if (!op || op->size() != 1)
    return errorAt(value ? opPath : node.path)
           << describe(index) << ": 'op' must be an object with one key: "
           << "Einsum, ElemUnary, ElemBinary or Reduce"
           << (value ? "" : " ('op' is missing)");
  StringRef kindName = op->begin()->first;
  const json::Value &payloadValue = op->begin()->second;
  std::string payloadPath = opPath + "/" + kindName.str();
  if (kindName == "Einsum")
    node.kind = NodeKind::Einsum;
  else if (kindName == "ElemUnary")
    node.kind = NodeKind::ElemUnary;
  else if (kindName == "ElemBinary")
    node.kind = NodeKind::ElemBinary;
  else if (kindName == "Reduce")
    node.kind = NodeKind::Reduce;
  else
    return errorAt(opPath) << describe(index) << ": unknown op kind '"
                           << kindName
                           << "' (expected one of: Einsum, ElemUnary, "
                              "ElemBinary, Reduce)";

  const json::Object *payload = payloadValue.getAsObject();
  StringRef field = *node.kind == NodeKind::Einsum ? "spec" : "op";
  const json::Value *textValue = payload ? payload->get(field) : nullptr;
  std::optional<StringRef> textString =
      textValue ? textValue->getAsString() : std::nullopt;
  if (!textString) {
    node.kind.reset(); // describe() must not show a text it does not have
    return errorAt(textValue ? payloadPath + "/" + field.str() : payloadPath)
           << describe(index) << ": " << kindName << " needs a string '"
           << field << "', as in {\"" << kindName << "\": {\"" << field
           << "\": \"" << (field == "spec" ? "ab,bc->ac" : "relu") << "\"}}";
  }
  node.text = textString->str();

  // Problems with the name or spec point at it.
  std::string textPath = "/op/" + kindName.str() + "/" + field.str();
  switch (*node.kind) {
  case NodeKind::Einsum:
    if (node.text.empty())
      return nodeError(index, textPath) << "empty einsum spec";
    break;
  case NodeKind::ElemUnary:
    node.unary = lookupOp(kUnaryOps, node.text);
    if (!node.unary)
      return nodeError(index, textPath)
             << "unknown unary op '" << node.text
             << "' (expected one of: " << canonicalNames(kUnaryOps) << ")";
    break;
  case NodeKind::ElemBinary:
    node.binary = lookupOp(kBinaryOps, node.text);
    if (!node.binary)
      return nodeError(index, textPath)
             << "unknown binary op '" << node.text
             << "' (expected one of: " << canonicalNames(kBinaryOps) << ")";
    break;
  case NodeKind::Reduce: {
    node.reduce = lookupOp(kReduceOps, node.text);
    if (!node.reduce)
      return nodeError(index, textPath)
             << "unknown reduction '" << node.text
             << "' (expected one of: " << canonicalNames(kReduceOps) << ")";
    std::string axesPath = payloadPath + "/axes";
    const json::Value *axesValue = payload->get("axes");
    const json::Array *axes = axesValue ? axesValue->getAsArray() : nullptr;
    if (!axes)
      return nodeError(index, axesValue ? "/op/Reduce/axes" : "/op")
             << "'axes' must be an array of non-negative integers, not "
             << (axesValue ? kindOf(*axesValue) : StringRef("missing"));
    for (auto [k, element] : llvm::enumerate(*axes)) {
      std::optional<int64_t> axis = element.getAsInteger();
      if (!axis || *axis < 0)
        return nodeError(index, "/op/Reduce/axes/" + std::to_string(k))
               << "axis #" << k << " must be a non-negative integer, not "
               << show(element);
      node.axes.push_back(*axis);
    }
    break;
  }
  }
  return success();
}

LogicalResult Importer::parseNode(unsigned index, const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return errorAt(nodes[index].path)
           << describe(index)
           << " must be an object with 'op', 'inputs' and 'outputs', not "
           << kindOf(value);
  if (failed(parseOp(index, object->get("op"))))
    return failure();
  Node &node = nodes[index];
  std::string prefix = describe(index) + ": ";
  if (failed(parseIndices(object->get("inputs"), node.path + "/inputs",
                          prefix + "'inputs'", prefix + "input",
                          node.inputs)) ||
      failed(parseIndices(object->get("outputs"), node.path + "/outputs",
                          prefix + "'outputs'", prefix + "output",
                          node.outputs)))
    return failure();
  // Node metadata (names, provenance) does not change what is computed.
  return success();
}

LogicalResult Importer::parseMetadataEntry(unsigned t, const json::Value &meta,
                                           const std::string &path) {
  if (meta.kind() == json::Value::Null)
    return success();
  const json::Object *object = meta.getAsObject();
  if (!object)
    return errorAt(path) << "metadata of tensor '" << tensors[t].name
                         << "' must be an object, not " << kindOf(meta);

  // tensorlogic-ir's Metadata has no shape or dtype slot: tlc reads them
  // from its free-form attributes, [["shape", "2,3"], ["dtype", "f32"]],
  // or from "shape"/"dtype" keys on the metadata object itself.
  const json::Value *shape = object->get("shape");
  const json::Value *dtype = object->get("dtype");
  std::string shapePath = path + "/shape", dtypePath = path + "/dtype";
  if (const json::Value *attributes = object->get("attributes")) {
    std::string attributesPath = path + "/attributes";
    if (const json::Array *pairs = attributes->getAsArray()) {
      for (auto [k, pairValue] : llvm::enumerate(*pairs)) {
        std::string pairPath = attributesPath + "/" + std::to_string(k);
        const json::Array *pair = pairValue.getAsArray();
        std::optional<StringRef> key =
            pair && pair->size() == 2 ? (*pair)[0].getAsString() : std::nullopt;
        if (!key)
          return errorAt(pairPath)
                 << "metadata of tensor '" << tensors[t].name
                 << "': attributes must be [key, value] pairs of strings";
        if (*key == "shape") {
          shape = &(*pair)[1];
          shapePath = pairPath + "/1";
        } else if (*key == "dtype") {
          dtype = &(*pair)[1];
          dtypePath = pairPath + "/1";
        }
      }
    } else if (const json::Object *map = attributes->getAsObject()) {
      if (const json::Value *v = map->get("shape")) {
        shape = v;
        shapePath = attributesPath + "/shape";
      }
      if (const json::Value *v = map->get("dtype")) {
        dtype = v;
        dtypePath = attributesPath + "/dtype";
      }
    } else if (attributes->kind() != json::Value::Null) {
      return errorAt(attributesPath)
             << "metadata of tensor '" << tensors[t].name
             << "': 'attributes' must be a list of [key, value] pairs, not "
             << kindOf(*attributes);
    }
  }
  if (shape) {
    tensors[t].metaShape = parseShapeValue(*shape);
    if (!tensors[t].metaShape)
      return errorAt(shapePath)
             << "metadata of tensor '" << tensors[t].name << "': shape "
             << show(*shape)
             << " is not a list of dimensions (expected e.g. \"2,3\", "
                "\"[2, 3]\" or \"\" for a scalar)";
  }
  if (dtype) {
    std::optional<StringRef> name = dtype->getAsString();
    tensors[t].metaType = name ? parseDType(*name, ctx) : nullptr;
    if (!tensors[t].metaType)
      return errorAt(dtypePath)
             << "metadata of tensor '" << tensors[t].name << "': dtype "
             << show(*dtype)
             << " is not supported (expected one of: f32, f64, i32, i64, "
                "bool)";
  }
  return success();
}

LogicalResult Importer::parseTensorMetadata(const json::Value &value) {
  std::string path = root + "/tensor_metadata";
  if (value.kind() == json::Value::Null)
    return success();
  const json::Object *object = value.getAsObject();
  if (!object)
    return errorAt(path)
           << "'tensor_metadata' must be an object keyed by tensor index, not "
           << kindOf(value);
  // Sorted, so the first problem reported does not depend on hashing.
  std::vector<StringRef> keys;
  for (const auto &entry : *object)
    keys.push_back(entry.first);
  llvm::sort(keys);
  for (StringRef key : keys) {
    std::string entryPath = path + "/" + key.str();
    unsigned t;
    if (key.getAsInteger(10, t) || t >= tensors.size())
      return errorAt(entryPath) << "'tensor_metadata' key '" << key
                                << "' is not a tensor index (the graph has "
                                << tensors.size() << " tensors)";
    if (failed(parseMetadataEntry(t, *object->get(key), entryPath)))
      return failure();
  }
  return success();
}

LogicalResult Importer::parseGraph(const json::Object &graph) {
  std::string tensorsPath = root + "/tensors";
  const json::Value *tensorsValue = graph.get("tensors");
  const json::Array *names =
      tensorsValue ? tensorsValue->getAsArray() : nullptr;
  if (!names)
    return errorAt(tensorsValue ? tensorsPath : root)
           << "'tensors' must be an array of tensor names, not "
           << (tensorsValue ? kindOf(*tensorsValue) : StringRef("missing"));
  for (auto [t, nameValue] : llvm::enumerate(*names)) {
    std::optional<StringRef> name = nameValue.getAsString();
    if (!name)
      return errorAt(tensorPath(t))
             << "tensor #" << t << " must be a string (its name), not "
             << kindOf(nameValue);
    tensors.emplace_back();
    tensors.back().name = name->str();
  }

  std::string nodesPath = root + "/nodes";
  const json::Value *nodesValue = graph.get("nodes");
  const json::Array *nodeArray =
      nodesValue ? nodesValue->getAsArray() : nullptr;
  if (!nodeArray)
    return errorAt(nodesValue ? nodesPath : root)
           << "'nodes' must be an array of nodes, not "
           << (nodesValue ? kindOf(*nodesValue) : StringRef("missing"));
  nodes.resize(nodeArray->size());
  for (auto [i, nodeValue] : llvm::enumerate(*nodeArray)) {
    nodes[i].path = nodesPath + "/" + std::to_string(i);
    if (failed(parseNode(i, nodeValue)))
      return failure();
  }

  // The crate always writes both lists, often empty: empty means "not
  // given" here, and the importer infers them (classifyTensors).
  for (auto [field, element, list] :
       {std::make_tuple("inputs", "graph input", &listedInputs),
        std::make_tuple("outputs", "graph output", &listedOutputs)}) {
    const json::Value *value = graph.get(field);
    if (!value || value->kind() == json::Value::Null)
      continue;
    if (failed(parseIndices(value, root + "/" + field, "'" + Twine(field) + "'",
                            element, *list)))
      return failure();
  }

  if (const json::Value *metadata = graph.get("tensor_metadata"))
    return parseTensorMetadata(*metadata);
  return success();
}

//===----------------------------------------------------------------------===//
// Analysis
//===----------------------------------------------------------------------===//

LogicalResult Importer::sortNodes() {
  for (unsigned i = 0, e = nodes.size(); i < e; ++i) {
    Node &node = nodes[i];
    if (node.outputs.size() != 1)
      return nodeError(i, "/outputs")
             << (node.outputs.empty()
                     ? "produces no tensor ('outputs' is empty)"
                     : "produces " + std::to_string(node.outputs.size()) +
                           " tensors; tlc supports one output per node");
    Tensor &out = tensors[node.outputs[0]];
    if (out.producer >= 0)
      return nodeError(i, "/outputs/0")
             << "tensor '" << out.name << "' (#" << node.outputs[0]
             << ") is already produced by " << describe(out.producer);
    out.producer = i;
    for (unsigned t : node.inputs)
      tensors[t].consumed = true;
  }

  // Kahn's algorithm, smallest node index first: a graph already in order
  // keeps its order.
  std::vector<unsigned> pending(nodes.size(), 0);
  std::vector<std::vector<unsigned>> users(nodes.size());
  for (unsigned i = 0, e = nodes.size(); i < e; ++i)
    for (unsigned t : nodes[i].inputs)
      if (int p = tensors[t].producer; p >= 0) {
        ++pending[i];
        users[p].push_back(i);
      }
  std::priority_queue<unsigned, std::vector<unsigned>, std::greater<unsigned>>
      ready;
  for (unsigned i = 0, e = nodes.size(); i < e; ++i)
    if (pending[i] == 0)
      ready.push(i);
  std::vector<bool> done(nodes.size(), false);
  while (!ready.empty()) {
    unsigned i = ready.top();
    ready.pop();
    done[i] = true;
    order.push_back(i);
    for (unsigned user : users[i])
      if (--pending[user] == 0)
        ready.push(user);
  }
  if (order.size() == nodes.size())
    return success();

  // Every node left waits on another node left: walk producers until one
  // repeats, which closes a cycle.
  unsigned current = llvm::find(done, false) - done.begin();
  std::vector<std::pair<unsigned, unsigned>> walk; // (node, tensor it reads)
  llvm::DenseMap<unsigned, size_t> seenAt;
  while (!seenAt.count(current)) {
    seenAt[current] = walk.size();
    for (unsigned t : nodes[current].inputs)
      if (int p = tensors[t].producer; p >= 0 && !done[p]) {
        walk.push_back({current, t});
        current = p;
        break;
      }
  }
  auto cycle = ArrayRef(walk).drop_front(seenAt[current]);
  if (cycle.empty()) // unreachable: Kahn's algorithm left only cycles
    return nodeError(current) << "dependency cycle";
  auto diag = nodeError(cycle.front().first) << "dependency cycle: ";
  for (auto [k, step] : llvm::enumerate(cycle)) {
    unsigned next = cycle[(k + 1) % cycle.size()].first;
    diag << (k ? ", " : "") << "node #" << step.first << " reads '"
         << tensors[step.second].name << "' from node #" << next;
  }
  return failure();
}

LogicalResult Importer::classifyTensors() {
  std::vector<int> listedAt(tensors.size(), -1);
  for (auto [k, t] : llvm::enumerate(listedInputs)) {
    std::string path = root + "/inputs/" + std::to_string(k);
    if (listedAt[t] >= 0)
      return errorAt(path) << "graph input #" << k << " repeats tensor '"
                           << tensors[t].name << "' (graph input #"
                           << listedAt[t] << ")";
    listedAt[t] = k;
    if (tensors[t].producer >= 0)
      return errorAt(path) << "graph input #" << k << " is tensor '"
                           << tensors[t].name << "', which "
                           << describe(tensors[t].producer) << " computes";
  }

  // Outputs: as listed, else the computed tensors no node reads.
  graphOutputs = listedOutputs;
  if (graphOutputs.empty())
    for (unsigned t = 0, e = tensors.size(); t < e; ++t)
      if (tensors[t].producer >= 0 && !tensors[t].consumed)
        graphOutputs.push_back(t);
  if (graphOutputs.empty())
    return errorAt(root) << "the graph has no outputs: 'outputs' is empty "
                            "and no node computes a tensor that is not read";
  std::vector<int> outputAt(tensors.size(), -1);
  for (auto [k, t] : llvm::enumerate(graphOutputs)) {
    if (outputAt[t] >= 0)
      return errorAt(root + "/outputs/" + std::to_string(k))
             << "graph output #" << k << " repeats tensor '" << tensors[t].name
             << "' (graph output #" << outputAt[t] << ")";
    outputAt[t] = k;
    tensors[t].isOutput = true;
  }

  // Inputs: as listed, then every other tensor that is needed but not
  // computed, in tensor order. "const_<number>" tensors are constants
  // unless listed.
  std::vector<unsigned> sources = listedInputs;
  for (unsigned t = 0, e = tensors.size(); t < e; ++t) {
    Tensor &tensor = tensors[t];
    if (listedAt[t] >= 0 || tensor.producer >= 0 ||
        !(tensor.consumed || tensor.isOutput))
      continue;
    if ((tensor.constant = constantValue(tensor.name)))
      continue;
    sources.push_back(t);
  }
  llvm::StringMap<unsigned> argumentOf;
  for (unsigned t : sources) {
    StringRef key = argumentKey(tensors[t].name);
    auto [it, inserted] = argumentOf.try_emplace(key, arguments.size());
    if (inserted) {
      arguments.emplace_back();
      arguments.back().name = key.str();
    }
    arguments[it->second].members.push_back(t);
    tensors[t].argument = it->second;
  }
  return success();
}

LogicalResult Importer::resolveArguments() {
  Builder b(ctx);
  for (auto [a, argument] : llvm::enumerate(arguments)) {
    // The shape: --shape by argument name, else --shape by tensor name, else
    // the tensors' metadata. The tensors of one argument must agree.
    std::optional<std::vector<int64_t>> shape;
    if (auto it = options.shapes.find(argument.name);
        it != options.shapes.end())
      shape = it->second;
    for (bool fromOptions : {true, false}) {
      if (shape)
        break;
      for (unsigned t : argument.members) {
        std::optional<std::vector<int64_t>> found = tensors[t].metaShape;
        if (fromOptions) {
          auto it = options.shapes.find(tensors[t].name);
          found = it == options.shapes.end()
                      ? std::nullopt
                      : std::optional<std::vector<int64_t>>(it->second);
        }
        if (!found)
          continue;
        if (shape && *shape != *found)
          return errorAt(tensorPath(t))
                 << "tensors of graph input #" << a << " '" << argument.name
                 << "' disagree on its shape: "
                 << (fromOptions ? "--shape" : "metadata") << " gives "
                 << shapeString(*shape) << " for '"
                 << tensors[argument.members.front()].name << "' and "
                 << shapeString(*found) << " for '" << tensors[t].name << "'";
        shape = found;
      }
    }
    unsigned first = argument.members.front();
    if (!shape)
      return errorAt(tensorPath(first))
             << "tensor '" << tensors[first].name << "' (graph input #" << a
             << ") has no shape; give --shape " << argument.name
             << "=d0,d1,...";

    Type elementType;
    for (unsigned t : argument.members) {
      Type declared = tensors[t].metaType;
      if (elementType && declared && declared != elementType)
        return errorAt(tensorPath(t))
               << "tensors of graph input #" << a << " '" << argument.name
               << "' disagree on its dtype: metadata gives "
               << tl::elementTypeName(elementType) << " and "
               << tl::elementTypeName(declared);
      if (declared)
        elementType = declared;
    }
    if (!elementType)
      elementType = b.getF32Type();
    argument.type = RankedTensorType::get(*shape, elementType);
  }
  return success();
}

LogicalResult Importer::checkShapeOptions() {
  llvm::StringSet<> known;
  for (const Tensor &tensor : tensors)
    known.insert(tensor.name);
  for (const Argument &argument : arguments)
    known.insert(argument.name);
  std::vector<StringRef> names;
  for (const auto &entry : options.shapes)
    names.push_back(entry.first());
  llvm::sort(names);
  for (StringRef name : names) {
    const std::vector<int64_t> &shape = options.shapes.find(name)->second;
    if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
      return errorAt(root + "/tensors")
             << "--shape " << name << " has a negative dimension";
    if (!known.contains(name))
      return errorAt(root + "/tensors")
             << "--shape names '" << name
             << "', which is not a tensor of the graph";
    for (auto [t, tensor] : llvm::enumerate(tensors))
      if (tensor.name == name && tensor.constant && tensor.argument < 0)
        return errorAt(tensorPath(t))
               << "--shape names '" << name
               << "', a constant (tensorlogic reads 'const_<number>' "
                  "tensors as scalars); list it in the graph's 'inputs' to "
                  "pass it in";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

Value Importer::operand(OpBuilder &b, unsigned t, Type elementType,
                        Location loc) {
  Tensor &tensor = tensors[t];
  if (tensor.value)
    return tensor.value;
  assert(tensor.constant && "tensor neither computed, bound nor constant");
  Value &cached = constants[{t, elementType.getAsOpaquePointer()}];
  if (cached)
    return cached;
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (isa<FloatType>(elementType))
    element = b.getFloatAttr(elementType, *tensor.constant);
  else if (elementType.isInteger(1))
    element = b.getIntegerAttr(elementType, *tensor.constant != 0);
  else
    element =
        b.getIntegerAttr(elementType, static_cast<int64_t>(*tensor.constant));
  cached = tl::ConstantOp::create(
      b, loc, type, cast<ElementsAttr>(DenseElementsAttr::get(type, element)));
  return cached;
}

/// Aligns the operands of an elementwise binary op numpy-style (trailing
/// dimensions; size 1 stretches) and builds the op's tl.map chain.
Value Importer::emitBinary(OpBuilder &b, unsigned index, Value lhs, Value rhs) {
  Location loc = locOf(nodes[index].path);
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  ArrayRef<int64_t> shapes[2] = {lhsType.getShape(), rhsType.getShape()};
  size_t rank = std::max(shapes[0].size(), shapes[1].size());
  std::optional<std::string> names = letters(rank);
  if (!names) {
    nodeError(index) << "rank " << rank
                     << " is above 52, the most a tl.map spec can name";
    return nullptr;
  }
  std::vector<int64_t> outShape(rank);
  for (size_t d = 0; d < rank; ++d) {
    int64_t size = 1;
    for (ArrayRef<int64_t> shape : shapes) {
      if (d + shape.size() < rank)
        continue;
      int64_t dim = shape[d + shape.size() - rank];
      if (dim == size || dim == 1)
        continue;
      if (size != 1) {
        nodeError(index) << "operand shapes " << shapeString(shapes[0])
                         << " and " << shapeString(shapes[1])
                         << " do not broadcast (dimension " << d
                         << " of the result: " << size << " vs " << dim << ")";
        return nullptr;
      }
      size = dim;
    }
    outShape[d] = size;
  }

  // Operand terms name their trailing result dimensions. A size-1 dimension
  // that stretches is first dropped with an einsum ("ab->b" over a size-1
  // "a" is a reshape), since tl.map broadcasts by name, not by size.
  Value operands[2] = {lhs, rhs};
  std::string terms[2];
  for (int k = 0; k < 2; ++k) {
    size_t offset = rank - shapes[k].size();
    std::string full = names->substr(offset), kept;
    std::vector<int64_t> keptShape;
    for (auto [d, dim] : llvm::enumerate(shapes[k])) {
      if (dim == 1 && outShape[offset + d] != 1)
        continue;
      kept += full[d];
      keptShape.push_back(dim);
    }
    if (kept.size() != full.size()) {
      Type elementType = getElementTypeOrSelf(operands[k].getType());
      operands[k] = tl::EinsumOp::create(
          b, loc, RankedTensorType::get(keptShape, elementType),
          full + "->" + kept, ValueRange{operands[k]});
    }
    terms[k] = kept;
  }

  const BinaryOpInfo &info = *nodes[index].binary;
  Type elementType = lhsType.getElementType();
  auto outType = RankedTensorType::get(outShape, elementType);
  std::string binarySpec = terms[0] + "," + terms[1] + "->" + *names;
  std::string sameSpec = *names + "," + *names + "->" + *names;
  std::string unarySpec = *names + "->" + *names;
  auto map = [&](StringRef spec, tl::MapFn fn, ValueRange inputs,
                 Type type = nullptr, FloatAttr scalar = nullptr) -> Value {
    return tl::MapOp::create(b, loc, type ? type : Type(outType), spec, fn,
                             inputs, scalar);
  };
  Value a = operands[0], c = operands[1];
  switch (info.form) {
  case BinaryForm::Map:
    return map(binarySpec, info.fn, {a, c});
  case BinaryForm::Compare: {
    // The crate's comparisons yield 1.0 / 0.0 in the operand type.
    Value truth = map(binarySpec, info.fn, {a, c},
                      RankedTensorType::get(outShape, b.getI1Type()));
    if (elementType.isInteger(1))
      return truth;
    return map(unarySpec, tl::MapFn::cast, {truth});
  }
  case BinaryForm::OrProbSum: {
    Value sum = map(binarySpec, tl::MapFn::add, {a, c});
    Value product = map(binarySpec, tl::MapFn::mul, {a, c});
    return map(sameSpec, tl::MapFn::sub, {sum, product});
  }
  case BinaryForm::Nand:
    return map(unarySpec, tl::MapFn::one_minus,
               {map(binarySpec, tl::MapFn::mul, {a, c})});
  case BinaryForm::Nor:
    return map(unarySpec, tl::MapFn::one_minus,
               {map(binarySpec, tl::MapFn::max, {a, c})});
  case BinaryForm::Xor: {
    Value sum = map(binarySpec, tl::MapFn::add, {a, c});
    Value product = map(binarySpec, tl::MapFn::mul, {a, c});
    Value twice = map(unarySpec, tl::MapFn::mul, {product}, nullptr,
                      b.getF64FloatAttr(2.0));
    return map(sameSpec, tl::MapFn::sub, {sum, twice});
  }
  }
  llvm_unreachable("unknown binary form");
}

/// Checks a computed tensor against the shape --shape or its metadata gives
/// and the dtype its metadata gives.
LogicalResult Importer::checkDeclared(unsigned index, unsigned t, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  const Tensor &tensor = tensors[t];
  std::optional<std::vector<int64_t>> shape = tensor.metaShape;
  StringRef source = "its metadata says";
  if (auto it = options.shapes.find(tensor.name); it != options.shapes.end()) {
    shape = it->second;
    source = "--shape gives";
  }
  if (shape && ArrayRef<int64_t>(*shape) != type.getShape())
    return nodeError(index)
           << "computes '" << tensor.name << "' as " << typeString(type)
           << ", but " << source << " " << shapeString(*shape);
  if (tensor.metaType && tensor.metaType != type.getElementType())
    return nodeError(index) << "computes '" << tensor.name << "' as "
                            << typeString(type) << ", but its metadata says "
                            << tl::elementTypeName(tensor.metaType);
  return success();
}

LogicalResult Importer::emitNode(OpBuilder &b, unsigned index) {
  const Node &node = nodes[index];
  Location loc = locOf(node.path);

  size_t arity = node.inputs.size();
  size_t expected = node.kind == NodeKind::ElemBinary ? 2 : 1;
  if (node.kind == NodeKind::Einsum ? arity == 0 : arity != expected)
    return nodeError(index, "/inputs")
           << "takes " << (node.kind == NodeKind::Einsum ? "at least " : "")
           << expected << " input" << (expected == 1 ? "" : "s") << ", got "
           << arity;

  // Constants take the element type of the tensors they meet.
  Type elementType;
  for (unsigned t : node.inputs)
    if (tensors[t].value) {
      elementType = getElementTypeOrSelf(tensors[t].value.getType());
      break;
    }
  if (!elementType)
    elementType = b.getF32Type();
  SmallVector<Value> operands;
  std::vector<std::vector<int64_t>> shapes;
  for (auto [k, t] : llvm::enumerate(node.inputs)) {
    Value value = operand(b, t, elementType, loc);
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getElementType() != elementType)
      return nodeError(index, "/inputs/" + std::to_string(k))
             << "operands have different element types: '"
             << tensors[node.inputs[0]].name << "' is "
             << tl::elementTypeName(elementType) << ", '" << tensors[t].name
             << "' is " << tl::elementTypeName(type.getElementType());
    operands.push_back(value);
    shapes.push_back(type.getShape().vec());
  }

  Value result;
  switch (*node.kind) {
  case NodeKind::Einsum: {
    std::string error;
    std::optional<EinsumProblem> problem =
        bindEinsumSpec(node.text, shapes, error);
    if (!problem) {
      auto diag = nodeError(index) << error << " (operands: ";
      for (auto [k, v] : llvm::enumerate(operands))
        diag << (k ? ", " : "") << typeString(v.getType());
      return diag << ")";
    }
    result = tl::EinsumOp::create(
        b, loc, RankedTensorType::get(problem->resultShape(), elementType),
        node.text, operands);
    break;
  }
  case NodeKind::ElemUnary: {
    std::optional<std::string> names = letters(shapes[0].size());
    if (!names)
      return nodeError(index) << "rank " << shapes[0].size()
                              << " is above 52, the most a tl.map spec can "
                                 "name";
    result =
        tl::MapOp::create(b, loc, operands[0].getType(), *names + "->" + *names,
                          node.unary->fn, operands, FloatAttr());
    break;
  }
  case NodeKind::ElemBinary:
    result = emitBinary(b, index, operands[0], operands[1]);
    if (!result)
      return failure();
    break;
  case NodeKind::Reduce: {
    const std::vector<int64_t> &shape = shapes[0];
    std::vector<bool> reduced(shape.size(), false);
    for (auto [k, axis] : llvm::enumerate(node.axes)) {
      std::string path = "/op/Reduce/axes/" + std::to_string(k);
      if (axis >= static_cast<int64_t>(shape.size()))
        return nodeError(index, path)
               << "axis " << axis << " is out of range for '"
               << tensors[node.inputs[0]].name << "' of type "
               << typeString(operands[0].getType());
      if (reduced[axis])
        return nodeError(index, path) << "axis " << axis << " is repeated";
      reduced[axis] = true;
    }
    // The crate returns the input unchanged when no axis is given.
    if (node.axes.empty()) {
      result = operands[0];
      break;
    }
    std::vector<int64_t> resultShape;
    for (auto [d, dim] : llvm::enumerate(shape))
      if (!reduced[d])
        resultShape.push_back(dim);
    result = tl::ReduceOp::create(
        b, loc, RankedTensorType::get(resultShape, elementType),
        node.reduce->kind, operands[0], node.axes);
    break;
  }
  }

  unsigned out = node.outputs[0];
  if (failed(checkDeclared(index, out, result)))
    return failure();
  tensors[out].value = result;
  return success();
}

LogicalResult Importer::build(ModuleOp module) {
  OpBuilder b(ctx);
  b.setInsertionPointToEnd(module.getBody());
  SmallVector<Type> argumentTypes;
  for (const Argument &argument : arguments)
    argumentTypes.push_back(argument.type);
  Location loc = locOf(root);
  auto func = func::FuncOp::create(b, loc, options.funcName,
                                   b.getFunctionType(argumentTypes, {}));
  Block *block = func.addEntryBlock();
  for (auto [a, argument] : llvm::enumerate(arguments))
    for (unsigned t : argument.members)
      tensors[t].value = block->getArgument(a);

  b.setInsertionPointToStart(block);
  for (unsigned index : order)
    if (failed(emitNode(b, index)))
      return failure();

  SmallVector<Value> results;
  for (unsigned t : graphOutputs)
    results.push_back(operand(b, t, b.getF32Type(), locOf(tensorPath(t))));
  func::ReturnOp::create(b, loc, results);
  func.setFunctionType(
      b.getFunctionType(argumentTypes, ValueRange(results).getTypes()));

  // Entry points need distinct names; a result whose name is taken (an
  // input passed through, a repeated name) keeps tlc's default "outN".
  llvm::StringSet<> used;
  for (auto [a, argument] : llvm::enumerate(arguments))
    if (!argument.name.empty() && used.insert(argument.name).second)
      func.setArgAttr(a, "tl.name", b.getStringAttr(argument.name));
  for (auto [r, t] : llvm::enumerate(graphOutputs))
    if (!tensors[t].name.empty() && used.insert(tensors[t].name).second)
      func.setResultAttr(r, "tl.name", b.getStringAttr(tensors[t].name));
  return success();
}

OwningOpRef<ModuleOp> Importer::run() {
  ctx->loadDialect<tl::TLDialect, func::FuncDialect>();
  if (sourceMgr.getNumBuffers() == 0) {
    emitError(UnknownLoc::get(ctx)) << "no EinsumGraph JSON input";
    return nullptr;
  }
  bufferId = sourceMgr.getMainFileID();
  const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(bufferId);
  fileName = buffer->getBufferIdentifier();
  text = buffer->getBuffer();
  std::string json = blankLineComments(text);

  if (std::optional<size_t> offset = findExcessiveNesting(json)) {
    emitError(locAt(*offset))
        << "invalid JSON: nested deeper than " << kMaxNesting << " levels";
    return nullptr;
  }
  llvm::Expected<json::Value> parsed = json::parse(json);
  if (!parsed) {
    // The message reads "[line:col, byte=N]: what"; report it at N.
    std::string message = llvm::toString(parsed.takeError());
    size_t offset = 0;
    StringRef rest = message;
    size_t at = rest.find("byte=");
    if (at != StringRef::npos)
      rest.substr(at + 5).take_while(llvm::isDigit).getAsInteger(10, offset);
    size_t close = rest.find("]: ");
    if (close != StringRef::npos)
      rest = rest.substr(close + 3);
    emitError(locAt(offset)) << "invalid JSON: " << rest;
    return nullptr;
  }
  locator.emplace(json);

  const json::Object *object = parsed->getAsObject();
  if (object && !object->get("nodes")) {
    if (const json::Value *inner = object->get("graph")) {
      root = "/graph";
      object = inner->getAsObject();
    }
  }
  if (!object) {
    errorAt(root) << "expected an EinsumGraph: an object with 'tensors' and "
                     "'nodes', or {\"version\": ..., \"graph\": {...}}";
    return nullptr;
  }
  if (failed(parseGraph(*object)) || failed(sortNodes()) ||
      failed(classifyTensors()) || failed(checkShapeOptions()) ||
      failed(resolveArguments()))
    return nullptr;

  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(ctx, fileName, 1, 1));
  if (failed(build(*module)) || failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp>
tlc::importEinsumGraph(llvm::SourceMgr &sourceMgr, MLIRContext *ctx,
                       const EinsumGraphImportOptions &options) {
  return Importer(sourceMgr, ctx, options).run();
}
