#!/usr/bin/env python3
"""Measures the error of the f32 exp, log, tanh and sigmoid that tlc
generates at -O2 (tl-math-approximation: upstream MLIR's polynomial
approximations) against float64 numpy, in units in the last place (ulp) of
the f32 result, over a sweep of 2M inputs covering every binade from
subnormals to overflow, both signs, and the special values.

  bench/math_accuracy.py [--tlc build/bin/tlc] [-O 2]

Prints a markdown table: function, domain, max ulp and relative error where
input and result are normal numbers, the largest absolute error where either
is subnormal (below 1.2e-38: the approximations flush those: exp's tiny
results become 0, log treats subnormal inputs as 1.2e-38), and whether every
special value (0, -0, inf, -inf, NaN, overflow) came out as numpy's.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sweep(n):
    # Every binade, both signs: magnitudes from the smallest subnormal up.
    mags = np.logspace(-45, 38.5, n // 2, dtype=np.float64).astype(np.float32)
    xs = np.concatenate([mags, -mags])
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 88.72, 88.73,
                         -87.33, -103.9, -104.0, 1e-45, -1e-45, 1.0, -1.0],
                        dtype=np.float32)
    return np.concatenate([xs, specials]).astype(np.float32), len(specials)


REFERENCE = {
    "exp": np.exp,
    "log": np.log,
    "tanh": np.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
}


def ulp_error(got, want):
    """|got - want| in f32 ulps of want (float64 reference)."""
    want32 = want.astype(np.float32)
    spacing = np.spacing(np.abs(want32)).astype(np.float64)
    spacing[spacing == 0] = np.spacing(np.float32(0))
    return np.abs(got.astype(np.float64) - want) / spacing


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tlc", default=os.path.join(ROOT, "build/bin/tlc"))
    ap.add_argument("-O", dest="opt", default="2")
    ap.add_argument("-n", type=int, default=1 << 21)
    ap.add_argument("--max-ulp", type=float, default=None,
                    help="exit 1 if any function's normal-range error "
                         "exceeds this, or a special value differs")
    args = ap.parse_args()
    failed = False
    xs, nspecial = sweep(args.n)
    n = len(xs)
    print("| function | inputs | max ulp (normal inputs and results) | "
          "max rel. error | max abs. error (subnormal input or result) | "
          "special values |")
    print("|---|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as d:
        x_path = os.path.join(d, "x.npy")
        np.save(x_path, xs)
        for fn, ref in REFERENCE.items():
            src = os.path.join(d, fn + ".mlir")
            with open(src, "w") as f:
                f.write('func.func @f(%%x: tensor<%dxf32>) -> tensor<%dxf32> {\n'
                        '  %%y = tl.map "i->i" %s %%x : tensor<%dxf32> -> '
                        'tensor<%dxf32>\n  return %%y : tensor<%dxf32>\n}\n'
                        % (n, n, fn, n, n, n))
            out = os.path.join(d, fn + ".npy")
            subprocess.run([args.tlc, "run", src, "-O" + args.opt, x_path,
                            "-o", out], check=True, capture_output=True)
            got = np.load(out)
            with np.errstate(all="ignore"):
                want = ref(xs.astype(np.float64))
            with np.errstate(over="ignore"):
                want32 = want.astype(np.float32)
            tiny = np.finfo(np.float32).tiny
            # Normal results; subnormal ones are reported apart.
            sub_in = (np.abs(xs) < tiny) & (xs != 0)
            finite = np.isfinite(want32) & ~np.isnan(xs) & \
                (np.abs(want) >= tiny) & ~sub_in
            subnormal = np.isfinite(want32) & (want != 0) & \
                ((np.abs(want) < tiny) | sub_in)
            if fn == "log":
                finite &= xs > 0
            ulps = ulp_error(got[finite], want[finite])
            rel = np.abs(got[finite] - want[finite]) / np.maximum(
                np.abs(want[finite]), np.finfo(np.float32).tiny)
            sub_err = np.abs(got[subnormal] - want[subnormal]).max() \
                if subnormal.any() else 0.0
            # Specials and non-finite results must match exactly (NaN as NaN).
            odd = ~finite & ~subnormal
            same = (np.isnan(got[odd]) & np.isnan(want32[odd])) | \
                   (got[odd] == want32[odd])
            domain = "x > 0" if fn == "log" else "all finite x"
            print("| %s | %s | %.1f | %.2e | %.1e | %s |" % (
                fn, domain, ulps.max(), rel.max(), sub_err,
                "all match" if same.all() else
                "%d of %d differ" % ((~same).sum(), odd.sum())))
            if args.max_ulp is not None and (ulps.max() > args.max_ulp or
                                             not same.all()):
                failed = True
            if not same.all():
                bad = np.where(odd)[0][~same]
                for i in bad[:5]:
                    print("    %s(%r) = %r, numpy %r" % (fn, xs[i], got[i],
                                                         want32[i]),
                          file=sys.stderr)


    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
