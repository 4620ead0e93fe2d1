#!/usr/bin/env bash
# NAME_run_batch against N calls of NAME_run: the MLP layer and the
# attention block of bench/workloads/ as single requests, N of them (default
# 64), at 1 and 2 threads; median ms of 20 runs after a warm-up. Prints a
# markdown table. docs/runtime.md has the figures.
#   bench/bench_run_batch.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tlc=${TLC:-$root/build/bin/tlc}
n=${1:-64}
llvm_lib=/usr/lib/llvm-22/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| workload (N = $n) | threads | N x NAME_run (ms) | NAME_run_batch (ms) | speed-up |"
echo "|---|---:|---:|---:|---:|"
for name in mlp_layer attention; do
  "$tlc" "$root/bench/workloads/$name.tl" -O2 --name=w -o "$work/w.o"
  cc -O2 -I "$work" -I "$root/runtime/include" -DTLC_HEADER='"w.h"' -DTLC_BASE=w \
    "$root/bench/batch_harness.c" "$work/w.o" -L "$root/build/lib" -ltlrt \
    -Wl,-rpath,"$root/build/lib" -L"$llvm_lib" -lomp -Wl,-rpath,"$llvm_lib" -lm \
    -o "$work/run"
  for t in 1 2; do
    loop=$(TLRT_NUM_THREADS=$t OMP_NUM_THREADS=$t "$work/run" loop "$n")
    batch=$(TLRT_NUM_THREADS=$t OMP_NUM_THREADS=$t "$work/run" batch "$n")
    speedup=$(awk -v a="$loop" -v b="$batch" 'BEGIN { printf "%.2fx", a / b }')
    echo "| $name | $t | $loop | $batch | $speedup |"
  done
done
