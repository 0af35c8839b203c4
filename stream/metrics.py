"""Every Prometheus metric of the service, declared once, on an injectable registry."""

from __future__ import annotations

import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Protocol

import pycountry
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

from schemas import Severity
from stream import __version__
from stream.core.intake_reasons import IntakeReason

__all__ = [
    "ALERT_DEAD_LETTER_REASONS",
    "LATENCY_BUCKETS_S",
    "NO_RECEIVER",
    "UNKNOWN_COUNTRY",
    "WEBHOOK_OUTCOMES",
    "WEBHOOK_STATUS_CLASSES",
    "Metrics",
    "NamedRule",
    "country_label",
    "status_class",
]

LATENCY_BUCKETS_S = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
WEBHOOK_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
ALERT_DEAD_LETTER_REASONS = ("internal_error", "invalid_event")
WEBHOOK_STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx", "error")
WEBHOOK_OUTCOMES = ("delivered", "exhausted", "gone")
NO_RECEIVER = "none"
UNKNOWN_COUNTRY = "unknown"
_COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)


class NamedRule(Protocol):
    """Anything with a rule name (the alert rules, whatever their other fields)."""

    @property
    def name(self) -> str:
        """The rule's name, the `rule` label of the alert metrics."""
        ...


def country_label(code: str | None) -> str:
    """An ISO 3166-1 alpha-2 code, or 'unknown': the country label stays bounded."""
    normalised = (code or "").strip().upper()
    return normalised if normalised in _COUNTRY_CODES else UNKNOWN_COUNTRY


def status_class(status: int | None) -> str:
    """'2xx'..'5xx' for an HTTP status, 'error' when no response came back."""
    if status is None or not 200 <= status <= 599:
        return "error"
    return f"{status // 100}xx"


@dataclass(frozen=True)
class Metrics:
    """The service's metrics; build with `Metrics.create(registry)`."""

    registry: CollectorRegistry
    articles_consumed: Counter
    articles_parsed: Counter
    articles_dead_lettered: Counter
    articles_duplicate: Counter
    events: Counter
    alerts: Counter
    alerts_muted: Counter
    analysis_seconds: Histogram
    end_to_end_seconds: Histogram
    build_info: Info
    consumer_lag: Gauge
    rebalances: Counter
    assigned_partitions: Gauge
    webhook_attempts: Counter
    webhook_deliveries: Counter
    webhook_delivery_seconds: Histogram
    _children: dict[tuple[str, str, str], Counter] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> Metrics:
        """Declare every metric on `registry` (a fresh one when None)."""
        registry = registry if registry is not None else CollectorRegistry()
        build_info = Info("conflict_alerts_build", "Worker build information.", registry=registry)
        build_info.info(
            {
                "version": __version__,
                "python": platform.python_version(),
                "faust": metadata.version("faust-streaming"),
            }
        )
        return cls(
            registry=registry,
            articles_consumed=Counter(
                "conflict_alerts_articles_consumed_total",
                "Messages read from the input topic.",
                registry=registry,
            ),
            articles_parsed=Counter(
                "conflict_alerts_articles_parsed_total",
                "Messages parsed into articles (related headlines included).",
                registry=registry,
            ),
            articles_dead_lettered=Counter(
                "conflict_alerts_articles_dead_lettered_total",
                "Messages sent to the dead-letter topic, by reason.",
                ["reason"],
                registry=registry,
            ),
            articles_duplicate=Counter(
                "conflict_alerts_articles_duplicate_total",
                "Articles dropped as duplicates.",
                registry=registry,
            ),
            events=Counter(
                "conflict_alerts_events_total",
                "Events published, by primary type and focus country (ISO 3166-1 alpha-2).",
                ["type", "country"],
                registry=registry,
            ),
            alerts=Counter(
                "conflict_alerts_alerts_total",
                "Alerts published, by rule and severity.",
                ["rule", "severity"],
                registry=registry,
            ),
            alerts_muted=Counter(
                "conflict_alerts_alerts_muted_total",
                "Alerts held back by a silence or an inhibition rule, by rule and reason.",
                ["rule", "reason"],
                registry=registry,
            ),
            analysis_seconds=Histogram(
                "conflict_alerts_analysis_seconds",
                "Time to analyse one article.",
                buckets=LATENCY_BUCKETS_S,
                registry=registry,
            ),
            end_to_end_seconds=Histogram(
                "conflict_alerts_end_to_end_seconds",
                "From the article's arrival on the input topic to the alert's publication.",
                buckets=LATENCY_BUCKETS_S,
                registry=registry,
            ),
            build_info=build_info,
            consumer_lag=Gauge(
                "conflict_alerts_consumer_lag",
                "Messages not yet committed (end offset minus committed), per topic-partition.",
                ["topic", "partition"],
                registry=registry,
            ),
            rebalances=Counter(
                "conflict_alerts_rebalances_total",
                "Consumer group rebalances this worker took part in (partitions assigned).",
                registry=registry,
            ),
            assigned_partitions=Gauge(
                "conflict_alerts_assigned_partitions",
                "Topic-partitions currently assigned to this worker.",
                registry=registry,
            ),
            webhook_attempts=Counter(
                "conflict_alerts_webhook_attempts_total",
                "Webhook HTTP attempts, by receiver and response status class.",
                ["receiver", "status_class"],
                registry=registry,
            ),
            webhook_deliveries=Counter(
                "conflict_alerts_webhook_deliveries_total",
                "Webhook deliveries finished, by receiver and outcome.",
                ["receiver", "outcome"],
                registry=registry,
            ),
            webhook_delivery_seconds=Histogram(
                "conflict_alerts_webhook_delivery_seconds",
                "From an alert's publication to its webhook delivery, by receiver.",
                ["receiver"],
                buckets=WEBHOOK_BUCKETS_S,
                registry=registry,
            ),
        )

    def initialise(self, rules: Iterable[NamedRule], receivers: Iterable[str] = ()) -> None:
        """Create the labelled series operators query, at zero, before anything happens."""
        for reason in (*IntakeReason, *ALERT_DEAD_LETTER_REASONS):
            self.articles_dead_lettered.labels(reason=str(reason))
        for rule in rules:
            for severity in Severity:
                self.alerts.labels(rule=rule.name, severity=severity.value)
        for receiver in tuple(receivers) or (NO_RECEIVER,):
            for klass in WEBHOOK_STATUS_CLASSES:
                self.webhook_attempts.labels(receiver=receiver, status_class=klass)
            for outcome in WEBHOOK_OUTCOMES:
                self.webhook_deliveries.labels(receiver=receiver, outcome=outcome)
            self.webhook_delivery_seconds.labels(receiver=receiver)

    def record_event(self, event_type: str, country_code: str | None) -> None:
        """Count one published event under its type and bounded country label."""
        key = ("event", event_type, country_label(country_code))
        child = self._children.get(key)
        if child is None:
            child = self.events.labels(type=event_type, country=key[2])
            self._children[key] = child
        child.inc()

    def record_alert(self, rule: str, severity: str) -> None:
        """Count one published alert under its rule and severity."""
        key = ("alert", rule, severity)
        child = self._children.get(key)
        if child is None:
            child = self.alerts.labels(rule=rule, severity=severity)
            self._children[key] = child
        child.inc()
