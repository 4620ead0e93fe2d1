#!/usr/bin/env bash
# Installs what bench/bench_peers.sh needs on top of the normal dependencies:
# the peer libraries tlc is measured against (OpenBLAS, oneDNN, Eigen;
# numpy comes with python3-numpy), matplotlib for bench/report.py's chart
# and opt-einsum in build/pydeps. Kept apart
# so the normal build and test path never installs them. Idempotent.
set -euo pipefail
dir=$(dirname "$0")
"$dir/install-deps.sh" libopenblas-dev libdnnl-dev libeigen3-dev python3-numpy \
  python3-matplotlib
exec "$dir/install-py-deps.sh"
