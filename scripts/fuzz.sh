#!/usr/bin/env bash
# Fuzzes the .tl front end (parser, sema, lowering to tl) with libFuzzer and
# AddressSanitizer: fuzz/tl_fuzzer.cpp, built as build-fuzz/bin/tl-fuzzer.
#
#   scripts/fuzz.sh [SECONDS] [LIBFUZZER_ARGS...]     default: 300 seconds
#
# Configures build-fuzz/ with clang-22 and -DTLC_ENABLE_FUZZER=ON (once),
# builds tl-fuzzer, seeds the corpus from test/Frontend/*.tl,
# examples/**/*.tl, fuzz/corpus/* and the saved regressions, and runs.
# The growing corpus stays in build-fuzz/fuzz-corpus/ between runs.
# Crashes, sanitizer reports, "internal error" diagnostics (a generated
# module that does not verify; TLC_FUZZ_ALLOW_INTERNAL_ERRORS=1 tolerates
# them), timeouts (-timeout=10) and out-of-memory inputs are written to
# fuzz/crashers-new/ (not committed): minimise one with
#   build-fuzz/bin/tl-fuzzer -minimize_crash=1 -runs=10000 FILE
# and keep it as test/Frontend/Inputs/fuzz-regressions/NAME.tl, which
# test/Frontend/fuzz-regressions.test runs through tlc.
#
# By default libFuzzer runs in fork mode and goes on after a crash, timeout
# or out-of-memory, so one run collects every distinct failure (set
# TLC_FUZZ_FORK=0 to stop at the first one, in-process).
#
# Environment: TLC_FUZZ_BUILD_DIR (default build-fuzz), JOBS (ninja -j,
# default 2), TLC_FUZZ_FORK (default 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TLC_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-300}
shift || true

"$root/scripts/install-fuzz-deps.sh"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DTLC_ENABLE_FUZZER=ON
fi
ninja -C "$build" -j"${JOBS:-2}" tl-fuzzer

# Seeds: copied flat so the fuzzer never writes into the source tree.
corpus=$build/fuzz-corpus
seeds=$build/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds" "$root/fuzz/crashers-new"
shopt -s nullglob globstar
n=0
for f in "$root"/test/Frontend/*.tl "$root"/examples/**/*.tl \
         "$root"/test/Frontend/Inputs/fuzz-regressions/*.tl \
         "$root"/fuzz/corpus/*; do
  [ -f "$f" ] || continue
  cp "$f" "$seeds/$n-$(basename "$f")"
  n=$((n + 1))
done
echo "fuzz: $n seed files"

# load("x.npy") resolves against the working directory: give the fuzzer a
# scratch one with small .npy files of every element type.
work=$build/fuzz-work
mkdir -p "$work"
/usr/bin/python3 - "$work" <<'PY'
import struct, sys, os
def npy(path, descr, shape, payload):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (
        descr, "(%s)" % "".join("%d," % s for s in shape) if shape else "()")
    pad = 64 - (10 + len(header) + 1) % 64
    header += " " * pad + "\n"
    with open(os.path.join(sys.argv[1], path), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode() + payload)
npy("k.npy", "<i8", [2, 2], struct.pack("<4q", 1, 2, 3, 4))
npy("m.npy", "|b1", [3], bytes([1, 0, 1]))
npy("f.npy", "<f4", [4], struct.pack("<4f", 0.5, -1, 2, 3))
npy("d.npy", "<f8", [2, 3], struct.pack("<6d", 1, 2, 3, 4, 5, 6))
npy("i.npy", "<i4", [3], struct.pack("<3i", 7, 8, 9))
npy("s.npy", "<f4", [], struct.pack("<f", 42))
PY

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-22/bin/llvm-symbolizer}
fork=()
if [ "${TLC_FUZZ_FORK:-1}" != 0 ]; then
  fork=(-fork="${TLC_FUZZ_FORK:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
cd "$work"
exec "$build/bin/tl-fuzzer" "$corpus" "$seeds" "${fork[@]}" \
  -dict="$root/fuzz/tl.dict" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -artifact_prefix="$root/fuzz/crashers-new/" \
  -print_final_stats=1 "$@"
