# pg-outage: DeskFlow reaches its scratch PostgreSQL database through lib/proxy.py; the proxy is cut (every
# connection reset, new ones refused), restored, then blackholed (nothing flows, connections hang) and restored.
# The machine's PostgreSQL is never stopped. Sourced by run.sh.

# Most WARN/ERROR lines the server may log for one outage, whatever the number of calls and probes it answers.
OUTAGE_LOG_LINES=${OUTAGE_LOG_LINES:-3}

proxy_cmd() {  # proxy_cmd PORT COMMAND: one control line to the proxy, its answer on stdout
  local answer=""
  exec 4<>"/dev/tcp/127.0.0.1/$1" || die "pg-outage: the proxy's control port $1 does not answer"
  printf '%s\n' "$2" >&4
  read -r -t 10 answer <&4 || true
  exec 4<&-
  [[ "$answer" == ok* ]] || die "pg-outage: the proxy answered '$answer' to $2"
  echo "$answer"
}

case_pg_outage() {
  local proxy_port control_port token mode proxy_pid
  scratch_db
  proxy_port=$(free_port) control_port=$(free_port)
  python3 "$REL/lib/proxy.py" "$proxy_port" 127.0.0.1:5432 "$control_port" >"$WORK/proxy.log" 2>&1 &
  proxy_pid=$!
  PIDS+=("$proxy_pid")
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$control_port") 2>/dev/null && break; sleep 0.1; done
  new_server pg-outage-pg "postgres://postgres@127.0.0.1:$proxy_port/$PG_NAME"
  start_server
  token=$(server_token)
  "${CLIENT[@]}" load "$BASE" --kind create --token "$token" --conns 2 --count 20 --out "$SRV_DIR/seed.jsonl" >/dev/null
  for mode in cut blackhole; do
    outage_phase "$mode" "$control_port"
  done
  stop_server
  kill "$proxy_pid" 2>/dev/null || true
  wait_exit "$proxy_pid" 5 || true
  drop_scratch
}

outage_phase() {  # outage_phase cut|blackhole CONTROL_PORT: one outage of the running server, judged and recorded
  local mode=$1 control=$2 down=5 back=6 dir="$SRV_DIR/$1" pids=() cut restore line lines mark logged stacks loggers
  [ "$QUICK" = 1 ] || { down=10; back=10; }
  mkdir -p "$dir" && rm -f "$dir"/*.started
  local total; total=$(echo "2 + $down + $back" | bc)
  # 4 clients call task.list (it needs the database) every 100 ms; /ready and /health are probed every 200 ms.
  "${CLIENT[@]}" load "$BASE" --kind call --body '{"service":"task","action":"list","limit":5}' --conns 4 \
    --pace-ms 100 --duration "$total" --timeout 30 --started-file "$dir/calls.started" --out "$dir/calls.jsonl" \
    >/dev/null & pids+=($!)
  "${CLIENT[@]}" probe "$BASE/ready" --interval-ms 200 --duration "$total" --started-file "$dir/ready.started" \
    --out "$dir/ready.jsonl" >/dev/null & pids+=($!)
  "${CLIENT[@]}" probe "$BASE/health" --interval-ms 200 --duration "$total" --started-file "$dir/health.started" \
    --out "$dir/health.jsonl" >/dev/null & pids+=($!)
  PIDS+=("${pids[@]}")
  # The fault comes 2 s after the clients' first answers, not after their launch: a python3 start takes seconds on
  # a loaded machine, and calls begun at the fault's first moment are the ones a silent network makes wait.
  for _ in $(seq 1 200); do
    [ -e "$dir/calls.started" ] && [ -e "$dir/ready.started" ] && [ -e "$dir/health.started" ] && break
    sleep 0.1
  done
  [ -e "$dir/calls.started" ] || die "pg-outage: the load client recorded nothing within 20 s"
  sleep 2
  mark=$(wc -l <"$SRV_DIR/server.log")
  cut=$(now)
  proxy_cmd "$control" "$mode" >/dev/null
  sleep "$down"
  restore=$(now)
  proxy_cmd "$control" restore >/dev/null
  local pid; for pid in "${pids[@]}"; do wait "$pid" || die "pg-outage: a client failed"; forget_pid "$pid"; done
  line=$("${CLIENT[@]}" outage --load "$dir/calls.jsonl" --ready "$dir/ready.jsonl" --health "$dir/health.jsonl" \
    --cut "$cut" --restore "$restore" --answer-within 1 --recover-within 5)
  tail -n +"$((mark + 1))" "$SRV_DIR/server.log" >"$dir/server.log"
  logged=$(grep -cE '^[0-9T:.-]+Z +(WARN|ERROR) ' "$dir/server.log" || true)
  stacks=$(grep -cE '^\s+at ' "$dir/server.log" || true)
  loggers=$(grep -E '^[0-9T:.-]+Z +(WARN|ERROR) ' "$dir/server.log" | sed -E 's/.*\] ([^ ]+) +:.*/\1/' | sort | uniq -c \
    | sort -rn | head -3 | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }' || true)
  result "pg-outage/$mode" pg \
    "$(check "[ $(kv bad "$line") = 0 ] && [ $(kv good "$line") -gt 0 ] && [ $(kv ready_not_503 "$line") = 0 ] && [ $(kv health_bad "$line") = 0 ] && [ $logged -le $OUTAGE_LOG_LINES ] && [ $(kv recovered_s "$line") != never ] && [ $(kv late_failures "$line") = 0 ]")" \
    "${down} s down: $(kv calls "$line") calls, $(kv good "$line") answered 503 + Retry-After within 1 s, $(kv served "$line") served before the fault took hold, answers $(kv statuses "$line") (p50 $(kv p50_ms "$line") ms, max $(kv max_ms "$line") ms) $(msgof "$line"); /ready not 503 in $(kv ready_not_503 "$line") of $(kv ready "$line"); /health bad $(kv health_bad "$line") of $(kv health "$line") (max $(kv health_max_ms "$line") ms); log: $logged WARN/ERROR lines (${loggers:-none}), $stacks stack frames; back: first 200 $(kv recovered_s "$line") s after restore, $(kv late_failures "$line") failures after 5 s" \
    "every call 200 or 503 + Retry-After within 1 s, some 503; /ready 503; /health 200; <= $OUTAGE_LOG_LINES WARN/ERROR lines; back within 5 s"
}
