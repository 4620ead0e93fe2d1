//===- EntryPoints.cpp - entry points and the C header --------------------===//

#include "tlc/Conversion/Passes.h"
#include "tlc/Dialect/TL/IR/TL.h"
#include "tlc/Support/HostTensor.h"
#include "tlc/Target/Target.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"


using namespace mlir;
using namespace tlc;

static LogicalResult checkTensorType(Operation *op, Type type,
                                     const Twine &what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape() ||
      !tl::isSupportedElementType(tensor.getElementType()))
    return op->emitError() << what << " has type " << type
                           << "; entry points take and return statically "
                              "shaped tensors of f32, f64, i32, i64 or i1";
  return success();
}

FailureOr<std::vector<EntryPoint>>
tlc::collectEntryPoints(ModuleOp module, StringRef prefix) {
  std::vector<func::FuncOp> funcs;
  for (Operation &op : module.getBody()->getOperations()) {
    auto func = dyn_cast<func::FuncOp>(op);
    if (!func)
      return op.emitError() << "'" << op.getName()
                            << "' is not supported at module level; tlc "
                               "compiles modules of func.func entry points";
    if (func.isExternal() || !func.isPublic())
      return func.emitError() << "function '@" << func.getSymName()
                              << "' must be a public definition: every "
                                 "function of a tl module is an entry point";
    funcs.push_back(func);
  }
  if (funcs.empty())
    return module.emitError() << "no entry point: the module has no func.func";

  std::vector<EntryPoint> entries;
  llvm::StringSet<> symbols;
  for (func::FuncOp func : funcs) {
    EntryPoint entry;
    entry.funcName = func.getSymName().str();
    entry.symbolBase =
        entrySymbolBase(prefix, func.getSymName(), funcs.size());
    if (!symbols.insert(entry.symbolBase).second)
      return func.emitError() << "two entry points map to the C symbol '"
                              << entry.symbolBase << "_run'";
    llvm::StringSet<> names;
    auto addTensor = [&](std::vector<EntryPoint::Tensor> &list, Type type,
                         StringAttr nameAttr, const std::string &fallback,
                         const Twine &what) -> LogicalResult {
      if (failed(checkTensorType(func, type, what)))
        return failure();
      std::string name =
          nameAttr ? cIdentifier(nameAttr.getValue()) : fallback;
      if (!names.insert(name).second)
        return func.emitError() << "two tensors of '@" << func.getSymName()
                                << "' are named '" << name << "'";
      list.push_back({name, cast<RankedTensorType>(type)});
      return success();
    };
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
      if (failed(addTensor(entry.inputs, func.getArgument(i).getType(),
                           func.getArgAttrOfType<StringAttr>(i, "tl.name"),
                           "in" + std::to_string(i),
                           "argument #" + Twine(i) + " of '@" +
                               func.getSymName() + "'")))
        return failure();
      entry.inputs.back().batched =
          bool(func.getArgAttr(i, tl::kBatchedAttrName));
    }
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i) {
      Type type = func.getResultTypes()[i];
      if (Attribute status = func.getResultAttr(i, tl::kStatusAttrName)) {
        auto tensor = dyn_cast<RankedTensorType>(type);
        if (!isa<UnitAttr>(status))
          return func.emitError()
                 << "result #" << i << " of '@" << func.getSymName() << "': '"
                 << tl::kStatusAttrName
                 << "' is a unit attribute (no value), got " << status;
        if (!tensor || tensor.getRank() != 0 ||
            !tensor.getElementType().isInteger(1))
          return func.emitError()
                 << "result #" << i << " of '@" << func.getSymName()
                 << "' is marked '" << tl::kStatusAttrName << "' but has type "
                 << type
                 << "; the status is a tensor<i1>, such as the convergence "
                    "flag of a tl.fixpoint";
        if (entry.statusResult)
          return func.emitError()
                 << "results #" << *entry.statusResult << " and #" << i
                 << " of '@" << func.getSymName() << "' are both marked '"
                 << tl::kStatusAttrName
                 << "'; an entry point has at most one status (combine the "
                    "flags with tl.map \"and\")";
        entry.statusResult = i;
        continue;
      }
      if (failed(addTensor(entry.outputs, type,
                           func.getResultAttrOfType<StringAttr>(i, "tl.name"),
                           "out" + std::to_string(entry.outputs.size()),
                           "result #" + Twine(i) + " of '@" +
                               func.getSymName() + "'")))
        return failure();
      entry.outputs.back().batched =
          bool(func.getResultAttr(i, tl::kBatchedAttrName));
    }
    if (entry.outputs.empty())
      return func.emitError() << "entry point '@" << func.getSymName()
                              << "' has no results, so there is nothing to "
                                 "compute";
    if (!func.getBody().hasOneBlock())
      return func.emitError() << "entry point '@" << func.getSymName()
                              << "' must have a single block";
    for (Operation &op : func.getBody().front()) {
      if (isa<func::ReturnOp>(op) || isa<tl::TLDialect>(op.getDialect()))
        continue;
      return op.emitError() << "'" << op.getName()
                            << "' is not supported by tlc: entry point "
                               "bodies hold tl ops";
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

static const char *cTypeOf(Type elt) {
  if (elt.isF32())
    return "float";
  if (elt.isF64())
    return "double";
  if (elt.isInteger(1))
    return "uint8_t";
  if (elt.isSignlessInteger(32))
    return "int32_t";
  return "int64_t";
}

static const char *dtypeMacroOf(Type elt) {
  if (elt.isF32())
    return "TLC_DTYPE_F32";
  if (elt.isF64())
    return "TLC_DTYPE_F64";
  if (elt.isInteger(1))
    return "TLC_DTYPE_BOOL";
  if (elt.isSignlessInteger(32))
    return "TLC_DTYPE_I32";
  return "TLC_DTYPE_I64";
}

/// The shape the header shows: -1 for the batch dimension.
static SmallVector<int64_t> headerShape(const EntryPoint::Tensor &t) {
  SmallVector<int64_t> shape(t.type.getShape());
  if (t.batched)
    shape[0] = -1;
  return shape;
}

/// Elements of the tensor, or of one batch row of a batched one.
static int64_t headerNumel(const EntryPoint::Tensor &t) {
  int64_t n = 1;
  for (int64_t d : headerShape(t))
    n *= d < 0 ? 1 : d;
  return n;
}

static std::string typeText(const EntryPoint::Tensor &t) {
  std::string s = tl::elementTypeName(t.type.getElementType()).str() + "[";
  for (auto [i, d] : llvm::enumerate(headerShape(t)))
    s += (i ? ", " : "") + (d < 0 ? std::string("?") : std::to_string(d));
  return s + "]";
}

static std::string upper(StringRef s) { return s.upper(); }

/// NAME_run and friends of an entry point with a batch dimension
/// (tl-batch-entries builds them).
static void writeBatchedDeclarations(raw_ostream &os, const EntryPoint &e) {
  std::string base = e.symbolBase, ub = upper(base);
  os << "/* The first dimension of the tensors shown with '?' (shape -1 below; "
        "their\n   _NUMEL and size_bytes are per batch row) is the batch "
        "size, given at run\n   time. */\n#define "
     << ub << "_BATCHED 1\n"
     << "\n/* Bytes of scratch memory " << base
     << "_run needs for `batch` rows. */\n"
     << "size_t " << base << "_workspace_size(int64_t batch);\n"
     << "/* Reads the inputs and writes the outputs for `batch` rows: "
        "caller-owned\n   dense C-order buffers that do not overlap. "
        "workspace: workspace_bytes >=\n   "
     << base << "_workspace_size(batch) bytes. Returns 0 on success, 2 if "
     << "workspace\n   is NULL but needed, 3 if batch < 1, 4 if "
        "workspace_bytes is too small\n   (with libtlrt linked, "
        "tlrt_last_error() then says why)"
     << (e.statusResult ? ", 1 if a fixpoint did not\n   converge (the "
                          "outputs are still written in full)"
                        : "")
     << ". */\n"
     << "int32_t " << base << "_run(int64_t batch, ";
  for (const auto &t : e.inputs)
    os << "const " << cTypeOf(t.type.getElementType()) << " *" << t.name
       << ", ";
  for (const auto &t : e.outputs)
    os << cTypeOf(t.type.getElementType()) << " *" << t.name << ", ";
  os << "void *workspace,\n    size_t workspace_bytes);\n"
     << "/* The same with args[] = {&batch (int64_t *), inputs..., "
        "outputs...,\n   workspace, &workspace_bytes (int64_t *)}. */\n"
     << "int32_t " << base << "_run_packed(void **args);\n\n";
}

std::string tlc::generateCHeader(ArrayRef<EntryPoint> entries,
                                 StringRef guardName, bool usesOpenMP,
                                 bool profiled, StringRef gpuChip) {
  std::string out;
  llvm::raw_string_ostream os(out);
  std::string guard = "TLC_" + upper(cIdentifier(guardName)) + "_H";
  os << "/* Generated by tlc. Do not edit. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  if (usesOpenMP)
    os << "/* The object runs large contractions on threads through LLVM's "
          "OpenMP\n   runtime: link with -lomp (Debian: -L/usr/lib/llvm-22/lib "
          "-lomp).\n   OMP_NUM_THREADS or TLRT_NUM_THREADS (with libtlrt) sets "
          "the count. */\n#define TLC_"
       << upper(cIdentifier(guardName)) << "_USES_OPENMP 1\n\n";
  if (!gpuChip.empty())
    os << "/* Compiled for " << gpuChip
       << ": NAME_run copies the inputs to the GPU, runs the kernels and "
          "copies\n   the outputs back, through libtlrt's CUDA launch runtime: "
          "link with -ltlrt\n   (it opens the NVIDIA driver, libcuda.so.1, at "
          "run time). Status 5: a driver\n   call failed, or there is no "
          "driver; tlrt_last_error() says which. */\n#define TLC_"
       << upper(cIdentifier(guardName)) << "_GPU 1\n\n";
  if (profiled)
    os << "/* Compiled with --profile: every kernel calls libtlrt's profiling "
          "hooks.\n   Link with -ltlrt; see tlrt.h (tlrt_profile_report, "
          "TLRT_PROFILE). */\n#define TLC_"
       << upper(cIdentifier(guardName)) << "_PROFILED 1\n\n";
  os
     << "#include <stddef.h>\n#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "#ifndef TLC_TENSOR_INFO_DEFINED\n#define TLC_TENSOR_INFO_DEFINED\n"
     << "/* Element types; Booleans are one byte holding 0 or 1. */\n"
     << "enum {\n  TLC_DTYPE_F32 = 0,\n  TLC_DTYPE_F64 = 1,\n"
     << "  TLC_DTYPE_I32 = 2,\n  TLC_DTYPE_I64 = 3,\n  TLC_DTYPE_BOOL = 4\n};\n"
     << "/* One input or output of an entry point (dense, C order). */\n"
     << "typedef struct tlc_tensor_info {\n  const char *name;\n"
     << "  int dtype;\n  const char *dtype_name;\n  int rank;\n"
     << "  const int64_t *shape;\n  int64_t num_elements;\n"
     << "  size_t size_bytes;\n} tlc_tensor_info;\n"
     << "#if defined(__GNUC__)\n#define TLC_UNUSED __attribute__((unused))\n"
     << "#else\n#define TLC_UNUSED\n#endif\n"
     << "/* libtlrt's batch runner (tlrt.h), used by NAME_run_batch. */\n"
     << "int32_t tlrt_run_batch(int32_t (*fn)(void **), int num_inputs,\n"
     << "    int num_outputs, size_t workspace_size, int64_t n,\n"
     << "    const void *const *inputs, void *const *outputs, void "
        "*workspace,\n    int32_t *statuses);\n"
     << "size_t tlrt_batch_workspace_size(size_t workspace_size, int64_t "
        "n);\n#endif\n";

  for (const EntryPoint &e : entries) {
    std::string base = e.symbolBase, ub = upper(base);
    os << "\n/* Entry point '" << e.funcName << "': ";
    auto list = [&](ArrayRef<EntryPoint::Tensor> ts) {
      for (auto [i, t] : llvm::enumerate(ts))
        os << (i ? ", " : "") << t.name << " : " << typeText(t);
    };
    list(e.inputs);
    os << " -> ";
    list(e.outputs);
    if (e.statusResult)
      os << "; status: 1 if a fixpoint does not converge";
    os << " */\n";
    os << "#define " << ub << "_NUM_INPUTS " << e.inputs.size() << "\n"
       << "#define " << ub << "_NUM_OUTPUTS " << e.outputs.size() << "\n";
    auto macros = [&](ArrayRef<EntryPoint::Tensor> ts, StringRef kind) {
      for (auto [i, t] : llvm::enumerate(ts)) {
        std::string m = ub + "_" + kind.str() + std::to_string(i);
        Type elt = t.type.getElementType();
        os << "#define " << m << "_NAME \"" << t.name << "\"\n"
           << "#define " << m << "_DTYPE " << dtypeMacroOf(elt) << "\n"
           << "#define " << m << "_RANK " << t.type.getRank() << "\n"
           << "#define " << m << "_SHAPE {";
        for (auto [j, d] : llvm::enumerate(headerShape(t)))
          os << (j ? ", " : "") << d;
        os << "}\n#define " << m << "_NUMEL " << headerNumel(t) << "\n";
      }
    };
    macros(e.inputs, "IN");
    macros(e.outputs, "OUT");
    if (e.batched()) {
      writeBatchedDeclarations(os, e);
    } else {
    os << "\n/* Bytes of scratch memory " << base
         << "_run needs (from the memory plan). */\n"
         << "size_t " << base << "_workspace_size(void);\n"
         << "/* Reads the inputs and writes the outputs: caller-owned dense "
            "C-order\n   buffers that do not overlap. workspace: "
         << base << "_workspace_size() bytes (64-byte\n"
         << "   alignment is fastest; NULL only where the size is 0). Returns 0 "
            "on\n   success"
         << (e.statusResult
                 ? ", 1 if a fixpoint did not\n   converge within its "
                   "max_iterations (the outputs then hold its last\n   "
                   "iterate), or 2 if workspace is NULL but needed"
                 : ", or 2 if workspace is NULL but needed")
         << ". */\n"
         << "int32_t " << base << "_run(";
      for (const auto &t : e.inputs)
        os << "const " << cTypeOf(t.type.getElementType()) << " *" << t.name
           << ", ";
      for (const auto &t : e.outputs)
        os << cTypeOf(t.type.getElementType()) << " *" << t.name << ", ";
      os << "void *workspace);\n"
         << "/* The same with args[] = {inputs..., outputs..., workspace}. */\n"
         << "int32_t " << base << "_run_packed(void **args);\n";
      if (!gpuChip.empty()) {
        os << "/* The same on device buffers (CUdeviceptr values), with "
              "the copies left\n   out, on `stream` (a CUstream; it waits "
              "for the stream before returning). */\n"
           << "int32_t " << base << "_run_device(";
        for (const auto &t : e.inputs)
          os << "const " << cTypeOf(t.type.getElementType()) << " *"
             << t.name << ", ";
        for (const auto &t : e.outputs)
          os << cTypeOf(t.type.getElementType()) << " *" << t.name << ", ";
        os << "void *workspace,\n    void *stream);\n";
      }
      os
         << "/* Runs n independent requests across libtlrt's threads (link "
            "with -ltlrt):\n   request i reads inputs[i * "
         << ub << "_NUM_INPUTS + k], writes\n   outputs[i * " << ub
         << "_NUM_OUTPUTS + k] and uses the i-th of n workspace slices\n   "
            "(tlrt_batch_workspace_size("
         << base << "_workspace_size(), n) bytes in all).\n   statuses (may "
            "be NULL) gets each request's status. Returns 0 when all\n   "
            "returned 0, else the first nonzero status (see tlrt.h, "
            "tlrt_run_batch). */\n"
         << "static inline int32_t " << base
         << "_run_batch(int64_t n, const void *const *inputs,\n    void "
            "*const *outputs, void *workspace, int32_t *statuses) {\n"
         << "  return tlrt_run_batch(" << base << "_run_packed, " << ub
         << "_NUM_INPUTS, " << ub << "_NUM_OUTPUTS,\n      " << base
         << "_workspace_size(), n, inputs, outputs, workspace, statuses);\n}\n\n";
    }
    auto table = [&](ArrayRef<EntryPoint::Tensor> ts, StringRef kind) {
      for (auto [i, t] : llvm::enumerate(ts)) {
        os << "static const int64_t " << base << "_" << kind << i
           << "_shape[] TLC_UNUSED = {";
        for (auto [j, d] : llvm::enumerate(headerShape(t)))
          os << (j ? ", " : "") << d;
        if (t.type.getRank() == 0)
          os << "0 /* rank 0 */";
        os << "};\n";
      }
      os << "static const tlc_tensor_info " << base << "_" << kind
         << "puts[] TLC_UNUSED = {\n";
      for (auto [i, t] : llvm::enumerate(ts)) {
        Type elt = t.type.getElementType();
        DType dt = *dtypeOf(elt);
        os << "  {\"" << t.name << "\", " << dtypeMacroOf(elt) << ", \""
           << dtypeName(dt) << "\", " << t.type.getRank() << ", " << base
           << "_" << kind << i << "_shape, " << headerNumel(t) << ", "
           << headerNumel(t) * dtypeSize(dt) << "},\n";
      }
      os << "};\n";
    };
    table(e.inputs, "in");
    table(e.outputs, "out");
  }
  os << "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return out;
}
