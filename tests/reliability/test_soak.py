"""A randomized soak against a model of the account: mixed operations through random faults, checked after every step.

Each worker has its own account (so its book is its own), its own market and its own client (sync or async) behind one
fault proxy that faults 20% of all requests (drop, 500, delay past the timeout, hold then forward, reset); the
exchange stamps orders with a clock 0 to 1,000 ms behind the one answering GET /timestamp. After every
operation the worker compares the exchange's orders with its model: no order lost, none placed twice, no wrong result.
An operation that raised OutcomeUnknownError (or a cancel that failed on the way) leaves its order undecided until
the exchange shows what happened. ``make soak`` runs it longer with a random seed (SOAK_OPS, SOAK_SEED, SOAK_WORKERS).
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from polo_smartorders import (
    DuplicateClientOrderIdError,
    OldOrderNotCancelledError,
    OutcomeUnknownError,
    PoloError,
)
from polo_smartorders.sandbox import Sandbox

from tests.support.faults import FaultProxy, Seen, fault_proxy
from tests.support.loopback import Calls, served_sandbox, smartorders

# About 50 s: in make test; deselect with -m 'not slow' for the fast part.
pytestmark = pytest.mark.slow

OPS = int(os.environ.get("SOAK_OPS", "2000"))
SEED = int(os.environ.get("SOAK_SEED", "20261201"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "4"))
FAULT_RATE = 0.2
FAULTS = ("drop", "500", "delay", "hold", "reset")
#: How far behind its GET /timestamp clock the exchange stamps an order's createTime, drawn afresh for every operation.
ORDER_CLOCK_BEHIND_MS = (0, 10, 25, 100, 1_000)
SYMBOLS = ("BTC_USDT", "ETH_USDT", "LTC_USDT", "XRP_USDT", "SOL_USDT", "DOGE_USDT", "ADA_USDT", "TRX_USDT")
OPEN = "PENDING_NEW"


@dataclass
class Tally:
    operations: int = 0
    faults: int = 0
    unknown: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class Order:
    id: str
    cid: str
    state: str
    stop: Decimal
    quantity: Decimal


class Worker:
    """One account's random operations and the model they are checked against."""

    def __init__(self, n: int, sandbox: Sandbox, calls: Calls, rng: random.Random, tally: Tally) -> None:
        self.key = f"soak-{n}"
        self.symbol = SYMBOLS[n % len(SYMBOLS)]
        self.sandbox, self.so, self.rng, self.tally = sandbox, calls, rng, tally
        self.model: dict[str, Order] = {}
        #: clientOrderIds of calls whose outcome is unknown: an order carrying one may appear.
        self.undecided_cids: set[str] = set()
        #: Orders whose cancel failed on the way: they may show up cancelled.
        self.maybe_cancelled: set[str] = set()
        self.serial = 0

    # ---------------------------------------------------------------- operations

    def step(self) -> None:
        self.sandbox.order_clock_skew_ms = -self.rng.choice(ORDER_CLOCK_BEHIND_MS)  # shared: the workers' draws mix
        roll = self.rng.random()
        open_orders = [o for o in self.model.values() if o.state == OPEN]
        triggered = [o for o in self.model.values() if o.state == "TRIGGERED"]
        if roll < 0.40 or not open_orders:
            self.create()
        elif roll < 0.55:
            self.replace(self.rng.choice(open_orders), by_cid=False)
        elif roll < 0.67:
            self.replace(self.rng.choice(open_orders), by_cid=True)
        elif roll < 0.72 and triggered:
            self.replace(self.rng.choice(triggered), by_cid=False, proceed=True)
        elif roll < 0.87:
            self.cancel(self.rng.choice(open_orders))
        else:
            self.trigger()
        self.tally.operations += 1
        self.check()

    def fresh_cid(self) -> str | None:
        """A new clientOrderId, a freed one to reuse, or None (the client generates one)."""
        freed = sorted({o.cid for o in self.model.values()} - {o.cid for o in self.model.values() if o.state == OPEN})
        freed = [cid for cid in freed if cid not in self.undecided_cids]
        roll = self.rng.random()
        if roll < 0.25 and freed:
            return self.rng.choice(freed)
        if roll < 0.5:
            return None
        self.serial += 1
        return f"{self.key}-{self.serial}"

    def create(self) -> None:
        stop = Decimal(self.rng.randint(100, 1000))
        quantity = Decimal(self.rng.randint(1, 50)) / 10
        cid = self.fresh_cid()
        rearmed = self.newest_with(cid) if cid is not None else None
        if rearmed is not None and self.rng.random() < 0.5:  # re-arm: the same order again, under the same id
            stop, quantity = rearmed.stop, rearmed.quantity
        before = self.snapshot()
        try:
            placed = self.so.create(
                symbol=self.symbol, side="BUY", stop_price=str(stop), quantity=str(quantity), client_order_id=cid
            )
        except OutcomeUnknownError as error:
            self.tally.unknown += 1
            self.undecided_cids.add(error.client_order_id)
            return
        except DuplicateClientOrderIdError:
            if (
                not any(o.cid == cid and o.state == OPEN for o in self.model.values())
                and cid not in self.undecided_cids
            ):
                self.problem(f"create {cid}: refused as a duplicate, but no open order holds the id")
            return
        except PoloError as error:
            self.expect_nothing_new(before, f"create {cid} raised {error!r}")
            return
        self.adopt(placed.id, placed.client_order_id, OPEN, stop, quantity, before, f"create {cid}")

    def replace(self, old: Order, *, by_cid: bool, proceed: bool = False) -> None:
        if by_cid and (self.newest_with(old.cid) is not old or old.cid in self.undecided_cids):
            # cid: names the newest order with the id; while a call with it has an unknown outcome, that may be an
            # order this model has not seen yet (it can still land, within its recvWindow)
            by_cid = False
        stop = Decimal(self.rng.randint(100, 1000))
        new_cid = None if by_cid and self.rng.random() < 0.5 else self.fresh_cid()
        if new_cid is not None and any(
            o.cid == new_cid and o.state == OPEN and o is not old for o in self.model.values()
        ):
            new_cid = None
        ref = f"cid:{old.cid}" if by_cid else old.id
        before = self.snapshot()
        try:
            new = self.so.cancel_replace(
                ref, stop_price=str(stop), client_order_id=new_cid, proceed_on_failure=proceed or None
            )
        except OldOrderNotCancelledError as error:
            if old.state == OPEN:
                self.problem(f"replace {ref}: old order reported not cancelled, but it was open")
            new = error.replacement
            self.adopt(new.id, new.client_order_id, OPEN, stop, old.quantity, before, f"replace {ref}", old=old)
            return
        except OutcomeUnknownError as error:
            self.tally.unknown += 1
            self.undecided_cids.add(error.client_order_id)
            self.maybe_cancelled.add(old.id)
            return
        except PoloError as error:
            self.expect_nothing_new(before, f"replace {ref} raised {error!r}")
            return
        if old.state != OPEN:
            self.problem(f"replace {ref}: succeeded although the old order was {old.state}")
        old.state = "CANCELED"
        self.adopt(new.id, new.client_order_id, OPEN, stop, old.quantity, before, f"replace {ref}", old=old)

    def cancel(self, order: Order) -> None:
        try:
            self.so.cancel_by_id(order.id)
        except PoloError:
            self.maybe_cancelled.add(order.id)  # failed on the way, or a retry found it already cancelled
            return
        order.state = "CANCELED"

    def trigger(self) -> None:
        price = Decimal(self.rng.randint(100, 1000))
        self.sandbox.set_price(self.symbol, price)
        self.sandbox.set_price(self.symbol, Decimal(1))
        for order in self.model.values():
            if order.state == OPEN and order.stop <= price and order.id not in self.maybe_cancelled:
                order.state = "TRIGGERED"

    # ---------------------------------------------------------------- checks

    def snapshot(self) -> set[str]:
        return {str(o["id"]) for o in self.sandbox.orders(self.key)}

    def newest_with(self, cid: str) -> Order | None:
        holders = [o for o in self.model.values() if o.cid == cid]
        return max(holders, key=lambda o: int(o.id)) if holders else None

    def adopt(
        self,
        order_id: str,
        cid: str,
        state: str,
        stop: Decimal,
        qty: Decimal,
        before: set[str],
        what: str,
        old: Order | None = None,
    ) -> None:
        """The call said it placed ``order_id``: it must be the one new order, with the fields asked for."""
        shown = {str(o["id"]): o for o in self.sandbox.orders(self.key)}
        new = set(shown) - before
        late = {i for i in new if shown[i]["clientOrderId"] in self.undecided_cids}
        if new - late != {order_id}:
            self.problem(f"{what}: returned {order_id}, new orders at the exchange {sorted(new - late)}")
            return
        got = shown[order_id]
        if (
            got["clientOrderId"] != cid
            or Decimal(str(got["stopPrice"])) != stop
            or Decimal(str(got["quantity"])) != qty
        ):
            self.problem(f"{what}: returned {order_id} whose fields differ: {got}")
        self.model[order_id] = Order(order_id, cid, str(got["state"]), stop, qty)

    def expect_nothing_new(self, before: set[str], what: str) -> None:
        """An error other than OutcomeUnknownError means nothing was placed."""
        shown = {str(o["id"]): o for o in self.sandbox.orders(self.key)}
        new = {i for i in set(shown) - before if shown[i]["clientOrderId"] not in self.undecided_cids}
        if new:
            self.problem(f"{what}, yet placed {sorted(new)}")

    def check(self) -> None:
        """The exchange holds exactly the model's orders (undecided ones settle as the exchange shows them)."""
        shown = {str(o["id"]): o for o in self.sandbox.orders(self.key)}
        for order_id, order in list(self.model.items()):
            if order_id not in shown:
                self.problem(f"lost: {order_id}")
                continue
            state = str(shown[order_id]["state"])
            if state != order.state:
                if order_id in self.maybe_cancelled and state in ("CANCELED", "TRIGGERED", OPEN):
                    order.state = state
                else:
                    self.problem(f"{order_id}: the exchange says {state}, the model {order.state}")
        for order_id in set(shown) - set(self.model):
            o = shown[order_id]
            cid = str(o["clientOrderId"])
            if cid not in self.undecided_cids:
                self.problem(f"unexplained order {order_id} ({cid})")
                continue
            self.undecided_cids.discard(cid)  # its call's outcome is now known: one order, no more
            self.model[order_id] = Order(
                order_id, cid, str(o["state"]), Decimal(str(o["stopPrice"])), Decimal(str(o["quantity"]))
            )
        per_cid: dict[str, int] = {}
        for order in self.model.values():
            if order.state == OPEN:
                per_cid[order.cid] = per_cid.get(order.cid, 0) + 1
        for cid, count in per_cid.items():
            if count > 1:
                self.problem(f"duplicated: {count} open orders with clientOrderId {cid}")

    def problem(self, text: str) -> None:
        self.tally.problems.append(f"{self.key}: {text}")


@pytest.fixture
def soak_served() -> Iterator[tuple[Sandbox, str]]:
    """The sandbox with one account per worker, under uvicorn on loopback."""
    with served_sandbox(accounts={f"soak-{n}": f"secret-{n}" for n in range(WORKERS)}) as running:
        yield running


@pytest.mark.timeout(600)
def test_soak_against_a_model_of_the_account(soak_served: tuple[Sandbox, str]) -> None:
    sandbox, upstream = soak_served
    tally = Tally()
    rngs = {f"soak-{n}": random.Random(f"{SEED}-faults-{n}") for n in range(WORKERS)}

    def choose(request: Seen) -> str | None:
        rng = rngs[request.headers.get("key", "soak-0")]
        with lock:
            if rng.random() >= FAULT_RATE:
                return None
            tally.faults += 1
            return rng.choice(FAULTS)

    lock = threading.Lock()
    proxy = FaultProxy(upstream, choose, delay_s=0.35)
    failures: list[BaseException] = []
    print(f"soak: seed {SEED}, {OPS} operations, {WORKERS} workers")

    def work(n: int, url: str) -> None:
        kind = "sync" if n % 2 == 0 else "async"
        try:
            with smartorders(kind, url, key=f"soak-{n}", secret=f"secret-{n}", timeout=0.25, recv_window=400) as so:
                worker = Worker(n, sandbox, so, random.Random(f"{SEED}-ops-{n}"), tally)
                for _ in range(OPS // WORKERS):
                    worker.step()
        except BaseException as error:  # anything escaping a worker fails the soak
            failures.append(error)

    with fault_proxy(proxy) as url:
        threads = [threading.Thread(target=work, args=(n, url)) for n in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(540)
    summary = f"{tally.operations} operations, {tally.faults} faults, {tally.unknown} outcomes unknown"
    print(f"soak: {summary}")
    assert failures == []
    assert tally.problems == [], "\n".join(tally.problems[:20])
    assert tally.operations == OPS // WORKERS * WORKERS
    assert tally.faults >= OPS * FAULT_RATE * 0.5, "the faults did not happen"
