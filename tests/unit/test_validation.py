"""Bad input raises ValidationError naming the argument and the rule, and nothing reaches the transport."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from polo_smartorders import AsyncClient, Client, MissingCredentialsError, ValidationError

from tests.support.exchange import Exchange

OK: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "stop_price": "40000", "quantity": "1"}

BAD: list[tuple[str, Callable[[Any], Any], str, str]] = [
    ("symbol lower case", lambda so: so.create(**{**OK, "symbol": "btc_usdt"}), "symbol", "BASE"),
    ("side", lambda so: so.create(**{**OK, "side": "buy"}), "side", "BUY, SELL"),
    ("type", lambda so: so.create(**{**OK, "type": "LIMIT"}), "type", "STOP, STOP_LIMIT"),
    ("time_in_force", lambda so: so.create(**OK, time_in_force="DAY"), "time_in_force", "GTC, IOC, FOK"),
    ("account_type", lambda so: so.create(**OK, account_type="MARGIN"), "account_type", "SPOT"),
    ("float price", lambda so: so.create(**{**OK, "price": 40000.5}), "price",
     "floats are refused: pass a str or Decimal, got float 40000.5"),
    ("float quantity", lambda so: so.create(**{**OK, "quantity": 0.1}), "quantity",
     "floats are refused: pass a str or Decimal"),
    ("exponent string", lambda so: so.create(**{**OK, "quantity": "1e5"}), "quantity", "plain decimal"),
    ("negative quantity", lambda so: so.create(**{**OK, "quantity": Decimal("-1")}), "quantity", "greater than 0"),
    ("zero stop price", lambda so: so.create(**{**OK, "stop_price": "0"}), "stop_price",
     "must be a plain decimal greater than 0 (no sign, no exponent), got '0'"),
    ("NaN amount", lambda so: so.create(**{**OK, "quantity": None, "amount": Decimal("NaN")}), "amount", "finite"),
    ("bool quantity", lambda so: so.create(**{**OK, "quantity": True}), "quantity", "str or Decimal"),
    ("stop-limit needs price", lambda so: so.create(**OK, type="STOP_LIMIT"), "price", "required for a STOP_LIMIT"),
    ("stop needs stop price", lambda so: so.create(**{**OK, "stop_price": None}), "stop_price", "required for a STOP"),
    ("stop-limit needs stop price",
     lambda so: so.create(**{**OK, "stop_price": None, "price": "1"}), "stop_price", "required for a STOP_LIMIT"),
    ("stop takes no price", lambda so: so.create(**OK, type="STOP", price="1"), "price", "only by STOP_LIMIT"),
    ("trailing takes no price",
     lambda so: so.create(**OK, type="TRAILING_STOP", trailing_offset="1", price="1"), "price", "not TRAILING_STOP"),
    ("decimal too long", lambda so: so.create(**{**OK, "quantity": "1." + "0" * 39}), "quantity", "at most 40"),
    ("tiny Decimal too long", lambda so: so.create(**{**OK, "quantity": Decimal("1E-45")}), "quantity", "at most 40"),
    ("trailing needs offset", lambda so: so.create(**OK, type="TRAILING_STOP"), "trailing_offset", "required"),
    ("trailing limit needs limit offset",
     lambda so: so.create(**OK, type="TRAILING_STOP_LIMIT", trailing_offset="1%"), "limit_offset", "required"),
    ("offset only for trailing", lambda so: so.create(**OK, trailing_offset="1"), "trailing_offset",
     "only by TRAILING_STOP, TRAILING_STOP_LIMIT orders, not STOP"),
    ("replace to STOP takes no price", lambda so: so.cancel_replace("1", type="STOP", price="12"), "price",
     "only by STOP_LIMIT orders, not STOP"),
    ("replace to trailing takes no price", lambda so: so.cancel_replace("1", type="TRAILING_STOP", price="12"),
     "price", "not TRAILING_STOP"),
    ("limit offset only for trailing limit",
     lambda so: so.create(**OK, type="TRAILING_STOP", trailing_offset="1", limit_offset="1"), "limit_offset", "only"),
    ("bad offset", lambda so: so.create(**OK, type="TRAILING_STOP", trailing_offset="5%%"), "trailing_offset", "decimal"),
    ("operator", lambda so: so.create(**OK, type="TRAILING_STOP", trailing_offset="1", operator="GT"), "operator", "GTE"),
    ("no quantity or amount", lambda so: so.create(**{**OK, "quantity": None}), "quantity", "one of quantity"),
    ("both quantity and amount", lambda so: so.create(**OK, amount="5"), "quantity", "not both"),
    ("client order id chars", lambda so: so.create(**OK, client_order_id="has space"), "client_order_id", "1 to 64"),
    ("client order id length", lambda so: so.create(**OK, client_order_id="x" * 65), "client_order_id", "at most 64"),
    ("empty client order id", lambda so: so.create(**OK, client_order_id=""), "client_order_id", "at least 1"),
    ("replace id", lambda so: so.cancel_replace("12a", price="1"), "order_id", "numeric"),
    ("replace cid", lambda so: so.cancel_replace("cid:bad id", price="1"), "order_id", "1 to 64"),
    ("replace type", lambda so: so.cancel_replace("1", type="MARKET"), "type", "STOP"),
    ("replace both amounts", lambda so: so.cancel_replace("1", quantity="1", amount="1"), "quantity", "not both"),
    ("replace proceed flag", lambda so: so.cancel_replace("1", proceed_on_failure="yes"), "proceed_on_failure", "True"),
    ("replace float", lambda so: so.cancel_replace("1", stop_price=1.5), "stop_price", "floats are refused"),
    ("limit zero", lambda so: so.get_all(limit=0), "limit", "1 or more"),
    ("limit bool", lambda so: so.get_all(limit=True), "limit", "an integer"),
    ("get neither id", lambda so: so.get_by_id(), "order_id", "exactly one"),
    ("get both ids", lambda so: so.get_by_id("1", "a"), "order_id", "exactly one"),
    ("get bad cid", lambda so: so.get_by_id(client_order_id="a:b"), "client_order_id", "1 to 64"),
    ("cancel neither id", lambda so: so.cancel_by_id(), "order_id", "exactly one"),
    ("cancel both ids", lambda so: so.cancel_by_id("1", "a"), "order_id", "exactly one"),
    ("cancel by ids none", lambda so: so.cancel_by_multiple_ids(), "order_ids", "give at least one id"),
    ("cancel by ids empty", lambda so: so.cancel_by_multiple_ids([]), "order_ids", "at least one id"),
    ("cancel by ids str", lambda so: so.cancel_by_multiple_ids("123"), "order_ids", "must be a list"),
    ("cancel by ids bad id", lambda so: so.cancel_by_multiple_ids(["1", "x"]), "order_ids", "numeric"),
    ("cancel by ids empty cids", lambda so: so.cancel_by_multiple_ids(client_order_ids=[]), "order_ids", "at least one id"),
    ("cancel all unfiltered", lambda so: so.cancel(), "symbol", "account_type='SPOT'"),
    ("cancel bad symbol", lambda so: so.cancel(symbol=["BTC_USDT", "eth"]), "symbol", "BASE"),
    ("cancel empty list", lambda so: so.cancel(symbol=[]), "symbol", "at least 1 items"),
    ("cancel account type", lambda so: so.cancel(account_type="FUTURES"), "account_type", "SPOT"),
    ("cancel order types", lambda so: so.cancel(account_type="SPOT", order_types=["LIMIT"]), "order_types", "STOP"),
    ("history direction", lambda so: so.get_history(direction="UP"), "direction", "PRE, NEXT"),
    ("history states", lambda so: so.get_history(states=["FILLED", "OPEN"]), "states", "FILLED"),
    ("history type", lambda so: so.get_history(type="LIMIT"), "type", "STOP"),
    ("history side", lambda so: so.get_history(side="LONG"), "side", "BUY"),
    ("history hide_cancel", lambda so: so.get_history(hide_cancel="true"), "hide_cancel", "True or False"),
    ("history from", lambda so: so.get_history(begins_from="abc"), "begins_from", "numeric"),
    ("history times", lambda so: so.get_history(start_time=20, end_time=10), "start_time", "after end_time"),
    ("history negative time", lambda so: so.get_history(start_time=-1), "start_time", "0 or more"),
    ("history naive datetime", lambda so: so.get_history(end_time=datetime(2026, 1, 1)), "end_time", "timezone"),
    ("history limit", lambda so: so.get_history(limit=-5), "limit", "1 or more"),
    ("history account type", lambda so: so.get_history(account_type="spot"), "account_type", "SPOT"),
    # Issue 10: sizes are > 0; amounts are sized before they are written out; spec limits; bare clientOrderIds.
    ("zero quantity", lambda so: so.create(**{**OK, "quantity": "0"}), "quantity", "greater than 0"),
    ("zero quantity 00", lambda so: so.create(**{**OK, "quantity": "00"}), "quantity", "greater than 0"),
    ("zero quantity 0.0", lambda so: so.create(**{**OK, "quantity": "0.0"}), "quantity", "greater than 0"),
    ("negative zero quantity", lambda so: so.create(**{**OK, "quantity": Decimal("-0")}), "quantity", "greater than 0"),
    ("zero amount", lambda so: so.create(**{**OK, "quantity": None, "amount": "0"}), "amount", "greater than 0"),
    ("replace zero quantity", lambda so: so.cancel_replace("1", quantity="0.00"), "quantity", "greater than 0"),
    ("replace zero amount", lambda so: so.cancel_replace("1", amount=Decimal("0E+3")), "amount", "greater than 0"),
    ("huge exponent", lambda so: so.create(**{**OK, "quantity": Decimal("1E+999999999999999999")}), "quantity",
     "at most 40 characters"),
    ("tiny exponent", lambda so: so.create(**{**OK, "quantity": Decimal("1E-999999999999999999")}), "quantity",
     "at most 40 characters"),
    ("infinite amount", lambda so: so.create(**{**OK, "quantity": None, "amount": Decimal("-Infinity")}), "amount",
     "finite"),
    ("huge int quantity", lambda so: so.create(**{**OK, "quantity": 10**5000}), "quantity", "at most 40"),
    ("101 order ids", lambda so: so.cancel_by_multiple_ids([str(n) for n in range(1, 102)]), "order_ids",
     "at most 100 items"),
    ("101 client order ids", lambda so: so.cancel_by_multiple_ids(client_order_ids=[f"c{n}" for n in range(101)]),
     "client_order_ids", "at most 100 items"),
    ("limit 2**31", lambda so: so.get_all(limit=2**31), "limit", "2147483647 or less"),
    ("history limit 2**31", lambda so: so.get_history(limit=2**31), "limit", "2147483647 or less"),
    ("history start 2**60", lambda so: so.get_history(start_time=2**60), "start_time", "or less"),
    ("history end 2**60", lambda so: so.get_history(end_time=2**60), "end_time", "or less"),
    ("history 1960 datetime", lambda so: so.get_history(start_time=datetime(1960, 1, 1, tzinfo=UTC)), "start_time",
     "0 or more"),
    ("history datetime 1 us before 1970", lambda so: so.get_history(
        start_time=datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)), "start_time", "0 or more"),
    ("create cid: prefix", lambda so: so.create(**OK, client_order_id="cid:abc"), "client_order_id", "without the"),
    ("replace cid: prefix", lambda so: so.cancel_replace("1", price="1", client_order_id="cid:x"), "client_order_id",
     "without the 'cid:' prefix"),
    ("get cid: prefix", lambda so: so.get_by_id(client_order_id="cid:x"), "client_order_id", "without the"),
    ("cancel cid: prefix", lambda so: so.cancel_by_id(client_order_id="cid:x"), "client_order_id", "without the"),
    ("cancel by ids cid: prefix", lambda so: so.cancel_by_multiple_ids(client_order_ids=["a", "cid:x"]),
     "client_order_ids item 1", "without the"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "invoke", "field", "rule"), BAD, ids=[b[0] for b in BAD])
def test_sync_validation(
    exchange: Exchange, client: Client, name: str, invoke: Callable[[Any], Any], field: str, rule: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        invoke(client.smartorders())
    assert caught.value.field == field
    assert rule in caught.value.rule
    assert str(caught.value).startswith(f"{field}: ")
    assert isinstance(caught.value, ValueError)
    assert exchange.requests == []


@pytest.mark.parametrize(("name", "invoke", "field", "rule"), BAD, ids=[b[0] for b in BAD])
async def test_async_validation(
    exchange: Exchange, async_client: AsyncClient, name: str, invoke: Callable[[Any], Any], field: str, rule: str
) -> None:
    async with async_client:
        with pytest.raises(ValidationError) as caught:
            await invoke(async_client.smartorders())
    assert caught.value.field == field
    assert exchange.requests == []


def test_the_valid_baseline_is_sent(exchange: Exchange, client: Client) -> None:
    """The table above only fails because of the one change each row makes."""
    client.smartorders().create(**OK)
    assert len(exchange.requests) == 1


def test_private_call_without_credentials_fails_before_sending(
    exchange: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    monkeypatch.delenv("POLO_API_KEY", raising=False)
    monkeypatch.delenv("POLO_API_SECRET", raising=False)
    with Client(url="http://exchange.test", transport=httpx.MockTransport(exchange)) as anonymous:
        with pytest.raises(MissingCredentialsError, match="POLO_API_KEY"):
            anonymous.smartorders().get_all()
    assert exchange.requests == []


@pytest.mark.parametrize(
    ("given", "field", "rule"),
    [
        ({}, "api_key", "neither was given (pass them, or set POLO_API_KEY and POLO_API_SECRET)"),
        ({"api_key": "k"}, "api_secret", "api_secret was not given (pass api_secret=..., or set POLO_API_SECRET)"),
        ({"api_secret": "s"}, "api_key", "api_key was not given (pass api_key=..., or set POLO_API_KEY)"),
    ],
    ids=["neither", "no secret", "no key"],
)
def test_a_missing_credential_is_named(
    exchange: Exchange, monkeypatch: pytest.MonkeyPatch, given: dict[str, str], field: str, rule: str
) -> None:
    import httpx

    monkeypatch.delenv("POLO_API_KEY", raising=False)
    monkeypatch.delenv("POLO_API_SECRET", raising=False)
    transport = httpx.MockTransport(exchange)
    with Client(given.get("api_key"), given.get("api_secret"), "http://exchange.test", transport=transport) as partial:
        with pytest.raises(MissingCredentialsError) as caught:
            partial.smartorders().get_all()
    assert caught.value.field == field
    assert caught.value.rule == f"private calls need api_key and api_secret; {rule}"
    assert exchange.requests == []


def test_credentials_and_url_come_from_the_environment(exchange: Exchange, monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    monkeypatch.setenv("POLO_API_KEY", "env-key-1234")
    monkeypatch.setenv("POLO_API_SECRET", "env-secret")
    monkeypatch.setenv("POLO_BASE_URL", "http://env.test/")
    with Client(transport=httpx.MockTransport(exchange), rate_limit=False) as from_env:
        from_env.smartorders().get_all()
    assert exchange.last.url.host == "env.test"
    assert exchange.last.headers["key"] == "env-key-1234"
    monkeypatch.delenv("POLO_BASE_URL")
    assert Client("k", "s").base_url == "https://api.poloniex.com"


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"recv_window": 0}, "recv_window"), ({"max_retries": -1}, "max_retries")]
)
def test_bad_client_settings(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Client("k", "s", **kwargs)
    assert caught.value.field == field


def test_decimals_go_out_as_plain_text(exchange: Exchange, client: Client) -> None:
    import json

    client.smartorders().create(**{**OK, "quantity": Decimal("1.5E+3"), "stop_price": Decimal("0.000012")})
    assert json.loads(exchange.last.content)["quantity"] == "1500"
    assert json.loads(exchange.last.content)["stopPrice"] == "0.000012"


@pytest.mark.parametrize(("limits", "rule"), [({"create": 0}, "1 or more"), ({"crete": 5}, "unknown rate-limit group")])
def test_bad_rate_limits_are_refused(limits: dict[str, int], rule: str) -> None:
    from polo_smartorders import RateLimiter

    with pytest.raises(ValidationError, match=rule):
        RateLimiter(limits)


def test_datetimes_become_exact_milliseconds_rounded_down(exchange: Exchange, client: Client) -> None:
    """No float on the way: a microsecond short of the next millisecond stays in this one, far from 1970 too."""
    sent = [
        datetime(2023, 1, 1, 0, 0, 0, 999, tzinfo=UTC),
        datetime(2286, 11, 20, 17, 46, 39, 999999, tzinfo=UTC),
        datetime(1970, 1, 1, 1, 0, 0, 1000, tzinfo=timezone(timedelta(hours=1))),
        datetime(2039, 3, 8, 19, 46, 13, 411000, tzinfo=UTC),  # timestamp() * 1000 gives ...410
    ]
    for moment in sent:
        client.smartorders().get_history(start_time=moment)
    assert [r.url.params["startTime"] for r in exchange.requests] == [
        "1672531200000",
        "9999999999999",
        "1",
        "2183226373411",
    ]


class _Side(enum.StrEnum):
    BUY = "BUY"


class _Text(str):
    __slots__ = ()

    def __str__(self) -> str:
        return "not what it holds"


class _Count(int):
    pass


def test_subclasses_of_str_and_int_go_out_as_the_plain_values_they_hold(exchange: Exchange, client: Client) -> None:
    so = client.smartorders()
    so.create(symbol=_Text("BTC_USDT"), side=_Side.BUY, stop_price=_Text("1"), quantity=_Text("2"))  # type: ignore[arg-type]
    assert json.loads(exchange.last.content) | {"clientOrderId": None} == {
        "symbol": "BTC_USDT", "side": "BUY", "stopPrice": "1", "quantity": "2", "clientOrderId": None,
    }  # fmt: skip
    so.cancel_by_multiple_ids(order_ids=[_Text("1")])
    assert json.loads(exchange.last.content) == {"orderIds": ["1"]}
    so.get_all(limit=_Count(5))
    assert exchange.last.url.params["limit"] == "5"


def test_extra_body_and_extra_query_must_be_mappings(exchange: Exchange, client: Client) -> None:
    so = client.smartorders()
    with pytest.raises(ValidationError, match="extra_body: must be a mapping of wire names to values, got list"):
        so.create(**OK, extra_body=[("x", 1)])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="extra_query: must be a mapping"):
        so.get_all(extra_query="limit=5")  # type: ignore[arg-type]
    assert exchange.requests == []


#: What a regular expression looks like: anchors, classes, escapes, groups, repetition counts. A message states a rule
#: in words (the spec's x-message), never its pattern.
REGEX_SIGNS = ("^", "$", "[", "]", "\\", "(?", "{1,", "}", "*", "|")
NOT_VALID = "not valid!"  # fails every pattern and enum of the spec, and is no number, list or bool


def _spec_fields() -> list[tuple[str, Any]]:
    """(operation.field, schema) for every parameter and body field of every operation, and every named schema."""
    from polo_smartorders import _rules

    found: list[tuple[str, Any]] = []
    for operation_id, rules in _rules.OPERATIONS.items():
        found += [(f"{operation_id}.{name}", param.schema) for name, param in rules.params.items()]
        if rules.body is not None:
            found += [(f"{operation_id}.{name}", sub) for name, sub in rules.body.get("properties", {}).items()]
    found += [(f"schemas.{name}", schema) for name, schema in _rules.SCHEMAS.items() if "type" in schema]
    return found


SPEC_FIELDS = _spec_fields()


@pytest.mark.parametrize(("where", "schema"), SPEC_FIELDS, ids=[where for where, _ in SPEC_FIELDS])
@pytest.mark.parametrize("amounts", [True, False], ids=["client", "sandbox"])
def test_no_message_states_a_regular_expression(where: str, schema: Any, amounts: bool) -> None:
    """A bad value for each field of the spec (a wrong string, and a list of one when the field is a list) is refused
    with a rule in words: the schema's x-message where it has a pattern, and no regular expression anywhere."""
    from polo_smartorders._schema import compile_check

    check = compile_check(schema, amounts=amounts)
    bad: list[object] = [NOT_VALID, 1.5] + ([[NOT_VALID]] if schema.get("type") == "array" else [])
    refused = 0
    for value in bad:
        try:
            check(value, "field")
        except ValidationError as error:
            refused += 1
            rule = error.rule.rsplit(", got ", 1)[0]
            assert not [sign for sign in REGEX_SIGNS if sign in rule], error.rule
            if "pattern" in schema and value == NOT_VALID:
                assert rule == schema["x-message"]
            if "pattern" in schema.get("items", {}) and value == [NOT_VALID]:
                assert rule == f"item 0 {schema['items']['x-message']}"
    assert refused >= 1, f"{where}: nothing refused"


def test_every_pattern_in_the_spec_has_a_rule_in_words() -> None:
    """openapi/derive.py stops generation at a pattern with no x-message, so no error can fall back to the pattern."""
    assert any("pattern" in schema for _, schema in SPEC_FIELDS)
    for where, schema in SPEC_FIELDS:
        for sub in (schema, schema.get("items", {})):
            if "pattern" in sub:
                assert sub["x-message"].startswith("must "), where
