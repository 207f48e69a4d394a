"""The retry rule explored exhaustively (tests/support/explore.py) to a small bound inside ``make test``; ``make explore``
goes one fault further."""

from __future__ import annotations

import pytest
from polo_smartorders import SmartOrder, _reconcile
from polo_smartorders._clock import Clock

from tests.support.explore import SCENARIOS, Chooser, Scenario, explore, run_schedule


def test_every_schedule_of_up_to_two_faults_places_at_most_one_order_and_tells_the_truth() -> None:
    report = explore(faults=2)
    assert report.counterexamples == [], "\n\n".join(report.counterexamples)
    assert report.schedules > 2_000  # the tree was walked, not cut short


def test_the_explorer_finds_the_double_order_of_a_rule_that_ignores_the_exchanges_clock_skew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Today's rule with its UNPROVEN verdict taken as "not ours" (the rule before the clock-skew fix) must fail."""
    judge = _reconcile.Placement.judge

    def strict(self: _reconcile.Placement, order: SmartOrder, clock: Clock) -> _reconcile.Verdict:
        verdict = judge(self, order, clock)
        return _reconcile.Verdict.NOT_OURS if verdict is _reconcile.Verdict.UNPROVEN else verdict

    monkeypatch.setattr(_reconcile.Placement, "judge", strict)
    report = explore(faults=1, scenarios=[s for s in SCENARIOS if s.behind_ms == 1_000], stop_after=1)
    assert report.counterexamples and "yet placed" in report.counterexamples[0]


def test_a_schedule_replays_the_same_way() -> None:
    """A counterexample's schedule is worth printing only if replaying it takes the same path."""
    scenario = Scenario("replace-by-cid", 25, "twin")
    walk = Chooser([], budget=2)
    run_schedule(scenario, walk)
    prefix = walk.next_prefix()
    assert prefix is not None
    first, second = Chooser(prefix, budget=2), Chooser(prefix, budget=2)
    assert run_schedule(scenario, first) == run_schedule(scenario, second)
    assert first.trace == second.trace and first.trace != walk.trace
