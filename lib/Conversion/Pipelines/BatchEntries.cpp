//===- BatchEntries.cpp - tl-batch-entries: run a batch in chunks ---------===//
//
// tlc compiles a graph with a batch dimension for a fixed chunk of rows and
// for one row, with every static-shape optimisation (packing, the memory
// plan) intact; this pass adds the entry point that takes the batch size
// and runs the two over the caller's rows. Nothing upstream builds C entry
// points, so this is ours, written on the LLVM dialect like
// tl-entry-wrappers.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <map>

namespace tlc {
#define GEN_PASS_DEF_TLBATCHENTRIES
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kReportError = "tlrt_report_error";

struct Copies {
  LLVM::LLVMFuncOp chunk, one;
  int64_t chunkRows = 0;
  SmallVector<int64_t> rowBytes; // per buffer argument
};

struct TLBatchEntriesPass : tlc::impl::TLBatchEntriesBase<TLBatchEntriesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::map<std::string, Copies> bases;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
      auto entry = func->getAttrOfType<StringAttr>(tlc::tl::kBatchEntryAttr);
      if (!entry || !func->hasAttr(tlc::kEntryAttr))
        continue;
      Copies &c = bases[entry.str()];
      auto size = func->getAttrOfType<IntegerAttr>(tlc::tl::kBatchSizeAttr);
      auto rowsAttr = func->getAttrOfType<ArrayAttr>(tlc::tl::kBatchRowsAttr);
      auto isInt = [](Attribute a) { return isa<IntegerAttr>(a); };
      // One byte count per buffer argument (the last is the workspace).
      if (!size || size.getInt() < 1 || !rowsAttr ||
          !llvm::all_of(rowsAttr, isInt) ||
          rowsAttr.size() + 1 != func.getNumArguments()) {
        func.emitError("tl-batch-entries: a batch copy needs '")
            << tlc::tl::kBatchSizeAttr << "' (at least 1) and '"
            << tlc::tl::kBatchRowsAttr << "' (one integer per buffer argument)";
        return signalPassFailure();
      }
      int64_t rows = size.getInt();
      (rows == 1 ? c.one : c.chunk) = func;
      if (rows != 1)
        c.chunkRows = rows;
      c.rowBytes.clear();
      for (Attribute a : rowsAttr)
        c.rowBytes.push_back(cast<IntegerAttr>(a).getInt());
    }
    for (auto &[base, copies] : bases) {
      if (!copies.chunk || !copies.one ||
          copies.chunk.getNumArguments() != copies.one.getNumArguments()) {
        module.emitError("tl-batch-entries: '")
            << base << "' needs a chunk and a one-row entry point";
        return signalPassFailure();
      }
      if (failed(build(module, base, copies)))
        return signalPassFailure();
    }
  }

  /// `llvm.func extern_weak @tlrt_report_error(ptr)`, once.
  LLVM::LLVMFuncOp reportFunction(ModuleOp module) {
    if (auto f = module.lookupSymbol<LLVM::LLVMFuncOp>(kReportError))
      return f;
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    MLIRContext *ctx = module.getContext();
    auto f = LLVM::LLVMFuncOp::create(
        b, module.getLoc(), kReportError,
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                    {LLVM::LLVMPointerType::get(ctx)}));
    f.setLinkage(LLVM::Linkage::ExternWeak);
    return f;
  }

  /// An internal constant C string.
  LLVM::GlobalOp message(ModuleOp module, StringRef name, StringRef text) {
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    std::string bytes = text.str();
    bytes.push_back('\0');
    auto type = LLVM::LLVMArrayType::get(IntegerType::get(b.getContext(), 8),
                                         bytes.size());
    return LLVM::GlobalOp::create(b, module.getLoc(), type, true,
                                  LLVM::Linkage::Internal, name,
                                  b.getStringAttr(bytes));
  }

  LogicalResult build(ModuleOp module, const std::string &base,
                      Copies &copies) {
    MLIRContext *ctx = module.getContext();
    Location loc = copies.chunk.getLoc();
    auto i64 = IntegerType::get(ctx, 64);
    auto i32 = IntegerType::get(ctx, 32);
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i8 = IntegerType::get(ctx, 8);
    auto chunkWs = module.lookupSymbol<LLVM::LLVMFuncOp>(
        base + "__b" + std::to_string(copies.chunkRows) + "_workspace_size");
    auto oneWs =
        module.lookupSymbol<LLVM::LLVMFuncOp>(base + "__b1_workspace_size");
    if (!chunkWs || !oneWs) {
      module.emitError("tl-batch-entries: '")
          << base << "' lacks the copies' workspace-size functions";
      return failure();
    }
    // The copies and their helpers are not part of the object's interface.
    for (StringRef suffix : {"_run", "_run_packed", "_workspace_size"})
      for (int64_t rows : {copies.chunkRows, (int64_t)1})
        if (auto f = module.lookupSymbol<LLVM::LLVMFuncOp>(
                base + "__b" + std::to_string(rows) + suffix.str()))
          f.setLinkage(LLVM::Linkage::Internal);

    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto constant = [&](OpBuilder &bb, Type t, int64_t v) -> Value {
      return LLVM::ConstantOp::create(bb, loc, t, v);
    };

    // BASE_workspace_size(batch).
    auto wsFn =
        LLVM::LLVMFuncOp::create(b, loc, base + "_workspace_size",
                                 LLVM::LLVMFunctionType::get(i64, {i64}));
    {
      Block *body = wsFn.addEntryBlock(b);
      OpBuilder bb = OpBuilder::atBlockEnd(body);
      Value c =
          LLVM::CallOp::create(bb, loc, chunkWs, ValueRange{}).getResult();
      Value o = LLVM::CallOp::create(bb, loc, oneWs, ValueRange{}).getResult();
      Value larger = LLVM::SelectOp::create(
          bb, loc,
          LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::sgt, c, o), c, o);
      Value chunked = LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::sge,
                                           body->getArgument(0),
                                           constant(bb, i64, copies.chunkRows));
      LLVM::ReturnOp::create(
          bb, loc, LLVM::SelectOp::create(bb, loc, chunked, larger, o));
    }

    // BASE_run(batch, buffers..., workspace, workspace_bytes).
    unsigned numBuffers = copies.rowBytes.size();
    SmallVector<Type> params{i64};
    params.append(numBuffers + 1, ptr);
    params.push_back(i64);
    auto run = LLVM::LLVMFuncOp::create(
        b, loc, base + "_run", LLVM::LLVMFunctionType::get(i32, params));
    Block *entry = run.addEntryBlock(b);
    Value batch = entry->getArgument(0);
    Value workspace = entry->getArgument(numBuffers + 1);
    Value workspaceBytes = entry->getArgument(numBuffers + 2);
    Region &region = run.getBody();
    auto newBlock = [&](TypeRange args = {}) {
      Block *block = new Block();
      region.push_back(block);
      for (Type t : args)
        block->addArgument(t, loc);
      return block;
    };
    // A block that reports `text` (when libtlrt is linked) and returns code.
    LLVM::LLVMFuncOp report = reportFunction(module);
    auto errorBlock = [&](int32_t code, StringRef tag, StringRef text) {
      LLVM::GlobalOp msg = message(module, base + "_error_" + tag.str(),
                                   (base + "_run: " + text).str());
      Block *check = newBlock(), *call = newBlock(), *ret = newBlock();
      OpBuilder bb = OpBuilder::atBlockEnd(check);
      Value fn = LLVM::AddressOfOp::create(bb, loc, ptr, report.getName());
      Value null = LLVM::ZeroOp::create(bb, loc, ptr);
      Value missing =
          LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::eq, fn, null);
      LLVM::CondBrOp::create(bb, loc, missing, ret, call);
      bb.setInsertionPointToEnd(call);
      Value textPtr = LLVM::AddressOfOp::create(bb, loc, ptr, msg.getSymName());
      LLVM::CallOp::create(bb, loc, report, ValueRange{textPtr});
      LLVM::BrOp::create(bb, loc, ret);
      bb.setInsertionPointToEnd(ret);
      LLVM::ReturnOp::create(bb, loc, constant(bb, i32, code));
      return check;
    };

    OpBuilder bb = OpBuilder::atBlockEnd(entry);
    Block *badBatch = errorBlock(tlc::kStatusBadBatch, "batch",
                                 "the batch size must be at least 1");
    std::string nullText =
        "the workspace is NULL, but " + base + "_workspace_size(batch) > 0";
    std::string smallText =
        "workspace_bytes is smaller than " + base + "_workspace_size(batch)";
    Block *noWorkspace = errorBlock(tlc::kStatusNoWorkspace, "null", nullText);
    Block *tooSmall =
        errorBlock(tlc::kStatusWorkspaceTooSmall, "small", smallText);
    Block *checkNull = newBlock(), *checkSize = newBlock(), *start = newBlock();
    // The loops carry the row and the status so far: 1 (a fixpoint did not
    // converge) lets the other rows run, as NAME_run's status 1 promises
    // outputs in full; anything higher stops.
    Block *chunkHead = newBlock({i64, i32}), *chunkBody = newBlock();
    Block *oneHead = newBlock({i64, i32}), *oneBody = newBlock();
    Block *fail = newBlock({i32}), *done = newBlock({i32});

    Value tooFew = LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::slt,
                                        batch, constant(bb, i64, 1));
    LLVM::CondBrOp::create(bb, loc, tooFew, badBatch, checkNull);

    bb.setInsertionPointToEnd(checkNull);
    Value need =
        LLVM::CallOp::create(bb, loc, wsFn, ValueRange{batch}).getResult();
    Value isNull =
        LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::eq, workspace,
                             LLVM::ZeroOp::create(bb, loc, ptr));
    Value needed = LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::sgt, need,
                                        constant(bb, i64, 0));
    LLVM::CondBrOp::create(bb, loc,
                           LLVM::AndOp::create(bb, loc, isNull, needed),
                           noWorkspace, checkSize);

    bb.setInsertionPointToEnd(checkSize);
    Value small = LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::ult,
                                       workspaceBytes, need);
    LLVM::CondBrOp::create(bb, loc, small, tooSmall, start);

    bb.setInsertionPointToEnd(start);
    Value chunkRows = constant(bb, i64, copies.chunkRows);
    Value chunks = LLVM::SDivOp::create(bb, loc, batch, chunkRows);
    Value chunkedRows = LLVM::MulOp::create(bb, loc, chunks, chunkRows);
    LLVM::BrOp::create(bb, loc,
                       ValueRange{constant(bb, i64, 0), constant(bb, i32, 0)},
                       chunkHead);

    // Calls `callee` on the buffers offset to row `row`; on a status above
    // 1 goes to `fail`, else to `next` with `nextArg` and the status so far
    // (`soft` or this one).
    auto callAt = [&](Block *block, LLVM::LLVMFuncOp callee, Value row,
                      Block *next, Value nextArg, Value soft) {
      OpBuilder cb = OpBuilder::atBlockEnd(block);
      SmallVector<Value> args;
      for (unsigned k = 0; k < numBuffers; ++k) {
        Value buffer = entry->getArgument(k + 1);
        if (copies.rowBytes[k]) {
          Value offset = LLVM::MulOp::create(
              cb, loc, row, constant(cb, i64, copies.rowBytes[k]));
          buffer = LLVM::GEPOp::create(cb, loc, ptr, i8, buffer,
                                       ArrayRef<LLVM::GEPArg>{offset});
        }
        args.push_back(buffer);
      }
      args.push_back(workspace);
      Value status = LLVM::CallOp::create(cb, loc, callee, args).getResult();
      Value ok = LLVM::ICmpOp::create(cb, loc, LLVM::ICmpPredicate::ule, status,
                                      constant(cb, i32, 1));
      Value sofar = LLVM::OrOp::create(cb, loc, soft, status);
      LLVM::CondBrOp::create(cb, loc, ok, next, ValueRange{nextArg, sofar},
                             fail, ValueRange{status});
    };

    // Chunks of chunkRows rows.
    bb.setInsertionPointToEnd(chunkHead);
    Value i = chunkHead->getArgument(0), chunkSoft = chunkHead->getArgument(1);
    LLVM::CondBrOp::create(
        bb, loc,
        LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::slt, i, chunks),
        chunkBody, ValueRange{}, oneHead, ValueRange{chunkedRows, chunkSoft});
    bb.setInsertionPointToEnd(chunkBody);
    Value row = LLVM::MulOp::create(bb, loc, i, chunkRows);
    Value nextChunk = LLVM::AddOp::create(bb, loc, i, constant(bb, i64, 1));
    callAt(chunkBody, copies.chunk, row, chunkHead, nextChunk, chunkSoft);

    // The remaining rows one at a time.
    bb.setInsertionPointToEnd(oneHead);
    Value j = oneHead->getArgument(0), oneSoft = oneHead->getArgument(1);
    LLVM::CondBrOp::create(
        bb, loc,
        LLVM::ICmpOp::create(bb, loc, LLVM::ICmpPredicate::slt, j, batch),
        oneBody, ValueRange{}, done, ValueRange{oneSoft});
    bb.setInsertionPointToEnd(oneBody);
    Value nextRow = LLVM::AddOp::create(bb, loc, j, constant(bb, i64, 1));
    callAt(oneBody, copies.one, j, oneHead, nextRow, oneSoft);

    bb.setInsertionPointToEnd(fail);
    LLVM::ReturnOp::create(bb, loc, fail->getArgument(0));
    bb.setInsertionPointToEnd(done);
    LLVM::ReturnOp::create(bb, loc, done->getArgument(0));

    // BASE_run_packed(args): {&batch, buffers..., workspace, &bytes}.
    b.setInsertionPointAfter(run);
    auto packed = LLVM::LLVMFuncOp::create(
        b, loc, base + "_run_packed", LLVM::LLVMFunctionType::get(i32, {ptr}));
    Block *pbody = packed.addEntryBlock(b);
    OpBuilder pb = OpBuilder::atBlockEnd(pbody);
    auto slot = [&](unsigned k) -> Value {
      Value p = LLVM::GEPOp::create(pb, loc, ptr, ptr, pbody->getArgument(0),
                                    ArrayRef<LLVM::GEPArg>{(int32_t)k});
      return LLVM::LoadOp::create(pb, loc, ptr, p);
    };
    SmallVector<Value> args{LLVM::LoadOp::create(pb, loc, i64, slot(0))};
    for (unsigned k = 0; k <= numBuffers; ++k)
      args.push_back(slot(k + 1));
    args.push_back(LLVM::LoadOp::create(pb, loc, i64, slot(numBuffers + 2)));
    LLVM::ReturnOp::create(
        pb, loc, LLVM::CallOp::create(pb, loc, run, args).getResult());
    return success();
  }
};

} // namespace
