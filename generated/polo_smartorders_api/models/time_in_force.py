from typing import Literal

TimeInForce = Literal["FOK", "GTC", "IOC"]

TIME_IN_FORCE_VALUES: set[TimeInForce] = {
    "FOK",
    "GTC",
    "IOC",
}


def check_time_in_force(value: str) -> TimeInForce:
    if value in TIME_IN_FORCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TIME_IN_FORCE_VALUES!r}"
    )
