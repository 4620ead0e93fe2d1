#!/usr/bin/env python3
"""End-to-end check of one tl function.

Compiles FILE.mlir with tlc to an object, links it into the generic C driver,
runs it on random inputs, and compares every output with the reference
interpreter (`tlc run --reference`). Also runs the JIT path (`tlc run`), and,
with --numpy, checks the reference against a numpy expression of the inputs.
With --target aarch64 the object is cross-linked and run under qemu-aarch64.
The object's status code must be 0, or --expect-status (1: a fixpoint did
not converge within its bound; its outputs are still compared).
Exit status 0 when everything matches; otherwise a report of the mismatch.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
# bench/tlc_entry.h, which driver.c shares with the benchmark harnesses.
BENCH = os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench")
LLVM_LIB = "/usr/lib/llvm-22/lib"
OPENMP_LIBS = ["-L" + LLVM_LIB, "-lomp", "-Wl,-rpath," + LLVM_LIB]
DTYPES = {"TLC_DTYPE_F32": np.float32, "TLC_DTYPE_F64": np.float64,
          "TLC_DTYPE_I32": np.int32, "TLC_DTYPE_I64": np.int64,
          "TLC_DTYPE_BOOL": np.bool_}


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit("command failed (%d): %s\n%s%s" % (
            p.returncode, " ".join(cmd), p.stdout, p.stderr))
    return p


# Helpers for --numpy expressions (fixpoints written out as plain loops).

def iterate(step, x0, max_iterations, tol=0.0):
    """tl.fixpoint's semantics on a tuple of arrays: apply `step` until no
    element changes (floats: equal or |new - old| <= tol in their dtype) or
    max_iterations steps ran. Returns (state tuple, converged)."""
    state = tuple(np.asarray(x) for x in x0)
    for _ in range(max_iterations):
        new = tuple(np.asarray(x) for x in step(*state))
        same = True
        for n, o in zip(new, state):
            if np.issubdtype(o.dtype, np.floating):
                with np.errstate(invalid="ignore"):
                    close = (n == o) | (np.abs(n - o) <= o.dtype.type(tol))
            else:
                close = n == o
            same = same and bool(np.all(close))
        state = new
        if same:
            return state, True
    return state, False


def closure(e, max_iterations=None):
    """Transitive closure R = E | R.E of a Boolean adjacency matrix (paths of
    one or more edges), by fixpoint iteration from R = E."""
    e = np.asarray(e, dtype=bool)
    step = lambda r: (r | (r.astype(np.int64) @ e.astype(np.int64) > 0),)
    (r,), _ = iterate(step, (e,), max_iterations or e.shape[0] + 1)
    return r


def shortest_paths(w, max_iterations=None):
    """Bellman-Ford relaxation D = min(D, min_y D[x, y] + W[y, z]) from D = W
    (inf: no edge), in W's dtype."""
    w = np.asarray(w)
    step = lambda d: (np.minimum(d, (d[:, :, None] + w[None, :, :]).min(axis=1)),)
    (d,), _ = iterate(step, (w,), max_iterations or w.shape[0] + 1)
    return d


def parse_header(path, base):
    """(dtype, shape) of each input and output, from the header's macros."""
    text = open(path).read()
    ub = base.upper()
    def tensors(kind):
        n = int(re.search(r"#define %s_NUM_%sPUTS (\d+)" % (ub, kind), text).group(1))
        out = []
        for i in range(n):
            m = "%s_%s%d" % (ub, "IN" if kind == "IN" else "OUT", i)
            dt = re.search(r"#define %s_DTYPE (\w+)" % m, text).group(1)
            shape = re.search(r"#define %s_SHAPE \{([^}]*)\}" % m, text).group(1)
            dims = tuple(int(d) for d in shape.split(",") if d.strip())
            out.append((DTYPES[dt], dims))
        return out
    return tensors("IN"), tensors("OUT")


def random_input(rng, dtype, shape, args):
    if dtype == np.bool_:
        return rng.random(shape) < args.density
    if np.issubdtype(dtype, np.integer):
        lo, hi = (-2**31, 2**31) if args.wide_ints else (-5, 6)
        if dtype == np.int64 and args.wide_ints:
            lo, hi = -2**62, 2**62
        return rng.integers(lo, hi, size=shape, dtype=dtype)
    return rng.uniform(args.low, args.high, size=shape).astype(dtype)


def compare(name, got, want, rtol, atol):
    if got.dtype != want.dtype or got.shape != want.shape:
        return "%s: got %s%s, want %s%s" % (name, got.dtype, got.shape,
                                             want.dtype, want.shape)
    if np.issubdtype(got.dtype, np.floating):
        ok = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    else:
        ok = got == want
    if not np.all(ok):
        bad = np.argwhere(~ok)[:5]
        rows = ", ".join("%s: got %r want %r" % (tuple(i), got[tuple(i)],
                                                 want[tuple(i)]) for i in bad)
        return "%s: %d of %d elements differ (%s)" % (name, np.sum(~ok),
                                                      ok.size, rows)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mlir")
    ap.add_argument("--tlc", required=True)
    ap.add_argument("--work", required=True, help="scratch directory")
    ap.add_argument("--target", default="host")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trials", type=int, default=2)
    ap.add_argument("--low", type=float, default=-1.0)
    ap.add_argument("--high", type=float, default=1.0)
    ap.add_argument("--density", type=float, default=0.3)
    ap.add_argument("--wide-ints", action="store_true",
                    help="draw integers from the whole range (wraparound)")
    ap.add_argument("--rtol", type=float, default=None)
    ap.add_argument("--atol", type=float, default=None)
    ap.add_argument("--numpy", action="append", default=[],
                    help="numpy expression of inputs a[0], a[1], ... that "
                         "output i must equal (once per output, in order)")
    ap.add_argument("--no-jit", action="store_true")
    ap.add_argument("--batch", type=int, action="append", default=[],
                    help="for a program with a batch dimension ('?'): run "
                         "at this batch size (repeatable; each size is a "
                         "trial)")
    ap.add_argument("--tlc-arg", action="append", default=[],
                    help="extra tlc option for compiling and for the JIT "
                         "run (not for the reference)")
    ap.add_argument("--inputs", default=None,
                    help="numpy expression giving the list of inputs, used "
                         "instead of random ones (for special values)")
    ap.add_argument("--expect-status", type=int, default=0, choices=[0, 1],
                    help="status the compiled code must return (1: a "
                         "fixpoint did not converge)")
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    base = re.sub(r"\W", "_", os.path.splitext(os.path.basename(args.mlir))[0])
    obj = os.path.join(args.work, base + ".o")
    run([args.tlc, args.mlir, "-o", obj, "--target=" + args.target] +
        args.tlc_arg)
    header_text = open(os.path.join(args.work, base + ".h")).read()
    ins, outs = parse_header(os.path.join(args.work, base + ".h"), base)
    batched = "#define %s_BATCHED 1" % base.upper() in header_text
    batched_flag = ["-DTLC_BATCHED"] if batched else []
    if batched and not args.batch:
        sys.exit("%s has a batch dimension: give --batch N" % args.mlir)
    if args.batch:
        if not batched:
            sys.exit("--batch given, but %s has no batch dimension" % args.mlir)
        args.trials = len(args.batch)

    exe = os.path.join(args.work, base + ".exe")
    prefix = []
    if args.target == "aarch64":
        run(["aarch64-linux-gnu-gcc", "-O1", "-I", args.work, "-I", BENCH,
             "-DTLC_HEADER=\"%s.h\"" % base, "-DTLC_BASE=" + base] +
            batched_flag + [os.path.join(HERE, "driver.c"), obj, "-lm", "-o", exe])
        prefix = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
    else:
        # Large contractions run on OpenMP threads (LLVM's libomp).
        # --profile objects call libtlrt, next to tlc (build/lib).
        tlrt = []
        if "--profile" in args.tlc_arg or "_GPU 1" in header_text:
            lib = os.path.join(os.path.dirname(os.path.dirname(
                os.path.abspath(shutil.which(args.tlc)))), "lib")
            tlrt = ["-L" + lib, "-ltlrt", "-Wl,-rpath," + lib]
        run([args.cc, "-O1", "-Wall", "-Werror", "-I", args.work, "-I", BENCH,
             "-DTLC_HEADER=\"%s.h\"" % base, "-DTLC_BASE=" + base] +
            batched_flag + [
             os.path.join(HERE, "driver.c"), obj, "-lm"] + tlrt + OPENMP_LIBS +
            ["-o", exe])

    rng = np.random.default_rng(args.seed)
    failures = []
    for trial in range(args.trials):
        d = os.path.join(args.work, "t%d" % trial)
        os.makedirs(d)
        if args.inputs:
            given = eval(args.inputs, {"np": np})
            if len(given) != len(ins):
                sys.exit("--inputs gives %d arrays, the entry point takes %d"
                         % (len(given), len(ins)))
            inputs = [np.asarray(a, dtype=dt).reshape(sh)
                      for a, (dt, sh) in zip(given, ins)]
        else:
            def sized(shape):
                # A batch dimension (-1 in the header): this trial's size.
                return tuple(args.batch[trial] if d < 0 else d for d in shape)
            inputs = [random_input(rng, dt, sized(sh), args) for dt, sh in ins]
        in_paths = []
        for i, a in enumerate(inputs):
            in_paths.append(os.path.join(d, "in%d.npy" % i))
            np.save(in_paths[-1], a)
        def paths(kind):
            return [os.path.join(d, "%s%d.npy" % (kind, i)) for i in range(len(outs))]
        def out_flags(ps):
            return sum((["-o", p] for p in ps), [])
        # tlc run may report a non-converged fixpoint with a failing exit
        # status; its outputs are still compared where it wrote them.
        tolerant = args.expect_status != 0
        ref = paths("ref")
        run_tlc = (lambda cmd: subprocess.run(cmd, capture_output=True)) \
            if tolerant else run
        run_tlc([args.tlc, "run", args.mlir, "--reference"] + in_paths + out_flags(ref))
        obj_out = paths("obj")
        flags = ["--accept-nonconverged"] if tolerant else []
        p = run(prefix + [exe] + flags + in_paths + ["--"] + obj_out)
        status = re.search(r"^status: (-?\d+)$", p.stdout, re.M)
        if not status or int(status.group(1)) != args.expect_status:
            failures.append("trial %d: the object returned %s, expected "
                            "status %d" % (trial, status and status.group(0),
                                           args.expect_status))
            continue
        results = [("object", obj_out)]
        if not args.no_jit and args.target != "aarch64":
            jit = paths("jit")
            run_tlc([args.tlc, "run", args.mlir] + args.tlc_arg + in_paths +
                    out_flags(jit))
            results.append(("jit", jit))
        if tolerant:
            results = [(l, ps) for l, ps in results
                       if all(os.path.exists(q) for q in ps)]
            if not all(os.path.exists(q) for q in ref):
                # No reference outputs: numpy checks the object instead.
                ref = obj_out
        want = [np.load(p) for p in ref]
        for i, expr in enumerate(args.numpy):
            got = np.asarray(eval(expr, {"np": np, "a": inputs,
                                         "iterate": iterate,
                                         "closure": closure,
                                         "shortest_paths": shortest_paths}))
            got = got.astype(want[i].dtype) if got.dtype != want[i].dtype else got
            err = compare("reference vs numpy, output %d" % i, want[i], got,
                          args.rtol or 1e-5, args.atol or 1e-5)
            if err:
                failures.append("trial %d: %s" % (trial, err))
        for label, ps in results:
            for i, p in enumerate(ps):
                got = np.load(p)
                tol = 1e-5 if want[i].dtype == np.float32 else 1e-10
                err = compare("%s vs reference, output %d" % (label, i), got,
                              want[i], args.rtol or tol, args.atol or tol)
                if err:
                    failures.append("trial %d: %s" % (trial, err))
    if failures:
        sys.exit("%s (%s):\n  %s" % (args.mlir, args.target, "\n  ".join(failures)))
    print("%s: %d trial(s) on %s match the reference interpreter"
          % (os.path.basename(args.mlir), args.trials, args.target))


if __name__ == "__main__":
    main()
