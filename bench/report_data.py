#!/usr/bin/env python3
"""The arithmetic of bench/report.sh: parse what wrk (with bench/wrk-summary.lua), hey, Gatling,
/actuator/prometheus and jstat print, then, once every run is in, take medians and write the
tables (report.md; bench/report_plots.py draws the plots). No third-party module: python3 alone.

  report_data.py wrk FILE          -> rps p50_ms p99_ms ok non2xx errors window_s ok200
                                      (rps: every answer, any status; ok: 2xx; ok200: status 200;
                                      p50/p99 nan unless every answer was a 200: wrk's are over all)
  report_data.py hey FILE          -> rps p50_ms p99_ms ok non2xx errors window_s (rps: every answer, any status)
  report_data.py prom FILE         -> overview_200s answers degraded_answers inflight
                                      (answers: lab_overview_answers_total, overviews answered 200;
                                      degraded_answers: those of them with a non-empty `degraded`)
  report_data.py heap FILE         -> heap used MiB from `jstat -gc` output
  report_data.py critical PROFILE  -> critical path (ms) of the overview from /admin/profile JSON
  report_data.py row ...           -> one load.csv row of bench/report.sh from a window's generator output,
                                      CPU ticks and Prometheus scrapes (per answered overview, status 200)
  report_data.py summarize DIR     -> DIR/report.md (medians of DIR/load.csv)
  report_data.py publish DIR DOC   -> the report's part of DOC, between <!-- report:begin --> and <!-- report:end -->
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
        elif words and words[0] in ("summary", "latency", "latency_all_statuses", "errors"):
            fields.update(zip(words[1::2], words[2::2]))
    ok = sum(n for code, n in statuses.items() if code.startswith("2"))
    non2xx = sum(n for code, n in statuses.items() if not code.startswith("2"))
    errors = sum(int(fields.get(k, 0)) for k in ("connect", "read", "write", "timeout"))
    # wrk's percentiles are over every answer: they are the 200s' only when nothing else came back
    only_200 = statuses.get("200", 0) == ok + non2xx and not errors
    p50, p99 = (fields.get("p50_ms", "nan"), fields.get("p99_ms", "nan")) if only_200 else ("nan", "nan")
    print(fields.get("rps", "0"), p50, p99, ok, non2xx, errors, fields.get("seconds", "nan"), statuses.get("200", 0))


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


# ---------------------------------------------------------------- one measured window

OVERVIEW_200 = (OVERVIEW_URI, 'status="200"')


def histogram(path, *must, exclude=None):
    """{le: cumulative count}, count and sum of http_server_requests_seconds over the series
    whose labels contain every string of `must` (summed over the rest of their labels)."""
    buckets, count, total = defaultdict(float), 0.0, 0.0
    for line in Path(path).read_text(errors="replace").splitlines():
        if not line.startswith("http_server_requests_seconds") or any(m not in line for m in must):
            continue
        if exclude and exclude in line:
            continue
        name = line.split("{", 1)[0]
        value = float(line.rsplit(" ", 1)[-1])
        if name == "http_server_requests_seconds_bucket":
            le = re.search(r'le="([^"]+)"', line).group(1)
            buckets[float("inf") if le == "+Inf" else float(le)] += value
        elif name == "http_server_requests_seconds_count":
            count += value
        elif name == "http_server_requests_seconds_sum":
            total += value
    return buckets, count, total


def histogram_delta(before, after, *must, exclude=None):
    b0, c0, s0 = histogram(before, *must, exclude=exclude)
    b1, c1, s1 = histogram(after, *must, exclude=exclude)
    return {le: b1[le] - b0.get(le, 0.0) for le in b1}, c1 - c0, s1 - s0


def bucket_percentile(buckets, q):
    """The q-quantile (ms) of a cumulative histogram, linear inside its bucket."""
    points = sorted(buckets.items())
    if not points or points[-1][1] <= 0:
        return None
    target = q * points[-1][1]
    lower_le, lower_n = 0.0, 0.0
    for le, n in points:
        if n >= target:
            if le == float("inf"):
                return lower_le * 1000
            span = n - lower_n
            return 1000 * (lower_le + (le - lower_le) * ((target - lower_n) / span if span else 1))
        lower_le, lower_n = le, n
    return None


def answers(path):
    total = degraded = 0.0
    for line in Path(path).read_text(errors="replace").splitlines():
        if line.startswith("lab_overview_answers_total"):
            value = float(line.rsplit(" ", 1)[-1])
            total += value
            degraded += value if 'degraded="true"' in line else 0
    return total, degraded


def quantile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def from_wrk(path):
    statuses, fields = {}, {}
    for line in Path(path).read_text(errors="replace").splitlines():
        words = line.split()
        if words and words[0] == "status":
            statuses[words[1]] = int(words[2])
        elif words and words[0] in ("summary", "latency_all_statuses", "latency", "errors"):
            fields.update(zip(words[1::2], words[2::2]))
    ok200 = statuses.get("200", 0)
    errors = sum(int(fields.get(k, 0)) for k in ("connect", "read", "write", "timeout"))
    non200 = sum(statuses.values()) - ok200
    only_200 = non200 == 0 and errors == 0
    return dict(window=float(fields.get("seconds", "nan")), ok200=ok200, non200=non200, errors=errors,
                p50=num(fields.get("p50_ms")) if only_200 else None, p99=num(fields.get("p99_ms")) if only_200 else None,
                refused=statuses.get("503", 0), refused_p50=None, refused_p99=None)


def from_hey(spec):
    path, ramp, window = spec.rsplit(":", 2)
    ramp, window = float(ramp), float(window)
    ok, refused, others = [], [], 0
    with open(path) as f:
        for row in csv.DictReader(f):
            try:
                latency, offset, code = float(row["response-time"]), float(row["offset"]), row["status-code"]
            except (KeyError, ValueError):
                continue
            if not ramp <= offset + latency < ramp + window:
                continue
            if code == "200":
                ok.append(latency * 1000)
            elif code == "503":
                refused.append(latency * 1000)
            else:
                others += 1
    return dict(window=window, ok200=len(ok), non200=len(refused) + others, errors=0,
                p50=quantile(ok, 0.5), p99=quantile(ok, 0.99), refused=len(refused),
                refused_p50=quantile(refused, 0.5), refused_p99=quantile(refused, 0.99))


def from_gatling(spec):
    """Gatling's console summary: the Global Information table (Total | OK | KO); OK is a 200.
    The window: the OKs over their mean throughput (the run, drain included); the injection's
    seconds when Gatling gives no throughput."""
    path, seconds = spec.rsplit(":", 1)
    text = Path(path).read_text(errors="replace")

    def cells(label):
        m = re.search(r"> " + re.escape(label) + r"[^|]*\|([^|]*)\|([^|]*)\|([^\n]*)", text)
        if not m:
            return [None, None, None]
        return [num(c.strip().replace(",", "")) if c.strip() != "-" else None for c in m.groups()]

    total, ok, ko = cells("request count")
    # served per second: Gatling's mean throughput of the OKs, from the first send to the last
    # answer (the injection's seconds alone would count the answers that came after it)
    ok_rps = cells("mean throughput (rps)")[1]
    p50 = cells("response time 50th percentile (ms)")
    p99 = cells("response time 99th percentile (ms)")
    window = (ok or 0) / ok_rps if ok_rps else float(seconds)
    return dict(window=window, ok200=int(ok or 0), non200=int(ko or 0),
                errors=0, p50=p50[1], p99=p99[1], refused=int(ko or 0), refused_p50=p50[2], refused_p99=p99[2])


def row(args):
    (series, config, mode, clients, offered, repeat, tick_ms, cores, critical_ms, cap, s0, s1, gen, source, spec,
     p0, p1) = args
    w = {"wrk": from_wrk, "hey": from_hey, "gatling": from_gatling}[source](spec)
    source_label = "client"
    if w["p50"] is None and w["ok200"] and source == "wrk":
        # some answers were not 200s: the 200s' own percentiles, from the stack's histogram
        buckets, _, _ = histogram_delta(p0, p1, *OVERVIEW_200)
        w["p50"], w["p99"], source_label = bucket_percentile(buckets, 0.5), bucket_percentile(buckets, 0.99), "server"
    if source == "wrk" and w["refused"]:
        buckets, _, _ = histogram_delta(p0, p1, 'status="503"', exclude='uri="/actuator')
        w["refused_p50"], w["refused_p99"] = bucket_percentile(buckets, 0.5), bucket_percentile(buckets, 0.99)
    _, count, seconds = histogram_delta(p0, p1, *OVERVIEW_200)
    service_ms = 1000 * seconds / count if count else None
    a0, d0 = answers(p0)
    a1, d1 = answers(p1)
    degraded = (d1 - d0) / (a1 - a0) if a1 > a0 else None
    t0 = [int(x) for x in s0.split()]
    t1 = [int(x) for x in s1.split()]
    gen_ticks = int(gen) if int(gen) else t1[3] - t0[3]
    ok = max(w["ok200"], 1)
    tick = float(tick_ms)
    per = [(t1[i] - t0[i]) * tick / ok for i in range(3)] + [gen_ticks * tick / ok]
    ceiling = int(cores) * 1000 / sum(per) if sum(per) > 0 and w["ok200"] else None
    window = w["window"]
    ok_rps = w["ok200"] / window if window else None
    cells = [series, config, mode, clients, offered, repeat, f3(window), w["ok200"], w["non200"], w["errors"], f3(ok_rps),
             f3(w["p50"]), f3(w["p99"]), source_label, w["refused"], f3(w["refused_p50"]), f3(w["refused_p99"]),
             *(f3(x) for x in per), f3(ceiling), f3(service_ms), cap, f3(degraded), critical_ms]
    print(",".join(str(c) for c in cells))


def f3(x):
    return "" if x is None else f"{x:.3f}" if abs(x) < 100 else f"{x:.1f}"


def say_row(header):
    values = dict(zip(header.split(","), sys.stdin.read().strip().split(",")))
    load = f"{values['clients']} clients" if values["clients"] else f"{values['offered_rps']} req/s offered"
    print(f"{values['series']} {values['config']} ({values['mode']}) {load}, round {values['repeat']}: "
          f"{values['ok_rps']} 200s/s, {values['non200']} other answers, p50 {values['p50_ms']} ms p99 "
          f"{values['p99_ms']} ms ({values['latency_source']}), {values['cpu_app_ms']} ms CPU per 200, "
          f"ceiling {values['ceiling_rps']} req/s")


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


STACKS = ("reactive", "blocking", "virtual")
MEDIAN_FIELDS = ("ok_rps", "p50_ms", "p99_ms", "refused_p50_ms", "refused_p99_ms", "cpu_app_ms", "cpu_sim_ms",
                 "cpu_db_ms", "cpu_gen_ms", "ceiling_rps", "service_ms", "degraded_share", "in_flight_cap",
                 "critical_ms", "window_s")


def medians(out):
    """One row per series, stack and load: the median of its rounds."""
    groups = defaultdict(list)
    for r in read_csv(Path(out) / "load.csv"):
        groups[(r["series"], r["config"], num(r["clients"]) or 0, num(r["offered_rps"]) or 0)].append(r)
    rows = []
    for (series, config, clients, offered), runs in groups.items():
        m = {k: median(r[k] for r in runs) for k in MEDIAN_FIELDS}
        answered = [int(r["ok200"]) + int(r["non200"]) + int(r["errors"]) for r in runs]
        m["non200_share"] = median((int(r["non200"]) + int(r["errors"])) / a if a else None
                                   for r, a in zip(runs, answered))
        m["refused_share"] = median(int(r["refused"]) / a if a else None for r, a in zip(runs, answered))
        m["sources"] = ",".join(sorted({r["latency_source"] for r in runs}))
        m["runs"] = [num(r["ok_rps"]) for r in runs]
        cp = (m["critical_ms"] or 0) / 1000
        m["bound"] = clients / cp if clients and cp else None
        cap, service = m["in_flight_cap"], m["service_ms"]
        # the wall: what a stack holds in flight at once, over its measured critical path (the mean
        # time its 200s spent inside it), where that is below the clients
        m["wall"] = cap / (service / 1000) if config == "blocking" and cap and service and (not clients or cap < clients) else None
        m["cpu_total_ms"] = sum(m[k] or 0 for k in ("cpu_app_ms", "cpu_sim_ms", "cpu_db_ms", "cpu_gen_ms")) or None
        rows.append(dict(series=series, config=config, clients=int(clients), offered=offered, n=len(runs), **m))
    rows.sort(key=lambda r: (r["series"], STACKS.index(r["config"]) if r["config"] in STACKS else 9, r["clients"], r["offered"]))
    return rows


def pct(value, of):
    return "—" if value is None or not of else f"{100 * value / of:.0f}%"


def share(value):
    return "—" if value is None else f"{100 * value:.1f}%"


def latency(r, key):
    v = fmt(r[key], 0, " ms")
    return v + (" (s)" if "server" in r["sources"] and v != "—" else "")


def verdict(ok):
    return "**met**" if ok else "**missed**"


def summarize(out):
    out = Path(out)
    meta = json.loads((out / "meta.json").read_text())
    rows = medians(out)
    (out / "report.md").write_text(render(meta, rows, out.name))


def render(meta, rows, run, images=""):
    cp, lcp = meta["critical_ms"], meta["long_critical_ms"]
    md = ["## The comparison (`bench/report.sh`)", "", f"The run of {meta['date']}.", "",
          "Made by one command against a running lab built from the measured commit "
          "(`java -jar target/fanout-lab.jar lab`, then `bench/report.sh`: about 40 minutes on 2 cores; `QUICK=1` "
          "is a smoke run of the same pipeline). It runs the three series below, one stack under load at a time, "
          "rounds interleaved, and writes this text, its plots and every generator's output.", ""]
    if meta.get("quick"):
        md += ["**SMOKE RUN (QUICK=1): tiny windows, one round, on a shared machine. It proves the pipeline; "
               "its numbers are not for quoting.**", ""]
    if meta.get("dirty"):
        md += ["**Measured on a tree with uncommitted changes: the diff is `uncommitted.diff` beside this report.**", ""]
    md += ["| | |", "|---|---|",
           f"| command | `{meta['command']}` |", f"| settings | {meta['settings'].replace('|', ';')} |",
           f"| git commit | `{meta['commit']}`{' + uncommitted changes' if meta.get('dirty') else ''} |",
           f"| machine | {meta['nproc']} cores, {meta['cpu']}, {meta['memory']} |", f"| JDK | {meta['java']} |",
           f"| open files | {meta['open_files']} per process (the simulator's: {meta['simulator_open_files']}): a stack "
           f"holds 4 sockets per overview in flight (its client's and 3 to the simulator), the simulator 3, so at most "
           f"{(int(meta['simulator_open_files']) - 500) // 4:,} overviews in flight per stack |",
           f"| whole run | {meta.get('elapsed', '?')} |", f"| raw data | `results/{run}/` (`load.csv`: one row per window) |", ""]
    md += ["Every latency and CPU figure is per **answered overview** (status 200). *p50/p99*: client side (wrk when "
           "every answer was a 200, so Tomcat's queue is in it; hey's and Gatling's per-request records); marked *(s)* "
           "where other statuses came back and wrk cannot tell them apart: then the stack's own "
           "`http_server_requests_seconds{status=\"200\"}` histogram (from where the stack starts the request, without "
           "the time in Tomcat's accept and executor queues). *CPU per 200*: the stack's process CPU over the window / "
           "200s answered in it; *CPU ceiling*: cores x 1000 / (CPU per 200 of the stack + simulator + PostgreSQL + "
           "load generator), the 200s/s at which the two cores would be full. *bound*: clients / critical path "
           "(Little's law). *wall*: what blocking holds in flight (its 200 Tomcat threads) / its measured critical path "
           "(the mean time its 200s spent inside it). *degraded*: share of the 200s whose `degraded` is non-empty.", ""]

    cpu = [r for r in rows if r["series"] == "cpu"]
    if cpu:
        md += [f"### Regime 1, CPU-bound: `slow` (critical path {cp} ms), queue mode, wrk closed model", "",
               "Here the bound is above what two cores can serve: the figure of merit is each stack's throughput "
               "against its own CPU ceiling (target >= 90%).", "",
               f"![CPU-bound throughput]({images}throughput-cpu.svg)", "",
               "| stack | clients | n | 200/s | CPU ceiling | of ceiling | bound | wall | p50 | p99 | CPU ms per 200 "
               "(stack / sim / db / wrk) | degraded | other answers | target |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"]
        for r in cpu:
            ok = r["ok_rps"] is not None and r["ceiling_rps"] and r["ok_rps"] >= 0.9 * r["ceiling_rps"]
            md.append(f"| {r['config']} | {r['clients']} | {r['n']} | {fmt(r['ok_rps'], 1)} | {fmt(r['ceiling_rps'])} | "
                      f"{pct(r['ok_rps'], r['ceiling_rps'])} | {fmt(r['bound'])} | {fmt(r['wall'])} | "
                      f"{latency(r, 'p50_ms')} | {latency(r, 'p99_ms')} | {cpu_cells(r)} | {share(r['degraded_share'])} | "
                      f"{share(r['non200_share'])} | {verdict(ok)} |")
        md.append("")
    long = [r for r in rows if r["series"] == "long"]
    if long:
        md += [f"### Regime 2, concurrency-bound: critical path {lcp} ms, queue mode, hey closed model", "",
               "The simulator's calls are long enough that the bound stays below the CPU ceiling: the concurrency model "
               "is the limit. Targets: reactive and virtual >= 95% of the bound at the most clients; blocking >= 95% of "
               "its wall, and its latency = clients / wall within 10% (Tomcat's queue holds the rest: nothing refused).", "",
               f"![concurrency-bound throughput]({images}throughput-long.svg)", "",
               "| stack | clients | n | 200/s | bound | of bound | wall | of wall | CPU ceiling | bound / ceiling | p50 | "
               "p99 | clients / wall | CPU ms per 200 (stack / sim / db / hey) | degraded | other answers | target |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"]
        top = {c: max((r["clients"] for r in long if r["config"] == c), default=0) for c in STACKS}
        for r in long:
            expected = r["clients"] / r["wall"] * 1000 if r["wall"] else None
            if r["config"] == "blocking":
                ok = (r["wall"] and r["ok_rps"] and r["ok_rps"] >= 0.95 * r["wall"] and expected and r["p50_ms"]
                      and abs(r["p50_ms"] - expected) <= 0.1 * expected)
            else:
                ok = r["bound"] and r["ok_rps"] and r["ok_rps"] >= 0.95 * r["bound"]
            target = verdict(ok) if r["config"] == "blocking" or r["clients"] == top[r["config"]] else ("met" if ok else "missed")
            md.append(f"| {r['config']} | {r['clients']} | {r['n']} | {fmt(r['ok_rps'], 1)} | {fmt(r['bound'])} | "
                      f"{pct(r['ok_rps'], r['bound'])} | {fmt(r['wall'])} | {pct(r['ok_rps'], r['wall'])} | "
                      f"{fmt(r['ceiling_rps'])} | {pct(r['bound'], r['ceiling_rps'])} | {latency(r, 'p50_ms')} | "
                      f"{latency(r, 'p99_ms')} | {fmt(expected, 0, ' ms')} | {cpu_cells(r)} | "
                      f"{share(r['degraded_share'])} | {share(r['non200_share'])} | {target} |")
        md.append("")
    opened = [r for r in rows if r["series"] == "open"]
    if opened:
        md += [f"### Overload, shed mode: the same admission limit on every stack, Gatling open model, `slow`", "",
               "Requests arrive at a fixed rate whatever the answers (no coordinated omission: a refusal does not slow "
               "the arrivals down, as it does with a closed-model client). Every stack admits the same number "
               f"(`/api/info` `pools.admission.max`: {fmt(opened[0]['in_flight_cap'])}), so its capacity is that / "
               f"{cp} ms. Latencies are Gatling's, per status (OK = 200, KO = the rest, the refusals). Gatling's own "
               "CPU is in the ceiling.", "",
               f"![overload]({images}overload.svg)", "",
               "| stack | offered/s | n | 200/s | of offered | refused | p50 200s | p99 200s | p50 refusals | "
               "p99 refusals | CPU ms per 200 (stack / sim / db / Gatling) | CPU ceiling | degraded |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
        for r in opened:
            md.append(f"| {r['config']} | {fmt(r['offered'])} | {r['n']} | {fmt(r['ok_rps'], 1)} | "
                      f"{pct(r['ok_rps'], r['offered'])} | {share(r['refused_share'])} | {latency(r, 'p50_ms')} | "
                      f"{latency(r, 'p99_ms')} | {fmt(r['refused_p50_ms'], 0, ' ms')} | {fmt(r['refused_p99_ms'], 0, ' ms')} | "
                      f"{cpu_cells(r)} | {fmt(r['ceiling_rps'])} | {share(r['degraded_share'])} |")
        md.append("")
    return "\n".join(md)


def cpu_cells(r):
    return " / ".join(fmt(r[k], 2) for k in ("cpu_app_ms", "cpu_sim_ms", "cpu_db_ms", "cpu_gen_ms"))


def publish(args):
    """The report's part of docs/results.md, between its markers; the rest of the file stays."""
    out, doc = Path(args[0]), Path(args[1])
    meta = json.loads((out / "meta.json").read_text())
    body = render(meta, medians(out), out.name, images=f"../results/{out.name}/")
    body += f"\nThe whole run, with every generator's output: [results/{out.name}/report.md](../results/{out.name}/report.md).\n"
    text = doc.read_text()
    begin, end = "<!-- report:begin -->", "<!-- report:end -->"
    if begin not in text or end not in text:
        raise SystemExit(f"{doc} has no {begin} ... {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(head + begin + "\n" + body + "\n" + end + tail)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "row":
        row(sys.argv[2:])
    elif command == "say":
        say_row(sys.argv[2])
    elif command == "publish":
        publish(sys.argv[2:])
    else:
        {"wrk": wrk, "hey": hey, "prom": prom, "heap": heap, "critical": critical, "summarize": summarize}[command](sys.argv[2])
