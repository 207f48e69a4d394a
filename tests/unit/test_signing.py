"""Signing: the reference vector, and the signer checked against an independent verifier on real requests."""

from __future__ import annotations

import httpx
import pytest
from polo_smartorders import Client
from polo_smartorders._auth import HmacAuth, canonical_query, signature
from polo_smartorders._clock import Clock

from tests.support.exchange import BASE, Exchange, default_answer
from tests.support.keys import KEY, SECRET
from tests.support.signing import assert_signed, expected_signature


def test_reference_test_vector() -> None:
    params = b'requestBody={"a":1,"b":["2",null]}&signTimestamp=1674197467415'
    assert (
        signature("poloniex-api-secret", "DELETE", "/some/path", params)
        == "rCahSwbMNIzxQRUSqzxdMvYP9CDWfRUDNIFDVABxHQQ="
    )


def test_canonical_query_sorts_and_percent_encodes() -> None:
    pairs = [("symbol", "BTC_USDT"), ("states", "FILLED,CANCELED"), ("a b", "x y/z~"), ("limit", "5")]
    assert canonical_query(pairs) == "a%20b=x%20y%2Fz~&limit=5&states=FILLED%2CCANCELED&symbol=BTC_USDT"


def _signed(request: httpx.Request, offset_ms: int = 0, recv_window: int | None = None) -> httpx.Request:
    clock = Clock()
    clock.offset_ms = offset_ms
    HmacAuth(KEY, SECRET, clock, recv_window).sign(request)
    return request


def test_get_query_is_rewritten_to_the_signed_canonical_form() -> None:
    request = _signed(
        httpx.Request("GET", f"{BASE}/smartorders/history?symbol=BTC_USDT&limit=5&type=STOP%2CSTOP_LIMIT")
    )
    assert request.url.raw_path == b"/smartorders/history?limit=5&symbol=BTC_USDT&type=STOP%2CSTOP_LIMIT"
    assert_signed(request)


def test_query_with_spaces_and_plus_is_encoded_one_way() -> None:
    request = _signed(httpx.Request("GET", f"{BASE}/x", params={"q": "a b+c"}))
    assert request.url.raw_path == b"/x?q=a%20b%2Bc"
    assert_signed(request)


def test_body_is_signed_as_the_exact_bytes_sent() -> None:
    body = b'{"symbol":"BTC_USDT","side":"BUY","price":"40000.50"}'
    request = _signed(httpx.Request("POST", f"{BASE}/smartorders", content=body))
    assert request.content == body
    ts = request.headers["signTimestamp"]
    payload = b"requestBody=" + body + b"&signTimestamp=" + ts.encode()
    assert request.headers["signature"] == signature(SECRET, "POST", "/smartorders", payload)
    assert_signed(request)


def test_cid_path_is_signed_with_its_literal_colon() -> None:
    request = _signed(httpx.Request("DELETE", f"{BASE}/smartorders/cid:my-Id_1"))
    assert request.url.raw_path == b"/smartorders/cid:my-Id_1"
    expected = signature(
        SECRET, "DELETE", "/smartorders/cid:my-Id_1", f"signTimestamp={request.headers['signTimestamp']}".encode()
    )
    assert request.headers["signature"] == expected


def test_body_and_query_together_are_refused() -> None:
    with pytest.raises(ValueError, match="never both"):
        _signed(httpx.Request("DELETE", f"{BASE}/smartorders?x=1", content=b"{}"))


def test_timestamp_carries_the_clock_offset_and_recv_window_is_sent() -> None:
    plain = _signed(httpx.Request("GET", f"{BASE}/smartorders"))
    ahead = _signed(httpx.Request("GET", f"{BASE}/smartorders"), offset_ms=120_000, recv_window=5000)
    assert 119_000 < int(ahead.headers["signTimestamp"]) - int(plain.headers["signTimestamp"]) < 121_000
    assert ahead.headers["recvWindow"] == "5000"
    assert "recvWindow" not in plain.headers


def test_every_attempt_is_signed_afresh(exchange: Exchange, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(1_700_000_000_000, 1_700_000_000_100))
    monkeypatch.setattr(client.clock, "now_ms", lambda: next(ticks))
    monkeypatch.setattr("polo_smartorders._retry.backoff", lambda attempt: 0.0)
    exchange.script = [lambda r: httpx.Response(503, json={"code": 24201, "message": "busy"})]
    client.smartorders().get_all(limit=3)
    first, second = exchange.requests
    assert_signed(first)
    assert_signed(second)
    assert first.headers["signTimestamp"] != second.headers["signTimestamp"]
    assert first.headers["signature"] != second.headers["signature"]


def test_a_wrong_secret_is_detected_by_the_verifier() -> None:
    """The verifier is not a tautology: a request signed with another secret fails it."""
    request = _signed(httpx.Request("GET", f"{BASE}/smartorders?limit=1"))
    assert request.headers["signature"] != expected_signature(request, secret="another-secret")


SIGNING_HEADERS = ("key", "signature", "signTimestamp", "signatureMethod", "signatureVersion", "recvWindow")


@pytest.mark.parametrize("base", ["http://x.test", "http://x.test/api/v3"])
def test_a_public_operation_is_sent_unsigned_and_a_private_one_signed(exchange: Exchange, base: str) -> None:
    """GET /timestamp is `security: []` in the spec: no key or signature leaves with it (behind a base path too)."""
    exchange.default = lambda request: (
        httpx.Response(200, json={"serverTime": 1674197467415})
        if request.url.path.endswith("/timestamp")
        else default_answer(request)
    )
    with Client(KEY, SECRET, base, transport=httpx.MockTransport(exchange)) as client:
        client.sync_time()
        client.smartorders().get_by_id("1")
    public, private = exchange.requests
    assert public.url.path.endswith("/timestamp")
    assert [name for name in SIGNING_HEADERS if name in public.headers] == []
    assert all(name in private.headers for name in SIGNING_HEADERS)


def test_a_private_path_that_only_ends_like_a_public_one_is_signed() -> None:
    auth = HmacAuth(KEY, SECRET, Clock(), base_path="/api")
    for url, public in [
        ("http://x.test/api/timestamp", True),
        ("http://x.test/timestamp", False),  # outside the base path: not the spec's operation
        ("http://x.test/api/smartorders/timestamp", False),
        ("http://x.test/api/timestamp/1", False),
    ]:
        assert auth.is_public(httpx.Request("GET", url)) is public, url
    assert auth.is_public(httpx.Request("POST", "http://x.test/api/timestamp")) is False
