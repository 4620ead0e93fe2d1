//===- ParallelObject.cpp - an object file compiled in parts on threads ---===//
//
// LLVM optimizes and generates code one function after another. A graph
// of ten parallel regions (attention) spent two thirds of its compile time
// there, on one core. Here the module's functions are split into parts,
// each part is optimized and compiled in its own LLVMContext on its own
// thread, and the parts' objects are joined into one with the system's
// `ld -r`.
//
// Why not upstream's helpers: llvm::SplitModule externalizes every local
// it must share and names the unnamed ones `__llvmsplit_unnamed`, so two
// tlc objects linked into one program would define the same hidden
// symbols; it also balances parts by name hash, not size. splitCodeGen
// (ParallelCG) leaves one object per part and no way to join them.
//
//===----------------------------------------------------------------------===//

#include "tlc/Target/Target.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <thread>

using namespace tlc;
using namespace llvm;

namespace {
/// A module whose parts but the largest hold fewer IR instructions than
/// this is compiled whole: splitting, a thread and the linker cost about
/// 5 ms, what LLVM spends on that much code (the Booleans' 164 moved
/// instructions compiled 2 ms slower split; the attention scores' 444, 5
/// ms faster).
constexpr size_t kMinMovedInstructions = 400;

/// The functions whose code uses `value`, through constant expressions;
/// `shared` is set where a global variable's initializer uses it.
void collectUsers(const Value *value, SmallPtrSetImpl<const Function *> &users,
                  bool &shared) {
  for (const User *user : value->users()) {
    if (const auto *inst = dyn_cast<Instruction>(user))
      users.insert(inst->getFunction());
    else if (isa<GlobalValue>(user))
      shared = true;
    else
      collectUsers(user, users, shared);
  }
}

/// Why `module` cannot be split, or empty: it has state or special globals
/// that one part alone must define (mutable locals, constructors, aliases).
std::string unsplittable(const Module &module) {
  for (const GlobalVariable &global : module.globals()) {
    if (global.hasAppendingLinkage())
      return "it has " + global.getName().str();
    if (global.hasLocalLinkage() && !global.isConstant())
      return "it has mutable internal globals";
  }
  if (!module.aliases().empty() || !module.ifuncs().empty())
    return "it has aliases";
  return "";
}

/// Optimizes `module` and writes its object code to `os`, with a target
/// machine of its own (one per thread).
Error compileModule(Module &module, const TargetSpec &spec, unsigned optLevel,
                    raw_pwrite_stream &os) {
  auto tm = createTargetMachine(spec, optLevel);
  if (!tm)
    return tm.takeError();
  optimizeLLVMIR(module, **tm, optLevel);
  return emitMachineCode(module, **tm, /*assembly=*/false, os);
}

/// Optimizes and compiles one part, given as bitcode, in its own context
/// into `object`; an error message, or empty.
std::string compilePart(StringRef bitcode, const TargetSpec &spec,
                        unsigned optLevel, SmallVectorImpl<char> &object) {
  LLVMContext ctx;
  Expected<std::unique_ptr<Module>> module =
      parseBitcodeFile(MemoryBufferRef(bitcode, "part"), ctx);
  if (!module)
    return toString(module.takeError());
  raw_svector_ostream os(object);
  if (Error err = compileModule(**module, spec, optLevel, os))
    return toString(std::move(err));
  return "";
}

/// A temporary file, removed when this goes out of scope.
struct TempFile {
  SmallString<128> path;
  FileRemover remover;
};

Error makeTemp(TempFile &file) {
  if (std::error_code ec =
          sys::fs::createTemporaryFile("tlc-part", "o", file.path))
    return createStringError("cannot create a temporary file: " + ec.message());
  file.remover.setFile(file.path);
  return Error::success();
}
} // namespace

Expected<unsigned> tlc::emitObject(std::unique_ptr<Module> module,
                                   const TargetSpec &spec, unsigned optLevel,
                                   unsigned jobs, raw_pwrite_stream &os,
                                   std::string *whyWhole) {
  auto whole = [&](std::string why) -> Expected<unsigned> {
    if (whyWhole)
      *whyWhole = std::move(why);
    if (Error err = compileModule(*module, spec, optLevel, os))
      return std::move(err);
    return 1u;
  };
  if (jobs < 2)
    return whole("one job");

  // Functions by size, largest first; each goes to the lightest part.
  SmallVector<Function *> functions;
  size_t total = 0;
  for (Function &function : *module)
    if (!function.isDeclaration()) {
      functions.push_back(&function);
      total += function.getInstructionCount();
    }
  unsigned parts = std::min<size_t>(jobs, functions.size());
  if (parts < 2)
    return whole("one function");
  if (std::string why = unsplittable(*module); !why.empty())
    return whole(why);
  // The objects are joined by the system linker, which links this
  // machine's objects.
  Triple triple(spec.triple);
  if (triple.getArch() != Triple(sys::getProcessTriple()).getArch() ||
      !triple.isOSBinFormatELF())
    return whole("a cross-compiled target");
  ErrorOr<std::string> linker = sys::findProgramByName("ld");
  if (!linker)
    return whole("no `ld` on PATH to join the parts");

  llvm::stable_sort(functions, [](const Function *a, const Function *b) {
    return a->getInstructionCount() > b->getInstructionCount();
  });
  DenseMap<const Function *, unsigned> partOf;
  SmallVector<size_t> load(parts, 0);
  for (Function *function : functions) {
    unsigned lightest =
        std::min_element(load.begin(), load.end()) - load.begin();
    partOf[function] = lightest;
    load[lightest] += function->getInstructionCount();
  }

  if (total - *llvm::max_element(load) < kMinMovedInstructions)
    return whole("too little code outside its largest part");

  // The parts' objects, the joined object and the linker's messages.
  std::vector<TempFile> files(parts + 2);
  for (TempFile &file : files)
    if (Error err = makeTemp(file))
      return whole(toString(std::move(err)));
  TempFile &joined = files[parts], &log = files[parts + 1];

  // A local function used from another part becomes a hidden global, named
  // after this object's first exported function in name order, so that it
  // stays unique among the objects a program links.
  StringRef anchor;
  for (Function *function : functions)
    if (!function->hasLocalLinkage() &&
        (anchor.empty() || function->getName() < anchor))
      anchor = function->getName();
  for (Function *function : functions) {
    if (!function->hasLocalLinkage())
      continue;
    SmallPtrSet<const Function *, 8> users;
    bool shared = false;
    collectUsers(function, users, shared);
    if (!shared && llvm::all_of(users, [&](const Function *user) {
          return partOf.lookup(user) == partOf.lookup(function);
        }))
      continue;
    if (anchor.empty())
      return whole("it exports no function to name shared locals after");
    if (!function->getName().starts_with((anchor + ".").str()))
      function->setName(anchor + "." + function->getName());
    function->setLinkage(GlobalValue::ExternalLinkage);
    function->setVisibility(GlobalValue::HiddenVisibility);
  }

  // Parts 1 and up: each a module of its functions, declarations of the
  // others, a copy of every local constant, passed as bitcode to a thread
  // of its own as soon as it is cloned.
  std::vector<SmallVector<char, 0>> bitcode(parts), objects(parts);
  std::vector<std::string> errors(parts);
  std::vector<std::thread> threads;
  for (unsigned part = 1; part < parts; ++part) {
    ValueToValueMapTy map;
    std::unique_ptr<Module> clone =
        CloneModule(*module, map, [&](const GlobalValue *global) {
          if (const auto *function = dyn_cast<Function>(global))
            return partOf.lookup(function) == part;
          return global->hasLocalLinkage();
        });
    raw_svector_ostream out(bitcode[part]);
    WriteBitcodeToFile(*clone, out);
    threads.emplace_back([&, part] {
      errors[part] =
          compilePart(StringRef(bitcode[part].data(), bitcode[part].size()),
                      spec, optLevel, objects[part]);
    });
  }
  // Part 0 is the module itself, without the others' function bodies.
  for (Function *function : functions)
    if (partOf.lookup(function) != 0)
      function->deleteBody();
  raw_svector_ostream part0(objects[0]);
  if (Error err = compileModule(*module, spec, optLevel, part0))
    errors[0] = toString(std::move(err));
  for (std::thread &thread : threads)
    thread.join();
  for (const std::string &error : errors)
    if (!error.empty())
      return createStringError(error);

  // ld -r joins the parts' objects into one relocatable object.
  SmallVector<StringRef> args{*linker, "-r", "-o", joined.path};
  for (unsigned part = 0; part < parts; ++part) {
    std::error_code ec;
    raw_fd_ostream file(files[part].path, ec);
    if (ec)
      return createStringError("cannot write " + files[part].path + ": " +
                               ec.message());
    file.write(objects[part].data(), objects[part].size());
    args.push_back(files[part].path);
  }
  std::optional<StringRef> redirects[] = {std::nullopt, log.path.str(),
                                          log.path.str()};
  std::string error;
  int status =
      sys::ExecuteAndWait(*linker, args, std::nullopt, redirects, 0, 0, &error);
  ErrorOr<std::unique_ptr<MemoryBuffer>> result =
      MemoryBuffer::getFile(joined.path);
  if (status != 0 || !result) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> text =
        MemoryBuffer::getFile(log.path);
    return createStringError(
        "joining the object's parts failed (`" + *linker + " -r`" +
        (error.empty() ? "" : ": " + error) + ")" +
        (text && (*text)->getBufferSize()
             ? ":\n" + (*text)->getBuffer().rtrim().str()
             : "") +
        "\n(-j1 compiles on one thread, without the linker)");
  }
  os << (*result)->getBuffer();
  return parts;
}
