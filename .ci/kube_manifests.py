#!/usr/bin/env python3
"""Checks the rendered Kubernetes manifests of deploy/kubernetes against the code.

Usage: kube_manifests.py --repo DIR --render NAME=FILE... [--live]

Each FILE is the output of `kubectl kustomize` for one directory (NAME is that directory,
relative to deploy/kubernetes). The checks, each reported on its own line:
  - every document parses (duplicate keys rejected), has apiVersion, kind and a name, and the
    fields of pods, containers and probes are Kubernetes field names (a typo would be dropped
    silently by a lenient apply);
  - every image is pinned: third-party images by tag and digest (the same as docker-compose.yml
    where it runs the same image), the project's by a tag;
  - the three stacks are one Deployment but for the role and its port (resources, JVM flags,
    probes, grace period), and the JVM's ActiveProcessorCount matches the CPU limit;
  - probes ask for /actuator/health/liveness and /readiness on the role's own port, the
    actuator exposes them (application.yml) and the role's port is the one its profile sets;
  - the termination grace period covers preStop plus Spring's graceful shutdown;
  - every LAB_* variable set on a pod is read by the code (application*.yml, src/main/java),
    and the apps' bind address variable (server.address), when there is one, is 0.0.0.0;
  - Prometheus: pod annotations and the ServiceMonitor name the ports that serve metrics;
  - the Grafana dashboard ConfigMaps carry the sidecar's label and hold grafana/dashboards/*;
  - each TestRun's script, and every file it imports, is mounted from the k6 ConfigMap, whose
    files equal the repository's; its env names are ones the k6 scripts read; its
    SIMULATOR_REPLICAS and PROFILE match the overlay it runs against.
--live also asks a running lab (127.0.0.1, ports from LAB_*_PORT) for each probe and metrics path.
Closing line: "N passed, N failed". Needs PyYAML.
"""

import argparse
import json
import os
import re
import sys
import urllib.request

import yaml

ROLES = {"downstream": "LAB_DOWNSTREAM_PORT", "reactive": "LAB_REACTIVE_PORT", "blocking": "LAB_BLOCKING_PORT", "virtual": "LAB_VIRTUAL_PORT"}
STACKS = ("reactive", "blocking", "virtual")
PROJECT_IMAGE = re.compile(r"^(?:[a-z0-9.-]+(?::\d+)?/)*fanout-lab:(?P<tag>[A-Za-z0-9._-]+)(?:@sha256:[0-9a-f]{64})?$")
PINNED_IMAGE = re.compile(r"^[a-z0-9./-]+:(?P<tag>[A-Za-z0-9._-]+)@sha256:[0-9a-f]{64}$")
# Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase; the apps may set it lower
ASSUMED_SHUTDOWN_SECONDS = 30

# Field names of the Kubernetes API objects the manifests use (core/v1, apps/v1).
POD_SPEC = {"activeDeadlineSeconds", "affinity", "automountServiceAccountToken", "containers", "dnsConfig", "dnsPolicy", "enableServiceLinks", "ephemeralContainers", "hostAliases", "hostIPC", "hostNetwork", "hostPID", "hostUsers", "hostname", "imagePullSecrets", "initContainers", "nodeName", "nodeSelector", "os", "overhead", "preemptionPolicy", "priority", "priorityClassName", "readinessGates", "resourceClaims", "resources", "restartPolicy", "runtimeClassName", "schedulerName", "schedulingGates", "securityContext", "serviceAccountName", "setHostnameAsFQDN", "shareProcessNamespace", "subdomain", "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumes"}
CONTAINER = {"args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle", "livenessProbe", "name", "ports", "readinessProbe", "resizePolicy", "resources", "restartPolicy", "securityContext", "startupProbe", "stdin", "stdinOnce", "terminationMessagePath", "terminationMessagePolicy", "tty", "volumeDevices", "volumeMounts", "workingDir"}
PROBE = {"exec", "failureThreshold", "grpc", "httpGet", "initialDelaySeconds", "periodSeconds", "successThreshold", "tcpSocket", "terminationGracePeriodSeconds", "timeoutSeconds"}
HTTP_GET = {"host", "httpHeaders", "path", "port", "scheme"}
RESOURCES = {"claims", "limits", "requests"}
DEPLOYMENT_SPEC = {"minReadySeconds", "paused", "progressDeadlineSeconds", "replicas", "revisionHistoryLimit", "selector", "strategy", "template"}
STATEFULSET_SPEC = {"minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy", "podManagementPolicy", "replicas", "revisionHistoryLimit", "selector", "serviceName", "template", "updateStrategy", "volumeClaimTemplates"}
SERVICE_SPEC = {"allocateLoadBalancerNodePorts", "clusterIP", "clusterIPs", "externalIPs", "externalName", "externalTrafficPolicy", "healthCheckNodePort", "internalTrafficPolicy", "ipFamilies", "ipFamilyPolicy", "loadBalancerClass", "loadBalancerIP", "loadBalancerSourceRanges", "ports", "publishNotReadyAddresses", "selector", "sessionAffinity", "sessionAffinityConfig", "trafficDistribution", "type"}
TESTRUN_SPEC = {"arguments", "cleanup", "cloud", "initializer", "parallelism", "paused", "ports", "quiet", "runner", "script", "scuttle", "separate", "starter", "testRunId", "token"}
TESTRUN_POD = {"affinity", "automountServiceAccountToken", "containerSecurityContext", "disabled", "env", "envFrom", "image", "imagePullPolicy", "imagePullSecrets", "initContainers", "livenessProbe", "metadata", "nodeSelector", "priorityClassName", "readinessProbe", "resources", "schedulerName", "securityContext", "serviceAccountName", "tolerations", "topologySpreadConstraints", "volumeMounts", "volumes"}
KNOWN_KINDS = {"Namespace", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet", "ServiceMonitor", "TestRun"}
K6_BUILTIN_ENV = re.compile(r"^K6_[A-Z0-9_]+$")


class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _mapping_without_duplicates(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems):
        problems = [p for p in problems if p]
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"     - {p}")
        else:
            self.passed += 1
            print(f"ok   {name}")


def unknown_fields(where, obj, allowed):
    if not isinstance(obj, dict):
        return [f"{where}: not a mapping"]
    return [f"{where}: unknown field {k!r}" for k in sorted(set(obj) - allowed)]


class Repo:
    def __init__(self, root):
        self.root = root
        res = os.path.join(root, "src/main/resources")
        self.yml = {f: open(os.path.join(res, f), encoding="utf-8").read() for f in os.listdir(res) if re.match(r"application.*\.yml$", f)}
        java = []
        for dirpath, _, files in os.walk(os.path.join(root, "src/main/java")):
            java += [open(os.path.join(dirpath, f), encoding="utf-8").read() for f in files if f.endswith(".java")]
        self.java = "\n".join(java)

    def lab_env_names(self):
        """LAB_* names the apps read: ${LAB_X...} placeholders, and "LAB_X" literals in Java."""
        names = set()
        for text in self.yml.values():
            names |= set(re.findall(r"\$\{(LAB_[A-Z0-9_]+)", text))
        names |= set(re.findall(r'"(LAB_[A-Z0-9_]+)"', self.java))
        return names

    def compose_images(self):
        """repository -> image as docker-compose.yml pins it."""
        path = os.path.join(self.root, "docker-compose.yml")
        if not os.path.isfile(path):
            return {}
        services = (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("services", {})
        images = [svc["image"] for svc in services.values() if isinstance(svc, dict) and "@sha256:" in str(svc.get("image", ""))]
        return {i.split("@")[0].rsplit(":", 1)[0]: i for i in images}

    def bind_address_variable(self):
        """The variable behind server.address, when the apps read one."""
        m = re.search(r"^server:\n(?:[ #].*\n)*?  address:\s*\$\{(LAB_[A-Z0-9_]+)", self.yml.get("application.yml", ""), re.MULTILINE)
        return m.group(1) if m else None

    def role_port(self, role):
        profile = self.yml.get(f"application-{role}.yml", "")
        m = re.search(r"port:\s*\$\{" + ROLES[role] + r":(\d+)\}", profile)
        return int(m.group(1)) if m else None

    def shutdown_seconds(self):
        for text in self.yml.values():
            m = re.search(r"timeout-per-shutdown-phase:\s*\$?\{?[A-Z_]*:?(\d+)(ms|s|m)?", text)
            if m:
                value, unit = int(m.group(1)), m.group(2) or "ms"
                return value / 1000 if unit == "ms" else value * (60 if unit == "m" else 1)
        return ASSUMED_SHUTDOWN_SECONDS

    def graceful(self):
        base = yaml.safe_load(self.yml["application.yml"])
        return (base.get("server") or {}).get("shutdown") == "graceful"

    def probes_exposed(self):
        base = yaml.safe_load(self.yml["application.yml"])
        mgmt = base.get("management") or {}
        include = str((((mgmt.get("endpoints") or {}).get("web") or {}).get("exposure") or {}).get("include", ""))
        probes = (((mgmt.get("endpoint") or {}).get("health") or {}).get("probes") or {}).get("enabled")
        return "health" in [s.strip() for s in include.split(",")] and probes is True


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.load_all(f, Loader=UniqueKeyLoader) if d is not None]


def pod_templates(docs):
    for d in docs:
        if d["kind"] in ("Deployment", "StatefulSet"):
            yield d, d["spec"]["template"]


def by_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def cpu_count(value):
    text = str(value)
    return int(text[:-1]) / 1000 if text.endswith("m") else float(text)


def configmap_keys(docs, ref_name):
    maps = {**by_kind(docs, "ConfigMap"), **by_kind(docs, "Secret")}
    obj = maps.get(ref_name)
    if obj is None:
        return None
    return set((obj.get("data") or {}).keys()) | set((obj.get("stringData") or {}).keys())


def container_env(docs, container):
    """The env of a container: name -> value (None when it comes from a Secret)."""
    env = {}
    maps = {**by_kind(docs, "ConfigMap"), **by_kind(docs, "Secret")}
    for source in container.get("envFrom", []):
        ref = (source.get("configMapRef") or source.get("secretRef") or {}).get("name")
        obj = maps.get(ref) or {}
        for k, v in (obj.get("data") or {}).items():
            env[k] = v if obj["kind"] == "ConfigMap" else None
    for e in container.get("env", []):
        env[e["name"]] = e.get("value")
    return env


def check_structure(report, name, docs):
    problems = []
    for d in docs:
        where = f"{d.get('kind')}/{(d.get('metadata') or {}).get('name')}"
        if not d.get("apiVersion") or not d.get("kind") or not (d.get("metadata") or {}).get("name"):
            problems.append(f"{where}: apiVersion, kind and metadata.name are required")
            continue
        if d["kind"] not in KNOWN_KINDS:
            problems.append(f"{where}: kind not expected here")
        spec = d.get("spec") or {}
        if d["kind"] == "Deployment":
            problems += unknown_fields(f"{where} spec", spec, DEPLOYMENT_SPEC)
        if d["kind"] == "StatefulSet":
            problems += unknown_fields(f"{where} spec", spec, STATEFULSET_SPEC)
        if d["kind"] == "Service":
            problems += unknown_fields(f"{where} spec", spec, SERVICE_SPEC)
        if d["kind"] in ("Deployment", "StatefulSet"):
            pod = spec["template"]["spec"]
            problems += unknown_fields(f"{where} pod", pod, POD_SPEC)
            template_labels = spec["template"]["metadata"].get("labels", {})
            for k, v in spec["selector"]["matchLabels"].items():
                if template_labels.get(k) != v:
                    problems.append(f"{where}: selector {k}={v} does not match the pod labels")
            for c in pod["containers"]:
                problems += unknown_fields(f"{where} container {c['name']}", c, CONTAINER)
                problems += unknown_fields(f"{where} resources", c.get("resources", {}), RESOURCES)
                for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                    if probe in c:
                        problems += unknown_fields(f"{where} {probe}", c[probe], PROBE)
                        if "httpGet" in c[probe]:
                            problems += unknown_fields(f"{where} {probe}.httpGet", c[probe]["httpGet"], HTTP_GET)
        if d["kind"] == "TestRun":
            problems += unknown_fields(f"{where} spec", spec, TESTRUN_SPEC)
            for pod in ("runner", "initializer", "starter"):
                if pod in spec:
                    problems += unknown_fields(f"{where} {pod}", spec[pod], TESTRUN_POD)
            if d["apiVersion"] != "k6.io/v1alpha1":
                problems.append(f"{where}: apiVersion must be k6.io/v1alpha1")
            if not isinstance(spec.get("parallelism"), int) or spec["parallelism"] < 1:
                problems.append(f"{where}: parallelism must be a positive integer")
        if d["kind"] == "Service":
            selector = spec.get("selector", {})
            if selector and not any(all(t["metadata"].get("labels", {}).get(k) == v for k, v in selector.items()) for _, t in pod_templates(docs)):
                problems.append(f"{where}: selects no pod")
    report.check(f"{name}: {len(docs)} objects parse, with Kubernetes field names", problems)


def check_images(report, name, docs, repo):
    problems = []
    images = [c["image"] for _, t in pod_templates(docs) for c in t["spec"]["containers"]]
    for d in docs:
        if d["kind"] == "TestRun":
            images += [d["spec"][p]["image"] for p in ("runner", "initializer", "starter") if p in d["spec"] and "image" in d["spec"][p]]
    for image in images:
        project = PROJECT_IMAGE.match(image)
        pinned = PINNED_IMAGE.match(image)
        if project:
            if project.group("tag") == "latest":
                problems.append(f"{image}: the project image needs a tag other than latest")
        elif not pinned:
            problems.append(f"{image}: not pinned by tag and digest")
        elif pinned.group("tag") == "latest":
            problems.append(f"{image}: pinned to latest")
    compose = repo.compose_images()
    for image in images:
        repository = image.split("@")[0].rsplit(":", 1)[0]
        if repository in compose and compose[repository] != image:
            problems.append(f"{image}: docker-compose.yml runs {compose[repository]}; keep one pin for both")
    report.check(f"{name}: {len(images)} images pinned, the same as docker-compose.yml's", problems)


def normalise_stack(deployment, role, port):
    text = json.dumps(deployment, sort_keys=True)
    return json.loads(text.replace(f'"{role}"', '"ROLE"').replace(f'"{port}"', '"PORT"').replace(f": {port}", ": 0"))


def check_stacks(report, name, docs, repo):
    deployments = by_kind(docs, "Deployment")
    problems = []
    missing = [s for s in STACKS if s not in deployments]
    if missing:
        report.check(f"{name}: the three stacks are equal", [f"missing Deployment {m}" for m in missing])
        return
    normal = {s: normalise_stack(deployments[s], s, repo.role_port(s)) for s in STACKS}
    for s in STACKS[1:]:
        if normal[s] != normal[STACKS[0]]:
            a, b = normal[STACKS[0]]["spec"], normal[s]["spec"]
            diff = [k for k in sorted(set(a["template"]["spec"]) | set(b["template"]["spec"])) if a["template"]["spec"].get(k) != b["template"]["spec"].get(k)]
            problems.append(f"{s} differs from {STACKS[0]} beyond role and port (pod spec fields: {', '.join(diff) or 'metadata or replicas'})")
    for s in STACKS:
        c = deployments[s]["spec"]["template"]["spec"]["containers"][0]
        limits = c.get("resources", {}).get("limits", {})
        if "cpu" not in limits or "memory" not in limits:
            problems.append(f"{s}: CPU and memory limits are required for a fair comparison")
            continue
        jvm = container_env(docs, c).get("JAVA_TOOL_OPTIONS") or ""
        m = re.search(r"-XX:ActiveProcessorCount=(\d+)", jvm)
        if not m or int(m.group(1)) != max(1, int(cpu_count(limits["cpu"]))):
            problems.append(f"{s}: JAVA_TOOL_OPTIONS ActiveProcessorCount must equal the CPU limit {limits['cpu']} (got {jvm!r})")
    report.check(f"{name}: the three stacks are one Deployment but for role and port; ActiveProcessorCount = CPU limit", problems)


def check_probes(report, name, docs, repo, live):
    problems = [] if repo.probes_exposed() else ["application.yml must expose health with management.endpoint.health.probes.enabled: true"]
    if not repo.graceful():
        problems.append("application.yml must set server.shutdown: graceful")
    shutdown = repo.shutdown_seconds()
    deployments = by_kind(docs, "Deployment")
    services = by_kind(docs, "Service")
    for role in ROLES:
        d = deployments.get(role)
        if d is None:
            problems.append(f"no Deployment {role}")
            continue
        pod = d["spec"]["template"]["spec"]
        c = pod["containers"][0]
        if c.get("args", [None])[0] != role:
            problems.append(f"{role}: the container's first argument must be the role, got {c.get('args')}")
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        expected_port = repo.role_port(role)
        if expected_port is None or list(ports.values()) != [expected_port]:
            problems.append(f"{role}: container port {list(ports.values())} is not the role's port {expected_port} (application-{role}.yml)")
        for probe, path in (("startupProbe", "/actuator/health/liveness"), ("livenessProbe", "/actuator/health/liveness"), ("readinessProbe", "/actuator/health/readiness")):
            get = (c.get(probe) or {}).get("httpGet")
            if get is None:
                problems.append(f"{role}: {probe} must be an httpGet")
                continue
            port = ports.get(get["port"], get["port"])
            if get.get("path") != path or port != expected_port:
                problems.append(f"{role}: {probe} asks {get.get('path')} on {port}, the role serves {path} on {expected_port}")
            if live:
                problems.append(ask_live(role, path))
        if live:
            problems.append(ask_live(role, "/actuator/prometheus"))
        annotations = d["spec"]["template"]["metadata"].get("annotations", {})
        if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/path") != "/actuator/prometheus" or annotations.get("prometheus.io/port") != str(expected_port):
            problems.append(f"{role}: prometheus.io annotations must name /actuator/prometheus on {expected_port}")
        pre_stop = (((c.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command", [])
        pre_stop_seconds = int(pre_stop[1]) if len(pre_stop) == 2 and pre_stop[0] == "sleep" else 0
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= pre_stop_seconds + shutdown:
            problems.append(f"{role}: terminationGracePeriodSeconds {grace} must exceed preStop {pre_stop_seconds} s + graceful shutdown {shutdown:g} s")
        service = services.get(role)
        if service is None or [p["port"] for p in service["spec"]["ports"]] != [expected_port]:
            problems.append(f"{role}: Service {role} must serve port {expected_port}")
    report.check(f"{name}: probes on the health groups the roles expose, metrics annotations, grace > preStop + {shutdown:g} s shutdown", problems)


def ask_live(role, path):
    port = int(os.environ.get(ROLES[role]) or 0)
    if not port:
        return f"--live: set {ROLES[role]}"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as res:
            return None if res.status == 200 else f"{role}: live {path} answered {res.status}"
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        return f"{role}: live {path} on 127.0.0.1:{port}: {e}"


def check_env(report, name, docs, repo):
    known = repo.lab_env_names()
    problems = []
    for d, template in pod_templates(docs):
        for c in template["spec"]["containers"]:
            if c["image"].startswith("postgres"):
                continue
            for var in container_env(docs, c):
                if var == "JAVA_TOOL_OPTIONS":
                    continue
                if var not in known:
                    problems.append(f"{d['metadata']['name']}: {var} is read by no code (application*.yml, src/main/java)")
            for source in c.get("envFrom", []):
                ref = (source.get("configMapRef") or source.get("secretRef") or {}).get("name")
                if configmap_keys(docs, ref) is None:
                    problems.append(f"{d['metadata']['name']}: envFrom {ref} does not exist")
    bind = repo.bind_address_variable()
    if bind is not None:
        for d, template in pod_templates(docs):
            for c in template["spec"]["containers"]:
                if not c["image"].startswith("postgres") and container_env(docs, c).get(bind) != "0.0.0.0":
                    problems.append(f"{d['metadata']['name']}: {bind} must be 0.0.0.0 (server.address defaults to loopback, unreachable for probes and Services)")
    report.check(f"{name}: every LAB_* variable on a pod is one the code reads ({len(known)} known); apps bind 0.0.0.0", problems)


def check_monitoring(report, name, docs, repo):
    problems = []
    monitors = [d for d in docs if d["kind"] == "ServiceMonitor"]
    if not monitors:
        problems.append("no ServiceMonitor")
    for m in monitors:
        expressions = m["spec"]["selector"].get("matchExpressions", [])
        selected = [s for s in by_kind(docs, "Service").values() if all(s["metadata"].get("labels", {}).get(e["key"]) in e["values"] for e in expressions if e["operator"] == "In")]
        names = sorted(s["metadata"]["name"] for s in selected)
        if names != sorted(ROLES):
            problems.append(f"ServiceMonitor {m['metadata']['name']} selects {names}, not the four roles")
        for e in m["spec"]["endpoints"]:
            if e.get("path") != "/actuator/prometheus" or any(e.get("port") not in [p.get("name") for p in s["spec"]["ports"]] for s in selected):
                problems.append(f"ServiceMonitor endpoint {e} must name each Service's metrics port and /actuator/prometheus")
    dashboards = {}
    for cm in by_kind(docs, "ConfigMap").values():
        if cm["metadata"].get("labels", {}).get("grafana_dashboard") == "1":
            dashboards.update(cm.get("data", {}))
    folder = os.path.join(repo.root, "grafana/dashboards")
    for f in sorted(os.listdir(folder)):
        if f.endswith(".json"):
            text = open(os.path.join(folder, f), encoding="utf-8").read()
            if dashboards.get(f) != text:
                problems.append(f"dashboard {f}: no ConfigMap with label grafana_dashboard=1 holds it as it is in grafana/dashboards")
            else:
                json.loads(dashboards[f])
    report.check(f"{name}: ServiceMonitor selects the four roles; {len(dashboards)} dashboards as sidecar ConfigMaps", problems)


def js_imports(path):
    text = open(path, encoding="utf-8").read()
    return re.findall(r"^\s*import\s+(?:[^'\"]*?\s+from\s+)?['\"](\.{1,2}/[^'\"]+)['\"]", text, re.MULTILINE)


def k6_env_names(k6_dir):
    names = set()
    for dirpath, _, files in os.walk(k6_dir):
        if "node_modules" in dirpath or "/test" in dirpath:
            continue
        for f in files:
            if f.endswith(".js"):
                text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                # envString(env, 'RATE'), URL_VARS = { reactive: 'REACTIVE_URL' }, __ENV.RESULTS_DIR
                names |= set(re.findall(r"['\"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)['\"]", text))
                names |= set(re.findall(r"__ENV\.([A-Z0-9_]+)", text))
    return names


def check_testrun(report, name, docs, scripts_docs, overlay_docs, repo):
    problems = []
    k6_dir = os.path.join(repo.root, "k6")
    configmaps = by_kind(scripts_docs, "ConfigMap")
    env_names = k6_env_names(k6_dir)
    runs = [d for d in docs if d["kind"] == "TestRun"]
    if not runs:
        problems.append("no TestRun")
    for run in runs:
        spec = run["spec"]
        for pod_name in ("runner", "initializer"):
            pod = spec.get(pod_name)
            if pod is None:
                continue
            script = spec["script"].get("localFile")
            mounts = {m["name"]: m["mountPath"].rstrip("/") for m in pod.get("volumeMounts", [])}
            files = {}
            for v in pod.get("volumes", []):
                cm = v.get("configMap")
                if cm is None or v["name"] not in mounts:
                    continue
                data = (configmaps.get(cm["name"]) or {}).get("data")
                if data is None:
                    problems.append(f"{pod_name}: ConfigMap {cm['name']} is not in the scripts kustomization")
                    continue
                for item in cm.get("items") or [{"key": k, "path": k} for k in data]:
                    if item["key"] not in data:
                        problems.append(f"{pod_name}: ConfigMap {cm['name']} has no key {item['key']}")
                    files[f"{mounts[v['name']]}/{item['path']}"] = data.get(item["key"])
            if script is None or script not in files:
                problems.append(f"{pod_name}: script {script} is not mounted from the ConfigMap")
                continue
            root = os.path.dirname(script)
            pending, seen = [script], set()
            while pending:
                path = pending.pop()
                if path in seen:
                    continue
                seen.add(path)
                repo_file = os.path.join(k6_dir, os.path.relpath(path, root))
                if path not in files:
                    problems.append(f"{pod_name}: {os.path.relpath(path, root)} is imported but not mounted")
                    continue
                if not os.path.isfile(repo_file) or open(repo_file, encoding="utf-8").read() != files[path]:
                    problems.append(f"{pod_name}: {path} differs from k6/{os.path.relpath(path, root)}")
                    continue
                pending += [os.path.normpath(os.path.join(os.path.dirname(path), i)) for i in js_imports(repo_file)]
            env = {e["name"]: e.get("value") for e in pod.get("env", [])}
            for var in env:
                if var not in env_names and not K6_BUILTIN_ENV.match(var):
                    problems.append(f"{pod_name}: env {var} is read by no k6 script")
            services = by_kind(overlay_docs, "Service")
            for var, value in env.items():
                m = re.match(r"^http://([a-z0-9-]+):(\d+)$", value or "")
                if var.endswith("_URL") and m and (m.group(1) not in services or int(m.group(2)) not in [p["port"] for p in services[m.group(1)]["spec"]["ports"]]):
                    problems.append(f"{pod_name}: {var}={value} names no Service port of the overlay")
            replicas = by_kind(overlay_docs, "Deployment")["downstream"]["spec"].get("replicas", 1)
            if int(env.get("SIMULATOR_REPLICAS", "1")) != replicas:
                problems.append(f"{pod_name}: SIMULATOR_REPLICAS={env.get('SIMULATOR_REPLICAS')} but the overlay runs {replicas} simulator replicas")
            preset = next((cm["data"].get("LAB_SIMULATOR_PRESET") for cm in by_kind(overlay_docs, "ConfigMap").values() if "LAB_SIMULATOR_PRESET" in cm.get("data", {})), None)
            if replicas > 1 and env.get("PROFILE") != preset:
                problems.append(f"{pod_name}: PROFILE={env.get('PROFILE')} but the scaled-out simulator starts with {preset}")
        if "testid=" not in spec.get("arguments", "") or "experimental-prometheus-rw" not in spec.get("arguments", ""):
            problems.append("arguments must remote-write (-o experimental-prometheus-rw) with a testid tag")
    report.check(f"{name}: TestRun script and every file it imports mounted from the k6 ConfigMap; env the scripts read; matches its overlay", problems)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--render", action="append", default=[], metavar="NAME=FILE")
    parser.add_argument("--live", action="store_true")
    args = parser.parse_args()
    repo = Repo(args.repo)
    report = Report()
    rendered = {}
    for item in args.render:
        name, path = item.split("=", 1)
        try:
            rendered[name] = load(path)
        except yaml.YAMLError as e:
            report.check(f"{name}: parses", [str(e)])
    for name, docs in rendered.items():
        check_structure(report, name, docs)
        check_images(report, name, docs, repo)
        if name.startswith("overlays/"):
            check_stacks(report, name, docs, repo)
            check_probes(report, name, docs, repo, args.live)
            check_env(report, name, docs, repo)
            check_monitoring(report, name, docs, repo)
    scripts = rendered.get("k6/scripts", [])
    for name, docs in rendered.items():
        if name.startswith("k6/") and name != "k6/scripts":
            overlay = "overlays/cluster" if name.startswith("k6/cluster/") else "overlays/single-node"
            check_testrun(report, f"{name} against {overlay}", docs, scripts, rendered.get(overlay, []), repo)
    print(f"kube-check: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
