from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_type import AccountType
from ...models.direction import Direction
from ...models.error import Error
from ...models.history_state import HistoryState
from ...models.side import Side
from ...models.smart_order import SmartOrder
from ...models.smart_order_type import SmartOrderType
from ...types import UNSET, Response, Unset, json_of


def _get_kwargs(
    *,
    account_type: AccountType | Unset = UNSET,
    type_: list[SmartOrderType] | Unset = UNSET,
    side: Side | Unset = UNSET,
    symbol: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    direction: Direction | Unset = UNSET,
    states: list[HistoryState] | Unset = UNSET,
    limit: int | Unset = 100,
    hide_cancel: bool | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_account_type: str | Unset = UNSET
    if not isinstance(account_type, Unset):
        json_account_type = account_type

    params["accountType"] = json_account_type

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item: str = type_item_data
            json_type_.append(type_item)

    params["type"] = json_type_

    json_side: str | Unset = UNSET
    if not isinstance(side, Unset):
        json_side = side

    params["side"] = json_side

    params["symbol"] = symbol

    params["from"] = from_

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction

    params["direction"] = json_direction

    json_states: list[str] | Unset = UNSET
    if not isinstance(states, Unset):
        json_states = []
        for states_item_data in states:
            states_item: str = states_item_data
            json_states.append(states_item)

    params["states"] = json_states

    params["limit"] = limit

    params["hideCancel"] = hide_cancel

    params["startTime"] = start_time

    params["endTime"] = end_time

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    # The exchange takes list parameters comma-separated (style: form, explode: false).
    params = {k: ",".join(v) if isinstance(v, list) else v for k, v in params.items()}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/smartorders/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[SmartOrder] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = json_of(response)
        for response_200_item_data in _response_200:
            response_200_item = SmartOrder.from_dict(response_200_item_data)

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
) -> Response[Error | list[SmartOrder]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_type: AccountType | Unset = UNSET,
    type_: list[SmartOrderType] | Unset = UNSET,
    side: Side | Unset = UNSET,
    symbol: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    direction: Direction | Unset = UNSET,
    states: list[HistoryState] | Unset = UNSET,
    limit: int | Unset = 100,
    hide_cancel: bool | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Response[Error | list[SmartOrder]]:
    """Smart order history

     Past smart orders (triggered, cancelled, failed, ...), paged by id with `from` and `direction`.

    Args:
        account_type (AccountType | Unset):
        type_ (list[SmartOrderType] | Unset):
        side (Side | Unset):
        symbol (str | Unset): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of
            the exchange is refused with code 25019. Example: BTC_USDT.
        from_ (str | Unset): A numeric order id, kept as a string (up to about 19 digits).
            Example: 10000001.
        direction (Direction | Unset):
        states (list[HistoryState] | Unset):
        limit (int | Unset):  Default: 100.
        hide_cancel (bool | Unset):
        start_time (int | Unset):
        end_time (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[SmartOrder]]
    """

    kwargs = _get_kwargs(
        account_type=account_type,
        type_=type_,
        side=side,
        symbol=symbol,
        from_=from_,
        direction=direction,
        states=states,
        limit=limit,
        hide_cancel=hide_cancel,
        start_time=start_time,
        end_time=end_time,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    account_type: AccountType | Unset = UNSET,
    type_: list[SmartOrderType] | Unset = UNSET,
    side: Side | Unset = UNSET,
    symbol: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    direction: Direction | Unset = UNSET,
    states: list[HistoryState] | Unset = UNSET,
    limit: int | Unset = 100,
    hide_cancel: bool | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Error | list[SmartOrder] | None:
    """Smart order history

     Past smart orders (triggered, cancelled, failed, ...), paged by id with `from` and `direction`.

    Args:
        account_type (AccountType | Unset):
        type_ (list[SmartOrderType] | Unset):
        side (Side | Unset):
        symbol (str | Unset): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of
            the exchange is refused with code 25019. Example: BTC_USDT.
        from_ (str | Unset): A numeric order id, kept as a string (up to about 19 digits).
            Example: 10000001.
        direction (Direction | Unset):
        states (list[HistoryState] | Unset):
        limit (int | Unset):  Default: 100.
        hide_cancel (bool | Unset):
        start_time (int | Unset):
        end_time (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[SmartOrder]
    """

    return sync_detailed(
        client=client,
        account_type=account_type,
        type_=type_,
        side=side,
        symbol=symbol,
        from_=from_,
        direction=direction,
        states=states,
        limit=limit,
        hide_cancel=hide_cancel,
        start_time=start_time,
        end_time=end_time,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_type: AccountType | Unset = UNSET,
    type_: list[SmartOrderType] | Unset = UNSET,
    side: Side | Unset = UNSET,
    symbol: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    direction: Direction | Unset = UNSET,
    states: list[HistoryState] | Unset = UNSET,
    limit: int | Unset = 100,
    hide_cancel: bool | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Response[Error | list[SmartOrder]]:
    """Smart order history

     Past smart orders (triggered, cancelled, failed, ...), paged by id with `from` and `direction`.

    Args:
        account_type (AccountType | Unset):
        type_ (list[SmartOrderType] | Unset):
        side (Side | Unset):
        symbol (str | Unset): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of
            the exchange is refused with code 25019. Example: BTC_USDT.
        from_ (str | Unset): A numeric order id, kept as a string (up to about 19 digits).
            Example: 10000001.
        direction (Direction | Unset):
        states (list[HistoryState] | Unset):
        limit (int | Unset):  Default: 100.
        hide_cancel (bool | Unset):
        start_time (int | Unset):
        end_time (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[SmartOrder]]
    """

    kwargs = _get_kwargs(
        account_type=account_type,
        type_=type_,
        side=side,
        symbol=symbol,
        from_=from_,
        direction=direction,
        states=states,
        limit=limit,
        hide_cancel=hide_cancel,
        start_time=start_time,
        end_time=end_time,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    account_type: AccountType | Unset = UNSET,
    type_: list[SmartOrderType] | Unset = UNSET,
    side: Side | Unset = UNSET,
    symbol: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    direction: Direction | Unset = UNSET,
    states: list[HistoryState] | Unset = UNSET,
    limit: int | Unset = 100,
    hide_cancel: bool | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Error | list[SmartOrder] | None:
    """Smart order history

     Past smart orders (triggered, cancelled, failed, ...), paged by id with `from` and `direction`.

    Args:
        account_type (AccountType | Unset):
        type_ (list[SmartOrderType] | Unset):
        side (Side | Unset):
        symbol (str | Unset): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of
            the exchange is refused with code 25019. Example: BTC_USDT.
        from_ (str | Unset): A numeric order id, kept as a string (up to about 19 digits).
            Example: 10000001.
        direction (Direction | Unset):
        states (list[HistoryState] | Unset):
        limit (int | Unset):  Default: 100.
        hide_cancel (bool | Unset):
        start_time (int | Unset):
        end_time (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[SmartOrder]
    """

    return (
        await asyncio_detailed(
            client=client,
            account_type=account_type,
            type_=type_,
            side=side,
            symbol=symbol,
            from_=from_,
            direction=direction,
            states=states,
            limit=limit,
            hide_cancel=hide_cancel,
            start_time=start_time,
            end_time=end_time,
        )
    ).parsed
