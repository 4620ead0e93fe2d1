#!/usr/bin/env bash
# The main job on a fresh machine: install the dependencies, build tlc, compile
# the shipped MLP example (examples/mlp/mlp.tl, TensorLogic) to an object +
# header, link it into a C program, run it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" tlc
out=$root/build/demo
mkdir -p "$out"
"$root/build/bin/tlc" "$root/examples/mlp/mlp.tl" -o "$out/mlp.o"
echo "tlc: wrote $out/mlp.o and $out/mlp.h"
cc -O2 -Wall -I "$out" "$root/examples/mlp/main.c" "$out/mlp.o" -lm -o "$out/mlp"
"$out/mlp"
