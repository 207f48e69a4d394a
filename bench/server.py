"""A tiny canned-response HTTP/1.1 keep-alive server for loopback throughput runs.

``python -m bench.server --workers N`` binds 127.0.0.1 on a free port, prints ``PORT <n>`` and forks N worker
processes that share the listening socket, each running one asyncio loop with a raw ``asyncio.Protocol`` (no HTTP
library: it finds the end of the head, reads Content-Length, picks the canned answer by method and path, and
answers pipelined requests in one write). Paths under ``/slow`` answer the same after ``--delay-ms`` (a stand-in
for the exchange's latency). It stops when its stdin closes (the benchmark holds the other end), on SIGTERM, or, in
a worker, when the parent is gone. With ``--tls-cert`` and ``--tls-key`` it serves HTTPS instead (section 2b).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import ssl
import sys
import threading

from ._canned import answer

_REASONS = {200: b"OK", 404: b"Not Found"}
_CACHE: dict[tuple[bytes, bytes], bytes] = {}


def _response(method: bytes, target: bytes) -> bytes:
    path = target.split(b"?", 1)[0]
    key = (method, path if not path.startswith(b"/smartorders/") else b"/smartorders/*")
    cached = _CACHE.get(key)
    if cached is None:
        status, body = answer(method.decode("latin-1"), path.decode("latin-1"))
        head = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
            status,
            _REASONS[status],
            len(body),
        )
        cached = _CACHE[key] = head + body
    return cached


class _Connection(asyncio.Protocol):
    def __init__(self, delay: float) -> None:
        self._transport: asyncio.Transport | None = None
        self._buffer = b""
        self._delay = delay

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer + data if self._buffer else data
        out: list[bytes] = []
        close = slow = False
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[:end].lower()
            length = 0
            at = head.find(b"\r\ncontent-length:")
            if at >= 0:
                stop = head.find(b"\r\n", at + 2)
                length = int(head[at + 17 : stop if stop >= 0 else len(head)])
            if len(buffer) < end + 4 + length:
                break
            line = buffer[: buffer.find(b"\r\n")]
            method, target, _ = line.split(b" ", 2)
            if target.startswith(b"/slow/"):
                slow, target = True, target[5:]
            out.append(_response(method, target))
            close = close or b"\r\nconnection: close" in head
            buffer = buffer[end + 4 + length :]
        self._buffer = buffer
        if out:
            if slow:
                asyncio.get_running_loop().call_later(self._delay, self._send, b"".join(out), close)
            else:
                self._send(b"".join(out), close)

    def _send(self, data: bytes, close: bool) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(data)
            if close:
                self._transport.close()


def _watch_parent(loop: asyncio.AbstractEventLoop, parent: int) -> None:
    if os.getppid() != parent:
        loop.stop()
        return
    loop.call_later(0.5, _watch_parent, loop, parent)


def _worker(sock: socket.socket, parent: int, delay: float, tls: ssl.SSLContext | None) -> None:
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    server = loop.run_until_complete(loop.create_server(lambda: _Connection(delay), sock=sock, backlog=1024, ssl=tls))
    loop.call_later(0.5, _watch_parent, loop, parent)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.close()


def serve(workers: int, delay: float, tls: ssl.SSLContext | None = None) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    sock.setblocking(False)
    parent = os.getpid()
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _worker(sock, parent, delay, tls)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    done = threading.Event()

    def until_stdin_closes() -> None:
        sys.stdin.read()
        done.set()

    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=until_stdin_closes, daemon=True).start()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    while not done.wait(0.5):
        pass
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    sock.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--delay-ms", type=float, default=2.0, help="latency of answers under /slow")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate chain (PEM)")
    parser.add_argument("--tls-key", help="and this private key (PEM)")
    args = parser.parse_args(argv)
    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
    serve(max(1, args.workers), max(0.0, args.delay_ms) / 1000, tls)


if __name__ == "__main__":
    main()
