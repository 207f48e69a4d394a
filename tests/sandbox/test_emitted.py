"""The sandbox sends what the spec declares: a walk through every order lifecycle (tests/support/lifecycles.py) carries
each field of each schema the smart-order operations answer with at least once, or the field is listed, with its
reason, in the sandbox's one list of fields it never sends (``NOT_EMITTED`` in polo_smartorders/sandbox/_book.py)."""

from __future__ import annotations

import asyncio

import pytest
from polo_smartorders.sandbox import create_app
from polo_smartorders.sandbox._book import NOT_EMITTED

from tests.support.lifecycles import declared, emitted, lifecycle_operations, walk
from tests.support.sandbox import SandboxClient
from tests.support.spec_answers import load

SPEC = load()
DECLARED = declared(SPEC, lifecycle_operations(SPEC))


@pytest.fixture(scope="module")
def carried() -> dict[str, set[str]]:
    return emitted(SPEC, asyncio.run(walk(create_app())))


@pytest.mark.parametrize("schema", sorted(DECLARED))
def test_every_declared_answer_field_is_sent_or_listed_as_never_sent(carried: dict[str, set[str]], schema: str) -> None:
    listed = {key.split(".", 1)[1] for key in NOT_EMITTED if key.split(".", 1)[0] == schema}
    never = sorted(DECLARED[schema] - carried.get(schema, set()) - listed)
    assert not never, (
        f"{schema}: the sandbox never sent {never} in a walk through every lifecycle: send them "
        "(polo_smartorders/sandbox/_book.py), or list each in NOT_EMITTED there with the reason"
    )
    assert not listed & carried.get(schema, set()), f"{schema}: listed in NOT_EMITTED, yet sent: {listed}"


def test_the_list_of_fields_never_sent_names_real_fields_with_reasons() -> None:
    for key, reason in NOT_EMITTED.items():
        schema, _, field = key.partition(".")
        assert field in DECLARED.get(schema, set()), f"NOT_EMITTED names {key}, which no answer schema declares"
        assert reason.strip(), f"NOT_EMITTED: {key} needs its reason"


def test_the_walk_covers_the_smart_order_schemas() -> None:
    """Not vacuous: the schemas checked include the order, its triggered order and the cancel results."""
    assert {"SmartOrder", "Order", "CancelResult", "CreateSmartOrderResponse"} <= set(DECLARED)


async def test_a_trailing_stop_wider_than_the_price_shows_a_level_of_zero_never_a_negative_one(
    sandbox_http: SandboxClient,
) -> None:
    """Found by the stateful conformance run: a SELL trailing offset above the price made stopPrice negative, an
    amount the spec's Decimal refuses. Its level stays 0, which no price reaches."""
    order = await sandbox_http.create(symbol="LTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="1000",
                                      quantity="1")  # fmt: skip
    for price in ("100", "0.001"):
        await sandbox_http.ok("POST", "/sandbox/prices", {"symbol": "LTC_USDT", "price": price}, signed=False)
        [shown] = await sandbox_http.ok("GET", f"/smartorders/{order}")
        assert (shown["stopPrice"], shown["state"]) == ("0", "PENDING_NEW")
