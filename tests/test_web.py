"""Readiness: what /readyz reports before and after the worker is usable."""

from __future__ import annotations

from stream.web import BROKER_STALE_AFTER_S, Readiness


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _ready(clock: _Clock) -> Readiness:
    readiness = Readiness(rules_loaded=True, assignment_received=True, clock=clock)
    readiness.broker_reached()
    return readiness


def test_a_fresh_worker_is_not_ready_and_says_why() -> None:
    problems = Readiness(clock=_Clock()).problems()
    assert len(problems) == 3
    assert any("broker" in problem for problem in problems)
    assert any("assignment" in problem for problem in problems)
    assert any("rules" in problem for problem in problems)


def test_broker_contact_assignment_and_rules_make_the_worker_ready() -> None:
    assert _ready(_Clock()).problems() == []


def test_missing_assignment_alone_keeps_the_worker_unready() -> None:
    clock = _Clock()
    readiness = _ready(clock)
    readiness.assignment_received = False
    assert readiness.problems() == ["no partition assignment received"]


def test_stale_broker_contact_makes_the_worker_unready_with_the_last_error() -> None:
    clock = _Clock()
    readiness = _ready(clock)
    readiness.broker_failed("KafkaConnectionError()")
    clock.now += BROKER_STALE_AFTER_S + 1
    assert readiness.problems() == ["broker not reached: KafkaConnectionError()"]


def test_one_failed_broker_round_trip_within_the_grace_period_keeps_readiness() -> None:
    clock = _Clock()
    readiness = _ready(clock)
    readiness.broker_failed("timeout")
    clock.now += 1
    assert readiness.problems() == []
