#!/usr/bin/env bash
# Sends what a hostile client sends to each stack and prints what each answered:
# status line, content type, problem type. Every answer should be a 4xx problem document.
# Usage: bench/hostile-input.sh  (stacks on LAB_REACTIVE_PORT, LAB_BLOCKING_PORT, LAB_VIRTUAL_PORT
# or 8081-8083 on 127.0.0.1)
set -u
HOST=127.0.0.1
declare -A PORTS=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
BIG=$(head -c 70000 /dev/zero | tr '\0' a)

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

for stack in reactive blocking virtual; do
  port=${PORTS[$stack]}; base="http://$HOST:$port"
  echo "== $stack ($port)"
  printf '  %-28s ' "?calls=%ZZ";            curled "$base/api/fanout?calls=%ZZ"
  printf '  %-28s ' "priceCents 99.99";      curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: hostile-$RANDOM$RANDOM" -d '{"items":[{"sku":"A","quantity":1,"priceCents":99.99}]}'
  printf '  %-28s ' 'quantity "2"';          curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: hostile-$RANDOM$RANDOM" -d '{"items":[{"sku":"A","quantity":"2","priceCents":100}]}'
  printf '  %-28s ' "duplicate key";         curled -X POST "$base/api/customers/42/orders" -H 'Content-Type: application/json' -H "Idempotency-Key: hostile-$RANDOM$RANDOM" -d '{"items":[{"sku":"A","quantity":1,"priceCents":1,"priceCents":9}]}'
  printf '  %-28s ' "TRACE";                 curled -X TRACE "$base/api/info"
  printf '  %-28s ' "/error";                curled "$base/error"
  printf '  %-28s ' "%00 in the path";       raw "$port" 'GET /api/customers/%%00/overview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
  printf '  %-28s ' "bad request line";      raw "$port" 'GET /api/ info HTTP/1.1 junk\r\nHost: x\r\n\r\n'
  printf '  %-28s ' "70 kB header";          raw "$port" "GET /api/info HTTP/1.1\r\nHost: x\r\nX-Big: $BIG\r\n\r\n"
  printf '  %-28s ' "70 kB URI";             raw "$port" "GET /api/info?x=$BIG HTTP/1.1\r\nHost: x\r\n\r\n"
  printf '  %-28s ' "HTTP/1.1 without Host"; raw "$port" 'GET /api/info HTTP/1.1\r\nConnection: close\r\n\r\n'
  printf '  %-28s ' "HTTP/9.9";              raw "$port" 'GET /api/info HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n'
done
