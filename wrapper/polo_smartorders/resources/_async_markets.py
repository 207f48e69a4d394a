"""The market resource of AsyncClient: the one hand-written source of both resources.

The sync ``Markets`` is derived from it by ``openapi/unasync.py`` at ``make generate``, and ``make check-generated``
fails when the two differ. The endpoints are public: sent unsigned, they need no API key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._models import Market, MarketPrice
from .markets import build_get_market, build_get_market_price, build_list_markets

if TYPE_CHECKING:
    from .._client import AsyncClient


class AsyncMarkets:
    """``client.markets()``: the exchange's markets, their trading rules and latest prices (public, no API key)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_all(self) -> list[Market]:
        """Every market with its state and trading rules (GET /markets).

        Returns:
            A list of Market: ``symbol``, ``state`` (NORMAL, PAUSE, POST_ONLY, or one the exchange adds), and
            ``symbol_trade_limit`` with ``price_scale``, ``quantity_scale``, ``amount_scale`` (int) and
            ``min_quantity``, ``min_amount`` (Decimal).

        Raises:
            RequestError: the exchange refused, or TransportError.
        """
        return await self._client._execute(build_list_markets())

    async def get(self, symbol: str) -> Market:
        """One market and its trading rules (GET /markets/{symbol}); see ``round_price``, ``round_quantity`` and
        ``check_order`` to obey them.

        Args:
            symbol: the market, ``BASE_QUOTE`` (e.g. ``"BTC_USDT"``). Required.

        Returns:
            Market.

        Raises:
            ValidationError: a malformed symbol (nothing is sent).
            InvalidRequestError: no such market (code 24101).
            RequestError: any other refusal, or TransportError.
        """
        return await self._client._execute(build_get_market(symbol))

    async def get_price(self, symbol: str) -> MarketPrice:
        """A market's latest trade price (GET /markets/{symbol}/price).

        Args:
            symbol: the market, ``BASE_QUOTE`` (e.g. ``"BTC_USDT"``). Required.

        Returns:
            MarketPrice: ``price`` and ``daily_change`` (Decimal), ``time`` (ms of the latest trade), ``ts``.

        Raises:
            ValidationError: a malformed symbol (nothing is sent).
            InvalidRequestError: no such market (code 24101).
            RequestError: any other refusal, or TransportError.
        """
        return await self._client._execute(build_get_market_price(symbol))
