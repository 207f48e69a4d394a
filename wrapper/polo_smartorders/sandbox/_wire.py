"""Wire values the engine computes with: plain-decimal text and offsets, parsed strictly, never via float."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

#: The shape the engine computes offsets with. Which texts a field takes (its pattern and length) is the spec's,
#: checked before this parses; it only turns an accepted text into a number.
_OFFSET = re.compile(r"([0-9]+(?:\.[0-9]+)?)(%?)")


def fmt(value: Decimal) -> str:
    """A decimal as plain text (never exponent notation), as the exchange writes amounts."""
    return format(value, "f")


@dataclass(frozen=True)
class Offset:
    """A trailing or limit offset: an absolute price distance, or a percentage of a reference price."""

    text: str
    value: Decimal
    percent: bool

    @classmethod
    def parse(cls, text: str) -> Offset | None:
        """An offset from `1.5` or `1.5%` (greater than 0), or None if the text is not one."""
        match = _OFFSET.fullmatch(text)
        if match is None or Decimal(match.group(1)) <= 0:
            return None
        return cls(text=text, value=Decimal(match.group(1)), percent=match.group(2) == "%")

    def distance(self, reference: Decimal) -> Decimal:
        """The price distance this offset stands for at `reference`."""
        return reference * self.value / 100 if self.percent else self.value
