"""One event through the rules: match, group into incidents, then silence or inhibit (pure)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from schemas import Alert, Event
from stream.core.incidents import Incident, Report, group_report, mark_muted
from stream.core.rules import Rule, RuleSet, alert_labels, build_alert, matching_rules
from stream.core.silences import ActiveSource, Silence, inhibited_by, silenced_by

__all__ = ["EventOutcome", "RuleOutcome", "decide", "group_key", "partition_key"]


def partition_key(event: Event) -> str:
    """Events of one country are processed together (incidents and inhibition are local)."""
    focus = event.focus
    return (focus.country_code or "-").upper() if focus else "-"


def group_key(rule: str, event: Event) -> str:
    """The incidents-table key: the rule and the event's country."""
    return f"{rule}|{partition_key(event)}"


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """What one matching rule did with the event."""

    rule: Rule
    group_key: str
    incidents: list[Incident]
    alert: Alert | None
    muted_by: str | None = None
    replay: bool = False
    incident_id: str = ""


@dataclass(frozen=True, slots=True)
class EventOutcome:
    """Per-rule outcomes and the inhibiting alerts to keep for the event's country."""

    rules: list[RuleOutcome] = field(default_factory=list)
    sources: list[ActiveSource] = field(default_factory=list)

    @property
    def published(self) -> list[tuple[Rule, Alert]]:
        """Alerts to publish: neither folded into an incident nor muted."""
        return [
            (outcome.rule, outcome.alert)
            for outcome in self.rules
            if outcome.alert is not None and outcome.muted_by is None
        ]


def decide(
    rule_set: RuleSet,
    event: Event,
    *,
    incidents_for: Callable[[str], Sequence[Incident]],
    sources: Sequence[ActiveSource],
    silences: Sequence[Silence],
    now: datetime,
) -> EventOutcome:
    """Run the event through every matching rule; deterministic given the same state."""
    report = Report.from_event(event)
    active = [source for source in sources if source.until > report.at]
    outcomes: list[RuleOutcome] = []
    for rule in matching_rules(rule_set.rules, event):
        key = group_key(rule.name, event)
        grouping = group_report(incidents_for(key), rule.name, report, rule.group)
        if grouping.status == "none":
            outcomes.append(
                RuleOutcome(
                    rule, key, grouping.incidents, None, None, grouping.replay, grouping.incident.id
                )
            )
            continue
        incident = grouping.incident
        alert = build_alert(
            rule,
            event,
            incident_id=incident.id,
            status=grouping.status,
            now=now,
            reports=incident.reports,
            sources=incident.sources,
        )
        labels = alert_labels(rule, alert.severity, event)
        muted_by: str | None = None
        silence = silenced_by(silences, labels, now)
        inhibitor = inhibited_by(rule_set.inhibit_rules, active, labels, report.at)
        if silence is not None:
            muted_by = f"silence:{silence.id}"
        elif inhibitor is not None:
            muted_by = f"inhibited:{inhibitor.alert_id}"
        else:
            for inhibit in rule_set.inhibit_rules:
                if inhibit.is_source(labels):
                    until = report.at + timedelta(seconds=inhibit.duration_s)
                    active = [s for s in active if s.alert_id != alert.id]
                    active.append(ActiveSource(alert_id=alert.id, labels=labels, until=until))
        stored = grouping.incidents
        if muted_by is not None and not grouping.replay:
            stored = mark_muted(stored, incident.id, grouping.status)
        outcomes.append(
            RuleOutcome(rule, key, stored, alert, muted_by, grouping.replay, incident.id)
        )
    return EventOutcome(outcomes, active)
