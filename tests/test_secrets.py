"""The API secret and signatures never appear in a repr, str, log record, exception or warning."""

from __future__ import annotations

import logging
import warnings

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, RequestError

from .conftest import KEY, SECRET, Exchange


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
