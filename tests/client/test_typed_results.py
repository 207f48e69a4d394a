"""Results as typed as inputs: amounts in answers are exact Decimals that write back the exchange's text, and a cancel
or cancel-replace of an order that is no longer open raises OrderNotOpenError carrying its state."""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal
from typing import Any

import attrs
import httpx
import pytest
from polo_smartorders import (
    CancelFailedError,
    Client,
    InvalidRequestError,
    InvalidResponseError,
    Order,
    OrderNotOpenError,
    SmartOrder,
)
from polo_smartorders.testing import async_sandbox, sandbox

from tests.support.exchange import SMART_ORDER, Exchange, default_answer
from tests.support.spec_answers import load

SPEC = load()
SCHEMAS = SPEC["components"]["schemas"]
EXAMPLES = SPEC["components"]["examples"]


def _decimal_fields(model: str) -> set[str]:
    """The fields of ``model`` the spec gives a format: decimal schema (by $ref or a lone allOf), by wire name."""
    found = set()
    for name, schema in SCHEMAS[model]["properties"].items():
        ref = schema.get("$ref") or (schema.get("allOf") or [{}])[0].get("$ref", "")
        if ref and SCHEMAS[ref.rsplit("/", 1)[1]].get("format") == "decimal":
            found.add(name)
    return found


def _python_name(model: type[Any], wire: str) -> str:
    """The attrs field of a generated model that carries the wire field ``wire`` (from to_dict's keys)."""
    names = [field.name for field in attrs.fields(model) if field.init]
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in wire)
    assert snake in names, (wire, names)
    return snake


def test_the_spec_marks_every_amount_of_an_answer() -> None:
    assert _decimal_fields("SmartOrder") == {
        "quantity", "price", "amount", "stopPrice", "activationPrice", "avgPrice", "filledQuantity", "filledAmount"
    }  # fmt: skip
    assert _decimal_fields("Order") == {"quantity", "price", "avgPrice", "amount", "filledQuantity", "filledAmount"}


@pytest.mark.parametrize("example", ["SmartOrderPending", "SmartOrderTriggered", "SmartOrderFilled"])
def test_every_amount_is_an_exact_decimal_and_to_dict_is_the_exchanges_text(example: str) -> None:
    raw = EXAMPLES[example]["value"]
    order = SmartOrder.from_dict(raw)
    checked: list[tuple[type[Any], Any, dict[str, Any], set[str]]] = [
        (SmartOrder, order, raw, _decimal_fields("SmartOrder"))
    ]
    if "triggeredOrder" in raw:
        assert isinstance(order.triggered_order, Order)
        checked.append((Order, order.triggered_order, raw["triggeredOrder"], _decimal_fields("Order")))
    for model, parsed, source, fields in checked:
        for wire in fields & set(source):
            value = getattr(parsed, _python_name(model, wire))
            assert isinstance(value, Decimal) and value == Decimal(source[wire]), wire
            assert str(value) == source[wire]  # no float on the way: the digits as sent
    assert order.to_dict() == raw
    assert json.dumps(order.to_dict()) == json.dumps(raw)  # byte for byte, in the exchange's order


@pytest.mark.parametrize(
    "text",
    ["0.10", "40000.50", "0", "", "100", "0.000000000000000000000000000001", "1" * 90, "123456789012345678901234.5"],
)
def test_amount_texts_keep_their_value_and_their_exact_text(text: str) -> None:
    order = SmartOrder.from_dict({**SMART_ORDER, "price": text})
    assert order.price == (Decimal(text) if text else 0)  # "" reads as 0, as "0" does
    assert order.to_dict()["price"] == text  # "0.10" keeps its trailing zero; "" stays ""
    assert pickle.loads(pickle.dumps(order)).to_dict()["price"] == text  # noqa: S301 - our own bytes
    assert copy.deepcopy(order).to_dict()["price"] == text
    assert type(order.price + 1) is Decimal  # arithmetic gives plain Decimals


def test_a_model_built_from_decimals_writes_plain_text() -> None:
    order = SmartOrder.from_dict(SMART_ORDER)
    order.stop_price = Decimal("4E+4")
    order.price = Decimal("0.0000001")
    assert (order.to_dict()["stopPrice"], order.to_dict()["price"]) == ("40000", "0.0000001")  # never an exponent


@pytest.mark.parametrize(
    "text",
    ["1e5", "1E-7", "1e999999999", "-1", "+1", " 1", "1.", ".5", "NaN", "Infinity", "1_000", "\u0661", "0x10", "1\n"],
)
def test_an_amount_that_is_not_a_plain_decimal_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValueError, match="field 'stopPrice' must be a plain decimal"):
        SmartOrder.from_dict({**SMART_ORDER, "stopPrice": text})


@pytest.mark.parametrize("value", [40000, 40000.5, None, True, ["1"]])
def test_an_amount_of_another_json_type_is_refused(value: object) -> None:
    with pytest.raises(TypeError, match="field 'quantity' must be a string"):
        SmartOrder.from_dict({**SMART_ORDER, "quantity": value})


@pytest.mark.parametrize("field", ["stopPrice", "avgPrice"])
def test_the_client_answers_a_non_decimal_amount_with_invalid_response_error(
    exchange: Exchange, client: Client, field: str
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/smartorders/"):
            return httpx.Response(200, json=[{**SMART_ORDER, field: "1e5"}])
        return default_answer(request)

    exchange.default = answer
    with pytest.raises(InvalidResponseError, match=rf"\$\[0\]\.{field}: '1e5' must be a plain decimal") as caught:
        client.smartorders().get_by_id("10000001")
    assert caught.value.status_code == 200


# ---------------------------------------------------------------- OrderNotOpenError


def test_order_not_open_error_is_each_error_raised_before() -> None:
    assert issubclass(OrderNotOpenError, CancelFailedError) and issubclass(OrderNotOpenError, InvalidRequestError)


def test_cancel_and_replace_of_a_triggered_order_raise_order_not_open_error_sync() -> None:
    with sandbox(symbols=["ABC_USDT"]) as exchange:
        so = exchange.client.smartorders()
        placed = so.create(symbol="ABC_USDT", side="BUY", stop_price="10", quantity="3")
        exchange.set_price("ABC_USDT", "10.5")
        with pytest.raises(OrderNotOpenError) as cancelled:
            so.cancel_by_id(placed.id)
        assert cancelled.value.state == "TRIGGERED" and cancelled.value.result.state == "TRIGGERED"
        assert cancelled.value.code == 25009 and cancelled.value.result.order_id == placed.id
        with pytest.raises(OrderNotOpenError) as replaced:
            so.cancel_replace(placed.id, stop_price="11")
        assert replaced.value.state == "TRIGGERED" and replaced.value.code == 25009
        assert replaced.value.status_code == 400
        assert [o.state for o in exchange.orders()] == ["TRIGGERED"]  # nothing was placed
        with pytest.raises(CancelFailedError):  # an existing except clause still catches it
            so.cancel_by_id(placed.id)
        with pytest.raises(InvalidRequestError):
            so.cancel_replace(placed.id, stop_price="11")
        so.cancel_by_id(so.create(symbol="ABC_USDT", side="BUY", stop_price="20", quantity="1").id)
        cancelled_order = exchange.orders()[0]
        with pytest.raises(OrderNotOpenError) as again:
            so.cancel_by_id(cancelled_order.id)
        assert again.value.state == "CANCELED"


async def test_cancel_and_replace_of_a_triggered_order_raise_order_not_open_error_async() -> None:
    async with async_sandbox(symbols=["ABC_USDT"]) as exchange:
        so = exchange.client.smartorders()
        placed = await so.create(symbol="ABC_USDT", side="SELL", stop_price="10", quantity="3")
        exchange.set_price("ABC_USDT", "9.5")
        with pytest.raises(OrderNotOpenError) as cancelled:
            await so.cancel_by_id(placed.id)
        assert cancelled.value.state == "TRIGGERED"
        with pytest.raises(OrderNotOpenError) as replaced:
            await so.cancel_replace(placed.id, stop_price="9")
        assert replaced.value.state == "TRIGGERED" and isinstance(replaced.value, InvalidRequestError)
        triggered = await so.get_by_id(placed.id)
        if triggered.triggered_order:  # narrowed from Order | Unset
            assert triggered.triggered_order.avg_price == Decimal("9.5")


def test_a_cancel_failure_for_an_open_order_stays_a_cancel_failed_error(exchange: Exchange, client: Client) -> None:
    failed = {"orderId": "1", "clientOrderId": "", "state": "PENDING_NEW", "code": 25009, "message": "busy"}
    exchange.default = lambda request: httpx.Response(200, json=failed)
    with pytest.raises(CancelFailedError) as caught:
        client.smartorders().cancel_by_id("1")
    assert type(caught.value) is CancelFailedError


def test_a_replace_refusal_that_names_no_state_carries_none(exchange: Exchange, client: Client) -> None:
    refusal = {"code": 25009, "message": "Failed to cancel"}
    exchange.default = lambda request: (
        httpx.Response(400, json=refusal) if request.method == "PUT" else default_answer(request)
    )
    with pytest.raises(OrderNotOpenError) as caught:
        client.smartorders().cancel_replace("1", stop_price="2")
    assert caught.value.state is None and caught.value.message == "Failed to cancel"


def test_an_amount_shared_between_answers_cannot_be_changed() -> None:
    """Found by review: amounts read once are shared, so changing one order's text rewrote every other's."""
    first = SmartOrder.from_dict({**SMART_ORDER, "stopPrice": "58000.10"})
    second = SmartOrder.from_dict({**SMART_ORDER, "stopPrice": "58000.10"})
    with pytest.raises(AttributeError):
        first.stop_price.text = "1"  # type: ignore[attr-defined]
    assert second.to_dict()["stopPrice"] == "58000.10" and first.to_dict()["stopPrice"] == "58000.10"
