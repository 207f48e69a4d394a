"""The sandbox accepts what the live exchange was seen to accept (issue 20.5), as the spec records it (x-tolerated,
x-unknown-query): the exact bytes of ccxt's logged create, numbers read exactly, an undocumented query parameter
ignored; and the client still sends the strict form."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from polo_smartorders import Client, ValidationError
from polo_smartorders._rules import TOLERATED
from polo_smartorders.sandbox import _spec as sandbox_spec
from polo_smartorders.sandbox import _tolerated as sandbox_tolerated
from polo_smartorders.sandbox import create_app

from tests.support.keys import SANDBOX_KEY, SANDBOX_SECRET
from tests.support.sandbox import SandboxClient, sandbox_client

ROOT = Path(__file__).resolve().parents[2]
#: The body ccxt sent (its pull request #18928, verbose log of 2023-08-22), byte for byte; the exchange answered 200.
CCXT_BODY = b'{"symbol":"LTC_USDT","side":"sell","stopPrice":110.0,"type":"STOP_LIMIT","quantity":"0.1","price":"100"}'


async def _stored(http: SandboxClient, raw: bytes) -> dict[str, Any]:
    answer = await http.ok("POST", "/smartorders", raw_body=raw)
    [order] = await http.ok("GET", f"/smartorders/{answer['id']}")
    return dict(order)


async def test_the_ccxt_bytes_place_an_order(sandbox_http: SandboxClient) -> None:
    answer = await sandbox_http.ok("POST", "/smartorders", raw_body=CCXT_BODY)
    assert answer["id"].isdigit() and answer["clientOrderId"] == ""  # as the exchange answered it
    [order] = await sandbox_http.ok("GET", f"/smartorders/{answer['id']}")
    # the number kept as written (the decimal text 110.0, never a float), the side as the enum's value
    assert (order["stopPrice"], order["side"], order["type"], order["price"], order["quantity"]) == (
        "110.0", "SELL", "STOP_LIMIT", "100", "0.1"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("number", "stored"),
    [("110", "110"), ("110.50", "110.50"), ("1.1e2", "110"), ("1.105E+2", "110.5"), ("0.000001e8", "100")],
)
async def test_a_number_stop_price_is_its_exact_decimal(sandbox_http: SandboxClient, number: str, stored: str) -> None:
    raw = f'{{"symbol":"LTC_USDT","side":"SELL","stopPrice":{number},"quantity":"0.1"}}'.encode()
    assert (await _stored(sandbox_http, raw))["stopPrice"] == stored


@pytest.mark.parametrize(
    ("number", "code"),
    [("0", 21347), ("0.0", 21347), ("-1", 25001), ("110.0001", 21335), ("1e100000000", 25001), ("1" * 41, 25001)],
)
async def test_a_number_stop_price_meets_the_same_rules(sandbox_http: SandboxClient, number: str, code: int) -> None:
    raw = f'{{"symbol":"LTC_USDT","side":"SELL","stopPrice":{number},"quantity":"0.1"}}'.encode()
    error = await sandbox_http.error(400, "POST", "/smartorders", raw_body=raw)
    assert error["code"] == code and "'stopPrice'" in error["message"]


@pytest.mark.parametrize("side", ["sell", "Sell", "sElL"])
async def test_side_is_taken_in_any_case(sandbox_http: SandboxClient, side: str) -> None:
    raw = json.dumps({"symbol": "LTC_USDT", "side": side, "stopPrice": "110", "quantity": "0.1"}).encode()
    assert (await _stored(sandbox_http, raw))["side"] == "SELL"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", 0.1),
        ("price", 100),
        ("type", "stop_limit"),
        ("side", "sel"),
        ("side", "\u017fell"),
        ("stopPrice", True),
    ],
)
async def test_only_what_the_exchange_was_seen_to_take_is_tolerated(
    sandbox_http: SandboxClient, field: str, value: object
) -> None:
    body = {**json.loads(CCXT_BODY), field: value}
    error = await sandbox_http.error(400, "POST", "/smartorders", body)
    assert f"'{field}'" in error["message"]


async def test_a_replace_body_is_strict(sandbox_http: SandboxClient) -> None:
    """x-tolerated is on the create body only: no source shows a cancel-replace with a number."""
    placed = await sandbox_http.ok("POST", "/smartorders", raw_body=CCXT_BODY)
    error = await sandbox_http.error(400, "PUT", f"/smartorders/{placed['id']}", {"stopPrice": 111})
    assert error["code"] == 25001 and "'stopPrice'" in error["message"]


async def test_an_undocumented_query_parameter_is_ignored(sandbox_http: SandboxClient) -> None:
    """ccxt lists smart orders with GET /smartorders?symbol=LTC_USDT: answered as without it, filtering nothing."""
    ltc = (await sandbox_http.ok("POST", "/smartorders", raw_body=CCXT_BODY))["id"]
    btc = await sandbox_http.create(symbol="BTC_USDT", side="SELL", stopPrice="58000", quantity="0.01")
    everything = await sandbox_http.ok("GET", "/smartorders")
    assert [order["id"] for order in everything] == [btc, ltc]
    assert await sandbox_http.ok("GET", "/smartorders", params={"symbol": "LTC_USDT"}) == everything
    assert await sandbox_http.ok("GET", "/smartorders", params={"symbol": "x", "limit": "1"}) == everything[:1]
    assert await sandbox_http.ok("GET", f"/smartorders/{btc}", params={"foo": "bar"}) == [everything[0]]
    assert await sandbox_http.ok("GET", "/smartorders/history", params={"foo": "bar"}) == []
    error = await sandbox_http.error(400, "GET", "/smartorders", params={"symbol": "LTC_USDT", "limit": "0"})
    assert "'limit'" in error["message"]  # the documented parameters are still checked


async def test_a_query_on_a_request_with_a_body_is_still_refused(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.request("POST", "/smartorders", json.loads(CCXT_BODY), params={"symbol": "LTC_USDT"})
    assert error.status_code == 400


def test_the_client_sends_the_strict_form() -> None:
    """The tolerance is the sandbox's: the client refuses a lower-case side and a float, and sends strings."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"id": "1", "clientOrderId": json.loads(request.content)["clientOrderId"]})

    with Client(SANDBOX_KEY, SANDBOX_SECRET, "http://sandbox.test", transport=httpx.MockTransport(answer)) as client:
        so = client.smartorders()
        with pytest.raises(ValidationError) as refused:
            so.create(symbol="LTC_USDT", side="sell", stop_price="110", quantity="0.1")  # type: ignore[arg-type]
        assert refused.value.field == "side"
        with pytest.raises(ValidationError):
            so.create(symbol="LTC_USDT", side="SELL", stop_price=110.0, quantity="0.1")  # type: ignore[arg-type]
        assert sent == []
        so.create(symbol="LTC_USDT", side="SELL", type="STOP_LIMIT", stop_price="110.0", price="100", quantity="0.1")
    body = json.loads(sent[-1].content)
    assert (body["stopPrice"], body["side"], body["price"]) == ("110.0", "SELL", "100")


def test_the_tolerances_come_from_the_spec() -> None:
    assert TOLERATED.unknown_query_ignored is True
    assert dict(TOLERATED.fields("createSmartOrder")) == {"stopPrice": {"number"}, "side": {"any-case"}}
    assert dict(TOLERATED.fields("cancelReplaceSmartOrder")) == {}


def _derive() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive_for_tolerance", ROOT / "openapi" / "derive.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"stopPrice": ["float"]}, "stopPrice"),  # an unknown word
        ({"side": ["number"]}, "side"),  # a number where an enum is
        ({"quantity": ["any-case"]}, "quantity"),  # any case where a decimal is
        ({"nope": ["number"]}, "nope"),  # not a field of the body
        ({"stopPrice": "number"}, "stopPrice"),  # not a list
    ],
)
def test_generation_refuses_a_tolerance_the_sandbox_could_not_honour(table: dict[str, Any], fragment: str) -> None:
    derive = _derive()
    spec = yaml.safe_load((ROOT / "openapi" / "smartorders.yaml").read_text())
    spec["components"]["schemas"]["CreateSmartOrderRequest"]["x-tolerated"] = table
    with pytest.raises(SystemExit, match=fragment):
        derive.tolerated(spec)
    spec["x-unknown-query"] = "filter"
    spec["components"]["schemas"]["CreateSmartOrderRequest"].pop("x-tolerated")
    with pytest.raises(SystemExit, match="x-unknown-query"):
        derive.tolerated(spec)


async def test_with_refuse_the_sandbox_refuses_an_unknown_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    """x-unknown-query: refuse is honoured too (the spec decides, not the sandbox)."""
    refusing = dataclasses.replace(TOLERATED, unknown_query_ignored=False)
    for module in (sandbox_spec, sandbox_tolerated):  # the two readers of the table
        monkeypatch.setattr(module, "TOLERATED", refusing)

    async with sandbox_client(create_app()) as http:
        error = await http.error(400, "GET", "/smartorders", params={"symbol": "LTC_USDT"})
        assert error["code"] == 25001 and "'symbol'" in error["message"]
