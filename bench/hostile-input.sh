#!/usr/bin/env bash
# Sends what a hostile client sends to each stack and to the simulator and prints what each
# answered: status line, content type, problem type. Every answer should be a 4xx problem
# document, nothing a broken request carried stored or paid, every spelling of /api counted
# by admission, and liveness answering while slow clients trickle their bodies.
# Usage: bench/hostile-input.sh [--no-slow]  (stacks on LAB_REACTIVE_PORT, LAB_BLOCKING_PORT,
# LAB_VIRTUAL_PORT or 8081-8083, the simulator on LAB_DOWNSTREAM_PORT or 8090, on 127.0.0.1)
# SLOW_CLIENTS (300) and SLOW_SECONDS (30) size the slow-client probe.
set -u
HOST=127.0.0.1
declare -A PORTS=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
SIM=${LAB_DOWNSTREAM_PORT:-8090}
BIG=$(head -c 70000 /dev/zero | tr '\0' a)
ORDER='{"items":[{"sku":"A","quantity":1,"priceCents":100}]}'
CHUNK=$(printf '%x\r\n%s' "${#ORDER}" "$ORDER")
key() { echo "hostile-$RANDOM$RANDOM$RANDOM"; }

raw() { # port, request bytes (printf format)
  local answer
  answer=$(exec 3<>"/dev/tcp/$HOST/$1" && printf "$2" >&3 && timeout 5 cat <&3 | head -c 4000 | tr -d '\r')
  printf '%s | %s | %s\n' "$(head -1 <<<"$answer")" \
    "$(grep -i '^content-type:' <<<"$answer" | head -1 | cut -d' ' -f2)" \
    "$(grep -o '"type":"[^"]*"' <<<"$answer" | head -1)"
}

curled() { # curl arguments...
  curl -s -o /tmp/hostile-body.$$ -w '%{http_code} | %{content_type} | ' "$@"
  grep -o '"type":"[^"]*"' /tmp/hostile-body.$$ | head -1; echo
  rm -f /tmp/hostile-body.$$
}

payments() { curl -s "http://$HOST:$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"]["payments"]["requests"])'; }

# a create whose chunked framing breaks after a complete document; then the same key with a
# good body: a fresh 201 (not Idempotent-Replayed) and exactly one payment mean nothing of
# the broken one was stored or paid
broken_create() { # port, what follows the chunk (printf format)
  local k before replay after
  k=$(key); before=$(payments)
  raw "$1" "POST /api/customers/42/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: $k\r\nTransfer-Encoding: chunked\r\n\r\n${CHUNK//%/%%}$2" | tr '\n' ' '
  replay=$(curl -s -o /dev/null -D - -X POST "http://$HOST:$1/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: $k" -d "$ORDER" | tr -d '\r' | grep -ci '^idempotent-replayed: true')
  after=$(payments)
  echo "| stored before: $([[ $replay == 0 ]] && echo no || echo YES) | payments: $((after - before)) (1 = the check's own)"
}

# a request held 1.5 s under a path spelling, and the in-flight gauge (the admission filter's
# own path test) read while it runs: 1 = the spelling is counted; then the request's status
# (a spelling no router serves is a 404 at once, so nothing is in flight)
counted() { # port, path prefix
  curl -s -o /tmp/hostile-held.$$ -w '%{http_code}' --path-as-is "http://$HOST:$1$2fanout?calls=1&latencyMs=1500" > /tmp/hostile-held-status.$$ &
  sleep 0.7
  printf '%s' "$(curl -s "http://$HOST:$1/actuator/prometheus" | grep '^lab_requests_inflight' | awk '{print "inflight " $2}')"
  wait
  printf ' | answered %s\n' "$(cat /tmp/hostile-held-status.$$)"
  rm -f /tmp/hostile-held.$$ /tmp/hostile-held-status.$$
}

for stack in reactive blocking virtual; do
  port=${PORTS[$stack]}; base="http://$HOST:$port"
  echo "== $stack ($port)"
  printf '  %-34s ' "?calls=%ZZ";            curled "$base/api/fanout?calls=%ZZ"
  printf '  %-34s ' "priceCents 99.99";      curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: $(key)" -d '{"items":[{"sku":"A","quantity":1,"priceCents":99.99}]}'
  printf '  %-34s ' 'quantity "2"';          curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: $(key)" -d '{"items":[{"sku":"A","quantity":"2","priceCents":100}]}'
  printf '  %-34s ' "duplicate key";         curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: $(key)" -d '{"items":[{"sku":"A","quantity":1,"priceCents":1,"priceCents":9}]}'
  printf '  %-34s ' "two Idempotency-Key headers"; curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: $(key)" -H "Idempotency-Key: $(key)" -d "$ORDER"
  printf '  %-34s ' "TRACE";                 curled -X TRACE "$base/api/info"
  printf '  %-34s ' "/error";                curled "$base/error"
  printf '  %-34s ' "unknown health component"; curled "$base/actuator/health/no-such-component"
  printf '  %-34s ' "%00 in the path";       raw "$port" 'GET /api/customers/%%00/overview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
  printf '  %-34s ' "bad request line";      raw "$port" 'GET /api/ info HTTP/1.1 junk\r\nHost: x\r\n\r\n'
  printf '  %-34s ' "70 kB header";          raw "$port" "GET /api/info HTTP/1.1\r\nHost: x\r\nX-Big: $BIG\r\n\r\n"
  printf '  %-34s ' "70 kB URI";             raw "$port" "GET /api/info?x=$BIG HTTP/1.1\r\nHost: x\r\n\r\n"
  printf '  %-34s ' "HTTP/1.1 without Host"; raw "$port" 'GET /api/info HTTP/1.1\r\nConnection: close\r\n\r\n'
  printf '  %-34s ' "HTTP/9.9";              raw "$port" 'GET /api/info HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n'
  printf '  %-34s ' "http/1.1 (lower case)"; raw "$port" 'GET /api/info http/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
  printf '  %-34s ' "Host: host/path";       raw "$port" 'GET /api/info HTTP/1.1\r\nHost: host/path\r\nConnection: close\r\n\r\n'
  printf '  %-34s ' "TE: gzip, chunked";     raw "$port" "POST /api/customers/42/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: $(key)\r\nTransfer-Encoding: gzip, chunked\r\n\r\n${CHUNK//%/%%}\r\n0\r\n\r\n"
  printf '  %-34s ' "Expect 100 + 10 GB body"; raw "$port" "POST /api/customers/42/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: $(key)\r\nExpect: 100-continue\r\nContent-Length: 10000000000\r\n\r\n"
  printf '  %-34s ' "chunk: no CRLF after data";  broken_create "$port" 'XX\r\n0\r\n\r\n'
  printf '  %-34s ' "chunk: bad size line";       broken_create "$port" '\r\nZZ\r\n\r\n'
  printf '  %-34s ' "chunk: bad trailer";         broken_create "$port" '\r\n0\r\nno colon here\r\n\r\n'
  for prefix in /api/ '/api;x=1/' /%61pi/ //api/ /api/./ /x/../api/; do
    printf '  %-34s ' "admission counts $prefix";  counted "$port" "$prefix"
  done
done

echo "== simulator ($SIM)"
printf '  %-34s ' "?latencyMs=%ZZ";        raw "$SIM" 'GET /services/echo/x?latencyMs=%%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
printf '  %-34s ' "%ZZ in the path";       raw "$SIM" 'GET /services/echo/%%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
printf '  %-34s ' "http/1.1 (lower case)"; raw "$SIM" 'GET /services/echo/x http/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
printf '  %-34s ' "Host: host/path";       raw "$SIM" 'GET /services/echo/x HTTP/1.1\r\nHost: host/path\r\nConnection: close\r\n\r\n'
printf '  %-34s ' "TE: gzip, chunked";     raw "$SIM" 'POST /services/payments/hostile HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'
printf '  %-34s ' "chunk: no CRLF after data"; raw "$SIM" 'POST /services/payments/hostile HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n0\r\n\r\n'

[[ ${1:-} == --no-slow ]] && exit 0
# SLOW_CLIENTS creates send their headers and then one body byte every 5 s (inside the 10 s
# read timeout); meanwhile liveness and a normal request are timed every 2 s. Expected: both
# keep answering, each slow create is answered 408 (body deadline) or 503 (admission), none 201.
for stack in reactive blocking virtual; do
  echo "== slow clients: $stack (${SLOW_CLIENTS:-300} clients, ${SLOW_SECONDS:-30} s)"
  python3 - "$HOST" "${PORTS[$stack]}" "${SLOW_CLIENTS:-300}" "${SLOW_SECONDS:-30}" <<'PY'
import collections, socket, sys, threading, time, urllib.request
host, port, clients, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
answers = collections.Counter()
lock = threading.Lock()
def trickle(i):
    status = 'closed'
    try:
        s = socket.create_connection((host, port), timeout=seconds + 20)
        s.sendall(("POST /api/customers/42/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   f"Idempotency-Key: slow-{time.time_ns()}-{i}\r\nContent-Length: 600\r\n\r\n").encode())
        s.setblocking(False)
        end = time.time() + seconds
        data = b''
        while time.time() < end and not data:
            try:
                data = s.recv(64)
                if not data: break
            except BlockingIOError:
                try: s.send(b' ')
                except OSError: break
                time.sleep(5)
        s.setblocking(True); s.settimeout(5)
        try: data = data or s.recv(64)
        except OSError: pass
        status = data.split(b' ')[1].decode() if data.startswith(b'HTTP/1.1 ') else ('no answer in time' if time.time() >= end else 'closed')
        s.close()
    except OSError as e:
        status = type(e).__name__
    with lock: answers[status] += 1
threads = [threading.Thread(target=trickle, args=(i,), daemon=True) for i in range(clients)]
start = time.time()
for t in threads: t.start()
def timed(path):
    t0 = time.time()
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=10) as r: code = r.status
    except urllib.error.HTTPError as e: code = e.code
    except Exception as e: code = type(e).__name__
    return f"{code} in {time.time() - t0:.2f} s"
while time.time() - start < seconds:
    time.sleep(2)
    print(f"  t={time.time() - start:5.1f} s  liveness {timed('/actuator/health/liveness'):18}  /api/info {timed('/api/info')}", flush=True)
for t in threads: t.join(seconds + 30)
print("  slow creates answered:", dict(answers))
PY
done
