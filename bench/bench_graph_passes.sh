#!/usr/bin/env bash
# Measures the graph passes: each workload compiled at -O0 (no graph passes,
# LLVM -O0), -O2 --graph-passes=false (LLVM -O2 only) and -O2 (both), linked
# into bench/harness.c; median of 20 runs after a warm-up, in ms, on this
# machine, single-threaded. Prints a markdown table.
#   bench/bench_graph_passes.sh [repeats]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tlc=${TLC:-$root/build/bin/tlc}
repeats=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| workload | -O0 (ms) | -O2, no graph passes (ms) | -O2 (ms) | graph passes speed-up | compile -O2 (ms) |"
echo "|---|---:|---:|---:|---:|---:|"
for tl in "$root"/bench/workloads/*.tl; do
  name=$(basename "$tl" .tl)
  times=()
  for flags in "-O0" "-O2 --graph-passes=false" "-O2"; do
    d="$work/$name$(echo "$flags" | tr -d ' =-')"
    mkdir -p "$d"
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    "$tlc" "$tl" -o "$d/$name.o" $flags
    compile_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    cc -O2 -I "$d" -DTLC_HEADER="\"$name.h\"" -DTLC_BASE="$name" \
      "$root/bench/harness.c" "$d/$name.o" -lm -L/usr/lib/llvm-22/lib -lomp \
      -Wl,-rpath,/usr/lib/llvm-22/lib -o "$d/run"
    times+=("$(OMP_NUM_THREADS=1 "$d/run" "$repeats")")
  done
  speedup=$(awk -v a="${times[1]}" -v b="${times[2]}" 'BEGIN { printf "%.2fx", a / b }')
  echo "| $name | ${times[0]} | ${times[1]} | ${times[2]} | $speedup | $compile_ms |"
done
