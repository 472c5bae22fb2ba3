# keepalive-mix: GET /api/v1/ping and POST welcome.ping taking turns on kept-alive connections, as a browser or an
# HTTP client pool does; every call must be answered. Found while building the soak: today some are never answered
# (no database involved). Sourced by run.sh.

case_keepalive_mix() {
  local db=$1 conns=60 wait=2 line
  [ "$QUICK" = 1 ] || { conns=300; wait=5; }
  new_server "keepalive-mix-$db" ""
  start_server
  # $conns connections, 4 at a time, 6 calls each (GET, POST, GET, ...), $wait s for each answer (they take ms).
  line=$("${CLIENT[@]}" mixed "$BASE" --conns "$conns" --calls 6 --parallel 4 --timeout "$wait" --out "$SRV_DIR/mixed.jsonl")
  stop_server
  result keepalive-mix "$db" "$(check "[ $(kv unanswered "$line") = 0 ] && [ $(kv not_200 "$line") = 0 ]")" \
    "$(kv connections "$line") kept-alive connections, GET and POST taking turns (6 calls each, $(kv calls "$line") sent): $(kv unanswered "$line") unanswered within $wait s, $(kv not_200 "$line") not 200, on $(kv connections_hit "$line") connections (get:post $(kv where "$line")) $(msgof "$line")" \
    "every call answered 200"
}
