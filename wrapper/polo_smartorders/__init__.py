"""polo_smartorders: a typed, signed, retry-safe client for Poloniex spot v3 smart orders.

from polo_smartorders import Client
client = Client(api_key, api_secret)
order = client.smartorders().create(symbol="BTC_USDT", side="BUY", type="STOP_LIMIT",
                                    price="40000.50", stop_price="40000", quantity="100")
"""

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so that ``import polo_smartorders`` and the command line's ``--version``
# and ``--help`` load neither httpx nor the generated client.
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from polo_smartorders_api.types import UNSET, Unset

    from ._client import AsyncClient, Client
    from ._constants import DEFAULT_BASE_URL
    from ._exceptions import (
        AuthenticationError,
        CancelFailedError,
        ClientClosedError,
        DeadlineExceededError,
        DuplicateClientOrderIdError,
        InvalidRequestError,
        InvalidResponseError,
        MissingCredentialsError,
        NotFoundError,
        OldOrderNotCancelledError,
        OrderNotOpenError,
        OutcomeUnknownError,
        PoloError,
        RateLimitError,
        RequestError,
        ServerError,
        TimestampRejectedError,
        TransportError,
        ValidationError,
    )
    from ._ids import new_client_order_id
    from ._markets import check_order, round_amount, round_price, round_quantity
    from ._models import (
        CancelReplaceSmartOrderResponse,
        CancelResult,
        CreateSmartOrderResponse,
        CrossMargin,
        Market,
        MarketPrice,
        Order,
        SmartOrder,
        SymbolTradeLimit,
    )
    from ._ratelimit import RateLimiter
    from ._transport import HttpBackend
    from .resources._async_markets import AsyncMarkets
    from .resources._async_smartorders import AsyncSmartOrders
    from .resources._sync_markets import Markets
    from .resources._sync_smartorders import SmartOrders

__all__ = [
    "DEFAULT_BASE_URL",
    "UNSET",
    "AsyncClient",
    "AsyncMarkets",
    "AsyncSmartOrders",
    "AuthenticationError",
    "CancelFailedError",
    "CancelReplaceSmartOrderResponse",
    "CancelResult",
    "Client",
    "ClientClosedError",
    "CreateSmartOrderResponse",
    "CrossMargin",
    "DeadlineExceededError",
    "DuplicateClientOrderIdError",
    "HttpBackend",
    "InvalidRequestError",
    "InvalidResponseError",
    "Market",
    "MarketPrice",
    "Markets",
    "MissingCredentialsError",
    "NotFoundError",
    "OldOrderNotCancelledError",
    "Order",
    "OrderNotOpenError",
    "OutcomeUnknownError",
    "PoloError",
    "RateLimitError",
    "RateLimiter",
    "RequestError",
    "ServerError",
    "SmartOrder",
    "SmartOrders",
    "SymbolTradeLimit",
    "TimestampRejectedError",
    "TransportError",
    "Unset",
    "ValidationError",
    "__version__",
    "check_order",
    "new_client_order_id",
    "round_amount",
    "round_price",
    "round_quantity",
]

_HOMES = {
    "UNSET": "polo_smartorders_api.types",
    "Unset": "polo_smartorders_api.types",
    "AsyncClient": "._client",
    "Client": "._client",
    "DEFAULT_BASE_URL": "._constants",
    "AuthenticationError": "._exceptions",
    "CancelFailedError": "._exceptions",
    "ClientClosedError": "._exceptions",
    "DeadlineExceededError": "._exceptions",
    "DuplicateClientOrderIdError": "._exceptions",
    "InvalidRequestError": "._exceptions",
    "InvalidResponseError": "._exceptions",
    "MissingCredentialsError": "._exceptions",
    "NotFoundError": "._exceptions",
    "OldOrderNotCancelledError": "._exceptions",
    "OrderNotOpenError": "._exceptions",
    "OutcomeUnknownError": "._exceptions",
    "PoloError": "._exceptions",
    "RateLimitError": "._exceptions",
    "RequestError": "._exceptions",
    "ServerError": "._exceptions",
    "TimestampRejectedError": "._exceptions",
    "TransportError": "._exceptions",
    "ValidationError": "._exceptions",
    "new_client_order_id": "._ids",
    "check_order": "._markets",
    "round_amount": "._markets",
    "round_price": "._markets",
    "round_quantity": "._markets",
    "CancelReplaceSmartOrderResponse": "._models",
    "CancelResult": "._models",
    "CreateSmartOrderResponse": "._models",
    "Order": "._models",
    "SmartOrder": "._models",
    "CrossMargin": "._models",
    "Market": "._models",
    "MarketPrice": "._models",
    "SymbolTradeLimit": "._models",
    "RateLimiter": "._ratelimit",
    "HttpBackend": "._transport",
    "AsyncSmartOrders": ".resources._async_smartorders",
    "SmartOrders": ".resources._sync_smartorders",
    "AsyncMarkets": ".resources._async_markets",
    "Markets": ".resources._sync_markets",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'polo_smartorders' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # found once: later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
