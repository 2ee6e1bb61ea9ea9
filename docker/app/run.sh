#!/bin/sh
# Entrypoint: the role's AOT cache when there is one (a cache is valid only for its own role's
# training; a missing one would make the JVM print errors). JVM options come from
# JAVA_TOOL_OPTIONS (the Dockerfile's default, or compose's x-stack-java).
set -eu
cache="/app/aot/${1:-none}.aot"
if [ -f "$cache" ]; then
  exec java -XX:AOTCache="$cache" -jar /app/fanout-lab.jar "$@"
fi
exec java -jar /app/fanout-lab.jar "$@"
