"""Hostile answers from loopback servers (issue 10): only this library's errors, bounded time and memory.

Each test starts a raw HTTP server on 127.0.0.1 that answers every request with one bad answer, and stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import json
import socket
import socketserver
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

import httpcore
import httpx
import pytest
from polo_smartorders import (
    AsyncClient,
    Client,
    DeadlineExceededError,
    InvalidResponseError,
    OutcomeUnknownError,
    PoloError,
    ServerError,
    TransportError,
)

from tests.support.clock import FakeClock
from tests.support.keys import HOSTILE_KEY as KEY
from tests.support.keys import HOSTILE_SECRET as SECRET

ORDER = {"symbol": "BTC_USDT", "side": "BUY", "stop_price": "40000", "quantity": "1", "client_order_id": "hostile-1"}
#: (method, path, body) of a request, and the file to write the raw answer to.
Answer = Callable[[str, str, bytes, BinaryIO], None]


def respond(out: BinaryIO, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    head = {"Content-Length": str(len(body)), "Content-Type": "application/json", "Connection": "close"}
    lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in {**head, **(headers or {})}.items()]
    out.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        self.connection.settimeout(10)
        try:
            method, path, _ = self.rfile.readline(65536).decode().split(" ", 2)
            length = 0
            while (line := self.rfile.readline(65536)) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                length = int(value) if name.strip().lower() == "content-length" else length
            body = self.rfile.read(length)
            self.server.seen.append((method, path))
            self.server.answer(method, path, body, self.wfile)  # type: ignore[arg-type]
        except (OSError, ValueError):  # the client gave up: that is what these tests provoke
            pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer: Answer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer = answer
        self.seen: list[tuple[str, str]] = []


@contextmanager
def hostile(answer: Answer) -> Iterator[_Server]:
    """A loopback server giving ``answer`` to every request, for the duration of the block."""
    server = _Server(answer)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def url(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def call(mode: str, server: _Server, method: str, /, *args: Any, **kwargs: Any) -> Any:
    """``client.smartorders().<method>(...)`` with a sync or an async client against ``server``."""
    options: dict[str, Any] = {"rate_limit": False, "timeout": 1.0, "max_retries": 1}
    for name in ("deadline", "max_response_bytes", "max_retries", "timeout", "_time"):
        if f"client_{name}" in kwargs:
            options[name] = kwargs.pop(f"client_{name}")
    if mode == "sync":
        with Client(KEY, SECRET, url(server), **options) as client:
            return getattr(client.smartorders(), method)(*args, **kwargs)

    async def run() -> Any:
        async with AsyncClient(KEY, SECRET, url(server), **options) as client:
            return await getattr(client.smartorders(), method)(*args, **kwargs)

    return asyncio.run(run())


MODES = pytest.mark.parametrize("mode", ["sync", "async"])


def always(status: int, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    return lambda method, path, request, out: respond(out, status, body, headers)


def _fails(mode: str, server: _Server, method: str, error: type[PoloError], **kwargs: Any) -> PoloError:
    with pytest.raises(PoloError) as caught:
        call(mode, server, method, **kwargs)
    assert type(caught.value) is error or isinstance(caught.value, error), repr(caught.value)
    return caught.value


@MODES
@pytest.mark.parametrize("status", [200, 500])
def test_deep_nesting_is_an_invalid_response_not_a_recursion_error(mode: str, status: int) -> None:
    with hostile(always(status, b"[" * 200_000)) as server:
        expected = InvalidResponseError if status == 200 else ServerError
        _fails(mode, server, "get_all", expected)
        unknown = _fails(mode, server, "create", OutcomeUnknownError, **ORDER)
    assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"


def _order(**fields: Any) -> dict[str, Any]:
    return {
        "id": "1", "clientOrderId": "hostile-1", "symbol": "BTC_USDT", "state": "PENDING_NEW", "accountType": "SPOT",
        "side": "BUY", "type": "STOP", "timeInForce": "GTC", "quantity": "1", "price": "0", "amount": "0",
        "stopPrice": "40000", "createTime": int(time.time() * 1000) + 60_000, "updateTime": 1, **fields,
    }  # fmt: skip


def _lost_create_then(order: dict[str, Any]) -> Answer:
    """A create answered 500; the clock and the lookups answered with ``order``."""

    def answer(method: str, path: str, body: bytes, out: BinaryIO) -> None:
        if method == "POST":
            respond(out, 500, b'{"code": 500, "message": "lost"}')
        elif path == "/timestamp":
            respond(out, 200, json.dumps({"serverTime": int(time.time() * 1000)}).encode())
        else:
            respond(out, 200, json.dumps([order]).encode())

    return answer


@MODES
@pytest.mark.parametrize(("field", "value"), [("createTime", "1700000000000"), ("id", 1), ("quantity", 1.5)])
def test_a_wrong_json_type_is_an_invalid_response(mode: str, field: str, value: object) -> None:
    with hostile(always(200, json.dumps([_order(**{field: value})]).encode())) as server:
        error = _fails(mode, server, "get_all", InvalidResponseError)
    assert f"$[0].{field}: expected a" in str(error) and f"got {value!r}" in str(error)  # the path, then the value
    with hostile(_lost_create_then(_order(**{field: value}))) as server:
        unknown = _fails(mode, server, "create", OutcomeUnknownError, **ORDER)
    assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"
    assert f"$[0].{field}: expected a" in str(unknown) and ("GET", "/smartorders/cid:hostile-1") in server.seen


def _big(total: int, chunk: bytes = b" " * 65536) -> Answer:
    """A 200 of ``total`` bytes (a JSON array padded with spaces), written as it is read."""

    def answer(method: str, path: str, body: bytes, out: BinaryIO) -> None:
        out.write(f"HTTP/1.1 200 OK\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n[".encode())
        for _ in range((total - 2) // len(chunk)):
            out.write(chunk)
        out.write(b" " * ((total - 2) % len(chunk)) + b"]")

    return answer


@MODES
def test_a_100_mb_answer_is_refused_past_the_cap(mode: str) -> None:
    started = time.monotonic()
    with hostile(_big(100 * 1024 * 1024)) as server:
        error = _fails(mode, server, "get_all", InvalidResponseError, client_max_retries=0)
    assert "max_response_bytes (4194304 bytes)" in str(error)
    assert time.monotonic() - started < 5
    with hostile(_big(5000)) as server:  # the option
        assert call(mode, server, "get_all", client_max_response_bytes=5000) == []
        _fails(mode, server, "get_all", InvalidResponseError, client_max_response_bytes=4999, client_max_retries=0)


@functools.cache
def bomb() -> bytes:
    """64 MiB of spaces inside a JSON array, gzip-compressed to about 64 KB (made once, when first needed)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header
    spaces = b" " * (1024 * 1024)
    return (
        compressor.compress(b"[")
        + b"".join(compressor.compress(spaces) for _ in range(64))
        + compressor.compress(b"]")
        + compressor.flush()
    )


@MODES
def test_a_gzip_bomb_is_refused_past_the_cap(mode: str) -> None:
    assert len(bomb()) < 100_000 and len(gzip.decompress(bomb())) == 64 * 1024 * 1024 + 2
    with hostile(always(200, bomb(), {"Content-Encoding": "gzip"})) as server:
        error = _fails(mode, server, "get_all", InvalidResponseError, client_max_retries=0)
    assert "max_response_bytes" in str(error)
    small = gzip.compress(b"[]")
    with hostile(always(200, small, {"Content-Encoding": "gzip"})) as server:
        assert call(mode, server, "get_all") == []
    with hostile(always(200, b"[]", {"Content-Encoding": "br"})) as server:
        assert "unsupported Content-Encoding 'br'" in str(_fails(mode, server, "get_all", InvalidResponseError))


def _trickle(method: str, path: str, body: bytes, out: BinaryIO) -> None:
    """Headers at once, then the body one byte every 0.2 s (each read well within the read timeout)."""
    payload = b"[" + b" " * 100 + b"]"
    out.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode())
    out.flush()
    for byte in payload:
        out.write(bytes([byte]))
        out.flush()
        time.sleep(0.2)


@MODES
@pytest.mark.serial
def test_the_deadline_bounds_a_trickling_answer(mode: str) -> None:
    with hostile(_trickle) as server:
        started = time.monotonic()
        _fails(mode, server, "get_all", DeadlineExceededError, client_deadline=1.5)
        assert time.monotonic() - started < 2.5
        started = time.monotonic()
        unknown = _fails(mode, server, "create", OutcomeUnknownError, client_deadline=1.5, **ORDER)
        assert time.monotonic() - started < 2.5
    assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"
    assert "deadline" in str(unknown)


def _slow_headers(method: str, path: str, body: bytes, out: BinaryIO) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 50:
        out.write(bytes([byte]))
        out.flush()
        time.sleep(0.1)


@MODES
@pytest.mark.serial
def test_the_deadline_bounds_trickling_headers(mode: str) -> None:
    """Each byte of the status line comes well within ``timeout``: only the call's deadline can end the wait."""
    with hostile(_slow_headers) as server:
        started = time.monotonic()
        error = _fails(mode, server, "get_all", DeadlineExceededError, client_deadline=1.0)
        assert time.monotonic() - started < 1.6
        assert isinstance(error, DeadlineExceededError) and error.may_have_reached_exchange
        started = time.monotonic()
        unknown = _fails(mode, server, "create", OutcomeUnknownError, client_deadline=1.0, **ORDER)
        assert time.monotonic() - started < 1.6
    assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"
    assert "deadline" in str(unknown)


@pytest.mark.serial
def test_the_deadline_bounds_trickling_headers_on_an_httpx_transport_passed_in() -> None:
    """``transport=httpx.HTTPTransport(...)`` (custom TLS or retries, say) keeps the bound the default pool has."""
    with hostile(_slow_headers) as server:
        with Client(KEY, SECRET, url(server), transport=httpx.HTTPTransport(retries=0), deadline=1.0) as client:
            started = time.monotonic()
            with pytest.raises(DeadlineExceededError):
                client.smartorders().get_all()
            assert time.monotonic() - started < 1.6


def _silent(method: str, path: str, body: bytes, out: BinaryIO) -> None:
    time.sleep(3)


@MODES
@pytest.mark.serial
def test_a_read_timeout_inside_the_deadline_stays_a_retryable_transport_error(mode: str) -> None:
    """The deadline caps socket waits without taking over ``timeout``: a read that times out first is retried."""
    with hostile(_silent) as server:
        error = _fails(
            mode, server, "get_all", TransportError, client_timeout=0.3, client_deadline=30, client_max_retries=1
        )
        assert not isinstance(error, DeadlineExceededError)
        assert "ReadTimeout" in str(error)
        assert len(server.seen) == 2  # sent, timed out, retried once


@MODES
@pytest.mark.parametrize("status", [201, 204, 302])
def test_an_unexpected_status_to_a_create_is_an_unknown_outcome(mode: str, status: int) -> None:
    body = b"" if status == 204 else b'{"id": "1", "clientOrderId": "hostile-1"}'
    with hostile(always(status, body)) as server:
        unknown = _fails(mode, server, "create", OutcomeUnknownError, **ORDER)
        assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"
        assert any(method == "GET" for method, _ in server.seen)  # it looked the order up
        _fails(mode, server, "get_all", InvalidResponseError)


@MODES
def test_retry_after_is_honoured_on_503(mode: str, clock: FakeClock) -> None:
    answers = [(503, b'{"code": 503, "message": "busy"}', {"Retry-After": "1"}), (200, b"[]", {})]

    def answer(method: str, path: str, body: bytes, out: BinaryIO) -> None:
        status, payload, headers = answers.pop(0) if answers else (200, b"[]", {})
        respond(out, status, payload, headers)

    with hostile(answer) as server:
        assert call(mode, server, "get_all", client__time=clock) == []
    assert len(clock.slept) == 1 and 1.0 <= clock.slept[0] <= 1.05  # Retry-After, and a little jitter
    assert len(server.seen) == 2


@MODES
def test_a_dropped_connection_chains_no_request(mode: str) -> None:
    """The transport error keeps no httpx request (key and signature headers) anywhere in its chain."""

    def drop(method: str, path: str, body: bytes, out: BinaryIO) -> None:
        pass

    with hostile(drop) as server:
        error = _fails(mode, server, "get_all", TransportError, client_max_retries=0)
        unknown = _fails(mode, server, "create", OutcomeUnknownError, client_max_retries=0, **ORDER)
    from tests.unit.test_secrets import assert_holds_no_secret

    assert_holds_no_secret(error, KEY, SECRET)
    assert_holds_no_secret(unknown, KEY, SECRET)


def test_server_stops() -> None:
    """The fixture's server is gone after its block: nothing keeps listening."""
    with hostile(always(200, b"[]")) as server:
        port = server.server_address[1]
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


@contextmanager
def hanging_connect() -> Iterator[str]:
    """A loopback URL whose TCP connect never completes: a listener that never accepts, its backlog filled."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    probe = socket.socket()
    probe.settimeout(0.5)
    with pytest.raises(TimeoutError):  # the backlog is full: a connect hangs
        probe.connect(("127.0.0.1", port))
    probe.close()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.mark.parametrize("backend", ["sync", "httpx", "aiohttp"])
@pytest.mark.serial
def test_a_deadline_that_ends_a_connect_means_nothing_was_sent(backend: str) -> None:
    """Cut while connecting, a create was never sent: DeadlineExceededError saying so, not OutcomeUnknownError."""

    async def run_async(url: str, method: str, **kwargs: Any) -> Any:
        async with AsyncClient(KEY, SECRET, url, deadline=1.0, http_backend=backend) as client:  # type: ignore[arg-type]
            return await getattr(client.smartorders(), method)(**kwargs)

    with hanging_connect() as url:
        for method, kwargs in (("get_all", {}), ("create", ORDER)):
            started = time.monotonic()
            with pytest.raises(PoloError) as caught:
                if backend == "sync":
                    with Client(KEY, SECRET, url, deadline=1.0) as client:
                        getattr(client.smartorders(), method)(**kwargs)
                else:
                    asyncio.run(run_async(url, method, **kwargs))
            assert time.monotonic() - started < 1.6
            error = caught.value
            assert type(error) is DeadlineExceededError, repr(error)
            assert not error.may_have_reached_exchange


class _SlowStream(httpcore.NetworkStream):
    """A connection whose reads and writes wait until their timeout runs out (on the fake clock)."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.written: list[bytes] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.clock.sleep(timeout or 0)
        raise httpcore.ReadTimeout("timed out")

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self.clock.sleep(timeout or 0)
            raise httpcore.WriteTimeout("timed out")
        self.written.append(buffer)


def test_the_sync_deadline_tells_a_cut_write_from_a_cut_read(clock: FakeClock) -> None:
    """A request the deadline cuts while it is written is incomplete (not sent); one cut while its answer is read may
    have been acted on. h11's empty end-of-body write comes after every byte left: it is never called "not sent"."""
    from polo_smartorders._transport import DEADLINE, Deadline
    from polo_smartorders._transport._sync_pool import _DeadlineStream

    inner = _SlowStream(clock)
    stream = _DeadlineStream(inner)
    token = DEADLINE.set(Deadline(0.05, clock))
    try:
        with pytest.raises(DeadlineExceededError) as cut_write:
            stream.write(b"POST /smartorders HTTP/1.1\r\n", timeout=10)
        assert not cut_write.value.may_have_reached_exchange
        with pytest.raises(DeadlineExceededError) as cut_read:
            stream.read(65536, timeout=10)
        assert cut_read.value.may_have_reached_exchange
        stream.write(b"", timeout=10)  # past the deadline: passed through, not refused as unsent
        assert inner.written == [b""]
        with pytest.raises(httpcore.WriteTimeout):  # a socket timeout shorter than the time left stays its own
            DEADLINE.set(Deadline(30, clock))
            stream.write(b"x", timeout=0.01)
    finally:
        DEADLINE.reset(token)


def test_a_request_through_a_proxy_from_the_environment_cut_after_it_was_sent_may_have_landed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Requests to an environment proxy bypass the pool that tells when a request is written: a cut after the proxy
    took the whole request stays "may have landed" (OutcomeUnknownError for a create), never "not sent"."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with hostile(_silent) as proxy:
        monkeypatch.setenv("HTTP_PROXY", url(proxy))

        async def create() -> None:
            async with AsyncClient(KEY, SECRET, "http://127.0.0.1:9", deadline=1.0) as client:
                await client.smartorders().create(
                    symbol="BTC_USDT", side="BUY", stop_price="40000", quantity="1", client_order_id="hostile-1"
                )

        with pytest.raises(OutcomeUnknownError) as caught:
            asyncio.run(create())
        assert caught.value.client_order_id == "hostile-1"
        assert [method for method, _ in proxy.seen] == ["POST"]  # the proxy had the whole request


@MODES
@pytest.mark.serial
def test_the_deadline_bounds_sync_time(mode: str) -> None:
    """sync_time() is a call like the others: the deadline ends its wait for trickling headers (found by review)."""
    with hostile(_slow_headers) as server:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError):
            if mode == "sync":
                with Client(KEY, SECRET, url(server), deadline=1.0, max_retries=0) as client:
                    client.sync_time()
            else:

                async def run() -> None:
                    async with AsyncClient(KEY, SECRET, url(server), deadline=1.0, max_retries=0) as client:
                        await client.sync_time()

                asyncio.run(run())
        assert time.monotonic() - started < 1.6


@MODES
@pytest.mark.parametrize("number", [b"1e99999999999999999999", b"-1E-99999999999999999999", b"1" * 5000])
def test_a_number_out_of_range_is_an_invalid_response_and_to_a_create_an_unknown_outcome(
    mode: str, number: bytes
) -> None:
    """A number no Decimal (or int) can hold, anywhere in an answer: never a bare ArithmeticError or ValueError, and
    a create it answers (placed, for all the client knows) is never sent again: an unknown outcome."""
    body = b'[{"id": "1", "clientOrderId": "hostile-1", "createTime": ' + number + b"}]"
    with hostile(always(200, body)) as server:
        error = _fails(mode, server, "get_all", InvalidResponseError)
        assert "out of range" in str(error) or "shape" in str(error) or "limit" in str(error)
    with hostile(always(200, b'{"id": "1", "clientOrderId": ' + number + b"}")) as server:
        unknown = _fails(mode, server, "create", OutcomeUnknownError, **ORDER)
    assert isinstance(unknown, OutcomeUnknownError) and unknown.client_order_id == "hostile-1"
    assert server.seen.count(("POST", "/smartorders")) == 1
