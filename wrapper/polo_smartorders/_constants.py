"""Defaults and fixed facts of the exchange, in one place."""

from __future__ import annotations

from typing import Final

from polo_smartorders_api.rules import OPERATIONS

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

#: The exchange's per-account request limits per second, by the client's operation name (the spec's
#: x-rate-limit-group and x-rate-limit of each operation).
RATE_LIMITS: Final[dict[str, int]] = {
    operation["group"]: operation["rate_limit"] for operation in OPERATIONS.values() if operation["rate_limit"]
}
