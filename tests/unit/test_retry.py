"""The retry rule against a scripted transport: what is retried, what is reconciled, what is never re-sent.

Every client here runs on a fake clock (tests/support/clock.py): backoffs and recvWindow fences are waited out in
no time, and ``clock.slept`` says how long each wait was."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from polo_smartorders import (
    AsyncClient,
    Client,
    DuplicateClientOrderIdError,
    HttpBackend,
    InvalidRequestError,
    OldOrderNotCancelledError,
    OutcomeUnknownError,
    RateLimitError,
    ServerError,
)

from tests.support.clock import EPOCH_MS, FakeClock
from tests.support.exchange import BASE, SMART_ORDER, Exchange
from tests.support.keys import KEY, SECRET
from tests.support.signing import assert_signed
from tests.support.wire_server import WireServer

CREATE: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "BUY",
    "stop_price": "40000",
    "quantity": "1",
    "client_order_id": "idem-1",
}


@pytest.fixture
def client(exchange: Exchange, clock: FakeClock) -> Iterator[Client]:
    """The scripted exchange's client (as in conftest), on the fake clock: its sleeps return at once, moving it on."""
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False, _time=clock) as c:
        yield c


@pytest.fixture
def async_client(exchange: Exchange, wire: WireServer, async_backend: HttpBackend, clock: FakeClock) -> AsyncClient:
    return AsyncClient(KEY, SECRET, wire.url, rate_limit=False, http_backend=async_backend, _time=clock)


def status(code: int, error: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(code, json={"code": error, "message": f"error {error}"}, headers=headers)


def raising(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def empty(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=[])


def trail(exchange: Exchange) -> list[str]:
    return [f"{r.method} {r.url.raw_path.decode()}" for r in exchange.requests]


# ------------------------------------------------------------------ reads and cancels


@pytest.mark.parametrize(
    "failure",
    [status(503, 24201), status(500, 500), raising(httpx.ReadTimeout("t")), raising(httpx.ConnectError("c"))],
)
def test_reads_are_retried_then_succeed(exchange: Exchange, client: Client, clock: FakeClock, failure: object) -> None:
    exchange.script = [failure, failure]  # type: ignore[list-item]
    assert client.smartorders().get_all()[0].id == "10000001"
    assert trail(exchange) == ["GET /smartorders"] * 3
    assert len(clock.slept) == 2 and all(0 <= s <= 8 for s in clock.slept)
    for request in exchange.requests:
        assert_signed(request)


def test_retries_stop_at_max_retries(exchange: Exchange, clock: FakeClock) -> None:
    exchange.default = status(503, 24201)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=2, _time=clock) as c:
        with pytest.raises(ServerError):
            c.smartorders().cancel_by_id("1")
    assert trail(exchange) == ["DELETE /smartorders/1"] * 3


def test_max_retries_zero_disables_retries(exchange: Exchange, clock: FakeClock) -> None:
    exchange.default = status(503, 24201)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0, _time=clock) as c:
        with pytest.raises(ServerError):
            c.smartorders().get_all()
    assert len(exchange.requests) == 1 and clock.slept == []


def test_retry_after_is_honoured(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "3"})]
    client.smartorders().cancel(symbol="BTC_USDT")
    assert len(exchange.requests) == 2
    assert 3.0 <= clock.slept[0] < 3.1


def test_a_retry_after_beyond_the_cap_is_raised_not_waited(
    exchange: Exchange, client: Client, clock: FakeClock
) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "3600"})]
    with pytest.raises(RateLimitError):
        client.smartorders().get_all()
    assert len(exchange.requests) == 1 and clock.slept == []


def test_client_errors_are_not_retried(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    exchange.default = status(400, 25001)
    with pytest.raises(InvalidRequestError):
        client.smartorders().get_all()
    assert len(exchange.requests) == 1


def test_timestamp_rejection_resyncs_once_and_retries(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    server_time = 1_900_000_000_000
    exchange.script = [
        status(408, 408),
        lambda r: httpx.Response(200, json={"serverTime": server_time}),
    ]
    client.smartorders().get_all()
    assert [r.url.path for r in exchange.requests] == ["/smartorders", "/timestamp", "/smartorders"]
    assert abs(int(exchange.last.headers["signTimestamp"]) - server_time) < 5_000
    assert client.clock.offset_ms != 0


# ------------------------------------------------------------------ creates and replaces, against a ledger


class Ledger:
    """A mock exchange that keeps the orders it placed, so that lookups answer what really happened.

    Each create or replace takes the next entry of ``faults``: ``ok``; ``lost`` (processed, answer replaced by a 500);
    ``timeout`` (processed, then no answer); ``unsent`` (a 500 before processing); ``reset`` (the connection drops
    before processing); ``late`` (not processed now, but at the next create or replace, as a delayed copy would be).
    """

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock  # the exchange's clock is the true time: a test may step the client's wall clock
        self.requests: list[httpx.Request] = []
        self.orders: list[dict[str, Any]] = []
        self.faults: list[str] = []
        self.lookups_fail = False
        self.slow_lookup: httpx.Request | None = None
        self._late: httpx.Request | None = None
        self._ids = iter(range(10_000_002, 10_100_000))

    def order(self, **fields: Any) -> dict[str, Any]:
        """Add an order as if placed earlier; newest last."""
        order = {**SMART_ORDER, "id": str(next(self._ids)), "createTime": self.clock.true_ms(), **fields}
        self.orders.append(order)
        return order

    def newest(self, client_order_id: str) -> dict[str, Any] | None:
        return next((o for o in reversed(self.orders) if o["clientOrderId"] == client_order_id), None)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        path = request.url.path
        if path == "/timestamp":
            return httpx.Response(200, json={"serverTime": self.clock.true_ms()})
        if request.method == "GET":
            if self.lookups_fail:
                return httpx.Response(503, json={"code": 24201, "message": "busy"})
            ref = path.removeprefix("/smartorders/")
            hit = (
                self.newest(ref[4:])
                if ref.startswith("cid:")
                else next((o for o in self.orders if o["id"] == ref), None)
            )
            answer = httpx.Response(200, json=[] if hit is None else [hit])
            if self.slow_lookup is not None and ref.startswith("cid:"):  # answered late; meanwhile the copy lands
                late, self.slow_lookup = self.slow_lookup, None
                self.clock.advance(6)  # the answer comes back past the fence
                self.place(late)
                self.orders[-1]["state"] = "TRIGGERED"  # and triggers at once, freeing its clientOrderId
            return answer
        if self._late is not None:
            late, self._late = self._late, None
            self.place(late)
        fault = self.faults.pop(0) if self.faults else "ok"
        if fault == "late":
            self._late = request
            raise httpx.ReadTimeout("held on the way")
        if fault == "slow-lookup":
            self.slow_lookup = request
            raise httpx.ReadTimeout("held on the way")
        if fault == "reset":
            raise httpx.RemoteProtocolError("reset before the exchange")
        if fault == "unsent":
            return httpx.Response(500, json={"code": 500, "message": "Internal error"})
        answer = self.place(request)
        if fault == "lost":
            return httpx.Response(500, json={"code": 500, "message": "Internal error"})
        if fault == "timeout":
            raise httpx.ReadTimeout("no answer")
        return answer

    def place(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        cid = body.get("clientOrderId", "")
        old = None
        if request.method == "PUT":
            ref = request.url.path.removeprefix("/smartorders/")
            old = self.newest(ref[4:]) if ref.startswith("cid:") else next(o for o in self.orders if o["id"] == ref)
        holder = self.newest(cid)
        if holder is not None and holder["state"] == "PENDING_NEW" and holder is not old:
            return httpx.Response(400, json={"code": 25004, "message": "Client order id already exists"})
        fields = {k: v for k, v in body.items() if k != "proceedOnFailure"}
        if old is None:
            default_type = "STOP_LIMIT" if "price" in fields else "STOP"
            new = self.order(**{"price": "0", "amount": "0", "quantity": "0", "type": default_type, **fields})
            return httpx.Response(200, json={"id": new["id"], "clientOrderId": cid})
        failed = old["state"] != "PENDING_NEW"
        if failed and not body.get("proceedOnFailure"):
            return httpx.Response(400, json={"code": 25009, "message": "Failed to cancel"})
        if not failed:
            old["state"] = "CANCELED"
        new = self.order(**{**{k: v for k, v in old.items() if k not in ("id", "createTime")}, **fields})
        new["state"] = "PENDING_NEW"
        answer = {"id": new["id"], "clientOrderId": cid}
        return httpx.Response(200, json={**answer, "code": 25009, "message": "Failed to cancel"} if failed else answer)


@pytest.fixture
def ledger(clock: FakeClock) -> Ledger:
    return Ledger(clock)


@pytest.fixture
def lclient(ledger: Ledger, clock: FakeClock) -> Iterator[Client]:
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(ledger), rate_limit=False, _time=clock) as c:
        yield c


@pytest.fixture
def alclient(ledger: Ledger, clock: FakeClock) -> AsyncClient:
    async def handler(request: httpx.Request) -> httpx.Response:
        return ledger(request)

    return AsyncClient(KEY, SECRET, BASE, transport=httpx.MockTransport(handler), rate_limit=False, _time=clock)


def steps(ledger: Ledger) -> list[str]:
    return [f"{r.method} {r.url.raw_path.decode()}" for r in ledger.requests]


def fence_waits(slept: list[float]) -> list[float]:
    """The sleeps that waited for a recvWindow fence (the default window is 5 s); backoffs are shorter."""
    return [s for s in slept if s > 4.9]


def test_create_whose_answer_was_lost_is_found_not_sent_again(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    ledger.faults = ["timeout"]
    placed = lclient.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id]
    assert steps(ledger) == ["POST /smartorders", "GET /timestamp", "GET /smartorders/cid:idem-1"]
    assert clock.slept == []  # found at once: no fence to wait for


@pytest.mark.parametrize("fault", ["unsent", "reset"])
def test_create_not_found_is_sent_again_only_after_the_recv_window_fence(
    ledger: Ledger, lclient: Client, clock: FakeClock, fault: str
) -> None:
    ledger.faults = [fault]
    placed = lclient.smartorders().create(**CREATE)
    assert steps(ledger) == [
        "POST /smartorders",
        "GET /timestamp",  # the clock was never measured: the fence is in exchange time
        "GET /smartorders/cid:idem-1",
        "GET /smartorders/cid:idem-1",  # after the fence: now "not found" is proof
        "POST /smartorders",
    ]
    [fence] = fence_waits(clock.slept)
    assert fence <= 5.0 + (lclient.clock.uncertainty_ms or 0) / 1000 + 0.01
    first, resent = ledger.requests[0], ledger.requests[-1]
    assert first.headers["recvWindow"] == resent.headers["recvWindow"] == "5000"
    assert json.loads(first.content) == json.loads(resent.content)
    assert int(resent.headers["signTimestamp"]) >= int(first.headers["signTimestamp"])
    assert [o["id"] for o in ledger.orders] == [placed.id]


def test_a_found_order_with_other_fields_is_not_ours(ledger: Ledger, lclient: Client, clock: FakeClock) -> None:
    """Case 1c: an open BTC order holds the id; the ETH create is refused as a duplicate but the answer is a 500."""
    btc = ledger.order(clientOrderId="orig", symbol="BTC_USDT", type="STOP", stopPrice="40000", quantity="1")
    ledger.faults = ["lost"]
    with pytest.raises(DuplicateClientOrderIdError):
        lclient.smartorders().create(
            symbol="ETH_USDT", side="BUY", stop_price="40000", quantity="1", client_order_id="orig"
        )
    assert ledger.orders == [btc]
    assert [r.method for r in ledger.requests].count("POST") == 2  # re-sent after the fence, refused again


@pytest.mark.parametrize(
    "differs", [{"stopPrice": "40001"}, {"quantity": "2"}, {"side": "SELL"}, {"type": "STOP_LIMIT", "price": "1"}]
)
def test_any_field_that_differs_makes_a_found_order_not_ours(
    ledger: Ledger, lclient: Client, clock: FakeClock, differs: dict[str, str]
) -> None:
    same = {"type": "STOP", "quantity": "1", "price": "0", "stopPrice": "40000"}
    other = ledger.order(clientOrderId="idem-1", state="TRIGGERED", **{**same, **differs})
    ledger.faults = ["unsent"]
    placed = lclient.smartorders().create(**CREATE)
    assert placed.id != other["id"] and len(ledger.orders) == 2


def test_the_same_fields_compare_as_decimals(ledger: Ledger, lclient: Client, clock: FakeClock) -> None:
    ledger.faults = ["timeout"]
    placed = lclient.smartorders().create(**{**CREATE, "stop_price": "40000.000", "quantity": "1.0"})
    assert [o["id"] for o in ledger.orders] == [placed.id]
    assert [r.method for r in ledger.requests].count("POST") == 1


def test_an_older_order_with_the_same_client_order_id_is_not_taken_for_ours(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    old = ledger.order(
        clientOrderId="idem-1",
        state="CANCELED",
        type="STOP",
        stopPrice="40000",
        quantity="1",
        price="0",
        createTime=ledger.clock.true_ms() - 60_000,
    )
    ledger.faults = ["reset"]
    placed = lclient.smartorders().create(**CREATE)
    assert placed.id != old["id"] and [o["id"] for o in ledger.orders] == [old["id"], placed.id]


def test_an_order_this_client_placed_before_under_the_id_is_never_taken_for_a_new_one(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """Case 1b: create, cancel, create again with the same id at once; the second POST never reaches the exchange.
    The first order's createTime is too close to tell by the clock: the client knows it placed it."""
    first = lclient.smartorders().create(**CREATE)
    ledger.orders[0]["state"] = "CANCELED"
    ledger.faults = ["reset"]
    second = lclient.smartorders().create(**CREATE)
    assert second.id != first.id
    assert [o["state"] for o in ledger.orders] == ["CANCELED", "PENDING_NEW"]


def test_a_duplicate_answer_to_the_resend_is_ours_only_if_it_matches(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """An exchange that let a late first copy land after the fence (it should not): the client finds it."""
    ledger.faults = ["late"]
    placed = lclient.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id]
    # refused as a duplicate: found (the clock measured again first)
    assert steps(ledger)[-3:] == ["POST /smartorders", "GET /timestamp", "GET /smartorders/cid:idem-1"]


def test_retries_exhausted_after_proof_raise_the_error_with_nothing_placed(ledger: Ledger, clock: FakeClock) -> None:
    ledger.faults = ["unsent", "unsent"]
    with Client(
        KEY, SECRET, BASE, transport=httpx.MockTransport(ledger), rate_limit=False, max_retries=1, _time=clock
    ) as c:
        with pytest.raises(ServerError) as caught:
            c.smartorders().create(**CREATE)
    assert ledger.orders == []
    assert any("no order was placed" in note for note in caught.value.__notes__)
    assert [r.method for r in ledger.requests].count("POST") == 2


def test_max_retries_zero_still_reconciles(ledger: Ledger, clock: FakeClock) -> None:
    ledger.faults = ["lost"]
    with Client(
        KEY, SECRET, BASE, transport=httpx.MockTransport(ledger), rate_limit=False, max_retries=0, _time=clock
    ) as c:
        placed = c.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id]


def test_create_outcome_unknown_when_the_lookup_fails(ledger: Ledger, clock: FakeClock) -> None:
    ledger.faults = ["timeout"]
    ledger.lookups_fail = True
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(ledger), rate_limit=False, _time=clock) as c:
        with pytest.raises(OutcomeUnknownError) as caught:
            c.smartorders().create(**CREATE)
    assert caught.value.client_order_id == "idem-1"
    assert [r.method for r in ledger.requests].count("POST") == 1  # never re-sent without proof


def test_create_duplicate_on_first_send_is_the_callers_error(ledger: Ledger, lclient: Client, clock: FakeClock) -> None:
    ledger.order(clientOrderId="idem-1")
    with pytest.raises(DuplicateClientOrderIdError):
        lclient.smartorders().create(**CREATE)
    assert steps(ledger) == ["POST /smartorders"]


def test_create_connect_error_is_retried_like_a_read(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    exchange.script = [raising(httpx.ConnectError("refused"))]
    client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders", "POST /smartorders"]


def test_create_rate_limited_is_retried(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "1"})]
    client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders", "POST /smartorders"]


def test_create_rejected_is_never_resent(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    exchange.script = [status(400, 21709)]
    with pytest.raises(InvalidRequestError):
        client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders"]


def test_an_undecodable_create_answer_is_reconciled(ledger: Ledger, lclient: Client, clock: FakeClock) -> None:
    inner = ledger.place

    def corrupt(request: httpx.Request) -> httpx.Response:
        inner(request)
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"\x1f\x8b not gzip"))

    ledger.place = corrupt  # type: ignore[method-assign]
    placed = lclient.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id]
    assert [r.method for r in ledger.requests].count("POST") == 1


# ------------------------------------------------------------------ cancel-replace


def stop_order(ledger: Ledger, cid: str, **fields: Any) -> dict[str, Any]:
    base = {"type": "STOP", "stopPrice": "100", "quantity": "1", "price": "0", "createTime": ledger.clock.true_ms()}
    return ledger.order(clientOrderId=cid, **{**base, **fields})


def test_replace_whose_answer_was_lost_is_found_and_the_old_order_seen_cancelled(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    old = stop_order(ledger, "a")
    ledger.faults = ["timeout"]
    new = lclient.smartorders().cancel_replace(old["id"], client_order_id="b", stop_price="200")
    assert (new.id, new.client_order_id) == (ledger.orders[-1]["id"], "b")
    assert steps(ledger) == [
        f"GET /smartorders/{old['id']}",  # the old order first: its state, and the fields the replacement copies
        f"PUT /smartorders/{old['id']}",
        "GET /timestamp",
        "GET /smartorders/cid:b",
        f"GET /smartorders/{old['id']}",  # its state now: cancelled
    ]


def test_replace_by_cid_keeping_the_id_never_takes_the_old_order_for_the_new(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """Case 1a: create, then at once replace by cid:, the PUT reset before the exchange."""
    first = lclient.smartorders().create(
        symbol="BTC_USDT", side="BUY", stop_price="100", quantity="1", client_order_id="botA"
    )
    ledger.faults = ["reset"]
    new = lclient.smartorders().cancel_replace("cid:botA", stop_price="200")
    assert new.id != first.id
    assert [(o["id"], o["state"], o["stopPrice"]) for o in ledger.orders] == [
        (first.id, "CANCELED", "100"),
        (new.id, "PENDING_NEW", "200"),
    ]
    assert (
        steps(ledger)[1] == "GET /smartorders/cid:botA"
    )  # read before the PUT: afterwards the id may name the new one


@pytest.mark.parametrize("fault", ["lost", "timeout"])
def test_replace_with_proceed_on_failure_and_a_lost_answer_still_reports_the_old_order_not_cancelled(
    ledger: Ledger, lclient: Client, clock: FakeClock, fault: str
) -> None:
    """Case 3: the old order had triggered; the 25009 answer is lost."""
    old = stop_order(ledger, "a", state="TRIGGERED")
    ledger.faults = [fault]
    with pytest.raises(OldOrderNotCancelledError) as caught:
        lclient.smartorders().cancel_replace(old["id"], proceed_on_failure=True, client_order_id="b", stop_price="200")
    assert caught.value.replacement.id == ledger.orders[-1]["id"]
    assert caught.value.replacement.client_order_id == "b"


def test_replace_with_proceed_on_failure_answered_directly_raises_the_same(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    old = stop_order(ledger, "a", state="TRIGGERED")
    with pytest.raises(OldOrderNotCancelledError) as caught:
        lclient.smartorders().cancel_replace(old["id"], proceed_on_failure=True, client_order_id="b", stop_price="200")
    assert caught.value.replacement.id == ledger.orders[-1]["id"]


def test_replace_found_order_must_carry_the_old_orders_copied_fields(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """An order holding the new id with the amended stop price but another size is not the replacement."""
    old = stop_order(ledger, "a")
    stop_order(ledger, "b", quantity="5", stopPrice="200", state="TRIGGERED")
    ledger.faults = ["unsent"]
    new = lclient.smartorders().cancel_replace(old["id"], client_order_id="b", stop_price="200")
    assert new.id == ledger.orders[-1]["id"] and ledger.orders[-1]["quantity"] == "1"


async def test_async_create_not_found_waits_for_the_fence_then_resends(
    ledger: Ledger, alclient: AsyncClient, clock: FakeClock
) -> None:
    ledger.faults = ["reset"]
    async with alclient:
        placed = await alclient.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id]
    assert len(fence_waits(clock.slept)) == 1


async def test_async_replace_with_a_lost_answer_reports_the_old_order_not_cancelled(
    ledger: Ledger, alclient: AsyncClient, clock: FakeClock
) -> None:
    old = stop_order(ledger, "a", state="TRIGGERED")
    ledger.faults = ["lost"]
    async with alclient:
        with pytest.raises(OldOrderNotCancelledError):
            await alclient.smartorders().cancel_replace(
                old["id"], proceed_on_failure=True, client_order_id="b", stop_price="1"
            )


async def test_async_reads_retry(exchange: Exchange, async_client: AsyncClient, clock: FakeClock) -> None:
    exchange.script = [raising(httpx.ReadTimeout("t"))]
    async with async_client:
        orders = await async_client.smartorders().get_history(symbol="BTC_USDT")
    assert len(orders) == 1 and len(exchange.requests) == 2 and len(clock.slept) == 1


def test_cancel_replace_without_client_order_id_gets_one(exchange: Exchange, client: Client, clock: FakeClock) -> None:
    replaced = client.smartorders().cancel_replace("10000001", price="2")
    assert json.loads(exchange.last.content)["clientOrderId"] == replaced.client_order_id
    assert replaced.client_order_id.startswith("pso-")


def test_a_trailing_order_whose_trigger_level_moved_is_still_found(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """A trailing order's answer may show its stop moving as it trails: the activation price sent is compared with
    its activationPrice instead (the spec's x-type-fields answers)."""
    inner = ledger.place

    def trailed(request: httpx.Request) -> httpx.Response:
        answer = inner(request)
        ledger.orders[-1].update(stopPrice="41234.5", activationPrice="40000.0")
        return answer

    ledger.place = trailed  # type: ignore[method-assign]
    ledger.faults = ["timeout"]
    trailing = {"type": "TRAILING_STOP", "trailing_offset": "1.5%", "stop_price": "40000"}
    placed = lclient.smartorders().create(**{**CREATE, **trailing})
    assert [o["id"] for o in ledger.orders] == [placed.id]
    assert [r.method for r in ledger.requests].count("POST") == 1


def test_a_replace_that_changes_the_type_is_found_although_the_old_type_specific_fields_went(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    old = stop_order(ledger, "a", type="TRAILING_STOP", trailingOffset="1.5%")
    inner = ledger.place

    def drops_trailing_fields(request: httpx.Request) -> httpx.Response:
        answer = inner(request)
        ledger.orders[-1]["trailingOffset"] = ""
        return answer

    ledger.place = drops_trailing_fields  # type: ignore[method-assign]
    ledger.faults = ["timeout"]
    new = lclient.smartorders().cancel_replace(old["id"], type="STOP", stop_price="300", client_order_id="b")
    assert new.id == ledger.orders[-1]["id"]
    assert [r.method for r in ledger.requests].count("PUT") == 1


def test_a_replace_that_changes_the_type_still_compares_the_fields_no_replace_changes(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    old = stop_order(ledger, "a")
    stop_order(ledger, "b", symbol="ETH_USDT", stopPrice="300", state="TRIGGERED")  # holds the new id, other symbol
    ledger.faults = ["unsent"]
    new = lclient.smartorders().cancel_replace(old["id"], type="STOP", stop_price="300", client_order_id="b")
    assert new.id == ledger.orders[-1]["id"] and ledger.orders[-1]["symbol"] == "BTC_USDT"


# ------------------------------------------------------------------ found by adversarial review


def test_a_negative_lookup_sent_before_the_fence_is_no_proof_even_if_answered_after_it(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """The lookup reached the exchange before the held first copy, but its answer came back after the fence; the
    copy then triggered at once, freeing the id. A re-send would place a second order."""
    ledger.faults = ["slow-lookup"]
    placed = lclient.smartorders().create(**CREATE)
    assert [(o["id"], o["state"]) for o in ledger.orders] == [(placed.id, "TRIGGERED")]
    assert [r.method for r in ledger.requests].count("POST") == 1


def test_a_step_of_the_local_wall_clock_does_not_move_the_exchange_time(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """Another client placed the same order under the same id 7 s earlier (beyond the 6 s the exchange's clocks may
    disagree by: recvWindow + 1 s); the local clock then steps back 3 s. The refusal of this create is replaced by a
    500: the other order must not be taken for this one, nor be a doubt (as it would, 4 s away, were exchange time
    counted on the wall clock)."""
    lclient.sync_time()
    other = ledger.order(clientOrderId="idem-1", type="STOP", stopPrice="40000", quantity="1", price="0")
    other["createTime"] -= 7_000
    clock.step_wall(-3.0)
    ledger.faults = ["lost"]
    with pytest.raises(DuplicateClientOrderIdError):
        lclient.smartorders().create(**CREATE)
    assert ledger.orders == [other]


@pytest.mark.parametrize(
    "answer",
    [
        {"id": None, "clientOrderId": None},
        {"id": "", "clientOrderId": "idem-1"},
        {"id": "777", "clientOrderId": "somebody-elses"},
    ],
)
def test_a_create_answer_that_does_not_name_this_calls_order_is_looked_up(
    ledger: Ledger, lclient: Client, clock: FakeClock, answer: dict[str, Any]
) -> None:
    inner = ledger.place

    def odd(request: httpx.Request) -> httpx.Response:
        inner(request)
        return httpx.Response(200, json=answer)

    ledger.place = odd  # type: ignore[method-assign]
    placed = lclient.smartorders().create(**CREATE)
    assert [o["id"] for o in ledger.orders] == [placed.id] and placed.client_order_id == "idem-1"


@pytest.mark.parametrize("code", ["25009", 25009.0])
def test_a_replace_answer_with_a_failure_code_of_any_type_is_a_failure(
    exchange: Exchange, client: Client, code: object
) -> None:
    exchange.default = lambda r: (
        httpx.Response(200, json={"id": "20", "clientOrderId": "n-1", "code": code, "message": "Failed to cancel"})
        if r.method == "PUT"
        else httpx.Response(200, json=[{**SMART_ORDER, "id": "10", "state": "TRIGGERED"}])
    )
    # Never a plain success: a typed failure, or (the code not being the integer the spec says) an unknown outcome.
    with pytest.raises((OldOrderNotCancelledError, OutcomeUnknownError)):
        client.smartorders().cancel_replace("10", proceed_on_failure=True, client_order_id="n-1", stop_price="5")


@pytest.mark.parametrize("fault", ["lost", "ok"])
def test_proceed_on_failure_over_an_order_cancelled_before_reports_it_however_the_answer_went(
    ledger: Ledger, lclient: Client, clock: FakeClock, fault: str
) -> None:
    old = stop_order(ledger, "a", state="CANCELED")
    ledger.faults = [fault]
    with pytest.raises(OldOrderNotCancelledError):
        lclient.smartorders().cancel_replace(old["id"], proceed_on_failure=True, client_order_id="b", stop_price="9")


def test_a_replace_by_cid_reads_the_order_it_replaces_before_sending(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """If the id is reused by another order during the call, the state check still reads the replaced order."""
    old = stop_order(ledger, "x", state="TRIGGERED")
    inner = ledger.place

    def reuse(request: httpx.Request) -> httpx.Response:
        inner(request)
        stop_order(ledger, "x", state="CANCELED")  # another worker re-uses and cancels the freed id meanwhile
        return httpx.Response(500, json={"code": 500, "message": "Internal error"})

    ledger.place = reuse  # type: ignore[method-assign]
    with pytest.raises(OldOrderNotCancelledError):
        lclient.smartorders().cancel_replace("cid:x", proceed_on_failure=True, client_order_id="y", stop_price="9")
    assert steps(ledger)[0] == "GET /smartorders/cid:x"
    assert old["state"] == "TRIGGERED"


@pytest.mark.parametrize(
    ("odd", "typed"),
    [
        ({"price": 40000.5}, True),
        ({"stopPrice": 40000}, True),
        ({"price": {"x": 1}}, True),
        ({"createTime": EPOCH_MS + 3_600_000}, False),
        ({"id": ["10000002"]}, True),
        ({"id": {"x": 1}}, True),
    ],
)
def test_a_lookup_answer_with_odd_types_or_times_is_not_ours_and_nothing_else_escapes(
    ledger: Ledger, lclient: Client, clock: FakeClock, odd: dict[str, Any], typed: bool
) -> None:
    """A field of the wrong JSON type makes the lookup's answer unreadable (the outcome stays unknown); a createTime
    in the future makes the order not ours. Neither is ever taken for this call's order."""
    same = {"type": "STOP", "stopPrice": "40000", "quantity": "1", "price": "0", "state": "TRIGGERED"}
    ledger.order(clientOrderId="idem-1", **{**same, **odd})
    ledger.faults = ["unsent"]
    if typed:
        with pytest.raises(OutcomeUnknownError):
            lclient.smartorders().create(**CREATE)
        assert len(ledger.orders) == 1
        return
    placed = lclient.smartorders().create(**CREATE)
    assert placed.id == ledger.orders[-1]["id"] and len(ledger.orders) == 2
