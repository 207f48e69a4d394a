from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_all_smart_orders_request import CancelAllSmartOrdersRequest
from ...models.cancel_result import CancelResult
from ...models.error import Error
from ...types import UNSET, Response, Unset, json_of


def _get_kwargs(
    *,
    body: CancelAllSmartOrdersRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/smartorders",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[CancelResult] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = json_of(response)
        for response_200_item_data in _response_200:
            response_200_item = CancelResult.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[CancelResult]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CancelAllSmartOrdersRequest | Unset = UNSET,
) -> Response[Error | list[CancelResult]]:
    """Cancel every smart order that matches

     Cancels every open smart order of the account whose symbol, account type and order type match the
    given
    filters. A filter left out matches everything: with no body at all, every open smart order is
    cancelled.

    Args:
        body (CancelAllSmartOrdersRequest | Unset): Filters AND together; a filter left out
            matches everything. An empty list is refused, so that a bug sending one can never widen a
            filtered cancel into "cancel everything".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[CancelResult]]
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
    body: CancelAllSmartOrdersRequest | Unset = UNSET,
) -> Error | list[CancelResult] | None:
    """Cancel every smart order that matches

     Cancels every open smart order of the account whose symbol, account type and order type match the
    given
    filters. A filter left out matches everything: with no body at all, every open smart order is
    cancelled.

    Args:
        body (CancelAllSmartOrdersRequest | Unset): Filters AND together; a filter left out
            matches everything. An empty list is refused, so that a bug sending one can never widen a
            filtered cancel into "cancel everything".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[CancelResult]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CancelAllSmartOrdersRequest | Unset = UNSET,
) -> Response[Error | list[CancelResult]]:
    """Cancel every smart order that matches

     Cancels every open smart order of the account whose symbol, account type and order type match the
    given
    filters. A filter left out matches everything: with no body at all, every open smart order is
    cancelled.

    Args:
        body (CancelAllSmartOrdersRequest | Unset): Filters AND together; a filter left out
            matches everything. An empty list is refused, so that a bug sending one can never widen a
            filtered cancel into "cancel everything".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[CancelResult]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CancelAllSmartOrdersRequest | Unset = UNSET,
) -> Error | list[CancelResult] | None:
    """Cancel every smart order that matches

     Cancels every open smart order of the account whose symbol, account type and order type match the
    given
    filters. A filter left out matches everything: with no body at all, every open smart order is
    cancelled.

    Args:
        body (CancelAllSmartOrdersRequest | Unset): Filters AND together; a filter left out
            matches everything. An empty list is refused, so that a bug sending one can never widen a
            filtered cancel into "cancel everything".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[CancelResult]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
