"""The sandbox's error type and the exchange error codes it answers with.

Each code is the spec's (x-error-codes) for a scope and meaning, so a renumbered code is one spec edit; the pairs
asked for here are openapi/derive.py's SANDBOX_CODES, which generation requires.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._rules import error_code

# General codes.
INTERNAL_ERROR = error_code("general", "internal-error")
INVALID_PARAMETER = error_code("general", "invalid-parameter")
MISSING_PARAMETER = error_code("general", "missing-parameter")
# Order codes.
INVALID_TIME_IN_FORCE = error_code("order", "invalid-time-in-force")
STOP_PRICE_NOT_POSITIVE = error_code("order", "stop-price-not-positive")
# Smart-order codes.
SMART_INVALID_PARAMETER = error_code("smart-order", "invalid-parameter")
DUPLICATE_CLIENT_ORDER_ID = error_code("smart-order", "duplicate-client-order-id")
INVALID_ORDER_ID = error_code("smart-order", "invalid-order-id")
CANCEL_FAILED = error_code("smart-order", "cancel-failed")
NOT_FOUND = error_code("smart-order", "not-found")
CANCEL_NOT_FOUND = error_code("smart-order", "cancel-not-found")
INVALID_ACCOUNT_TYPE = error_code("smart-order", "invalid-account-type")
INVALID_SYMBOL = error_code("smart-order", "invalid-symbol")
# A market's rules (sandbox/_markets.py) and the public market endpoints.
MARKET_PAUSED = error_code("trading", "market-paused")
PRICE_SCALE = error_code("order", "price-scale")
QUANTITY_SCALE = error_code("order", "quantity-scale")
AMOUNT_SCALE = error_code("order", "amount-scale")
BELOW_MIN_QUANTITY = error_code("order", "below-min-quantity")
BELOW_MIN_AMOUNT = error_code("order", "below-min-amount")
MARKET_DATA_INVALID_SYMBOL = error_code("market-data", "invalid-symbol")


class SandboxError(Exception):
    """A refusal the HTTP layer turns into `{"code", "message"}` with the given status."""

    def __init__(self, status: int, code: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def invalid(name: str, why: str, code: int = SMART_INVALID_PARAMETER) -> SandboxError:
    """A 400 for a parameter that is present but wrong; the message names the parameter."""
    return SandboxError(400, code, f"Invalid parameter '{name}': {why}")


def missing(name: str) -> SandboxError:
    """A 400 for a required parameter that was not sent."""
    return SandboxError(400, MISSING_PARAMETER, f"Missing required parameter '{name}'")
