#!/usr/bin/env bash
# Fault drills (docs/reliability.md "Drills"): each fault against each stack, and per stack
# what was answered (status counts), how fast (p50/max) and what the database holds afterwards.
#
#   bench/drills.sh                 # starts its own lab: scratch PostgreSQL behind a black-hole proxy,
#                                   # the simulator and the three stacks (java -jar target/fanout-lab.jar)
#   DRILLS="failing hanging" bench/drills.sh           # a subset
#   DRILLS=connloss bench/drills.sh  # backends terminated and PostgreSQL restarted under reads and writes
#   ATTACH=1 bench/drills.sh        # against running ports (REACTIVE_URL, BLOCKING_URL, VIRTUAL_URL,
#                                   # SIMULATOR_URL, optional DB_URL=postgresql://user@host:port/db for the
#                                   # row counts); the drills that pause, cut or stop things are skipped
#
# Needs: java 21+ (JAVA; the JDK the build uses, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), hey, curl, psql, python3; to start its own lab, initdb/pg_ctl on PATH or in
# PG_BIN (apt-get install postgresql). Ports: LAB_DOWNSTREAM_PORT, LAB_REACTIVE_PORT, LAB_BLOCKING_PORT,
# LAB_VIRTUAL_PORT (free ports for its own lab, 8090, 8081-8083 with ATTACH=1), DRILL_DB_PORT /
# DRILL_PROXY_PORT (free ports by default).
# Takes about 10 minutes with every drill.
set -uo pipefail
cd "$(dirname "$0")/.."
# overload last: a stack still digesting 3,000 clients' backlog would confound the drills after it
DRILLS=${DRILLS:-paused blackhole connloss failing hanging aborts sigterm overload}
ATTACH=${ATTACH:-0}
JAVA=${JAVA:-java}
JAR=${JAR:-target/fanout-lab.jar}
# the lab launcher's JVM options (lab/LabSettings): the same fixed heap, so the same admission limit
# the fixed heap every measurement uses (bench/lab.sh BENCH_JAVA_OPTS), stated: the lab launcher
# would size it from the machine's memory
JVM_OPTS=${JVM_OPTS:--Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError}
OVERLOAD_CLIENTS=${OVERLOAD_CLIENTS:-3000}
OVERLOAD_DURATION=${OVERLOAD_DURATION:-5s}
STACKS=${STACKS:-reactive blocking virtual}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [ "$ATTACH" = 1 ]; then
  declare -A PORT=([downstream]=${LAB_DOWNSTREAM_PORT:-8090} [reactive]=${LAB_REACTIVE_PORT:-8081}
    [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
else # its own lab: free ports unless told, so that it never drills a lab already on the default ones
  declare -A PORT=([downstream]=${LAB_DOWNSTREAM_PORT:-$(free_port)} [reactive]=${LAB_REACTIVE_PORT:-$(free_port)}
    [blocking]=${LAB_BLOCKING_PORT:-$(free_port)} [virtual]=${LAB_VIRTUAL_PORT:-$(free_port)})
fi
declare -A URL PID
for s in reactive blocking virtual; do URL[$s]=http://127.0.0.1:${PORT[$s]}; done
SIM=http://127.0.0.1:${PORT[downstream]}
if [ "$ATTACH" = 1 ]; then
  SIM=${SIMULATOR_URL:-$SIM}
  URL[reactive]=${REACTIVE_URL:-${URL[reactive]}}; URL[blocking]=${BLOCKING_URL:-${URL[blocking]}}; URL[virtual]=${VIRTUAL_URL:-${URL[virtual]}}
fi
ORDER='{"items":[{"sku":"DRILL-1","quantity":1,"priceCents":1250}]}'
RUN=$(date +%s)
WORK=$(mktemp -d)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
for tool in curl hey psql python3; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
pg_bin() { for d in "${PG_BIN:-}" "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /x/x)")" /usr/lib/postgresql/*/bin; do
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done; }

cleanup() {
  for s in reactive blocking virtual downstream; do [ -n "${PID[$s]:-}" ] && kill "${PID[$s]}" 2>/dev/null; done
  for s in reactive blocking virtual downstream; do [ -n "${PID[$s]:-}" ] && wait "${PID[$s]}" 2>/dev/null; done
  [ -n "${PG_PAUSED:-}" ] && pg_signal CONT
  [ -n "${PROXY_PID:-}" ] && kill "$PROXY_PID" 2>/dev/null
  [ -n "${PGDATA_DIR:-}" ] && as_pg "$PG/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the lab -------------------------------------------------------------------------------
db() { psql "$DB_URL" -Atq -c "$1" 2>/dev/null; }
pg_signal() { # STOP or CONT every process of the scratch PostgreSQL (the postmaster and its children)
  local master; master=$(head -1 "$PGDATA_DIR/postmaster.pid")
  kill -"$1" "$master" $(pgrep -P "$master") 2>/dev/null
  if [ "$1" = STOP ]; then PG_PAUSED=1; else PG_PAUSED=; fi
}
start_role() { # $1 = role
  LAB_DB_HOST=127.0.0.1 LAB_DB_PORT=$PROXY_PORT LAB_DOWNSTREAM_URL=$SIM LAB_SWEEPER_INTERVAL=2s \
  LAB_DOWNSTREAM_PORT=${PORT[downstream]} LAB_REACTIVE_PORT=${PORT[reactive]} LAB_BLOCKING_PORT=${PORT[blocking]} \
  LAB_VIRTUAL_PORT=${PORT[virtual]} "$JAVA" $JVM_OPTS -jar "$JAR" "$1" >>"$WORK/$1.log" 2>&1 &
  PID[$1]=$!
}
await_ready() { # $@ = roles
  local deadline=$((SECONDS + ${LAB_STARTUP_TIMEOUT:-300}))
  for r in "$@"; do
    # its own process first: a port answering for another lab is not this role being ready
    until kill -0 "${PID[$r]}" 2>/dev/null && curl -sf -o /dev/null "http://127.0.0.1:${PORT[$r]}/actuator/health/readiness"; do
      kill -0 "${PID[$r]}" 2>/dev/null || { echo "$r exited; see its log:"; tail -20 "$WORK/$r.log"; exit 1; }
      [ $SECONDS -lt $deadline ] || { echo "$r not ready"; exit 1; }
      sleep 1
    done
  done
}
start_lab() {
  PG=$(pg_bin); [ -n "$PG" ] || { echo "needs initdb/pg_ctl (apt-get install postgresql) or ATTACH=1"; exit 1; }
  [ -f "$JAR" ] || ./mvnw -B -ntp -q package -DskipTests
  DB_PORT=${DRILL_DB_PORT:-$(free_port)}; PROXY_PORT=${DRILL_PROXY_PORT:-$(free_port)}
  PGDATA_DIR=$WORK/pg; mkdir -p "$PGDATA_DIR"; [ "$(id -u)" = 0 ] && chown nobody "$WORK" "$PGDATA_DIR"
  as_pg "$PG/initdb" -D "$PGDATA_DIR" -U fanoutlab --auth=trust >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
  as_pg "$PG/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg.log" -w \
    -o "-p $DB_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  psql "postgresql://fanoutlab@127.0.0.1:$DB_PORT/postgres" -qc 'CREATE DATABASE fanoutlab' >/dev/null
  DB_URL=postgresql://fanoutlab@127.0.0.1:$DB_PORT/fanoutlab
  python3 bench/blackhole_proxy.py "$PROXY_PORT" "$DB_PORT" & PROXY_PID=$!
  start_role downstream; await_ready downstream
  for s in reactive blocking virtual; do start_role $s; done
  await_ready reactive blocking virtual
}

# ---- load and report -----------------------------------------------------------------------
profile() { curl -sf -X PUT -H 'Content-Type: application/json' -d "$1" "$SIM/admin/profile" >/dev/null; }
# one request: prints "<status> <seconds>"; status 000 = no answer (refused, or the client gave up)
overview() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time "${3:-60}" "$1/api/customers/42/overview"; }
create() { # $1 = url, $2 = key, $3 = client max time
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time "${3:-60}" -X POST \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $2" -d "$ORDER" "$1/api/customers/42/orders"
}
export -f overview create; export ORDER
fire() { # $1 = overview|create, $2 = url, $3 = count, $4 = key prefix, $5 = client max time
  seq 1 "$3" | xargs -P "$3" -I{} bash -c "$1 '$2' '$4-{}' '${5:-60}'" 2>/dev/null
}
summary() { # stdin: "<status> <seconds>" lines -> "200×10 503×2, p50 12 ms, max 3010 ms"
  python3 -c '
import sys, statistics, collections
rows = [l.split() for l in sys.stdin if l.strip()]
codes = collections.Counter(r[0] for r in rows)
t = sorted(float(r[1]) * 1000 for r in rows)
print(" ".join(f"{c}×{n}" for c, n in sorted(codes.items())) + (f", p50 {statistics.median(t):.0f} ms, max {t[-1]:.0f} ms" if t else ""))'
}
rows() { # $1 = key prefix -> "CONFIRMED 10, PENDING 0, duplicates 0"
  [ -n "${DB_URL:-}" ] || { echo "(no DB_URL)"; return; }
  db "SELECT 'CONFIRMED ' || count(*) FILTER (WHERE status = 'CONFIRMED') || ', PENDING ' || count(*) FILTER (WHERE status = 'PENDING')
      || ', duplicates ' || (count(*) - count(DISTINCT idempotency_key)) FROM purchase_order WHERE idempotency_key LIKE '$1-%'"
}
row() { printf '| %s | %s | %s | %s |\n' "$@"; }
table() { # $1 = the drill's title, $2-$4 = its columns after "stack"
  echo; echo "## $1"; row stack "$2" "$3" "$4"; row --- --- --- ---
}
key() { echo "drill-$RUN-$1-$2"; }

# ---- the drills ----------------------------------------------------------------------------
drill_db_fault() { # $1 = paused|blackhole
  table "$1 database: 10 overviews + 10 creates during the fault, then recovery" \
    "answered (overview)" "answered (create)" "database afterwards"
  for s in $STACKS; do
    local k; k=$(key "$1" "$s")
    if [ "$1" = paused ]; then pg_signal STOP; else kill -USR1 "$PROXY_PID"; fi
    fire overview "${URL[$s]}" 10 x 60 >"$WORK/o" & local o=$!
    fire create "${URL[$s]}" 10 "$k" 60 >"$WORK/c"
    wait $o
    if [ "$1" = paused ]; then pg_signal CONT; else kill -USR2 "$PROXY_PID"; fi
    local start=$SECONDS; until [ "$(overview "${URL[$s]}" - 5 | cut -c1-3)" = 200 ] || [ $((SECONDS - start)) -gt 60 ]; do sleep 0.2; done
    row "$s" "$(summary <"$WORK/o")" "$(summary <"$WORK/c")" "$(rows "$k"); 200 again after $((SECONDS - start)) s"
  done
}
drill_downstream() { # $1 = failing|hanging
  local settings
  if [ "$1" = failing ]; then settings='{"failRate":1}'; else settings='{"latencyMs":5000}'; fi
  table "$1 downstreams (payments and recommendations $settings): 20 overviews + 20 creates" \
    "answered (overview)" "answered (create)" "database afterwards"
  profile "{\"preset\":\"fast\",\"services\":{\"payments\":$settings,\"recommendations\":$settings}}"
  for s in $STACKS; do
    local k; k=$(key "$1" "$s")
    fire overview "${URL[$s]}" 20 x >"$WORK/o"; fire create "${URL[$s]}" 20 "$k" >"$WORK/c"
    row "$s" "$(summary <"$WORK/o")" "$(summary <"$WORK/c")" "$(rows "$k")"
  done
  profile '{"preset":"fast"}'
}
drill_aborts() {
  table "clients aborting mid-payment: 30 creates, payments 700 ms, clients leave at 0.3 s; rows 5 s later" \
    "answered" "database afterwards" "-"
  profile '{"preset":"fast","services":{"payments":{"latencyMs":700}}}'
  for s in $STACKS; do
    local k; k=$(key aborts "$s")
    fire create "${URL[$s]}" 4 "$(key warm "$s")" >/dev/null  # warm: a cold JVM may not reach the claim in 0.3 s
    fire create "${URL[$s]}" 30 "$k" 0.3 >"$WORK/c"; sleep 5
    row "$s" "$(summary <"$WORK/c")" "$(rows "$k")" "-"
  done
  profile '{"preset":"fast"}'
}
drill_overload() {
  table "overload: hey -c $OVERLOAD_CLIENTS -z $OVERLOAD_DURATION on the overview (fast), then /actuator/health" \
    "answered" "p50 / max" "health afterwards"
  profile '{"preset":"fast"}'
  for s in $STACKS; do
    hey -c "$OVERLOAD_CLIENTS" -z "$OVERLOAD_DURATION" -t 30 "${URL[$s]}/api/customers/42/overview" >"$WORK/h" 2>&1
    local codes p50 max health
    codes=$(awk '/^  \[[0-9]+\]/ && $3 == "responses" {gsub(/[\[\]]/,"",$1); printf "%s×%s ", $1, $2}' "$WORK/h")
    codes+=$(awk '/Error distribution/ {e=1; next} e && /^  \[[0-9]+\]/ {gsub(/[\[\]]/,"",$1); n+=$1} END {if (n) printf "no answer×%d", n}' "$WORK/h")
    p50=$(awk '$1=="50%" && $2=="in" {printf "%.0f", $3*1000}' "$WORK/h"); max=$(awk '/Slowest:/ {printf "%.0f", $2*1000}' "$WORK/h")
    sleep 2; health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${URL[$s]}/actuator/health")
    row "$s" "$codes" "${p50:-?} / ${max:-?} ms" "$health"
  done
}
drill_sigterm() {
  table "SIGTERM under writes: 16 writers (payments 300 ms), SIGTERM after ${SIGTERM_AFTER:-3} s; restart; sweep" \
    "answered before exit" "201s without a CONFIRMED row" "database after restart + sweep"
  profile '{"preset":"fast","services":{"payments":{"latencyMs":300}}}'
  for s in $STACKS; do
    local k; k=$(key sigterm "$s")
    local writers=()
    for w in $(seq 1 16); do
      ( for i in $(seq 1 200); do
          r=$(create "${URL[$s]}" "$k-$w-$i" 30); echo "$k-$w-$i $r"; [ "${r%% *}" = 000 ] && break
        done >"$WORK/w$s$w" ) &
      writers+=($!)
    done
    sleep "${SIGTERM_AFTER:-3}"; kill -TERM "${PID[$s]}"; wait "${PID[$s]}" 2>/dev/null; echo "exit=$?" >"$WORK/exit$s"
    wait "${writers[@]}" 2>/dev/null
  done
  profile '{"preset":"fast"}'
  for s in $STACKS; do start_role "$s"; done; await_ready $STACKS
  sleep 28  # abandoned after 25 s (api.WriteLimits) + sweeper interval 2 s
  for s in $STACKS; do
    local k lost; k=$(key sigterm "$s")
    lost=0
    for created in $(cat "$WORK"/w"$s"* | awk '$2 == 201 {print $1}'); do
      [ "$(db "SELECT count(*) FROM purchase_order WHERE idempotency_key = '$created' AND status = 'CONFIRMED'")" = 1 ] || lost=$((lost + 1))
    done
    row "$s" "$(cat "$WORK"/w"$s"* | awk '{print $2, $3}' | summary) ($(cat "$WORK/exit$s"))" "$lost" "$(rows "$k")"
  done
}

drill_connloss() {
  # per stack: 8 writers (distinct keys, payments 200 ms) and 4 readers for CONNLOSS_SECONDS; every
  # backend of the lab user terminated at 3, 5 and 9 s, PostgreSQL restarted like a crash
  # (pg_ctl -m immediate: recovery from the WAL on start) at 7 s. Then each create that was not
  # answered 201 is retried with its key until the answer is final (docs/api.md, "A create that
  # answered 503"), and after abandonedAfter + one sweep the rows are checked per key.
  local seconds=${CONNLOSS_SECONDS:-12}
  table "connection loss under reads and writes: backends terminated at 3, 5, 9 s, crash-restart at 7 s, ${seconds} s of load" \
    "answered (first answer: create / overview)" "retries of the non-201s: final answers" "checks per create after recovery"
  for s in $STACKS; do
    local k; k=$(key connloss "$s")
    profile '{"preset":"fast","services":{"payments":{"latencyMs":200}}}'
    local end=$((SECONDS + seconds)) load=()
    for w in $(seq 1 8); do
      ( i=0; while [ $SECONDS -lt $end ] && [ $i -lt 100 ]; do i=$((i + 1))
          echo "$k-$w-$i $(create "${URL[$s]}" "$k-$w-$i" 60)"; done >"$WORK/cl-w$w" ) & load+=($!)
    done
    for r in $(seq 1 4); do
      ( i=0; while [ $SECONDS -lt $end ] && [ $i -lt 400 ]; do i=$((i + 1)); overview "${URL[$s]}" - 60; done >"$WORK/cl-r$r" ) & load+=($!)
    done
    local t0=$SECONDS terminated=0
    for at in 3 5 7 9; do
      while [ $((SECONDS - t0)) -lt $at ]; do sleep 0.1; done
      if [ $at = 7 ]; then
        as_pg "$PG/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg.log" -m immediate -w restart >/dev/null 2>&1 || echo "restart failed" >&2
      else
        local n; n=$(db "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
          WHERE usename = current_user AND pid <> pg_backend_pid()")
        terminated=$((terminated + ${n:-0}))
      fi
    done
    wait "${load[@]}" 2>/dev/null
    profile '{"preset":"fast"}'
    cat "$WORK"/cl-w* >"$WORK/cl-first"
    : >"$WORK/cl-final"
    local deadline=$((SECONDS + 90))
    while read -r created status _; do
      [ "$status" = 201 ] && { echo "$created 201 first" >>"$WORK/cl-final"; continue; }
      local final=$status
      while [ "$final" != 201 ] && [ $SECONDS -lt $deadline ]; do
        final=$(create "${URL[$s]}" "$created" 30 | cut -d' ' -f1)
        case $final in 409|503|000) sleep 1 ;; *) break ;; esac
      done
      echo "$created $final retried" >>"$WORK/cl-final"
    done <"$WORK/cl-first"
    sleep 27  # a PENDING claim left by a lost release is abandoned after 25 s (api.WriteLimits), swept every 2 s
    local bad201=0 badother=0 fivehundred
    fivehundred=$(cat "$WORK/cl-first" "$WORK/cl-final" | awk '$2 == 500' | wc -l)
    fivehundred=$((fivehundred + $(cat "$WORK"/cl-r* | awk '$1 == 500' | wc -l)))
    while read -r created final _; do
      local n; n=$(db "SELECT count(*) FILTER (WHERE status = 'CONFIRMED') || ' ' || count(*) FROM purchase_order WHERE idempotency_key = '$created'")
      if [ "$final" = 201 ]; then [ "$n" = "1 1" ] || bad201=$((bad201 + 1)); else [ "$n" = "0 0" ] || badother=$((badother + 1)); fi
    done <"$WORK/cl-final"
    row "$s" "$(awk '{print $2, $3}' "$WORK/cl-first" | summary) / $(cat "$WORK"/cl-r* | summary); backends terminated: $terminated" \
      "$(awk '$3 == "retried" {print $2, 0}' "$WORK/cl-final" | summary | sed 's/, p50.*//')" \
      "$(wc -l <"$WORK/cl-final") creates; 201 without exactly one CONFIRMED row: $bad201; final non-201 with a row: $badother; 500s: $fivehundred"
  done
}

[ "$ATTACH" = 1 ] || start_lab
echo "# Fan-out Lab drills, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -sm), java $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2)"
echo "answered: HTTP status × count (000 = no answer: the client gave up or the connection was refused); p50/max as the client saw them"
for d in $DRILLS; do
  case $d in
    paused|blackhole|sigterm|connloss) [ "$ATTACH" = 1 ] && { echo; echo "## $d: skipped (ATTACH=1)"; continue; }; ;;
  esac
  case $d in
    paused|blackhole) drill_db_fault "$d" ;;
    failing|hanging) drill_downstream "$d" ;;
    aborts) drill_aborts ;;
    overload) drill_overload ;;
    sigterm) drill_sigterm ;;
    connloss) drill_connloss ;;
  esac
done
