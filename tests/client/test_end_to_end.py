"""The client against the sandbox exchange over real HTTP on loopback: every method, sync and async, and the demo."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal

import pytest
from polo_smartorders import (
    AsyncClient,
    AuthenticationError,
    CancelFailedError,
    Client,
    DuplicateClientOrderIdError,
    HttpBackend,
    InvalidRequestError,
    NotFoundError,
)
from polo_smartorders.demo import main as demo_main
from polo_smartorders.sandbox import Sandbox, create_app
from polo_smartorders.sandbox._serve import serving

from tests.support.keys import E2E_KEY as KEY
from tests.support.keys import E2E_SECRET as SECRET
from tests.support.keys import OTHER_KEY, OTHER_SECRET

# One sandbox per module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("end_to_end")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[tuple[Sandbox, str]]:
    app = create_app({KEY: SECRET, OTHER_KEY: OTHER_SECRET})
    with serving(app) as url:
        yield app.state.sandbox, url


@pytest.fixture
def e2e_client(sandbox: tuple[Sandbox, str]) -> Iterator[Client]:
    with Client(KEY, SECRET, sandbox[1]) as c:
        yield c


def test_every_method_and_the_trigger_path(sandbox: tuple[Sandbox, str], e2e_client: Client) -> None:
    engine, _ = sandbox
    so = e2e_client.smartorders()
    engine.set_price("SOL_USDT", "100")
    placed = so.create(
        "GTC", "SPOT", "e2e-1", "110", symbol="SOL_USDT", side="BUY", type="STOP_LIMIT", price="111", quantity="3"
    )
    assert placed.client_order_id == "e2e-1"
    assert placed.id in [o.id for o in so.get_all()]
    by_cid = so.get_by_id(client_order_id="e2e-1")
    assert (by_cid.id, by_cid.state, by_cid.stop_price, by_cid.price) == (
        placed.id,
        "PENDING_NEW",
        Decimal("110"),
        Decimal("111"),
    )
    assert so.get_all(limit=1)[0].id == placed.id

    replaced = so.cancel_replace("cid:e2e-1", stop_price="105", client_order_id="e2e-2")
    assert replaced.id != placed.id and replaced.client_order_id == "e2e-2"
    new = so.get_by_id(replaced.id)
    assert (new.stop_price, new.price, new.quantity, new.type_) == (
        Decimal("105"),
        Decimal("111"),
        Decimal("3"),
        "STOP_LIMIT",
    )  # copied fields
    assert so.get_by_id(placed.id).state == "CANCELED"

    engine.set_price("SOL_USDT", "106")
    triggered = so.get_by_id(replaced.id)
    assert triggered.state == "TRIGGERED"
    assert triggered.triggered_order
    assert (triggered.triggered_order.type_, triggered.triggered_order.state) == ("LIMIT", "FILLED")
    assert triggered.triggered_order.price == Decimal("111")
    with pytest.raises(InvalidRequestError):
        so.cancel_replace(replaced.id, price="120")  # triggered orders cannot be replaced

    a = so.create(symbol="SOL_USDT", side="SELL", stop_price="90", quantity="1")
    b = so.create(symbol="SOL_USDT", side="SELL", type="TRAILING_STOP", trailing_offset="5%", amount="50")
    c = so.create(symbol="XRP_USDT", side="BUY", stop_price="2", quantity="10")
    assert so.cancel_by_id(a.id).ok
    with pytest.raises((CancelFailedError, NotFoundError)):
        so.cancel_by_id("99999999")
    results = so.cancel_by_multiple_ids([b.id, "99999998"])
    assert [r.ok for r in results] == [True, False]
    assert [r.order_id for r in so.cancel(symbol="XRP_USDT")] == [c.id]
    history = so.get_history(symbol="SOL_USDT", limit=50)
    assert {o.id for o in history} >= {placed.id, replaced.id, a.id, b.id}
    assert all(o.state != "CANCELED" for o in so.get_history(symbol="SOL_USDT", hide_cancel=True))
    assert [o.id for o in so.get_history(symbol="SOL_USDT", states="FILLED")] == [replaced.id]
    so.create(symbol="SOL_USDT", side="BUY", stop_price="200", quantity="1", client_order_id="e2e-open")
    with pytest.raises(DuplicateClientOrderIdError):
        so.create(symbol="SOL_USDT", side="BUY", stop_price="201", quantity="1", client_order_id="e2e-open")


def test_accounts_are_isolated_and_bad_keys_refused(sandbox: tuple[Sandbox, str], e2e_client: Client) -> None:
    placed = e2e_client.smartorders().create(symbol="ADA_USDT", side="BUY", stop_price="1", quantity="1")
    with Client(OTHER_KEY, OTHER_SECRET, sandbox[1]) as other:
        with pytest.raises(NotFoundError):
            other.smartorders().get_by_id(placed.id)
        assert other.smartorders().cancel(account_type="SPOT") == []
    assert e2e_client.smartorders().get_by_id(placed.id).state == "PENDING_NEW"
    with Client(KEY, "wrong-secret", sandbox[1]) as forged, pytest.raises(AuthenticationError):
        forged.smartorders().get_all()


def test_async_client_every_method(sandbox: tuple[Sandbox, str], async_backend: HttpBackend) -> None:
    engine, url = sandbox
    symbol = {"httpx": "DOT_USDT", "aiohttp": "BNB_USDT"}[async_backend]  # a shared sandbox: a market per backend

    async def run() -> None:
        async with AsyncClient(KEY, SECRET, url, http_backend=async_backend) as client:
            so = client.smartorders()
            engine.set_price(symbol, "10")
            placed = await so.create(symbol=symbol, side="SELL", stop_price="9", quantity="4", client_order_id="a-1")
            assert (await so.get_by_id(client_order_id="a-1")).id == placed.id
            assert placed.id in [o.id for o in await so.get_all()]
            replaced = await so.cancel_replace(placed.id, stop_price="9.5")
            engine.set_price(symbol, "9.4")
            triggered = await so.get_by_id(replaced.id)
            assert triggered.state == "TRIGGERED" and triggered.triggered_order
            assert triggered.triggered_order.type_ == "MARKET" and triggered.triggered_order.avg_price == Decimal("9.4")
            x = await so.create(symbol=symbol, side="BUY", stop_price="20", quantity="1")
            y = await so.create(symbol=symbol, side="BUY", stop_price="21", quantity="1")
            z = await so.create(symbol=symbol, side="BUY", stop_price="22", quantity="1")
            assert (await so.cancel_by_id(x.id)).ok
            assert [r.ok for r in await so.cancel_by_multiple_ids(client_order_ids=[y.client_order_id])] == [True]
            assert [r.order_id for r in await so.cancel(symbol, order_types="STOP")] == [z.id]
            assert len(await so.get_history(symbol=symbol)) == 5

    asyncio.run(run())


async def test_concurrent_tasks_on_one_async_client(sandbox: tuple[Sandbox, str], async_backend: HttpBackend) -> None:
    """64 tasks share one client: every create lands once, under its own id, and reads and cancels find them all."""
    async with AsyncClient(KEY, SECRET, sandbox[1], rate_limit=False, http_backend=async_backend) as client:
        so = client.smartorders()
        cids = [f"c-{async_backend}-{n}" for n in range(64)]
        placed = await asyncio.gather(
            *(
                so.create(symbol="LTC_USDT", side="BUY", stop_price="500", quantity="1", client_order_id=cid)
                for cid in cids
            )
        )
        assert [p.client_order_id for p in placed] == cids and len({p.id for p in placed}) == 64
        found = await asyncio.gather(*(so.get_by_id(client_order_id=cid) for cid in cids))
        assert [f.id for f in found] == [p.id for p in placed]
        cancelled = await asyncio.gather(*(so.cancel_by_id(p.id) for p in placed))
        assert all(c.ok for c in cancelled)
        assert [o for o in await so.get_all() if o.symbol == "LTC_USDT"] == []


def test_demo_runs_on_the_embedded_sandbox(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLO_BASE_URL", raising=False)
    assert demo_main([]) == 0
    out = capsys.readouterr().out
    for expected in (
        "placed id=",
        "get_by_id(client_order_id='1234Abc'): id=",
        "new order id=",
        "triggeredOrder: id=",
        "state=FILLED",
        "open orders left: 0",
    ):
        assert expected in out
    steps = [line for line in out.splitlines() if line.startswith("[step ")]
    assert [line.split("]")[0] for line in steps] == [f"[step {n}/8" for n in range(1, 9)]  # every step labelled
    assert "  [sandbox] market price of BTC_USDT is now 40060" in out
    # step 7: the price read back from GET /markets/BTC_USDT/price, 1.23 % under it rounded to priceScale 2
    assert "get_price('BTC_USDT') -> 40060; 1.23% under it is 39567.2620, round_price -> 39567.26 (priceScale 2)" in out
    assert "state=PENDING_NEW stop=39567.26 price=0 qty=0.012345" in out


def test_demo_refuses_a_remote_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLO_BASE_URL", "https://api.poloniex.com")
    assert demo_main([]) == 2


def test_demo_runs_against_a_sandbox_given_by_environment(
    sandbox: tuple[Sandbox, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app({"env-key": "env-secret"})
    with serving(app) as url:
        monkeypatch.setenv("POLO_BASE_URL", url)
        monkeypatch.setenv("POLO_API_KEY", "env-key")
        monkeypatch.setenv("POLO_API_SECRET", "env-secret")
        assert demo_main([]) == 0
    assert f"Smart orders against {url}" in capsys.readouterr().out
