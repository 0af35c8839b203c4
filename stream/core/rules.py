"""Alert rules: which events raise alerts, with what severity, routed where (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from schemas import Alert, AlertEvent, Event, EventType, Severity
from stream.core.rules_config import (
    DeliveryPolicy,
    Match,
    Receiver,
    RuleConfig,
    RuleSetConfig,
    SeverityCase,
    SeverityPolicy,
)
from stream.core.rules_load import parse_rules_text
from stream.core.silences import InhibitRule
from stream.errors import RulesError

__all__ = [
    "DEFAULT_RULES",
    "Rule",
    "RuleSet",
    "alert_id_for",
    "alert_labels",
    "build_alert",
    "load_rule_set",
    "load_rules",
    "matching_rules",
    "severity_for",
    "summarize",
]

Rule = RuleConfig


@dataclass(frozen=True)
class RuleSet:
    """A validated rules file: rules in order, receivers by name, delivery and inhibition."""

    rules: tuple[Rule, ...]
    receivers: Mapping[str, Receiver] = field(default_factory=dict)
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    inhibit_rules: tuple[InhibitRule, ...] = ()

    @classmethod
    def from_config(cls, config: RuleSetConfig) -> RuleSet:
        """Index a validated file's receivers by name."""
        return cls(
            rules=config.rules,
            receivers={receiver.name: receiver for receiver in config.receivers},
            delivery=config.delivery,
            inhibit_rules=config.inhibit_rules,
        )

    @property
    def topics(self) -> list[str]:
        """Every per-rule topic, in order of first appearance."""
        return list(dict.fromkeys(topic for rule in self.rules for topic in rule.routes.topics))


def _default(name: str, kind: EventType, severity: Severity) -> Rule:
    """A built-in rule matching one type, with continue so labels fan out."""
    return Rule.model_validate(
        {"name": name, "match": {"types": [kind]}, "severity": severity, "continue": True}
    )


DEFAULT_RULES: tuple[Rule, ...] = (
    _default("attacks", EventType.ATTACK, Severity.CRITICAL),
    _default("advances", EventType.ADVANCE, Severity.WARNING),
    _default("threats", EventType.THREAT, Severity.WARNING),
)


def load_rule_set(path: Path, env: Mapping[str, str]) -> RuleSet:
    """Read and validate a rules YAML file; RulesError lists problems with line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulesError(str(path), [(None, f"cannot read: {error.strerror}")]) from error
    return RuleSet.from_config(parse_rules_text(text, str(path), env))


def load_rules(path: Path, env: Mapping[str, str] | None = None) -> tuple[Rule, ...]:
    """The rules of a rules file (see `load_rule_set` for receivers and inhibition)."""
    return load_rule_set(path, env or {}).rules


def _words(text: str) -> str:
    """Lower-case text with single spaces, padded for whole-phrase search."""
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def _event_text(event: Event) -> str:
    """The searchable text of an event: headline and evidence sentences."""
    parts = [event.article.title]
    parts += [evidence.sentence for label in event.labels for evidence in label.evidence]
    return _words(" ".join(parts))


def _casualties_ok(
    event: Event, killed: int | None, injured: int | None, total: int | None
) -> bool:
    """Minimum killed/injured/total conditions (unknown counts count as zero)."""
    dead = event.casualties.killed or 0
    hurt = event.casualties.injured or 0
    return (
        (killed is None or dead >= killed)
        and (injured is None or hurt >= injured)
        and (total is None or dead + hurt >= total)
    )


def _place_ok(match: Match, event: Event) -> bool:
    """Country, admin1, precision and geofence conditions on the event's focus."""
    focus = event.focus
    if not (match.countries or match.admin1 or match.precision or match.within):
        return True
    if focus is None:
        return False
    if match.countries and (focus.country_code or "").upper() not in match.countries:
        return False
    if match.admin1 and (focus.admin1 or "").casefold() not in {
        name.casefold() for name in match.admin1
    }:
        return False
    if match.precision and focus.precision not in match.precision:
        return False
    return not match.within or any(fence.contains(focus.lat, focus.lon) for fence in match.within)


def rule_matches(rule: Rule, event: Event) -> bool:
    """True when the event meets every condition of the rule."""
    match = rule.match
    if not any(
        label.label in match.types and label.score >= match.min_score for label in event.labels
    ):
        return False
    if match.actors:
        wanted = {actor.casefold() for actor in match.actors}
        if not any(actor.name.casefold() in wanted for actor in event.actors):
            return False
    if match.keywords:
        text = _event_text(event)
        if not any(_words(keyword) in text for keyword in match.keywords):
            return False
    return _casualties_ok(
        event, match.min_killed, match.min_injured, match.min_casualties
    ) and _place_ok(match, event)


def matching_rules(rules: Sequence[Rule], event: Event) -> list[Rule]:
    """Rules that match, in order; a match without `continue` stops the walk (Alertmanager)."""
    matched: list[Rule] = []
    for rule in rules:
        if rule_matches(rule, event):
            matched.append(rule)
            if not rule.continue_:
                break
    return matched


def _case_applies(case: SeverityCase, event: Event) -> bool:
    """True when the event meets a severity case's conditions."""
    if case.types and event.type not in case.types:
        return False
    if case.precision and (event.focus is None or event.focus.precision not in case.precision):
        return False
    return _casualties_ok(event, case.min_killed, case.min_injured, case.min_casualties)


def severity_for(policy: SeverityPolicy, event: Event) -> Severity:
    """The first applicable case's severity, else the default."""
    return next(
        (case.severity for case in policy.when if _case_applies(case, event)), policy.default
    )


def alert_id_for(rule: str, incident_id: str, event_id: str | None = None) -> str:
    """Deterministic alert id: an incident's first alert, or its update for one event."""
    basis = f"alert:{rule}:{incident_id}" + (f":{event_id}" if event_id else "")
    return f"alr_{hashlib.sha256(basis.encode()).hexdigest()[:24]}"


def summarize(event: Event) -> AlertEvent:
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


def alert_labels(rule: Rule, severity: Severity, event: Event) -> dict[str, str]:
    """The labels silences and inhibition rules match on."""
    focus = event.focus
    return {
        "rule": rule.name,
        "type": event.type.value,
        "severity": severity.value,
        "country": (focus.country_code or "") if focus else "",
        "admin1": (focus.admin1 or "") if focus else "",
        "place": focus.name if focus else "",
        "precision": focus.precision.value if focus else "",
        "source": event.article.source or "",
    }


def build_alert(
    rule: Rule,
    event: Event,
    *,
    incident_id: str,
    status: str,
    now: datetime,
    reports: int = 1,
    sources: Sequence[str] = (),
) -> Alert:
    """The alert for one report of an incident ('new' for the first, 'update' later)."""
    return Alert(
        id=alert_id_for(rule.name, incident_id, None if status == "new" else event.id),
        rule=rule.name,
        severity=severity_for(rule.severity, event),
        incident_key=incident_id,
        status=status,
        reports=reports,
        sources=list(sources),
        event=summarize(event),
        received_at=event.received_at,
        created_at=now,
    )
