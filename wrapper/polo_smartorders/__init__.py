"""polo_smartorders: a typed, signed, retry-safe client for Poloniex spot v3 smart orders.

from polo_smartorders import Client
client = Client(api_key, api_secret)
order = client.smartorders().create(symbol="BTC_USDT", side="BUY", type="STOP_LIMIT",
                                    price="40000.50", stop_price="40000", quantity="100")
"""

__version__ = "0.1.0"

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
from ._models import CancelReplaceSmartOrderResponse, CancelResult, CreateSmartOrderResponse, Order, SmartOrder
from ._ratelimit import RateLimiter
from ._transport import HttpBackend
from .resources._async_smartorders import AsyncSmartOrders
from .resources._sync_smartorders import SmartOrders

__all__ = [
    "DEFAULT_BASE_URL",
    "UNSET",
    "AsyncClient",
    "AsyncSmartOrders",
    "AuthenticationError",
    "CancelFailedError",
    "CancelReplaceSmartOrderResponse",
    "CancelResult",
    "Client",
    "ClientClosedError",
    "CreateSmartOrderResponse",
    "DeadlineExceededError",
    "DuplicateClientOrderIdError",
    "HttpBackend",
    "InvalidRequestError",
    "InvalidResponseError",
    "MissingCredentialsError",
    "NotFoundError",
    "OldOrderNotCancelledError",
    "Order",
    "OutcomeUnknownError",
    "PoloError",
    "RateLimitError",
    "RateLimiter",
    "RequestError",
    "ServerError",
    "SmartOrder",
    "SmartOrders",
    "TimestampRejectedError",
    "TransportError",
    "Unset",
    "ValidationError",
    "__version__",
    "new_client_order_id",
]
