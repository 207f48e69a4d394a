from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.market import Market
from ...types import Response, json_of


def _get_kwargs(
    symbol: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/markets/{symbol}".format(
            symbol=quote(str(symbol), safe=":"),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Market] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = json_of(response)
        for response_200_item_data in _response_200:
            response_200_item = Market.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(json_of(response))

        return response_400

    if response.status_code == 429:
        response_429 = Error.from_dict(json_of(response))

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(json_of(response))

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(json_of(response))

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | list[Market]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    symbol: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[Market]]:
    """One market and its trading rules

     Public and unsigned. Answers an array of one Market (not an object), the same shape as `GET
    /markets`: the
    official Java SDK models it as a list and independent clients (gocryptotrader, a Julia client) read
    its
    first item. Decision: an array of exactly one; an unknown symbol is refused (400, 24101), not
    answered with
    an empty array.

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Market]]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    symbol: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | list[Market] | None:
    """One market and its trading rules

     Public and unsigned. Answers an array of one Market (not an object), the same shape as `GET
    /markets`: the
    official Java SDK models it as a list and independent clients (gocryptotrader, a Julia client) read
    its
    first item. Decision: an array of exactly one; an unknown symbol is refused (400, 24101), not
    answered with
    an empty array.

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Market]
    """

    return sync_detailed(
        symbol=symbol,
        client=client,
    ).parsed


async def asyncio_detailed(
    symbol: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[Market]]:
    """One market and its trading rules

     Public and unsigned. Answers an array of one Market (not an object), the same shape as `GET
    /markets`: the
    official Java SDK models it as a list and independent clients (gocryptotrader, a Julia client) read
    its
    first item. Decision: an array of exactly one; an unknown symbol is refused (400, 24101), not
    answered with
    an empty array.

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Market]]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    symbol: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | list[Market] | None:
    """One market and its trading rules

     Public and unsigned. Answers an array of one Market (not an object), the same shape as `GET
    /markets`: the
    official Java SDK models it as a list and independent clients (gocryptotrader, a Julia client) read
    its
    first item. Decision: an array of exactly one; an unknown symbol is refused (400, 24101), not
    answered with
    an empty array.

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Market]
    """

    return (
        await asyncio_detailed(
            symbol=symbol,
            client=client,
        )
    ).parsed
