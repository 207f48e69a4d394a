"""A loopback HTTP/1.1 proxy that injects faults between the client and the sandbox exchange.

Each request is read whole, then, if ``should_fault`` says so, one fault is applied:
- ``drop``: forward it, let the exchange process it, then close the connection without answering;
- ``500``: forward it, then answer 500 instead of the exchange's answer;
- ``delay``: forward it, then hold the answer for ``delay_s`` (past the client's read timeout);
- ``429``: answer 429 with Retry-After without forwarding;
- ``reset``: reset the connection before forwarding (the exchange never sees it).
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

FAULTS = ("drop", "500", "delay", "429", "reset")
ShouldFault = Callable[[str, str, bytes], bool]


def first_attempt_of_each(method: str = "POST", path_prefix: str = "/smartorders") -> ShouldFault:
    """Fault the first ``method`` request under ``path_prefix`` of every clientOrderId in its body, so each logical
    create (POST /smartorders) or cancel-replace (PUT /smartorders/...) meets exactly one fault."""
    seen: set[str] = set()
    lock = threading.Lock()

    def should_fault(request_method: str, path: str, body: bytes) -> bool:
        if request_method != method or not path.startswith(path_prefix) or path == "/smartorders/cancelByIds":
            return False
        cid = str(json.loads(body).get("clientOrderId"))
        with lock:
            fresh = cid not in seen
            seen.add(cid)
        return fresh

    return should_fault


@dataclass
class FaultProxy:
    upstream: str
    fault: str
    should_fault: ShouldFault
    delay_s: float = 1.0
    log: list[tuple[str, str, bool]] = field(default_factory=list)

    async def _read_request(self, reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = await reader.readexactly(length) if length else b""
        return head, body

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        """Send the request as received (with Connection: close) and return the exchange's whole answer."""
        target = urlsplit(self.upstream)
        lines = [line for line in head.split(b"\r\n") if line and not line.lower().startswith(b"connection:")]
        request = b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
        reader, writer = await asyncio.open_connection(target.hostname, target.port)
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        return answer

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await self._read_request(reader)
            if request is None:
                return
            head, body = request
            method, path = head.split(b" ", 2)[:2]
            path_only = path.decode().partition("?")[0]
            faulty = self.should_fault(method.decode(), path_only, body)
            self.log.append((method.decode(), path_only, faulty))
            if faulty and self.fault == "reset":
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                writer.transport.abort()
                return
            if faulty and self.fault == "429":
                payload = b'{"code":429,"message":"Too many requests"}'
                writer.write(_response(429, payload, b"Retry-After: 0\r\n"))
            else:
                answer = await self._forward(head, body)
                if faulty and self.fault == "drop":
                    writer.transport.abort()
                    return
                if faulty and self.fault == "500":
                    answer = _response(500, b'{"code":500,"message":"Internal error"}')
                if faulty and self.fault == "delay":
                    await asyncio.sleep(self.delay_s)
                writer.write(answer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


def _response(status: int, payload: bytes, extra: bytes = b"") -> bytes:
    reason = {429: b"Too Many Requests", 500: b"Internal Server Error"}[status]
    return (
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%sconnection: close\r\n\r\n%s"
        % (status, reason, len(payload), extra, payload)
    )


@contextmanager
def fault_proxy(proxy: FaultProxy) -> Iterator[str]:
    """Run ``proxy`` on a free loopback port in a thread; yield its base URL; stop it afterwards."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, asyncio.Server] = {}

    async def start() -> None:
        holder["server"] = await asyncio.start_server(proxy._handle, "127.0.0.1", 0)
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
