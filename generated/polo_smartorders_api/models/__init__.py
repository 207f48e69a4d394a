"""Contains all the data models used in inputs/outputs"""

from .account_type import AccountType
from .cancel_all_smart_orders_request import CancelAllSmartOrdersRequest
from .cancel_replace_smart_order_request import CancelReplaceSmartOrderRequest
from .cancel_replace_smart_order_response import CancelReplaceSmartOrderResponse
from .cancel_result import CancelResult
from .cancel_smart_orders_by_ids_request import CancelSmartOrdersByIdsRequest
from .create_smart_order_request import CreateSmartOrderRequest
from .create_smart_order_response import CreateSmartOrderResponse
from .cross_margin import CrossMargin
from .direction import Direction
from .error import Error
from .history_state import HistoryState
from .market import Market
from .market_price import MarketPrice
from .operator import Operator
from .order import Order
from .server_time import ServerTime
from .side import Side
from .smart_order import SmartOrder
from .smart_order_type import SmartOrderType
from .symbol_trade_limit import SymbolTradeLimit
from .time_in_force import TimeInForce

__all__ = (
    "AccountType",
    "CancelAllSmartOrdersRequest",
    "CancelReplaceSmartOrderRequest",
    "CancelReplaceSmartOrderResponse",
    "CancelResult",
    "CancelSmartOrdersByIdsRequest",
    "CreateSmartOrderRequest",
    "CreateSmartOrderResponse",
    "CrossMargin",
    "Direction",
    "Error",
    "HistoryState",
    "Market",
    "MarketPrice",
    "Operator",
    "Order",
    "ServerTime",
    "Side",
    "SmartOrder",
    "SmartOrderType",
    "SymbolTradeLimit",
    "TimeInForce",
)
