//===- CAbi.cpp - tlc's C ABI for entry points ----------------------------===//
//
// Upstream's `buffer-results-to-out-params` gives destination passing; these
// passes add what is specific to tlc's ABI (DESIGN.md, "What tlc emits"): the
// symbol names, the workspace argument, the status result and the packed
// wrapper. Nothing upstream names or wraps functions this way.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringExtras.h"

namespace tlc {
#define GEN_PASS_DEF_TLCABI
#define GEN_PASS_DEF_TLENTRYWRAPPERS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

using tlc::kEntryAttr;
using tlc::kWorkspaceSizeOfAttr;

std::string tlc::cIdentifier(StringRef name) {
  std::string id;
  for (char c : name)
    id.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
  if (id.empty() || llvm::isDigit(id[0]))
    id.insert(id.begin(), '_');
  return id;
}

std::string tlc::entrySymbolBase(StringRef prefix, StringRef funcName,
                                 unsigned numEntries) {
  if (prefix.empty())
    return cIdentifier(funcName);
  if (numEntries == 1)
    return cIdentifier(prefix);
  return cIdentifier((prefix + "_" + funcName).str());
}

namespace {

struct TLCAbiPass : tlc::impl::TLCAbiBase<TLCAbiPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> entries;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        entries.push_back(func);
    OpBuilder b(module.getContext());
    for (func::FuncOp func : entries) {
      // The only result left may be the status flag (tl-distinct-results).
      bool hasStatus = func.getNumResults() == 1 &&
                       func.getResultTypes()[0].isInteger(1) &&
                       func.getResultAttr(0, tlc::tl::kStatusAttrName);
      if (func.getNumResults() != 0 && !hasStatus) {
        func.emitError("entry point still returns values after "
                       "buffer-results-to-out-params; outputs must be static "
                       "memrefs, and the only other result an i1 marked "
                       "'tl.status'");
        return signalPassFailure();
      }
      std::string base =
          tlc::entrySymbolBase(prefix, func.getSymName(), entries.size());
      // The copies of an entry point with a batch dimension
      // (tl-batch-entries adds BASE_run around them).
      if (auto entry = func->getAttrOfType<StringAttr>(tlc::tl::kBatchEntryAttr))
        base = (entry.getValue() + "__b" +
                Twine(func->getAttrOfType<IntegerAttr>(tlc::tl::kBatchSizeAttr)
                          .getInt()))
                   .str();
      if (failed(rewriteEntry(func, base + "_run")))
        return signalPassFailure();
      // The workspace is empty unless tl-memory-plan places intermediates
      // in it.
      b.setInsertionPointAfter(func);
      Location loc = func.getLoc();
      auto sizeFn = func::FuncOp::create(
          b, loc, base + "_workspace_size",
          b.getFunctionType({}, {b.getI64Type()}));
      Block *body = sizeFn.addEntryBlock();
      OpBuilder bb = OpBuilder::atBlockEnd(body);
      Value zero = arith::ConstantOp::create(bb, loc, bb.getI64IntegerAttr(0));
      func::ReturnOp::create(bb, loc, zero);
      // tl-memory-plan sets the size.
      sizeFn->setAttr(kWorkspaceSizeOfAttr,
                      FlatSymbolRefAttr::get(b.getContext(), base + "_run"));
    }
  }

  LogicalResult rewriteEntry(func::FuncOp func, const std::string &name) {
    if (SymbolTable::lookupNearestSymbolFrom(func, StringAttr::get(
                                                       func.getContext(), name)))
      return func.emitError("symbol '") << name << "' already exists";
    MLIRContext *ctx = func.getContext();
    // Entry points get a new signature; a call to one would be left behind.
    if (!SymbolTable::symbolKnownUseEmpty(func, func->getParentOp()))
      return func.emitError("entry point '@")
             << func.getSymName()
             << "' is called from another function; entry points cannot "
                "call each other";
    OpBuilder b(ctx);
    auto workspaceType = MemRefType::get({0}, b.getI8Type());
    SmallVector<Type> argTypes(func.getArgumentTypes());
    argTypes.push_back(workspaceType);
    func.getBody().addArgument(workspaceType, func.getLoc());
    func.setType(b.getFunctionType(argTypes, {b.getI32Type()}));
    // Names and bufferization hints have served their purpose; LLVM has no
    // use for them.
    func.setAllArgAttrs(ArrayRef<DictionaryAttr>{});
    func.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
    // The ABI requires distinct, non-overlapping buffers; telling LLVM so
    // spares the vectorizer its runtime alias checks.
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      if (isa<MemRefType>(func.getArgument(i).getType()))
        func.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                        UnitAttr::get(ctx));
    // The bare-pointer convention rejects multi-dimensional memrefs with a
    // zero-size dimension; pass them as rank-1 empty buffers and reinterpret.
    OpBuilder entryBuilder = OpBuilder::atBlockBegin(&func.getBody().front());
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
      auto type = dyn_cast<MemRefType>(argTypes[i]);
      if (!type || type.getRank() < 2 || type.getNumElements() != 0)
        continue;
      BlockArgument arg = func.getArgument(i);
      argTypes[i] = MemRefType::get({0}, type.getElementType());
      arg.setType(argTypes[i]);
      SmallVector<int64_t> strides(type.getRank(), 1);
      for (int64_t d = type.getRank() - 2; d >= 0; --d)
        strides[d] = strides[d + 1] * type.getDimSize(d + 1);
      auto cast = memref::ReinterpretCastOp::create(
          entryBuilder, func.getLoc(), type, arg, 0, type.getShape(), strides);
      arg.replaceAllUsesExcept(cast, cast);
    }
    func.setType(b.getFunctionType(argTypes, {b.getI32Type()}));
    // Status: 0, or 1 where the flag says a fixpoint did not converge.
    func.walk([&](func::ReturnOp ret) {
      b.setInsertionPoint(ret);
      Location loc = ret.getLoc();
      Value status = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
      if (ret.getNumOperands() == 1) {
        Value notConverged =
            arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(1));
        status = arith::SelectOp::create(b, loc, ret.getOperand(0), status,
                                         notConverged);
      }
      ret->setOperands(status);
    });
    if (failed(SymbolTable::replaceAllSymbolUses(
            func, StringAttr::get(ctx, name), func->getParentOp())))
      return func.emitError("cannot rename entry point");
    func.setSymName(name);
    func->setAttr(kEntryAttr, UnitAttr::get(ctx));
    return success();
  }
};

struct TLEntryWrappersPass
    : tlc::impl::TLEntryWrappersBase<TLEntryWrappersPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    SmallVector<LLVM::LLVMFuncOp> entries;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func->hasAttr(kEntryAttr) && !func.isExternal())
        entries.push_back(func);
    auto ptrType = LLVM::LLVMPointerType::get(ctx);
    OpBuilder b(ctx);
    for (LLVM::LLVMFuncOp func : entries) {
      LLVM::LLVMFunctionType type = func.getFunctionType();
      for (Type t : type.getParams())
        if (t != ptrType) {
          func.emitError("tl-entry-wrappers expects the bare-pointer calling "
                         "convention, but an argument has type ")
              << t;
          return signalPassFailure();
        }
      Location loc = func.getLoc();
      b.setInsertionPointAfter(func);
      auto wrapper = LLVM::LLVMFuncOp::create(
          b, loc, (func.getName() + "_packed").str(),
          LLVM::LLVMFunctionType::get(type.getReturnType(), {ptrType}));
      Block *body = wrapper.addEntryBlock(b);
      OpBuilder bb = OpBuilder::atBlockEnd(body);
      SmallVector<Value> args;
      for (unsigned i = 0, e = type.getNumParams(); i < e; ++i) {
        Value slot = LLVM::GEPOp::create(bb, loc, ptrType, ptrType,
                                         body->getArgument(0),
                                         ArrayRef<LLVM::GEPArg>{(int32_t)i});
        args.push_back(LLVM::LoadOp::create(bb, loc, ptrType, slot));
      }
      auto call = LLVM::CallOp::create(bb, loc, func, args);
      LLVM::ReturnOp::create(bb, loc, call.getResult());
    }
  }
};

} // namespace
