"""Alert rules: which events raise alerts, with what severity, routed where."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from schemas import Alert, AlertEvent, Event, EventType, Severity
from stream.errors import RulesError

__all__ = ["DEFAULT_RULES", "Rule", "alert_id_for", "evaluate", "load_rules", "parse_rules"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule: match event types above a minimum score."""

    name: str
    types: frozenset[EventType]
    min_score: float = 0.5
    severity: Severity = Severity.WARNING
    topics: tuple[str, ...] = field(default_factory=tuple)

    def matches(self, event: Event) -> bool:
        """True when the event carries one of the rule's types with enough score."""
        return any(
            label.label in self.types and label.score >= self.min_score for label in event.labels
        )


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("attacks", frozenset({EventType.ATTACK}), 0.5, Severity.CRITICAL),
    Rule("advances", frozenset({EventType.ADVANCE}), 0.5, Severity.WARNING),
    Rule("threats", frozenset({EventType.THREAT}), 0.5, Severity.WARNING),
)

_RULE_KEYS = {"name", "types", "min_score", "severity", "topics"}


def parse_rules(document: Any, path: str = "<rules>") -> tuple[Rule, ...]:
    """Validate a loaded YAML document into rules; raise RulesError listing every problem."""
    problems: list[tuple[int | None, str]] = []
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RulesError(path, [(1, "expected a mapping with a 'rules' list")])
    rules: list[Rule] = []
    for index, raw in enumerate(document["rules"]):
        where = f"rules[{index}]"
        if not isinstance(raw, dict):
            problems.append((None, f"{where}: expected a mapping"))
            continue
        unknown = set(raw) - _RULE_KEYS
        if unknown:
            problems.append((None, f"{where}: unknown keys {sorted(unknown)}"))
        try:
            rules.append(
                Rule(
                    name=str(raw["name"]),
                    types=frozenset(EventType(t) for t in raw.get("types", [])),
                    min_score=float(raw.get("min_score", 0.5)),
                    severity=Severity(raw.get("severity", "warning")),
                    topics=tuple(str(t) for t in raw.get("topics", [])),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            problems.append((None, f"{where}: {error}"))
    if problems:
        raise RulesError(path, problems)
    return tuple(rules)


def load_rules(path: Path) -> tuple[Rule, ...]:
    """Read and validate a rules YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulesError(str(path), [(None, f"cannot read: {error.strerror}")]) from error
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RulesError(str(path), [(line, f"invalid YAML: {error}")]) from error
    return parse_rules(document, str(path))


def alert_id_for(rule: str, event_id: str) -> str:
    """Deterministic alert id: the same rule and event always give the same id."""
    digest = hashlib.sha256(f"alert:{rule}:{event_id}".encode()).hexdigest()
    return f"alr_{digest[:24]}"


def _summary(event: Event) -> AlertEvent:
    """The event summary carried by an alert."""
    focus = event.focus
    return AlertEvent(
        event_id=event.id,
        type=event.type,
        labels=[label.label for label in event.labels],
        title=event.article.title,
        place=focus.name if focus else None,
        lat=focus.lat if focus else None,
        lon=focus.lon if focus else None,
        country_code=focus.country_code if focus else None,
        admin1=focus.admin1 if focus else None,
        precision=focus.precision.value if focus else None,
        killed=event.casualties.killed,
        injured=event.casualties.injured,
        actors=[actor.name for actor in event.actors],
        article_id=event.article.id,
        url=event.article.url,
        source=event.article.source,
        published_at=event.article.published_at,
    )


def evaluate(rules: Sequence[Rule], event: Event, now: datetime) -> list[Alert]:
    """Return one alert per rule that matches the event."""
    return [
        Alert(
            id=alert_id_for(rule.name, event.id),
            rule=rule.name,
            severity=rule.severity,
            incident_key=event.id,
            event=_summary(event),
            received_at=event.received_at,
            created_at=now,
        )
        for rule in rules
        if rule.matches(event)
    ]
