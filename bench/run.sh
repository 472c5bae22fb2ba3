#!/usr/bin/env bash
# DeskFlow against its baselines, measured in one run with wrk on loopback.
#
#   bench/run.sh [--quick] [--duration 10s] [--warmup 3s] [--connections 64] [--threads 2] [--rounds 3]
#                [--no-pg] [--no-php]
#
# Servers: DeskFlow (target/deskflow.jar), raw Reactor Netty (+ HikariCP + plain JDBC), a plain Spring WebFlux
# @RestController (both from bench/target/bench-baselines.jar), and nginx + PHP-FPM from ../shared/bench/php-baseline
# when it is there (nginx and php-fpm are installed with apt if missing). Scenarios: ping, task.list on H2 (SQLite for
# PHP) and, when PostgreSQL answers on 127.0.0.1:5432, task.list on PostgreSQL. Every server of a scenario is run in
# turn, round after round, so they share the machine's noise. Prints a table of medians and ratios and writes
# bench/results/<time>.csv and .md. Stops every process it started, by pid.
#
# --quick is the CI smoke test (well under 60 s): short runs, H2 only, no PHP; it checks the harness, not speed.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
PHP_BASELINE="$(cd "$ROOT/.." && pwd)/shared/bench/php-baseline"
WORK="$BENCH/work"
DURATION=10s WARMUP=3s CONNS=64 THREADS=2 ROUNDS=3 USE_PG=1 USE_PHP=1 QUICK=0

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 DURATION=2s WARMUP=1s CONNS=16 ROUNDS=1 USE_PG=0 USE_PHP=0 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --connections) CONNS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --no-pg) USE_PG=0 ;;
    --no-php) USE_PHP=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

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
if [ ! -f "$BENCH/target/bench-baselines.jar" ]; then
  log "building bench/target/bench-baselines.jar"
  (cd "$ROOT" && ./mvnw -B -q -f bench/pom.xml package -DskipTests)
fi

free_port() {  # prints a port nobody listens on, from 18100 up
  local port=18100
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  while [[ " ${USED_PORTS:-} " == *" $port "* ]]; do port=$((port + 1)); done
  USED_PORTS="${USED_PORTS:-} $port"
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

start_deskflow() {  # start_deskflow NAME DATABASE_URL -> sets PORT
  local name="$1" url="$2" dir="$WORK/$1"
  PORT=$(free_port)
  rm -rf "$dir" && mkdir -p "$dir/environment"
  cp "$ROOT/environment/settings.ini" "$dir/environment/settings.ini"
  cp "$ROOT/.rr.yaml" "$dir/.rr.yaml"
  # Production: no development seed, no generated .env; a fresh secret the benchmark never prints.
  printf 'APP_ENV=production\nJWT_SECRET=%s\nDATABASE_URL=%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$url" \
    > "$dir/environment/.env"
  (cd "$dir" && exec java "${JAVA_OPTS[@]}" -Dmoonlight.project-dir="$dir" -jar "$ROOT/target/deskflow.jar" \
      runserver --host 127.0.0.1 --port "$PORT" --moonlight.access-log=off) >"$WORK/$name.log" 2>&1 &
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
LIST='{"service":"task","action":"list"}'

log "starting DeskFlow and the baselines on H2"
H2_URL="jdbc:h2:file:$WORK/deskflow-h2/storage/bench;AUTO_SERVER=TRUE"
start_deskflow deskflow-h2 "$H2_URL"; DF_H2=$PORT
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

# --- measure --------------------------------------------------------------------------------------------------
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
CSV="$BENCH/results/$STAMP.csv"
echo "round,scenario,server,rps,p50_ms,p99_ms,errors" >"$CSV"
log "wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP), $ROUNDS round(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "${SCENARIOS[@]}"; do
    for server in deskflow raw-netty webflux php-fpm; do
      [ -n "${TARGET["$scenario $server"]:-}" ] || continue
      read -r method url body <<<"${TARGET["$scenario $server"]}"
      export BENCH_METHOD="$method" BENCH_BODY="${body:-}"
      wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$BENCH/wrk/envelope.lua" "$url" >/dev/null
      line=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/wrk/envelope.lua" "$url" | grep '^BENCH ')
      rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line"); p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$line")
      p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line"); errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
      echo "$round,$scenario,$server,$rps,$p50,$p99,$errors" >>"$CSV"
      printf '  round %s  %-8s %-10s %10s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$round" "$scenario" "$server" "$rps" "$p50" "$p99" "$errors" >&2
    done
  done
done

TABLE="$BENCH/results/$STAMP.md"
{
  echo "# bench/run.sh $STAMP"
  echo
  echo "$(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION after a $WARMUP warm-up, $ROUNDS round(s), medians; client and servers share the machine."
  echo
  python3 "$BENCH/summarize.py" "$CSV"
} >"$TABLE"
cat "$TABLE"
if [ "$QUICK" = 1 ]; then
  awk -F, 'NR > 1 && $4 + 0 <= 0 { bad = 1 } END { exit bad }' "$CSV" || die "a server answered no request"
  awk -F, 'NR > 1 && $7 + 0 > 0 { bad = 1 } END { exit bad }' "$CSV" || die "a server answered with errors"
fi
log "results: $CSV"
