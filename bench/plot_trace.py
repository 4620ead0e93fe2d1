#!/usr/bin/env python3
"""Draws a libtlrt Chrome trace as a timeline PNG (one row per kernel, a bar
per call), for the docs; the trace itself opens in Perfetto or
chrome://tracing.
  plot_trace.py TRACE.json OUT.png [TITLE]"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

trace = json.load(open(sys.argv[1]))["traceEvents"]
kernels = []
for e in trace:
    key = "#%d %s" % (e["args"]["id"], e["name"])
    if key not in kernels:
        kernels.append(key)
fig, ax = plt.subplots(figsize=(10, 0.5 + 0.45 * len(kernels)))
for e in trace:
    row = kernels.index("#%d %s" % (e["args"]["id"], e["name"]))
    ax.barh(row, e["dur"] / 1e3, left=e["ts"] / 1e3, height=0.6,
            color="C%d" % (row % 10))
ax.set_yticks(range(len(kernels)))
ax.set_yticklabels([k if len(k) < 60 else k[:57] + "..." for k in kernels],
                   fontsize=8)
ax.invert_yaxis()
ax.set_xlabel("time (ms)")
ax.set_title(sys.argv[3] if len(sys.argv) > 3 else "libtlrt trace")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
