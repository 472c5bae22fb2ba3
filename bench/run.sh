#!/usr/bin/env bash
# DeskFlow against its baselines, measured in one run with wrk on loopback.
#
#   bench/run.sh [--quick] [--duration 10s] [--warmup 3s] [--jit-warmup 15s] [--connections 64] [--threads 2]
#                [--rounds 3] [--no-pg] [--no-php] [--no-realtime] [--only create-h2,create-pg,...]
#
# Servers: DeskFlow (target/deskflow.jar), raw Reactor Netty (+ HikariCP + plain JDBC), a plain Spring WebFlux
# @RestController (both from bench/target/bench-baselines.jar), and nginx + PHP-FPM from ../shared/bench/php-baseline
# when it is there (nginx and php-fpm are installed with apt if missing). Scenarios: ping, task.list on H2 (SQLite for
# PHP) and, when PostgreSQL answers on 127.0.0.1:5432, task.list on PostgreSQL. Every server of a scenario is run in
# turn, round after round, so they share the machine's noise. Before the first round each JVM server gets --jit-warmup
# of uncounted load per scenario (the JIT compiles a framework's longer path later than a raw handler's); every
# measured run still starts with its own --warmup. Prints a table of medians and ratios and writes
# bench/results/<time>.csv and .md. Stops every process it started, by pid.
#
# Realtime (unless --no-realtime): welcome.ping as WebSocket envelope frames on /api/v1/ws and as TCP envelope lines
# (the envelope server of .rr.yaml), against raw Reactor Netty answering the same bytes, driven by the bench jar's
# load client (ws-load / tcp-load) since wrk speaks neither: ws-ping and tcp-ping with one call in flight per
# connection, ws-pipe and tcp-pipe with 8 in flight on an eighth as many connections.
#
# Writes (after every read scenario, so task.list keeps its 50 rows): create-h2 and create-pg, one task.create a
# request as a registered member (a bearer token), with durability on: DeskFlow's H2 writes each commit before it
# answers (WRITE_DELAY=0), PHP's SQLite runs in WAL mode with synchronous=FULL, both PostgreSQLs commit synchronously.
# PHP-FPM is the baseline here (its task.create inserts into a table of its own); the raw servers have no write path.
#
# --only measures just the scenarios it names (comma-separated, e.g. --only create-h2,create-pg,list-h2,list-pg); the
# servers still start as usual, the realtime one only when a ws- or tcp- scenario is named. ping-logged is ping on a
# second DeskFlow with the access log on (pretty, as runserver ships it).
#
# --quick is the CI smoke test (well under 60 s): short runs, H2 only, no PHP; it checks the harness, not speed.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
# ../shared beside the checkout; a git worktree elsewhere finds it beside its main checkout. PHP_BASELINE overrides.
PHP_BASELINE="${PHP_BASELINE:-$(cd "$ROOT/.." && pwd)/shared/bench/php-baseline}"
if [ ! -d "$PHP_BASELINE" ] && common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  PHP_BASELINE="$(dirname "$(dirname "$common")")/shared/bench/php-baseline"
fi
WORK="$BENCH/work"
DURATION=10s WARMUP=3s JIT_WARMUP=15s CONNS=64 THREADS=2 ROUNDS=3 USE_PG=1 USE_PHP=1 QUICK=0 USE_REALTIME=1 ONLY=""

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 DURATION=2s WARMUP=1s JIT_WARMUP=0s CONNS=16 ROUNDS=1 USE_PG=0 USE_PHP=0 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --jit-warmup) JIT_WARMUP="$2"; shift ;;
    --connections) CONNS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --no-pg) USE_PG=0 ;;
    --no-php) USE_PHP=0 ;;
    --no-realtime) USE_REALTIME=0 ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# With --only, the realtime server starts only when a ws- or tcp- scenario is named.
if [ -n "$ONLY" ] && [[ ",$ONLY" != *,ws-* ]] && [[ ",$ONLY" != *,tcp-* ]]; then USE_REALTIME=0; fi

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }

PIDS=()
PHP_STARTED=0
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  if [ "$PHP_STARTED" = 1 ]; then "$PHP_BASELINE/stop.sh" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# --- tools and builds -------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
command -v wrk >/dev/null || die "wrk is missing and could not be installed"
if [ ! -f "$ROOT/target/deskflow.jar" ]; then
  log "building target/deskflow.jar"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
# Rebuilt when its sources changed too: an older jar lacks commands this script uses (raw-realtime, ws-load, ...).
if [ ! -f "$BENCH/target/bench-baselines.jar" ] \
    || [ -n "$(find "$BENCH/src" "$BENCH/pom.xml" -newer "$BENCH/target/bench-baselines.jar" -print -quit)" ]; then
  log "building bench/target/bench-baselines.jar"
  (cd "$ROOT" && ./mvnw -B -q -f bench/pom.xml package -DskipTests)
fi

free_port() {  # prints a port nobody listens on and not handed out before, from 18100 up
  # Handed-out ports go to a file: PORT=$(free_port) runs in a subshell, where a variable would be lost, and a port
  # is only listening once its server is up (two ports taken before a start would otherwise be the same).
  local port=18100
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || grep -qx "$port" "$WORK/ports" 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port" >>"$WORK/ports"
  echo "$port"
}

wait_for() {  # wait_for URL NAME: up to 60 s for HTTP 200
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.25
  done
  die "$2 did not answer $1 within 60 s (see $WORK/$2.log)"
}

JAVA_OPTS=(-XX:+UseParallelGC -Xms512m -Xmx512m)

start_deskflow() {  # start_deskflow NAME DATABASE_URL [ENV_LINE] [ACCESS_LOG] -> sets PORT
  local name="$1" url="$2" dir="$WORK/$1" access_log="${4:-off}"
  PORT=$(free_port)
  rm -rf "$dir" && mkdir -p "$dir/environment"
  cp "$ROOT/environment/settings.ini" "$dir/environment/settings.ini"
  cp "$ROOT/.rr.yaml" "$dir/.rr.yaml"
  # The WebSocket scenarios need [realtime] ENABLED, which the shipped settings have on: keep it on in the copy.
  sed -i '/^\[realtime\]/,/^\[/ s/^;\{0,1\} *ENABLED *=.*/ENABLED = true/' "$dir/environment/settings.ini"
  # Production: no development seed, no generated .env; a fresh secret the benchmark never prints.
  printf 'APP_ENV=production\nJWT_SECRET=%s\nDATABASE_URL=%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$url" \
    > "$dir/environment/.env"
  [ -z "${3:-}" ] || printf '%s\n' "$3" >>"$dir/environment/.env"
  # The admin RPC on a free port: its default (6001) is taken by the other DeskFlow, or by one outside the bench.
  (cd "$dir" && exec java "${JAVA_OPTS[@]}" -Dmoonlight.project-dir="$dir" -jar "$ROOT/target/deskflow.jar" \
      runserver --host 127.0.0.1 --port "$PORT" --moonlight.access-log="$access_log" --moonlight.rpc.listen=tcp://127.0.0.1:0) \
      >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$PORT/health" "$name"
}

start_baseline() {  # start_baseline NAME KIND JDBC_URL -> sets PORT
  PORT=$(free_port)
  java "${JAVA_OPTS[@]}" -jar "$BENCH/target/bench-baselines.jar" "$2" 127.0.0.1 "$PORT" "$3" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$PORT/api/v1/ping" "$1"
}

seed() {  # seed JDBC_URL: the 50 benchmark tasks into a database DeskFlow migrated
  java -jar "$BENCH/target/bench-baselines.jar" seed 127.0.0.1 0 "$1" >>"$WORK/seed.log" 2>&1 || die "seeding $1 failed (see $WORK/seed.log)"
}

rm -rf "$WORK" && mkdir -p "$WORK" "$BENCH/results"
declare -A TARGET   # "scenario server" -> "METHOD URL BODY"
declare -A WRITE_TARGET   # "scenario server" -> "URL AUTHORIZATION"
LIST='{"service":"task","action":"list"}'
CREATE='{"service":"task","action":"create","title":"Bench write"}'

bench_token() {  # bench_token PORT: registers the benchmark's member on that DeskFlow and prints "Bearer <token>"
  local api="http://127.0.0.1:$1/api/v1/" login token
  curl -s -X POST -H 'Content-Type: application/json' "$api" \
    -d '{"service":"member","action":"register","name":"Bench","email":"bench@northwind.studio","password":"bench-password-1"}' >/dev/null
  login=$(curl -s -X POST -H 'Content-Type: application/json' "$api" \
    -d '{"service":"member","action":"login","email":"bench@northwind.studio","password":"bench-password-1"}')
  token=$(sed -nE 's/.*"token":"([^"]+)".*/\1/p' <<<"$login")
  [ -n "$token" ] || die "no token from member.login on port $1: ${login:0:200}"
  echo "Bearer $token"
}

# --- realtime: raw Reactor Netty starts now (it is waited for below), while DeskFlow boots ------------------------
if [ "$USE_REALTIME" = 1 ]; then
  RAW_WS=$(free_port); RAW_TCP=$(free_port)
  java "${JAVA_OPTS[@]}" -jar "$BENCH/target/bench-baselines.jar" raw-realtime 127.0.0.1 "$RAW_WS" "$RAW_TCP" \
    >"$WORK/raw-realtime.log" 2>&1 &
  PIDS+=($!)
fi

log "starting DeskFlow and the baselines on H2"
H2_URL="jdbc:h2:file:$WORK/deskflow-h2/storage/bench;AUTO_SERVER=TRUE"
DF_TCP=$(free_port)  # the realtime scenarios' envelope TCP server, on this instance
start_deskflow deskflow-h2 "$H2_URL" "TCP_ENVELOPE_ADDR=tcp://127.0.0.1:$DF_TCP"; DF_H2=$PORT
seed "$H2_URL"
# Each baseline gets its own H2 file database, like DeskFlow's, filled with the same rows.
start_baseline raw-h2 raw "jdbc:h2:file:$WORK/raw-h2/bench"; RAW_H2=$PORT
start_baseline webflux-h2 webflux "jdbc:h2:file:$WORK/webflux-h2/bench"; WF_H2=$PORT
TARGET["ping deskflow"]="GET http://127.0.0.1:$DF_H2/api/v1/ping"
TARGET["ping raw-netty"]="GET http://127.0.0.1:$RAW_H2/api/v1/ping"
TARGET["ping webflux"]="GET http://127.0.0.1:$WF_H2/api/v1/ping"
TARGET["list-h2 deskflow"]="POST http://127.0.0.1:$DF_H2/api/v1/ $LIST"
TARGET["list-h2 raw-netty"]="POST http://127.0.0.1:$RAW_H2/api/v1/ $LIST"
TARGET["list-h2 webflux"]="POST http://127.0.0.1:$WF_H2/api/v1/ $LIST"
SCENARIOS=(ping list-h2)
if [ -z "$ONLY" ] || [[ ",$ONLY," == *,ping-logged,* ]]; then
  # ping with the access log on as runserver ships it (pretty lines, to this server's log file), against raw Netty's
  # ping without one: what a user who keeps access logs pays.
  start_deskflow deskflow-logged "jdbc:h2:file:$WORK/deskflow-logged/storage/bench" "" pretty; DF_LOGGED=$PORT
  TARGET["ping-logged deskflow"]="GET http://127.0.0.1:$DF_LOGGED/api/v1/ping"
  TARGET["ping-logged raw-netty"]="GET http://127.0.0.1:$RAW_H2/api/v1/ping"
  SCENARIOS=(ping ping-logged list-h2)
fi
WRITE_TARGET["create-h2 deskflow"]="http://127.0.0.1:$DF_H2/api/v1/ $(bench_token "$DF_H2")"
WRITE_SCENARIOS=(create-h2)

if [ "$USE_PG" = 1 ] && pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "starting DeskFlow and the baselines on PostgreSQL (database deskflow_bench)"
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS deskflow_bench WITH (FORCE)' postgres >/dev/null
  psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE deskflow_bench' postgres >/dev/null
  start_deskflow deskflow-pg "postgres://postgres@127.0.0.1:5432/deskflow_bench"; DF_PG=$PORT
  PG_URL="jdbc:postgresql://127.0.0.1:5432/deskflow_bench"
  seed "$PG_URL"
  start_baseline raw-pg raw "$PG_URL"; RAW_PG=$PORT
  start_baseline webflux-pg webflux "$PG_URL"; WF_PG=$PORT
  TARGET["list-pg deskflow"]="POST http://127.0.0.1:$DF_PG/api/v1/ $LIST"
  TARGET["list-pg raw-netty"]="POST http://127.0.0.1:$RAW_PG/api/v1/ $LIST"
  TARGET["list-pg webflux"]="POST http://127.0.0.1:$WF_PG/api/v1/ $LIST"
  SCENARIOS+=(list-pg)
  WRITE_TARGET["create-pg deskflow"]="http://127.0.0.1:$DF_PG/api/v1/ $(bench_token "$DF_PG")"
  WRITE_SCENARIOS+=(create-pg)
elif [ "$USE_PG" = 1 ]; then
  log "PostgreSQL does not answer on 127.0.0.1:5432: the list-pg scenario is left out"
fi

if [ "$USE_PHP" = 1 ] && [ -x "$PHP_BASELINE/start.sh" ]; then
  if ! command -v nginx >/dev/null || ! ls /usr/sbin/php-fpm* >/dev/null 2>&1; then
    log "installing nginx and PHP-FPM for the PHP baseline"
    apt-get install -y -q --no-install-recommends nginx php-fpm php-cli php-sqlite3 php-pgsql >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends nginx php-fpm php-cli php-sqlite3 php-pgsql >/dev/null; }
  fi
  log "starting the PHP baseline (nginx + PHP-FPM on 127.0.0.1:8080)"
  "$PHP_BASELINE/start.sh" >"$WORK/php.log" 2>&1 || die "the PHP baseline did not start (see $WORK/php.log)"
  PHP_STARTED=1
  TARGET["ping php-fpm"]="GET http://127.0.0.1:8080/api/v1/ping"
  TARGET["list-h2 php-fpm"]="POST http://127.0.0.1:8080/api/v1/ $LIST"
  [[ " ${SCENARIOS[*]} " == *" list-pg "* ]] && TARGET["list-pg php-fpm"]="POST http://127.0.0.1:8080/pgp/api/v1/ $LIST"
  WRITE_TARGET["create-h2 php-fpm"]="http://127.0.0.1:8080/api/v1/ -"
  [[ " ${WRITE_SCENARIOS[*]} " == *" create-pg "* ]] && WRITE_TARGET["create-pg php-fpm"]="http://127.0.0.1:8080/pgp/api/v1/ -"
fi

# --- realtime: WebSocket envelope frames and TCP envelope lines, driven by the bench jar's load client ------------
declare -A RT_TARGET   # "scenario server" -> "ws-load|tcp-load TARGET CONNECTIONS WINDOW"
RT_SCENARIOS=()
PIPE_CONNS=$(( CONNS / 8 > 0 ? CONNS / 8 : 1 ))
rt_check() {  # rt_check NAME HTTP_PORT TCP_PORT: the WebSocket upgrade gets 101, a welcome.ping line returnCode 0
  local status="" reply=""
  exec 3<>"/dev/tcp/127.0.0.1/$2" || die "$1: nothing listens on port $2"
  printf 'GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: YmVuY2gtcnVuLXNhbml0eQ==\r\n\r\n' >&3
  read -r -t 10 status <&3 || true
  exec 3<&-
  [[ "$status" == 'HTTP/1.1 101'* ]] || die "$1: the WebSocket upgrade on port $2 got '${status%$'\r'}', not 101 (is [realtime] ENABLED?)"
  exec 3<>"/dev/tcp/127.0.0.1/$3" || die "$1: nothing listens on the TCP port $3 (see $WORK/$1.log)"
  printf '{"service":"welcome","action":"ping"}\n' >&3
  read -r -t 10 reply <&3 || true
  exec 3<&-
  [[ "$reply" == '{"returnCode":0,'* ]] || die "$1: the envelope line on TCP port $3 was answered with '${reply:0:200}'"
}
if [ "$USE_REALTIME" = 1 ]; then
  wait_for "http://127.0.0.1:$RAW_WS/api/v1/ping" raw-realtime
  rt_check deskflow-h2 "$DF_H2" "$DF_TCP"
  rt_check raw-realtime "$RAW_WS" "$RAW_TCP"
  RT_TARGET["ws-ping deskflow"]="ws-load ws://127.0.0.1:$DF_H2/api/v1/ws $CONNS 1"
  RT_TARGET["ws-ping raw-netty"]="ws-load ws://127.0.0.1:$RAW_WS/api/v1/ws $CONNS 1"
  RT_TARGET["tcp-ping deskflow"]="tcp-load 127.0.0.1:$DF_TCP $CONNS 1"
  RT_TARGET["tcp-ping raw-netty"]="tcp-load 127.0.0.1:$RAW_TCP $CONNS 1"
  RT_TARGET["ws-pipe deskflow"]="ws-load ws://127.0.0.1:$DF_H2/api/v1/ws $PIPE_CONNS 8"
  RT_TARGET["ws-pipe raw-netty"]="ws-load ws://127.0.0.1:$RAW_WS/api/v1/ws $PIPE_CONNS 8"
  RT_TARGET["tcp-pipe deskflow"]="tcp-load 127.0.0.1:$DF_TCP $PIPE_CONNS 8"
  RT_TARGET["tcp-pipe raw-netty"]="tcp-load 127.0.0.1:$RAW_TCP $PIPE_CONNS 8"
  RT_SCENARIOS=(ws-ping tcp-ping)
  [ "$QUICK" = 1 ] || RT_SCENARIOS+=(ws-pipe tcp-pipe)
fi

# --- sanity: every target answers 200 with returnCode 0, and every list has the 50 rows --------------------------
for key in "${!TARGET[@]}"; do
  read -r method url body <<<"${TARGET[$key]}"
  if [ "$method" = POST ]; then answer=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "$url"); else answer=$(curl -s "$url"); fi
  [[ "$answer" == *'"returnCode":0'* ]] || die "$key answered: ${answer:0:200}"
  if [[ "$key" == list* ]]; then
    rows=$(grep -o '"title"' <<<"$answer" | wc -l)
    [ "$rows" = 50 ] || die "$key lists $rows tasks, not 50"
  fi
done

for key in "${!WRITE_TARGET[@]}"; do
  read -r url auth <<<"${WRITE_TARGET[$key]}"
  [ "$auth" != - ] || auth=""
  answer=$(curl -s -X POST -H 'Content-Type: application/json' -H "Authorization: $auth" -d "$CREATE" "$url")
  [[ "$answer" == *'"returnCode":0'*'"task"'* ]] || die "$key answered: ${answer:0:200}"
done

# --- measure --------------------------------------------------------------------------------------------------
only() {  # only NAME...: prints the names --only keeps (all of them without --only)
  local name
  for name in "$@"; do
    if [ -z "$ONLY" ] || [[ ",$ONLY," == *",$name,"* ]]; then printf '%s\n' "$name"; fi
  done
}
mapfile -t SCENARIOS < <(only "${SCENARIOS[@]}")
mapfile -t WRITE_SCENARIOS < <(only "${WRITE_SCENARIOS[@]}")
mapfile -t RT_SCENARIOS < <(only "${RT_SCENARIOS[@]:-}")
[ -n "${RT_SCENARIOS[0]:-}" ] || RT_SCENARIOS=()

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
CSV="$BENCH/results/$STAMP.csv"
echo "round,scenario,server,rps,p50_ms,p99_ms,errors" >"$CSV"
if [ "${JIT_WARMUP%s}" != 0 ] && [ "${JIT_WARMUP%ms}" != 0 ]; then
  log "JIT warm-up: $JIT_WARMUP of uncounted load per scenario on each JVM server"
  for scenario in "${SCENARIOS[@]}"; do
    for server in deskflow raw-netty webflux; do
      [ -n "${TARGET["$scenario $server"]:-}" ] || continue
      read -r method url body <<<"${TARGET["$scenario $server"]}"
      BENCH_METHOD="$method" BENCH_BODY="${body:-}" \
        wrk -t"$THREADS" -c"$CONNS" -d"$JIT_WARMUP" -s "$BENCH/wrk/envelope.lua" "$url" >/dev/null
    done
  done
fi
record() {  # record ROUND SCENARIO SERVER BENCH_LINE: one CSV row and one progress line
  local line=$4 rps p50 p99 errors
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line"); p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line"); errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
  echo "$1,$2,$3,$rps,$p50,$p99,$errors" >>"$CSV"
  printf '  round %s  %-8s %-10s %10s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$errors" >&2
}
log "wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP), $ROUNDS round(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "${SCENARIOS[@]}"; do
    for server in deskflow raw-netty webflux php-fpm; do
      [ -n "${TARGET["$scenario $server"]:-}" ] || continue
      read -r method url body <<<"${TARGET["$scenario $server"]}"
      export BENCH_METHOD="$method" BENCH_BODY="${body:-}"
      wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$BENCH/wrk/envelope.lua" "$url" >/dev/null
      line=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/wrk/envelope.lua" "$url" | grep '^BENCH ')
      record "$round" "$scenario" "$server" "$line"
    done
  done
done

# --- measure: realtime, with the load client (one JVM a run: one uncounted round trip a connection, a warm-up, then
# the measured span). Its first answer must be returnCode 0, and raw Netty's DeskFlow's bytes (the WebSocket id aside).
load() {  # load ws-load|tcp-load TARGET CONNECTIONS WINDOW WARMUP DURATION: prints the ANSWER and BENCH lines
  java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/target/bench-baselines.jar" "$@" 2>>"$WORK/load.log"
}
RT_WARMUP=$WARMUP RT_DURATION=$DURATION
if [ "$QUICK" = 1 ]; then RT_WARMUP=500ms RT_DURATION=1s; fi
if [ "${#RT_SCENARIOS[@]}" -gt 0 ]; then
  log "load client: $RT_WARMUP warm-up then $RT_DURATION, $ROUNDS round(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "${RT_SCENARIOS[@]}"; do
    for server in deskflow raw-netty; do
      read -r mode target conns window <<<"${RT_TARGET["$scenario $server"]}"
      warmup=$RT_WARMUP
      [ "$round" != 1 ] || [ "$QUICK" = 1 ] || warmup=$JIT_WARMUP   # the first run of each server warms its JIT
      out=$(load "$mode" "$target" "$conns" "$window" "$warmup" "$RT_DURATION")
      answer=$(sed -n 's/^ANSWER //p' <<<"$out" | sed -E 's/^\{"id":[^,]*,/{/')
      [[ "$answer" == '{"returnCode":0,'* ]] || die "$scenario $server answered: ${answer:0:200} (see $WORK/load.log)"
      if [ "$server" = deskflow ]; then expected="$answer"
      elif [ "$answer" != "$expected" ]; then die "$scenario: raw-netty answers $answer where DeskFlow answers $expected"; fi
      line=$(grep '^BENCH ' <<<"$out")
      record "$round" "$scenario" "$server" "$line"
    done
  done
done

# --- measure: writes, after every read, so the lists above kept their 50 rows -----------------------------------
if [ "${#WRITE_SCENARIOS[@]}" -gt 0 ]; then
  log "writes: wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS round(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "${WRITE_SCENARIOS[@]}"; do
    for server in deskflow php-fpm; do
      [ -n "${WRITE_TARGET["$scenario $server"]:-}" ] || continue
      read -r url auth <<<"${WRITE_TARGET["$scenario $server"]}"
      [ "$auth" != - ] || auth=""
      export BENCH_METHOD=POST BENCH_BODY="$CREATE" BENCH_AUTH="$auth"
      warmup=$WARMUP
      [ "$round" != 1 ] || [ "$server" != deskflow ] || [ "$QUICK" = 1 ] || warmup=$JIT_WARMUP
      wrk -t"$THREADS" -c"$CONNS" -d"$warmup" -s "$BENCH/wrk/envelope.lua" "$url" >/dev/null
      line=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/wrk/envelope.lua" "$url" | grep '^BENCH ')
      record "$round" "$scenario" "$server" "$line"
    done
  done
done
unset BENCH_AUTH

TABLE="$BENCH/results/$STAMP.md"
{
  echo "# bench/run.sh $STAMP"
  echo
  echo "$(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION after a $WARMUP warm-up (and a $JIT_WARMUP JIT warm-up per server and scenario first), $ROUNDS round(s), medians; client and servers share the machine."
  if [ "${#RT_SCENARIOS[@]}" -gt 0 ]; then
    pipe=""; [[ " ${RT_SCENARIOS[*]} " != *"-pipe "* ]] || pipe=" or $PIPE_CONNS with 8 (-pipe)"
    echo "ws-* and tcp-*: the bench jar's load client (Java, on the same cores), $CONNS connections with 1 call in flight (-ping)$pipe, $RT_DURATION after a $RT_WARMUP warm-up ($JIT_WARMUP in the first round); req/s are answered frames or lines per second."
  fi
  echo
  python3 "$BENCH/summarize.py" "$CSV"
} >"$TABLE"
cat "$TABLE"
if [ "$QUICK" = 1 ]; then
  awk -F, 'NR > 1 && $4 + 0 <= 0 { bad = 1 } END { exit bad }' "$CSV" || die "a server answered no request"
  awk -F, 'NR > 1 && $7 + 0 > 0 { bad = 1 } END { exit bad }' "$CSV" || die "a server answered with errors"
fi
log "results: $CSV"
