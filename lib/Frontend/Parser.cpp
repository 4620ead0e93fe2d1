//===- Parser.cpp - lexer and parser of the TensorLogic language ----------===//
//
// A hand-written recursive-descent parser: the grammar is small, and hand
// control over recovery (skip to the next line) lets one run report every
// syntax error of a file.
//
//===----------------------------------------------------------------------===//

#include "tlc/Frontend/Frontend.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstdlib>

using namespace tlc::tlang;
using llvm::SMLoc;

namespace {

enum class Tok {
  Ident, Number, String, LBracket, RBracket, LParen, RParen, Comma, Colon,
  Equal, Plus, Minus, Star, Slash, Dot, Question, Newline, Eof, Error
};

struct Token {
  Tok kind;
  llvm::StringRef text;
  SMLoc loc;
};

const char *describe(Tok kind) {
  switch (kind) {
  case Tok::Ident: return "a name";
  case Tok::Number: return "a number";
  case Tok::String: return "a string";
  case Tok::LBracket: return "'['";
  case Tok::RBracket: return "']'";
  case Tok::LParen: return "'('";
  case Tok::RParen: return "')'";
  case Tok::Question: return "'?'";
  case Tok::Comma: return "','";
  case Tok::Colon: return "':'";
  case Tok::Equal: return "'='";
  case Tok::Plus: return "'+'";
  case Tok::Minus: return "'-'";
  case Tok::Star: return "'*'";
  case Tok::Slash: return "'/'";
  case Tok::Dot: return "'.'";
  case Tok::Newline: return "end of line";
  case Tok::Eof: return "end of file";
  case Tok::Error: return "an invalid character";
  }
  return "?";
}

/// Splits the buffer into tokens. Newlines end statements except inside
/// brackets and parentheses, so long equations can be wrapped.
class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer) : buf(buffer) {}

  Token next() {
    while (true) {
      while (pos < buf.size() &&
             (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\r' ||
              (buf[pos] == '\n' && depth > 0)))
        ++pos;
      if (pos < buf.size() && buf[pos] == '#') {
        while (pos < buf.size() && buf[pos] != '\n')
          ++pos;
        continue;
      }
      break;
    }
    size_t start = pos;
    auto make = [&](Tok kind, size_t len) {
      pos = start + len;
      return Token{kind, buf.substr(start, len),
                   SMLoc::getFromPointer(buf.data() + start)};
    };
    if (pos >= buf.size())
      return make(Tok::Eof, 0);
    char c = buf[pos];
    if (llvm::isAlpha(c) || c == '_') {
      size_t end = pos;
      while (end < buf.size() && (llvm::isAlnum(buf[end]) || buf[end] == '_'))
        ++end;
      return make(Tok::Ident, end - pos);
    }
    if (llvm::isDigit(c) ||
        (c == '.' && pos + 1 < buf.size() && llvm::isDigit(buf[pos + 1]))) {
      const char *begin = buf.data() + pos;
      char *end;
      std::strtod(begin, &end);
      // An integer followed by '.' and a non-digit is "3" then ".".
      size_t len = end - begin;
      return make(Tok::Number, len);
    }
    switch (c) {
    case '\n': return make(Tok::Newline, 1);
    case '[': ++depth; return make(Tok::LBracket, 1);
    case '(': ++depth; return make(Tok::LParen, 1);
    case ']': if (depth) --depth; return make(Tok::RBracket, 1);
    case ')': if (depth) --depth; return make(Tok::RParen, 1);
    case ',': return make(Tok::Comma, 1);
    case ':': return make(Tok::Colon, 1);
    case '=': return make(Tok::Equal, 1);
    case '+': return make(Tok::Plus, 1);
    case '-': return make(Tok::Minus, 1);
    case '*': return make(Tok::Star, 1);
    case '/': return make(Tok::Slash, 1);
    case '.': return make(Tok::Dot, 1);
    case '?': return make(Tok::Question, 1);
    case '"': {
      size_t end = pos + 1;
      while (end < buf.size() && buf[end] != '"' && buf[end] != '\n')
        ++end;
      if (end >= buf.size() || buf[end] != '"')
        return make(Tok::Error, end - pos);
      return make(Tok::String, end - pos + 1);
    }
    default:
      return make(Tok::Error, 1);
    }
  }

  /// Forgets bracket nesting (error recovery).
  void resetDepth() { depth = 0; }

private:
  llvm::StringRef buf;
  size_t pos = 0;
  int depth = 0;
};

class Parser {
public:
  Parser(llvm::SourceMgr &sm, mlir::MLIRContext *ctx)
      : sourceMgr(sm), ctx(ctx),
        lexer(sm.getMemoryBuffer(sm.getMainFileID())->getBuffer()) {
    tok = lexer.next();
  }

  std::optional<Program> parse() {
    Program program;
    while (tok.kind != Tok::Eof) {
      if (tok.kind == Tok::Newline) {
        advance();
        continue;
      }
      parseStatement(program);
      if (!failed && tok.kind != Tok::Newline && tok.kind != Tok::Eof)
        fail(tok.loc, std::string("expected end of line, found ") + found());
      if (failed) {
        // Resume at the next line.
        hadError = true;
        failed = false;
        lexer.resetDepth();
        do
          tok = lexer.next();
        while (tok.kind != Tok::Newline && tok.kind != Tok::Eof);
      }
    }
    if (hadError)
      return std::nullopt;
    return program;
  }

private:
  llvm::SourceMgr &sourceMgr;
  mlir::MLIRContext *ctx;
  Lexer lexer;
  Token tok;
  bool hadError = false;
  /// Set by the first error of a statement: later errors of the statement
  /// are consequences and stay quiet, and the parser stops consuming input
  /// (the current token becomes Tok::Error) so every rule unwinds at once.
  bool failed = false;
  unsigned nesting = 0;
  static constexpr unsigned kMaxExprDepth = 500;

  void advance() {
    if (!failed)
      tok = lexer.next();
  }

  std::string found() {
    if (tok.kind == Tok::Ident || tok.kind == Tok::Number)
      return "'" + tok.text.str() + "'";
    return describe(tok.kind);
  }

  mlir::Location location(SMLoc loc) {
    auto lc = sourceMgr.getLineAndColumn(loc);
    auto *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
    return mlir::FileLineColLoc::get(ctx, buffer->getBufferIdentifier(),
                                     lc.first, lc.second);
  }

  /// Reports `message`; `opened` is the bracket a missing closing bracket
  /// would match, pointed at when it is on an earlier line.
  void fail(SMLoc loc, const llvm::Twine &message, SMLoc opened = SMLoc()) {
    if (failed)
      return;
    auto diag = mlir::emitError(location(loc)) << message;
    if (opened.isValid() && sourceMgr.getLineAndColumn(opened).first !=
                                sourceMgr.getLineAndColumn(loc).first)
      diag.attachNote(location(opened)) << "to match this bracket";
    failed = true;
    tok.kind = Tok::Error;
  }

  Token expect(Tok kind, const char *what, SMLoc opened = SMLoc()) {
    if (tok.kind != kind)
      fail(tok.loc, std::string("expected ") + what + ", found " + found(),
           opened);
    Token t = tok;
    advance();
    return t;
  }

  bool isKeyword(llvm::StringRef word) {
    return tok.kind == Tok::Ident && tok.text == word;
  }

  void parseStatement(Program &program) {
    if (isKeyword("domain"))
      return parseDomain(program);
    if (isKeyword("input") || isKeyword("param") || isKeyword("const"))
      return parseTensorDecl(program);
    if (isKeyword("output"))
      return parseOutputs(program);
    if (tok.kind == Tok::Ident)
      return parseEquation(program);
    fail(tok.loc, std::string("expected a declaration (domain, input, param, "
                              "const, output) or an equation, found ") +
                      found());
  }

  int64_t parseSize(const char *what) {
    Token t = expect(Tok::Number, what);
    int64_t v = 0;
    if (failed)
      return 0;
    if (t.text.getAsInteger(10, v) || v < 0)
      fail(t.loc, std::string("expected ") + what +
                      " (a non-negative integer), found '" + t.text.str() +
                      "'");
    return v;
  }

  void parseDomain(Program &program) {
    advance();
    Token name = expect(Tok::Ident, "a domain name after 'domain'");
    expect(Tok::Equal, "'=' after the domain name");
    int64_t size = parseSize("the domain's size");
    program.domains.push_back({name.text.str(), size, name.loc});
  }

  /// `X[i, j]`, `R(x, y)` or `s`; `allowNormalized` accepts `o.`.
  TensorRef parseRef(bool allowNormalized) {
    Token name = expect(Tok::Ident, "a tensor name");
    TensorRef ref;
    ref.name = name.text.str();
    ref.loc = name.loc;
    if (tok.kind != Tok::LBracket && tok.kind != Tok::LParen)
      return ref;
    ref.relation = tok.kind == Tok::LParen;
    Tok close = ref.relation ? Tok::RParen : Tok::RBracket;
    const char *closeText = ref.relation ? "')'" : "']'";
    SMLoc open = tok.loc;
    advance();
    if (tok.kind != close) {
      while (true) {
        Token idx = expect(Tok::Ident, "an index name");
        IndexRef index{idx.text.str(), idx.loc, false};
        if (tok.kind == Tok::Dot) {
          if (!allowNormalized)
            fail(tok.loc, "a normalised index ('" + index.name +
                              ".') is only allowed on the left of an "
                              "equation");
          index.normalized = true;
          advance();
        }
        ref.indices.push_back(index);
        if (tok.kind == Tok::Comma) {
          advance();
          continue;
        }
        if (tok.kind != close)
          fail(tok.loc,
               std::string("expected ',' or ") + closeText +
                   " after the index list, found " + found(),
               open);
        break;
      }
    }
    advance();
    return ref;
  }

  void parseTensorDecl(Program &program) {
    TensorDecl decl;
    decl.kind = isKeyword("input")   ? TensorDecl::Kind::Input
                : isKeyword("param") ? TensorDecl::Kind::Param
                                     : TensorDecl::Kind::Const;
    advance();
    decl.ref = parseRef(/*allowNormalized=*/false);
    expect(Tok::Colon, "':' and a type after the tensor");
    Token dtype = expect(Tok::Ident, "an element type (f32, f64, i32, i64, "
                                     "bool)");
    decl.dtype = dtype.text.str();
    decl.dtypeLoc = dtype.loc;
    if (tok.kind == Tok::LBracket) {
      advance();
      if (tok.kind != Tok::RBracket) {
        while (true) {
          Dim dim;
          dim.loc = tok.loc;
          if (tok.kind == Tok::Number)
            dim.size = parseSize("a dimension size");
          else if (tok.kind == Tok::Question) {
            dim.batch = true;
            advance();
          } else if (tok.kind == Tok::Ident) {
            dim.domain = tok.text.str();
            advance();
          } else {
            fail(tok.loc, "expected a dimension (a size, a domain name or "
                          "'?'), "
                          "found " +
                              found());
            return;
          }
          decl.dims.push_back(dim);
          if (tok.kind == Tok::Comma) {
            advance();
            continue;
          }
          if (tok.kind != Tok::RBracket)
            fail(tok.loc, "expected ',' or ']' after the dimension list, "
                          "found " +
                              found());
          break;
        }
      }
      advance();
    }
    if (decl.kind == TensorDecl::Kind::Const) {
      expect(Tok::Equal, "'= load(\"file.npy\")' after a const declaration");
      Token load = expect(Tok::Ident, "load(\"file.npy\")");
      if (load.text != "load")
        fail(load.loc, "expected load(\"file.npy\"), found '" +
                           load.text.str() + "'");
      expect(Tok::LParen, "'(' after load");
      Token path = expect(Tok::String, "a quoted .npy path");
      // Only a string token has quotes to strip: after an error `path` is
      // whatever token stopped the parser, possibly empty.
      if (path.kind == Tok::String)
        decl.loadPath = path.text.drop_front().drop_back().str();
      decl.loadLoc = path.loc;
      expect(Tok::RParen, "')' after the path");
    }
    program.tensors.push_back(std::move(decl));
  }

  void parseOutputs(Program &program) {
    advance();
    while (true) {
      Token name = expect(Tok::Ident, "an output tensor name");
      program.outputs.push_back({name.text.str(), name.loc});
      if (tok.kind != Tok::Comma)
        break;
      advance();
    }
  }

  void parseEquation(Program &program) {
    Equation eq;
    eq.loc = tok.loc;
    eq.lhs = parseRef(/*allowNormalized=*/true);
    if (tok.kind == Tok::Ident &&
        (tok.text == "max" || tok.text == "min" || tok.text == "avg")) {
      eq.projection = tok.text == "max"   ? Projection::Max
                      : tok.text == "min" ? Projection::Min
                                          : Projection::Avg;
      advance();
    }
    expect(Tok::Equal, "'=', 'max=', 'min=' or 'avg=' after the left side");
    eq.rhs = parseSum();
    program.equations.push_back(std::move(eq));
  }

  static bool isFunction(llvm::StringRef name) {
    return llvm::StringSwitch<bool>(name)
        .Cases({"relu", "sigmoid", "tanh", "exp", "log", "sqrt", "abs"}, true)
        .Cases({"step", "softmax", "sig"}, true)
        .Default(false);
  }

  ExprPtr makeNode(Expr::Kind kind, SMLoc loc) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->loc = loc;
    return e;
  }

  /// Appends `arg` to `node`'s operands. Every pass over an expression (in
  /// MLIRGen too) recurses on it, and a '+', '-' or '/' chain nests one
  /// level per operator without recursing in the parser, so the tree's
  /// depth is bounded here, not only the parser's recursion.
  void addArg(Expr &node, ExprPtr arg) {
    node.depth = std::max(node.depth, arg->depth + 1);
    node.args.push_back(std::move(arg));
    if (node.depth > kMaxExprDepth)
      fail(node.loc, "expression too deep (more than " +
                         llvm::Twine(kMaxExprDepth) +
                         " levels; each '+', '-' or '/' of a chain is one)");
  }

  // sum := term (('+' | '-') term)*
  ExprPtr parseSum() {
    ExprPtr lhs = parseTerm();
    while (tok.kind == Tok::Plus || tok.kind == Tok::Minus) {
      auto node = makeNode(Expr::Kind::Binary, tok.loc);
      node->op = tok.kind == Tok::Plus ? '+' : '-';
      advance();
      addArg(*node, std::move(lhs));
      addArg(*node, parseTerm());
      lhs = std::move(node);
    }
    return lhs;
  }

  bool startsFactor() {
    return tok.kind == Tok::Ident || tok.kind == Tok::Number ||
           tok.kind == Tok::LParen;
  }

  // term := factor ((('*')? factor) | ('/' factor))*
  ExprPtr parseTerm() {
    ExprPtr lhs = parseUnary();
    while (true) {
      if (tok.kind == Tok::Slash) {
        auto node = makeNode(Expr::Kind::Binary, tok.loc);
        node->op = '/';
        advance();
        addArg(*node, std::move(lhs));
        addArg(*node, parseUnary());
        lhs = std::move(node);
        continue;
      }
      bool star = tok.kind == Tok::Star;
      if (!star && !startsFactor())
        return lhs;
      if (star)
        advance();
      ExprPtr rhs = parseUnary();
      if (lhs->kind == Expr::Kind::Join) {
        addArg(*lhs, std::move(rhs));
        continue;
      }
      // A join is located at its first factor.
      auto node = makeNode(Expr::Kind::Join, lhs->loc);
      addArg(*node, std::move(lhs));
      addArg(*node, std::move(rhs));
      lhs = std::move(node);
    }
  }

  ExprPtr parseUnary() {
    // Bound the recursion so no input can overflow the stack.
    if (nesting > 200) {
      fail(tok.loc, "expression nested too deeply (more than 200 levels)");
      return makeNode(Expr::Kind::Number, tok.loc);
    }
    struct Nest {
      unsigned &n;
      Nest(unsigned &n) : n(n) { ++n; }
      ~Nest() { --n; }
    } nest(nesting);
    if (tok.kind == Tok::Minus) {
      auto node = makeNode(Expr::Kind::Negate, tok.loc);
      advance();
      addArg(*node, parseUnary());
      return node;
    }
    return parsePrimary();
  }

  ExprPtr parsePrimary() {
    if (tok.kind == Tok::Number) {
      auto node = makeNode(Expr::Kind::Number, tok.loc);
      node->number = std::strtod(tok.text.str().c_str(), nullptr);
      advance();
      return node;
    }
    if (tok.kind == Tok::LParen) {
      SMLoc open = tok.loc;
      advance();
      ExprPtr inner = parseSum();
      expect(Tok::RParen, "')'", open);
      return inner;
    }
    if (failed)
      return makeNode(Expr::Kind::Number, tok.loc);
    if (tok.kind != Tok::Ident) {
      fail(tok.loc, "expected a tensor, a number, a function call or '(', "
                    "found " +
                        found());
      return makeNode(Expr::Kind::Number, tok.loc);
    }
    if (isFunction(tok.text)) {
      auto node = makeNode(Expr::Kind::Call, tok.loc);
      node->callee = tok.text.str();
      advance();
      SMLoc open = tok.loc;
      expect(Tok::LParen, "'(' after the function name");
      addArg(*node, parseSum());
      while (tok.kind == Tok::Comma) {
        advance();
        addArg(*node, parseSum());
      }
      expect(Tok::RParen, "')' after the function's arguments", open);
      return node;
    }
    auto node = makeNode(Expr::Kind::Ref, tok.loc);
    node->ref = parseRef(/*allowNormalized=*/false);
    return node;
  }
};

} // namespace

std::optional<Program> tlc::tlang::parseProgram(llvm::SourceMgr &sourceMgr,
                                                mlir::MLIRContext *ctx) {
  return Parser(sourceMgr, ctx).parse();
}
