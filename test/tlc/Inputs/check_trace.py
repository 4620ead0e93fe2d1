"""Checks a Chrome trace from libtlrt: valid JSON, complete ("X") events,
and RUNS events for each kernel id in 0..KERNELS-1.
  check_trace.py TRACE KERNELS RUNS"""
import collections
import json
import sys

path, kernels, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path) as f:
    trace = json.load(f)
events = trace["traceEvents"]
ids = collections.Counter()
for e in events:
    assert e["ph"] == "X" and e["dur"] >= 0 and e["ts"] >= 0, e
    assert e["name"] and e["args"]["location"], e
    ids[e["args"]["id"]] += 1
want = {i: runs for i in range(kernels)}
if dict(ids) != want:
    sys.exit("events per kernel id: %s, expected %s" % (dict(ids), want))
print("trace ok: %d events" % len(events))
