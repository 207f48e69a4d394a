from typing import Literal

Operator = Literal["GTE", "LTE"]

OPERATOR_VALUES: set[Operator] = {
    "GTE",
    "LTE",
}


def check_operator(value: str) -> Operator:
    if value in OPERATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OPERATOR_VALUES!r}")
