// Every --emit stage, and object code for every target.
// RUN: tlc %s --emit=tl | FileCheck %s --check-prefix=TL
// RUN: tlc %s --emit=linalg | FileCheck %s --check-prefix=LINALG
// RUN: tlc %s --emit=llvm | FileCheck %s --check-prefix=LLVM
// RUN: tlc %s --emit=llvm --name=model | FileCheck %s --check-prefix=NAMED
// RUN: tlc %s --emit=asm --target=x86-64-v4 | FileCheck %s --check-prefix=AVX512
// RUN: tlc %s --emit=asm --target=x86-64-v3 | FileCheck %s --check-prefix=AVX2
// RUN: tlc %s --emit=asm --target=aarch64 | FileCheck %s --check-prefix=A64
// RUN: tlc %s --emit=asm -O0 | FileCheck %s --check-prefix=ASM
// RUN: rm -rf %t && mkdir -p %t && tlc %s -o %t/out.o --target=aarch64
// RUN: %python -c "import sys; d = open(sys.argv[1], 'rb').read(20); sys.exit(not (d[:4] == b'\x7fELF' and d[18] == 183))" %t/out.o
// RUN: tlc %s -o %t/host.o && %python -c "import sys; sys.exit(open(sys.argv[1], 'rb').read(4) != b'\x7fELF')" %t/host.o
// RUN: test -f %t/host.h && test -f %t/out.h

// TL: func.func @scale(%{{.*}}: tensor<64xf32>) -> tensor<64xf32>
// TL: tl.map "i->i" mul

// LINALG: linalg.generic
// LINALG: arith.mulf
// LINALG-NOT: tl.

// LLVM: define {{.*}}i32 @emit_run(ptr {{.*}}, ptr {{.*}}, ptr {{.*}})
// LLVM: define {{.*}}i32 @emit_run_packed(ptr
// LLVM: define {{.*}}i64 @emit_workspace_size()
// LLVM-NEXT: ret i64 0

// NAMED: define {{.*}}i32 @model_run(

// AVX512: emit_run:
// AVX512: {{[yz]mm}}
// AVX2: emit_run:
// AVX2: ymm
// A64: emit_run:
// A64: ret
// ASM: emit_run:

func.func @scale(%x: tensor<64xf32>) -> tensor<64xf32> {
  %r = tl.map "i->i" mul %x {scalar = 3.0 : f64} : tensor<64xf32> -> tensor<64xf32>
  return %r : tensor<64xf32>
}
