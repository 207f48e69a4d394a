"""The sandbox enforces each market's trading rules as the exchange does (issue 20.4): scales, minimums, a paused
market, an unknown symbol, each with the exchange's code; custom rules; and the public market endpoints serve the
same table, the price endpoint reflecting set_price."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from polo_smartorders import Client, InvalidRequestError
from polo_smartorders.sandbox import DEFAULT_MARKETS, DEFAULT_SYMBOLS, Market, Sandbox, create_app, load_markets
from polo_smartorders.sandbox._validation import parse_create
from polo_smartorders.testing import async_sandbox, sandbox

from tests.support.sandbox import SandboxClient, sandbox_client

#: A market with rules unlike any default one, so that a rule read from the wrong place shows.
ODD = Market("ODD_USDT", 3, 1, 4, min_quantity=Decimal("0.5"), min_amount=Decimal("2.5"))


def order(**fields: str) -> dict[str, str]:
    """A SELL STOP on BTC_USDT (priceScale 2, quantityScale 6, amountScale 2, minQuantity 0.000001, minAmount 1)."""
    body = {"symbol": "BTC_USDT", "side": "SELL", "stopPrice": "58000", "quantity": "0.01", **fields}
    return {name: value for name, value in body.items() if value != ""}


# field, value at exactly the scale (accepted), one digit past it (refused), the exchange's code
SCALE_EDGES = [
    ("stopPrice", {}, "58000.12", "58000.123", 21335),
    ("price", {"type": "STOP_LIMIT"}, "57999.99", "57999.991", 21335),
    ("quantity", {}, "0.123456", "0.1234567", 21336),
    ("amount", {"quantity": ""}, "10.25", "10.251", 21337),
]


@pytest.mark.parametrize(("field", "extra", "at_scale", "past_scale", "code"), SCALE_EDGES)
async def test_each_scale_takes_its_decimals_and_refuses_one_more(
    sandbox_http: SandboxClient, field: str, extra: dict[str, str], at_scale: str, past_scale: str, code: int
) -> None:
    placed = await sandbox_http.ok("POST", "/smartorders", order(**extra, **{field: at_scale}))
    [stored] = await sandbox_http.ok("GET", f"/smartorders/{placed['id']}")
    assert stored[field] == at_scale
    error = await sandbox_http.error(400, "POST", "/smartorders", order(**extra, **{field: past_scale}))
    assert error["code"] == code and f"'{field}'" in error["message"] and "BTC_USDT allows" in error["message"]
    assert len(await sandbox_http.ok("GET", "/smartorders")) == 1  # the refused one placed nothing


async def test_trailing_zeros_are_not_decimals(sandbox_http: SandboxClient) -> None:
    """The exchange's own docs send "40000.50000" to a 2-decimal market: zeros past the scale are no digits."""
    await sandbox_http.ok("POST", "/smartorders", order(stopPrice="58000.1000000", quantity="0.0100000000"))


async def test_a_market_with_other_rules_is_held_to_its_own() -> None:
    async with sandbox_client(create_app(symbols=[ODD, "BTC_USDT"])) as http:
        body = {"symbol": "ODD_USDT", "side": "BUY", "stopPrice": "1.234", "quantity": "0.5"}
        await http.ok("POST", "/smartorders", body)
        for change, code in (
            ({"stopPrice": "1.2345"}, 21335),
            ({"quantity": "0.55"}, 21336),
            ({"quantity": "0.4"}, 21330),
            ({"quantity": "", "amount": "2.4999"}, 21322),
            ({"quantity": "", "amount": "2.50001"}, 21337),
        ):
            changed = {name: value for name, value in {**body, **change}.items() if value}
            assert (await http.error(400, "POST", "/smartorders", changed))["code"] == code, change
        await http.ok("POST", "/smartorders", {**order(), "stopPrice": "58000.12"})  # BTC_USDT keeps its defaults


@pytest.mark.parametrize(
    ("symbol", "field", "least", "below", "code"),
    [
        ("LTC_BTC", "quantity", "0.001", "0.0009", 21330),
        ("BTC_USDT", "amount", "1", "0.99", 21322),
        ("ETH_BTC", "amount", "0.00001", "0.000009", 21322),
    ],
)
async def test_the_minimums_take_the_least_and_refuse_below(
    sandbox_http: SandboxClient, symbol: str, field: str, least: str, below: str, code: int
) -> None:
    base = {"symbol": symbol, "side": "BUY", "stopPrice": "0.05"}
    placed = await sandbox_http.ok("POST", "/smartorders", {**base, field: least})
    assert placed["id"]
    error = await sandbox_http.error(400, "POST", "/smartorders", {**base, field: below})
    assert error["code"] == code and f"'{field}'" in error["message"] and least in error["message"]


async def test_a_cancel_replace_is_held_to_the_rules_and_changes_nothing_when_refused(
    sandbox_http: SandboxClient,
) -> None:
    placed = await sandbox_http.ok("POST", "/smartorders", order(clientOrderId="keep"))
    error = await sandbox_http.error(400, "PUT", f"/smartorders/{placed['id']}", {"stopPrice": "57000.001"})
    assert error["code"] == 21335
    [kept] = await sandbox_http.ok("GET", f"/smartorders/{placed['id']}")
    assert (kept["state"], kept["stopPrice"]) == ("PENDING_NEW", "58000")
    answer = await sandbox_http.ok("PUT", f"/smartorders/{placed['id']}", {"stopPrice": "57000.01"})
    [moved] = await sandbox_http.ok("GET", f"/smartorders/{answer['id']}")
    assert moved["stopPrice"] == "57000.01"


async def test_a_paused_market_refuses_orders_until_it_trades_again() -> None:
    app = create_app()
    engine: Sandbox = app.state.sandbox
    async with sandbox_client(app) as http:
        engine.set_market(engine.market("BTC_USDT").with_state("PAUSE"))
        error = await http.error(400, "POST", "/smartorders", order())
        assert error["code"] == 10041 and "BTC_USDT" in error["message"] and "PAUSE" in error["message"]
        [shown] = await http.ok("GET", "/markets/BTC_USDT", signed=False)
        assert shown["state"] == "PAUSE"
        await http.ok("POST", "/smartorders", {**order(), "symbol": "ETH_USDT", "stopPrice": "1800"})  # others trade
        engine.set_market(engine.market("BTC_USDT").with_state("NORMAL"))
        await http.ok("POST", "/smartorders", order())


async def test_an_unknown_symbol_is_refused_by_orders_and_market_data(sandbox_http: SandboxClient) -> None:
    assert (await sandbox_http.error(400, "POST", "/smartorders", order(symbol="NOPE_USDT")))["code"] == 25019
    for path in ("/markets/NOPE_USDT", "/markets/NOPE_USDT/price", "/markets/btc_usdt"):
        error = await sandbox_http.error(400, "GET", path, signed=False)
        assert error["code"] == 24101, path


async def test_the_market_endpoints_serve_the_table_unsigned(sandbox_http: SandboxClient) -> None:
    markets = await sandbox_http.ok("GET", "/markets", signed=False)
    assert [market["symbol"] for market in markets] == sorted(DEFAULT_SYMBOLS)
    assert markets == [DEFAULT_MARKETS[symbol].to_json() for symbol in sorted(DEFAULT_SYMBOLS)]
    [btc] = await sandbox_http.ok("GET", "/markets/BTC_USDT", signed=False)
    assert btc["symbolTradeLimit"] == {
        "symbol": "BTC_USDT",
        "priceScale": 2,
        "quantityScale": 6,
        "amountScale": 2,
        "minQuantity": "0.000001",
        "minAmount": "1",
        "highestBid": "0",
        "lowestAsk": "0",
    }  # the exchange's own answer for BTC_USDT
    assert (btc["baseCurrencyName"], btc["quoteCurrencyName"], btc["displayName"]) == ("BTC", "USDT", "BTC/USDT")
    [ltc] = await sandbox_http.ok("GET", "/markets/LTC_USDT", signed=False)
    assert ltc["symbolTradeLimit"]["priceScale"] == 3


async def test_the_price_endpoint_reflects_set_price() -> None:
    times = iter(range(1_700_000_000_000, 1_700_000_000_100))
    app = create_app(clock=lambda: next(times))
    engine: Sandbox = app.state.sandbox
    async with sandbox_client(app) as http:
        before = await http.ok("GET", "/markets/BTC_USDT/price", signed=False)
        assert (before["symbol"], before["price"], before["time"], before["dailyChange"]) == ("BTC_USDT", "0", 0, "0")
        engine.set_price("BTC_USDT", "58123.45")
        after = await http.ok("GET", "/markets/BTC_USDT/price", signed=False)
        assert after["price"] == "58123.45" and 1_700_000_000_000 <= after["time"] < after["ts"]
        await http.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "58000.1"}, signed=False)
        assert (await http.ok("GET", "/markets/BTC_USDT/price", signed=False))["price"] == "58000.1"
        assert (await http.ok("GET", "/markets/ETH_USDT/price", signed=False))["price"] == "0"


def test_the_client_reads_rules_and_prices_from_the_sandbox() -> None:
    with sandbox(symbols=[ODD, "BTC_USDT"]) as exchange:
        markets = exchange.client.markets()
        assert [market.symbol for market in markets.get_all()] == ["BTC_USDT", "ODD_USDT"]
        odd = markets.get("ODD_USDT").symbol_trade_limit
        assert (odd.price_scale, odd.quantity_scale, odd.amount_scale) == (3, 1, 4)
        assert (odd.min_quantity, odd.min_amount) == (Decimal("0.5"), Decimal("2.5"))
        exchange.set_price("ODD_USDT", "1.234")
        assert markets.get_price("ODD_USDT").price == Decimal("1.234")
        with pytest.raises(InvalidRequestError) as refused:
            exchange.client.smartorders().create(symbol="ODD_USDT", side="SELL", stop_price="1.2", quantity="0.4")
        assert refused.value.code == 21330


async def test_the_async_client_reads_the_price_set() -> None:
    async with async_sandbox(symbols=["XRP_USDT"]) as exchange:
        exchange.set_price("XRP_USDT", "0.5123")
        price = await exchange.client.markets().get_price("XRP_USDT")
        assert (price.symbol, price.price) == ("XRP_USDT", Decimal("0.5123"))
        assert (await exchange.client.markets().get("XRP_USDT")).symbol_trade_limit.price_scale == 4


def test_check_market_rules_refuses_what_the_sandbox_refuses() -> None:
    """The client's opt-in check and the sandbox (an independent implementation) agree at the edges."""
    with sandbox() as exchange, Client(exchange.api_key, exchange.api_secret, exchange.url) as plain:
        checked = Client(exchange.api_key, exchange.api_secret, exchange.url, check_market_rules=True)
        with checked:
            for stop, quantity in (("58000.12", "0.000001"), ("58000.123", "0.01"), ("58000", "0.0000001")):
                outcomes = []
                for client in (plain, checked):
                    try:
                        client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price=stop, quantity=quantity)
                        outcomes.append("placed")
                    except Exception as error:
                        outcomes.append(type(error).__name__)
                assert outcomes in (["placed", "placed"], ["InvalidRequestError", "ValidationError"]), (stop, outcomes)


def test_the_testing_exchange_pauses_and_resets_markets() -> None:
    with sandbox() as exchange:
        exchange.set_market_state("BTC_USDT", "PAUSE")
        assert exchange.market("BTC_USDT").state == "PAUSE"
        with pytest.raises(InvalidRequestError) as refused:
            exchange.client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="1", quantity="1")
        assert refused.value.code == 10041
        exchange.reset()
        assert exchange.market("BTC_USDT").state == "NORMAL"
        exchange.reset(symbols=[ODD])
        assert [market.symbol for market in exchange.client.markets().get_all()] == ["ODD_USDT"]
        exchange.reset()
        assert exchange.engine.symbols == frozenset(DEFAULT_SYMBOLS)


def test_market_records_are_checked() -> None:
    with pytest.raises(ValueError, match="price_scale"):
        Market("BTC_USDT", -1, 6, 2, Decimal(0), Decimal(0))
    with pytest.raises(ValueError, match="quantity_scale"):
        Market("BTC_USDT", 2, True, 2, Decimal(0), Decimal(0))  # a bool is not a scale
    with pytest.raises(ValueError, match="min_amount"):
        Market("BTC_USDT", 2, 6, 2, Decimal(0), Decimal("-1"))
    with pytest.raises(ValueError, match="min_quantity"):
        Market("BTC_USDT", 2, 6, 2, 0.5, Decimal(0))  # type: ignore[arg-type]  # a float: never
    with pytest.raises(ValueError, match="symbol"):
        Market("btc_usdt", 2, 6, 2, Decimal(0), Decimal(0))
    assert Market("X_Y", 2, 6, 2, "0.01", "1").min_quantity == Decimal("0.01")  # type: ignore[arg-type]


def test_a_market_reads_back_from_its_json_and_from_the_exchange_shape(tmp_path: Path) -> None:
    for market in DEFAULT_MARKETS.values():
        assert Market.from_json(market.to_json()) == market
    saved = {  # as the exchange answers GET /markets (ccxt's static data), numbers as the sources show them
        "symbol": "TRX_USDT",
        "state": "NORMAL",
        "symbolTradeLimit": {"priceScale": 5, "quantityScale": 3, "amountScale": 5, "minQuantity": "0.001",
                             "minAmount": "1"},
    }  # fmt: skip
    path = tmp_path / "markets.json"
    path.write_text(json.dumps([saved, ODD.to_json()]))
    trx, odd = load_markets(path)
    assert (trx.symbol, trx.price_scale, trx.min_quantity, trx.cross_margin) == ("TRX_USDT", 5, Decimal("0.001"), False)
    assert odd == ODD
    broken: list[tuple[Any, str]] = [
        ({"symbol": "A_B"}, "symbolTradeLimit"),
        ({"symbol": "A_B", "symbolTradeLimit": {"priceScale": 1}}, "quantityScale"),
        ([], "no markets"),
    ]
    for raw, fragment in broken:
        path.write_text(json.dumps(raw))
        with pytest.raises(ValueError, match=fragment):
            load_markets(path)
    path.write_text("{")
    with pytest.raises(ValueError, match="not JSON"):
        load_markets(path)


def test_the_engine_checks_every_order_field_of_the_spec() -> None:
    """Market.check covers each decimal field of a create: a field the check forgot would pass here."""
    market = DEFAULT_MARKETS["BTC_USDT"]
    fields = {"stopPrice": "1.001", "price": "1.001", "quantity": "1.0000001", "amount": "1.001"}
    for name, text in fields.items():
        body: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "1", "quantity": "1"}
        if name == "price":
            body["type"] = "STOP_LIMIT"
        if name == "amount":
            del body["quantity"]
        body[name] = text
        with pytest.raises(Exception) as refused:
            market.check(parse_create(body))
        assert getattr(refused.value, "code", None) in (21335, 21336, 21337), name
