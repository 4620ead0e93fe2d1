#!/usr/bin/env bash
# Installs what scripts/fuzz.sh needs on top of the normal dependencies:
# clang-22, its compiler-rt (libFuzzer, AddressSanitizer and UBSan
# runtimes: libclang-rt-22-dev) and llvm-symbolizer (llvm-22) for readable
# stack traces. Kept apart so the normal build and test path never installs
# them. Idempotent.
set -euo pipefail
exec "$(dirname "$0")/install-deps.sh" clang-22 libclang-rt-22-dev llvm-22
