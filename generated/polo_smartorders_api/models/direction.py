from typing import Literal

Direction = Literal["NEXT", "PRE"]

DIRECTION_VALUES: set[Direction] = {
    "NEXT",
    "PRE",
}


def check_direction(value: str) -> Direction:
    if value in DIRECTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DIRECTION_VALUES!r}")
