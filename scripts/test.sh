#!/usr/bin/env bash
# The whole test suite on a fresh machine: install the dependencies, build
# everything, run the GoogleTest unit tests and the lit suite (regression,
# tool and end-to-end tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TLC_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
TLC_PYDEPS="$build/pydeps" "$root/scripts/install-py-deps.sh"
echo "== unit tests"
"$build/bin/tlc-unittests"
echo "== lit"
/usr/lib/llvm-22/bin/lit -sv "$build/test"
