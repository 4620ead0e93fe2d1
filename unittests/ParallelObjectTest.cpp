//===- ParallelObjectTest.cpp - object files compiled in parts ------------===//

#include "tlc/Target/Target.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <map>
#include <string>

using namespace tlc;

namespace {

/// `name` as a function that sums `table` (a local constant) `n` times,
/// unrolled so that it holds about 2n instructions, and calls `callee`.
std::string bigFunction(const std::string &name, const std::string &linkage,
                        const std::string &callee, int n,
                        const std::string &attrs = "") {
  std::string body =
      "define " + linkage + " float @" + name + "(float %x) " + attrs + " {\n";
  body += "  %t = load float, ptr @table\n  %v0 = fadd float %x, %t\n";
  for (int i = 1; i < n; ++i)
    body += "  %v" + std::to_string(i) + " = fmul float %v" +
            std::to_string(i - 1) + ", %t\n";
  body += "  %r = call float @" + callee + "(float %v" + std::to_string(n - 1) +
          ")\n  ret float %r\n}\n";
  return body;
}

/// A module of two exported functions that call an internal one, which
/// lands in the other's part, and read a private constant.
std::string twoEntries(const std::string &extra = "") {
  return "target triple = \"x86_64-pc-linux-gnu\"\n"
         "@table = private constant float 2.0\n" +
         extra + bigFunction("m_run", "", "helper", 600) +
         bigFunction("m_other", "", "helper", 600) +
         bigFunction("helper", "internal", "sqrtf", 500, "noinline") +
         "declare float @sqrtf(float)\n";
}

struct Compiled {
  llvm::Expected<unsigned> parts;
  std::string whyWhole;
  std::string object;
};

Compiled compile(const std::string &ir, unsigned jobs) {
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic error;
  std::unique_ptr<llvm::Module> module =
      llvm::parseAssemblyString(ir, error, ctx);
  EXPECT_TRUE(module) << error.getMessage().str();
  auto spec = resolveTarget("host");
  EXPECT_TRUE(static_cast<bool>(spec));
  Compiled result{0u, "", ""};
  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream out(buffer);
  result.parts =
      emitObject(std::move(module), *spec, 2, jobs, out, &result.whyWhole);
  result.object = buffer.str().str();
  return result;
}

/// Symbol name -> (binding, visibility) of the object's defined functions.
std::map<std::string, std::string> functions(const std::string &object) {
  std::map<std::string, std::string> symbols;
  auto file = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(object, "part.o"));
  EXPECT_TRUE(static_cast<bool>(file));
  if (!file) {
    llvm::consumeError(file.takeError());
    return symbols;
  }
  for (const llvm::object::ELFSymbolRef symbol :
       llvm::cast<llvm::object::ELFObjectFileBase>(file->get())->symbols()) {
    auto type = symbol.getType();
    auto name = symbol.getName();
    if (!type || !name || *type != llvm::object::SymbolRef::ST_Function) {
      llvm::consumeError(type.takeError());
      llvm::consumeError(name.takeError());
      continue;
    }
    std::string binding =
        symbol.getBinding() == llvm::ELF::STB_LOCAL ? "local" : "global";
    std::string visibility =
        (symbol.getOther() & 0x3) == llvm::ELF::STV_HIDDEN ? " hidden" : "";
    symbols[name->str()] = binding + visibility;
  }
  return symbols;
}

TEST(ParallelObject, SplitsAndHidesSharedLocals) {
  if (!llvm::sys::findProgramByName("ld"))
    GTEST_SKIP() << "no ld on PATH to join the parts";
  Compiled split = compile(twoEntries(), 2);
  ASSERT_TRUE(static_cast<bool>(split.parts))
      << llvm::toString(split.parts.takeError());
  EXPECT_EQ(*split.parts, 2u) << split.whyWhole;
  std::map<std::string, std::string> symbols = functions(split.object);
  EXPECT_EQ(symbols["m_run"], "global");
  EXPECT_EQ(symbols["m_other"], "global");
  // The helper is called from the other part: a hidden global, named after
  // the first exported function (m_other < m_run).
  EXPECT_EQ(symbols["m_other.helper"], "global hidden");
  EXPECT_EQ(symbols.count("helper"), 0u);
}

TEST(ParallelObject, CompilesWholeWhereItCannotSplit) {
  Compiled one = compile(twoEntries(), 1);
  ASSERT_TRUE(static_cast<bool>(one.parts));
  EXPECT_EQ(*one.parts, 1u);
  EXPECT_EQ(one.whyWhole, "one job");
  EXPECT_EQ(functions(one.object)["helper"], "local");

  Compiled state = compile(twoEntries("@counter = internal global i32 0\n"), 2);
  ASSERT_TRUE(static_cast<bool>(state.parts));
  EXPECT_EQ(*state.parts, 1u);
  EXPECT_EQ(state.whyWhole, "it has mutable internal globals");

  Compiled ctors = compile(
      twoEntries("@llvm.global_ctors = appending global [0 x { i32, ptr, "
                 "ptr }] zeroinitializer\n"),
      2);
  ASSERT_TRUE(static_cast<bool>(ctors.parts));
  EXPECT_EQ(*ctors.parts, 1u);
  EXPECT_EQ(ctors.whyWhole, "it has llvm.global_ctors");
}

} // namespace
