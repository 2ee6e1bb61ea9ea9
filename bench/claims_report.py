#!/usr/bin/env python3
"""bench/claims.sh's report: reads OUT/jmh.json, OUT/waiting.jsonl, OUT/preemption-jvm.jsonl,
OUT/held.csv (and OUT/preemption.md when bench/preemption.sh wrote one), fits every slope over N
with its R² and standard error, draws the plots (PNG), writes OUT/claims.md, and replaces the
block between <!-- claims:begin --> and <!-- claims:end --> of the results page given (its opening,
after the title, when it has no such block yet).

    python3 bench/claims_report.py results/<run> docs/results.md
"""
import csv, json, math, os, re, sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out = sys.argv[1]
page = sys.argv[2] if len(sys.argv) > 2 else None
run = json.load(open(os.path.join(out, "run.json")))
CLAIM_SPAWN_TASK_US, CLAIM_SPAWN_THREAD_US = 1.0, 1000.0
CLAIM_TASK_BYTES = (200, 2048)


def fit(xs, ys):
    """slope, intercept, R², the slope's standard error (None under 3 points)"""
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    if len(x) < 2 or np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    total = ((y - y.mean()) ** 2).sum()
    r2 = 1 - (residual ** 2).sum() / total if total > 0 else float("nan")
    se = math.sqrt((residual ** 2).sum() / (len(x) - 2) / ((x - x.mean()) ** 2).sum()) if len(x) > 2 else None
    return {"slope": slope, "intercept": intercept, "r2": r2, "se": se, "points": len(x)}


def nbytes(b):
    b = float(b)
    if abs(b) >= 1024 * 1024:
        return f"{b / 1048576:,.2f} MiB"
    if abs(b) >= 1024:
        return f"{b / 1024:,.1f} KiB"
    return f"{b:,.0f} B"


def slope_text(f, unit=nbytes):
    if f is None:
        return "n/a"
    se = f" ± {unit(f['se'])}" if f["se"] is not None else ""
    return f"{unit(f['slope'])}{se} (R² {f['r2']:.4f}, {f['points']} N)"


def us(v):
    return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"


# ---- 1. task costs ---------------------------------------------------------------------------
jmh = {}
for b in json.load(open(os.path.join(out, "jmh.json"))):
    name = b["benchmark"].rsplit(".", 1)[1]
    m = b["primaryMetric"]
    factor = {"us/op": 1.0, "ns/op": 1e-3, "ms/op": 1e3}[m["scoreUnit"]]
    err = m["scoreError"] if isinstance(m["scoreError"], (int, float)) and not math.isnan(m["scoreError"]) else float("nan")
    jmh[name] = {"us": m["score"] * factor, "err": err * factor, "forks": b["forks"],
                 "samples": sum(len(f) for f in m["rawData"]), "wi": b["warmupIterations"], "wt": b["warmupTime"],
                 "i": b["measurementIterations"], "mt": b["measurementTime"]}


def cost(name):
    j = jmh.get(name)
    return f"{us(j['us'])} ± {us(j['err'])} µs" if j else "n/a"


MODELS = [("platform thread", "PlatformThread"), ("virtual thread", "VirtualThread"), ("pool task", "PoolTask"),
          ("CompletableFuture", "CompletableFuture"), ("Mono", "Mono")]
any_jmh = next(iter(jmh.values()))
jmh_setup = (f"{any_jmh['forks']} forks × {any_jmh['i']} × {any_jmh['mt']} after {any_jmh['wi']} × {any_jmh['wt']} warm-up; "
             f"± is JMH's 99.9% confidence interval")

# ---- 2. waiting tasks ------------------------------------------------------------------------
waiting = [json.loads(l) for l in open(os.path.join(out, "waiting.jsonl")) if l.strip()]
GROUPS = [("future", 1, False, "CompletableFuture step"), ("mono", 1, False, "Mono step (subscribed)"),
          ("virtual", 1, False, "virtual thread, 1 frame"), ("virtual", 20, False, "virtual thread, 20 frames, cold JIT"),
          ("virtual", 20, True, "virtual thread, 20 frames, after JIT warm-up"), ("platform", 20, False, "platform thread, 20 frames")]
heap_limit = {"g": 1 << 30, "m": 1 << 20}[run["wait_heap"][-1].lower()] * int(run["wait_heap"][:-1])
wait_rows = {}
for model, depth, warm, label in GROUPS:
    rows = [r for r in waiting if r["model"] == model and r["depth"] == depth and bool(r.get("warm")) == warm]
    ok = sorted((r for r in rows if r.get("finished") == r["n"]), key=lambda r: r["n"])
    bad = sorted((r for r in rows if r.get("finished") != r["n"]), key=lambda r: r["n"])
    xs = [r["n"] for r in ok]
    g = {"label": label, "ok": ok, "bad": bad,
         "heap": fit(xs, [r["heap_waiting"] - r["heap_before"] for r in ok]),
         "rss": fit(xs, [r["rss_waiting"] - r["rss_before"] for r in ok]),
         "committed": fit(xs, [r["nmt_thread_committed_waiting"] - r["nmt_thread_committed_before"] for r in ok]),
         "reserved": fit(xs, [r["nmt_thread_reserved_waiting"] - r["nmt_thread_reserved_before"] for r in ok]),
         "largest": max(xs) if xs else 0}
    base = ok[0]["heap_before"] if ok else 0
    g["projected"] = (heap_limit - base) / g["heap"]["slope"] if g["heap"] and g["heap"]["slope"] > 0 else None
    wait_rows[(model, depth, warm)] = g


def per_task(g):
    return g["committed"] if g is wait_rows[("platform", 20, False)] else g["heap"]


def refusal(g):
    for r in g["bad"]:
        if "skipped" in r:
            return r
    return None


# ---- 3. preemption ----------------------------------------------------------------------------
pre = {}
path = os.path.join(out, "preemption-jvm.jsonl")
if os.path.exists(path):
    for l in open(path):
        if l.strip():
            r = json.loads(l)
            pre[r["model"]] = r
http_pre = open(os.path.join(out, "preemption.md")).read().strip() if os.path.exists(os.path.join(out, "preemption.md")) else None
# its title line becomes a sentence: the block sits under a heading of its own in results.md
http_pre = re.sub(r"^#+ ", "", http_pre) if http_pre else None

# ---- 4. held requests -------------------------------------------------------------------------
held = {}
path = os.path.join(out, "held.csv")
for r in csv.DictReader(open(path)) if os.path.exists(path) else []:
    held.setdefault(r["stack"], []).append({k: (v if k == "stack" else float(v)) for k, v in r.items()})
held_fit = {}
for stack, rows in held.items():
    xs = [max(min(r["inflight_before"], r["n"]), 0) if r["inflight_before"] >= 0 else r["n"] for r in rows]
    held_fit[stack] = {"x": xs, "rows": rows,
                       "heap": fit(xs, [r["heap_bytes"] for r in rows]), "rss": fit(xs, [r["rss_bytes"] for r in rows]),
                       "stacks": fit(xs, [r["nmt_thread_committed"] for r in rows]),
                       "reserved": fit(xs, [r["nmt_thread_reserved"] for r in rows]),
                       "threads": fit(xs, [r["threads"] for r in rows]),
                       "per_thread_rss": fit([r["threads"] for r in rows], [r["rss_bytes"] for r in rows]),
                       "per_thread_stacks": fit([r["threads"] for r in rows], [r["nmt_thread_committed"] for r in rows]),
                       "per_thread_heap": fit([r["threads"] for r in rows], [r["heap_bytes"] for r in rows])}

# ---- plots --------------------------------------------------------------------------------------
plots = []
fig, ax = plt.subplots(figsize=(8, 4.2))
names, vals, errs, colors = [], [], [], []
for kind, color in (("spawn", "tab:blue"), ("handoff", "tab:orange"), ("step", "tab:green")):
    for label, key in MODELS:
        j = jmh.get(kind + key)
        if j:
            names.append(f"{kind}: {label}")
            vals.append(j["us"])
            errs.append(0 if math.isnan(j["err"]) else j["err"])
            colors.append(color)
ax.barh(names[::-1], vals[::-1], xerr=errs[::-1], color=colors[::-1], capsize=3)
ax.set_xscale("log")
ax.set_xlabel("µs per operation (log), ± 99.9% CI")
ax.set_title("Task costs (JMH): spawn = create + start + join, hand-off = one park/unpark")
for i, v in enumerate(vals[::-1]):
    ax.text(v * 1.15, i, us(v), va="center", fontsize=7)
fig.tight_layout()
fig.savefig(os.path.join(out, "task-costs.png"), dpi=110)
plt.close(fig)
plots.append(("task-costs.png", "task costs"))

fig, ax = plt.subplots(figsize=(8, 4.5))
for key, g in wait_rows.items():
    if not g["ok"]:
        continue
    platform = key[0] == "platform"
    ys = [(r["rss_waiting"] - r["rss_before"]) if platform else (r["heap_waiting"] - r["heap_before"]) for r in g["ok"]]
    xs = [r["n"] for r in g["ok"]]
    f = g["rss"] if platform else g["heap"]
    ax.plot(xs, [max(y, 1) for y in ys], "o-", label=f"{g['label']}{' (RSS)' if platform else ''}: {nbytes(f['slope']) if f else '?'} each")
ax.axhline(heap_limit, color="grey", ls=":", lw=1)
ax.text(1000, heap_limit * 1.1, f"the fixed heap, -Xmx{run['wait_heap']}", fontsize=7, color="grey")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("tasks waiting at once (N), each N in a fresh JVM")
ax.set_ylabel("bytes above the same JVM before (heap after GC; RSS for threads)")
ax.set_title("Memory per waiting task")
ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(os.path.join(out, "waiting-memory.png"), dpi=110)
plt.close(fig)
plots.append(("waiting-memory.png", "memory per waiting task"))

if held_fit:
    fig, axes = plt.subplots(1, 2, figsize=(9, 4))
    for stack, h in held_fit.items():
        points = sorted(zip(h["x"], h["rows"]), key=lambda p: p[0])  # by requests in flight, as fitted
        xs = [x for x, _ in points]
        axes[0].plot(xs, [(r["heap_bytes"] - h["rows"][0]["heap_bytes"]) / 1048576 for _, r in points], "o-",
                     label=f"{stack}: {nbytes(h['heap']['slope'])}/request")
        axes[1].plot(xs, [(r["nmt_thread_committed"] - h["rows"][0]["nmt_thread_committed"]) / 1048576 for _, r in points], "o-",
                     label=f"{stack}: {nbytes(h['stacks']['slope'])}/request")
    axes[0].set_title("heap after a full GC, above N = 0")  # x: the stack's own in-flight gauge
    axes[1].set_title("thread stacks committed (NMT), above N = 0")
    for a in axes:
        a.set_xlabel("requests held in flight")
        a.set_ylabel("MiB")
        a.legend(fontsize=7)
    fig.suptitle("Memory per request in flight, over HTTP (fixed 2 GiB heap, G1)")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "held-requests.png"), dpi=110)
    plt.close(fig)
    plots.append(("held-requests.png", "memory per request in flight"))

if pre:
    fig, ax = plt.subplots(figsize=(7, 3))
    labels = {"virtual": "virtual threads, 2 carriers", "platform": "platform threads (OS)", "eventloop": "one event-loop thread"}
    ms = [m for m in ("virtual", "platform", "eventloop") if m in pre]
    y = np.arange(len(ms))
    ax.barh(y - 0.2, [max(pre[m]["p50_ms"], 0.01) for m in ms], 0.4, label="p50")
    ax.barh(y + 0.2, [max(pre[m]["max_ms"], 0.01) for m in ms], 0.4, label="max")
    ax.set_yticks(y, [labels[m] for m in ms])
    ax.set_xscale("log")
    ax.set_xlabel(f"start delay of a short task (ms, log) beside CPU-bound tasks of {pre[ms[0]]['hog_ms']} ms")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "preemption.png"), dpi=110)
    plt.close(fig)
    plots.append(("preemption.png", "preemption"))

# ---- verdicts -------------------------------------------------------------------------------------
def factor(claimed, measured):
    """holds within 3× either way (the claims are orders of magnitude); else by how much it is off"""
    r = claimed / measured
    if 1 / 3 <= r <= 3:
        return "holds"
    return f"overstated by {r:,.0f}×" if r > 3 else f"wrong: {1 / r:,.0f}× dearer than claimed"


rows = []
pt, vt = jmh.get("spawnPlatformThread"), jmh.get("spawnVirtualThread")
if pt and vt:
    ratio = pt["us"] / vt["us"]
    rows.append((
        'spawn cost: "~1 µs vs ~1 ms per thread"',
        f"JMH: create + start + join of an empty task, caller a platform thread ({jmh_setup})",
        "platform thread **" + cost("spawnPlatformThread") + "**; virtual thread **" + cost("spawnVirtualThread")
        + "**; pool task " + cost("spawnPoolTask") + "; `CompletableFuture` " + cost("spawnCompletableFuture")
        + "; `Mono` " + cost("spawnMono") + f" (the last three: a hand-off to a warm pool thread and back)",
        f"thread: **{factor(CLAIM_SPAWN_THREAD_US, pt['us'])}** ({us(pt['us'])} µs against ~1 ms); task: virtual thread "
        f"**{factor(CLAIM_SPAWN_TASK_US, vt['us'])}** ({us(vt['us'])} µs against ~1 µs); the gap is {ratio:,.0f}×, not 1,000× "
        f"(**{factor(CLAIM_SPAWN_THREAD_US / CLAIM_SPAWN_TASK_US, ratio)}**)"))
ho = [jmh.get("handoff" + k) for _, k in MODELS]
if all(ho):
    rows.append((
        "per-await overhead (no figure quoted; implied: a task switch is far cheaper than a thread switch)",
        f"JMH: one hand-off between two tasks that park and wake each other, per hop over {1000} hops; "
        "a continuation on a value already there (step)",
        "; ".join(f"{label} {cost('handoff' + key)}" for label, key in MODELS)
        + f"; step on a ready value: `CompletableFuture` {cost('stepCompletableFuture')}, `Mono` {cost('stepMono')}",
        f"a park/unpark between virtual threads costs {jmh['handoffPlatformThread']['us'] / jmh['handoffVirtualThread']['us']:,.1f}× "
        "less than between platform threads; an await that really waits costs a hand-off in every model"))
mem_tasks = [wait_rows[k] for k in (("future", 1, False), ("mono", 1, False), ("virtual", 1, False), ("virtual", 20, False), ("virtual", 20, True))]
plat = wait_rows[("platform", 20, False)]
if all(g["heap"] for g in mem_tasks) and plat["rss"]:
    # "~" read as within 2x of the range's ends
    inside = [g for g in mem_tasks if CLAIM_TASK_BYTES[0] / 2 <= g["heap"]["slope"] <= CLAIM_TASK_BYTES[1] * 2]
    outside = [g for g in mem_tasks if g not in inside]
    verdict = "tasks: **holds** (every model within 2× of the range)" if not outside else (
        "tasks: **holds** for " + ", ".join(g["label"] for g in inside) + "; " + "; ".join(
            f"{g['label']} {nbytes(g['heap']['slope'])}: **wrong** by {max(g['heap']['slope'] / CLAIM_TASK_BYTES[1], CLAIM_TASK_BYTES[0] / g['heap']['slope']):,.1f}×" for g in outside))
    rows.append((
        'memory: "~200 B-2 KB per task" vs a stack per thread',
        f"N tasks waiting on one gate, N = {', '.join(f'{n:,}' for n in sorted({r['n'] for r in waiting if r['model'] != 'platform'}))}, "
        f"each N in a fresh JVM (-Xms{run['wait_heap']} -Xmx{run['wait_heap']}, G1); heap after a full GC, NMT and RSS for threads, "
        "minus the same JVM before; slope over N ± its standard error",
        "; ".join(f"{g['label']} **{slope_text(g['heap'])}**" for g in mem_tasks)
        + f"; platform thread: NMT stack reserved {nbytes(plat['reserved']['slope'])}, committed **{slope_text(plat['committed'])}**, "
          f"RSS **{slope_text(plat['rss'])}**",
        verdict + f"; thread: a stack is reserved ({nbytes(plat['reserved']['slope'])} of address space) but only "
        f"{nbytes(plat['rss']['slope'])} of it is resident, {plat['rss']['slope'] / wait_rows[('virtual', 20, True)]['heap']['slope']:,.0f}× "
        "a warm virtual thread at the same depth"))
if mem_tasks[0]["ok"]:
    def reach(g):
        text = f"{g['largest']:,}"
        fails = [r for r in g["bad"] if "failed" in r]
        if fails:
            text += f" (N = {fails[0]['n']:,} did not fit)"
        if g["projected"]:
            text += f", about {g['projected'] / 1e6:,.1f} M projected"
        return text
    r = refusal(plat)
    limit = re.search(r"about (\d+) more threads", r["skipped"]).group(1) if r else None
    million = all(g["largest"] >= 1_000_000 for g in mem_tasks[:3])
    rows.append((
        '"millions of concurrent tasks per process"',
        f"the largest N above that ran to the end in -Xmx{run['wait_heap']}, and the heap / slope projection; for platform threads, "
        "the OS's limits here (`ulimit -u`, threads-max, pid_max, cgroup pids.max, vm.max_map_count)",
        "; ".join(f"{g['label']} {reach(g)}" for g in mem_tasks)
        + f"; platform threads {plat['largest']:,} measured" + (f", the OS allows about {int(limit):,} more here: {r['skipped']}" if r else ""),
        ("tasks and virtual threads: **holds** (1 M measured in a " + run["wait_heap"].upper() + " heap)" if million else "tasks: **not reached** in this heap")
        + ("; platform threads: **wrong** here: the OS stops them near " + f"{int(limit):,}" if limit else "")))
if pre:
    v, p, e = pre.get("virtual"), pre.get("platform"), pre.get("eventloop")
    measured = "; ".join(f"{name} p50 {r['p50_ms']:,.1f} ms, max {r['max_ms']:,.0f} ms" for name, r in
                         (("virtual threads (2 carriers, 2 CPU-bound)", v), ("platform threads (2 CPU-bound)", p), ("event loop (1 CPU-bound)", e)) if r)
    rows.append((
        'scheduling: "cooperative (only at await points)" vs OS preemption',
        f"in one JVM: CPU-bound tasks of {v['hog_ms']} ms on every worker, short tasks arriving every 10 ms beside them, "
        "each timed from submission to start" + ("; over HTTP: bench/preemption.sh (below)" if http_pre else "; over HTTP: not measured in this run"),
        measured,
        "**holds**, for virtual threads too: a CPU-bound virtual thread keeps its carrier until it blocks "
        f"(short tasks waited up to {v['max_ms']:,.0f} ms, as on the event loop's {e['max_ms']:,.0f} ms), while the OS "
        f"time-slices platform threads (max {p['max_ms']:,.0f} ms)" if v and p and e else "see the table"))
if held_fit:
    parts = []
    for stack in ("reactive", "blocking", "virtual"):
        h = held_fit.get(stack)
        if h:
            parts.append(f"{stack}: heap **{slope_text(h['heap'])}**, thread stacks {slope_text(h['stacks'])}, RSS {slope_text(h['rss'])}")
    b = held_fit.get("blocking")
    if b and b["per_thread_rss"]:
        parts.append(f"blocking, per extra platform thread: RSS **{slope_text(b['per_thread_rss'])}**, thread stacks "
                     f"{slope_text(b['per_thread_stacks'])}")
    ns = sorted({int(r["n"]) for h in held_fit.values() for r in h["rows"]})
    rows.append((
        "(the lab's own) memory per request in flight over HTTP",
        f"N = {', '.join(f'{n:,}' for n in ns)} requests held at once (`/api/fanout?calls={run.get('hold_calls', 12)}&latencyMs={run.get('hold_ms', 5000)}&mode=sequential`: "
        "one simulator call at a time each), N rising, "
        "one stack at a time with -Xms2g -Xmx2g G1 and NMT; a full GC before each reading; slope over N",
        "; ".join(parts),
        "a request in flight costs its framework's objects, far more than the bare task above: compare the stacks by these slopes"))

# ---- write ---------------------------------------------------------------------------------------
def table(rows_):
    t = ["| claim, as the articles state it | experiment | measured here | verdict |", "|---|---|---|---|"]
    t += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows_]
    return "\n".join(t)


def details(rel):
    lines = ["#### Task costs (JMH, µs per operation, ± 99.9% CI)", "", "| model | spawn (create + start + join) | hand-off (one park/unpark) | step on a ready value |", "|---|---:|---:|---:|"]
    for label, key in MODELS:
        lines.append(f"| {label} | {cost('spawn' + key)} | {cost('handoff' + key)} | {cost('step' + key) if ('step' + key) in jmh else '-'} |")
    lines += ["", f"#### Memory per waiting task (-Xms{run['wait_heap']} -Xmx{run['wait_heap']}, G1; bytes above the same JVM before, per task: slope over N)", "",
              "| model | N that ran to the end | heap per task | NMT thread stacks committed per task | RSS per task | largest N here |", "|---|---|---:|---:|---:|---|"]
    for key, g in wait_rows.items():
        r = refusal(g)
        fails = [x for x in g["bad"] if "failed" in x]
        note = (f"{g['largest']:,}" + (f"; {fails[0]['n']:,}: {fails[0]['failed']}" if fails else "")
                + (f"; about {g['projected'] / 1e6:,.1f} M projected in the heap" if g["projected"] and key[0] != "platform" else "")
                + (f"; above it refused: {r['skipped']}" if r else ""))
        ns_ok = ", ".join(f"{x['n']:,}" for x in g["ok"])
        lines.append(f"| {g['label']} | {ns_ok} | {slope_text(g['heap'])} | {slope_text(g['committed']) if key[0] == 'platform' else '-'} | "
                     f"{slope_text(g['rss'])} | {note} |")
    if pre:
        lines += ["", "#### Preemption in one JVM (start delay of short tasks beside CPU-bound ones)", "",
                  "| model | CPU-bound tasks | short tasks | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|---:|"]
        for m in ("virtual", "platform", "eventloop"):
            if m in pre:
                r = pre[m]
                lines.append(f"| {m} | {r['hogs']} × {r['hog_ms']} ms | {r['short_tasks']} | {r['p50_ms']:,.2f} | {r['p99_ms']:,.2f} | {r['max_ms']:,.2f} |")
    if http_pre:
        lines += ["", "#### Preemption over the lab's HTTP stacks (bench/preemption.sh)", "", http_pre]
    if held_fit:
        lines += ["", "#### Memory per request in flight over HTTP (-Xms2g -Xmx2g, G1, NMT; a full GC before each reading)", "",
                  "| stack | N held | in flight (the stack's gauge, before / after the reading) | heap | RSS | threads | thread stacks committed (NMT) |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for stack, h in held_fit.items():
            for r in h["rows"]:
                lines.append(f"| {stack} | {int(r['n']):,} | {int(r['inflight_before']):,} / {int(r['inflight_after']):,} | "
                             f"{nbytes(r['heap_bytes'])} | {nbytes(r['rss_bytes'])} | {int(r['threads']):,} | {nbytes(r['nmt_thread_committed'])} |")
        lines += ["", "| stack | heap per request | thread stacks per request | RSS per request | threads per request |", "|---|---:|---:|---:|---:|"]
        for stack, h in held_fit.items():
            lines.append(f"| {stack} | {slope_text(h['heap'])} | {slope_text(h['stacks'])} | {slope_text(h['rss'])} | "
                         f"{slope_text(h['threads'], lambda v: f'{v:.3f}')} |")
    lines += [""] + [f"![{alt}]({rel}{name})" for name, alt in plots]
    return "\n".join(lines)


s = run["seconds"]
header = (f"| | |\n|---|---|\n| command | `{run['command']}` |\n| git commit | `{run['commit']}`{' (with uncommitted changes: dirty.diff)' if run['dirty'] else ''} |\n"
          f"| date | {run['date']} |\n| machine | {run['machine']} |\n| JDK | {run['java']} |\n"
          f"| whole run | {s['total'] // 60} min {s['total'] % 60} s (build {s['build']} s, JMH {s['jmh']} s, waiting tasks {s['waiting']} s, "
          f"lab start {s['lab_start']} s, held requests {s['held']} s, preemption over HTTP and the lab's stop {s['preemption_http']} s; "
          f"not counting any wait for the measurement lock) |")
quick = "\n\n**QUICK=1: a check of the plumbing, numbers not for quoting.**" if run["quick"] else ""
open(os.path.join(out, "claims.md"), "w").write(
    f"# The classic claims, measured\n\n{header}{quick}\n\n{table(rows)}\n\n{details('')}\n")

if page:
    rel = os.path.relpath(out, os.path.dirname(page)) + "/"
    block = (f"<!-- claims:begin -->\n## The classic claims, measured: `bench/claims.sh`\n\n"
             f"Written by `bench/claims.sh` (how long it took: *whole run* below); "
             f"the run, its raw data and plots: [{out}/claims.md]({rel}claims.md).{quick}\n\n{header}\n\n{table(rows)}\n\n{details(rel)}\n<!-- claims:end -->")
    text = open(page).read()
    if "<!-- claims:begin -->" in text:
        text = re.sub(r"<!-- claims:begin -->.*?<!-- claims:end -->", lambda _: block, text, flags=re.S)
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{block}\n{rest}"
    open(page, "w").write(text)
print(os.path.join(out, "claims.md"))
