from typing import Literal

HistoryState = Literal["CANCELED", "FAILED", "FILLED", "PARTIALLY_CANCELED"]

HISTORY_STATE_VALUES: set[HistoryState] = {
    "CANCELED",
    "FAILED",
    "FILLED",
    "PARTIALLY_CANCELED",
}


def check_history_state(value: str) -> HistoryState:
    if value in HISTORY_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HISTORY_STATE_VALUES!r}"
    )
