"""help() is enough: every public method documents each parameter, its return and its errors; reprs are short."""

from __future__ import annotations

import inspect
import pydoc
import re
from collections.abc import Callable
from typing import Any

import pytest
from polo_smartorders import (
    AsyncClient,
    AsyncMarkets,
    AsyncSmartOrders,
    CancelResult,
    Client,
    Markets,
    SmartOrder,
    SmartOrders,
)

from tests.support.exchange import CANCEL_OK, SMART_ORDER


def _help(thing: object) -> str:
    """What help(thing) prints, without the terminal's bold overstrikes."""
    return re.sub(".\b", "", pydoc.render_doc(thing, renderer=pydoc.TextDoc()))


def _public_methods(cls: type) -> list[tuple[str, Callable[..., Any]]]:
    return [(name, member) for name, member in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")]


def _undocumented(function: Callable[..., Any], doc: str) -> list[str]:
    names = [name for name in inspect.signature(function).parameters if name != "self"]
    return [name for name in names if f"{name}:" not in doc and f"{name}," not in doc]


@pytest.mark.parametrize("cls", [SmartOrders, AsyncSmartOrders, Markets, AsyncMarkets, Client, AsyncClient])
def test_every_public_method_documents_parameters_returns_and_raises(cls: type) -> None:
    for name, method in _public_methods(cls):
        doc = inspect.getdoc(method) or ""
        assert doc, f"{cls.__name__}.{name} has no docstring"
        assert not _undocumented(method, doc), f"{cls.__name__}.{name} leaves out {_undocumented(method, doc)}"
        if cls in (SmartOrders, AsyncSmartOrders):
            assert "Returns:" in doc and "Raises:" in doc, f"{cls.__name__}.{name}"
            assert "Default" in doc or not inspect.signature(method).parameters.keys() - {"self"}


def test_async_methods_say_the_same_as_the_sync_ones() -> None:
    """The same text, but for how an async iterator is read (the sync text is derived: openapi/unasync.py)."""
    for name, method in _public_methods(SmartOrders):
        async_doc = inspect.getdoc(getattr(AsyncSmartOrders, name)) or ""
        assert async_doc.replace("``async for``", "``for``") == inspect.getdoc(method), name


def test_help_of_create_is_enough_to_place_a_trailing_stop() -> None:
    text = _help(SmartOrders.create)
    for needed in ("TRAILING_STOP", "trailing_offset:", '"1.5%"', "quote units", "base units", "GTE", "Default"):
        assert needed in text, needed


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_help_of_the_client_documents_every_constructor_option(cls: type) -> None:
    text = _help(cls)
    for name in inspect.signature(cls).parameters:
        if name != "self":
            assert f"{name}:" in text, f"help({cls.__name__}) leaves out {name}"
    assert "Default: 10.0" in text and "Default: 5000" in text and "Default: 2" in text


def test_reprs_show_what_the_exchange_said() -> None:
    order = SmartOrder.from_dict(SMART_ORDER)
    text = repr(order)
    assert (
        text.startswith("SmartOrder(id='10000001', client_order_id='abc-1'") and "stop_price=Decimal('40000')" in text
    )
    assert "UNSET" not in text and "additional_properties" not in text and "triggered_order" not in text
    extended = SmartOrder.from_dict({**SMART_ORDER, "trailingOffset": "1%", "newField": 7})
    assert "trailing_offset='1%'" in repr(extended) and "additional_properties={'newField': 7}" in repr(extended)
    result = CancelResult.of(CancelResult.from_dict(CANCEL_OK))
    assert repr(result) == (
        "CancelResult(order_id='10000001', client_order_id='abc-1', state='PENDING_CANCEL', code=200, message='')"
    )
