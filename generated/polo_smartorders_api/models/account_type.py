from enum import StrEnum


class AccountType(StrEnum):
    SPOT = "SPOT"

    def __str__(self) -> str:
        return str(self.value)
