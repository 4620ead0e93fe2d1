// RUN: tlc-opt %s --tl-memory-plan=print 2>%t.plan | FileCheck %s
// RUN: FileCheck %s --check-prefix=PLAN < %t.plan

// %a dies when %c is born, so %c takes %a's place; %b overlaps both and
// sits above them. The size function returns the peak. The buffer that is a
// loop's state (%s) stays on the heap. A null workspace returns status 2.
// CHECK-LABEL: func.func @f_run
// CHECK-SAME:    %[[WS:[a-z0-9]+]]: memref<8192xi8>
// CHECK:         %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[WS]]
// CHECK:         %[[NULL:.*]] = arith.cmpi eq, %[[P]], %c0
// CHECK:         cf.cond_br %[[NULL]], ^[[FAIL:.*]], ^[[BODY:[a-z0-9]+]]
// CHECK:       ^[[FAIL]]:
// CHECK:         %[[TWO:.*]] = arith.constant 2 : i32
// CHECK:         return %[[TWO]]
// CHECK:       ^[[BODY]]:
// CHECK:         %[[A:.*]] = memref.view %[[WS]][%c0{{(_[0-9]+)?}}][] : memref<8192xi8> to memref<32x32xf32>
// CHECK:         %[[B:.*]] = memref.view %[[WS]][%c4096][] : memref<8192xi8> to memref<32x32xf32>
// CHECK:         linalg.add ins(%[[A]], %[[A]] : {{.*}}) outs(%[[B]] : {{.*}})
// CHECK:         memref.view %[[WS]][%c0{{(_[0-9]+)?}}][] : memref<8192xi8> to memref<1000xi8>
// CHECK:         %[[S:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NOT:     memref.dealloc %[[A]]
// CHECK-LABEL: func.func @f_workspace_size
// CHECK:         arith.constant 8192 : i64

// PLAN:      memory plan for @f_run:
// PLAN:             0      4096     0-2      memref<32x32xf32>
// PLAN-NEXT:     4096      4096     1-4      memref<32x32xf32>
// PLAN-NEXT:        0      1024     3-3      memref<1000xi8>
// PLAN-NEXT: peak 8192 bytes, sum of buffers 9216 bytes (3 buffers)
func.func @f_run(%in: memref<32x32xf32>, %out: memref<32x32xf32>, %ws: memref<0xi8>) -> i32 attributes {tl.entry} {
  %a = memref.alloc() : memref<32x32xf32>
  %b = memref.alloc() : memref<32x32xf32>
  linalg.add ins(%a, %a : memref<32x32xf32>, memref<32x32xf32>) outs(%b : memref<32x32xf32>)
  %c = memref.alloc() : memref<1000xi8>
  linalg.add ins(%b, %b : memref<32x32xf32>, memref<32x32xf32>) outs(%out : memref<32x32xf32>)
  %s = memref.alloc() : memref<4xf32>
  %lb = arith.constant 0 : index
  %ub = arith.constant 4 : index
  %step = arith.constant 1 : index
  %r = scf.for %i = %lb to %ub step %step iter_args(%it = %s) -> (memref<4xf32>) {
    scf.yield %it : memref<4xf32>
  }
  memref.dealloc %a : memref<32x32xf32>
  %zero = arith.constant 0 : i32
  return %zero : i32
}
func.func @f_workspace_size() -> i64 attributes {tl.workspace_size_of = @f_run} {
  %zero = arith.constant 0 : i64
  return %zero : i64
}
