"""Section 1b: what ``check_market_rules=True`` adds to a create once the market's rules are cached.

One wrapper client on the in-memory transport (``bench.overhead.CannedTransport``, plus a canned
``GET /markets/BTC_USDT``) sends the same create with its check on (BTC_USDT's rules fetched once, in the warm-up) and
off, in alternating blocks. The check costs a few µs, less than this machine's noise between two runs of the same
code, so each side's time is its fastest block (the statistic timeit recommends), not a mean; the target is the ratio.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Final

import httpx
from polo_smartorders import Client

from ._canned import API_KEY, API_SECRET, CANNED_CLIENT_ORDER_ID
from .overhead import BASE_URL, CannedTransport, us_per_call

TARGET: Final = 1.10
#: Calls per block: each round alternates the two sides block by block.
BLOCK: Final = 10
TARGET_ROW: Final = "overhead create with check_market_rules=True (rules cached) ≤ 1.1x the same create without"
LABEL: Final = "create, check_market_rules=True, rules cached"
_MARKET: Final = json.dumps(
    [
        {
            "symbol": "BTC_USDT",
            "baseCurrencyName": "BTC",
            "quoteCurrencyName": "USDT",
            "displayName": "BTC/USDT",
            "state": "NORMAL",
            "visibleStartTime": 1659018819512,
            "tradableStartTime": 1659018819512,
            "symbolTradeLimit": {
                "symbol": "BTC_USDT",
                "priceScale": 2,
                "quantityScale": 6,
                "amountScale": 2,
                "minQuantity": "0.000001",
                "minAmount": "1",
                "highestBid": "0",
                "lowestAsk": "0",
            },
            "crossMargin": {"supportCrossMargin": True, "maxLeverage": 3},
        }
    ]
).encode()


class MarketTransport(CannedTransport):
    """The canned answers, and BTC_USDT's rules; counts the rules fetches."""

    def __init__(self) -> None:
        self.fetches = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/markets/BTC_USDT":
            self.fetches += 1
            return httpx.Response(200, headers=[(b"content-type", b"application/json")], content=_MARKET)
        return super().handle_request(request)


@dataclass
class MarketRulesResult:
    checked_us: list[float] = field(default_factory=list)
    unchecked_us: list[float] = field(default_factory=list)
    calls: int = 0
    fetches: int = 0

    @property
    def checked(self) -> float:
        return statistics.median(self.checked_us)

    @property
    def unchecked(self) -> float:
        return statistics.median(self.unchecked_us)

    @property
    def ratio(self) -> float:
        """The median of the per-round ratios (each round: both sides' fastest block of the same round)."""
        return statistics.median(c / u for c, u in zip(self.checked_us, self.unchecked_us, strict=True))


def run(*, rounds: int, calls: int) -> MarketRulesResult:
    transport = MarketTransport()
    client = Client(API_KEY, API_SECRET, BASE_URL, rate_limit=False, transport=transport, check_market_rules=True)
    rules = client._market_rules  # the one client, its check switched on and off: nothing else differs

    def create() -> object:
        return client.smartorders().create(  # the canned answer's clientOrderId, as in section 1
            symbol="BTC_USDT",
            side="BUY",
            type="STOP_LIMIT",
            price="40000.50",
            stop_price="40000",
            quantity="100",
            client_order_id=CANNED_CLIENT_ORDER_ID,
        )

    for _ in range(40):  # warm up; the rules are fetched here, once
        create()
    result = MarketRulesResult(calls=calls)
    blocks = max(1, calls // BLOCK)
    for _ in range(rounds):
        fastest = [float("inf"), float("inf")]
        for block in range(blocks):  # the two sides in small alternating blocks: both see the same machine load
            for side in (0, 1) if block % 2 else (1, 0):
                client._market_rules = rules if side == 0 else None
                fastest[side] = min(fastest[side], us_per_call(create, BLOCK))
        result.checked_us.append(fastest[0])
        result.unchecked_us.append(fastest[1])
    client._market_rules = rules
    result.fetches = transport.fetches
    client.close()
    return result


def target(result: MarketRulesResult, verdict: str) -> tuple[str, str, str]:
    """The row of the Targets table."""
    return TARGET_ROW, f"{result.ratio:.2f}x ({result.checked:.0f} vs {result.unchecked:.0f} µs)", verdict


def section(result: MarketRulesResult, verdict: str) -> list[str]:
    """Section 1b of RESULTS.md."""
    return [
        "### 1b. Market rules check (in-memory transport)",
        "",
        "One wrapper client on the in-memory transport sends the same create with `check_market_rules=True` (its "
        f"BTC_USDT rules fetched once in the warm-up: {result.fetches} rules fetch in the whole run) and with the "
        f"check switched off. {len(result.checked_us)} rounds of {result.calls} calls a side, the sides alternating "
        f"in blocks of {BLOCK}; each side's µs/call is its fastest block of the round (the check costs a few µs, less "
        "than the noise between two runs of identical code on a busy machine: a fastest block keeps that noise out); "
        "the columns are the medians of the rounds, the ratio the median of the per-round ratios.",
        "",
        "| operation | check_market_rules=True µs/call | without µs/call | ratio | target | verdict |",
        "|---|---:|---:|---:|---:|---|",
        f"| {LABEL} | {result.checked:.1f} | {result.unchecked:.1f} | {result.ratio:.2f}x | ≤ {TARGET:g}x | {verdict} |",
        "",
    ]
