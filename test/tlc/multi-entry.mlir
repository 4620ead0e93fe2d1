// Several functions in one module: one set of symbols per function.
// RUN: rm -rf %t && mkdir -p %t && tlc %s -o %t/lib.o
// RUN: FileCheck %s < %t/lib.h
// RUN: tlc %s --emit=llvm -o - | FileCheck %s --check-prefix=LLVM
// CHECK: int32_t lib_first_run(const float *in0, float *out0, void *workspace);
// CHECK: int32_t lib_second_run(const int64_t *a, int64_t *out0, void *workspace);
// LLVM-DAG: define {{.*}}i32 @multi_entry_first_run(
// LLVM-DAG: define {{.*}}i32 @multi_entry_second_run(
// LLVM-DAG: define {{.*}}i64 @multi_entry_first_workspace_size(
// LLVM-DAG: define {{.*}}i64 @multi_entry_second_workspace_size(
// Run one of them by name.
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.arange(6, dtype=np.int64))"
// RUN: tlc run %s --entry second %t/a.npy -o %t/b.npy --reference
// RUN: %python -c "import numpy as np; assert (np.load('%t/b.npy') == -np.arange(6)).all()"
// RUN: not tlc run %s %t/a.npy -o %t/b.npy 2>&1 | FileCheck %s --check-prefix=NOENTRY
// NOENTRY: has 2 functions; choose one with --entry
// RUN: not tlc run %s --entry third %t/a.npy -o %t/b.npy 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: no function 'third'

func.func @first(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = tl.map "i->i" exp %x : tensor<4xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}
func.func @second(%x: tensor<6xi64> {tl.name = "a"}) -> tensor<6xi64> {
  %r = tl.map "i->i" neg %x : tensor<6xi64> -> tensor<6xi64>
  return %r : tensor<6xi64>
}
