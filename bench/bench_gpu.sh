#!/usr/bin/env bash
# tlc's GPU code against peers on the same card, in the same process:
# matmul 4096^3 f32 against cuBLAS's sgemm; maps, a row sum and softmax
# over 8192x8192 f32 against a device-to-device copy of the same bytes
# (the bandwidth the card reaches), with GFLOP/s or GB/s and the fraction
# of the card's peak. Median ms of [repeats] runs (default 20) after a
# warm-up. Workloads: bench/workloads/gpu/*.mlir.
#   bench/bench_gpu.sh [repeats]     needs an NVIDIA GPU (skipped otherwise)
#   bench/bench_gpu.sh --build-only  compiles everything, runs nothing
# Environment: TLC (default build/bin/tlc), CUDA_HOME (default
# /usr/local/cuda).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tlc=${TLC:-$root/build/bin/tlc}
cuda=${CUDA_HOME:-/usr/local/cuda}
build_only=false
if [ "${1:-}" = --build-only ]; then
  build_only=true
  shift
fi
repeats=${1:-20}

chip=sm_90
if ! $build_only; then
  if ! command -v nvidia-smi > /dev/null || ! nvidia-smi -L 2>/dev/null | grep -q GPU; then
    echo "bench_gpu: skipped: no NVIDIA GPU (nvidia-smi lists none); nothing was measured"
    exit 0
  fi
  cap=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1)
  chip=sm_${cap/./}
  echo "GPU: $(nvidia-smi --query-gpu=name --format=csv,noheader | head -1) ($chip)"
fi
if [ ! -e "$cuda/include/cuda.h" ] || [ ! -e "$cuda/include/cublas_v2.h" ]; then
  echo "bench_gpu: needs the CUDA toolkit (cuda.h, cuBLAS) in $cuda" >&2
  exit 1
fi
# Linking on a machine without a driver takes the toolkit's stub libcuda.
libcuda=()
[ -e /usr/lib/x86_64-linux-gnu/libcuda.so ] || libcuda=(-L"$cuda/lib64/stubs")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| workload | tlc ms | peer | peer ms | peer / tlc | tlc throughput | of peak |"
echo "|---|---:|---|---:|---:|---:|---:|"
for src in "$root"/bench/workloads/gpu/*.mlir; do
  name=$(basename "${src%.mlir}")
  d="$work/$name"
  mkdir -p "$d"
  "$tlc" "$src" --target="$chip" --name=w -o "$d/w.o" > "$d/tlc.log" 2>&1 ||
    { cat "$d/tlc.log" >&2; exit 1; }
  inputs=$(sed -n 's/^#define W_NUM_INPUTS \([0-9]*\)/\1/p' "$d/w.h")
  flags=(-DNAME="\"$name\"" -DNUM_INPUTS_VALUE="$inputs" -DFLOPS=0)
  if [ "$name" = matmul ]; then
    flags=(-DNAME="\"matmul 4096^3\"" -DNUM_INPUTS_VALUE="$inputs"
           -DPEER_SGEMM=4096 -DFLOPS="(2.0*4096*4096*4096)")
  fi
  cc -O2 -Wall -Werror -I "$d" -I "$root/bench" -I "$root/runtime/include" \
    -I "$cuda/include" -DTLC_HEADER='"w.h"' -DTLC_BASE=w "${flags[@]}" \
    "$root/bench/gpu_harness.c" "$d/w.o" -L"$root/build/lib" -ltlrt \
    -Wl,-rpath,"$root/build/lib" -L"$cuda/lib64" -Wl,-rpath,"$cuda/lib64" \
    -lcublas "${libcuda[@]}" -lcuda -lm -o "$d/run"
  if $build_only; then
    echo "| $name | (built for $chip, not run) | | | | | |"
  else
    "$d/run" "$repeats"
  fi
done
