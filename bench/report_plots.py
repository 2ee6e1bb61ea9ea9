#!/usr/bin/env python3
"""The plots of bench/report.sh, from DIR/load.csv (medians by report_data.medians):

  throughput-cpu.svg   regime 1: 200s/s vs clients, with each stack's CPU ceiling, the bound and blocking's wall
  throughput-long.svg  regime 2: the same under the long critical path
  overload.svg         overload: 200s/s served and refused share vs offered arrivals, p99 of the 200s

  report_plots.py DIR
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from report_data import STACKS, medians  # noqa: E402

COLOURS = {"reactive": "#2ca02c", "blocking": "#d62728", "virtual": "#1f77b4"}


def throughput(rows, series, title, path):
    rows = [r for r in rows if r["series"] == series]
    if not rows:
        return
    fig, ax = plt.subplots(figsize=(10, 5.6))
    clients = sorted({r["clients"] for r in rows})
    top = max(clients)
    cp = rows[0]["critical_ms"] / 1000
    ax.plot([0, top * 1.05], [0, top * 1.05 / cp], "k--", lw=1.5, label=f"bound: clients / {cp:g} s")
    for stack in STACKS:
        mine = sorted((r for r in rows if r["config"] == stack), key=lambda r: r["clients"])
        if not mine:
            continue
        c = COLOURS[stack]
        xs = [r["clients"] for r in mine]
        ax.plot(xs, [r["ok_rps"] for r in mine], "o-", color=c, lw=2, label=f"{stack}: 200s/s")
        ceilings = [r["ceiling_rps"] for r in mine]
        ax.plot(xs, ceilings, "^:", color=c, lw=1, label=f"{stack}: CPU ceiling")
        walls = [r["wall"] for r in mine if r["wall"]]
        if walls:
            wall = sorted(walls)[len(walls) // 2]
            ax.axhline(wall, color=c, ls="-.", lw=1, label=f"{stack}: wall {wall:.0f}/s (threads / measured path)")
    ax.set_xlim(0, top * 1.05)
    ax.set_ylim(0, None)
    ax.set_xlabel("concurrent clients (closed model)")
    ax.set_ylabel("overviews answered 200 per second (median)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def overload(rows, path):
    rows = [r for r in rows if r["series"] == "open"]
    if not rows:
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    top = max(r["offered"] for r in rows)
    left.plot([0, top], [0, top], "k--", lw=1, label="served = offered")
    cap = rows[0]["in_flight_cap"]
    cp = rows[0]["critical_ms"] / 1000
    if cap:
        left.axhline(cap / cp, color="grey", ls=":", label=f"capacity: limit {cap:.0f} / {cp:g} s")
    for stack in STACKS:
        mine = sorted((r for r in rows if r["config"] == stack), key=lambda r: r["offered"])
        if not mine:
            continue
        xs = [r["offered"] for r in mine]
        left.plot(xs, [r["ok_rps"] for r in mine], "o-", color=COLOURS[stack], lw=2, label=f"{stack}: 200s/s")
        left.plot(xs, [(r["refused_share"] or 0) * r["offered"] for r in mine], "x:", color=COLOURS[stack],
                  label=f"{stack}: refused/s")
        right.plot(xs, [r["p99_ms"] for r in mine], "o-", color=COLOURS[stack], label=f"{stack}: p99 of 200s")
        right.plot(xs, [r["p50_ms"] for r in mine], "s:", color=COLOURS[stack], label=f"{stack}: p50 of 200s")
    left.set_xlabel("offered arrivals per second (open model)")
    left.set_ylabel("per second")
    left.set_title("Shed mode: served and refused vs offered")
    right.set_xlabel("offered arrivals per second")
    right.set_ylabel("latency of the 200s (ms)")
    right.set_title("Latency of the answered overviews")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        ax.set_ylim(0, None)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(out):
    out = Path(out)
    meta = json.loads((out / "meta.json").read_text())
    rows = medians(out)
    throughput(rows, "cpu", f"Regime 1, CPU-bound: slow ({meta['critical_ms']} ms), queue mode", out / "throughput-cpu.svg")
    throughput(rows, "long", f"Regime 2, concurrency-bound: critical path {meta['long_critical_ms']} ms, queue mode",
               out / "throughput-long.svg")
    overload(rows, out / "overload.svg")


if __name__ == "__main__":
    main(sys.argv[1])
