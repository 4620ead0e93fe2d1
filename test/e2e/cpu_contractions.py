"""Writes contractions of awkward sizes, layouts and element types and checks
each with check.py (compiled code against the reference interpreter). At -O2
they go through tl-cpu-contractions: padding to whole micro-kernel blocks,
K blocks that do not divide K, transposed and batched operands.
Usage: cpu_contractions.py --tlc TLC --work DIR [--target T] [--no-jit]"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (spec, {letter: size}, element type)
CASES = [
    ("ij,jk->ik", dict(i=1, j=1, k=1), "f32"),
    ("ij,jk->ik", dict(i=7, j=17, k=1023), "f32"),
    ("ij,jk->ik", dict(i=1025, j=7, k=17), "f32"),
    ("ij,jk->ik", dict(i=17, j=1000, k=33), "f32"),
    ("ij,jk->ik", dict(i=3, j=5, k=1025), "f64"),
    ("ij,jk->ik", dict(i=33, j=300, k=17), "f64"),
    ("ji,jk->ik", dict(i=9, j=257, k=40), "f32"),
    ("ij,kj->ik", dict(i=40, j=19, k=9), "f32"),
    ("bij,bjk->bik", dict(b=3, i=17, j=9, k=33), "f32"),
    ("ijk,jkl->il", dict(i=9, j=5, k=7, l=35), "f32"),
    # Whole blocks of m and n: the result is written in place, with K in one
    # block, and the packed accumulator starts from zero in the first of two.
    ("ij,jk->ik", dict(i=16, j=40, k=64), "f32"),
    ("bij,bjk->bik", dict(b=2, i=24, j=300, k=64), "f32"),
    ("ij,jk->ik", dict(i=8, j=200, k=16), "f64"),
    # Operands read in place (one K block, no padding): A transposed with B
    # packed (40 columns), and A with a B too large to read in place.
    ("ji,jk->ik", dict(i=16, j=33, k=40), "f32"),
    ("ij,jk->ik", dict(i=24, j=200, k=96), "f32"),
    # Narrow results (one vector per row of the kernel, no more rows than
    # M): chain3's two products, and a partial, narrow unpack tile.
    ("ij,jk->ik", dict(i=1000, j=10, k=10), "f32"),
    ("ij,jk->ik", dict(i=10, j=1000, k=10), "f32"),
    ("ij,jk->ik", dict(i=20, j=3, k=5), "f64"),
    ("ij,jk->ik", dict(i=20, j=300, k=10), "f32"),
    # The result's innermost letter from the first operand: the operands
    # are swapped (B and the result then stream it): in place, padded with
    # two K blocks, batched, and on threads.
    ("jk,ij->ik", dict(i=16, j=40, k=64), "f32"),
    ("jk,ij->ik", dict(i=17, j=300, k=33), "f32"),
    ("bjk,bij->bik", dict(b=3, i=24, j=64, k=64), "f32"),
    ("jk,ij->ik", dict(i=130, j=100, k=200), "f64"),
    # Above 2 MFLOP: distributed over threads (OMP_NUM_THREADS in the test).
    ("ij,jk->ik", dict(i=130, j=100, k=200), "f32"),
    ("bij,bjk->bik", dict(b=4, i=65, j=64, k=100), "f64"),
]


def mlir_for(spec, sizes, ty):
    ins, out = spec.split("->")
    ins = ins.split(",")
    def tensor(letters):
        return "tensor<%s%s>" % ("".join("%dx" % sizes[c] for c in letters), ty)
    args = ", ".join("%%a%d: %s" % (i, tensor(t)) for i, t in enumerate(ins))
    operands = ", ".join("%%a%d" % i for i in range(len(ins)))
    types = ", ".join(tensor(t) for t in ins)
    return ("func.func @f(%s) -> %s {\n"
            "  %%r = tl.einsum \"%s\" %s : %s -> %s\n"
            "  return %%r : %s\n}\n" % (args, tensor(out), spec, operands,
                                       types, tensor(out), tensor(out)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tlc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--target", default="host")
    ap.add_argument("--no-jit", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for n, (spec, sizes, ty) in enumerate(CASES):
        path = os.path.join(args.work, "case%d.mlir" % n)
        with open(path, "w") as f:
            f.write(mlir_for(spec, sizes, ty))
        ins = spec.split("->")[0].split(",")
        numpy = "np.einsum('%s', %s)" % (
            spec, ", ".join("a[%d]" % i for i in range(len(ins))))
        cmd = [sys.executable, os.path.join(HERE, "check.py"), path,
               "--tlc", args.tlc, "--work", os.path.join(args.work, "w%d" % n),
               "--target", args.target, "--trials", "1", "--numpy", numpy]
        if args.no_jit:
            cmd.append("--no-jit")
        print("case %d: %s %s %s" % (n, spec, sizes, ty), flush=True)
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
