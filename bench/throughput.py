"""Section 2: requests per second over loopback HTTP against the canned server (``bench.server``).

Every client sends the same signed ``GET /smartorders/<id>`` and reads the one-order answer. AsyncClient runs on
each HTTP backend (httpx's own transport and the aiohttp one) at c=1/16/64, on the zero-latency and the slow paths. Rounds are
interleaved (each round runs every configuration once) and each configuration reports the median of its rounds,
with the client process's CPU time over wall time (1.0 = one core fully busy).
"""

from __future__ import annotations

import asyncio
import cProfile
import socket
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
import requests
from polo_smartorders import AsyncClient, HttpBackend
from polo_smartorders._transport import async_transport

from ._canned import API_KEY, API_SECRET, ORDER_ID, USER_AGENT, signed_headers
from ._profile import ProfileSummary, summarize
from .overhead import plain_client, wrapper_client

PATH: Final = f"/smartorders/{ORDER_ID}"
SLOW: Final = "/slow"


@dataclass(frozen=True)
class Sample:
    requests: int
    wall: float
    cpu: float


@dataclass
class Config:
    key: str
    label: str
    run: Callable[[str, float], Sample]
    samples: list[Sample] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return statistics.median(s.requests / s.wall for s in self.samples)

    @property
    def low(self) -> float:
        return min(s.requests / s.wall for s in self.samples)

    @property
    def high(self) -> float:
        return max(s.requests / s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu / s.wall for s in self.samples)

    @property
    def cpu_us(self) -> float:
        """Client CPU per request (µs), median of the rounds: steadier than req/s when the machine's speed drifts."""
        return statistics.median(s.cpu / s.requests * 1e6 for s in self.samples)

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.samples)


# ---------------------------------------------------------------- timing loops


def _loop(call: Callable[[], object], duration: float) -> Sample:
    count = 0
    cpu = time.process_time()
    start = now = time.perf_counter()
    end = start + duration
    while now < end:
        call()
        count += 1
        now = time.perf_counter()
    return Sample(count, now - start, time.process_time() - cpu)


async def _aloop(call: Callable[[], Awaitable[object]], concurrency: int, duration: float) -> Sample:
    await asyncio.gather(*(call() for _ in range(concurrency)))  # open the connections before timing
    count = 0
    cpu = time.process_time()
    start = time.perf_counter()
    end = start + duration

    async def worker() -> None:
        nonlocal count
        while time.perf_counter() < end:
            await call()
            count += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Sample(count, time.perf_counter() - start, time.process_time() - cpu)


# ---------------------------------------------------------------- the server alone: minimal raw clients


def raw_request(host: str, port: int) -> bytes:
    """The bytes httpx sends for the wrapper's get_by_id (same header set), signed once."""
    headers = {
        "Host": f"{host}:{port}",
        "Accept": "*/*",
        "Accept-Encoding": "gzip, deflate",
        "Connection": "keep-alive",
        "User-Agent": USER_AGENT,
        **signed_headers("GET", PATH, "", None),
    }
    head = f"GET {PATH} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode()


def _response_size(host: str, port: int, request: bytes) -> int:
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("server closed the connection")
            data += chunk
        head, _, _body = data.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")
        )
        return len(head) + 4 + length


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def raw_sync(url: str, duration: float) -> Sample:
    """One blocking keep-alive socket, one request at a time: the server's round-trip rate."""
    host, port = _host_port(url)
    request = raw_request(host, port)
    size = _response_size(host, port, request)
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def once() -> None:
            sock.sendall(request)
            got = 0
            while got < size:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("server closed the connection")
                got += len(chunk)

        return _loop(once, duration)


class _RawProtocol(asyncio.Protocol):
    def __init__(self, request: bytes, size: int, state: _RawState) -> None:
        self._request, self._size, self._state, self._got = request, size, state, 0
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def start(self) -> None:
        assert self._transport is not None
        self._transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        self._got += len(data)
        while self._got >= self._size:
            self._got -= self._size
            self._state.count += 1
            if time.perf_counter() < self._state.end:
                assert self._transport is not None
                self._transport.write(self._request)
            else:
                self._state.running -= 1
                if not self._state.running:
                    self._state.done.set()


@dataclass
class _RawState:
    end: float
    running: int
    done: asyncio.Event
    count: int = 0


async def _raw_async(url: str, concurrency: int, duration: float) -> Sample:
    host, port = _host_port(url)
    request = raw_request(host, port)
    size = _response_size(host, port, request)
    loop = asyncio.get_running_loop()
    state = _RawState(0.0, concurrency, asyncio.Event())
    pairs = [
        await loop.create_connection(lambda: _RawProtocol(request, size, state), host, port) for _ in range(concurrency)
    ]
    cpu = time.process_time()
    start = time.perf_counter()
    state.end = start + duration
    for _, protocol in pairs:
        protocol.start()
    await asyncio.wait_for(state.done.wait(), duration + 30)  # a lost connection must not hang the run
    sample = Sample(state.count, time.perf_counter() - start, time.process_time() - cpu)
    for transport, _ in pairs:
        transport.close()
    return sample


def raw_async(concurrency: int) -> Callable[[str, float], Sample]:
    return lambda url, duration: asyncio.run(_raw_async(url, concurrency, duration))


# ---------------------------------------------------------------- the clients


def requests_style(url: str, duration: float) -> Sample:
    """How the official SDK sends: ``requests.request(...)`` per call (a new Session and TCP connection each time)."""

    def once() -> Any:
        response = requests.request("GET", url + PATH, headers=signed_headers("GET", PATH, "", None), timeout=10)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")
        return response.json()

    once()
    return _loop(once, duration)


def httpx_sync(url: str, duration: float) -> Sample:
    plain = plain_client(url)
    try:
        plain.get_by_id()
        return _loop(plain.get_by_id, duration)
    finally:
        plain.http.close()


def wrapper_sync(prefix: str = "") -> Callable[[str, float], Sample]:
    def run(url: str, duration: float) -> Sample:
        with wrapper_client(url + prefix) as client:
            so = client.smartorders()
            so.get_by_id(ORDER_ID)
            return _loop(lambda: so.get_by_id(ORDER_ID), duration)

    return run


def wrapper_async(concurrency: int, prefix: str = "", backend: HttpBackend = "httpx") -> Callable[[str, float], Sample]:
    async def main(url: str, duration: float) -> Sample:
        async with AsyncClient(API_KEY, API_SECRET, url + prefix, rate_limit=False, http_backend=backend) as client:
            so = client.smartorders()
            return await _aloop(lambda: so.get_by_id(ORDER_ID), concurrency, duration)

    return lambda url, duration: asyncio.run(main(url, duration))


def httpx_async(concurrency: int, backend: HttpBackend = "httpx") -> Callable[[str, float], Sample]:
    """Plain httpx.AsyncClient, no wrapper: httpx's own transport, or the one AsyncClient uses for "aiohttp"."""

    async def main(url: str, duration: float) -> Sample:
        transport = async_transport(backend, None)
        async with httpx.AsyncClient(
            base_url=url, headers={"User-Agent": USER_AGENT}, timeout=10.0, transport=transport
        ) as http:

            async def once() -> Any:
                response = await http.get(PATH, headers=signed_headers("GET", PATH, "", None))
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")
                return response.json()[0]

            return await _aloop(once, concurrency, duration)

    return lambda url, duration: asyncio.run(main(url, duration))


#: AsyncClient's backends as the rows name them, and the concurrencies measured on each.
BACKENDS: Final[dict[HttpBackend, str]] = {"httpx": "", "aiohttp": ", aiohttp transport"}
CONCURRENCY: Final = (1, 16, 64)


def async_key(backend: HttpBackend, concurrency: int, slow: bool = False) -> str:
    """The config key of one AsyncClient row: async64, aiohttp16_slow, ..."""
    return f"{'async' if backend == 'httpx' else backend}{concurrency}{'_slow' if slow else ''}"


def configs(delay_ms: float) -> list[Config]:
    slow = f"server answers after {delay_ms:g} ms"
    fast_async = [
        Config(async_key(b, c), f"polo_smartorders AsyncClient{name}, c={c}", wrapper_async(c, backend=b))
        for b, name in BACKENDS.items()
        for c in CONCURRENCY
    ]
    slow_async = [
        Config(async_key(b, c, True), f"polo_smartorders AsyncClient{name}, c={c}, {slow}", wrapper_async(c, SLOW, b))
        for b, name in BACKENDS.items()
        for c in CONCURRENCY
    ]
    return [
        Config("raw1", "raw socket client, c=1 (server alone)", raw_sync),
        Config("raw64", "raw asyncio client, c=64 (server alone)", raw_async(64)),
        Config(
            "requests", "requests.request() per call: new connection each time (official SDK style)", requests_style
        ),
        Config("httpx_sync", "plain httpx.Client, keep-alive (reference: no wrapper)", httpx_sync),
        Config("sync", "polo_smartorders Client (sync)", wrapper_sync()),
        *fast_async,
        Config("httpx_async1", "plain httpx.AsyncClient, c=1 (reference: no wrapper)", httpx_async(1)),
        Config("httpx_async64", "plain httpx.AsyncClient, c=64 (reference: no wrapper)", httpx_async(64)),
        Config(
            "httpx_aiohttp64",
            "plain httpx.AsyncClient, aiohttp transport, c=64, signing each request by hand (the floor)",
            httpx_async(64, "aiohttp"),
        ),
        Config("sync_slow", f"polo_smartorders Client (sync), {slow}", wrapper_sync(SLOW)),
        *slow_async,
    ]


@dataclass
class ThroughputResult:
    configs: dict[str, Config]
    profiles: list[ProfileSummary]
    rounds: int
    duration: float
    workers: int
    delay_ms: float

    def ratio(self, key: str, other: str) -> float:
        """The median of the per-round rate ratios of two configurations (each round runs every one once)."""
        mine, theirs = self.configs[key].samples, self.configs[other].samples
        return statistics.median(
            (a.requests / a.wall) / (b.requests / b.wall) for a, b in zip(mine, theirs, strict=True)
        )

    def cpu_ratio(self, key: str, other: str) -> float:
        """As ``ratio``, in requests per second of the client's CPU: the rate each gets with a core to itself (both
        CPU-bound), which the load of a shared machine does not move as it moves the wall-clock rate."""
        return cpu_ratio(self.configs[key].samples, self.configs[other].samples)


def cpu_ratio(mine: list[Sample], theirs: list[Sample]) -> float:
    """The median over rounds of ``mine``'s requests per CPU-second over ``theirs``'."""
    return statistics.median((b.cpu / b.requests) / (a.cpu / a.requests) for a, b in zip(mine, theirs, strict=True))


def _profile_sync(url: str, ops: int) -> ProfileSummary:
    with wrapper_client(url) as client:
        so = client.smartorders()
        so.get_by_id(ORDER_ID)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(ops):
            so.get_by_id(ORDER_ID)
        profile.disable()
    return summarize(profile, "Client (sync), loopback", ops)


def _profile_async(url: str, ops: int, concurrency: int, backend: HttpBackend = "httpx") -> ProfileSummary:
    async def main() -> cProfile.Profile:
        async with AsyncClient(API_KEY, API_SECRET, url, rate_limit=False, http_backend=backend) as client:
            so = client.smartorders()
            await asyncio.gather(*(so.get_by_id(ORDER_ID) for _ in range(concurrency)))
            left = ops

            async def worker() -> None:
                nonlocal left
                while left > 0:
                    left -= 1
                    await so.get_by_id(ORDER_ID)

            profile = cProfile.Profile()
            profile.enable()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            profile.disable()
            return profile

    return summarize(asyncio.run(main()), f"AsyncClient{BACKENDS[backend]} c={concurrency}, loopback", ops)


def _profile_requests(url: str, ops: int) -> ProfileSummary:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(ops):
        requests.request("GET", url + PATH, headers=signed_headers("GET", PATH, "", None), timeout=10).json()
    profile.disable()
    return summarize(profile, "requests.request() per call, loopback", ops)


def run(url: str, *, rounds: int, duration: float, workers: int, delay_ms: float, profile_ops: int) -> ThroughputResult:
    chosen = configs(delay_ms)
    for round_no in range(rounds):
        order = chosen if round_no % 2 == 0 else chosen[::-1]
        for config in order:
            config.samples.append(config.run(url, duration))
    profiles = [
        _profile_sync(url, profile_ops),
        _profile_async(url, profile_ops, 64),
        _profile_async(url, profile_ops, 64, "aiohttp"),
        _profile_requests(url, max(1, profile_ops // 3)),
    ]
    return ThroughputResult({c.key: c for c in chosen}, profiles, rounds, duration, workers, delay_ms)
