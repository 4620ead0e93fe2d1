#!/usr/bin/env python3
"""Turns the TSVs of bench/bench_peers.sh and bench/bench_cpu.sh (one or
more rounds on one machine) into the markdown tables of docs/performance.md
and a PNG chart of tlc's speed relative to the best peer.

  bench/report.py PEERS.tsv TLC.tsv --md OUT.md --png OUT.png

A TSV may hold several rounds, each after a '# round<TAB>N' line (bench_all.sh
runs the peers and tlc in turn, round after round, so that a drift of the
machine's speed hits both). For each workload and thread count: tlc's time
and each peer's (the median over the rounds of each round's median), the
ratio best-peer-time / tlc-time (above 1: tlc is faster) with its lowest and
highest value in a single round, and tlc's fraction of the machine's peak
(FMA throughput for GFLOP/s workloads, memory bandwidth for GB/s ones)
measured in the same run.
"""
import argparse
import collections
import statistics


def read(path):
    """Rows (workload, peer, threads, ms, value, unit, round) and notes."""
    rows, notes = [], []
    round_ = 0
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                fields = line[1:].strip().split("\t")
                if fields[0] == "round":
                    round_ = int(fields[1])
                elif line[1:].strip().replace("\t", " ") not in notes:
                    notes.append(line[1:].strip().replace("\t", " "))
                continue
            w, peer, threads, ms, value, unit = line.split("\t")
            rows.append((w, peer, int(threads), float(ms), float(value), unit,
                         round_))
    return rows, notes


def ms_text(ms):
    """Milliseconds as the table shows them: four decimals below 0.1 ms
    (a 7 us run as 0.0072, not 0.007), three above."""
    return "%.4f" % ms if ms < 0.1 else "%.3f" % ms


def medians(rows):
    """(w, peer, t) -> (median ms, median value, unit) over the rounds."""
    groups = collections.defaultdict(list)
    for w, peer, t, ms, value, unit, _ in rows:
        groups[(w, peer, t)].append((ms, value, unit))
    return {k: (statistics.median(m for m, _, _ in v),
                statistics.median(x for _, x, _ in v), v[0][2])
            for k, v in groups.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peers")
    ap.add_argument("tlc")
    ap.add_argument("--md", required=True)
    ap.add_argument("--png")
    args = ap.parse_args()
    peer_rows, peer_notes = read(args.peers)
    tlc_rows, tlc_notes = read(args.tlc)
    peaks = {}
    for (w, peer, t), (ms, value, unit) in medians(peer_rows).items():
        if w in ("peak_fma_f32", "peak_bandwidth"):
            peaks[(w, t)] = value
    table = collections.defaultdict(dict)  # (w, t) -> peer -> (ms, v, unit)
    for (w, peer, t), entry in medians(peer_rows + tlc_rows).items():
        if w.startswith("peak_"):
            continue
        table[(w, t)][peer] = entry
    # Each round's ratio of its best peer to tlc: the spread of the ratio.
    by_round = collections.defaultdict(dict)  # (w, t, round) -> peer -> ms
    for w, peer, t, ms, _, _, r in peer_rows + tlc_rows:
        by_round[(w, t, r)][peer] = ms
    spread = collections.defaultdict(list)  # (w, t) -> ratios
    for (w, t, r), entry in by_round.items():
        peers = [ms for p, ms in entry.items() if p != "tlc"]
        if "tlc" in entry and peers:
            spread[(w, t)].append(min(peers) / entry["tlc"])
    # Every round's compile times (the notes keep each distinct line once).
    compile_runs = collections.defaultdict(list)
    with open(args.tlc) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "# compile_ms":
                compile_runs[fields[1]].append(int(fields[2]))
    compile_ms = {w: "%d" % statistics.median(v) if len(v) == 1 else
                  "%d (%d-%d)" % (statistics.median(v), min(v), max(v))
                  for w, v in compile_runs.items()}
    rounds = max([r for *_, r in tlc_rows] + [1])
    order = []
    for w, *_ in tlc_rows:
        if w not in order:
            order.append(w)
    out = []
    out.append("| workload | threads | tlc (ms) | tlc | best peer | best peer "
               "(ms) | tlc vs best | in one round | of peak | other peers "
               "(ms) |")
    out.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---|")
    ratios = {}
    for w in order:
        for t in sorted({t for (ww, t) in table if ww == w}):
            entry = table[(w, t)]
            if "tlc" not in entry:
                continue
            ms, value, unit = entry["tlc"]
            peers = {p: v for p, v in entry.items() if p != "tlc"}
            if peers:
                best = min(peers, key=lambda p: peers[p][0])
                ratio = peers[best][0] / ms
                best_text, best_ms = best, ms_text(peers[best][0])
                ratio_text = "%.2fx" % ratio
                ratios[(w, t)] = ratio
            else:
                best_text, best_ms, ratio_text = "-", "-", "-"
            rs = spread.get((w, t), [])
            spread_text = ("%.2f-%.2fx" % (min(rs), max(rs))
                           if len(rs) > 1 else "-")
            peak = None
            if unit == "GFLOP/s":
                peak = peaks.get(("peak_fma_f32", t))
            elif unit == "GB/s":
                peak = peaks.get(("peak_bandwidth", t))
            peak_text = "%.0f%%" % (100 * value / peak) if peak else "-"
            others = ", ".join("%s %s" % (p, ms_text(v[0])) for p, v in
                               sorted(peers.items(), key=lambda x: x[1][0]))
            out.append("| %s | %d | %s | %.1f %s | %s | %s | %s | %s | %s | "
                       "%s |" % (w, t, ms_text(ms), value, unit, best_text,
                                 best_ms, ratio_text, spread_text, peak_text,
                                 others))
    out.append("")
    out.append("%d round(s); times are the median over the rounds of each "
               "round's median, and 'in one round' is the lowest and highest "
               "ratio within a single round." % rounds)
    out.append("")
    out.append("Machine peaks measured in the same run: " + ", ".join(
        "%s at %d thread(s) %.1f" % (w, t, v) for (w, t), v in
        sorted(peaks.items())) + ".")
    out.append("")
    out.append("Compile time of each workload with `tlc -O2`, whole driver "
               "(ms; median, and range over the rounds): " + ", ".join(
        "%s %s" % (w, compile_ms[w]) for w in sorted(compile_ms)) + ".")
    out.append("")
    out.append("Run notes: " + "; ".join(peer_notes + [n for n in tlc_notes
                                                     if not n.startswith(
                                                         "compile_ms")]))
    with open(args.md, "w") as f:
        f.write("\n".join(out) + "\n")
    if args.png:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        names = [w for w in order if any((w, t) in ratios for t in (1, 2))]
        fig, ax = plt.subplots(figsize=(10, 4.5))
        width = 0.4
        for i, t in enumerate((1, 2)):
            ax.bar([k + (i - 0.5) * width for k in range(len(names))],
                   [ratios.get((w, t), 0) for w in names], width,
                   label="%d thread%s" % (t, "s" if t > 1 else ""))
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=35, ha="right")
        ax.set_ylabel("best peer time / tlc time")
        ax.set_yscale("log")
        ax.set_title("tlc vs the fastest peer (above 1: tlc faster)")
        ax.legend()
        fig.tight_layout()
        fig.savefig(args.png, dpi=110)


if __name__ == "__main__":
    main()
