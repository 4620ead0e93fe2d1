//===- Profile.cpp - tl-profile: libtlrt profiling hooks around kernels ---===//
//
// The hooks go in at the tl level, where a kernel is still one op with a
// name, a source location and a cost; the calls stay in place through the
// lowering, which keeps each op's code where the op was.
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Path.h"

namespace tlc::tl {
#define GEN_PASS_DEF_TLPROFILE
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

constexpr StringLiteral kBegin = "tlrt_profile_begin";
constexpr StringLiteral kEnd = "tlrt_profile_end";

/// A kernel's name: what it computes, as the IR spells it.
std::string kernelName(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (auto e = dyn_cast<EinsumOp>(op)) {
    os << "einsum " << e.getSpec();
    if (e.getSemiring() != Semiring::plus_times)
      os << " " << stringifySemiring(e.getSemiring());
  } else if (auto m = dyn_cast<MapOp>(op)) {
    os << "map " << stringifyMapFn(m.getFn());
  } else if (auto r = dyn_cast<ReduceOp>(op)) {
    os << "reduce " << stringifyReduceKind(r.getKind());
  } else if (isa<FusedOp, FixpointOp>(op)) {
    // A group or a loop: named after the ops of its body.
    os << (isa<FusedOp>(op) ? "fused:" : "fixpoint:");
    bool first = true;
    for (Operation &inner : op->getRegion(0).front()) {
      if (isa<YieldOp>(inner))
        continue;
      os << (first ? " " : " + ") << kernelName(&inner);
      first = false;
    }
  } else {
    os << op->getName().stripDialect();
  }
  return s;
}

/// FILE:LINE:COL of the first file location in `loc` (the file's name
/// only), or "?".
std::string locationText(Location loc) {
  std::string s = "?";
  loc->walk([&](Location l) {
    if (auto file = dyn_cast<FileLineColLoc>(l)) {
      s = (llvm::sys::path::filename(file.getFilename().getValue()) + ":" +
           Twine(file.getLine()) + ":" + Twine(file.getColumn()))
              .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return s;
}

/// Kernels are the tl ops that become code of their own: not constants, not
/// the ops inside a fused group (the group is the kernel) or a fixpoint
/// (the whole loop is one kernel: its body may hold only tl ops).
bool isKernel(Operation *op) {
  if (!isa_and_nonnull<TLDialect>(op->getDialect()) ||
      isa<YieldOp, ConstantOp>(op))
    return false;
  return !op->getParentOfType<FusedOp>() && !op->getParentOfType<FixpointOp>();
}

struct TLProfilePass : tl::impl::TLProfileBase<TLProfilePass> {
  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    auto f64 = Float64Type::get(ctx);
    auto infoType =
        LLVM::LLVMStructType::getLiteral(ctx, {i64, ptr, ptr, f64, f64, i64});
    OpBuilder top = OpBuilder::atBlockBegin(module.getBody());
    Location unknown = UnknownLoc::get(ctx);

    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        funcs.push_back(func);
    if (funcs.empty())
      return;
    for (StringRef hook : {kBegin, kEnd}) {
      if (module.lookupSymbol(hook))
        continue;
      auto decl = func::FuncOp::create(top, unknown, hook,
                                       FunctionType::get(ctx, {ptr}, {}));
      decl.setPrivate();
    }

    auto stringGlobal = [&](StringRef symbol, StringRef text) {
      std::string bytes = text.str();
      bytes.push_back('\0');
      auto type =
          LLVM::LLVMArrayType::get(IntegerType::get(ctx, 8), bytes.size());
      LLVM::GlobalOp::create(top, unknown, type, /*isConstant=*/true,
                             LLVM::Linkage::Internal, symbol,
                             top.getStringAttr(bytes));
    };

    for (func::FuncOp func : funcs) {
      SmallVector<Operation *> kernels;
      func.walk<WalkOrder::PreOrder>([&](Operation *op) {
        if (isKernel(op))
          kernels.push_back(op);
      });
      // The chunk and one-row copies of a batched entry point say which.
      std::string suffix;
      if (auto rows = func->getAttrOfType<IntegerAttr>(kBatchSizeAttr))
        suffix = rows.getInt() == 1
                     ? " [one batch row]"
                     : " [batch chunk of " + std::to_string(rows.getInt()) +
                           " rows]";
      for (auto [id, op] : llvm::enumerate(kernels)) {
        std::string base =
            ("__tlrt_op_" + func.getSymName() + "_" + Twine(id)).str();
        stringGlobal(base + "_name", kernelName(op) + suffix);
        stringGlobal(base + "_loc", locationText(op->getLoc()));
        OpCost cost = costOf(op);
        // The tlrt_op_info; writable: the runtime keeps its slot there.
        auto info =
            LLVM::GlobalOp::create(top, unknown, infoType, /*isConstant=*/false,
                                   LLVM::Linkage::Internal, base, Attribute());
        OpBuilder b(ctx);
        b.setInsertionPointToStart(b.createBlock(&info.getInitializerRegion()));
        Value v = LLVM::UndefOp::create(b, unknown, infoType);
        auto field = [&](Value x, int64_t i) {
          v = LLVM::InsertValueOp::create(b, unknown, v, x, i);
        };
        field(LLVM::ConstantOp::create(b, unknown, i64, (int64_t)id), 0);
        field(LLVM::AddressOfOp::create(b, unknown, ptr, base + "_name"), 1);
        field(LLVM::AddressOfOp::create(b, unknown, ptr, base + "_loc"), 2);
        field(LLVM::ConstantOp::create(b, unknown, f64,
                                       b.getF64FloatAttr(cost.flops)),
              3);
        field(LLVM::ConstantOp::create(b, unknown, f64,
                                       b.getF64FloatAttr(cost.bytes)),
              4);
        field(LLVM::ConstantOp::create(b, unknown, i64, (int64_t)0), 5);
        LLVM::ReturnOp::create(b, unknown, v);

        auto hook = [&](StringRef name) {
          Value address = LLVM::AddressOfOp::create(b, op->getLoc(), ptr, base);
          func::CallOp::create(b, op->getLoc(), name, TypeRange{}, address);
        };
        b.setInsertionPoint(op);
        hook(kBegin);
        b.setInsertionPointAfter(op);
        hook(kEnd);
      }
    }
  }
};

} // namespace
