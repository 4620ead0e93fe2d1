#!/usr/bin/env bash
# Measures tlc's generated code on the CPU benchmark workloads
# (bench/workloads/cpu/*.tl, the same problems as bench/peers/), at 1 and 2
# threads: each compiled with `tlc -O2` (compile time: the median of 5
# compiles, the whole driver), linked
# into bench/harness.c, median of at least [repeats] runs (default 20)
# and 20 ms of runs, after 200 ms of warm-up. Writes TSV lines in bench_peers.sh's format:
#   workload  tlc  threads  median_ms  metric_value  metric_unit
# and '# compile_ms<TAB>workload<TAB>ms' lines.
#   bench/bench_cpu.sh [--out FILE] [repeats]
# Environment: TLC (default build/bin/tlc), THREADS (default "1 2").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tlc=${TLC:-$root/build/bin/tlc}
out=/dev/stdout
repeats=20
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    *) repeats=$1; shift ;;
  esac
done
threads=${THREADS:-1 2}
llvm_lib=/usr/lib/llvm-22/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Work per run, as bench/peers counts it: GFLOP (GOP for Booleans) or GB.
declare -A metric=(
  [matmul_f32]="2 GFLOP/s" [matmul_f64]="2 GFLOP/s"
  [relu_1m]="0.008388608 GB/s" [exp_1m]="0.008388608 GB/s"
  [sigmoid_1m]="0.008388608 GB/s" [fma_1m]="0.016777216 GB/s"
  [sum_1m]="0.004194304 GB/s" [rowsum_1000x1000]="0.004004 GB/s"
  [bmm]="0.268435456 GFLOP/s" [chain3]="0.0004 GFLOP/s"
  [bilinear]="0.538968064 GFLOP/s" [attn_scores]="0.536870912 GFLOP/s"
  [mlp_layer]="0.537395200 GFLOP/s" [attention]="0.268435456 GFLOP/s"
  [booleans_5pct]="17.179869184 GOP/s" [booleans_50pct]="17.179869184 GOP/s"
)

{
  echo "# tlc	$("$tlc" --version 2>/dev/null | head -1 || echo tlc)"
  for tl in "$root"/bench/workloads/cpu/*.tl; do
    name=$(basename "$tl" .tl)
    d="$work/$name"
    mkdir -p "$d"
    # One compile takes 50-100 ms and varies by 10% and more from one
    # process to the next (the VM's speed drifts): the median of 5.
    times=()
    for _ in 1 2 3 4 5; do
      start=$(date +%s%N)
      "$tlc" "$tl" -O2 --name=w -o "$d/w.o"
      times+=($(( ($(date +%s%N) - start) / 1000000 )))
    done
    echo "# compile_ms	$name	$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
    cc -O2 -I "$d" -DTLC_HEADER='"w.h"' -DTLC_BASE=w "$root/bench/harness.c" \
      "$d/w.o" -lm -L"$llvm_lib" -lomp -Wl,-rpath,"$llvm_lib" -o "$d/run"
    variants=("$name:0.05")
    if [ "$name" = booleans ]; then
      variants=("booleans_5pct:0.05" "booleans_50pct:0.5")
    fi
    for v in "${variants[@]}"; do
      workload=${v%%:*}
      read -r work_amount unit <<<"${metric[$workload]}"
      for t in $threads; do
        ms=$(OMP_NUM_THREADS=$t TLC_BENCH_DENSITY=${v##*:} "$d/run" "$repeats")
        value=$(awk -v w="$work_amount" -v ms="$ms" 'BEGIN { printf "%.2f", w / (ms / 1e3) }')
        printf '%s\ttlc\t%s\t%s\t%s\t%s\n' "$workload" "$t" "$ms" "$value" "$unit"
      done
    done
  done
} >"$out"
