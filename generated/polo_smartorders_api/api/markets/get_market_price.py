from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.market_price import MarketPrice
from ...types import Response, json_of


def _get_kwargs(
    symbol: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/markets/{symbol}/price".format(
            symbol=quote(str(symbol), safe=":"),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | MarketPrice | None:
    if response.status_code == 200:
        response_200 = MarketPrice.from_dict(json_of(response))

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
) -> Response[Error | MarketPrice]:
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
) -> Response[Error | MarketPrice]:
    """A market's latest price

     Public and unsigned. The price of the market's latest trade, as one object (not an array: the
    sources agree;
    `GET /markets/price`, not described here, answers an array of these for every market).

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MarketPrice]
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
) -> Error | MarketPrice | None:
    """A market's latest price

     Public and unsigned. The price of the market's latest trade, as one object (not an array: the
    sources agree;
    `GET /markets/price`, not described here, answers an array of these for every market).

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MarketPrice
    """

    return sync_detailed(
        symbol=symbol,
        client=client,
    ).parsed


async def asyncio_detailed(
    symbol: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | MarketPrice]:
    """A market's latest price

     Public and unsigned. The price of the market's latest trade, as one object (not an array: the
    sources agree;
    `GET /markets/price`, not described here, answers an array of these for every market).

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MarketPrice]
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
) -> Error | MarketPrice | None:
    """A market's latest price

     Public and unsigned. The price of the market's latest trade, as one object (not an array: the
    sources agree;
    `GET /markets/price`, not described here, answers an array of these for every market).

    Args:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the
            exchange is refused with code 25019. Example: BTC_USDT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MarketPrice
    """

    return (
        await asyncio_detailed(
            symbol=symbol,
            client=client,
        )
    ).parsed
