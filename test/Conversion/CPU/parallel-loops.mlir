// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-parallel-loops),canonicalize,cse)' | FileCheck %s
// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-parallel-loops{set-bit-index-bits=16}),canonicalize,cse)' | FileCheck %s --check-prefix=LIST
// RUN: tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-parallel-loops{set-bit-index-bits=32}),canonicalize,cse)' | FileCheck %s --check-prefix=LIST32
// RUN: not tlc-opt %s --pass-pipeline='builtin.module(func.func(tl-parallel-loops{set-bit-index-bits=8}))' 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: tl-parallel-loops: set-bit-index-bits must be 0, 16 or 32, not 8

// 2 x 4 MiB: the outer loop runs on threads (scf.parallel), the inner one
// stays a plain loop for LLVM to vectorize.
// CHECK-LABEL: func.func @large
// CHECK:       scf.parallel (%[[I:.*]]) = (%c0) to (%c1024) step (%c1)
// CHECK-NEXT:    scf.for %[[J:.*]] = %c0 to %c1024 step %c1
// CHECK:           memref.load %arg0[%[[I]], %[[J]]]
// CHECK:           math.exp
// CHECK:           memref.store {{.*}}, %arg1[%[[I]], %[[J]]]
// CHECK-NOT:   linalg.generic
func.func @large(%x: memref<1024x1024xf32>, %y: memref<1024x1024xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<1024x1024xf32>) outs(%y : memref<1024x1024xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  }
  return
}

// Row sums: the parallel rows on threads, each row's reduction a loop.
// CHECK-LABEL: func.func @rowsum
// CHECK:       scf.parallel
// CHECK-NEXT:    scf.for
func.func @rowsum(%x: memref<1024x1024xf32>, %y: memref<1024xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<1024x1024xf32>) outs(%y : memref<1024xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}

// Under 1 MiB, a sum with no parallel outer loop, and ops on tensors stay.
// CHECK-LABEL: func.func @stays
// CHECK-NOT:   scf.parallel
// CHECK:       linalg.generic
// CHECK:       linalg.generic
func.func @stays(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %z: memref<1048576xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<64x64xf32>) outs(%y : memref<64x64xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                  iterator_types = ["reduction"]}
      ins(%z : memref<1048576xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %acc, %a : f32
    linalg.yield %r : f32
  }
  return
}

// The word-level product of a bit-packed Boolean product: per row x, R's row
// in registers (a vector), A's row taken 64 relations at a time as a word
// whose set bits are visited in order (count trailing zeros), ORing in the
// rows of B they select; a small product keeps a plain loop over x.
// CHECK-LABEL: func.func @bits
// CHECK-NOT:   scf.parallel
// CHECK:       scf.for %[[X:.*]] = %c0 to %c4 step %c1
// CHECK-NEXT:    %[[WORD:.*]] = scf.for %[[Y:.*]] = %c0 to %c5 step %c1 iter_args
// CHECK-NEXT:      memref.load %arg0[%[[X]], %[[Y]]] : memref<4x5xi1>
// CHECK:         %[[ROW:.*]]:2 = scf.while ({{.*}} = %[[WORD]], {{.*}}) : (i64, vector<3xi64>)
// CHECK:           %[[LOW:.*]] = math.cttz
// CHECK:           %[[I:.*]] = arith.index_castui %[[LOW]]
// CHECK:           vector.load %arg1[%[[I]], %c0] : memref<5x3xi64>, vector<3xi64>
// CHECK:           arith.ori {{.*}} : vector<3xi64>
// CHECK:         vector.store %[[ROW]]#1, %arg2[%[[X]], %c0]
// CHECK-NOT:   linalg.generic
//
// With set-bit-index-bits, the positions of a row's set bits are first
// gathered into a list with compressing stores (two of 32 16-bit indices,
// or four of 16 32-bit ones, per 64 relations), then one loop over the
// list ORs in B's rows. A sequential row loop allocates the list before it.
// LIST-LABEL:  func.func @bits
// LIST:        %[[LIST:.*]] = memref.alloca() : memref<64xi16>
// LIST:        scf.for %[[X:.*]] = %c0 to %c4 step %c1
// LIST-COUNT-2:    vector.compressstore %[[LIST]][{{.*}}], {{.*}} : memref<64xi16>, vector<32xi1>, vector<32xi16>
// LIST:          %[[COUNT:.*]] = arith.addi
// LIST:          %[[WHOLE:.*]] = arith.muli {{.*}}, %c4
// The list four entries at a time (their rows ORed as a tree), then the
// rest one by one.
// LIST:          %[[FOURS:.*]] = scf.for %[[T:.*]] = %c0 to %[[WHOLE]] step %c4 iter_args(%[[ACC:.*]] = %cst
// LIST-COUNT-4:    vector.load %arg1[{{.*}}, %c0] : memref<5x3xi64>, vector<3xi64>
// LIST:            %[[AB:.*]] = arith.ori {{.*}} : vector<3xi64>
// LIST:            %[[CD:.*]] = arith.ori {{.*}} : vector<3xi64>
// LIST:            %[[ABCD:.*]] = arith.ori %[[AB]], %[[CD]]
// LIST:            arith.ori %[[ACC]], %[[ABCD]]
// LIST:          %[[ROW:.*]] = scf.for %[[U:.*]] = %[[WHOLE]] to %[[COUNT]] step %c1 iter_args({{.*}} = %[[FOURS]])
// LIST:            %[[Y16:.*]] = memref.load %[[LIST]][%[[U]]]
// LIST:            %[[Y:.*]] = arith.index_castui %[[Y16]] : i16 to index
// LIST:            vector.load %arg1[%[[Y]], %c0] : memref<5x3xi64>, vector<3xi64>
// LIST:          vector.store %[[ROW]], %arg2[%[[X]], %c0]
// LIST-NOT:    scf.while
// LIST32-LABEL:  func.func @bits
// LIST32:        memref.alloca() : memref<64xi32>
// LIST32-COUNT-4:  vector.compressstore {{.*}} : memref<64xi32>, vector<16xi1>, vector<16xi32>
// LIST32-NOT:    scf.while
func.func @bits(%a: memref<4x5xi1>, %b: memref<5x3xi64>, %r: memref<4x3xi64>) {
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<4x5xi1>, memref<5x3xi64>) outs(%r : memref<4x3xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %zero = arith.constant 0 : i64
    %row = arith.select %s, %word, %zero : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}

// On threads, the list is allocated at the top of the parallel loop's
// body (tl-omp-hoist-allocas later makes it one per thread).
// CHECK-LABEL: func.func @bit_lists
// LIST-LABEL:  func.func @bit_lists
// LIST32-LABEL: func.func @bit_lists
// LIST:        scf.parallel
// LIST-NEXT:     memref.alloca() : memref<2048xi16>
// LIST:          vector.compressstore
func.func @bit_lists(%a: memref<512x2048xi1>, %b: memref<2048x2xi64>, %r: memref<512x2xi64>) {
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<512x2048xi1>, memref<2048x2xi64>) outs(%r : memref<512x2xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %zero = arith.constant 0 : i64
    %row = arith.select %s, %word, %zero : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}

// A list takes at most 64 KiB of stack: rows of 40000 relations need 32-bit
// indices (78 KiB) and are visited word by word instead.
// LIST-LABEL:  func.func @long_rows
// LIST-NOT:    memref.alloca
// LIST-NOT:    vector.compressstore
// LIST:        scf.while
// LIST-NOT:    vector.compressstore
// LIST-LABEL:  func.func @wide_bits
func.func @long_rows(%a: memref<2x40000xi1>, %b: memref<40000x1xi64>, %r: memref<2x1xi64>) {
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<2x40000xi1>, memref<40000x1xi64>) outs(%r : memref<2x1xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %zero = arith.constant 0 : i64
    %row = arith.select %s, %word, %zero : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}

// Rows of more than 64 words: the row of R in memory, the rows of B that A
// does not select skipped.
// CHECK-LABEL: func.func @wide_bits
// CHECK:       scf.for %[[X:.*]] = %c0 to %c2 step %c1
// CHECK-NEXT:    scf.for %[[Y:.*]] = %c0 to %c3 step %c1
// CHECK-NEXT:      %[[A:.*]] = memref.load %arg0[%[[X]], %[[Y]]] : memref<2x3xi1>
// CHECK-NEXT:      scf.if %[[A]]
// CHECK-NEXT:        scf.for %[[W:.*]] = %c0 to %c65 step %c1
// CHECK-NEXT:          %[[R:.*]] = memref.load %arg2[%[[X]], %[[W]]]
// CHECK-NEXT:          %[[B:.*]] = memref.load %arg1[%[[Y]], %[[W]]]
// CHECK-NEXT:          %[[OR:.*]] = arith.ori %[[R]], %[[B]] : i64
// CHECK-NEXT:          memref.store %[[OR]], %arg2[%[[X]], %[[W]]]
func.func @wide_bits(%a: memref<2x3xi1>, %b: memref<3x65xi64>, %r: memref<2x65xi64>) {
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<2x3xi1>, memref<3x65xi64>) outs(%r : memref<2x65xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %zero = arith.constant 0 : i64
    %row = arith.select %s, %word, %zero : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}

// Packing relations into words (tl.bitpack) and unpacking them
// (tl.bitunpack): 64 Booleans per vector of bytes, through the buffer's
// address (no memref views i1 as i8), compared with zero and bitcast to a
// word, or a word bitcast to 64 Booleans and widened to bytes.
// CHECK-LABEL: func.func @pack
// CHECK:       scf.for %[[Y:.*]] = %c0 to %c3 step %c1
// CHECK-NEXT:    scf.for %[[W:.*]] = %c0 to %c2 step %c1
// CHECK:           memref.extract_aligned_pointer_as_index %arg0
// CHECK:           %[[P:.*]] = llvm.inttoptr
// CHECK-NEXT:      %[[BYTES:.*]] = llvm.load %[[P]] {alignment = 1 : i64} : !llvm.ptr -> vector<64xi8>
// CHECK-NEXT:      %[[SET:.*]] = arith.cmpi ne, %[[BYTES]], %{{.*}} : vector<64xi8>
// CHECK-NEXT:      %[[WORD:.*]] = vector.bitcast %[[SET]] : vector<64xi1> to vector<1xi64>
// CHECK-NEXT:      %[[E:.*]] = vector.extract %[[WORD]][0]
// CHECK-NEXT:      memref.store %[[E]], %arg1[%[[Y]], %[[W]]]
func.func @pack(%b: memref<3x2x64xi1>, %p: memref<3x2xi64>) {
  linalg.generic {indexing_maps = [affine_map<(y, w, j) -> (y, w, j)>, affine_map<(y, w, j) -> (y, w)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%b : memref<3x2x64xi1>) outs(%p : memref<3x2xi64>) attrs = {tl.bitpack} {
  ^bb0(%bit: i1, %acc: i64):
    %wide = arith.extui %bit : i1 to i64
    %j = linalg.index 2 : index
    %pos = arith.index_castui %j : index to i64
    %shifted = arith.shli %wide, %pos : i64
    %o = arith.ori %acc, %shifted : i64
    linalg.yield %o : i64
  }
  return
}

// The fill of R and the copy of its zeros into B's words, as bufferization
// leaves them (one zero tensor initialised both): the pack writes every
// word of B's and the register product every word of R without reading
// them, so both go. A fill that something reads before the product stays.
// CHECK-LABEL: func.func @dead_inits
// CHECK-NOT:   linalg.fill
// CHECK-NOT:   memref.copy
// CHECK:       scf.for
// CHECK:       vector.store
// CHECK-LABEL: func.func @live_fill_nested
// CHECK:       linalg.fill
// CHECK:       scf.for
// CHECK:         memref.load %arg2
// CHECK-LABEL: func.func @live_fill(
// CHECK:       linalg.fill
// CHECK:       memref.load %arg2[%c0, %c0]
func.func @dead_inits(%a: memref<64x64xi1>, %bools: memref<64x1x64xi1>, %w: memref<64x1xi64>, %r: memref<64x1xi64>) {
  %zero = arith.constant 0 : i64
  linalg.fill ins(%zero : i64) outs(%r : memref<64x1xi64>)
  memref.copy %r, %w : memref<64x1xi64> to memref<64x1xi64>
  linalg.generic {indexing_maps = [affine_map<(y, w, j) -> (y, w, j)>, affine_map<(y, w, j) -> (y, w)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%bools : memref<64x1x64xi1>) outs(%w : memref<64x1xi64>) attrs = {tl.bitpack} {
  ^bb0(%bit: i1, %acc: i64):
    %wide = arith.extui %bit : i1 to i64
    %j = linalg.index 2 : index
    %pos = arith.index_castui %j : index to i64
    %shifted = arith.shli %wide, %pos : i64
    %o = arith.ori %acc, %shifted : i64
    linalg.yield %o : i64
  }
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %w : memref<64x64xi1>, memref<64x1xi64>) outs(%r : memref<64x1xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %z = arith.constant 0 : i64
    %row = arith.select %s, %word, %z : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}
func.func @live_fill_nested(%a: memref<4x5xi1>, %b: memref<5x3xi64>, %r: memref<4x3xi64>, %out: memref<4xi64>) {
  %zero = arith.constant 0 : i64
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  linalg.fill ins(%zero : i64) outs(%r : memref<4x3xi64>)
  scf.for %i = %c0 to %c4 step %c1 {
    %v = memref.load %r[%i, %c0] : memref<4x3xi64>
    memref.store %v, %out[%i] : memref<4xi64>
  }
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<4x5xi1>, memref<5x3xi64>) outs(%r : memref<4x3xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %z = arith.constant 0 : i64
    %row = arith.select %s, %word, %z : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}
func.func @live_fill(%a: memref<4x5xi1>, %b: memref<5x3xi64>, %r: memref<4x3xi64>, %out: memref<i64>) {
  %zero = arith.constant 0 : i64
  %c0 = arith.constant 0 : index
  linalg.fill ins(%zero : i64) outs(%r : memref<4x3xi64>)
  %v = memref.load %r[%c0, %c0] : memref<4x3xi64>
  memref.store %v, %out[] : memref<i64>
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<4x5xi1>, memref<5x3xi64>) outs(%r : memref<4x3xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %z = arith.constant 0 : i64
    %row = arith.select %s, %word, %z : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  return
}

// A register product followed by the unpack of R: R's words go from the
// row in registers to the result's bytes, and neither R's store nor the
// unpack remains; the result's view, made after the product, moves before
// it.
// CHECK-LABEL: func.func @fused_unpack
// CHECK:       memref.expand_shape %arg2
// CHECK:       scf.for
// CHECK:         scf.while
// CHECK-NOT:     vector.store
// CHECK-COUNT-2: llvm.store {{.*}} : vector<64xi8>, !llvm.ptr
// CHECK-NOT:   linalg.generic
// CHECK-NOT:   memref.load %arg3
func.func @fused_unpack(%a: memref<4x128xi1>, %b: memref<128x2xi64>, %out: memref<4x128xi1>, %r: memref<4x2xi64>) {
  linalg.generic {indexing_maps = [affine_map<(x, y, w) -> (x, y)>, affine_map<(x, y, w) -> (y, w)>, affine_map<(x, y, w) -> (x, w)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<4x128xi1>, memref<128x2xi64>) outs(%r : memref<4x2xi64>)
      attrs = {tl.bitpacked_product} {
  ^bb0(%s: i1, %word: i64, %acc: i64):
    %z = arith.constant 0 : i64
    %row = arith.select %s, %word, %z : i64
    %o = arith.ori %acc, %row : i64
    linalg.yield %o : i64
  }
  %bools = memref.expand_shape %out [[0], [1, 2]] output_shape [4, 2, 64] : memref<4x128xi1> into memref<4x2x64xi1>
  linalg.generic {indexing_maps = [affine_map<(x, w, j) -> (x, w)>, affine_map<(x, w, j) -> (x, w, j)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%r : memref<4x2xi64>) outs(%bools : memref<4x2x64xi1>) attrs = {tl.bitunpack} {
  ^bb0(%word: i64, %bit_out: i1):
    %j = linalg.index 2 : index
    %pos = arith.index_castui %j : index to i64
    %shifted = arith.shrui %word, %pos : i64
    %bit = arith.trunci %shifted : i64 to i1
    linalg.yield %bit : i1
  }
  return
}

// CHECK-LABEL: func.func @unpack
// CHECK:           %[[WORD:.*]] = memref.load %arg0
// CHECK:           %[[SET:.*]] = vector.bitcast %{{.*}} : vector<1xi64> to vector<64xi1>
// CHECK-NEXT:      %[[BYTES:.*]] = arith.extui %[[SET]] : vector<64xi1> to vector<64xi8>
// CHECK-NEXT:      llvm.store %[[BYTES]], %{{.*}} {alignment = 1 : i64} : vector<64xi8>, !llvm.ptr
func.func @unpack(%r: memref<3x2xi64>, %b: memref<3x2x64xi1>) {
  linalg.generic {indexing_maps = [affine_map<(x, w, j) -> (x, w)>, affine_map<(x, w, j) -> (x, w, j)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%r : memref<3x2xi64>) outs(%b : memref<3x2x64xi1>) attrs = {tl.bitunpack} {
  ^bb0(%word: i64, %out: i1):
    %j = linalg.index 2 : index
    %pos = arith.index_castui %j : index to i64
    %shifted = arith.shrui %word, %pos : i64
    %bit = arith.trunci %shifted : i64 to i1
    linalg.yield %bit : i1
  }
  return
}
