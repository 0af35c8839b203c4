"""Composition root: build the Faust app, its topics and agents from Settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import faust

from stream.agents import Dependencies, Topics
from stream.alerting import AlertingWiring, build_alerting_agent
from stream.core.analysis import Analyzer
from stream.core.intake import parse_article, related_articles
from stream.core.rules import Rule
from stream.dedupe import build_deduplicating_agents
from stream.delivery_agent import build_delivery_agent
from stream.direct_topic import raw_topic
from stream.kafka_admin import BrokerProfile
from stream.lag import register_lag_monitor
from stream.metrics import Metrics
from stream.placement import Placement
from stream.rulebook import RuleBook
from stream.settings import Settings
from stream.silencing_web import register_silence_pages
from stream.web import Readiness, register_pages
from stream.web_ingest import register_ingest

__all__ = ["create_app"]


def create_app(
    settings: Settings,
    profile: BrokerProfile,
    analyzer: Analyzer,
    metrics: Metrics,
    partition_counts: Mapping[str, int],
    rules: tuple[Rule, ...] | None = None,
    book: RuleBook | None = None,
) -> faust.App:
    """Build the worker app: topics, agents and dependencies, nothing started yet
    (`partition_counts`: the broker's partition count of each topic the worker reads)."""
    book = book or RuleBook(settings.rules)
    rules = rules if rules is not None else book.current.rules
    app = faust.App(
        settings.app_id,
        broker=profile.url,
        datadir=str(settings.data_dir),
        store="memory://",
        producer_acks=-1,
        producer_linger=settings.producer_linger_s,
        producer_max_batch_size=settings.producer_max_batch_bytes,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        web_enabled=settings.web_enabled,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        **profile.options,
    )

    topics = Topics(
        articles=raw_topic(app, settings.topic_articles),
        dlq=raw_topic(app, settings.topic_dlq),
        events=raw_topic(app, settings.topic_events),
        alerts=raw_topic(app, settings.topic_alerts),
    )
    deps = Dependencies(
        analyzer=analyzer,
        parse=lambda raw: parse_article(raw, max_body_bytes=settings.max_body_bytes),
        related=related_articles,
        rules=rules,
        metrics=metrics,
        clock=lambda: datetime.now(UTC),
    )
    placement = Placement(settings.topic_partitions, partition_counts)
    build_deduplicating_agents(app, topics, deps, settings, placement)
    wiring = AlertingWiring.create(app, settings, book, placement)
    build_alerting_agent(app, topics, deps, wiring)
    build_delivery_agent(app, wiring, metrics, settings.topic_webhooks_dlq, deps.clock)
    register_silence_pages(app, settings, wiring.silences)
    metrics.initialise(rules, receivers=book.current.receivers)
    readiness = Readiness(rules_loaded=True)
    register_pages(app, metrics, readiness)
    register_ingest(app, settings, topics.articles)
    register_lag_monitor(app, settings, profile, metrics, readiness)
    return app
