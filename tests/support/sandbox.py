"""Test helpers for the sandbox: an async client that signs (or mis-signs) raw requests, and an independent model of
the exchange's cross-field rules for fuzzing."""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import httpx
from polo_smartorders.sandbox import Market
from starlette.applications import Starlette

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.signing import auth_headers, canonical_query, now_ms

JSON_TYPE = "application/json"


class SandboxClient:
    """Sends signed (or deliberately mis-signed) requests to a sandbox app and returns the raw responses."""

    def __init__(self, http: httpx.AsyncClient, key: str = KEY, secret: str = SECRET) -> None:
        self.http = http
        self.key = key
        self.secret = secret

    def as_account(self, key: str, secret: str) -> SandboxClient:
        """The same connection, signing as another account."""
        return SandboxClient(self.http, key, secret)

    async def request(
        self,
        method: str,
        path: str,
        body: object = None,
        *,
        params: Mapping[str, str] | None = None,
        raw_body: bytes | None = None,
        timestamp: int | None = None,
        headers: Mapping[str, str] | None = None,
        sign_path: str | None = None,
        signed: bool = True,
    ) -> httpx.Response:
        """One request; `body` is sent JSON-encoded unless `raw_body` gives the exact bytes.

        `params` go out in the canonical sorted encoding that is signed; `sign_path` signs a different path than
        the one sent; `timestamp` overrides signTimestamp; `headers` are added last (and may override).
        """
        content = raw_body if raw_body is not None else b"" if body is None else json.dumps(body).encode()
        query = canonical_query(list((params or {}).items()))
        all_headers = {"content-type": JSON_TYPE} if content else {}
        if signed:
            stamp = str(now_ms() if timestamp is None else timestamp)
            signed_path = (sign_path or path).encode()
            all_headers.update(auth_headers(self.secret, self.key, method, signed_path, query, content, stamp))
        all_headers.update(headers or {})
        url = path + (f"?{query}" if query else "")
        return await self.http.request(method, url, content=content or None, headers=all_headers)

    async def ok(self, method: str, path: str, body: object = None, **kwargs: Any) -> Any:
        """The JSON answer of a request that must succeed (status 200)."""
        response = await self.request(method, path, body, **kwargs)
        assert response.status_code == 200, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    async def error(self, status: int, method: str, path: str, body: object = None, **kwargs: Any) -> dict[str, Any]:
        """The error body of a request that must fail with `status`; checks the `{code, message}` shape."""
        response = await self.request(method, path, body, **kwargs)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        error = response.json()
        assert set(error) == {"code", "message"} and isinstance(error["code"], int), error
        assert isinstance(error["message"], str) and error["message"], error
        return dict(error)

    async def create(self, **fields: str) -> str:
        """Create a smart order from string fields and return its id."""
        answer = await self.ok("POST", "/smartorders", fields)
        return str(answer["id"])


@asynccontextmanager
async def sandbox_client(app: Starlette, key: str = KEY, secret: str = SECRET) -> AsyncIterator[SandboxClient]:
    """A SandboxClient talking to `app` in-process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox.test") as http:
        yield SandboxClient(http, key, secret)


def stop_order(**overrides: str) -> dict[str, str]:
    """A valid STOP BUY body for BTC_USDT, with overrides."""
    return {"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "61000", "quantity": "0.5", **overrides}


# --- an independent model of the exchange's cross-field rules, for fuzzing with schema-valid bodies -----------------

TRAILING = ("TRAILING_STOP", "TRAILING_STOP_LIMIT")
#: The markets of the fuzzed sandbox (create_app(symbols=fuzz_markets())) and their rules, written out here rather
#: than read from the sandbox's table so that the model stays independent of it: symbol -> (priceScale,
#: quantityScale, amountScale, minQuantity, minAmount). An order on any other symbol is refused with 25019.
RULES: dict[str, tuple[int, int, int, str, str]] = {
    "BTC_USDT": (2, 6, 2, "0.000001", "1"),
    "ETH_USDT": (2, 4, 2, "0.0001", "1"),
    "LTC_USDT": (3, 6, 2, "0.000001", "1"),
}
MARKETS = tuple(RULES)


def fuzz_markets() -> list[Market]:
    """The fuzzed sandbox's markets, with the rules of RULES."""
    return [
        Market(symbol, price, quantity, amount, Decimal(least_quantity), Decimal(least_amount))
        for symbol, (price, quantity, amount, least_quantity, least_amount) in RULES.items()
    ]


def _decimals(text: str) -> int:
    """The decimals of a plain decimal text, trailing zeros not counted."""
    return len(text.partition(".")[2].rstrip("0"))


def market_violation(body: Mapping[str, Any]) -> str | None:
    """Why the exchange refuses this body by its market's rules (scales and minimums), or None."""
    if body.get("symbol") not in RULES:
        return None
    price_scale, quantity_scale, amount_scale, least_quantity, least_amount = RULES[body["symbol"]]
    scales = {"price": price_scale, "stopPrice": price_scale, "quantity": quantity_scale, "amount": amount_scale}
    for name, scale in scales.items():
        if isinstance(body.get(name), str) and _decimals(body[name]) > scale:
            return f"{name} {body[name]} has more than {scale} decimals"
    for name, least in (("quantity", least_quantity), ("amount", least_amount)):
        if isinstance(body.get(name), str) and Decimal(body[name]) < Decimal(least):
            return f"{name} {body[name]} is below {least}"
    return None


def _fit(text: str, scale: int, least: str) -> str:
    """`text` cut to `scale` decimals and raised to `least` (at least one unit of the last decimal): still a plain
    decimal no longer than it was."""
    whole, _, fraction = text.partition(".")
    fraction = fraction[:scale].rstrip("0")
    fitted = whole + (f".{fraction}" if fraction else "")
    floor = max(Decimal(least), Decimal(1).scaleb(-scale))
    return fitted if Decimal(fitted) >= floor else format(floor, "f")


def rule_violation(body: Mapping[str, Any]) -> str | None:
    """Why the exchange refuses this schema-valid create body (its cross-field rules), or None if it accepts it."""
    order_type = body.get("type") or ("STOP_LIMIT" if "price" in body else "STOP")
    trailing = order_type in TRAILING
    if ("quantity" in body) == ("amount" in body):
        return "it needs exactly one of quantity and amount"
    if order_type in ("STOP", "STOP_LIMIT") and "stopPrice" not in body:
        return f"{order_type} needs stopPrice"
    if (order_type == "STOP_LIMIT") != ("price" in body):
        return "price goes with STOP_LIMIT and only with it"
    if trailing != ("trailingOffset" in body) or ("operator" in body and not trailing):
        return "trailingOffset (and operator) go with trailing types and only with them"
    if (order_type == "TRAILING_STOP_LIMIT") != ("limitOffset" in body):
        return "limitOffset goes with TRAILING_STOP_LIMIT and only with it"
    return None


def replacement_body(old: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """The create body equivalent to cancel-replacing `old` (as GET shows it) with `patch`.

    The documented merge: sent fields win; `quantity`/`amount` replace the old pair; a new type keeps only the old
    fields it takes. On the wire "0" stands for an absent price or stopPrice.
    """
    new_type = patch.get("type", old["type"])
    body: dict[str, Any] = {"symbol": old["symbol"], "side": old["side"], "type": new_type}
    kept_stop = old.get("activationPrice", "0") if old["type"] in TRAILING else old["stopPrice"]  # not a trailing level
    if "stopPrice" in patch or kept_stop != "0":
        body["stopPrice"] = patch.get("stopPrice", kept_stop)
    if "price" in patch or (new_type == "STOP_LIMIT" and old["price"] != "0"):
        body["price"] = patch.get("price", old["price"])
    if "quantity" in patch or "amount" in patch:
        body.update({name: patch[name] for name in ("quantity", "amount") if name in patch})
    elif old["amount"] != "0":
        body["amount"] = old["amount"]
    else:
        body["quantity"] = old["quantity"]
    if new_type in TRAILING:
        body.update({name: old[name] for name in ("trailingOffset", "operator") if name in old})
    if new_type == "TRAILING_STOP_LIMIT" and "limitOffset" in old:
        body["limitOffset"] = old["limitOffset"]
    return body


OrderLookup = Callable[[str], "Mapping[str, Any] | None"]


def business_rule_check(lookup: OrderLookup) -> Callable[[Any, Any, Any], None]:
    """A schemathesis check: positive creates and cancel-replaces are refused exactly when the rules say so.

    `lookup` returns an order (as GET /smartorders/{id} shows it) by numeric id or `cid:` reference.
    """

    def business_rule_conformance(ctx: Any, response: Any, case: Any) -> None:
        if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code not in (200, 400):
            return
        patch = case.body if isinstance(case.body, dict) else {}
        answer = response.json()
        old: Mapping[str, Any] | None = None
        if case.method.upper() == "POST" and case.operation.path == "/smartorders":
            unknown = None if patch.get("symbol") in MARKETS else f"{patch.get('symbol')!r} is not a market (25019)"
            violation = rule_violation(patch) or unknown or market_violation(patch)
        elif case.method.upper() == "PUT" and case.operation.path == "/smartorders/{id}":
            old = lookup(unquote(str(case.path_parameters["id"])))
            assert old is not None, "cancel-replace answered for an order that does not exist"
            replacement = replacement_body(old, patch)
            violation = rule_violation(replacement) or market_violation(replacement)
        elif case.method.upper() == "GET" and case.operation.path.startswith("/markets/{symbol}"):
            symbol = unquote(str(case.path_parameters["symbol"]))
            if response.status_code == 200:
                assert symbol in MARKETS, f"answered for {symbol!r}, not a market: {answer}"
                found = answer[0] if isinstance(answer, list) else answer
                assert found["symbol"] == symbol, f"asked for {symbol}, answered {found['symbol']}"
            else:
                assert symbol not in MARKETS and answer["code"] == 24101, f"refused market {symbol}: {answer}"
            return
        else:
            return
        proceed = bool(patch.get("proceedOnFailure"))
        if response.status_code == 200:
            assert violation is None, f"accepted although {violation}: {patch}"
            assert "code" not in answer or proceed, f"partial success without proceedOnFailure: {answer}"
        elif answer["code"] == 25009:
            assert old is not None and old["state"] != "PENDING_NEW", f"an open order failed to cancel: {answer}"
            assert violation is None and not proceed, f"25009 instead of placing the order: {answer} for {patch}"
        elif answer["code"] != 25004:
            assert violation is not None, f"refused an order the rules accept: {answer} for {patch}"

    return business_rule_conformance


def accepted_create(body: Mapping[str, Any]) -> dict[str, Any]:
    """`body` changed as little as possible to satisfy the cross-field rules (still schema-valid)."""
    fixed = dict(body)
    order_type = fixed.get("type") or ("STOP_LIMIT" if "price" in fixed else "STOP")
    if fixed.get("symbol") not in MARKETS:
        fixed["symbol"] = MARKETS[zlib.crc32(str(fixed.get("symbol")).encode()) % len(MARKETS)]
    price_scale, quantity_scale, amount_scale, least_quantity, least_amount = RULES[fixed["symbol"]]
    fits = {"price": (price_scale, "0"), "stopPrice": (price_scale, "0"), "quantity": (quantity_scale, least_quantity)}
    fits["amount"] = (amount_scale, least_amount)
    for name, (scale, least) in fits.items():
        if isinstance(fixed.get(name), str):
            fixed[name] = _fit(fixed[name], scale, least)
    if "quantity" in fixed and "amount" in fixed:
        del fixed["amount"]
    if "quantity" not in fixed and "amount" not in fixed:
        fixed["quantity"] = "1"
    if order_type in TRAILING:
        fixed.setdefault("trailingOffset", "1.5%")
        fixed.pop("price", None)
    else:
        fixed.setdefault("stopPrice", "100")
        for name in ("trailingOffset", "operator", "limitOffset"):
            fixed.pop(name, None)
    if order_type == "STOP_LIMIT":
        fixed.setdefault("price", "100")
    elif order_type == "STOP":
        fixed.pop("price", None)
    if order_type == "TRAILING_STOP_LIMIT":
        fixed.setdefault("limitOffset", "1")
    else:
        fixed.pop("limitOffset", None)
    return fixed


def break_one_rule(body: Mapping[str, Any], choice: int) -> dict[str, Any]:
    """A rule-abiding create body changed to break exactly one cross-field rule (still schema-valid)."""
    broken = dict(body)
    order_type = broken.setdefault("type", "STOP_LIMIT" if "price" in broken else "STOP")
    trailing = order_type in TRAILING
    choice %= 5
    if choice == 0:
        broken["amount" if "quantity" in broken else "quantity"] = "1"
    elif choice == 1:
        broken.pop("quantity", None)
        broken.pop("amount", None)
    elif choice == 2 and trailing:
        broken["price"] = "1"
    elif choice == 2:
        del broken["stopPrice"]
    elif choice == 3 and order_type == "STOP_LIMIT":
        del broken["price"]
    elif choice == 3:
        broken.pop("trailingOffset", None) if trailing else broken.update(price="1")
    elif order_type == "TRAILING_STOP_LIMIT":
        del broken["limitOffset"]
    else:
        broken["limitOffset" if trailing else "trailingOffset"] = "1"
    return broken


def steer_to_accepted(context: Any, case: Any) -> Any:
    """A `map_case` hook: spread positive create / cancel-replace bodies over accepted and refused ones.

    Random schema-valid bodies almost never pass the cross-field rules (exactly one of quantity/amount,
    type-specific fields), which would leave the success paths and the stateful links (create -> get / cancel /
    replace) nearly untested. So a third stays as generated, a third is made to pass, and for creates a third is
    made to break exactly one rule; `business_rule_check` judges every one of them. Likewise two of three positive
    market lookups ask for a market the sandbox trades (a random symbol almost never is one).
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return case
    if case.operation.path.startswith("/markets/{symbol}") and isinstance(case.path_parameters, dict):
        digest = zlib.crc32(str(case.path_parameters.get("symbol")).encode())
        if digest % 3:
            case.path_parameters["symbol"] = MARKETS[digest % len(MARKETS)]
        return case
    if not isinstance(case.body, dict):
        return case
    digest = zlib.crc32(json.dumps(case.body, sort_keys=True, default=str).encode())
    if digest % 3 == 0:
        return case
    if case.method.upper() == "POST" and case.operation.path == "/smartorders":
        accepted = accepted_create(case.body)
        case.body = accepted if digest % 3 == 1 else break_one_rule(accepted, digest // 3)
    elif case.method.upper() == "PUT" and case.operation.path == "/smartorders/{id}":
        patch = {name: value for name, value in case.body.items() if name not in ("type", "price")}
        if "quantity" in patch:
            patch.pop("amount", None)
        strictest = {"stopPrice": (2, "0"), "quantity": (4, "0.0001"), "amount": (2, "1")}  # fits every market of RULES
        for name, (scale, least) in strictest.items():
            if isinstance(patch.get(name), str):
                patch[name] = _fit(patch[name], scale, least)
        case.body = patch
    return case
