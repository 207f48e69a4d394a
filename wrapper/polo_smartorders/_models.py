"""The typed results: the generated attrs models, plus ``ok`` on cancel results."""

from __future__ import annotations

import attrs
from polo_smartorders_api.models import (
    CancelReplaceSmartOrderResponse,
    CreateSmartOrderResponse,
    CrossMargin,
    Market,
    MarketPrice,
    Order,
    SmartOrder,
    SymbolTradeLimit,
)
from polo_smartorders_api.models import CancelResult as _GeneratedCancelResult

__all__ = [
    "CancelReplaceSmartOrderResponse",
    "CancelResult",
    "CreateSmartOrderResponse",
    "CrossMargin",
    "Market",
    "MarketPrice",
    "Order",
    "SmartOrder",
    "SymbolTradeLimit",
]

#: Every field of the generated model, whatever the spec gives it (no hand copy: regeneration adds new ones).
_FIELDS = tuple(field.name for field in attrs.fields(_GeneratedCancelResult) if field.init)


class CancelResult(_GeneratedCancelResult):
    """One order's cancel outcome. A 200 answer can still carry a failure: check ``ok``."""

    @classmethod
    def of(cls, result: _GeneratedCancelResult) -> CancelResult:
        """The generated parser's result, with ``ok``."""
        ours = cls(**{name: getattr(result, name) for name in _FIELDS})
        ours.additional_properties = result.additional_properties
        return ours

    @property
    def ok(self) -> bool:
        """True when the exchange reported success (code 0 or 200)."""
        return self.code in (0, 200)
