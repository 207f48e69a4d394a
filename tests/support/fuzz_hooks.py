"""Schemathesis CLI hooks for `make fuzz` (SCHEMATHESIS_HOOKS=tests.support.fuzz_hooks): the same setup as the pytest run.

Signs every request, steers two of three positive create / cancel-replace bodies to pass the business rules,
judges those bodies with the independent rule model, and lets stateful runs start with a create. The sandbox URL
and account come from SANDBOX_URL, SANDBOX_KEY and SANDBOX_SECRET (set by tests/support/fuzz_cli.py).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

import requests
import schemathesis

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.sandbox import business_rule_check, steer_to_accepted
from tests.support.signing import RequestsSigner

SIGNER = RequestsSigner(os.environ.get("SANDBOX_KEY", KEY), os.environ.get("SANDBOX_SECRET", SECRET))


def lookup(ref: str) -> dict[str, Any] | None:
    """The sandbox's view of one order of the fuzzing account, read with a signed GET."""
    url = f"{os.environ['SANDBOX_URL']}/smartorders/{quote(ref, safe=':')}"
    answer = requests.get(url, auth=SIGNER, timeout=10)
    answer.raise_for_status()
    orders = answer.json()
    return dict(orders[0]) if orders else None


schemathesis.auth.set_from_requests(SIGNER)  # type: ignore[attr-defined]  # attached at runtime
schemathesis.hook("map_case")(steer_to_accepted)
schemathesis.check(business_rule_check(lookup))


@schemathesis.hook
def after_load_schema(context: Any, schema: Any) -> None:
    """Let stateful runs start with POST /smartorders (see the same fix in tests/sandbox/test_conformance.py)."""
    create = schema.analysis.dependency_graph.operations["POST /smartorders"]
    create.inputs = [slot for slot in create.inputs if slot.parameter_name != "clientOrderId"]
