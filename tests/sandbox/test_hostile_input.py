"""The sandbox stays small and calm under hostile input: bounded prices, JSON numbers of any size, clients that hang up."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest
from polo_smartorders.sandbox import Sandbox, create_app
from polo_smartorders.sandbox._serve import serving
from polo_smartorders_api.rules import SCHEMAS
from starlette.types import Message

from tests.support.sandbox import JSON_TYPE, SandboxClient, stop_order

#: The longest text an amount may be: the spec's PositiveDecimal, which a market price follows too.
MAX_DECIMAL: int = SCHEMAS["PositiveDecimal"]["maxLength"]
PRICES = "/sandbox/prices"


def _price_body(price_json: str) -> bytes:
    return b'{"symbol": "BTC_USDT", "price": ' + price_json.encode() + b"}"


# --- prices are bounded before they are stored --------------------------------------------------------------------

BAD_PRICES = [
    pytest.param("1e999999999999", id="exponent-a-trillion"),  # was a 500 (MemoryError writing it out)
    pytest.param("1e100000000", id="22-bytes-to-100-million-digits"),  # was stored and answered by every GET
    pytest.param(f"1e{MAX_DECIMAL}", id="one-digit-too-many-as-number"),
    pytest.param("1" * (MAX_DECIMAL + 1), id="integer-one-digit-too-many"),
    pytest.param(f'"{"1" * (MAX_DECIMAL + 1)}"', id="string-one-digit-too-many"),
    pytest.param(f"1e-{MAX_DECIMAL}", id="fraction-too-long-as-number"),
]


@pytest.mark.parametrize("price_json", BAD_PRICES)
async def test_an_oversized_price_is_refused_naming_the_field_and_not_stored(
    sandbox_http: SandboxClient, price_json: str
) -> None:
    error = await sandbox_http.error(400, "POST", PRICES, raw_body=_price_body(price_json), signed=False)
    assert "'price'" in error["message"] and len(error["message"]) < 500, error
    assert await sandbox_http.ok("GET", PRICES, signed=False) == []


async def test_a_price_at_the_spec_limit_is_kept_exactly(sandbox_http: SandboxClient) -> None:
    longest = "9" * (MAX_DECIMAL - 2) + ".5"
    as_number = f"1e{MAX_DECIMAL - 1}"  # written out: 1 and MAX_DECIMAL - 1 zeros
    for price_json, symbol in [(f'"{longest}"', "BTC_USDT"), (longest, "ETH_USDT"), (as_number, "LTC_USDT")]:
        body = f'{{"symbol": "{symbol}", "price": {price_json}}}'.encode()
        assert (await sandbox_http.request("POST", PRICES, raw_body=body, signed=False)).status_code == 200
    prices = await sandbox_http.ok("GET", PRICES, signed=False)
    assert prices == [
        {"symbol": "BTC_USDT", "price": longest},
        {"symbol": "ETH_USDT", "price": longest},
        {"symbol": "LTC_USDT", "price": "1" + "0" * (MAX_DECIMAL - 1)},
    ]


@pytest.mark.parametrize("price", [Decimal("1e100000000"), Decimal("1e-100000000"), Decimal("Infinity")])
def test_set_price_refuses_an_unbounded_decimal(price: Decimal) -> None:
    sandbox = Sandbox()
    with pytest.raises(ValueError, match="price"):
        sandbox.set_price("BTC_USDT", price)
    assert sandbox.prices() == {}


# --- any JSON number in any body is a 400 that names the problem, never a 500 ---------------------------------------

HUGE_NUMBERS = [
    pytest.param("1e99999999999999999999", id="exponent-past-decimal-range"),  # decimal.InvalidOperation
    pytest.param("-1e-99999999999999999999", id="negative-exponent-past-decimal-range"),
    pytest.param("7" * 5000, id="5000-digit-integer"),  # past Python's int-conversion limit
    pytest.param("0." + "7" * 5000, id="5000-digit-fraction"),
]
BODIES = [
    pytest.param("POST", PRICES, False, '{"symbol": "BTC_USDT", "price": NUMBER}', id="set-price"),
    pytest.param("POST", "/smartorders", True, '{"symbol": "BTC_USDT", "quantity": NUMBER}', id="create"),
    pytest.param("DELETE", "/smartorders", True, '{"symbols": [NUMBER]}', id="cancel-all"),
    pytest.param("DELETE", "/smartorders/cancelByIds", True, '{"orderIds": [NUMBER]}', id="cancel-by-ids"),
    pytest.param("PUT", "/smartorders/10000001", True, '{"amount": NUMBER}', id="cancel-replace"),
]


@pytest.mark.parametrize("number", HUGE_NUMBERS)
@pytest.mark.parametrize(("method", "path", "signed", "template"), BODIES)
async def test_a_json_number_of_any_size_is_a_400(
    sandbox_http: SandboxClient, method: str, path: str, signed: bool, template: str, number: str
) -> None:
    body = template.replace("NUMBER", number).encode()
    error = await sandbox_http.error(400, method, path, raw_body=body, signed=signed)
    assert "number" in error["message"] and len(error["message"]) < 500, error
    assert (
        await sandbox_http.ok("GET", "/smartorders") == [] and await sandbox_http.ok("GET", PRICES, signed=False) == []
    )


async def test_a_modest_json_number_where_a_string_is_due_still_names_the_field(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.error(400, "POST", "/smartorders", {**stop_order(), "quantity": 1})
    assert "'quantity'" in error["message"]


# --- a client that hangs up mid-body is not a sandbox failure -------------------------------------------------------


SANDBOX_LOGGER = "polo_smartorders.sandbox"


class _Records(logging.Handler):
    """Collects log records; `sandbox_spoke` is set when the sandbox's own logger emits one."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.sandbox_spoke = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if record.name == SANDBOX_LOGGER:
            self.sandbox_spoke.set()


@pytest.fixture
def sandbox_log() -> Iterator[_Records]:
    """Records of the sandbox's logger, at DEBUG."""
    logger = logging.getLogger(SANDBOX_LOGGER)
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_client_hanging_up_mid_body_is_logged_at_debug_not_as_a_failure(sandbox_log: _Records) -> None:
    server_log = logging.getLogger("uvicorn.error")  # where an exception escaping the app would be logged
    try:
        with serving(create_app()) as url:
            server_log.addHandler(sandbox_log)  # only now: starting the server sets up uvicorn's loggers afresh
            port = int(url.rsplit(":", 1)[1])
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                head = f"POST {PRICES} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {JSON_TYPE}\r\nContent-Length: 1000\r\n\r\n"
                conn.sendall(head.encode() + b'{"symbol": "BTC_')
            # The sandbox logs once when it gives up on the request; leaving `serving` then waits for the server's
            # request tasks to end, so whatever uvicorn logs about the app's return is recorded before the checks.
            assert sandbox_log.sandbox_spoke.wait(timeout=10), "the sandbox logged nothing about the dropped request"
    finally:
        server_log.removeHandler(sandbox_log)
    logged = [(record.name, record.levelname, record.getMessage()) for record in sandbox_log.records]
    assert all(record.levelno == logging.DEBUG for record in sandbox_log.records), logged
    assert any(name == SANDBOX_LOGGER and "disconnect" in message for name, _, message in logged), logged


async def test_a_client_hanging_up_mid_body_gets_no_answer(sandbox_log: _Records) -> None:
    app = create_app()
    incoming: list[Message] = [
        {"type": "http.request", "body": b'{"symbol": "BTC_', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-type", JSON_TYPE.encode()), (b"content-length", b"1000")]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": PRICES,
        "raw_path": PRICES.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)
    assert sent == [] and incoming == []
    assert [record.levelno for record in sandbox_log.records] == [logging.DEBUG]
    assert app.state.sandbox.prices() == {}
