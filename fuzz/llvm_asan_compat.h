//===- llvm_asan_compat.h - force-included into every tl-fuzzer source ----===//
//
// Under -fsanitize=address, llvm/Support/Allocator.h poisons the unused part
// of each BumpPtrAllocator slab and unpoisons what it hands out. The Debian
// libMLIR.so / libLLVM.so are not instrumented, so when they and our
// instrumented code allocate from the same allocator (MLIRContext's storage
// uniquer, for example) the library's allocations stay poisoned and ASan
// reports a use-after-poison on correct code. Turn the poisoning off in our
// code so both sides agree; ASan's other checks are unaffected.
//
//===----------------------------------------------------------------------===//

#ifndef TLC_FUZZ_LLVM_ASAN_COMPAT_H
#define TLC_FUZZ_LLVM_ASAN_COMPAT_H

#ifdef __cplusplus
#include "llvm/Support/Compiler.h"

#undef __asan_poison_memory_region
#undef __asan_unpoison_memory_region
#define __asan_poison_memory_region(p, size) ((void)(p), (void)(size))
#define __asan_unpoison_memory_region(p, size) ((void)(p), (void)(size))
#endif

#endif // TLC_FUZZ_LLVM_ASAN_COMPAT_H
