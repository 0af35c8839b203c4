"""Every Prometheus metric of the service, declared once, on an injectable registry."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

from stream import __version__

__all__ = ["LATENCY_BUCKETS_S", "Metrics"]

LATENCY_BUCKETS_S = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


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
    analysis_seconds: Histogram
    end_to_end_seconds: Histogram
    build_info: Info
    consumer_lag: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> Metrics:
        """Declare every metric on `registry` (a fresh one when None)."""
        registry = registry if registry is not None else CollectorRegistry()
        build_info = Info("conflict_alerts_build", "Worker build information.", registry=registry)
        build_info.info({"version": __version__})
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
                "Events published, by primary type and focus country.",
                ["type", "country"],
                registry=registry,
            ),
            alerts=Counter(
                "conflict_alerts_alerts_total",
                "Alerts published, by rule and severity.",
                ["rule", "severity"],
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
                "Messages not yet committed, per topic and partition.",
                ["topic", "partition"],
                registry=registry,
            ),
        )
