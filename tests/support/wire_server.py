"""A loopback HTTP/1.1 keep-alive server that answers with an ``Exchange`` handler, so that async tests run over a
real socket on every HTTP backend. It counts connections; a handler raises ``Reset`` to reset the connection, and
``Drop`` (or any other exception, e.g. the ``httpx.ReadTimeout`` a MockTransport handler would raise) to close it
without answering.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import httpx


class Drop(Exception):
    """Raised by a handler: close the connection without answering (after the request was read)."""


class Reset(Exception):
    """Raised by a handler: reset the connection (RST) without answering."""


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    request_queue_size = 256  # listen backlog: a burst of 100+ connects must not overflow it

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handler = handler
        self.lock = threading.Lock()
        self.opened = 0
        self.open = 0
        self.peak = 0
        super().__init__(("127.0.0.1", 0), _Connection)


class _Connection(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.lock:
            self.server.opened += 1
            self.server.open += 1
            self.server.peak = max(self.server.peak, self.server.open)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.lock:
                self.server.open -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host = self.headers.get("Host", "127.0.0.1")
        request = httpx.Request(
            self.command, f"http://{host}{self.path}", headers=list(self.headers.items()), content=body
        )
        try:
            response = self.server.handler(request)
        except Reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        except Exception:  # Drop, or a failure a MockTransport handler would raise: no answer
            self.close_connection = True
            return
        try:
            content = b"".join(response.iter_raw())  # a stream= answer, sent as given (e.g. deliberately bad gzip)
        except httpx.StreamConsumed:
            content = response.content  # a content= or json= answer, read when it was built
        head = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}"]
        head += [f"{name}: {value}" for name, value in response.headers.multi_items() if name != "content-length"]
        head.append(f"Content-Length: {len(content)}")
        try:
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + content)
        except OSError:  # the client went away (a cancelled or timed-out request)
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = _serve


class WireServer:
    """The running server: ``url``; connections ``opened`` in all, ``open`` now and at the ``peak``; ``handler``."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"

    @property
    def handler(self) -> Callable[[httpx.Request], httpx.Response]:
        return self._server.handler

    @handler.setter
    def handler(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self._server.handler = handler

    @property
    def peak(self) -> int:
        return self._server.peak

    @property
    def opened(self) -> int:
        return self._server.opened

    @property
    def open(self) -> int:
        return self._server.open

    def wait_open(self, expected: int, timeout_s: float = 5.0) -> int:
        """Wait (bounded) until ``open == expected``; return the last count seen."""
        deadline = time.monotonic() + timeout_s
        while self.open != expected and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.open


@contextmanager
def wire_server(handler: Callable[[httpx.Request], httpx.Response]) -> Iterator[WireServer]:
    """Serve ``handler`` on a free loopback port in a background thread; stopped on exit."""
    server = _Server(handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield WireServer(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
