#!/usr/bin/env python3
"""Evaluates every panel query of Grafana dashboard JSON files against a Prometheus.

Usage: dashboard_queries.py --prometheus http://127.0.0.1:19090 [--rate-interval 1m] FILE.json...

Grafana's variables are replaced so that the query can run on its own: $__rate_interval and
$__interval by --rate-interval, $__range by 5m, dashboard variables by their "All" value
(".*"). A query fails when Prometheus rejects it or when it returns no series; panels marked
"fanoutLabCheck": "optional-k6" are evaluated and reported but never fail the check (k6
pushes their metrics only while it runs), and so are the JDK 24+ virtual-thread gauges when the
virtual stack's jvm_info says it runs JDK 21-23. Every panel must use the datasource uid
"prometheus". Also checked: every Prometheus annotation query returns data, every dashboard
links to the others (a "dashboards" link on a tag they all carry), and no two series of a panel
share a colour and a line style (the legends are rendered from the series' labels and the
panel's overrides applied as Grafana does: the last matching override wins). Standard library
only.
"""

import argparse
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

DATASOURCE_UID = "prometheus"
OPTIONAL_MARK = "optional-k6"
# Micrometer's VirtualThreadMetrics reads these from the JDK's scheduler MXBean, JDK 24+ only:
# on a lab running JDK 21-23 their targets are reported, not failed.
JDK24_METRICS = ("jvm_threads_virtual_live_threads", "jvm_threads_virtual_pool_size_threads")


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            yield from panel.get("panels", [])  # panels inside a collapsed row
        else:
            yield panel


def substitute(expr, variables):
    def replace(match):
        name = match.group(1) or match.group(2)
        if name not in variables:
            raise ValueError("unknown variable $" + name)
        return variables[name]

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)", replace, expr)


def variables_of(dashboard, rate_interval):
    variables = {"__rate_interval": rate_interval, "__interval": rate_interval, "__range": "5m",
                 "__range_s": "300", "__interval_ms": "60000"}
    for variable in dashboard.get("templating", {}).get("list", []):
        variables[variable["name"]] = variable.get("allValue") or ".*"
    return variables


def query(prometheus, expr):
    url = prometheus.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        body = json.load(error)
    if body.get("status") != "success":
        return None, body.get("error", "unknown error")
    return body["data"]["result"], None


def legend(legend_format, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), legend_format or "")


def look(panel, name):
    """(colour, line style) Grafana would draw the series `name` with."""
    defaults = panel.get("fieldConfig", {}).get("defaults", {})
    colour = defaults.get("color", {}).get("fixedColor") if defaults.get("color", {}).get("mode") == "fixed" else None
    style = "solid"
    for override in panel.get("fieldConfig", {}).get("overrides", []):
        matcher = override.get("matcher", {})
        matches = (matcher.get("id") == "byRegexp" and re.search(matcher.get("options", ""), name)) or \
                  (matcher.get("id") == "byName" and matcher.get("options") == name)
        if not matches:
            continue
        for prop in override.get("properties", []):
            if prop["id"] == "color" and prop["value"].get("mode") == "fixed":
                colour = prop["value"]["fixedColor"]
            if prop["id"] == "custom.lineStyle":
                style = prop["value"].get("fill", "solid")
    return colour, style


def clashes(panel, names):
    """Pairs of series drawn alike; series without a fixed colour get distinct palette colours."""
    seen = {}
    problems = []
    for name in sorted(set(names)):
        colour, style = look(panel, name)
        if colour is None:
            continue
        key = (colour, style)
        if key in seen:
            problems.append(f"{seen[key]!r} and {name!r} both {colour} {style}")
        else:
            seen[key] = name
    return problems


def virtual_jdk(prometheus):
    """The feature version of the JDK the virtual stack runs on (jvm_info), or None."""
    result, _ = query(prometheus, 'jvm_info{stack="virtual"}')
    match = re.match(r"(\d+)", (result or [{}])[0].get("metric", {}).get("version", "")) if result else None
    return int(match.group(1)) if match else None


def check(path, prometheus, rate_interval):
    with open(path, encoding="utf-8") as file:
        dashboard = json.load(file)
    variables = variables_of(dashboard, rate_interval)
    jdk = virtual_jdk(prometheus)
    rows = []
    for panel in panels_of(dashboard):
        title = panel.get("title", "?")
        optional = panel.get("fanoutLabCheck") == OPTIONAL_MARK
        datasource = (panel.get("datasource") or {}).get("uid")
        if datasource != DATASOURCE_UID:
            rows.append((title, "-", "-", "FAIL", f"datasource uid {datasource!r}, expected {DATASOURCE_UID!r}"))
        targets = panel.get("targets", [])
        if not targets:
            rows.append((title, "-", "-", "FAIL", "panel has no query"))
        names = []
        for target in targets:
            ref = target.get("refId", "?")
            try:
                result, error = query(prometheus, substitute(target["expr"], variables))
            except ValueError as problem:
                result, error = None, str(problem)
            count = len(result) if result is not None else None
            names += [legend(target.get("legendFormat"), series["metric"]) for series in result or []]
            if error is not None:
                rows.append((title, ref, "-", "FAIL", error))
            elif count == 0 and jdk is not None and jdk < 24 and any(m in target["expr"] for m in JDK24_METRICS):
                rows.append((title, ref, "0", "optional", f"no series: needs JDK 24+, the virtual stack runs JDK {jdk}"))
            elif count == 0:
                rows.append((title, ref, "0", "optional" if optional else "FAIL",
                             "no series (k6 not running)" if optional else "no series: " + target["expr"]))
            else:
                rows.append((title, ref, str(count), "ok", ""))
        for problem in clashes(panel, names):
            rows.append((title, "-", "-", "FAIL", "drawn alike: " + problem))
    for annotation in dashboard.get("annotations", {}).get("list", []):
        if (annotation.get("datasource") or {}).get("uid") != DATASOURCE_UID:
            continue
        title = "annotation: " + annotation.get("name", "?")
        result, error = query(prometheus, substitute(annotation["expr"], variables))
        if error is not None:
            rows.append((title, "-", "-", "FAIL", error))
        elif not result:
            rows.append((title, "-", "0", "FAIL", "no series: " + annotation["expr"]))
        else:
            rows.append((title, "-", str(len(result)), "ok", ""))
    return dashboard, rows


def link_problems(dashboards):
    """Every dashboard reaches every other through a `dashboards` link on a shared tag."""
    problems = []
    for path, dashboard in dashboards.items():
        tags = {tag for link in dashboard.get("links", []) if link.get("type") == "dashboards" for tag in link.get("tags", [])}
        for other_path, other in dashboards.items():
            if other_path != path and not tags & set(other.get("tags", [])):
                problems.append(f"{path} has no link to {other_path}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prometheus", default="http://127.0.0.1:19090")
    parser.add_argument("--rate-interval", default="1m")
    parser.add_argument("dashboards", nargs="+")
    args = parser.parse_args()
    failures = 0
    dashboards = {}
    for path in args.dashboards:
        dashboard, rows = check(path, args.prometheus, args.rate_interval)
        dashboards[path] = dashboard
        title = dashboard.get("title", path)
        print(f"\n== {title} ({path})")
        width = max([len(row[0]) for row in rows] + [5])
        print(f"{'panel':<{width}}  ref  series  status    note")
        for panel, ref, series, status, note in rows:
            print(f"{panel:<{width}}  {ref:<3}  {series:>6}  {status:<8}  {note}")
        failures += sum(1 for row in rows if row[3] == "FAIL")
    for problem in link_problems(dashboards):
        print("FAIL links: " + problem)
        failures += 1
    print(f"\n{failures} failing quer{'y' if failures == 1 else 'ies'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
