#!/usr/bin/env bash
# Installs every Debian package that tlc's build, tests, examples and
# benchmarks need, plus any packages given as arguments (scripts/
# install-fuzz-deps.sh passes the fuzzer's). Idempotent: packages already
# present are skipped.
set -euo pipefail

DEB_PACKAGES=(
  # toolchain and build
  cmake ninja-build ccache g++ git pkg-config
  # LLVM/MLIR 22 (shared libMLIR.so / libLLVM.so), lit, FileCheck
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22 libomp-22-dev
  # unit tests
  libgtest-dev
  # tests and tools written in Python (Debian's interpreter carries numpy)
  python3 python3-numpy
  # AArch64 cross-compilation and emulation (lit feature aarch64-qemu)
  qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  "$@"
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi
