"""The command line shows what an answer says with its control characters escaped: a hostile or tampered answer
cannot clear the screen, retitle the terminal, reorder text or print fake rows. ``--json`` stays exact JSON.

A loopback server this module starts gives every string field (and a JSON key) of its answers, and its error
messages, terminal controls; the CLI runs as a subprocess against it, as a user would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest

from tests.support.exchange import SMART_ORDER
from tests.support.wire_server import WireServer, wire_server

# One loopback server per module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("cli_output")

FAKE_ROW = "99999999  fake-cid  BTC_USDT  SELL  STOP  NEW"
#: Erase the screen, set the window title (OSC ... BEL), carriage return, a new line with a fake row, a right-to-left
#: override, C1 CSI, a line separator, a tab; and text that is no control, shown as it is.
READABLE = "café 日本"
HOSTILE = f"a\x1b[2Jb\x1b]0;title\x07c\rd\n{FAKE_ROW}\u202ee\x9b31mf\u2028g\th{READABLE}"
#: What no byte of the CLI's output may be: every raw control character HOSTILE holds (the CLI's own newlines aside).
RAW = ("\x1b", "\x07", "\r", "\u202e", "\x9b", "\u2028", "\t")
ESCAPED = ("\\x1b[2J", "\\x1b]0;title\\x07", "\\r", "\\n", "\\u202e", "\\x9b", "\\u2028", "\\t")

ORDER = {**SMART_ORDER, "clientOrderId": HOSTILE, "symbol": HOSTILE, "state": HOSTILE}
CANCELLED = {"orderId": "10000001", "clientOrderId": HOSTILE, "state": HOSTILE, "code": 25009, "message": HOSTILE}


def answer(request: httpx.Request) -> httpx.Response:
    """The hostile exchange: every answer's strings carry HOSTILE; /smartorders/404 and /smartorders/400 refuse."""
    path = request.url.path
    if path == "/smartorders/404":
        return httpx.Response(404, json={"code": 25005, "message": HOSTILE})
    if path == "/smartorders/400":
        return httpx.Response(400, text=HOSTILE)  # no JSON: the error message is the body's text
    if request.method == "POST":  # the clientOrderId echoed (the client checks it), a hostile field added
        cid = json.loads(request.content)["clientOrderId"]
        return httpx.Response(200, json={"id": "10000002", "clientOrderId": cid, f"x{HOSTILE}": HOSTILE})
    if request.method == "DELETE":
        return httpx.Response(200, json=[CANCELLED])
    if path == "/smartorders/777":
        return httpx.Response(200, content=TRIGGERED, headers={"Content-Type": "application/json"})
    return httpx.Response(200, json=[ORDER])


#: A triggered order whose triggered order carries a field the spec does not name, holding a fractional number.
TRIGGERED = json.dumps([{**SMART_ORDER, "state": "TRIGGERED", "triggeredOrder": {
    "id": "10000009", "clientOrderId": "", "symbol": "BTC_USDT", "state": "FILLED", "accountType": "SPOT",
    "side": "BUY", "type": "MARKET", "timeInForce": "GTC", "quantity": "1", "price": "0", "avgPrice": "100",
    "amount": "0", "filledQuantity": "1", "filledAmount": "100", "createTime": 1, "updateTime": 2, "fee": "FEE",
}}]).replace('"FEE"', "1.50").encode()  # fmt: skip


class Ran(NamedTuple):
    """A finished CLI run."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def server() -> Iterator[WireServer]:
    with wire_server(answer) as running:
        yield running


def cli(server: WireServer, *args: str) -> Ran:
    """Run the CLI against ``server``; its output decoded as written (UTF-8 whatever the locale, no newline
    translation: text mode would turn a raw CR into LF and hide it)."""
    env = {**os.environ, "POLO_API_KEY": "key-1234", "POLO_API_SECRET": "secret", "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "polo_smartorders", "--url", server.url, *args]
    done = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)  # noqa: S603
    return Ran(done.returncode, done.stdout.decode(), done.stderr.decode())


def assert_shown_escaped(text: str) -> None:
    """``text`` holds HOSTILE only escaped: no raw control, no line of its own for the fake row; the rest readable."""
    assert not [raw for raw in RAW if raw in text], repr(text)
    assert not any(line.startswith(FAKE_ROW) for line in text.splitlines()), repr(text)
    assert all(escaped in text for escaped in ESCAPED), repr(text)
    assert READABLE in text, repr(text)


@pytest.mark.parametrize("command", [["list"], ["get", "10000001"], ["history"]])
def test_a_table_escapes_what_the_answer_says(server: WireServer, command: list[str]) -> None:
    done = cli(server, *command)
    assert done.returncode == 0, done.stderr
    assert_shown_escaped(done.stdout)
    assert done.stdout.count("\n") == 2  # the header and the one order: no row the answer made up


def test_a_mapping_escapes_the_answers_keys_and_values(server: WireServer) -> None:
    done = cli(server, "create", "--symbol", "BTC_USDT", "--side", "BUY", "--stop-price", "40000", "--quantity", "1")
    assert done.returncode == 0, done.stderr
    assert_shown_escaped(done.stdout)
    assert done.stdout.count("\n") == 3  # the extra key, id, clientOrderId


def test_a_failed_cancel_escapes_its_table_and_its_error_line(server: WireServer) -> None:
    done = cli(server, "cancel", "10000001")
    assert done.returncode == 1
    assert_shown_escaped(done.stdout)
    assert done.stderr.count("\n") == 1 and "1 of 1 cancels failed (code 25009)" in done.stderr


def test_a_not_found_line_shows_nothing_of_the_answer(server: WireServer) -> None:
    done = cli(server, "get", "404")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "polo-smartorders: no smart order with id 404\n"


@pytest.mark.parametrize("ref", ["400"])
def test_an_error_line_escapes_the_answers_message(server: WireServer, ref: str) -> None:
    done = cli(server, "get", ref)
    assert done.returncode == 1, done.stdout
    assert_shown_escaped(done.stderr)
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("polo-smartorders: ")
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("command", "pick"),
    [
        (["list"], lambda doc: [doc[0]["clientOrderId"], doc[0]["symbol"], doc[0]["state"]]),
        (["cancel", "10000001"], lambda doc: [doc[0]["clientOrderId"], doc[0]["message"]]),
        (["create", "--symbol", "BTC_USDT", "--side", "BUY", "--stop-price", "1", "--quantity", "1"],
         lambda doc: [doc[f"x{HOSTILE}"], next(key for key in doc if key.startswith("x"))[1:]]),
    ],
)  # fmt: skip
def test_json_output_keeps_the_exact_strings(server: WireServer, command: list[str], pick: Any) -> None:
    """--json is a JSON document: the strings come back exactly, their controls written as JSON escapes."""
    done = cli(server, *command, "--json")
    assert done.returncode in (0, 1), done.stderr
    assert not [raw for raw in RAW if raw in done.stdout]
    strings = pick(json.loads(done.stdout))
    assert strings == [HOSTILE] * len(strings)


def test_a_triggered_orders_unnamed_number_is_shown_exactly_not_a_crash(server: WireServer) -> None:
    """An unnamed field of the triggered order holding 1.50 (read as Decimal): shown as written, no traceback."""
    ran = cli(server, "get", "777")
    assert ran.returncode == 0, ran.stderr
    assert '"fee": "1.50"' in ran.stdout and "Traceback" not in ran.stderr
