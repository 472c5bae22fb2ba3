# reload: `deskflow reload` (RoadRunner's rr reset) while 16 connections work for 20 s: 4 create tasks, 4 assign them
# (a mail job each), 8 list tasks; the reload is asked 5 s in, and the load goes on at least 3 s past the old process's
# exit (a new process can take longer than 15 s to boot on a busy machine). The new process binds beside the
# old one (SO_REUSEPORT) and serves before the old one drains, so no call may fail: every one is answered 200 (none
# refused, none unanswered, no 503), every acknowledged task is stored, every acknowledged job ends done with one
# mail_outbox row, and the old process exits. On H2 the database is the embedded file, which one process at a time
# can open: the old process serves it to the new one until that one takes the file over. Sourced by run.sh.

case_reload() {
  local db=$1 duration=20 at=5 token writes reads reload_out reload_rc old_pid new_pid jobs tasks boxed outbox w r
  local stop_file started
  database_url "$db"
  new_server "reload-$db" "$DB_URL"
  SRV_RPC="tcp://127.0.0.1:$(free_port)"
  start_server
  old_pid=$SRV_PID
  reload_out="$SRV_DIR/reload.txt"
  token=$(server_token)
  writes="$SRV_DIR/writes.jsonl" reads="$SRV_DIR/reads.jsonl" stop_file="$SRV_DIR/load.stop"
  rm -f "$stop_file"
  started=$(date +%s)
  "${CLIENT[@]}" load "$BASE" --kind create --conns 8 --assign-conns 4 --token "$token" --duration 300 \
    --stop-file "$stop_file" --out "$writes" >/dev/null & w=$!
  "${CLIENT[@]}" load "$BASE" --kind call --body '{"service":"task","action":"list","limit":20}' --conns 8 \
    --token "$token" --duration 300 --stop-file "$stop_file" --out "$reads" >/dev/null & r=$!
  PIDS+=("$w" "$r")
  sleep "$at"
  reload_rc=0
  reload_cli >"$reload_out" 2>&1 || reload_rc=$?
  sleep 3
  while [ $(( $(date +%s) - started )) -lt "$duration" ]; do sleep 0.5; done
  duration=$(( $(date +%s) - started ))
  touch "$stop_file"
  new_pid=$(cat "$SRV_DIR/storage/run/deskflow.pid" 2>/dev/null || echo 0)
  [ "$new_pid" != "$old_pid" ] && [ "$new_pid" != 0 ] && PIDS+=("$new_pid")
  wait "$w" || die "reload: the write load failed"; forget_pid "$w"
  wait "$r" || die "reload: the read load failed"; forget_pid "$r"
  wait_exit "$old_pid" 5 || true
  local old_alive=no; kill -0 "$old_pid" 2>/dev/null && old_alive=yes
  SRV_PID=$new_pid
  w=$("${CLIENT[@]}" signal-split "$writes") r=$("${CLIENT[@]}" signal-split "$reads")
  jobs=$("${CLIENT[@]}" verify-jobs "$BASE" --load "$writes" --token "$token" --since "$(now)" --within 20 --max-wait 25)
  tasks=$("${CLIENT[@]}" verify-tasks "$BASE" --load "$writes")
  outbox="$SRV_DIR/outbox.txt"
  stop_reading_outbox "$db" "$outbox"
  SRV_RPC=""
  drop_scratch
  boxed=$("${CLIENT[@]}" outbox --load "$writes" --outbox "$outbox")
  local ok failed
  ok=$(( $(kv ok "$w") + $(kv ok "$r") ))
  failed=$(( $(kv s503 "$w") + $(kv other_5xx "$w") + $(kv other "$w") + $(kv refused "$w") + $(kv noanswer "$w") \
    + $(kv sendfail "$w") + $(kv timeout "$w") + $(kv connfail "$w") + $(kv s503 "$r") + $(kv other_5xx "$r") \
    + $(kv other "$r") + $(kv refused "$r") + $(kv noanswer "$r") + $(kv sendfail "$r") + $(kv timeout "$r") \
    + $(kv connfail "$r") ))
  result reload "$db" \
    "$(check "[ $reload_rc = 0 ] && [ $failed = 0 ] && [ $ok -gt 0 ] && [ $(kv lost "$tasks") = 0 ] && [ $(kv jobs "$jobs") -gt 0 ] && [ $(kv unknown "$jobs") = 0 ] && [ $(kv failed "$jobs") = 0 ] && [ $(kv all_done_s "$jobs") != none ] && [ $(kv missing "$boxed") = 0 ] && [ $(kv duplicated "$boxed") = 0 ] && [ $old_alive = no ]")" \
    "16 connections for ${duration} s (4 create, 4 assign, 8 list), reload at ${at} s: exit code $reload_rc ($(grep -o 'ready after [0-9.]* s' "$reload_out" || echo 'no ready line')), old pid $old_pid exited: $([ $old_alive = no ] && echo yes || echo NO), new pid $new_pid; $ok calls answered 200, $failed failed (writes: $(kv s503 "$w") 503, $(kv other_5xx "$w") other 5xx, $(kv refused "$w") refused, $(kv noanswer "$w") unanswered; reads: $(kv s503 "$r") 503, $(kv other_5xx "$r") other 5xx, $(kv refused "$r") refused, $(kv noanswer "$r") unanswered) $(msgof "$w"); $(kv acked "$tasks") creates acknowledged, $(kv lost "$tasks") lost; $(kv jobs "$jobs") jobs acknowledged, unknown $(kv unknown "$jobs"), failed $(kv failed "$jobs"), all done (states $(kv states "$jobs")); outbox: $(kv missing "$boxed") without a row, $(kv duplicated "$boxed") with more than one" \
    "0 failed calls; every acknowledged task stored and job done once; the old process exits"
}

reload_cli() {  # runs `deskflow reload` against the server of $SRV_DIR, as an operator would
  (cd "$SRV_DIR" && MOONLIGHT_RPC_LISTEN="$SRV_RPC" exec java -Dmoonlight.project-dir="$SRV_DIR" -jar "$JAR" reload --timeout 120)
}
