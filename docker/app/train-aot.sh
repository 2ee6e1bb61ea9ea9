#!/bin/sh
# AOT cache (JEP 483/514), one training run per role, at image build time. Each run stops right
# after the context refresh (-Dspring.context.exit=onRefresh) and records the classes it loaded
# and linked. It runs with the image's JAVA_TOOL_OPTIONS, the same GC and heap as the
# containers (a cache is used only under the options it was trained with). No database exists
# at build time: Flyway is off and the pools point at a closed port. A role whose training fails
# starts without a cache (run.sh checks). The cache is tied to the exact application jar, so
# every code change retrains: build with --build-arg LAB_AOT_CACHE=false (or
# LAB_AOT_CACHE=false docker compose build) to skip it while iterating.
set -eu
mkdir -p /app/aot
[ "${AOT_CACHE:-true}" = true ] || exit 0
for role in downstream reactive blocking virtual; do
  if ! LAB_DB_HOST=127.0.0.1 LAB_DB_PORT=1 java -XX:AOTCacheOutput="/app/aot/$role.aot" \
      -Dspring.context.exit=onRefresh -jar /app/fanout-lab.jar "$role" --spring.flyway.enabled=false \
      > "/app/aot/$role.log" 2>&1; then
    echo "no AOT cache for $role:"; tail -n 20 "/app/aot/$role.log"; rm -f "/app/aot/$role.aot"
  fi
done
rm -f /app/aot/*.log
