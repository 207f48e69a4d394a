from enum import StrEnum


class Direction(StrEnum):
    NEXT = "NEXT"
    PRE = "PRE"

    def __str__(self) -> str:
        return str(self.value)
