from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_smart_order_request import CreateSmartOrderRequest
from ...models.create_smart_order_response import CreateSmartOrderResponse
from ...models.error import Error
from ...types import Response, json_of


def _get_kwargs(
    *,
    body: CreateSmartOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/smartorders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateSmartOrderResponse | Error | None:
    if response.status_code == 200:
        response_200 = CreateSmartOrderResponse.from_dict(json_of(response))

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(json_of(response))

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(json_of(response))

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(json_of(response))

        return response_403

    if response.status_code == 408:
        response_408 = Error.from_dict(json_of(response))

        return response_408

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
) -> Response[CreateSmartOrderResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSmartOrderRequest,
) -> Response[CreateSmartOrderResponse | Error]:
    """Create a smart order

     Places a stop, stop-limit or trailing-stop order that waits, untriggered, until the market price
    crosses its
    stop price. `type` defaults to STOP without `price` and STOP_LIMIT with it. Give exactly one of
    `quantity`
    (base units) and `amount` (quote units).

    Args:
        body (CreateSmartOrderRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSmartOrderResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSmartOrderRequest,
) -> CreateSmartOrderResponse | Error | None:
    """Create a smart order

     Places a stop, stop-limit or trailing-stop order that waits, untriggered, until the market price
    crosses its
    stop price. `type` defaults to STOP without `price` and STOP_LIMIT with it. Give exactly one of
    `quantity`
    (base units) and `amount` (quote units).

    Args:
        body (CreateSmartOrderRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSmartOrderResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSmartOrderRequest,
) -> Response[CreateSmartOrderResponse | Error]:
    """Create a smart order

     Places a stop, stop-limit or trailing-stop order that waits, untriggered, until the market price
    crosses its
    stop price. `type` defaults to STOP without `price` and STOP_LIMIT with it. Give exactly one of
    `quantity`
    (base units) and `amount` (quote units).

    Args:
        body (CreateSmartOrderRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSmartOrderResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSmartOrderRequest,
) -> CreateSmartOrderResponse | Error | None:
    """Create a smart order

     Places a stop, stop-limit or trailing-stop order that waits, untriggered, until the market price
    crosses its
    stop price. `type` defaults to STOP without `price` and STOP_LIMIT with it. Give exactly one of
    `quantity`
    (base units) and `amount` (quote units).

    Args:
        body (CreateSmartOrderRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSmartOrderResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
