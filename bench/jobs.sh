#!/usr/bin/env bash
# Jobs throughput: queue and complete N jobs per pipeline through the real jobs machinery and print jobs/s.
#
#   bench/jobs.sh [--quick] [--jfr] [JobsBenchmark options: --only memory,jdbc-h2,jdbc-pg --jobs-memory N
#                 --jobs-jdbc N --rounds R --producers P --workers W --prefetch N]
#
# Pipelines: memory and jdbc on an H2 file (one boot), and jdbc on PostgreSQL in a scratch database on
# 127.0.0.1:5432 (user postgres, created from 'test' and dropped after) when PostgreSQL answers. Each pipeline gets a
# warm-up round, then 3 measured rounds. Writes bench/results/<time>-jobs.csv and .md, with the load average.
# --quick is the CI smoke test (under ~20 s once built): a few thousand jobs on memory and H2, one round, no
# PostgreSQL; it checks that every job completes, not the speed. --jfr records target/jmh/jobs.jfr for profiling.
# The classes build into target/jmh (the jmh profile), never into the product jar; the build is skipped when nothing
# changed since the last one.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
QUICK=0 JFR=0 ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; ARGS+=(--quick) ;;
    --jfr) JFR=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done

log() { printf '==> %s\n' "$*" >&2; }

cd "$ROOT"
MAIN=target/jmh/classes/dev/moonlight/jmh/jobs/JobsBenchmark.class
CLASSPATH_FILE=target/jmh/runtime-classpath.txt
if [ ! -f "$MAIN" ] || [ ! -f "$CLASSPATH_FILE" ] \
    || [ -n "$(find pom.xml src/main src/jmh -newer "$MAIN" -type f -print -quit)" ]; then
  log "building the benchmark into target/jmh"
  ./mvnw -B -q -Pjmh compile dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime
fi

ONLY=()
if [ "$QUICK" = 1 ]; then
  ONLY=(--only memory,jdbc-h2)
elif ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "PostgreSQL does not answer on 127.0.0.1:5432: jdbc-pg is left out"
  ONLY=(--only memory,jdbc-h2)
fi

mkdir -p "$BENCH/results"
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
CSV="$BENCH/results/$STAMP-jobs.csv"
echo "pipeline,round,jobs,producers,workers,prefetch,enqueue_per_s,jobs_per_s,seconds,complete,load1" >"$CSV"
JAVA_OPTS=(-XX:+UseParallelGC -Xms512m -Xmx512m)
[ "$JFR" = 1 ] && JAVA_OPTS+=("-XX:StartFlightRecording=filename=target/jmh/jobs.jfr,settings=profile")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "jobs benchmark; load before: $LOAD_BEFORE"
java "${JAVA_OPTS[@]}" -cp "target/jmh/classes:$(cat "$CLASSPATH_FILE")" dev.moonlight.jmh.jobs.JobsBenchmark \
  "${ONLY[@]}" "${ARGS[@]}" --csv "$CSV"

TABLE="$BENCH/results/$STAMP-jobs.md"
{
  echo "# bench/jobs.sh $STAMP"
  echo
  echo "$(nproc) cores; load average before the run: $LOAD_BEFORE; medians of the measured rounds."
  echo
  echo "| pipeline | jobs a round | producers | workers | prefetch | enqueue jobs/s | end-to-end jobs/s | rounds | load (1 min) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  python3 - "$CSV" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))]
for pipeline in dict.fromkeys(r["pipeline"] for r in rows):
    mine = [r for r in rows if r["pipeline"] == pipeline]
    med = lambda key: statistics.median(float(r[key]) for r in mine)
    first = mine[0]
    print(f"| {pipeline} | {int(first['jobs']):,} | {first['producers']} | {first['workers']} | {first['prefetch']} "
          f"| {med('enqueue_per_s'):,.0f} | {med('jobs_per_s'):,.0f} | {len(mine)} | {mine[-1]['load1']} |")
PY
} >"$TABLE"
cat "$TABLE"
if awk -F, 'NR > 1 && $10 != "true" { bad = 1 } END { exit !bad }' "$CSV"; then
  echo "bench/jobs.sh: a round did not complete every job (see $CSV)" >&2
  exit 1
fi
log "results: $CSV"
