"""Writes very large .tl programs into a directory: inputs too big to keep
in the repository, found while fuzzing the front end (see
fuzz-regressions.test). Each stresses a recursion or a loop whose depth or
cost grows with the input.

usage: gen-large.py DIR
"""

import os
import sys

out = sys.argv[1]


def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)


# A '+' chain is a left-nested tree as deep as it is long: every recursive
# walk over an expression overflowed the stack (~8000 terms).
n = 100000
write("deep-plus-chain.tl",
      "input X : f32\nY = " + "+".join(["X"] * n) + "\noutput Y\n")
write("deep-div-chain.tl",
      "input X[i] : f32[3]\nY[i] = " + " / ".join(["X[i]"] * n) +
      "\noutput Y\n")

# Chains inside nested parentheses: each level is within the parser's
# nesting bound, the whole tree is not.
inner = "+".join(["X"] * 100)
expr = "X"
for _ in range(150):
    expr = "(" + expr + "+" + inner + ")"
write("nested-chains.tl", "input X : f32\nY = " + expr + "\noutput Y\n")

# A valid chain of 150000 tensors, each defined from the previous one, named
# so that the dependency walk (Tarjan's SCCs) visits them last to first: its
# recursion overflowed the stack (~100000 tensors).
n = 150000
name = lambda k: "Z%06d" % (n - k)
write("long-dependency-chain.tl",
      "input X[i] : f32[3]\n" + name(0) + "[i] = X[i]\n" +
      "".join("%s[i] = %s[i]\n" % (name(k), name(k - 1))
              for k in range(1, n + 1)) +
      "output %s\n" % name(n))

# Each equation reads the tensor the next one defines: shape and type
# inference swept all equations once per tensor, quadratic (147 s for 20000).
n = 20000
write("reverse-order-chain.tl",
      "input X[i] : f32[3]\n" +
      "".join("Y%d[i] = Y%d[i]\n" % (k, k + 1) for k in range(n)) +
      "Y%d[i] = X[i]\noutput Y0\n" % n)
