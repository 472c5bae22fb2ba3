#!/usr/bin/env python3
"""The docs check: runs every ```bash block of README.md and docs/*.md as a reader would, and checks what they show.

Each file is read in a fresh copy of the project (its config files, the packaged jar at target/deskflow.jar, and for
`./mvnw` the build files), so the demo database is new and ids match the examples. Commands run one by one in one
shell session per file (`cd` and variables carry on). The `# ...` lines right after a command are its expected output:
each must be found in what the command printed, where `...` stands for anything, `<word>` for a word, and `"xyz..."`
for any quoted value,
which is kept and put in place of `xyz...` in the commands after it (the token from a login, a job id). In lines that
are not an envelope (`{...}`) or a status line (`HTTP/...`), numbers stand for any number (pids, times, counts).

A command that runs a server in the foreground (`java -jar deskflow.jar`, `./mvnw spring-boot:run`) is started in the
background, waited for until it answers /api/v1/ping, and stopped when the file ends. `nc HOST PORT` sends the lines
after it one by one and reads one answer line each. An HTML comment right above a block tunes the run:
  <!-- docs-check: server -->                  a detached DeskFlow runs while the block does
  <!-- docs-check: setup: <shell> -->          runs first, in the same session
  <!-- docs-check: teardown: <shell> -->       runs at the end of the file, even after a failure
  <!-- docs-check: listens -->                 its commands keep running (a listener): each is stopped once it
                                               has printed what the docs show
  <!-- docs-check: retry: <text> -->           a command holding text is run again, for up to 30 s, until its
                                               output matches (a read of a state that a background job changes)
Paths and hosts that exist only in production are mapped into the sandbox (SANDBOXED below); `./mvnw test` is the
one command not run here, because .ci/run runs it as its first step.

Usage: python3 docs/check.py [FILE.md ...]   (from the repository root, after ./mvnw package; DOCS_CHECK_SHOW=1
prints what each command printed, for writing a block's # lines)
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "deskflow.jar"
COMMAND_TIMEOUT = 180
PORTS = (8000, 8443, 7070, 2525, 6001)
NOT_RUN_HERE = {"./mvnw test": ".ci/run runs it as its first step"}
FOREGROUND_SERVER = re.compile(r"(^|\s)(java\s+(-\S+\s+)*-jar\s+\S*deskflow\.jar|\./mvnw\s+spring-boot:run)\s*$")
TRAINING_RUN = "-Dmoonlight.training-run="  # boots, serves its training calls and exits by itself
DIRECTIVE = re.compile(r"<!--\s*docs-check:\s*(server|setup|teardown|retry|listens)\s*:?\s*(.*?)\s*-->")
RETRY_FOR = 30


def sandboxed(scratch, database):
    """Production paths and hosts, mapped to the sandbox of one file."""
    return [
        ("/srv/deskflow", str(scratch / "srv")),
        ("/opt/deskflow", str(scratch / "srv")),
        ("/var/lib/deskflow", str(scratch / "var-lib")),
        ("postgres://deskflow@db:5432/deskflow", f"postgres://postgres@127.0.0.1:5432/{database}"),
    ]


class Failure(Exception):
    pass


def blocks(markdown):
    """(line number, directives, text) of each bash block."""
    lines = markdown.read_text().splitlines()
    found, index = [], 0
    while index < len(lines):
        fence = re.match(r"^(\s*)```bash\s*$", lines[index])
        if not fence:
            index += 1
            continue
        indent, start, body = len(fence.group(1)), index + 1, []
        directives = []
        back = index - 1
        while back >= 0 and (DIRECTIVE.search(lines[back]) or not lines[back].strip()):
            match = DIRECTIVE.search(lines[back])
            if match:
                directives.insert(0, (match.group(1), match.group(2)))
            back -= 1
        index += 1
        while index < len(lines) and not re.match(r"^\s*```\s*$", lines[index]):
            body.append(lines[index][indent:] if lines[index][:indent].isspace() else lines[index].lstrip())
            index += 1
        found.append((start, directives, "\n".join(body)))
        index += 1
    return found


def complete(text):
    """Whether text is a whole shell command: quotes closed, no continuation, here-documents ended."""
    if text.rstrip().endswith("\\"):
        return False
    check = subprocess.run(["bash", "-n"], input=text + "\n", capture_output=True, text=True)
    return check.returncode == 0 and "here-document" not in check.stderr


def commands(text):
    """(command, expected lines) pairs; comment lines right after a command are its expected output."""
    pairs, pending = [], ""
    for line in text.splitlines():
        if not pending and line.startswith("#"):
            if pairs:
                pairs[-1][1].append(line[1:].strip())
            continue
        if not pending and not line.strip():
            continue
        pending = pending + "\n" + line if pending else line
        if complete(pending):
            pairs.append((pending, []))
            pending = ""
    if pending:
        raise Failure(f"an unfinished command: {pending!r}")
    return pairs


def pattern(expected, captures):
    """A regular expression for one expected line; `"xyz..."` captures a quoted value under the name xyz..."""
    exact = expected.startswith("{") or expected.startswith("HTTP/")
    parts, names = [], []
    for token in re.split(r'("[A-Za-z0-9_-]+\.\.\."|\.\.\.|<[a-z-]+>|\s+|\d+(?:\.\d+)?)', expected):
        if not token:
            continue
        if re.fullmatch(r"<[a-z-]+>", token):
            parts.append(r"\S+")
            continue
        if re.fullmatch(r'"[A-Za-z0-9_-]+\.\.\."', token):
            names.append(token[1:-1])
            parts.append(r'"([^"]*)"')
        elif token == "...":
            parts.append(r"[\s\S]*?")
        elif token.isspace():
            parts.append(r"\s+")
        elif not exact and re.fullmatch(r"\d+(?:\.\d+)?", token):
            parts.append(r"\d+(?:\.\d+)?")
        else:
            parts.append(re.escape(token))
    return re.compile("".join(parts)), names


def check_output(command, expected, output, captures):
    for line in expected:
        regex, names = pattern(line, captures)
        match = regex.search(output)
        if not match:
            raise Failure(f"{command!r} printed no line like\n    {line}\n  it printed:\n{indent(output)}")
        for name, value in zip(names, match.groups()):
            captures[name] = value


def matches(expected, output):
    return all(pattern(line, {})[0].search(output) for line in expected)


def until_it_matches(run, command, expected, captures):
    deadline = time.monotonic() + RETRY_FOR
    while True:
        try:
            return check_output(command, expected, run(), captures)
        except Failure:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)  # what it waits for happens in the server; the docs' reader would run it again too


def indent(text):
    return "\n".join("    " + line for line in text.strip().splitlines()[-40:]) or "    (nothing)"


def substitute(command, captures, mapping):
    for name, value in captures.items():
        command = command.replace(name, value)
    for production, sandbox in mapping:
        command = command.replace(production, sandbox)
    return command


class Session:
    """One shell session per file: the working folder and exported variables carry from command to command."""

    def __init__(self, project, scratch):
        self.cwd = project
        self.state = scratch / "session.env"
        self.state.write_text("")
        self.servers = []
        self.scratch = scratch

    def run(self, command, timeout=COMMAND_TIMEOUT):
        script = (
            f'cd "{self.cwd}"\nset -a -o pipefail\n. "{self.state}"\n'
            f"{command}\nstatus=$?\n"
            f'pwd > "{self.scratch}/cwd"\nexport -p > "{self.state}"\nexit $status\n'
        )
        process = subprocess.Popen(["bash", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise Failure(f"{command!r} did not end within {timeout} s")
        self.cwd = (self.scratch / "cwd").read_text().strip() or self.cwd
        if process.returncode != 0:
            raise Failure(f"{command!r} exited {process.returncode}:\n{indent(output)}")
        return output

    def listen(self, command, shown, timeout=COMMAND_TIMEOUT):
        """Runs a command that does not end by itself until shown(output) is true, then stops it."""
        output = self.scratch / "listener.out"
        script = f'cd "{self.cwd}"\nset -a\n. "{self.state}"\n{command}\n'
        with output.open("w") as sink:
            process = subprocess.Popen(["bash", "-c", script], stdout=sink, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        deadline = time.monotonic() + timeout
        try:
            while not shown(output.read_text()):
                if process.poll() is not None and not shown(output.read_text()):
                    raise Failure(f"{command!r} exited {process.returncode}:\n{indent(output.read_text())}")
                if time.monotonic() > deadline:
                    raise Failure(f"{command!r} did not show its output within {timeout} s:\n"
                                  f"{indent(output.read_text())}")
                time.sleep(0.2)  # the listener's output is a file; nothing signals a write to it
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
        return output.read_text()

    def serve(self, command):
        """Starts a foreground server in the background and waits until it answers."""
        log = self.scratch / f"server-{len(self.servers)}.log"
        script = f'cd "{self.cwd}"\nset -a\n. "{self.state}"\n{command}\n'
        process = subprocess.Popen(["bash", "-c", script], stdout=log.open("w"), stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.servers.append(process)
        # Reaped as soon as it exits, as a shell or systemd would: an unreaped server stays a zombie, which a reload
        # waiting for the old process to stop would wait on for ever.
        threading.Thread(target=process.wait, daemon=True).start()
        self.await_ping(process, log)
        return "ready"

    def await_ping(self, process=None, log=None, port=8000):
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise Failure(f"the server exited {process.returncode} before answering:\n{indent(log.read_text())}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/ping", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.25)  # polling a port: there is no event to wait on from outside the process
        raise Failure(f"nothing answered http://127.0.0.1:{port}/api/v1/ping within {COMMAND_TIMEOUT} s")

    def stop_servers(self):
        for process in self.servers:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)
            except ProcessLookupError:
                pass  # it had already exited
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.servers.clear()


def nc_session(command, lines, captures, mapping):
    """Sends each line after `nc HOST PORT` and checks the answer line against the comment lines after it."""
    host, port = command.split()[1:3]
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        reader = connection.makefile("r", encoding="utf-8")
        for line, expected in lines:
            connection.sendall((substitute(line, captures, mapping) + "\n").encode())
            answer = reader.readline()
            check_output(f"nc: {line}", expected, answer, captures)


def fresh_project(scratch):
    project = scratch / "project"
    (project / "target").mkdir(parents=True)
    shutil.copytree(ROOT / "environment", project / "environment", ignore=shutil.ignore_patterns(".env"))
    shutil.copy(ROOT / ".rr.yaml", project / ".rr.yaml")
    os.symlink(JAR, project / "target" / "deskflow.jar")
    for name in ("pom.xml", "mvnw", ".mvn", "src"):  # ./mvnw spring-boot:run builds from the checkout's sources
        os.symlink(ROOT / name, project / name)
    return project


def scratch_database(name):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", f"create database {name}"],
                   check=True, capture_output=True)


def drop_database(name):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
                    f"drop database if exists {name} with (force)"], capture_output=True)


def check_file(markdown, scratch_root):
    found = blocks(markdown)
    if not found:
        return 0
    scratch = Path(tempfile.mkdtemp(prefix=markdown.stem + "-", dir=scratch_root))
    database = "docs_check_" + re.sub(r"\W", "_", markdown.stem.lower())
    needs_database = "postgres://" in markdown.read_text()
    if needs_database:
        drop_database(database)
        scratch_database(database)
    session, mapping, captures, teardowns, ran = Session(fresh_project(scratch), scratch), [], {}, [], 0
    mapping = sandboxed(scratch, database)
    try:
        for line_number, directives, text in found:
            where = f"{markdown.relative_to(ROOT)}:{line_number}"
            detached, retried = False, [argument for kind, argument in directives if kind == "retry"]
            listens = any(kind == "listens" for kind, _ in directives)
            for kind, argument in directives:
                if kind == "setup":
                    session.run(substitute(argument, captures, mapping))
                elif kind == "teardown":
                    teardowns.append(substitute(argument, captures, mapping))
                elif kind == "server":
                    session.run("java -jar target/deskflow.jar runserver --detach")
                    detached = True
            try:
                ran += run_block(session, text, captures, mapping, retried, listens)
            except Failure as failure:
                raise Failure(f"{where}: {failure}") from None
            finally:
                if detached:
                    try:
                        session.run("java -jar target/deskflow.jar stopserver")
                    except Failure as failure:
                        print(f"  stopserver after the block failed: {failure}", file=sys.stderr)
    finally:
        for command in teardowns:
            try:
                session.run(command)
            except Failure as failure:
                print(f"  teardown failed: {failure}", file=sys.stderr)
        session.stop_servers()
        stop_detached(session)
        if needs_database:
            drop_database(database)
    return ran


def stop_detached(session):
    """Stops a server a block detached and did not stop (it failed before its stopserver)."""
    for pid_file in session.scratch.rglob("deskflow.pid"):
        try:
            pid = int(pid_file.read_text().strip())
            if b"java" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue  # the pid was reused by another program
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 60
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.2)  # another process's exit: nothing to wait on but its /proc entry
            if Path(f"/proc/{pid}").exists():
                os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass


def run_block(session, text, captures, mapping, retried, listens):
    pairs, ran, index = commands(text), 0, 0
    while index < len(pairs):
        command, expected = pairs[index]
        index += 1
        first_line = command.splitlines()[0].split("#")[0].strip()
        if first_line in NOT_RUN_HERE:
            print(f"  not run here: {first_line} ({NOT_RUN_HERE[first_line]})")
            continue
        command = substitute(command, captures, mapping)
        if re.match(r"^nc\s+\S+\s+\d+\s*$", first_line):
            nc_session(first_line, pairs[index:], captures, mapping)
            ran += 1 + len(pairs) - index
            break
        print(f"  $ {first_line[:110]}")
        runs_a_server = FOREGROUND_SERVER.search(command.split("#")[0].strip().splitlines()[-1]) \
            and TRAINING_RUN not in command
        if runs_a_server:
            if expected:
                raise Failure(f"{first_line!r} runs a server; the lines under it would not be checked")
            session.serve(command.split("#")[0].strip())
        elif listens:
            if not expected:
                raise Failure(f"{first_line!r} keeps running and shows no output to wait for")
            session.listen(command, lambda output: matches(expected, output))
            check_output(first_line, expected, session.scratch.joinpath("listener.out").read_text(), captures)
        elif any(text in command for text in retried):
            until_it_matches(lambda: session.run(command), first_line, expected, captures)
        else:
            output = session.run(command)
            if os.environ.get("DOCS_CHECK_SHOW"):
                print(indent(output))
            check_output(first_line, expected, output, captures)
        ran += 1
    return ran


def listening(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def main(arguments):
    if not JAR.exists():
        print(f"FAIL: {JAR} is missing; run ./mvnw package first", file=sys.stderr)
        return 1
    taken = [port for port in PORTS if listening(port)]
    if taken:
        print(f"FAIL: the docs' ports {taken} are in use on 127.0.0.1; the docs check needs them free", file=sys.stderr)
        return 1
    files = [Path(name).resolve() for name in arguments] or [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    scratch_root = Path(tempfile.mkdtemp(prefix="docs-check-"))
    total = 0
    try:
        for markdown in files:
            print(f"{markdown.relative_to(ROOT)}")
            total += check_file(markdown, scratch_root)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        print(f"(scratch folders kept in {scratch_root})", file=sys.stderr)
        return 1
    shutil.rmtree(scratch_root, ignore_errors=True)
    print(f"docs check: {total} commands from {len(files)} files ran and showed what the docs say")
    return 0 if total > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
