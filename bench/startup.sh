#!/usr/bin/env bash
# Cold start, side by side in one run: `java -jar` to the first 200 on GET /api/v1/ping, and the RSS at that moment,
# for DeskFlow and the plain Spring WebFlux + JDBC baseline of bench/ (bench-baselines.jar webflux), each plain and
# with a class-data archive (CDS, Java 17), and DeskFlow on the newer JDK (Temurin 25 under /usr/lib/jvm) plain and
# with an AOT cache (JEP 483/514/515). DeskFlow's archived starts also use the Spring AOT bean definitions its jar
# carries (-Dspring.aot.enabled=true), as docs/production.md's fast start does; the baseline has none.
#
#   bench/startup.sh [--quick] [--runs N]
#
# Every start is a fresh JVM in a folder prepared once (DeskFlow: production, the embedded H2 database migrated by an
# untimed first boot, so each timed start is the restart an operator sees). The archives are made the way docs/production.md
# tells an operator to: the jar extracted (`-Djarmode=tools ... extract`), one training run that serves calls and stops
# (`-Dmoonlight.training-run=20 -Dspring.aot.enabled=true`, and on Java 25 `-XX:TieredStopAtLevel=2`; the baseline gets
# 80 pings and SIGTERM), then starts with
# the archive (and, for DeskFlow, -Dspring.aot.enabled=true). The rows
# take turns, one start each, so a slow minute of the shared machine falls on all of them. Medians of --runs (5; 2 quick).
# The goals (issue 14) are reported, not enforced: the machine is shared. A start that fails is a failure (exit 1).
# Loopback only; stops only the processes it started.
set -Eeuo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="$BENCH/scratch-startup"
RUNS=5 QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 RUNS=2 ;;
    --runs) RUNS="$2"; shift ;;
    *) echo "bench/startup.sh: unknown argument $1 (--quick, --runs N)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench/startup.sh: %s\n' "$*" >&2; exit 1; }
trap 'log "!!! bench/startup.sh stopped: \"$BASH_COMMAND\" failed (exit $?) at line $LINENO !!!"' ERR

PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

JAVA17=java
JAVA25=""
for candidate in /usr/lib/jvm/temurin-25*/bin/java; do [ -x "$candidate" ] && JAVA25="$candidate"; done
[ -f "$ROOT/target/deskflow.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
[ -f "$BENCH/target/bench-baselines.jar" ] || (cd "$ROOT" && ./mvnw -B -q -f bench/pom.xml package -DskipTests)
rm -rf "$WORK" && mkdir -p "$WORK"

free_port() {  # a port nobody listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
# start KIND DIR JAVA [JVM OPTIONS...]: starts one server in the background; sets PID and PORT
start() {
  local kind=$1 dir=$2 java=$3
  shift 3
  PORT=$(free_port)
  if [ "$kind" = deskflow ]; then
    # The admin RPC port is left to the kernel (0): a port picked here may be taken before the server binds it.
    # No argument: the start an operator makes (the access log on, as the jar's Spring AOT build saw it).
    (cd "$dir" && APP_ENV=production JWT_SECRET="$SECRET" PORT="$PORT" HOST=127.0.0.1 \
      MOONLIGHT_RPC_LISTEN="tcp://127.0.0.1:0" exec "$java" "$@" -jar "$dir/app/deskflow.jar") >>"$dir/server.log" 2>&1 &
  else
    (cd "$dir" && exec "$java" "$@" -jar "$dir/app/bench-baselines.jar" webflux 127.0.0.1 "$PORT" \
      "jdbc:h2:file:$dir/bench") >>"$dir/server.log" 2>&1 &
  fi
  PID=$!
  PIDS+=("$PID")
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# one KIND DIR JAVA [JVM OPTIONS...]: prints "MS RSS_MB" of one cold start to the first 200 on ping
one() {
  local kind=$1 dir=$2 started now rss
  started=$(date +%s%N)
  start "$@"
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/ping"; do
    kill -0 "$PID" 2>/dev/null || die "$kind in $dir exited before its first answer (see $dir/server.log)"
    (( ($(date +%s%N) - started) / 1000000 < 120000 )) || { stop "$PID"; die "$kind in $dir did not answer within 120 s"; }
    sleep 0.02
  done
  now=$(date +%s%N)
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
  stop "$PID"
  echo "$(( (now - started) / 1000000 )) $rss"
}

# prepare KIND NAME: a folder with the jar extracted as Spring Boot's tools extract it; DeskFlow booted once (untimed)
prepare() {
  local kind=$1 dir="$WORK/$2" jar
  jar=$([ "$kind" = deskflow ] && echo "$ROOT/target/deskflow.jar" || echo "$BENCH/target/bench-baselines.jar")
  mkdir -p "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1 \
    || die "extracting $jar failed (see $dir/extract.log)"
  [ "$kind" = deskflow ] && one deskflow "$dir" "$JAVA17" >/dev/null
  echo "$dir"
}

# train KIND DIR JAVA OPTION [MORE...]: the training run (it serves calls, then stops cleanly, and the JVM writes the archive
# named by OPTION). DeskFlow as docs/production.md tells an operator: -Dmoonlight.training-run=N calls itself N rounds and stops.
# The baseline has no such switch and one route: 80 pings from here, then SIGTERM.
train() {
  local kind=$1 dir=$2 java=$3 option=$4
  shift 4
  if [ "$kind" = deskflow ]; then
    start "$kind" "$dir" "$java" "$option" "$@" -Dmoonlight.training-run=20
    local waited=0
    while kill -0 "$PID" 2>/dev/null; do  # it stops by itself; a boot that hangs must not hang the bench
      [ $((waited += 1)) -lt 3000 ] || { kill -9 "$PID"; die "the training run of $dir did not end within 300 s"; }
      sleep 0.1
    done
    wait "$PID" || die "the training run of $dir failed (see $dir/server.log)"
  else
    start "$kind" "$dir" "$java" "$option" "$@"
    local tries=0
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/ping"; do
      kill -0 "$PID" 2>/dev/null && [ $((tries += 1)) -lt 6000 ] || die "the training run of $dir did not answer"
      sleep 0.02
    done
    for _ in $(seq 1 80); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/ping"; done
    stop "$PID"
  fi
  local file=${option#*=}
  [ -s "$file" ] || die "the training run made no $file (see $dir/server.log)"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
declare -A TIMES RSSS
# round LABEL KIND DIR JAVA [OPTIONS...]: one cold start, its time and RSS added to LABEL's
round() {
  local label=$1 line
  shift
  line=$(one "$@")
  TIMES[$label]+="${line% *} " RSSS[$label]+="${line#* } "
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# summarize LABEL: the median time and RSS of its starts, logged and kept for the table
summarize() {
  local label=$1 ms rss
  ms=$(median <<<"${TIMES[$label]}")
  rss=$(median <<<"${RSSS[$label]}")
  log "$label: median $ms ms to the first answer (runs: ${TIMES[$label]% } ms), RSS $rss MB"
  printf '%s\t%s\t%s\t%s\n' "$label" "$ms" "$rss" "${TIMES[$label]% }" >>"$RESULTS"
}
ms_of() { awk -F'\t' -v l="$1" '$1 == l { print $2 }' "$RESULTS"; }

log "cold starts, $RUNS a row, the rows taking turns (so a slow minute of the machine falls on all of them);" \
    "$(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
DF=$(prepare deskflow deskflow-17)
BL=$(prepare baseline baseline-17)
SPRING_AOT=-Dspring.aot.enabled=true
train deskflow "$DF" "$JAVA17" "-XX:ArchiveClassesAtExit=$DF/app.jsa" "$SPRING_AOT"
train baseline "$BL" "$JAVA17" "-XX:ArchiveClassesAtExit=$BL/app.jsa"
LABELS=("DeskFlow, Java 17" "baseline, Java 17" "DeskFlow, Java 17, CDS + Spring AOT" "baseline, Java 17, CDS")
if [ -n "$JAVA25" ]; then
  D25=$(prepare deskflow deskflow-25)
  # Tier 2 in the training only, as docs/production.md tells an operator: the cache then holds no C2 compilations
  # for the start to redo early, beside the boot, on 2 cores.
  train deskflow "$D25" "$JAVA25" "-XX:AOTCacheOutput=$D25/app.aot" "$SPRING_AOT" -XX:TieredStopAtLevel=2
  LABELS+=("DeskFlow, Java 25" "DeskFlow, Java 25, AOT cache + Spring AOT")
else
  log "!!! no Temurin 25 under /usr/lib/jvm: the AOT cache rows are not measured !!!"
fi
for _ in $(seq 1 "$RUNS"); do
  round "DeskFlow, Java 17" deskflow "$DF" "$JAVA17"
  round "baseline, Java 17" baseline "$BL" "$JAVA17"
  round "DeskFlow, Java 17, CDS + Spring AOT" deskflow "$DF" "$JAVA17" "-XX:SharedArchiveFile=$DF/app.jsa" "$SPRING_AOT"
  round "baseline, Java 17, CDS" baseline "$BL" "$JAVA17" "-XX:SharedArchiveFile=$BL/app.jsa"
  if [ -n "$JAVA25" ]; then
    round "DeskFlow, Java 25" deskflow "$D25" "$JAVA25"
    round "DeskFlow, Java 25, AOT cache + Spring AOT" deskflow "$D25" "$JAVA25" "-XX:AOTCache=$D25/app.aot" \
      "$SPRING_AOT"
  fi
done
for label in "${LABELS[@]}"; do summarize "$label"; done
# A Spring AOT start that fell back (AotConditionsGuard) would time the plain boot under the wrong label.
for dir in "$DF" ${D25:+"$D25"}; do
  grep -q "Starting AOT-processed" "$dir/server.log" || die "no start in $dir used Spring AOT (see $dir/server.log)"
  ! grep -q "Starting without Spring AOT" "$dir/server.log" || die "a start in $dir fell back from Spring AOT (see $dir/server.log)"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }  # 3 places: the goal is not met by rounding
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g) ? "met" : "NOT met" }'; }
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
TABLE="$BENCH/results/startup-$STAMP.md"
mkdir -p "$BENCH/results"
{
  echo "# bench/startup.sh $STAMP ($([ "$QUICK" = 1 ] && echo quick || echo full))"
  echo
  echo "$(nproc) cores shared with other work; load at the end: $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS" \
       "cold starts per row, \`java -jar\` to the first 200 on GET /api/v1/ping; commit" \
       "$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)."
  echo
  echo "| start | ms to first answer (median) | RSS MB | runs (ms) |"
  echo "|---|---:|---:|---|"
  while IFS=$'\t' read -r label ms rss runs; do echo "| $label | $ms | $rss | $runs |"; done <"$RESULTS"
  echo
  r1=$(ratio "$(ms_of "DeskFlow, Java 17, CDS + Spring AOT")" "$(ms_of "baseline, Java 17, CDS")")
  echo "- Java 17, DeskFlow with CDS and Spring AOT / baseline with CDS: **${r1}x** (goal ≤ 1.3x: $(verdict "$r1" 1.3))"
  if [ -n "$JAVA25" ]; then
    r2=$(ratio "$(ms_of "DeskFlow, Java 25, AOT cache + Spring AOT")" "$(ms_of "DeskFlow, Java 25")")
    echo "- Java 25, DeskFlow with an AOT cache and Spring AOT / plain: **${r2}x** (goal ≤ 0.35x: $(verdict "$r2" 0.35))"
  fi
} >"$TABLE"
cat "$TABLE"
log "results: $TABLE"
