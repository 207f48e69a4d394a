"""What help() and the signatures say of each spec parameter follows the spec (issue 19.5-19.6).

Every Args entry of a parameter the spec has ends with ``Spec: <what the spec says>.``, derived when the class is made
(polo_smartorders/_docstrings.py), so a changed enum, limit, default, required-ness or deprecation reaches help()
with no hand edit. The signatures are hand-written: a parameter the spec requires must have no default, and the test
below names each one that still has one.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from polo_smartorders import AsyncSmartOrders, SmartOrders
from polo_smartorders._docstrings import spec_operations, with_spec_facts
from polo_smartorders._rules import describe, field, marks, operation
from polo_smartorders.resources.smartorders import NAMED


def _spec_parameters() -> Iterator[tuple[type, str, str, str, str]]:
    """(class, method, operationId, argument, wire name) of every spec parameter a documented method takes."""
    for cls in (SmartOrders, AsyncSmartOrders):
        for method, operation_id in spec_operations(cls).items():
            taken = inspect.signature(getattr(cls, method)).parameters
            for wire, argument in NAMED[operation_id].items():
                if argument in taken:
                    yield cls, method, operation_id, argument, wire


def test_every_method_sending_an_operation_is_documented_from_the_spec() -> None:
    operations = spec_operations(SmartOrders)
    assert set(operations.values()) == set(NAMED), "a method of an operation with named parameters is not decorated"
    assert operations == spec_operations(AsyncSmartOrders)


def _entry(doc: str, argument: str) -> str:
    """The Args entry of ``argument`` in a cleaned docstring: its first line and the more indented ones after it."""
    lines = doc.split("\n")
    start = lines.index(next(line for line in lines if line.startswith(f"    {argument}: ")))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("        "):
            break
        block.append(line)
    return "\n".join(block)


def test_every_spec_parameter_says_what_the_spec_says() -> None:
    found = list(_spec_parameters())
    assert len(found) > 40
    for cls, method, operation_id, argument, wire in found:
        entry = _entry(inspect.getdoc(getattr(cls, method)) or "", argument)
        assert entry.endswith(f"\n        Spec: {describe(operation_id, wire)}."), (
            f"{cls.__name__}.{method}({argument})"
        )


def test_a_parameter_the_spec_requires_has_no_default() -> None:
    """A default of None on a required field would send nothing and be refused by the spec's check: the signature
    must say it is needed, so mypy and help() do too."""
    wrong = []
    for cls, method, operation_id, argument, wire in _spec_parameters():
        required = field(operation_id, wire)[1]
        defaulted = inspect.signature(getattr(cls, method)).parameters[argument].default is not inspect.Parameter.empty
        if required == defaulted:
            need = "requires" if required else "does not require"
            wrong.append(f"{cls.__name__}.{method}({argument}): the spec {need} {wire!r}; make its default match")
    assert not wrong, "\n".join(wrong)


def test_the_facts_are_the_specs() -> None:
    limit = operation("listSmartOrderHistory").params["limit"].schema
    assert describe("listSmartOrderHistory", "limit") == (
        f"optional; {limit['minimum']} to {limit['maximum']}; default {limit['default']!r}"
    )
    assert describe("createSmartOrder", "side") == "required; one of BUY, SELL"
    states = operation("listSmartOrderHistory").params["states"].schema
    assert describe("listSmartOrderHistory", "states") == (
        f"optional; at least 1 item; each one of {', '.join(states['items']['enum'])}"
    )
    assert describe("createSmartOrder", "clientOrderId") == (
        "optional; must be 1 to 64 characters, each a letter, digit, _ or -"  # the pattern's rule says the length
    )


def test_the_cli_marks_come_from_the_spec() -> None:
    assert marks("createSmartOrder", "symbol") == "required"
    assert marks("createSmartOrder", "time_in_force") == ""  # by its snake_case name, as the CLI's dest
    assert marks("listSmartOrderHistory", "no_such_option") == ""


DOC = """Do a thing.

    Args:
        first: what it is,
            over two lines.
        second: another. Default: none.

        not_an_entry: after the blank line, the section is over.

    Returns:
        nothing
    """


def test_facts_end_each_entry_they_belong_to() -> None:
    out = with_spec_facts(DOC, {"first": "required", "second": "optional; one of A, B"})
    assert "            over two lines.\n            Spec: required.\n        second:" in out
    assert "Default: none.\n            Spec: optional; one of A, B.\n\n        not_an_entry" in out
    assert out.count("Spec:") == 2


def test_a_spec_parameter_with_no_entry_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match="no Args entry documents not_an_entry, third"):
        with_spec_facts(DOC, {"third": "required", "not_an_entry": "optional", "first": "optional"})


def test_the_signature_defaults_are_read_from_the_real_methods(monkeypatch: Any) -> None:
    """The check above can fail: a required parameter given a default is named."""
    original = SmartOrders.create

    def create(self: Any, symbol: str = "BTC_USDT", **kwargs: Any) -> Any:  # symbol is required by the spec
        raise NotImplementedError

    monkeypatch.setattr(SmartOrders, "create", create)
    with pytest.raises(AssertionError, match=r"SmartOrders.create\(symbol\): the spec requires 'symbol'"):
        test_a_parameter_the_spec_requires_has_no_default()
    monkeypatch.setattr(SmartOrders, "create", original)
