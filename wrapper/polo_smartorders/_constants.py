"""Defaults and fixed facts of the exchange, in one place."""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://api.poloniex.com"
ENV_API_KEY: Final = "POLO_API_KEY"
ENV_API_SECRET: Final = "POLO_API_SECRET"  # noqa: S105 - the variable name, not a secret
ENV_BASE_URL: Final = "POLO_BASE_URL"

DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_MAX_RETRIES: Final = 2
#: Backoff between retries: base * 2**attempt, full jitter, capped.
BACKOFF_BASE_SECONDS: Final = 0.25
BACKOFF_CAP_SECONDS: Final = 8.0
#: The longest Retry-After the client honours before giving up on that attempt.
RETRY_AFTER_CAP_SECONDS: Final = 30.0

#: How much older than our first attempt an order found by clientOrderId may be and still be ours: the exchange refuses
#: a signTimestamp more than 1 s ahead of its clock, so our order's createTime is at most 1 s before it; 1 s of slack.
CLOCK_TOLERANCE_MS: Final = 2_000

#: The exchange's per-account request limits per second, for each endpoint (by the client's operation name).
RATE_LIMITS: Final[dict[str, int]] = {
    "create": 50,
    "get": 50,
    "cancel": 50,
    "list": 10,
    "cancel_by_ids": 10,
    "cancel_all": 10,
    "history": 10,
    "replace": 10,
}

SMART_ORDER_TYPES: Final = ("STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT")
SIDES: Final = ("BUY", "SELL")
TIMES_IN_FORCE: Final = ("GTC", "IOC", "FOK")
ACCOUNT_TYPES: Final = ("SPOT",)
OPERATORS: Final = ("GTE", "LTE")
DIRECTIONS: Final = ("PRE", "NEXT")
HISTORY_STATES: Final = ("FAILED", "FILLED", "CANCELED", "PARTIALLY_CANCELED")
