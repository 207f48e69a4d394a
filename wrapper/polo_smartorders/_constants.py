"""Defaults and fixed facts of the exchange, in one place."""

from __future__ import annotations

from typing import Final

from ._rules import SIGNING, rate_limits

DEFAULT_BASE_URL: Final = "https://api.poloniex.com"
ENV_API_KEY: Final = "POLO_API_KEY"
ENV_API_SECRET: Final = "POLO_API_SECRET"  # noqa: S105 - the variable name, not a secret
ENV_BASE_URL: Final = "POLO_BASE_URL"

DEFAULT_TIMEOUT: Final = 10.0
#: The overall bound on one call (every attempt, lookup, clock sync, fence wait and backoff sleep), in seconds: well
#: above the default read timeout plus the default recvWindow fence, so that reconciliation can finish.
DEFAULT_DEADLINE: Final = 60.0
#: The largest decoded answer the client reads (a list of 100 orders is about 60 KB).
DEFAULT_MAX_RESPONSE_BYTES: Final = 4 * 1024 * 1024
DEFAULT_MAX_RETRIES: Final = 2
#: Backoff between retries: base * 2**attempt, full jitter, capped.
BACKOFF_BASE_SECONDS: Final = 0.25
BACKOFF_CAP_SECONDS: Final = 8.0
#: The longest Retry-After the client honours before giving up on that attempt.
RETRY_AFTER_CAP_SECONDS: Final = 30.0

#: recvWindow sent on every signed request: the exchange refuses a request whose signTimestamp is older than this when
#: it arrives, which bounds how late a lost create can still land (the fence reconciliation waits for).
DEFAULT_RECV_WINDOW_MS: Final = 5_000
#: The largest recvWindow the exchange takes (the spec's recvWindow x-maximum; its bound on a signTimestamp's age
#: when none is sent is x-max-age-ms, the same).
MAX_RECV_WINDOW_MS: Final[int] = SIGNING.recv_window_max_ms
MIN_RECV_WINDOW_MS: Final[int] = SIGNING.recv_window_min_ms
#: How far a signTimestamp may be ahead of the exchange's clock (the spec's x-max-ahead-ms).
MAX_AHEAD_MS: Final[int] = SIGNING.max_ahead_ms
#: How fast the local clock may drift from the exchange's after a measurement (500 ppm: NTP's largest slew rate).
DRIFT_MS_PER_S: Final = 0.5
#: Requests one client has on the wire at once: its connection pool's size, so that a request holding a slot never
#: waits for a connection. Taken after the rate limiter's grant: a call waiting for its endpoint's turn holds none.
MAX_IN_FLIGHT: Final = 100

#: How long ``check_market_rules=True`` trusts a market's fetched rules to pass an order, in seconds: a minute, at one
#: public request per symbol per minute.
MARKET_RULES_MAX_AGE: Final = 60.0
#: Cached rules older than this (seconds) that would refuse an order are read again first: a refusal (a PAUSE just
#: lifted, a scale just widened) is never made on stale rules.
MARKET_RULES_RECHECK_AGE: Final = 1.0
#: The longest a create or replace waits for its market's rules (seconds; at most half the call's deadline left):
#: past it the order goes unchecked, so a stalled market endpoint delays a stop-loss by this much at most.
MARKET_RULES_FETCH_TIMEOUT: Final = 2.0
#: The exchange's per-account request limits per second, by rate-limit group (the spec's x-rate-limit-group and
#: x-rate-limit of each operation).
RATE_LIMITS: Final[dict[str, int]] = rate_limits()
