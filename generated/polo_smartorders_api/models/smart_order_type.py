from typing import Literal

SmartOrderType = Literal["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]

SMART_ORDER_TYPE_VALUES: set[SmartOrderType] = {
    "STOP",
    "STOP_LIMIT",
    "TRAILING_STOP",
    "TRAILING_STOP_LIMIT",
}


def check_smart_order_type(value: str) -> SmartOrderType:
    if value in SMART_ORDER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SMART_ORDER_TYPE_VALUES!r}"
    )
