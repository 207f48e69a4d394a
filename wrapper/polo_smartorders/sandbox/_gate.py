"""Checks a private request's key, signature and timestamp the way the exchange does."""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .._rules import SIGNING
from ._errors import INVALID_PARAMETER, SandboxError
from ._signing import sign, signing_payload

#: The exchange's bounds on signTimestamp and recvWindow (the spec's security schemes).
MAX_AHEAD_MS: int = SIGNING.max_ahead_ms
MAX_AGE_MS: int = SIGNING.max_age_ms
_RECV_WINDOW = (SIGNING.recv_window_min_ms, SIGNING.recv_window_max_ms)
_DIGITS = re.compile(r"[0-9]{1,16}")


@dataclass(frozen=True)
class SignedRequest:
    """What the signature covers, as received: method, raw path bytes, decoded query pairs, raw body bytes."""

    method: str
    raw_path: bytes
    query: Sequence[tuple[str, str]]
    body: bytes
    headers: Mapping[str, str]
    """Header values by lower-case name."""


def _unauthorized(message: str) -> SandboxError:
    return SandboxError(401, 401, message)


def authenticate(accounts: Mapping[str, str], request: SignedRequest, now_ms: int) -> str:
    """Return the API key that signed `request`; raise 401 (key, signature), 400 (ahead) or 408 (expired)."""
    headers = request.headers
    absent = [name for name in ("key", "signTimestamp", "signature") if not headers.get(name.lower())]
    if absent:
        raise _unauthorized(f"Missing authentication header(s): {', '.join(absent)}")
    key, timestamp, signature = headers["key"], headers["signtimestamp"], headers["signature"]
    secret = accounts.get(key)
    if secret is None:
        raise _unauthorized("Invalid Apikey or Signature: unknown API key")
    expected = sign(secret, signing_payload(request.method, request.raw_path, request.query, request.body, timestamp))
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("latin-1")):
        raise _unauthorized("Invalid Apikey or Signature: signature mismatch")
    if not _DIGITS.fullmatch(timestamp):
        raise SandboxError(400, INVALID_PARAMETER, f"Invalid signTimestamp '{timestamp}': milliseconds expected")
    window = _recv_window(headers.get("recvwindow"))
    _check_freshness(int(timestamp), window, now_ms)
    return key


def _recv_window(raw: str | None) -> int | None:
    if raw is None:
        return None
    low, high = _RECV_WINDOW
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise SandboxError(400, INVALID_PARAMETER, f"Invalid recvWindow '{raw}': {low} to {high} ms expected")
    return int(raw)


def _check_freshness(timestamp: int, window: int | None, now_ms: int) -> None:
    if timestamp > now_ms + MAX_AHEAD_MS:
        raise SandboxError(
            400,
            400,
            f"signTimestamp {timestamp} is more than {MAX_AHEAD_MS} ms ahead of server time {now_ms}",
        )
    age = now_ms - timestamp
    if window is not None and age > window:
        raise SandboxError(
            408, 408, f"Request expired: signTimestamp {timestamp} is older than recvWindow {window} ms ({age} ms)"
        )
    if age > MAX_AGE_MS:
        raise SandboxError(
            408, 408, f"Request expired: signTimestamp {timestamp} is older than {MAX_AGE_MS} ms ({age} ms)"
        )
