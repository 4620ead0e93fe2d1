#!/usr/bin/env bash
# The CPU benchmark in one command: installs the peers, builds tlc, then runs
# bench/bench_peers.sh and bench/bench_cpu.sh (1 and 2 threads, median of
# [repeats] runs, default 20) in turn, [rounds] times (default 3): this VM's
# speed drifts by up to 20% within minutes, and alternating rounds let the
# drift hit tlc and the peers alike. bench/report.py writes
# docs/performance-results.md (the table: medians over the rounds, and each
# ratio's lowest and highest value in one round), docs/performance.png (the
# chart), and the raw TSVs go to docs/performance-data/. About a minute per
# round. Run it on an otherwise idle machine: the 2-thread numbers need
# both cores.
#   bench/bench_all.sh [repeats] [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeats=${1:-20}
rounds=${2:-3}
"$root/scripts/install-bench-deps.sh"
"$root/scripts/build.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq "$rounds"); do
  echo "bench_all: round $round of $rounds" >&2
  "$root/bench/bench_peers.sh" --out "$work/peers.round" "$repeats"
  "$root/bench/bench_cpu.sh" --out "$work/tlc.round" "$repeats"
  for f in peers tlc; do
    printf '# round\t%s\n' "$round" >>"$work/$f.tsv"
    cat "$work/$f.round" >>"$work/$f.tsv"
  done
done
/usr/bin/python3 "$root/bench/report.py" "$work/peers.tsv" "$work/tlc.tsv" \
  --md "$root/docs/performance-results.md" --png "$root/docs/performance.png"
mkdir -p "$root/docs/performance-data"
cp "$work/peers.tsv" "$work/tlc.tsv" "$root/docs/performance-data/"
echo "bench_all: wrote docs/performance-results.md and docs/performance.png"
