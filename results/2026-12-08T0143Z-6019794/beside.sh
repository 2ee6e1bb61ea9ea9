#!/usr/bin/env bash
# start reactive and virtual beside the lab with a long path's time limits
cd /work/wt/fairfight
. bench/lab.sh
LAB_ENV=$(lab_env 8090)
start_beside_lab /tmp/fairfight/r.log reactive "" LAB_REACTIVE_PORT=18081 LAB_DOWNSTREAM_TIMEOUT=8s LAB_OVERVIEW_DEADLINE=20s LAB_ADMISSION_MAX_CONCURRENT=4500
echo $! > /tmp/fairfight/r.pid
start_beside_lab /tmp/fairfight/v.log virtual "" LAB_VIRTUAL_PORT=18083 LAB_DOWNSTREAM_TIMEOUT=8s LAB_OVERVIEW_DEADLINE=20s LAB_ADMISSION_MAX_CONCURRENT=4500
echo $! > /tmp/fairfight/v.pid
