//===- MemoryPlan.cpp - static placement of buffers in the workspace ------===//
//
// Upstream MLIR has no pass that packs allocations into one caller-provided
// buffer (IREE and TFLite do this in their own runtimes), so this is ours:
// liveness over the entry block, then first-fit placement, largest first.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/Format.h"

namespace tlc {
#define GEN_PASS_DEF_TLMEMORYPLAN
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

struct Buffer {
  memref::AllocOp alloc;
  MemRefType type;
  int64_t size = 0;   // bytes, aligned
  unsigned begin = 0; // index of the alloc among the top-level ops
  unsigned end = 0;   // last top-level op that uses it (inclusive)
  int64_t offset = -1;
};

/// Bytes of a static memref of numbers (i1 takes a byte, as bufferization
/// stores it).
std::optional<int64_t> sizeInBytes(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity())
    return std::nullopt;
  Type element = type.getElementType();
  if (!element.isIntOrFloat())
    return std::nullopt;
  int64_t bytes = std::max<int64_t>(1, element.getIntOrFloatBitWidth() / 8);
  return llvm::alignTo(type.getNumElements() * bytes, kAlignment);
}

/// The index of the last top-level op of `block` that uses `value` or a view
/// of it, or `~0u` when it is loop or branch state (see below).
unsigned lastUse(Value value, Block &block,
                 const DenseMap<Operation *, unsigned> &index) {
  unsigned last = 0;
  SmallVector<Value> worklist{value};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      // Deallocations go with the plan.
      if (isa<memref::DeallocOp>(user))
        continue;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        if (view.getViewSource() == v)
          for (Value r : user->getResults())
            worklist.push_back(r);
      // Passed into a loop's or branch's state, or yielded out of a region:
      // heap ownership then decides at run time, so leave it on the heap.
      if (isa<RegionBranchOpInterface>(user) ||
          (user->hasTrait<OpTrait::IsTerminator>() &&
           user->getBlock() != &block))
        return ~0u;
      Operation *top = block.findAncestorOpInBlock(*user);
      if (!top)
        return ~0u;
      last = std::max(last, index.lookup(top));
    }
  }
  return last;
}

/// First fit, largest first: the lowest aligned offset where `b` overlaps
/// no placed buffer that is live at the same time.
int64_t place(std::vector<Buffer> &buffers) {
  std::vector<Buffer *> order;
  for (Buffer &b : buffers)
    order.push_back(&b);
  llvm::stable_sort(order,
                    [](Buffer *x, Buffer *y) { return x->size > y->size; });
  int64_t peak = 0;
  std::vector<Buffer *> placed;
  for (Buffer *b : order) {
    std::vector<std::pair<int64_t, int64_t>> busy;
    for (Buffer *p : placed)
      if (p->begin <= b->end && b->begin <= p->end)
        busy.push_back({p->offset, p->offset + p->size});
    llvm::sort(busy);
    int64_t offset = 0;
    for (auto [lo, hi] : busy) {
      if (offset + b->size <= lo)
        break;
      offset = std::max(offset, hi);
    }
    b->offset = offset;
    peak = std::max(peak, offset + b->size);
    placed.push_back(b);
  }
  return peak;
}

struct TLMemoryPlanPass : tlc::impl::TLMemoryPlanBase<TLMemoryPlanPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto sizeFn : llvm::to_vector(module.getOps<func::FuncOp>())) {
      auto of =
          sizeFn->getAttrOfType<FlatSymbolRefAttr>(tlc::kWorkspaceSizeOfAttr);
      if (!of)
        continue;
      auto entry = module.lookupSymbol<func::FuncOp>(of.getAttr());
      if (!entry || entry.isExternal() || entry.getNumArguments() == 0)
        continue;
      int64_t peak = planEntry(entry);
      sizeFn.walk([&](arith::ConstantOp c) {
        if (c.getType().isInteger(64))
          c.setValueAttr(IntegerAttr::get(c.getType(), peak));
      });
    }
  }

  /// A null workspace (where the plan needs one) returns status 2 before
  /// anything is touched, instead of crashing.
  void checkWorkspace(func::FuncOp entry, Value workspace) {
    Block *entryBlock = &entry.getBody().front();
    Location loc = entry.getLoc();
    OpBuilder b = OpBuilder::atBlockBegin(entryBlock);
    Value address =
        memref::ExtractAlignedPointerAsIndexOp::create(b, loc, workspace);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value isNull =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, address, zero);
    Block *body = entryBlock->splitBlock(b.getInsertionPoint());
    Block *fail = b.createBlock(body);
    Value status = arith::ConstantOp::create(
        b, loc, b.getI32IntegerAttr(tlc::kStatusNoWorkspace));
    func::ReturnOp::create(b, loc, status);
    b.setInsertionPointToEnd(entryBlock);
    cf::CondBranchOp::create(b, loc, isNull, fail, body);
  }

  int64_t planEntry(func::FuncOp entry) {
    Block &block = entry.getBody().front();
    DenseMap<Operation *, unsigned> index;
    for (Operation &op : block)
      index[&op] = index.size();
    std::vector<Buffer> buffers;
    entry.walk([&](memref::AllocOp alloc) {
      // Each thread of a parallel loop needs its own buffer.
      if (alloc->getParentOfType<scf::ForallOp>() ||
          alloc->getParentOfType<scf::ParallelOp>())
        return;
      std::optional<int64_t> size = sizeInBytes(alloc.getType());
      if (!size)
        return;
      // A buffer allocated in a loop body and not yielded lives within one
      // iteration: one place serves every iteration, and it is live for
      // the whole loop as the entry block sees it.
      unsigned end = lastUse(alloc, block, index);
      if (end == ~0u)
        return;
      Buffer b;
      b.alloc = alloc;
      b.type = alloc.getType();
      b.size = *size;
      b.begin = index.lookup(block.findAncestorOpInBlock(*alloc));
      b.end = std::max(end, b.begin);
      buffers.push_back(b);
    });
    int64_t peak = place(buffers);

    BlockArgument workspace = entry.getArguments().back();
    auto wsType = MemRefType::get({peak}, IntegerType::get(&getContext(), 8));
    workspace.setType(wsType);
    SmallVector<Type> argTypes(entry.getArgumentTypes());
    argTypes.back() = wsType;
    entry.setType(
        FunctionType::get(&getContext(), argTypes, entry.getResultTypes()));
    OpBuilder b(&getContext());
    for (Buffer &buf : buffers) {
      b.setInsertionPoint(buf.alloc);
      Value offset =
          arith::ConstantIndexOp::create(b, buf.alloc.getLoc(), buf.offset);
      Value view =
          memref::ViewOp::create(b, buf.alloc.getLoc(), buf.alloc.getType(),
                                 workspace, offset, ValueRange{});
      // Deallocations of planned buffers go with them.
      for (Operation *user : llvm::to_vector(buf.alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      buf.alloc.replaceAllUsesWith(view);
      buf.alloc.erase();
    }
    if (peak > 0)
      checkWorkspace(entry, workspace);
    if (print) {
      int64_t sum = 0;
      llvm::errs() << "memory plan for @" << entry.getSymName() << ":\n";
      llvm::errs() << "  offset      size  live (ops)  buffer\n";
      for (Buffer &buf : buffers) {
        sum += buf.size;
        llvm::errs() << llvm::format("  %8lld  %8lld  %4u-%-4u   ",
                                     (long long)buf.offset, (long long)buf.size,
                                     buf.begin, buf.end)
                     << buf.type << "\n";
      }
      llvm::errs() << "  peak " << peak << " bytes, sum of buffers " << sum
                   << " bytes (" << buffers.size() << " buffers)\n";
    }
    return peak;
  }
};

} // namespace
