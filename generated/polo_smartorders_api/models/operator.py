from enum import StrEnum


class Operator(StrEnum):
    GTE = "GTE"
    LTE = "LTE"

    def __str__(self) -> str:
        return str(self.value)
