#!/usr/bin/env bash
# Measures the peers of tlc's CPU benchmarks, the libraries people would use
# instead of tlc: OpenBLAS, oneDNN, Eigen and plain C loops (bench/peers/
# peers.cpp, plain.c), numpy, np.einsum and opt_einsum (bench/peers/
# numpy_peers.py), plus the machine's FMA and memory-bandwidth peaks, at 1 and
# 2 threads. Writes one TSV, one line per (workload, peer, threads):
#   workload  peer  threads  median_ms  metric_value  metric_unit
# after '#' lines naming the machine, the libraries and the columns. Each
# time is the median of at least [repeats] runs (default 20) and 20 ms of
# runs, after 200 ms of warm-up, as for tlc's code; each
# peer's output is checked first, and a wrong one fails the script.
#   bench/bench_peers.sh [--out FILE] [repeats]
# Needs scripts/install-bench-deps.sh. About a minute on a 2-core machine.
# Environment: CXX, CC (default g++, gcc: oneDNN is built on libgomp, and
# clang's -fopenmp would load a second OpenMP runtime, libomp, beside it),
# THREADS (default "1 2"), TLC_PYDEPS (default build/pydeps).
#
# OPENBLAS_CORETYPE: left alone when OpenBLAS picks an AVX-512 kernel on an
# AVX-512 machine (on the Sapphire Rapids this was written on, Debian's
# OpenBLAS 0.3.21 picks SkylakeX, the best f32/f64 GEMM kernel it has: its
# Cooperlake and SapphireRapids kernels differ only in bf16). Where it falls
# back to an AVX2 or older kernel on an AVX-512 CPU (CPUs newer than the
# library, or VMs that hide the CPU model), the script sets SkylakeX and says
# so in the output, so the BLAS peers are not reported at half speed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=""
repeats=20
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) repeats=$1; shift ;;
  esac
done
threads=${THREADS:-1 2}
pydeps=${TLC_PYDEPS:-$root/build/pydeps}
cxx=${CXX:-g++}
cc=${CC:-gcc}

if ! PYTHONPATH="$pydeps" /usr/bin/python3 -c "import numpy, opt_einsum" \
    2>/dev/null; then
  echo "bench_peers: numpy or opt_einsum missing; run" \
    "scripts/install-bench-deps.sh" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
eigen=$(pkg-config --cflags eigen3 2>/dev/null || echo -I/usr/include/eigen3)
echo "bench_peers: building bench/peers with $cxx" >&2
"$cc" -O3 -march=native -fopenmp -c "$root/bench/peers/plain.c" \
  -o "$work/plain.o"
# Eigen as a system header: its own warnings are not ours.
# shellcheck disable=SC2086
"$cxx" -std=c++17 -O3 -march=native -fopenmp ${eigen//-I/-isystem } \
  "$root/bench/peers/peers.cpp" "$work/plain.o" -lopenblas -ldnnl \
  -o "$work/peers"

tsv=$work/peers.tsv
{
  printf '# columns\tworkload\tpeer\tthreads\tmedian_ms\tmetric_value\tmetric_unit\n'
  printf '# machine\t%s\t%s cores\t%s\n' \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
    "$(nproc)" "$(uname -r)"
  printf '# compiler\t%s\n' "$("$cxx" --version | head -1)"
  printf '# repeats\t%s\n' "$repeats"
} >"$tsv"

# Probe which kernel OpenBLAS picks (no workload matches "-").
core=$("$work/peers" --only - | sed -n 's/^# openblas_core\t//p')
if grep -qw avx512f /proc/cpuinfo && [ -z "${OPENBLAS_CORETYPE:-}" ] &&
   ! [[ $core =~ ^(SkylakeX|Cooperlake|SapphireRapids)$ ]]; then
  export OPENBLAS_CORETYPE=SkylakeX
  printf '# openblas_coretype\tset to SkylakeX (autodetected %s on an AVX-512 CPU)\n' \
    "$core" >>"$tsv"
elif [ -n "${OPENBLAS_CORETYPE:-}" ]; then
  printf '# openblas_coretype\t%s (from the environment)\n' \
    "$OPENBLAS_CORETYPE" >>"$tsv"
fi

# Other processes on the cores distort the times, the multi-threaded ones
# most: measure how busy the CPUs are for a second before starting (the load
# average lags by minutes), record it, and warn when it is not idle.
read -r _ u1 n1 s1 i1 _ </proc/stat
sleep 1
read -r _ u2 n2 s2 i2 _ </proc/stat
busy=$(( 100 * (u2 + n2 + s2 - u1 - n1 - s1) /
         (u2 + n2 + s2 + i2 - u1 - n1 - s1 - i1 + 1) ))
printf '# cpu_busy_before\t%s%%\n' "$busy" >>"$tsv"
if [ "$busy" -gt 5 ]; then
  echo "bench_peers: warning: the CPUs are $busy% busy with other work;" \
    "times will be noisy" >&2
fi

for t in $threads; do
  echo "bench_peers: C/C++ peers, $t thread(s)" >&2
  "$work/peers" --threads "$t" --repeats "$repeats" >>"$tsv"
  echo "bench_peers: Python peers, $t thread(s)" >&2
  OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t PYTHONPATH="$pydeps" \
    /usr/bin/python3 "$root/bench/peers/numpy_peers.py" --threads "$t" \
    --repeats "$repeats" >>"$tsv"
done

# peak_fma_f32 runs from registers alone, so it scales with the threads
# unless another process holds a core.
awk -F'\t' '$1 == "peak_fma_f32" { rate[$3] = $5 }
  END { for (t in rate) if (t > 1 && rate[t] < 0.8 * t * rate[1])
          printf "bench_peers: warning: peak_fma_f32 at %d threads is only " \
            "%.1fx the 1-thread rate; a core was busy\n", t,
            rate[t] / rate[1] > "/dev/stderr" }' "$tsv"

# The libraries' '#' lines repeat per thread count; keep each once.
if [ -n "$out" ]; then
  awk '!/^#/ || !seen[$0]++' "$tsv" >"$out"
  echo "bench_peers: wrote $out" >&2
else
  awk '!/^#/ || !seen[$0]++' "$tsv"
fi
