// RUN: tlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tl-flatten-vectors))' | FileCheck %s

// An 8x8 packing tile with a trailing unit dimension (A's pack into
// [M/8][K][8][1]) becomes a 2-D transpose between 2-D transfers.
// CHECK-LABEL: func.func @pack_8x8
// CHECK-SAME: (%[[SRC:.*]]: memref<8x8xf32, {{.*}}>, %[[DST:.*]]: memref<1x8x8x1xf32, {{.*}}>)
// CHECK: %[[READ:.*]] = vector.transfer_read %[[SRC]]{{.*}} : memref<8x8xf32, {{.*}}>, vector<8x8xf32>
// CHECK: %[[T:.*]] = vector.transpose %[[READ]], [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK: %[[VIEW:.*]] = memref.subview {{.*}} to memref<8x8xf32, {{.*}}>
// CHECK: vector.transfer_write %[[T]], %[[VIEW]]{{.*}} : vector<8x8xf32>, memref<8x8xf32, {{.*}}>
// CHECK-NOT: vector.shape_cast
func.func @pack_8x8(%src: memref<8x8xf32, strided<[1000, 1], offset: ?>>,
                    %dst: memref<1x8x8x1xf32, strided<[8000, 8, 1, 1], offset: ?>>) {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %0 = vector.transfer_read %src[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x8xf32, strided<[1000, 1], offset: ?>>, vector<8x8xf32>
  %1 = vector.shape_cast %0 : vector<8x8xf32> to vector<1x8x8x1xf32>
  %2 = vector.transpose %1, [0, 2, 1, 3] : vector<1x8x8x1xf32> to vector<1x8x8x1xf32>
  vector.transfer_write %2, %dst[%c0, %c0, %c0, %c0] {in_bounds = [true, true, true, true]} : vector<1x8x8x1xf32>, memref<1x8x8x1xf32, strided<[8000, 8, 1, 1], offset: ?>>
  return
}

// -----

// A 32x8 tile (B's pack of a transposed operand into [..][K][1][32]) is
// transposed as four 8x8 blocks, inserted at their columns of the result.
// CHECK-LABEL: func.func @pack_32x8
// CHECK: %[[READ:.*]] = vector.transfer_read {{.*}} : memref<32x8xf32, {{.*}}>, vector<32x8xf32>
// CHECK: vector.extract_strided_slice %[[READ]] {offsets = [0, 0], sizes = [8, 8], strides = [1, 1]}
// CHECK-NEXT: vector.transpose {{.*}}, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK-NEXT: vector.insert_strided_slice {{.*}} {offsets = [0, 0], strides = [1, 1]} : vector<8x8xf32> into vector<8x32xf32>
// CHECK: vector.extract_strided_slice %[[READ]] {offsets = [8, 0], sizes = [8, 8], strides = [1, 1]}
// CHECK-NEXT: vector.transpose {{.*}}, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK-NEXT: vector.insert_strided_slice {{.*}} {offsets = [0, 8], strides = [1, 1]} : vector<8x8xf32> into vector<8x32xf32>
// CHECK: vector.extract_strided_slice %[[READ]] {offsets = [16, 0], sizes = [8, 8], strides = [1, 1]}
// CHECK-NEXT: vector.transpose {{.*}}, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK-NEXT: vector.insert_strided_slice {{.*}} {offsets = [0, 16], strides = [1, 1]} : vector<8x8xf32> into vector<8x32xf32>
// CHECK: vector.extract_strided_slice %[[READ]] {offsets = [24, 0], sizes = [8, 8], strides = [1, 1]}
// CHECK-NEXT: vector.transpose {{.*}}, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK-NEXT: vector.insert_strided_slice {{.*}} {offsets = [0, 24], strides = [1, 1]} : vector<8x8xf32> into vector<8x32xf32>
// CHECK: vector.transfer_write {{.*}} : vector<8x32xf32>, memref<8x32xf32, {{.*}}>
func.func @pack_32x8(%src: memref<1x32x8xf32, strided<[16384, 64, 1], offset: ?>>,
                     %dst: memref<1x1x8x1x32xf32, strided<[16384, 2048, 32, 32, 1], offset: ?>>) {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %0 = vector.transfer_read %src[%c0, %c0, %c0], %pad {in_bounds = [true, true, true]} : memref<1x32x8xf32, strided<[16384, 64, 1], offset: ?>>, vector<1x32x8xf32>
  %1 = vector.shape_cast %0 : vector<1x32x8xf32> to vector<1x1x32x8x1xf32>
  %2 = vector.transpose %1, [0, 1, 3, 4, 2] : vector<1x1x32x8x1xf32> to vector<1x1x8x1x32xf32>
  vector.transfer_write %2, %dst[%c0, %c0, %c0, %c0, %c0] {in_bounds = [true, true, true, true, true]} : vector<1x1x8x1x32xf32>, memref<1x1x8x1x32xf32, strided<[16384, 2048, 32, 32, 1], offset: ?>>
  return
}

// -----

// Only transposes and the ops around them change: a kernel's broadcast
// read with unit dimensions keeps its shape.
// CHECK-LABEL: func.func @kernel_read
// CHECK: vector.transfer_read {{.*}} : memref<1x1x8x1x1xf32, {{.*}}>, vector<1x1x1x8x32x1xf32>
func.func @kernel_read(%a: memref<1x1x8x1x1xf32, strided<[8000, 8000, 1000, 1, 1], offset: ?>>) -> vector<1x1x1x8x32x1xf32> {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %0 = vector.transfer_read %a[%c0, %c0, %c0, %c0, %c0], %pad {in_bounds = [true, true, true, true, true, true], permutation_map = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d2, 0, d4)>} : memref<1x1x8x1x1xf32, strided<[8000, 8000, 1000, 1, 1], offset: ?>>, vector<1x1x1x8x32x1xf32>
  return %0 : vector<1x1x1x8x32x1xf32>
}

// -----

// A side that is not a multiple of 8 (a 10-row kernel's pack of A) is read
// and written as 16, the extra rows out of bounds (masked), then
// transposed in 8x8 blocks: no 10-element vectors reach LLVM.
// CHECK-LABEL: func.func @pack_10x8
// CHECK: %[[READ:.*]] = vector.transfer_read {{.*}} {in_bounds = [false, true]} : memref<10x8xf32, {{.*}}>, vector<16x8xf32>
// CHECK-COUNT-2: vector.transpose {{.*}}, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
// CHECK: vector.transfer_write {{.*}} {in_bounds = [true, false]} : vector<8x16xf32>, memref<8x10xf32, {{.*}}>
// CHECK-NOT: vector<10x
func.func @pack_10x8(%src: memref<10x8xf32, strided<[1000, 1], offset: ?>>,
                     %dst: memref<8x10xf32, strided<[10, 1], offset: ?>>) {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %0 = vector.transfer_read %src[%c0, %c0], %pad {in_bounds = [true, true]} : memref<10x8xf32, strided<[1000, 1], offset: ?>>, vector<10x8xf32>
  %1 = vector.transpose %0, [1, 0] : vector<10x8xf32> to vector<8x10xf32>
  vector.transfer_write %1, %dst[%c0, %c0] {in_bounds = [true, true]} : vector<8x10xf32>, memref<8x10xf32, strided<[10, 1], offset: ?>>
  return
}

// -----

// A micro-kernel step: A's 8 values broadcast along the tile's rows, B's
// row of 32 broadcast down it, the unit K step innermost. A becomes one
// scalar load per row, splat; B one 1-D read, broadcast.
// CHECK-LABEL: func.func @kernel_step
// CHECK-SAME: (%[[A:.*]]: memref<1x1x8x1xf32, {{.*}}>, %[[B:.*]]: memref<1x1x1x32xf32, {{.*}}>, %[[ACC:.*]]: vector<1x1x8x32xf32>)
// CHECK-COUNT-8: memref.load %[[A]]
// CHECK-NOT: memref.load
// CHECK: %[[ROW:.*]] = vector.transfer_read %[[B]]{{.*}} : memref<1x1x1x32xf32, {{.*}}>, vector<32xf32>
// CHECK: %[[BT:.*]] = vector.broadcast %[[ROW]] : vector<32xf32> to vector<8x32xf32>
// CHECK: vector.shape_cast %[[BT]] : vector<8x32xf32> to vector<1x1x8x32xf32>
// CHECK-NOT: vector<1x1x1x8x32x1xf32>
// CHECK: vector.fma
func.func @kernel_step(%a: memref<1x1x8x1xf32, strided<[8000, 8, 1, 1], offset: ?>>,
                       %b: memref<1x1x1x32xf32, strided<[32000, 32, 32, 1], offset: ?>>,
                       %acc: vector<1x1x8x32xf32>) -> vector<1x1x8x32xf32> {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %0 = vector.transfer_read %a[%c0, %c0, %c0, %c0], %pad {in_bounds = [true, true, true, true, true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (d0, 0, d1, d2, 0, d3)>} : memref<1x1x8x1xf32, strided<[8000, 8, 1, 1], offset: ?>>, vector<1x1x1x8x32x1xf32>
  %1 = vector.transfer_read %b[%c0, %c0, %c0, %c0], %pad {in_bounds = [true, true, true, true, true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (0, d0, d1, 0, d3, d2)>} : memref<1x1x1x32xf32, strided<[32000, 32, 32, 1], offset: ?>>, vector<1x1x1x8x32x1xf32>
  %2 = vector.shape_cast %0 : vector<1x1x1x8x32x1xf32> to vector<1x1x8x32xf32>
  %3 = vector.shape_cast %1 : vector<1x1x1x8x32x1xf32> to vector<1x1x8x32xf32>
  %4 = vector.fma %2, %3, %acc : vector<1x1x8x32xf32>
  return %4 : vector<1x1x8x32xf32>
}
