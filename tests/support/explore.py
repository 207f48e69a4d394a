"""A bounded explorer of the retry rule: every schedule of up to N faults per place call, checked exhaustively.

The rule (``polo_smartorders._retry.plan``) is a sans-IO generator of steps, so it can be driven in virtual time
against a model exchange (the sandbox's engine, in memory) with the fault of each step chosen by the explorer. Every
choice point offers the fault-free option first; the explorer walks the tree of choices depth first, spending at most
``faults`` non-default choices per schedule, under every starting condition:

- the call: a create, a cancel-replace by id (new clientOrderId), a cancel-replace by ``cid:`` (the id kept);
- the exchange stamps createTime with a clock 0, 25 or 1,000 ms behind the one answering GET /timestamp;
- before the call: nothing, another process's cancelled twin (same clientOrderId and fields, 10 s earlier), or (for a
  create) another process's open order holding the clientOrderId.

Faults: a send's answer lost after it was processed, a request held on the way (it lands at a later step of the
explorer's choosing, or is refused once past its recvWindow), not sent at all, 429 and 408 (not processed), a 500
after processing or without it; a lookup or clock sync that fails; and between any two steps, the order triggering
(the market moves past every stop), all open orders cancelled, or a held request landing.

After each schedule (every held request delivered at the end, adversarially), the check: the call placed at most one
order; a result is that order (for a replace, with the old order cancelled); OutcomeUnknownError may say either; any
other error means no order was placed. ``python -m tests.support.explore --faults 2`` (``make explore``) prints the number of
schedules and the time taken; a counterexample prints its schedule.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from polo_smartorders import _retry
from polo_smartorders._clock import Clock
from polo_smartorders._exceptions import (
    OldOrderNotCancelledError,
    OutcomeUnknownError,
    PoloError,
    RequestError,
    TransportError,
    error_from_response,
)
from polo_smartorders._reconcile import SeenOrders
from polo_smartorders._request import Call
from polo_smartorders.resources.smartorders import build_cancel_replace, build_create, lookup_call
from polo_smartorders.sandbox import Sandbox
from polo_smartorders.sandbox._errors import SandboxError
from polo_smartorders.sandbox._validation import parse_create, parse_order_ref, parse_replace
from polo_smartorders_api.api.public import get_server_time
from polo_smartorders_api.client import Client as GeneratedClient

from tests.support.keys import EXPLORER_KEY as KEY

EPOCH_MS = 1_800_000_000_000
RECV_WINDOW_MS = 300
TIMEOUT_MS = 1_000
MAX_RETRIES = 2
SYMBOL = "BTC_USDT"
ORDER: dict[str, Any] = {"symbol": SYMBOL, "side": "BUY", "stop_price": "100", "quantity": "1"}
SEND_FAULTS = ("ok", "lost", "held", "unsent", "429", "408", "500", "500-unprocessed")
READ_FAULTS = ("ok", "fails")
EVENTS = ("none", "trigger", "cancel-all", "land-held")


class Chooser:
    """Replays a prefix of choices, then takes the default (0); records every choice point it meets."""

    def __init__(self, prefix: Sequence[int], budget: int) -> None:
        self.prefix, self.budget = prefix, budget
        self.trace: list[tuple[int, int, str]] = []  # (chosen, options, what)
        self.faults = 0

    def choose(self, what: str, options: Sequence[str]) -> str:
        if self.faults >= self.budget:
            options = options[:1]
        index = self.prefix[len(self.trace)] if len(self.trace) < len(self.prefix) else 0
        self.trace.append((index, len(options), f"{what}: {options[index]}"))
        self.faults += index > 0
        return options[index]

    def next_prefix(self) -> list[int] | None:
        """The next schedule in depth-first order: the last choice point with an untried option, moved on."""
        for position in range(len(self.trace) - 1, -1, -1):
            index, options, _ = self.trace[position]
            if index + 1 < options:
                return [chosen for chosen, _, _ in self.trace[:position]] + [index + 1]
        return None


@dataclass(frozen=True)
class Scenario:
    operation: str  # create | replace-by-id | replace-by-cid
    behind_ms: int
    before: str  # nothing | twin | holder

    def __str__(self) -> str:
        return f"{self.operation}, order clock {self.behind_ms} ms behind, before the call: {self.before}"


@dataclass
class Held:
    method: str
    path: str
    body: bytes
    stamp_ms: int


@dataclass
class Model:
    """The exchange in virtual time: the sandbox engine, requests on their way, and the fault of the next request.
    Also the client's time source (``TimeSource``): the same virtual time, its wall clock 700 ms ahead."""

    behind_ms: int
    t_ms: int = 0
    fault: str = "ok"
    held: list[Held] = field(default_factory=list)
    sandbox: Sandbox = field(init=False)

    def __post_init__(self) -> None:
        self.sandbox = Sandbox({KEY: "unused"}, clock=lambda: EPOCH_MS + self.t_ms, order_clock_skew_ms=-self.behind_ms)

    def monotonic(self) -> float:
        return self.t_ms / 1000

    def time_ns(self) -> int:
        return (EPOCH_MS + self.t_ms + 700) * 1_000_000

    def sleep(self, seconds: float) -> None:
        self.t_ms += max(1, round(seconds * 1000))

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def arrive(self, method: str, path: str, body: bytes, stamp_ms: int) -> tuple[int, object]:
        """The exchange's answer to a request arriving now: refused once past its recvWindow, as the exchange does."""
        now = self.sandbox.now_ms()
        if now - stamp_ms > RECV_WINDOW_MS:
            return 408, {"code": 408, "message": "Request expired: signTimestamp older than recvWindow"}
        try:
            if method == "POST":
                return 200, self.sandbox.create(KEY, parse_create(json.loads(body)))
            ref = parse_order_ref(path.removeprefix("/smartorders/"))
            if method == "PUT":
                patch = parse_replace(json.loads(body))
                return 200, self.sandbox.cancel_replace(KEY, ref, patch)
            return 200, self.sandbox.get(KEY, ref)
        except SandboxError as error:
            return error.status, {"code": error.code, "message": error.message}

    def handle(self, request: httpx.Request) -> httpx.Response:
        """The transport: the chosen fault applied to one request."""
        if request.url.path == "/timestamp":
            self.t_ms += 1
            return httpx.Response(200, json={"serverTime": self.sandbox.now_ms()})
        stamp = int(request.headers["signTimestamp"])
        method, path, body, fault = request.method, request.url.path, request.content, self.fault
        if fault == "unsent":
            raise TransportError("ConnectError: refused", may_have_reached_exchange=False)
        if fault in ("429", "408"):
            return httpx.Response(int(fault), json={"code": int(fault), "message": "not processed"})
        if fault == "500-unprocessed":
            return httpx.Response(500, json={"code": 500, "message": "internal error"})
        if fault == "held":
            self.held.append(Held(method, path, body, stamp))
            self.t_ms += TIMEOUT_MS
            raise TransportError("ReadTimeout: held", may_have_reached_exchange=True)
        self.t_ms += 1
        status, answer = self.arrive(method, path, body, stamp)
        self.t_ms += 1
        if fault == "lost":
            self.t_ms += TIMEOUT_MS
            raise TransportError("ReadError: answer lost", may_have_reached_exchange=True)
        if fault == "500":
            return httpx.Response(500, json={"code": 500, "message": "internal error"})
        return httpx.Response(status, json=answer)

    def land_held(self) -> None:
        """Every held request reaches the exchange now (refused if its recvWindow has passed)."""
        held, self.held = self.held, []
        for request in held:
            self.arrive(request.method, request.path, request.body, request.stamp_ms)


class Signer(httpx.Auth):
    """Stamps each request with the client clock's signTimestamp, as the real signer does (no signature needed)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["signTimestamp"] = str(self.clock.stamp())
        yield request


def _raise_for_status(response: httpx.Response) -> None:
    if response.status_code != 200:
        response.read()
        raise error_from_response(response)


def run_schedule(scenario: Scenario, chooser: Chooser) -> str | None:
    """One schedule; the problem it shows, or None."""
    random.seed(0)  # backoff jitter: the same schedule replays the same way
    model = Model(scenario.behind_ms)
    clock = Clock(model)
    http = httpx.Client(
        base_url="http://exchange.invalid",
        transport=httpx.MockTransport(model.handle),
        auth=Signer(clock),
        event_hooks={"response": [_raise_for_status]},
    )
    api = GeneratedClient(base_url="http://exchange.invalid")
    api.set_httpx_client(http)
    seen = SeenOrders()
    sandbox = model.sandbox
    cid = "old-one" if scenario.operation == "replace-by-cid" else "explored"
    if scenario.before in ("twin", "holder"):  # another process's order: the same clientOrderId and fields
        stop = "100" if scenario.operation == "create" else "110"
        other = sandbox.create(KEY, parse_create({"symbol": SYMBOL, "side": "BUY", "stopPrice": stop, "quantity": "1",
                                                  "clientOrderId": cid}))  # fmt: skip
        if scenario.before == "twin":
            sandbox.cancel(KEY, parse_order_ref(str(other["id"])))
    old_id = None
    if scenario.operation != "create":
        placed = sandbox.create(KEY, parse_create({"symbol": SYMBOL, "side": "BUY", "stopPrice": "90", "quantity": "1",
                                                   "clientOrderId": "old-one"}))  # fmt: skip
        old_id = str(placed["id"])
        seen.add("old-one", old_id)
    model.t_ms += 10_000
    before = {str(order["id"]) for order in sandbox.orders(KEY)}
    if scenario.operation == "create":
        call: Call[Any] = build_create(
            **ORDER, client_order_id=cid, time_in_force=None, account_type=None, type=None, price=None, amount=None,
            trailing_offset=None, limit_offset=None, operator=None, extra_body=None,
        )  # fmt: skip
    else:
        ref = str(old_id) if scenario.operation == "replace-by-id" else "cid:old-one"
        call = build_cancel_replace(
            ref, stop_price="110", client_order_id=cid if scenario.operation == "replace-by-id" else None,
            time_in_force=None, proceed_on_failure=None, price=None, quantity=None, amount=None, type=None,
            extra_body=None,
        )  # fmt: skip

    def between() -> None:
        event = chooser.choose("between", [e for e in EVENTS if e != "land-held" or model.held])
        if event == "trigger":
            sandbox.set_price(SYMBOL, "1000")
            sandbox.set_price(SYMBOL, "1")
        elif event == "cancel-all":
            for order in sandbox.orders(KEY):
                if order["state"] == "PENDING_NEW":
                    sandbox.cancel(KEY, parse_order_ref(str(order["id"])))
        elif event == "land-held":
            model.land_held()

    def send(what: str, faults: Sequence[str], action: Callable[[], Any]) -> Any:
        between()
        model.fault = chooser.choose(what, faults)
        try:
            return action()
        finally:
            model.fault = "ok"

    def send_call() -> Any:
        return call.parse(call.endpoint.sync_detailed(client=api, **call.kwargs))

    def lookup(ref: str) -> list[Any]:
        if chooser.choose(f"lookup {ref}", READ_FAULTS) == "fails":
            model.t_ms += TIMEOUT_MS
            raise TransportError("ReadTimeout: lookup", may_have_reached_exchange=True)
        found = lookup_call(ref)
        return found.parse(found.endpoint.sync_detailed(client=api, **found.kwargs))

    def resync() -> None:
        if chooser.choose("clock sync", READ_FAULTS) == "fails":
            raise TransportError("ConnectError: clock sync", may_have_reached_exchange=False)
        sent = clock.monotonic()
        server_ms = get_server_time.sync_detailed(client=api).parsed.server_time  # type: ignore[union-attr]
        clock.measured(server_ms, sent, clock.monotonic())

    outcome: object
    steps = _retry.plan(call, MAX_RETRIES, clock, RECV_WINDOW_MS, seen)
    try:
        step = next(steps)
        while True:
            reply: Any = None
            failure: RequestError | None = None
            try:
                if isinstance(step, _retry.Send):
                    reply = send("send", SEND_FAULTS, send_call)
                elif isinstance(step, _retry.Lookup):
                    between()
                    reply = lookup(step.ref)
                elif isinstance(step, _retry.Resync):
                    resync()
                else:
                    model.sleep(step.seconds)
            except RequestError as error:
                failure = error
            step = steps.throw(failure) if failure is not None else steps.send(reply)
    except StopIteration as done:
        outcome = done.value
    except PoloError as error:
        outcome = error
    finally:
        http.close()
    model.land_held()  # whatever is still on its way lands now, if its window allows
    shown = {str(order["id"]): order for order in sandbox.orders(KEY)}
    new = sorted(set(shown) - before)
    return _judge(outcome, new, shown, old_id)


def _judge(outcome: object, new: list[str], shown: dict[str, Any], old_id: str | None) -> str | None:
    if len(new) > 1:
        return f"placed {len(new)} orders: {new}"
    if isinstance(outcome, OutcomeUnknownError):
        if outcome.order_id is not None and outcome.order_id not in shown:
            return f"OutcomeUnknownError names order {outcome.order_id}, which does not exist"
        return None
    if isinstance(outcome, OldOrderNotCancelledError):
        if new != [outcome.replacement.id]:
            return f"OldOrderNotCancelledError names {outcome.replacement.id}, placed {new}"
        return None
    if isinstance(outcome, PoloError):
        return f"raised {outcome!r}, yet placed {new}" if new else None
    placed = getattr(outcome, "id", None)
    if new != [placed]:
        return f"returned order {placed}, placed {new}"
    if old_id is not None and shown[old_id]["state"] != "CANCELED":
        return f"returned replacement {placed}, but the old order is {shown[old_id]['state']}"
    return None


SCENARIOS = tuple(
    Scenario(operation, behind, before)
    for operation, behind, before in itertools.product(
        ("create", "replace-by-id", "replace-by-cid"), (0, 25, 1_000), ("nothing", "twin", "holder")
    )
    if not (before == "holder" and operation != "create")
)


@dataclass
class Report:
    schedules: int = 0
    seconds: float = 0.0
    counterexamples: list[str] = field(default_factory=list)


def explore(faults: int, scenarios: Sequence[Scenario] = SCENARIOS, stop_after: int = 5) -> Report:
    """Every schedule of up to ``faults`` faults of every scenario; stops after ``stop_after`` counterexamples."""
    report = Report()
    start = time.perf_counter()
    for scenario in scenarios:
        prefix: list[int] | None = []
        while prefix is not None:
            chooser = Chooser(prefix, faults)
            problem = run_schedule(scenario, chooser)
            report.schedules += 1
            if problem is not None:
                steps = "\n    ".join(what for _, _, what in chooser.trace)
                report.counterexamples.append(f"{scenario}: {problem}\n  schedule:\n    {steps}")
                if len(report.counterexamples) >= stop_after:
                    report.seconds = time.perf_counter() - start
                    return report
            prefix = chooser.next_prefix()
    report.seconds = time.perf_counter() - start
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.explore", description=__doc__.splitlines()[0])
    parser.add_argument("--faults", type=int, default=2, help="faults per schedule (default 2)")
    args = parser.parse_args(argv)
    report = explore(args.faults)
    print(
        f"explored {report.schedules:,} schedules of up to {args.faults} faults "
        f"({len(SCENARIOS)} starting conditions) in {report.seconds:.1f} s: "
        f"{len(report.counterexamples)} counterexamples"
    )
    for counterexample in report.counterexamples:
        print(counterexample)
    return 1 if report.counterexamples else 0


if __name__ == "__main__":
    sys.exit(main())
