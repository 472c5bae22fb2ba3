#!/usr/bin/env python3
"""A TCP proxy in front of PostgreSQL that a reliability case can cut, blackhole and restore.

    proxy.py LISTEN_PORT TARGET_HOST:TARGET_PORT CONTROL_PORT

Listens on 127.0.0.1 only. Control: connect to CONTROL_PORT, send one command line, read one answer line:
  cut        every proxied connection is reset (RST, both sides) and new connections are refused (the listener is
             closed): the database is gone
  blackhole  nothing flows any more: open connections stay open but are not read, new ones are accepted and held;
             the network is partitioned (clients wait for their own timeouts)
  restore    the listener accepts and forwards again; held connections are connected and flow resumes where it stopped
  status     the state and the number of open connections
The machine's PostgreSQL itself is never touched. One thread, non-blocking sockets (a reset must not wait on a read).
"""

import selectors
import socket
import struct
import sys

CHUNK = 65536


class Pair:
    """A client connection and its upstream, with what each side has not yet taken."""

    def __init__(self, client):
        self.client = client
        self.upstream = None
        self.pending = {}   # socket -> bytes waiting to be written to it

    def other(self, sock):
        return self.upstream if sock is self.client else self.client

    def sockets(self):
        return [s for s in (self.client, self.upstream) if s is not None]


class Proxy:

    def __init__(self, port, target, control_port):
        self.port, self.target = port, target
        self.selector = selectors.DefaultSelector()
        self.state = "up"
        self.pairs = set()
        self.owner = {}     # socket -> Pair
        self.listener = None
        self.control = self._listen(control_port)
        self.selector.register(self.control, selectors.EVENT_READ, ("control", None))
        self._open_listener()

    @staticmethod
    def _listen(port):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
        sock.setblocking(False)
        return sock

    def _open_listener(self):
        self.listener = self._listen(self.port)
        self.selector.register(self.listener, selectors.EVENT_READ, ("accept", None))

    def _close_listener(self):
        if self.listener is not None:
            self.selector.unregister(self.listener)
            self.listener.close()
            self.listener = None

    def _connect_upstream(self, pair):
        upstream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        upstream.setblocking(False)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        upstream.connect_ex(self.target)
        pair.upstream = upstream
        self.owner[upstream] = pair

    def _watch(self, pair):
        for sock in pair.sockets():
            events = selectors.EVENT_READ | (selectors.EVENT_WRITE if pair.pending.get(sock) else 0)
            try:
                self.selector.modify(sock, events, ("data", pair))
            except KeyError:
                self.selector.register(sock, events, ("data", pair))

    def _unwatch(self, pair):
        for sock in pair.sockets():
            try:
                self.selector.unregister(sock)
            except KeyError:
                pass

    def _drop(self, pair, reset):
        self._unwatch(pair)
        for sock in pair.sockets():
            if reset:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
            self.owner.pop(sock, None)
        self.pairs.discard(pair)

    def accept(self):
        try:
            client, _ = self.listener.accept()
        except BlockingIOError:
            return
        client.setblocking(False)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pair = Pair(client)
        self.pairs.add(pair)
        self.owner[client] = pair
        if self.state == "up":
            self._connect_upstream(pair)
            self._watch(pair)
        # blackhole: held, unread, without an upstream, until restore

    def data(self, sock, mask, pair):
        if self.state != "up":
            return      # an event selected before a blackhole command of the same round: it stays unread
        if mask & selectors.EVENT_WRITE and pair.pending.get(sock):
            try:
                sent = sock.send(pair.pending[sock])
                pair.pending[sock] = pair.pending[sock][sent:]
            except BlockingIOError:
                pass
            except OSError:
                self._drop(pair, reset=True)
                return
        if mask & selectors.EVENT_READ:
            target = pair.other(sock)
            if pair.pending.get(target):
                pass    # back-pressure: read again once the other side took what waits
            else:
                try:
                    chunk = sock.recv(CHUNK)
                except BlockingIOError:
                    chunk = None
                except OSError:
                    self._drop(pair, reset=True)
                    return
                if chunk == b"":
                    self._drop(pair, reset=False)
                    return
                if chunk:
                    pair.pending[target] = chunk
        self._watch(pair)

    def command(self):
        conn, _ = self.control.accept()
        conn.settimeout(5)
        try:
            line = conn.makefile().readline().strip()
            answer = self.apply(line)
            conn.sendall((answer + "\n").encode())
        finally:
            conn.close()

    def apply(self, line):
        if line == "cut":
            self.state = "cut"
            self._close_listener()
            for pair in list(self.pairs):
                self._drop(pair, reset=True)
        elif line == "blackhole":
            self.state = "blackhole"
            for pair in self.pairs:
                self._unwatch(pair)
        elif line == "restore":
            previous, self.state = self.state, "up"
            if self.listener is None:
                self._open_listener()
            if previous == "blackhole":
                for pair in list(self.pairs):
                    if pair.upstream is None:
                        self._connect_upstream(pair)
                    self._watch(pair)
        elif line != "status":
            return "error unknown command " + line
        return f"ok {self.state} connections={len(self.pairs)}"

    def serve(self):
        while True:
            for key, mask in self.selector.select():
                role, pair = key.data
                if role == "control":
                    self.command()
                elif role == "accept":
                    self.accept()
                elif key.fileobj in self.owner:
                    self.data(key.fileobj, mask, pair)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    host, port = sys.argv[2].rsplit(":", 1)
    proxy = Proxy(int(sys.argv[1]), (host, int(port)), int(sys.argv[3]))
    print(f"proxy 127.0.0.1:{sys.argv[1]} -> {sys.argv[2]}, control on 127.0.0.1:{sys.argv[3]}", flush=True)
    proxy.serve()


if __name__ == "__main__":
    main()
