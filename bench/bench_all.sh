#!/usr/bin/env bash
# The CPU benchmark in one command: installs the peers, builds tlc, runs
# bench/bench_peers.sh and bench/bench_cpu.sh (1 and 2 threads, median of
# [repeats] runs, default 20), and writes docs/performance-results.md (the
# table), docs/performance.png (the chart) with bench/report.py, and the raw
# TSVs to docs/performance-data/.
# Run it on an otherwise idle machine: the 2-thread numbers need both cores.
#   bench/bench_all.sh [repeats]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeats=${1:-20}
"$root/scripts/install-bench-deps.sh"
"$root/scripts/build.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/bench_peers.sh" --out "$work/peers.tsv" "$repeats"
"$root/bench/bench_cpu.sh" --out "$work/tlc.tsv" "$repeats"
/usr/bin/python3 "$root/bench/report.py" "$work/peers.tsv" "$work/tlc.tsv" \
  --md "$root/docs/performance-results.md" --png "$root/docs/performance.png"
mkdir -p "$root/docs/performance-data"
cp "$work/peers.tsv" "$work/tlc.tsv" "$root/docs/performance-data/"
echo "bench_all: wrote docs/performance-results.md and docs/performance.png"
