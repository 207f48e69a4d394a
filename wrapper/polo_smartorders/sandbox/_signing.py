"""The exchange's request signature, written from the API description (independent of the client's signer)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from urllib.parse import quote


def percent_encode(text: str) -> str:
    """Percent-encode UTF-8 text, keeping only the unreserved characters `A-Za-z0-9-_.~`."""
    return quote(text, safe="")


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """`k=v` pairs sorted by name (stable) and joined with `&`, names and values percent-encoded."""
    ordered = sorted(pairs, key=lambda pair: pair[0])
    return "&".join(f"{percent_encode(name)}={percent_encode(value)}" for name, value in ordered)


def signing_payload(method: str, path: bytes, query: Iterable[tuple[str, str]], body: bytes, timestamp: str) -> bytes:
    """METHOD, raw PATH and PARAMS joined by newlines; PARAMS holds the exact body bytes when there is a body."""
    if body:
        params = b"requestBody=" + body + b"&signTimestamp=" + timestamp.encode()
    else:
        params = canonical_query([*query, ("signTimestamp", timestamp)]).encode()
    return method.upper().encode() + b"\n" + path + b"\n" + params


def sign(secret: str, payload: bytes) -> str:
    """Standard, padded base64 of HMAC-SHA256(secret, payload)."""
    digest = hmac.new(secret.encode(), payload, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")
