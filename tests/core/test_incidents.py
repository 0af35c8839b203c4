"""Incident grouping: one incident per real-world event, updates for news, replays unchanged."""

from __future__ import annotations

from schemas import EventType
from stream.core.incidents import Grouping, Incident, Report, group_report, similarity
from stream.core.rules_config import GroupPolicy
from tests.alert_events import make_event

POLICY = GroupPolicy.model_validate({"group_interval": "1h", "repeat_interval": "4h"})
ERBIL = ("Erbil", "95446", 36.19, 44.01, "IQ", "Erbil")
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "Rudaw", "Kurdistan24", "NYT", "CNN", "DW"]


def feed(reports: list[Report], stored: list[Incident] | None = None) -> list[Grouping]:
    """Group reports one after another, carrying the stored incidents along."""
    incidents = list(stored or [])
    results = []
    for report in reports:
        grouping = group_report(incidents, "r", report, POLICY)
        incidents = grouping.incidents
        results.append(grouping)
    return results


def outlet_report(index: int, killed: int | None = 5, minutes: float | None = None) -> Report:
    """Outlet `index` reporting the Mosul market bombing in its own words."""
    titles = [
        "Car bomb kills five at Mosul market",
        "Mosul market car bomb blast kills five",
        "Explosion at crowded Mosul market, five dead",
    ]
    event = make_event(
        f"{OUTLETS[index]}-1",
        titles[index % 3],
        killed=killed,
        source=OUTLETS[index],
        minutes=index * 3 if minutes is None else minutes,
    )
    return Report.from_event(event)


def test_ten_outlets_make_one_incident_with_one_new_alert() -> None:
    """Ten reports of one bombing: one 'new', nothing else while nothing changes."""
    results = feed([outlet_report(i) for i in range(10)])
    assert len({r.incident.id for r in results}) == 1
    assert [r.status for r in results] == ["new"] + ["none"] * 9
    assert results[-1].incident.reports == 10
    assert len(results[-1].incident.sources) == 10


def test_a_higher_casualty_figure_produces_an_update() -> None:
    """A later report with more dead updates the incident at once."""
    results = feed([outlet_report(0, killed=5), outlet_report(1, killed=5), outlet_report(2, 9)])
    assert [r.status for r in results] == ["new", "none", "update"]
    assert results[-1].incident.killed == 9


def test_new_sources_update_after_the_group_interval() -> None:
    """More sources notify once the group interval has passed since the last notification."""
    results = feed([outlet_report(0, minutes=0), outlet_report(1, minutes=61)])
    assert [r.status for r in results] == ["new", "update"]


def test_an_unchanged_incident_repeats_after_the_repeat_interval() -> None:
    """The same outlet again after 4 hours re-notifies."""
    first = outlet_report(0, minutes=0)
    again = Report.from_event(
        make_event(
            "Reuters-2",
            "Car bomb kills five at Mosul market",
            killed=5,
            source="Reuters",
            minutes=241,
        )
    )
    assert [r.status for r in feed([first, again])] == ["new", "update"]


def test_a_different_type_place_or_time_starts_another_incident() -> None:
    """An advance, an attack 80 km away, or one a day later are separate incidents."""
    base = outlet_report(0)
    advance = Report.from_event(
        make_event("x1", "Car bomb kills five at Mosul market", type_=EventType.ADVANCE)
    )
    erbil = Report.from_event(make_event("x2", "Car bomb kills five at Erbil market", place=ERBIL))
    later = Report.from_event(make_event("x3", "Car bomb kills five at Mosul market", minutes=1440))
    results = feed([base, advance, erbil, later])
    assert [r.status for r in results] == ["new"] * 4
    assert len({r.incident.id for r in results}) == 4


def test_unrelated_headlines_in_the_same_city_stay_apart() -> None:
    """No shared words: a bombing and a kidnapping in Mosul the same hour are two incidents."""
    other = Report.from_event(make_event("x", "Gunmen abduct doctors near university hospital"))
    results = feed([outlet_report(0), other])
    assert [r.status for r in results] == ["new", "new"]


def test_reprocessing_a_report_changes_nothing_and_repeats_its_decision() -> None:
    """At-least-once replays: same incident id, same status, no extra report counted."""
    first = feed([outlet_report(0), outlet_report(1, killed=7)])
    stored = first[-1].incidents
    replay = feed([outlet_report(1, killed=7)], stored)[0]
    assert replay.replay
    assert replay.status == "update"
    assert replay.incident == first[-1].incident
    assert replay.incidents == stored


def test_grouping_is_deterministic() -> None:
    """The same reports in the same order give the same incident id."""
    reports = [outlet_report(i) for i in range(3)]
    assert feed(reports)[-1].incident == feed(reports)[-1].incident


def test_similarity_is_the_share_of_the_reports_words_already_seen() -> None:
    """Two of four words known → 0.5; no words → 0."""
    assert similarity(frozenset({"car", "bomb", "mosul", "market"}), ["car", "bomb"]) == 0.5
    assert similarity(frozenset(), ["car"]) == 0.0
