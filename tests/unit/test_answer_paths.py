"""An answer of the wrong shape is an InvalidResponseError that names the JSON path and the value at fault, for every
operation, at any depth: `get: $[0].triggeredOrder.state: expected a string, got 12.5`."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polo_smartorders import Client, InvalidResponseError, OutcomeUnknownError

from tests.support.exchange import BASE, CANCEL_OK, SMART_ORDER, Exchange, default_answer
from tests.support.keys import KEY, SECRET

TRIGGERED: dict[str, Any] = {
    **SMART_ORDER,
    "state": "TRIGGERED",
    "triggeredOrder": {
        **{k: SMART_ORDER[k] for k in ("id", "clientOrderId", "symbol", "accountType", "side", "timeInForce")},
        **{"state": "FILLED", "type": "LIMIT", "quantity": "1", "price": "1", "avgPrice": "1", "amount": "0"},
        **{"filledQuantity": "1", "filledAmount": "1", "createTime": 1, "updateTime": 1},
    },
}


def answering(body: object) -> Client:
    """A client whose every smart-order answer is ``body`` (the clock's aside)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/timestamp":
            return default_answer(request)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(200, content=content)

    return Client(KEY, SECRET, BASE, transport=httpx.MockTransport(handler), rate_limit=False, max_retries=0)


def refusal(body: object, call: str = "get_all") -> str:
    with answering(body) as client, pytest.raises(InvalidResponseError) as caught:
        getattr(client.smartorders(), call)(*(["10000001"] if call in ("get_by_id", "cancel_by_id") else []))
    assert caught.value.status_code == 200
    return caught.value.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([SMART_ORDER, {**SMART_ORDER, "state": 12.5}], "list: $[1].state: expected a string, got 12.5"),
        ([{**SMART_ORDER, "createTime": "1"}], "list: $[0].createTime: expected an integer, got '1'"),
        ([{**SMART_ORDER, "createTime": True}], "list: $[0].createTime: expected an integer, got true"),
        ([{**SMART_ORDER, "createTime": 1.0}], "list: $[0].createTime: expected an integer, got 1.0"),
        ([{**SMART_ORDER, "trailingOffset": None}], "list: $[0].trailingOffset: expected a string, got null"),
        ([{k: v for k, v in SMART_ORDER.items() if k != "side"}], "list: $[0].side: missing (a required field)"),
        ([SMART_ORDER, SMART_ORDER, "x"], "list: $[2]: expected an object, got 'x'"),
        (
            [{**SMART_ORDER, "price": "1e5"}],
            "list: $[0].price: '1e5' must be a plain decimal (digits, then optionally a point and digits), or empty",
        ),
        (b"<html>busy</html>", "list: $: not JSON, got '<html>busy</html>'"),
        (b"[NaN]", "list: $: NaN is not a JSON number"),
        ({"id": "1"}, 'list: $: expected an array, got {"id":"1"}'),
        ({}, "smart orders: $: expected a JSON array, got an object, '{}'"),  # read as an empty list, then refused
    ],
)
def test_a_wrong_list_answer_names_the_path_and_the_value(body: object, message: str) -> None:
    assert refusal(body) == message


def test_a_nested_field_is_named_by_its_full_path() -> None:
    bad = {**TRIGGERED, "triggeredOrder": {**TRIGGERED["triggeredOrder"], "state": 12.5}}
    assert refusal([bad], "get_by_id") == "get: $[0].triggeredOrder.state: expected a string, got 12.5"


def test_an_object_answer_names_its_field() -> None:
    assert refusal({**CANCEL_OK, "orderId": 12.5}, "cancel_by_id") == "cancel: $.orderId: expected a string, got 12.5"


def test_a_long_value_is_cut_short() -> None:
    message = refusal([{**SMART_ORDER, "quantity": "9" * 500 + "x"}])
    assert message.startswith("list: $[0].quantity: '" + "9" * 39 + "…' must be a plain decimal")
    assert len(message) < 150


def test_a_create_whose_lookup_answer_is_wrong_says_where_in_its_unknown_outcome() -> None:
    exchange = Exchange()
    exchange.script = [lambda r: httpx.Response(500, json={"code": 500, "message": "lost"})]
    exchange.default = lambda r: (
        default_answer(r) if r.url.path == "/timestamp" else httpx.Response(200, json=[{**SMART_ORDER, "id": 7}])
    )
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False) as client:
        with pytest.raises(OutcomeUnknownError, match=r"get: \$\[0\]\.id: expected a string, got 7"):
            client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")


#: A JSON value of each kind, for replacing a field of a good answer.
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: float(d)),
    st.text(max_size=5),
    st.just([]),
    st.just({}),
)
_PATH = re.compile(r"^list: (\$(?:\[\d+\]|\.[A-Za-z]+)*)(?::| )")


def _follow(value: Any, path: str) -> Any:
    for index, name in re.findall(r"\[(\d+)\]|\.([A-Za-z]+)", path.removeprefix("$")):
        value = value[int(index)] if index else value[name]
    return value


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_any_field_of_the_wrong_type_is_named_where_it_is(data: st.DataObject) -> None:
    """Any field of a good answer replaced by a value of any JSON kind: if the client refuses the answer, the path
    it names leads, in the answer sent, to the replaced field (or into it, when it is an object of the wrong shape)."""
    answer = [json.loads(json.dumps(TRIGGERED)), json.loads(json.dumps(SMART_ORDER))]
    index = data.draw(st.sampled_from([0, 1]))
    target = answer[index]
    nested = index == 0 and data.draw(st.booleans())
    if nested:
        target = target["triggeredOrder"]
    name = data.draw(st.sampled_from(sorted(target)))
    remove = data.draw(st.booleans())
    if remove:
        del target[name]
    else:
        target[name] = data.draw(_VALUES)
    where = f"$[{index}]" + (".triggeredOrder" if nested else "") + f".{name}"
    with answering(answer) as client:
        try:
            client.smartorders().get_all()
        except InvalidResponseError as error:
            found = _PATH.match(error.message)
            assert found is not None, error.message
            assert found.group(1) == where or found.group(1).startswith((f"{where}.", f"{where}[")), error.message
            at = found.group(1)
            if error.message.endswith(": missing (a required field)"):
                at = at.rsplit(".", 1)[0]  # a missing field: its object is there
            _follow(answer, at)  # the path leads somewhere in what was sent
