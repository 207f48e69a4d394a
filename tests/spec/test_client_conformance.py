"""Schema-driven fuzzing of the client: spec-generated inputs drive the wrapper, and every request it sends is
validated against the spec with openapi-core (security included) and its signature re-verified. Spec-generated
answers are fed back and must parse into typed objects, including unknown enum values and extra fields.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from polo_smartorders import (
    CancelResult,
    Client,
    CreateSmartOrderResponse,
    OutcomeUnknownError,
    SmartOrder,
    ValidationError,
)
from polo_smartorders._ids import client_order_id
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.exchange import Exchange, default_answer
from tests.support.keys import KEY, SECRET
from tests.support.sandbox import accepted_create, rule_violation
from tests.support.signing import expected_signature

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "smartorders.yaml"
SCHEMA = schemathesis.openapi.from_path(str(SPEC_PATH))
VALIDATOR = OpenAPI.from_file_path(str(SPEC_PATH))
BASE = "http://127.0.0.1:8765"  # a server the spec lists; nothing is sent, the transport is in memory
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)


class OpenAPIRequest:
    """An httpx.Request as openapi-core's request protocol sees it."""

    def __init__(self, request: httpx.Request) -> None:
        raw_path, _, raw_query = request.url.raw_path.decode().partition("?")
        self.host_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        self.path = unquote(raw_path)
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(raw_query, keep_blank_values=True)),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def send(invoke: Any) -> tuple[list[httpx.Request], BaseException | None]:
    exchange = Exchange()
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False, max_retries=0) as client:
        try:
            invoke(client)
        except ValidationError as error:
            return exchange.requests, error
    return exchange.requests, None


def check_request(request: httpx.Request) -> None:
    VALIDATOR.validate_request(OpenAPIRequest(request))
    assert request.headers["signature"] == expected_signature(request)


def conforms(invoke: Any, refused_because: str | None) -> httpx.Request | None:
    """Run one call: refused before sending exactly when the rules say so, else one spec-valid signed request."""
    requests, error = send(invoke)
    if refused_because is not None:
        assert error is not None, f"sent although {refused_because}"
        assert requests == []
        return None
    assert error is None, f"refused a valid call: {error}"
    *reads, request = requests  # a replace that keeps the id it addresses by cid: reads that order first
    assert [read.method for read in reads] in ([], ["GET"])
    for sent in requests:
        check_request(sent)
    return request


def body_of(case: Any) -> dict[str, Any]:
    return dict(case.body) if isinstance(case.body, dict) else {}


def query_of(case: Any) -> dict[str, Any]:
    return dict(case.query) if isinstance(case.query, dict) else {}


def path_id(case: Any) -> str:
    return unquote(str(case.path_parameters["id"]))


@FUZZ
@given(case=SCHEMA["/smartorders"]["POST"].as_strategy(), steer=st.booleans())
def test_create_conforms(case: Any, steer: bool) -> None:
    # Random schema-valid bodies nearly always break a cross-field rule; half are steered to pass them.
    body = accepted_create(body_of(case)) if steer else body_of(case)
    request = conforms(lambda c: c.smartorders().create(**{snake(k): v for k, v in body.items()}), rule_violation(body))
    if request is not None:
        sent = json.loads(request.content)
        assert sent == {**body, "clientOrderId": body.get("clientOrderId", sent["clientOrderId"])}


def replace_violation(body: dict[str, Any]) -> str | None:
    if "quantity" in body and "amount" in body:
        return "quantity and amount together"
    if body.get("type", "STOP_LIMIT") != "STOP_LIMIT" and "price" in body:
        return "a new type other than STOP_LIMIT takes no price"
    return None


@FUZZ
@given(case=SCHEMA["/smartorders/{id}"]["PUT"].as_strategy())
def test_cancel_replace_conforms(case: Any) -> None:
    body = body_of(case)
    kwargs = {snake(k): v for k, v in body.items()}
    request = conforms(lambda c: c.smartorders().cancel_replace(path_id(case), **kwargs), replace_violation(body))
    if request is not None:
        assert request.url.raw_path.decode() == f"/smartorders/{path_id(case)}"
        sent = json.loads(request.content)
        assert sent == {**body, "clientOrderId": body.get("clientOrderId", sent["clientOrderId"])}


@FUZZ
@given(case=SCHEMA["/smartorders"]["GET"].as_strategy())
def test_list_conforms(case: Any) -> None:
    conforms(lambda c: c.smartorders().get_all(**query_of(case)), None)


@FUZZ
@given(case=SCHEMA["/smartorders/{id}"]["GET"].as_strategy(), by_cid=st.booleans())
def test_get_conforms(case: Any, by_cid: bool) -> None:
    ref = path_id(case)
    if by_cid and ref.startswith("cid:"):
        request = conforms(lambda c: c.smartorders().get_by_id(client_order_id=ref[4:]), None)
    else:
        request = conforms(lambda c: c.smartorders().get_by_id(ref), None)
    assert request is not None and request.url.raw_path.decode() == f"/smartorders/{ref}"


@FUZZ
@given(case=SCHEMA["/smartorders/{id}"]["DELETE"].as_strategy())
def test_cancel_conforms(case: Any) -> None:
    request = conforms(lambda c: c.smartorders().cancel_by_id(path_id(case)), None)
    assert request is not None and request.url.raw_path.decode() == f"/smartorders/{path_id(case)}"


@FUZZ
@given(case=SCHEMA["/smartorders/cancelByIds"]["DELETE"].as_strategy())
def test_cancel_by_ids_conforms(case: Any) -> None:
    body = body_of(case)
    lists = [body.get("orderIds"), body.get("clientOrderIds")]
    refused = None if any(lists) else "no ids at all"
    request = conforms(lambda c: c.smartorders().cancel_by_multiple_ids(*lists), refused)
    if request is not None:
        assert json.loads(request.content) == body


@FUZZ
@given(case=SCHEMA["/smartorders"]["DELETE"].as_strategy())
def test_cancel_all_conforms(case: Any) -> None:
    body = body_of(case)
    symbols, accounts, types = body.get("symbols"), body.get("accountTypes"), body.get("orderTypes")
    filters = [f for f in (symbols, accounts, types) if f is not None]
    refused = None if (symbols or accounts) and all(filters) else "no symbol/account filter, or an empty list"
    request = conforms(lambda c: c.smartorders().cancel(symbols, accounts, order_types=types), refused)
    if request is not None:
        assert json.loads(request.content) == body


def wire_text(value: object) -> str:
    """A query value as sent: booleans lower-case, lists comma-separated (style form, explode false)."""
    if isinstance(value, bool):
        return str(value).lower()
    return ",".join(value) if isinstance(value, list) else str(value)


HISTORY_ARGS = {"accountType": "account_type", "hideCancel": "hide_cancel", "startTime": "start_time",
                "endTime": "end_time", "from": "begins_from"}  # fmt: skip


@FUZZ
@given(case=SCHEMA["/smartorders/history"]["GET"].as_strategy())
def test_history_conforms(case: Any) -> None:
    query = query_of(case)
    if isinstance(query.get("hideCancel"), str):  # schemathesis hands query booleans over already serialised
        query["hideCancel"] = query["hideCancel"] == "true"
    kwargs = {HISTORY_ARGS.get(k, k): v for k, v in query.items()}
    start, end = query.get("startTime"), query.get("endTime")
    refused = "startTime after endTime" if start is not None and end is not None and start > end else None
    request = conforms(lambda c: c.smartorders().get_history(**kwargs), refused)
    if request is not None:
        sent = dict(parse_qsl(request.url.query.decode()))
        expected = {k: wire_text(v) for k, v in query.items()}
        assert sent == expected


def test_server_time_conforms() -> None:
    requests, _ = send(lambda c: c.sync_time())
    VALIDATOR.validate_request(OpenAPIRequest(requests[0]))


def test_the_validator_rejects_an_unsigned_or_malformed_request() -> None:
    """The checks above are not vacuous: openapi-core refuses what the spec forbids."""
    unsigned = httpx.Request("GET", f"{BASE}/smartorders?limit=1")
    with pytest.raises(Exception, match=r"(?i)security|secur"):
        VALIDATOR.validate_request(OpenAPIRequest(unsigned))
    signed_bad_body = httpx.Request(
        "POST", f"{BASE}/smartorders", content=b'{"symbol":"BTC_USDT","side":"BUY","price":40000.5}',
        headers={"content-type": "application/json", "key": "k", "signTimestamp": "1", "signature": "s"},
    )  # fmt: skip
    with pytest.raises(Exception):  # noqa: B017 - any openapi-core validation error
        VALIDATOR.validate_request(OpenAPIRequest(signed_bad_body))


# ------------------------------------------------------------------ response robustness


def _response_strategy(path: str, method: str) -> Any:
    """Spec-valid 200 bodies for one operation, drawn from its response schema."""
    schema = SCHEMA[path][method].definition.raw["responses"]["200"]["content"]["application/json"]["schema"]
    return _strategy(schema)


def _strategy(node: dict[str, Any]) -> Any:
    """A hypothesis strategy for the JSON-schema subset the spec's responses use ($ref, a lone allOf, object, array,
    string (with a pattern: matching it), int)."""
    if len(node.get("allOf", ())) == 1:
        return _strategy(node["allOf"][0])
    if "$ref" in node:
        target: Any = SCHEMA.raw_schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return _strategy(target)
    kind = node.get("type")
    if kind == "array":
        return st.lists(_strategy(node["items"]), max_size=node.get("maxItems", 4))
    if kind == "integer":
        return st.integers(min_value=node.get("minimum", -(2**63)), max_value=node.get("maximum", 2**63 - 1))
    if kind == "string" and "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True)
    if kind == "string":
        return st.text(max_size=30)
    if kind == "boolean":
        return st.booleans()
    assert kind == "object", node
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    optional = {name: _strategy(sub) for name, sub in properties.items() if name not in required}
    return st.fixed_dictionaries(
        {name: _strategy(properties[name]) for name in sorted(required)},
        optional=optional,
    )


def _answering(body: Any) -> Client:
    return Client(
        KEY, SECRET, BASE, rate_limit=False, max_retries=0,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body)),
    )  # fmt: skip


UNKNOWN = st.sampled_from(["NEW_STATE_2027", "ICEBERG", "", "pending_new"])


@FUZZ
@given(body=_response_strategy("/smartorders", "GET"), unknown=UNKNOWN)
def test_spec_valid_order_lists_parse(body: list[dict[str, Any]], unknown: str) -> None:
    body = [{**order, "state": unknown, "extraField": [1]} if n % 2 else order for n, order in enumerate(body)]
    with _answering(body) as client:
        orders = client.smartorders().get_all()
    assert all(isinstance(o, SmartOrder) for o in orders)
    assert [o.to_dict() for o in orders] == body


@FUZZ
@given(body=_response_strategy("/smartorders/{id}", "GET"), unknown=UNKNOWN)
def test_spec_valid_single_orders_parse(body: list[dict[str, Any]], unknown: str) -> None:
    body = [{**order, "type": unknown} for order in body]
    with _answering(body) as client:
        if body:
            order = client.smartorders().get_by_id("1")
            assert order.to_dict() == body[0] and order.type_ == unknown
        else:
            with pytest.raises(Exception, match="no smart order 1"):
                client.smartorders().get_by_id("1")


@FUZZ
@given(body=_response_strategy("/smartorders/cancelByIds", "DELETE"), unknown=UNKNOWN)
def test_spec_valid_cancel_results_parse(body: list[dict[str, Any]], unknown: str) -> None:
    body = [{**item, "state": unknown, "newKey": None} for item in body]
    with _answering(body) as client:
        results = client.smartorders().cancel_by_multiple_ids(["1"])
    assert all(isinstance(r, CancelResult) for r in results)
    assert [r.ok for r in results] == [item["code"] in (0, 200) for item in body]
    assert [r.to_dict() for r in results] == body


@FUZZ
@given(body=_response_strategy("/smartorders", "POST"))
def test_spec_valid_create_answers_parse(body: dict[str, Any]) -> None:
    """An answer naming this call's clientOrderId and an order id is the result; any other is looked up (here the
    fake exchange answers the lookup with the same body, so the outcome stays unknown)."""
    cid = body["clientOrderId"]
    try:
        ours = bool(body["id"]) and client_order_id(cid) == cid  # one this call could have sent
    except ValidationError:
        ours = False
    with _answering({**body, "futureField": {"a": 1}}) as client:

        def create() -> CreateSmartOrderResponse:
            so = client.smartorders()
            return so.create(
                symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1", client_order_id=cid if ours else None
            )

        if not ours:
            with pytest.raises(OutcomeUnknownError):
                create()
            return
        placed = create()
    assert (placed.id, placed.client_order_id) == (body["id"], cid)


@FUZZ
@given(body=_response_strategy("/smartorders/history", "GET"))
def test_spec_valid_history_parses(body: list[dict[str, Any]]) -> None:
    with _answering(body) as client:
        assert [o.to_dict() for o in client.smartorders().get_history()] == body


class OpenAPIResponse:
    """An httpx.Response as openapi-core's response protocol sees it."""

    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "")
        self.headers = Headers(list(response.headers.items()))
        self.data = response.content


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/smartorders", None),
        ("GET", "/smartorders/10000001", None),
        ("GET", "/smartorders/history", None),
        ("DELETE", "/smartorders/10000001", None),
        ("DELETE", "/smartorders/cancelByIds", b'{"orderIds":["1"]}'),
        ("DELETE", "/smartorders", b'{"symbols":["BTC_USDT"]}'),
        (
            "POST",
            "/smartorders",
            b'{"symbol":"BTC_USDT","side":"BUY","stopPrice":"1","quantity":"1","clientOrderId":"a"}',
        ),
        ("PUT", "/smartorders/1", b'{"clientOrderId":"b"}'),
        ("GET", "/timestamp", None),
    ],
)
def test_canned_answers_of_the_other_tests_are_spec_valid(method: str, path: str, body: bytes | None) -> None:
    """The in-memory exchange of tests/support/exchange.py answers as the spec says, so the unit tests test reality."""
    headers = {"key": KEY, "signTimestamp": "1", "signature": "x", "content-type": "application/json"}
    request = httpx.Request(method, f"{BASE}{path}", content=body, headers=headers)
    VALIDATOR.validate_response(OpenAPIRequest(request), OpenAPIResponse(default_answer(request)))
