// tl-bool-bytes: i1 loads and stores become byte loads and stores (the same
// memory: a Boolean is one byte, 0 or 1), which LLVM vectorizes; other
// accesses are left alone.
// RUN: tlc-opt %s --tl-bool-bytes | FileCheck %s

// CHECK-LABEL: llvm.func @copy_bits
// CHECK:       %[[BYTE:.*]] = llvm.load %arg0 {alignment = 1 : i64} : !llvm.ptr -> i8
// CHECK-NEXT:  %[[BIT:.*]] = llvm.trunc %[[BYTE]] : i8 to i1
// CHECK-NEXT:  %[[NOT:.*]] = llvm.xor %[[BIT]]
// CHECK-NEXT:  %[[OUT:.*]] = llvm.zext %[[NOT]] : i1 to i8
// CHECK-NEXT:  llvm.store %[[OUT]], %arg1 {alignment = 1 : i64} : i8, !llvm.ptr
// CHECK:       llvm.load %arg2 : !llvm.ptr -> f32
// CHECK-NOT:   i1, !llvm.ptr
llvm.func @copy_bits(%src: !llvm.ptr, %dst: !llvm.ptr, %f: !llvm.ptr) {
  %true = llvm.mlir.constant(true) : i1
  %b = llvm.load %src : !llvm.ptr -> i1
  %n = llvm.xor %b, %true : i1
  llvm.store %n, %dst : i1, !llvm.ptr
  %x = llvm.load %f : !llvm.ptr -> f32
  llvm.store %x, %f : f32, !llvm.ptr
  llvm.return
}
