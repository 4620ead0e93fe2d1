// tl-gpu-host-buffers: an entry point's buffer arguments get device copies
// (inputs copied in, outputs, the arguments it writes, copied back before
// the return), intermediates are allocated on the device, host code that
// touches memory moves into a one-thread kernel, and the status is
// tlrt_gpu_take_status() where that is nonzero (5).
// RUN: tlc-opt %s -split-input-file --tl-gpu-host-buffers | FileCheck %s
// RUN: tlc-opt %s -split-input-file --tl-gpu-host-buffers=buffers=false | FileCheck %s --check-prefix=SERIAL

// CHECK-LABEL: func.func @f_run
// CHECK-SAME:    (%[[X:.*]]: memref<8xf32>, %[[S:.*]]: memref<f32>, %[[WS:.*]]: memref<0xi8>)
// CHECK:         %[[DX:.*]] = gpu.alloc () : memref<8xf32>
// CHECK-NEXT:    gpu.memcpy %[[DX]], %[[X]]
// CHECK-NEXT:    %[[DS:.*]] = gpu.alloc () : memref<f32>
// CHECK-NOT:     gpu.memcpy %[[DS]], %[[S]]
// CHECK:         %[[TMP:.*]] = gpu.alloc () : memref<8xf32>
// CHECK:         gpu.launch blocks
// CHECK:           memref.load %[[DX]]
// CHECK:           memref.store {{.*}}, %[[TMP]]
// The sequential sum and its epilogue run in one thread.
// CHECK:         %[[ONE:.*]] = arith.constant 1 : index
// CHECK:         gpu.launch blocks(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) threads(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]])
// CHECK:           memref.store %{{.*}}, %[[DS]][]
// CHECK:           scf.for
// CHECK:             memref.load %[[TMP]]
// CHECK:           arith.mulf
// CHECK:           gpu.terminator
// CHECK:         gpu.dealloc %[[TMP]]
// CHECK:         gpu.memcpy %[[S]], %[[DS]]
// CHECK-NEXT:    gpu.dealloc %[[DX]]
// CHECK-NEXT:    gpu.dealloc %[[DS]]
// CHECK-NEXT:    %[[GPU:.*]] = call @tlrt_gpu_take_status() : () -> i32
// CHECK:         %[[FAILED:.*]] = arith.cmpi ne, %[[GPU]]
// CHECK:         %[[FIVE:.*]] = arith.constant 5 : i32
// CHECK:         arith.select %[[FAILED]], %[[FIVE]]
// SERIAL-LABEL: func.func @f_run
// SERIAL-NOT:     gpu.alloc
// SERIAL:         gpu.launch
// SERIAL:         gpu.launch
// SERIAL:           scf.for
// SERIAL-NOT:     tlrt_gpu_take_status
// The device variant: the caller's device buffers, no copies, its stream.
// CHECK-LABEL: func.func @f_run_device
// CHECK-SAME:    (%[[X2:.*]]: memref<8xf32>, %[[S2:.*]]: memref<f32>, %{{.*}}: memref<0xi8>, %[[STREAM:.*]]: !llvm.ptr)
// CHECK-NEXT:    call @tlrt_gpu_use_stream(%[[STREAM]])
// CHECK-NOT:     gpu.memcpy %{{.*}}, %[[X2]]
// CHECK-NOT:     gpu.memcpy %[[S2]]
// CHECK:         gpu.launch
// CHECK:         call @tlrt_gpu_take_status
module attributes {gpu.container_module} {
  func.func @f_run(%x: memref<8xf32>, %s: memref<f32>, %ws: memref<0xi8>) -> i32 attributes {tl.entry} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    %tmp = memref.alloc() : memref<8xf32>
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
      %v = memref.load %x[%tx] : memref<8xf32>
      %e = math.exp %v : f32
      memref.store %e, %tmp[%tx] : memref<8xf32>
      gpu.terminator
    }
    memref.store %zero, %s[] : memref<f32>
    scf.for %i = %c0 to %c8 step %c1 {
      %a = memref.load %tmp[%i] : memref<8xf32>
      %b = memref.load %s[] : memref<f32>
      %c = arith.addf %a, %b : f32
      memref.store %c, %s[] : memref<f32>
    }
    %t = memref.load %s[] : memref<f32>
    %h = arith.mulf %t, %half : f32
    memref.store %h, %s[] : memref<f32>
    memref.dealloc %tmp : memref<8xf32>
    %ok = arith.constant 0 : i32
    return %ok : i32
  }
}

// -----

// A constant (a global in host memory) is copied to the device.
// CHECK-LABEL: func.func @g_run
// CHECK:         %[[G:.*]] = memref.get_global @c : memref<4xf32>
// CHECK-NEXT:    %[[DG:.*]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT:    gpu.memcpy %[[DG]], %[[G]]
// CHECK:         gpu.launch
// CHECK:           memref.load %[[DG]]
// CHECK:         gpu.dealloc %[[DG]]
module attributes {gpu.container_module} {
  memref.global "private" constant @c : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  func.func @g_run(%y: memref<4xf32>, %ws: memref<0xi8>) -> i32 attributes {tl.entry} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %g = memref.get_global @c : memref<4xf32>
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
      %v = memref.load %g[%tx] : memref<4xf32>
      memref.store %v, %y[%tx] : memref<4xf32>
      gpu.terminator
    }
    %ok = arith.constant 0 : i32
    return %ok : i32
  }
}

// -----

// A fixpoint loop: host code inside the loop that touches memory (setting
// the convergence flag) moves into a one-thread kernel; the flag the loop
// reads is copied to a host buffer (allocated at the entry) first.
// CHECK-LABEL: func.func @h_run
// CHECK:         %[[HOST:.*]] = memref.alloca() : memref<i1>
// CHECK:         scf.while
// CHECK:           %[[FLAG:.*]] = gpu.alloc () : memref<i1>
// CHECK:           gpu.launch blocks
// CHECK:             memref.store %{{.*}}, %[[FLAG]][]
// CHECK:           gpu.launch blocks
// CHECK:             memref.store %{{.*}}, %[[FLAG]][]
// CHECK:           gpu.memcpy %[[HOST]], %[[FLAG]]
// CHECK-NEXT:      %[[DONE:.*]] = memref.load %[[HOST]][] {tl.staged}
// CHECK:           scf.condition(%{{.*}}) %{{.*}}, %[[DONE]]
module attributes {gpu.container_module} {
  func.func @h_run(%x: memref<4xf32>, %ws: memref<0xi8>) -> i32 attributes {tl.entry} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %true = arith.constant true
    %false = arith.constant false
    %r:2 = scf.while (%i = %c1, %done = %false) : (index, i1) -> (index, i1) {
      %flag = memref.alloc() : memref<i1>
      memref.store %true, %flag[] : memref<i1>
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
        %v = memref.load %x[%tx] : memref<4xf32>
        %w = arith.addf %v, %v : f32
        memref.store %w, %x[%tx] : memref<4xf32>
        %big = arith.cmpf ogt, %w, %w : f32
        memref.store %big, %flag[] : memref<i1>
        gpu.terminator
      }
      %d = memref.load %flag[] : memref<i1>
      %go = arith.xori %d, %true : i1
      scf.condition(%go) %i, %d : index, i1
    } do {
    ^bb0(%j: index, %e: i1):
      scf.yield %j, %e : index, i1
    }
    %ok = arith.constant 0 : i32
    return %ok : i32
  }
}
