#!/usr/bin/env python3
"""The arithmetic of bench/report.sh: parse what wrk (with bench/wrk-summary.lua), hey,
/actuator/prometheus and jstat print,
then, once every run is in, take medians, write the tables (report.md), the data files and
the gnuplot script that draws the plots. No third-party module: python3 alone.

  report_data.py wrk FILE          -> rps p50_ms p99_ms ok non2xx errors window_s ok200
                                      (rps: every answer, any status; ok: 2xx; ok200: status 200)
  report_data.py hey FILE          -> rps p50_ms p99_ms ok non2xx errors window_s (rps: every answer, any status)
  report_data.py prom FILE         -> overview_200s answers degraded_answers inflight
                                      (answers: lab_overview_answers_total, overviews answered 200;
                                      degraded_answers: those of them with a non-empty `degraded`)
  report_data.py heap FILE         -> heap used MiB from `jstat -gc` output
  report_data.py critical PROFILE  -> critical path (ms) of the overview from /admin/profile JSON
  report_data.py summarize DIR     -> DIR/report.md, DIR/*.dat, DIR/plots.gp
"""
import csv
import json
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

OVERVIEW_URI = 'uri="/api/customers/{id}/overview"'


def wrk(path):
    """The lines bench/wrk-summary.lua prints after wrk's own report."""
    fields = {}
    statuses = {}
    for line in Path(path).read_text(errors="replace").splitlines():
        words = line.split()
        if words and words[0] == "status":
            statuses[words[1]] = int(words[2])
        elif words and words[0] in ("summary", "latency", "errors"):
            fields.update(zip(words[1::2], words[2::2]))
    ok = sum(n for code, n in statuses.items() if code.startswith("2"))
    non2xx = sum(n for code, n in statuses.items() if not code.startswith("2"))
    errors = sum(int(fields.get(k, 0)) for k in ("connect", "read", "write", "timeout"))
    print(fields.get("rps", "0"), fields.get("p50_ms", "nan"), fields.get("p99_ms", "nan"), ok, non2xx, errors,
          fields.get("seconds", "nan"), statuses.get("200", 0))


def hey(path):
    text = Path(path).read_text(errors="replace")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"Total:\s+([\d.]+) secs", text)
    pct = {p: re.search(rf"^\s+{p}%+ in ([\d.]+) secs", text, re.M) for p in ("50", "99")}
    ok = non2xx = errors = 0
    section = None
    for line in text.splitlines():
        if line.startswith("Status code distribution"):
            section = "status"
        elif line.startswith("Error distribution"):
            section = "errors"
        m = re.match(r"\s+\[(\d+)\]\s+(\d+)?", line)
        if m and section == "status":
            count = int(m.group(2) or 0)
            if m.group(1).startswith("2"):
                ok += count
            else:
                non2xx += count
        elif m and section == "errors":
            errors += int(m.group(1))

    def ms(match):
        return f"{float(match.group(1)) * 1000:.1f}" if match else "nan"

    print(rps.group(1) if rps else "0", ms(pct["50"]), ms(pct["99"]), ok, non2xx, errors,
          total.group(1) if total else "nan")


def prom(path):
    ok200 = 0.0
    answers = defaultdict(float)
    inflight = "nan"
    for line in Path(path).read_text(errors="replace").splitlines():
        if line.startswith("#"):
            continue
        name, _, rest = line.partition("{")
        value = line.rsplit(" ", 1)[-1]
        if name == "http_server_requests_seconds_count" and OVERVIEW_URI in line and 'status="200"' in line:
            ok200 += float(value)
        elif name == "lab_overview_answers_total":
            answers['degraded="true"' in line] += float(value)
        elif line.startswith("lab_requests_inflight"):
            inflight = value
    print(int(ok200), int(answers[False] + answers[True]), int(answers[True]), inflight)


def heap(path):
    lines = [line.split() for line in Path(path).read_text().splitlines() if line.strip()]
    header, values = lines[0], lines[1]
    row = dict(zip(header, values))
    used_kb = sum(float(row[k]) for k in ("S0U", "S1U", "EU", "OU") if row.get(k, "-") != "-")
    print(f"{used_kb / 1024:.1f}")


def critical(path):
    services = json.loads(Path(path).read_text())["services"]
    latency = {name: s.get("latencyMs", 0) + s.get("jitterMs", 0) / 2 for name, s in services.items()}
    # customer and orders are database reads (a few ms); shipping follows the orders
    print(int(max(latency.get("recommendations", 0), latency.get("loyalty", 0), latency.get("shipping", 0))))


# ---------------------------------------------------------------- summary

def num(value):
    try:
        v = float(value)
        return None if v != v else v
    except (TypeError, ValueError):
        return None


def median(values):
    present = [v for v in (num(x) for x in values) if v is not None]
    return statistics.median(present) if present else None


def fmt(value, digits=0, unit=""):
    return "—" if value is None else f"{value:,.{digits}f}{unit}"


def read_csv(path):
    if not path.exists():
        return []
    with path.open() as f:
        return list(csv.DictReader(f))


def order_key(config):
    if config.startswith("blocking-"):
        return (1, int(config.split("-")[1]))
    return (0 if config == "reactive" else 2, 0)


def summarize(out):
    out = Path(out)
    meta = json.loads((out / "meta.json").read_text())
    pools = {row["config"]: row for row in read_csv(out / "pools.csv")}
    cp = float(meta["critical_path_ms"]) / 1000
    loads = defaultdict(list)
    for row in read_csv(out / "load.csv"):
        loads[(row["config"], int(row["clients"]))].append(row)
    holds = defaultdict(list)
    for row in read_csv(out / "hold.csv"):
        holds[(row["config"], int(row["held"]))].append(row)

    load_rows = []
    for (config, clients), runs in sorted(loads.items(), key=lambda kv: (order_key(kv[0][0]), kv[0][1])):
        m = {k: median(r[k] for r in runs) for k in ("p50_ms", "p99_ms", "threads_max", "rss_max_mib",
                                                    "heap_gc_mib", "cpu_ms_per_req", "sim_peak_inflight")}
        errors = median(int(r["non2xx"]) + int(r["errors"]) for r in runs)
        answers = median(int(r["ok"]) + int(r["non2xx"]) + int(r["errors"]) for r in runs)
        server = num(pools.get(config, {}).get("server_max")) if config.startswith("blocking-") else None
        load_rows.append(dict(config=config, clients=clients, n=len(runs), bound=clients / cp,
                              wall=server / cp if server else None, errors=errors, answers=answers,
                              ok_rps=median(ok_rate(r) for r in runs), rps_all=median(r["rps"] for r in runs),
                              degraded=median(degraded_share(r) for r in runs), **m))
    hold_rows = []
    for (config, held), runs in sorted(holds.items(), key=lambda kv: (order_key(kv[0][0]), kv[0][1])):
        m = {k: median(r[k] for r in runs) for k in ("inflight", "d_rss_mib", "d_heap_mib", "d_threads",
                                                    "idle_rss_mib", "idle_heap_mib", "idle_threads")}
        hold_rows.append(dict(config=config, held=held, n=len(runs), **m))

    write_data(out, load_rows, hold_rows, meta)
    (out / "report.md").write_text(render(meta, pools, load_rows, hold_rows, cp))


def window(r):
    """The measured window in seconds: wrk's duration (hey's Total in reports before wrk).
    Rows without window_s: hey's Requests/sec is every result (any status, errors too) / Total."""
    if num(r.get("window_s")):
        return num(r["window_s"])
    results = int(r["ok"]) + int(r["non2xx"]) + int(r["errors"])
    return results / num(r["rps"]) if num(r["rps"]) else None


def ok_rate(r):
    """200 answers per second (the 200s wrk received in the window / the window): refusals (503)
    are quick to give and would flatter an overloaded stack."""
    w = window(r)
    return int(r["ok200"]) / w if w else None


def degraded_share(r):
    """The exact share of 200s with a non-empty `degraded` (lab_overview_answers_total{degraded});
    None for rows measured before that counter existed (their per-part counters give no exact share)."""
    if not r.get("answers") or not int(r["answers"]):
        return None
    return int(r["answers_degraded"]) / int(r["answers"])


def write_data(out, load_rows, hold_rows, meta):
    configs = sorted({r["config"] for r in load_rows}, key=order_key)
    for config in configs:
        rows = [r for r in load_rows if r["config"] == config]
        with (out / f"load-{config}.dat").open("w") as f:
            f.write("# clients ok200_per_s p50_ms p99_ms cpu_ms_per_req threads rss_mib heap_gc_mib all_status_per_s\n")
            for r in rows:
                f.write(" ".join(str(x if x is not None else "NaN") for x in (
                    r["clients"], r["ok_rps"], r["p50_ms"], r["p99_ms"], r["cpu_ms_per_req"], r["threads_max"],
                    r["rss_max_mib"], r["heap_gc_mib"], r["rps_all"])) + "\n")
    hold_configs = sorted({r["config"] for r in hold_rows}, key=order_key)
    for config in hold_configs:
        with (out / f"hold-{config}.dat").open("w") as f:
            f.write("# held inflight d_rss_mib d_heap_mib d_threads\n")
            for r in (r for r in hold_rows if r["config"] == config):
                f.write(" ".join(str(x if x is not None else "NaN") for x in (
                    r["held"], r["inflight"], r["d_rss_mib"], r["d_heap_mib"], r["d_threads"])) + "\n")
    cpu_clients = sorted({r["clients"] for r in load_rows})
    with (out / "cpu.dat").open("w") as f:
        f.write("config " + " ".join(f"c{c}" for c in cpu_clients) + "\n")
        for config in configs:
            cells = []
            for c in cpu_clients:
                row = next((r for r in load_rows if r["config"] == config and r["clients"] == c), None)
                cells.append(str(row["cpu_ms_per_req"]) if row and row["cpu_ms_per_req"] is not None else "NaN")
            f.write(config + " " + " ".join(cells) + "\n")
    (out / "plots.gp").write_text(gnuplot(configs, hold_configs, cpu_clients, meta))


COLOURS = {"reactive": "#2ca02c", "virtual": "#1f77b4"}
BLOCKING_COLOURS = ["#d62728", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"]


def colour(config, configs):
    if config in COLOURS:
        return COLOURS[config]
    blocking = [c for c in configs if c.startswith("blocking-")]
    return BLOCKING_COLOURS[blocking.index(config) % len(BLOCKING_COLOURS)]


def gnuplot(configs, hold_configs, cpu_clients, meta):
    cp = float(meta["critical_path_ms"]) / 1000
    walls = [int(c.split("-")[1]) for c in configs if c.startswith("blocking-")]
    lines = [
        "set terminal svg size 1000,560 dynamic font 'sans,12' background '#ffffff'",
        "set grid", "set key outside right top", "set datafile missing 'NaN'",
        "set xlabel 'concurrent clients (wrk -c)'",
        f"set output 'throughput.svg'",
        f"set title \"Overview under {meta['preset']}: throughput vs clients (critical path {cp * 1000:.0f} ms)\"",
        "set ylabel '200 answers/s (median of repeats)'",
        "set xrange [0:*]", "set yrange [0:*]",
    ]
    plots = [f"x/{cp} with lines dt 2 lw 2 lc rgb '#000000' title \"Little's law: clients / {cp:g} s\""]
    for t in walls:
        c = colour(f"blocking-{t}", configs)
        plots.append(f"{t}/{cp} with lines dt 3 lc rgb '{c}' title 'wall {t} threads / {cp:g} s'")
    for config in configs:
        plots.append(f"'load-{config}.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '{colour(config, configs)}' "
                     f"title '{config}'")
    lines.append("plot [0:*] " + ", \\\n  ".join(plots))
    lines += ["set output 'p99.svg'", "set title 'Overview p99 latency vs clients'", "set ylabel 'p99 (ms)'",
              "plot " + ", \\\n  ".join(f"'load-{c}.dat' using 1:4 with linespoints pt 7 lw 2 lc rgb "
                                      f"'{colour(c, configs)}' title '{c}'" for c in configs)]
    if hold_configs:
        for column, name, label in ((3, "memory-rss", "RSS above idle (MiB)"),
                                    (4, "memory-heap", "heap after GC above idle (MiB)"),
                                    (5, "threads", "live JVM (platform) threads above idle")):
            lines += [f"set output '{name}.svg'", f"set title '{label} vs requests in flight'",
                      "set xlabel 'requests in flight (measured)'", f"set ylabel '{label}'", "set yrange [*:*]",
                      "plot " + ", \\\n  ".join(f"'hold-{c}.dat' using 2:{column} with linespoints pt 7 lw 2 "
                                              f"lc rgb '{colour(c, hold_configs)}' title '{c}'"
                                              for c in hold_configs)]
    lines += ["set output 'cpu.svg'", "set title 'CPU per request (process CPU time / requests answered)'",
              "set style data histograms", "set style histogram clustered gap 1", "set style fill solid 0.8",
              "set xlabel ''", "set ylabel 'CPU ms per request'", "set yrange [0:*]", "set xtics rotate by -20",
              "plot " + ", ".join(f"'cpu.dat' using {i + 2}:xtic(1) title '{c} clients'"
                                  for i, c in enumerate(cpu_clients))]
    return "\n".join(lines) + "\n"


def render(meta, pools, load_rows, hold_rows, cp):
    md = [f"# Fan-out Lab: the comparison, {meta['date']}", ""]
    if meta.get("short"):
        md += ["**Dry run (SHORT=1): windows and repeats too short to quote. Proves the command works; "
               "run it without SHORT on a quiet machine for numbers.**", ""]
    md += ["| | |", "|---|---|",
           f"| command | `{meta['command']}` |",
           f"| settings | {meta['settings']} |",
           f"| git commit | `{meta['commit']}` |",
           f"| machine | {meta['nproc']} cores, {meta['cpu']}, {meta['memory']} |",
           f"| JDK | {meta['java']} |",
           f"| simulator | preset `{meta['preset']}`, overview critical path {cp * 1000:.0f} ms |",
           f"| whole run | {meta.get('elapsed', '?')} |", ""]
    md += ["## Pools in force (read from each stack's `/api/info`)", "",
           "| config | server threads | fan-out pool | HTTP connections | DB connections | JVM options |",
           "|---|---:|---:|---:|---:|---|"]
    for config in sorted(pools, key=order_key):
        p = pools[config]
        md.append(f"| {config} | {p['server_max'] or '—'} ({p['server_kind']}) | {p['fanout_max'] or '—'} "
                  f"({p['fanout_kind']}) | {p['http_max']} | {p['db_max']} | `{p['jvm']}` |")
    rules = sorted({p["rule"] for c, p in pools.items() if c.startswith("blocking") and p.get("rule")})
    if rules:
        md += ["", "The blocking stack's sizing rule, as `/api/info` states it: " + "; ".join(rules)]
    md.append("")

    md += ["## Throughput vs clients", "",
           f"`wrk -t <cores> -c <clients> -d <window>` on `/api/customers/5/overview` (`bench/wrk-summary.lua` counts "
           "every status), one stack at a time, repeats interleaved "
           f"(each row: median of n). *bound* = clients / {cp:g} s (Little's law: no stack can beat it); "
           f"*wall* = server threads / {cp:g} s (a thread-per-request server cannot beat it). *200/s* = answers "
           "with status 200 that wrk received per second of its window, which *of bound* and *of wall* compare: "
           "a quick 503 refusal is not throughput; "
           "*all statuses/s* = wrk's requests/s, every answer whatever its status. *degraded* = exact share of "
           "the 200s whose `degraded` is non-empty, from the stack's `lab_overview_answers_total{degraded}` (one "
           "count per overview answered 200) over the window; — for runs made before that counter existed.", "",
           "![throughput](throughput.svg)", "", "![p99](p99.svg)", "",
           "| config | clients | n | 200/s | bound | of bound | wall | of wall | all statuses/s | p50 | p99 | "
           "errors | degraded | simulator peak in flight |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in load_rows:
        md.append(f"| {r['config']} | {r['clients']} | {r['n']} | {fmt(r['ok_rps'], 1)} | {fmt(r['bound'])} | "
                  f"{share(r['ok_rps'], r['bound'])} | {fmt(r['wall'])} | {share(r['ok_rps'], r['wall'])} | "
                  f"{fmt(r['rps_all'], 1)} | {fmt(r['p50_ms'], 0, ' ms')} | {fmt(r['p99_ms'], 0, ' ms')} | "
                  f"{errors(r)} | {fmt_share(r['degraded'])} | {fmt(r['sim_peak_inflight'])} |")

    md += ["", "## Can't you just add threads? Cost per configuration", "",
           "The same runs: live JVM threads (max sampled from `/proc/<pid>/status` every 0.5 s), peak RSS in the "
           "window, heap used right after a full GC (`jcmd GC.run`, then `jstat -gc`) taken 3/4 into the window "
           "with the load on, and process CPU time (`/proc/<pid>/stat` utime + stime) per request answered.", "",
           "![cpu](cpu.svg)", "",
           "| config | clients | 200/s | p50 | p99 | live threads | RSS (peak) | heap after GC | CPU ms / request |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in load_rows:
        md.append(f"| {r['config']} | {r['clients']} | {fmt(r['ok_rps'], 1)} | {fmt(r['p50_ms'], 0, ' ms')} | "
                  f"{fmt(r['p99_ms'], 0, ' ms')} | {fmt(r['threads_max'])} | {fmt(r['rss_max_mib'], 0, ' MiB')} | "
                  f"{fmt(r['heap_gc_mib'], 0, ' MiB')} | {fmt(r['cpu_ms_per_req'], 2)} |")
    md += ["", per_thread(load_rows), ""]

    if hold_rows:
        md += ["## Memory per request in flight", "",
               f"`hey -n N -c N` on `/api/fanout?calls=3&latencyMs={meta['hold_ms']}` (the overview's three HTTP "
               "calls, held open for the whole latency) against one stack at a time; measured once the requests "
               "are in flight, minus the same JVM idle just before (both after a full GC for the heap). Held batches "
               "run at the start of each round, N rising, stacks interleaved; before a blocking batch the command "
               "waits (SETTLE s at most) for Tomcat to reap the request threads left idle by the previous batch. "
               "The blocking fan-out pool keeps its threads once started (core = max), so after its first batch they "
               "count as idle: the load table above shows every thread a configuration ends up with. RSS grows only "
               "when new pages are touched: thread stacks show up in it, but objects landing in heap pages the JVM "
               "has used before do not, so for reactive and virtual the heap column is the cost. "
               "*in flight* is the stack's `lab_requests_inflight` gauge; when a blocking stack's server threads "
               "are all busy its actuator cannot answer, and in flight is its thread count; when another stack does "
               "not answer within 2 s, it is the simulator's calls in flight / 3.", "",
               "![rss](memory-rss.svg)", "", "![heap](memory-heap.svg)", "", "![threads](threads.svg)", "",
               "| config | held (N) | in flight | RSS above idle | heap above idle | threads above idle | "
               "RSS per request | heap per request | idle RSS / heap / threads |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in hold_rows:
            inflight = r["inflight"]
            md.append(f"| {r['config']} | {r['held']} | {fmt(inflight)} | {fmt(r['d_rss_mib'], 1, ' MiB')} | "
                      f"{fmt(r['d_heap_mib'], 1, ' MiB')} | {fmt(r['d_threads'])} | "
                      f"{per_request(r['d_rss_mib'], inflight)} | {per_request(r['d_heap_mib'], inflight)} | "
                      f"{fmt(r['idle_rss_mib'])} MiB / {fmt(r['idle_heap_mib'])} MiB / {fmt(r['idle_threads'])} |")
        md.append("")
    md += ["## Raw data", "",
           "`load.csv` (one row per measured window), `hold.csv` (one row per held batch), `pools.csv`, "
           "`meta.json`; `*.dat` and `plots.gp` are what gnuplot drew; `wrk/` keeps every wrk output, `hey/` every held batch's.", ""]
    return "\n".join(md)


def share(value, bound):
    return "—" if value is None or not bound else f"{100 * value / bound:.0f}%"


def errors(r):
    if r["errors"] is None:
        return "—"
    return f"{r['errors']:.0f}" + (f" ({100 * r['errors'] / r['answers']:.1f}%)" if r["errors"] and r["answers"] else "")


def fmt_share(value):
    return "—" if value is None else f"{100 * value:.1f}%"


def per_request(mib, inflight):
    if mib is None or not inflight:
        return "—"
    return f"{mib * 1024 / inflight:.0f} KiB"


def per_thread(load_rows):
    """RSS per platform thread: a least-squares line through the blocking configurations."""
    points = [(r["threads_max"], r["rss_max_mib"]) for r in load_rows
              if r["config"].startswith("blocking-") and r["threads_max"] and r["rss_max_mib"]]
    if len({p[0] for p in points}) < 2:
        return "(Fewer than two blocking thread counts: no cost per thread can be fitted.)"
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return (f"**What would more platform threads cost?** A least-squares line through the blocking rows (peak RSS vs "
            f"live threads, {n} points) gives **{slope * 1024:.0f} KiB of RSS per extra platform thread** under this "
            f"load: 2,000 more threads ≈ {slope * 2000:.0f} MiB. It holds the thread's touched stack and the work it "
            f"carries; the heap column shows how much of a thread's work lives on the heap. Compare with the memory "
            f"per request in flight of reactive and virtual below.")


if __name__ == "__main__":
    command, arg = sys.argv[1], sys.argv[2]
    {"wrk": wrk, "hey": hey, "prom": prom, "heap": heap, "critical": critical, "summarize": summarize}[command](arg)
