"""Docstrings that state what the spec says of each parameter, read from the derived rules when the class is made.

The methods' docstrings are hand-written prose: what a parameter means and does. What the spec says of it (required
or optional, its values, limits, default, deprecation) is added to its ``Args:`` entry from the spec (``_rules
.describe``), so ``help()`` follows a spec edit and ``make generate`` with no hand edit, in both resources (the sync
one is derived from the async source, decorator included).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

from ._rules import describe

T = TypeVar("T", bound=type)

_ENTRY = re.compile(r"^(?P<indent>\s+)(?P<name>\w+): ")


def with_spec_facts(text: str, facts: Mapping[str, str]) -> str:
    """``text`` (a docstring) with ``Spec: <facts>.`` ending the ``Args:`` entry of each argument in ``facts``;
    an argument with no entry is a ValueError naming it (every spec parameter a method takes is documented)."""
    out: list[str] = []
    section: int | None = None  # the indentation of "Args:" while inside that section
    entry: tuple[str, str] | None = None  # (argument, its indentation) of the entry being copied
    done: set[str] = set()

    def close() -> None:
        if entry is not None and entry[0] in facts:
            out.append(f"{entry[1]}    Spec: {facts[entry[0]]}.")
            done.add(entry[0])

    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if section is not None:
            if entry is not None and (not line.strip() or indent <= len(entry[1])):
                close()
                entry = None
            match = _ENTRY.match(line)
            if not line.strip() or indent <= section:
                section = None
            elif match and indent == section + 4:
                entry = (match["name"], match["indent"])
        if line.strip() == "Args:":
            section = indent
        out.append(line)
    close()
    missing = sorted(set(facts) - done)
    if missing:
        raise ValueError(f"no Args entry documents {', '.join(missing)}")
    return "\n".join(out)


def spec_documented(named: Mapping[str, Mapping[str, str]], **operations: str) -> Callable[[T], T]:
    """A class decorator: each method named in ``operations`` (method -> operationId) gets the spec's facts of its
    spec parameters (``named[operationId]``: wire name -> argument name) that it takes, in its docstring. The class
    keeps the map as ``_spec_operations`` (tests check every method against the spec through it)."""

    def decorate(cls: T) -> T:
        cast(Any, cls)._spec_operations = MappingProxyType(operations)
        for method, operation_id in operations.items():
            function = getattr(cls, method)
            taken = inspect.signature(function).parameters
            facts = {
                argument: describe(operation_id, wire)
                for wire, argument in named[operation_id].items()
                if argument in taken
            }
            try:
                function.__doc__ = with_spec_facts(function.__doc__ or "", facts)
            except ValueError as error:
                raise ValueError(f"{cls.__name__}.{method}: {error}") from None
        return cls

    return decorate


def spec_operations(cls: type) -> Mapping[str, str]:
    """The methods of a ``spec_documented`` class and the operation each sends (empty for any other class)."""
    found: Mapping[str, str] = vars(cls).get("_spec_operations", {})
    return found
