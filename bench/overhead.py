"""Section 1: per-call overhead on an in-memory transport, against a hand-written plain-httpx baseline.

Both sides use the same ``CannedTransport`` (a custom ``httpx.BaseTransport`` answering canned bytes without any
I/O), send the same request (method, path, query, body, the same signing headers and User-Agent) and read the
answer; the baseline stops at ``response.json()``, the wrapper validates, retries-plans, signs through httpx.Auth
and returns typed models.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
from polo_smartorders import Client
from polo_smartorders_api.models import SmartOrder

from ._canned import (
    API_KEY,
    API_SECRET,
    CANNED_CLIENT_ORDER_ID,
    LIST_SIZE,
    ORDER_ID,
    USER_AGENT,
    answer,
    create_payload,
    signed_headers,
)
from ._profile import ProfileSummary, profile_calls

BASE_URL: Final = "http://exchange.bench"
TYPED_LABEL: Final = "get_all vs its typed floor: baseline + SmartOrder.from_dict x50"
_JSON: Final = [(b"content-type", b"application/json")]


class CannedTransport(httpx.BaseTransport):
    """Answers every request from memory: no sockets, no parsing beyond the request line."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        status, body = answer(request.method, request.url.path)
        return httpx.Response(status, headers=_JSON, content=body)


class PlainHttpx:
    """The minimal hand-written client: build, sign, send with plain httpx, check the status, parse the JSON."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def call(self, method: str, path: str, query: str = "", body: bytes | None = None) -> Any:
        headers = signed_headers(method, path, query, body)
        target = f"{path}?{query}" if query else path
        response = self.http.request(method, target, content=body, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"{method} {path}: HTTP {response.status_code}")
        return response.json()

    def create(self) -> Any:
        return self.call("POST", "/smartorders", body=create_payload())

    def get_by_id(self) -> Any:
        return self.call("GET", f"/smartorders/{ORDER_ID}")[0]

    def get_all(self) -> Any:
        return self.call("GET", "/smartorders", f"limit={LIST_SIZE}")

    def cancel_by_id(self) -> Any:
        return self.call("DELETE", f"/smartorders/{ORDER_ID}")


def plain_client(url: str, transport: httpx.BaseTransport | None = None) -> PlainHttpx:
    return PlainHttpx(httpx.Client(base_url=url, transport=transport, headers={"User-Agent": USER_AGENT}, timeout=10.0))


def wrapper_client(url: str, transport: httpx.BaseTransport | None = None) -> Client:
    return Client(API_KEY, API_SECRET, url, rate_limit=False, transport=transport)


def operations(client: Client, plain: PlainHttpx) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """operation name -> (wrapper call, baseline call)."""
    so = client.smartorders()
    return {
        "create": (
            lambda: so.create(  # the canned answer's clientOrderId: the client checks the answer names its own
                symbol="BTC_USDT",
                side="BUY",
                type="STOP_LIMIT",
                price="40000.50",
                stop_price="40000",
                quantity="100",
                client_order_id=CANNED_CLIENT_ORDER_ID,
            ),
            plain.create,
        ),
        "get_by_id": (lambda: so.get_by_id(ORDER_ID), plain.get_by_id),
        "get_all": (lambda: so.get_all(limit=LIST_SIZE), plain.get_all),
        "cancel_by_id": (lambda: so.cancel_by_id(ORDER_ID), plain.cancel_by_id),
    }


def us_per_call(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls * 1e6


#: Calls per block: a round alternates blocks of the two sides, so that a burst of load on the shared machine falls
#: on both alike instead of on whichever side it ran during.
BLOCK: Final = 25


def interleaved(first: Callable[[], object], second: Callable[[], object], calls: int) -> tuple[float, float]:
    """CPU µs per call of ``first`` and of ``second``, ``calls`` each, timed in alternating blocks of BLOCK calls.

    The process's CPU time, not the wall clock: one thread doing nothing but the calls, it is their cost, and time
    the shared machine gives to other processes meanwhile is not counted against whichever side was running."""
    spent = [0.0, 0.0]
    sides = (first, second)
    for block in range((calls + BLOCK - 1) // BLOCK):
        n = min(BLOCK, calls - block * BLOCK)
        for side in (0, 1) if block % 2 == 0 else (1, 0):
            fn = sides[side]
            start = time.process_time()
            for _ in range(n):
                fn()
            spent[side] += time.process_time() - start
    return spent[0] / calls * 1e6, spent[1] / calls * 1e6


@dataclass
class OverheadRow:
    operation: str
    wrapper_us: list[float] = field(default_factory=list)
    baseline_us: list[float] = field(default_factory=list)

    @property
    def wrapper(self) -> float:
        return statistics.median(self.wrapper_us)

    @property
    def baseline(self) -> float:
        return statistics.median(self.baseline_us)

    @property
    def ratio(self) -> float:
        """The median of the per-round ratios (each round times both sides back to back)."""
        return statistics.median(w / b for w, b in zip(self.wrapper_us, self.baseline_us, strict=True))


@dataclass
class OverheadResult:
    rows: list[OverheadRow]
    #: get_all against its floor: the baseline that also builds the 50 typed SmartOrder models the wrapper returns
    typed_baseline: OverheadRow
    profiles: list[ProfileSummary]
    calls: dict[str, int]
    rounds: int


def run(*, rounds: int, calls: dict[str, int], profile_ops: int) -> OverheadResult:
    transport = CannedTransport()
    client = wrapper_client(BASE_URL, transport)
    plain = plain_client(BASE_URL, transport)
    ops = operations(client, plain)

    def typed_list() -> list[SmartOrder]:
        return [SmartOrder.from_dict(item) for item in plain.get_all()]

    rows = {name: OverheadRow(name) for name in ops}
    typed = OverheadRow(TYPED_LABEL)
    for wrapped, baseline in ops.values():  # warm up every path (imports, caches, pools)
        for _ in range(20):
            wrapped()
            baseline()
    for _ in range(rounds):
        for name, (wrapped, baseline) in ops.items():
            wrapper_us, baseline_us = interleaved(wrapped, baseline, calls[name])
            rows[name].wrapper_us.append(wrapper_us)
            rows[name].baseline_us.append(baseline_us)
        wrapper_us, typed_us = interleaved(ops["get_all"][0], typed_list, calls["get_all"])
        typed.wrapper_us.append(wrapper_us)
        typed.baseline_us.append(typed_us)
    profiles: list[ProfileSummary] = []
    for name, (wrapped, baseline) in ops.items():
        profiles.append(profile_calls(f"{name}: wrapper", wrapped, profile_ops))
        profiles.append(profile_calls(f"{name}: baseline", baseline, profile_ops))
    client.close()
    plain.http.close()
    return OverheadResult(list(rows.values()), typed, profiles, calls, rounds)
