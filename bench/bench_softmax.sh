#!/usr/bin/env bash
# Softmax and logsumexp lowerings side by side: the default (one exp per
# element) and --online-softmax (the online normaliser), at 1 and 2
# threads, median ms of [repeats] runs (default 50) after a warm-up, on
# bench/workloads/softmax/*. The figures in docs/passes.md come from this.
#   bench/bench_softmax.sh [repeats]
# Environment: TLC (default build/bin/tlc), THREADS (default "1 2").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tlc=${TLC:-$root/build/bin/tlc}
repeats=${1:-50}
threads=${THREADS:-1 2}
llvm_lib=/usr/lib/llvm-22/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '| workload | lowering |'
for t in $threads; do printf ' %s thread(s), ms |' "$t"; done
printf '\n|---|---|'
for t in $threads; do printf -- '---|'; done
printf '\n'
for src in "$root"/bench/workloads/softmax/*; do
  name=$(basename "${src%.*}")
  for lowering in default online; do
    flags=()
    [ "$lowering" = online ] && flags=(--online-softmax)
    d="$work/$name-$lowering"
    mkdir -p "$d"
    "$tlc" "$src" -O2 "${flags[@]}" --name=w -o "$d/w.o"
    cc -O2 -I "$d" -DTLC_HEADER='"w.h"' -DTLC_BASE=w "$root/bench/harness.c" \
      "$d/w.o" -lm -L"$llvm_lib" -lomp -Wl,-rpath,"$llvm_lib" -o "$d/run"
    printf '| %s | %s |' "$name" "$lowering"
    for t in $threads; do
      printf ' %s |' "$(OMP_NUM_THREADS=$t "$d/run" "$repeats")"
    done
    printf '\n'
  done
done
