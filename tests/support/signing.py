"""The suite's one signer, written from the API description and not from the client's or the sandbox's code: the
signature of a request, its headers, a ``requests`` auth that signs as sent, and the check of a request the client
signed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

import httpx
import requests

from tests.support.keys import KEY, SANDBOX_KEY, SANDBOX_SECRET, SECRET


def now_ms() -> int:
    """Milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """Query pairs sorted by name, `k=v` joined with `&`, percent-encoded UTF-8 with only unreserved kept."""
    ordered = sorted(pairs, key=lambda pair: pair[0])
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in ordered)


def signature(secret: str, method: str, path: bytes, query: str, body: bytes, timestamp: str) -> str:
    """base64(HMAC_SHA256(secret, METHOD\\nPATH\\nPARAMS)) as the API description defines it."""
    if body:
        params = b"requestBody=" + body + b"&signTimestamp=" + timestamp.encode()
    else:
        params = canonical_query([*parse_qsl(query, keep_blank_values=True), ("signTimestamp", timestamp)]).encode()
    payload = method.encode() + b"\n" + path + b"\n" + params
    return base64.b64encode(hmac.new(secret.encode(), payload, hashlib.sha256).digest()).decode()


def auth_headers(
    secret: str, key: str, method: str, path: bytes, query: str, body: bytes, timestamp: str
) -> dict[str, str]:
    """The three signing headers for one request."""
    return {
        "key": key,
        "signTimestamp": timestamp,
        "signature": signature(secret, method, path, query, body, timestamp),
    }


class RequestsSigner(requests.auth.AuthBase):
    """Signs a prepared `requests` request as sent: canonical query rewritten into the URL, raw path, body bytes."""

    def __init__(self, key: str = SANDBOX_KEY, secret: str = SANDBOX_SECRET) -> None:
        self.key = key
        self.secret = secret

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        assert request.url is not None and request.method is not None
        parts = urlsplit(request.url)
        query = canonical_query(parse_qsl(parts.query, keep_blank_values=True))
        request.url = urlunsplit(parts._replace(query=query))
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        assert isinstance(body, bytes), "streamed bodies cannot be signed"
        timestamp = str(now_ms())
        request.headers.update(
            auth_headers(self.secret, self.key, request.method, parts.path.encode(), query, body, timestamp)
        )
        return request


def expected_signature(request: httpx.Request, secret: str = SECRET) -> str:
    """The signature the exchange would compute for a request as sent (raw path and query, body bytes)."""
    raw_path, _, raw_query = request.url.raw_path.decode().partition("?")
    timestamp = request.headers["signTimestamp"]
    return signature(secret, request.method, raw_path.encode(), raw_query, request.content, timestamp)


def assert_signed(request: httpx.Request) -> None:
    """``request`` carries the scripted exchange's key and a valid signature of what was sent."""
    assert request.headers["key"] == KEY
    assert request.headers["signTimestamp"].isdigit()
    assert request.headers["signature"] == expected_signature(request)
