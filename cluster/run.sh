#!/usr/bin/env bash
# DeskFlow as 3 instances behind nginx and HAProxy on one machine, on shared PostgreSQL, Redis and RabbitMQ (issue 18).
#
#   cluster/run.sh [--quick] [--keep-readme]
#
# Starts 3 instances of target/deskflow.jar (built when missing) on free loopback ports, each in a folder of its own
# (its storage/ too), APP_ENV=production with one JWT_SECRET shared through the environment; a PostgreSQL database of
# its own on 127.0.0.1:5432 (trust auth; dropped at the end), the machine's Redis on 127.0.0.1:6379 with a channel
# prefix of its own, and a RabbitMQ vhost of its own on 127.0.0.1:5672 (deleted at the end); nginx (nginx-light,
# installed when missing) and HAProxy (haproxy, installed when missing) in front, each from a config generated under
# the run's folder (from deploy/nginx/cluster.conf, deploy/haproxy/deskflow.cfg), on a free loopback port. Then it
# runs the checks of cluster/README.md, prints a table (check, figures, result) and, in full mode, writes it into
# cluster/README.md. Exits 1 when a check fails. Every process it starts is stopped by its pid on exit, failure
# included. --quick (for .ci/run, about 5 minutes): smaller counts, shorter loads, no reload round.
set -Eeuo pipefail

CLUSTER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$CLUSTER")"
QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "cluster/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  STATE_CALLS=10 EVENTS=10 JOBS=60 KILL_JOBS=120 KILL_LOAD=12 MODE=quick
else
  STATE_CALLS=50 EVENTS=50 JOBS=300 KILL_JOBS=600 KILL_LOAD=30 MODE=full
fi
# Each of the 32 load connections pauses this long between calls: the load stays heavy (hundreds of calls a second)
# and leaves the 2 cores room to boot the restarted instances.
PACE_MS=10

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'cluster/run.sh: %s\n' "$*" >&2; exit 1; }
trap 'log "!!! cluster/run.sh stopped: \"$BASH_COMMAND\" failed (exit $?) at line $LINENO !!!"' ERR

RUN_ID="cluster_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/deskflow-$RUN_ID.XXXX")"
PIDS=() NGINX_PID="" HAPROXY_PID="" DB_MADE=0 VHOST_MADE=0
cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  # A reloaded instance is not this shell's child, so wait cannot see it: poll it (its drain is bounded), and kill
  # what still runs this run's jar after 45 s, before its database and vhost go.
  local deadline=$((SECONDS + 45))
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null && grep -qa "deskflow" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$NGINX_PID" ]; then kill -QUIT "$NGINX_PID" 2>/dev/null || true; fi
  if [ -n "$HAPROXY_PID" ]; then kill -TERM "$HAPROXY_PID" 2>/dev/null || true; fi
  if [ "$DB_MADE" = 1 ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $RUN_ID WITH (FORCE)" postgres >/dev/null 2>&1 || true; fi
  if [ "$VHOST_MADE" = 1 ]; then rabbitmqctl -q delete_vhost "$RUN_ID" >/dev/null 2>&1 || true; fi
  redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "$RUN_ID*" 2>/dev/null | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null 2>&1 || true
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools, services, the jar ------------------------------------------------------------------------------------
export JWT_SECRET; JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for tool in java javac curl psql pg_isready redis-cli rabbitmqctl; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
install_missing() {  # install_missing COMMAND PACKAGE: a policy-rc.d keeps the package from starting a service
  command -v "$1" >/dev/null && return 0
  log "installing $2 (a policy-rc.d keeps the package from starting it as a system service)"
  local made_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=yes; fi
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
  [ "$made_policy" = no ] || rm -f /usr/sbin/policy-rc.d
}
install_missing nginx nginx-light
install_missing haproxy haproxy
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] || die "Redis does not answer PING on 127.0.0.1:6379"
(exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null || die "RabbitMQ does not answer on 127.0.0.1:5672"
if [ ! -f "$ROOT/target/deskflow.jar" ]; then
  log "building target/deskflow.jar"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
JAR="$ROOT/target/deskflow.jar"
# The client is a single-file program (java cluster/ClusterCheck.java ...); compiled once here, as each launch would
# compile it again (seconds on a busy machine).
mkdir -p "$WORK/client"
javac -d "$WORK/client" "$CLUSTER/ClusterCheck.java"
CHECK=(java -cp "$WORK/client" ClusterCheck)

# A class-data archive of the extracted jar halves each boot (this run has 8): the one reliability/run.sh makes, in
# target/reliability-cds/ (once per build; made here when missing). Without it the fat jar runs as it is.
# shellcheck source=../reliability/lib/cds.sh
. "$ROOT/reliability/lib/cds.sh"
prepare_cds "$ROOT"

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $RUN_ID" postgres >/dev/null
DB_MADE=1
rabbitmqctl -q add_vhost "$RUN_ID" >/dev/null
VHOST_MADE=1
rabbitmqctl -q set_permissions -p "$RUN_ID" guest '.*' '.*' '.*' >/dev/null
sql() { psql -h 127.0.0.1 -U postgres -Atq -d "$RUN_ID" -c "$1"; }

free_port() {  # a port nobody listens on and not handed out before in this run, from 18800 up
  local port=18800
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || grep -qx "$port" "$WORK/ports" 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port" >>"$WORK/ports"
  echo "$port"
}

# --- the instances -------------------------------------------------------------------------------------------------
PIPELINE=jdbc
UNREADY_DELAY=3s
declare -a PORT PID
for i in 1 2 3; do
  PORT[$i]=$(free_port)
  mkdir -p "$WORK/i$i/storage"
  # Laid over the jar's own .rr.yaml key by key: the admin RPC on a free port (the commands find it in storage/run/),
  # the pipelines on this run's RabbitMQ vhost, and /ready 503 for $UNREADY_DELAY before the listeners close at
  # SIGTERM (deploy/haproxy/deskflow.cfg: longer than HAProxy's check interval plus a slow check).
  cat >"$WORK/i$i/.rr.yaml" <<YAML
rpc:
  listen: tcp://127.0.0.1:0
status:
  unready_delay: $UNREADY_DELAY
amqp:
  addr: amqp://guest:guest@127.0.0.1:5672/$RUN_ID
jobs:
  pipelines:
    jdbc:
      driver: jdbc
    amqp:
      driver: amqp
      config:
        queue: deskflow.jobs
YAML
done
BASES="http://127.0.0.1:${PORT[1]},http://127.0.0.1:${PORT[2]},http://127.0.0.1:${PORT[3]}"

start_instance() {  # start_instance I: boots instance I (again, after a stop or a kill); waits for /ready
  local i=$1
  touch "$WORK/i$i/server.log"
  (cd "$WORK/i$i" && APP_ENV=production HOST=127.0.0.1 PORT="${PORT[$i]}" MOONLIGHT_STORAGE_DIR="$WORK/i$i/storage" \
     DATABASE_URL="postgres://postgres@127.0.0.1:5432/$RUN_ID" REALTIME_BROKER=redis REALTIME_CHANNEL_PREFIX="$RUN_ID" \
     REDIS_URL=redis://127.0.0.1:6379 JOBS_PIPELINE="$PIPELINE" TRUSTED_PROXIES=127.0.0.1 MOONLIGHT_INSTANCE="i$i" \
     exec java -XX:+UseParallelGC -Xms256m -Xmx256m -XX:TieredStopAtLevel=1 "${CDS_OPTS[@]}" -jar "$JAR" --moonlight.access-log=off) \
     >>"$WORK/i$i/server.log" 2>&1 &
  PID[$i]=$!
  PIDS+=("${PID[$i]}")
}
BOOT_RETRIES=0
wait_ready() {  # wait_ready I: up to 120 s for /ready 200
  local i=$1 n lines
  lines=$(wc -l <"$WORK/i$i/server.log")
  for n in $(seq 1 480); do
    curl -fs -o /dev/null "http://127.0.0.1:${PORT[$i]}/ready" && return 0
    if ! kill -0 "${PID[$i]}" 2>/dev/null; then
      # The boot's reachability check gives PostgreSQL 3 s; on a machine loaded far beyond its cores that can pass.
      # One more start then, counted in the summary; any other failure ends the run.
      if [ "$BOOT_RETRIES" -lt 2 ] && tail -n +"$lines" "$WORK/i$i/server.log" | grep -q "Cannot connect to the database"; then
        BOOT_RETRIES=$((BOOT_RETRIES + 1))
        log "instance $i: the database did not answer its boot check in time (load $(cut -d' ' -f1 /proc/loadavg)); starting it again"
        start_instance "$i"; wait_ready "$i"; return 0
      fi
      tail -30 "$WORK/i$i/server.log" >&2; die "instance $i exited during boot"
    fi
    sleep 0.25
  done
  die "instance $i did not answer /ready within 120 s (see $WORK/i$i/server.log)"
}
wait_exit() {  # wait_exit PID SECONDS
  local n
  for n in $(seq 1 $(( $2 * 10 ))); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  return 1
}

log "cluster $RUN_ID ($MODE): database, Redis prefix and RabbitMQ vhost $RUN_ID; work folder $WORK"
started=$(date +%s)
# The first boot migrates the database; the others start once it has, rather than race for Flyway's lock.
start_instance 1; wait_ready 1
start_instance 2; start_instance 3; wait_ready 2; wait_ready 3
log "3 instances ready in $(( $(date +%s) - started )) s on ports ${PORT[*]}"

# --- nginx -------------------------------------------------------------------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
nginx_conf() {  # writes nginx.conf: deploy/nginx/cluster.conf with this run's upstreams and port
  local i
  {
    echo "pid $WORK/nginx/nginx.pid;"
    echo "error_log $WORK/nginx/logs/error.log warn;"
    echo "worker_processes 1;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "    access_log off;"
    echo "    client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;"
    echo "    fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;"
    # deploy/nginx/cluster.conf as shipped, with its upstream lines and listen address pointed at this run.
    sed -e "/^    server 127.0.0.1:80[0-9][0-9]/d" -e "s#listen 80;#listen 127.0.0.1:$NGINX_PORT;#" -e "/listen \[::\]:80;/d" \
        "$ROOT/deploy/nginx/cluster.conf" | while IFS= read -r line; do
      printf '%s\n' "$line"
      if [ "$line" = "upstream deskflow {" ]; then
        for i in 1 2 3; do echo "    server 127.0.0.1:${PORT[$i]} max_fails=1 fail_timeout=5s;"; done
      fi
    done
    echo "}"
  } >"$WORK/nginx/nginx.conf"
}
nginx_conf
nginx -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/test.log" || { cat "$WORK/nginx/test.log" >&2; die "nginx -t failed"; }
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx/logs/error.log" &
NGINX_PID=$!
LB="http://127.0.0.1:$NGINX_PORT"
for n in $(seq 1 40); do curl -fs -o /dev/null "$LB/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$LB/ready" || die "nginx does not answer on $LB"

# --- HAProxy -----------------------------------------------------------------------------------------------------
# deploy/haproxy/deskflow.cfg as shipped, with its server lines and bind address pointed at this run, and a stats
# page of its own (CSV) from which the rolling restart reads when HAProxy takes an instance out and back.
HAPROXY_PORT=$(free_port) HAPROXY_STATS_PORT=$(free_port)
mkdir -p "$WORK/haproxy"
{
  sed -e "/^    server i[0-9] 127.0.0.1:80[0-9][0-9] check$/d" -e "s#^    bind :80\$#    bind 127.0.0.1:$HAPROXY_PORT#" \
      "$ROOT/deploy/haproxy/deskflow.cfg" | while IFS= read -r line; do
    printf '%s\n' "$line"
    if [ "$line" = "    # One line per instance." ]; then
      for i in 1 2 3; do echo "    server i$i 127.0.0.1:${PORT[$i]} check"; done
    fi
  done
  printf 'listen stats\n    bind 127.0.0.1:%s\n    stats enable\n    stats uri /\n' "$HAPROXY_STATS_PORT"
} >"$WORK/haproxy/haproxy.cfg"
grep -q "bind 127.0.0.1:$HAPROXY_PORT" "$WORK/haproxy/haproxy.cfg" || die "deploy/haproxy/deskflow.cfg has no 'bind :80' line"
haproxy -c -q -f "$WORK/haproxy/haproxy.cfg" 2>"$WORK/haproxy/test.log" || { cat "$WORK/haproxy/test.log" >&2; die "haproxy -c failed"; }
haproxy -db -f "$WORK/haproxy/haproxy.cfg" >>"$WORK/haproxy/haproxy.log" 2>&1 &
HAPROXY_PID=$!
HA="http://127.0.0.1:$HAPROXY_PORT"
haproxy_state() {  # haproxy_state I: HAProxy's status of instance I (UP, DOWN, ...)
  { curl -fs --max-time 2 "http://127.0.0.1:$HAPROXY_STATS_PORT/;csv" || true; } |
    awk -F, -v s="i$1" '$1 == "deskflow" && $2 == s { print $18 }'
}
await_state() {  # await_state I STATE SECONDS: polls every 50 ms; prints the milliseconds it took
  local t0 n
  t0=$(date +%s%N)
  for n in $(seq 1 $(( $3 * 20 ))); do
    case "$(haproxy_state "$1")" in "$2"*) echo $(( ($(date +%s%N) - t0) / 1000000 )); return 0 ;; esac
    sleep 0.05
  done
  return 1
}
for i in 1 2 3; do await_state "$i" UP 20 >/dev/null || die "HAProxy does not see instance $i up (see $WORK/haproxy/haproxy.log)"; done
curl -fs -o /dev/null "$HA/ready" || die "HAProxy does not answer on $HA"

# --- checks ------------------------------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
record() {  # record CHECK LINE: LINE is "PASS|FAIL|INFO figures"
  local verdict=${2%% *} figures=${2#* }
  printf '%s\t%s\t%s\n' "$1" "$figures" "$verdict" >>"$RESULTS"
  printf '  %-24s %-4s %s\n' "$1" "$verdict" "$figures" >&2
}
run_check() {  # run_check NAME COMMAND...: records the client's line (a crash is a FAIL)
  local name=$1 line
  shift
  line=$("$@" 2>>"$WORK/client.log" | tail -1) || true
  case "$line" in PASS*|FAIL*|INFO*) ;; *) line="FAIL the client printed no verdict (see client.log)" ;; esac
  record "$name" "$line"
}
EMAIL=cluster@northwind.studio PASSWORD=cluster-password-1
run_check "state" "${CHECK[@]}" state "$BASES" "$EMAIL" "$PASSWORD" "$STATE_CALLS"
TOKEN=$("${CHECK[@]}" token "${BASES%%,*}" "$EMAIL" "$PASSWORD")
run_check "realtime" "${CHECK[@]}" realtime "http://127.0.0.1:${PORT[1]}" "http://127.0.0.1:${PORT[3]}" "$TOKEN" "$EVENTS"
# The socket through HAProxy (deploy/haproxy/deskflow.cfg passes the upgrade), on whichever instance it picks.
line=$("${CHECK[@]}" realtime "$HA" "http://127.0.0.1:${PORT[3]}" "$TOKEN" "$EVENTS" 2>>"$WORK/client.log" | tail -1) || true
case "$line" in PASS*|FAIL*) ;; *) line="FAIL the client printed no verdict (see client.log)" ;; esac
record "realtime, HAProxy" "${line/on instance 1/on a socket through HAProxy}"

outbox_check() {  # outbox_check NAME FILE: exactly one mail_outbox row per job id of FILE
  local name=$1 ids rows distinct jobs
  jobs=$(grep -c . "$2" || true)
  ids=$(sed "s/.*/'&'/" "$2" | paste -sd, -)
  [ -n "$ids" ] || ids="''"
  read -r rows distinct < <(sql "SELECT count(*), count(DISTINCT job_id) FROM mail_outbox WHERE job_id IN ($ids)" | tr '|' ' ')
  if [ "$jobs" -gt 0 ] && [ "$rows" = "$jobs" ] && [ "$distinct" = "$jobs" ]; then
    record "$name" "PASS $rows mail_outbox rows for $jobs jobs, one per job"
  else
    record "$name" "FAIL $rows mail_outbox rows ($distinct distinct jobs) for $jobs jobs"
  fi
}
run_check "jobs jdbc" "${CHECK[@]}" jobs "$BASES" "$TOKEN" "$EMAIL" "$JOBS" "$WORK/jobs-jdbc.txt"
outbox_check "jobs jdbc outbox" "$WORK/jobs-jdbc.txt"

log "kill -9 of instance 2 while its jobs run"
run_check "jobs jdbc kill -9" "${CHECK[@]}" jobs "$BASES" "$TOKEN" "$EMAIL" "$KILL_JOBS" "$WORK/jobs-kill.txt" "${PID[2]}" $(( KILL_JOBS / 3 ))
outbox_check "jobs jdbc kill -9 outbox" "$WORK/jobs-kill.txt"
wait_exit "${PID[2]}" 10 || die "instance 2 survived kill -9"
start_instance 2; wait_ready 2

stored_check() {  # stored_check NAME FILE: every acknowledged title of FILE stored exactly once
  local name=$1 acked lost dups
  acked=$(grep -c . "$2" || true)
  psql -h 127.0.0.1 -U postgres -Atq -d "$RUN_ID" >"$WORK/stored.txt" <<SQL
CREATE TEMP TABLE acked(title text);
\copy acked FROM '$2'
SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.title = a.title);
SELECT count(*) FROM (SELECT t.title FROM tasks t JOIN acked a ON a.title = t.title GROUP BY t.title HAVING count(*) > 1) d;
SQL
  lost=$(sed -n 1p "$WORK/stored.txt") dups=$(sed -n 2p "$WORK/stored.txt")
  if [ "$acked" -gt 0 ] && [ "$lost" = 0 ] && [ "$dups" = 0 ]; then
    record "$name" "PASS $acked acknowledged creates, each stored once (0 lost, 0 twice)"
  else
    record "$name" "FAIL $acked acknowledged creates: $lost lost, $dups stored twice"
  fi
}
start_loads() {  # start_loads NAME: the rolling loads, until $WORK/stop-NAME exists (pids in LOADS)
  rm -f "$WORK/stop-$1"
  # Through HAProxy, clients that never resend: a failed call is a failed request.
  "${CHECK[@]}" load "$HA" "$TOKEN" 32 "$PACE_MS" 600 "$WORK/stop-$1" "$WORK/$1-ha-acked.txt" nokeys \
    >"$WORK/$1-ha.out" 2>>"$WORK/client.log" &
  LOADS=($!)
  if [ "$1" = rolling ]; then
    # Through nginx at the same time, clients that resend what failed: reads as they are, creates with their
    # Idempotency-Key (nginx reads no /ready; see cluster/README.md).
    "${CHECK[@]}" load "$LB" "$TOKEN" 16 "$PACE_MS" 600 "$WORK/stop-$1" "$WORK/$1-nginx-acked.txt" keys \
      >"$WORK/$1-nginx.out" 2>>"$WORK/client.log" &
    LOADS+=($!)
  fi
  PIDS+=("${LOADS[@]}")
  sleep 3
}
stop_loads() {  # stop_loads NAME
  sleep 3
  touch "$WORK/stop-$1"
  local pid
  for pid in "${LOADS[@]}"; do wait "$pid" || true; done
}
load_line() {  # load_line FILE: the client's verdict, a failure counted as FAIL (INFO without keys)
  local line
  line=$(tail -1 "$1" 2>/dev/null || true)
  case "$line" in INFO*) line="FAIL ${line#INFO }" ;; PASS*|FAIL*) ;; *) line="FAIL the load client printed no verdict" ;; esac
  echo "$line"
}
taken_out() {  # taken_out I: after its SIGTERM, HAProxy must take instance I out while it still accepts (/ready 503)
  local ms code
  if ! ms=$(await_state "$1" DOWN 10); then echo "i$1 not taken out within 10 s"; return 1; fi
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${PORT[$1]}/ready" || true)
  if [ "$code" != 503 ]; then echo "i$1 out after ${ms} ms, but its /ready then answered '$code', not 503"; return 1; fi
  echo "i$1 out after $ms ms"
}

# A rolling restart that also moves the jobs to RabbitMQ, as a deploy changing the pipeline would.
log "rolling restart under 32 connections through HAProxy and 16 through nginx (jobs move to the amqp pipeline)"
PIPELINE=amqp
for i in 1 2 3; do await_state "$i" UP 20 >/dev/null || die "HAProxy does not see instance $i up"; done
start_loads rolling
rolling_started=$(date +%s)
# SIGTERM alone: the instance answers /ready 503 at once and serves on for status.unready_delay; HAProxy, probing
# /ready, takes it out within a check interval, before its listeners close. nginx reads no /ready: its next
# connection after the close is refused and goes to another instance. Each instance is started again and must be
# back in HAProxy (/ready 200 twice) before the next one stops.
rolling_ok=1 rolling_out=""
for i in 1 2 3; do
  kill -TERM "${PID[$i]}"
  out=$(taken_out "$i") || rolling_ok=0
  rolling_out="$rolling_out${rolling_out:+, }$out"
  wait_exit "${PID[$i]}" 45 || die "instance $i did not stop within 45 s of SIGTERM"
  start_instance "$i"; wait_ready "$i"
  await_state "$i" UP 20 >/dev/null || die "HAProxy does not take instance $i back"
done
rolling_took=$(( $(date +%s) - rolling_started ))
stop_loads rolling
line=$(load_line "$WORK/rolling-ha.out")
[ "$rolling_ok" = 1 ] || line="FAIL ${line#* }"
record "rolling restart, HAProxy" "${line%% *} ${line#* }; 3 instances restarted one by one in $rolling_took s, each taken out by HAProxy (/ready 503, listeners still open; they close $UNREADY_DELAY after SIGTERM): $rolling_out"
stored_check "rolling restart, HAProxy writes" "$WORK/rolling-ha-acked.txt"
line=$(load_line "$WORK/rolling-nginx.out")
record "rolling restart, nginx" "${line%% *} ${line#* } (same restarts; clients resend)"
stored_check "rolling restart, nginx writes" "$WORK/rolling-nginx-acked.txt"

# The reload of each instance in turn (`deskflow reload`: a new process binds the same port beside the old one with
# SO_REUSEPORT, serves, then the old one drains as at SIGTERM), through HAProxy, clients that never resend. Full mode.
reload_instance() {  # reload_instance I: `deskflow reload` as an operator runs it; the new pid into PID[I]
  local out pid
  out=$(cd "$WORK/i$1" && APP_ENV=production MOONLIGHT_STORAGE_DIR="$WORK/i$1/storage" \
     DATABASE_URL="postgres://postgres@127.0.0.1:5432/$RUN_ID" java "${CDS_OPTS[@]}" -jar "$JAR" reload --until=stopped 2>&1) \
     || { echo "$out" >&2; return 1; }
  echo "$out" >>"$WORK/reload.log"
  pid=$(sed -n 's/^Reloaded: pid \([0-9]*\) serves.*/\1/p' <<<"$out")
  [ -n "$pid" ] || { echo "$out" >&2; return 1; }
  PID[$1]=$pid
  PIDS+=("$pid")
}
if [ "$QUICK" = 0 ]; then
  log "reload of each instance in turn under 32 connections through HAProxy"
  for i in 1 2 3; do await_state "$i" UP 20 >/dev/null || die "HAProxy does not see instance $i up"; done
  downs_before=$(grep -c "is DOWN" "$WORK/haproxy/haproxy.log" || true)
  start_loads reload
  reload_started=$(date +%s)
  for i in 1 2 3; do
    reload_instance "$i" || die "the reload of instance $i failed (see above)"
    await_state "$i" UP 20 >/dev/null || die "HAProxy does not see instance $i up after its reload"
  done
  reload_took=$(( $(date +%s) - reload_started ))
  stop_loads reload
  # Around a reload both processes answer on the port: HAProxy's checks meet the old one (503) or the new one.
  downs=$(( $(grep -c "is DOWN" "$WORK/haproxy/haproxy.log" || true) - downs_before ))
  line=$(load_line "$WORK/reload-ha.out")
  # Measured: with net.ipv4.tcp_migrate_req=0 (this machine's) a connection still queued on the old listener when
  # it closes is reset by the kernel; see cluster/README.md.
  case "$line" in FAIL*failed\ \{*) line="INFO ${line#FAIL }" ;; esac
  record "reload, HAProxy" "${line%% *} ${line#* }; 3 instances reloaded one by one in $reload_took s; HAProxy took an instance out $downs times (a check met the old process's 503)"
  stored_check "reload, HAProxy writes" "$WORK/reload-ha-acked.txt"
fi

run_check "jobs amqp" "${CHECK[@]}" jobs "$BASES" "$TOKEN" "$EMAIL" "$JOBS" "$WORK/jobs-amqp.txt"
outbox_check "jobs amqp outbox" "$WORK/jobs-amqp.txt"

# maintenance:on|off as an operator runs them, against instance 1 (its admin RPC, found in its storage/run/).
maintenance() {  # maintenance on|off: runs the command; prints how long it took
  local t0 t1
  t0=$(date +%s%N)
  (cd "$WORK/i1" && APP_ENV=production MOONLIGHT_STORAGE_DIR="$WORK/i1/storage" \
     DATABASE_URL="postgres://postgres@127.0.0.1:5432/$RUN_ID" java "${CDS_OPTS[@]}" -jar "$JAR" "maintenance:$1") \
     >>"$WORK/maintenance.log" 2>&1 || { tail -5 "$WORK/maintenance.log" >&2; return 1; }
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
for state in on off; do
  status=503; [ "$state" = on ] || status=200
  if took=$(maintenance "$state"); then
    line=$("${CHECK[@]}" switch "$BASES" "$status" 10 2000 2>>"$WORK/client.log" | tail -1) || true
    case "$line" in PASS*|FAIL*) ;; *) line="FAIL the client printed no verdict" ;; esac
    record "maintenance:$state" "${line%% *} ${line#* } (maintenance:$state through instance 1 took $took ms)"
  else
    record "maintenance:$state" "FAIL maintenance:$state failed (see maintenance.log)"
  fi
done

# Every instance's /metrics answers (Prometheus text) and names the instance (MOONLIGHT_INSTANCE) on its series.
metrics_ok=0 metrics_named=0 metrics_series=""
for i in 1 2 3; do
  kill -0 "${PID[$i]}" 2>/dev/null || continue
  code=$(curl -s -o "$WORK/metrics-$i.txt" -w '%{http_code}' "http://127.0.0.1:${PORT[$i]}/metrics" || true)
  [ "$code" = 200 ] && grep -q '^moonlight_requests_seconds' "$WORK/metrics-$i.txt" && metrics_ok=$((metrics_ok + 1))
  grep -q "instance=\"i$i\"" "$WORK/metrics-$i.txt" && metrics_named=$((metrics_named + 1))
  metrics_series="$metrics_series i$i: $(grep -c "instance=\"i$i\"" "$WORK/metrics-$i.txt" || true) series"
done
live=$(for i in 1 2 3; do kill -0 "${PID[$i]}" 2>/dev/null && echo "$i"; done | grep -c . || true)
if [ "$live" -gt 0 ] && [ "$metrics_ok" = "$live" ] && [ "$metrics_named" = "$live" ]; then
  record "metrics" "PASS /metrics of the $live live instances scraped (200, Prometheus text), each naming itself:$metrics_series"
else
  record "metrics" "FAIL /metrics: $metrics_ok of $live live instances answered, $metrics_named named their instance"
fi

# The balancers keep /metrics for the scraper that reads each instance, spelt plainly or percent-encoded.
hidden=""
for url in "$LB/metrics" "$LB/%6Detrics" "$HA/metrics" "$HA/%6Detrics"; do
  hidden="$hidden $(curl -s -o /dev/null -w '%{http_code}' "$url" || true)"
done
case "$hidden" in
  " 404 404 404 404") record "metrics behind the balancers" "PASS /metrics and /%6Detrics through nginx and HAProxy: 404 404 404 404" ;;
  *) record "metrics behind the balancers" "FAIL /metrics and /%6Detrics through nginx and HAProxy answered:$hidden (expected 404 each)" ;;
esac

log "kill -9 of instance 3 under 32 connections through nginx, without idempotency keys"
run_check "kill -9 under load" "${CHECK[@]}" load "$LB" "$TOKEN" 32 "$PACE_MS" "$KILL_LOAD" "$WORK/no-stop-file" \
  "$WORK/kill-acked.txt" nokeys "${PID[3]}" $(( KILL_LOAD / 3 ))
stored_check "kill -9 writes" "$WORK/kill-acked.txt"
wait_exit "${PID[3]}" 10 || die "instance 3 survived kill -9"
# Quick mode saves a boot: the keyed run kills instance 2 of the 2 still up (instance 1 then serves alone).
[ "$QUICK" = 1 ] || { start_instance 3; wait_ready 3; }

# The same fault with every create keyed: nginx resends a keyed POST to the next instance (deploy/nginx/cluster.conf,
# @keyed), and the client sends a call that still failed again with its key.
log "kill -9 of instance 2 under 32 connections through nginx, creates sent with an Idempotency-Key"
run_check "kill -9, keyed writes" "${CHECK[@]}" load "$LB" "$TOKEN" 32 "$PACE_MS" "$KILL_LOAD" "$WORK/no-stop-file" \
  "$WORK/keyed-acked.txt" keys "${PID[2]}" $(( KILL_LOAD / 3 ))
stored_check "kill -9, keyed writes stored" "$WORK/keyed-acked.txt"
wait_exit "${PID[2]}" 10 || die "instance 2 survived kill -9"

# --- the table ---------------------------------------------------------------------------------------------------
ELAPSED=$(( $(date +%s) - started ))
STAMP=$(date -u +%Y-%m-%d)
TABLE="$WORK/table.md"
{
  echo "| check | figures | result |"
  echo "|---|---|---|"
  while IFS=$'\t' read -r name figures verdict; do
    echo "| $name | ${figures//|//} | **$verdict** |"
  done <"$RESULTS"
} >"$TABLE"
echo
echo "cluster/run.sh ($MODE), $STAMP, commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown), ${ELAPSED} s, load $(cut -d' ' -f1-3 /proc/loadavg), boots started again: $BOOT_RETRIES"
cat "$TABLE"
if [ "$QUICK" = 0 ]; then
  {
    sed '/^<!-- results -->$/q' "$CLUSTER/README.md"
    echo
    echo "Full run of $STAMP (commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown), ${ELAPSED} s," \
         "$(nproc) cores shared with other work, load $(cut -d' ' -f1-3 /proc/loadavg)):"
    echo
    cat "$TABLE"
  } >"$WORK/README.md"
  cp "$WORK/README.md" "$CLUSTER/README.md"
  log "the table is in cluster/README.md"
fi
FAILED=$(awk -F'\t' '$3 == "FAIL" { printf "%s%s", sep, $1; sep = ", " }' "$RESULTS")
[ -z "$FAILED" ] || { log "FAILED: $FAILED (logs: KEEP_WORK=1 keeps $WORK)"; exit 1; }
log "every check passed in ${ELAPSED} s"
