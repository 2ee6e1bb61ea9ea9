#!/usr/bin/env bash
cd /work/wt/fairfight; . bench/lab.sh; ulimit -n $(ulimit -Hn)
SIM=http://127.0.0.1:8090
put() { curl -fs -X PUT -H 'Content-Type: application/json' -d "$1" $SIM/admin/profile >/dev/null; }
if [[ ${WARM:-1} == 1 ]]; then put '{"preset":"fast"}'
for p in ${WARM_PORTS:-18081 18083}; do wrk_load 100 20s http://127.0.0.1:$p/api/customers/5/overview | tail -3; done; fi
put '{"preset":"fast","services":{"recommendations":{"latencyMs":5000},"loyalty":{"latencyMs":2500},"shipping":{"latencyMs":3333}}}'
for p in ${PORTS:-18081}; do
  curl -fs -X POST $SIM/admin/stats/reset >/dev/null
  wrk_load ${C:-3000} ${D:-40s} http://127.0.0.1:$p/api/customers/5/overview
  curl -fs $SIM/admin/stats | head -c 600; echo
done
put '{"preset":"fast"}'
