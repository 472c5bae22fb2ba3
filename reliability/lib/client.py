#!/usr/bin/env python3
"""The load and check client of reliability/run.sh: unlike wrk it records every answer (status, task id, job id,
Retry-After, Connection: close) or the lack of one, so a case can say which acknowledged write was lost.

    client.py token    BASE EMAIL PASSWORD                     registers the member (once) and prints its token
    client.py load     BASE --kind create|assign|call|get --conns C [--assign-conns A] --out FILE [--count N] [--duration S]
                       [--signal-at N --signal-pid PID --signal KILL|TERM --after S] [--stop-file F] [--pace-ms MS]
    client.py verify-tasks BASE --load FILE                    every task acknowledged with 200 still exists
    client.py verify-jobs  BASE --load FILE --token T --since TS --within S --max-wait S
    client.py outbox   --load FILE --outbox FILE               one mail_outbox row per acknowledged job
    client.py probe    URL --clients C --interval-ms MS --duration S --out FILE
    client.py keepalive BASE --idle N --busy C --signal-pid PID --stagger-ms MS --out FILE
    client.py summary  FILE [--from TS] [--to TS] [--kind K]   counts and latencies of a load file's records

Each command prints one line of key=value pairs (run.sh reads them with kv); records are JSON lines:
{"c": connection, "k": kind, "t": wall-clock send time, "ms": latency, "o": outcome, "s": status, ...}.
Outcomes: "answer" (an HTTP status came back), "refused" (the connection was refused, nothing sent), "noanswer" (sent
on a connection the server had not closed, then closed or reset without an answer), "sendfail" (the send itself
failed), "timeout" (no answer within --timeout). A connection the server closed while idle (its FIN seen before the
next send) is not a failure: the client opens a new one, as any HTTP client does, and counts it as idle_closed.
Only loopback servers are meant; every loop is bounded by a count, a duration or a stop file.
"""

import argparse
import http.client
import json
import os
import select
import signal
import socket
import statistics
import sys
import threading
import time
import urllib.parse

API = "/api/v1/"


def kv(msg=None, **pairs):
    """One line of key=value pairs; msg, free text with spaces, comes last (run.sh's kvrest reads it)."""
    line = " ".join(f"{key}={value}" for key, value in pairs.items())
    print(line + (f" msg={msg}" if msg else ""), flush=True)


class Connection:
    """One keep-alive HTTP/1.1 connection that notices when the server closed it between requests."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.http = None
        self.idle_closed = 0

    def _peer_closed(self):
        sock = self.http.sock
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def ensure_open(self):
        """Opens a connection unless one is open; answers None or the outcome that prevented it."""
        if self.http is not None and self._peer_closed():
            if self.http.sock is not None:
                self.idle_closed += 1
            self.close()
        if self.http is None:
            self.http = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.http.connect()
            except ConnectionRefusedError:
                self.close()
                return "refused"
            except OSError:
                self.close()
                return "connfail"
        return None

    def call(self, method, path, body=None, headers=None):
        """Sends one request and answers a record: outcome, status, latency, headers that matter, parsed body."""
        started = time.time()
        record = {"t": round(started, 4)}
        problem = self.ensure_open()
        if problem:
            record.update(o=problem, ms=round((time.time() - started) * 1000, 2))
            return record, None
        sent = time.monotonic()
        record["t"] = round(time.time(), 4)
        try:
            self.http.request(method, path, body=body, headers=headers or {})
        except OSError as ex:
            self.close()
            record.update(o="sendfail", err=type(ex).__name__, ms=0)
            return record, None
        try:
            answer = self.http.getresponse()
            data = answer.read()
        except socket.timeout:
            self.close()
            record.update(o="timeout", ms=round((time.monotonic() - sent) * 1000, 2))
            return record, None
        except (http.client.HTTPException, OSError) as ex:
            self.close()
            record.update(o="noanswer", err=type(ex).__name__, ms=round((time.monotonic() - sent) * 1000, 2))
            return record, None
        record.update(o="answer", s=answer.status, ms=round((time.monotonic() - sent) * 1000, 2))
        if answer.getheader("Retry-After") is not None:
            record["ra"] = answer.getheader("Retry-After")
        if (answer.getheader("Connection") or "").lower() == "close":
            record["cl"] = 1
        if answer.will_close:
            self.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        if answer.status >= 500 or (parsed is None and answer.status != 200):
            record["m"] = (parsed.get("returnMessage") if isinstance(parsed, dict) else data[:160].decode("utf-8", "replace"))
        return record, parsed

    def close(self):
        if self.http is not None:
            self.http.close()
        self.http = None


def split(base):
    url = urllib.parse.urlparse(base)
    return url.hostname, url.port


def envelope(conn, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    return conn.call("POST", API, json.dumps(body), headers)


def cmd_token(args):
    conn = Connection(*split(args.base), 30)
    envelope(conn, {"service": "member", "action": "register", "name": "Reliability", "email": args.email,
                    "password": args.password})
    record, answer = envelope(conn, {"service": "member", "action": "login", "email": args.email,
                                     "password": args.password})
    token = (answer or {}).get("returnData", {}) or {}
    if not token.get("token"):
        sys.exit(f"no token from member.login: {record} {answer}")
    print(token["token"])


class Run:
    """A load's shared state: the count of acknowledgements, the signal trigger and the stop condition."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.acked = 0
        self.records = []
        self.signal_time = None
        self.deadline = time.time() + args.duration if args.duration else None
        self.stop_at = None

    def add(self, record):
        with self.lock:
            if not self.records:
                mark_started(self.args.started_file)
            self.records.append(record)
            if record.get("o") == "answer" and record.get("s") == 200:
                self.acked += 1
                self._maybe_signal()

    def _maybe_signal(self):
        args = self.args
        if args.signal_at and self.signal_time is None and self.acked >= args.signal_at:
            self.signal_time = time.time()
            os.kill(args.signal_pid, getattr(signal, "SIG" + args.signal))
            self.stop_at = self.signal_time + args.after
        if args.count and not args.signal_at and self.acked >= args.count and self.stop_at is None:
            self.stop_at = time.time()

    def running(self):
        now = time.time()
        if self.stop_at is not None and now >= self.stop_at:
            return False
        if self.deadline is not None and now >= self.deadline:
            return False
        return not (self.args.stop_file and os.path.exists(self.args.stop_file))


def request_for(kind, args, conn_no, n, task_id):
    if kind == "create":
        return {"service": "task", "action": "create", "title": f"Reliability {conn_no}-{n}", "assignee": args.email}
    if kind == "assign":
        return {"service": "task", "action": "assign", "id": task_id, "assignee": args.email}
    return json.loads(args.body)


def worker(run, conn_no):
    args = run.args
    conn = Connection(*split(args.base), args.timeout)
    kind, task_id, n = ("assign" if conn_no < args.assign_conns else args.kind), None, 0
    if kind == "assign":
        while run.running() and task_id is None:   # its own task to assign again and again, each a new mail job
            record, answer = envelope(conn, request_for("create", args, conn_no, 0, None), args.token)
            if record.get("s") == 200:
                task_id = answer["returnData"]["task"]["id"]
            elif record.get("s") in (401, 403):
                run.stop_at = time.time()   # a token this server does not take: stop rather than spin
            elif record["o"] != "answer":
                time.sleep(0.05)
    while run.running():
        n += 1
        started = time.monotonic()
        if kind == "get":
            record, answer = conn.call("GET", args.path)
        else:
            record, answer = envelope(conn, request_for(kind, args, conn_no, n, task_id), args.token)
        record.update(c=conn_no, k=kind)
        data = (answer or {}).get("returnData") if isinstance(answer, dict) else None
        if record.get("s") == 200 and isinstance(data, dict):
            if kind == "create":
                record["id"] = data["task"]["id"]
            elif kind == "assign":
                record["job"] = data["job_id"]
        run.add(record)
        if record.get("s") in (401, 403):
            # A token this server does not take: every further call would be refused too; stop rather than spin
            # (the case then fails on its figures instead of hanging).
            run.stop_at = time.time()
        if record["o"] in ("refused", "connfail"):
            time.sleep(0.05)   # the server is down: do not spin
        elif args.pace_ms:
            time.sleep(max(0.0, args.pace_ms / 1000 - (time.monotonic() - started)))
    conn.close()


def cmd_load(args):
    run = Run(args)
    threads = [threading.Thread(target=worker, args=(run, i), daemon=True) for i in range(args.conns)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open(args.out, "w") as out:
        if run.signal_time is not None:
            out.write(json.dumps({"signal": args.signal, "t": round(run.signal_time, 4)}) + "\n")
        for record in sorted(run.records, key=lambda r: r["t"]):
            out.write(json.dumps(record) + "\n")
    kv(acked=run.acked, records=len(run.records), signal_time=run.signal_time or 0)


def read_load(path):
    signal_time, records = None, []
    with open(path) as source:
        for line in source:
            record = json.loads(line)
            if "signal" in record:
                signal_time = record["t"]
            else:
                records.append(record)
    return signal_time, records


def cmd_verify_tasks(args):
    _, records = read_load(args.load)
    ids = sorted({r["id"] for r in records if "id" in r})
    conn = Connection(*split(args.base), 30)
    lost, unsure = [], 0
    for task_id in ids:
        record, _ = envelope(conn, {"service": "task", "action": "get", "id": task_id})
        if record.get("s") == 404:
            lost.append(task_id)
        elif record.get("s") != 200:
            unsure += 1
    kv(acked=len(ids), lost=len(lost), unsure=unsure, lost_ids=",".join(map(str, lost[:20])) or "-")


def cmd_verify_jobs(args):
    """Polls jobs.status for every acknowledged job until all are done or max-wait passes."""
    _, records = read_load(args.load)
    jobs = sorted({r["job"] for r in records if "job" in r})
    conn = Connection(*split(args.base), 30)
    pending, unknown_first, status = set(jobs), set(), {}
    first_poll = True
    done_at = None
    while True:
        for job in sorted(pending):
            record, answer = envelope(conn, {"service": "jobs", "action": "status", "job_id": job}, args.token)
            if record.get("s") == 404 and first_poll:
                unknown_first.add(job)
            if record.get("s") == 200:
                status[job] = answer["returnData"]["status"]
                if status[job] in ("done", "failed"):
                    pending.discard(job)
            elif record.get("s") == 404:
                status[job] = "unknown"
        first_poll = False
        now = time.time()
        if not pending:
            done_at = now
            break
        if now - args.since >= args.max_wait:
            break
        time.sleep(0.25)
    failed = sum(1 for job in jobs if status.get(job) == "failed")
    unknown = sum(1 for job in jobs if status.get(job) == "unknown")
    all_done = done_at is not None and failed == 0
    killed_at, _ = read_load(args.load)
    kv(jobs=len(jobs), unknown=unknown, unknown_at_restart=len(unknown_first), failed=failed, not_done=len(pending),
       all_done_s=round(done_at - args.since, 1) if all_done else "none", within=args.within,
       since_kill_s=round(done_at - killed_at, 1) if all_done and killed_at else "none",
       states=",".join(f"{s}:{sum(1 for j in jobs if status.get(j) == s)}" for s in sorted(set(status.values()))) or "-")


def cmd_outbox(args):
    _, records = read_load(args.load)
    jobs = {r["job"] for r in records if "job" in r}
    rows = {}
    with open(args.outbox) as source:
        for line in source:
            job = line.strip()
            if len(job) == 36 and job.count("-") == 4:
                rows[job] = rows.get(job, 0) + 1
    missing = sum(1 for job in jobs if rows.get(job, 0) == 0)
    twice = sum(1 for job in jobs if rows.get(job, 0) > 1)
    kv(jobs=len(jobs), missing=missing, duplicated=twice)


def percentile(values, percent):
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * percent / 100 + 0.999999) - 1)]


def mark_started(path):
    """Creates PATH (when given) at the first record: a case injects its fault only once its clients really run
    (a python3 start can take seconds on a loaded machine)."""
    if path:
        open(path, "w").close()


def prober(url, interval, until, sink, started_file):
    conn = Connection(url.hostname, url.port, 30)
    path = url.path or "/"
    while time.time() < until:
        started = time.monotonic()
        record, answer = conn.call("GET", path)
        if record.get("s") not in (None, 200) and isinstance(answer, dict):
            checks = answer.get("checks") or {}
            record["m"] = "; ".join(f"{k}: {v}" for k, v in checks.items() if v != "ok") or json.dumps(answer)[:200]
        if not sink:
            mark_started(started_file)
        sink.append(record)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    conn.close()


def cmd_probe(args):
    url = urllib.parse.urlparse(args.url)
    sink = []
    until = time.time() + args.duration
    threads = [threading.Thread(target=prober, args=(url, args.interval_ms / 1000, until, sink, args.started_file)) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open(args.out, "w") as out:
        for record in sorted(sink, key=lambda r: r["t"]):
            out.write(json.dumps(record) + "\n")
    summarize(sink)


def summarize(records, allocate_timeout=None):
    latencies = [r["ms"] for r in records if r.get("o") == "answer"]
    statuses = {}
    for r in records:
        key = str(r.get("s")) if r.get("o") == "answer" else r["o"]
        statuses[key] = statuses.get(key, 0) + 1
    busy = [r for r in records if r.get("s") == 503]
    other_5xx = sum(1 for r in records if r.get("o") == "answer" and r["s"] >= 500 and r["s"] != 503)
    pairs = dict(n=len(records), p50=round(percentile(latencies, 50), 1), p99=round(percentile(latencies, 99), 1),
                 max=round(max(latencies, default=0), 1), other_5xx=other_5xx,
                 s503=len(busy), s503_no_retry_after=sum(1 for r in busy if "ra" not in r),
                 s503_max_ms=round(max((r["ms"] for r in busy), default=0), 1),
                 closes=sum(1 for r in records if r.get("cl")),
                 statuses=",".join(f"{k}:{v}" for k, v in sorted(statuses.items())) or "-")
    if allocate_timeout is not None:
        # At once: under 1 s (room for a busy machine of 2 shared cores); at the timeout: from 250 ms before it to 1 s
        # after; late: more than 1 s after it, a call that waited longer than allocate_timeout says.
        limit = allocate_timeout * 1000
        at_once = sum(1 for r in busy if r["ms"] < 1000)
        at_timeout = sum(1 for r in busy if limit - 250 <= r["ms"] <= limit + 1000)
        late = sum(1 for r in busy if r["ms"] > limit + 1000)
        pairs.update(s503_at_once=at_once, s503_at_timeout=at_timeout, s503_late=late,
                     s503_between=len(busy) - at_once - at_timeout - late)
    messages = sorted({r["m"] for r in records if r.get("m")})
    kv(msg=messages[0][:160] if messages else None, **pairs)


def cmd_summary(args):
    signal_time, records = read_load(args.file)
    start = args.start if args.start is not None else float("-inf")
    end = args.end if args.end is not None else float("inf")
    chosen = [r for r in records if start <= r["t"] < end and (args.kind is None or r.get("k") == args.kind)]
    summarize(chosen, args.allocate_timeout)


def cmd_signal_split(args):
    """Outcomes of a load around its signal: what was answered, refused and left unanswered, and 5xx other than 503."""
    signal_time, records = read_load(args.file)
    after = [r for r in records if signal_time is not None and r["t"] >= signal_time - 0.001]
    counts = {"ok": 0, "s503": 0, "other_5xx": 0, "other": 0, "refused": 0, "noanswer": 0, "sendfail": 0,
              "timeout": 0, "connfail": 0}
    for r in records:
        if r["o"] == "answer":
            counts["ok" if r["s"] == 200 else "s503" if r["s"] == 503 else "other_5xx" if r["s"] >= 500 else "other"] += 1
        else:
            counts[r["o"]] += 1
    messages = sorted({r.get("m") for r in records if r.get("o") == "answer" and r["s"] >= 500 and r.get("m")})
    kv(**counts, answered_after_signal=sum(1 for r in after if r["o"] == "answer"),
       closes_after_signal=sum(1 for r in after if r.get("cl")), msg=messages[0][:100] if messages else None)


def cmd_outage(args):
    """An outage between --cut and --restore, judged from the calls' and the probes' records."""
    _, calls = read_load(args.load)
    _, ready = read_load(args.ready)
    _, health = read_load(args.health)
    during = [r for r in calls if args.cut <= r["t"] < args.restore]
    # Good during the outage: an answer 503 with Retry-After within --answer-within seconds. A 200 is no failure
    # either: a call the database served in the moment before the fault took hold (the cut is timed before the
    # proxy acts on it) got a true answer. Only the 503s prove the outage happened, so they are counted apart.
    good = [r for r in during if r.get("s") == 503 and "ra" in r and r["ms"] <= args.answer_within * 1000]
    served = [r for r in during if r.get("s") == 200]
    statuses = {}
    for r in during:
        key = str(r.get("s")) if r["o"] == "answer" else r["o"]
        statuses[key] = statuses.get(key, 0) + 1
    ready_during = [r for r in ready if args.cut + args.answer_within <= r["t"] < args.restore]
    after = [r for r in calls if r["t"] >= args.restore]
    first_ok = min((r["t"] + r["ms"] / 1000 for r in after if r.get("s") == 200), default=None)
    late_failures = sum(1 for r in after if r["t"] >= args.restore + args.recover_within and r.get("s") != 200)
    messages = sorted({r["m"] for r in during if r.get("m")})
    kv(calls=len(during), good=len(good), served=len(served), bad=len(during) - len(good) - len(served),
       max_ms=round(max((r["ms"] for r in during), default=0)),
       p50_ms=round(percentile([r["ms"] for r in during], 50)),
       statuses=",".join(f"{k}:{v}" for k, v in sorted(statuses.items())) or "-",
       ready=len(ready_during), ready_not_503=sum(1 for r in ready_during if r.get("s") != 503),
       health=len(health), health_bad=sum(1 for r in health if r.get("s") != 200 or r["ms"] > 1000),
       health_max_ms=round(max((r["ms"] for r in health), default=0)),
       recovered_s=round(first_ok - args.restore, 1) if first_ok else "never", late_failures=late_failures,
       msg=messages[0][:100] if messages else None)


def cmd_mixed(args):
    """GET /api/v1/ping and POST welcome.ping taking turns on each kept-alive connection: every call must be answered."""
    host, port = split(args.base)
    records, lock = [], threading.Lock()

    def one(i):
        conn = Connection(host, port, args.timeout)
        for n in range(args.calls):
            if n % 2 == 0:
                record, _ = conn.call("GET", "/api/v1/ping")
            else:
                record, _ = envelope(conn, {"service": "welcome", "action": "ping"})
            record.update(c=i, k="get" if n % 2 == 0 else "post", n=n)
            with lock:
                records.append(record)
            if record["o"] != "answer":
                break   # this connection is spent; the next one starts afresh
        conn.close()

    for start in range(0, args.conns, args.parallel):
        threads = [threading.Thread(target=one, args=(i,)) for i in range(start, min(args.conns, start + args.parallel))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    with open(args.out, "w") as out:
        for record in sorted(records, key=lambda r: r["t"]):
            out.write(json.dumps(record) + "\n")
    failed = [r for r in records if r["o"] != "answer" or r["s"] != 200]
    kv(connections=args.conns, calls=len(records), unanswered=sum(1 for r in failed if r["o"] != "answer"),
       not_200=sum(1 for r in failed if r["o"] == "answer"),
       connections_hit=len({r["c"] for r in failed}),
       where=",".join(f"{k}:{sum(1 for r in failed if r['k'] == k)}" for k in ("get", "post")),
       msg=(f"first: call {failed[0]['n'] + 1} ({failed[0]['k']}) {failed[0]['o']} after {failed[0]['ms']} ms"
            if failed else None))


def wait_for_drain(host, port, until):
    """The moment the stopping server says so: /health answers "draining" (or new connections are refused)."""
    while time.time() < until:
        conn = Connection(host, port, 2)
        record, answer = conn.call("GET", "/health")
        conn.close()
        if record["o"] != "answer" or (isinstance(answer, dict) and answer.get("status") == "draining"):
            return time.time()
        time.sleep(0.005)
    return time.time()


def cmd_keepalive(args):
    """Idle keep-alive connections that send one request each while the server shuts down under a busy load."""
    host, port = split(args.base)
    body = json.loads(args.body)
    stop = threading.Event()
    busy_records, lock = [], threading.Lock()

    def busy(i):
        conn = Connection(host, port, args.timeout)
        while not stop.is_set():
            record, _ = envelope(conn, body)
            record.update(c=i, k="busy")
            with lock:
                busy_records.append(record)
            if record["o"] in ("refused", "connfail"):
                time.sleep(0.05)
        conn.close()

    idle = [Connection(host, port, args.timeout) for _ in range(args.idle)]
    for conn in idle:
        record, _ = envelope(conn, body)
        if record.get("s") != 200:
            sys.exit(f"keepalive: the warm-up call failed: {record}")
    threads = [threading.Thread(target=busy, args=(i,), daemon=True) for i in range(args.busy)]
    for thread in threads:
        thread.start()
    time.sleep(args.load_before)
    signal_time = time.time()
    os.kill(args.signal_pid, signal.SIGTERM)
    drain_seen = wait_for_drain(host, port, signal_time + args.timeout)
    results = []

    def late(i, conn):
        time.sleep(max(0.0, drain_seen + i * args.stagger_ms / 1000 - time.time()))
        before = conn.idle_closed
        record, _ = envelope(conn, body)
        record.update(c=i, k="idle", closed_first=conn.idle_closed - before)
        with lock:
            results.append(record)
        conn.close()

    senders = [threading.Thread(target=late, args=(i, conn)) for i, conn in enumerate(idle)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    time.sleep(args.settle)
    stop.set()
    for thread in threads:
        thread.join(timeout=args.timeout + 1)
    with open(args.out, "w") as out:
        out.write(json.dumps({"signal": "TERM", "t": round(signal_time, 4)}) + "\n")
        for record in sorted(results + busy_records, key=lambda r: r["t"]):
            out.write(json.dumps(record) + "\n")
    # An idle request counts as dropped when it was sent on a connection the server had not closed and got nothing.
    dropped = sum(1 for r in results if r["o"] in ("noanswer", "sendfail", "timeout") and not r["closed_first"])
    answered = [r for r in results if r["o"] == "answer"]
    busy_after = [r for r in busy_records if r["t"] >= signal_time]
    kv(idle=len(results), drain_seen_ms=round((drain_seen - signal_time) * 1000), answered=len(answered),
       answered_503=sum(1 for r in answered if r["s"] == 503),
       answered_5xx=sum(1 for r in answered if r["s"] >= 500 and r["s"] != 503),
       answered_close=sum(1 for r in answered if r.get("cl")),
       closed_while_idle=sum(1 for r in results if r["closed_first"]),
       refused=sum(1 for r in results if r["o"] == "refused"), dropped=dropped,
       busy_after_signal=len(busy_after),
       busy_5xx=sum(1 for r in busy_after if r.get("o") == "answer" and r["s"] >= 500 and r["s"] != 503),
       busy_noanswer=sum(1 for r in busy_after if r["o"] in ("noanswer", "sendfail", "timeout")))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    token = commands.add_parser("token")
    token.add_argument("base")
    token.add_argument("email")
    token.add_argument("password")
    load = commands.add_parser("load")
    load.add_argument("base")
    load.add_argument("--kind", choices=("create", "assign", "call", "get"), required=True)
    load.add_argument("--body", default='{"service":"welcome","action":"ping"}')
    load.add_argument("--path", default="/api/v1/ping")
    load.add_argument("--token")
    load.add_argument("--email", default="reliability@northwind.studio")
    load.add_argument("--conns", type=int, default=4)
    load.add_argument("--assign-conns", type=int, default=0, help="of --conns, how many assign (the others: --kind)")
    load.add_argument("--count", type=int, default=0)
    load.add_argument("--duration", type=float, default=0)
    load.add_argument("--signal-at", type=int, default=0)
    load.add_argument("--signal-pid", type=int)
    load.add_argument("--signal", choices=("KILL", "TERM"), default="KILL")
    load.add_argument("--after", type=float, default=3)
    load.add_argument("--stop-file")
    load.add_argument("--pace-ms", type=float, default=0)
    load.add_argument("--timeout", type=float, default=20)
    load.add_argument("--started-file", help="created at the first answer (or failure) recorded")
    load.add_argument("--out", required=True)
    tasks = commands.add_parser("verify-tasks")
    tasks.add_argument("base")
    tasks.add_argument("--load", required=True)
    jobs = commands.add_parser("verify-jobs")
    jobs.add_argument("base")
    jobs.add_argument("--load", required=True)
    jobs.add_argument("--token", required=True)
    jobs.add_argument("--since", type=float, required=True)
    jobs.add_argument("--within", type=float, default=20)
    jobs.add_argument("--max-wait", type=float, default=25)
    outbox = commands.add_parser("outbox")
    outbox.add_argument("--load", required=True)
    outbox.add_argument("--outbox", required=True)
    probe = commands.add_parser("probe")
    probe.add_argument("url")
    probe.add_argument("--clients", type=int, default=1)
    probe.add_argument("--interval-ms", type=float, default=100)
    probe.add_argument("--duration", type=float, required=True)
    probe.add_argument("--started-file", help="created at the first answer (or failure) recorded")
    probe.add_argument("--out", required=True)
    summary = commands.add_parser("summary")
    summary.add_argument("file")
    summary.add_argument("--from", dest="start", type=float)
    summary.add_argument("--to", dest="end", type=float)
    summary.add_argument("--kind")
    summary.add_argument("--allocate-timeout", type=float)
    split_signal = commands.add_parser("signal-split")
    split_signal.add_argument("file")
    keepalive = commands.add_parser("keepalive")
    keepalive.add_argument("base")
    keepalive.add_argument("--idle", type=int, default=16)
    keepalive.add_argument("--busy", type=int, default=8)
    keepalive.add_argument("--body", default='{"service":"task","action":"list"}')
    keepalive.add_argument("--signal-pid", type=int, required=True)
    keepalive.add_argument("--stagger-ms", type=float, default=8)
    keepalive.add_argument("--load-before", type=float, default=1)
    keepalive.add_argument("--settle", type=float, default=1)
    keepalive.add_argument("--timeout", type=float, default=20)
    keepalive.add_argument("--out", required=True)
    outage = commands.add_parser("outage")
    outage.add_argument("--load", required=True)
    outage.add_argument("--ready", required=True)
    outage.add_argument("--health", required=True)
    outage.add_argument("--cut", type=float, required=True)
    outage.add_argument("--restore", type=float, required=True)
    outage.add_argument("--answer-within", type=float, default=1)
    outage.add_argument("--recover-within", type=float, default=5)
    mixed = commands.add_parser("mixed")
    mixed.add_argument("base")
    mixed.add_argument("--conns", type=int, default=60)
    mixed.add_argument("--calls", type=int, default=6)
    mixed.add_argument("--parallel", type=int, default=4)
    mixed.add_argument("--timeout", type=float, default=5)
    mixed.add_argument("--out", required=True)
    args = parser.parse_args()
    {"mixed": cmd_mixed, "outage": cmd_outage, "token": cmd_token, "load": cmd_load, "verify-tasks": cmd_verify_tasks, "verify-jobs": cmd_verify_jobs,
     "outbox": cmd_outbox, "probe": cmd_probe, "summary": cmd_summary, "signal-split": cmd_signal_split,
     "keepalive": cmd_keepalive}[args.command](args)


if __name__ == "__main__":
    main()
