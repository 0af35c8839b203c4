"""Rules: matching conditions, continue semantics, computed severity, deterministic ids."""

from __future__ import annotations

from typing import Any

from schemas import EventType, Precision, Severity
from stream.core.rules import (
    DEFAULT_RULES,
    Rule,
    alert_id_for,
    build_alert,
    matching_rules,
    rule_matches,
    severity_for,
)
from tests.alert_events import BASE_TIME, make_event

ALEPPO = ("Aleppo", "170063", 36.2021, 37.1343, "SY", "Aleppo")


def rule(**fields: Any) -> Rule:
    """A rule named 'r' with the given fields."""
    return Rule.model_validate({"name": "r", **fields})


def test_type_must_be_labelled_with_enough_score() -> None:
    """An attack scored 0.4 does not meet min_score 0.5."""
    weak = make_event("a", "Shelling in Mosul", score=0.4)
    assert not rule_matches(rule(match={"types": ["attack"]}), weak)
    assert rule_matches(rule(match={"types": ["attack"], "min_score": 0.3}), weak)


def test_countries_and_admin1_match_the_focus() -> None:
    """Country codes compare upper-case; admin1 compares case-insensitively."""
    event = make_event("a", "Blast in Mosul")
    assert rule_matches(rule(match={"countries": ["iq"], "admin1": ["nineveh"]}), event)
    assert not rule_matches(rule(match={"countries": ["SY"]}), event)


def test_place_conditions_fail_without_a_focus() -> None:
    """An event without a located focus never meets a geofence."""
    event = make_event("a", "Blast somewhere", place=None)
    fence = {"within": [{"circle": {"lat": 36.3, "lon": 43.1, "radius_km": 50}}]}
    assert not rule_matches(rule(match=fence), event)


def test_geofence_circle_matches_mosul_but_not_aleppo() -> None:
    """A 50 km circle around Mosul contains Mosul and not Aleppo."""
    fence = {"within": [{"circle": {"lat": 36.34, "lon": 43.13, "radius_km": 50}}]}
    assert rule_matches(rule(match=fence), make_event("a", "Blast in Mosul"))
    assert not rule_matches(rule(match=fence), make_event("b", "Blast", place=ALEPPO))


def test_actors_keywords_and_casualties_must_all_hold() -> None:
    """Actors, keywords and minimum killed are ANDed together."""
    match = {"actors": ["islamic state"], "keywords": ["car bomb"], "min_killed": 5}
    hit = make_event("a", "Car bomb kills 7 in Mosul", actors=("Islamic State",), killed=7)
    few = make_event("b", "Car bomb kills 2 in Mosul", actors=("Islamic State",), killed=2)
    other = make_event("c", "Car bomb kills 9 in Mosul", actors=("Kurdish forces",), killed=9)
    assert rule_matches(rule(match=match), hit)
    assert not rule_matches(rule(match=match), few)
    assert not rule_matches(rule(match=match), other)


def test_keywords_match_whole_words_only() -> None:
    """'ied' does not match inside 'died'."""
    event = make_event("a", "Two died in Mosul clashes")
    assert not rule_matches(rule(match={"keywords": ["ied"]}), event)


def test_without_continue_the_first_matching_rule_stops_the_walk() -> None:
    """Alertmanager semantics: later rules only see the event after a `continue: true`."""
    event = make_event("a", "Blast in Mosul")
    first = Rule.model_validate({"name": "first"})
    second = Rule.model_validate({"name": "second"})
    assert [r.name for r in matching_rules([first, second], event)] == ["first"]
    fan_out = Rule.model_validate({"name": "first", "continue": True})
    assert [r.name for r in matching_rules([fan_out, second], event)] == ["first", "second"]


def test_severity_is_the_first_matching_case_else_the_default() -> None:
    """20 killed is critical, a country-level threat is info, anything else warning."""
    policy = rule(
        severity={
            "default": "warning",
            "when": [
                {"min_killed": 20, "severity": "critical"},
                {"types": ["threat"], "precision": ["country"], "severity": "info"},
            ],
        }
    ).severity
    assert severity_for(policy, make_event("a", "x", killed=25)) is Severity.CRITICAL
    threat = make_event("b", "x", type_=EventType.THREAT, precision=Precision.COUNTRY)
    assert severity_for(policy, threat) is Severity.INFO
    assert severity_for(policy, make_event("c", "x", killed=3)) is Severity.WARNING


def test_a_fixed_severity_is_a_plain_string() -> None:
    """`severity: critical` means always critical."""
    assert (
        severity_for(rule(severity="critical").severity, make_event("a", "x")) is Severity.CRITICAL
    )


def test_alert_ids_are_deterministic_per_incident_and_report() -> None:
    """The first alert's id depends on the incident; an update's also on the event."""
    assert alert_id_for("r", "inc_1") == alert_id_for("r", "inc_1")
    assert alert_id_for("r", "inc_1") != alert_id_for("r", "inc_1", "evt_2")
    event = make_event("a", "Blast in Mosul")
    first = build_alert(rule(), event, incident_id="inc_1", status="new", now=BASE_TIME)
    update = build_alert(rule(), event, incident_id="inc_1", status="update", now=BASE_TIME)
    assert first.id == alert_id_for("r", "inc_1")
    assert update.id == alert_id_for("r", "inc_1", event.id)


def test_default_rules_raise_one_alert_per_labelled_type() -> None:
    """The built-in rules fan out: an attack raises exactly the 'attacks' alert."""
    event = make_event("a", "Blast in Mosul")
    matched = matching_rules(DEFAULT_RULES, event)
    assert [(r.name, severity_for(r.severity, event)) for r in matched] == [
        ("attacks", Severity.CRITICAL)
    ]
