"""Compares tl-contraction-order's costs with opt_einsum's on the same
expressions: ours must never be worse than opt_einsum's 'optimal' (or 'dp'
for many operands). Fixed expressions plus random ones (fixed seed)."""
import re
import subprocess
import sys

import numpy as np
import opt_einsum as oe

tlc_opt = sys.argv[1]
letters = "abcdefghijklmnopqrstuvwxyz"

FIXED = [
    ("ij,jk,kl->il", [(1000, 10), (10, 1000), (1000, 10)]),
    ("bi,ij,bj->b", [(4096, 256), (256, 256), (4096, 256)]),
    ("ab,bc,cd,de->ae", [(8, 64), (64, 2), (2, 64), (64, 8)]),
    ("ijk,jl,kl,lm->im", [(4, 5, 6), (5, 7), (6, 7), (7, 3)]),
    ("a,ab,bc,c->", [(30,), (30, 40), (40, 50), (50,)]),
    ("ab,cd,ef->abcdef", [(2, 3), (4, 5), (6, 7)]),
    ("ea,fb,abcd,gc,hd->efgh", [(10, 10)] * 2 + [(10, 10, 10, 10)] + [(10, 10)] * 2),
]


def random_expr(rng):
    n = int(rng.integers(3, 9))
    nidx = int(rng.integers(3, 10))
    idx = letters[:nidx]
    size = {c: int(rng.choice([1, 2, 3, 5, 8, 16, 32])) for c in idx}
    terms = []
    for _ in range(n):
        k = int(rng.integers(1, 4))
        terms.append("".join(rng.choice(list(idx), size=k, replace=False)))
    used = sorted(set("".join(terms)))
    out = "".join(c for c in used if rng.random() < 0.3)
    shapes = [tuple(size[c] for c in t) for t in terms]
    return ",".join(terms) + "->" + out, shapes


def tensor(shape):
    return "tensor<%sf32>" % "".join("%dx" % d for d in shape)


def our_cost(spec, shapes, out_shape):
    args = ", ".join("%%a%d: %s" % (i, tensor(s)) for i, s in enumerate(shapes))
    ops = ", ".join("%%a%d" % i for i in range(len(shapes)))
    types = ", ".join(tensor(s) for s in shapes)
    src = ("func.func @f(%s) -> %s {\n  %%r = tl.einsum \"%s\" %s : %s -> %s\n"
           "  return %%r : %s\n}\n" % (args, tensor(out_shape), spec, ops,
                                       types, tensor(out_shape),
                                       tensor(out_shape)))
    p = subprocess.run([tlc_opt, "-", "--tl-contraction-order=print-paths"],
                       input=src, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("tlc-opt failed on %s:\n%s" % (spec, p.stderr))
    m = re.search(r"contraction path (\S+) \((\w+)\): cost (\d+)", p.stderr)
    if not m:
        sys.exit("no remark for %s:\n%s" % (spec, p.stderr))
    return int(m.group(3)), m.group(1)


def parse_tree(text):
    """'((0,1),2)' -> nested tuples of operand numbers."""
    pos = 0

    def node():
        nonlocal pos
        if text[pos] == "(":
            pos += 1
            left = node()
            pos += 1  # ','
            right = node()
            pos += 1  # ')'
            return (left, right)
        end = pos
        while end < len(text) and text[end].isdigit():
            end += 1
        value = int(text[pos:end])
        pos = end
        return value

    return node()


def to_oe_path(tree, n):
    """Our tree as an opt_einsum path: pairs of positions in the list of
    live operands, where each contraction's result is appended at the end."""
    live = list(range(n))
    path = []

    def visit(t):
        if isinstance(t, int):
            return t
        a, b = visit(t[0]), visit(t[1])
        i, j = sorted((live.index(a), live.index(b)))
        path.append((i, j))
        live.pop(j)
        live.pop(i)
        key = ("t", len(path))
        live.append(key)
        return key

    visit(tree)
    return path


def main():
    rng = np.random.default_rng(0)
    cases = FIXED + [random_expr(rng) for _ in range(60)]
    worse = 0
    for spec, shapes in cases:
        inputs, out = spec.split("->")
        size = {}
        for t, s in zip(inputs.split(","), shapes):
            size.update(zip(t, s))
        out_shape = tuple(size[c] for c in out)
        mode = "optimal" if len(shapes) <= 7 else "dp"
        _, info = oe.contract_path(spec, *shapes, shapes=True, optimize=mode)
        theirs = int(info.opt_cost)
        ours, path = our_cost(spec, shapes, out_shape)
        # opt_einsum's own count of our path: the costs are comparable only
        # if both count the same way.
        _, check = oe.contract_path(spec, *shapes, shapes=True,
                                    optimize=to_oe_path(parse_tree(path),
                                                        len(shapes)))
        if int(check.opt_cost) != ours:
            sys.exit("%s: our cost %d, opt_einsum counts our path as %d"
                     % (spec, ours, int(check.opt_cost)))
        status = "ok" if ours <= theirs * (1 + 1e-9) else "WORSE"
        worse += status != "ok"
        print("%-40s ours %12d  opt_einsum[%s] %12d  %s %s"
              % (spec, ours, mode, theirs, path, status))
    print("%d expressions, %d worse than opt_einsum" % (len(cases), worse))
    sys.exit(1 if worse else 0)


main()
