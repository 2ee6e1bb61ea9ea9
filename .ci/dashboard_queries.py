#!/usr/bin/env python3
"""Evaluates every panel query of Grafana dashboard JSON files against a Prometheus.

Usage: dashboard_queries.py --prometheus http://127.0.0.1:19090 [--rate-interval 1m] FILE.json...

Grafana's variables are replaced so that the query can run on its own: $__rate_interval and
$__interval by --rate-interval, $__range by 5m, dashboard variables by their "All" value
(".*"). A query fails when Prometheus rejects it or when it returns no series; panels marked
"fanoutLabCheck": "optional-k6" are evaluated and reported but never fail the check (k6
pushes their metrics only while it runs). Every panel must use the datasource uid
"prometheus". Standard library only.
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
    return len(body["data"]["result"]), None


def check(path, prometheus, rate_interval):
    with open(path, encoding="utf-8") as file:
        dashboard = json.load(file)
    variables = variables_of(dashboard, rate_interval)
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
        for target in targets:
            ref = target.get("refId", "?")
            try:
                count, error = query(prometheus, substitute(target["expr"], variables))
            except ValueError as problem:
                count, error = None, str(problem)
            if error is not None:
                rows.append((title, ref, "-", "FAIL", error))
            elif count == 0:
                rows.append((title, ref, "0", "optional" if optional else "FAIL",
                             "no series (k6 not running)" if optional else "no series: " + target["expr"]))
            else:
                rows.append((title, ref, str(count), "ok", ""))
    return dashboard.get("title", path), rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prometheus", default="http://127.0.0.1:19090")
    parser.add_argument("--rate-interval", default="1m")
    parser.add_argument("dashboards", nargs="+")
    args = parser.parse_args()
    failures = 0
    for path in args.dashboards:
        title, rows = check(path, args.prometheus, args.rate_interval)
        print(f"\n== {title} ({path})")
        width = max([len(row[0]) for row in rows] + [5])
        print(f"{'panel':<{width}}  ref  series  status    note")
        for panel, ref, series, status, note in rows:
            print(f"{panel:<{width}}  {ref:<3}  {series:>6}  {status:<8}  {note}")
        failures += sum(1 for row in rows if row[3] == "FAIL")
    print(f"\n{failures} failing quer{'y' if failures == 1 else 'ies'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
