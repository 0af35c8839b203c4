"""One event through rules, incidents, silences and inhibition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from schemas import Event, Precision
from stream.core.alert_flow import EventOutcome, decide, partition_key
from stream.core.incidents import Incident
from stream.core.rules import RuleSet
from stream.core.rules_load import parse_rules_text
from stream.core.silences import ActiveSource, LabelMatcher, Silence, new_silence
from tests.alert_events import BASE_TIME, make_event

RULES = RuleSet.from_config(
    parse_rules_text(
        """
rules:
  - name: escalation
    match: {precision: [country]}
    continue: true
  - name: city-attacks
    match: {types: [attack], precision: [city]}
inhibit_rules:
  - source_matchers: ["rule=escalation"]
    target_matchers: ["rule=city-attacks"]
    equal: [country]
    duration: 1h
""",
        "rules.yaml",
        {},
    )
)
IRAQ = ("Iraq", "99237", 33.0, 44.0, "IQ", "")


def run(
    event: Event,
    incidents: dict[str, list[Incident]] | None = None,
    sources: Sequence[ActiveSource] = (),
    silences: Sequence[Silence] = (),
) -> EventOutcome:
    """Decide with the given state at BASE_TIME."""
    store = incidents or {}
    return decide(
        RULES,
        event,
        incidents_for=lambda key: store.get(key, []),
        sources=sources,
        silences=silences,
        now=BASE_TIME,
    )


def test_events_are_partitioned_by_focus_country() -> None:
    """The regrouping key is the focus country, '-' without one."""
    assert partition_key(make_event("a", "x")) == "IQ"
    assert partition_key(make_event("b", "x", place=None)) == "-"


def test_a_country_escalation_mutes_the_city_alert_that_follows() -> None:
    """The escalation becomes an active source; the Mosul attack is then inhibited."""
    escalation = run(
        make_event("e", "Offensive across Iraq", place=IRAQ, precision=Precision.COUNTRY)
    )
    assert [rule.name for rule, _ in escalation.published] == ["escalation"]
    city = run(make_event("c", "Car bomb in Mosul", minutes=10), sources=escalation.sources)
    [muted] = city.rules
    assert muted.muted_by is not None
    assert muted.muted_by.startswith("inhibited:")
    assert city.published == []


def test_a_silence_mutes_a_matching_alert() -> None:
    """country=IQ silenced: the alert is decided but not published."""
    silence = new_silence(
        [LabelMatcher.model_validate("country=IQ")], now=BASE_TIME, duration=timedelta(hours=1)
    )
    outcome = run(make_event("c", "Car bomb in Mosul"), silences=[silence])
    assert outcome.published == []
    assert outcome.rules[0].muted_by == f"silence:{silence.id}"


def test_a_muted_first_alert_is_sent_with_the_next_report_after_the_silence() -> None:
    """The incident's 'new' alert, held back by a silence, goes out with the next report."""
    silence = new_silence(
        [LabelMatcher.model_validate("country=IQ")], now=BASE_TIME, duration=timedelta(hours=1)
    )
    muted = run(make_event("c1", "Car bomb in Mosul market"), silences=[silence])
    [rule_outcome] = muted.rules
    store = {rule_outcome.group_key: rule_outcome.incidents}
    later = run(make_event("c2", "Car bomb in Mosul market", minutes=5), incidents=store)
    [(_, alert)] = later.published
    assert alert.status == "new"
    assert rule_outcome.alert is not None
    assert alert.id == rule_outcome.alert.id
