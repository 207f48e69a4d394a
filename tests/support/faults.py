"""A loopback HTTP/1.1 proxy that injects faults between the client and the sandbox exchange.

Each request is read whole; ``choose`` picks at most one fault for it:
- ``drop``: forward it, let the exchange process it, then close the connection without answering;
- ``500`` (or any ``replace``): forward it, then answer ``replacement`` (a 500 by default) instead of the exchange;
- ``delay``: forward it, then hold the answer for ``delay_s`` (past the client's read timeout);
- ``hold``: hold the request for ``delay_s`` before forwarding it (a copy delayed on the way); its answer, if the
  client is still there, follows;
- ``429``: answer 429 with Retry-After without forwarding;
- ``reset``: reset the connection before forwarding (the exchange never sees it).
Independently, ``stall_until`` (a ``time.monotonic()`` mark) holds every answer until then: the exchange answers slowly.
``log`` records, for every request, when it reached the exchange (or None) and the exchange's status.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from urllib.parse import urlsplit

FAULTS = ("drop", "500", "delay", "429", "reset")
#: Faults after which the exchange has (or may later have) processed the request.
PROCESSED = frozenset({"drop", "500", "delay", "hold", "replace"})
_INTERNAL_ERROR = (500, b'{"code":500,"message":"Internal error"}')


@dataclass(frozen=True)
class Seen:
    """A request as the proxy received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def client_order_id(self) -> str | None:
        try:
            value = json.loads(self.body).get("clientOrderId") if self.body else None
        except (ValueError, AttributeError):
            return None
        return value if isinstance(value, str) else None


Choose = Callable[[Seen], str | None]


@dataclass
class Entry:
    method: str
    path: str
    fault: str | None
    forwarded_at: float | None = None
    status: int | None = None
    received_at: float = field(default_factory=time.monotonic)


def once_per_client_order_id(fault: str, method: str = "POST", path_prefix: str = "/smartorders") -> Choose:
    """``fault`` for the first ``method`` request under ``path_prefix`` of every clientOrderId in its body, so each
    logical create (POST /smartorders) or cancel-replace (PUT /smartorders/...) meets it exactly once."""
    seen: set[str] = set()
    lock = threading.Lock()

    def choose(request: Seen) -> str | None:
        if request.method != method or not request.path.startswith(path_prefix):
            return None
        if request.path == "/smartorders/cancelByIds":
            return None
        cid = request.client_order_id()
        with lock:
            fresh = cid not in seen
            seen.add(str(cid))
        return fault if fresh else None

    return choose


def at_random(rng: random.Random, rate: float, faults: tuple[str, ...]) -> Choose:
    """One of ``faults`` for a ``rate`` share of requests, drawn from ``rng`` (seeded: the run can be replayed)."""
    lock = threading.Lock()

    def choose(request: Seen) -> str | None:
        with lock:
            return rng.choice(faults) if rng.random() < rate else None

    return choose


@dataclass
class FaultProxy:
    upstream: str
    choose: Choose
    delay_s: float = 1.0
    replacement: tuple[int, bytes] = _INTERNAL_ERROR
    stall_until: float | None = None
    log: list[Entry] = field(default_factory=list)
    _busy: int = 0

    def faulted(self) -> list[Entry]:
        return [entry for entry in self.log if entry.fault is not None]

    def reached(self, method: str | None = None) -> list[Entry]:
        """Requests that reached the exchange (optionally of one method)."""
        return [e for e in self.log if e.forwarded_at is not None and method in (None, e.method)]

    def wait_idle(self, timeout_s: float = 15.0) -> None:
        """Wait until every held or delayed request has been dealt with."""
        deadline = time.monotonic() + timeout_s
        while self._busy:
            if time.monotonic() > deadline:
                raise TimeoutError("the fault proxy still holds requests")
            time.sleep(0.02)

    async def _read_request(self, reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return None
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = await reader.readexactly(length) if length else b""
        return head, body

    async def _forward(self, head: bytes, body: bytes, entry: Entry) -> bytes:
        """Send the request as received (with Connection: close) and return the exchange's whole answer."""
        target = urlsplit(self.upstream)
        lines = [line for line in head.split(b"\r\n") if line and not line.lower().startswith(b"connection:")]
        request = b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
        reader, writer = await asyncio.open_connection(target.hostname, target.port)
        entry.forwarded_at = time.monotonic()
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        status = answer.split(b" ", 2)[1:2]
        entry.status = int(status[0]) if status and status[0].isdigit() else None
        return answer

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:  # keep-alive: one request after another on this connection
                if not await self._serve_one(reader, writer):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _serve_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; False when the connection is to be closed."""
        request = await self._read_request(reader)
        if request is None:
            return False
        self._busy += 1  # only the proxy's event loop thread changes it
        try:
            return await self._answer(writer, *request)
        finally:
            self._busy -= 1

    async def _answer(self, writer: asyncio.StreamWriter, head: bytes, body: bytes) -> bool:
        method, path = (part.decode() for part in head.split(b" ", 2)[:2])
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        seen = Seen(method, path.partition("?")[0], headers, body)
        fault = self.choose(seen)
        entry = Entry(seen.method, seen.path, fault)
        self.log.append(entry)
        if fault == "reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        if fault == "429":
            writer.write(_response(429, b'{"code":429,"message":"Too many requests"}', b"Retry-After: 0\r\n"))
            await writer.drain()
            return True
        if fault == "hold":
            await asyncio.sleep(self.delay_s)
        answer = await self._forward(head, body, entry)
        if fault == "drop":
            writer.transport.abort()
            return False
        if fault in ("500", "replace"):
            answer = _response(*self.replacement)
        if fault == "delay":
            await asyncio.sleep(self.delay_s)
        if self.stall_until is not None:
            await asyncio.sleep(max(0.0, self.stall_until - time.monotonic()))
        writer.write(_keep_alive(answer))
        await writer.drain()
        return True


def _response(status: int, payload: bytes, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 %d Fault\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%s\r\n%s" % (
        status,
        len(payload),
        extra,
        payload,
    )


def _keep_alive(answer: bytes) -> bytes:
    """The exchange's answer without its ``connection: close`` (the proxy asked for it upstream, not the client)."""
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@contextmanager
def fault_proxy(proxy: FaultProxy) -> Iterator[str]:
    """Run ``proxy`` on a free loopback port in a thread; yield its base URL; stop it afterwards."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, asyncio.Server] = {}

    async def start() -> None:
        holder["server"] = await asyncio.start_server(proxy._handle, "127.0.0.1", 0, backlog=512)
        started.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True, name="fault-proxy")
    thread.start()
    if not started.wait(10):
        raise RuntimeError("the fault proxy did not start")
    port = holder["server"].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:

        async def stop() -> None:
            holder["server"].close()
            pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await holder["server"].wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def _serve_stalled(upstream: str, stall_s: float, ready: Connection, done: Connection) -> None:
    """The child process of ``stalling_proxy_process``: serve until told to stop, then send the log back."""
    proxy = FaultProxy(upstream, lambda request: None, stall_until=time.monotonic() + stall_s)
    with fault_proxy(proxy) as url:
        ready.send(url)
        done.recv()
    ready.send([(e.method, e.path, e.forwarded_at, e.status, e.received_at) for e in proxy.log])


@contextmanager
def stalling_proxy_process(upstream: str, stall_s: float) -> Iterator[tuple[str, list[Entry]]]:
    """A proxy in its own process (as the network is: no share of the client's GIL) that holds every answer for the
    first ``stall_s`` seconds. Yields its URL and a list that is filled with its log when the block ends."""
    context = multiprocessing.get_context("spawn")
    parent_ready, child_ready = context.Pipe()
    parent_done, child_done = context.Pipe()
    child = context.Process(target=_serve_stalled, args=(upstream, stall_s, child_ready, child_done), daemon=True)
    child.start()
    log: list[Entry] = []
    try:
        if not parent_ready.poll(30):
            raise RuntimeError("the proxy process did not start")
        yield parent_ready.recv(), log
        parent_done.send("stop")
        if parent_ready.poll(30):
            log.extend(
                Entry(m, path, None, at, status, received) for m, path, at, status, received in parent_ready.recv()
            )
    finally:
        child.join(10)
        if child.is_alive():
            child.kill()
