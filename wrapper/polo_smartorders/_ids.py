"""Order references: numeric ids, client order ids and the ``cid:`` form. Every ``cid:`` prefix is added, read or
removed by the functions here; other modules call them."""

from __future__ import annotations

import secrets

from ._exceptions import ValidationError
from ._rules import operation, schema
from ._schema import compile_check
from ._validation import exactly_one_ref

CID_PREFIX = "cid:"
#: The spec's OrderId and ClientOrderId schemas.
_ORDER_ID = compile_check(schema("OrderId"))
_CLIENT_ORDER_ID = compile_check(schema("ClientOrderId"))
#: The spec's ``{id}`` path parameter (SmartOrderRef), the same on every operation that takes one.
_PATH_REF = compile_check(operation("getSmartOrder").params["id"].schema)


def order_id(value: object, field: str = "order_id") -> str:
    """A numeric smart order id as the string the API uses (ints are accepted, they are exact)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    checked: str = _ORDER_ID(value, field)
    return checked


def client_order_id(value: object, field: str = "client_order_id") -> str:
    """A bare client order id: a ``cid:`` prefix is refused, never silently removed (it belongs to order ids)."""
    if isinstance(value, str) and value.startswith(CID_PREFIX):
        raise ValidationError(
            field, f"takes the bare clientOrderId, without the {CID_PREFIX!r} prefix: {value[len(CID_PREFIX) :]!r}"
        )
    checked: str = _CLIENT_ORDER_ID(value, field)
    return checked


def order_ref(value: object, field: str = "order_id") -> str:
    """The ``{id}`` path segment for an order id or a ``"cid:<clientOrderId>"`` string (checked as each, then as
    the spec's path parameter)."""
    if isinstance(value, str) and value.startswith(CID_PREFIX):
        ref = CID_PREFIX + client_order_id(value[len(CID_PREFIX) :], field)
    else:
        ref = order_id(value, field)
    checked: str = _PATH_REF(ref, field)
    return checked


def order_ref_of(order_id_: object, client_order_id_: object) -> str:
    """The ``{id}`` path segment for exactly one of an order id or a client order id."""
    exactly_one_ref(order_id_, client_order_id_)
    if client_order_id_ is not None:
        checked: str = _PATH_REF(CID_PREFIX + client_order_id(client_order_id_), "client_order_id")
        return checked
    return order_ref(order_id_)


_PREFIX = "pso-"
#: 24 random hex digits (96 bits), fewer if the spec's ClientOrderId is shorter.
_RANDOM_DIGITS = min(24, schema("ClientOrderId").get("maxLength", 64) - len(_PREFIX))


def cid_ref(client_order_id: str) -> str:
    """The ``{id}`` that names the newest order carrying ``client_order_id``: ``cid:<client_order_id>``."""
    return CID_PREFIX + client_order_id


def client_order_id_in(ref: str) -> str | None:
    """The client order id a ``cid:`` reference names, or None for a numeric id."""
    return ref[len(CID_PREFIX) :] if ref.startswith(CID_PREFIX) else None


def new_client_order_id() -> str:
    """A fresh client order id that makes a create idempotent: ``pso-`` and 24 random hex digits (as many as the
    spec's ClientOrderId maxLength leaves room for)."""
    return _PREFIX + secrets.token_hex(12)[:_RANDOM_DIGITS]
