//===- AST.h - TensorLogic syntax tree --------------------------*- C++ -*-===//
#ifndef TLC_FRONTEND_AST_H
#define TLC_FRONTEND_AST_H

#include "llvm/Support/SMLoc.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlc::tlang {

/// An index on a tensor reference: `b`, or `o.` (the normalised axis of a
/// softmax, allowed on the left of an equation only).
struct IndexRef {
  std::string name;
  llvm::SMLoc loc;
  bool normalized = false;
};

/// `X[b, i]`, `Parent(x, y)` (a relation: Boolean) or `s` (a scalar).
struct TensorRef {
  std::string name;
  llvm::SMLoc loc;
  bool relation = false;
  std::vector<IndexRef> indices;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    Number,  ///< 0.5
    Ref,     ///< a tensor reference
    Call,    ///< relu(e), sig(e, T), softmax(e)
    Join,    ///< juxtaposition or '*': a product, contracted where local
    Binary,  ///< '+', '-', '/' (elementwise, broadcast by index name)
    Negate,  ///< -e
  };
  Kind kind;
  llvm::SMLoc loc;
  double number = 0;
  TensorRef ref;
  std::string callee;    ///< Call
  char op = 0;           ///< Binary: '+', '-', '/'
  std::vector<ExprPtr> args;
  /// Height of the tree below (leaves are 0); the parser bounds it so that
  /// no recursive walk can overflow the stack.
  unsigned depth = 0;
};

/// `=`, `max=`, `min=`, `avg=`: how indices on the right that are not on
/// the left are projected out.
enum class Projection { Sum, Max, Min, Avg };

struct Equation {
  TensorRef lhs;
  Projection projection = Projection::Sum;
  ExprPtr rhs;
  llvm::SMLoc loc;
};

/// A dimension of a declared type: a number, a domain name, or `?` (the
/// batch size, chosen when the program is compiled or run).
struct Dim {
  int64_t size = -1;
  std::string domain;
  bool batch = false;
  llvm::SMLoc loc;
};

struct TensorDecl {
  enum class Kind { Input, Param, Const };
  Kind kind;
  TensorRef ref;
  std::string dtype; ///< f32 f64 i32 i64 bool
  llvm::SMLoc dtypeLoc;
  std::vector<Dim> dims;
  std::string loadPath; ///< Const: load("file.npy")
  llvm::SMLoc loadLoc;
};

struct DomainDecl {
  std::string name;
  int64_t size;
  llvm::SMLoc loc;
};

struct Program {
  std::vector<DomainDecl> domains;
  std::vector<TensorDecl> tensors;
  std::vector<Equation> equations;
  std::vector<std::pair<std::string, llvm::SMLoc>> outputs;
};

} // namespace tlc::tlang

#endif // TLC_FRONTEND_AST_H
