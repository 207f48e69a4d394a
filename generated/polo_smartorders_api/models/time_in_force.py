from enum import StrEnum


class TimeInForce(StrEnum):
    FOK = "FOK"
    GTC = "GTC"
    IOC = "IOC"

    def __str__(self) -> str:
        return str(self.value)
