"""The API secret and signatures never appear in a repr, str, log record, exception or warning."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, RequestError, ValidationError

from tests.support.exchange import Exchange
from tests.support.keys import KEY, SECRET


def _leaks(text: str, signatures: list[str]) -> list[str]:
    found = [s for s in [SECRET, *signatures] if s and s in text]
    if KEY in text:
        found.append("full API key")
    return found


def test_nothing_leaks_through_repr_logs_errors_or_warnings(
    exchange: Exchange, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter(
        [
            httpx.Response(200, json=[]),
            httpx.Response(401, json={"code": 401, "message": "Invalid Apikey or Signature"}),
            httpx.Response(500, content=b"<html>boom</html>"),
        ]
    )
    exchange.default = lambda r: next(answers, httpx.Response(503, json={"code": 24201, "message": "busy"}))
    texts: list[str] = []
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        with Client(KEY, SECRET, "http://x.test", transport=httpx.MockTransport(exchange), max_retries=1) as client:
            texts += [repr(client), str(client), repr(client.smartorders()), repr(client._auth), repr(vars(client))]
            client.smartorders().get_all()
            for call in (client.smartorders().get_all, client.smartorders().get_all):
                with pytest.raises(RequestError) as caught:
                    call()
                texts += [str(caught.value), repr(caught.value), repr(caught.value.args)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [str(w.message) for w in caught_warnings]
    signatures = [r.headers["signature"] for r in exchange.requests]
    assert len(signatures) >= 3
    assert caplog.records, "requests are logged at DEBUG"
    assert any("GET /smartorders -> 200" in record.getMessage() for record in caplog.records)
    leaks = [(text, _leaks(text, signatures)) for text in texts if _leaks(text, signatures)]
    assert leaks == []
    assert f"...{KEY[-4:]}" in repr(client)


def test_async_client_repr_hides_secret() -> None:
    client = AsyncClient(KEY, SECRET, "http://x.test")
    assert SECRET not in repr(client) and KEY not in repr(client)
    assert repr(client) == f"AsyncClient(url='http://x.test', api_key='...{KEY[-4:]}')"


def test_the_leak_check_would_see_a_leak() -> None:
    assert _leaks(f"oops {SECRET}", []) == [SECRET]
    assert _leaks(f"key={KEY}", []) == ["full API key"]


def assert_traceback_holds_no_request(error: BaseException) -> None:
    """No frame of ``error``'s traceback has an httpx request or response (the key and signature headers) in its
    locals. (The frames of the caller's own code hold the client, and so its secret: that is Python's, not ours.)"""
    tb = error.__traceback__
    while tb is not None:
        for name, value in tb.tb_frame.f_locals.items():
            assert not isinstance(value, httpx.Request | httpx.Response | httpx.Headers), (
                f"{tb.tb_frame.f_code.co_name}() holds the signed request in {name!r}"
            )
        tb = tb.tb_next


def assert_holds_no_secret(error: BaseException, key: str, secret: str) -> None:
    """Walk ``error``'s __cause__/__context__ chain and every attribute (recursively): no httpx request or response,
    and no text holding the key or the secret."""
    seen: set[int] = set()
    stack: list[object] = [error]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None:
            continue
        seen.add(id(item))
        assert not isinstance(item, httpx.Request | httpx.Response), f"{type(item).__name__} reachable from {error!r}"
        if isinstance(item, str | bytes):
            text = item if isinstance(item, str) else item.decode("latin-1")
            assert key not in text and secret not in text, f"secret in {text!r}"
            continue
        if isinstance(item, BaseException):
            stack += [item.__cause__, item.__context__, *item.args, str(item), repr(item)]
            assert_traceback_holds_no_request(item)
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            stack += list(item)
        elif hasattr(item, "__dict__") and not isinstance(item, type):
            stack += list(vars(item).values())


@pytest.mark.parametrize(
    ("key", "secret", "field"),
    [
        ("my-key-0123\n", "s", "api_key"),
        ("my key 0123", "s", "api_key"),
        ("", "s", "api_key"),
        ("k\u00e9y-0123", "s", "api_key"),
        ("my-key-0123", "s3cr3t-9f\n", "api_secret"),
        ("my-key-0123", b"s3cr3t-9f", "api_secret"),
    ],
)
def test_bad_credentials_are_refused_at_construction_without_showing_them(
    key: Any, secret: Any, field: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for cls in (Client, AsyncClient):
        with pytest.raises(ValidationError) as caught:
            cls(key, secret, "http://x.test")
        assert caught.value.field == field
        shown = str(caught.value) + repr(caught.value) + caplog.text
        for value in (key, secret):
            text = value.decode() if isinstance(value, bytes) else value
            assert len(text.strip()) < 2 or text.strip() not in shown
    with pytest.raises(ValidationError, match="not bytes"):
        Client("k", b"s")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.0}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": True}, "timeout"),
        ({"timeout": httpx.Timeout(5.0, read=0)}, "timeout"),
        ({"url": "ftp://x.test"}, "url"),
        ({"url": "http://"}, "url"),
        ({"url": "api.poloniex.com"}, "url"),
        ({"deadline": 0}, "deadline"),
        ({"max_response_bytes": 0}, "max_response_bytes"),
    ],
)
def test_bad_settings_are_refused_at_construction(kwargs: dict[str, Any], field: str) -> None:
    for cls in (Client, AsyncClient):
        with pytest.raises(ValidationError) as caught:
            cls("k", "s", **kwargs)
        assert caught.value.field == field


def test_a_transport_error_chains_no_request_holding_the_key() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset", request=request)

    with Client(KEY, SECRET, "http://x.test", transport=httpx.MockTransport(refuse), max_retries=0) as client:
        with pytest.raises(RequestError) as caught:
            client.smartorders().get_all()
        assert_holds_no_secret(caught.value, KEY, SECRET)
        with pytest.raises(RequestError) as unknown:
            client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
        assert_holds_no_secret(unknown.value, KEY, SECRET)


ANSWERS = [
    (400, {"code": 25001, "message": "Invalid parameter"}),
    (401, {"code": 401, "message": "Invalid Apikey or Signature"}),
    (404, {"code": 25013, "message": "not found"}),
    (503, {"code": 503, "message": "busy"}),
]


@pytest.mark.parametrize(("status", "body"), ANSWERS)
def test_an_error_answer_leaves_no_signed_request_in_the_traceback(status: int, body: dict[str, Any]) -> None:
    """httpx raises the answer's error inside its own frames, whose locals hold the signed request; the error this
    library raises carries none of them (a traceback with locals printed to a log would show key and signature)."""
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    with Client(KEY, SECRET, "http://x.test", transport=transport, max_retries=0) as client:
        with pytest.raises(RequestError) as caught:
            client.smartorders().get_by_id("1")
        assert_holds_no_secret(caught.value, KEY, SECRET)
        with pytest.raises(RequestError) as placing:
            client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
        assert_holds_no_secret(placing.value, KEY, SECRET)


@pytest.mark.parametrize(("status", "body"), ANSWERS)
async def test_an_async_error_answer_leaves_no_signed_request_in_the_traceback(
    status: int, body: dict[str, Any]
) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    async with AsyncClient(KEY, SECRET, "http://x.test", transport=transport, max_retries=0) as client:
        with pytest.raises(RequestError) as caught:
            await client.smartorders().get_by_id("1")
        assert_holds_no_secret(caught.value, KEY, SECRET)
        with pytest.raises(RequestError) as placing:
            await client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
        assert_holds_no_secret(placing.value, KEY, SECRET)


def test_a_password_in_the_url_is_not_shown() -> None:
    for cls in (Client, AsyncClient):
        shown = repr(cls(KEY, SECRET, "http://user:s3cret-pass@x.test/api"))
        assert "s3cret-pass" not in shown and "user" not in shown and "x.test/api" in shown
