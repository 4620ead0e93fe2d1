//===- Fuse.cpp - group elementwise maps with their contractions ----------===//
//
// tl-fuse decides which ops are computed together; tl-to-linalg turns each
// group (a tl.fused op) into one loop nest. Groups never recompute a
// contraction or a reduction, and a value that is read outside its group is
// one of the group's results (computed once, stored once).
//
//===----------------------------------------------------------------------===//

#include "tlc/Dialect/TL/IR/EinsumSpec.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Dialect/TL/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <map>

namespace tlc::tl {
#define GEN_PASS_DEF_TLFUSE
#include "tlc/Dialect/TL/Transforms/Passes.h.inc"
} // namespace tlc::tl

using namespace mlir;
using namespace tlc;
using namespace tlc::tl;

namespace {

/// A contraction that can head a group: an einsum, or a reduction that
/// lowers to one reduction loop nest (plus, for mean, an elementwise
/// division, which becomes part of the epilogue).
bool isContraction(Operation *op) {
  if (isa<EinsumOp>(op))
    return true;
  if (auto r = dyn_cast<ReduceOp>(op))
    return r.getKind() != ReduceKind::logsumexp;
  return false;
}

/// Functions cheap enough to recompute for every point of a contraction's
/// loop nest when their result feeds an operand that does not span all the
/// loops (a prologue on a matrix operand of a matrix product is evaluated
/// once per column of the other operand).
bool isCheap(MapFn fn) {
  switch (fn) {
  case MapFn::sigmoid:
  case MapFn::tanh:
  case MapFn::exp:
  case MapFn::log:
  case MapFn::sqrt:
  case MapFn::pow:
  case MapFn::div:
    return false;
  default:
    return true;
  }
}

/// Whether every operand of `map` that is `v` is read elementwise: its
/// index letters are a permutation of the result's (no broadcast), so each
/// element of `v` is read at exactly one point of the map's loop nest.
bool readsElementwise(MapOp map, Value v) {
  std::string error;
  std::optional<EinsumProblem> p = bindMap(map, error);
  if (!p)
    return false;
  unsigned rank = p->loopSizes.size();
  for (auto [i, operand] : llvm::enumerate(map.getInputs())) {
    if (operand != v)
      continue;
    const std::vector<int> &loops = p->inputLoops[i];
    if (loops.size() != rank)
      return false;
    llvm::SmallBitVector seen(rank);
    for (int l : loops) {
      if (l < 0 || seen.test(l))
        return false;
      seen.set(l);
    }
  }
  return true;
}

/// Whether every operand of the contraction `op` spans all of its loops, so
/// that a map producing an operand is evaluated once per element.
bool spansAllLoops(Operation *op) {
  if (isa<ReduceOp>(op))
    return true;
  std::string error;
  std::optional<EinsumProblem> p = bindEinsum(cast<EinsumOp>(op), error);
  if (!p)
    return false;
  for (const std::vector<int> &loops : p->inputLoops) {
    llvm::SmallBitVector seen(p->loopSizes.size());
    for (int l : loops)
      if (l >= 0)
        seen.set(l);
    if (!seen.all())
      return false;
  }
  return true;
}

/// Whether the contraction's reduced loops are its innermost ones, so that
/// the epilogue can follow each point's reduction without reordering the
/// loop nest: always for an einsum (its result letters come first), for a
/// reduction when its axes are the trailing dimensions.
bool reducesInnermost(Operation *op) {
  auto r = dyn_cast<ReduceOp>(op);
  if (!r)
    return true;
  SmallVector<int64_t> axes(r.getAxes());
  llvm::sort(axes);
  int64_t rank = r.getInput().getType().getRank();
  for (auto [i, a] : llvm::enumerate(axes))
    if (a != rank - (int64_t)axes.size() + (int64_t)i)
      return false;
  return true;
}

/// A group being formed, with what tells in constant time whether it can
/// become one op placed at its last member: no value of the group may be
/// read outside it before that point. (That also makes the group convex: a
/// path that leaves the group and comes back starts with such a read.)
struct Group {
  llvm::SetVector<Operation *> ops;
  /// Position of the last member in the block.
  unsigned last = 0;
  /// Positions of the ops outside the group that read its values, with the
  /// number of reads.
  std::map<unsigned, unsigned> readers;

  bool contains(Operation *op) const { return ops.contains(op); }
  size_t size() const { return ops.size(); }
  Operation *operator[](size_t i) const { return ops[i]; }
};

struct Grouper {
  Grouper(Block &block, bool prologue, bool epilogue, bool elementwise,
          unsigned maxOps)
      : block(block), prologue(prologue), epilogue(epilogue),
        elementwise(elementwise), maxOps(maxOps) {
    for (Operation &op : block)
      position[&op] = position.size();
  }

  Block &block;
  bool prologue, epilogue, elementwise;
  unsigned maxOps;
  llvm::DenseMap<Operation *, unsigned> position;
  /// The ops in some group.
  llvm::DenseSet<Operation *> grouped;
  std::vector<llvm::SetVector<Operation *>> groups;

  /// The op of `block` that is or contains the owner of `use`.
  Operation *userInBlock(OpOperand &use) {
    return block.findAncestorOpInBlock(*use.getOwner());
  }

  /// A map of this block that is in no group yet.
  MapOp freeMap(Value v) {
    auto map = v.getDefiningOp<MapOp>();
    if (!map || map->getBlock() != &block || grouped.contains(map))
      return {};
    return map;
  }

  /// Adds `op` to `group` if the group stays placeable and within the size
  /// bound (which keeps the lowering's fusion, quadratic in the size of a
  /// group, cheap).
  bool tryAdd(Group &group, Operation *op) {
    if (group.size() >= maxOps)
      return false;
    unsigned at = position.lookup(op);
    // Reads of group values by `op` become internal; reads of `op`'s
    // results by ops outside become external.
    SmallVector<unsigned> internal, external;
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp(); def && group.contains(def))
        internal.push_back(at);
    for (OpOperand &use : op->getUses())
      if (Operation *user = userInBlock(use);
          user != op && !group.contains(user))
        external.push_back(position.lookup(user));
    for (unsigned p : internal)
      if (--group.readers[p] == 0)
        group.readers.erase(p);
    for (unsigned p : external)
      ++group.readers[p];
    unsigned last = group.ops.empty() ? at : std::max(group.last, at);
    if (group.readers.empty() || group.readers.begin()->first > last) {
      group.ops.insert(op);
      group.last = last;
      return true;
    }
    for (unsigned p : external)
      if (--group.readers[p] == 0)
        group.readers.erase(p);
    for (unsigned p : internal)
      ++group.readers[p];
    return false;
  }

  /// Whether all uses of `v` are by ops of `group`.
  bool usedOnlyIn(Value v, const Group &group) {
    return llvm::all_of(v.getUses(), [&](OpOperand &use) {
      return group.contains(userInBlock(use));
    });
  }

  /// Grows `group` by elementwise maps around the maps in it, starting from
  /// `from` (an index into the group): producers that the group reads
  /// elementwise, and, if `consumers`, maps that read a group value
  /// elementwise. Values used outside become results. Ops in `frozen` (a
  /// contraction and its prologue) neither grow nor read what is added: a
  /// value read by both the contraction and its epilogue would have to be
  /// computed twice or stored.
  void growElementwise(Group &group, size_t from, bool consumers,
                       const llvm::SmallPtrSetImpl<Operation *> &frozen) {
    for (size_t i = from; i < group.size(); ++i) {
      auto map = dyn_cast<MapOp>(group[i]);
      if (!map || frozen.contains(map))
        continue;
      for (Value v : map.getInputs()) {
        MapOp producer = freeMap(v);
        if (producer && !group.contains(producer) && readsElementwise(map, v) &&
            llvm::none_of(producer->getUsers(),
                          [&](Operation *u) { return frozen.contains(u); }))
          tryAdd(group, producer);
      }
      if (!consumers)
        continue;
      for (Operation *user : map->getUsers()) {
        auto consumer = dyn_cast<MapOp>(user);
        if (consumer && consumer->getBlock() == &block &&
            !grouped.contains(consumer) && !group.contains(consumer) &&
            readsElementwise(consumer, map.getResult()))
          tryAdd(group, consumer);
      }
    }
  }

  /// A contraction with its epilogue (maps reading its result elementwise,
  /// when nothing else reads it) and its prologue (maps whose results only
  /// it reads).
  void formContractionGroup(Operation *contraction) {
    Group group;
    tryAdd(group, contraction);
    llvm::SmallPtrSet<Operation *, 8> prologueOps;

    if (prologue) {
      // Producers of the operands, and the maps they read elementwise, that
      // only the group reads. Where an operand does not span all loops its
      // maps are evaluated once per point of the loop nest, so they must
      // be cheap.
      bool once = spansAllLoops(contraction);
      SmallVector<MapOp> worklist;
      for (Value v : contraction->getOperands())
        if (MapOp producer = freeMap(v))
          worklist.push_back(producer);
      // Consumers come before their producers in the worklist (breadth
      // first from the contraction), so a map is considered once all the
      // group's readers of it may be in.
      for (size_t i = 0; i < worklist.size(); ++i) {
        MapOp map = worklist[i];
        if (group.contains(map) || (!once && !isCheap(map.getFn())) ||
            !usedOnlyIn(map.getResult(), group) || !tryAdd(group, map))
          continue;
        prologueOps.insert(map);
        for (Value in : map.getInputs())
          if (MapOp p = freeMap(in); p && readsElementwise(map, in))
            worklist.push_back(p);
      }
    }

    if (epilogue && reducesInnermost(contraction)) {
      // The chain of maps reading the result elementwise, each the only
      // reader of the value before it.
      Value v = contraction->getResult(0);
      size_t first = group.size();
      while (!v.use_empty()) {
        Operation *user = *v.getUsers().begin();
        bool single =
            llvm::all_of(v.getUsers(), [&](Operation *u) { return u == user; });
        auto map = dyn_cast<MapOp>(user);
        if (!single || !map || map->getBlock() != &block ||
            grouped.contains(map) || group.contains(map) ||
            !readsElementwise(map, v) || !tryAdd(group, map))
          break;
        v = map.getResult();
      }
      // Elementwise producers of the epilogue's other operands (a computed
      // mask or bias), and further elementwise consumers.
      prologueOps.insert(contraction);
      if (group.size() > first)
        growElementwise(group, first, /*consumers=*/true, prologueOps);
    }

    if (group.size() > 1)
      addGroup(group);
  }

  void addGroup(const Group &group) {
    grouped.insert(group.ops.begin(), group.ops.end());
    groups.push_back(group.ops);
  }

  void run() {
    for (Operation &op : block)
      if (isContraction(&op) && !grouped.contains(&op))
        formContractionGroup(&op);
    if (!elementwise)
      return;
    // Trees of maps, consumers first.
    SmallVector<MapOp> maps;
    for (Operation &op : block)
      if (auto map = dyn_cast<MapOp>(op))
        maps.push_back(map);
    llvm::SmallPtrSet<Operation *, 1> none;
    for (MapOp map : llvm::reverse(maps)) {
      if (grouped.contains(map))
        continue;
      Group group;
      tryAdd(group, map);
      growElementwise(group, 0, /*consumers=*/true, none);
      if (group.size() > 1)
        addGroup(group);
    }
  }
};

/// Replaces the ops of `group` (in one block, placeable at its last op) by
/// a tl.fused op.
void outline(const llvm::SetVector<Operation *> &group) {
  SmallVector<Operation *> ops(group.begin(), group.end());
  llvm::sort(ops,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  Block *block = ops.front()->getBlock();
  auto inGroup = [&](Operation *user) {
    return group.contains(block->findAncestorOpInBlock(*user));
  };
  // Splat constants are copied into the body, where the lowering folds
  // them into scalars; other values from outside are operands.
  auto isSplat = [](Value v) {
    auto constant = v.getDefiningOp<ConstantOp>();
    auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                          : DenseElementsAttr();
    return dense && dense.isSplat();
  };
  llvm::SetVector<Value> inputs, splats;
  SmallVector<Value> results;
  SmallVector<Location> locs;
  for (Operation *op : ops) {
    locs.push_back(op->getLoc());
    for (Value v : op->getOperands()) {
      Operation *def = v.getDefiningOp();
      if (def && group.contains(def))
        continue;
      if (isSplat(v))
        splats.insert(v);
      else
        inputs.insert(v);
    }
    for (Value r : op->getResults())
      if (llvm::any_of(r.getUsers(), [&](Operation *u) { return !inGroup(u); }))
        results.push_back(r);
  }
  MLIRContext *ctx = ops.front()->getContext();
  OpBuilder b(ops.back());
  auto fused =
      FusedOp::create(b, FusedLoc::get(ctx, locs),
                      ValueRange(results).getTypes(), inputs.getArrayRef());
  Block *body = new Block();
  fused.getBody().push_back(body);
  for (auto [k, r] : llvm::enumerate(results))
    r.replaceUsesWithIf(fused.getResult(k), [&](OpOperand &use) {
      return !inGroup(use.getOwner());
    });
  for (Operation *op : ops)
    op->moveBefore(body, body->end());
  b.setInsertionPointToEnd(body);
  YieldOp::create(b, fused.getLoc(), results);
  for (Value v : inputs) {
    BlockArgument arg = body->addArgument(v.getType(), v.getLoc());
    v.replaceUsesWithIf(arg, [&](OpOperand &use) {
      return use.getOwner()->getParentOp() == fused;
    });
  }
  b.setInsertionPointToStart(body);
  for (Value v : splats) {
    Value copy = b.clone(*v.getDefiningOp())->getResult(0);
    v.replaceUsesWithIf(copy, [&](OpOperand &use) {
      return use.getOwner()->getParentOp() == fused;
    });
    if (v.use_empty())
      v.getDefiningOp()->erase();
  }
}

struct TLFusePass : tl::impl::TLFuseBase<TLFusePass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(tlc::tl::requireStaticShapes(getOperation(), getArgument())))
      return signalPassFailure();
    // Function bodies and fixpoint bodies (not the bodies of earlier
    // groups).
    SmallVector<Block *> blocks;
    getOperation()->walk([&](Operation *op) {
      if (isa<func::FuncOp, FixpointOp>(op))
        for (Region &r : op->getRegions())
          for (Block &b : r)
            blocks.push_back(&b);
    });
    for (Block *block : blocks) {
      Grouper g(*block, prologue, epilogue, elementwise, maxOps);
      g.run();
      for (const llvm::SetVector<Operation *> &group : g.groups)
        outline(group);
    }
  }
};

} // namespace
