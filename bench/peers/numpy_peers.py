#!/usr/bin/python3
"""The Python peers of tlc's CPU benchmarks: numpy (plain operators and
matmul), np.einsum(..., optimize=True) and opt_einsum.contract, on the
einsum-shaped workloads of the suite. Prints the lines bench/peers/peers.cpp
prints:

  workload <TAB> peer <TAB> threads <TAB> median_ms <TAB> metric <TAB> unit

Each time is the median of at least --repeats runs and 20 ms of runs, after
200 ms of warm-up, as bench/harness.c times tlc's code; inputs are
filled with bench/harness.c's LCG and seeds (values in [-1, 1]). Every peer's
output is checked against a float64 evaluation of the same formula before its
line is printed; a disagreement ends the script with status 1. The metric is
GFLOP/s of the contractions in their cheapest pairwise order, fixed per
workload, so it is proportional to 1 / time across peers.

Run with Debian's python3 and opt_einsum on the path:
  PYTHONPATH=build/pydeps /usr/bin/python3 bench/peers/numpy_peers.py \
      [--threads N] [--repeats N] [--only SUBSTRING]
"""

import argparse
import os
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--only", default="")
    args = p.parse_args()
    if args.threads < 1 or args.repeats < 1:
        p.error("--threads and --repeats must be positive")
    return args


ARGS = parse_args()

# OpenBLAS fixes its thread pool when numpy loads it, so the count has to be
# in the environment before the import; re-exec once with it set rather than
# trust the caller's environment.
_want = str(ARGS.threads)
if (os.environ.get("OPENBLAS_NUM_THREADS") != _want
        or os.environ.get("OMP_NUM_THREADS") != _want):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=_want, OMP_NUM_THREADS=_want)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import ctypes  # noqa: E402

import numpy as np  # noqa: E402
import opt_einsum  # noqa: E402


def fail(workload, peer, why):
    print(f"numpy_peers: {workload}/{peer} gives a wrong result: {why}",
          file=sys.stderr)
    sys.exit(1)


def blas_info():
    """numpy's BLAS (Debian's libblas.so.3 alternative, OpenBLAS here):
    its kernel and thread count, or None where it is not OpenBLAS."""
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        return (blas.openblas_get_corename().decode(),
                blas.openblas_get_num_threads())
    except (OSError, AttributeError):
        return None


def filled(shape, seed, dtype=np.float32):
    """bench/harness.c's fill: seed = seed * 1664525 + 1013904223 (mod 2^32)
    before each element, value (seed >> 8) / 2^24 * 2 - 1. In closed form the
    k-th seed is a^k seed + c (1 + a + ... + a^(k-1)), all mod 2^32, which
    uint32 cumprod/cumsum compute by wrapping."""
    n = int(np.prod(shape))
    powers = np.cumprod(np.full(n, 1664525, dtype=np.uint32), dtype=np.uint32)
    geometric = np.cumsum(
        np.concatenate(([np.uint32(1)], powers[:-1])), dtype=np.uint32)
    seeds = powers * np.uint32(seed) + np.uint32(1013904223) * geometric
    values = (seeds >> np.uint32(8)) / float(1 << 24) * 2 - 1
    return values.astype(dtype).reshape(shape)


def seed_of(i):
    """The seed harness.c gives its i-th input."""
    return 17 * (i + 1)


def median_ms(run):
    """The median of at least --repeats runs and at least 20 ms of runs,
    after 200 ms of warm-up (bench/harness.c's protocol)."""
    start = time.perf_counter()
    while time.perf_counter() - start < 0.2:
        run()
    times = []
    begin = time.perf_counter()
    while len(times) < ARGS.repeats or time.perf_counter() - begin < 0.02:
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2]


def bench(workload, gflop, inputs, reference, peers):
    """Times each peer (name -> function of the inputs) and checks its output
    against reference (a function evaluated on float64 copies) within 1e-3
    of the reference's largest magnitude."""
    if ARGS.only not in workload:
        return
    want = reference(*[x.astype(np.float64) for x in inputs])
    scale = np.max(np.abs(want))
    for peer, fn in peers.items():
        got = fn(*inputs)
        if got.shape != want.shape:
            fail(workload, peer, f"shape {got.shape}, want {want.shape}")
        diff = np.max(np.abs(got.astype(np.float64) - want))
        if not diff <= 1e-3 * scale:
            fail(workload, peer,
                 f"max |difference| {diff} > 1e-3 * max |reference| {scale}")
        ms = median_ms(lambda: fn(*inputs))
        print(f"{workload}\t{peer}\t{ARGS.threads}\t{ms:.5f}\t"
              f"{gflop / (ms * 1e-3):.2f}\tGFLOP/s", flush=True)


def einsum_peers(spec, plain=None):
    """numpy_einsum and opt_einsum for one einsum, after plain numpy."""
    peers = {"numpy": plain} if plain else {}
    peers["numpy_einsum"] = lambda *xs: np.einsum(spec, *xs, optimize=True)
    peers["opt_einsum"] = lambda *xs: opt_einsum.contract(spec, *xs)
    return peers


def softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention(contract, scale):
    """softmax(Q K^T * scale) V with the two products done by contract."""
    def run(q, k, v):
        p = softmax(contract("bqd,bkd->bqk", q, k) * q.dtype.type(scale))
        return contract("bqk,bkd->bqd", p, v)
    return run


def main():
    info = blas_info()
    if info and info[1] != ARGS.threads:
        print(f"numpy_peers: OpenBLAS runs {info[1]} threads, not "
              f"{ARGS.threads}", file=sys.stderr)
        sys.exit(1)
    print(f"# numpy\t{np.__version__}\topenblas "
          f"{info[0] if info else 'absent'}")
    print(f"# opt_einsum\t{opt_einsum.__version__}", flush=True)

    n = 1000
    for dtype, workload in ((np.float32, "matmul_f32"),
                            (np.float64, "matmul_f64")):
        a, b = filled((n, n), seed_of(0), dtype), filled((n, n), seed_of(1),
                                                         dtype)
        bench(workload, 2 * n**3 / 1e9, [a, b], lambda a, b: a @ b,
              {"numpy": lambda a, b: a @ b})

    nb, n = 64, 128
    bench("bmm", 2 * nb * n**3 / 1e9,
          [filled((nb, n, n), seed_of(0)), filled((nb, n, n), seed_of(1))],
          lambda a, b: a @ b, einsum_peers("bij,bjk->bik", lambda a, b: a @ b))

    # ij,jk,kl->il is cheapest as A (B C): 2 * 10*1000*10 + 2 * 1000*10*10.
    i, j, k, l = 1000, 10, 1000, 10
    chain = lambda a, b, c: np.linalg.multi_dot([a, b, c])  # noqa: E731
    bench("chain3", (2 * j * k * l + 2 * i * j * l) / 1e9,
          [filled((i, j), seed_of(0)), filled((j, k), seed_of(1)),
           filled((k, l), seed_of(2))],
          chain, einsum_peers("ij,jk,kl->il", chain))

    b, i, j = 4096, 256, 256
    bilinear = lambda x, w, y: ((x @ w) * y).sum(axis=1)  # noqa: E731
    bench("bilinear", (2 * b * i * j + 2 * b * j) / 1e9,
          [filled((b, i), seed_of(0)), filled((i, j), seed_of(1)),
           filled((b, j), seed_of(2))],
          bilinear, einsum_peers("bi,ij,bj->b", bilinear))

    b, h, q, d = 8, 8, 256, 64
    scores = lambda q, k: q @ k.swapaxes(-1, -2)  # noqa: E731
    bench("attn_scores", 2 * b * h * q * q * d / 1e9,
          [filled((b, h, q, d), seed_of(0)), filled((b, h, q, d), seed_of(1))],
          scores, einsum_peers("bhqd,bhkd->bhqk", scores))

    m, i, o = 256, 1024, 1024
    mlp = lambda x, w, c: np.maximum(x @ w + c, 0)  # noqa: E731
    bench("mlp_layer", (2 * m * i * o + 2 * m * o) / 1e9,
          [filled((m, i), seed_of(0)), filled((i, o), seed_of(1)),
           filled((o,), seed_of(2))],
          mlp, {"numpy": mlp,
                "numpy_einsum": lambda x, w, c: np.maximum(
                    np.einsum("bi,ih->bh", x, w, optimize=True) + c, 0),
                "opt_einsum": lambda x, w, c: np.maximum(
                    opt_einsum.contract("bi,ih->bh", x, w) + c, 0)})

    b, q, d = 8, 256, 64
    scale = 1 / np.sqrt(d)
    matmul = lambda spec, x, y: (  # noqa: E731
        x @ y.swapaxes(-1, -2) if spec == "bqd,bkd->bqk" else x @ y)
    bench("attention", 2 * 2 * b * q * q * d / 1e9,
          [filled((b, q, d), seed_of(i)) for i in range(3)],
          attention(matmul, scale),
          {"numpy": attention(matmul, scale),
           "numpy_einsum": attention(
               lambda s, x, y: np.einsum(s, x, y, optimize=True), scale),
           "opt_einsum": attention(opt_einsum.contract, scale)})


if __name__ == "__main__":
    main()
