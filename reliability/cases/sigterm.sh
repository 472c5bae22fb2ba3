# sigterm-load and sigterm-keepalive: a graceful stop (SIGTERM) while clients work. Requests the server read must be
# answered normally (200, or 503 while it drains, never another 5xx), and nothing acknowledged may be lost. Sourced by
# run.sh.

case_sigterm_load() {
  local db=$1 count=300 token out split verify exit_at drain acked lost load_pid
  [ "$QUICK" = 1 ] || count=3000
  database_url "$db"
  new_server "sigterm-load-$db" "$DB_URL"
  start_server
  token=$(server_token)
  out="$SRV_DIR/load.jsonl"
  # SIGTERM once $count creates were answered, from inside the load; the clients go on (reconnecting, refused) for
  # 3 s, well past the drain.
  "${CLIENT[@]}" load "$BASE" --kind create --token "$token" --conns 16 --signal-at "$count" \
    --signal-pid "$SRV_PID" --signal TERM --after 3 --out "$out" >/dev/null &
  load_pid=$!
  PIDS+=("$load_pid")
  wait_exit "$SRV_PID" 40 || die "sigterm-load: pid $SRV_PID still runs 40 s after SIGTERM"
  exit_at=$(now)
  wait "$load_pid" || die "sigterm-load: the load client failed"
  forget_pid "$load_pid"
  split=$("${CLIENT[@]}" signal-split "$out")
  drain=$(python3 -c "import json,sys; print(round($exit_at - json.loads(open(sys.argv[1]).readline())['t'], 1))" "$out")
  start_server
  verify=$("${CLIENT[@]}" verify-tasks "$BASE" --load "$out")
  stop_server
  drop_scratch
  acked=$(kv acked "$verify") lost=$(kv lost "$verify")
  result sigterm-load "$db" "$(check "[ $(kv other_5xx "$split") = 0 ] && [ $lost = 0 ]")" \
    "$acked creates answered 200 (16 connections), SIGTERM under load, exit ${drain} s after it: after it $(kv answered_after_signal "$split") answered ($(kv closes_after_signal "$split") with Connection: close), 503 $(kv s503 "$split"), other 5xx $(kv other_5xx "$split") $(msgof "$split"), no answer $(kv noanswer "$split"), send failed $(kv sendfail "$split"), refused $(kv refused "$split"); restart: $lost of $acked lost" \
    "0 answered 5xx but 503; 0 acknowledged creates lost"
}

case_sigterm_keepalive() {
  local db=$1 seed=300 token line dropped client_pid exit_at drain
  [ "$QUICK" = 1 ] || seed=1000
  database_url "$db"
  new_server "sigterm-keepalive-$db" "$DB_URL"
  start_server
  token=$(server_token)
  # $seed tasks make task.list (all of them) a call of some milliseconds, so the drain has calls to finish.
  "${CLIENT[@]}" load "$BASE" --kind create --token "$token" --conns 4 --count "$seed" --out "$SRV_DIR/seed.jsonl" >/dev/null
  # 16 kept-alive connections, idle after one call each; 24 busy connections list tasks; SIGTERM; once /health says
  # "draining" (or refuses), the idle ones send one task.list each, 20 ms apart (0 to 300 ms into the drain).
  # Dropped: sent on a connection the server had not closed (no FIN seen before the send), then no answer, on an
  # idle or a busy connection alike; a connection closed between requests is clean (a client retries elsewhere).
  "${CLIENT[@]}" keepalive "$BASE" --idle 16 --busy 24 --body '{"service":"task","action":"list"}' \
    --signal-pid "$SRV_PID" --stagger-ms 20 --out "$SRV_DIR/keepalive.jsonl" >"$SRV_DIR/keepalive.txt" &
  client_pid=$!
  PIDS+=("$client_pid")
  wait_exit "$SRV_PID" 40 || die "sigterm-keepalive: pid $SRV_PID still runs 40 s after SIGTERM"
  exit_at=$(now)
  wait "$client_pid" || die "sigterm-keepalive: the client failed"
  forget_pid "$client_pid"
  line=$(cat "$SRV_DIR/keepalive.txt")
  drain=$(python3 -c "import json,sys; print(round($exit_at - json.loads(open(sys.argv[1]).readline())['t'], 1))" "$SRV_DIR/keepalive.jsonl")
  drop_scratch
  dropped=$(( $(kv dropped "$line") + $(kv busy_noanswer "$line") ))
  result sigterm-keepalive "$db" \
    "$(check "[ $dropped = 0 ] && [ $(kv answered_5xx "$line") = 0 ] && [ $(kv busy_5xx "$line") = 0 ]")" \
    "SIGTERM, draining after $(kv drain_seen_ms "$line") ms, exit after ${drain} s; 16 idle keep-alive connections send 0-300 ms into the drain: $(kv answered "$line") answered ($(kv answered_503 "$line") with 503, $(kv answered_5xx "$line") other 5xx, $(kv answered_close "$line") with Connection: close), $(kv closed_while_idle "$line") closed by the server while idle, then $(kv refused "$line") refused, $(kv dropped "$line") dropped unanswered; 24 busy connections after SIGTERM: $(kv busy_after_signal "$line") calls, $(kv busy_5xx "$line") 5xx but 503, $(kv busy_noanswer "$line") dropped unanswered" \
    "0 requests dropped unanswered (idle and busy connections); 0 answered 5xx but 503"
}
