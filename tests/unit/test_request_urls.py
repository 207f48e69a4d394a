"""Each request's URL is the base URL's followed by the endpoint's path, byte for byte: the client parses each
(base, path) pair once and reuses it (``_transport._exchange._absolute``), so two clients on different base URLs, a
base URL with a path, with or without its trailing "/", and ``cid:`` ids must all still come out right."""

from __future__ import annotations

import httpx
import pytest
from polo_smartorders import Client

from tests.support.exchange import Exchange
from tests.support.keys import KEY, SECRET
from tests.support.signing import assert_signed


@pytest.mark.parametrize(
    ("base", "prefix"),
    [
        ("http://x.test", ""),
        ("http://x.test/", ""),
        ("http://x.test/api", "/api"),
        ("http://x.test/api/", "/api"),
        ("http://x.test:8080/v3/spot", "/v3/spot"),
    ],
)
def test_every_request_goes_to_the_base_urls_path_then_the_endpoints(base: str, prefix: str) -> None:
    exchange = Exchange()
    with Client(KEY, SECRET, base, transport=httpx.MockTransport(exchange), rate_limit=False) as client:
        so = client.smartorders()
        so.get_by_id("10000001")
        so.get_by_id("cid:a-b_c1")
        so.get_all(limit=5)
        so.cancel_by_id("10000001")
        so.get_by_id("10000001")  # the same path again: from the cache, to the same place
    host = httpx.URL(base).netloc
    assert [(r.method, r.url.netloc, r.url.raw_path) for r in exchange.requests] == [
        ("GET", host, f"{prefix}/smartorders/10000001".encode()),
        ("GET", host, f"{prefix}/smartorders/cid:a-b_c1".encode()),
        ("GET", host, f"{prefix}/smartorders?limit=5".encode()),
        ("DELETE", host, f"{prefix}/smartorders/10000001".encode()),
        ("GET", host, f"{prefix}/smartorders/10000001".encode()),
    ]
    for request in exchange.requests:
        assert_signed(request)


def test_two_clients_on_different_base_urls_never_share_a_url() -> None:
    first, second = Exchange(), Exchange()
    with (
        Client(KEY, SECRET, "http://one.test/a", transport=httpx.MockTransport(first), rate_limit=False) as one,
        Client(KEY, SECRET, "http://two.test/b", transport=httpx.MockTransport(second), rate_limit=False) as two,
    ):
        for _ in range(2):
            one.smartorders().get_by_id("10000001")
            two.smartorders().get_by_id("10000001")
    assert {str(r.url) for r in first.requests} == {"http://one.test/a/smartorders/10000001"}
    assert {str(r.url) for r in second.requests} == {"http://two.test/b/smartorders/10000001"}


@pytest.mark.parametrize("url", ["http://x.test/smartorders/1", "http://x.test/smartorders/1?"])
def test_a_request_without_a_query_is_signed_over_its_timestamp_alone(url: str) -> None:
    """The signer's short way for a request with no query (get by id, a cancel): an empty "?" is dropped, and the
    signature covers ``signTimestamp=<ts>`` alone, as the exchange computes it."""
    from polo_smartorders._auth import HmacAuth
    from polo_smartorders._clock import Clock

    request = httpx.Request("GET", url)
    next(HmacAuth(KEY, SECRET, Clock()).auth_flow(request))
    assert request.url.raw_path == b"/smartorders/1"
    assert_signed(request)
