"""Incident grouping: many outlets' reports of one incident become one alert plus updates."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas import Event, EventType
from stream.core.geo import haversine_km
from stream.core.rules_config import GroupPolicy

__all__ = [
    "Grouping",
    "Incident",
    "Report",
    "group_report",
    "incident_id_for",
    "mark_muted",
    "similarity",
]

Status = Literal["new", "update", "none"]
MAX_DECISIONS = 100
MAX_TOKENS = 80
MAX_OPEN = 64
_STOPWORDS = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "were",
        "was",
        "are",
        "has",
        "have",
        "had",
        "been",
        "after",
        "over",
        "into",
        "near",
        "said",
        "says",
        "say",
        "amid",
        "least",
        "more",
        "than",
        "their",
        "they",
        "them",
        "its",
        "his",
        "her",
        "who",
        "which",
        "what",
        "when",
        "will",
        "would",
        "could",
        "also",
        "about",
        "against",
        "during",
        "while",
    }
)


def _tokens(text: str) -> frozenset[str]:
    """Content words of a headline: lower-case, three letters or more, no stop words."""
    return (
        frozenset(word for word in re.findall(r"\w+", text.casefold()) if len(word) >= 3)
        - _STOPWORDS
    )


@dataclass(frozen=True, slots=True)
class Report:
    """What grouping needs to know about one event."""

    event_id: str
    type: EventType
    at: datetime
    lat: float | None
    lon: float | None
    place_id: str | None
    tokens: frozenset[str]
    killed: int | None
    injured: int | None
    source: str

    @classmethod
    def from_event(cls, event: Event) -> Report:
        """Take type, arrival time, focus, headline words, casualties and outlet."""
        focus = event.focus
        return cls(
            event_id=event.id,
            type=event.type,
            at=event.received_at,
            lat=focus.lat if focus else None,
            lon=focus.lon if focus else None,
            place_id=focus.place_id if focus else None,
            tokens=_tokens(event.article.title),
            killed=event.casualties.killed,
            injured=event.casualties.injured,
            source=event.article.source or event.article.id,
        )


class Incident(BaseModel):
    """The state of one incident, as stored in the incidents table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    rule: str
    type: EventType
    lat: float | None = None
    lon: float | None = None
    place_id: str | None = None
    first_at: datetime
    last_at: datetime
    tokens: list[str] = Field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    sources: list[str] = Field(default_factory=list)
    reports: int = 1
    notified_at: datetime
    notified_killed: int | None = None
    notified_injured: int | None = None
    notified_sources: int = 1
    muted_status: Literal["new", "update"] | None = Field(
        default=None, description="A notification a silence or inhibition held back."
    )
    decisions: dict[str, Status] = Field(
        default_factory=dict, description="Event id → the status it produced (replays reuse it)."
    )


@dataclass(frozen=True, slots=True)
class Grouping:
    """The outcome of grouping one report: the incidents to store and what to notify."""

    incidents: list[Incident]
    incident: Incident
    status: Status
    replay: bool = False


def incident_id_for(rule: str, first_event_id: str) -> str:
    """Deterministic incident id: the rule and the incident's first event."""
    return f"inc_{hashlib.sha256(f'{rule}:{first_event_id}'.encode()).hexdigest()[:20]}"


def similarity(report: frozenset[str], incident: Sequence[str]) -> float:
    """Share of the report's headline words already seen in the incident (0-1)."""
    if not report:
        return 0.0
    return len(report & set(incident)) / len(report)


def _close(incident: Incident, report: Report, policy: GroupPolicy) -> float | None:
    """The report's similarity to the incident when it may join it, else None."""
    if incident.type != report.type:
        return None
    window = timedelta(seconds=policy.window_s)
    if not incident.first_at - window <= report.at <= incident.last_at + window:
        return None
    score = similarity(report.tokens, incident.tokens)
    if None not in (incident.lat, incident.lon, report.lat, report.lon):
        distance = haversine_km(incident.lat, incident.lon, report.lat, report.lon)  # type: ignore[arg-type]
        near = distance <= policy.distance_km
    else:
        near = incident.place_id is not None and incident.place_id == report.place_id
        near = near or score >= max(policy.min_similarity, 0.5)
    return score if near and score >= policy.min_similarity else None


def _higher(new: int | None, old: int | None) -> bool:
    """True when a casualty figure rose (an unknown figure never rises)."""
    return new is not None and new > (old or 0)


def _largest(first: int | None, second: int | None) -> int | None:
    """The larger of two figures, either of which may be unknown."""
    known = [value for value in (first, second) if value is not None]
    return max(known) if known else None


def _remember(decisions: dict[str, Status], event_id: str, status: Status) -> dict[str, Status]:
    """Record a decision, keeping only the most recent ones."""
    kept = {**decisions, event_id: status}
    return dict(list(kept.items())[-MAX_DECISIONS:])


def _start(rule: str, report: Report) -> Incident:
    """A new incident whose first report raises the alert."""
    return Incident(
        id=incident_id_for(rule, report.event_id),
        rule=rule,
        type=report.type,
        lat=report.lat,
        lon=report.lon,
        place_id=report.place_id,
        first_at=report.at,
        last_at=report.at,
        tokens=sorted(report.tokens)[:MAX_TOKENS],
        killed=report.killed,
        injured=report.injured,
        sources=[report.source],
        notified_at=report.at,
        notified_killed=report.killed,
        notified_injured=report.injured,
        decisions={report.event_id: "new"},
    )


def _join(incident: Incident, report: Report, policy: GroupPolicy) -> tuple[Incident, Status]:
    """Fold a report into an incident and decide whether it notifies now."""
    sources = incident.sources + ([report.source] if report.source not in incident.sources else [])
    since = (report.at - incident.notified_at).total_seconds()
    if _higher(report.killed, incident.notified_killed) or _higher(
        report.injured, incident.notified_injured
    ):
        status: Status = "update"
    elif (
        len(sources) > incident.notified_sources and since >= policy.group_interval_s
    ) or since >= policy.repeat_interval_s:
        status = "update"
    else:
        status = "none"
    if incident.muted_status is not None:
        status = incident.muted_status
    killed = _largest(incident.killed, report.killed)
    injured = _largest(incident.injured, report.injured)
    merged = incident.model_copy(
        update={
            "last_at": max(incident.last_at, report.at),
            "tokens": sorted(set(incident.tokens) | report.tokens)[:MAX_TOKENS],
            "killed": killed,
            "injured": injured,
            "sources": sources,
            "reports": incident.reports + 1,
            "muted_status": None,
            "decisions": _remember(incident.decisions, report.event_id, status),
        }
    )
    if status == "update":
        merged = merged.model_copy(
            update={
                "notified_at": max(incident.notified_at, report.at),
                "notified_killed": killed,
                "notified_injured": injured,
                "notified_sources": len(sources),
            }
        )
    return merged, status


def mark_muted(incidents: Sequence[Incident], incident_id: str, status: Status) -> list[Incident]:
    """Remember that an incident's notification was muted: its next report notifies instead."""
    marked = []
    for incident in incidents:
        if incident.id == incident_id and status != "none":
            held = "new" if "new" in (status, incident.muted_status) else "update"
            incident = incident.model_copy(update={"muted_status": held})
        marked.append(incident)
    return marked


def group_report(
    incidents: Sequence[Incident], rule: str, report: Report, policy: GroupPolicy
) -> Grouping:
    """Join the report to the closest open incident or start one; replays change nothing."""
    for incident in incidents:
        if report.event_id in incident.decisions:
            status = incident.decisions[report.event_id]
            return Grouping(list(incidents), incident, status, replay=True)
    horizon = report.at - timedelta(seconds=2 * policy.window_s)
    open_ = [incident for incident in incidents if incident.last_at >= horizon]
    scored = [(_close(incident, report, policy), index) for index, incident in enumerate(open_)]
    candidates = [(score, index) for score, index in scored if score is not None]
    if not candidates:
        incident = _start(rule, report)
        return Grouping([*open_, incident][-MAX_OPEN:], incident, "new")
    _, best = max(candidates, key=lambda item: (item[0], -item[1]))
    incident, status = _join(open_[best], report, policy)
    stored = [*open_[:best], incident, *open_[best + 1 :]]
    return Grouping(stored, incident, status)
