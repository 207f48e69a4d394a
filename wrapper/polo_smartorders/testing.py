"""Test helpers for your own code: a sandbox exchange with a ready client, and pytest fixtures.

    from polo_smartorders.testing import sandbox

    with sandbox() as exchange:                      # a loopback server, for the sync Client
        exchange.client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="59000", quantity="1")
        exchange.set_price("BTC_USDT", "58900")      # the market moves: the order triggers and fills
        assert exchange.orders()[0].state == "TRIGGERED"

``async with async_sandbox() as exchange`` does the same in-process for AsyncClient (an ASGI transport: no socket,
no port, so no URL: ``exchange.new_client()`` gives another client of it). With pytest, the fixtures of this package's
plugin (``polo_smartorders.pytest_plugin``) give one per test: ``polo_sandbox``, ``polo_sandbox_shared`` (one server
for the session, reset before each test) and ``polo_async_sandbox``. Needs the ``sandbox`` extra (starlette and uvicorn: ``pip install starlette uvicorn``).

The sandbox enforces each market's trading rules (``polo_smartorders.sandbox.DEFAULT_MARKETS``: BTC_USDT prices to 2
decimals, quantities to 6, ...); ``symbols=[...]`` trades other markets (symbols, or ``Market``s with rules of their
own), and ``balances={"USDT": "1000"}`` gives the account those funds and no others, so that a stop that triggers
without the funds for its order fails as on the exchange (default: unlimited funds).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx

from ._client import AsyncClient, Client
from ._models import SmartOrder

if TYPE_CHECKING:
    from .sandbox import Market, Sandbox

#: What ``symbols=`` takes: symbols (their default rules) or Markets (rules of their own).
Symbols = Iterable["str | Market"]
#: What ``balances=`` takes: currency -> amount (a decimal string or Decimal).
Balances = Mapping[str, "str | Decimal"]

__all__ = ["AsyncSandboxExchange", "SandboxExchange", "async_sandbox", "sandbox"]

API_KEY = "sandbox-key"
API_SECRET = "sandbox-secret"  # noqa: S105 - the sandbox's public test account
#: The base URL of an in-process (async) sandbox: requests go to the app through the transport, never a network.
IN_PROCESS_URL = "http://polo-sandbox.invalid"


def _engine(
    api_key: str,
    api_secret: str,
    symbols: Symbols | None,
    rate_limits: bool,
    clock_skew_ms: int,
    balances: Balances | None,
) -> tuple[Sandbox, object]:
    from .sandbox import create_app  # the sandbox extra, imported only when a sandbox is asked for

    app = create_app({api_key: api_secret}, clock_skew_ms, rate_limits, symbols=symbols, balances=balances)
    return app.state.sandbox, app


class _Exchange:
    """What both kinds share: the account, the market and the account's orders."""

    def __init__(self, api_key: str, api_secret: str, engine: Sandbox) -> None:
        self.api_key = api_key
        self.api_secret = api_secret
        self.engine = engine
        self._clocks = (engine.clock_skew_ms, engine.order_clock_skew_ms)
        """The sandbox engine behind the server (``polo_smartorders.sandbox.Sandbox``), for anything else."""

    def set_price(self, symbol: str, price: str | Decimal | int) -> None:
        """Move a market (``"BTC_USDT"``) to ``price`` (quote units): its orders trigger, trail and fill at once.

        Raises ValueError for an unknown symbol or a price that is not a decimal greater than 0.
        """
        self.engine.set_price(symbol, str(price) if isinstance(price, int) else price)

    def price(self, symbol: str) -> Decimal | None:
        """The market's last price, or None when none was set."""
        return self.engine.price(symbol)

    def market(self, symbol: str) -> Market:
        """The market ``symbol`` and its trading rules (KeyError when the sandbox does not trade it)."""
        return self.engine.market(symbol)

    def set_market_state(self, symbol: str, state: str) -> None:
        """Put a market in another state: ``"PAUSE"`` (orders on it are refused with 10041, as when the exchange
        halts it) or back to ``"NORMAL"``; ``reset()`` puts it back too."""
        self.engine.set_market(self.engine.market(symbol).with_state(state))

    def balances(self) -> dict[str, Decimal] | None:
        """The account's available funds by currency (funds held by a resting triggered order excluded), or None
        when the sandbox gives it unlimited funds (no ``balances=``)."""
        return self.engine.balances(self.api_key)

    def orders(self) -> list[SmartOrder]:
        """Every smart order of the account in any state, newest first, as GET /smartorders/{id} shows them."""
        return [SmartOrder.from_dict(order) for order in self.engine.orders(self.api_key)]

    def open_orders(self) -> list[SmartOrder]:
        """The account's open (PENDING_NEW) orders, newest first."""
        return [order for order in self.orders() if order.state == "PENDING_NEW"]

    def reset(self, *, symbols: Symbols | None = None, balances: Balances | None = None) -> None:
        """Forget every order and price, restart the order ids and put the clocks, markets and balances back as the
        sandbox started (the account stays): nothing a test changed reaches the next one. ``symbols`` or ``balances``
        start it over with those instead (until the next reset)."""
        self.engine.reset(symbols=symbols, balances=balances)
        self.engine.clock_skew_ms, self.engine.order_clock_skew_ms = self._clocks


class SandboxExchange(_Exchange):
    """A sandbox served on loopback, with a ready sync ``client`` (closed when the sandbox stops)."""

    def __init__(self, url: str, api_key: str, api_secret: str, engine: Sandbox, client: Client) -> None:
        super().__init__(api_key, api_secret, engine)
        self.url = url
        """The server's base URL (``http://127.0.0.1:<port>``), for a Client or an AsyncClient of your own."""
        self.client = client
        """A Client for the sandbox's account, with the default options."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r}, api_key={self.api_key!r})"


class AsyncSandboxExchange(_Exchange):
    """A sandbox running in-process, with a ready ``client`` (an AsyncClient over an ASGI transport).

    It has no URL: no socket listens, so an AsyncClient reaches it only through its transport. ``new_client()`` makes
    one of your own; for a server on a real socket (and a URL), use :func:`sandbox` (``polo_sandbox``) instead."""

    def __init__(self, api_key: str, api_secret: str, engine: Sandbox, client: AsyncClient, app: object) -> None:
        super().__init__(api_key, api_secret, engine)
        self.client = client
        """An AsyncClient for the sandbox's account, with the default options."""
        self.app = app
        """The ASGI app the clients send to."""

    def new_client(self, **options: Any) -> AsyncClient:
        """Another AsyncClient for the sandbox's account, with ``options`` (``timeout``, ``max_retries``,
        ``rate_limit``, ...): its credentials, URL and transport are the sandbox's. Close it yourself
        (``async with exchange.new_client() as client:``)."""
        return AsyncClient(self.api_key, self.api_secret, IN_PROCESS_URL, transport=self.transport(), **options)

    def transport(self) -> httpx.ASGITransport:
        """A new transport to the app (what ``new_client`` gives its client)."""
        return httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(in-process, api_key={self.api_key!r})"


@contextmanager
def sandbox(
    *,
    api_key: str = API_KEY,
    api_secret: str = API_SECRET,
    symbols: Symbols | None = None,
    rate_limits: bool = False,
    clock_skew_ms: int = 0,
    balances: Balances | None = None,
) -> Iterator[SandboxExchange]:
    """A sandbox exchange on a free loopback port for as long as the block runs, and a Client for it.

    Args:
        api_key, api_secret: the account's credentials. Default: sandbox-key / sandbox-secret.
        symbols: the markets it trades, each a symbol (its default rules) or a ``polo_smartorders.sandbox.Market``
            (rules of its own). Default: ``polo_smartorders.sandbox.DEFAULT_MARKETS`` (BTC_USDT, ...).
        rate_limits: True to enforce the exchange's per-account rate limits (429). Default: False.
        clock_skew_ms: how far the sandbox's clock runs ahead of yours (negative: behind). Default: 0.
        balances: the account's funds, currency -> amount (``{"USDT": "1000"}``); it holds no others. A smart order
            that triggers without the funds for its order fails. Default: unlimited funds.

    Raises:
        ModuleNotFoundError: the ``sandbox`` extra is not installed (the message says what to install).
        RuntimeError: the server did not start.
    """
    from .sandbox._serve import serving

    engine, app = _engine(api_key, api_secret, symbols, rate_limits, clock_skew_ms, balances)
    with serving(app) as url, Client(api_key, api_secret, url) as client:
        yield SandboxExchange(url, api_key, api_secret, engine, client)


def start_async_sandbox(
    *,
    api_key: str = API_KEY,
    api_secret: str = API_SECRET,
    symbols: Symbols | None = None,
    rate_limits: bool = False,
    clock_skew_ms: int = 0,
    balances: Balances | None = None,
) -> AsyncSandboxExchange:
    """An in-process sandbox and its AsyncClient, without a context (nothing to stop; the pytest fixture's)."""
    engine, app = _engine(api_key, api_secret, symbols, rate_limits, clock_skew_ms, balances)
    client = AsyncClient(api_key, api_secret, IN_PROCESS_URL, transport=httpx.ASGITransport(app=app))  # type: ignore[arg-type]
    return AsyncSandboxExchange(api_key, api_secret, engine, client, app)


@asynccontextmanager
async def async_sandbox(
    *,
    api_key: str = API_KEY,
    api_secret: str = API_SECRET,
    symbols: Symbols | None = None,
    rate_limits: bool = False,
    clock_skew_ms: int = 0,
    balances: Balances | None = None,
) -> AsyncIterator[AsyncSandboxExchange]:
    """A sandbox exchange in-process (no socket) and an AsyncClient for it; arguments as for :func:`sandbox`."""
    exchange = start_async_sandbox(
        api_key=api_key,
        api_secret=api_secret,
        symbols=symbols,
        rate_limits=rate_limits,
        clock_skew_ms=clock_skew_ms,
        balances=balances,
    )
    async with exchange.client:
        yield exchange
