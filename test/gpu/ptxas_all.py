#!/usr/bin/env python3
"""Compiles every end-to-end graph of the suite (test/e2e/*.mlir, the
batched programs, the examples) for the given GPU chips with
`tlc --emit=ptx` and assembles the PTX with ptxas. Exit status 0 when all
assemble; otherwise the failures.
  ptxas_all.py --tlc TLC --ptxas PTXAS --work DIR CHIP..."""
import argparse
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ap = argparse.ArgumentParser()
ap.add_argument("--tlc", required=True)
ap.add_argument("--ptxas", required=True)
ap.add_argument("--work", required=True)
ap.add_argument("chips", nargs="+")
args = ap.parse_args()
os.makedirs(args.work, exist_ok=True)

graphs = sorted(glob.glob(os.path.join(ROOT, "test", "e2e", "*.mlir")) +
                glob.glob(os.path.join(ROOT, "test", "e2e", "Inputs", "*.tl")) +
                glob.glob(os.path.join(ROOT, "examples", "*", "*.tl")))
failures = []
count = 0
for graph in graphs:
    for chip in args.chips:
        name = "%s_%s" % (os.path.basename(graph).replace(".", "_"), chip)
        ptx = os.path.join(args.work, name + ".ptx")
        p = subprocess.run([args.tlc, graph, "--target=" + chip,
                            "--emit=ptx", "-o", ptx],
                           capture_output=True, text=True)
        if p.returncode != 0:
            if "has no GPU kernels" in p.stderr:
                # Listed, not hidden: the lit test checks this list.
                print("no kernels (%s): %s" % (chip, os.path.relpath(graph, ROOT)))
                continue
            failures.append("%s (%s): tlc: %s" % (graph, chip,
                                                   p.stderr.strip()[:400]))
            continue
        p = subprocess.run([args.ptxas, "-arch=" + chip, ptx, "-o",
                            os.path.join(args.work, name + ".cubin")],
                           capture_output=True, text=True)
        if p.returncode != 0:
            failures.append("%s (%s): ptxas: %s" % (graph, chip,
                                                     p.stderr.strip()[:400]))
            continue
        count += 1
if failures:
    sys.exit("%d of %d compilations failed:\n%s" % (
        len(failures), len(graphs) * len(args.chips), "\n".join(failures)))
print("%d of %d graphs x %d chips: PTX assembled by ptxas" % (
    count // len(args.chips), len(graphs), len(args.chips)))
