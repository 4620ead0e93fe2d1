#!/usr/bin/env bash
# Installs the extra Debian packages that scripts/fuzz.sh needs on top of
# scripts/install-deps.sh: clang-22's compiler-rt (libFuzzer and
# AddressSanitizer runtimes) and llvm-symbolizer for readable stack traces.
# Kept apart so the normal build and test path never installs them.
# Idempotent: packages already present are skipped.
set -euo pipefail

DEB_PACKAGES=(
  clang-22
  # libclang_rt.fuzzer.a, libclang_rt.asan*.a for -fsanitize=fuzzer,address
  libclang-rt-22-dev
  # llvm-symbolizer (symbolized ASan reports)
  llvm-22
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
  echo "install-fuzz-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-fuzz-deps: all Debian packages present"
fi
