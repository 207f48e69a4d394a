"""openapi/derive.py's per-type answer fields (SmartOrderType x-type-fields ``answers``): derived for both place
operations, and a wrong entry stops generation with one line naming the type and the field (fast, on the real spec
loaded and edited in memory)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from tests.spec.test_derive import ROOT, derive, refused

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "smartorders.yaml").read_text())


def _with_answers(order_type: str, answers: object) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["SmartOrderType"]["x-type-fields"][order_type]["answers"] = answers
    return spec


def test_a_trailing_orders_stop_price_is_compared_with_its_activation_price() -> None:
    derived = derive.answer_fields(SPEC)
    for operation_id in ("createSmartOrder", "cancelReplaceSmartOrder"):
        assert derived[operation_id]["fields"]["stopPrice"] == "stopPrice"
        for order_type in ("TRAILING_STOP", "TRAILING_STOP_LIMIT"):
            assert derived[operation_id]["types"][order_type] == {"stopPrice": "activationPrice", "price": None}
        assert "STOP" not in derived[operation_id]["types"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {"stopPrise": "activationPrice"},
            "SmartOrderType x-type-fields: TRAILING_STOP answers names ['stopPrise'], which no x-places-orders "
            "request body has",
        ),
        (
            {"stopPrice": "activationPrize"},
            "SmartOrderType x-type-fields: TRAILING_STOP answers stopPrice as a found order's 'activationPrize', "
            "which SmartOrder does not have",
        ),
        (["stopPrice"], "SmartOrderType x-type-fields: TRAILING_STOP answers must map request fields to SmartOrder"),
    ],
    ids=["unknown-request-field", "unknown-answer-field", "not-a-map"],
)
def test_a_wrong_answers_entry_stops_generation_naming_it(answers: object, message: str) -> None:
    assert refused(derive.answer_fields, _with_answers("TRAILING_STOP", answers)).startswith(message)
