"""Misuses that mypy --strict must reject (each line is one)."""

from __future__ import annotations

from polo_smartorders import Client, SmartOrder


def misuse(client: Client) -> None:
    so = client.smartorders()
    so.create(symbol="BTC_USDT", side="BUY", stop_price=40000.5, quantity="1")
    so.create(side="BUY", stop_price="1", quantity="1")
    so.get_all(10)
    order: SmartOrder = so.get_all()
    count: int = so.get_by_id("1").quantity
    so.cancel(symbol=5)
    so.get_by_id("1").no_such_field
    so.get_history(hide_cancel="yes")
    so.create(symbol="BTC_USDT", side="SEL", stop_price="1", quantity="1")
    so.create(symbol="BTC_USDT", side="BUY", stop_prise="1", quantity="1")
    so.create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1", time_in_force="GTD")
    so.cancel_replace("1", client_oder_id="x")
    so.get_history(states=["OPEN"])
    so.get_history(direction="UP")
    so.cancel(account_type="MARGIN")
