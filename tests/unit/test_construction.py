"""Constructing a client: a refused argument or proxy is a ValidationError that shows no secret or password, and no
frame on its traceback holds the API secret in a local (error reporters that record locals would record it)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, HttpBackend, RequestError, ValidationError
from polo_smartorders._transport import _private

from tests.support.keys import KEY, SECRET

#: A way to construct a client: sync, or async on each HTTP backend.
Make = Callable[..., Any]
MAKERS: dict[str, Make] = {
    "sync": Client,
    "async-httpx": lambda *a, **kw: AsyncClient(*a, http_backend="httpx", **kw),
    "async-aiohttp": lambda *a, **kw: AsyncClient(*a, http_backend="aiohttp", **kw),
}


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and every error on its __cause__/__context__ chains."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [error]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        stack += [item.__cause__, item.__context__]


def assert_no_local_holds(error: BaseException, *secrets: str, tests: str = __file__) -> None:
    """No frame on the traceback of ``error`` (or of any error it chains), other than those of the ``tests`` file, has
    a local whose repr (what reporters that record locals record) shows one of ``secrets``; each repr must succeed.
    At least one frame is checked. Nor do the error's str and repr show one."""
    checked = 0
    for item in _chain(error):
        tb = item.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if frame.f_code.co_filename != tests:
                checked += 1
                for name, value in frame.f_locals.items():
                    shown = repr(value)  # a half-built client's repr too: it must not raise
                    leaked = [s for s in secrets if s in shown]
                    assert not leaked, f"{frame.f_code.co_name}() holds a secret in {name!r}"
            tb = tb.tb_next
    assert checked, "the traceback has no frame of the library to check"
    assert not [s for s in secrets if s in str(error) or s in repr(error)]


@pytest.fixture(autouse=True)
def _no_env_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no proxy from the environment (a developer's or CI's own would change what is refused)."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name.lower() in ("no_proxy", "request_method"):
            monkeypatch.delenv(name)


BAD_OPTIONS: list[dict[str, Any]] = [
    {"recv_window": 0},
    {"recv_window": 60001},
    {"timeout": -1},
    {"timeout": httpx.Timeout(5.0, read=0)},
    {"deadline": 0},
    {"max_retries": -1},
    {"max_response_bytes": 0},
    {"url": "htps://x.test"},
    {"url": "http://x.test/?q=1"},
    {"url": "http://"},
]


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
@pytest.mark.parametrize(
    "options", BAD_OPTIONS, ids=[next(iter(o)) + "=" + repr(next(iter(o.values()))) for o in BAD_OPTIONS]
)
def test_a_refused_option_leaves_the_valid_secret_in_no_local(make: Make, options: dict[str, Any]) -> None:
    options = {"url": "http://127.0.0.1:1", **options}
    with pytest.raises(ValidationError) as caught:
        make(KEY, SECRET, **options)
    assert caught.value.field == next(iter(options.keys() - {"url"}), "url")
    assert_no_local_holds(caught.value, SECRET)


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
@pytest.mark.parametrize("secret", [SECRET + "\n", SECRET + " x", "\t" + SECRET])
def test_a_refused_secret_is_in_no_local_either(make: Make, secret: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make(KEY, secret, "http://127.0.0.1:1")
    assert caught.value.field == "api_secret"
    assert_no_local_holds(caught.value, SECRET)


def test_the_secret_from_the_environment_is_in_no_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLO_API_KEY", KEY)
    monkeypatch.setenv("POLO_API_SECRET", SECRET)
    for make in MAKERS.values():
        with pytest.raises(ValidationError) as caught:
            make(url="http://127.0.0.1:1", recv_window=0)
        assert_no_local_holds(caught.value, SECRET)


def test_an_unknown_http_backend_leaves_the_secret_in_no_local() -> None:
    with pytest.raises(ValidationError) as caught:
        AsyncClient(KEY, SECRET, "http://127.0.0.1:1", http_backend="curl")  # type: ignore[arg-type]
    assert caught.value.field == "http_backend"
    assert_no_local_holds(caught.value, SECRET)


def test_the_check_sees_a_secret_in_a_local() -> None:
    def refuse(secret: str) -> None:
        raise ValueError("refused")

    with pytest.raises(ValueError) as caught:
        refuse(SECRET)
    with pytest.raises(AssertionError, match="holds a secret in 'secret'"):
        assert_no_local_holds(caught.value, SECRET, tests="")


def test_a_half_built_client_has_a_repr() -> None:
    for cls in (Client, AsyncClient):
        bare = cls.__new__(cls)
        assert repr(bare) == f"{cls.__name__}(url=None, api_key=None)"


def test_a_call_error_leaves_neither_secret_nor_signature_in_any_local() -> None:
    signatures: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        signatures.append(request.headers["signature"])
        return httpx.Response(401, json={"code": 401, "message": "Invalid Apikey or Signature"})

    with Client(KEY, SECRET, "http://127.0.0.1:1", transport=httpx.MockTransport(refuse), max_retries=0) as client:
        with pytest.raises(RequestError) as caught:
            client.smartorders().get_by_id("1")
    assert signatures
    assert_no_local_holds(caught.value, SECRET, *signatures)


async def test_an_async_call_error_leaves_neither_secret_nor_signature_in_any_local() -> None:
    signatures: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        signatures.append(request.headers["signature"])
        raise httpx.ReadError("connection reset", request=request)

    transport = httpx.MockTransport(refuse)
    async with AsyncClient(KEY, SECRET, "http://127.0.0.1:1", transport=transport, max_retries=0) as client:
        with pytest.raises(RequestError) as caught:
            await client.smartorders().get_all()
    assert signatures
    assert_no_local_holds(caught.value, SECRET, *signatures)


@pytest.mark.parametrize(
    "url",
    [
        "htps://user:hunter2@x.test",
        "ftp://user:hunter2@x.test/api",
        "user:hunter2@x.test",
        "http://user:hunter2@",
        "http://user:hunter2@x.test/?q=1",
        "http://user:hun@ter2@/api",
        "mailto:user:hunter2@x.test",
    ],
)
def test_a_refused_url_shows_no_password(url: str) -> None:
    for make in MAKERS.values():
        with pytest.raises(ValidationError) as caught:
            make(KEY, SECRET, url)
        assert caught.value.field == "url"
        shown = str(caught.value) + repr(caught.value)
        assert "hunter2" not in shown and "ter2" not in shown and "user" not in shown
        assert_no_local_holds(caught.value, SECRET, "hunter2")


def test_a_refused_url_is_still_shown_without_its_userinfo() -> None:
    with pytest.raises(ValidationError, match=r"got 'htps://\*\*\*@x\.test/api'"):
        Client(KEY, SECRET, "htps://user:hunter2@x.test/api")


def test_the_repr_shows_no_password() -> None:
    for make in MAKERS.values():
        shown = repr(make(KEY, SECRET, "http://user:hunter2@127.0.0.1:1/api"))
        assert "hunter2" not in shown and "user" not in shown and "127.0.0.1:1/api" in shown


NO_SOCKSIO = importlib.util.find_spec("socksio") is None
#: Proxies from the environment that httpx cannot send through: (variable, value, what the rule says).
UNUSABLE_PROXIES = [
    pytest.param(
        "HTTPS_PROXY",
        "socks5://127.0.0.1:1",
        "socksio",
        marks=pytest.mark.skipif(not NO_SOCKSIO, reason="socksio is installed"),
    ),
    pytest.param(
        "ALL_PROXY",
        "socks5://user:hunter2@127.0.0.1:1",
        "socksio",
        marks=pytest.mark.skipif(not NO_SOCKSIO, reason="socksio is installed"),
    ),
    ("HTTPS_PROXY", "http://[bad", "URL with a host"),
    ("https_proxy", "http://user:hunter2@[bad", "URL with a host"),
    ("HTTP_PROXY", "ftp://user:hunter2@127.0.0.1:1", "http://, https://, socks5://"),
    ("HTTPS_PROXY", "http://", "URL with a host"),
]


def _url_for(variable: str) -> str:
    """A base URL that a proxy in ``variable`` would carry."""
    return "http://127.0.0.1:1" if variable.lower() == "http_proxy" else "https://127.0.0.1:1"


@pytest.mark.parametrize(("variable", "value", "rule"), UNUSABLE_PROXIES)
def test_an_unusable_proxy_from_the_environment_is_refused_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, rule: str
) -> None:
    monkeypatch.setenv(variable, value)
    for name, make in MAKERS.items():
        with pytest.raises(ValidationError) as caught:
            make(KEY, SECRET, _url_for(variable))
        assert caught.value.field == variable, name
        if name != "async-aiohttp":  # aiohttp sends through no proxy from the environment: the rule says so
            assert rule in caught.value.rule, name
        assert "hunter2" not in str(caught.value) + repr(caught.value)
        assert_no_local_holds(caught.value, SECRET, "hunter2")


def test_an_unusable_proxy_for_the_other_scheme_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx builds a transport for every proxy in the environment, whatever URL the client sends to."""
    monkeypatch.setenv("HTTP_PROXY", "ftp://127.0.0.1:1")
    for make in (MAKERS["sync"], MAKERS["async-httpx"]):
        with pytest.raises(ValidationError, match="HTTP_PROXY"):
            make(KEY, SECRET, "https://127.0.0.1:1")


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"])
def test_aiohttp_refuses_a_usable_proxy_it_would_bypass(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    """The aiohttp backend sends through no proxy from the environment: orders bypassing a configured proxy without
    a word is worse than a refusal."""
    monkeypatch.setenv(variable, "http://user:hunter2@127.0.0.1:1")
    with pytest.raises(ValidationError, match="http_backend='httpx'") as caught:
        AsyncClient(KEY, SECRET, "https://127.0.0.1:1", http_backend="aiohttp")
    assert caught.value.field == variable
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
def test_a_proxy_that_does_not_apply_is_not_refused(monkeypatch: pytest.MonkeyPatch, backend: HttpBackend) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:1")
    monkeypatch.setenv("NO_PROXY", "localhost")
    AsyncClient(KEY, SECRET, "http://127.0.0.1:1", http_backend=backend)  # HTTPS_PROXY is for https:// only
    AsyncClient(KEY, SECRET, "https://localhost:1", http_backend=backend)  # NO_PROXY
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("HTTPS_PROXY", "http://[bad")  # httpx ignores every proxy: so does the client
    Client(KEY, SECRET, "https://127.0.0.1:1")
    AsyncClient(KEY, SECRET, "https://127.0.0.1:1", http_backend=backend)


def test_a_usable_proxy_is_used_and_a_given_transport_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:1")
    assert _private.mounted_transports(Client(KEY, SECRET, "https://127.0.0.1:1")._api.get_httpx_client())
    assert _private.mounted_transports(AsyncClient(KEY, SECRET, "https://127.0.0.1:1")._api.get_async_httpx_client())
    monkeypatch.setenv("HTTPS_PROXY", "http://[bad")
    Client(KEY, SECRET, "https://127.0.0.1:1", transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    AsyncClient(KEY, SECRET, "https://127.0.0.1:1", transport=httpx.MockTransport(lambda r: httpx.Response(200)))


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
def test_a_no_proxy_host_httpx_cannot_read_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, backend: HttpBackend
) -> None:
    """httpx raised its own InvalidURL ("Invalid port") from the constructor for ``NO_PROXY=*.corp,[::1``."""
    monkeypatch.setenv("NO_PROXY", "*.corp,[::1")
    with pytest.raises(ValidationError) as caught:
        Client("k", "s", "http://127.0.0.1:1") if backend == "httpx" else AsyncClient(
            "k", "s", "http://127.0.0.1:1", http_backend=backend
        )
    assert caught.value.field == "NO_PROXY" and "[::1" in caught.value.rule
