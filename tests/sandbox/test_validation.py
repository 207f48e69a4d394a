"""The sandbox refuses malformed input like the exchange: 400 with the exchange's code and the field named."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from polo_smartorders.sandbox import Market, create_app

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.sandbox import SandboxClient, sandbox_client, stop_order
from tests.support.signing import now_ms, signature


async def _created(sandbox_http: SandboxClient, body: dict[str, Any]) -> dict[str, Any]:
    order_id = (await sandbox_http.ok("POST", "/smartorders", body))["id"]
    [order] = await sandbox_http.ok("GET", f"/smartorders/{order_id}")
    return dict(order)


async def test_defaults_stop_gtc_spot(sandbox_http: SandboxClient) -> None:
    order = await _created(sandbox_http, {"symbol": "ETH_USDT", "side": "SELL", "stopPrice": "1800.5", "amount": "25"})
    assert order["type"] == "STOP" and order["timeInForce"] == "GTC" and order["accountType"] == "SPOT"
    assert (order["stopPrice"], order["amount"], order["quantity"], order["price"]) == ("1800.5", "25", "0", "0")
    assert order["state"] == "PENDING_NEW" and order["clientOrderId"] == ""
    assert order["createTime"] == order["updateTime"] > 0


async def test_price_makes_the_default_type_stop_limit(sandbox_http: SandboxClient) -> None:
    order = await _created(sandbox_http, stop_order(price="61500.25", timeInForce="IOC", clientOrderId="Ab_9-z"))
    assert (order["type"], order["price"], order["timeInForce"]) == ("STOP_LIMIT", "61500.25", "IOC")
    assert order["clientOrderId"] == "Ab_9-z"


async def test_decimals_are_echoed_exactly() -> None:
    digits = "1234567890123456789.0123456789012345678"  # 19 decimals: a market that takes them (BTC_USDT takes 2)
    market = Market("BTC_USDT", 19, 8, 8, min_quantity=Decimal("0.00000001"), min_amount=Decimal(0))
    async with sandbox_client(create_app(symbols=[market])) as sandbox_http:
        order = await _created(sandbox_http, stop_order(stopPrice=digits, quantity="0.00000001"))
    assert (order["stopPrice"], order["quantity"]) == (digits, "0.00000001")


async def test_trailing_orders_echo_their_offsets(sandbox_http: SandboxClient) -> None:
    body = {
        "symbol": "BTC_USDT",
        "side": "SELL",
        "type": "TRAILING_STOP_LIMIT",
        "trailingOffset": "2.5%",
        "limitOffset": "10",
        "stopPrice": "65000",
        "operator": "GTE",
        "quantity": "1",
    }
    order = await _created(sandbox_http, body)
    assert order["trailingOffset"] == "2.5%" and order["limitOffset"] == "10" and order["operator"] == "GTE"
    assert order["activationPrice"] == "65000" and order["stopPrice"] == "65000"


BAD_CREATES: list[tuple[dict[str, Any], int, str]] = [
    ({"side": "BUY", "stopPrice": "1", "quantity": "1"}, 602, "symbol"),
    ({"symbol": "BTC_USDT", "stopPrice": "1", "quantity": "1"}, 602, "side"),
    (stop_order(symbol="btc_usdt"), 25019, "symbol"),
    (stop_order(symbol="BTCUSDT"), 25019, "symbol"),
    (stop_order(side="LONG"), 25001, "side"),
    (stop_order(type="MARKET"), 25001, "type"),
    (stop_order(timeInForce="DAY"), 21321, "timeInForce"),
    (stop_order(accountType="MARGIN"), 25018, "accountType"),
    (stop_order(stopPrice="0"), 21347, "stopPrice"),
    (stop_order(stopPrice="0.000"), 21347, "stopPrice"),
    (stop_order(stopPrice="-1"), 25001, "stopPrice"),
    (stop_order(stopPrice="1e5"), 25001, "stopPrice"),
    (stop_order(stopPrice=" 1"), 25001, "stopPrice"),
    (stop_order(stopPrice=".5"), 25001, "stopPrice"),
    (stop_order(stopPrice="1" * 41), 25001, "stopPrice"),
    (stop_order(price="0"), 25001, "price"),
    (stop_order(quantity="-0.5"), 25001, "quantity"),
    (stop_order(quantity="1,5"), 25001, "quantity"),
    (stop_order(amount="10"), 25001, "amount"),
    ({"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "1"}, 602, "quantity"),
    ({"symbol": "BTC_USDT", "side": "BUY", "quantity": "1"}, 602, "stopPrice"),
    ({"symbol": "BTC_USDT", "side": "BUY", "type": "STOP_LIMIT", "stopPrice": "1", "quantity": "1"}, 602, "price"),
    (stop_order(type="STOP", price="5"), 25001, "price"),
    (stop_order(clientOrderId=""), 25001, "clientOrderId"),
    (stop_order(clientOrderId="a" * 65), 25001, "clientOrderId"),
    (stop_order(clientOrderId="has space"), 25001, "clientOrderId"),
    (stop_order(clientOrderId="cid:x"), 25001, "clientOrderId"),
    (stop_order(trailingOffset="1"), 25001, "trailingOffset"),
    (stop_order(operator="GTE"), 25001, "operator"),
    (stop_order(limitOffset="1"), 25001, "limitOffset"),
    (stop_order(type="TRAILING_STOP"), 602, "trailingOffset"),
    (stop_order(type="TRAILING_STOP", trailingOffset="0%"), 25001, "trailingOffset"),
    (stop_order(type="TRAILING_STOP", trailingOffset="%"), 25001, "trailingOffset"),
    (stop_order(type="TRAILING_STOP", trailingOffset="1", price="3"), 25001, "price"),
    (stop_order(type="TRAILING_STOP", trailingOffset="1", limitOffset="3"), 25001, "limitOffset"),
    (stop_order(type="TRAILING_STOP", trailingOffset="1", operator="GT"), 25001, "operator"),
    (stop_order(type="TRAILING_STOP_LIMIT", trailingOffset="1"), 602, "limitOffset"),
    (stop_order(symbols="BTC_USDT"), 25001, "symbols"),
]


@pytest.mark.parametrize(("body", "code", "field"), BAD_CREATES)
async def test_create_is_refused_naming_the_field(
    sandbox_http: SandboxClient, body: dict[str, Any], code: int, field: str
) -> None:
    error = await sandbox_http.error(400, "POST", "/smartorders", body)
    assert error["code"] == code
    assert f"'{field}'" in error["message"]
    assert await sandbox_http.ok("GET", "/smartorders") == []


@pytest.mark.parametrize(
    ("name", "value"), [("amount", 25), ("quantity", 0.5), ("price", None), ("clientOrderId", 7), ("side", True)]
)
async def test_non_string_values_are_refused_not_coerced(sandbox_http: SandboxClient, name: str, value: object) -> None:
    error = await sandbox_http.error(400, "POST", "/smartorders", {**stop_order(), name: value})
    assert error["code"] == 25001 and f"'{name}'" in error["message"] and "string" in error["message"]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"{", "Invalid JSON"),
        (b'{"symbol":"BTC_USDT","symbol":"ETH_USDT"}', "more than once"),
        (b'{"stopPrice": NaN}', "NaN"),
        (b"\xff\xfe", "UTF-8"),
        (b'["BTC_USDT"]', "JSON object"),
        (b"null", "JSON object"),
    ],
)
async def test_malformed_json_is_400(sandbox_http: SandboxClient, raw: bytes, fragment: str) -> None:
    error = await sandbox_http.error(400, "POST", "/smartorders", raw_body=raw)
    assert fragment in error["message"]


async def test_body_must_be_declared_json(sandbox_http: SandboxClient) -> None:
    raw = b'{"symbol":"BTC_USDT","side":"BUY","stopPrice":"1","quantity":"1"}'
    error = await sandbox_http.error(400, "POST", "/smartorders", raw_body=raw, headers={"content-type": "text/plain"})
    assert "Content-Type" in error["message"]
    await sandbox_http.ok(
        "POST", "/smartorders", raw_body=raw, headers={"content-type": "application/json; charset=utf-8"}
    )


async def test_create_without_body_is_400(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.error(400, "POST", "/smartorders")
    assert error["code"] == 602 and "body" in error["message"]


async def test_duplicate_client_order_id_among_open_orders_is_25004(sandbox_http: SandboxClient) -> None:
    await sandbox_http.create(**stop_order(clientOrderId="dup"))
    error = await sandbox_http.error(400, "POST", "/smartorders", stop_order(clientOrderId="dup", side="SELL"))
    assert error["code"] == 25004 and "dup" in error["message"]
    assert len(await sandbox_http.ok("GET", "/smartorders")) == 1


async def test_client_order_id_is_free_again_once_the_order_is_closed(sandbox_http: SandboxClient) -> None:
    first = await sandbox_http.create(**stop_order(clientOrderId="again"))
    await sandbox_http.ok("DELETE", f"/smartorders/{first}")
    second = await sandbox_http.create(**stop_order(clientOrderId="again"))
    [order] = await sandbox_http.ok("GET", "/smartorders/cid:again")
    assert order["id"] == second != first


@pytest.mark.parametrize("ref", ["abc", "cid:", "cid:has%20space", "12a", "1" * 21, "cid:" + "x" * 65, "%20"])
async def test_malformed_order_ref_is_400(sandbox_http: SandboxClient, ref: str) -> None:
    for method in ("GET", "DELETE", "PUT"):
        error = await sandbox_http.error(400, method, f"/smartorders/{ref}")
        assert error["code"] == 25007


async def test_empty_order_ref_is_400_not_a_redirect(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.error(400, "GET", "/smartorders/")
    assert error["code"] == 25007


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/smartorders", {"limit": "0"}, "limit"),
        ("/smartorders", {"limit": "-1"}, "limit"),
        ("/smartorders", {"limit": "1.5"}, "limit"),
        ("/smartorders", {"limit": "2147483648"}, "limit"),
        ("/smartorders/history", {"limit": "x"}, "limit"),
        ("/smartorders/history", {"type": "STOP,"}, "type"),
        ("/smartorders/history", {"type": "MARKET"}, "type"),
        ("/smartorders/history", {"states": "FILLED,PENDING_NEW"}, "states"),
        ("/smartorders/history", {"side": "buy"}, "side"),
        ("/smartorders/history", {"symbol": "btc"}, "symbol"),
        ("/smartorders/history", {"accountType": "MARGIN"}, "accountType"),
        ("/smartorders/history", {"from": "abc"}, "from"),
        ("/smartorders/history", {"direction": "UP"}, "direction"),
        ("/smartorders/history", {"hideCancel": "True"}, "hideCancel"),
        ("/smartorders/history", {"hideCancel": "1"}, "hideCancel"),
        ("/smartorders/history", {"startTime": "-1"}, "startTime"),
        ("/smartorders/history", {"endTime": "9007199254740992"}, "endTime"),
        ("/smartorders/cancelByIds", {"orderIds": "1"}, "request body"),
    ],
)
async def test_bad_query_is_400_naming_the_parameter(
    sandbox_http: SandboxClient, path: str, params: dict[str, str], field: str
) -> None:
    method = "DELETE" if path.endswith("cancelByIds") else "GET"
    error = await sandbox_http.error(400, method, path, params=params)
    assert f"'{field}'" in error["message"]


async def test_repeated_query_parameter_is_400(sandbox_http: SandboxClient) -> None:
    stamp = str(now_ms())
    headers = {"key": KEY, "signTimestamp": stamp}
    headers["signature"] = signature(SECRET, "GET", b"/smartorders", "limit=1&limit=2", b"", stamp)
    response = await sandbox_http.http.get("/smartorders?limit=1&limit=2", headers=headers)
    assert response.status_code == 400
    assert "'limit'" in response.json()["message"] and "more than once" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"orderIds": "10000001"}, "orderIds"),
        ({"orderIds": [10000001]}, "orderIds"),
        ({"orderIds": ["x1"]}, "orderIds"),
        ({"clientOrderIds": ["cid:abc"]}, "clientOrderIds"),
        ({"orderIds": ["1"] * 101}, "orderIds"),
        ({"ids": ["1"]}, "ids"),
    ],
)
async def test_bad_cancel_by_ids_body_is_400(sandbox_http: SandboxClient, body: dict[str, Any], field: str) -> None:
    error = await sandbox_http.error(400, "DELETE", "/smartorders/cancelByIds", body)
    assert f"'{field}'" in error["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"symbol": ["BTC_USDT"]}, "symbol"),
        ({"accountType": ["SPOT"]}, "accountType"),
        ({"symbols": "BTC_USDT"}, "symbols"),
        ({"symbols": ["btc"]}, "symbols"),
        ({"accountTypes": ["MARGIN"]}, "accountTypes"),
        ({"orderTypes": ["LIMIT"]}, "orderTypes"),
    ],
)
async def test_bad_cancel_all_body_is_400_and_cancels_nothing(
    sandbox_http: SandboxClient, body: dict[str, Any], field: str
) -> None:
    # The seed SDK's singular `symbol` key must not turn into "cancel everything".
    await sandbox_http.create(**stop_order())
    error = await sandbox_http.error(400, "DELETE", "/smartorders", body)
    assert f"'{field}'" in error["message"]
    assert len(await sandbox_http.ok("GET", "/smartorders")) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"proceedOnFailure": "true"}, "proceedOnFailure"),
        ({"symbol": "ETH_USDT"}, "symbol"),
        ({"side": "SELL"}, "side"),
        ({"type": "LIMIT"}, "type"),
        ({"stopPrice": "0"}, "stopPrice"),
    ],
)
async def test_bad_cancel_replace_body_is_400_and_changes_nothing(
    sandbox_http: SandboxClient, body: dict[str, Any], field: str
) -> None:
    order_id = await sandbox_http.create(**stop_order())
    error = await sandbox_http.error(400, "PUT", f"/smartorders/{order_id}", body)
    assert f"'{field}'" in error["message"]
    [order] = await sandbox_http.ok("GET", f"/smartorders/{order_id}")
    assert order["state"] == "PENDING_NEW"


async def test_no_body_allowed_where_the_spec_has_none(sandbox_http: SandboxClient) -> None:
    order_id = await sandbox_http.create(**stop_order())
    error = await sandbox_http.error(400, "DELETE", f"/smartorders/{order_id}", {"force": True})
    assert "body" in error["message"]


async def test_unsupported_method_is_405_with_allow(sandbox_http: SandboxClient) -> None:
    for path, allow in [
        ("/smartorders", "GET, POST, DELETE"),  # the spec's operations of the path, GET first
        ("/smartorders/10000001", "GET, PUT, DELETE"),
        ("/smartorders/cancelByIds", "DELETE"),
        ("/smartorders/history", "GET"),
        ("/timestamp", "GET"),
    ]:
        response = await sandbox_http.http.request("PATCH", path)
        assert response.status_code == 405 and response.headers["allow"] == allow
        assert response.json()["code"] == 405


async def test_unknown_path_is_json_404(sandbox_http: SandboxClient) -> None:
    response = await sandbox_http.http.get("/orders")
    assert response.status_code == 404 and response.json()["code"] == 404


async def test_set_price_endpoint_validates(sandbox_http: SandboxClient) -> None:
    await sandbox_http.error(400, "POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "0"}, signed=False)
    await sandbox_http.error(400, "POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": -1}, signed=False)
    await sandbox_http.error(400, "POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": True}, signed=False)
    await sandbox_http.error(400, "POST", "/sandbox/prices", {"symbol": "BTC_USDT"}, signed=False)
    unknown = await sandbox_http.error(
        400, "POST", "/sandbox/prices", {"symbol": "NOPE_USDT", "price": "1"}, signed=False
    )
    assert unknown["code"] == 25019
    answer = await sandbox_http.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "60000.10"}, signed=False)
    assert answer == {"symbol": "BTC_USDT", "price": "60000.10"}


@pytest.mark.parametrize("size", ["0", "00", "0.0", "0.000"])
@pytest.mark.parametrize("field", ["quantity", "amount"])
async def test_a_zero_size_is_refused_with_the_exchange_code(
    sandbox_http: SandboxClient, field: str, size: str
) -> None:
    body: dict[str, str] = {key: value for key, value in stop_order().items() if key != "quantity"}
    error = await sandbox_http.error(400, "POST", "/smartorders", {**body, field: size})
    assert error["code"] == 25001 and f"'{field}'" in error["message"] and "greater than 0" in error["message"]
    assert await sandbox_http.ok("GET", "/smartorders") == []


async def test_a_signed_body_with_a_lone_surrogate_is_a_json_400(sandbox_http: SandboxClient) -> None:
    raw = b'{"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "1", "quantity": "1", "clientOrderId": "\\ud800"}'
    response = await sandbox_http.request("POST", "/smartorders", raw_body=raw)
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"
    assert response.json()["code"] == 601 and "surrogate" in response.json()["message"]


async def test_set_price_accepts_a_json_number_at_its_written_value(sandbox_http: SandboxClient) -> None:
    raw = b'{"symbol": "ETH_USDT", "price": 1800.10}'
    response = await sandbox_http.request("POST", "/sandbox/prices", raw_body=raw, signed=False)
    assert response.json() == {"symbol": "ETH_USDT", "price": "1800.10"}  # never through float
    assert await sandbox_http.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": 61000}, signed=False)
    prices = await sandbox_http.ok("GET", "/sandbox/prices", signed=False)
    assert prices == [{"symbol": "BTC_USDT", "price": "61000"}, {"symbol": "ETH_USDT", "price": "1800.10"}]


async def test_unknown_symbol_is_refused_unless_configured() -> None:
    async with sandbox_client(create_app()) as default:
        refused = await default.error(400, "POST", "/smartorders", stop_order(symbol="NOPE_USDT"))
        assert refused["code"] == 25019 and "NOPE_USDT" in refused["message"]
        assert await default.ok("GET", "/smartorders") == []  # nothing was placed
        await default.create(**stop_order(symbol="LTC_USDT"))
    async with sandbox_client(create_app(symbols=["NOPE_USDT"])) as configured:
        await configured.create(**stop_order(symbol="NOPE_USDT"))
        assert (await configured.error(400, "POST", "/smartorders", stop_order()))["code"] == 25019
