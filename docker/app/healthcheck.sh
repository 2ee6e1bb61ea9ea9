#!/bin/bash
# Health: readiness of the role PID 1 runs. Neither the Temurin JRE image nor Debian's has curl
# or wget, so the probe is plain HTTP over bash's /dev/tcp.
set -u
role=$(tr '\0' '\n' < /proc/1/cmdline | grep -x -A1 /app/fanout-lab.jar | tail -n 1)
case "$role" in
  downstream) port=${LAB_DOWNSTREAM_PORT:-8090} ;;
  reactive) port=${LAB_REACTIVE_PORT:-8081} ;;
  blocking) port=${LAB_BLOCKING_PORT:-8082} ;;
  virtual) port=${LAB_VIRTUAL_PORT:-8083} ;;
  *) exit 0 ;; # the lab role serves nothing itself
esac
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
