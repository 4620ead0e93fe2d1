// RUN: tlc-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(tl-cpu-contractions),canonicalize,cse)' -mlir-print-local-scope | FileCheck %s
// RUN: tlc-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(tl-cpu-contractions{threads=false}),canonicalize,cse)' -mlir-print-local-scope | FileCheck %s --check-prefix=SERIAL
// RUN: tlc-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(tl-cpu-contractions{vector-bits=256 vector-registers=16}),canonicalize,cse)' -mlir-print-local-scope | FileCheck %s --check-prefix=AVX2

// A 9x17 * 17x1023 matmul: the operands are packed into whole blocks (9 rows
// padded to 16 = 2 blocks of 8, 1023 columns to 1024 = 32 panels of 32) by
// vectorized tiles of 8 steps of K, read with masks (the padding) and, for
// A, transposed in registers. The packed accumulator is laid out
// [NB][MB][8][32], so the kernels, MB innermost, walk consecutive tiles; it
// is not filled: each kernel writes its tile's start (zero) and then runs
// the K loop, one 8x32 tile of FMAs per step. Masks are operands of the
// transfers (a vector.mask region would not survive canonicalization).
// CHECK-LABEL: func.func @matmul
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c17 step %c8
// CHECK: vector.transfer_read %{{.*}}, %{{.*}}, %{{.*}} {in_bounds = [true, true]} : tensor<?x?xf32>, vector<8x8xf32>
// CHECK: vector.transpose %{{.*}}, [0, 2, 1, 3] : vector<1x8x8x1xf32> to vector<1x8x8x1xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x8x8x1xf32>, tensor<1x?x8x1xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c17 step %c8
// CHECK: vector.transfer_read %{{.*}}, %{{.*}}, %{{.*}} {in_bounds = [true, true]} : tensor<?x?xf32>, vector<8x32xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x8x1x32xf32>, tensor<1x?x1x32xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[C:.*]] = tensor.empty() : tensor<32x2x8x32xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1 iter_args(%{{.*}} = %[[C]])
// CHECK: %[[START:.*]] = vector.transfer_write %{{.*}}, %{{.*}}[%c0, %c0, %c0, %c0] {in_bounds = [true, true, true, true]} : vector<1x1x8x32xf32>, tensor<1x1x8x32xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c17 step %c1 iter_args(%{{.*}} = %[[START]])
// CHECK: vector.transfer_read {{.*}} tensor<1x1x8x1xf32>, vector<1x1x1x8x32x1xf32>
// CHECK: vector.transfer_read {{.*}} tensor<1x1x1x32xf32>, vector<1x1x1x8x32x1xf32>
// CHECK: vector.fma {{.*}} : vector<1x1x8x32xf32>
// CHECK-NOT: linalg.pack
// CHECK-NOT: linalg.unpack
// The unpack: one 8x32 block per tile, written with a mask (the rows past
// 9 and columns past 1023 are dropped) into a fresh result, not the
// accumulator's fill.
// CHECK: tensor.empty() : tensor<9x1023xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c9 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c1023 step %c32
// CHECK: vector.transfer_write %{{.*}}, %{{.*}}[%c0, %c0], %{{.*}} {in_bounds = [true, true]} : vector<8x32xf32>, tensor<?x?xf32>
// AVX2-LABEL: func.func @matmul
// AVX2: vector.fma {{.*}} : vector<1x1x6x16xf32>
func.func @matmul(%a: tensor<9x17xf32>, %b: tensor<17x1023xf32>) -> tensor<9x1023xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<9x1023xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<9x1023xf32>) -> tensor<9x1023xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<9x17xf32>, tensor<17x1023xf32>) outs(%init : tensor<9x1023xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<9x1023xf32>
  return %r : tensor<9x1023xf32>
}

// -----

// f64: eight lanes per AVX-512 vector, and twice f32's vectors (the same 32
// columns), so 6x32 tiles (64 rows padded to 66 = 11 blocks). K = 600 in
// blocks of 128 (the bytes of 256 f32; the last block partial) outermost,
// so a block of A stays in L2 while the panels of B pass over it. 4.9 MFLOP
// is enough for threads: in each K block, an scf.forall over the 2 panels
// of B, around the loop over the 11 row blocks. Without threads, a plain
// loop over the panels. Each kernel starts from zero in the first K block
// and from its tile of the accumulator in the others.
// CHECK-LABEL: func.func @matmul_f64
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<1x1x6x32xf64>
// CHECK: scf.for %[[KB:.*]] = %c0 to %c600 step %c128
// CHECK: scf.forall (%{{.*}}) in (2) shared_outs
// CHECK: scf.for %{{.*}} = %c0 to %c11 step %c1
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[KB]], %c0 : index
// CHECK: %[[START:.*]] = scf.if %[[FIRST]]
// CHECK: vector.transfer_write %[[ZERO]]
// CHECK: } else {
// CHECK: scf.for %{{.*}} iter_args(%{{.*}} = %[[START]])
// SERIAL-LABEL: func.func @matmul_f64
// SERIAL-NOT: scf.forall
// SERIAL: scf.for %{{.*}} = %c0 to %c600 step %c128
// SERIAL: scf.for %{{.*}} = %c0 to %c2 step %c1
// SERIAL: scf.for %{{.*}} = %c0 to %c11 step %c1
// CHECK: vector.fma {{.*}} : vector<1x1x6x32xf64>
func.func @matmul_f64(%a: tensor<64x600xf64>, %b: tensor<600x64xf64>) -> tensor<64x64xf64> {
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<64x64xf64>
  %init = linalg.fill ins(%zero : f64) outs(%e : tensor<64x64xf64>) -> tensor<64x64xf64>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<64x600xf64>, tensor<600x64xf64>) outs(%init : tensor<64x64xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y fastmath<contract> : f64
    %s = arith.addf %acc, %p fastmath<contract> : f64
    linalg.yield %s : f64
  } -> tensor<64x64xf64>
  return %r : tensor<64x64xf64>
}

// -----

// Not contractions (no n dimension: a matrix-vector product) or not floats:
// left alone.
// CHECK-LABEL: func.func @matvec
// CHECK-NOT: vector.
// CHECK: linalg.generic
func.func @matvec(%a: tensor<64x64xf32>, %b: tensor<64xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, k) -> (i, k)>,
                       affine_map<(i, k) -> (k)>,
                       affine_map<(i, k) -> (i)>],
      iterator_types = ["parallel", "reduction"]}
      ins(%a, %b : tensor<64x64xf32>, tensor<64xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// CHECK-LABEL: func.func @integers
// CHECK-NOT: vector.
// CHECK: linalg.generic
func.func @integers(%a: tensor<16x16xi32>, %b: tensor<16x16xi32>) -> tensor<16x16xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<16x16xi32>
  %init = linalg.fill ins(%zero : i32) outs(%e : tensor<16x16xi32>) -> tensor<16x16xi32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x16xi32>, tensor<16x16xi32>) outs(%init : tensor<16x16xi32>) {
  ^bb0(%x: i32, %y: i32, %acc: i32):
    %p = arith.muli %x, %y : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<16x16xi32>
  return %r : tensor<16x16xi32>
}

// -----

// A sum of all of 1M floats becomes 16 partial sums and a combining sum,
// which tl-parallel-loops later runs on threads; not without threads.
// CHECK-LABEL: func.func @total
// CHECK:       tensor.expand_shape %arg0 {{\[\[}}0, 1]] output_shape [16, 65536]
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%{{.*}} : tensor<16x65536xf32>) outs(%{{.*}} : tensor<16xf32>)
// CHECK:       linalg.generic {{.*}}iterator_types = ["reduction"]} ins(%{{.*}} : tensor<16xf32>)
// SERIAL-LABEL: func.func @total
// SERIAL-NOT:  tensor.expand_shape
func.func @total(%x: tensor<1048576xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%x : tensor<1048576xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// K is one block and nothing needs padding (16 = 2 x 8 rows, 64 = 2 x 32
// columns): the operands are read in place, A viewed as [MB][mr][K][1] and
// B (10 KiB) as [K][1][NB][nr], and the result written in place, viewed as
// [MB][mr][NB][nr] = 2x8x2x32: no packed copies, no unpack, and no fill
// (each kernel starts from zero).
// CHECK-LABEL: func.func @in_place
// CHECK-NOT: linalg.fill
// CHECK-NOT: vector.transpose
// CHECK: tensor.expand_shape %arg0 {{\[}}[0, 1], [2, 3]] output_shape [2, 8, 40, 1]
// CHECK: tensor.expand_shape %arg1 {{\[}}[0, 1], [2, 3]] output_shape [40, 1, 2, 32]
// CHECK: %[[VIEW:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2, 3]] output_shape [2, 8, 2, 32]
// CHECK-NOT: scf.if
// CHECK: vector.fma {{.*}} : vector<1x1x8x32xf32>
// CHECK-NOT: vector.transfer_write {{.*}} tensor<8x?xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2, 3]] : tensor<2x8x2x32xf32> into tensor<16x64xf32>
// SERIAL-LABEL: func.func @in_place
// SERIAL: tensor.expand_shape
func.func @in_place(%a: tensor<16x40xf32>, %b: tensor<40x64xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x40xf32>, tensor<40x64xf32>) outs(%init : tensor<16x64xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<16x64xf32>
  return %r : tensor<16x64xf32>
}

// -----

// The same product with its inputs the other way round (B's columns, the
// result's innermost dimension, come first): the inputs are swapped, so
// that, as above, nothing is packed, transposed or unpacked.
// CHECK-LABEL: func.func @in_place_swapped
// CHECK-NOT: vector.transpose
// CHECK: tensor.expand_shape %arg1 {{\[}}[0, 1], [2, 3]] output_shape [2, 8, 40, 1]
// CHECK: tensor.expand_shape %arg0 {{\[}}[0, 1], [2, 3]] output_shape [40, 1, 2, 32]
// CHECK: %[[VIEW:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2, 3]] output_shape [2, 8, 2, 32]
// CHECK: vector.fma {{.*}} : vector<1x1x8x32xf32>
// CHECK-NOT: vector.transpose
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2, 3]] : tensor<2x8x2x32xf32> into tensor<16x64xf32>
func.func @in_place_swapped(%b: tensor<40x64xf32>, %a: tensor<16x40xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%b, %a : tensor<40x64xf32>, tensor<16x40xf32>) outs(%init : tensor<16x64xf32>) {
  ^bb0(%y: f32, %x: f32, %acc: f32):
    %p = arith.mulf %y, %x fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<16x64xf32>
  return %r : tensor<16x64xf32>
}

// -----

// A B of 80 KiB stays packed (in place, its rows would lie 320 bytes apart
// across more than L1); A is still read in place.
// CHECK-LABEL: func.func @large_b
// CHECK: vector.transfer_write {{.*}} : vector<1x8x1x32xf32>, tensor<1x8x1x32xf32>
// CHECK: tensor.expand_shape %arg0 {{\[}}[0, 1], [2, 3]] output_shape [3, 8, 200, 1]
// CHECK: vector.fma {{.*}} : vector<1x1x8x32xf32>
func.func @large_b(%a: tensor<24x200xf32>, %b: tensor<200x96xf32>) -> tensor<24x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<24x96xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<24x96xf32>) -> tensor<24x96xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<24x200xf32>, tensor<200x96xf32>) outs(%init : tensor<24x96xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<24x96xf32>
  return %r : tensor<24x96xf32>
}

// -----

// A result 10 wide fits one vector: a 16x16 kernel (one vector of B per
// row, 16 rows) instead of 8x32. K = 300 is two blocks, so A is packed and
// the last of the unpack's row tiles is partial (20 = 16 + 4) and narrower
// than a tile (10 of 16 columns): upstream's tiling writes it into a new
// tensor of dynamic size, which becomes a slice of a static one as large as
// the sizes' upper bounds (no malloc in the loop). On AVX2, 10 columns take
// two vectors: 6x16.
// CHECK-LABEL: func.func @narrow
// CHECK: vector.fma {{.*}} : vector<1x1x16x16xf32>
// CHECK-NOT: tensor.empty(%
// CHECK: %[[TILE:.*]] = tensor.empty() : tensor<16x{{[0-9]+}}xf32>
// CHECK: tensor.extract_slice %[[TILE]][0, 0] [%{{.*}}, 16] [1, 1]
// AVX2-LABEL: func.func @narrow
// AVX2: vector.fma {{.*}} : vector<1x1x6x16xf32>
func.func @narrow(%a: tensor<20x300xf32>, %b: tensor<300x10xf32>) -> tensor<20x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<20x10xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<20x10xf32>) -> tensor<20x10xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<20x300xf32>, tensor<300x10xf32>) outs(%init : tensor<20x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<20x10xf32>
  return %r : tensor<20x10xf32>
}

// -----

// With K in one block, the kernel takes fewer rows where that divides M (10
// of 16 for 20 rows), so A needs no padding and is read in place.
// CHECK-LABEL: func.func @narrow_one_block
// CHECK: tensor.expand_shape %arg0 {{\[}}[0, 1], [2, 3]] output_shape [2, 10, 10, 1]
// CHECK: vector.fma {{.*}} : vector<1x1x10x16xf32>
func.func @narrow_one_block(%a: tensor<20x10xf32>, %b: tensor<10x10xf32>) -> tensor<20x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<20x10xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<20x10xf32>) -> tensor<20x10xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                       affine_map<(i, j, k) -> (k, j)>,
                       affine_map<(i, j, k) -> (i, j)>],
      iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<20x10xf32>, tensor<10x10xf32>) outs(%init : tensor<20x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<20x10xf32>
  return %r : tensor<20x10xf32>
}
