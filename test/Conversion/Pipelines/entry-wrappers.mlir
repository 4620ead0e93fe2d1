// tl-entry-wrappers: <name>_packed(void **args) loads one pointer per
// parameter from the array and calls the entry point.
// RUN: tlc-opt %s -split-input-file --tl-entry-wrappers | FileCheck %s

// CHECK-LABEL: llvm.func @f_run
// CHECK-SAME:    (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) -> i32 attributes {tl.entry}
// CHECK-LABEL: llvm.func @f_run_packed
// CHECK-SAME:    (%[[ARGS:.*]]: !llvm.ptr) -> i32
// CHECK-NOT:     tl.entry
// CHECK-NEXT:    %[[S0:.*]] = llvm.getelementptr %[[ARGS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT:    %[[P0:.*]] = llvm.load %[[S0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT:    %[[S1:.*]] = llvm.getelementptr %[[ARGS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT:    %[[P1:.*]] = llvm.load %[[S1]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT:    %[[S2:.*]] = llvm.getelementptr %[[ARGS]][2] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT:    %[[P2:.*]] = llvm.load %[[S2]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT:    %[[R:.*]] = llvm.call @f_run(%[[P0]], %[[P1]], %[[P2]]) : (!llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK-NEXT:    llvm.return %[[R]] : i32
// Functions not tagged tl.entry get no wrapper.
// CHECK-LABEL: llvm.func @f_workspace_size() -> i64
// CHECK-NOT:   _packed
llvm.func @f_run(%a: !llvm.ptr, %b: !llvm.ptr, %ws: !llvm.ptr) -> i32 attributes {tl.entry} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
llvm.func @f_workspace_size() -> i64 {
  %0 = llvm.mlir.constant(0 : i64) : i64
  llvm.return %0 : i64
}

// -----

// One wrapper per entry point, whatever its arity; declarations are skipped.
// CHECK-LABEL: llvm.func @one_run
// CHECK-LABEL: llvm.func @one_run_packed
// CHECK-SAME:    (%[[ARGS:.*]]: !llvm.ptr) -> i32
// CHECK-NEXT:    %[[S0:.*]] = llvm.getelementptr %[[ARGS]][0]
// CHECK-NEXT:    %[[P0:.*]] = llvm.load %[[S0]]
// CHECK-NEXT:    %[[R:.*]] = llvm.call @one_run(%[[P0]]) : (!llvm.ptr) -> i32
// CHECK-NEXT:    llvm.return %[[R]] : i32
// CHECK-LABEL: llvm.func @five_run
// CHECK-LABEL: llvm.func @five_run_packed
// CHECK-COUNT-5: llvm.load
// CHECK-NEXT:    llvm.call @five_run(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK-LABEL: llvm.func @declared_run(!llvm.ptr) -> i32
// CHECK-NOT:   @declared_run_packed
llvm.func @one_run(%ws: !llvm.ptr) -> i32 attributes {tl.entry} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
llvm.func @five_run(%a: !llvm.ptr, %b: !llvm.ptr, %c: !llvm.ptr, %d: !llvm.ptr, %ws: !llvm.ptr) -> i32 attributes {tl.entry} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
llvm.func @declared_run(!llvm.ptr) -> i32 attributes {tl.entry}
