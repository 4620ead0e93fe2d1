#!/usr/bin/env bash
# Installs the PyPI packages the tests and benchmarks need (opt-einsum) into
# build/pydeps, for Debian's python3 (which has numpy from python3-numpy).
# opt-einsum is pure Python, so any pip can fetch it. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${TLC_PYDEPS:-$root/build/pydeps}
if PYTHONPATH="$target" /usr/bin/python3 -c "import opt_einsum" 2>/dev/null; then
  echo "install-py-deps: opt-einsum present in $target"
  exit 0
fi
mkdir -p "$target"
if /usr/bin/python3 -m pip --version >/dev/null 2>&1; then
  pip=(/usr/bin/python3 -m pip)
elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
  pip=(python3 -m pip)
else
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pip
  pip=(/usr/bin/python3 -m pip)
fi
"${pip[@]}" install --quiet --disable-pip-version-check --no-deps \
  --target "$target" "opt-einsum==3.4.0"
echo "install-py-deps: installed opt-einsum into $target"
