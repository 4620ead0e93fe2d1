//===- HostBuffers.cpp - tl-gpu-host-buffers ------------------------------===//
//
// tlc's entry points take the caller's host buffers. Upstream has no pass
// that moves function arguments to the device around the kernels that
// convert-parallel-loops-to-gpu made, so this one does.
//
//===----------------------------------------------------------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace tlc {
#define GEN_PASS_DEF_TLGPUHOSTBUFFERS
#include "tlc/Conversion/Passes.h.inc"
} // namespace tlc

using namespace mlir;

namespace {

constexpr StringLiteral kTakeStatus = "tlrt_gpu_take_status";
constexpr StringLiteral kUseStream = "tlrt_gpu_use_stream";

/// Whether `v` (or a view of it) is written: a store or a copy into it.
bool isWritten(Value v) {
  for (Operation *user : v.getUsers()) {
    if (auto store = dyn_cast<memref::StoreOp>(user))
      if (store.getMemRef() == v)
        return true;
    if (auto copy = dyn_cast<memref::CopyOp>(user))
      if (copy.getTarget() == v)
        return true;
    if (auto copy = dyn_cast<gpu::MemcpyOp>(user))
      if (copy.getDst() == v)
        return true;
    if (isa<ViewLikeOpInterface>(user) && user->getNumResults() == 1 &&
        isWritten(user->getResult(0)))
      return true;
  }
  return false;
}

/// Whether `op` reads or writes memory through memref loads, stores or
/// copies (itself or nested), outside any kernel; and whether it holds one.
bool touchesMemory(Operation *op) {
  bool touches = false;
  op->walk([&](Operation *inner) {
    if (isa<memref::LoadOp, memref::StoreOp, memref::CopyOp>(inner))
      touches = true;
  });
  return touches;
}
bool holdsKernel(Operation *op) {
  bool holds = false;
  op->walk([&](gpu::LaunchOp) { holds = true; });
  return holds;
}

/// A load from a buffer of one element: a scalar the host may need.
bool isScalarLoad(Operation *op) {
  auto load = dyn_cast<memref::LoadOp>(op);
  return load && load.getMemRefType().hasStaticShape() &&
         load.getMemRefType().getNumElements() == 1;
}

/// Runs of host code that touch device memory (the sequential loops of a
/// whole-tensor reduction, a scalar result's epilogue) move into a kernel
/// of one thread: slow, but correct, and small once the parallel part is
/// in kernels. A run is a maximal sequence of ops without kernels, memory
/// management or calls that starts at an op touching memory; it moves only
/// if nothing it defines is used after it.
void serializeHostRuns(Block &block) {
  auto movable = [](Operation &op) {
    // A strided copy would need the host runtime's memrefCopy.
    bool copies = false;
    op.walk([&](memref::CopyOp) { copies = true; });
    return !copies && !holdsKernel(&op) &&
           !op.hasTrait<OpTrait::IsTerminator>() &&
           !isa<gpu::AllocOp, gpu::DeallocOp, gpu::MemcpyOp, memref::AllocOp,
                memref::DeallocOp, func::CallOp>(op);
  };
  SmallVector<SmallVector<Operation *>> runs;
  SmallVector<Operation *> run;
  auto close = [&] {
    // Trailing ops that touch nothing stay on the host, and so do trailing
    // scalar loads (stageScalarLoads copies their buffer to the host).
    while (!run.empty() &&
           (!touchesMemory(run.back()) || isScalarLoad(run.back())))
      run.pop_back();
    if (!run.empty())
      runs.push_back(run);
    run.clear();
  };
  for (Operation &op : block) {
    if (!movable(op)) {
      close();
      continue;
    }
    if (run.empty() && !touchesMemory(&op))
      continue;
    run.push_back(&op);
  }
  close();
  for (ArrayRef<Operation *> ops : runs) {
    llvm::SmallPtrSet<Operation *, 16> inRun(ops.begin(), ops.end());
    bool escapes = llvm::any_of(ops, [&](Operation *op) {
      return llvm::any_of(op->getUsers(), [&](Operation *user) {
        return !inRun.contains(block.findAncestorOpInBlock(*user));
      });
    });
    if (escapes)
      continue; // left for the check below to report
    OpBuilder b(ops.front());
    Location loc = ops.front()->getLoc();
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto launch = gpu::LaunchOp::create(b, loc, one, one, one, one, one, one);
    Block &body = launch.getBody().front();
    OpBuilder bb = OpBuilder::atBlockEnd(&body);
    gpu::TerminatorOp::create(bb, loc);
    for (Operation *op : ops)
      op->moveBefore(body.getTerminator());
  }
}

/// serializeHostRuns on every block of host code, inner blocks first: the
/// bodies of fixpoint loops too.
void serializeHostBlocks(func::FuncOp func) {
  SmallVector<Block *> blocks;
  func.walk([&](Block *block) {
    Operation *parent = block->getParentOp();
    if (!isa<gpu::LaunchOp>(parent) &&
        !parent->getParentOfType<gpu::LaunchOp>())
      blocks.push_back(block);
  });
  for (Block *block : blocks)
    serializeHostRuns(*block);
}

/// On host loads and stores that read device memory on purpose.
constexpr StringLiteral kStagedAttr = "tl.staged";

/// A scalar the host needs from a one-element buffer (a fixpoint's
/// convergence flag, read by its loop) is copied to host memory first.
void stageScalarLoads(func::FuncOp func) {
  SmallVector<memref::LoadOp> loads;
  func.walk([&](memref::LoadOp load) {
    if (!load->getParentOfType<gpu::LaunchOp>() && isScalarLoad(load))
      loads.push_back(load);
  });
  for (memref::LoadOp load : loads) {
    MemRefType type = load.getMemRefType();
    // At the entry: a loop's stack must not grow per iteration.
    OpBuilder entry = OpBuilder::atBlockBegin(&func.getBody().front());
    auto host = memref::AllocaOp::create(
        entry, load.getLoc(),
        MemRefType::get(type.getShape(), type.getElementType()));
    OpBuilder b(load);
    gpu::MemcpyOp::create(b, load.getLoc(), TypeRange{}, ValueRange{},
                          host.getResult(), load.getMemRef());
    load.getMemrefMutable().assign(host.getResult());
    load->setAttr(kStagedAttr, b.getUnitAttr());
  }
}

struct TLGpuHostBuffersPass
    : tlc::impl::TLGpuHostBuffersBase<TLGpuHostBuffersPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!buffers) {
      for (auto func : module.getOps<func::FuncOp>())
        if (!func.isExternal())
          serializeHostBlocks(func);
      return;
    }
    MLIRContext *ctx = &getContext();
    SmallVector<func::FuncOp> entries;
    for (auto func : module.getOps<func::FuncOp>())
      if (func->hasAttr(tlc::kEntryAttr) && !func.isExternal())
        entries.push_back(func);
    if (entries.empty())
      return;
    OpBuilder top = OpBuilder::atBlockBegin(module.getBody());
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    if (!module.lookupSymbol(kTakeStatus))
      func::FuncOp::create(
          top, module.getLoc(), kTakeStatus,
          FunctionType::get(ctx, {}, {IntegerType::get(ctx, 32)}))
          .setPrivate();
    if (!module.lookupSymbol(kUseStream))
      func::FuncOp::create(top, module.getLoc(), kUseStream,
                           FunctionType::get(ctx, {ptr}, {}))
          .setPrivate();
    for (func::FuncOp func : entries) {
      // The copies of a batched entry point have no device variant: their
      // wrapper (tl-batch-entries) takes host buffers.
      if (func->hasAttr(tlc::tl::kBatchEntryAttr)) {
        if (failed(rewrite(func, /*hostArgs=*/true)))
          return signalPassFailure();
        continue;
      }
      // NAME_run_device: the same on device buffers, on the caller's stream
      // (an extra last argument), next to NAME_run.
      func::FuncOp device = func.clone();
      device.setSymName((func.getSymName() + "_device").str());
      OpBuilder after(func);
      after.setInsertionPointAfter(func);
      after.insert(device);
      BlockArgument stream = device.getBody().addArgument(ptr, device.getLoc());
      SmallVector<Type> inputs(device.getBody().getArgumentTypes());
      device.setType(FunctionType::get(ctx, inputs, device.getResultTypes()));
      OpBuilder entry = OpBuilder::atBlockBegin(&device.getBody().front());
      func::CallOp::create(entry, device.getLoc(), kUseStream, TypeRange{},
                           ValueRange{stream});
      if (failed(rewrite(func, /*hostArgs=*/true)) ||
          failed(rewrite(device, /*hostArgs=*/false)))
        return signalPassFailure();
    }
  }

  /// `hostArgs`: the buffer arguments are the caller's host memory (copied
  /// in and out); otherwise they are device memory already.
  LogicalResult rewrite(func::FuncOp func, bool hostArgs) {
    // Copies between whole buffers become device-to-device copies.
    SmallVector<memref::CopyOp> copies;
    func.walk([&](memref::CopyOp c) {
      auto contiguous = [](Value v) {
        auto type = cast<MemRefType>(v.getType());
        return type.getLayout().isIdentity() && type.hasStaticShape();
      };
      if (!c->getParentOfType<gpu::LaunchOp>() && contiguous(c.getSource()) &&
          contiguous(c.getTarget()) &&
          c.getSource().getType() == c.getTarget().getType())
        copies.push_back(c);
    });
    for (memref::CopyOp c : copies) {
      OpBuilder cb(c);
      gpu::MemcpyOp::create(cb, c.getLoc(), TypeRange{}, ValueRange{},
                            c.getTarget(), c.getSource());
      c.erase();
    }
    serializeHostBlocks(func);
    stageScalarLoads(func);
    // Host code must not touch what becomes device memory.
    WalkResult host = func.walk([&](Operation *op) {
      if (op->getParentOfType<gpu::LaunchOp>() || op->hasAttr(kStagedAttr))
        return WalkResult::advance();
      if (isa<memref::LoadOp, memref::StoreOp, memref::CopyOp>(op)) {
        op->emitError("not supported yet on a GPU target: this part of the "
                      "graph runs on the host (")
            << op->getName()
            << " outside a kernel), which cannot read device memory";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (host.wasInterrupted())
      return failure();

    Block &entry = func.getBody().front();
    OpBuilder b = OpBuilder::atBlockBegin(&entry);
    Location loc = func.getLoc();
    SmallVector<std::pair<Value, Value>> outputs; // host, device
    SmallVector<Value> deviceBuffers;
    // The buffers come first; then the workspace (and the stream).
    unsigned numBuffers = func.getNumArguments() - (hostArgs ? 1 : 2);
    for (unsigned i = 0; hostArgs && i < numBuffers; ++i) {
      BlockArgument arg = func.getArgument(i);
      auto type = dyn_cast<MemRefType>(arg.getType());
      if (!type || !type.hasStaticShape())
        continue;
      bool written = isWritten(arg);
      auto alloc = gpu::AllocOp::create(b, loc, type, Type(), ValueRange{},
                                        ValueRange{}, ValueRange{});
      Value device = alloc.getMemref();
      arg.replaceAllUsesExcept(device, alloc);
      if (!written)
        gpu::MemcpyOp::create(b, loc, TypeRange{}, ValueRange{}, device, arg);
      else
        outputs.push_back({arg, device});
      deviceBuffers.push_back(device);
    }
    // Constants (globals in the object, host memory) are copied to the
    // device once per call.
    SmallVector<memref::GetGlobalOp> globals;
    func.walk([&](memref::GetGlobalOp g) {
      if (!g->getParentOfType<gpu::LaunchOp>())
        globals.push_back(g);
    });
    for (memref::GetGlobalOp g : globals) {
      OpBuilder gb(g);
      gb.setInsertionPointAfter(g);
      auto alloc =
          gpu::AllocOp::create(gb, g.getLoc(), g.getType(), Type(),
                               ValueRange{}, ValueRange{}, ValueRange{});
      Value device = alloc.getMemref();
      auto copy = gpu::MemcpyOp::create(gb, g.getLoc(), TypeRange{},
                                        ValueRange{}, device, g.getResult());
      g.getResult().replaceAllUsesExcept(device, copy);
      deviceBuffers.push_back(device);
    }
    // Intermediates live on the device.
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp a) {
      if (!a->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(a);
    });
    for (memref::AllocOp a : allocs) {
      OpBuilder ab(a);
      auto alloc = gpu::AllocOp::create(ab, a.getLoc(), a.getType(), Type(),
                                        ValueRange{}, a.getDynamicSizes(),
                                        a.getSymbolOperands());
      a.replaceAllUsesWith(alloc.getMemref());
      a.erase();
    }
    SmallVector<memref::DeallocOp> deallocs;
    func.walk([&](memref::DeallocOp d) { deallocs.push_back(d); });
    for (memref::DeallocOp d : deallocs) {
      OpBuilder db(d);
      gpu::DeallocOp::create(db, d.getLoc(), TypeRange{}, ValueRange{},
                             d.getMemref());
      d.erase();
    }
    // Before each return: outputs back, device copies freed, driver errors
    // as the status.
    SmallVector<func::ReturnOp> returns;
    func.walk([&](func::ReturnOp r) { returns.push_back(r); });
    for (func::ReturnOp ret : returns) {
      OpBuilder rb(ret);
      for (auto [hostBuffer, device] : outputs)
        gpu::MemcpyOp::create(rb, ret.getLoc(), TypeRange{}, ValueRange{},
                              hostBuffer, device);
      for (Value device : deviceBuffers)
        gpu::DeallocOp::create(rb, ret.getLoc(), TypeRange{}, ValueRange{},
                               device);
      Value gpuStatus =
          func::CallOp::create(rb, ret.getLoc(), kTakeStatus,
                               TypeRange{rb.getI32Type()}, ValueRange{})
              .getResult(0);
      Value zero =
          arith::ConstantOp::create(rb, ret.getLoc(), rb.getI32IntegerAttr(0));
      Value failedCall = arith::CmpIOp::create(
          rb, ret.getLoc(), arith::CmpIPredicate::ne, gpuStatus, zero);
      Value status = arith::SelectOp::create(
          rb, ret.getLoc(), failedCall,
          arith::ConstantOp::create(rb, ret.getLoc(),
                                    rb.getI32IntegerAttr(tlc::kStatusGpuError)),
          ret.getOperand(0));
      ret->setOperands(status);
    }
    return success();
  }
};

} // namespace
