#!/usr/bin/env bash
# Streamed export: DeskFlow's task.export (a JDBC cursor streamed as the client reads) against the same export built
# as one list in memory (bench-baselines.jar list-export), over ROWS tasks on H2 and PostgreSQL: the time to the first
# byte of the answer, the time to the last, and how much the server's RSS grows while it answers.
#
#   bench/export.sh [--rows N] [--rounds R] [--no-pg] [--no-h2]
#
# Defaults: 1,000,000 rows, 3 measured rounds after one warm-up, both databases. H2 is a file database of DeskFlow's
# own (AUTO_SERVER, so the seed can fill it while DeskFlow runs), copied for the baseline once DeskFlow has stopped;
# PostgreSQL is the database moonlight_export_bench on 127.0.0.1:5432 (user postgres, trust), dropped afterwards.
# Both servers run with the same JVM options, JAVA_OPTS (default -XX:+UseSerialGC -Xms64m -Xmx2g: a heap that grows
# only when something is kept, so RSS growth shows what an answer holds, not what the collector's sizing chose).
# RSS is /proc/PID/status VmRSS, sampled every 20 ms during the request; growth is the peak less the value just
# before the request (the warm-up's growth, from the server's state after boot and seed, is shown apart). Writes
# bench/results/<time>-export.csv and .md. Everything it starts it stops, by pid.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
ROWS=1000000 ROUNDS=3 PG=1 H2=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --no-pg) PG=0 ;;
    --no-h2) H2=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
read -r -a JAVA_OPTS <<<"${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx2g}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench/export.sh: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d /tmp/moonlight-export-bench.XXXXXX)
PID=""
stop() {  # stops the server this script started last, by its pid
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=""
  fi
}
cleanup() {
  stop
  [ "$PG" = 1 ] && psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS moonlight_export_bench WITH (FORCE)' \
    postgres >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {  # wait_for URL NAME: up to 120 s for HTTP 200
  for _ in $(seq 1 480); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$PID" 2>/dev/null || die "$2 stopped while starting (see $WORK/$2.log)"
    sleep 0.25
  done
  die "$2 did not start (see $WORK/$2.log)"
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

start_deskflow() {  # start_deskflow NAME DATABASE_URL -> sets PORT, PID
  local dir="$WORK/$1"
  PORT=$(free_port)
  mkdir -p "$dir/environment"
  cp "$ROOT/environment/settings.ini" "$dir/environment/settings.ini"
  cp "$ROOT/.rr.yaml" "$dir/.rr.yaml"
  printf 'APP_ENV=production\nJWT_SECRET=%s\nDATABASE_URL=%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    "$2" >"$dir/environment/.env"
  (cd "$dir" && exec java "${JAVA_OPTS[@]}" -Dmoonlight.project-dir="$dir" -jar "$ROOT/target/deskflow.jar" \
      runserver --host 127.0.0.1 --port "$PORT" --moonlight.access-log=off --moonlight.rpc.listen=tcp://127.0.0.1:0) \
      >"$WORK/$1.log" 2>&1 &
  PID=$!
  wait_for "http://127.0.0.1:$PORT/health" "$1"
}

start_list() {  # start_list NAME JDBC_URL -> sets PORT, PID
  PORT=$(free_port)
  java "${JAVA_OPTS[@]}" -jar "$BENCH/target/bench-baselines.jar" list-export 127.0.0.1 "$PORT" "$2" \
    >"$WORK/$1.log" 2>&1 &
  PID=$!
  wait_for "http://127.0.0.1:$PORT/api/v1/ping" "$1"
}

measure() {  # measure SERVER DATABASE ROUND: one export from the server on $PORT, a CSV row on stdout
  local samples="$WORK/rss-$1-$2-$3" before sampler result
  before=$(rss_kb "$PID")
  (while kill -0 "$PID" 2>/dev/null; do rss_kb "$PID"; sleep 0.02; done) >"$samples" &
  sampler=$!
  result=$(curl -s -o /dev/null --max-time 600 -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' \
    -H 'Content-Type: application/json' -d '{"service":"task","action":"export"}' "http://127.0.0.1:$PORT/api/v1/")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  read -r status first total bytes <<<"$result"
  [ "$status" = 200 ] || die "$1 on $2 answered $status (see $WORK/$1.log)"
  local peak
  peak=$( (cat "$samples"; echo "$before") | sort -n | tail -1)
  awk -v s="$1" -v d="$2" -v r="$3" -v n="$ROWS" -v f="$first" -v t="$total" -v b="$bytes" -v rb="$before" -v p="$peak" \
    -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%s,%s,%s,%d,%.1f,%.1f,%d,%.1f,%.1f,%.1f,%s\n", s, d, r, n, f * 1000, t * 1000, b, rb / 1024, p / 1024, (p - rb) / 1024, l }'
}

rounds() {  # rounds SERVER DATABASE: a warm-up, then the measured rounds
  measure "$1" "$2" warmup >>"$CSV"
  for round in $(seq 1 "$ROUNDS"); do
    measure "$1" "$2" "$round" | tee -a "$CSV" >&2
  done
}

cd "$ROOT"
[ -f target/deskflow.jar ] || (log "building target/deskflow.jar"; ./mvnw -B -q package -DskipTests)
[ -f "$BENCH/target/bench-baselines.jar" ] || (log "building bench-baselines.jar"; ./mvnw -B -q -f bench/pom.xml package -DskipTests)
if [ "$PG" = 1 ] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "PostgreSQL does not answer on 127.0.0.1:5432: it is left out"
  PG=0
fi

mkdir -p "$BENCH/results"
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
CSV="$BENCH/results/$STAMP-export.csv"
echo "server,database,round,rows,first_byte_ms,total_ms,bytes,rss_before_mb,rss_peak_mb,rss_growth_mb,load1" >"$CSV"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "export benchmark, $ROWS rows; load before: $LOAD_BEFORE"

if [ "$H2" = 1 ]; then
  H2_FILE="$WORK/deskflow-h2/storage/export"
  start_deskflow deskflow-h2 "jdbc:h2:file:$H2_FILE;AUTO_SERVER=TRUE"
  log "seeding $ROWS tasks into H2"
  java -jar "$BENCH/target/bench-baselines.jar" seed-export "jdbc:h2:file:$H2_FILE;AUTO_SERVER=TRUE" "$ROWS" \
    >>"$WORK/seed.log" 2>&1 || die "seeding H2 failed (see $WORK/seed.log)"
  rounds deskflow-stream h2
  stop
  mkdir -p "$WORK/list-h2" && cp "$H2_FILE.mv.db" "$WORK/list-h2/export.mv.db"
  start_list list-h2 "jdbc:h2:file:$WORK/list-h2/export"
  rounds one-list h2
  stop
fi

if [ "$PG" = 1 ]; then
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS moonlight_export_bench WITH (FORCE)' postgres >/dev/null
  psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE moonlight_export_bench' postgres >/dev/null
  start_deskflow deskflow-pg "postgres://postgres@127.0.0.1:5432/moonlight_export_bench"
  log "seeding $ROWS tasks into PostgreSQL"
  java -jar "$BENCH/target/bench-baselines.jar" seed-export "jdbc:postgresql://127.0.0.1:5432/moonlight_export_bench" \
    "$ROWS" >>"$WORK/seed.log" 2>&1 || die "seeding PostgreSQL failed (see $WORK/seed.log)"
  rounds deskflow-stream pg
  stop
  start_list list-pg "jdbc:postgresql://127.0.0.1:5432/moonlight_export_bench"
  rounds one-list pg
  stop
fi

TABLE="$BENCH/results/$STAMP-export.md"
{
  echo "# bench/export.sh $STAMP"
  echo
  echo "$(nproc) cores; $ROWS rows; JVM: ${JAVA_OPTS[*]}; load average before the run: $LOAD_BEFORE;"
  echo "medians of $ROUNDS rounds after a warm-up."
  echo
  echo "| server | database | first byte (ms) | whole answer (ms) | MB sent | RSS before (MB) | RSS growth (MB) | RSS growth in the warm-up (MB) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  python3 - "$CSV" <<'PY'
import csv, statistics, sys
every = list(csv.DictReader(open(sys.argv[1])))
rows = [r for r in every if r["round"] != "warmup"]
for key in dict.fromkeys((r["server"], r["database"]) for r in rows):
    mine = [r for r in rows if (r["server"], r["database"]) == key]
    warm = [float(r["rss_growth_mb"]) for r in every if (r["server"], r["database"]) == key and r["round"] == "warmup"]
    med = lambda k: statistics.median(float(r[k]) for r in mine)
    print(f"| {key[0]} | {key[1]} | {med('first_byte_ms'):,.0f} | {med('total_ms'):,.0f} "
          f"| {med('bytes') / 1e6:,.1f} | {med('rss_before_mb'):,.0f} | {med('rss_growth_mb'):,.0f} "
          f"| {warm[0] if warm else float('nan'):,.0f} |")
PY
} >"$TABLE"
cat "$TABLE"
log "results: $CSV"
