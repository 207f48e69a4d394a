"""Proxies from the environment: refused, named, when the client would not send through them; and URLs shown
without their userinfo."""

from __future__ import annotations

import importlib.util
import os
import re
import urllib.parse
from typing import Literal

import httpx

from .._exceptions import ValidationError
from ._private import URLPattern, get_environment_proxies

#: The HTTP backends of AsyncClient (the sync Client always sends through httpx's own pool).
HttpBackend = Literal["httpx", "aiohttp"]


def redacted(url: str) -> str:
    """``url`` to show in a message or repr: any userinfo (``user:password@``) replaced by ``***@``, however malformed
    the URL (everything before its last "@": a password may hold an unescaped "/" or "@")."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", head)
    return f"{scheme.group() if scheme else ''}***@{tail}"


def check_env_proxies(base_url: str, transport: object, http_backend: HttpBackend = "httpx") -> None:
    """Refuse, naming its variable, a proxy from the environment (``HTTPS_PROXY``, ``ALL_PROXY``, ... as httpx reads
    them, ``NO_PROXY`` included) that the client would not send through, rather than let orders bypass it.

    httpx's own transport (``transport`` None) sends through every such proxy, so each must be one it can use (httpx
    itself raises ImportError or ValueError for some, and takes ``http://[bad`` for a host); the aiohttp backend
    sends through none, so none may apply to ``base_url``. A transport the caller gives is theirs: httpx reads none.
    """
    if transport is not None and http_backend != "aiohttp":
        return
    proxies = sorted(_environment_proxies(), key=lambda p: p[0])
    if http_backend == "aiohttp":
        first = next(((p, url) for p, url in proxies if p.matches(httpx.URL(base_url))), None)  # as httpx picks
        if first is not None and first[1] is not None:
            bypassed = "is set; http_backend='aiohttp' sends through no proxy: unset it, or use http_backend='httpx'"
            raise ValidationError(_variable(first[0]), bypassed)
    else:
        for pattern, url in proxies:
            if url is not None and (rule := _unusable(url)) is not None:
                raise ValidationError(_variable(pattern), f"{rule}, got {redacted(url)!r}")


def _environment_proxies() -> list[tuple[URLPattern, str | None]]:
    """httpx's reading of the proxy variables; a NO_PROXY host httpx cannot read (``[::1``) is refused, named."""
    proxies: list[tuple[URLPattern, str | None]] = []
    for key, url in get_environment_proxies().items():
        try:
            proxies.append((URLPattern(key), url))
        except (httpx.InvalidURL, ValueError):
            variable = "no_proxy" if os.environ.get("no_proxy") else "NO_PROXY"
            host = key.partition("://")[2]
            raise ValidationError(variable, f"holds {host!r}, which is not a host name or address") from None
    return proxies


def _unusable(url: str) -> str | None:
    """Why httpx cannot send through the proxy ``url``, or None."""
    try:
        scheme = httpx.Proxy(url).url.scheme  # ValueError: a scheme httpx has no proxy for
        host = urllib.parse.urlsplit(url).hostname  # ValueError: "http://[bad"
    except (httpx.InvalidURL, ValueError):
        scheme, host = "", None
    if not host:
        return "must be an http://, https://, socks5:// or socks5h:// URL with a host"
    if scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
        return "a socks5:// proxy needs the socksio package: pip install 'httpx[socks]'"
    return None


def _variable(pattern: URLPattern) -> str:
    """The environment variable a proxy of ``pattern`` ("https://", "all://") came from: lowercase wins, as in urllib."""
    lower = f"{pattern.pattern.partition('://')[0]}_proxy"
    return lower if os.environ.get(lower) else lower.upper()
