from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_replace_smart_order_request import CancelReplaceSmartOrderRequest
from ...models.cancel_replace_smart_order_response import (
    CancelReplaceSmartOrderResponse,
)
from ...models.error import Error
from ...types import UNSET, Response, Unset, json_of


def _get_kwargs(
    id: str,
    *,
    body: CancelReplaceSmartOrderRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/smartorders/{id}".format(
            id=quote(str(id), safe=":"),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CancelReplaceSmartOrderResponse | Error | None:
    if response.status_code == 200:
        response_200 = CancelReplaceSmartOrderResponse.from_dict(json_of(response))

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

    if response.status_code == 404:
        response_404 = Error.from_dict(json_of(response))

        return response_404

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
) -> Response[CancelReplaceSmartOrderResponse | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelReplaceSmartOrderRequest | Unset = UNSET,
) -> Response[CancelReplaceSmartOrderResponse | Error]:
    """Cancel an untriggered smart order and place a new one

     Cancels the order and places a new one on the same symbol. Fields not sent are copied from the old
    order.
    With `proceedOnFailure` true the new order is placed even when cancelling the old one fails. Answers
    the
    **new** order's id.

    Args:
        id (str):
        body (CancelReplaceSmartOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelReplaceSmartOrderResponse | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelReplaceSmartOrderRequest | Unset = UNSET,
) -> CancelReplaceSmartOrderResponse | Error | None:
    """Cancel an untriggered smart order and place a new one

     Cancels the order and places a new one on the same symbol. Fields not sent are copied from the old
    order.
    With `proceedOnFailure` true the new order is placed even when cancelling the old one fails. Answers
    the
    **new** order's id.

    Args:
        id (str):
        body (CancelReplaceSmartOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelReplaceSmartOrderResponse | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelReplaceSmartOrderRequest | Unset = UNSET,
) -> Response[CancelReplaceSmartOrderResponse | Error]:
    """Cancel an untriggered smart order and place a new one

     Cancels the order and places a new one on the same symbol. Fields not sent are copied from the old
    order.
    With `proceedOnFailure` true the new order is placed even when cancelling the old one fails. Answers
    the
    **new** order's id.

    Args:
        id (str):
        body (CancelReplaceSmartOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelReplaceSmartOrderResponse | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelReplaceSmartOrderRequest | Unset = UNSET,
) -> CancelReplaceSmartOrderResponse | Error | None:
    """Cancel an untriggered smart order and place a new one

     Cancels the order and places a new one on the same symbol. Fields not sent are copied from the old
    order.
    With `proceedOnFailure` true the new order is placed even when cancelling the old one fails. Answers
    the
    **new** order's id.

    Args:
        id (str):
        body (CancelReplaceSmartOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelReplaceSmartOrderResponse | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
