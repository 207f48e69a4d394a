"""The sandbox checks keys, signatures and timestamps exactly as the API description says the exchange does."""

from __future__ import annotations

import pytest
from polo_smartorders.sandbox import Sandbox, create_app, sign, signing_payload
from polo_smartorders.sandbox._signing import canonical_query

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.sandbox import SandboxClient, sandbox_client, stop_order
from tests.support.signing import canonical_query as reference_query
from tests.support.signing import now_ms, signature

VECTOR_PAYLOAD = b'DELETE\n/some/path\nrequestBody={"a":1,"b":["2",null]}&signTimestamp=1674197467415'
VECTOR_SIGNATURE = "rCahSwbMNIzxQRUSqzxdMvYP9CDWfRUDNIFDVABxHQQ="


def test_reference_vector() -> None:
    assert sign("poloniex-api-secret", VECTOR_PAYLOAD) == VECTOR_SIGNATURE
    payload = signing_payload("DELETE", b"/some/path", [], b'{"a":1,"b":["2",null]}', "1674197467415")
    assert payload == VECTOR_PAYLOAD
    # The tests' own signer, written separately, agrees on the same vector.
    body = b'{"a":1,"b":["2",null]}'
    assert signature("poloniex-api-secret", "DELETE", b"/some/path", "", body, "1674197467415") == VECTOR_SIGNATURE


def test_query_payload_is_sorted_and_percent_encoded() -> None:
    payload = signing_payload("GET", b"/smartorders/history", [("type", "STOP,STOP_LIMIT"), ("limit", "5")], b"", "9")
    assert payload == b"GET\n/smartorders/history\nlimit=5&signTimestamp=9&type=STOP%2CSTOP_LIMIT"
    assert signing_payload("GET", b"/smartorders", [], b"", "9") == b"GET\n/smartorders\nsignTimestamp=9"


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("b", "1"), ("a", "2")], "a=2&b=1"),
        ([("s", "a b")], "s=a%20b"),
        ([("s", "A-z_0.9~")], "s=A-z_0.9~"),
        ([("s", "é/+:&=")], "s=%C3%A9%2F%2B%3A%26%3D"),
        ([("z", ""), ("a", "x")], "a=x&z="),
    ],
)
def test_canonical_query_encoding(pairs: list[tuple[str, str]], expected: str) -> None:
    assert canonical_query(pairs) == expected
    assert reference_query(pairs) == expected


async def test_public_time_needs_no_signature(sandbox_http: SandboxClient) -> None:
    before = now_ms()
    answer = await sandbox_http.ok("GET", "/timestamp", signed=False)
    assert before <= answer["serverTime"] <= now_ms()


async def test_signed_get_with_query_is_accepted(sandbox_http: SandboxClient) -> None:
    await sandbox_http.create(**stop_order())
    answer = await sandbox_http.ok("GET", "/smartorders", params={"limit": "1"})
    assert len(answer) == 1


async def test_signed_body_request_is_accepted_with_exact_bytes(sandbox_http: SandboxClient) -> None:
    raw = b'{ "symbol":"BTC_USDT" , "side":"SELL","stopPrice":"1","amount":"2" }'
    answer = await sandbox_http.ok("POST", "/smartorders", raw_body=raw)
    assert answer["id"].isdigit()


@pytest.mark.parametrize("missing", ["key", "signTimestamp", "signature"])
async def test_missing_auth_header_is_401(sandbox_http: SandboxClient, missing: str) -> None:
    response = await sandbox_http.request("GET", "/smartorders")
    headers = {name: value for name, value in response.request.headers.items() if name.lower() != missing.lower()}
    retry = await sandbox_http.http.get("/smartorders", headers=headers)
    assert retry.status_code == 401
    assert retry.json()["code"] == 401 and missing in retry.json()["message"]


async def test_unsigned_request_is_401(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.error(401, "GET", "/smartorders", signed=False)
    assert "key" in error["message"]


async def test_unknown_key_is_401(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.as_account("nobody", SECRET).error(401, "GET", "/smartorders")
    assert "unknown API key" in error["message"]


async def test_wrong_secret_is_401(sandbox_http: SandboxClient) -> None:
    await sandbox_http.as_account(KEY, "not-the-secret").error(401, "GET", "/smartorders")


async def test_tampered_body_is_401(sandbox_http: SandboxClient) -> None:
    signed = b'{"symbol":"BTC_USDT","side":"BUY","stopPrice":"1","quantity":"1"}'
    sent = signed.replace(b'"quantity":"1"', b'"quantity":"9"')
    headers = {**_headers_for("POST", "/smartorders", "", signed), "content-type": "application/json"}
    response = await sandbox_http.http.post("/smartorders", content=sent, headers=headers)
    assert response.status_code == 401
    assert await sandbox_http.ok("GET", "/smartorders") == []


async def test_reordered_json_body_is_not_the_signed_body(sandbox_http: SandboxClient) -> None:
    signed = b'{"side":"BUY","symbol":"BTC_USDT","stopPrice":"1","quantity":"1"}'
    sent = b'{"symbol":"BTC_USDT","side":"BUY","stopPrice":"1","quantity":"1"}'
    headers = {**_headers_for("POST", "/smartorders", "", signed), "content-type": "application/json"}
    assert (await sandbox_http.http.post("/smartorders", content=sent, headers=headers)).status_code == 401


async def test_tampered_query_is_401(sandbox_http: SandboxClient) -> None:
    headers = _headers_for("GET", "/smartorders", "limit=1", b"")
    assert (await sandbox_http.http.get("/smartorders?limit=2", headers=headers)).status_code == 401


async def test_query_signed_unsorted_is_401(sandbox_http: SandboxClient) -> None:
    # A signer that forgets to sort signs `side=BUY&limit=1...`; the exchange sorts, so the signatures differ.
    stamp = str(now_ms())
    unsorted = f"side=BUY&limit=1&signTimestamp={stamp}".encode()
    bad = sign(SECRET, b"GET\n/smartorders/history\n" + unsorted)
    headers = {"key": KEY, "signTimestamp": stamp, "signature": bad}
    response = await sandbox_http.http.get("/smartorders/history?limit=1&side=BUY", headers=headers)
    assert response.status_code == 401


async def test_query_values_are_verified_decoded_then_canonically_encoded(sandbox_http: SandboxClient) -> None:
    # The signature covers the canonical encoding of the values; `%2C` and a literal `,` in the URL carry the
    # same value, so both verify against the canonical signature.
    headers = _headers_for("GET", "/smartorders/history", "type=STOP%2CSTOP_LIMIT", b"")
    for query in ("type=STOP%2CSTOP_LIMIT", "type=STOP,STOP_LIMIT"):
        response = await sandbox_http.http.get(f"/smartorders/history?{query}", headers=headers)
        assert response.status_code == 200, response.text


@pytest.mark.parametrize("sent", ["/smartorders/cid:abc-1", "/smartorders/cid%3Aabc-1"])
async def test_cid_path_is_verified_as_sent(sandbox_http: SandboxClient, sent: str) -> None:
    await sandbox_http.create(**stop_order(clientOrderId="abc-1"))
    answer = await sandbox_http.ok("GET", sent)
    assert [order["clientOrderId"] for order in answer] == ["abc-1"]


async def test_cid_path_signed_in_another_spelling_is_401(sandbox_http: SandboxClient) -> None:
    await sandbox_http.error(401, "GET", "/smartorders/cid%3Aabc-1", sign_path="/smartorders/cid:abc-1")
    await sandbox_http.error(401, "GET", "/smartorders/cid:abc-1", sign_path="/smartorders/cid%3Aabc-1")


async def test_method_is_part_of_the_signature(sandbox_http: SandboxClient) -> None:
    headers = _headers_for("GET", "/smartorders", "", b"")
    assert (await sandbox_http.http.delete("/smartorders", headers=headers)).status_code == 401


async def test_body_and_query_together_are_400(sandbox_http: SandboxClient) -> None:
    error = await sandbox_http.error(400, "DELETE", "/smartorders", {"symbols": ["BTC_USDT"]}, params={"limit": "1"})
    assert "either" in error["message"]


async def test_timestamp_more_than_one_second_ahead_is_400(sandbox_http: SandboxClient) -> None:
    stamp = now_ms() + 1_500
    error = await sandbox_http.error(400, "GET", "/smartorders", timestamp=stamp)
    assert str(stamp) in error["message"]
    await sandbox_http.ok("GET", "/smartorders", timestamp=now_ms() + 500)


async def test_timestamp_older_than_sixty_seconds_is_408(sandbox_http: SandboxClient) -> None:
    stamp = now_ms() - 61_000
    error = await sandbox_http.error(408, "GET", "/smartorders", timestamp=stamp)
    assert error["code"] == 408 and str(stamp) in error["message"]
    await sandbox_http.ok("GET", "/smartorders", timestamp=now_ms() - 55_000)


async def test_timestamp_older_than_recv_window_is_408(sandbox_http: SandboxClient) -> None:
    stamp = now_ms() - 3_000
    await sandbox_http.error(408, "GET", "/smartorders", timestamp=stamp, headers={"recvWindow": "2000"})
    await sandbox_http.ok("GET", "/smartorders", timestamp=stamp, headers={"recvWindow": "5000"})


@pytest.mark.parametrize("window", ["0", "60001", "abc", "-5"])
async def test_invalid_recv_window_is_400(sandbox_http: SandboxClient, window: str) -> None:
    error = await sandbox_http.error(400, "GET", "/smartorders", headers={"recvWindow": window})
    assert "recvWindow" in error["message"]


async def test_non_numeric_timestamp_is_400_once_signed(sandbox_http: SandboxClient) -> None:
    headers = _headers_for("GET", "/smartorders", "", b"", timestamp="soon")
    response = await sandbox_http.http.get("/smartorders", headers=headers)
    assert response.status_code == 400 and "signTimestamp" in response.json()["message"]


async def test_clock_skew_moves_the_server_clock_and_the_window() -> None:
    app = create_app(clock_skew_ms=120_000)
    async with sandbox_client(app) as client:
        server_time = (await client.ok("GET", "/timestamp", signed=False))["serverTime"]
        assert server_time - now_ms() > 110_000
        # A client that does not correct for the skew is 2 minutes behind: expired.
        await client.error(408, "GET", "/smartorders")
        await client.ok("GET", "/smartorders", timestamp=server_time)


async def test_custom_accounts_replace_the_default() -> None:
    async with sandbox_client(create_app({"k1": "s1"}), "k1", "s1") as client:
        await client.ok("GET", "/smartorders")
        await client.as_account(KEY, SECRET).error(401, "GET", "/smartorders")


async def test_shared_engine_is_served() -> None:
    engine = Sandbox({"k": "s"})
    app = create_app(sandbox=engine)
    assert app.state.sandbox is engine
    async with sandbox_client(app, "k", "s") as client:
        await client.create(**stop_order())
    assert len(engine.orders("k")) == 1


def _headers_for(method: str, path: str, query: str, body: bytes, timestamp: str | None = None) -> dict[str, str]:
    stamp = timestamp or str(now_ms())
    return {
        "key": KEY,
        "signTimestamp": stamp,
        "signature": signature(SECRET, method, path.encode(), query, body, stamp),
    }
