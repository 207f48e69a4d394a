"""The typed results: the generated attrs models, plus ``ok`` on cancel results."""

from __future__ import annotations

from polo_smartorders_api.models import CancelReplaceSmartOrderResponse, CreateSmartOrderResponse, Order, SmartOrder
from polo_smartorders_api.models import CancelResult as _GeneratedCancelResult

__all__ = ["CancelReplaceSmartOrderResponse", "CancelResult", "CreateSmartOrderResponse", "Order", "SmartOrder"]


class CancelResult(_GeneratedCancelResult):
    """One order's cancel outcome. A 200 answer can still carry a failure: check ``ok``."""

    @classmethod
    def of(cls, result: _GeneratedCancelResult) -> CancelResult:
        """The generated parser's result, with ``ok``."""
        ours = cls(
            order_id=result.order_id,
            client_order_id=result.client_order_id,
            state=result.state,
            code=result.code,
            message=result.message,
        )
        ours.additional_properties = result.additional_properties
        return ours

    @property
    def ok(self) -> bool:
        """True when the exchange reported success (code 0 or 200)."""
        return self.code in (0, 200)
