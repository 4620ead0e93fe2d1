//===- Passes.td - tlc conversion passes ------------------*- tablegen -*-===//
#ifndef TLC_CONVERSION_PASSES_TD
#define TLC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def TLLowerFixpoint : Pass<"tl-lower-fixpoint", "mlir::ModuleOp"> {
  let summary = "Lower tl.fixpoint to scf.while on tensors";
  let description = [{
    Each `tl.fixpoint` becomes an `scf.while` whose iteration arguments are
    the state tensors, an `i64` iteration counter and a `done` flag. The
    `before` region continues while `counter < max_iterations` and not
    `done`; the `after` region is the fixpoint's body (moved, not cloned),
    followed by the convergence test, written in tl ops so that
    `tl-to-linalg` lowers it: per state, `tl.map eq` (for floating point
    with a positive tolerance, OR `tl.map le` of `tl.map abs` of
    `tl.map sub` against the tolerance), `tl.reduce min` over all axes (AND
    on `i1`), `tl.map and` across states, and `tensor.extract` of the
    result as the new `done`. The convergence flag result is
    `tensor.from_elements` of the loop's final `done`. Nested fixpoints are
    lowered innermost first.
  }];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
    "mlir::tensor::TensorDialect"
  ];
}

def TLToLinalg : Pass<"tl-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower tl ops to linalg.generic on tensors";
  let description = [{
    Each `tl.einsum` becomes one `linalg.generic` whose loops are the result
    dimensions followed by the reduced letters; diagonals index an operand
    with the same loop twice and size-1 broadcast dimensions with the
    constant 0. The body combines the operands with the semiring's product
    and folds into the accumulator with its sum; the accumulator starts at
    the sum's identity (a Boolean `xy,yz->xz` in `or_and` with `z` at
    least 64 is computed on bit-packed rows instead: B's rows packed into
    64-bit words, each result row the OR of the packed rows that A selects,
    then unpacked). `tl.map` becomes an elementwise `linalg.generic`,
    `tl.reduce` a reduction generic (two for `mean`, a few for
    `logsumexp`), and `tl.constant` an `arith.constant`. `tl.softmax`
    computes one exp per element: the row maximum; then exp(x - max)
    written to the result while its sum accumulates; then the result
    scaled in place by 1 / sum. With `online-softmax`, softmax and
    logsumexp use the online normaliser instead: one read of each row
    keeps a running maximum and a sum relative to it (16 independent
    states per row, one per vector lane, where the innermost dimension is
    reduced), then the result is exp(x - max) / sum: one read fewer, one
    exp per element more. Special values follow the three-pass definition
    (max taken as 0 where it is not finite). Ops inside loops (`scf.while` from
    `tl-lower-fixpoint`, which must run first) are lowered in place.

    A `tl.fused` group (from `tl-fuse`) becomes one loop nest: its ops are
    lowered as above, then upstream elementwise fusion
    (`linalg::fuseElementwiseOps`) merges every elementwise producer into
    its consumer, so chains of maps become one elementwise generic and maps
    feeding a contraction move into its body; a value also needed outside
    becomes another result of the fused generic, never a recomputation.
    Upstream has no fusion of a reduction with its elementwise consumer,
    so the epilogue is done here: the consumer's generic iterates over the
    result points and, in its body, runs the contraction's reduced loops as
    an `scf.for` nest with the accumulator in a scalar (reading the
    contraction's operands with `tensor.extract`), then applies the
    epilogue; the contraction's result tensor disappears. This needs the
    reduced loops to be the contraction's innermost (always for einsums;
    for `tl.reduce`, trailing axes), so that the loop order and the order
    of accumulation are unchanged. A float contraction of at least 1 MFLOP
    with m and n dimensions is left out of both fusions: kept a plain
    contraction, `tl-cpu-contractions` packs and vectorizes it, which is
    worth far more than the memory traffic fusion saves. A group body that does not fit these
    shapes is lowered op by op (correct, not fused). Splat constants
    become scalars, and operands read twice become one.

    Function arguments are marked `bufferization.writable = false`: they are
    the caller's read-only input buffers.
  }];
  let options = [
    Option<"onlineSoftmax", "online-softmax", "bool", /*default=*/"false",
           "Softmax and logsumexp keep a running maximum and sum (the "
           "online normaliser): one read of each row fewer, one exp per "
           "element more">
  ];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::arith::ArithDialect",
    "mlir::math::MathDialect", "mlir::tensor::TensorDialect",
    "mlir::bufferization::BufferizationDialect", "mlir::scf::SCFDialect"
  ];
}

def TLDistinctResults : Pass<"tl-distinct-results", "mlir::ModuleOp"> {
  let summary = "Make every returned tensor a distinct, freshly computed value";
  let description = [{
    Runs on linalg-on-tensors just before bufferization. A function result
    that is a function argument, a constant, not computed by a linalg op, or
    returned more than once is replaced by a `linalg.copy` into a new tensor.
    Afterwards every result bufferizes to its own allocation, which
    `buffer-results-to-out-params{hoist-static-allocs}` replaces by the
    caller's output buffer. (Upstream's pass crashes on a function that
    returns an argument or one buffer twice, and the copy is needed anyway:
    outputs are distinct caller buffers.)

    A rank-0 tensor result with the attribute `tl.status` (the convergence
    flag of a `tl.fixpoint`) instead becomes a scalar result
    (`tensor.extract`), which stays a result through bufferization and which
    `tl-c-abi` turns into the status code.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def TLCAbi : Pass<"tl-c-abi", "mlir::ModuleOp"> {
  let summary = "Give bufferized entry points tlc's C ABI";
  let description = [{
    Runs after bufferization and `buffer-results-to-out-params`. Each public
    function `@f(inputs..., outputs...)` is renamed to `<prefix>_run` (or
    `<prefix>_<f>_run` when the module has several entry points, `<f>_run`
    without a prefix), gains a trailing workspace argument and returns an
    `i32` status: 0 on success, or, for a function whose one remaining
    result is the `i1` marked `tl.status` (see `tl-distinct-results`), 1
    where that flag is false (a fixpoint did not converge within its
    iteration bound). A function `<prefix>_workspace_size()`
    returning the workspace size in bytes is added next to it. Entry points
    are tagged `tl.entry` for `tl-entry-wrappers`.
  }];
  let options = [
    Option<"prefix", "prefix", "std::string", /*default=*/"\"\"",
           "Symbol prefix of the generated C functions">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

def TLEntryWrappers : Pass<"tl-entry-wrappers", "mlir::ModuleOp"> {
  let summary = "Add `<name>_packed(void **args)` wrappers to LLVM entry points";
  let description = [{
    For each `llvm.func` tagged `tl.entry` (bare-pointer convention: one
    pointer per buffer), adds `int32_t <name>_packed(void **args)` that
    loads the pointers from an array and calls the entry point. Generic
    harnesses (tests, `tlc run`) call entry points of any arity through it.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def TLBatchEntries : Pass<"tl-batch-entries", "mlir::ModuleOp"> {
  let summary = "Entry points that take the batch size: loops over chunks";
  let description = [{
    Runs last, on the LLVM dialect. A graph with a batch dimension (`?` in
    a `.tl` input) is compiled twice by `tlc`: for a chunk of C rows and for
    one row, as entry points tagged `tl.batch_entry = "BASE"` and
    `tl.batch_size = C` (or 1), with `tl.batch_rows`: for each buffer
    argument, the bytes of one batch row (0: not batched). This pass adds

    - `size_t BASE_workspace_size(int64_t batch)`: the larger of the two
      plans' workspaces if batch >= C, else the one-row plan's;
    - `int32_t BASE_run(int64_t batch, buffers..., void *workspace,
      size_t workspace_bytes)`: returns 3 if batch < 1, 2 if the workspace
      is NULL but needed, 4 if workspace_bytes is smaller than
      `BASE_workspace_size(batch)`; otherwise runs the chunk entry on
      batch / C chunks and the one-row entry on the rest, each on pointers
      offset to its rows (batch rows are independent: tl-check-batch). A
      status above 1 stops it and is returned; status 1 (a fixpoint did not
      converge) lets the other rows run and is returned at the end;
    - `BASE_run_packed(void **args)` with args = {&batch, buffers...,
      workspace, &workspace_bytes}.

    Errors are also reported to libtlrt's `tlrt_report_error` (declared
    weak: objects need libtlrt only to read the message). The two
    specialised entry points become internal.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def TLGpuSingleModule : Pass<"tl-gpu-single-module", "mlir::ModuleOp"> {
  let summary = "Gather all outlined GPU kernels into one gpu.module";
  let description = [{
    Upstream `gpu-kernel-outlining` puts each kernel in a `gpu.module` of
    its own; tlc's device code is one module (one PTX file, one binary to
    load): every `gpu.func` moves into the first `gpu.module` (renamed on a
    name clash) and each `gpu.launch_func` is redirected.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect"];
}

def TLGpuTileContractions
    : Pass<"tl-gpu-tile-contractions", "mlir::func::FuncOp"> {
  let summary = "Shared-memory tiles and thread tiles for GPU contractions";
  let description = [{
    Runs on buffers. Each `linalg` contraction with static shapes, one m,
    one n and one k dimension (any semiring: its scalar body is cloned), and
    batch dimensions, becomes the classic GPU GEMM schedule in `scf.forall`
    loops with GPU mapping attributes:

    - a grid of blocks (`#gpu.block<z/y/x>`: batch, 64-row and 64-column
      tiles of the result);
    - per block, 256 threads (`#gpu.thread<y/x>`, 16 x 16), each owning a
      4 x 4 tile of the result (strided by 16, so that neighbouring
      threads touch neighbouring words of shared memory);
    - the K dimension in steps of 16: each step the block's threads copy
      the 64 x 16 tiles of both operands into shared memory (coalesced:
      neighbouring threads read along the operand's innermost dimension),
      and then each thread updates its 4 x 4 accumulators from them in
      registers. A K that is not a multiple of 16 ends with one shorter
      step, so no padding enters the semiring's sum.

    Each thread-level `scf.forall` is a phase that every thread of the
    block finishes before the next begins (a barrier on the GPU). The
    accumulator tile lives in shared memory between phases and in
    registers during a step. Bounds checks keep rows and columns outside
    the result untouched. `tl-gpu-map-forall` then maps the loops to a
    `gpu.launch`; with `on-host`, the same loops run on the CPU (shared
    memory becomes stack memory), which is how the schedule is checked
    without a GPU.
  }];
  let options = [
    Option<"onHost", "on-host", "bool", /*default=*/"false",
           "Allocate the tiles in host memory (the schedule run on the CPU)">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::gpu::GPUDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect"];
}

def TLGpuTileReductions
    : Pass<"tl-gpu-tile-reductions", "mlir::func::FuncOp"> {
  let summary = "Block-level reductions for the GPU";
  let description = [{
    Runs on buffers. A `linalg.generic` that reduces along rows (its last
    loop dimension is a reduction and is the innermost dimension of every
    input that depends on it; at least 64 elements per row) and whose
    reduced results each come from one combiner with a neutral element
    (`arith.addf`, `maximumf`, `ori`, ...) gets a block-level schedule, in
    the same `scf.forall` form as `tl-gpu-tile-contractions`:

    - the 32 threads of a warp share a row, 8 rows per block; with at most
      16 rows (a whole-tensor sum, say), all 256 threads of a block share
      each row;
    - each thread folds the row's elements `tx, tx + 32, ...` into partial
      results through the op's own body (so a fused `exp(x - max)` is
      computed on the way, and results written element by element, such
      as softmax's exponentials, are stored as they are computed),
      starting from the combiner's neutral element;
    - the partials meet in shared memory, combined as a tree (5 or 8
      phases), and the last step folds in the result's initial value.

    Neighbouring threads read neighbouring elements of a row (coalesced),
    instead of each thread walking a row of its own. With `on-host`, the
    same loops run on the CPU.
  }];
  let options = [
    Option<"onHost", "on-host", "bool", /*default=*/"false",
           "Allocate the partials in host memory (the schedule run on the "
           "CPU)">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::gpu::GPUDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect"];
}

def TLGpuParallelLoops
    : Pass<"tl-gpu-parallel-loops", "mlir::func::FuncOp"> {
  let summary = "Linalg ops to parallel loops in GPU blocks of 256 threads";
  let description = [{
    Runs on buffers, on the linalg ops `tl-gpu-tile-contractions` left
    (maps, fused groups, reductions, softmax), before upstream
    `gpu-map-parallel-loops{mapping-policy=innermost-first}`. A generic's
    parallel dimensions are moved ahead of its reductions (upstream
    `interchangeGenericOp`), so that a reduction over a middle axis runs
    its loop inside each thread and every parallel dimension is spread
    over threads. Each op becomes an `scf.parallel` over its parallel
    dimensions with its reductions as loops inside (upstream
    `linalgOpToParallelLoops`). A loop of
    three or more dimensions has its outer dimensions collapsed into one
    (upstream `collapseParallelLoops`), so that the innermost dimension,
    the contiguous one in memory, stays a dimension of its own. Then
    (upstream `tileParallelLoop`, full tiles with guards) a 2-D loop is
    tiled 8 x 32 and a 1-D loop 256: blocks of 256 threads in which the 32
    threads of a warp read 32 neighbouring elements (coalesced). Where the
    outer dimension would need more than 65535 blocks (the grid's y limit),
    the loop is collapsed to one dimension instead.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def TLGpuMapForall : Pass<"tl-gpu-map-forall", "mlir::ModuleOp"> {
  let summary = "Map tl-gpu-tile-contractions' loops onto gpu.launch ops";
  let description = [{
    Each block-level `scf.forall` of `tl-gpu-tile-contractions` becomes a
    `gpu.launch` through upstream's transform ops
    (`transform.gpu.map_forall_to_blocks generate_gpu_launch`, then
    `transform.gpu.map_nested_forall_to_threads`, which puts a
    `gpu.barrier` after every thread-level loop), applied by the transform
    interpreter. Then the tiles' `memref.alloc`s in workgroup memory become
    workgroup attributions of the launch, which outlining and
    `convert-gpu-to-nvvm` turn into shared memory; upstream has no pattern
    for this (its NVVM lowering would call malloc).
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect",
                           "mlir::transform::TransformDialect"];
}

def TLGpuHostBuffers : Pass<"tl-gpu-host-buffers", "mlir::ModuleOp"> {
  let summary = "Entry points on host buffers: device copies around the kernels";
  let description = [{
    Runs after `convert-parallel-loops-to-gpu`, on C entry points (tagged
    `tl.entry`) whose work is in `gpu.launch` ops. Each buffer argument
    (the caller's host memory; not the workspace) gets a device buffer
    (`gpu.alloc`) that replaces it, filled from it first (`gpu.memcpy`);
    arguments the code writes (the outputs) are copied back before each
    return, and the device buffers freed. Intermediate `memref.alloc`s
    become `gpu.alloc`s. The entry point then returns
    `tlrt_gpu_take_status()` (libtlrt) where it is nonzero: a driver error.
    Code that would touch device memory on the host (a load, store or copy
    outside a kernel) is an error: that part of the graph has no GPU
    lowering yet. Each entry point also gets `<name>_device`, which takes
    device buffers (no copies) and a last stream argument, handed to
    libtlrt's `tlrt_gpu_use_stream` so that the calls go on that stream. Upstream `gpu-async-region` then puts the calls on one
    stream. Before that check, runs of host code that touch memory (the
    sequential loops of a whole-tensor reduction, a scalar epilogue) move
    into kernels of one thread, where nothing they define is used after
    them; in nested blocks too (a fixpoint's loop). A scalar the host needs
    from a one-element buffer (a fixpoint's convergence flag) is copied to
    a host buffer allocated at the entry, and read there. With
    `buffers=false` (for `--emit=ptx`) only that is done, on
    every function.
  }];
  let options = [
    Option<"buffers", "buffers", "bool", /*default=*/"true",
           "Move entry points' buffers to the device (false: only put host "
           "code that touches memory into kernels)">
  ];
  let dependentDialects = ["mlir::gpu::GPUDialect", "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect"];
}

def TLCpuContractions : Pass<"tl-cpu-contractions", "mlir::func::FuncOp"> {
  let summary = "Pack, tile and vectorize contractions for the CPU";
  let description = [{
    Runs on linalg on tensors. Each floating-point `linalg.generic` that is
    a contraction (a product folded into a sum over at least one m, one n
    and one k dimension: matmuls, batched matmuls, einsums with transposed
    operands) is rewritten the way BLAS libraries compute a GEMM:

    0. Operand order: upstream's packing takes the first input as A (its
       dimensions become m) and the second as B (n). Where the first
       input's innermost dimension is the result's and the second input
       does not index it, the inputs are swapped (the product commutes),
       so that B and the result both stream their innermost dimension as
       n and need no transposed copies (attention's `P V`: 1.19 -> 0.94
       ms on one thread).
    1. Packing (upstream `linalg::blockPackMatmul`): the operands are
       copied into blocked layouts `A[MB][K][mr]`, `B[NB][K][nr]` and
       `C[NB][MB][mr][nr]` (`linalg::packTranspose`: consecutive kernels
       then touch consecutive tiles), padded with zeros to whole blocks, so
       a micro-kernel reads both operands contiguously and sizes that are
       not multiples of the vector width need no masked or scalar tails.
       Where K is one block and an operand needs no padding, it is read in
       place instead, viewed as its pack would lay it out: A always, B
       where a whole matrix spans at most 64 KiB, and the result (laid out
       with n innermost) viewed as `[MB][mr][NB][nr]`.
    2. Tiling (upstream `scf::tileUsingSCF`): the packed K dimension in
       blocks of `k-block`, outermost (so a `k-block`-deep block of A stays
       in L2 while every panel of B passes over it, and a `k-block x nr`
       panel of B stays in L1), then every block loop with the NB loop
       outside the MB loop (the B panel is reused across the rows of A),
       then K one at a time. An accumulator that starts as a fill is not
       filled: each kernel tile starts from the fill's value in the first
       K block and from its tile in the others.
    3. Vectorization (upstream `linalg::vectorize`): the `mr x nr` tile
       becomes vector operations; after `loop-invariant-subset-hoisting`
       the accumulator is a loop-carried vector (registers) across the K
       loop, and each K step is `mr` broadcasts of A times `nr / lanes`
       vector loads of B: `mr * nr / lanes` FMAs.
    4. The packs and unpacks are tiled (a block by 8 steps of K; one
       `mr x nr` block) and vectorized, with masks for the padding; a
       partial tile's dynamically sized tensor becomes a slice of a static
       one (its sizes' upper bounds, upstream `tensor::buildIndependentOp`),
       so no tile allocates in its loop.

    With `threads`, inside each K block, a contraction of at least 2 MFLOP
    becomes an `scf.forall` over the panels of B and the batch dimensions
    (threads write disjoint columns of C); the CPU pipeline turns it into
    an OpenMP parallel loop. Also with `threads`, a float reduction of a whole
    tensor of at least 1 MiB (a sum of everything: no parallel dimension)
    is split into 16 partial reductions and a combining one (upstream
    `linalg::splitReduction`), whose partials `tl-parallel-loops` runs on
    threads.

    `mr` and `nr` follow the target's vector registers (`vector-bits`,
    `vector-registers`) and the result's extents: `nr` is `nr-vectors`
    vectors of the element type (twice as many for f64 on 512-bit vectors,
    the same 32 columns as f32; one where the result fits in one) and `mr`
    the rows whose accumulators leave room for the B vectors and the A
    broadcast, at most 8 (16 with one vector) and at most M; with K in one
    block, fewer rows (down to half) where that divides M. x86-64-v4: 8 x
    32 f32, 6 x 32 f64; x86-64-v3: 6 x 16 f32; NEON: 8 x 8 f32. Other ops
    are left alone.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Width of the target's vector registers in bits">,
    Option<"vectorRegisters", "vector-registers", "unsigned",
           /*default=*/"32", "Number of the target's vector registers">,
    Option<"kBlock", "k-block", "int64_t", /*default=*/"256",
           "Block of the reduction dimension kept in cache, in 32-bit "
           "elements (half as many for f64)">,
    Option<"mr", "mr", "int64_t", /*default=*/"0",
           "Rows of the micro-kernel (0: from the registers)">,
    Option<"nrVectors", "nr-vectors", "int64_t", /*default=*/"2",
           "Columns of the micro-kernel, in vectors">,
    Option<"threads", "threads", "bool", /*default=*/"true",
           "Distribute the panels of large contractions over threads "
           "(scf.forall)">,
  ];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect", "mlir::vector::VectorDialect",
    "mlir::affine::AffineDialect", "mlir::arith::ArithDialect"
  ];
}

def TLBoolBytes : Pass<"tl-bool-bytes", "mlir::ModuleOp"> {
  let summary = "Booleans in memory as the bytes they are";
  let description = [{
    Runs on the LLVM dialect. tlc stores a Boolean (`i1`) as one byte, 0 or
    1, as C's `bool` is; LLVM does too, but it does not vectorize loops
    over `i1` loads and stores, whose type is narrower than their memory
    (an "irregular" type). Each scalar `llvm.load` of an `i1` becomes a
    load of the `i8` byte and a truncation, and each `llvm.store` of an
    `i1` a zero extension and a store of the byte. The memory is the same;
    the loops over relations (the packing of a Boolean product's rows into
    words, its unpacking) become loops over bytes that LLVM vectorizes.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def TLFlattenVectors : Pass<"tl-flatten-vectors", "mlir::func::FuncOp"> {
  let summary = "Packing and kernel tiles as the 2-D vectors they are";
  let description = [{
    Runs after bufferization, before vectors are unrolled and lowered to
    LLVM. A vectorized pack that transposes its tile reads it, reshapes it
    to the packed tile's rank (unit dimensions included:
    `vector<1x8x8x1xf32>`), transposes and writes it. LLVM has only 1-D
    vectors, so a trailing unit dimension makes every element its own
    `<1 x float>`: an 8x8 tile became 64 scalar extracts and inserts,
    which LLVM's InstCombine and instruction selection turned back into
    8 shuffles, slowly. This pass applies upstream's unit-dimension
    patterns (transfers through rank-reducing subviews, transposes through
    `vector.shape_cast`) to each transpose and the reads, writes and shape
    casts around it, so that it reaches LLVM as the 2-D transpose it is.
    (Applied to the whole function, the same patterns gave the kernels'
    broadcast reads a trailing unit dimension, and their code grew.)

    A 2-D tile with a side that is not a multiple of 8 (a 10-row kernel's
    pack) is read and written as the next multiple, the extra rows or
    columns out of bounds, so masked: LLVM selected shuffles of
    `<10 x float>` slowly (chain3: 149 -> 118 ms). A 2-D transpose larger
    than 8x8 whose sides are multiples of 8 is then unrolled into 8x8
    blocks (upstream unrolling). Each block is one
    shuffle, which LLVM selects as 8 two-register permutes; as one shuffle
    of the whole tile, a 32x8 tile became 240 shuffles of two registers.

    A micro-kernel's operand read, which broadcasts along one side of the
    tile with the unit K step innermost (`vector<1x1x1x8x32x1xf32>`),
    becomes one 1-D read broadcast down the tile (B's row) or one scalar
    load per row splat along it (A's column). Lowered as it was, each row
    of the tile was rebuilt from 32 extracts and inserts, a third of the
    LLVM instructions InstCombine saw for attention. The kernels' machine
    code is the same; attention compiles in 193 instead of 207 ms.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::ub::UBDialect",
                           "mlir::vector::VectorDialect"];
}

def TLScaleAfterContraction
    : Pass<"tl-scale-after-contraction", "mlir::func::FuncOp"> {
  let summary = "Scale a sum of products' result instead of its operand";
  let description = [{
    Runs on linalg on tensors, before `tl-fuse-elementwise`. Where an
    operand of a contraction `out += a * b` (floats, accumulator filled
    with zero) is an elementwise product `E * r` read by nothing else, and
    `r` varies only along dimensions the contraction keeps in its result,
    the contraction reads `E` and its result is multiplied by `r`:
    `sum_k (E[i, k] r[i]) V[k, j] = r[i] sum_k E[i, k] V[k, j]`. Softmax
    followed by a contraction over its axis (attention's `P V`) normalized
    every 256-wide row of `P` (a pass over 8x256x256 values); now it scales
    the 64-wide rows of the result: 1.19 -> 1.14 ms on one thread, the
    same on two (0.53 ms). The rounding differs from the product of
    normalized values by a few ulps.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::arith::ArithDialect"];
}

def TLFuseElementwise : Pass<"tl-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Fuse elementwise maps into the ops that read them";
  let description = [{
    Runs on linalg on tensors, before `tl-cpu-contractions`. An elementwise
    `linalg.generic` (all loops parallel, one result) whose every reader is
    a `linalg.generic` that reads it element for element (its indexing map
    there is a permutation, so no element is computed twice) is fused into
    each reader (upstream `linalg::fuseElementwiseOps`), and its result is
    no longer written to memory. A map read by several ops is copied into
    each where its body is arithmetic only (no `math` ops, which cost more
    than a pass over memory saves). Contractions, as reader or as map, are
    left alone: `tl-cpu-contractions` packs and tiles them, and needs their
    multiply-add body. So are the Boolean products' generics, which carry
    `tl.*` markers for later passes.

    Attention's `softmax(Q K * 0.125)`: the scale was a pass of its own
    over the 8x256x256 scores, read back by the max and by the sum of
    exponentials; it is now computed in both (1.30 -> 1.18-1.25 ms on one
    thread, 0.59 -> 0.575 ms on two), and the object has one parallel
    region fewer.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def TLLowerCopies : Pass<"tl-lower-copies", "mlir::func::FuncOp"> {
  let summary = "Rewrite strided memref.copy as linalg.copy";
  let description = [{
    Runs after bufferization. A `memref.copy` whose operands are not both
    contiguous lowers, upstream, to a call of the MLIR runtime's
    `memrefCopy`, which objects compiled by tlc do not link. This pass
    rewrites such copies as `linalg.copy`, which becomes loops.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def TLOmpHoistAllocas : Pass<"tl-omp-hoist-allocas", "mlir::func::FuncOp"> {
  let summary = "Allocate a worksharing loop's stack buffers once per thread";
  let description = [{
    Runs after `convert-scf-to-openmp`, which wraps each parallel loop's
    body in a `memref.alloca_scope`. The static allocas at the top level of
    that scope (one iteration's scratch, such as a Boolean product's list
    of set bits) move to the start of the enclosing `omp.parallel` region:
    a thread runs its iterations one after another, and an iteration's
    alloca is uninitialised memory that dies with the iteration, so one
    buffer per thread serves them all. Upstream's canonicalization
    (`AllocaScopeHoister`) left such allocas in the worksharing loop, and
    a scope left there would hold several blocks after
    `convert-scf-to-cf`, which `memref.alloca_scope` does not allow. A
    scope the pass empties of allocas is inlined; allocas nested deeper
    (inside a loop of the iteration) stay, and so do scopes the pass does
    not change.
  }];
  let dependentDialects = ["mlir::omp::OpenMPDialect",
                           "mlir::memref::MemRefDialect"];
}

def TLOmpNowait : Pass<"tl-omp-nowait", "mlir::func::FuncOp"> {
  let summary = "Drop the barrier of a worksharing loop that ends its parallel region";
  let description = [{
    Runs after `convert-scf-to-openmp`, which wraps each parallel loop in
    its own `omp.parallel` region around one `omp.wsloop`. The loop's
    implicit barrier is then followed at once by the region's own (the
    join), so the loop gets `nowait`: one barrier per parallel region
    instead of two (about 1 us of a 37 us 2-thread sum of 1M floats).
    Loops with reductions keep their barrier.
  }];
  let dependentDialects = ["mlir::omp::OpenMPDialect"];
}

def TLMemoryPlan : Pass<"tl-memory-plan", "mlir::ModuleOp"> {
  let summary = "Place intermediate buffers in the caller's workspace";
  let description = [{
    Runs after `tl-c-abi`, before deallocation is inserted. In each entry
    point, every `memref.alloc` with a static shape in the function's body
    (not inside a loop or branch) becomes a `memref.view` into the
    workspace argument at an offset chosen from liveness: a buffer lives
    from its allocation to the last top-level op that uses it or any view
    of it (a buffer used inside a loop lives until the loop ends). Buffers
    are placed largest first at the lowest 64-byte-aligned offset that does
    not overlap a buffer live at the same time (first fit, as in TFLite's
    and IREE's static planners), so buffers whose lifetimes do not overlap
    share memory. `<name>_workspace_size()` returns the peak; the
    allocations disappear, and with them their deallocations. Where the
    peak is not zero, the entry point first checks the workspace pointer
    and returns status 2 if it is null.

    A buffer allocated inside a loop body and not yielded lives within one
    iteration, so one place serves all iterations; it is live for the
    whole loop. Buffers that become a loop's or branch's state (the state
    of a fixpoint, which one iteration yields to the next, where heap
    ownership decides at run time what to free), buffers inside parallel
    loops (each thread needs its own) and dynamically sized ones stay on
    the heap.

    `print` writes the plan to stderr: each buffer's offset, size and live
    range (as top-level op indices), the peak and the sum of all buffers.
  }];
  let options = [
    Option<"print", "print", "bool", /*default=*/"false",
           "Print each entry point's plan to stderr">,
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::memref::MemRefDialect",
    "mlir::cf::ControlFlowDialect"
  ];
}

def TLMathApproximation : Pass<"tl-math-approximation", "mlir::func::FuncOp"> {
  let summary = "Polynomial approximations of f32 exp, log and tanh";
  let description = [{
    Rewrites `math.exp`, `math.log` and `math.tanh` on `f32` (and vectors
    of it) with upstream MLIR's polynomial approximations
    (`populateMathPolynomialApproximationPatterns`): plain arithmetic that
    LLVM vectorizes, instead of a libm call per element. `tlc` runs it at
    -O2 for CPU targets; `f64` keeps libm. The error against a
    correctly rounded result, measured by `bench/math_accuracy.py` over
    every float class (normals, subnormals, 0, inf, NaN): see
    docs/performance.md.

    With `scaled-exp` (tlc sets it for AVX-512 targets), `exp` is instead
    `2^k * p(r)`: `k = roundeven(x * log2(e))`, `r = x - k ln 2` in two
    steps (Cody and Waite), a degree-7 polynomial `p` (Cephes' `expf`),
    and `llvm.intr.ldexp`, which AVX-512 does in one `vscalefps`, overflow
    to inf and subnormal results included: 15 vector operations for
    upstream's 21, where a vectorized sigmoid or exp is bound by them.
    Elsewhere a vector ldexp is not one instruction, and the option stays
    off.
  }];
  let options = [
    Option<"scaledExp", "scaled-exp", "bool", /*default=*/"false",
           "f32 exp as a polynomial scaled by ldexp (AVX-512's vscalefps)">,
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::vector::VectorDialect", "mlir::LLVM::LLVMDialect"
  ];
}

def TLParallelLoops : Pass<"tl-parallel-loops", "mlir::func::FuncOp"> {
  let summary = "Run the outer loop of large memory-bound ops on threads";
  let description = [{
    Runs after bufferization. A `linalg.generic` on memrefs (an elementwise
    map, or a reduction over inner dimensions) whose outermost loop is
    parallel and whose operands hold at least 1 MiB becomes loops
    (`linalg::linalgOpToLoops`) whose outermost `scf.for` is then an
    `scf.parallel`: `convert-scf-to-openmp` distributes it over threads,
    and the inner loops stay plain so LLVM vectorizes them. Such ops are
    memory-bound: each core brings its own bandwidth. Smaller ops stay on
    one thread (forking costs microseconds); ops already inside a parallel
    loop are left alone.

    Bit-packed Boolean products (`tl-to-linalg` marks their generics):
    - The word-level product (`tl.bitpacked_product`) keeps R's row in
      registers (a vector, up to 64 words) and takes A's row 64 relations
      at a time as a word whose set bits it visits in order (count
      trailing zeros), ORing in the rows of B they select:
      `parallel x { for each 64 y { for each set bit y { R[x] |= B[y] } } }`.
      Wider rows: `parallel x { for y { if A[x, y] { for w { R[x, w] |=
      B[y, w] } } } }`.
    - Packing (`tl.bitpack`) and unpacking (`tl.bitunpack`), and A's words
      where its rows are whole words, go 64 Booleans per vector of bytes:
      loaded through the buffer's address (no memref views `i1` as `i8`),
      compared with zero and bitcast to a word (`vptestmb`, `kmovq`), or a
      word bitcast to 64 Booleans and widened to bytes.
    - Where an unpack of R follows the register product (and nothing else
      reads R), the product writes each row's words straight into the
      result's bytes, and the unpack is gone.
    - A fill or copy that the pack or the register product then overwrites
      whole, with nothing reading it in between, is erased (bufferization
      leaves R's zeros and a copy of them into B's words).
    - With `set-bit-index-bits=16` or `32` (AVX-512 targets), the register
      product first gathers the positions of each A row's set bits into a
      list on the stack, 64 relations at a time, with compressing stores
      (`vector.compressstore` of an index vector under the word's bits:
      `vpcompressw` with VBMI2 for 16-bit indices, `vpcompressd` for
      32-bit), then ORs in B's rows in one loop over the list, four
      entries per iteration ORed as a tree (LLVM's unroller is off). The
      per-word loop of count-trailing-zeros ends at an unpredictable trip
      count, a branch miss per word at low density; one loop per row has
      one. (2048 relations at 5%: 0.95 to 0.71 ms in a C model; lists
      are used where they take at most 64 KiB.)
  }];
  let options = [
    Option<"setBitIndexBits", "set-bit-index-bits", "unsigned", "0",
           "Width of the set-bit indices the register product gathers "
           "with compressing stores: 16 (AVX-512 VBMI2), 32 (AVX-512F), "
           "or 0 to visit each word's bits by count-trailing-zeros">
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
    "mlir::memref::MemRefDialect", "mlir::vector::VectorDialect",
    "mlir::math::MathDialect", "mlir::LLVM::LLVMDialect"
  ];
}

#endif
