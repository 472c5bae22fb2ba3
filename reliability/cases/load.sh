# probes, saturation and soak: what a balancer and a long day see. Sourced by run.sh.

LIST_ALL='{"service":"task","action":"list"}'
GET_ONE='{"service":"task","action":"get","id":1}'

seed_tasks() {  # seed_tasks N TOKEN: N tasks, so task.list (all of them) is a call of some milliseconds
  "${CLIENT[@]}" load "$BASE" --kind create --token "$2" --conns 4 --count "$1" --out "$SRV_DIR/seed.jsonl" >/dev/null
}

# awk reads the whole answer (no early exit): an exit would break curl's pipe, and under pipefail that ended the run.
pool_queued() { curl -s --max-time 2 "$BASE/metrics" | awk '/^moonlight_pool_queued/ && v == "" { v = $2 } END { if (v != "") print v }' || true; }

case_probes() {
  local db=$1 span=5 token ready light health wrk_line queued load_pid
  [ "$QUICK" = 1 ] || span=20
  new_server "probes-$db" ""
  rr_set num_workers 2
  start_server
  token=$(server_token)
  seed_tasks 300 "$token"
  # 1. 8 light clients, each a task.get every 10 ms, on 2 workers; /ready every 100 ms. Calls hardly wait here, so a
  #    balancer must keep this instance: any 503 is a false alarm.
  "${CLIENT[@]}" load "$BASE" --kind call --body "$GET_ONE" --conns 8 --pace-ms 10 --duration "$span" \
    --out "$SRV_DIR/light.jsonl" >/dev/null & load_pid=$!
  PIDS+=("$load_pid")
  "${CLIENT[@]}" probe "$BASE/ready" --interval-ms 100 --duration "$span" --out "$SRV_DIR/ready.jsonl" >/dev/null
  wait "$load_pid"; forget_pid "$load_pid"
  ready=$("${CLIENT[@]}" summary "$SRV_DIR/ready.jsonl")
  light=$("${CLIENT[@]}" summary "$SRV_DIR/light.jsonl")
  result probes/ready "$db" "$(check "[ $(kv s503 "$ready") = 0 ] && [ $(kv n "$ready") -gt 0 ]")" \
    "8 light clients (task.get every 10 ms each: $(kv n "$light") calls, p99 $(kv p99 "$light") ms) on 2 workers: /ready 503 in $(kv s503 "$ready") of $(kv n "$ready") probes $(msgof "$ready")" \
    "/ready never 503"
  # 2. The pool saturated by wrk (64 connections listing 300 tasks on 2 workers, calls queue); /health every 20 ms.
  BENCH_METHOD=POST BENCH_BODY="$LIST_ALL" wrk -t1 -c64 -d"${span}s" -s "$ROOT/bench/wrk/envelope.lua" "$BASE/api/v1/" \
    >"$SRV_DIR/wrk.txt" 2>&1 & load_pid=$!
  PIDS+=("$load_pid")
  sleep 1
  "${CLIENT[@]}" probe "$BASE/health" --interval-ms 20 --duration "$((span - 2))" --out "$SRV_DIR/health.jsonl" >/dev/null &
  local probe_pid=$!
  PIDS+=("$probe_pid")
  while kill -0 "$probe_pid" 2>/dev/null; do pool_queued; sleep 0.5; done >"$SRV_DIR/queued.txt"
  queued=$(sort -n "$SRV_DIR/queued.txt" | awk '{ v[NR] = $1 } END { if (NR) printf "%d-%d, median %d", v[1], v[NR], v[int((NR + 1) / 2)]; else print "?" }')
  wait "$probe_pid"; forget_pid "$probe_pid"
  wait "$load_pid"; forget_pid "$load_pid"
  stop_server
  health=$("${CLIENT[@]}" summary "$SRV_DIR/health.jsonl")
  wrk_line=$(grep '^BENCH ' "$SRV_DIR/wrk.txt" || echo "BENCH rps=?")
  result probes/health "$db" \
    "$(check "[ $(kv n "$health") -gt 0 ] && [ \"$(kv statuses "$health")\" = \"200:$(kv n "$health")\" ] && (( \$(echo '$(kv p99 "$health") < 100' | bc) )) && [ \$(sort -n '$SRV_DIR/queued.txt' | tail -1 | cut -d. -f1) -gt 0 ]")" \
    "pool saturated (wrk 64 connections of task.list, $(sed -E 's/.*rps=([0-9.?]+).*/\1/' <<<"$wrk_line") req/s; calls queued every 0.5 s: $queued): /health $(kv statuses "$health"), p50 $(kv p50 "$health") ms, p99 $(kv p99 "$health") ms, max $(kv max "$health") ms" \
    "calls queue (else the case proves nothing); /health 200, p99 < 100 ms"
}

case_saturation() {
  local db=$1 span=5 token flood recovery code took
  [ "$QUICK" = 1 ] || span=15
  new_server "saturation-$db" ""
  rr_set num_workers 2
  rr_set max_queue_size 4
  rr_set allocate_timeout 2s
  start_server
  token=$(server_token)
  seed_tasks 300 "$token"
  # 32 connections list 300 tasks on 2 workers and a queue of 4: most calls are refused at once, queued ones that
  # wait out allocate_timeout (2 s) are refused then; either way with Retry-After. Then one call must pass at once.
  "${CLIENT[@]}" load "$BASE" --kind call --body "$LIST_ALL" --conns 32 --duration "$span" --timeout 30 \
    --out "$SRV_DIR/flood.jsonl" >/dev/null
  recovery=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST -H 'Content-Type: application/json' -d "$GET_ONE" "$BASE/api/v1/")
  stop_server
  read -r code took <<<"$recovery"
  flood=$("${CLIENT[@]}" summary "$SRV_DIR/flood.jsonl" --allocate-timeout 2)
  result saturation "$db" \
    "$(check "[ $(kv s503 "$flood") -gt 0 ] && [ $(kv s503_no_retry_after "$flood") = 0 ] && [ $(kv s503_late "$flood") = 0 ] && [ $(kv other_5xx "$flood") = 0 ] && [ $code = 200 ] && (( \$(echo '$took < 1' | bc) ))")" \
    "2 workers, queue 4, allocate_timeout 2 s, 32 connections for ${span} s: $(kv statuses "$flood"); 503: $(kv s503_at_once "$flood") at once (< 1 s), $(kv s503_at_timeout "$flood") at allocate_timeout (1.75-3 s), $(kv s503_between "$flood") between, $(kv s503_late "$flood") later (max $(kv s503_max_ms "$flood") ms), $(kv s503_no_retry_after "$flood") without Retry-After; other 5xx $(kv other_5xx "$flood"); next call $code in ${took} s" \
    "every 503 with Retry-After, none later than allocate_timeout + 1 s; no other 5xx; next call 200 within 1 s"
}

soak_wrk() {  # soak_wrk DURATION DELAY_MS: one wrk run of the soak mix on 32 connections; prints its BENCH line
  SOAK_AUTH="Bearer $SOAK_TOKEN" SOAK_DELAY_MS="$2" \
    wrk -t2 -c32 -d"$1" --latency -s "$REL/lib/soak.lua" "$BASE" | grep '^BENCH '
}

case_soak() {
  local db=$1 total warm measure max_line max target delay calib rate service line sampler rss
  total=$(seconds "$SOAK")
  if [ "$QUICK" = 1 ]; then measure=3; warm=10; else measure=10; warm=$(( total / 3 < 120 ? total / 3 : 120 )); fi
  database_url "$db"
  new_server "soak-$db" "$DB_URL"
  start_server
  SOAK_TOKEN=$(server_token)
  "${CLIENT[@]}" load "$BASE" --kind call --token "$SOAK_TOKEN" --conns 1 --count 20 \
    --body '{"service":"task","action":"create","title":"Soak list row","status":"in_progress"}' --out "$SRV_DIR/seed.jsonl" >/dev/null
  # The maximum of the mix (after as long a warm-up), then a pause per request that aims at 80% of it, corrected
  # once by a short paced run (a connection's rate is 1 / (pause + service time)).
  soak_wrk "${measure}s" 0 >/dev/null
  max_line=$(soak_wrk "${measure}s" 0)
  max=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$max_line")
  target=$(echo "$max * 0.8" | bc -l)
  delay=$(echo "32000 / $target" | bc -l)
  calib=$(soak_wrk 3s "$delay")
  rate=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$calib")
  service=$(echo "32000 / $rate - $delay" | bc -l)
  delay=$(echo "d = 32000 / $target - $service; if (d < 0) 0 else d" | bc -l)
  ( while kill -0 "$SRV_PID" 2>/dev/null; do
      echo "$(now) $(awk '/^VmRSS/ { print $2 }' "/proc/$SRV_PID/status" 2>/dev/null)"; sleep 1
    done ) >"$SRV_DIR/rss.txt" & sampler=$!
  PIDS+=("$sampler")
  local began; began=$(now)
  line=$(soak_wrk "${total}s" "$delay")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; forget_pid "$sampler"
  stop_server
  drop_scratch
  # RSS (kB) at the end of the warm-up, at the end, and the highest after the warm-up.
  rss=$(awk -v from="$(echo "$began + $warm" | bc)" 'NF == 2 && $2 > 0 { if ($1 >= from) { if (!w) w = $2; e = $2; if ($2 > m) m = $2 } }
    END { if (!w) { print "none"; exit } printf "warm=%d end=%d max=%d growth=%.1f", w / 1024, e / 1024, m / 1024, (e - w) * 100 / w }' "$SRV_DIR/rss.txt")
  local errors; errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
  rate=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
  result soak "$db" \
    "$(check "[ '$rss' != none ] && [ $errors = 0 ] && (( \$(echo '$(kv growth "$rss") < 10' | bc) ))")" \
    "max $(printf '%.0f' "$max") req/s (32 connections, ping/list/ping/list/create); soak $SOAK at $(printf '%.0f' "$rate") req/s ($(echo "$rate * 100 / $max" | bc)% of max), p99 $(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line") ms, errors $errors; RSS after ${warm} s warm-up $(kv warm "$rss") MB, at the end $(kv end "$rss") MB ($(kv growth "$rss")%), highest $(kv max "$rss") MB" \
    "0 errors; RSS growth < 10% after warm-up"
}
