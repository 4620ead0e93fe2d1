//===- BlockEmitter.cpp - block-level GPU schedules as scf.forall ---------===//

#include "BlockEmitter.h"

#include "tlc/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace tlc;

void BlockEmitter::guarded(Value cond, function_ref<void()> body) {
  auto branch = scf::IfOp::create(b, loc, cond, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(branch.thenBlock()->getTerminator());
  body();
}

SmallVector<Value> BlockEmitter::delinearize(Value index,
                                             ArrayRef<int64_t> sizes) {
  SmallVector<Value> result(sizes.size());
  for (size_t d = sizes.size(); d-- > 0;) {
    if (d == 0) {
      result[d] = index;
      break;
    }
    result[d] = arith::RemUIOp::create(b, loc, index, cst(sizes[d]));
    index = arith::DivUIOp::create(b, loc, index, cst(sizes[d]));
  }
  return result;
}

Value BlockEmitter::tile(ArrayRef<int64_t> shape, Type element) {
  if (onHost)
    return memref::AllocOp::create(b, loc, MemRefType::get(shape, element));
  auto space =
      gpu::AddressSpaceAttr::get(b.getContext(), gpu::AddressSpace::Workgroup);
  return memref::AllocOp::create(
      b, loc,
      MemRefType::get(shape, element, MemRefLayoutAttrInterface(), space));
}

SmallVector<Value> BlockEmitter::openGrid(ArrayRef<int64_t> extents,
                                          function_ref<void()> makeTiles) {
  SmallVector<Value> ids;
  if (onHost) {
    // One block after another (OpenMP would otherwise run blocks at once on
    // the same tiles), with the tiles allocated once, where the memory plan
    // puts them in the workspace.
    makeTiles();
    for (int64_t extent : extents) {
      auto loop = scf::ForOp::create(b, loc, cst(0), cst(extent), cst(1));
      b.setInsertionPoint(loop.getBody()->getTerminator());
      ids.push_back(loop.getInductionVar());
    }
    return ids;
  }
  MLIRContext *ctx = b.getContext();
  gpu::MappingId dims[3] = {gpu::MappingId::DimZ, gpu::MappingId::DimY,
                            gpu::MappingId::DimX};
  SmallVector<Attribute> mapping;
  SmallVector<OpFoldResult> sizes;
  for (auto [i, extent] : llvm::enumerate(extents)) {
    mapping.push_back(
        gpu::GPUBlockMappingAttr::get(ctx, dims[3 - extents.size() + i]));
    sizes.push_back(b.getIndexAttr(extent));
  }
  auto grid = scf::ForallOp::create(b, loc, sizes, ValueRange(),
                                    b.getArrayAttr(mapping));
  grid->setAttr(kGpuGridAttrName,
                b.getDenseI64ArrayAttr({threadsX, threadsY, 1}));
  b.setInsertionPoint(grid.getBody()->getTerminator());
  ids.assign(grid.getInductionVars().begin(), grid.getInductionVars().end());
  makeTiles();
  return ids;
}

void BlockEmitter::phase(function_ref<void(Value, Value)> body) {
  MLIRContext *ctx = b.getContext();
  auto mapping = b.getArrayAttr(
      {gpu::GPUThreadMappingAttr::get(ctx, gpu::MappingId::DimY),
       gpu::GPUThreadMappingAttr::get(ctx, gpu::MappingId::DimX)});
  auto forall =
      scf::ForallOp::create(b, loc,
                            ArrayRef<OpFoldResult>{b.getIndexAttr(threadsY),
                                                   b.getIndexAttr(threadsX)},
                            ValueRange(), mapping);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getBody()->getTerminator());
  body(forall.getInductionVar(0), forall.getInductionVar(1));
}
