#!/usr/bin/env python3
"""Semantics-preservation property test of the graph passes.

Generates random tl functions (random einsum specs over random shapes, all
semirings, maps with broadcasting, reductions, softmax), runs each through
the full -O2 pipeline (`tlc run`, JIT) and through the reference
interpreter on the unoptimised graph (`tlc run --reference`) on random
inputs, and compares. TLC_RANDOM_GRAPHS sets how many (default 200), the
seed is fixed (TLC_RANDOM_SEED to change it).
"""
import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np

LETTERS = "abcdefgh"


def tensor_type(shape, elt):
    return "tensor<%s%s>" % ("".join("%dx" % d for d in shape), elt)


class Graph:
    def __init__(self, rng, name):
        self.rng = rng
        self.name = name
        self.sizes = {c: int(rng.choice([1, 2, 3, 4, 5])) for c in LETTERS}
        self.lines = []
        self.values = []  # (ssa, letters, elt)
        self.args = []
        self.counter = 0
        self.elt = "f32" if rng.random() < 0.8 else ("i1" if rng.random() < 0.5 else "i32")

    def shape(self, letters):
        return [self.sizes[c] for c in letters]

    def fresh(self):
        self.counter += 1
        return "%%v%d" % self.counter

    def add_input(self):
        rank = int(self.rng.integers(0, 4))
        letters = "".join(self.rng.choice(list(LETTERS), size=rank, replace=False))
        ssa = "%%a%d" % len(self.args)
        self.args.append((ssa, letters))
        self.values.append((ssa, letters, self.elt))

    def pick(self, k):
        idx = self.rng.choice(len(self.values), size=k, replace=True)
        return [self.values[i] for i in idx]

    def emit(self, ssa, letters, elt, text):
        self.lines.append("  %s = %s" % (ssa, text))
        self.values.append((ssa, letters, elt))

    def einsum(self):
        k = int(self.rng.integers(1, 4))
        ops = self.pick(k)
        union = []
        for _, l, _ in ops:
            for c in l:
                if c not in union:
                    union.append(c)
        keep = [c for c in union if self.rng.random() < 0.5]
        self.rng.shuffle(keep)
        out = "".join(keep)
        elt = ops[0][2]
        if elt == "i1":
            semiring = self.rng.choice(["plus_times", "or_and"])
        else:
            semiring = self.rng.choice(["plus_times", "plus_times", "max_plus", "min_plus", "max_times"])
        spec = ",".join(l for _, l, _ in ops) + "->" + out
        attr = "" if semiring == "plus_times" else " {semiring = #tl.semiring<%s>}" % semiring
        ssa = self.fresh()
        self.emit(ssa, out, elt, 'tl.einsum "%s" %s%s : %s -> %s' % (
            spec, ", ".join(s for s, _, _ in ops), attr,
            ", ".join(tensor_type(self.shape(l), e) for _, l, e in ops),
            tensor_type(self.shape(out), elt)))

    def map(self):
        a = self.pick(1)[0]
        elt = a[2]
        if elt == "i1":
            fns1, fns2 = ["not"], ["and", "or", "xor"]
        elif elt == "i32":
            fns1, fns2 = ["relu", "abs", "neg"], ["add", "sub", "mul", "max", "min"]
        else:
            fns1, fns2 = ["relu", "tanh", "sigmoid", "abs", "neg"], ["add", "sub", "mul", "max", "min"]
        if self.rng.random() < 0.5:
            fn = self.rng.choice(fns1)
            ssa = self.fresh()
            self.emit(ssa, a[1], elt, 'tl.map "%s->%s" %s %s : %s -> %s' % (
                a[1], a[1], fn, a[0], tensor_type(self.shape(a[1]), elt),
                tensor_type(self.shape(a[1]), elt)))
            return
        b = self.pick(1)[0]
        if b[2] != elt:
            return
        out = a[1] + "".join(c for c in b[1] if c not in a[1])
        fn = self.rng.choice(fns2)
        ssa = self.fresh()
        self.emit(ssa, out, elt, 'tl.map "%s,%s->%s" %s %s, %s : %s, %s -> %s' % (
            a[1], b[1], out, fn, a[0], b[0], tensor_type(self.shape(a[1]), elt),
            tensor_type(self.shape(b[1]), elt), tensor_type(self.shape(out), elt)))

    def reduce(self):
        a = self.pick(1)[0]
        if not a[1]:
            return
        axes = sorted(set(int(x) for x in self.rng.integers(0, len(a[1]), size=int(self.rng.integers(1, len(a[1]) + 1)))))
        kinds = ["sum", "max", "min", "prod"] + (["mean", "logsumexp"] if a[2] == "f32" else [])
        kind = self.rng.choice(kinds)
        out = "".join(c for i, c in enumerate(a[1]) if i not in axes)
        ssa = self.fresh()
        self.emit(ssa, out, a[2], "tl.reduce %s %s axes [%s] : %s -> %s" % (
            kind, a[0], ", ".join(map(str, axes)), tensor_type(self.shape(a[1]), a[2]),
            tensor_type(self.shape(out), a[2])))

    def softmax(self):
        a = self.pick(1)[0]
        if not a[1] or a[2] != "f32":
            return
        axis = int(self.rng.integers(0, len(a[1])))
        t = tensor_type(self.shape(a[1]), "f32")
        ssa = self.fresh()
        self.emit(ssa, a[1], "f32", "tl.softmax %s axis %d : %s -> %s" % (a[0], axis, t, t))

    def build(self):
        for _ in range(int(self.rng.integers(1, 4))):
            self.add_input()
        for _ in range(int(self.rng.integers(2, 8))):
            r = self.rng.random()
            if r < 0.45:
                self.einsum()
            elif r < 0.75:
                self.map()
            elif r < 0.9:
                self.reduce()
            else:
                self.softmax()
        results = [self.values[-1]]
        if len(self.values) > 2 and self.rng.random() < 0.5:
            results.append(self.values[int(self.rng.integers(0, len(self.values) - 1))])
        args = ", ".join("%s: %s" % (s, tensor_type(self.shape(l), self.elt)) for s, l in self.args)
        rtypes = ", ".join(tensor_type(self.shape(l), e) for _, l, e in results)
        text = "func.func @%s(%s) -> (%s) {\n%s\n  return %s : %s\n}\n" % (
            self.name, args, rtypes, "\n".join(self.lines),
            ", ".join(s for s, _, _ in results), rtypes)
        return text


def random_input(rng, elt, shape):
    if elt == "i1":
        return rng.random(shape) < 0.4
    if elt == "i32":
        return rng.integers(-4, 5, size=shape, dtype=np.int32)
    return rng.uniform(-1, 1, size=shape).astype(np.float32)


def check(args, k, seed):
    rng = np.random.default_rng([seed, k])
    g = Graph(rng, "g%d" % k)
    text = g.build()
    d = os.path.join(args.work, "g%d" % k)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "g.mlir")
    open(path, "w").write(text)
    ins = []
    for i, (_, letters) in enumerate(g.args):
        p = os.path.join(d, "in%d.npy" % i)
        np.save(p, random_input(rng, g.elt, g.shape(letters)))
        ins.append(p)
    nres = text.count("-> (")  # unused; count results from return
    results = text.split("\n  return ")[1].split(" : ")[0].count("%")
    outs = {}
    for mode, extra in (("ref", ["--reference", "-O0"]), ("opt", ["-O2"])):
        files = [os.path.join(d, "%s%d.npy" % (mode, i)) for i in range(results)]
        cmd = [args.tlc, "run", path] + ins + sum((["-o", f] for f in files), []) + extra
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            return "%s: %s failed:\n%s\n%s" % (path, mode, p.stderr, text)
        outs[mode] = [np.load(f) for f in files]
    for i, (a, b) in enumerate(zip(outs["opt"], outs["ref"])):
        if a.dtype != b.dtype or a.shape != b.shape:
            return "%s: output %d is %s%s, reference %s%s\n%s" % (path, i, a.dtype, a.shape, b.dtype, b.shape, text)
        if np.issubdtype(a.dtype, np.floating):
            ok = np.isclose(a, b, rtol=2e-4, atol=2e-5, equal_nan=True).all()
        else:
            ok = (a == b).all()
        if not ok:
            return "%s: output %d differs (max diff %s)\n%s" % (path, i, np.max(np.abs(a.astype(np.float64) - b.astype(np.float64))), text)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tlc", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    count = int(os.environ.get("TLC_RANDOM_GRAPHS", "200"))
    seed = int(os.environ.get("TLC_RANDOM_SEED", "1234"))
    os.makedirs(args.work, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(lambda k: check(args, k, seed), range(count)) if f]
    for f in failures[:5]:
        print(f)
    print("%d random graphs, %d mismatches" % (count, len(failures)))
    sys.exit(1 if failures else 0)


main()
